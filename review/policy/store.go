package policy

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/emmansun/gmsm/sm3"

	"shenfa/assets"
	"shenfa/review/account"
	"shenfa/review/audit"
)

// Schema creates the policy table; the workflow's workspace migration
// includes it after account.Schema, whose settings table holds CurrentKey.
// A stored policy is never changed or deleted, so that a draft submitted
// under it can always be checked against exactly that text.
const Schema = `
CREATE TABLE policies (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	version     TEXT NOT NULL,
	source      TEXT NOT NULL,
	sm3         TEXT NOT NULL,
	imported_by TEXT NOT NULL,
	imported_at TEXT NOT NULL,
	UNIQUE (name, version)
);
CREATE TRIGGER policies_no_update BEFORE UPDATE ON policies
BEGIN
	SELECT RAISE(ABORT, 'stored review policies cannot be changed');
END;
CREATE TRIGGER policies_no_delete BEFORE DELETE ON policies
BEGIN
	SELECT RAISE(ABORT, 'stored review policies cannot be deleted');
END;
`

// CurrentKey is the settings key that holds the id of the policy in force.
const CurrentKey = "review_policy.current"

// ActionImport is the audit action of importing a policy or putting a
// stored one back in force.
const ActionImport = "policy.import"

// ID identifies a stored policy version.
type ID int64

// Errors of the policy store; the interface translates each of them.
var (
	ErrVersionTaken = errors.New("a different policy with this name and version is already stored")
	ErrNoPolicy     = errors.New("the workspace has no review policy")
	ErrNoSuchPolicy = errors.New("no such review policy")
	ErrAltered      = errors.New("a stored review policy no longer matches its SM3")
)

// Querier is what reading policies needs: a *sql.DB or a *sql.Tx.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Info describes one stored policy version.
type Info struct {
	ID         ID
	Name       string
	Version    string
	SM3        string
	ImportedBy string // sign-in name; empty for the built-in default
	ImportedAt time.Time
	Current    bool // the policy in force
}

// Default parses the policy shipped with Shenfa.
func Default() (*Policy, error) {
	p, err := Parse(assets.DefaultPolicy)
	if err != nil {
		return nil, fmt.Errorf("built-in review policy: %w", err)
	}
	return p, nil
}

// Import stores a policy file and puts it in force (secadmin), auditing it
// in tx. Importing a file already stored under its name and version is
// idempotent: it returns the stored id and, if another version is in force
// meanwhile, puts this one back. The same name and version with different
// content is refused: a new text needs a new version.
func Import(ctx context.Context, tx *sql.Tx, actor *account.Session, source []byte) (ID, error) {
	a, err := account.Authorize(ctx, tx, actor, account.ManagePolicies)
	if err != nil {
		return 0, err
	}
	p, err := Parse(source)
	if err != nil {
		return 0, err
	}
	return put(ctx, tx, a.Name, p, source)
}

// Activate puts a stored policy version back in force (secadmin).
func Activate(ctx context.Context, tx *sql.Tx, actor *account.Session, id ID) error {
	a, err := account.Authorize(ctx, tx, actor, account.ManagePolicies)
	if err != nil {
		return err
	}
	p, err := Load(ctx, tx, id)
	if err != nil {
		return err
	}
	_, err = put(ctx, tx, a.Name, p, nil)
	return err
}

// SeedDefault stores the built-in policy and puts it in force when the
// workspace has no policy yet; it returns the policy in force.
func SeedDefault(ctx context.Context, tx *sql.Tx) (ID, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM policies`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count review policies: %w", err)
	}
	if n > 0 {
		id, err := current(ctx, tx)
		if errors.Is(err, ErrNoPolicy) {
			err = nil // stored but none in force: a secadmin decides, not the seed
		}
		return id, err
	}
	p, err := Default()
	if err != nil {
		return 0, err
	}
	return put(ctx, tx, "", p, assets.DefaultPolicy)
}

// put stores p (unless source is nil: already stored), puts it in force and
// audits that, all in tx; putting the policy in force again changes nothing.
func put(ctx context.Context, tx *sql.Tx, actor string, p *Policy, source []byte) (ID, error) {
	var id ID
	var sum string
	err := tx.QueryRowContext(ctx, `SELECT id, sm3 FROM policies WHERE name = ? AND version = ?`,
		p.Name, p.Version).Scan(&id, &sum)
	switch {
	case errors.Is(err, sql.ErrNoRows) && source != nil:
		res, err := tx.ExecContext(ctx, `INSERT INTO policies(name, version, source, sm3, imported_by, imported_at)
			VALUES(?, ?, ?, ?, ?, ?)`, p.Name, p.Version, string(source), p.SM3, actor,
			time.Now().UTC().Format(time.RFC3339Nano))
		if err != nil {
			return 0, fmt.Errorf("store review policy %s: %w", p.Ident(), err)
		}
		n, _ := res.LastInsertId()
		id = ID(n)
	case errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("review policy %s: %w", p.Ident(), ErrNoSuchPolicy)
	case err != nil:
		return 0, fmt.Errorf("look up review policy %s: %w", p.Ident(), err)
	case sum != p.SM3:
		return 0, fmt.Errorf("review policy %s: %w", p.Ident(), ErrVersionTaken)
	}
	was, err := current(ctx, tx)
	if err != nil && !errors.Is(err, ErrNoPolicy) {
		return 0, err
	}
	if was == id {
		return id, nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES(?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, CurrentKey, strconv.FormatInt(int64(id), 10)); err != nil {
		return 0, fmt.Errorf("put review policy %s in force: %w", p.Ident(), err)
	}
	detail := fmt.Sprintf("%s %s sm3 %s", p.Name, p.Version, p.SM3)
	if sum != "" {
		detail += ", stored before, in force again"
	}
	if actor == "" {
		detail = "built-in, " + detail
	}
	_, err = audit.Append(ctx, tx, audit.Event{Actor: actor, Action: ActionImport, Target: p.Name, Detail: detail})
	return id, err
}

func current(ctx context.Context, q Querier) (ID, error) {
	var s string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, CurrentKey).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNoPolicy
	}
	if err != nil {
		return 0, fmt.Errorf("read the review policy in force: %w", err)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("setting %s = %q: %w", CurrentKey, s, ErrNoSuchPolicy)
	}
	return ID(n), nil
}

// Current returns the policy in force.
func Current(ctx context.Context, q Querier) (ID, *Policy, error) {
	id, err := current(ctx, q)
	if err != nil {
		return 0, nil, err
	}
	p, err := Load(ctx, q, id)
	return id, p, err
}

// Source returns a stored policy's file exactly as it was imported.
func Source(ctx context.Context, q Querier, id ID) ([]byte, error) {
	src, _, err := read(ctx, q, id)
	return src, err
}

// read returns a stored policy's file and the name and version stored
// beside it, after checking the file against its SM3.
func read(ctx context.Context, q Querier, id ID) ([]byte, [2]string, error) {
	var src, sum string
	var ident [2]string
	err := q.QueryRowContext(ctx, `SELECT source, sm3, name, version FROM policies WHERE id = ?`, id).
		Scan(&src, &sum, &ident[0], &ident[1])
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ident, fmt.Errorf("review policy %d: %w", id, ErrNoSuchPolicy)
	}
	if err != nil {
		return nil, ident, fmt.Errorf("read review policy %d: %w", id, err)
	}
	if got := sm3.Sum([]byte(src)); hex.EncodeToString(got[:]) != sum {
		return nil, ident, fmt.Errorf("review policy %d: %w", id, ErrAltered)
	}
	return []byte(src), ident, nil
}

// Load returns a stored policy version, whether or not it is in force. Its
// text is checked against the SM3 recorded at import.
func Load(ctx context.Context, q Querier, id ID) (*Policy, error) {
	src, ident, err := read(ctx, q, id)
	if err != nil {
		return nil, err
	}
	p, err := Parse(src)
	if err != nil {
		return nil, fmt.Errorf("stored review policy %d: %w", id, err)
	}
	if p.Name != ident[0] || p.Version != ident[1] {
		return nil, fmt.Errorf("review policy %d: stored as %s %s: %w", id, ident[0], ident[1], ErrAltered)
	}
	return p, nil
}

// List returns every stored policy version, oldest first.
func List(ctx context.Context, q Querier) ([]Info, error) {
	cur, err := current(ctx, q)
	if err != nil && !errors.Is(err, ErrNoPolicy) {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name, version, sm3, imported_by, imported_at FROM policies ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list review policies: %w", err)
	}
	defer rows.Close()
	var out []Info
	for rows.Next() {
		var i Info
		var at string
		if err := rows.Scan(&i.ID, &i.Name, &i.Version, &i.SM3, &i.ImportedBy, &at); err != nil {
			return nil, fmt.Errorf("list review policies: %w", err)
		}
		i.ImportedAt, _ = time.Parse(time.RFC3339Nano, at)
		i.Current = i.ID == cur
		out = append(out, i)
	}
	return out, rows.Err()
}
