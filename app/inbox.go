package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// navBadge is the count of waiting tasks shown beside 待办 in the
// navigation; every screen that changes a draft calls u.countInbox.
type navBadge struct {
	tasks   int
	overdue string // overdue tasks among the first page ("50+" when all of it is)
	refresh func() // redraws the navigation, set by showMain
}

// countInbox recounts the user's tasks and redraws the navigation entry.
func (u *ui) countInbox() {
	if u.sess == nil || u.ws == nil {
		return
	}
	tasks, total, err := u.ws.Drafts.Inbox(u.ctx(), u.sess, 0, drafts.DefaultLimit)
	if err != nil {
		return // the entry keeps its last count; the inbox itself shows the error
	}
	u.badge.tasks, u.badge.overdue = total, overdueText(tasks, total)
	if u.badge.refresh != nil {
		u.badge.refresh()
	}
}

// navLabel is a navigation entry's text; 待办 carries its count.
func (u *ui) navLabel(key string) string {
	text := i18n.L("nav." + key)
	switch {
	case key != "inbox" || u.badge.tasks == 0:
		return text
	case u.badge.overdue != "":
		return i18n.L("nav.inbox_overdue", map[string]any{"Count": u.badge.tasks, "Overdue": u.badge.overdue})
	}
	return i18n.L("nav.inbox_count", map[string]any{"Count": u.badge.tasks})
}

// overdueText counts the overdue tasks of a first page (they come first);
// a page of nothing else says "50+" when there are more tasks.
func overdueText(tasks []drafts.Task, total int) string {
	n := 0
	for _, t := range tasks {
		if t.Overdue {
			n++
		}
	}
	switch {
	case n == 0:
		return ""
	case n == len(tasks) && total > n:
		return itoa(int64(n)) + "+"
	}
	return itoa(int64(n))
}

// inboxGroup is one heading of the inbox: overdue tasks first, then what
// waits under each role.
type inboxGroup struct {
	key   string
	match func(t drafts.Task) bool
}

var inboxGroups = []inboxGroup{
	{"overdue", func(t drafts.Task) bool { return t.Overdue }},
	{"tier1", func(t drafts.Task) bool { return t.Why == "sign" && t.Step == drafts.Tier1 }},
	{"tier2", func(t drafts.Task) bool { return t.Why == "sign" && t.Step == drafts.Tier2 }},
	{"tier3", func(t drafts.Task) bool { return t.Why == "sign" && t.Step == drafts.Tier3 }},
	{"secrecy", func(t drafts.Task) bool { return t.Why == "sign" && t.Step == drafts.Secrecy }},
	{"answer", func(t drafts.Task) bool { return t.Why == "answer" }},
	{"revise", func(t drafts.Task) bool { return t.Why == "revise" }},
	{"publish", func(t drafts.Task) bool { return t.Why == "publish" }},
	{"submit", func(t drafts.Task) bool { return t.Why == "submit" }},
}

// inboxRow is a heading (group set, task nil) or a task.
type inboxRow struct {
	group string
	count int
	task  *drafts.Task
}

// inboxScreen is 待办: what waits for the user, a row per draft; a row
// opens the draft page in place of the list.
type inboxScreen struct {
	u       *ui
	rows    []inboxRow
	policy  *policy.Policy
	list    *widget.List
	summary *widget.Label
	message *widget.Label
	offset  int
	total   int
	prev    *widget.Button
	next    *widget.Button
	page    *widget.Label
	stack   *fyne.Container // the list, or a draft page over it
	main    fyne.CanvasObject
	draft   *draftPage
}

func (u *ui) inboxScreen() fyne.CanvasObject { return newInboxScreen(u).stack }

func newInboxScreen(u *ui) *inboxScreen {
	s := &inboxScreen{u: u, summary: widget.NewLabel(""), message: errorLabel(), page: widget.NewLabel("")}
	s.list = widget.NewList(func() int { return len(s.rows) }, newTaskRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { s.render(i, o.(*fyne.Container)) })
	s.list.OnSelected = func(i widget.ListItemID) {
		s.list.Unselect(i)
		if i < len(s.rows) && s.rows[i].task != nil {
			s.open(s.rows[i].task.Draft.ID)
		}
	}
	refresh := widget.NewButtonWithIcon(i18n.L("inbox.refresh"), theme.ViewRefreshIcon(), s.reload)
	top := container.NewVBox(container.NewHBox(heading(i18n.L("nav.inbox")), refresh), s.summary, s.message)
	s.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { s.offset -= drafts.DefaultLimit; s.reload() })
	s.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { s.offset += drafts.DefaultLimit; s.reload() })
	s.main = container.NewBorder(top, container.NewHBox(s.prev, s.page, s.next), nil, nil, s.list)
	s.stack = container.NewStack(s.main)
	s.reload()
	u.offerActions(s)
	return s
}

// newTaskRow is a list row: a marker (逾期, the step …), the title, and a
// line of details; headings use the title alone.
func newTaskRow() fyne.CanvasObject {
	mark := widget.NewLabel("")
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	meta := widget.NewLabel("")
	meta.Truncation = fyne.TextTruncateEllipsis
	meta.SizeName = theme.SizeNameCaptionText
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(140, 0)) // the longest marker, 逾期 · 待保密审查
	return container.NewBorder(nil, nil, container.NewStack(width, mark), nil, container.NewVBox(title, meta))
}

func (s *inboxScreen) render(i int, row *fyne.Container) {
	if i >= len(s.rows) {
		return
	}
	r := s.rows[i]
	body := row.Objects[0].(*fyne.Container)
	title, meta := body.Objects[0].(*widget.Label), body.Objects[1].(*widget.Label)
	mark := row.Objects[1].(*fyne.Container).Objects[1].(*widget.Label)
	if r.task == nil {
		mark.SetText("")
		title.Importance, title.SizeName = widget.MediumImportance, theme.SizeNameSubHeadingText
		if r.group == "overdue" {
			title.Importance = widget.WarningImportance
		}
		title.SetText(i18n.L("inbox.group."+r.group, map[string]any{"Count": r.count}))
		meta.SetText(i18n.L("inbox.hint." + r.group))
		return
	}
	t := r.task
	title.Importance, title.SizeName = widget.MediumImportance, theme.SizeNameText
	title.SetText(t.Draft.Title)
	mark.Importance = widget.MediumImportance
	mark.SetText(i18n.L("inbox.why."+t.Why, map[string]any{"Step": stepLabel(t.Step)}))
	if t.Overdue {
		mark.Importance = widget.WarningImportance
		mark.SetText(i18n.L("inbox.overdue_mark") + " · " + mark.Text)
	}
	meta.SetText(taskDetails(t.Draft, s.policy))
}

// taskDetails is the second line of a task: channel, grade, version,
// author and the planned publish time.
func taskDetails(d drafts.Draft, p *policy.Policy) string {
	return i18n.L("inbox.details", map[string]any{"Channel": d.Channel.Name, "Grade": gradeLabel(p, d.Grade),
		"Version": d.Version, "Author": d.AuthorName, "Planned": when(d.PlannedAt), "Updated": when(d.UpdatedAt)})
}

// reload reads the tasks again, recounts the badge and regroups the rows.
func (s *inboxScreen) reload() {
	s.u.touch()
	_, p, err := policy.Current(s.u.ctx(), s.u.ws.DB.SQL)
	if err == nil {
		s.policy = p
	}
	s.offset = max(0, s.offset)
	tasks, total, err := s.u.ws.Drafts.Inbox(s.u.ctx(), s.u.sess, s.offset, drafts.DefaultLimit)
	showError(s.message, err)
	if err == nil && total > 0 && len(tasks) == 0 && s.offset > 0 { // the last page emptied: show the one before
		s.offset -= drafts.DefaultLimit
		s.reload()
		return
	}
	s.rows, s.total = groupTasks(tasks), total
	overdue := overdueText(tasks, total)
	switch {
	case total == 0:
		s.summary.SetText(i18n.L("inbox.empty"))
	case overdue != "":
		s.summary.SetText(i18n.L("inbox.summary_overdue", map[string]any{"Count": total, "Overdue": overdue}))
	default:
		s.summary.SetText(i18n.L("inbox.summary", map[string]any{"Count": total}))
	}
	s.summary.Importance = widget.MediumImportance
	if overdue != "" {
		s.summary.Importance = widget.WarningImportance
	}
	s.summary.Refresh()
	s.list.Refresh()
	s.page.SetText(i18n.L("audit.page", map[string]any{"From": min(total, s.offset+1), "To": s.offset + len(tasks), "Total": total}))
	setEnabled(s.prev, s.offset > 0)
	setEnabled(s.next, s.offset+len(tasks) < total)
	s.u.countInbox()
}

// groupTasks files each task under the first group that matches it, keeping
// the store's order (overdue first, then by planned time) inside a group.
func groupTasks(tasks []drafts.Task) []inboxRow {
	var rows []inboxRow
	used := make([]bool, len(tasks))
	for _, g := range inboxGroups {
		head := len(rows)
		for i := range tasks {
			if !used[i] && g.match(tasks[i]) {
				if len(rows) == head {
					rows = append(rows, inboxRow{group: g.key})
				}
				used[i] = true
				rows = append(rows, inboxRow{task: &tasks[i]})
			}
		}
		if len(rows) > head {
			rows[head].count = len(rows) - head - 1
		}
	}
	return rows
}

// open shows a draft's page over the list; its back button returns here.
func (s *inboxScreen) open(id int64) {
	s.draft = newDraftPage(s.u, id, func() {
		s.draft = nil
		s.stack.Objects = []fyne.CanvasObject{s.main}
		s.stack.Refresh()
		s.reload()
	})
	s.stack.Objects = []fyne.CanvasObject{s.draft.object()}
	s.stack.Refresh()
}

// taskIndex returns the row of the n-th task (1-based) for scripts and tests.
func (s *inboxScreen) taskIndex(n int) int {
	for i, r := range s.rows {
		if r.task != nil {
			if n--; n == 0 {
				return i
			}
		}
	}
	return -1
}
