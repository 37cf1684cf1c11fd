package lm

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Usage knows which character sequences are usual in carefully edited
// official text: how often each character and each bigram occurs there
// (counting also the words of the dictionary, weighted by their frequency),
// which bigrams are "seen" (in the corpus, or inside a common dictionary
// word), and approximate counts of the 3- to 6-grams seen at least twice.
// No text of the corpus is kept, only counts and 32-bit fingerprints.
type Usage struct {
	pairs *table // pairKey → seenBit | count
	// seenBits and commonBits are one-hash Bloom filters of the seen pairs
	// and of those counted CommonPair times or more: most bigrams of a text
	// are common, and a bit in cache answers for them without the table.
	seenBits, commonBits filter
	chars                map[rune]uint32 // character counts
	total                float64         // sum of the character counts
	fps                  []uint32        // sorted fingerprints of n-grams, MinGram ≤ n ≤ MaxGram
	counts               []uint8         // counts[i] is the count of fps[i], capped at 255
	// bucket[h] is the index in fps of the first fingerprint whose top
	// bucketBits bits are h or more: a lookup searches one bucket of about
	// twenty entries instead of the whole table.
	bucket []uint32
}

const bucketBits = 16

// The n-gram lengths the usage table counts.
const (
	MinGram = 3
	MaxGram = 6
)

// usageMagic starts a usage file; the format changes only with it.
const usageMagic = "SFUSAGE2\n"

// seenBit marks a pair as seen; the other bits of a pair's value count it.
const seenBit = 1 << 31

// ParseUsage reads the format UsageBuilder.Write writes.
func ParseUsage(data []byte) (*Usage, error) {
	rest, ok := bytes.CutPrefix(data, []byte(usageMagic))
	if !ok {
		return nil, errors.New("usage table: not a Shenfa usage file")
	}
	r := bytes.NewReader(rest)
	pairs, err := readDeltas(r)
	if err != nil {
		return nil, fmt.Errorf("usage table: pairs: %w", err)
	}
	u := &Usage{pairs: newTable(len(pairs)), chars: map[rune]uint32{},
		seenBits: newFilter(seenFilterBits), commonBits: newFilter(commonFilterBits)}
	for _, p := range pairs {
		v, err := binary.ReadUvarint(r)
		if err != nil || v > math.MaxUint32 {
			return nil, errors.New("usage table: bad pair count")
		}
		u.pairs.put(p, uint32(v))
		if v&seenBit != 0 {
			u.seenBits.add(p)
			if v&^seenBit >= CommonPair {
				u.commonBits.add(p)
			}
		}
	}
	chars, err := readDeltas(r)
	if err != nil {
		return nil, fmt.Errorf("usage table: characters: %w", err)
	}
	for _, ch := range chars {
		v, err := binary.ReadUvarint(r)
		if err != nil || v > math.MaxUint32 || ch > math.MaxInt32 {
			return nil, errors.New("usage table: bad character count")
		}
		u.chars[rune(ch)] = uint32(v)
		u.total += float64(v)
	}
	if err := u.readGrams(r); err != nil {
		return nil, err
	}
	return u, nil
}

func (u *Usage) readGrams(r *bytes.Reader) error {
	fps, err := readDeltas(r)
	if err != nil {
		return fmt.Errorf("usage table: n-grams: %w", err)
	}
	u.fps = make([]uint32, len(fps))
	for i, f := range fps {
		if f > math.MaxUint32 {
			return errors.New("usage table: fingerprint out of range")
		}
		u.fps[i] = uint32(f)
	}
	u.counts = make([]uint8, len(fps))
	if n, _ := r.Read(u.counts); n != len(fps) || r.Len() != 0 {
		return errors.New("usage table: counts do not match the n-grams")
	}
	u.bucket = make([]uint32, 1<<bucketBits+1)
	h := 0
	for i, f := range u.fps {
		for ; h <= int(f>>(32-bucketBits)); h++ {
			u.bucket[h] = uint32(i)
		}
	}
	for ; h <= 1<<bucketBits; h++ {
		u.bucket[h] = uint32(len(u.fps))
	}
	return nil
}

// readDeltas reads a count and that many ascending uint64s stored as varint gaps.
func readDeltas(r *bytes.Reader) ([]uint64, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > uint64(r.Len()) {
		return nil, errors.New("count exceeds the data")
	}
	out := make([]uint64, n)
	var prev uint64
	for i := range out {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		prev += d
		out[i] = prev
	}
	return out, nil
}

// Seen reports whether the bigram ab is usual.
func (u *Usage) Seen(a, b rune) bool {
	v, _ := u.pairs.get(pairKey(a, b))
	return v&seenBit != 0
}

// The pair filters are sized to stay in cache: 2^20 bits (128 KB) for the
// common pairs, 2^22 bits (512 KB) for the seen ones. A false "common"
// costs a little recall, a false "maybe seen" a table lookup.
const (
	commonFilterBits = 20
	seenFilterBits   = 22
)

// CommonPair is the count from which a seen bigram is common.
const CommonPair = 200

// filter is a one-hash Bloom filter of 2^k bits over uint64 keys.
type filter struct {
	bits  []uint64
	shift uint
}

func newFilter(k uint) filter { return filter{make([]uint64, 1<<k/64), 64 - k} }

func (f filter) add(key uint64) {
	b := scramble(key) >> f.shift
	f.bits[b/64] |= 1 << (b % 64)
}

func (f filter) has(key uint64) bool {
	b := scramble(key) >> f.shift
	return f.bits[b/64]&(1<<(b%64)) != 0
}

// Common reports whether ab is a seen bigram counted CommonPair times or
// more; it is wrong about one rare pair in a few hundred, never about a
// common one.
func (u *Usage) Common(a, b rune) bool { return u.commonBits.has(pairKey(a, b)) }

// MaybeSeen reports whether ab may be seen: false is certain.
func (u *Usage) MaybeSeen(a, b rune) bool { return u.seenBits.has(pairKey(a, b)) }

// Pair returns how often the bigram ab occurs and whether it is seen, in one lookup.
func (u *Usage) Pair(a, b rune) (uint32, bool) {
	v, _ := u.pairs.get(pairKey(a, b))
	return v &^ seenBit, v&seenBit != 0
}

// PairCount is how often the bigram ab occurs.
func (u *Usage) PairCount(a, b rune) uint32 {
	v, _ := u.pairs.get(pairKey(a, b))
	return v &^ seenBit
}

// CharCount is how often the character r occurs.
func (u *Usage) CharCount(r rune) uint32 { return u.chars[r] }

// LogCond is log P(b | a) under a bigram model interpolated with the
// character unigram, so that an unseen bigram costs a finite amount.
func (u *Usage) LogCond(a, b rune) float64 {
	const lambda = 0.9
	pb := (float64(u.chars[b]) + 0.5) / (u.total + 0.5)
	ca := float64(u.chars[a])
	if ca == 0 {
		return math.Log(pb)
	}
	return math.Log(lambda*float64(u.PairCount(a, b))/ca + (1-lambda)*pb)
}

// Count returns about how often gram (MinGram to MaxGram characters) occurs
// in the corpus: 0 for fewer than two occurrences, at most 255.
func (u *Usage) Count(gram []rune) int {
	if len(gram) < MinGram || len(gram) > MaxGram {
		return 0
	}
	fp := fingerprint(gram)
	h := fp >> (32 - bucketBits)
	lo, hi := u.bucket[h], u.bucket[h+1]
	i, ok := slices.BinarySearch(u.fps[lo:hi], fp)
	if !ok {
		return 0
	}
	return int(u.counts[int(lo)+i])
}
