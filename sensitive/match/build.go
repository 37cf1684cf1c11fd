// Package match finds many lexicon entries at once in a text, with the
// evasions of GUIDE §3.1 built in: matching runs on folded characters
// (package fold), skips invisible characters and tolerates noise between the
// characters of an entry without joining characters across a phrase boundary.
// It is an Aho-Corasick automaton stored as a double array, so that one
// transition is one cache line.
package match

import (
	"fmt"
	"slices"

	"shenfa/sensitive/fold"
)

// MaxGap is the longest run of noise tolerated between two characters of an entry.
const MaxGap = 4

// MaxLetters is the longest entry the automaton takes, in folded characters.
const MaxLetters = 64

// Matcher is an immutable automaton over a set of patterns; safe for concurrent use.
type Matcher struct {
	cells   []cell
	fail    []int32  // Aho-Corasick failure state of each state
	emit    []int32  // first output on each state's suffix chain, -1 if none
	outputs []output // patterns ending at a state, chained along failure links
	plen    []int32  // folded length of each pattern, in letters
	codes   [0x10000]uint16
	wide    map[rune]uint16 // codes of letters outside the BMP
}

// cell is one slot of the double array: the children of a state live at
// base+code, and a child's check names its parent. When scanning, base is
// stored shifted left by one with the low bit set if the state emits output,
// so that one load answers both questions.
type cell struct {
	base  int32
	check int32 // the parent state owning this slot, -1 if free
}

// output is a pattern ending at a state, with the next output on the chain.
type output struct {
	pattern, letters, next int32
}

// Special codes for characters that are not letters of any pattern.
const (
	codeOther     = 0      // a letter no pattern contains: back to the root
	codeInvisible = 0xFFFF // skipped everywhere
	codeNoise     = 0xFFFE // tolerated inside a match
	codePunct     = 0xFFFD // a single one ends a match, a repeated one is noise
	codeBreak     = 0xFFFC // ends a match
	maxLetters    = 0xFFF0
)

// Patterns returns the folded letters of p that the automaton matches:
// invisible characters and spaces are dropped, everything else kept.
func Patterns(p string) []rune {
	var out []rune
	for _, r := range p {
		f, cls := fold.Rune(r)
		if cls == fold.Invisible || cls == fold.Break || (cls == fold.Noise && isSpace(f)) {
			continue
		}
		out = append(out, f)
	}
	return out
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u00a0' }

// node is a trie node while building.
type node struct {
	kids []edge
	out  int32
}

type edge struct {
	code uint16
	to   int32
}

// New builds a matcher for patterns; pattern i is reported as i. Patterns
// that fold to nothing are never reported.
func New(patterns []string) (*Matcher, error) {
	m := &Matcher{wide: map[rune]uint16{}, plen: make([]int32, len(patterns))}
	folded := make([][]rune, len(patterns))
	for i, p := range patterns {
		folded[i] = Patterns(p)
		if len(folded[i]) > MaxLetters {
			return nil, fmt.Errorf("match: entry %q is longer than %d characters", p, MaxLetters)
		}
		m.plen[i] = int32(len(folded[i]))
	}
	if err := m.assignCodes(folded); err != nil {
		return nil, err
	}
	m.layout(m.trie(folded))
	return m, nil
}

// assignCodes numbers the letters of all patterns densely, in order of first use.
func (m *Matcher) assignCodes(folded [][]rune) error {
	for r := range m.codes {
		m.codes[r] = special(rune(r))
	}
	n := uint16(0)
	for _, p := range folded {
		for _, r := range p {
			if m.code(r) != codeOther && m.code(r) < maxLetters {
				continue
			}
			if n++; n >= maxLetters {
				return fmt.Errorf("match: more than %d distinct characters", maxLetters)
			}
			m.setCode(r, n)
		}
	}
	m.foldCodes()
	return nil
}

// foldCodes gives every original character the code of its folded form.
func (m *Matcher) foldCodes() {
	for r := rune(0); r < 0x10000; r++ {
		f, cls := fold.Rune(r)
		if f == r || cls != fold.Letter {
			continue
		}
		if c := m.code(f); c != codeOther && c < maxLetters {
			m.codes[r] = c
		}
	}
}

func special(r rune) uint16 {
	switch _, cls := fold.Rune(r); cls {
	case fold.Invisible:
		return codeInvisible
	case fold.Noise:
		return codeNoise
	case fold.Punct:
		return codePunct
	case fold.Break:
		return codeBreak
	}
	return codeOther
}

// code returns the code of a folded character.
func (m *Matcher) code(r rune) uint16 {
	if r >= 0 && r < 0x10000 {
		return m.codes[r]
	}
	return m.wide[r]
}

func (m *Matcher) setCode(r rune, c uint16) {
	if r >= 0 && r < 0x10000 {
		m.codes[r] = c
		return
	}
	m.wide[r] = c
}

// trie builds the pattern trie; node 0 is the root.
func (m *Matcher) trie(folded [][]rune) []node {
	nodes := []node{{out: -1}}
	for i, p := range folded {
		if len(p) == 0 {
			continue
		}
		s := int32(0)
		for _, r := range p {
			s = child(&nodes, s, m.code(r))
		}
		if nodes[s].out < 0 { // two patterns folding alike: the first one speaks for both
			nodes[s].out = int32(i)
		}
	}
	return nodes
}

// child returns the child of s on code c, adding it if missing.
func child(nodes *[]node, s int32, c uint16) int32 {
	ns := *nodes
	for _, e := range ns[s].kids {
		if e.code == c {
			return e.to
		}
	}
	to := int32(len(ns))
	*nodes = append(ns, node{out: -1})
	(*nodes)[s].kids = append((*nodes)[s].kids, edge{c, to})
	return to
}

// layout places the trie in the double array, breadth first, then links it.
func (m *Matcher) layout(nodes []node) {
	slot := make([]int32, len(nodes)) // trie node -> cell index
	order := make([]int32, 0, len(nodes))
	p := newPlacer(len(nodes))
	slot[0] = p.take(0, -2) // no state is -2: nothing transitions to the root
	for q := []int32{0}; len(q) > 0; q = q[1:] {
		n := q[0]
		order = append(order, n)
		kids := nodes[n].kids
		slices.SortFunc(kids, func(a, b edge) int { return int(a.code) - int(b.code) })
		base := p.fit(kids)
		p.cells[slot[n]].base = base
		for _, e := range kids {
			slot[e.to] = p.take(base+int32(e.code), slot[n])
			q = append(q, e.to)
		}
	}
	p.free(p.maxBase() + maxLetters) // every base+code in range: no bounds test when scanning
	m.cells = p.cells
	m.links(nodes, slot, order)
	for i := range m.cells {
		m.cells[i].base <<= 1
		if m.emit[i] >= 0 {
			m.cells[i].base |= 1
		}
	}
}

// links computes failure links and output chains in breadth-first order,
// so that a state's failure state (always shallower) is done before it.
func (m *Matcher) links(nodes []node, slot, order []int32) {
	m.fail = make([]int32, len(m.cells))
	m.emit = make([]int32, len(m.cells))
	for i := range m.emit {
		m.emit[i] = -1
	}
	for _, n := range order {
		u := slot[n]
		for _, e := range nodes[n].kids {
			v := slot[e.to]
			if u != 0 {
				m.fail[v] = m.step(m.fail[u], e.code)
			}
			m.emit[v] = m.emit[m.fail[v]]
			if out := nodes[e.to].out; out >= 0 {
				m.outputs = append(m.outputs, output{out, m.plen[out], m.emit[v]})
				m.emit[v] = int32(len(m.outputs) - 1)
			}
		}
	}
}

// step follows the goto function from s on code c, falling back along
// failure links; used while building, before bases are shifted.
func (m *Matcher) step(s int32, c uint16) int32 {
	for {
		if t := m.cells[s].base + int32(c); int(t) < len(m.cells) && m.cells[t].check == s {
			return t
		}
		if s == 0 {
			return 0
		}
		s = m.fail[s]
	}
}
