package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/sensitive/finding"
)

const samplesDir = "../../testdata/samples" // copies of the shared samples

func readSamples(tb testing.TB) map[string][]rune {
	tb.Helper()
	paths, _ := filepath.Glob(filepath.Join(samplesDir, "*.txt"))
	if len(paths) == 0 {
		tb.Skip("no samples in " + samplesDir)
	}
	out := map[string][]rune{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out[filepath.Base(p)] = []rune(string(b))
	}
	return out
}

// TestDump prints the findings on a file named by RULES_DUMP: a tool for
// tuning the rules on a large correct text, not a check.
func TestDump(t *testing.T) {
	path := os.Getenv("RULES_DUMP")
	if path == "" {
		t.Skip("set RULES_DUMP=file to list findings")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := []rune(string(b))
	fs := Check(text)
	for _, f := range fs {
		ctx := string(text[max(0, f.Start-8):min(len(text), f.End+8)])
		t.Logf("%s %s %q in %q: %s [%s]", f.Severity, f.Rule, f.Text, strings.ReplaceAll(ctx, "\n", "⏎"), f.Message, f.Suggestion)
	}
	t.Logf("%d findings in %d characters", len(fs), len(text))
}

// tcase is a text with each expected span between ⟦ and ⟧, and one want per
// span in order: "rule/severity" or "rule/severity=suggestion".
type tcase struct {
	in   string
	want []string
}

type span struct{ start, end int }

// parseMarked strips the ⟦⟧ marks and returns the text and the marked spans.
func parseMarked(s string) ([]rune, []span) {
	var text []rune
	var spans []span
	for _, r := range s {
		switch r {
		case '⟦':
			spans = append(spans, span{start: len(text)})
		case '⟧':
			spans[len(spans)-1].end = len(text)
		default:
			text = append(text, r)
		}
	}
	return text, spans
}

func runCases(t *testing.T, fn func([]rune) []finding.Finding, cases []tcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			text, spans := parseMarked(c.in)
			got := fn(text)
			if len(got) != len(spans) || len(spans) != len(c.want) {
				t.Fatalf("got %d findings, want %d: %s", len(got), len(spans), describe(got))
			}
			for i, f := range got {
				checkOne(t, text, f, spans[i], c.want[i])
			}
		})
	}
}

func checkOne(t *testing.T, text []rune, f finding.Finding, sp span, want string) {
	t.Helper()
	id, sugg, hasSugg := strings.Cut(want, "=")
	if f.Start != sp.start || f.End != sp.end {
		t.Errorf("span [%d,%d) %q, want [%d,%d) %q", f.Start, f.End, f.Text, sp.start, sp.end, string(text[sp.start:sp.end]))
	}
	if f.Text != string(text[f.Start:f.End]) {
		t.Errorf("Text %q is not the span", f.Text)
	}
	if got := f.Rule + "/" + string(f.Severity); got != id {
		t.Errorf("rule %s, want %s", got, id)
	}
	if hasSugg && f.Suggestion != sugg {
		t.Errorf("suggestion %q, want %q", f.Suggestion, sugg)
	}
	if f.Message == "" || !f.Category.Valid() {
		t.Errorf("bad finding %+v", f)
	}
}

func describe(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\n  %s/%s [%d,%d) %q sugg %q", f.Rule, f.Severity, f.Start, f.End, f.Text, f.Suggestion)
	}
	return b.String()
}

// none makes negative cases: texts on which fn must find nothing.
func none(texts ...string) []tcase {
	cs := make([]tcase, len(texts))
	for i, s := range texts {
		cs[i] = tcase{in: s}
	}
	return cs
}
