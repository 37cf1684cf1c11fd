package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/sensitive/importer"
)

// extrasPanel lists what travels with a docx but a reader of the page does
// not see — hidden text, tracked changes, comments, headers, properties —
// so that the confidentiality reviewer looks at each of them.
type extrasPanel struct {
	view  *docView
	items []extra
	list  *widget.List
	item  *widget.AccordionItem
	box   *widget.Accordion
}

// extra is one jump target: a section or a marked span of the text.
type extra struct {
	label  string
	offset int
}

func newExtrasPanel(view *docView) *extrasPanel {
	p := &extrasPanel{view: view}
	p.list = widget.NewList(func() int { return len(p.items) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.items[i].label) })
	p.list.OnSelected = func(i widget.ListItemID) { p.view.revealOffset(p.items[i].offset) }
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(0, 140))
	p.item = widget.NewAccordionItem("", container.NewStack(spacer, p.list))
	p.box = widget.NewAccordion(p.item)
	p.box.Hide()
	return p
}

// show lists the hidden and revision content of a document.
func (p *extrasPanel) show(d *checkedDoc) {
	p.items = nil
	if d.doc != nil {
		p.items = extras(d.doc, d.text)
	}
	p.item.Title = i18n.L("check.extras", map[string]any{"Count": len(p.items)})
	p.box.Hidden = len(p.items) == 0
	p.box.Refresh()
	p.list.UnselectAll()
	p.list.Refresh()
}

// extras lists marked spans (hidden, inserted, text boxes) and every section but the body.
func extras(doc *importer.Document, text []rune) []extra {
	var xs []extra
	for _, m := range doc.Marks {
		xs = append(xs, extra{i18n.L("mark."+string(m.Kind)) + "：" + oneLine(string(text[m.Start:m.End]), 30), m.Start})
	}
	for _, s := range doc.Sections {
		if s.Kind != importer.Body {
			xs = append(xs, extra{i18n.L("section."+string(s.Kind)) + "：" + oneLine(string(text[s.Start:s.End]), 30), s.Start})
		}
	}
	return xs
}
