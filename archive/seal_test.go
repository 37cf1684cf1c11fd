package archive_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/archive"
	"shenfa/archive/record"
	"shenfa/archive/search"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

var cheap = account.WithKDF(account.KDF{Time: 1, MemoryKiB: 64, Threads: 1})

// fakePDF renders the manifest as the "PDF" and signs by appending the
// signer's name, so that sealing is tested apart from the PDF machinery.
type fakePDF struct{}

func (fakePDF) Render(c *record.Contents) ([]byte, error) { return c.Manifest.Marshal() }
func (fakePDF) Sign(_ context.Context, sess *account.Session, _ string, pdf []byte, reason string) ([]byte, error) {
	return append(pdf, []byte("\nsigned by "+sess.User.Name+": "+reason)...), nil
}

type env struct {
	w     *review.Workspace
	a     *archive.Store
	users map[string]*account.Session
}

func newEnv(t *testing.T) *env {
	t.Helper()
	w, err := review.Open(filepath.Join(t.TempDir(), "ws.db"), cheap)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	if err := w.SetupDemo(context.Background(), review.WithoutRecords()); err != nil {
		t.Fatal(err)
	}
	e := &env{w: w, a: archive.New(w.DB, w.Accounts, w.Drafts, fakePDF{}, fakePDF{}), users: map[string]*account.Session{}}
	for _, a := range review.DemoAccounts {
		s, err := w.Accounts.SignIn(context.Background(), a.Name, a.Password)
		if err != nil {
			t.Fatal(err)
		}
		e.users[a.Name] = s
	}
	return e
}

func (e *env) draftWith(t *testing.T, status drafts.Status) int64 {
	t.Helper()
	ds, _, err := e.w.Drafts.List(context.Background(), e.users["author"], drafts.Filter{Status: status})
	if err != nil || len(ds) == 0 {
		t.Fatalf("no demo draft %s: %v", status, err)
	}
	return ds[0].ID
}

func TestSeal(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	id := e.draftWith(t, drafts.Published)
	code, err := e.a.Seal(ctx, e.users["archivist"], "Archivist@2026", id)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(code, "Z001-WS·2026-D10-0001") {
		t.Fatalf("档号 %s", code)
	}
	if _, err := e.a.Seal(ctx, e.users["archivist"], "Archivist@2026", id); !errors.Is(err, archive.ErrSealed) {
		t.Fatalf("seal twice: %v", err)
	}
	var manifest string
	e.w.DB.SQL.QueryRow(`SELECT manifest FROM records WHERE code = ?`, code).Scan(&manifest)
	m, err := record.Parse([]byte(manifest))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.SignOffs) == 0 || m.Secrecy == nil || m.Published == nil || m.AuditHead.Seq == 0 || len(m.Versions) != 1 {
		t.Fatalf("manifest: %+v", m)
	}
}

func TestSealRefusals(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	for _, tc := range []struct {
		name   string
		user   string
		status drafts.Status
		want   error
	}{
		{"draft in review", "archivist", drafts.InReview, archive.ErrNotApproved},
		{"returned draft", "archivist", drafts.Returned, archive.ErrNotApproved},
		{"exempt draft", "archivist", drafts.Exempt, archive.ErrNotApproved},
		{"author seals", "author", drafts.Approved, account.ErrForbidden},
		{"secadmin seals", "secadmin", drafts.Approved, account.ErrForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.a.Seal(ctx, e.users[tc.user], "x", e.draftWith(t, tc.status))
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	t.Run("sign-offs that do not verify", func(t *testing.T) {
		id := e.draftWith(t, drafts.Approved)
		if _, err := e.w.DB.SQL.Exec(`DROP TRIGGER signoffs_no_update`); err != nil {
			t.Fatal(err)
		}
		e.w.DB.SQL.Exec(`UPDATE signoffs SET opinion = '改过' WHERE draft_id = ? AND seq = 1`, id)
		var ue *archive.UnverifiedError
		if _, err := e.a.Seal(ctx, e.users["archivist"], "x", id); !errors.As(err, &ue) {
			t.Fatalf("seal a tampered draft: %v", err)
		}
	})
}

func TestRecordsAreImmutable(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	if _, err := e.a.Seal(ctx, e.users["archivist"], "x", e.draftWith(t, drafts.Published)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE records SET title = 'x'`, `DELETE FROM records`,
		`UPDATE record_versions SET text = 'x'`, `DELETE FROM record_versions`} {
		if _, err := e.w.DB.SQL.Exec(q); err == nil || !strings.Contains(err.Error(), "cannot") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

func TestReadRecords(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	q, err := e.a.Queue(ctx, e.users["archivist"])
	if err != nil || len(q) < 2 {
		t.Fatalf("queue: %d %v", len(q), err)
	}
	code, err := e.a.Seal(ctx, e.users["archivist"], "x", q[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.a.Get(ctx, e.users["author"], code)
	if err != nil || r.Manifest.Code != code || len(r.PDF) == 0 {
		t.Fatalf("get %s: %+v %v", code, r, err)
	}
	if _, err := e.a.Get(ctx, e.users["secadmin"], code); !errors.Is(err, account.ErrForbidden) {
		t.Fatalf("secadmin reads the archive: %v", err)
	}
	word := string([]rune(r.Manifest.Title)[:2])
	res, err := e.a.Search(ctx, e.users["archivist"], search.Query{Text: word})
	if err != nil || res.Total != 1 || res.Hits[0].Code != code {
		t.Fatalf("search %q: %+v %v", word, res, err)
	}
	if q2, _ := e.a.Queue(ctx, e.users["archivist"]); len(q2) != len(q)-1 {
		t.Fatalf("queue after sealing: %d", len(q2))
	}
}
