package recordpdf_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/archive/record"
	"shenfa/archive/recordpdf"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

// TestDemoRecord checks the record the demo workspace sealed from its
// published draft, as stored, with tools we did not write.
func TestDemoRecord(t *testing.T) {
	recordpdf.Need(t, "qpdf", "pdftotext", "pdfdetach", "pdffonts")
	ctx := context.Background()
	w, err := review.Open(filepath.Join(t.TempDir(), "ws.db"), account.WithKDF(account.KDF{Time: 1, MemoryKiB: 64, Threads: 1}))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.SetupDemo(ctx); err != nil {
		t.Fatal(err)
	}
	var manifest, text string
	var pdf, file []byte
	if err := w.DB.SQL.QueryRow(`SELECT manifest, text, pdf, file FROM records r JOIN drafts d ON d.id = r.draft_id WHERE d.status = ?`, string(drafts.Published)).Scan(&manifest, &text, &pdf, &file); err != nil {
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
	if out := recordpdf.Run(t, "qpdf", "--check", path); strings.Contains(strings.ToLower(out), "warning") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	if !strings.Contains(recordpdf.BodyText(t, path, m, recordpdf.Pages(t, path)), recordpdf.Squash(text)) {
		t.Error("pdftotext does not give back the record's text")
	}
	flat := recordpdf.Squash(recordpdf.Run(t, "pdftotext", "-raw", "-f", "1", "-l", "1", path, "-"))
	for _, so := range m.SignOffs {
		if so.Current && !strings.Contains(flat, recordpdf.Squash(so.Signer.FullName)) {
			t.Errorf("cover lacks signer %s", so.Signer.FullName)
		}
	}
	for i, want := range [][]byte{file, []byte(manifest)} {
		out := filepath.Join(t.TempDir(), "out")
		recordpdf.Run(t, "pdfdetach", "-save", recordpdf.Itoa(i+1), "-o", out, path)
		if got, _ := os.ReadFile(out); string(got) != string(want) {
			t.Errorf("embedded file %d differs from the stored one", i+1)
		}
	}
}
