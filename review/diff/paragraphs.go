package diff

import "strings"

// para is one paragraph of an input text.
type para struct {
	text  string
	start int // code point offset of its first character
	n     int // length in code points
}

// splitParagraphs cuts s (valid UTF-8) at every "\n"; the separators belong
// to no paragraph, so a text ending in "\n" ends with an empty paragraph. "\r"
// stays an ordinary character of its paragraph.
func splitParagraphs(s string) []para {
	ps := make([]para, 0, strings.Count(s, "\n")+1)
	start := 0
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			break
		}
		n := runeCount(s[:i])
		ps = append(ps, para{text: s[:i], start: start, n: n})
		start += n + 1
		s = s[i+1:]
	}
	return append(ps, para{text: s, start: start, n: runeCount(s)})
}

// runeCount counts the code points of valid UTF-8 by its lead bytes, several
// times faster than decoding on Chinese text.
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// textLen is the length in code points of the text the paragraphs came from.
func textLen(ps []para) int {
	last := ps[len(ps)-1]
	return last.start + last.n
}

// step is a run of the paragraph alignment: old paragraphs [o0,o1) and new
// paragraphs [n0,n1), equal pairwise when equal is set, else a block of
// changed paragraphs still to be paired up.
type step struct {
	equal          bool
	o0, o1, n0, n1 int
}

// maxToken bounds the paragraph tokens: runes below 0x110000 minus the
// surrogate range, which a Go string cannot carry.
const maxToken = 0x110000 - 0x800

// tokenize gives every distinct paragraph text one rune. Past maxToken
// distinct paragraphs the rest share the last rune; the builder compares the
// texts of "equal" pairs, so a shared rune only costs diff quality.
func tokenize(oldP, newP []para) (a, b []rune) {
	ids := make(map[string]rune, len(oldP)+len(newP))
	tok := func(ps []para) []rune {
		out := make([]rune, len(ps))
		for i, p := range ps {
			r, ok := ids[p.text]
			if !ok {
				r = tokenRune(len(ids))
				ids[p.text] = r
			}
			out[i] = r
		}
		return out
	}
	return tok(oldP), tok(newP)
}

func tokenRune(id int) rune {
	id = min(id, maxToken-1)
	if id >= 0xD800 {
		id += 0x800
	}
	return rune(id)
}

// alignParagraphs matches whole paragraphs with an exact Myers diff over
// their tokens; approx reports that it ran out of time.
func (c *computer) alignParagraphs(oldP, newP []para) (steps []step, approx bool) {
	a, b := tokenize(oldP, newP)
	pre := commonPrefix(a, b)
	suf := commonSuffix(a[pre:], b[pre:])
	if pre > 0 {
		steps = append(steps, step{equal: true, o1: pre, n1: pre})
	}
	am, bm := a[pre:len(a)-suf], b[pre:len(b)-suf]
	switch {
	case len(am) == 0 && len(bm) == 0:
	case len(am) == 0 || len(bm) == 0:
		steps = append(steps, step{o0: pre, o1: pre + len(am), n0: pre, n1: pre + len(bm)})
	default:
		ds, late := c.bisect(am, bm)
		steps = append(steps, stepsFromDiffs(ds, pre)...)
		approx = late
	}
	if suf > 0 {
		steps = append(steps, step{equal: true, o0: len(a) - suf, o1: len(a), n0: len(b) - suf, n1: len(b)})
	}
	return steps, approx
}

// commonPrefix is the length of the common prefix of a and b.
func commonPrefix(a, b []rune) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// commonSuffix is the length of the common suffix of a and b.
func commonSuffix(a, b []rune) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[len(a)-1-i] != b[len(b)-1-i] {
			return i
		}
	}
	return n
}

// builder turns the alignment into Paragraphs, keeping the code point cursors
// of both texts so that absent sides get the right insertion point.
type builder struct {
	c        *computer
	old, new []para
	res      Result
	oc, nc   int // start of the next old and new paragraph
}

func (b *builder) step(s step) {
	if s.equal {
		for k := 0; k < s.o1-s.o0; k++ {
			i, j := s.o0+k, s.n0+k
			if b.old[i].text == b.new[j].text {
				b.equal(i, j)
			} else { // two paragraphs shared an overflow token
				b.changed(i, j)
			}
		}
		return
	}
	b.block(s)
}

// block pairs up the changed paragraphs of one run and emits them in order:
// unpaired old paragraphs as deletions before unpaired new ones as insertions.
func (b *builder) block(s step) {
	olds, news := texts(b.old[s.o0:s.o1]), texts(b.new[s.n0:s.n1])
	i, j := s.o0, s.n0
	for _, pr := range pairBlock(olds, news) {
		for ; i < s.o0+pr[0]; i++ {
			b.deleted(i)
		}
		for ; j < s.n0+pr[1]; j++ {
			b.inserted(j)
		}
		b.changed(i, j)
		i, j = i+1, j+1
	}
	for ; i < s.o1; i++ {
		b.deleted(i)
	}
	for ; j < s.n1; j++ {
		b.inserted(j)
	}
}

func texts(ps []para) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.text
	}
	return out
}

func (b *builder) equal(i, j int) {
	o, n := b.old[i], b.new[j]
	p := Paragraph{Old: i, New: j, OldStart: o.start, OldEnd: o.start + o.n, NewStart: n.start, NewEnd: n.start + n.n}
	if o.n > 0 {
		p.Spans = []Span{{Op: Equal, Text: o.text, OldStart: p.OldStart, OldEnd: p.OldEnd, NewStart: p.NewStart, NewEnd: p.NewEnd}}
	}
	b.add(p)
}

func (b *builder) deleted(i int) {
	o := b.old[i]
	at := min(b.nc, b.res.NewLen)
	p := Paragraph{Old: i, New: -1, OldStart: o.start, OldEnd: o.start + o.n, NewStart: at, NewEnd: at, Changed: true}
	if o.n > 0 {
		p.Spans = []Span{{Op: Delete, Text: o.text, OldStart: p.OldStart, OldEnd: p.OldEnd, NewStart: at, NewEnd: at}}
	}
	b.add(p)
}

func (b *builder) inserted(j int) {
	n := b.new[j]
	at := min(b.oc, b.res.OldLen)
	p := Paragraph{Old: -1, New: j, OldStart: at, OldEnd: at, NewStart: n.start, NewEnd: n.start + n.n, Changed: true}
	if n.n > 0 {
		p.Spans = []Span{{Op: Insert, Text: n.text, OldStart: at, OldEnd: at, NewStart: p.NewStart, NewEnd: p.NewEnd}}
	}
	b.add(p)
}

// changed diffs the characters of a pair of corresponding paragraphs.
func (b *builder) changed(i, j int) {
	o, n := b.old[i], b.new[j]
	p := Paragraph{Old: i, New: j, OldStart: o.start, OldEnd: o.start + o.n, NewStart: n.start, NewEnd: n.start + n.n}
	ra, rb := []rune(o.text), []rune(n.text)
	hs, approx := b.c.diffPair(ra, rb)
	hs = cleanup(hs, ra, rb)
	p.Spans = toSpans(hs, ra, rb, o.start, n.start)
	p.Changed = len(hs) > 0
	p.Approximate = approx
	b.add(p)
}

// add appends p, advances the cursors and keeps the totals.
func (b *builder) add(p Paragraph) {
	if p.Old >= 0 {
		b.oc = p.OldEnd + 1
	}
	if p.New >= 0 {
		b.nc = p.NewEnd + 1
	}
	for _, s := range p.Spans {
		switch s.Op {
		case Insert:
			b.res.Inserted += s.NewEnd - s.NewStart
		case Delete:
			b.res.Deleted += s.OldEnd - s.OldStart
		}
	}
	b.res.Approximate = b.res.Approximate || p.Approximate
	b.res.Paragraphs = append(b.res.Paragraphs, p)
}
