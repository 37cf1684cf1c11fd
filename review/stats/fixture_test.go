package stats_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"shenfa/assets"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/policy"
	"shenfa/review/stats"
	"shenfa/review/workspace"
)

// beforeStats is the schema history up to the statistics migration, so that
// a test applies stats.Schema itself: before or after the rows it stores.
func beforeStats() []workspace.Migration {
	var ms []workspace.Migration
	for _, m := range review.Migrations {
		if m.SQL != stats.Schema {
			ms = append(ms, m)
		}
	}
	return ms
}

// fixture is a hand-made workspace: rows written straight into the
// workflow tables, with times chosen so that every figure can be worked
// out by hand.
type fixture struct {
	t     *testing.T
	w     *workspace.DB
	db    *sql.DB
	st    *stats.Store
	users map[string]int64
	pol   int64 // the policy in force
	seq   map[int64]int
}

// cst is a wall-clock time in Beijing, written "2006-01-02 15:04".
func cst(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, stats.CST)
	if err != nil {
		panic(err)
	}
	return t
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// newFixture opens a workspace without the statistics schema, which the
// test applies before its rows (the triggers keep the summaries) or after
// them (the migration fills them); cadence is added to the default policy
// (none: the default policy as it is).
func newFixture(t *testing.T, now time.Time, cadence string) *fixture {
	t.Helper()
	w, err := workspace.Open(filepath.Join(t.TempDir(), "ws.db"), beforeStats())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	f := &fixture{t: t, w: w, db: w.SQL, users: map[string]int64{}, seq: map[int64]int{}}
	for _, u := range []struct {
		name, full string
		role       account.Role
	}{
		{"secadmin", "李敏", account.SecAdmin}, {"author", "张伟", account.Author},
		{"a1", "王芳", account.Approver1}, {"a2", "刘洋", account.Approver2},
		{"a3", "陈静", account.Approver3}, {"sec", "杨帆", account.Secrecy},
	} {
		f.users[u.name] = f.insert(`INSERT INTO users(name, full_name, password, created_at) VALUES(?, ?, 'x', ?)`,
			u.name, u.full, stamp(now))
		f.exec(`INSERT INTO user_roles(user_id, role) VALUES(?, ?)`, f.users[u.name], u.role)
		f.exec(`INSERT INTO signing_keys(user_id, public_key, created_at) VALUES(?, x'00', ?)`, f.users[u.name], stamp(now))
	}
	if err := w.Write(context.Background(), func(tx *sql.Tx) error {
		_, err := policy.SeedDefault(context.Background(), tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if cadence != "" {
		src := bytes.Replace(assets.DefaultPolicy, []byte(`version = "2026-12-01"`), []byte(`version = "stats-test"`), 1)
		src = append(src, "\n"+cadence...)
		err := w.Write(context.Background(), func(tx *sql.Tx) error {
			_, err := policy.Import(context.Background(), tx, f.session("secadmin", account.SecAdmin), src)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	id, _, err := policy.Current(context.Background(), f.db)
	if err != nil {
		t.Fatal(err)
	}
	f.pol = int64(id)
	f.st = stats.New(w).WithClock(func() time.Time { return now })
	return f
}

func (f *fixture) session(name string, roles ...account.Role) *account.Session {
	return &account.Session{User: account.User{ID: f.users[name], Name: name, Roles: roles}}
}

func (f *fixture) exec(q string, args ...any) {
	f.t.Helper()
	if _, err := f.db.Exec(q, args...); err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
}

func (f *fixture) insert(q string, args ...any) int64 {
	f.t.Helper()
	res, err := f.db.Exec(q, args...)
	if err != nil {
		f.t.Fatalf("%s: %v", q, err)
	}
	id, _ := res.LastInsertId()
	return id
}

func (f *fixture) channel(name string, created time.Time) int64 {
	return f.insert(`INSERT INTO channels(name, platform, unit, created_at) VALUES(?, '微信公众号', '江城市人民政府办公室', ?)`,
		name, stamp(created))
}

// draft adds a draft of a channel with its status and, when it went out,
// its publication time.
func (f *fixture) draft(channel int64, grade, kind, status string, published time.Time) int64 {
	pub := ""
	if !published.IsZero() {
		pub = stamp(published)
	}
	return f.insert(`INSERT INTO drafts(title, channel_id, grade, kind, author_id, status, policy_id, current_version,
		published_at, created_at, updated_at) VALUES('标题', ?, ?, ?, ?, ?, ?, 1, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
		channel, grade, kind, f.users["author"], status, f.pol, pub)
}

// finding is one finding of a version, and the step that waived it.
type finding struct {
	category, severity string
	waivedAt           string
}

func findingsJSON(fs []finding) string {
	type disp struct {
		Step string `json:"step"`
		By   string `json:"by"`
	}
	type rec struct {
		Start    int    `json:"start"`
		Category string `json:"category"`
		Severity string `json:"severity"`
		Waived   *disp  `json:"waived,omitempty"`
	}
	out := struct {
		Findings []rec `json:"findings"`
	}{[]rec{}}
	for i, x := range fs {
		r := rec{Start: i, Category: x.category, Severity: x.severity}
		if x.waivedAt != "" {
			r.Waived = &disp{x.waivedAt, "someone"}
		}
		out.Findings = append(out.Findings, r)
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// version adds a version with its character count and findings; the text
// is only a placeholder that the statistics must never read.
func (f *fixture) version(draft int64, number, chars int, fs ...finding) {
	f.exec(`INSERT INTO versions(draft_id, number, author_id, created_at, text, file, file_name, report, check_result,
		text_sm3, file_sm3) VALUES(?, ?, ?, '2026-01-01T00:00:00Z', 'text', x'00', 'a.txt', ?, ?, '', '')`,
		draft, number, f.users["author"], fmt.Sprintf(`{"format":"txt","chars":%d}`, chars), findingsJSON(fs))
}

// status moves a draft on, as the workflow does after a sign-off.
func (f *fixture) status(draft int64, status string) {
	f.exec(`UPDATE drafts SET status = ? WHERE id = ?`, status, draft)
}

func (f *fixture) submit(draft int64, round, version int, at time.Time) {
	f.exec(`INSERT INTO draft_events(draft_id, round, version, kind, actor_id, step, at) VALUES(?, ?, ?, 'submit', ?, 'tier1', ?)`,
		draft, round, version, f.users["author"], stamp(at))
	f.exec(`UPDATE drafts SET round = ? WHERE id = ?`, round, draft)
}

// sign adds a sign-off at step (index idx of the grade) and, for a return,
// the event the workflow writes with it. fs is the findings list it signs.
func (f *fixture) sign(draft int64, round, version int, step string, idx int, decision, signer, opinion string,
	at time.Time, fs ...finding) {
	f.seq[draft]++
	f.exec(`INSERT INTO signoffs(draft_id, seq, round, version, step, step_index, decision, opinion, signer_id, key_id,
		findings, statement, signature, statement_sm3, signed_at)
		VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM signing_keys WHERE user_id = ?), ?, '', '', '', ?)`,
		draft, f.seq[draft], round, version, step, idx, decision, opinion, f.users[signer], f.users[signer],
		findingsJSON(fs), stamp(at))
	if decision == "return" || decision == "redact" || decision == "exempt" {
		f.exec(`INSERT INTO draft_events(draft_id, round, version, kind, actor_id, step, target, reason, at)
			VALUES(?, ?, ?, ?, ?, ?, 'author', ?, ?)`, draft, round, version, decision, f.users[signer], step, opinion, stamp(at))
	}
}
