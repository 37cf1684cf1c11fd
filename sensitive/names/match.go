package names

import (
	"strings"
	"unicode"
)

// editKind says how a window differs from a name.
type editKind uint8

const (
	substituted editKind = iota // one character replaced
	inserted                    // one character too many
	dropped                     // one character missing
	transposed                  // two neighbouring characters swapped
)

// candidate is a window that differs from a name by one edit. pos is the
// text offset of the wrong or extra character; for a dropped character it is
// the offset of the character that follows the gap.
type candidate struct {
	start, end, pos int
	name            int32
	kind            editKind
	similar         bool // a substitution by a homophone or similar shape
	suffix          bool // an organ's last character naming another kind of organ
}

// span is an exact occurrence of a name.
type span struct{ start, end int }

// scan collects what one Check call finds before it is filtered.
type scan struct {
	cands  []candidate
	exacts []span
}

// find walks the text once and tries every anchor that begins at each position.
func (c *Checker) find(text []rune, s *scan) {
	for p, r := range text {
		if c.singleSet.has(r) {
			for _, a := range c.singles[r] {
				c.tryAnchor(text, p, a, s)
			}
		}
		if !c.pairFirst.has(r) || p+1 == len(text) || !c.pairSecond.has(text[p+1]) {
			continue
		}
		for _, a := range c.pairs[pairKey(r, text[p+1])] {
			c.tryAnchor(text, p, a, s)
		}
	}
}

// tryAnchor checks the windows a verbatim anchor at p can belong to: a prefix
// anchor starts the window, a suffix anchor ends it. A window that also
// starts with the prefix is left to the prefix anchor, and an exact match
// ends the search: any edit found around it would lie inside it.
func (c *Checker) tryAnchor(text []rune, p int, a anchor, s *scan) {
	e := &c.names[a.name]
	prefix, suffix := e.word[:e.split], e.word[e.split:]
	if (a.suffix && !hasAt(text, p, suffix)) || (!a.suffix && !hasAt(text, p, prefix)) {
		return
	}
	n := len(e.word)
	for _, l := range [3]int{n, n + 1, n - 1} {
		start := p
		if a.suffix {
			start = p + len(suffix) - l
		}
		if !c.tries(n, l) || start < 0 || start+l > len(text) || (a.suffix && hasAt(text, start, prefix)) {
			continue
		}
		if c.tryWindow(text, start, l, a.name, s) {
			return
		}
	}
}

// tries reports whether a window of length l is worth comparing with a name
// of length n.
func (c *Checker) tries(n, l int) bool {
	switch {
	case l == n:
		return true
	case l == n+1:
		return n >= longName
	}
	// A four-character name loses a character only when it stands alone
	// (tryWindow checks): in running text 全国人大 without 国 is 健全人大.
	return n >= longName
}

// tryWindow compares text[start:start+l] with a name, records an exact
// occurrence or a candidate, and reports whether the match was exact.
func (c *Checker) tryWindow(text []rune, start, l int, id int32, s *scan) bool {
	w, word := text[start:start+l], c.names[id].word
	cand := candidate{start: start, end: start + l, name: id}
	alone := numbered(word) && standalone(text, start, start+l)
	var i int
	var ok bool
	switch l - len(word) {
	case 0:
		if i, ok = mismatch(w, word); ok && i < 0 {
			s.exacts = append(s.exacts, span{start, start + l})
			return true
		}
		cand.kind = substituted
		if !ok {
			cand.kind = transposed
			i, ok = transposedAt(w, word)
			break
		}
		ok = c.substitutionOK(w, word, i, alone, &cand)
	case 1:
		cand.kind = inserted
		i, ok = insertedAt(w, word)
		ok = ok && !functionWord(w[i])
	default:
		cand.kind = dropped
		i, ok = droppedAt(w, word)
		ok = ok && (len(word) >= freeInterior || alone) && !functionWord(word[i]) && !numeral(word[i])
	}
	if ok {
		cand.pos = start + i
		s.cands = append(s.cands, cand)
	}
	return false
}

// substitutionOK applies the rules for a replaced character at i: a short
// name or a first or last character needs a confusable; an interior
// character of a long name may be any Han character. Besides, a long name's
// edge may sound alike (中华民族伟大复新), an organ's last character may name
// another kind of organ (国务院新闻办公厅), and a standalone four-character
// name may take any character after its first (“两个维持”).
func (c *Checker) substitutionOK(w, word []rune, i int, alone bool, cand *candidate) bool {
	cand.similar = c.similar(w[i], word[i])
	if functionWord(w[i]) && !cand.similar {
		// 坚持把加强 (和), 中国的现代化 (式), 全国统一的市场 (大): a function
		// word where the formulation has another word is a wording of its
		// own; 联和会 and 全面以法治国 sound alike, and are slips. An organ's
		// name has no wordings: 人力资源与社会保障部 is a slip.
		return conjunctionSwap(w, word, i)
	}
	if cand.similar {
		return true
	}
	if !title(word) && suffixSwap(w, word, i) {
		cand.suffix = true
		return true
	}
	if !title(word) && c.edgeNearSound(w, word, i) {
		return true
	}
	if alone && looseShort(w, word, i) {
		return true
	}
	interior := i > 0 && i < len(word)-1
	return interior && len(word) >= freeInterior && !title(word) && unicode.Is(unicode.Han, w[i])
}

// mismatch returns the single index where w and word (of equal length)
// differ, -1 if they are equal, and false if they differ more than once.
func mismatch(w, word []rune) (int, bool) {
	at := -1
	for i := range word {
		if w[i] != word[i] {
			if at >= 0 {
				return 0, false
			}
			at = i
		}
	}
	return at, true
}

// transposedAt finds an index i such that w is word with word[i] and
// word[i+1] swapped (中华人民和共国), in a name of four or more characters;
// particles are left alone (where 的 stands is a wording). A swap across
// the middle of a name spoils both anchors and is not looked for.
func transposedAt(w, word []rune) (int, bool) {
	n := len(word)
	i := commonPrefix(w, word)
	if n < longName || i+2 > n || w[i] != word[i+1] || w[i+1] != word[i] || w[i] == w[i+1] ||
		commonSuffix(w, word) != n-i-2 || particle(w[i]) || particle(w[i+1]) ||
		!unicode.Is(unicode.Han, w[i]) || !unicode.Is(unicode.Han, w[i+1]) {
		return 0, false
	}
	return i, true
}

// insertedAt finds an interior index i such that w without w[i] is word
// (len(w) == len(word)+1) and w[i] is a Han character.
func insertedAt(w, word []rune) (int, bool) {
	n := len(word)
	pre, suf := commonPrefix(w, word), commonSuffix(w, word)
	// w[:i] == word[:i] needs i <= pre; w[i+1:] == word[i:] needs n-i <= suf.
	i := min(pre, n-1)
	if i < max(1, n-suf) || !unicode.Is(unicode.Han, w[i]) {
		return 0, false
	}
	return i, true
}

// droppedAt finds an interior index i such that word without word[i] is w
// (len(w) == len(word)-1); it returns i, which is also the offset in w of
// the character after the gap.
func droppedAt(w, word []rune) (int, bool) {
	n := len(word)
	pre, suf := commonPrefix(w, word), commonSuffix(w, word)
	// w[:i] == word[:i] needs i <= pre; w[i:] == word[i+1:] needs n-1-i <= suf.
	i := min(pre, n-2)
	if i < max(1, n-1-suf) {
		return 0, false
	}
	return i, true
}

func commonPrefix(a, b []rune) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func commonSuffix(a, b []rune) int {
	i := 0
	for i < len(a) && i < len(b) && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

// hasAt reports whether text contains part at offset p.
func hasAt(text []rune, p int, part []rune) bool {
	if p < 0 || p+len(part) > len(text) {
		return false
	}
	for i, r := range part {
		if text[p+i] != r {
			return false
		}
	}
	return true
}

// functionChars are the particles, conjunctions and prepositions that
// writers add, drop or swap in a long formulation without misspelling it:
// 高水平的对外开放, 统筹发展安全, 乡村要振兴, 坚持把加强党的全面领导.
const functionChars = "的地得了着之和与及或并把被将已对为以于在向从要好也都更再又很是等"

func functionWord(r rune) bool { return strings.ContainsRune(functionChars, r) }

// particle reports a structural particle, whose place in a phrase is free.
func particle(r rune) bool { return strings.ContainsRune("的地得之了着", r) }

// numeral reports a Chinese numeral: 党的二大 is the Second Congress, not a
// slip of 党的二十大.
func numeral(r rune) bool {
	return strings.ContainsRune("〇一二三四五六七八九十百千万两", r)
}

// title reports a name with many siblings that differ in one interior
// character: laws, regulations and charters (中华人民共和国宪法 next to
// 中华人民共和国民法典, 刑法 …). Only a confusable substitution is a slip of one.
func title(word []rune) bool {
	s := string(word)
	for _, suffix := range []string{"法", "法典", "条例", "章程", "规定", "办法", "决定", "纲要"} {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}
