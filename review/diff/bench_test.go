package diff

import (
	"slices"
	"strings"
	"testing"
)

// benchDraft builds a draft of about total characters from the real articles
// in testdata, in paragraphs of 100–400 characters, and a revision with the
// given share of paragraphs touched by a few characters each.
func benchDraft(b *testing.B, total int, share float64) (string, string) {
	pool := samplePool(b)
	rng := newRand(42)
	ps := draftParagraphs(pool, total, rng)
	edited := append([]string(nil), ps...)
	n := max(1, int(float64(len(ps))*share))
	for _, i := range rng.Perm(len(ps))[:n] {
		edited[i] = touch(ps[i], 1+rng.Intn(5), pool, rng)
	}
	return strings.Join(ps, "\n"), strings.Join(edited, "\n")
}

func benchCompute(b *testing.B, old, new string) {
	b.Helper()
	b.ReportAllocs()
	b.SetBytes(int64(len(old) + len(new)))
	var r Result
	for b.Loop() {
		r = Compute(old, new)
	}
	s := r.Summary()
	b.ReportMetric(float64(s.ChangedParagraphs), "changed-paragraphs")
	if s.Approximate {
		b.ReportMetric(1, "approximate")
	}
}

// BenchmarkCompute100k1pct is the target of issue 8: under 50 ms.
func BenchmarkCompute100k1pct(b *testing.B) {
	old, new := benchDraft(b, 100_000, 0.01)
	benchCompute(b, old, new)
}

func BenchmarkCompute100k10pct(b *testing.B) {
	old, new := benchDraft(b, 100_000, 0.10)
	benchCompute(b, old, new)
}

// rewrittenPools returns the sample characters and the same characters in
// reverse order: text with the same characters and none of the phrasing.
func rewrittenPools(b *testing.B) (pool, other []rune) {
	pool = samplePool(b)
	other = slices.Clone(pool)
	slices.Reverse(other)
	return pool, other
}

// BenchmarkRewritten10k diffs a 10,000-character draft against a different
// text of the same length and shape: every paragraph replaced.
func BenchmarkRewritten10k(b *testing.B) {
	pool, other := rewrittenPools(b)
	old := strings.Join(draftParagraphs(pool, 10_000, newRand(1)), "\n")
	new := strings.Join(draftParagraphs(other, 10_000, newRand(2)), "\n")
	benchCompute(b, old, new)
}

// BenchmarkRewritten10kOneParagraph is the worst case for the character
// diff: 10,000 characters without a line break, rewritten throughout.
func BenchmarkRewritten10kOneParagraph(b *testing.B) {
	pool, other := rewrittenPools(b)
	old := strings.Join(draftParagraphs(pool, 10_000, newRand(1)), "")
	new := strings.Join(draftParagraphs(other, 10_000, newRand(2)), "")
	benchCompute(b, old, new)
}

// BenchmarkHalfRewritten10kOneParagraph: one 10,000-character paragraph with
// 30% of its characters touched.
func BenchmarkHalfRewritten10kOneParagraph(b *testing.B) {
	pool := samplePool(b)
	old := strings.Join(draftParagraphs(pool, 10_000, newRand(1)), "")
	new := touch(old, 3000, pool, newRand(3))
	benchCompute(b, old, new)
}

// BenchmarkShifted10kOneParagraph pairs one 10,000-character paragraph with
// the same sentences starting half a sample later: alike enough to pair, too
// far apart for Myers within the timeout, so it measures the approximate path.
func BenchmarkShifted10kOneParagraph(b *testing.B) {
	pool := samplePool(b)
	old := strings.Join(draftParagraphs(pool, 10_000, newRand(1)), "")
	new := strings.Join(draftParagraphs(pool[len(pool)/2:], 10_000, newRand(2)), "")
	benchCompute(b, old, new)
}
