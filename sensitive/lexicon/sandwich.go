package lexicon

import (
	"strings"
	"unicode"

	"shenfa/sensitive/match"
)

// maxSandwich is the longest run of letters or digits taken for evasion
// noise between two Han characters (网1络2赌3博, 代ａ孕); a longer run is a
// word or number of its own.
const maxSandwich = 2

// sandwiched returns runes without the short runs of Latin letters and
// digits (half- or full-width) that stand between two Han characters, as a
// string, and the offset in runes of each character kept; ok is false when
// there is no such run.
func sandwiched(runes []rune) (view string, at []int, ok bool) {
	var b strings.Builder
	for i := 0; i < len(runes); i++ {
		if n := alnumRun(runes, i); n > 0 && n <= maxSandwich && i > 0 && i+n < len(runes) &&
			unicode.Is(unicode.Han, runes[i-1]) && unicode.Is(unicode.Han, runes[i+n]) {
			if !ok {
				b.Grow(len(runes) * 3)
				for k := range i {
					b.WriteRune(runes[k])
					at = append(at, k)
				}
				ok = true
			}
			i += n - 1
			continue
		}
		if ok {
			b.WriteRune(runes[i])
			at = append(at, i)
		}
	}
	if !ok {
		return "", nil, false
	}
	return b.String(), append(at, len(runes)), true
}

// alnumRun is the length of the run of Latin letters and digits at runes[i].
func alnumRun(runes []rune, i int) int {
	n := 0
	for i+n < len(runes) && isAlnum(runes[i+n]) {
		n++
	}
	return n
}

func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
		r >= '０' && r <= '９' || r >= 'ａ' && r <= 'ｚ' || r >= 'Ａ' && r <= 'Ｚ'
}

// findSandwiched scans the view without sandwiched letters and digits and
// reports the hits that span at least one of them, in original offsets.
func (s *Set) findSandwiched(runes []rune, hits, allowed []Hit) ([]Hit, []Hit) {
	view, at, ok := sandwiched(runes)
	if !ok {
		return hits, allowed
	}
	s.matcher.Scan(view, func(m match.Match) {
		w := &s.words[m.Pattern]
		start, end := at[m.Start], at[m.End-1]+1
		if w.ascii || end-start == m.End-m.Start {
			return // Latin entries keep their whole-word rule; nothing was cut inside
		}
		h := Hit{Entry: w.Entry, Lexicon: w.lexicon, Start: start, End: end}
		if w.allow {
			allowed = append(allowed, h)
		} else {
			hits = append(hits, h)
		}
	})
	return hits, allowed
}
