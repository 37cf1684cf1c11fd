package sensitive

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// TestToneSplit measures the tone rule on every set it may be tuned or
// validated on, with the blind dev2 set split by case: cases whose id
// number is even are for tuning, odd ones for validation (tuning protocol of
// issue 7). It runs only with SHENFA_TONE_SPLIT=1; SHENFA_TONE_SHOW=1 also
// lists the misses and wrong findings, never those of the validation half.
func TestToneSplit(t *testing.T) {
	if os.Getenv("SHENFA_TONE_SPLIT") == "" {
		t.Skip("set SHENFA_TONE_SPLIT=1 to measure the tone rule per set")
	}
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	show := os.Getenv("SHENFA_TONE_SHOW") != ""
	all := func(string) bool { return true }
	type set struct {
		name, dir string
		keep      func(id string) bool
		private   bool // a validation half: figures only
	}
	sets := []set{
		{"planted", "../testdata/planted", all, false},
		{"tone-dev", devSet, all, false},
		{"dev", "../testdata/blind/dev", all, false},
		{"dev2-even", "../testdata/blind/dev2", evenCase, false},
		{"dev2-odd", "../testdata/blind/dev2", func(id string) bool { return !evenCase(id) }, true},
	}
	if dir := os.Getenv("SHENFA_TONE_EXTRA"); dir != "" {
		sets = append(sets, set{"extra", dir, all, false}) // a new round of cases, measured before it is merged
	}
	for _, s := range sets {
		var planted, hit, alarms, extra, cleanChars int
		for set, cases := range loadSet(t, s.dir) {
			for _, cs := range cases {
				if !s.keep(cs.ID) {
					continue
				}
				fs := c.Check(cs.Text).Findings
				if set == "clean" {
					cleanChars += len([]rune(cs.Text))
				}
				var spans [][2]int
				for _, e := range cs.Expect {
					if e.Category != finding.Tone {
						continue
					}
					a, b, ok := e.span(cs.Text)
					if !ok {
						t.Fatalf("%s: %q is not in the text", cs.ID, e.Text)
					}
					spans = append(spans, [2]int{a, b})
					planted++
					if found(fs, finding.Tone, a, b) {
						hit++
					} else if show && !s.private {
						t.Logf("%s miss %s: %q", s.name, cs.ID, e.Text)
					}
				}
				for _, f := range fs {
					if f.Category != finding.Tone || f.Severity == finding.Info || overlapsAny(f, spans) {
						continue
					}
					if set == "clean" {
						alarms++
					} else {
						extra++
					}
					if show && !s.private {
						t.Logf("%s wrong %s (%s): %q", s.name, cs.ID, set, f.Text)
					}
				}
			}
		}
		r := 0.0
		if planted > 0 {
			r = 100 * float64(hit) / float64(planted)
		}
		t.Logf("%-10s tone %3d/%-3d %5.1f%%  false alarms on clean drafts %d (%d chars), unlabelled findings in drafts with errors %d",
			s.name, hit, planted, r, alarms, cleanChars, extra)
	}
}

// evenCase reports whether the number that ends a case id is even.
func evenCase(id string) bool {
	i := strings.LastIndex(id, "-")
	n, err := strconv.Atoi(id[i+1:])
	return err == nil && n%2 == 0
}

func overlapsAny(f finding.Finding, spans [][2]int) bool {
	for _, s := range spans {
		if f.Start < s[1] && s[0] < f.End {
			return true
		}
	}
	return false
}

// TestToneCorpus lists every tone finding on the real text in
// SHENFA_TONE_CORPUS (a folder of .md/.txt files), so that each one can be
// read: the corpus test counts all rules together.
func TestToneCorpus(t *testing.T) {
	dir := os.Getenv("SHENFA_TONE_CORPUS")
	if dir == "" {
		t.Skip("set SHENFA_TONE_CORPUS to a folder of real text")
	}
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var chars, n int
	for _, f := range corpusFiles(t, dir) {
		doc, err := importer.ImportFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := c.Check(doc.Text)
		chars += r.Chars
		runes := []rune(doc.Text)
		for _, fd := range r.Findings {
			if fd.Category == finding.Tone && fd.Severity != finding.Info {
				n++
				t.Logf("%s: %q in …%s…", filepath.Base(f), fd.Text, context(runes, fd.Start, fd.End))
			}
		}
	}
	t.Logf("%d tone findings in %d characters (%.3f per 10,000)", n, chars, float64(n)*10000/float64(max(chars, 1)))
}
