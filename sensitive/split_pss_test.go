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

// pssCaseNumber reads the number at the end of a case id (dev2-tone-002 → 2).
var pssCaseNumber = regexp.MustCompile(`(\d+)$`)

// TestSplitPSS measures a blind set split by the parity of the case number,
// so that the even cases can be tuned on while the odd ones stay a
// validation set seen only as totals. SHENFA_SPLIT_DIR names the set
// (default blind/dev2), SHENFA_SPLIT_PARITY is even, odd or all. Only the
// even half lists its misses (political, sensitive and secret) and its
// clean-draft findings, and so does any set other than dev2; the odd half
// of dev2 prints figures only.
func TestSplitPSS(t *testing.T) {
	parity := os.Getenv("SHENFA_SPLIT_PARITY")
	if parity == "" {
		t.Skip("set SHENFA_SPLIT_PARITY=even|odd|all to measure a split")
	}
	dir := os.Getenv("SHENFA_SPLIT_DIR")
	if dir == "" {
		dir = "../testdata/blind/dev2"
	}
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	show := parity == "even" || !strings.Contains(dir, "dev2")
	per := map[string]*tally{}
	alarms, cleanChars := 0, 0
	var misses []string
	for set, cases := range loadSet(t, dir) {
		for _, cs := range cases {
			if !pssInParity(cs.ID, parity) {
				continue
			}
			fs := c.Check(cs.Text).Findings
			if set == "clean" {
				cleanChars += len([]rune(cs.Text))
				for _, f := range fs {
					if f.Severity == finding.Info {
						continue
					}
					alarms++
					if show {
						misses = append(misses, fmt.Sprintf("ALARM %s: %s %s %q", cs.ID, f.Severity, f.Rule, f.Text))
					}
				}
				continue
			}
			for _, e := range cs.Expect {
				k := string(e.Category)
				if per[k] == nil {
					per[k] = &tally{}
				}
				per[k].planted++
				s, end, ok := e.span(cs.Text)
				if !ok {
					t.Fatalf("%s: %q is not in the text", cs.ID, e.Text)
				}
				if found(fs, e.Category, s, end) {
					per[k].found++
				} else if show && pssOwnCategory(e.Category) {
					misses = append(misses, fmt.Sprintf("MISS %s %s %q in %q", cs.ID, e.Category, e.Text, pssContext(cs.Text, s, end)))
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
		fmt.Fprintf(&b, "  %-12s %3d/%-3d %5.1f%%\n", k, per[k].found, per[k].planted, 100*float64(per[k].found)/float64(per[k].planted))
	}
	t.Logf("%s, %s cases (clean drafts: %d block/warn findings in %d characters):\n%s", dir, parity, alarms, cleanChars, b.String())
	sort.Strings(misses)
	for _, m := range misses {
		t.Log(m)
	}
}

// pssInParity reports whether a case id belongs to the requested half.
func pssInParity(id, parity string) bool {
	m := pssCaseNumber.FindString(id)
	if m == "" || parity == "all" {
		return parity == "all"
	}
	n, _ := strconv.Atoi(m)
	return (n%2 == 0) == (parity == "even")
}

// pssOwnCategory names the categories this split test lists misses for.
func pssOwnCategory(c finding.Category) bool {
	return c == "political" || c == "sensitive" || c == "secret"
}

// pssContext returns the planted span with up to 15 characters either side.
func pssContext(text string, s, e int) string {
	r := []rune(text)
	return string(r[max(0, s-15):s]) + "【" + string(r[s:e]) + "】" + string(r[e:min(len(r), e+15)])
}
