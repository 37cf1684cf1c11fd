package app

import (
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/diff"
)

// diffView shows a tracked diff like Word's track changes, a row at a time
// in a virtualised list so that long drafts stay fast (GUIDE §4).
// Insertions are in the inserted colour and underlined, deletions in the
// deleted colour inside 【删：…】 — Fyne text has no strike-through, and the
// marks must read without colour too. Inline shows both in one text; side
// by side shows the old text left and the new text right, row-aligned per
// paragraph. "Only changed paragraphs" folds unchanged runs into one row.
type diffView struct {
	widget.BaseWidget
	res         diff.Result
	changes     []diff.Change
	sideBySide  bool
	changedOnly bool
	width       int // characters per row the rows were cut for
	rows        []diffRow
	changeRow   []int // row of each change
	inline      *widget.List
	side        *widget.List
	stack       *fyne.Container
}

// diffSeg is a run of a row in one style.
type diffSeg struct {
	text string
	op   diff.Op
	mark bool // a textual mark (【删：, 】, an empty paragraph's note), not the draft's text
}

// diffRow is one row of the view: a piece of a paragraph (left is the
// inline text, or the old side; right the new side), or a fold of
// unchanged paragraphs. Rows are in paragraph order.
type diffRow struct {
	para        int // index into res.Paragraphs; a fold's first hidden paragraph
	folded      int // paragraphs a fold hides, 0 for a row of text
	left, right []diffSeg
}

func newDiffView() *diffView {
	v := &diffView{}
	v.inline = widget.NewList(func() int { return len(v.rows) }, newDiffText,
		func(i widget.ListItemID, o fyne.CanvasObject) { v.renderInline(i, o.(*markedText)) })
	v.side = widget.NewList(func() int { return len(v.rows) },
		func() fyne.CanvasObject { return container.NewGridWithColumns(2, newDiffText(), newDiffText()) },
		func(i widget.ListItemID, o fyne.CanvasObject) { v.renderSide(i, o.(*fyne.Container)) })
	v.side.Hide()
	v.inline.HideSeparators, v.side.HideSeparators = true, true // rows of a paragraph read on, as in a document
	v.stack = container.NewStack(v.inline, v.side)
	v.ExtendBaseWidget(v)
	return v
}

func newDiffText() fyne.CanvasObject { return newMarkedText() }

// CreateRenderer shows the list of the current mode.
func (v *diffView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(v.stack) }

// Resize re-cuts the rows when the number of characters that fit changes.
func (v *diffView) Resize(s fyne.Size) {
	v.BaseWidget.Resize(s)
	if n := v.rowWidth(s.Width); n != v.width {
		v.width = n
		v.relayout()
	}
}

func (v *diffView) rowWidth(w float32) int {
	if v.sideBySide {
		return max(8, charsPerRow(w/2)-1)
	}
	return charsPerRow(w)
}

// show replaces the diff.
func (v *diffView) show(res diff.Result) {
	v.res, v.changes = res, res.Changes()
	v.relayout()
	v.list().ScrollToTop()
}

// setMode switches between inline and side by side, and the fold of
// unchanged paragraphs.
func (v *diffView) setMode(sideBySide, changedOnly bool) {
	v.sideBySide, v.changedOnly = sideBySide, changedOnly
	v.inline.Hidden, v.side.Hidden = sideBySide, !sideBySide
	if s := v.Size(); s.Width > 0 {
		v.width = v.rowWidth(s.Width)
	}
	v.relayout()
	v.stack.Refresh()
}

func (v *diffView) list() *widget.List {
	if v.sideBySide {
		return v.side
	}
	return v.inline
}

func (v *diffView) relayout() {
	width := v.width
	if width == 0 { // not laid out yet: any width, Resize cuts again
		width = 40
	}
	v.rows = nil
	v.changeRow = make([]int, len(v.changes))
	next := 0 // the next change to place
	hidden := 0
	for pi, p := range v.res.Paragraphs {
		if v.changedOnly && !p.Changed {
			hidden++
			continue
		}
		if hidden > 0 {
			v.rows = append(v.rows, diffRow{para: pi - hidden, folded: hidden})
			hidden = 0
		}
		first := len(v.rows)
		v.rows = append(v.rows, v.cutParagraph(pi, p, width)...)
		for ; next < len(v.changes) && v.changes[next].Paragraph == pi; next++ {
			v.changeRow[next] = first + v.rowOfSpan(p, v.changes[next].First, width)
		}
	}
	if hidden > 0 {
		v.rows = append(v.rows, diffRow{para: len(v.res.Paragraphs) - hidden, folded: hidden})
	}
	v.inline.UnselectAll()
	v.side.UnselectAll()
	v.inline.Refresh()
	v.side.Refresh()
}

// cutParagraph lays one paragraph out in rows of at most width characters.
// A paragraph's first row is indented by two full-width spaces (首行缩进),
// which tells paragraphs apart without lines between the rows.
func (v *diffView) cutParagraph(pi int, p diff.Paragraph, width int) []diffRow {
	if !v.sideBySide {
		return diffRowsOf(pi, cut(indent(inlineSegs(p)), width), nil)
	}
	return diffRowsOf(pi, cut(indent(sideSegs(p, diff.Delete)), width), cut(indent(sideSegs(p, diff.Insert)), width))
}

const indentText = "\u3000\u3000"

func indent(segs []diffSeg) []diffSeg {
	if len(segs) == 0 {
		return nil
	}
	return append([]diffSeg{{indentText, diff.Equal, true}}, segs...)
}

func diffRowsOf(pi int, left, right [][]diffSeg) []diffRow {
	n := max(len(left), len(right), 1)
	rows := make([]diffRow, n)
	for i := range rows {
		rows[i].para = pi
		if i < len(left) {
			rows[i].left = left[i]
		}
		if i < len(right) {
			rows[i].right = right[i]
		}
	}
	return rows
}

// rowOfSpan is the row, within its paragraph, where span k starts.
func (v *diffView) rowOfSpan(p diff.Paragraph, k, width int) int {
	if k >= len(p.Spans) {
		return 0
	}
	var segs []diffSeg
	if !v.sideBySide {
		segs = inlineSegs(diff.Paragraph{Spans: p.Spans[:k]})
	} else {
		segs = sideSegs(diff.Paragraph{Spans: p.Spans[:k]}, p.Spans[k].Op)
	}
	n := len([]rune(indentText))
	for _, s := range segs {
		n += len([]rune(s.text))
	}
	return n / width
}

// inlineSegs is a paragraph's inline text with its marks.
func inlineSegs(p diff.Paragraph) []diffSeg {
	if len(p.Spans) == 0 {
		return emptyParagraph(p)
	}
	var segs []diffSeg
	for _, s := range p.Spans {
		segs = appendSpan(segs, s)
	}
	return segs
}

// sideSegs is one side of a paragraph: the old text (without insertions,
// skip = Insert) or the new one (skip = Delete).
func sideSegs(p diff.Paragraph, keep diff.Op) []diffSeg {
	skip := diff.Insert
	if keep == diff.Insert {
		skip = diff.Delete
	}
	if (keep == diff.Delete && p.Old < 0) || (keep == diff.Insert && p.New < 0) {
		return nil // the paragraph is absent on this side
	}
	if len(p.Spans) == 0 {
		if p.Changed {
			return emptyParagraph(p)
		}
		return nil
	}
	var segs []diffSeg
	for _, s := range p.Spans {
		if s.Op != skip {
			segs = appendSpan(segs, s)
		}
	}
	return segs
}

func appendSpan(segs []diffSeg, s diff.Span) []diffSeg {
	if s.Op == diff.Delete {
		return append(segs, diffSeg{i18n.L("diff.deleted_open"), diff.Delete, true}, diffSeg{s.Text, diff.Delete, false},
			diffSeg{i18n.L("diff.deleted_close"), diff.Delete, true})
	}
	return append(segs, diffSeg{s.Text, s.Op, false})
}

// emptyParagraph marks an inserted or deleted empty paragraph, which has
// no text to colour.
func emptyParagraph(p diff.Paragraph) []diffSeg {
	switch {
	case !p.Changed:
		return nil
	case p.Old < 0:
		return []diffSeg{{i18n.L("diff.empty_inserted"), diff.Insert, true}}
	}
	return []diffSeg{{i18n.L("diff.empty_deleted"), diff.Delete, true}}
}

// cut splits segments into rows of at most width characters; tabs and
// line breaks inside a span are shown as spaces.
func cut(segs []diffSeg, width int) [][]diffSeg {
	var rows [][]diffSeg
	var row []diffSeg
	used := 0
	for _, s := range segs {
		rs := []rune(s.text)
		for len(rs) > 0 {
			if used == width {
				rows, row, used = append(rows, row), nil, 0
			}
			n := min(len(rs), width-used)
			row = append(row, diffSeg{string(rs[:n]), s.op, s.mark})
			rs, used = rs[n:], used+n
		}
	}
	if len(row) > 0 || len(rows) == 0 {
		rows = append(rows, row)
	}
	return rows
}

func (v *diffView) renderInline(i int, t *markedText) {
	if i >= len(v.rows) {
		return
	}
	r := v.rows[i]
	if r.folded > 0 {
		t.set(foldSegs(r.folded))
		return
	}
	t.set(r.left)
}

func (v *diffView) renderSide(i int, c *fyne.Container) {
	if i >= len(v.rows) {
		return
	}
	r := v.rows[i]
	left, right := c.Objects[0].(*markedText), c.Objects[1].(*markedText)
	if r.folded > 0 {
		left.set(foldSegs(r.folded))
		right.set(foldSegs(r.folded))
		return
	}
	left.set(r.left)
	right.set(r.right)
}

func foldSegs(n int) []diffSeg {
	return []diffSeg{{i18n.L("diff.folded", map[string]any{"Count": n}), diff.Equal, true}}
}

// revealChange scrolls to change i and selects its row.
func (v *diffView) revealChange(i int) {
	if i < 0 || i >= len(v.changeRow) {
		return
	}
	v.revealRow(v.changeRow[i])
}

func (v *diffView) revealRow(row int) {
	if row < 0 || row >= len(v.rows) {
		return
	}
	l := v.list()
	l.ScrollTo(row)
	l.Select(row)
}

// revealOffset scrolls to the paragraph holding a code point offset of the
// new text (old = false) or the old text (old = true); a folded paragraph
// shows its fold.
func (v *diffView) revealOffset(offset int, old bool) {
	ps := v.res.Paragraphs
	pi := sort.Search(len(ps), func(i int) bool {
		if old {
			return ps[i].OldEnd >= offset
		}
		return ps[i].NewEnd >= offset
	})
	for pi < len(ps) && (old && ps[pi].Old < 0 || !old && ps[pi].New < 0) {
		pi++
	}
	v.revealRow(v.rowOfPara(pi))
}

// rowOfPara is the first row showing paragraph pi, or the fold hiding it.
func (v *diffView) rowOfPara(pi int) int {
	return sort.Search(len(v.rows), func(i int) bool { return v.rows[i].para > pi }) - 1
}
