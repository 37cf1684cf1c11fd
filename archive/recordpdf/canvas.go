package recordpdf

import (
	"fmt"
	"math"
)

// Page geometry in mm (A4 portrait, 210 × 297).
const (
	pageW    = 210.0
	marginL  = 20.0
	contentW = pageW - 2*marginL
	top      = 18.0
	bottom   = 276.0 // content ends here; the footer is below
	pad      = 1.6   // cell padding
	leading  = 1.55  // line height in ems
)

// Font sizes in pt.
const (
	sizeTitle   = 18.0
	sizeHeading = 14.0
	sizeSub     = 12.0
	sizeText    = 11.0
	sizeTable   = 9.5
	sizeSmall   = 8.0
	sizeFooter  = 7.5
)

// Colours.
var (
	black  = rgb{0, 0, 0}
	grey   = rgb{105, 105, 105}
	border = rgb{60, 60, 60}
	shade  = rgb{236, 236, 236}
	red    = rgb{190, 20, 20}
	orange = rgb{176, 96, 0}
	blue   = rgb{20, 70, 170}
	markBg = rgb{255, 238, 200}
)

type opKind int

const (
	opText     opKind = iota // text at (x, y = baseline)
	opFill                   // filled rectangle
	opStroke                 // outlined rectangle
	opRule                   // line from (x, y) to (x+w, y+h)
	opBookmark               // outline entry at y
)

// op is one drawing operation; the whole record is laid out as a list of
// them per page first, so that the fonts can be cut to exactly the
// characters used and the footer can say "page n / m".
type op struct {
	kind       opKind
	x, y, w, h float64
	face       int
	size       float64
	col        rgb
	text       string
	level      int
}

type page struct{ ops []op }

// doc is a record being laid out.
type doc struct {
	fs    [numFaces]*face
	pages []*page
	y     float64
}

func (d *doc) newPage() {
	d.pages = append(d.pages, &page{})
	d.y = top
}

func (d *doc) add(o op) {
	p := d.pages[len(d.pages)-1]
	p.ops = append(p.ops, o)
}

// need starts a new page unless h mm are left on this one.
func (d *doc) need(h float64) {
	if d.y+h > bottom {
		d.newPage()
	}
}

func lineHeight(size float64) float64 { return size * 25.4 / 72 * leading }

// drawLine places a laid-out line whose box starts at (x, top) on the
// current page.
func (d *doc) drawLine(l line, x, boxTop, size float64) {
	d.drawLineOn(d.pages[len(d.pages)-1], l, x, boxTop, size)
}

func (d *doc) drawLineOn(pg *page, l line, x, boxTop, size float64) {
	em := size * 25.4 / 72
	lh := lineHeight(size)
	base := boxTop + (lh-em)/2 + d.fs[song].ascent*em
	for _, p := range l.pieces {
		if p.bg != nil {
			pg.ops = append(pg.ops, op{kind: opFill, x: x + p.x, y: boxTop + (lh-em)/2 - 0.3, w: p.w, h: em + 0.6, col: *p.bg})
		}
		pg.ops = append(pg.ops, op{kind: opText, x: x + p.x, y: base, face: p.face, size: size, col: p.col, text: p.text})
	}
}

// para flows a paragraph over pages at x, width mm wide.
func (d *doc) para(spans []span, x, width, size float64) {
	lh := lineHeight(size)
	for _, l := range wrap(d.fs, spans, width, size) {
		d.need(lh)
		d.drawLine(l, x, d.y, size)
		d.y += lh
	}
}

// height is how tall a paragraph would be, to keep short blocks on one page.
func (d *doc) height(spans []span, width, size float64) float64 {
	return float64(len(wrap(d.fs, spans, width, size))) * lineHeight(size)
}

// text is a paragraph of plain text in one colour over the content width.
func (d *doc) text(s string, size float64, col rgb) {
	d.para([]span{{text: s, col: col}}, marginL, contentW, size)
}

// heading starts a section, with an outline entry.
func (d *doc) heading(s string, size float64, level int) {
	lh := lineHeight(size)
	d.need(lh*2 + lineHeight(sizeText)*2)
	if d.y > top {
		d.y += lh * 0.4
	}
	d.add(op{kind: opBookmark, text: s, level: level, y: d.y})
	d.para([]span{{text: s, col: black}}, marginL, contentW, size)
	d.y += lh * 0.2
}

// centered is one line of text centred on the page.
func (d *doc) centered(s string, size float64, col rgb) {
	w := textWidth(d.fs, s, size)
	if w > contentW {
		d.text(s, size, col)
		return
	}
	lh := lineHeight(size)
	d.need(lh)
	for _, l := range wrap(d.fs, []span{{text: s, col: col}}, contentW, size) {
		d.drawLine(l, (pageW-w)/2, d.y, size)
	}
	d.y += lh
}

// cell is one cell of a table row.
type cell struct {
	w      float64
	spans  []span
	size   float64
	center bool
	fill   *rgb
}

func plain(w float64, s string) cell { return cell{w: w, spans: []span{{text: s, col: black}}} }
func label(w float64, s string) cell {
	return cell{w: w, spans: []span{{text: s, col: black}}, center: true, fill: &shade}
}

// row draws a table row of bordered cells starting at the left margin. A row
// taller than what is left of the page moves to the next one; a row taller
// than a page is split between pages, each part bordered.
func (d *doc) row(cells []cell) {
	type laid struct {
		lines []line
		lh    float64
	}
	ls := make([]laid, len(cells))
	for i, c := range cells {
		if c.size == 0 {
			cells[i].size = sizeTable
		}
		c = cells[i]
		ls[i] = laid{wrap(d.fs, c.spans, math.Max(c.w-2*pad, 1), c.size), lineHeight(c.size)}
	}
	height := func(from []int) float64 {
		h := 0.0
		for i, l := range ls {
			h = math.Max(h, float64(len(l.lines)-from[i])*l.lh)
		}
		return h + 2*pad
	}
	from := make([]int, len(cells))
	for {
		h := height(from)
		if d.y+h > bottom && (h <= bottom-top || d.y > top+1) {
			d.newPage()
		}
		avail := bottom - d.y
		part := math.Min(h, avail)
		x := marginL
		done := true
		for i, c := range cells {
			if c.fill != nil {
				d.add(op{kind: opFill, x: x, y: d.y, w: c.w, h: part, col: *c.fill})
			}
			d.add(op{kind: opStroke, x: x, y: d.y, w: c.w, h: part, col: border})
			rest := ls[i].lines[from[i]:]
			fit := min(len(rest), int((part-2*pad)/ls[i].lh+1e-9))
			off := pad
			if h <= avail { // the whole row is here: centre the cell's text vertically
				off = (part - float64(len(rest))*ls[i].lh) / 2
			}
			for j, l := range rest[:fit] {
				lx := x + pad
				if c.center {
					lx = x + (c.w-l.w)/2
				}
				d.drawLine(l, lx, d.y+off+float64(j)*ls[i].lh, c.size)
			}
			from[i] += fit
			if from[i] < len(ls[i].lines) {
				done = false
			}
			x += c.w
		}
		d.y += part
		if done {
			return
		}
		d.newPage()
	}
}

// footer writes each page's footer: 档号, page n / m and the text's SM3.
func (d *doc) footer(code, textSM3 string) {
	m := len(d.pages)
	for i, p := range d.pages {
		y := bottom + 4
		p.ops = append(p.ops, op{kind: opRule, x: marginL, y: y, w: contentW, col: border})
		right := fmt.Sprintf("第 %d / %d 页", i+1, m)
		rw := textWidth(d.fs, right, sizeFooter)
		d.oneLine(p, "档号："+code, marginL, y+1, contentW-rw-4, black)
		d.oneLine(p, right, marginL+contentW-rw, y+1, rw+1, black)
		d.oneLine(p, "正文 SM3："+textSM3, marginL, y+5, contentW, grey)
	}
}

// oneLine places what fits of s on one line of the footer at (x, box top).
func (d *doc) oneLine(p *page, s string, x, boxTop, width float64, col rgb) {
	d.drawLineOn(p, wrap(d.fs, []span{{text: s, col: col}}, width, sizeFooter)[0], x, boxTop, sizeFooter)
}
