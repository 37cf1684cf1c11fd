package drafts

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"shenfa/review/account"
	"shenfa/review/audit"
)

// RepostSource names where a repost comes from (稿源、原标题、原链接).
type RepostSource struct {
	Name, Title, URL string
}

// Draft is a draft and where it stands.
type Draft struct {
	ID           int64
	Title        string
	Channel      Channel
	Grade        string
	Kind         Kind
	Source       RepostSource
	AuthorID     int64
	Author       string // sign-in name
	AuthorName   string // the person's name
	PlannedAt    time.Time
	Status       Status
	PolicyID     int64 // the policy of the current round; 0 before the first submission
	Round        int   // submissions so far
	StepIndex    int   // index of Step among the grade's steps
	Step         Step  // the step the draft is at, while InReview or Held
	AssigneeID   int64 // the holder the step was handed to, 0 for any holder
	Version      int   // current version
	PublishedAt  time.Time
	PublishedURL string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Overdue reports whether the planned publish time has passed while the
// draft is not yet published (or ended).
func (d Draft) Overdue(now time.Time) bool {
	return !d.PlannedAt.IsZero() && now.After(d.PlannedAt) && d.Status != Published && d.Status != Exempt
}

// NewDraft is what an author gives to create a draft.
type NewDraft struct {
	Title     string
	ChannelID int64
	Grade     string
	Kind      Kind
	Source    RepostSource
	PlannedAt time.Time // zero when not planned
	File      Source
}

func (n *NewDraft) check() error {
	n.Title = strings.TrimSpace(n.Title)
	n.Source = RepostSource{strings.TrimSpace(n.Source.Name), strings.TrimSpace(n.Source.Title), strings.TrimSpace(n.Source.URL)}
	switch {
	case n.Title == "" || n.ChannelID == 0 || n.Grade == "":
		return ErrBadDraft
	case n.Kind != Original && n.Kind != Repost:
		return ErrBadDraft
	case n.Kind == Repost && n.Source.Name == "":
		return ErrNoSource
	}
	return nil
}

// Create makes a draft and its first version (author).
func (s *Store) Create(ctx context.Context, sess *account.Session, n NewDraft) (int64, error) {
	if err := n.check(); err != nil {
		return 0, err
	}
	if !sess.User.Can(account.WriteDraft) {
		return 0, account.ErrForbidden
	}
	m, err := s.make(ctx, n.File)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.db.Write(ctx, func(tx *sql.Tx) error {
		u, err := account.Authorize(ctx, tx, sess, account.WriteDraft)
		if err != nil {
			return err
		}
		if err := s.checkGrade(ctx, tx, n.Grade); err != nil {
			return err
		}
		if _, err := channelIn(ctx, tx, n.ChannelID); err != nil {
			return err
		}
		now := s.stamp()
		res, err := tx.ExecContext(ctx, `INSERT INTO drafts(title, channel_id, grade, kind, source_name, source_title,
			source_url, author_id, planned_at, status, current_version, created_at, updated_at)
			VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`, n.Title, n.ChannelID, n.Grade, n.Kind, n.Source.Name,
			n.Source.Title, n.Source.URL, u.ID, stampOf(n.PlannedAt), Editing, now, now)
		if err != nil {
			return fmt.Errorf("create draft: %w", err)
		}
		id, _ = res.LastInsertId()
		if err := s.insertVersion(ctx, tx, id, 1, u.ID, n.File.Note, m); err != nil {
			return err
		}
		return s.record(ctx, tx, u, ActionDraftCreate, id, fmt.Sprintf("v1 %s text-sm3 %s", m.fileName, m.textSM3))
	})
	return id, err
}

func stampOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

func (s *Store) checkGrade(ctx context.Context, q Querier, grade string) error {
	p, err := s.policies.Current(ctx, q)
	if err != nil {
		return fmt.Errorf("review policy: %w", err)
	}
	if _, err := p.Steps(grade); err != nil {
		return fmt.Errorf("%w: %s", ErrBadGrade, grade)
	}
	return nil
}

func channelIn(ctx context.Context, q Querier, id int64) (Channel, error) {
	c := Channel{ID: id}
	err := q.QueryRowContext(ctx, `SELECT name, platform, unit FROM channels WHERE id = ?`, id).Scan(&c.Name, &c.Platform, &c.Unit)
	if err == sql.ErrNoRows {
		return c, ErrNoChannel
	}
	return c, err
}

// record appends the audit row of a draft transition.
func (s *Store) record(ctx context.Context, tx *sql.Tx, u account.User, action string, draft int64, detail string) error {
	_, err := audit.Append(ctx, tx, audit.Event{Actor: u.Name, Action: action, Target: "draft " + strconv.FormatInt(draft, 10), Detail: detail})
	return err
}

// Revise makes a new version from src. The author revises a draft that is
// being written, was returned, or was published (更正须重新审批: it goes
// through the steps again); the 初审 editor corrects the text at their
// step. expect is the version the reviser had open: if another window
// revised the draft meanwhile, the revision is refused.
func (s *Store) Revise(ctx context.Context, sess *account.Session, id int64, expect int, src Source) (int, error) {
	m, err := s.make(ctx, src)
	if err != nil {
		return 0, err
	}
	var number int
	err = s.db.Write(ctx, func(tx *sql.Tx) error {
		d, u, err := s.loadFor(ctx, tx, sess, id)
		if err != nil {
			return err
		}
		if d.Version != expect {
			return ErrStale
		}
		if err := s.mayRevise(ctx, tx, d, u); err != nil {
			return err
		}
		number = d.Version + 1
		if err := s.insertVersion(ctx, tx, id, number, u.ID, src.Note, m); err != nil {
			return err
		}
		old, err := loadVersion(ctx, tx, id, d.Version)
		if err != nil {
			return err
		}
		if err := carryComments(ctx, tx, id, d.Version, old.Text, m.text, number); err != nil {
			return err
		}
		status := d.Status
		if status == Published {
			status = Editing // a correction goes through the steps again
		}
		if err := s.update(ctx, tx, id, `status = ?, current_version = ?`, status, number); err != nil {
			return err
		}
		if err := s.event(ctx, tx, d, u, "revise", number, "", "", src.Note); err != nil {
			return err
		}
		return s.record(ctx, tx, u, ActionDraftRevise, id, fmt.Sprintf("v%d %s text-sm3 %s", number, m.fileName, m.textSM3))
	})
	return number, err
}

func (s *Store) mayRevise(ctx context.Context, tx *sql.Tx, d Draft, u account.User) error {
	switch {
	case d.AuthorID == u.ID && (d.Status == Editing || d.Status == Returned || d.Status == Published):
		return nil
	case d.Status == InReview && d.Step == Tier1 && u.Can(account.ReviewTier1) && d.AuthorID != u.ID:
		return s.maySign(ctx, tx, d, u, Tier1) // the 初审 editor corrects at their step
	case d.AuthorID != u.ID:
		return ErrNotAuthor
	}
	return ErrState
}

// update sets columns of a draft and its updated_at.
func (s *Store) update(ctx context.Context, tx *sql.Tx, id int64, set string, args ...any) error {
	args = append(args, s.stamp(), id)
	_, err := tx.ExecContext(ctx, `UPDATE drafts SET `+set+`, updated_at = ? WHERE id = ?`, args...)
	if err != nil {
		return fmt.Errorf("update draft %d: %w", id, err)
	}
	return nil
}

// Submit hands the current version to the first step of the draft's grade
// under the current policy (author). expect is the version the author saw.
func (s *Store) Submit(ctx context.Context, sess *account.Session, id int64, expect int) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		d, u, err := s.loadFor(ctx, tx, sess, id)
		if err != nil {
			return err
		}
		switch {
		case d.AuthorID != u.ID:
			return ErrNotAuthor
		case d.Status != Editing && d.Status != Returned:
			return ErrState
		case d.Version != expect:
			return ErrStale
		}
		var damaged bool
		if err := tx.QueryRowContext(ctx, `SELECT damaged FROM versions WHERE draft_id = ? AND number = ?`, id, d.Version).Scan(&damaged); err != nil {
			return err
		}
		if damaged {
			return ErrDamaged
		}
		p, err := s.policies.Current(ctx, tx)
		if err != nil {
			return fmt.Errorf("review policy: %w", err)
		}
		steps, err := p.Steps(d.Grade)
		if err != nil || len(steps) == 0 {
			return fmt.Errorf("%w: %s", ErrBadGrade, d.Grade)
		}
		d.Round++
		err = s.update(ctx, tx, id, `status = ?, policy_id = ?, round = ?, step_index = 0, step = ?, assignee_id = 0`,
			InReview, p.ID(), d.Round, steps[0])
		if err != nil {
			return err
		}
		if err := s.event(ctx, tx, d, u, "submit", d.Version, steps[0], "", ""); err != nil {
			return err
		}
		return s.record(ctx, tx, u, ActionDraftSubmit, id, fmt.Sprintf("v%d round %d policy %s %s", d.Version, d.Round, p.Name(), p.Version()))
	})
}

// Withdraw takes a submitted draft back before anyone signed it (撤回).
func (s *Store) Withdraw(ctx context.Context, sess *account.Session, id int64, reason string) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		d, u, err := s.loadFor(ctx, tx, sess, id)
		if err != nil {
			return err
		}
		if d.AuthorID != u.ID {
			return ErrNotAuthor
		}
		if d.Status != InReview {
			return ErrState
		}
		var n int
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM signoffs WHERE draft_id = ? AND round = ?`, id, d.Round).Scan(&n)
		if err != nil {
			return err
		}
		if n > 0 {
			return ErrWithdrawn
		}
		if err := s.update(ctx, tx, id, `status = ?, step = '', assignee_id = 0`, Editing); err != nil {
			return err
		}
		if err := s.event(ctx, tx, d, u, "withdraw", d.Version, d.Step, "", reason); err != nil {
			return err
		}
		return s.record(ctx, tx, u, ActionDraftWithdraw, id, strings.TrimSpace(reason))
	})
}

// Publish records that an approved draft went out (author): when, and
// optionally where. That date feeds the update-cadence statistics.
func (s *Store) Publish(ctx context.Context, sess *account.Session, id int64, at time.Time, url string) error {
	if at.IsZero() {
		at = s.now()
	}
	url = strings.TrimSpace(url)
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		d, u, err := s.loadFor(ctx, tx, sess, id)
		if err != nil {
			return err
		}
		if d.AuthorID != u.ID {
			return ErrNotAuthor
		}
		if d.Status != Approved {
			return ErrState
		}
		if err := s.update(ctx, tx, id, `status = ?, published_at = ?, published_url = ?`, Published, stampOf(at), url); err != nil {
			return err
		}
		if err := s.event(ctx, tx, d, u, "publish", d.Version, "", url, ""); err != nil {
			return err
		}
		return s.record(ctx, tx, u, ActionPublish, id, fmt.Sprintf("v%d at %s %s", d.Version, stampOf(at), url))
	})
}

// event appends a timeline entry of a draft.
func (s *Store) event(ctx context.Context, tx *sql.Tx, d Draft, u account.User, kind string, version int, step Step, target, reason string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO draft_events(draft_id, round, version, kind, actor_id, step, target, reason, at)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)`, d.ID, d.Round, version, kind, u.ID, step, target, strings.TrimSpace(reason), s.stamp())
	if err != nil {
		return fmt.Errorf("record %s of draft %d: %w", kind, d.ID, err)
	}
	return nil
}
