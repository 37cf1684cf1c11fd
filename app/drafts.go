package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// draftsScreen is 稿件: every draft, filtered and paged, newest first; a
// row opens the draft page in place of the list.
type draftsScreen struct {
	u        *ui
	policy   *policy.Policy
	channels []drafts.Channel
	authors  []account.User
	status   *widget.Select
	channel  *widget.Select
	grade    *widget.Select
	author   *widget.Select
	from, to *widget.Entry
	title    *widget.Entry
	rows     []drafts.Draft
	total    int
	offset   int
	table    *widget.Table
	pageInfo *widget.Label
	message  *widget.Label
	prev     *widget.Button
	next     *widget.Button
	stack    *fyne.Container
	main     fyne.CanvasObject
	draft    *draftPage
	form     *newDraftForm // the 新建稿件 dialog last opened
}

func (u *ui) draftsScreen() fyne.CanvasObject { return newDraftsScreen(u).stack }

func newDraftsScreen(u *ui) *draftsScreen {
	s := &draftsScreen{u: u, from: widget.NewEntry(), to: widget.NewEntry(), title: widget.NewEntry(),
		pageInfo: widget.NewLabel(""), message: errorLabel()}
	s.loadChoices()
	s.from.SetPlaceHolder(i18n.L("audit.from"))
	s.to.SetPlaceHolder(i18n.L("audit.to"))
	s.title.SetPlaceHolder(i18n.L("drafts.title_search"))
	s.title.OnSubmitted = func(string) { s.search() }
	s.table = s.newTable()
	search := widget.NewButtonWithIcon(i18n.L("action.search"), theme.SearchIcon(), s.search)
	tools := container.NewHBox(heading(i18n.L("nav.drafts")))
	if u.sess.User.Can(account.WriteDraft) {
		create := widget.NewButtonWithIcon(i18n.L("drafts.new"), theme.ContentAddIcon(), func() { s.form = s.u.newDraftDialog(s.created) })
		create.Importance = widget.HighImportance
		tools.Add(create)
	}
	filters := container.NewGridWithColumns(4, s.status, s.channel, s.grade, s.author)
	range_ := container.NewGridWithColumns(2, s.from, s.to)
	second := container.NewBorder(nil, nil, nil, search, container.NewGridWithColumns(2, s.title, range_))
	top := container.NewVBox(tools, filters, second, s.message)
	s.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { s.offset -= drafts.DefaultLimit; s.load() })
	s.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { s.offset += drafts.DefaultLimit; s.load() })
	s.main = container.NewBorder(top, container.NewHBox(s.prev, s.pageInfo, s.next), nil, nil, s.table)
	s.stack = container.NewStack(s.main)
	s.load()
	u.offerActions(s)
	return s
}

// loadChoices fills the filter selects: statuses, channels, the policy's
// grades with their labels, and the people who write drafts.
func (s *draftsScreen) loadChoices() {
	ctx := s.u.ctx()
	if _, p, err := policy.Current(ctx, s.u.ws.DB.SQL); err == nil {
		s.policy = p
	}
	s.channels, _ = s.u.ws.Drafts.Channels(ctx)
	users, _ := s.u.ws.Accounts.List(ctx)
	for _, user := range users {
		if user.Can(account.WriteDraft) {
			s.authors = append(s.authors, user)
		}
	}
	statuses := []string{i18n.L("drafts.all_statuses")}
	for _, st := range drafts.Statuses {
		statuses = append(statuses, statusLabel(st))
	}
	channels := []string{i18n.L("drafts.all_channels")}
	for _, c := range s.channels {
		channels = append(channels, c.Name)
	}
	grades := []string{i18n.L("drafts.all_grades")}
	if s.policy != nil {
		for _, g := range s.policy.Grades {
			grades = append(grades, g.ID+" "+g.Label)
		}
	}
	authors := []string{i18n.L("drafts.all_authors")}
	for _, a := range s.authors {
		authors = append(authors, a.FullName+"（"+a.Name+"）")
	}
	pick := func(opts []string) *widget.Select {
		sel := widget.NewSelect(opts, func(string) { s.search() })
		sel.SetSelectedIndex(0)
		return sel
	}
	s.status, s.channel, s.grade, s.author = pick(statuses), pick(channels), pick(grades), pick(authors)
}

// draftColumns are the list's columns: heading key and width.
var draftColumns = []struct {
	key   string
	width float32
}{{"drafts.col_title", 290}, {"drafts.col_channel", 130}, {"drafts.col_grade", 70}, {"drafts.col_status", 150},
	{"drafts.col_version", 50}, {"drafts.col_author", 80}, {"drafts.col_planned", 130}, {"drafts.col_updated", 130}}

func (s *draftsScreen) newTable() *widget.Table {
	t := widget.NewTableWithHeaders(func() (int, int) { return len(s.rows), len(draftColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { s.cell(id, o.(*widget.Label)) })
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row < 0 && id.Col >= 0 {
			l.SetText(i18n.L(draftColumns[id.Col].key))
		} else {
			l.SetText("")
		}
	}
	t.ShowHeaderColumn = false
	for i, c := range draftColumns {
		t.SetColumnWidth(i, c.width)
	}
	t.OnSelected = func(id widget.TableCellID) {
		t.UnselectAll()
		if id.Row >= 0 && id.Row < len(s.rows) {
			s.open(s.rows[id.Row].ID)
		}
	}
	return t
}

func (s *draftsScreen) cell(id widget.TableCellID, l *widget.Label) {
	if id.Row >= len(s.rows) {
		return
	}
	d := s.rows[id.Row]
	l.Importance = widget.MediumImportance
	switch id.Col {
	case 0:
		l.SetText(d.Title)
	case 1:
		l.SetText(d.Channel.Name)
	case 2:
		l.SetText(gradeLabel(s.policy, d.Grade))
	case 3:
		l.Importance = statusImportance(d.Status)
		l.SetText(where(d))
	case 4:
		l.SetText(itoa(int64(d.Version)))
	case 5:
		l.SetText(d.AuthorName)
	case 6:
		l.SetText(when(d.PlannedAt))
	default:
		l.SetText(when(d.UpdatedAt))
	}
}

// statusImportance colours a status: returned and held drafts want
// attention, approved and published ones are done.
func statusImportance(st drafts.Status) widget.Importance {
	switch st {
	case drafts.Returned, drafts.Held:
		return widget.WarningImportance
	case drafts.Approved, drafts.Published:
		return widget.SuccessImportance
	case drafts.Exempt:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// filter reads the filter fields; dates are whole local days of creation.
func (s *draftsScreen) filter() (drafts.Filter, error) {
	f := drafts.Filter{Title: s.title.Text, Offset: s.offset, Limit: drafts.DefaultLimit}
	if i := s.status.SelectedIndex(); i > 0 {
		f.Status = drafts.Statuses[i-1]
	}
	if i := s.channel.SelectedIndex(); i > 0 {
		f.Channel = s.channels[i-1].ID
	}
	if i := s.grade.SelectedIndex(); i > 0 && s.policy != nil {
		f.Grade = s.policy.Grades[i-1].ID
	}
	if i := s.author.SelectedIndex(); i > 0 {
		f.Author = s.authors[i-1].ID
	}
	var err error
	if f.From, err = parseDay(s.from.Text); err != nil {
		return f, err
	}
	if f.To, err = parseDay(s.to.Text); err != nil || f.To.IsZero() {
		return f, err
	}
	f.To = f.To.AddDate(0, 0, 1)
	return f, nil
}

// search starts again at the first page.
func (s *draftsScreen) search() {
	s.offset = 0
	s.load()
}

func (s *draftsScreen) load() {
	if s.table == nil { // the selects fire while the screen is being made
		return
	}
	s.u.touch()
	s.offset = max(0, s.offset)
	f, err := s.filter()
	if err != nil {
		showError(s.message, err)
		return
	}
	rows, total, err := s.u.ws.Drafts.List(s.u.ctx(), s.u.sess, f)
	showError(s.message, err)
	s.rows, s.total = rows, total
	s.table.Refresh()
	if total == 0 {
		s.pageInfo.SetText(i18n.L("drafts.none"))
	} else {
		s.pageInfo.SetText(i18n.L("audit.page", map[string]any{"From": s.offset + 1, "To": s.offset + len(rows), "Total": total}))
	}
	setEnabled(s.prev, s.offset > 0)
	setEnabled(s.next, s.offset+len(rows) < total)
}

// created shows a new draft's page once it is made.
func (s *draftsScreen) created(id int64) {
	s.load()
	s.open(id)
}

// open shows a draft's page over the list; its back button returns here.
func (s *draftsScreen) open(id int64) {
	s.draft = newDraftPage(s.u, id, func() {
		s.draft = nil
		s.stack.Objects = []fyne.CanvasObject{s.main}
		s.stack.Refresh()
		s.load()
	})
	s.stack.Objects = []fyne.CanvasObject{s.draft.object()}
	s.stack.Refresh()
}
