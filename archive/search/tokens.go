// Package search is the full-text index of the archive: application-side
// overlapping bigrams of Chinese text in a contentless SQLite FTS5 table,
// so that one- and two-character queries (医保, 防) work, mixed with Latin
// words and digits (GUIDE §4: the trigram tokenizer cannot match two
// characters; a LIKE scan of 100,000 records takes seconds).
//
// A document is written as two token streams. "bi" holds, for every run of
// Han characters, its overlapping bigrams (a one-character run as itself),
// and every Latin or digit word lowercased, with a separator token between
// runs so that no phrase spans two of them. "uni" holds every Han character
// alone. A query of Han characters becomes a phrase of its bigrams on "bi"
// (exact substring match), a single Han character a term on "uni", and a
// Latin or digit part a prefix term on "bi"; the parts are ANDed.
package search

import (
	"strings"
	"unicode"
)

// sep separates runs in the bi stream; it is not a bigram or a word anyone writes.
const sep = "qzqsep"

// streams turns text into the bi and uni token streams (space-separated).
func streams(text string) (bi, uni string) {
	var b, u strings.Builder
	var run []rune
	var word []rune
	flushRun := func() {
		if len(run) == 0 {
			return
		}
		if len(run) == 1 {
			b.WriteString(string(run))
			b.WriteByte(' ')
		}
		for i := 0; i+1 < len(run); i++ {
			b.WriteString(string(run[i : i+2]))
			b.WriteByte(' ')
		}
		b.WriteString(sep + " ")
		run = run[:0]
	}
	flushWord := func() {
		if len(word) > 0 {
			b.WriteString(strings.ToLower(string(word)) + " ")
			word = word[:0]
		}
	}
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			flushWord()
			run = append(run, r)
			u.WriteRune(r)
			u.WriteByte(' ')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushRun()
			word = append(word, unicode.ToLower(foldWidth(r)))
		default:
			flushRun()
			flushWord()
		}
	}
	flushRun()
	flushWord()
	return b.String(), u.String()
}

// foldWidth maps full-width letters and digits to their ASCII forms.
func foldWidth(r rune) rune {
	if r >= '！' && r <= '～' {
		return r - '！' + '!'
	}
	return r
}

// part is one piece of a query: a Han run or a Latin/digit word.
type part struct {
	han  bool
	text []rune
}

// parts splits a query into its Han runs and words; everything else separates.
func parts(q string) []part {
	var ps []part
	var cur part
	flush := func() {
		if len(cur.text) > 0 {
			ps = append(ps, cur)
		}
		cur = part{}
	}
	for _, r := range q {
		han := unicode.Is(unicode.Han, r)
		alnum := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case han || alnum && !han:
			if len(cur.text) > 0 && cur.han != han {
				flush()
			}
			cur.han = han
			if !han {
				r = unicode.ToLower(foldWidth(r))
			}
			cur.text = append(cur.text, r)
		default:
			flush()
		}
	}
	flush()
	return ps
}

// match builds the FTS5 MATCH expression of a query, "" when it has no part.
func match(q string) string {
	var terms []string
	for _, p := range parts(q) {
		switch {
		case p.han && len(p.text) == 1:
			terms = append(terms, `uni : "`+string(p.text)+`"`)
		case p.han:
			grams := make([]string, 0, len(p.text)-1)
			for i := 0; i+1 < len(p.text); i++ {
				grams = append(grams, string(p.text[i:i+2]))
			}
			terms = append(terms, `bi : "`+strings.Join(grams, " ")+`"`)
		default:
			terms = append(terms, `bi : "`+string(p.text)+`"*`)
		}
	}
	return strings.Join(terms, " AND ")
}
