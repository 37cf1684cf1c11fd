package check

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportPDF: the report PDF is valid, embeds its fonts, and its text
// gives back the conclusion, every record and every item.
func TestReportPDF(t *testing.T) {
	e := newEnv(t)
	id, _ := e.first(t)
	e.exec(t, `UPDATE records SET text = text || '补记。' WHERE id = `+itoa(int(id)))
	rep, err := e.c.Verify(context.Background(), e.session(t, "archivist"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := rep.PDF()
	if err != nil {
		t.Fatal(err)
	}
	info, err := inspect(pdf)
	if err != nil || len(info.Problems) > 0 || info.Pages < 2 {
		t.Fatalf("report PDF: %v %+v", err, info)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	os.WriteFile(path, pdf, 0o600)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := squash(string(out))
	want := []string{"电子档案四性检测报告", "结论：不通过", "archivist", "备份及时且经核验"}
	for _, rr := range rep.Records {
		want = append(want, rr.Code)
		for _, it := range rr.Items {
			want = append(want, it.Name)
		}
	}
	want = append(want, squash(itemOf(rep.Records[0], "authenticity.text").Detail))
	for _, w := range want {
		if !strings.Contains(text, squash(w)) {
			t.Errorf("report text lacks %q", w)
		}
	}
	if out, err := exec.Command("pdffonts", path).Output(); err == nil {
		if _, missing := pdffonts(out); len(missing) > 0 {
			t.Errorf("fonts not embedded: %v", missing)
		}
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil && !strings.Contains(err.Error(), "executable file not found") {
		t.Errorf("qpdf: %v %s", err, out)
	}
}
