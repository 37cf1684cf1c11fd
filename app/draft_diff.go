package app

import (
	"encoding/json"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/diff"
	"shenfa/review/drafts"
)

// draftDiff is the 修订 tab: the tracked changes between any two versions
// (by default those since the viewer's own last sign-off, else since the
// previous version), inline or side by side, with a jump to the next or
// previous change, and beside it what happened to the findings.
type draftDiff struct {
	p         *draftPage
	from, to  *widget.Select
	mode      *widget.RadioGroup
	onlyDiff  *widget.Check
	prev      *widget.Button
	next      *widget.Button
	basis     *widget.Label
	summary   *widget.Label
	view      *diffView
	findings  *findingsDiffList
	current   int // the change last jumped to, -1 before the first
	oldV      int
	newV      int
	res       diff.Result
	empty     *widget.Label
	content   *fyne.Container
	numbers   []int // version numbers in the pickers' order
	computing bool
	loaded    map[int]drafts.Version // versions read so far; the current one comes with the page
}

func newDraftDiff(p *draftPage) *draftDiff {
	t := &draftDiff{p: p, basis: widget.NewLabel(""), summary: widget.NewLabel(""), view: newDiffView(),
		current: -1, empty: widget.NewLabel(""), loaded: map[int]drafts.Version{p.version.Number: p.version}}
	t.basis.Wrapping, t.summary.Wrapping = wrapping(), wrapping()
	t.findings = newFindingsDiffList(t.view)
	var labels []string
	for _, v := range p.versions {
		t.numbers = append(t.numbers, v.Number)
		labels = append(labels, i18n.L("diff.version", map[string]any{"Version": v.Number, "Author": v.Author, "Time": when(v.CreatedAt)}))
	}
	t.from = widget.NewSelect(labels, func(string) { t.compare() })
	t.to = widget.NewSelect(labels, func(string) { t.compare() })
	modes := []string{i18n.L("diff.inline"), i18n.L("diff.side_by_side")}
	t.mode = widget.NewRadioGroup(modes, func(string) { t.setMode() })
	t.mode.Horizontal = true
	t.onlyDiff = widget.NewCheck(i18n.L("diff.changed_only"), func(bool) { t.setMode() })
	t.prev = widget.NewButtonWithIcon(i18n.L("diff.prev"), theme.MoveUpIcon(), func() { t.jump(-1) })
	t.next = widget.NewButtonWithIcon(i18n.L("diff.next"), theme.MoveDownIcon(), func() { t.jump(1) })
	t.mode.SetSelected(modes[0])
	old, cur, why := defaultComparison(p)
	t.basis.SetText(why)
	t.computing = true // set both pickers, then compare once
	t.from.SetSelectedIndex(slices.Index(t.numbers, old))
	t.to.SetSelectedIndex(slices.Index(t.numbers, cur))
	t.computing = false
	t.compare()
	return t
}

func (t *draftDiff) object() fyne.CanvasObject {
	pickers := container.NewHBox(widget.NewLabel(i18n.L("diff.compare")), minWidth(320, t.from), widget.NewLabel("→"),
		minWidth(320, t.to))
	tools := container.NewHBox(t.mode, t.onlyDiff, t.prev, t.next)
	top := container.NewVBox(container.NewBorder(nil, nil, pickers, nil, t.basis), tools, t.summary)
	split := container.NewHSplit(t.view, t.findings.object())
	split.Offset = 0.7
	t.content = container.NewStack(split)
	if len(t.numbers) < 2 {
		t.empty.SetText(i18n.L("diff.one_version"))
		return container.NewBorder(nil, nil, nil, nil, container.NewCenter(t.empty))
	}
	return container.NewBorder(top, nil, nil, nil, t.content)
}

// minWidth gives o at least width, so that a select shows its whole label.
func minWidth(width float32, o fyne.CanvasObject) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(width, 0))
	return container.NewStack(r, o)
}

// defaultComparison is what an approver wants to see first: the changes
// since their own last sign-off on an earlier version, or else since the
// version before the current one.
func defaultComparison(p *draftPage) (old, cur int, why string) {
	cur = p.d.Version
	for i := len(p.sos) - 1; i >= 0; i-- {
		so := p.sos[i]
		if so.SignerID == p.u.sess.User.ID && so.Version < cur {
			return so.Version, cur, i18n.L("diff.since_signoff", map[string]any{"Version": so.Version,
				"Meaning": meaning(so), "Time": when(so.SignedAt)})
		}
	}
	if cur <= 1 {
		return cur, cur, ""
	}
	return cur - 1, cur, i18n.L("diff.since_previous", map[string]any{"Version": cur - 1})
}

// compare diffs the two chosen versions.
func (t *draftDiff) compare() {
	if t.computing || t.from.SelectedIndex() < 0 || t.to.SelectedIndex() < 0 {
		return
	}
	t.p.u.touch()
	t.oldV, t.newV = t.numbers[t.from.SelectedIndex()], t.numbers[t.to.SelectedIndex()]
	oldV, err := t.version(t.oldV)
	if err != nil {
		showError(t.p.message, err)
		return
	}
	newV, err := t.version(t.newV)
	if err != nil {
		showError(t.p.message, err)
		return
	}
	t.res = diff.Compute(oldV.Text, newV.Text)
	t.view.show(t.res)
	t.current = -1
	t.showSummary()
	t.findings.show(compareFindings(t.res, t.p.versionFindings(oldV), t.p.versionFindings(newV)), t.p.signerNames())
}

// version reads a version once.
func (t *draftDiff) version(n int) (drafts.Version, error) {
	if v, ok := t.loaded[n]; ok {
		return v, nil
	}
	v, err := t.p.u.ws.Drafts.Version(t.p.u.ctx(), t.p.id, n)
	if err == nil {
		t.loaded[n] = v
	}
	return v, err
}

func (t *draftDiff) showSummary() {
	s := t.res.Summary()
	text := i18n.L("diff.summary", map[string]any{"Old": t.oldV, "New": t.newV, "Changes": s.Changes,
		"Inserted": s.Inserted, "Deleted": s.Deleted, "Paragraphs": s.ChangedParagraphs})
	if s.Changes == 0 {
		text = i18n.L("diff.no_changes", map[string]any{"Old": t.oldV, "New": t.newV})
	}
	if s.Approximate {
		text += "\n" + i18n.L("diff.approximate")
	}
	t.summary.SetText(text)
	setEnabled(t.prev, s.Changes > 0)
	setEnabled(t.next, s.Changes > 0)
}

func (t *draftDiff) setMode() {
	if t.view == nil {
		return
	}
	t.p.u.touch()
	t.view.setMode(t.mode.Selected == i18n.L("diff.side_by_side"), t.onlyDiff.Checked)
	if t.current >= 0 {
		t.view.revealChange(t.current)
	}
}

// jump moves to the next (+1) or previous (-1) change, wrapping around.
func (t *draftDiff) jump(dir int) {
	t.p.u.touch()
	n := len(t.view.changes)
	if n == 0 {
		return
	}
	switch {
	case t.current < 0 && dir < 0:
		t.current = n - 1
	case t.current < 0:
		t.current = 0
	default:
		t.current = (t.current + dir + n) % n
	}
	t.view.revealChange(t.current)
	c := t.view.changes[t.current]
	key := "diff.at_change"
	switch {
	case c.Deleted == "":
		key = "diff.at_insertion"
	case c.Inserted == "":
		key = "diff.at_deletion"
	}
	t.summary.SetText(i18n.L(key, map[string]any{"N": t.current + 1, "Count": n,
		"Deleted": oneLine(c.Deleted, 20), "Inserted": oneLine(c.Inserted, 20)}))
}

// versionFindings is a version's findings with what was done about them:
// the current state for the current version, else as its last approving
// sign-off left them, else as checked.
func (p *draftPage) versionFindings(v drafts.Version) []drafts.FindingRecord {
	if v.Number == p.d.Version {
		return p.findings.Findings
	}
	for i := len(p.sos) - 1; i >= 0; i-- {
		so := p.sos[i]
		if so.Version != v.Number || !approving(so.Decision) {
			continue
		}
		var fs drafts.Findings
		if json.Unmarshal([]byte(so.Findings), &fs) == nil {
			return fs.Findings
		}
	}
	var out []drafts.FindingRecord
	for _, f := range v.Check.Findings {
		out = append(out, drafts.FindingRecord{ID: drafts.FindingID(f), Start: f.Start, End: f.End, Text: f.Text,
			Category: f.Category, Severity: f.Severity, Rule: f.Rule, Message: f.Message, Suggestion: f.Suggestion})
	}
	return out
}

// signerNames maps sign-in names to the people's names, for waivers.
func (p *draftPage) signerNames() map[string]string {
	names := map[string]string{}
	for _, so := range p.sos {
		names[so.Signer] = so.SignerName
	}
	return names
}
