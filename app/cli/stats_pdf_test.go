package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// `stats annual --pdf` writes the 年度报表 as a PDF whose text carries the
// report's title, the channel and the total; --pdf goes with annual only.
func TestStatsAnnualPDF(t *testing.T) {
	_, db := workflowWorkspace(t)
	addChannel(t, db)
	out := filepath.Join(t.TempDir(), "年度报表.pdf")
	expect(t, as(db, "approver3"), ExitOK, []string{"2026 年度报表已保存", out}, "stats", "annual", "--year", "2026", "--pdf", out)
	pdf, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Fatalf("no PDF written: %v", err)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", "-layout", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"政府网站与政务新媒体工作年度报表（2026 年度）", "江城发布", "微信公众号", "合计", "信息发布总数", "第 1 / 1 页"} {
			if !strings.Contains(string(text), want) {
				t.Errorf("no %q in the PDF:\n%s", want, text)
			}
		}
	}
	for _, args := range [][]string{
		{"stats", "cadence", "--pdf", out},
		{"stats", "annual", "--csv", "--pdf", out},
		{"stats", "annual", "--json", "--pdf", out},
	} {
		expect(t, as(db, "approver3"), ExitUsage, []string{"--pdf 只能用于 annual"}, args...)
	}
	expect(t, as(db, "approver3"), ExitFailed, nil, "stats", "annual", "--pdf", filepath.Join(t.TempDir(), "no", "such", "dir.pdf"))
}
