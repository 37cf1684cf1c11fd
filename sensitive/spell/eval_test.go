package spell

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"shenfa/sensitive/importer"
	"shenfa/sensitive/lm"
)

// TestEval prints the model's recall on the typos of the planted sets named
// by SHENFA_EVAL (a list of folders) and its findings on the held-out corpus
// files of SHENFA_CORPUS_DIR. A tuning aid, skipped unless SHENFA_EVAL is set.
func TestEval(t *testing.T) {
	dirs := os.Getenv("SHENFA_EVAL")
	if dirs == "" {
		t.Skip("SHENFA_EVAL not set")
	}
	c := checker(t)
	hit, total := 0, 0
	for _, dir := range strings.Split(dirs, ",") {
		files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
		for _, f := range files {
			data, _ := os.ReadFile(f)
			var set struct {
				Case []struct {
					ID     string `toml:"id"`
					Text   string `toml:"text"`
					Expect []struct {
						Category   string `toml:"category"`
						Text       string `toml:"text"`
						Suggestion string `toml:"suggestion"`
					} `toml:"expect"`
				} `toml:"case"`
			}
			if err := toml.Unmarshal(data, &set); err != nil {
				t.Fatal(f, err)
			}
			for _, cs := range set.Case {
				fs := c.Check([]rune(cs.Text))
				for _, e := range cs.Expect {
					if e.Category != "typo" || len([]rune(e.Text)) < 2 || isDup(e.Text) {
						continue
					}
					total++
					at := strings.Index(cs.Text, e.Text)
					s := len([]rune(cs.Text[:at]))
					ok := false
					for _, fd := range fs {
						if fd.Start < s+len([]rune(e.Text)) && s < fd.End {
							ok = true
						}
					}
					if ok {
						hit++
					} else if os.Getenv("SHENFA_EVAL_MISSES") != "" {
						t.Logf("miss %s %s→%s", cs.ID, e.Text, e.Suggestion)
					}
				}
			}
		}
	}
	t.Logf("model recall on non-duplicate typos: %d/%d", hit, total)
	corpus := os.Getenv("SHENFA_CORPUS_DIR")
	if corpus == "" {
		return
	}
	files, _ := filepath.Glob(filepath.Join(corpus, "*.md"))
	sort.Strings(files)
	chars, n := 0, 0
	for i, f := range files {
		if i%lm.HoldOut != 0 {
			continue
		}
		doc, err := importer.ImportFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := []rune(doc.Text)
		chars += len(text)
		for _, fd := range c.Check(text) {
			n++
			t.Logf("corpus %s: %s→%s …%s…", filepath.Base(f), fd.Text, fd.Suggestion, string(text[max(0, fd.Start-8):min(len(text), fd.End+8)]))
		}
	}
	t.Logf("held-out corpus: %d findings in %d characters (%.2f per 10k)", n, chars, float64(n)*1e4/float64(chars))
}

// isDup reports a duplicated word (在在, 开展开展): another rule's business.
func isDup(s string) bool {
	r := []rune(s)
	h := len(r) / 2
	return len(r)%2 == 0 && string(r[:h]) == string(r[h:])
}
