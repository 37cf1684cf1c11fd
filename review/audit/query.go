package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Querier runs read queries; *sql.DB, *sql.Tx and *sql.Conn satisfy it.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Filter selects audit rows. Zero fields select everything.
type Filter struct {
	Actor  string    // exact sign-in name
	Action string    // exact action name
	Text   string    // substring of target or detail
	From   time.Time // rows at or after From
	To     time.Time // rows before To
	Limit  int       // at most this many rows; 0 means no limit
	Offset int       // skip this many of the newest rows
}

// where turns f into an SQL condition and its arguments.
func (f Filter) where() (string, []any) {
	conds := []string{"1=1"}
	var args []any
	if f.Actor != "" {
		conds = append(conds, "actor = ?")
		args = append(args, f.Actor)
	}
	if f.Action != "" {
		conds = append(conds, "action = ?")
		args = append(args, f.Action)
	}
	if f.Text != "" {
		pat := "%" + escapeLike(f.Text) + "%"
		conds = append(conds, `(target LIKE ? ESCAPE '\' OR detail LIKE ? ESCAPE '\')`)
		args = append(args, pat, pat)
	}
	if !f.From.IsZero() {
		conds = append(conds, "at >= ?")
		args = append(args, f.From.UTC().Format(timeLayout))
	}
	if !f.To.IsZero() {
		conds = append(conds, "at < ?")
		args = append(args, f.To.UTC().Format(timeLayout))
	}
	return strings.Join(conds, " AND "), args
}

// escapeLike makes the user's text match literally, so that searching
// for "100%" does not match every row containing "100".
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// List returns the rows selected by f, newest first.
func List(ctx context.Context, q Querier, f Filter) ([]Entry, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return nil, errors.New("list audit: negative limit or offset")
	}
	cond, args := f.where()
	limit := -1 // SQLite: no limit
	if f.Limit > 0 {
		limit = f.Limit
	}
	args = append(args, limit, f.Offset)
	rows, err := q.QueryContext(ctx, `SELECT seq, at, actor, action, target, detail, prev, hash
		FROM audit WHERE `+cond+` ORDER BY seq DESC LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return nil, fmt.Errorf("list audit: %w", err)
		}
		out = append(out, r.entry())
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	return out, nil
}

// Count returns how many rows f selects, ignoring Limit and Offset.
func Count(ctx context.Context, q Querier, f Filter) (int, error) {
	cond, args := f.where()
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM audit WHERE `+cond, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count audit: %w", err)
	}
	return n, nil
}

// row is an audit row as stored. Text columns are read as NullString
// because rows written by raw SQL need not respect the schema's rules.
type row struct {
	seq                                           int64
	at, actor, action, target, detail, prev, hash sql.NullString
}

func scanRow(rows *sql.Rows) (row, error) {
	var r row
	err := rows.Scan(&r.seq, &r.at, &r.actor, &r.action, &r.target, &r.detail, &r.prev, &r.hash)
	return r, err
}

// valid reports whether no column is NULL; the hash cannot tell a NULL
// from an empty string.
func (r row) valid() bool {
	for _, s := range []sql.NullString{r.at, r.actor, r.action, r.target, r.detail, r.prev, r.hash} {
		if !s.Valid {
			return false
		}
	}
	return true
}

func (r row) entry() Entry {
	at, _ := time.Parse(time.RFC3339Nano, r.at.String) // zero if tampered; Verify says so
	return Entry{Seq: r.seq, At: at, Actor: r.actor.String, Action: r.action.String,
		Target: r.target.String, Detail: r.detail.String, Prev: r.prev.String, Hash: r.hash.String}
}
