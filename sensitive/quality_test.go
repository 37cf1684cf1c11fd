package sensitive

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"

	"shenfa/sensitive/finding"
)

// plantedFile is one file of testdata/planted (see its README).
type plantedFile struct {
	Case []plantedCase `toml:"case"`
}

type plantedCase struct {
	ID     string           `toml:"id"`
	Text   string           `toml:"text"`
	Note   string           `toml:"note"`
	Expect []plantedFinding `toml:"expect"`
}

type plantedFinding struct {
	Category   finding.Category `toml:"category"`
	Text       string           `toml:"text"`
	Occurrence int              `toml:"occurrence"`
	Suggestion string           `toml:"suggestion"`
}

// loadPlanted reads testdata/planted, or the set in SHENFA_PLANTED_DIR when
// measuring a held-out set.
func loadPlanted(t *testing.T) map[string][]plantedCase {
	dir := os.Getenv("SHENFA_PLANTED_DIR")
	if dir == "" {
		dir = "../testdata/planted"
	}
	return loadSet(t, dir)
}

// loadSet reads a folder of planted-error files, keyed by file name.
func loadSet(t *testing.T, dir string) map[string][]plantedCase {
	files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
	if len(files) == 0 {
		t.Fatalf("no planted test set in %s", dir)
	}
	sets := map[string][]plantedCase{}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var f plantedFile
		if err := toml.Unmarshal(data, &f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sets[strings.TrimSuffix(filepath.Base(name), ".toml")] = f.Case
	}
	return sets
}

// span locates the expected text in the case, in code points.
func (p plantedFinding) span(text string) (int, int, bool) {
	at := -1
	for n := max(p.Occurrence, 1); n > 0; n-- {
		i := strings.Index(text[at+1:], p.Text)
		if i < 0 {
			return 0, 0, false
		}
		at += 1 + i
	}
	start := len([]rune(text[:at]))
	return start, start + len([]rune(p.Text)), true
}

// found reports whether a finding of the expected category overlaps the planted error.
func found(fs []finding.Finding, cat finding.Category, start, end int) bool {
	for _, f := range fs {
		if f.Category == cat && f.Start < end && start < f.End {
			return true
		}
	}
	return false
}

type tally struct{ planted, found int }

// TestPlantedRecall guards recall per category on the labelled set: at
// least 95% of planted errors of each category are reported.
func TestPlantedRecall(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]*tally{}
	for set, cases := range loadPlanted(t) {
		if set == "clean" {
			continue
		}
		for _, cs := range cases {
			fs := c.CheckAt(cs.Text, setDay).Findings
			for _, e := range cs.Expect {
				key := string(e.Category)
				if set == "evasion" {
					key = "evasion(" + key + ")"
				}
				if per[key] == nil {
					per[key] = &tally{}
				}
				per[key].planted++
				s, end, ok := e.span(cs.Text)
				if !ok {
					t.Fatalf("%s: %q is not in the text", cs.ID, e.Text)
				}
				if found(fs, e.Category, s, end) {
					per[key].found++
				} else {
					t.Logf("missed %s %s %q", cs.ID, e.Category, e.Text)
				}
			}
		}
	}
	report(t, per)
}

func report(t *testing.T, per map[string]*tally) {
	keys := make([]string, 0, len(per))
	for k := range per {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		r := float64(per[k].found) / float64(per[k].planted)
		fmt.Fprintf(&b, "%-24s %4d/%-4d %6.1f%%\n", k, per[k].found, per[k].planted, 100*r)
		if r < 0.95 {
			t.Errorf("recall of %s is %.1f%%, below 95%%", k, 100*r)
		}
	}
	t.Logf("recall per category:\n%s", b.String())
}

// TestPlantedClean: drafts without errors (and with the classic traps) give
// no block or warn finding.
func TestPlantedClean(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, cs := range loadPlanted(t)["clean"] {
		for _, f := range c.CheckAt(cs.Text, setDay).Findings {
			if f.Severity != finding.Info {
				t.Errorf("%s (%s): %s %s %q: %s", cs.ID, cs.Note, f.Severity, f.Rule, f.Text, f.Message)
			}
		}
	}
}

// setDay is the day the test sets were written for: their dates without a
// year are read in 2026, whatever the machine's clock says.
var setDay = time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local)
