package names

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Confusables knows which characters a writer can type or read for one
// another: homophones (a shared toneless reading) and similar shapes.
// It is read-only after LoadConfusables and safe for concurrent use.
type Confusables struct {
	// readings[r] are the ids of r's toneless readings; ids keep Similar
	// free of string comparisons.
	readings map[rune][]uint16
	// shapes[r] are the ids of the similar-shape groups r belongs to.
	shapes map[rune][]uint16
	// namesOnly holds the groups marked "names" (see loadShapes).
	namesOnly map[uint16]bool
	// glyphs[r] are the characters printed almost like r (LoadGlyphs).
	glyphs map[rune][]rune
	// fuzzy[r] is the id of r's main reading with the distinctions many
	// speakers blur (zh/z, ch/c, sh/s, n/l, -ng/-n) removed.
	fuzzy map[rune]uint16
}

// maxIDs bounds the reading and group ids, which are stored as uint16.
const maxIDs = 1<<16 - 1

// LoadConfusables reads the pinyin table (`字<TAB>reading,reading` lines) and
// the similar-shape groups (one group of characters a line, optionally
// followed by the word "names"); `#` lines and blank lines are skipped in both.
func LoadConfusables(pinyin, shapes io.Reader) (*Confusables, error) {
	c := &Confusables{readings: make(map[rune][]uint16, 21000), shapes: map[rune][]uint16{}, fuzzy: make(map[rune]uint16, 21000),
		namesOnly: map[uint16]bool{}}
	if err := c.loadPinyin(pinyin); err != nil {
		return nil, fmt.Errorf("pinyin: %w", err)
	}
	if err := c.loadShapes(shapes); err != nil {
		return nil, fmt.Errorf("shapes: %w", err)
	}
	return c, nil
}

// eachLine calls fn with every line that is not blank and not a comment.
func eachLine(r io.Reader, fn func(n int, line string) error) error {
	if r == nil {
		return nil
	}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return sc.Err()
}

func (c *Confusables) loadPinyin(r io.Reader) error {
	ids := map[string]uint16{}
	fuzzyIDs := map[string]uint16{}
	// One backing array for all reading lists: one allocation, not 21,000.
	flat := make([]uint16, 0, 32000)
	return eachLine(r, func(n int, line string) error {
		char, list, ok := strings.Cut(line, "\t")
		ch, size := utf8.DecodeRuneInString(char)
		if !ok || size != len(char) || ch == utf8.RuneError || list == "" {
			return fmt.Errorf("line %d: want 字<TAB>readings, got %q", n, line)
		}
		start := len(flat)
		main, _, _ := strings.Cut(list, ",")
		fz := blur(main)
		id, seen := fuzzyIDs[fz]
		if !seen {
			id = uint16(len(fuzzyIDs))
			fuzzyIDs[fz] = id
		}
		c.fuzzy[ch] = id
		for reading := range strings.SplitSeq(list, ",") {
			id, seen := ids[reading]
			if !seen && len(ids) == maxIDs {
				return fmt.Errorf("line %d: more than %d distinct readings", n, maxIDs)
			}
			if !seen {
				id = uint16(len(ids))
				ids[reading] = id
			}
			flat = append(flat, id)
		}
		c.readings[ch] = flat[start:len(flat):len(flat)]
		return nil
	})
}

// loadShapes reads the similar-shape groups. A group marked "names" counts
// for Similar and HandShape, inside a protected name, but is left out of
// ShapeGroups, the candidates of the statistical typo check: 现/视 and 规/观
// are slips in 社会主义核心价值规, while 现为 and 客规 are words.
func (c *Confusables) loadShapes(r io.Reader) error {
	group := uint16(0)
	return eachLine(r, func(n int, line string) error {
		fields := strings.Fields(line)
		chars := []rune(fields[0])
		if len(fields) > 1 && fields[1] == "names" {
			c.namesOnly[group] = true
		}
		if len(chars) < 2 {
			return fmt.Errorf("line %d: a group needs at least two characters", n)
		}
		if group == maxIDs {
			return fmt.Errorf("line %d: more than %d groups", n, maxIDs)
		}
		for _, ch := range chars {
			if !slices.Contains(c.shapes[ch], group) {
				c.shapes[ch] = append(c.shapes[ch], group)
			}
		}
		group++
		return nil
	})
}

// Similar reports whether a and b share a toneless reading (any reading of a
// polyphone) or a similar-shape group. A character is similar to itself.
func (c *Confusables) Similar(a, b rune) bool {
	if a == b {
		return true
	}
	if c == nil {
		return false
	}
	return shareID(c.readings[a], c.readings[b]) || shareID(c.shapes[a], c.shapes[b])
}

// shareID reports whether two short id lists have an element in common.
func shareID(x, y []uint16) bool {
	for _, v := range x {
		if slices.Contains(y, v) {
			return true
		}
	}
	return false
}

// Likely reports whether a writer is likely to type or read b for a: they
// share their main (first listed) toneless reading, or a similar-shape
// group. Rare readings of polyphones (于 read wei, 服 read bo) are left out,
// so that a statistical typo check proposes only the slips people make.
func (c *Confusables) Likely(a, b rune) bool {
	if a == b {
		return true
	}
	if c == nil {
		return false
	}
	ra, rb := c.readings[a], c.readings[b]
	if len(ra) > 0 && len(rb) > 0 && ra[0] == rb[0] {
		return true
	}
	return c.HandShape(a, b)
}

// Shape reports whether a and b are in a similar-shape group or print
// almost alike.
func (c *Confusables) Shape(a, b rune) bool { return c.HandShape(a, b) || c.Glyph(a, b) }

// HandShape reports whether a and b are in a hand-written similar-shape group.
func (c *Confusables) HandShape(a, b rune) bool {
	return c != nil && shareID(c.shapes[a], c.shapes[b])
}

// Glyph reports whether a and b print almost alike (LoadGlyphs).
func (c *Confusables) Glyph(a, b rune) bool {
	return c != nil && slices.Contains(c.glyphs[a], b)
}

// LoadGlyphs adds pairs of characters that print almost alike (`ab<TAB>…`
// lines, `#` comments). They count for Likely and Shape only: the
// protected-name check keeps to the hand-written groups.
func (c *Confusables) LoadGlyphs(r io.Reader) error {
	if c.glyphs == nil {
		c.glyphs = map[rune][]rune{}
	}
	return eachLine(r, func(n int, line string) error {
		pair := []rune(strings.Fields(line)[0])
		if len(pair) != 2 {
			return fmt.Errorf("glyphs line %d: want two characters, got %q", n, line)
		}
		a, b := pair[0], pair[1]
		c.glyphs[a] = append(c.glyphs[a], b)
		c.glyphs[b] = append(c.glyphs[b], a)
		return nil
	})
}

// NearSound reports whether a and b sound alike to a speaker who blurs
// zh/z, ch/c, sh/s, n/l and the -ng/-n endings (述/诉, 迟/辞, 今/经).
func (c *Confusables) NearSound(a, b rune) bool {
	if c == nil {
		return false
	}
	fa, oka := c.fuzzy[a]
	fb, okb := c.fuzzy[b]
	return oka && okb && fa == fb
}

// blur removes the distinctions of NearSound from a toneless reading.
func blur(s string) string {
	for _, p := range [][2]string{{"zh", "z"}, {"ch", "c"}, {"sh", "s"}} {
		if strings.HasPrefix(s, p[0]) {
			s = p[1] + s[2:]
		}
	}
	if strings.HasPrefix(s, "n") && s != "n" && s != "ng" {
		s = "l" + s[1:]
	}
	if strings.HasSuffix(s, "ng") && len(s) > 2 {
		s = s[:len(s)-1]
	}
	return s
}

// Readings returns the ids of r's main toneless reading and of its blurred
// form (see NearSound), for callers that build tables of their own.
func (c *Confusables) Readings(r rune) (main, blurred uint16, ok bool) {
	rs := c.readings[r]
	if len(rs) == 0 {
		return 0, 0, false
	}
	return rs[0], c.fuzzy[r], true
}

// ShapeGroups returns the ids of the hand-written similar-shape groups r
// is in, without the groups marked for names only.
func (c *Confusables) ShapeGroups(r rune) []uint16 {
	gs := c.shapes[r]
	if len(c.namesOnly) == 0 || !slices.ContainsFunc(gs, func(g uint16) bool { return c.namesOnly[g] }) {
		return gs
	}
	return slices.DeleteFunc(slices.Clone(gs), func(g uint16) bool { return c.namesOnly[g] })
}

// GlyphMates returns the characters printed almost like r.
func (c *Confusables) GlyphMates(r rune) []rune { return c.glyphs[r] }
