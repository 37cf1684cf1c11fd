// Package stats answers the 统计 questions of a workspace: whether every
// publication channel keeps the update cadence that inspections check (更新
// 监测), how much the review steps handled and how long they took, what the
// checker found in submitted versions, and the figures of the 政府网站与政务
// 新媒体工作年度报表.
//
// Every figure is SQL over the workflow tables (review/drafts) through
// indexes; no query reads a draft's text. What the checker found in a
// version and what each sign-off waived live in JSON columns, so triggers
// copy them into small summary tables as rows are stored (versions and
// sign-offs never change, so a summary row stays right for ever), with the
// waits and the approvals the figures need. Days are calendar days in China
// Standard Time, whatever the workstation's zone.
package stats

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"shenfa/review/account"
	"shenfa/review/policy"
	"shenfa/review/workspace"
)

// Schema is the statistics migration: covering indexes, so that no figure
// reads the large rows of versions and sign-offs (their text, file and
// findings), and summary tables of what the checker found in each version
// and what each sign-off waived. Triggers keep the summaries as rows are
// stored, in the same transaction; the INSERTs at the end fill them for the
// rows a workspace already has. A sign-off approves a draft when the
// draft becomes 已批准 after it; for the sign-offs stored before this
// migration that is the last of its round that approved, unless the round
// is still under review. JSON that does not parse counts as empty
// rather than refusing the workflow's insert. It must run after the
// workflow tables (review/drafts.Schema).
const Schema = `
CREATE INDEX drafts_channel_published ON drafts (channel_id, published_at, kind, grade);
CREATE INDEX signoffs_draft_round ON signoffs (draft_id, round, seq, signed_at);
CREATE TABLE stats_signoffs (
	signoff_id  INTEGER NOT NULL,
	signed_at   TEXT NOT NULL,
	channel_id  INTEGER NOT NULL,
	draft_id    INTEGER NOT NULL,
	round       INTEGER NOT NULL,
	version     INTEGER NOT NULL,
	step        TEXT NOT NULL,
	decision    TEXT NOT NULL,
	signer_id   INTEGER NOT NULL,
	opinion     TEXT NOT NULL,
	wait        INTEGER,
	approved    INTEGER NOT NULL DEFAULT 0,
	run         INTEGER,
	run_version INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (signed_at, signoff_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX stats_signoffs_id ON stats_signoffs (signoff_id);
CREATE INDEX stats_signoffs_draft ON stats_signoffs (draft_id, approved, round);
CREATE TABLE stats_signoff_findings (
	signed_at  TEXT NOT NULL,
	signoff_id INTEGER NOT NULL,
	channel_id INTEGER NOT NULL,
	category   TEXT NOT NULL,
	first      INTEGER NOT NULL,
	final      INTEGER NOT NULL,
	returned   INTEGER NOT NULL,
	PRIMARY KEY (signed_at, signoff_id, category)
) WITHOUT ROWID;
CREATE TABLE stats_submits (
	at         TEXT NOT NULL,
	draft_id   INTEGER NOT NULL,
	round      INTEGER NOT NULL,
	version    INTEGER NOT NULL,
	channel_id INTEGER NOT NULL,
	PRIMARY KEY (at, draft_id, round)
) WITHOUT ROWID;
CREATE TRIGGER stats_submits_insert AFTER INSERT ON draft_events WHEN NEW.kind = 'submit' BEGIN
	INSERT OR IGNORE INTO stats_submits(at, draft_id, round, version, channel_id)
		SELECT NEW.at, NEW.draft_id, NEW.round, NEW.version, d.channel_id FROM drafts d WHERE d.id = NEW.draft_id;
END;
INSERT OR IGNORE INTO stats_submits(at, draft_id, round, version, channel_id)
	SELECT e.at, e.draft_id, e.round, e.version, d.channel_id FROM draft_events e JOIN drafts d ON d.id = e.draft_id
	WHERE e.kind = 'submit';
CREATE TABLE stats_versions (
	draft_id INTEGER NOT NULL,
	number   INTEGER NOT NULL,
	chars    INTEGER NOT NULL,
	PRIMARY KEY (draft_id, number)
) WITHOUT ROWID;
CREATE TABLE stats_findings (
	draft_id INTEGER NOT NULL,
	number   INTEGER NOT NULL,
	category TEXT NOT NULL,
	n        INTEGER NOT NULL,
	PRIMARY KEY (draft_id, number, category)
) WITHOUT ROWID;
CREATE TABLE stats_waivers (
	signoff_id INTEGER NOT NULL,
	category   TEXT NOT NULL,
	n          INTEGER NOT NULL,
	PRIMARY KEY (signoff_id, category)
) WITHOUT ROWID;
CREATE TRIGGER stats_versions_insert AFTER INSERT ON versions BEGIN
	INSERT OR IGNORE INTO stats_versions(draft_id, number, chars) VALUES(NEW.draft_id, NEW.number,
		coalesce(CASE WHEN json_valid(NEW.report) THEN json_extract(NEW.report, '$.chars') END, 0));
	INSERT OR IGNORE INTO stats_findings(draft_id, number, category, n)
		SELECT NEW.draft_id, NEW.number, coalesce(json_extract(f.value, '$.category'), ''), count(*)
		FROM json_each(CASE WHEN json_valid(NEW.check_result) THEN NEW.check_result ELSE '{}' END, '$.findings') f
		WHERE json_extract(f.value, '$.severity') IN ('block', 'warn') GROUP BY 3;
END;
CREATE TRIGGER stats_signoffs_insert AFTER INSERT ON signoffs BEGIN
	INSERT INTO stats_signoffs(signoff_id, signed_at, channel_id, draft_id, round, version, step, decision, signer_id,
		opinion, wait)
		SELECT NEW.id, NEW.signed_at, d.channel_id, NEW.draft_id, NEW.round, NEW.version, NEW.step, NEW.decision,
			NEW.signer_id, NEW.opinion, unixepoch(NEW.signed_at) - unixepoch(coalesce(
				(SELECT max(p.signed_at) FROM signoffs p WHERE p.draft_id = NEW.draft_id AND p.round = NEW.round
					AND p.seq < NEW.seq),
				(SELECT max(e.at) FROM draft_events e WHERE e.draft_id = NEW.draft_id AND +e.kind = 'submit'
					AND e.round = NEW.round)))
		FROM drafts d WHERE d.id = NEW.draft_id;
	INSERT OR IGNORE INTO stats_signoff_findings(signed_at, signoff_id, channel_id, category, first, final, returned)
		SELECT NEW.signed_at, NEW.id, d.channel_id, f.category, 0, 0, 1 FROM drafts d, stats_findings f
		WHERE NEW.decision IN ('return', 'redact') AND d.id = NEW.draft_id AND f.draft_id = NEW.draft_id
			AND f.number = NEW.version AND f.n > 0;
	INSERT OR IGNORE INTO stats_waivers(signoff_id, category, n)
		SELECT NEW.id, coalesce(json_extract(f.value, '$.category'), ''), count(*)
		FROM json_each(CASE WHEN json_valid(NEW.findings) THEN NEW.findings ELSE '{}' END, '$.findings') f
		WHERE json_extract(f.value, '$.waived.step') = NEW.step GROUP BY 2;
END;
CREATE TRIGGER stats_drafts_approved AFTER UPDATE OF status ON drafts
WHEN NEW.status = 'approved' AND OLD.status IS NOT 'approved' BEGIN
	UPDATE stats_signoffs SET approved = 1
		WHERE signoff_id = (SELECT max(id) FROM signoffs WHERE draft_id = NEW.id);
` + runOf + `
		AND signoff_id = (SELECT max(id) FROM signoffs WHERE draft_id = NEW.id);
` + fixedOf + ` AND s.signoff_id = (SELECT max(id) FROM signoffs WHERE draft_id = NEW.id) GROUP BY f.category;
END;
INSERT INTO stats_signoffs(signoff_id, signed_at, channel_id, draft_id, round, version, step, decision, signer_id,
	opinion, wait, approved)
	SELECT s.id, s.signed_at, d.channel_id, s.draft_id, s.round, s.version, s.step, s.decision, s.signer_id, s.opinion,
		unixepoch(s.signed_at) - unixepoch(coalesce((SELECT max(p.signed_at) FROM signoffs p WHERE p.draft_id = s.draft_id
				AND p.round = s.round AND p.seq < s.seq),
			(SELECT max(e.at) FROM draft_events e WHERE e.draft_id = s.draft_id AND +e.kind = 'submit'
				AND e.round = s.round))),
		s.decision IN ('approve', 'publish')
			AND NOT EXISTS (SELECT 1 FROM signoffs l WHERE l.draft_id = s.draft_id AND l.round = s.round AND l.seq > s.seq)
			AND NOT (s.round = d.round AND d.status IN ('review', 'held'))
	FROM signoffs s JOIN drafts d ON d.id = s.draft_id;
` + runOf + `;
INSERT INTO stats_versions(draft_id, number, chars)
	SELECT draft_id, number, coalesce(CASE WHEN json_valid(report) THEN json_extract(report, '$.chars') END, 0)
	FROM versions;
INSERT INTO stats_findings(draft_id, number, category, n)
	SELECT v.draft_id, v.number, coalesce(json_extract(f.value, '$.category'), ''), count(*)
	FROM versions v, json_each(CASE WHEN json_valid(v.check_result) THEN v.check_result ELSE '{}' END, '$.findings') f
	WHERE json_extract(f.value, '$.severity') IN ('block', 'warn') GROUP BY 1, 2, 3;
INSERT INTO stats_waivers(signoff_id, category, n)
	SELECT s.id, coalesce(json_extract(f.value, '$.category'), ''), count(*)
	FROM signoffs s, json_each(CASE WHEN json_valid(s.findings) THEN s.findings ELSE '{}' END, '$.findings') f
	WHERE json_extract(f.value, '$.waived.step') = s.step GROUP BY 1, 2;
INSERT INTO stats_signoff_findings(signed_at, signoff_id, channel_id, category, first, final, returned)
	SELECT s.signed_at, s.signoff_id, s.channel_id, f.category, 0, 0, 1 FROM stats_signoffs s, stats_findings f
	WHERE s.decision IN ('return', 'redact') AND f.draft_id = s.draft_id AND f.number = s.version AND f.n > 0;
` + fixedOf + ` GROUP BY s.signoff_id, f.category;
`

// fixedOf records, for approving sign-offs, the findings of each category
// in the version first submitted and in the one approved.
const fixedOf = `	INSERT OR IGNORE INTO stats_signoff_findings(signed_at, signoff_id, channel_id, category, first, final, returned)
		SELECT s.signed_at, s.signoff_id, s.channel_id, f.category,
			total(CASE WHEN f.number = s.run_version THEN f.n END), total(CASE WHEN f.number = s.version THEN f.n END), 0
		FROM stats_signoffs s JOIN stats_findings f ON f.draft_id = s.draft_id AND f.number IN (s.version, s.run_version)
		WHERE s.approved = 1`

// runOf sets, on approving sign-offs, the first submission since the
// draft's previous approval and the version submitted then.
const runOf = `	UPDATE stats_signoffs SET
		run = unixepoch(stats_signoffs.signed_at) - unixepoch((SELECT e.at FROM draft_events e
			WHERE e.draft_id = stats_signoffs.draft_id AND +e.kind = 'submit' AND e.round > ` + previousApproval + `
			AND e.round <= stats_signoffs.round ORDER BY e.round LIMIT 1)),
		run_version = coalesce((SELECT e.version FROM draft_events e WHERE e.draft_id = stats_signoffs.draft_id
			AND +e.kind = 'submit' AND e.round > ` + previousApproval + ` AND e.round <= stats_signoffs.round
			ORDER BY e.round LIMIT 1), 0)
	WHERE approved = 1`

const previousApproval = `coalesce((SELECT max(o.round) FROM stats_signoffs o WHERE o.draft_id = stats_signoffs.draft_id
			AND o.approved = 1 AND o.round < stats_signoffs.round), 0)`

// Errors of the statistics.
var (
	// ErrNoSchema is a workspace without the statistics tables (Schema).
	ErrNoSchema = errors.New("the workspace has no statistics tables yet")
	// ErrNoChannel is a channel name the workspace does not have.
	ErrNoChannel = errors.New("no such channel")
)

// Store computes the statistics of one workspace.
type Store struct {
	db  *workspace.DB
	now func() time.Time

	mu       sync.Mutex
	policies map[int64]*policy.Policy // stored policies never change
}

// New returns the statistics of a workspace.
func New(db *workspace.DB) *Store {
	return &Store{db: db, now: time.Now, policies: map[int64]*policy.Policy{}}
}

// WithClock sets the clock, for tests.
func (s *Store) WithClock(now func() time.Time) *Store {
	s.now = now
	return s
}

// Today is the current CST calendar day.
func (s *Store) Today() Day { return DayOf(s.now()) }

// mayRead refuses the three administrators: they never see content, and
// content statistics show what the unit published and returned.
func mayRead(sess *account.Session) error {
	if sess == nil {
		return account.ErrForbidden
	}
	for _, r := range sess.User.Roles {
		if slices.Contains(account.ContentRoles, r) {
			return nil
		}
	}
	return account.ErrForbidden
}

// checkSchema refuses a workspace that lacks the statistics migration.
func (s *Store) checkSchema(ctx context.Context) error {
	var n int
	err := s.db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'stats_waivers'`).Scan(&n)
	if err != nil {
		return fmt.Errorf("statistics tables: %w", err)
	}
	if n == 0 {
		return ErrNoSchema
	}
	return nil
}

// policy returns a stored policy by id; 0 is the one in force.
func (s *Store) policy(ctx context.Context, id int64) (*policy.Policy, error) {
	if id == 0 {
		cur, p, err := policy.Current(ctx, s.db.SQL)
		if err != nil {
			return nil, fmt.Errorf("review policy: %w", err)
		}
		s.keep(int64(cur), p)
		return p, nil
	}
	s.mu.Lock()
	p := s.policies[id]
	s.mu.Unlock()
	if p != nil {
		return p, nil
	}
	p, err := policy.Load(ctx, s.db.SQL, policy.ID(id))
	if err != nil {
		return nil, err
	}
	s.keep(id, p)
	return p, nil
}

func (s *Store) keep(id int64, p *policy.Policy) {
	s.mu.Lock()
	s.policies[id] = p
	s.mu.Unlock()
}
