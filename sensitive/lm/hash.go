package lm

// Hashes of rune strings. Tables keep 64-bit hashes instead of the strings
// themselves: 350,000 words as strings in a Go map cost about 40 MB, as
// hashes in an open-addressing table about 8 MB, and a collision between two
// of them is a 1 in 10^13 event.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashRunes is FNV-1a over the runes of s, never 0 (0 marks an empty slot).
func hashRunes(s []rune) uint64 {
	h := uint64(fnvOffset)
	for _, r := range s {
		h = mix(h, r)
	}
	return finish(h)
}

// mix adds one rune to a running FNV-1a hash.
func mix(h uint64, r rune) uint64 {
	for range 3 {
		h ^= uint64(r & 0xff)
		h *= fnvPrime
		r >>= 8
	}
	return h
}

// finish scrambles the low bits (FNV's are weak for power-of-two tables) and
// keeps 0 free.
func finish(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	if h == 0 {
		h = 1
	}
	return h
}

// fingerprint is the 32-bit key of an n-gram in the usage table.
func fingerprint(s []rune) uint32 { return uint32(hashRunes(s) >> 32) }

// pairKey is the exact key of a character bigram.
func pairKey(a, b rune) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// table is an open-addressing hash table from non-zero uint64 keys to
// uint32 values, built once and then read concurrently.
type table struct {
	keys []uint64
	vals []uint32
	mask uint64
}

func newTable(n int) *table {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return &table{keys: make([]uint64, size), vals: make([]uint32, size), mask: uint64(size - 1)}
}

// put sets key's value, replacing an earlier one.
func (t *table) put(key uint64, v uint32) {
	for i := scramble(key) & t.mask; ; i = (i + 1) & t.mask {
		if t.keys[i] == 0 || t.keys[i] == key {
			t.keys[i], t.vals[i] = key, v
			return
		}
	}
}

// get returns key's value and whether it is present.
func (t *table) get(key uint64) (uint32, bool) {
	for i := scramble(key) & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case key:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// scramble spreads exact keys such as pairKey over the table.
func scramble(k uint64) uint64 {
	k *= 0x9e3779b97f4a7c15
	return k ^ k>>29
}
