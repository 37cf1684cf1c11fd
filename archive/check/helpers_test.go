package check

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"shenfa/archive"
	"shenfa/archive/recordpdf"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

var cheap = account.WithKDF(account.KDF{Time: 1, MemoryKiB: 64, Threads: 1})

// fakeCA stands in for the PAdES signer and verifier: it "signs" by
// remembering the PDF's SHA-256, and a PDF verifies when it is one it
// signed, byte for byte.
type fakeCA struct {
	mu     sync.Mutex
	signed map[[32]byte]string
}

var ca = &fakeCA{signed: map[[32]byte]string{}}

func (f *fakeCA) Sign(_ context.Context, sess *account.Session, _ string, pdf []byte, _ string) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.signed[sha256.Sum256(pdf)] = sess.User.FullName
	return pdf, nil
}

func (f *fakeCA) VerifyPDF(_ context.Context, pdf []byte) (Signature, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	who, ok := f.signed[sha256.Sum256(pdf)]
	if !ok {
		return Signature{Signed: true, Detail: "摘要不符。"}, nil
	}
	return Signature{Signed: true, Valid: true, WholeFile: true, Trusted: true, Signer: who}, nil
}

// sealed is a demo workspace with its approved and published drafts sealed
// and one fresh backup, built once; tests work on copies of its file.
var sealed = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "shenfa-check-fixture-")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "ws.db")
	ctx := context.Background()
	w, err := review.Open(path, cheap)
	if err != nil {
		return "", err
	}
	defer w.Close()
	if err := w.SetupDemo(ctx, review.WithoutRecords()); err != nil {
		return "", err
	}
	a := archive.New(w.DB, w.Accounts, w.Drafts, recordpdf.Renderer{Location: time.UTC}, ca)
	arch, err := w.Accounts.SignIn(ctx, "archivist", "Archivist@2026")
	if err != nil {
		return "", err
	}
	author, err := w.Accounts.SignIn(ctx, "author", "Author@2026")
	if err != nil {
		return "", err
	}
	for _, st := range []drafts.Status{drafts.Published, drafts.Approved} {
		ds, _, err := w.Drafts.List(ctx, author, drafts.Filter{Status: st})
		if err != nil {
			return "", err
		}
		for _, d := range ds {
			if _, err := a.Seal(ctx, arch, "Archivist@2026", d.ID); err != nil && !errors.Is(err, archive.ErrSealed) {
				return "", err
			}
		}
	}
	sys, err := w.Accounts.SignIn(ctx, "sysadmin", "Sysadmin@2026")
	if err != nil {
		return "", err
	}
	_, err = w.Backup(ctx, sys, filepath.Join(dir, "backup.db"))
	return path, err
})

func TestMain(m *testing.M) {
	code := m.Run()
	if path, err := sealed(); err == nil {
		os.RemoveAll(filepath.Dir(path))
	}
	os.Exit(code)
}

// env is a copy of the sealed workspace for one test.
type env struct {
	w *review.Workspace
	c *Checker
}

func newEnv(t *testing.T, opts ...Option) *env {
	t.Helper()
	src, err := sealed()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ws.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := review.Open(path, cheap)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return &env{w: w, c: New(w.DB, append([]Option{WithSignatures(ca)}, opts...)...)}
}

func (e *env) session(t *testing.T, name string) *account.Session {
	t.Helper()
	for _, a := range review.DemoAccounts {
		if a.Name == name {
			s, err := e.w.Accounts.SignIn(context.Background(), a.Name, a.Password)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
	}
	t.Fatalf("no demo account %s", name)
	return nil
}

// exec runs raw SQL with the immutability triggers dropped, as someone
// with write access to the file could.
func (e *env) exec(t *testing.T, queries ...string) {
	t.Helper()
	for _, q := range []string{`DROP TRIGGER IF EXISTS records_no_update`, `DROP TRIGGER IF EXISTS records_no_delete`,
		`DROP TRIGGER IF EXISTS record_versions_no_update`, `DROP TRIGGER IF EXISTS record_versions_no_delete`,
		`DROP TRIGGER IF EXISTS audit_no_update`, `DROP TRIGGER IF EXISTS audit_no_delete`,
		`DROP TRIGGER IF EXISTS audit_append_only`} {
		if _, err := e.w.DB.SQL.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range queries {
		if _, err := e.w.DB.SQL.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// first is the first record's id and 档号.
func (e *env) first(t *testing.T) (int64, string) {
	t.Helper()
	var id int64
	var code string
	if err := e.w.DB.SQL.QueryRow(`SELECT id, code FROM records ORDER BY id LIMIT 1`).Scan(&id, &code); err != nil {
		t.Fatal(err)
	}
	return id, code
}

func itemOf(rr RecordReport, id string) Item {
	for _, it := range rr.Items {
		if it.ID == id {
			return it
		}
	}
	return Item{ID: id, Status: "absent"}
}

func sm3hex(s string) string { return drafts.SM3([]byte(s)) }

// missingTools is a machine without the external programs.
type missingTools struct{}

func (missingTools) Run(context.Context, string, ...string) ToolResult { return ToolResult{Code: -1} }
