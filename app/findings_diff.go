package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/diff"
	"shenfa/review/drafts"
)

// findingsDiff is what happened to the findings between two versions.
type findingsDiff struct {
	New      []drafts.FindingRecord // in the new version only
	Resolved []drafts.FindingRecord // in the old version only (offsets of the old text)
	Open     []drafts.FindingRecord // in both, not waived
	Waived   []drafts.FindingRecord // in the new version, waived
}

// compareFindings matches the old version's findings to the new one's: a
// finding whose text the diff carries over unchanged to a finding of the
// same rule is the same finding; one moved with its paragraph (deleted
// here, inserted there) is matched by rule and text.
func compareFindings(res diff.Result, old, cur []drafts.FindingRecord) findingsDiff {
	type key struct {
		rule       string
		start, end int
	}
	byPlace := map[key]int{}
	for i, f := range cur {
		byPlace[key{f.Rule, f.Start, f.End}] = i
	}
	matched := make([]bool, len(cur))
	var out findingsDiff
	var unmatched []drafts.FindingRecord
	for _, f := range old {
		if s, e, ok := res.MapRange(f.Start, f.End); ok {
			if i, found := byPlace[key{f.Rule, s, e}]; found && !matched[i] {
				matched[i] = true
				continue
			}
		}
		unmatched = append(unmatched, f)
	}
	for _, f := range unmatched {
		i := -1
		for j, g := range cur {
			if !matched[j] && g.Rule == f.Rule && g.Text == f.Text {
				i = j
				break
			}
		}
		if i < 0 {
			out.Resolved = append(out.Resolved, f)
			continue
		}
		matched[i] = true
	}
	for i, f := range cur {
		switch {
		case f.Waived != nil:
			out.Waived = append(out.Waived, f)
		case matched[i]:
			out.Open = append(out.Open, f)
		default:
			out.New = append(out.New, f)
		}
	}
	return out
}

// findingsRow is a heading or a finding of the findings diff.
type findingsRow struct {
	group string
	count int
	f     *drafts.FindingRecord
	old   bool // the finding's offsets are in the old text
}

// findingsDiffList shows a findingsDiff by group; choosing a finding
// scrolls the diff to it.
type findingsDiffList struct {
	view   *diffView
	rows   []findingsRow
	names  map[string]string
	list   *widget.List
	detail *widget.Label
}

func newFindingsDiffList(view *diffView) *findingsDiffList {
	l := &findingsDiffList{view: view, detail: widget.NewLabel("")}
	l.detail.Wrapping = wrapping()
	l.list = widget.NewList(func() int { return len(l.rows) },
		func() fyne.CanvasObject {
			lb := widget.NewLabel("")
			lb.Truncation = fyne.TextTruncateEllipsis
			return lb
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { l.render(i, o.(*widget.Label)) })
	l.list.OnSelected = l.choose
	return l
}

func (l *findingsDiffList) object() fyne.CanvasObject {
	title := widget.NewLabel(i18n.L("diff.findings"))
	title.TextStyle = fyne.TextStyle{Bold: true}
	return container.NewBorder(title, container.NewVScroll(l.detail), nil, nil, l.list)
}

func (l *findingsDiffList) show(d findingsDiff, names map[string]string) {
	l.names = names
	l.rows = nil
	add := func(group string, fs []drafts.FindingRecord, old bool) {
		l.rows = append(l.rows, findingsRow{group: group, count: len(fs)})
		for i := range fs {
			l.rows = append(l.rows, findingsRow{f: &fs[i], old: old})
		}
	}
	add("new", d.New, false)
	add("resolved", d.Resolved, true)
	add("open", d.Open, false)
	add("waived", d.Waived, false)
	l.detail.SetText("")
	l.list.UnselectAll()
	l.list.Refresh()
}

func (l *findingsDiffList) render(i int, lb *widget.Label) {
	if i >= len(l.rows) {
		return
	}
	r := l.rows[i]
	if r.f == nil {
		lb.Importance = widget.MediumImportance
		lb.TextStyle = fyne.TextStyle{Bold: true}
		lb.SetText(i18n.L("diff.group."+r.group, map[string]any{"Count": r.count}))
		return
	}
	lb.TextStyle = fyne.TextStyle{}
	lb.Importance = severityImportance(r.f.Severity)
	if r.old || r.f.Waived != nil {
		lb.Importance = widget.LowImportance
	}
	text := findingLine(*r.f)
	if d := disposition(*r.f); d != "" {
		text = d + " · " + text
	}
	lb.SetText(text)
}

func (l *findingsDiffList) choose(i widget.ListItemID) {
	if i >= len(l.rows) || l.rows[i].f == nil {
		return
	}
	r := l.rows[i]
	l.view.revealOffset(r.f.Start, r.old)
	text := findingLine(*r.f)
	if r.f.Suggestion != "" {
		text += "\n" + i18n.L("check.suggestion", map[string]any{"Text": r.f.Suggestion})
	}
	if w := r.f.Waived; w != nil {
		name := l.names[w.By]
		if name == "" {
			name = w.By
		}
		text += "\n" + i18n.L("draft.waived_long", map[string]any{"Step": stepLabel(w.Step), "By": name + "（" + w.By + "）",
			"Reason": w.Reason})
	}
	if a := r.f.Acked; a != nil {
		text += "\n" + i18n.L("draft.acked_short", map[string]any{"Step": stepLabel(a.Step), "By": a.By})
	}
	l.detail.SetText(text)
}
