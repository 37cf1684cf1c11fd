package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// docView shows a checked text a row at a time in a virtualised list, with
// findings in their severity colours. It cuts rows to fit its width.
type docView struct {
	widget.BaseWidget
	list     *widget.List
	doc      *checkedDoc
	rows     []docRow
	width    int // characters per row the rows were cut for
	selected int // finding shown as chosen, -1 if none
}

func newDocView() *docView {
	v := &docView{selected: -1}
	v.list = widget.NewList(func() int { return len(v.rows) },
		func() fyne.CanvasObject {
			t := widget.NewRichText()
			t.Wrapping = fyne.TextWrapOff
			return t
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { v.render(i, o.(*widget.RichText)) })
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer shows the list.
func (v *docView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(v.list) }

// Resize re-cuts the rows when the number of characters that fit changes.
func (v *docView) Resize(s fyne.Size) {
	v.BaseWidget.Resize(s)
	if n := charsPerRow(s.Width); n != v.width {
		v.width = n
		v.relayout()
	}
}

// charsPerRow is how many CJK characters fit in width.
func charsPerRow(width float32) int {
	cw := fyne.MeasureText("中", theme.TextSize(), fyne.TextStyle{}).Width
	usable := width - 4*theme.Padding() - theme.ScrollBarSize()
	return max(8, int(usable/cw))
}

// show replaces the document.
func (v *docView) show(d *checkedDoc) {
	v.doc, v.selected = d, -1
	v.relayout()
	v.list.ScrollToTop()
}

func (v *docView) relayout() {
	v.rows = nil
	if v.doc != nil && v.doc.doc != nil {
		width := v.width
		if width == 0 { // not laid out yet: any width, Resize cuts again
			width = 40
		}
		v.rows = layoutRows(v.doc.text, v.doc.doc.Sections, v.doc.res.Findings, width)
	}
	v.list.UnselectAll()
	v.list.Refresh()
}

// reveal scrolls to a finding and marks it.
func (v *docView) reveal(i int) {
	if v.doc == nil || i < 0 || i >= len(v.doc.res.Findings) {
		return
	}
	v.selected = i
	row := rowAt(v.rows, v.doc.res.Findings[i].Start)
	v.list.Refresh()
	v.list.ScrollTo(row)
	v.list.Select(row)
}

// revealOffset scrolls to the row holding a text offset.
func (v *docView) revealOffset(offset int) {
	row := rowAt(v.rows, offset)
	v.list.ScrollTo(row)
	v.list.Select(row)
}

func (v *docView) render(i int, t *widget.RichText) {
	if i >= len(v.rows) {
		return
	}
	row := v.rows[i]
	if row.heading != "" {
		t.Segments = []widget.RichTextSegment{&widget.TextSegment{
			Text:  "—— " + i18n.L("section."+string(row.heading)) + " ——",
			Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder, TextStyle: fyne.TextStyle{Bold: true}},
		}}
		t.Refresh()
		return
	}
	fs := v.doc.res.Findings
	t.Segments = t.Segments[:0]
	for _, p := range pieces(row, fs) {
		t.Segments = append(t.Segments, &widget.TextSegment{
			Text:  displayText(v.doc.text[p.start:p.end]),
			Style: widget.RichTextStyle{Inline: true, ColorName: v.colorOf(p)},
		})
	}
	t.Refresh()
}

// colorOf picks a piece's colour: the chosen finding, a finding's severity,
// or hidden/inserted docx text.
func (v *docView) colorOf(p piece) fyne.ThemeColorName {
	if p.finding >= 0 {
		if p.finding == v.selected || v.covers(v.selected, p) {
			return theme.ColorNamePrimary
		}
		return severityColor(v.doc.res.Findings[p.finding].Severity)
	}
	for _, m := range v.doc.doc.Marks {
		if m.Start <= p.start && p.end <= m.End {
			return markColor(m.Kind)
		}
	}
	return theme.ColorNameForeground
}

func (v *docView) covers(i int, p piece) bool {
	if i < 0 {
		return false
	}
	f := v.doc.res.Findings[i]
	return f.Start <= p.start && p.end <= f.End
}

func severityColor(s finding.Severity) fyne.ThemeColorName {
	switch s {
	case finding.Block:
		return ColorBlock
	case finding.Warn:
		return ColorWarn
	}
	return ColorInfo
}

func markColor(k importer.MarkKind) fyne.ThemeColorName {
	switch k {
	case importer.Hidden:
		return theme.ColorNamePlaceHolder
	case importer.Inserted:
		return ColorInserted
	}
	return theme.ColorNameForeground
}

// displayText shows tabs as spaces and an empty row as a space, so rows keep their height.
func displayText(rs []rune) string {
	if len(rs) == 0 {
		return " "
	}
	return strings.ReplaceAll(string(rs), "\t", "    ")
}
