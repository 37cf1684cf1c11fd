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
}

// maxIDs bounds the reading and group ids, which are stored as uint16.
const maxIDs = 1<<16 - 1

// LoadConfusables reads the pinyin table (`字<TAB>reading,reading` lines) and
// the similar-shape groups (one group of characters a line); `#` lines and
// blank lines are skipped in both.
func LoadConfusables(pinyin, shapes io.Reader) (*Confusables, error) {
	c := &Confusables{readings: make(map[rune][]uint16, 21000), shapes: map[rune][]uint16{}}
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
	// One backing array for all reading lists: one allocation, not 21,000.
	flat := make([]uint16, 0, 32000)
	return eachLine(r, func(n int, line string) error {
		char, list, ok := strings.Cut(line, "\t")
		ch, size := utf8.DecodeRuneInString(char)
		if !ok || size != len(char) || ch == utf8.RuneError || list == "" {
			return fmt.Errorf("line %d: want 字<TAB>readings, got %q", n, line)
		}
		start := len(flat)
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

func (c *Confusables) loadShapes(r io.Reader) error {
	group := uint16(0)
	return eachLine(r, func(n int, line string) error {
		chars := []rune(strings.Fields(line)[0])
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
