package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/lexicons"
	"shenfa/sensitive"
	"shenfa/sensitive/lexicon"
)

// shippedLexicons returns the default lexicons this Shenfa ships, which
// are offered to a workspace made by an older one; tests stand in others.
var shippedLexicons = sensitive.DefaultLexicons

// Tabs of the lexicons screen.
const (
	pageList = iota
	pageUpdates
	pagePackage
	pageTrusted
)

// newPages puts the lexicon list beside the views for default updates,
// signed packages and trusted publishers.
func (s *lexiconsScreen) newPages(list fyne.CanvasObject) {
	s.updates = newUpdatesView(s, s.applyDefaults)
	s.pkg = newPackageView(s)
	s.trust = newTrustView(s)
	s.pages = container.NewAppTabs(
		container.NewTabItemWithIcon(i18n.L("lexicons.tab_list"), theme.ListIcon(), list),
		container.NewTabItemWithIcon(i18n.L("lexicons.tab_updates"), theme.DownloadIcon(), s.updates.view),
		container.NewTabItemWithIcon(i18n.L("lexicons.tab_package"), theme.MailAttachmentIcon(), s.pkg.view),
		container.NewTabItemWithIcon(i18n.L("lexicons.tab_trusted"), theme.AccountIcon(), s.trust.view))
	s.pages.OnSelected = func(t *container.TabItem) {
		s.u.touch()
		switch s.pages.SelectedIndex() {
		case pageUpdates:
			s.loadDefaults()
		case pageTrusted:
			s.trust.reload()
		}
	}
}

// checkWaiting announces default updates above the tabs. Parsing the
// defaults takes a moment, so it runs off the UI goroutine.
func (s *lexiconsScreen) checkWaiting() {
	var n int
	background(func() error {
		shipped, err := shippedLexicons()
		if err == nil {
			n, err = s.u.ws.Lexicons.Waiting(s.u.ctx(), shipped)
		}
		return err
	}, func(err error) {
		s.banner.Objects = nil
		if err != nil {
			showError(s.message, err)
		}
		s.pages.Items[pageUpdates].Text = i18n.L("lexicons.tab_updates")
		if n > 0 {
			note := widget.NewLabel(i18n.L("lexicons.updates_waiting", map[string]any{"Count": n}))
			note.Importance = widget.WarningImportance
			show := widget.NewButtonWithIcon(i18n.L("lexicons.show_updates"), theme.DownloadIcon(), func() {
				s.pages.SelectIndex(pageUpdates)
			})
			s.banner.Objects = []fyne.CanvasObject{widget.NewIcon(theme.WarningIcon()), note, show}
			s.pages.Items[pageUpdates].Text = i18n.L("lexicons.tab_updates_count", map[string]any{"Count": n})
		}
		s.banner.Refresh()
		s.pages.Refresh()
	})
}

// loadDefaults computes the default updates for the updates view.
func (s *lexiconsScreen) loadDefaults() {
	var ups []lexicons.Update
	background(func() error {
		shipped, err := shippedLexicons()
		if err == nil {
			ups, err = s.u.ws.Lexicons.Updates(s.u.ctx(), s.u.sess, shipped)
		}
		return err
	}, func(err error) {
		if err != nil {
			showError(s.message, err)
		}
		s.updates.show(ups)
	})
}

func (s *lexiconsScreen) applyDefaults(ups []lexicons.Update) error {
	return s.u.ws.Lexicons.ApplyUpdates(s.u.ctx(), s.u.sess, ups)
}

// updatesView shows what incoming versions of lexicons would change and
// lets secadmin take all, some or none of it: a list of the lexicons, the
// changes of the one selected with a tick each, and buttons. A change that
// overwrites the workspace's own edit starts unticked.
type updatesView struct {
	s       *lexiconsScreen
	ups     []lexicons.Update
	current int // index into ups of the lexicon shown; -1 for none
	apply   func([]lexicons.Update) error
	after   func() // after a successful apply, besides reading everything again
	list    *widget.List
	changes *widget.Table
	heading *widget.Label
	note    *widget.Label
	about   *widget.Label // the selected change in full
	empty   *widget.Label
	split   fyne.CanvasObject
	body    *fyne.Container
	buttons []*widget.Button
	view    fyne.CanvasObject
}

var changeHeads = []string{"lexicons.col_accept", "lexicons.col_change", "lexicons.col_word", "lexicons.col_local", "lexicons.col_incoming"}

var changeWidths = []float32{44, 80, 140, 200, 200}

func newUpdatesView(s *lexiconsScreen, apply func([]lexicons.Update) error) *updatesView {
	v := &updatesView{s: s, apply: apply, current: -1, heading: widget.NewLabel(""), note: widget.NewLabel(""),
		about: widget.NewLabel(""), empty: widget.NewLabel(i18n.L("lexicons.no_updates"))}
	v.heading.Wrapping, v.note.Wrapping, v.about.Wrapping, v.empty.Wrapping = wrapping(), wrapping(), wrapping(), wrapping()
	v.note.Importance = widget.WarningImportance
	v.list = widget.NewList(func() int { return len(v.ups) },
		func() fyne.CanvasObject { return container.NewVBox(cellLabel(), cellLabel()) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			lines := o.(*fyne.Container).Objects
			lines[0].(*widget.Label).SetText(v.ups[i].Name)
			lines[1].(*widget.Label).SetText(v.row(i))
		})
	v.list.OnSelected = func(i widget.ListItemID) { v.s.u.touch(); v.current = i; v.showCurrent() }
	v.changes = v.newTable()
	mk := func(key string, icon fyne.Resource, f func()) *widget.Button {
		b := widget.NewButtonWithIcon(i18n.L(key), icon, func() { v.s.u.touch(); f() })
		v.buttons = append(v.buttons, b)
		return b
	}
	takeLex := mk("lexicons.take_lexicon", theme.CheckButtonCheckedIcon(), func() { v.setCurrent(true) })
	keepLex := mk("lexicons.keep_lexicon", theme.CheckButtonIcon(), func() { v.setCurrent(false) })
	accept := mk("lexicons.accept_checked", theme.ConfirmIcon(), func() { v.confirm(nil) })
	accept.Importance = widget.HighImportance
	all := mk("lexicons.accept_all", theme.MediaFastForwardIcon(), func() { v.confirm(func(c *lexicons.Change) bool { return true }) })
	none := mk("lexicons.decline_all", theme.CancelIcon(), func() { v.confirm(func(c *lexicons.Change) bool { return false }) })
	detail := container.NewBorder(container.NewVBox(v.heading, v.note, container.NewHBox(takeLex, keepLex)), v.about, nil, nil, v.changes)
	split := container.NewHSplit(v.list, detail)
	split.Offset = 0.24
	v.split, v.body = split, container.NewStack()
	bar := container.NewHBox(accept, all, none)
	v.view = container.NewBorder(nil, bar, nil, nil, v.body)
	v.show(nil)
	return v
}

func (v *updatesView) newTable() *widget.Table {
	t := widget.NewTableWithHeaders(func() (int, int) { return v.rows(), len(changeHeads) },
		func() fyne.CanvasObject { return container.NewStack(widget.NewCheck("", nil), cellLabel()) },
		v.updateCell)
	t.UpdateHeader = headerUpdater(changeHeads)
	t.ShowHeaderColumn = false
	for i, w := range changeWidths {
		t.SetColumnWidth(i, w)
	}
	t.OnSelected = func(id widget.TableCellID) {
		v.s.u.touch()
		if id.Row >= 0 && id.Row < v.rows() {
			v.about.SetText(changeAbout(v.ups[v.current].Changes[id.Row]))
			v.about.Show()
		}
	}
	return t
}

// changeAbout shows every side of a change in full, the cells being short.
func changeAbout(c lexicons.Change) string {
	lines := []string{changeCell(c, 2) + "（" + changeCell(c, 1) + "）",
		i18n.L("lexicons.col_local") + "：" + fullText(c, c.Local, c.From),
		i18n.L("lexicons.col_incoming") + "：" + fullText(c, c.Incoming, c.To)}
	if c.Base != nil && c.Conflict {
		lines = append(lines, i18n.L("lexicons.col_base")+"："+fullText(c, c.Base, ""))
	}
	return strings.Join(lines, "\n")
}

// fullText is sideText with every field, not only those that differ.
func fullText(c lexicons.Change, e *lexicon.Entry, prop string) string {
	if c.Kind == lexicons.Changed && c.Property == "" {
		c.Kind, c.Fields = lexicons.Added, nil
	}
	return sideText(c, e, prop)
}

func (v *updatesView) rows() int {
	if v.current < 0 || v.current >= len(v.ups) {
		return 0
	}
	return len(v.ups[v.current].Changes)
}

// updateCell draws a change: the tick in the first column, text elsewhere.
func (v *updatesView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	check, text := box.Objects[0].(*widget.Check), box.Objects[1].(*widget.Label)
	if id.Row >= v.rows() {
		return
	}
	c := &v.ups[v.current].Changes[id.Row]
	if id.Col == 0 {
		text.Hide()
		check.Show()
		check.OnChanged = nil
		check.SetChecked(c.Accept)
		check.OnChanged = func(on bool) { v.s.u.touch(); c.Accept = on; v.list.Refresh() }
		return
	}
	check.Hide()
	text.Show()
	text.Importance = widget.MediumImportance
	if c.Conflict {
		text.Importance = widget.WarningImportance
	}
	text.SetText(changeCell(*c, id.Col))
}

// show replaces the updates shown; with none, it says so.
func (v *updatesView) show(ups []lexicons.Update) {
	v.ups, v.current = ups, -1
	v.list.UnselectAll()
	v.list.Refresh()
	v.body.Objects = []fyne.CanvasObject{v.split}
	if len(ups) == 0 {
		v.body.Objects = []fyne.CanvasObject{card(520, v.empty)}
	}
	v.body.Refresh()
	for _, b := range v.buttons {
		setEnabled(b, len(ups) > 0)
	}
	if len(ups) > 0 {
		v.list.Select(0)
	}
	v.showCurrent()
}

// row is the second line of a lexicon in the list: what kind of update
// it is and how much of it is ticked.
func (v *updatesView) row(i int) string {
	u := v.ups[i]
	switch {
	case u.Clash:
		return i18n.L("lexicons.update_clash_short")
	case u.New:
		return i18n.L("lexicons.update_new_short") + " · " + acceptedText(u)
	}
	return u.NewVersion + " · " + acceptedText(u)
}

func acceptedText(u lexicons.Update) string {
	return i18n.L("lexicons.accepted_count", map[string]any{"Accepted": u.Accepted(), "Total": len(u.Changes)})
}

// showCurrent describes the selected lexicon's update above its changes.
func (v *updatesView) showCurrent() {
	v.changes.UnselectAll()
	v.changes.Refresh()
	v.note.Hide()
	v.about.Hide()
	if v.current < 0 || v.current >= len(v.ups) {
		v.heading.SetText("")
		return
	}
	u := v.ups[v.current]
	v.heading.SetText(updateSummary(u))
	switch {
	case u.Clash:
		v.note.SetText(i18n.L("lexicons.update_clash", map[string]any{"Name": u.Name}))
	case !u.BaseKnown:
		v.note.SetText(i18n.L("lexicons.base_unknown"))
	case u.Edited:
		v.note.SetText(i18n.L("lexicons.edited_note"))
	default:
		return
	}
	v.note.Show()
}

// setCurrent ticks or unticks every change of the selected lexicon.
func (v *updatesView) setCurrent(on bool) {
	if v.current < 0 || v.current >= len(v.ups) {
		return
	}
	for i := range v.ups[v.current].Changes {
		v.ups[v.current].Changes[i].Accept = on
	}
	v.changes.Refresh()
	v.list.Refresh()
}

// confirm applies the ticks (or, when set is given, what set says for
// every change) once secadmin has confirmed a summary of what will happen.
// The ticks on screen change only when the answer is yes.
func (v *updatesView) confirm(set func(*lexicons.Change) bool) {
	var ups []lexicons.Update
	accepted, declined, overwrites := 0, 0, 0
	for _, u := range v.ups {
		if u.Clash {
			continue
		}
		u.Changes = slices.Clone(u.Changes)
		for i := range u.Changes {
			c := &u.Changes[i]
			if set != nil {
				c.Accept = set(c)
			}
			switch {
			case c.Accept && c.Conflict:
				overwrites++
				accepted++
			case c.Accept:
				accepted++
			default:
				declined++
			}
		}
		ups = append(ups, u)
	}
	text := i18n.L("lexicons.confirm_updates", map[string]any{"Accepted": accepted, "Declined": declined,
		"Lexicons": len(ups), "Overwrites": overwrites})
	v.s.confirmLong(text, func() {
		v.s.working(func() error { return v.apply(ups) }, func(err error) { v.applied(err, accepted) })
	})
}

// confirmLong asks a yes-or-no question whose text is a paragraph; the
// plain confirm dialog centres it in a narrow column.
func (s *lexiconsScreen) confirmLong(text string, yes func()) {
	s.u.touch()
	l := widget.NewLabel(text)
	l.Wrapping = wrapping()
	d := dialog.NewCustomConfirm(i18n.L("dialog.confirm"), lang.L("Yes"), lang.L("No"), l, func(ok bool) {
		if ok {
			yes()
		}
	}, s.u.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// applied shows the outcome and reads everything again.
func (v *updatesView) applied(err error, accepted int) {
	v.s.done(err, i18n.L("lexicons.updates_applied", map[string]any{"Accepted": accepted}))
	v.s.checkWaiting()
	if v == v.s.updates {
		v.s.loadDefaults()
	}
	if err == nil && v.after != nil {
		v.after()
	}
}

// updateSummary is one line about an update: versions and counts.
func updateSummary(u lexicons.Update) string {
	a, r, c, k := u.Counts()
	data := map[string]any{"Name": u.Name, "From": u.Version, "To": u.NewVersion, "Added": a, "Removed": r,
		"Changed": c, "Conflicts": k, "Source": sourceText(u.Source)}
	if u.New {
		return i18n.L("lexicons.update_new_summary", data)
	}
	return i18n.L("lexicons.update_summary", data)
}

func sourceText(src lexicons.Source) string {
	if src.Builtin {
		return i18n.L("lexicons.source_builtin")
	}
	return i18n.L("lexicons.package_source", map[string]any{"Publisher": src.Publisher, "Version": src.Package})
}

// changeCell is the text of column col (1..4) of a change.
func changeCell(c lexicons.Change, col int) string {
	switch col {
	case 1:
		kind := i18n.LexiconChange(string(c.Kind))
		if c.Conflict {
			kind = i18n.L("lexicons.change_conflict") + "·" + kind
		}
		return kind
	case 2:
		switch {
		case c.Property != "":
			return i18n.LexiconProperty(c.Property)
		case c.Allow:
			return i18n.L("lexicons.col_phrase") + "：" + c.Word
		}
		return c.Word
	case 3:
		return sideText(c, c.Local, c.From)
	}
	return sideText(c, c.Incoming, c.To)
}

// sideText shows one side of a change: only the fields that differ for a
// changed entry, all of them for one that is added or removed.
func sideText(c lexicons.Change, e *lexicon.Entry, prop string) string {
	if c.Property != "" {
		return propertyText(c.Property, prop)
	}
	if e == nil {
		return i18n.L("lexicons.change_absent")
	}
	fields := []string{"category", "severity", "suggestion", "note"}
	switch {
	case c.Kind == lexicons.Changed:
		fields = c.Fields
	case c.Allow:
		fields = []string{"note"}
	}
	text := ""
	for _, f := range fields {
		v := fieldText(f, *e)
		if v == "" && c.Kind != lexicons.Changed {
			continue
		}
		if v == "" {
			v = i18n.L("lexicons.empty_value")
		}
		if text != "" {
			text += "；"
		}
		text += i18n.LexiconField(f) + " " + v
	}
	if text == "" {
		return "—"
	}
	return text
}

func fieldText(field string, e lexicon.Entry) string {
	switch field {
	case "category":
		return categoryLabel(string(e.Category))
	case "severity":
		return severityLabel(string(e.Severity))
	case "suggestion":
		return e.Suggestion
	}
	return e.Note
}

func propertyText(property, v string) string {
	if property == lexicons.PropertyKind {
		return kindLabel(lexicon.Kind(v))
	}
	return categoryLabel(v)
}
