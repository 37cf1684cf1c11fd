package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"shenfa/app/i18n"
	"shenfa/sensitive/finding"
)

// quickCheckUI signs in as the author and shows the quick-check screen.
func quickCheckUI(t testing.TB) (*ui, *quickCheck) {
	u := demoUI(t)
	signInAs(t, u, "author", "Author@2026")
	eventually(t, "main screen", func() bool { return u.sess != nil })
	s := newQuickCheck(u)
	u.win.SetContent(s.object())
	u.win.Resize(fyne.NewSize(1100, 720))
	return u, s
}

func categories(d *checkedDoc) []finding.Category {
	var cs []finding.Category
	for _, f := range d.res.Findings {
		if !slices.Contains(cs, f.Category) {
			cs = append(cs, f.Category)
		}
	}
	slices.Sort(cs)
	return cs
}

func TestQuickCheckShowsFindings(t *testing.T) {
	u, s := quickCheckUI(t)
	s.run([]string{"testdata/quick/notice.txt"})
	if s.current == nil || s.current.err != nil {
		t.Fatalf("not checked: %+v", s.current)
	}
	want := []finding.Category{"datetime", "placeholder", "political", "privacy", "secret", "sensitive", "typo"}
	if got := categories(s.current); !slices.Equal(got, want) {
		t.Errorf("categories %v, want %v", got, want)
	}
	if !strings.Contains(s.summary.Text, "notice.txt") || !strings.Contains(s.summary.Text, "阻断 4") {
		t.Errorf("summary %q", s.summary.Text)
	}
	// Choosing a finding marks it in the text and explains it.
	s.list.list.Select(1)
	f := s.current.res.Findings[s.list.shown[1]]
	if s.view.selected != s.list.shown[1] || !strings.Contains(s.list.detail.Text, f.Message) {
		t.Errorf("selected %d, detail %q", s.view.selected, s.list.detail.Text)
	}
	row := s.view.rows[rowAt(s.view.rows, f.Start)]
	if f.Start < row.start || f.Start >= row.end {
		t.Errorf("row %+v does not hold finding at %d", row, f.Start)
	}
	test.AssertRendersToMarkup(t, "quickcheck_author.xml", u.win.Canvas())
}

func TestQuickCheckFilters(t *testing.T) {
	_, s := quickCheckUI(t)
	s.run([]string{"testdata/quick/notice.txt"})
	all := len(s.list.shown)
	s.list.severity.SetSelectedIndex(1 + slices.Index(finding.Severities, finding.Block))
	for _, i := range s.list.shown {
		if s.current.res.Findings[i].Severity != finding.Block {
			t.Fatalf("filter let through %+v", s.current.res.Findings[i])
		}
	}
	s.list.category.SetSelectedIndex(1 + slices.Index(finding.Categories, finding.Privacy))
	if n := len(s.list.shown); n != 1 || n >= all {
		t.Errorf("block privacy findings shown: %d of %d", n, all)
	}
	if want := i18n.L("check.count", map[string]any{"Shown": 1, "Total": all}); s.list.count.Text != want {
		t.Errorf("count %q, want %q", s.list.count.Text, want)
	}
}

func TestQuickCheckBatchAndHiddenContent(t *testing.T) {
	_, s := quickCheckUI(t)
	s.run([]string{"testdata/quick/full.docx", "testdata/quick/old.doc", "testdata/quick/notice.txt"})
	if len(s.docs) != 3 || len(s.files.Options) != 3 || s.files.Hidden {
		t.Fatalf("batch: %d docs, options %q", len(s.docs), s.files.Options)
	}
	if !strings.Contains(s.files.Options[1], i18n.L("check.refused")) {
		t.Errorf("refused file label %q", s.files.Options[1])
	}
	if s.progress.Visible() || s.progress.Value != 3 {
		t.Errorf("progress %v visible %v", s.progress.Value, s.progress.Visible())
	}
	// The docx shows its hidden text, comments and deletions in their own section.
	if s.extras.box.Hidden || len(s.extras.items) == 0 {
		t.Fatalf("no hidden content listed")
	}
	var kinds []string
	for _, x := range s.extras.items {
		kinds = append(kinds, strings.SplitN(x.label, "：", 2)[0])
	}
	for _, want := range []string{i18n.L("mark.hidden"), i18n.L("section.comment"), i18n.L("section.deleted")} {
		if !slices.Contains(kinds, want) {
			t.Errorf("hidden content %q lacks %q", kinds, want)
		}
	}
	s.files.SetSelectedIndex(1)
	if !s.message.Visible() || !strings.Contains(s.message.Text, ".docx") {
		t.Errorf("legacy file message %q", s.message.Text)
	}
}

func TestQuickCheckPaste(t *testing.T) {
	_, s := quickCheckUI(t)
	s.checkText("粘贴的文本", "请按装好。\r\n")
	if s.current == nil || len(s.current.res.Findings) != 1 || s.current.res.Findings[0].Suggestion != "安装" {
		t.Fatalf("pasted text: %+v", s.current)
	}
}

// longDraft writes a 100,000-character draft built from the samples and the
// planted notice.
func longDraft(b *testing.B) string {
	var sb strings.Builder
	notice, _ := os.ReadFile("testdata/quick/notice.txt")
	samples, _ := filepath.Glob("../testdata/samples/*.txt")
	for sb.Len() < 400_000 {
		for _, f := range samples {
			data, _ := os.ReadFile(f)
			sb.Write(data)
		}
		sb.Write(notice)
	}
	path := filepath.Join(b.TempDir(), "long.txt")
	if err := os.WriteFile(path, []byte(string([]rune(sb.String())[:100_000])), 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkQuickCheck100k: target under 0.5 s from choosing a 100,000-character
// draft to its text and findings painted, lexicons compiled included.
func BenchmarkQuickCheck100k(b *testing.B) {
	u, s := quickCheckUI(b)
	path := longDraft(b)
	for b.Loop() {
		s.checker = nil // the first check of a session also compiles the lexicons
		s.run([]string{path})
		u.win.Canvas().Capture()
	}
	b.ReportMetric(float64(len(s.current.res.Findings)), "findings")
	b.ReportMetric(float64(len(s.view.rows)), "rows")
}

func TestQuickCheckDroppedFolder(t *testing.T) {
	_, s := quickCheckUI(t)
	dir := t.TempDir()
	for _, name := range []string{"notice.txt", "full.docx"} {
		data, err := os.ReadFile(filepath.Join("testdata/quick", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "photo.png"), []byte("\x89PNG"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.dropped([]fyne.URI{storage.NewFileURI(dir)})
	var names []string
	for _, d := range s.docs {
		names = append(names, d.name)
	}
	if !slices.Equal(names, []string{"full.docx", "notice.txt"}) {
		t.Errorf("dropped folder checked %q", names)
	}
}

func TestQuickCheckOneBatchAtATime(t *testing.T) {
	_, s := quickCheckUI(t)
	s.run([]string{"testdata/quick/notice.txt"})
	first := s.current
	s.busy = true // as while a batch runs in the background
	s.run([]string{"testdata/quick/full.docx"})
	if s.current != first || len(s.docs) != 1 || s.message.Text != i18n.L("check.busy") {
		t.Errorf("second batch started during the first: %d docs, message %q", len(s.docs), s.message.Text)
	}
}
