package spell

import (
	"math"

	"shenfa/sensitive/lm"
)

// context is how many characters on each side of a window the segmentation
// that scores a correction looks at.
const context = 5

// gain is how much more probable the best segmentation of the stretch
// around text[a:a+l] becomes with r at position at. When the stretch itself
// is a (rare) dictionary word, it is scored as if it were not one.
func (c *Checker) gain(text []rune, start, end, a, l, at int, r rune, isWord bool) float64 {
	lo, hi := max(start, a-context), min(end, a+l+context)
	var buf [2*context + 8]rune
	win := append(buf[:0], text[lo:hi]...)
	var skip []rune
	if isWord {
		skip = text[a : a+l]
	}
	before := c.segment(win, skip)
	win[at-lo] = r
	return c.segment(win, nil) - before
}

// unknownChar is the frequency given to a single character the dictionary
// lacks or hardly knows, so that one odd character does not dominate.
const unknownChar = 30

// segment returns the log probability of the best segmentation of s into
// dictionary words (single characters always allowed), leaving out the word
// skip.
func (c *Checker) segment(s, skip []rune) float64 {
	d := c.m.Dict
	var best [2*context + 9]float64
	for i := 1; i <= len(s); i++ {
		best[i] = math.Inf(-1)
	}
	for k := range s {
		if math.IsInf(best[k], -1) {
			continue
		}
		for j := k + 1; j <= len(s) && j-k <= lm.MaxWordLen; j++ {
			p, ok := c.wordLogProb(d, s[k:j], skip)
			if ok && best[k]+p > best[j] {
				best[j] = best[k] + p
			}
		}
	}
	return best[len(s)]
}

// wordLogProb scores one piece of a segmentation.
func (c *Checker) wordLogProb(d *lm.Dict, w, skip []rune) (float64, bool) {
	if skip != nil && equal(w, skip) {
		return 0, false
	}
	e, ok := d.Lookup(w)
	if len(w) == 1 {
		e.Freq = max(e.Freq, unknownChar)
		return d.LogProb(e), true
	}
	if !ok {
		return 0, false
	}
	return d.LogProb(e), true
}

func equal(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
