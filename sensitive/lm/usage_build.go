package lm

import (
	"bytes"
	"encoding/binary"
	"slices"
)

// UsageBuilder counts a corpus and a dictionary into a Usage table.
type UsageBuilder struct {
	pairs map[uint64]uint64 // seen flag in bit 63, count below
	chars map[rune]uint64
	grams map[uint32]uint32
}

// NewUsageBuilder returns an empty builder.
func NewUsageBuilder() *UsageBuilder {
	return &UsageBuilder{pairs: map[uint64]uint64{}, chars: map[rune]uint64{}, grams: map[uint32]uint32{}}
}

const builderSeen = 1 << 63

// AddRun counts the characters, bigrams and n-grams of a run of Han
// characters of the corpus.
func (b *UsageBuilder) AddRun(run []rune) {
	for i, r := range run {
		b.chars[r]++
		if i+1 < len(run) {
			b.pairs[pairKey(r, run[i+1])] = (b.pairs[pairKey(r, run[i+1])] + 1) | builderSeen
		}
		for n := MinGram; n <= MaxGram && i+n <= len(run); n++ {
			b.grams[fingerprint(run[i:i+n])]++
		}
	}
}

// AddWord counts a dictionary word of frequency freq: its characters and
// bigrams count freq times, and its bigrams are seen if seen is set (a
// common word's bigrams are usual even where the corpus lacks them).
func (b *UsageBuilder) AddWord(word []rune, freq uint64, seen bool) {
	for i, r := range word {
		b.chars[r] += freq
		if i+1 < len(word) {
			k := pairKey(r, word[i+1])
			v := b.pairs[k] + freq
			if seen {
				v |= builderSeen
			}
			b.pairs[k] = v
		}
	}
}

// Write writes the table, keeping n-grams seen at least twice.
func (b *UsageBuilder) Write(w *bytes.Buffer) {
	w.WriteString(usageMagic)
	pairs := sortedKeys(b.pairs)
	writeDeltas(w, pairs)
	for _, p := range pairs {
		v := b.pairs[p]
		out := min(v&^builderSeen, seenBit-1)
		if v&builderSeen != 0 {
			out |= seenBit
		}
		w.Write(binary.AppendUvarint(nil, out))
	}
	chars := make([]uint64, 0, len(b.chars))
	for r := range b.chars {
		chars = append(chars, uint64(r))
	}
	writeDeltas(w, chars)
	for _, r := range chars {
		w.Write(binary.AppendUvarint(nil, min(b.chars[rune(r)], 1<<32-1)))
	}
	var fps []uint64
	for f, n := range b.grams {
		if n >= 2 {
			fps = append(fps, uint64(f))
		}
	}
	writeDeltas(w, fps)
	for _, f := range fps {
		w.WriteByte(uint8(min(b.grams[uint32(f)], 255)))
	}
}

func sortedKeys(m map[uint64]uint64) []uint64 {
	ks := make([]uint64, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// writeDeltas sorts vs and writes their count and varint gaps.
func writeDeltas(w *bytes.Buffer, vs []uint64) {
	slices.Sort(vs)
	w.Write(binary.AppendUvarint(nil, uint64(len(vs))))
	var prev uint64
	for _, v := range vs {
		w.Write(binary.AppendUvarint(nil, v-prev))
		prev = v
	}
}
