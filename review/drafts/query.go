package drafts

import (
	"context"
	"fmt"
	"slices"
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
// drafts at a step they may sign, their returned drafts, their approved
// drafts to record as published and the drafts they are writing — overdue
// ones (planned publish time passed) first.
func (s *Store) Inbox(ctx context.Context, sess *account.Session) ([]Task, error) {
	u, err := s.accounts.Get(ctx, sess.User.ID)
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, account.ErrForbidden
	}
	var tasks []Task
	for _, step := range []Step{Tier1, Tier2, Tier3, Secrecy} {
		if !u.Can(step.Permission()) {
			continue
		}
		ts, err := s.stepTasks(ctx, u, step)
		if err != nil {
			return nil, err
		}
		tasks = append(tasks, ts...)
	}
	if u.Can(account.WriteDraft) {
		ts, err := s.authorTasks(ctx, u)
		if err != nil {
			return nil, err
		}
		tasks = append(tasks, ts...)
	}
	now := s.now()
	for i := range tasks {
		tasks[i].Overdue = tasks[i].Draft.Overdue(now)
	}
	sortTasks(tasks)
	return tasks, nil
}

func (s *Store) stepTasks(ctx context.Context, u account.User, step Step) ([]Task, error) {
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT `+draftColumns+draftJoins+`
		WHERE d.status IN ('review', 'held') AND d.step = ? AND d.author_id <> ? AND d.assignee_id IN (0, ?)
		AND NOT EXISTS (SELECT 1 FROM signoffs so WHERE so.draft_id = d.id AND so.signer_id = ? AND so.step <> ?)`,
		step, u.ID, u.ID, u.ID, step)
	if err != nil {
		return nil, fmt.Errorf("inbox of %s: %w", u.Name, err)
	}
	defer rows.Close()
	var ts []Task
	for rows.Next() {
		d, err := scanDraft(rows)
		if err != nil {
			return nil, err
		}
		why := "sign"
		if d.Status == Held {
			why = "answer"
		}
		ts = append(ts, Task{Draft: d, Step: step, Why: why})
	}
	return ts, rows.Err()
}

func (s *Store) authorTasks(ctx context.Context, u account.User) ([]Task, error) {
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT `+draftColumns+draftJoins+`
		WHERE d.author_id = ? AND d.status IN ('returned', 'approved', 'draft')`, u.ID)
	if err != nil {
		return nil, fmt.Errorf("inbox of %s: %w", u.Name, err)
	}
	defer rows.Close()
	var ts []Task
	for rows.Next() {
		d, err := scanDraft(rows)
		if err != nil {
			return nil, err
		}
		why := map[Status]string{Returned: "revise", Approved: "publish", Editing: "submit"}[d.Status]
		ts = append(ts, Task{Draft: d, Why: why})
	}
	return ts, rows.Err()
}

// sortTasks puts overdue tasks first, then by planned time (unplanned
// last), then the longest waiting.
func sortTasks(ts []Task) {
	key := func(t Task) (int, time.Time, time.Time) {
		o := 1
		if t.Overdue {
			o = 0
		}
		p := t.Draft.PlannedAt
		if p.IsZero() {
			p = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		return o, p, t.Draft.UpdatedAt
	}
	slices.SortStableFunc(ts, func(a, b Task) int {
		ao, ap, au := key(a)
		bo, bp, bu := key(b)
		switch {
		case ao != bo:
			return ao - bo
		case !ap.Equal(bp):
			return ap.Compare(bp)
		}
		return au.Compare(bu)
	})
}

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
