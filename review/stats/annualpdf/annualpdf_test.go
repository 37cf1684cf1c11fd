package annualpdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"shenfa/review/drafts"
	"shenfa/review/policy"
	"shenfa/review/stats"
	"shenfa/review/stats/annualpdf"
)

// label is a stand-in for the translations: the key, and its arg after a
// colon, so that a test can find every word where it belongs.
func label(key, arg string) string {
	switch key {
	case "page":
		return "page %d/%d"
	case "grade":
		return "grade-" + arg
	}
	if arg != "" {
		return key + ":" + arg
	}
	return key
}

func work(published, original, a, b int, median time.Duration) stats.Work {
	w := stats.Work{Published: published, Original: original, Repost: published - original, Submitted: published + 1,
		Approved: published, Returned: 2, Refused: 1, ByGrade: map[string]int{"A": a, "B": b}}
	if published > 0 {
		w.ToApproval = stats.Durations{Count: published, Median: median, P90: 2 * median}
	}
	return w
}

func annual(channels int) stats.Annual {
	a := stats.Annual{Year: 2026, Grades: []policy.Grade{{ID: "A", Label: "普通"}, {ID: "B", Label: "重要"}}}
	for i := range channels {
		w := work(10+i, 7+i, 4+i, 6, time.Duration(18+i)*time.Hour)
		if i == 1 {
			w = work(0, 0, 0, 0, 0) // nothing approved: its waits are a dash
		}
		a.Workload.Channels = append(a.Workload.Channels, stats.ChannelWork{
			Channel: drafts.Channel{Name: "渠道" + string(rune('甲'+i)), Platform: "微博", Unit: "江城市人民政府办公室"}, Work: w})
		a.Workload.Total.Published += w.Published
	}
	a.Workload.Total.ByGrade = map[string]int{"A": 99}
	return a
}

func tool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed (poppler-utils)", name)
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	return string(out)
}

// The figures come back out of the PDF, each channel's in its own column
// and a wide unit's channels in column groups that repeat the row labels;
// the fonts are embedded.
func TestRender(t *testing.T) {
	tool(t, "pdftotext")
	tool(t, "pdffonts")
	for _, tc := range []struct {
		name     string
		channels int
		groups   int // column groups the table is cut into
	}{
		{"one channel", 1, 1},
		{"four channels", 4, 1},
		{"nine channels", 9, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := annual(tc.channels)
			pdf, err := annualpdf.Render(a, "江城市人民政府办公室", label, time.Date(2027, 1, 5, 9, 0, 0, 0, time.UTC))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "annual.pdf")
			if err := os.WriteFile(path, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			text := run(t, "pdftotext", "-layout", path, "-")
			for _, want := range []string{"title:2026", "unit_line:江城市人民政府办公室", "period:2026", "publishing", "review",
				"grade-普通", "grade-重要", "to_approval_median_hours", "footer:2026", "note", "total"} {
				if !strings.Contains(text, want) {
					t.Errorf("no %q in the PDF's text:\n%s", want, text)
				}
			}
			if n := strings.Count(text, "published"); n != tc.groups {
				t.Errorf("row label published %d times, want once per column group (%d)", n, tc.groups)
			}
			for _, ch := range a.Workload.Channels {
				if !strings.Contains(text, ch.Channel.Name) {
					t.Errorf("channel %s missing:\n%s", ch.Channel.Name, text)
				}
			}
			published := figures(lineOf(text, "published"))
			{
				want := []string{}
				for _, ch := range a.Workload.Channels {
					want = append(want, strconv.Itoa(ch.Work.Published))
				}
				want = append(want, strconv.Itoa(a.Workload.Total.Published))
				if strings.Join(published, " ") != strings.Join(want, " ") {
					t.Errorf("published row %v, want %v", published, want)
				}
			}
			if tc.channels > 1 && !strings.Contains(lineOf(text, "to_approval_median_hours"), "—") {
				t.Errorf("a channel without approvals shows a wait:\n%s", lineOf(text, "to_approval_median_hours"))
			}
			if !strings.Contains(lineOf(text, "grade-普通"), "99") {
				t.Errorf("total by grade missing: %q", lineOf(text, "grade-普通"))
			}
			fonts := run(t, "pdffonts", path)
			rows := strings.Split(strings.TrimSpace(fonts), "\n")[2:]
			if len(rows) == 0 {
				t.Fatalf("no fonts:\n%s", fonts)
			}
			for _, r := range rows {
				if f := strings.Fields(r); len(f) < 5 || f[len(f)-5] != "yes" {
					t.Errorf("font not embedded: %s", r)
				}
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF-1.7")) {
				t.Errorf("not the records' PDF/A post-process: %q", pdf[:10])
			}
		})
	}
}

// A year with no channel at all still gives a table with the total.
func TestRenderEmpty(t *testing.T) {
	tool(t, "pdftotext")
	pdf, err := annualpdf.Render(stats.Annual{Year: 2025}, "", label, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "annual.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text := run(t, "pdftotext", "-layout", path, "-")
	if !strings.Contains(text, "total") || strings.Contains(text, "unit_line") {
		t.Errorf("empty year:\n%s", text)
	}
	if got := figures(lineOf(text, "published")); strings.Join(got, " ") != "0" {
		t.Errorf("published row %v, want the total 0", got)
	}
}

// lineOf is the row with the label, every column group's part of it joined.
func lineOf(text, label string) string {
	var parts []string
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, label) {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " ")
}

var number = regexp.MustCompile(`\b\d+(\.\d+)?\b`)

func figures(line string) []string { return number.FindAllString(line, -1) }
