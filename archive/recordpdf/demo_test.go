package recordpdf

import (
	"context"
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

// unsigned stands in for the archive's signer: it returns the PDF as is.
type unsigned struct{}

func (unsigned) Sign(_ context.Context, _ *account.Session, _ string, pdf []byte, _ string) ([]byte, error) {
	return pdf, nil
}

// TestDemoRecord seals the demo workspace's published draft with this
// renderer and checks the stored PDF against the stored record.
func TestDemoRecord(t *testing.T) {
	need(t, "qpdf", "pdftotext", "pdfdetach", "pdffonts")
	ctx := context.Background()
	w, err := review.Open(filepath.Join(t.TempDir(), "ws.db"), account.WithKDF(account.KDF{Time: 1, MemoryKiB: 64, Threads: 1}))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.SetupDemo(ctx); err != nil {
		t.Fatal(err)
	}
	sess := map[string]*account.Session{}
	for _, name := range []string{"author", "archivist"} {
		for _, a := range review.DemoAccounts {
			if a.Name == name {
				if sess[name], err = w.Accounts.SignIn(ctx, a.Name, a.Password); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	ds, _, err := w.Drafts.List(ctx, sess["author"], drafts.Filter{Status: drafts.Published})
	if err != nil || len(ds) == 0 {
		t.Fatalf("no published demo draft: %v", err)
	}
	a := archive.New(w.DB, w.Accounts, w.Drafts, Renderer{}, unsigned{})
	code, err := a.Seal(ctx, sess["archivist"], "Archivist@2026", ds[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var manifest, text string
	var pdf, file []byte
	if err := w.DB.SQL.QueryRow(`SELECT manifest, text, pdf, file FROM records WHERE code = ?`, code).Scan(&manifest, &text, &pdf, &file); err != nil {
		t.Fatal(err)
	}
	m, err := record.Parse([]byte(manifest))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if keep := os.Getenv("SHENFA_RECORD_KEEP"); keep != "" { // to look at it
		dir = keep
	}
	path := filepath.Join(dir, "demo.pdf")
	os.WriteFile(path, pdf, 0o644)
	if out := run(t, "qpdf", "--check", path); strings.Contains(strings.ToLower(out), "warning") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	if !strings.Contains(bodyText(t, path, m, pages(t, path)), squash(text)) {
		t.Error("pdftotext does not give back the record's text")
	}
	flat := squash(run(t, "pdftotext", "-raw", "-f", "1", "-l", "1", path, "-"))
	for _, so := range m.SignOffs {
		if so.Current && !strings.Contains(flat, squash(so.Signer.FullName)) {
			t.Errorf("cover lacks signer %s", so.Signer.FullName)
		}
	}
	for i, want := range [][]byte{file, []byte(manifest)} {
		out := filepath.Join(t.TempDir(), "out")
		run(t, "pdfdetach", "-save", itoa(i+1), "-o", out, path)
		if got, _ := os.ReadFile(out); string(got) != string(want) {
			t.Errorf("embedded file %d differs from the stored one", i+1)
		}
	}
}

// TestDocsPNG writes the pages of the sample record as docs/record-page-N.png
// when SHENFA_RECORD_DOCS is set (pdftoppm -png -r 60).
func TestDocsPNG(t *testing.T) {
	if os.Getenv("SHENFA_RECORD_DOCS") == "" {
		t.Skip("set SHENFA_RECORD_DOCS=1 to rewrite docs/record-page-*.png")
	}
	need(t, "pdftoppm")
	path, _ := renderTo(t, sample())
	old, _ := filepath.Glob("../../docs/record-page-*.png")
	for _, f := range old {
		os.Remove(f)
	}
	run(t, "pdftoppm", "-png", "-r", "60", path, "../../docs/record-page")
}
