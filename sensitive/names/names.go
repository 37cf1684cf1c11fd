// Package names finds near-misses of protected names — the country's name,
// party and state organs, protected phrases and an editable list of persons —
// in a draft: a span that differs from a name by one homophone or
// similar-shaped character, or by one inserted or dropped character
// (中华人民共合国, 中共人民共和国, 扫黑险恶). Inspections fail an account
// outright for such a slip, so each one is a political block finding whose
// suggestion is the correct form.
//
// Which edits count depends on the name's length, because the shorter the
// name the likelier an edit makes another real word: names of two or three
// characters (persons, 国务院) match only with one homophone or similar-shaped
// substitution; four-character names also with an interior insertion or two
// neighbouring characters swapped (扫黑恶除); from five characters on, an
// interior character may be replaced by any Han character or dropped. The
// first and last characters of a name are never inserted or dropped and are
// replaced only by a confusable (法国共产党 is not 中国共产党), or, in a name
// of five or more characters, by a character that sounds alike to a speaker
// who blurs zh/z, n/l, -ng/-n (中华民族伟大复新). Organs' names are fixed
// to the character: 与 for 和 is a slip there (人力资源与社会保障部) while it
// is a wording in a formulation (统筹发展与安全), and a central organ's last
// character naming another kind of office is a slip (国务院新闻办公厅; a
// ministry's 部 as 厅 or 局 names a province's or city's department, and
// is left alone). A numbered four-character formulation that stands alone,
// in quotes or as a heading (“两个维持”, “两维护”), takes any replaced or
// dropped character after its number. An edit that lies inside a correct
// occurrence of any name, or inside an allowed phrase, is not reported.
//
// The checker is built for speed: every name is split into a prefix and a
// suffix anchor, and since one edit can spoil only one of the two halves, a
// near-miss always contains one anchor verbatim. Check looks anchors up by
// their first two characters (bitsets reject most characters at once) and
// only compares windows of the name's length −1, 0 and +1 around a hit.
package names

//go:generate go run gen_pinyin.go -o ../../assets/data/pinyin.txt

import (
	"strings"
	"unicode"
)

// Name is one protected name and the note shown with its findings.
type Name struct {
	Word, Note string
}

// Checker finds near-misses of a fixed list of names. Check is safe for
// concurrent use; Allow is not safe to call concurrently with Check.
type Checker struct {
	conf  *Confusables
	names []entry
	// Anchors of two or more runes are found by their first two runes, so
	// that a common first character (中, 国, 全) costs one map lookup, not a
	// comparison with every name that starts with it. Anchors of one rune
	// (short names only) are found by that rune. The bitsets reject most
	// characters of a text before any map is consulted.
	pairs                 map[uint64][]anchor
	singles               map[rune][]anchor
	pairFirst, pairSecond runeSet
	singleSet             runeSet
	allow                 [][]rune
	usage                 Usage
}

// runeSet is a bitset of the BMP; astral says whether any rune above it was
// added, in which case every astral rune is a "maybe".
type runeSet struct {
	bits   [1 << 10]uint64
	astral bool
}

func (rs *runeSet) add(r rune) {
	if r >= 0 && r < 1<<16 {
		rs.bits[r>>6] |= 1 << (r & 63)
	} else {
		rs.astral = true
	}
}

func (rs *runeSet) has(r rune) bool {
	if r >= 0 && r < 1<<16 {
		return rs.bits[r>>6]&(1<<(r&63)) != 0
	}
	return rs.astral
}

func pairKey(a, b rune) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// entry is a name prepared for matching.
type entry struct {
	word  []rune
	text  string
	note  string
	split int // word[:split] is the prefix anchor, word[split:] the suffix
}

// anchor is one half of a name, indexed in Checker.pairs or Checker.singles.
type anchor struct {
	name   int32
	suffix bool
}

// longName is the length from which an inserted interior character is
// reported; shorter names are persons and short phrases, where one more
// character usually makes another real word.
const longName = 4

// freeInterior is the length from which an interior character may be
// replaced by any Han character (中共人民共和国) and a dropped character is
// reported. At length 4 both produce real words too often: 国家监委 →
// 国家民委, 全国政协 → 全国科协, 全国人大 → 健全人大 (dropped 国); only a
// numbered formulation standing alone is judged so (see numbered).
const freeInterior = 5

// New builds a checker for names; with a nil conf only the edits that need
// no confusable are found. Words shorter than two characters and duplicates
// are ignored.
func New(names []Name, conf *Confusables) *Checker {
	c := &Checker{conf: conf, pairs: make(map[uint64][]anchor, 2*len(names)), singles: map[rune][]anchor{}}
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		w := strings.TrimSpace(n.Word)
		word := []rune(w)
		if len(word) < 2 || seen[w] {
			continue
		}
		seen[w] = true
		c.add(entry{word: word, text: w, note: strings.TrimSpace(n.Note), split: splitAt(len(word))})
	}
	return c
}

// splitAt places the anchor boundary so that both halves of a long name have
// at least two characters; a short name may lose only one character to a
// substitution, so a one-character anchor is enough there.
func splitAt(n int) int {
	if n < longName {
		return 1
	}
	return n / 2
}

func (c *Checker) add(e entry) {
	id := int32(len(c.names))
	c.names = append(c.names, e)
	c.index(e.word[:e.split], anchor{name: id})
	c.index(e.word[e.split:], anchor{name: id, suffix: true})
}

func (c *Checker) index(part []rune, a anchor) {
	if len(part) == 1 {
		c.singleSet.add(part[0])
		c.singles[part[0]] = append(c.singles[part[0]], a)
		return
	}
	c.pairFirst.add(part[0])
	c.pairSecond.add(part[1])
	k := pairKey(part[0], part[1])
	c.pairs[k] = append(c.pairs[k], a)
}

// Allow adds legitimate phrases; a near-miss whose differing character (or,
// for a dropped character, both its neighbours) lies inside an occurrence of
// an allowed phrase is not reported: Allow("每当") keeps 每当中央 from being
// read as a misspelt 党中央.
func (c *Checker) Allow(words ...string) {
	for _, w := range words {
		if r := []rune(strings.TrimSpace(w)); len(r) > 0 {
			c.allow = append(c.allow, r)
		}
	}
}

// similar wraps Confusables.Similar and accepts only Han characters, so that
// letters, digits and punctuation (evasion noise, another check's business)
// never count as a misspelt character.
func (c *Checker) similar(a, b rune) bool {
	return unicode.Is(unicode.Han, a) && c.conf.Similar(a, b)
}
