package app

import (
	"image/color"

	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// findingList is the list of findings beside the text, with filters by
// category and severity and the chosen finding's explanation.
type findingList struct {
	view     *docView
	doc      *checkedDoc
	shown    []int // indices into doc.res.Findings that pass the filters
	category *widget.Select
	severity *widget.Select
	list     *widget.List
	count    *widget.Label
	detail   *widget.Label
}

func newFindingList(view *docView) *findingList {
	l := &findingList{view: view, count: widget.NewLabel(""), detail: widget.NewLabel("")}
	l.detail.Wrapping = wrapping()
	l.list = widget.NewList(func() int { return len(l.shown) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { l.render(i, o.(*widget.Label)) })
	l.list.OnSelected = l.choose
	l.category = widget.NewSelect(categoryOptions(), func(string) { l.filter() })
	l.severity = widget.NewSelect(severityOptions(), func(string) { l.filter() })
	l.category.SetSelectedIndex(0)
	l.severity.SetSelectedIndex(0)
	return l
}

func (l *findingList) object() fyne.CanvasObject {
	filters := container.NewGridWithColumns(2, l.category, l.severity)
	detail := container.NewVScroll(l.detail)
	spacer := canvas.NewRectangle(color.Transparent)
	spacer.SetMinSize(fyne.NewSize(0, 150))
	return container.NewBorder(container.NewVBox(filters, l.count), container.NewStack(spacer, detail), nil, nil, l.list)
}

func categoryOptions() []string {
	opts := []string{i18n.L("check.all_categories")}
	for _, c := range finding.Categories {
		opts = append(opts, i18n.L("category."+string(c)))
	}
	return opts
}

func severityOptions() []string {
	opts := []string{i18n.L("check.all_severities")}
	for _, s := range finding.Severities {
		opts = append(opts, i18n.L("severity."+string(s)))
	}
	return opts
}

// show lists a new document's findings.
func (l *findingList) show(d *checkedDoc) {
	l.doc = d
	l.filter()
}

// filter keeps the findings of the chosen category and severity.
func (l *findingList) filter() {
	l.shown = l.shown[:0]
	if l.doc == nil {
		l.refresh()
		return
	}
	ci, si := l.category.SelectedIndex(), l.severity.SelectedIndex()
	for i, f := range l.doc.res.Findings {
		if (ci <= 0 || finding.Categories[ci-1] == f.Category) && (si <= 0 || finding.Severities[si-1] == f.Severity) {
			l.shown = append(l.shown, i)
		}
	}
	l.refresh()
}

func (l *findingList) refresh() {
	l.list.UnselectAll()
	l.list.Refresh()
	l.detail.SetText("")
	total := 0
	if l.doc != nil {
		total = len(l.doc.res.Findings)
	}
	l.count.SetText(i18n.L("check.count", map[string]any{"Shown": len(l.shown), "Total": total}))
}

func (l *findingList) render(i int, label *widget.Label) {
	if i >= len(l.shown) {
		return
	}
	f := l.doc.res.Findings[l.shown[i]]
	line, _ := l.doc.lines.Position(f.Start)
	label.Importance = severityImportance(f.Severity)
	label.SetText(fmt.Sprintf("%s · %s · %s  %s", i18n.L("severity."+string(f.Severity)),
		i18n.L("category."+string(f.Category)), i18n.L("check.line", map[string]any{"Line": line}), oneLine(f.Text, 16)))
}

// choose reveals a finding in the text and explains it.
func (l *findingList) choose(i widget.ListItemID) {
	if i >= len(l.shown) {
		return
	}
	idx := l.shown[i]
	l.view.reveal(idx)
	l.detail.SetText(explain(l.doc, l.doc.res.Findings[idx]))
}

// explain is the full text of a finding for the detail pane.
func explain(d *checkedDoc, f finding.Finding) string {
	var b strings.Builder
	b.WriteString(f.Message)
	if f.Suggestion != "" {
		b.WriteString("\n" + i18n.L("check.suggestion", map[string]any{"Text": f.Suggestion}))
	}
	line, col := d.lines.Position(f.Start)
	b.WriteString("\n" + i18n.L("check.where", map[string]any{"Line": line, "Column": col, "Rule": f.Rule}))
	if s := d.doc.SectionAt(f.Start); s != "" && s != importer.Body {
		b.WriteString(" · " + i18n.L("section."+string(s)))
	}
	return b.String()
}

func severityImportance(s finding.Severity) widget.Importance {
	switch s {
	case finding.Block:
		return widget.DangerImportance
	case finding.Warn:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// oneLine shortens s to n characters on a single line.
func oneLine(s string, n int) string {
	rs := []rune(strings.NewReplacer("\n", "⏎", "\t", " ").Replace(s))
	if len(rs) > n {
		return string(rs[:n]) + "…"
	}
	return string(rs)
}
