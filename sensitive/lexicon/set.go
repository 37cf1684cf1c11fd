package lexicon

import (
	"cmp"
	"slices"

	"shenfa/sensitive/fold"
	"shenfa/sensitive/match"
)

// Set is several lexicons merged and compiled for matching. It is immutable
// and safe for concurrent use.
type Set struct {
	versions  []Version
	words     []word // pattern i of the matcher is words[i]
	protected []Entry
	safe      []string // allow phrases of protected-name lexicons
	matcher   *match.Matcher
}

// word is one pattern of the merged set.
type word struct {
	Entry
	lexicon string
	allow   bool
	ascii   bool // begins or ends with an ASCII letter or digit: needs word boundaries
}

// Hit is a lexicon entry found in a text, [Start, End) in code points.
type Hit struct {
	Entry
	Lexicon    string
	Start, End int
}

// Compile merges lexicons. When the same word (after folding) appears in
// several, the more severe entry wins, then the earlier lexicon.
func Compile(lexicons ...*Lexicon) (*Set, error) {
	s := &Set{}
	index := map[string]int{}
	for _, l := range lexicons {
		s.versions = append(s.versions, l.Info())
		if l.Kind == Protected {
			s.protected = append(s.protected, l.Entries...)
			for _, a := range l.Allow {
				s.safe = append(s.safe, a.Word)
			}
			continue
		}
		for _, e := range l.Entries {
			s.add(index, word{Entry: e, lexicon: l.Name})
		}
		for _, a := range l.Allow {
			s.add(index, word{Entry: Entry{Word: a.Word, Note: a.Note}, lexicon: l.Name, allow: true})
		}
	}
	patterns := make([]string, len(s.words))
	for i, w := range s.words {
		patterns[i] = w.Word
	}
	m, err := match.New(patterns)
	if err != nil {
		return nil, err
	}
	s.matcher = m
	return s, nil
}

func (s *Set) add(index map[string]int, w word) {
	key := string(match.Patterns(w.Word))
	if w.allow {
		key = "\x00" + key
	}
	r := []rune(key)
	w.ascii = isASCIIAlnum(r[0]) || isASCIIAlnum(r[len(r)-1])
	i, seen := index[key]
	switch {
	case !seen:
		index[key] = len(s.words)
		s.words = append(s.words, w)
	case w.Severity.Rank() > s.words[i].Severity.Rank():
		s.words[i] = w
	}
}

// Versions lists the lexicons of the set, in the order they were given.
func (s *Set) Versions() []Version { return slices.Clone(s.versions) }

// Protected returns the entries of protected-name lexicons.
func (s *Set) Protected() []Entry { return slices.Clone(s.protected) }

// ProtectedAllow returns the allow phrases of protected-name lexicons:
// legitimate words that look like a near-miss (全国政治协商会议).
func (s *Set) ProtectedAllow() []string { return slices.Clone(s.safe) }

// Find returns the entries found in text (whose code points are runes):
// hits inside an allow phrase are dropped, the longest of overlapping hits
// wins, and words that begin or end with a Latin letter or digit must stand
// as whole words.
func (s *Set) Find(text string, runes []rune) []Hit {
	var hits, allowed []Hit
	s.matcher.Scan(text, func(m match.Match) {
		w := &s.words[m.Pattern]
		if w.ascii && !wholeWord(runes, m.Start, m.End) {
			return
		}
		h := Hit{Entry: w.Entry, Lexicon: w.lexicon, Start: m.Start, End: m.End}
		if w.allow {
			allowed = append(allowed, h)
		} else {
			hits = append(hits, h)
		}
	})
	hits, allowed = s.findSandwiched(runes, hits, allowed)
	return longest(unallowed(hits, allowed))
}

// unallowed drops the hits lying inside an allow phrase.
func unallowed(hits, allowed []Hit) []Hit {
	if len(allowed) == 0 {
		return hits
	}
	slices.SortFunc(allowed, func(a, b Hit) int { return cmp.Compare(a.Start, b.Start) })
	reach := 0 // the widest allow span: no phrase starting further back can contain a hit
	for _, a := range allowed {
		reach = max(reach, a.End-a.Start)
	}
	return slices.DeleteFunc(hits, func(h Hit) bool {
		i, _ := slices.BinarySearchFunc(allowed, h.Start+1, func(a Hit, t int) int { return cmp.Compare(a.Start, t) })
		for i--; i >= 0 && allowed[i].Start >= h.Start-reach; i-- {
			if allowed[i].End >= h.End {
				return true
			}
		}
		return false
	})
}

// longest keeps, among overlapping hits, the longest (then the most severe,
// then the leftmost), and returns them in text order.
func longest(hits []Hit) []Hit {
	slices.SortFunc(hits, func(a, b Hit) int {
		if c := cmp.Compare(b.End-b.Start, a.End-a.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Severity.Rank(), a.Severity.Rank()); c != 0 {
			return c
		}
		return cmp.Compare(a.Start, b.Start)
	})
	var kept []Hit // sorted by Start, never overlapping
	for _, h := range hits {
		i, _ := slices.BinarySearchFunc(kept, h.Start, func(k Hit, t int) int { return cmp.Compare(k.Start, t) })
		if i > 0 && kept[i-1].End > h.Start || i < len(kept) && kept[i].Start < h.End {
			continue
		}
		kept = slices.Insert(kept, i, h)
	}
	return kept
}

// wholeWord reports whether [start, end) is not glued to Latin letters or digits.
func wholeWord(runes []rune, start, end int) bool {
	if start > 0 && isASCIIAlnum(foldRune(runes[start-1])) {
		return false
	}
	return end >= len(runes) || !isASCIIAlnum(foldRune(runes[end]))
}

func foldRune(r rune) rune {
	f, _ := fold.Rune(r)
	return f
}

func isASCIIAlnum(r rune) bool {
	return r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}
