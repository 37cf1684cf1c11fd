package sensitive

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"shenfa/sensitive/finding"
)

// TestTypoSplit measures recall per category on the tuning sets with
// blind/dev2 split by case number: even cases are tuned on, odd cases are
// the validation set and only their totals are printed. It also counts the
// block/warn findings on every clean set. It runs only with
// SHENFA_SPLIT=1; SHENFA_SPLIT_MISS=typo lists that category's misses on the
// sets that may be read (never the odd half).
func TestTypoSplit(t *testing.T) {
	if os.Getenv("SHENFA_SPLIT") == "" {
		t.Skip("set SHENFA_SPLIT=1 to measure the tuning split")
	}
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	miss := os.Getenv("SHENFA_SPLIT_MISS")
	for _, s := range []struct {
		name, dir string
		keep      func(id string) bool
		readable  bool
	}{
		{"planted", "../testdata/planted", nil, true},
		{"dev", "../testdata/blind/dev", nil, true},
		{"dev2-even", "../testdata/blind/dev2", typoEvenCase, true},
		{"dev2-odd", "../testdata/blind/dev2", func(id string) bool { return !typoEvenCase(id) }, false},
		{"tone-dev", devSet, nil, true},
	} {
		per := map[string]*tally{}
		alarms := 0
		alarmRules := map[string]int{} // the only detail shown of the validation half
		for set, cases := range loadSet(t, s.dir) {
			for _, cs := range cases {
				if s.keep != nil && !s.keep(cs.ID) {
					continue
				}
				fs := c.Check(cs.Text).Findings
				if set == "clean" {
					for _, f := range fs {
						if f.Severity != finding.Info {
							alarms++
							alarmRules[f.Rule]++
							if s.readable {
								t.Logf("%s clean %s: %s %s %q", s.name, cs.ID, f.Severity, f.Rule, f.Text)
							}
						}
					}
					continue
				}
				for _, e := range cs.Expect {
					k := string(e.Category)
					if set == "evasion" {
						k = "evasion(" + k + ")"
					}
					if per[k] == nil {
						per[k] = &tally{}
					}
					per[k].planted++
					st, end, ok := e.span(cs.Text)
					if !ok {
						t.Fatalf("%s: %q is not in the text", cs.ID, e.Text)
					}
					if found(fs, e.Category, st, end) {
						per[k].found++
					} else if s.readable && k == miss {
						t.Logf("%s miss %s: %q → %q", s.name, cs.ID, e.Text, e.Suggestion)
					}
				}
			}
		}
		keys := make([]string, 0, len(per))
		for k := range per {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			fmt.Fprintf(&b, "  %-20s %3d/%-3d %5.1f%%\n", k, per[k].found, per[k].planted,
				100*float64(per[k].found)/float64(per[k].planted))
		}
		t.Logf("%s (false alarms on clean: %d %v):\n%s", s.name, alarms, alarmRules, b.String())
	}
}

var typoCaseNumber = regexp.MustCompile(`(\d+)$`)

// typoEvenCase reports a case id that ends in an even number.
func typoEvenCase(id string) bool {
	m := typoCaseNumber.FindString(id)
	n, err := strconv.Atoi(m)
	return err == nil && n%2 == 0
}

// TestTypoShow prints every finding on the text in SHENFA_SPLIT_TEXT, to
// look at one sentence while tuning.
func TestTypoShow(t *testing.T) {
	text := os.Getenv("SHENFA_SPLIT_TEXT")
	if text == "" {
		t.Skip("set SHENFA_SPLIT_TEXT to the text to check")
	}
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range c.Check(text).Findings {
		t.Logf("%d-%d %s %s %q → %q: %s", f.Start, f.End, f.Severity, f.Rule, f.Text, f.Suggestion, f.Message)
	}
}
