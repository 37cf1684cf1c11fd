package match

import "unicode/utf8"

// Match is one occurrence of a pattern: [Start, End) in code points of the
// scanned text, covering the original characters including any noise between them.
type Match struct {
	Pattern    int
	Start, End int
}

// gap tracks the non-letters seen since the last letter inside a partial match.
type gap struct {
	n       int  // characters in the gap
	singles int  // punctuation marks standing alone: a phrase boundary
	last    rune // the punctuation mark of the current run, 0 if none
	run     int  // length of that run
}

func (g *gap) punct(r rune) {
	if g.n > 0 && r == g.last {
		g.run++
	} else {
		g.end()
		g.last, g.run = r, 1
	}
	g.n++
}

func (g *gap) noise() {
	g.end()
	g.n++
}

// end closes the current punctuation run.
func (g *gap) end() {
	if g.last != 0 && g.run == 1 {
		g.singles++
	}
	g.last, g.run = 0, 0
}

// broken reports whether the gap separates two phrases, and clears it.
func (g *gap) broken() bool {
	g.end()
	b := g.singles > 0 || g.n > MaxGap
	*g = gap{}
	return b
}

// Scan calls fn for every occurrence of every pattern in text, in order of
// their end. Overlapping and nested occurrences are all reported.
func (m *Matcher) Scan(text string, fn func(Match)) {
	var ring [MaxLetters]int32 // code point offsets of the last letters fed to the automaton
	cells, fail := m.cells, m.fail
	var g gap
	s, k := int32(0), uint(0)
	codes := &m.codes
	for i, b := 0, 0; b < len(text); i++ {
		var r rune
		if c0 := text[b]; c0&0xF0 == 0xE0 && b+2 < len(text) && text[b+1]&0xC0 == 0x80 && text[b+2]&0xC0 == 0x80 {
			r = rune(c0&0x0F)<<12 | rune(text[b+1]&0x3F)<<6 | rune(text[b+2]&0x3F)
			b += 3 // CJK fast path; surrogates and overlongs fall back below
			if r < 0x800 || (r >= 0xD800 && r <= 0xDFFF) {
				b -= 3
				r = decodeSlow(text, &b)
			}
		} else {
			r = decodeSlow(text, &b)
		}
		var code uint16
		if r < 0x10000 {
			code = codes[r]
		} else {
			code = m.codeOf(r)
		}
		if code >= codeBreak {
			s = m.other(s, code, r, &g)
			continue
		}
		if code == codeOther {
			s, g = 0, gap{}
			continue
		}
		if g.n > 0 && g.broken() {
			s = 0
		}
		for {
			c := cells[s].base>>1 + int32(code)
			if cells[c].check == s {
				s = c
				break
			}
			if s == 0 {
				break
			}
			s = fail[s]
		}
		ring[k%MaxLetters] = int32(i)
		k++
		if cells[s].base&1 != 0 {
			m.report(m.emit[s], &ring, k, i, fn)
		}
	}
}

// report calls fn for each output on a chain.
func (m *Matcher) report(e int32, ring *[MaxLetters]int32, k uint, i int, fn func(Match)) {
	for e >= 0 {
		o := m.outputs[e]
		fn(Match{Pattern: int(o.pattern), Start: int(ring[(k-uint(o.letters))%MaxLetters]), End: i + 1})
		e = o.next
	}
}

// other handles a character that is not a letter of any pattern.
func (m *Matcher) other(s int32, code uint16, r rune, g *gap) int32 {
	if s == 0 {
		return 0
	}
	switch code {
	case codeNoise:
		g.noise()
	case codePunct:
		g.punct(r)
	case codeBreak:
		*g = gap{}
		return 0
	}
	if g.n > MaxGap {
		*g = gap{}
		return 0
	}
	return s
}

func (m *Matcher) codeOf(r rune) uint16 {
	if r < 0x10000 {
		return m.codes[r]
	}
	if c, ok := m.wide[r]; ok {
		return c
	}
	return special(r)
}

// decodeSlow reads one rune at *b and advances *b past it.
func decodeSlow(s string, b *int) rune {
	if c := s[*b]; c < utf8.RuneSelf {
		*b++
		return rune(c)
	}
	r, n := utf8.DecodeRuneInString(s[*b:])
	*b += n
	return r
}
