//go:build ignore

// gen_model writes the embedded data of package lm:
//
//   - words.txt.gz: `word<TAB>freq<TAB>tag` for every all-Han word of up to
//     lm.MaxWordLen characters of the gse dictionary (data/dict/zh/s_1.txt of
//     github.com/go-ego/gse v0.80.3, Apache-2.0, itself the jieba dictionary),
//     the highest frequency where a word is listed twice, tags i, l, nr, ns
//     and nt kept; plus the compounds of official text the dictionary lacks
//     (addCompounds);
//   - usage.bin: the counted characters, bigrams and 3- to 6-grams of the Han
//     runs of the corpus files, leaving out every lm.HoldOut-th file, plus the
//     characters and bigrams of the dictionary's words counted by frequency
//     (bigrams inside words of frequency 10 or more are "seen").
//
// Usage (from the module root, after `go mod download github.com/go-ego/gse@v0.80.3`):
//
//	go run sensitive/lm/gen_model.go -dict $(go env GOMODCACHE)/github.com/go-ego/gse@v0.80.3/data/dict/zh/s_1.txt \
//	    -corpus ../shared/corpus/xwlb -out assets/data
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"shenfa/sensitive/lm"
)

func main() {
	dict := flag.String("dict", "", "gse dictionary s_1.txt")
	corpus := flag.String("corpus", "", "folder of corpus .md files")
	out := flag.String("out", "assets/data", "output folder")
	flag.Parse()
	if *dict == "" || *corpus == "" {
		log.Fatal("need -dict and -corpus")
	}
	words := readDict(*dict)
	runs := corpusRuns(*corpus)
	addCompounds(runs, words)
	writeWords(filepath.Join(*out, "words.txt.gz"), words)
	writeUsage(filepath.Join(*out, "usage.bin"), runs, words)
}

type word struct {
	freq uint64
	tag  string
}

func readDict(path string) map[string]word {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	words := map[string]word{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 2 || !keep(fs[0]) {
			continue
		}
		n, err := strconv.ParseUint(fs[1], 10, 24)
		if err != nil {
			log.Fatalf("%s: %v", sc.Text(), err)
		}
		tag := ""
		if len(fs) > 2 && lm.ParseTag(fs[2]) != 0 {
			tag = fs[2]
		}
		if old, ok := words[fs[0]]; !ok || n > old.freq {
			words[fs[0]] = word{n, tag}
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	return words
}

func keep(w string) bool {
	rs := []rune(w)
	if len(rs) == 0 || len(rs) > lm.MaxWordLen {
		return false
	}
	for _, r := range rs {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

func writeWords(path string, words map[string]word) {
	keys := make([]string, 0, len(words))
	for w := range words {
		keys = append(keys, w)
	}
	slices.Sort(keys)
	var buf bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	// The zero ModTime keeps the output reproducible.
	fmt.Fprintln(gz, "# word<TAB>frequency<TAB>tag — derived from the gse dictionary (Apache-2.0); see sensitive/lm/gen_model.go")
	for _, w := range keys {
		fmt.Fprintf(gz, "%s\t%d\t%s\n", w, words[w].freq, words[w].tag)
	}
	if err := gz.Close(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: %d words, %d bytes", path, len(keys), buf.Len())
}

// corpusRuns reads the Han runs of the corpus files the model is built
// from, leaving out every lm.HoldOut-th file.
func corpusRuns(corpus string) [][]rune {
	files, err := filepath.Glob(filepath.Join(corpus, "*.md"))
	if err != nil || len(files) == 0 {
		log.Fatalf("no corpus files in %s", corpus)
	}
	slices.Sort(files)
	var runs [][]rune
	used := 0
	for i, f := range files {
		if i%lm.HoldOut == 0 {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			log.Fatal(err)
		}
		forRuns(string(data), func(r []rune) { runs = append(runs, slices.Clone(r)) })
		used++
	}
	log.Printf("%d of %d corpus files", used, len(files))
	return runs
}

func writeUsage(path string, runs [][]rune, words map[string]word) {
	b := lm.NewUsageBuilder()
	for _, r := range runs {
		b.AddRun(r)
	}
	for w, e := range words {
		b.AddWord([]rune(w), e.freq, e.freq >= 10)
	}
	var buf bytes.Buffer
	b.Write(&buf)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: %d bytes", path, buf.Len())
}

// addCompounds adds to the dictionary the terms of official text it lacks:
// four- to six-character sequences seen at least minCompoundCount times in
// the corpus that are compounds of dictionary words (营商+环境, 垃圾+分类),
// with their corpus count as frequency, so that slips in them are found.
func addCompounds(runs [][]rune, words map[string]word) {
	const minCompoundCount = 30
	counts := map[string]int{}
	for _, run := range runs {
		for i := range run {
			for n := 4; n <= 6 && i+n <= len(run); n++ {
				counts[string(run[i:i+n])]++
			}
		}
	}
	var added []string
	for s, n := range counts {
		if _, ok := words[s]; !ok && n >= minCompoundCount && compound([]rune(s), words) {
			added = append(added, s)
		}
	}
	for _, s := range added {
		words[s] = word{freq: uint64(counts[s])}
	}
	log.Printf("%d compounds added to the dictionary", len(added))
}

// compound reports whether s splits into dictionary words of two or more
// characters and frequency 10 or more.
func compound(s []rune, words map[string]word) bool {
	if len(s) == 0 {
		return true
	}
	for n := 2; n <= len(s); n++ {
		if w, ok := words[string(s[:n])]; ok && w.freq >= 10 && compound(s[n:], words) {
			return true
		}
	}
	return false
}

// forRuns calls fn with each maximal run of Han characters of text.
func forRuns(text string, fn func([]rune)) {
	var run []rune
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			run = append(run, r)
			continue
		}
		if len(run) > 0 {
			fn(run)
			run = run[:0]
		}
	}
	if len(run) > 0 {
		fn(run)
	}
}
