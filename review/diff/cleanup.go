package diff

import "unicode"

// cleanup turns a minimal character diff of a paragraph pair (old runes a,
// new runes b) into one that reads as whole words. It works on rune offsets
// throughout; go-diff's own cleanups are not used because its boundary
// scoring knows only ASCII (every Chinese character scores as punctuation,
// Chinese punctuation is not recognised) and its efficiency cleanup and
// overlap test count bytes.
func cleanup(hs []hunk, a, b []rune) []hunk {
	hs = absorbSmallGaps(hs)
	hs = slideToBoundaries(hs, a, b)
	hs = absorbSmallGaps(hs)
	return growToWords(hs, a, b)
}

// absorbSmallGaps merges two changes when the unchanged text between them is
// no longer than either change (go-diff's semantic rule, on runes): "甲乙丙"
// to "丁乙戊" reads as one replacement, not two with a stray "乙" between.
// Merged changes are checked again against their left neighbour.
func absorbSmallGaps(hs []hunk) []hunk {
	out := hs[:0]
	for _, h := range hs {
		for len(out) > 0 {
			p := out[len(out)-1]
			gap := h.o0 - p.o1
			if gap > p.size() || gap > h.size() {
				break
			}
			h = hunk{p.o0, h.o1, p.n0, h.n1}
			out = out[:len(out)-1]
		}
		out = append(out, h)
	}
	return out
}

// slideToBoundaries moves each pure insertion or deletion, where the text
// around it allows several equivalent places, to the place whose edges score
// best: "甲，[乙，]丙" rather than "甲[，乙]，丙".
func slideToBoundaries(hs []hunk, a, b []rune) []hunk {
	for i := range hs {
		h := &hs[i]
		var d int
		switch {
		case h.o0 == h.o1: // an insertion slides within the new text
			lo, hi := 0, len(b)
			if i > 0 {
				lo = hs[i-1].n1
			}
			if i+1 < len(hs) {
				hi = hs[i+1].n0
			}
			d = bestShift(b, h.n0, h.n1, lo, hi)
		case h.n0 == h.n1: // a deletion within the old text
			lo, hi := 0, len(a)
			if i > 0 {
				lo = hs[i-1].o1
			}
			if i+1 < len(hs) {
				hi = hs[i+1].o0
			}
			d = bestShift(a, h.o0, h.o1, lo, hi)
		}
		h.o0, h.o1, h.n0, h.n1 = h.o0+d, h.o1+d, h.n0+d, h.n1+d
	}
	return hs
}

// bestShift returns how far the edit t[s:e] may move (negative: left) within
// [lo,hi) to the best-scoring position; ties go to the rightmost, so that
// trailing punctuation stays with the words before it.
func bestShift(t []rune, s, e, lo, hi int) int {
	left := 0
	for s+left > lo && t[s+left-1] == t[e+left-1] {
		left--
	}
	best, bestScore := left, -1
	for d := left; ; d++ {
		if sc := edgeScore(t, s+d) + edgeScore(t, e+d); sc >= bestScore {
			best, bestScore = d, sc
		}
		if e+d >= hi || t[s+d] != t[e+d] {
			break
		}
	}
	return best
}

// edgeScore rates a boundary before t[i]: paragraph edges and sentence ends
// best, then clause punctuation, spaces, other punctuation, script changes,
// and worst the inside of a word.
func edgeScore(t []rune, i int) int {
	if i <= 0 || i >= len(t) {
		return 6
	}
	x, y := t[i-1], t[i]
	switch {
	case isSentenceEnd(x, y):
		return 5
	case isClauseEnd(x) || isOpening(y):
		return 4
	case unicode.IsSpace(x) || unicode.IsSpace(y):
		return 3
	case isPunct(x) || isPunct(y):
		return 2
	case isWordRune(x) != isWordRune(y):
		return 1
	}
	return 0
}

// maxGrow bounds how far a change grows at one edge, so that an edit inside
// a long unbroken token (a URL, a base64 blob) stays readable.
const maxGrow = 32

// growToWords widens every change whose edge cuts a Latin word, a number or
// a combined character (accents, emoji modifiers and ZWJ sequences, flags) to
// cover it whole: "2025年" to "2026年" reads as 2025→2026, not 5→6. Changes
// that come to touch are merged.
func growToWords(hs []hunk, a, b []rune) []hunk {
	out := make([]hunk, 0, len(hs))
	for i, h := range hs {
		lo := 0
		if len(out) > 0 {
			lo = out[len(out)-1].o1
		}
		for n := 0; n < maxGrow && h.o0 > lo && joinsLeft(h, a, b); n++ {
			h.o0, h.n0 = h.o0-1, h.n0-1
		}
		if len(out) > 0 && h.o0 == lo {
			out[len(out)-1].o1, out[len(out)-1].n1 = h.o1, h.n1
		} else {
			out = append(out, h)
		}
		last := &out[len(out)-1]
		hi := len(a)
		if i+1 < len(hs) {
			hi = hs[i+1].o0
		}
		for n := 0; n < maxGrow && last.o1 < hi && joinsRight(*last, a, b); n++ {
			last.o1, last.n1 = last.o1+1, last.n1+1
		}
	}
	return out
}

// joinsLeft reports that the unchanged character just before h belongs to
// the same word as the first character of either side of h (or, for an empty
// side, the character after it).
func joinsLeft(h hunk, a, b []rune) bool {
	x := a[h.o0-1]
	y1, ok1 := firstOf(a, h.o0, h.o1)
	y2, ok2 := firstOf(b, h.n0, h.n1)
	return ok1 && joins(x, y1) || ok2 && joins(x, y2)
}

// joinsRight reports that the unchanged character just after h belongs to the
// same word as the last character of either side of h.
func joinsRight(h hunk, a, b []rune) bool {
	y := a[h.o1]
	x1, ok1 := lastOf(a, h.o0, h.o1)
	x2, ok2 := lastOf(b, h.n0, h.n1)
	return ok1 && joins(x1, y) || ok2 && joins(x2, y)
}

func firstOf(t []rune, s, e int) (rune, bool) {
	if e > s {
		return t[s], true
	}
	if e < len(t) {
		return t[e], true
	}
	return 0, false
}

func lastOf(t []rune, s, e int) (rune, bool) {
	if e > s {
		return t[e-1], true
	}
	if s > 0 {
		return t[s-1], true
	}
	return 0, false
}

const zwj = '\u200d'

// joins reports that no word boundary falls between x and y.
func joins(x, y rune) bool {
	switch {
	case isExtender(y) || x == zwj:
		return true
	case isRegional(x) && isRegional(y):
		return true // flags are pairs; over-joining two flags is harmless
	}
	return isWordRune(x) && isWordRune(y)
}

// isExtender reports characters that attach to the one before them.
func isExtender(r rune) bool {
	return unicode.Is(unicode.M, r) || r == zwj ||
		r >= 0x1F3FB && r <= 0x1F3FF || // emoji skin tones
		r >= 0xE0020 && r <= 0xE007F // emoji tag sequences
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// isWordRune reports letters and digits of scripts that separate words by
// spaces. Han, kana and the like are words of one character each.
func isWordRune(r rune) bool {
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.M, r) {
		return false
	}
	return !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo)
}

func isSentenceEnd(x, y rune) bool {
	switch x {
	case '。', '！', '？', '；', '…':
		return true
	case '.', '!', '?', ';':
		return unicode.IsSpace(y)
	}
	return false
}

func isClauseEnd(r rune) bool {
	switch r {
	case '，', '、', '：', '）', '》', '」', '』', '】', '〕', '”', '’', ',', ':', ')', ']':
		return true
	}
	return false
}

func isOpening(r rune) bool {
	switch r {
	case '（', '《', '「', '『', '【', '〔', '“', '‘', '(', '[':
		return true
	}
	return false
}

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }
