package lm

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Tag says what kind of word a dictionary entry is, where the dictionary knows.
type Tag uint8

// The tags kept from the dictionary's part-of-speech column.
const (
	Idiom  Tag = 1 << iota // 成语 (i)
	Phrase                 // 习用语 (l)
	Person                 // person name (nr…)
	Place                  // place name (ns)
	Org                    // organisation (nt)
)

// Word is a dictionary entry's frequency and tag.
type Word struct {
	Freq uint32
	Tag  Tag
}

// Dict is a word list with frequencies, read once and then safe for
// concurrent use. Besides exact lookups it answers "which characters can
// stand at position j of this window to make a word" through an index of
// the words with one position masked.
type Dict struct {
	words    *table   // hashRunes(word) → freq<<8 | tag
	masked   *table   // maskedHash(word, j) → first<<8 | count in postings
	maskBits []uint64 // a one-hash Bloom filter of the masked keys, small enough to stay in cache
	postings []Posting
	chars    map[rune]uint32 // summed frequency of the words holding each character
	logTotal float64
	maxLen   int
}

// Posting is a word reachable through a masked key: the character at the
// masked position and the word's packed frequency and tag.
type Posting struct {
	r    rune
	word uint32
}

// maskRune stands for the masked position in a masked key.
const maskRune = 0x1

// MaxWordLen bounds the words the dictionary keeps.
const MaxWordLen = 8

// MaxMasked bounds the words indexed by masked position: corrections are
// looked for inside words of two to four characters (the tuning sets had no
// longer one).
const MaxMasked = 4

// maskedMinFreq is the frequency a word needs to be proposed as a
// correction: a rare word is a poor reason to call the text wrong.
var maskedMinFreq = [MaxMasked + 1]uint32{0, 0, 100, 30, 5}

// ParseDict reads `word<TAB>freq<TAB>tag` lines (tag may be empty), gzipped
// or plain. Words that are not all Han characters, or longer than
// MaxWordLen, are skipped.
func ParseDict(data []byte) (*Dict, error) {
	var r io.Reader = bytes.NewReader(data)
	if len(data) > 2 && data[0] == 0x1f && data[1] == 0x8b {
		gz, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("dictionary: %w", err)
		}
		r = gz
	}
	type entry struct {
		word []rune
		w    Word
	}
	var es []entry
	var total float64
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		word, w, ok, err := parseDictLine(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("dictionary line %d: %w", n, err)
		}
		if ok {
			es = append(es, entry{word, w})
			total += float64(w.Freq)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("dictionary: %w", err)
	}
	if len(es) == 0 {
		return nil, fmt.Errorf("dictionary: no words")
	}
	d := &Dict{words: newTable(len(es)), chars: make(map[rune]uint32, 21000), logTotal: math.Log(total)}
	var keys []maskedEntry
	for _, e := range es {
		d.words.put(hashRunes(e.word), pack(e.w))
		for _, r := range e.word {
			d.chars[r] = min(d.chars[r]+e.w.Freq, 1<<31)
		}
		d.maxLen = max(d.maxLen, len(e.word))
		keys = appendMasked(keys, e.word, e.w)
	}
	d.index(keys)
	return d, nil
}

func parseDictLine(line string) ([]rune, Word, bool, error) {
	line = strings.TrimSpace(line)
	if line == "" || line[0] == '#' {
		return nil, Word{}, false, nil
	}
	fields := strings.Split(line, "\t")
	if len(fields) < 2 {
		return nil, Word{}, false, fmt.Errorf("want word<TAB>freq, got %q", line)
	}
	f, err := strconv.ParseUint(fields[1], 10, 24)
	if err != nil {
		return nil, Word{}, false, fmt.Errorf("frequency %q: %w", fields[1], err)
	}
	word := []rune(fields[0])
	if len(word) == 0 || len(word) > MaxWordLen || !allHan(word) {
		return nil, Word{}, false, nil
	}
	var tag Tag
	if len(fields) > 2 {
		tag = ParseTag(fields[2])
	}
	return word, Word{Freq: uint32(f), Tag: tag}, true, nil
}

// ParseTag maps a jieba part-of-speech label to a Tag.
func ParseTag(pos string) Tag {
	switch {
	case pos == "i":
		return Idiom
	case pos == "l":
		return Phrase
	case strings.HasPrefix(pos, "nr"):
		return Person
	case pos == "ns":
		return Place
	case pos == "nt":
		return Org
	}
	return 0
}

func allHan(s []rune) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

func pack(w Word) uint32   { return w.Freq<<8 | uint32(w.Tag) }
func unpack(v uint32) Word { return Word{Freq: v >> 8, Tag: Tag(v)} }

type maskedEntry struct {
	key uint64
	p   Posting
}

func appendMasked(keys []maskedEntry, word []rune, w Word) []maskedEntry {
	n := len(word)
	if n < 2 || n > MaxMasked || w.Freq < maskedMinFreq[n] {
		return keys
	}
	for j := range word {
		keys = append(keys, maskedEntry{maskedHash(word, j), Posting{word[j], pack(w)}})
	}
	return keys
}

// maskedHash hashes window with position j replaced by maskRune. It is a
// polynomial hash, so that Windows can compute it for every window of a run
// in constant time from prefix sums.
func maskedHash(window []rune, j int) uint64 {
	var h uint64
	for i, r := range window {
		if i == j {
			r = maskRune
		}
		h = h*polyBase + uint64(r)
	}
	return maskKey(h, len(window))
}

// polyBase is the odd multiplier of the polynomial hash.
const polyBase = 0x9e3779b97f4a7c15

// maskKey turns a raw polynomial hash of a window of length n into a table key.
func maskKey(raw uint64, n int) uint64 { return finish(raw ^ uint64(n)<<56) }

// maskFilterBits sizes the Bloom filter: 2^23 bits (1 MB) for about half a
// million keys rejects nine windows in ten without touching the table.
const maskFilterBits = 23

func (d *Dict) index(keys []maskedEntry) {
	sort.Slice(keys, func(a, b int) bool { return keys[a].key < keys[b].key })
	d.maskBits = make([]uint64, 1<<maskFilterBits/64)
	for _, k := range keys {
		b := k.key >> (64 - maskFilterBits)
		d.maskBits[b/64] |= 1 << (b % 64)
	}
	d.postings = make([]Posting, len(keys))
	d.masked = newTable(len(keys) / 2)
	for i := 0; i < len(keys); {
		j := i
		for j < len(keys) && keys[j].key == keys[i].key && j-i < 255 {
			d.postings[j] = keys[j].p
			j++
		}
		d.masked.put(keys[i].key, uint32(i)<<8|uint32(j-i))
		for j < len(keys) && keys[j].key == keys[i].key {
			j++ // more than 255 words share the key: keep the first 255
		}
		i = j
	}
}

// Lookup returns word's entry.
func (d *Dict) Lookup(word []rune) (Word, bool) {
	if len(word) > d.maxLen {
		return Word{}, false
	}
	v, ok := d.words.get(hashRunes(word))
	return unpack(v), ok
}

// CharFreq is how common a character is: the summed frequency of the words
// that hold it. (The dictionary's own entries for single characters are
// unreliable: it lists 装 at 2.)
func (d *Dict) CharFreq(r rune) uint32 { return d.chars[r] }

// LogProb is the unigram log probability of a known word.
func (d *Dict) LogProb(w Word) float64 { return math.Log(float64(max(w.Freq, 1))) - d.logTotal }

// MayHaveVariants reports whether Variants may find a word for a masked
// key (from maskedHash or Windows.Masked): false is certain, true is right
// nine times in ten.
func (d *Dict) MayHaveVariants(key uint64) bool {
	b := key >> (64 - maskFilterBits)
	return d.maskBits[b/64]&(1<<(b%64)) != 0
}

// Variants calls fn for each frequent word that equals window except at
// position j, with the character that stands there and the word's entry.
func (d *Dict) Variants(window []rune, j int, fn func(r rune, w Word)) {
	if len(window) < 2 || len(window) > MaxMasked {
		return
	}
	d.VariantsOf(maskedHash(window, j), fn)
}

// PostingsOf returns the words of a masked key without a callback per word,
// for the hot loop of the typo check.
func (d *Dict) PostingsOf(key uint64) []Posting {
	v, ok := d.masked.get(key)
	if !ok {
		return nil
	}
	first, n := v>>8, v&0xff
	return d.postings[first : first+n]
}

// R is the character at the masked position.
func (p Posting) R() rune { return p.r }

// Word is the word's entry.
func (p Posting) Word() Word { return unpack(p.word) }

// VariantsOf is Variants for a masked key.
func (d *Dict) VariantsOf(key uint64, fn func(r rune, w Word)) {
	v, ok := d.masked.get(key)
	if !ok {
		return
	}
	first, n := v>>8, v&0xff
	for _, p := range d.postings[first : first+n] {
		fn(p.r, unpack(p.word))
	}
}
