package sensitive

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// TestCorpusQuiet checks real published text, imported as a user would
// import it, for false alarms: no block at all and at most 0.5 warn per
// 10,000 characters. The corpus is large, so the
// test runs only when SHENFA_CORPUS_DIR names a folder of .md/.txt files
// (for example ../shared/corpus/xwlb); SHENFA_CORPUS_EVERY=k keeps every
// k-th file only (the held-out share when k files are skipped by the model
// builder), SHENFA_CORPUS_SHOW=n lists the first n findings of each rule.
func TestCorpusQuiet(t *testing.T) {
	dir := os.Getenv("SHENFA_CORPUS_DIR")
	if dir == "" {
		t.Skip("SHENFA_CORPUS_DIR not set")
	}
	files := corpusFiles(t, dir)
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var chars int
	byRule := map[string][]string{}
	sev := map[finding.Severity]int{}
	for _, f := range files {
		doc, err := importer.ImportFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := doc.Text
		r := c.Check(text)
		chars += r.Chars
		runes := []rune(text)
		for _, fd := range r.Findings {
			if fd.Severity == finding.Info {
				continue
			}
			sev[fd.Severity]++
			key := string(fd.Severity) + " " + fd.Rule
			byRule[key] = append(byRule[key], fmt.Sprintf("%s: %q in …%s… (%s)", filepath.Base(f), fd.Text, context(runes, fd.Start, fd.End), fd.Suggestion))
		}
	}
	per10k := func(n int) float64 { return float64(n) * 10000 / float64(chars) }
	t.Logf("%d files, %d characters: %d block (%.3f/10k), %d warn (%.3f/10k)", len(files), chars,
		sev[finding.Block], per10k(sev[finding.Block]), sev[finding.Warn], per10k(sev[finding.Warn]))
	show := 5
	fmt.Sscan(os.Getenv("SHENFA_CORPUS_SHOW"), &show)
	keys := make([]string, 0, len(byRule))
	for k := range byRule {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return len(byRule[keys[i]]) > len(byRule[keys[j]]) })
	for _, k := range keys {
		t.Logf("%-36s %5d", k, len(byRule[k]))
		for _, s := range byRule[k][:min(show, len(byRule[k]))] {
			t.Logf("    %s", s)
		}
	}
	if sev[finding.Block] > 0 || per10k(sev[finding.Warn]) > 0.5 {
		t.Errorf("too noisy on real text: %d block, %.3f warn per 10,000 characters", sev[finding.Block], per10k(sev[finding.Warn]))
	}
}

// corpusFiles lists the text files of dir, every k-th one if SHENFA_CORPUS_EVERY is set.
func corpusFiles(t *testing.T, dir string) []string {
	var files []string
	for _, pat := range []string{"*.md", "*.txt"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		files = append(files, m...)
	}
	sort.Strings(files)
	every := 1
	fmt.Sscan(os.Getenv("SHENFA_CORPUS_EVERY"), &every)
	var kept []string
	for i, f := range files {
		if i%max(every, 1) == 0 {
			kept = append(kept, f)
		}
	}
	if len(kept) == 0 {
		t.Fatalf("no .md or .txt files in %s", dir)
	}
	return kept
}

// context returns the span with up to 12 characters either side, on one line.
func context(runes []rune, start, end int) string {
	s := string(runes[max(0, start-12):start]) + "【" + string(runes[start:end]) + "】" + string(runes[end:min(len(runes), end+12)])
	return strings.ReplaceAll(s, "\n", "⏎")
}
