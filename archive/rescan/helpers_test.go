package rescan_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/archive"
	"shenfa/archive/record"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

var cheap = account.WithKDF(account.KDF{Time: 1, MemoryKiB: 64, Threads: 1})

// fakePDF renders the manifest as the "PDF" and signs by doing nothing:
// the re-scan reads texts only.
type fakePDF struct{}

func (fakePDF) Render(c *record.Contents) ([]byte, error) { return c.Manifest.Marshal() }
func (fakePDF) Sign(_ context.Context, _ *account.Session, _ string, pdf []byte, _ string) ([]byte, error) {
	return pdf, nil
}

// newWorkspace is a demo workspace without its demo records and, when seal
// is set, its approved and published drafts sealed.
func newWorkspace(t testing.TB, path string, seal bool) *review.Workspace {
	t.Helper()
	ctx := context.Background()
	w, err := review.Open(path, cheap)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if err := w.SetupDemo(ctx, review.WithoutRecords(), review.WithoutHistory()); err != nil {
		t.Fatal(err)
	}
	if !seal {
		return w
	}
	a := archive.New(w.DB, w.Accounts, w.Drafts, fakePDF{}, fakePDF{})
	arch, author := signIn(t, w, "archivist"), signIn(t, w, "author")
	for _, st := range []drafts.Status{drafts.Published, drafts.Approved} {
		ds, _, err := w.Drafts.List(ctx, author, drafts.Filter{Status: st})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			if _, err := a.Seal(ctx, arch, "Archivist@2026", d.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	return w
}

func signIn(t testing.TB, w *review.Workspace, name string) *account.Session {
	t.Helper()
	for _, a := range review.DemoAccounts {
		if a.Name == name {
			s, err := w.Accounts.SignIn(context.Background(), a.Name, a.Password)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
	}
	t.Fatalf("no demo account %s", name)
	return nil
}

// sentences are the sentences of the sample articles, which must stay
// quiet under the default lexicons.
func sentences(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/samples/*.txt")
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range strings.SplitAfter(string(data), "。") {
			if s = strings.TrimSpace(s); len([]rune(s)) >= 8 {
				out = append(out, s)
			}
		}
	}
	if len(out) < 10 {
		t.Skip("no sample articles in testdata/samples")
	}
	return out
}

// synthetic adds n records of about size characters each, sentences of the
// samples in random order, directly in the database (foreign keys off: they
// belong to no draft). Record i's text is text(i) when text is not nil.
func synthetic(t testing.TB, w *review.Workspace, n, size int, seed uint64, text func(i int) string) {
	t.Helper()
	ctx := context.Background()
	ss := sentences(t)
	rng := rand.New(rand.NewPCG(seed, seed))
	conn, err := w.DB.SQL.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, `PRAGMA foreign_keys = ON`)
	var base int
	conn.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM records`).Scan(&base)
	for start := 0; start < n; start += 5000 {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		st, err := tx.PrepareContext(ctx, `INSERT INTO records(code, draft_id, year, seq, retention, title, channel_id, grade,
			author, signers, has_waivers, sealed_at, archivist_id, audit_seq, audit_head, manifest, manifest_sm3, text, text_sm3,
			file, file_name, pdf, pdf_sha256) VALUES(?, ?, 1999, ?, 'D10', ?, 1, 'A', 'author', ',', 0, '1999-12-31T00:00:00Z',
			1, 0, '', '{"format": "shenfa-record 1", "findings": []}', '', ?, '', x'', 'a.txt', x'', '')`)
		if err != nil {
			t.Fatal(err)
		}
		for i := start; i < min(n, start+5000); i++ {
			k := base + i + 1
			var body string
			if text != nil {
				body = text(i)
			}
			if body == "" {
				var b strings.Builder
				for len([]rune(b.String())) < size {
					b.WriteString(ss[rng.IntN(len(ss))])
				}
				body = b.String()
			}
			if _, err := st.ExecContext(ctx, fmt.Sprintf("SYN-%07d", k), 1_000_000+k, k, fmt.Sprintf("合成记录 %d", k), body); err != nil {
				t.Fatal(err)
			}
		}
		st.Close()
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
}

// count runs a count query.
func count(t testing.TB, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
