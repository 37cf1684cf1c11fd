package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
	"shenfa/sensitive"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// draftText is the 正文 tab: the current version's text with its findings
// in the quick check's view, and beside each finding what the steps did
// about it (waived, with whom and why; acknowledged).
type draftText struct {
	p       *draftPage
	doc     *checkedDoc
	records []drafts.FindingRecord // by index of doc.res.Findings
	view    *docView
	list    *findingList
	extras  *extrasPanel
	summary *widget.Label
}

func newDraftText(p *draftPage) *draftText {
	t := &draftText{p: p, view: newDocView(), summary: widget.NewLabel("")}
	t.summary.Wrapping = wrapping()
	t.doc = versionDoc(p.version)
	t.records = recordsOf(t.doc.res.Findings, p.findings)
	t.list = newFindingList(t.view)
	t.list.list.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) { t.render(i, o.(*widget.Label)) }
	t.list.list.OnSelected = t.choose
	t.extras = newExtrasPanel(t.view)
	t.view.show(t.doc)
	t.list.show(t.doc)
	t.extras.show(t.doc)
	t.summary.SetText(t.summaryText())
	return t
}

func (t *draftText) object() fyne.CanvasObject {
	left := container.NewBorder(nil, t.extras.box, nil, nil, t.view)
	split := container.NewHSplit(left, t.list.object())
	split.Offset = 0.62
	return container.NewBorder(t.summary, nil, nil, nil, split)
}

// versionDoc is a stored version in the shape of a quick-check document,
// so that the quick check's view shows it.
func versionDoc(v drafts.Version) *checkedDoc {
	doc := &importer.Document{Name: v.FileName, Format: v.Report.Format, Encoding: v.Report.Encoding, Text: v.Text,
		Sections: v.Report.Sections, Marks: v.Report.Marks, Properties: v.Report.Properties, Links: v.Report.Links,
		Damaged: v.Report.Damaged}
	text := []rune(v.Text)
	return &checkedDoc{name: v.FileName, doc: doc, text: text, lines: importer.Lines(text),
		res: sensitive.Result{Chars: len(text), Findings: v.Check.Findings, Lexicons: v.Check.Lexicons}}
}

// recordsOf lines the draft's finding records up with the version's findings.
func recordsOf(fs []finding.Finding, state drafts.Findings) []drafts.FindingRecord {
	byID := map[string]drafts.FindingRecord{}
	for _, r := range state.Findings {
		byID[r.ID] = r
	}
	out := make([]drafts.FindingRecord, len(fs))
	for i, f := range fs {
		out[i] = byID[drafts.FindingID(f)]
	}
	return out
}

func (t *draftText) summaryText() string {
	var block, warn, info, waived, acked int
	for _, r := range t.records {
		switch r.Severity {
		case finding.Block:
			block++
		case finding.Warn:
			warn++
		default:
			info++
		}
		if r.Waived != nil {
			waived++
		}
		if r.Acked != nil {
			acked++
		}
	}
	text := i18n.L("draft.text_summary", map[string]any{"Version": t.p.version.Number, "Chars": t.doc.res.Chars,
		"Block": block, "Waived": waived, "Warn": warn, "Acked": acked, "Info": info})
	if t.p.version.Damaged {
		text += "\n" + i18n.L("check.damaged", map[string]any{"Count": len(t.p.version.Report.Damaged)})
	}
	return text
}

// render is a finding's row with its disposition.
func (t *draftText) render(i int, label *widget.Label) {
	l := t.list
	if i >= len(l.shown) {
		return
	}
	idx := l.shown[i]
	f := t.doc.res.Findings[idx]
	line, _ := t.doc.lines.Position(f.Start)
	label.Importance = severityImportance(f.Severity)
	text := fmt.Sprintf("%s · %s · %s  %s", i18n.L("severity."+string(f.Severity)),
		i18n.L("category."+string(f.Category)), i18n.L("check.line", map[string]any{"Line": line}), oneLine(f.Text, 16))
	if d := disposition(t.records[idx]); d != "" {
		label.Importance = widget.SuccessImportance // dealt with
		text += "  · " + d
	}
	label.SetText(text)
}

// disposition says briefly what was done about a finding: 已豁免 or 已确认.
func disposition(r drafts.FindingRecord) string {
	switch {
	case r.Waived != nil:
		return i18n.L("draft.waived_short", map[string]any{"Step": stepLabel(r.Waived.Step), "By": r.Waived.By})
	case r.Acked != nil:
		return i18n.L("draft.acked_short", map[string]any{"Step": stepLabel(r.Acked.Step), "By": r.Acked.By})
	}
	return ""
}

func (t *draftText) choose(i widget.ListItemID) {
	l := t.list
	if i >= len(l.shown) {
		return
	}
	idx := l.shown[i]
	t.view.reveal(idx)
	text := explain(t.doc, t.doc.res.Findings[idx])
	r := t.records[idx]
	switch {
	case r.Waived != nil:
		text += "\n" + i18n.L("draft.waived_long", map[string]any{"Step": stepLabel(r.Waived.Step), "By": r.Waived.By,
			"Reason": r.Waived.Reason})
	case r.Acked != nil:
		text += "\n" + i18n.L("draft.acked_short", map[string]any{"Step": stepLabel(r.Acked.Step), "By": r.Acked.By})
	case r.Severity == finding.Block && drafts.Unwaivable(r.Category):
		text += "\n" + i18n.L("draft.must_change")
	}
	l.detail.SetText(text)
}
