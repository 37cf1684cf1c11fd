package match

import (
	"bufio"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

type word struct {
	text string
	freq int
}

// dictionary reads testdata/dict.txt, most frequent first.
func dictionary(tb testing.TB) []word {
	f, err := os.Open("testdata/dict.txt")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var ws []word
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w, n, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.HasPrefix(w, "#") {
			continue
		}
		freq, _ := strconv.Atoi(n)
		ws = append(ws, word{w, freq})
	}
	return ws
}

// benchLexicon is 20,000 words of two to four characters from a general dictionary.
func benchLexicon(ws []word) []string {
	var lex []string
	for _, w := range ws {
		if n := utf8.RuneCountInString(w.text); n >= 2 && n <= 4 {
			lex = append(lex, w.text)
		}
		if len(lex) == 20000 {
			break
		}
	}
	return lex
}

var corpusOnce = sync.OnceValue(func() string {
	ws := dictionary(nil)
	return synthetic(ws, 50<<20)
})

// synthetic writes Chinese text of the given size: words drawn by their
// frequency, with the punctuation of ordinary prose.
func synthetic(ws []word, size int) string {
	total := 0
	cum := make([]int, len(ws))
	for i, w := range ws {
		total += w.freq
		cum[i] = total
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.Grow(size + 64)
	for n := 0; b.Len() < size; n++ {
		x := rng.IntN(total)
		i, _ := slicesSearch(cum, x)
		b.WriteString(ws[i].text)
		switch {
		case n%97 == 96:
			b.WriteString("。\n")
		case n%11 == 10:
			b.WriteString("，")
		}
	}
	return b.String()
}

func slicesSearch(cum []int, x int) (int, bool) {
	lo, hi := 0, len(cum)
	for lo < hi {
		m := (lo + hi) / 2
		if cum[m] <= x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, true
}

// BenchmarkScan50MB: target at least 150 MB/s of CPU time with all folding on.
func BenchmarkScan50MB(b *testing.B) {
	lex := benchLexicon(dictionary(b))
	m, err := New(lex)
	if err != nil {
		b.Fatal(err)
	}
	corpus := corpusOnce()
	b.SetBytes(int64(len(corpus)))
	b.ResetTimer()
	hits := 0
	for b.Loop() {
		hits = 0
		m.Scan(corpus, func(Match) { hits++ })
	}
	b.ReportMetric(float64(hits), "matches")
}

// BenchmarkBuild20k: target under 200 ms and under 30 MB of heap.
func BenchmarkBuild20k(b *testing.B) {
	lex := benchLexicon(dictionary(b))
	var m *Matcher
	var before, after runtime.MemStats
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&before)
		m, _ = New(lex)
		runtime.GC()
		runtime.ReadMemStats(&after)
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(len(m.cells)), "cells")
	runtime.KeepAlive(m)
}
