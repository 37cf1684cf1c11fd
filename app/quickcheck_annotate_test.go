package app

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"

	"shenfa/app/i18n"
	"shenfa/sensitive/importer"
)

// copyDraft puts a copy of a test draft in a temporary folder.
func copyDraft(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata/quick", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// The export button appears for a checked .docx only.
func TestQuickCheckAnnotateButton(t *testing.T) {
	_, s := quickCheckUI(t)
	s.run([]string{"testdata/quick/full.docx", "testdata/quick/notice.txt", "testdata/quick/old.doc"})
	for i, want := range []bool{true, false, false} {
		s.files.SetSelectedIndex(i)
		if s.annotate.Visible() != want || s.annotate.Text != i18n.L("check.annotate") {
			t.Errorf("%s: button visible %v", s.docs[i].name, s.annotate.Visible())
		}
	}
	s.checkText("粘贴的文本", "请按装好。")
	if s.annotate.Visible() {
		t.Error("button shown for pasted text")
	}
}

func TestQuickCheckAnnotateWrites(t *testing.T) {
	_, s := quickCheckUI(t)
	draft := copyDraft(t, "full.docx")
	s.run([]string{draft})
	d := s.current
	orig, _ := os.ReadFile(draft)
	out := filepath.Join(t.TempDir(), "批注.docx")
	w, err := storage.Writer(storage.NewFileURI(out))
	if err != nil {
		t.Fatal(err)
	}
	s.annotateTo(w, d, draft, orig)
	data, err := os.ReadFile(out)
	if err != nil || s.message.Visible() {
		t.Fatalf("no annotated file: %v, message %q", err, s.message.Text)
	}
	again, err := importer.Import("out.docx", data)
	if err != nil || !strings.HasPrefix(again.Text, d.doc.Text[:len(d.doc.Text)/4]) {
		t.Fatalf("annotated file does not import as the draft: %v", err)
	}
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	var comments string
	for _, f := range zr.File {
		if f.Name == "word/comments.xml" {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			comments = b.String()
		}
	}
	if n := strings.Count(comments, `w:author="审发 Shenfa"`); n == 0 || n > len(d.res.Findings) {
		t.Errorf("%d comments for %d findings", n, len(d.res.Findings))
	}
}

func TestQuickCheckAnnotateRefuses(t *testing.T) {
	_, s := quickCheckUI(t)
	draft := copyDraft(t, "full.docx")
	s.run([]string{draft})
	d := s.current
	orig, _ := os.ReadFile(draft)
	// Saving over the draft itself: the dialog has emptied it; it gets its bytes back.
	w, _ := storage.Writer(storage.NewFileURI(draft))
	s.annotateTo(w, d, draft, orig)
	if after, _ := os.ReadFile(draft); !bytes.Equal(after, orig) || !strings.Contains(s.message.Text, "原稿未改动") {
		t.Errorf("saving over the draft: restored %v, message %q", bytes.Equal(after, orig), s.message.Text)
	}
	// The draft changed on disk after the check: nothing is written.
	other := filepath.Join(t.TempDir(), "a.docx")
	w, _ = storage.Writer(storage.NewFileURI(other))
	edited, _ := os.ReadFile("cli/testdata/notice.docx")
	s.annotateTo(w, d, draft, edited)
	if _, err := os.Stat(other); err == nil || !strings.Contains(s.message.Text, "与检查时的内容不一致") {
		t.Errorf("a changed draft: output left %v, message %q", err == nil, s.message.Text)
	}
}
