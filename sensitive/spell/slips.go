package spell

import (
	"slices"

	"shenfa/sensitive/names"
)

// slips answers "how could a writer have typed b for a" from dense tables:
// the check asks it for every candidate word of every suspicious window, so
// it must not cost a map lookup per question.
type slips struct {
	main, blur []uint16 // main and blurred reading id + 1 of each character from cjkBase, 0 if none
	// mates[start[i]:start[i+1]] are the characters similar in shape to
	// cjkBase+i, hand-written groups first (hand[i] of them), then glyphs.
	start []uint32
	hand  []uint8
	mates []rune
	shape []uint64 // bitset: the character has shape mates at all
}

// The range of the dense tables: CJK Extension A and the Unified Ideographs.
const (
	cjkBase = 0x3400
	cjkEnd  = 0xA000
)

func newSlips(conf *names.Confusables) *slips {
	n := cjkEnd - cjkBase
	s := &slips{main: make([]uint16, n), blur: make([]uint16, n), start: make([]uint32, n+1), hand: make([]uint8, n),
		shape: make([]uint64, (n+63)/64)}
	groups := map[uint16][]rune{}
	for r := rune(cjkBase); r < cjkEnd; r++ {
		for _, g := range conf.ShapeGroups(r) {
			groups[g] = append(groups[g], r)
		}
	}
	for r := rune(cjkBase); r < cjkEnd; r++ {
		i := r - cjkBase
		if m, b, ok := conf.Readings(r); ok {
			s.main[i], s.blur[i] = m+1, b+1
		}
		s.start[i] = uint32(len(s.mates))
		for _, g := range conf.ShapeGroups(r) {
			for _, o := range groups[g] {
				if o != r && !slices.Contains(s.mates[s.start[i]:], o) {
					s.mates = append(s.mates, o)
				}
			}
		}
		s.hand[i] = uint8(min(len(s.mates)-int(s.start[i]), 255))
		s.mates = append(s.mates, conf.GlyphMates(r)...)
		if len(s.mates) > int(s.start[i]) {
			s.shape[i/64] |= 1 << (i % 64)
		}
	}
	s.start[n] = uint32(len(s.mates))
	return s
}

func inCJK(r rune) bool { return r >= cjkBase && r < cjkEnd }

// how says how a writer could have typed b for a, if at all (idioms aside).
func (s *slips) how(a, b rune) (reason, bool) {
	if !inCJK(a) || !inCJK(b) {
		return 0, false
	}
	i, j := a-cjkBase, b-cjkBase
	sameMain := s.main[i] != 0 && s.main[i] == s.main[j]
	if s.shape[j/64]&(1<<(j%64)) != 0 {
		if k := slices.Index(s.mates[s.start[i]:s.start[i+1]], b); k >= 0 {
			switch {
			case k < int(s.hand[i]):
				return shape, true
			case sameMain:
				return sound, true
			}
			return glyph, true
		}
	}
	switch {
	case sameMain:
		return sound, true
	case s.blur[i] != 0 && s.blur[i] == s.blur[j]:
		return nearSound, true
	}
	return 0, false
}
