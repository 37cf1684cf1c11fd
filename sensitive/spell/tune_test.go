package spell

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"shenfa/sensitive/importer"
	"shenfa/sensitive/lm"
)

// TestTune writes every candidate's features, labelled, to SHENFA_TUNE_OUT
// (JSON lines) for fit.py: candidates at the planted typos of the sets in
// SHENFA_TUNE are positives; the others in those sets, and all candidates
// in the even-numbered held-out corpus files of SHENFA_CORPUS_DIR, are
// negatives; candidates in the odd-numbered held-out files are written with
// label -1, for measuring. Skipped unless SHENFA_TUNE is set.
func TestTune(t *testing.T) {
	dirs, out := os.Getenv("SHENFA_TUNE"), os.Getenv("SHENFA_TUNE_OUT")
	if dirs == "" || out == "" {
		t.Skip("SHENFA_TUNE or SHENFA_TUNE_OUT not set")
	}
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	c := checker(t)
	c.Threshold = 1e9 // report nothing: only the trace matters
	write := func(label int, src string, text []rune, cd candidate) {
		v := cd.f.vector()
		enc.Encode(map[string]any{"label": label, "x": v[:], "src": src,
			"text": string(text[cd.start:cd.end]), "fix": string(cd.r)})
	}
	positives, total := 0, 0
	for _, dir := range strings.Split(dirs, ",") {
		files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
		for _, file := range files {
			for _, cs := range loadCases(t, file) {
				type span struct{ s, e int }
				var want []span
				var other []span
				for _, e := range cs.Expect {
					at := len([]rune(cs.Text[:strings.Index(cs.Text, e.Text)]))
					sp := span{at, at + len([]rune(e.Text))}
					if e.Category == "typo" && !isDup(e.Text) && len([]rune(e.Text)) > 1 {
						want = append(want, sp)
					} else {
						other = append(other, sp)
					}
				}
				total += len(want)
				best := make([]*candidate, len(want))
				var negs []candidate
				c.trace = func(text []rune, cd candidate) {
					for i, w := range want {
						if cd.start < w.e && w.s < cd.end {
							if best[i] == nil || cd.score > best[i].score {
								cp := cd
								best[i] = &cp
							}
							return
						}
					}
					for _, o := range other {
						if cd.start < o.e && o.s < cd.end {
							return // another category's error: neither label
						}
					}
					negs = append(negs, cd)
				}
				text := []rune(cs.Text)
				c.Check(text)
				for _, b := range best {
					if b != nil {
						write(1, cs.ID, text, *b)
						positives++
					}
				}
				for _, n := range negs {
					write(0, cs.ID, text, n)
				}
			}
		}
	}
	if dir := os.Getenv("SHENFA_CORPUS_DIR"); dir != "" {
		files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		sort.Strings(files)
		k := 0
		for i, file := range files {
			if i%lm.HoldOut != 0 {
				continue
			}
			k++
			doc, err := importer.ImportFile(file)
			if err != nil {
				t.Fatal(err)
			}
			label := 0
			if k%2 == 1 {
				label = -1
			}
			c.trace = func(text []rune, cd candidate) { write(label, filepath.Base(file), text, cd) }
			c.Check([]rune(doc.Text))
		}
	}
	t.Logf("%d of %d planted typos have a candidate", positives, total)
	fmt.Fprintln(os.Stderr, featureNames)
}

type tuneCase struct {
	ID     string `toml:"id"`
	Text   string `toml:"text"`
	Expect []struct {
		Category   string `toml:"category"`
		Text       string `toml:"text"`
		Suggestion string `toml:"suggestion"`
	} `toml:"expect"`
}

func loadCases(t *testing.T, path string) []tuneCase {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Case []tuneCase `toml:"case"`
	}
	if err := toml.Unmarshal(data, &set); err != nil {
		t.Fatal(path, err)
	}
	return set.Case
}
