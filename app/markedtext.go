package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/review/diff"
)

// markedText is one row of tracked changes: runs of text in the colours of
// their change, with a line under inserted runs. Fyne's text draws no
// underline of its own (TextStyle.Underline is honoured by TextGrid only,
// whose monospace font has no Chinese), so the row draws it.
type markedText struct {
	widget.BaseWidget
	segs []diffSeg
}

func newMarkedText() *markedText {
	m := &markedText{}
	m.ExtendBaseWidget(m)
	return m
}

// set shows a row's runs.
func (m *markedText) set(segs []diffSeg) {
	m.segs = segs
	m.Refresh()
}

// CreateRenderer draws the runs.
func (m *markedText) CreateRenderer() fyne.WidgetRenderer {
	r := &markedRenderer{m: m}
	r.Refresh()
	return r
}

type markedRenderer struct {
	m       *markedText
	texts   []*canvas.Text
	lines   []*canvas.Rectangle // under insertions; nil where a run has none
	objects []fyne.CanvasObject
}

// segColor is a run's colour: inserted, deleted, a mark, or the text's.
func segColor(s diffSeg) fyne.ThemeColorName {
	switch {
	case s.op == diff.Insert:
		return ColorInserted
	case s.op == diff.Delete:
		return ColorDeleted
	case s.mark:
		return theme.ColorNamePlaceHolder
	}
	return theme.ColorNameForeground
}

func (r *markedRenderer) Refresh() {
	th := r.m.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	size := th.Size(theme.SizeNameText)
	r.texts, r.lines, r.objects = r.texts[:0], r.lines[:0], r.objects[:0]
	for _, s := range r.m.segs {
		t := canvas.NewText(displayText([]rune(s.text)), th.Color(segColor(s), v))
		t.TextSize = size
		r.texts = append(r.texts, t)
		r.objects = append(r.objects, t)
		var line *canvas.Rectangle
		if s.op == diff.Insert && !s.mark {
			line = canvas.NewRectangle(th.Color(ColorInserted, v))
			r.objects = append(r.objects, line)
		}
		r.lines = append(r.lines, line)
	}
	r.Layout(r.m.Size())
	canvas.Refresh(r.m)
}

func (r *markedRenderer) Layout(fyne.Size) {
	pad := r.m.Theme().Size(theme.SizeNameInnerPadding)
	x := pad
	for i, t := range r.texts {
		s := t.MinSize()
		t.Move(fyne.NewPos(x, pad))
		t.Resize(s)
		if l := r.lines[i]; l != nil {
			l.Move(fyne.NewPos(x, pad+s.Height-1))
			l.Resize(fyne.NewSize(s.Width, 1))
		}
		x += s.Width
	}
}

func (r *markedRenderer) MinSize() fyne.Size {
	th := r.m.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	// The rows are cut to the view's width: asking for the text's width
	// would only widen the list.
	h := fyne.MeasureText("中", th.Size(theme.SizeNameText), fyne.TextStyle{}).Height
	return fyne.NewSize(2*pad, h+2*pad)
}

func (r *markedRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *markedRenderer) Destroy() {}
