package stats_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/stats"
	"shenfa/review/workspace"
)

// The generated workspace of the benchmark: 50,000 drafts over five years
// in 20 channels, each with its text, versions, sign-offs and events as the
// workflow writes them.
const (
	benchDrafts   = 50000
	benchChannels = 20
	benchYears    = 5
	benchText     = 600 // characters of each version's text, which no figure may read
)

var bench struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

// benchWorkspace generates the workspace once per test binary, or once
// for all runs at the path SHENFA_STATS_BENCH_DB names.
func benchWorkspace(b *testing.B) string {
	if p := os.Getenv("SHENFA_STATS_BENCH_DB"); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if err := generate(p); err != nil {
			b.Fatal(err)
		}
		return p
	}
	bench.once.Do(func() {
		bench.dir, bench.err = os.MkdirTemp("", "shenfa-stats-bench")
		if bench.err != nil {
			return
		}
		bench.path = filepath.Join(bench.dir, "ws.db")
		start := time.Now()
		bench.err = generate(bench.path)
		b.Logf("generated %d drafts in %v, statistics migration %v", benchDrafts,
			time.Since(start).Round(time.Millisecond), migrated.Round(time.Millisecond))
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.path
}

var benchCategories = []string{"typo", "punctuation", "sensitive", "political", "privacy", "link", "datetime", "ad"}

func benchFindings(r *rand.Rand, n int, waiveAt string) string {
	var fs []string
	for i := range n {
		sev := "warn"
		if i%3 == 0 {
			sev = "block"
		}
		w := ""
		if waiveAt != "" && sev == "block" {
			w = fmt.Sprintf(`,"waived":{"step":%q,"by":"a3","reason":"已核实"}`, waiveAt)
		}
		fs = append(fs, fmt.Sprintf(`{"id":"f%012d","start":%d,"end":%d,"text":"某某","category":%q,"severity":%q,`+
			`"rule":"rule.x","message":"这里可能有问题，请核实。","suggestion":""%s}`, r.IntN(1<<40), i*10, i*10+2,
			benchCategories[r.IntN(len(benchCategories))], sev, w))
	}
	return `{"version":1,"lexicons":[{"name":"默认词库","version":"2026-11-01"}],"findings":[` + strings.Join(fs, ",") + `]}`
}

// generate writes the benchmark workspace straight into the tables.
func generate(path string) error {
	w, err := workspace.Open(path, beforeStats())
	if err != nil {
		return err
	}
	defer w.Close()
	ctx := context.Background()
	db := w.SQL
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	users := map[string]int64{}
	for _, name := range []string{"author", "a1", "a2", "a3", "sec"} {
		res, err := tx.Exec(`INSERT INTO users(name, full_name, password, created_at) VALUES(?, ?, 'x', '2022-01-01T00:00:00Z')`, name, name)
		if err != nil {
			return err
		}
		users[name], _ = res.LastInsertId()
		if _, err := tx.Exec(`INSERT INTO signing_keys(user_id, public_key, created_at) VALUES(?, x'00', '2022-01-01T00:00:00Z')`, users[name]); err != nil {
			return err
		}
	}
	var pol int64
	if err := tx.QueryRow(`SELECT max(id) FROM policies`).Scan(&pol); err != nil {
		return err
	}
	for i := range benchChannels {
		if _, err := tx.Exec(`INSERT INTO channels(name, platform, unit, created_at) VALUES(?, '微信公众号', '江城市', '2022-01-01T00:00:00Z')`,
			fmt.Sprintf("渠道%02d", i)); err != nil {
			return err
		}
	}
	g := &generator{tx: tx, r: rand.New(rand.NewPCG(1, 2)), users: users, pol: pol,
		text: strings.Repeat("政务公开", benchText/4)}
	if err := g.prepare(); err != nil {
		return err
	}
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	span := time.Duration(benchYears) * 365 * 24 * time.Hour
	for i := range benchDrafts {
		at := start.Add(span / benchDrafts * time.Duration(i))
		if err := g.draft(int64(1+i%benchChannels), at); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	start = time.Now()
	if _, err := db.Exec(stats.Schema); err != nil { // the migration fills the summaries
		return err
	}
	migrated = time.Since(start)
	return nil
}

// migrated is how long the statistics migration took on the generated workspace.
var migrated time.Duration

type generator struct {
	tx                       *sql.Tx
	r                        *rand.Rand
	users                    map[string]int64
	pol                      int64
	text                     string
	draftQ, versionQ, eventQ *sql.Stmt
}

func (g *generator) prepare() error {
	var err error
	if g.draftQ, err = g.tx.Prepare(`INSERT INTO drafts(title, channel_id, grade, kind, author_id, status, policy_id,
		round, current_version, created_at, updated_at) VALUES('标题', ?, ?, ?, ?, 'draft', ?, 0, 1, ?, ?)`); err != nil {
		return err
	}
	if g.versionQ, err = g.tx.Prepare(`INSERT INTO versions(draft_id, number, author_id, created_at, text, file, file_name,
		report, check_result, text_sm3, file_sm3) VALUES(?, ?, ?, ?, ?, ?, 'a.docx', ?, ?, '', '')`); err != nil {
		return err
	}
	g.eventQ, err = g.tx.Prepare(`INSERT INTO draft_events(draft_id, round, version, kind, actor_id, step, target, reason, at)
		VALUES(?, ?, ?, ?, ?, ?, '', ?, ?)`)
	return err
}

func st(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// draft writes one draft's history from its creation at t.
func (g *generator) draft(channel int64, t time.Time) error {
	r := g.r
	grade, steps := "A", []string{"tier1", "secrecy", "tier3"}
	switch n := r.IntN(10); {
	case n >= 9:
		grade, steps = "C", []string{"tier1", "tier2", "secrecy", "tier3"}
	case n >= 6:
		grade, steps = "B", []string{"tier1", "tier2", "secrecy", "tier3"}
	}
	kind := "original"
	if r.IntN(5) == 0 {
		kind = "repost"
	}
	res, err := g.draftQ.Exec(channel, grade, kind, g.users["author"], g.pol, st(t), st(t))
	if err != nil {
		return err
	}
	id, _ := res.LastInsertId()
	version, round, seq := 1, 0, 0
	nf := r.IntN(7)
	if err := g.version(id, version, t, nf, ""); err != nil {
		return err
	}
	at := t.Add(time.Duration(1+r.IntN(4)) * time.Hour)
	signers := map[string]string{"tier1": "a1", "tier2": "a2", "tier3": "a3", "secrecy": "sec"}
	for attempt := 0; ; attempt++ {
		round++
		if _, err := g.eventQ.Exec(id, round, version, "submit", g.users["author"], "tier1", "", st(at)); err != nil {
			return err
		}
		returned, status := false, "approved"
		for idx, step := range steps {
			at = at.Add(time.Duration(10+r.IntN(600)) * time.Minute)
			decision, waive := "approve", ""
			switch {
			case step == "tier1" && attempt == 0 && r.IntN(5) == 0:
				decision, returned = "return", true
			case step == "secrecy" && r.IntN(50) == 0:
				decision, status = "exempt", "exempt"
			case step == "secrecy":
				decision = "publish"
			case step == "tier3" && r.IntN(4) == 0:
				waive = "tier3"
			}
			seq++
			if _, err := g.tx.Exec(`INSERT INTO signoffs(draft_id, seq, round, version, step, step_index, decision, opinion,
				signer_id, key_id, findings, statement, signature, statement_sm3, signed_at)
				VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM signing_keys WHERE user_id = ?), ?, ?, 'c2lnbmF0dXJl', '', ?)`,
				id, seq, round, version, step, idx, decision, "请按批注修改。", g.users[signers[step]], g.users[signers[step]],
				benchFindings(r, nf, waive), strings.Repeat("shenfa-signoff 1\n", 15), st(at)); err != nil {
				return err
			}
			if decision == "return" || decision == "exempt" {
				if _, err := g.eventQ.Exec(id, round, version, decision, g.users[signers[step]], step, "请按批注修改。", st(at)); err != nil {
					return err
				}
				break
			}
		}
		if returned {
			version++
			nf = r.IntN(3)
			if err := g.version(id, version, at.Add(time.Hour), nf, ""); err != nil {
				return err
			}
			at = at.Add(2 * time.Hour)
			continue
		}
		pub := ""
		if status == "approved" && r.IntN(10) > 0 {
			status, pub = "published", st(at.Add(time.Duration(r.IntN(48))*time.Hour))
		}
		_, err := g.tx.Exec(`UPDATE drafts SET status = ?, round = ?, current_version = ?, published_at = ? WHERE id = ?`,
			status, round, version, pub, id)
		return err
	}
}

func (g *generator) version(draft int64, n int, at time.Time, findings int, waive string) error {
	report := fmt.Sprintf(`{"format":"docx","encoding":"utf-8","chars":%d}`, 500+g.r.IntN(2500))
	_, err := g.versionQ.Exec(draft, n, g.users["author"], st(at), g.text, []byte(g.text), report,
		benchFindings(g.r, findings, waive), "")
	return err
}

// BenchmarkScreen times everything the 统计 screen shows for a year (the
// longest period it usually shows) and a month on the generated workspace.
func BenchmarkScreen(b *testing.B) {
	for _, tt := range []struct {
		name   string
		period stats.Period
	}{
		{"year", stats.Year(2026)},
		{"month", stats.Month(2026, time.November)},
	} {
		b.Run(tt.name, func(b *testing.B) {
			path := benchWorkspace(b)
			w, err := review.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			defer w.Close()
			s := stats.New(w.DB).WithClock(func() time.Time { return time.Date(2026, 12, 31, 3, 0, 0, 0, time.UTC) })
			ctx := context.Background()
			sess := &account.Session{User: account.User{ID: 4, Name: "a3", Roles: []account.Role{account.Approver3}}}
			var screen stats.Screen
			for b.Loop() {
				if screen, err = s.Screen(ctx, sess, tt.period, ""); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(screen.Workload.Total.Submitted), "submitted")
		})
	}
}
