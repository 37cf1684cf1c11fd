// Package fold maps each character of a text to the form used for matching:
// full-width to half-width, upper to lower case, traditional to simplified,
// and tells apart characters that may be skipped between the characters of a
// lexicon entry (invisible, noise, punctuation) from those that end a match.
// Folding is one character to one character, so offsets in folded text are
// offsets in the original.
package fold

import (
	"strings"
	"sync"
	"unicode"

	"shenfa/assets"
)

// Class says how a character takes part in matching.
type Class uint8

// The classes, from the most to the least transparent.
const (
	// Letter is an ordinary character (CJK, letters, digits, meaningful symbols).
	Letter Class = iota
	// Invisible is a format character (zero-width space, bidi control…): always skipped.
	Invisible
	// Noise is a space or symbol that evaders put between characters (示*例, 示 例).
	Noise
	// Punct is natural punctuation: a single mark ends a phrase, a doubled one (。。) is noise.
	Punct
	// Break always ends a match: line breaks and the ellipsis (…… ends a phrase).
	Break
)

type entry struct {
	r   rune
	cls Class
}

// table is the folding of every character of the BMP plus the few
// traditional characters beyond it. It is built on first use, not at
// start-up: the app and most commands start without checking anything.
type table struct {
	bmp    [0x10000]entry
	astral map[rune]rune
}

var folding = sync.OnceValue(func() *table {
	t := &table{astral: map[rune]rune{}}
	for r := rune(0); r < 0x10000; r++ {
		t.bmp[r] = entry{unicode.ToLower(width(r)), classify(r)}
	}
	t.loadT2S(assets.T2S)
	return t
})

// loadT2S reads pairs of traditional and simplified characters.
func (t *table) loadT2S(data string) {
	for line := range strings.Lines(data) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		rs := []rune(strings.TrimSpace(line))
		for i := 0; i+1 < len(rs); i += 2 {
			if rs[i] < 0x10000 {
				t.bmp[rs[i]].r = rs[i+1]
			} else {
				t.astral[rs[i]] = rs[i+1]
			}
		}
	}
}

// Rune returns the matching form of r and its class.
func Rune(r rune) (rune, Class) {
	t := folding()
	if r >= 0 && r < 0x10000 {
		e := t.bmp[r]
		return e.r, e.cls
	}
	if s, ok := t.astral[r]; ok {
		return s, Letter
	}
	if r > unicode.MaxRune || r < 0 {
		return r, Noise
	}
	return r, classify(r)
}

// width maps full-width ASCII forms and the ideographic space to ASCII.
func width(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + 0x21
	case r == 0x3000:
		return ' '
	}
	return r
}

// breaks end a match whatever surrounds them.
const breaks = "\n\r\u2028\u2029\u0085…⋯"

// puncts are the marks of ordinary prose: one of them between two characters
// is a phrase boundary, not an evasion.
const puncts = "。，、；：？！“”‘’（）《》〈〉【】〔〕「」『』,;:?!\"'()[]{}"

func classify(r rune) Class {
	switch {
	case strings.ContainsRune(breaks, r):
		return Break
	case strings.ContainsRune(puncts, width(r)):
		return Punct
	case invisible(r):
		return Invisible
	case r == '★' || r == '☆' || r == '%' || r == '×' || r == '＃':
		return Letter
	case unicode.IsSpace(r), unicode.IsPunct(r), unicode.IsSymbol(r), unicode.IsControl(r):
		return Noise
	}
	return Letter
}

// invisible reports format characters that render as nothing.
func invisible(r rune) bool {
	switch {
	case r == 0xAD, r == 0x34F, r == 0x61C, r == 0x180E, r == 0xFEFF:
		return true
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E:
		return true
	case r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069:
		return true
	case r >= 0xFE00 && r <= 0xFE0F:
		return true
	}
	return false
}
