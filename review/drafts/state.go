package drafts

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"shenfa/review/account"
)

// loadFor re-reads the actor and the draft inside tx.
func (s *Store) loadFor(ctx context.Context, tx *sql.Tx, sess *account.Session, id int64) (Draft, account.User, error) {
	u, err := account.Authorize(ctx, tx, sess, account.ReadDrafts)
	if err != nil {
		return Draft{}, u, err
	}
	d, err := loadDraft(ctx, tx, id)
	return d, u, err
}

const draftColumns = `d.id, d.title, d.channel_id, c.name, c.platform, c.unit, d.grade, d.kind, d.source_name,
	d.source_title, d.source_url, d.author_id, u.name, u.full_name, d.planned_at, d.status, d.policy_id, d.round,
	d.step_index, d.step, d.assignee_id, d.current_version, d.published_at, d.published_url, d.created_at, d.updated_at`

const draftJoins = ` FROM drafts d JOIN channels c ON c.id = d.channel_id JOIN users u ON u.id = d.author_id`

type rowScanner interface{ Scan(dest ...any) error }

func scanDraft(r rowScanner) (Draft, error) {
	var d Draft
	var planned, published, created, updated string
	err := r.Scan(&d.ID, &d.Title, &d.Channel.ID, &d.Channel.Name, &d.Channel.Platform, &d.Channel.Unit, &d.Grade,
		&d.Kind, &d.Source.Name, &d.Source.Title, &d.Source.URL, &d.AuthorID, &d.Author, &d.AuthorName, &planned,
		&d.Status, &d.PolicyID, &d.Round, &d.StepIndex, &d.Step, &d.AssigneeID, &d.Version, &published,
		&d.PublishedURL, &created, &updated)
	if err != nil {
		return d, err
	}
	d.PlannedAt, _ = time.Parse(timeFormat, planned)
	d.PublishedAt, _ = time.Parse(timeFormat, published)
	d.CreatedAt, _ = time.Parse(timeFormat, created)
	d.UpdatedAt, _ = time.Parse(timeFormat, updated)
	return d, nil
}

func loadDraft(ctx context.Context, q Querier, id int64) (Draft, error) {
	d, err := scanDraft(q.QueryRowContext(ctx, `SELECT `+draftColumns+draftJoins+` WHERE d.id = ?`, id))
	if err == sql.ErrNoRows {
		return d, ErrNotFound
	}
	if err != nil {
		return d, fmt.Errorf("load draft %d: %w", id, err)
	}
	return d, nil
}

// Get returns a draft.
func (s *Store) Get(ctx context.Context, id int64) (Draft, error) {
	return loadDraft(ctx, s.db.SQL, id)
}

// currentFindings is the findings list of the draft's current version with
// the waivers and acknowledgements of the sign-offs that still count: those
// of this round and version, approving, and not undone by a return to an
// earlier step.
func currentFindings(ctx context.Context, q Querier, d Draft, v Version) (Findings, error) {
	rows, err := q.QueryContext(ctx, `SELECT step_index, decision, return_to, findings FROM signoffs
		WHERE draft_id = ? AND round = ? AND version = ? ORDER BY seq`, d.ID, d.Round, v.Number)
	if err != nil {
		return Findings{}, fmt.Errorf("sign-offs of draft %d: %w", d.ID, err)
	}
	defer rows.Close()
	type kept struct {
		step     int
		findings string
	}
	var valid []kept
	for rows.Next() {
		var k kept
		var decision Decision
		var target int
		if err := rows.Scan(&k.step, &decision, &target, &k.findings); err != nil {
			return Findings{}, err
		}
		switch {
		case decision == Approve || decision == Publish:
			valid = append(valid, k)
		case decision == Return && target >= 0:
			for len(valid) > 0 && valid[len(valid)-1].step >= target {
				valid = valid[:len(valid)-1]
			}
		}
	}
	if err := rows.Err(); err != nil {
		return Findings{}, err
	}
	if len(valid) == 0 {
		return baseFindings(v), nil
	}
	var fs Findings
	if err := json.Unmarshal([]byte(valid[len(valid)-1].findings), &fs); err != nil {
		return Findings{}, fmt.Errorf("findings of draft %d: %w", d.ID, err)
	}
	fs.Secrecy = nil // the checklist belongs to the sign-off that answered it
	return fs, nil
}

// CurrentFindings returns the findings of the draft's current version with
// what the steps so far did about them.
func (s *Store) CurrentFindings(ctx context.Context, id int64) (Findings, error) {
	d, err := loadDraft(ctx, s.db.SQL, id)
	if err != nil {
		return Findings{}, err
	}
	v, err := loadVersion(ctx, s.db.SQL, id, d.Version)
	if err != nil {
		return Findings{}, err
	}
	return currentFindings(ctx, s.db.SQL, d, v)
}

// Delegate hands the draft's current step to another holder of its role
// (转办), with a reason; the signer-to-be must be allowed to sign it.
func (s *Store) Delegate(ctx context.Context, sess *account.Session, id int64, to int64, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return ErrReasonRequired
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		d, u, err := s.loadFor(ctx, tx, sess, id)
		if err != nil {
			return err
		}
		if d.Status != InReview {
			return ErrState
		}
		if err := s.maySign(ctx, tx, d, u, d.Step); err != nil {
			return err
		}
		target, err := s.accounts.Get(ctx, to)
		if err != nil || target.ID == u.ID || target.Disabled || !target.Has(d.Step.Role()) {
			return ErrBadDelegate
		}
		if err := s.maySign(ctx, tx, Draft{ID: d.ID, AuthorID: d.AuthorID}, target, d.Step); err != nil {
			return ErrBadDelegate
		}
		if err := s.update(ctx, tx, id, `assignee_id = ?`, target.ID); err != nil {
			return err
		}
		if err := s.event(ctx, tx, d, u, "delegate", d.Version, d.Step, target.Name, reason); err != nil {
			return err
		}
		return s.record(ctx, tx, u, ActionDelegate, id, fmt.Sprintf("%s → %s: %s", d.Step, target.Name, strings.TrimSpace(reason)))
	})
}

// RecordAnswer records the 保密工作部门's answer to an escalated draft (需报审)
// and puts it back before the 保密审查 reviewer, who then decides again.
func (s *Store) RecordAnswer(ctx context.Context, sess *account.Session, id int64, answer string) error {
	if strings.TrimSpace(answer) == "" {
		return ErrReasonRequired
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		d, u, err := s.loadFor(ctx, tx, sess, id)
		if err != nil {
			return err
		}
		if d.Status != Held {
			return ErrState
		}
		if err := s.maySign(ctx, tx, d, u, d.Step); err != nil {
			return err
		}
		if err := s.update(ctx, tx, id, `status = ?`, InReview); err != nil {
			return err
		}
		if err := s.event(ctx, tx, d, u, "answer", d.Version, d.Step, "", answer); err != nil {
			return err
		}
		return s.record(ctx, tx, u, ActionAnswer, id, strings.TrimSpace(answer))
	})
}
