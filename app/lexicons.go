package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/lexicons"
	"shenfa/sensitive/lexicon"
)

// lexiconsScreen lets secadmin import, export, switch and edit the
// workspace's lexicons. Every change goes through the store, which
// authorises and audits it; the screen then reads everything again.
type lexiconsScreen struct {
	u        *ui
	infos    []lexicons.Info
	table    *widget.Table
	selected string // name of the lexicon shown below the list
	message  *widget.Label
	status   *widget.Label
	detail   *fyne.Container
	entries  *entryPane
	allows   *entryPane
	tabs     *container.AppTabs
	view     fyne.CanvasObject
	pages    *container.AppTabs // the list, updates, packages and trusted publishers
	banner   *fyne.Container    // says that updates are waiting
	updates  *updatesView
	pkg      *packageView
	trust    *trustView
}

func (u *ui) lexiconsScreen() fyne.CanvasObject { return newLexiconsScreen(u).view }

func newLexiconsScreen(u *ui) *lexiconsScreen {
	s := &lexiconsScreen{u: u, message: errorLabel(), status: widget.NewLabel(""), detail: container.NewStack()}
	s.status.Importance = widget.SuccessImportance
	s.status.Hide()
	s.entries, s.allows = newEntryPane(s, false), newEntryPane(s, true)
	s.tabs = container.NewAppTabs(container.NewTabItem("", s.entries.view), container.NewTabItem("", s.allows.view))
	s.table = s.newTable()
	imp := widget.NewButtonWithIcon(i18n.L("lexicons.import"), theme.FolderOpenIcon(), s.importDialog)
	imp.Importance = widget.HighImportance
	s.banner = container.NewHBox()
	top := container.NewVBox(container.NewHBox(heading(i18n.L("nav.lexicons")), imp), s.banner, s.message, s.status)
	s.reload()
	split := container.NewVSplit(s.table, s.detail)
	split.Offset = 0.38
	s.newPages(split)
	s.view = container.NewBorder(top, nil, nil, nil, s.pages)
	s.checkWaiting()
	u.offerActions(s) // page, select: for screenshot scripts (lexicons_shots.go)
	return s
}

var lexiconWidths = []float32{220, 110, 95, 120, 60, 60, 60, 150}

var lexiconHeads = []string{"lexicons.col_name", "lexicons.col_version", "lexicons.col_kind", "lexicons.col_category",
	"lexicons.col_entries", "lexicons.col_allows", "lexicons.col_state", "lexicons.col_source"}

func (s *lexiconsScreen) newTable() *widget.Table {
	t := widget.NewTableWithHeaders(func() (int, int) { return len(s.infos), len(lexiconWidths) },
		func() fyne.CanvasObject { return cellLabel() },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.cell(id)) })
	t.UpdateHeader = headerUpdater(lexiconHeads)
	t.ShowHeaderColumn = false
	for i, w := range lexiconWidths {
		t.SetColumnWidth(i, w)
	}
	t.OnSelected = func(id widget.TableCellID) {
		s.u.touch()
		if id.Row >= 0 && id.Row < len(s.infos) && s.infos[id.Row].Name != s.selected {
			s.selected = s.infos[id.Row].Name
			s.showDetail()
		}
	}
	return t
}

// cellLabel is a table cell that cuts long text short instead of spilling
// into the next column.
func cellLabel() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// headerUpdater fills a table's column headers with the translations of keys.
func headerUpdater(keys []string) func(widget.TableCellID, fyne.CanvasObject) {
	return func(id widget.TableCellID, o fyne.CanvasObject) {
		text := ""
		if id.Row < 0 && id.Col >= 0 && id.Col < len(keys) {
			text = i18n.L(keys[id.Col])
		}
		o.(*widget.Label).SetText(text)
	}
}

func (s *lexiconsScreen) cell(id widget.TableCellID) string {
	i := s.infos[id.Row]
	switch id.Col {
	case 0:
		return i.Name
	case 1:
		return i.Version
	case 2:
		return kindLabel(i.Kind)
	case 3:
		return categoryLabel(string(i.Category))
	case 4:
		return strconv.Itoa(i.Entries)
	case 5:
		return strconv.Itoa(i.Allows)
	case 6:
		return onOff(i.Enabled)
	}
	switch {
	case i.Builtin:
		return i18n.L("lexicons.builtin")
	case i.Publisher != "":
		return i18n.L("lexicons.package_source", map[string]any{"Publisher": i.Publisher, "Version": i.Package})
	}
	return i18n.L("lexicons.imported_source")
}

func kindLabel(k lexicon.Kind) string {
	if k == lexicon.Protected {
		return i18n.L("lexicons.kind_protected")
	}
	return i18n.L("lexicons.kind_words")
}

func categoryLabel(c string) string {
	if c == "" {
		return ""
	}
	return i18n.L("category." + c)
}

func severityLabel(s string) string {
	if s == "" {
		return ""
	}
	return i18n.L("severity." + s)
}

func onOff(on bool) string {
	if on {
		return i18n.L("lexicons.enabled")
	}
	return i18n.L("lexicons.disabled")
}

// reload reads the lexicons again and shows the selected one, if it is
// still there.
func (s *lexiconsScreen) reload() {
	infos, err := s.u.ws.Lexicons.List(s.u.ctx())
	if err != nil {
		showError(s.message, err)
	}
	s.infos = infos
	s.table.Refresh()
	if row := s.row(); row >= 0 { // an import selects the new lexicon: show it selected
		s.table.Select(widget.TableCellID{Row: row})
	} else {
		s.selected = ""
		s.table.UnselectAll()
	}
	s.showDetail()
}

// row returns the table row of the selected lexicon, or -1.
func (s *lexiconsScreen) row() int {
	for i := range s.infos {
		if s.infos[i].Name == s.selected {
			return i
		}
	}
	return -1
}

// current returns the selected lexicon's description, or nil.
func (s *lexiconsScreen) current() *lexicons.Info {
	if i := s.row(); i >= 0 {
		return &s.infos[i]
	}
	return nil
}

// done shows the outcome of a change: the error, or ok as a success line.
func (s *lexiconsScreen) done(err error, ok string) {
	s.u.touch()
	showError(s.message, err)
	if err != nil || ok == "" {
		s.status.Hide()
	} else {
		s.status.SetText(ok)
		s.status.Show()
	}
	s.reload()
}

func (s *lexiconsScreen) showDetail() {
	i := s.current()
	if i == nil {
		hint := widget.NewLabel(i18n.L("lexicons.select_hint"))
		s.detail.Objects = []fyne.CanvasObject{container.NewCenter(hint)}
		s.detail.Refresh()
		return
	}
	s.entries.load()
	s.allows.load()
	s.tabs.Items[0].Text = i18n.L("lexicons.entries_tab", map[string]any{"Count": i.Entries})
	s.tabs.Items[1].Text = i18n.L("lexicons.allows_tab", map[string]any{"Count": i.Allows})
	s.tabs.Refresh()
	title := widget.NewLabelWithStyle(i.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	bar := container.NewBorder(nil, nil, title, s.lexiconActions(*i))
	s.detail.Objects = []fyne.CanvasObject{container.NewBorder(container.NewVBox(widget.NewSeparator(), bar), nil, nil, nil, s.tabs)}
	s.detail.Refresh()
}

func (s *lexiconsScreen) lexiconActions(i lexicons.Info) fyne.CanvasObject {
	ctx, store, sess := s.u.ctx(), s.u.ws.Lexicons, s.u.sess
	export := widget.NewButtonWithIcon(i18n.L("lexicons.export"), theme.DocumentSaveIcon(), func() { s.exportDialog(i.Name) })
	toggle := widget.NewButtonWithIcon(i18n.L("lexicons.disable"), theme.CancelIcon(), func() {
		s.confirm(i18n.L("lexicons.confirm_disable", map[string]any{"Name": i.Name}), func() {
			s.done(store.SetEnabled(ctx, sess, i.Name, false), i18n.L("lexicons.disabled_ok", map[string]any{"Name": i.Name}))
		})
	})
	if !i.Enabled {
		toggle = widget.NewButtonWithIcon(i18n.L("lexicons.enable"), theme.ConfirmIcon(), func() {
			s.done(store.SetEnabled(ctx, sess, i.Name, true), i18n.L("lexicons.enabled_ok", map[string]any{"Name": i.Name}))
		})
	}
	box := container.NewHBox(export, toggle)
	if !i.Builtin {
		del := widget.NewButtonWithIcon(i18n.L("lexicons.delete"), theme.DeleteIcon(), func() {
			s.confirm(i18n.L("lexicons.confirm_delete", map[string]any{"Name": i.Name}), func() {
				s.done(store.Delete(ctx, sess, i.Name), i18n.L("lexicons.deleted_ok", map[string]any{"Name": i.Name}))
			})
		})
		del.Importance = widget.DangerImportance
		box.Add(del)
	}
	return box
}

const entryPage = 200

// entryPane lists one page of a lexicon's entries or allow phrases, with a
// search field; the table draws only the visible rows, and a page holds
// at most entryPage of them, however large the lexicon.
type entryPane struct {
	s             *lexiconsScreen
	allow         bool
	search        *widget.Entry
	table         *widget.Table
	rows          []lexicon.Entry // an allow phrase is an Entry with Word and Note
	total, offset int
	selected      int // row index in rows, -1 for none
	pageInfo      *widget.Label
	prev, next    *widget.Button
	edit, remove  *widget.Button
	view          fyne.CanvasObject
	lastLexicon   string
}

var (
	entryHeads = []string{"lexicons.col_word", "lexicons.col_category", "lexicons.col_severity", "lexicons.col_suggestion", "lexicons.col_note"}
	allowHeads = []string{"lexicons.col_phrase", "lexicons.col_note"}
)

func newEntryPane(s *lexiconsScreen, allow bool) *entryPane {
	p := &entryPane{s: s, allow: allow, search: widget.NewEntry(), pageInfo: widget.NewLabel(""), selected: -1}
	p.search.SetPlaceHolder(i18n.L("lexicons.search"))
	p.search.OnChanged = func(string) { p.offset = 0; p.load() }
	p.table = p.newTable()
	add := widget.NewButtonWithIcon(i18n.L(p.key("add")), theme.ContentAddIcon(), func() { p.s.entryDialog(p.allow, nil) })
	p.edit = widget.NewButtonWithIcon(i18n.L("lexicons.edit"), theme.DocumentCreateIcon(), p.editSelected)
	p.remove = widget.NewButtonWithIcon(i18n.L("lexicons.remove"), theme.ContentRemoveIcon(), p.removeSelected)
	p.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.offset -= entryPage; p.load() })
	p.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.offset += entryPage; p.load() })
	tools := container.NewBorder(nil, nil, nil, container.NewHBox(add, p.edit, p.remove), p.search)
	p.view = container.NewBorder(tools, container.NewHBox(p.prev, p.pageInfo, p.next), nil, nil, p.table)
	return p
}

// key picks the entry or the allow-phrase variant of a translation key.
func (p *entryPane) key(action string) string {
	if p.allow {
		return "lexicons." + action + "_allow"
	}
	return "lexicons." + action + "_entry"
}

func (p *entryPane) newTable() *widget.Table {
	heads, widths := entryHeads, []float32{200, 130, 80, 200, 260}
	if p.allow {
		heads, widths = allowHeads, []float32{260, 450}
	}
	t := widget.NewTableWithHeaders(func() (int, int) { return len(p.rows), len(heads) },
		func() fyne.CanvasObject { return cellLabel() },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.cell(id)) })
	t.UpdateHeader = headerUpdater(heads)
	t.ShowHeaderColumn = false
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	t.OnSelected = func(id widget.TableCellID) {
		p.s.u.touch()
		p.selected = id.Row
		p.updateButtons()
	}
	return t
}

func (p *entryPane) cell(id widget.TableCellID) string {
	if id.Row >= len(p.rows) {
		return ""
	}
	e := p.rows[id.Row]
	if p.allow {
		return []string{e.Word, e.Note}[id.Col]
	}
	return []string{e.Word, categoryLabel(string(e.Category)), severityLabel(string(e.Severity)), e.Suggestion, e.Note}[id.Col]
}

// load reads the current page of the selected lexicon; a new lexicon starts
// at the first page with an empty search.
func (p *entryPane) load() {
	name := p.s.selected
	if name != p.lastLexicon {
		p.lastLexicon, p.offset = name, 0
		p.search.OnChanged = nil
		p.search.SetText("")
		p.search.OnChanged = func(string) { p.offset = 0; p.load() }
	}
	p.offset = max(0, p.offset)
	if err := p.fetch(name); err != nil { // only errors: a success must not hide the outcome of the change before
		showError(p.s.message, err)
	}
	p.selected = -1
	p.table.UnselectAll()
	p.table.Refresh()
	p.pageInfo.SetText(i18n.L("lexicons.page", map[string]any{"From": min(p.total, p.offset+1),
		"To": p.offset + len(p.rows), "Total": p.total}))
	setEnabled(p.prev, p.offset > 0)
	setEnabled(p.next, p.offset+len(p.rows) < p.total)
	p.updateButtons()
}

// fetch reads the page at p.offset of what matches the search field.
func (p *entryPane) fetch(name string) error {
	store, ctx := p.s.u.ws.Lexicons, p.s.u.ctx()
	if !p.allow {
		var err error
		p.rows, p.total, err = store.Search(ctx, name, p.search.Text, entryPage, p.offset)
		return err
	}
	as, total, err := store.SearchAllow(ctx, name, p.search.Text, entryPage, p.offset)
	p.rows, p.total = make([]lexicon.Entry, len(as)), total
	for i, a := range as {
		p.rows[i] = lexicon.Entry{Word: a.Word, Note: a.Note}
	}
	return err
}

func (p *entryPane) updateButtons() {
	on := p.selected >= 0 && p.selected < len(p.rows)
	setEnabled(p.edit, on)
	setEnabled(p.remove, on)
}

func (p *entryPane) editSelected() {
	if p.selected >= 0 && p.selected < len(p.rows) {
		e := p.rows[p.selected]
		p.s.entryDialog(p.allow, &e)
	}
}

func (p *entryPane) removeSelected() {
	if p.selected < 0 || p.selected >= len(p.rows) {
		return
	}
	word, name := p.rows[p.selected].Word, p.s.selected
	p.s.confirm(i18n.L(p.key("confirm_remove"), map[string]any{"Word": word}), func() {
		store, ctx, sess := p.s.u.ws.Lexicons, p.s.u.ctx(), p.s.u.sess
		var err error
		if p.allow {
			err = store.RemoveAllow(ctx, sess, name, word)
		} else {
			err = store.RemoveEntry(ctx, sess, name, word)
		}
		p.s.done(err, i18n.L("lexicons.removed_ok", map[string]any{"Word": word}))
	})
}
