package drafts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"shenfa/review/account"
)

// Task is one draft waiting for the user, and why.
type Task struct {
	Draft Draft
	// Step is the step the user signs; empty for the author's own tasks.
	Step Step
	// Why says what is expected: "sign", "answer" (需报审), "revise"
	// (returned), "publish" (approved), "submit" (being written).
	Why     string
	Overdue bool
}

// Inbox lists what waits for the user under each of their roles (待办):
// drafts at a step they may sign, held drafts waiting for the 保密工作部门's
// answer, their returned drafts, their approved drafts to record as
// published and the drafts they are writing — overdue ones (planned
// publish time passed) first, then by planned time. It returns one page
// (limit 0 for DefaultLimit) and the number of tasks in all.
func (s *Store) Inbox(ctx context.Context, sess *account.Session, offset, limit int) ([]Task, int, error) {
	u, err := s.accounts.Get(ctx, sess.User.ID)
	if err != nil {
		return nil, 0, err
	}
	if u.Disabled {
		return nil, 0, account.ErrForbidden
	}
	query, args := inboxQuery(u, s.stamp())
	if query == "" {
		return nil, 0, nil
	}
	var total int
	if err := s.db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM (`+query+`)`, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count the inbox of %s: %w", u.Name, err)
	}
	if limit <= 0 {
		limit = DefaultLimit
	}
	rows, err := s.db.SQL.QueryContext(ctx, query+` ORDER BY overdue DESC, planned, updated LIMIT ? OFFSET ?`,
		append(args, limit, max(offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("inbox of %s: %w", u.Name, err)
	}
	defer rows.Close()
	var tasks []Task
	now := s.now()
	for rows.Next() {
		var t Task
		var overdue int
		var planned, updated string
		d, err := scanDraft(scanExtra(rows, &t.Why, &overdue, &planned, &updated))
		if err != nil {
			return nil, 0, err
		}
		t.Draft, t.Overdue = d, d.Overdue(now)
		if t.Why == "sign" || t.Why == "answer" {
			t.Step = d.Step
		}
		tasks = append(tasks, t)
	}
	return tasks, total, rows.Err()
}

// inboxQuery builds the union of the user's tasks; "" when they have none.
func inboxQuery(u account.User, now string) (string, []any) {
	order := `, CASE WHEN d.planned_at <> '' AND d.planned_at < ? THEN 1 ELSE 0 END AS overdue,
		CASE WHEN d.planned_at = '' THEN '9999' ELSE d.planned_at END AS planned, d.updated_at AS updated`
	var parts []string
	var args []any
	var steps []string
	for _, st := range []Step{Tier1, Tier2, Tier3, Secrecy} {
		if u.Can(st.Permission()) {
			steps = append(steps, "'"+string(st)+"'")
		}
	}
	if len(steps) > 0 {
		parts = append(parts, `SELECT `+draftColumns+`, CASE d.status WHEN 'held' THEN 'answer' ELSE 'sign' END AS why`+order+draftJoins+`
			WHERE d.status IN ('review', 'held') AND d.step IN (`+strings.Join(steps, ", ")+`) AND d.author_id <> ?
			AND d.assignee_id IN (0, ?) AND NOT EXISTS (SELECT 1 FROM signoffs so WHERE so.signer_id = ? AND so.draft_id = d.id AND so.step <> d.step)`)
		args = append(args, now, u.ID, u.ID, u.ID)
	}
	if u.Can(account.WriteDraft) {
		parts = append(parts, `SELECT `+draftColumns+`, CASE d.status WHEN 'returned' THEN 'revise' WHEN 'approved' THEN 'publish'
			ELSE 'submit' END AS why`+order+draftJoins+` WHERE d.author_id = ? AND d.status IN ('returned', 'approved', 'draft')`)
		args = append(args, now, u.ID)
	}
	return strings.Join(parts, " UNION ALL "), args
}

// extraScanner scans a draft row followed by more columns.
type extraScanner struct {
	r     rowScanner
	extra []any
}

func scanExtra(r rowScanner, extra ...any) rowScanner { return extraScanner{r, extra} }

func (e extraScanner) Scan(dest ...any) error { return e.r.Scan(append(dest, e.extra...)...) }

// Filter selects drafts for the list (稿件).
type Filter struct {
	Status   Status
	Channel  int64
	Grade    string
	Author   int64
	From, To time.Time // created within [From, To), zero for open ends
	Title    string    // a part of the title
	Offset   int
	Limit    int // 0 for DefaultLimit
}

// DefaultLimit is the page size of List.
const DefaultLimit = 50

// List returns one page of the drafts matching f, newest first, and how
// many match in all.
func (s *Store) List(ctx context.Context, sess *account.Session, f Filter) ([]Draft, int, error) {
	if !sess.User.Can(account.ReadDrafts) {
		return nil, 0, account.ErrForbidden
	}
	where, args := f.where()
	var total int
	if err := s.db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM drafts d`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count drafts: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT `+draftColumns+draftJoins+where+
		` ORDER BY d.updated_at DESC, d.id DESC LIMIT ? OFFSET ?`, append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("list drafts: %w", err)
	}
	defer rows.Close()
	var ds []Draft
	for rows.Next() {
		d, err := scanDraft(rows)
		if err != nil {
			return nil, 0, err
		}
		ds = append(ds, d)
	}
	return ds, total, rows.Err()
}

func (f Filter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a any) {
		conds = append(conds, cond)
		args = append(args, a)
	}
	if f.Status != "" {
		add("d.status = ?", f.Status)
	}
	if f.Channel != 0 {
		add("d.channel_id = ?", f.Channel)
	}
	if f.Grade != "" {
		add("d.grade = ?", f.Grade)
	}
	if f.Author != 0 {
		add("d.author_id = ?", f.Author)
	}
	if !f.From.IsZero() {
		add("d.created_at >= ?", f.From.UTC().Format(timeFormat))
	}
	if !f.To.IsZero() {
		add("d.created_at < ?", f.To.UTC().Format(timeFormat))
	}
	if t := strings.TrimSpace(f.Title); t != "" {
		add(`d.title LIKE ? ESCAPE '\'`, "%"+strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(t)+"%")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Event is one entry of a draft's timeline.
type Event struct {
	Kind    string // submit, withdraw, revise, return, redact, exempt, escalate, answer, delegate, publish
	Round   int
	Version int
	Actor   string
	Step    Step
	Target  string // the step returned to, "author", the delegate's name, the published URL
	Reason  string
	At      time.Time
}

// Events lists a draft's timeline, oldest first.
func (s *Store) Events(ctx context.Context, id int64) ([]Event, error) {
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT e.kind, e.round, e.version, u.name, e.step, e.target, e.reason, e.at
		FROM draft_events e JOIN users u ON u.id = e.actor_id WHERE e.draft_id = ? ORDER BY e.id`, id)
	if err != nil {
		return nil, fmt.Errorf("events of draft %d: %w", id, err)
	}
	defer rows.Close()
	var es []Event
	for rows.Next() {
		var e Event
		var at string
		if err := rows.Scan(&e.Kind, &e.Round, &e.Version, &e.Actor, &e.Step, &e.Target, &e.Reason, &at); err != nil {
			return nil, err
		}
		e.At, _ = time.Parse(timeFormat, at)
		es = append(es, e)
	}
	return es, rows.Err()
}
