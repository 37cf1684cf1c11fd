package rules

// firstIndex finds the entries that start with a rune: a bitmap answers
// "none" for most characters from L1 cache, and a table of slots finds the
// rest without hashing. The tone and advertising scans ask it about every
// character of the text, so it must cost little more than the bitmap.
type firstIndex[T any] struct {
	first [0x10000 / 64]uint64
	slot  []uint16 // rune → 1 + index into lists, 0 for none
	lists [][]T
}

// add files v under the rune r (runes outside the BMP are not indexed).
func (x *firstIndex[T]) add(r rune, v T) {
	if r < 0 || r >= 0x10000 {
		return
	}
	if x.slot == nil {
		x.slot = make([]uint16, 0x10000)
	}
	if x.slot[r] == 0 {
		x.lists = append(x.lists, nil)
		x.slot[r] = uint16(len(x.lists))
		x.first[r/64] |= 1 << (r % 64)
	}
	x.lists[x.slot[r]-1] = append(x.lists[x.slot[r]-1], v)
}

// has reports whether some entry starts with r.
func (x *firstIndex[T]) has(r rune) bool {
	return r >= 0 && r < 0x10000 && x.first[r/64]&(1<<(r%64)) != 0
}

// get returns the entries that start with r.
func (x *firstIndex[T]) get(r rune) []T {
	if !x.has(r) {
		return nil
	}
	return x.lists[x.slot[r]-1]
}
