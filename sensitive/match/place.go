package match

// placer finds room in the double array for the children of each state,
// first fit over a linked list of free slots.
type placer struct {
	cells      []cell
	prev, next []int32 // doubly linked free slots; -1 ends the list
	head, tail int32
}

func newPlacer(n int) *placer {
	p := &placer{head: -1, tail: -1}
	p.grow(n + 0x100)
	return p
}

// grow extends the array to at least n slots, all new ones free.
func (p *placer) grow(n int) {
	for i := int32(len(p.cells)); int(i) < n; i++ {
		p.cells = append(p.cells, cell{check: -1})
		p.prev = append(p.prev, p.tail)
		p.next = append(p.next, -1)
		if p.tail >= 0 {
			p.next[p.tail] = i
		} else {
			p.head = i
		}
		p.tail = i
	}
}

// free reports whether slot i is free, growing the array when i is past its end.
func (p *placer) free(i int32) bool {
	if int(i) >= len(p.cells) {
		p.grow(int(i) + 1 + len(p.cells)/4)
	}
	return p.cells[i].check == -1
}

// take marks slot i as used by a child of parent.
func (p *placer) take(i, parent int32) int32 {
	p.free(i)
	p.cells[i].check = parent
	if p.prev[i] >= 0 {
		p.next[p.prev[i]] = p.next[i]
	} else {
		p.head = p.next[i]
	}
	if p.next[i] >= 0 {
		p.prev[p.next[i]] = p.prev[i]
	} else {
		p.tail = p.prev[i]
	}
	p.prev[i], p.next[i] = -1, -1
	return i
}

// fit returns a base such that base+code is free for every child.
func (p *placer) fit(kids []edge) int32 {
	if len(kids) == 0 {
		return 0
	}
	first := int32(kids[0].code)
	for f := p.head; ; f = p.next[f] {
		if f < 0 {
			f = int32(len(p.cells))
			p.grow(len(p.cells) + 0x100)
		}
		base := f - first
		if base >= 1 && p.fits(base, kids[1:]) {
			return base
		}
	}
}

func (p *placer) fits(base int32, kids []edge) bool {
	for _, e := range kids {
		if !p.free(base + int32(e.code)) {
			return false
		}
	}
	return true
}

// maxBase is the largest base given to any state.
func (p *placer) maxBase() int32 {
	b := int32(0)
	for _, c := range p.cells {
		b = max(b, c.base)
	}
	return b
}
