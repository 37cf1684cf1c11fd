package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// archiveScreen is 归档: for archivists the queue of approved drafts to
// seal, for everyone who may read the archive its search; a record opens
// over the tabs and its back button returns to them.
type archiveScreen struct {
	u        *ui
	manage   bool // an archivist: the queue and sealing
	policy   *policy.Policy
	channels []drafts.Channel
	tabs     *container.AppTabs
	queue    *archiveQueue // nil for readers
	search   *archiveSearch
	record   *recordPage // the record on view, nil on the tabs
	stack    *fyne.Container
	main     fyne.CanvasObject
}

func (u *ui) archiveScreen() fyne.CanvasObject { return newArchiveScreen(u).stack }

func newArchiveScreen(u *ui) *archiveScreen {
	s := &archiveScreen{u: u, manage: u.sess.User.Can(account.ManageArchive)}
	if _, p, err := policy.Current(u.ctx(), u.ws.DB.SQL); err == nil {
		s.policy = p
	}
	s.channels, _ = u.ws.Drafts.Channels(u.ctx())
	if s.manage {
		s.queue = newArchiveQueue(s)
	}
	s.search = newArchiveSearch(s)
	s.tabs = s.newTabs()
	s.main = container.NewBorder(heading(i18n.L("nav.archive")), nil, nil, nil, s.tabs)
	s.stack = container.NewStack(s.main)
	u.offerActions(s)
	return s
}

// newTabs makes the screen's tabs: 待归档 (archivists only) and 检索. The
// export, verification and re-scan tabs are added here too.
func (s *archiveScreen) newTabs() *container.AppTabs {
	var items []*container.TabItem
	if s.queue != nil {
		items = append(items, container.NewTabItem(i18n.L("archive.tab_queue"), s.queue.object()))
	}
	items = append(items, container.NewTabItem(i18n.L("archive.tab_search"), s.search.object()))
	open := func(id int64) { s.open(itoa(id)) } // 四性检测 and 回头看 results open their records
	items = append(items, s.u.archiveCheckTab(open), s.u.archiveRescanTab(open))
	tabs := container.NewAppTabs(items...)
	tabs.OnSelected = func(*container.TabItem) { s.refresh() }
	return tabs
}

// refresh reads the queue and the search results again: a record sealed
// meanwhile leaves the one and joins the other.
func (s *archiveScreen) refresh() {
	s.u.touch()
	if s.queue != nil {
		s.queue.load()
	}
	s.search.load()
}

// open shows a record over the tabs.
func (s *archiveScreen) open(idOrCode string) {
	s.record = newRecordPage(s, idOrCode, func() {
		s.record = nil
		s.stack.Objects = []fyne.CanvasObject{s.main}
		s.stack.Refresh()
		s.refresh()
	})
	s.stack.Objects = []fyne.CanvasObject{s.record.object()}
	s.stack.Refresh()
}

// archiveMessage says what went wrong with the archive in the user's words:
// why a draft cannot be sealed, a wrong password; the rest (a missing
// certificate, say) as i18n.Message does.
func archiveMessage(err error) string {
	var unverified *archive.UnverifiedError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &unverified):
		return i18n.L("archive.why_unverified", map[string]any{"Problem": verdictText(unverified.V)})
	case errors.Is(err, account.ErrBadCredentials):
		return i18n.L("archive.wrong_password")
	}
	for _, k := range []struct {
		err error
		key string
	}{{archive.ErrNotApproved, "archive.why_not_approved"}, {archive.ErrSealed, "archive.why_sealed"},
		{archive.ErrChanged, "archive.why_changed"}, {archive.ErrNoRecord, "archive.no_record"}} {
		if errors.Is(err, k.err) {
			return i18n.L(k.key)
		}
	}
	return i18n.Message(err)
}

// showArchiveError shows err in l as archiveMessage words it.
func showArchiveError(l *widget.Label, err error) {
	if err == nil {
		l.Hide()
		return
	}
	l.SetText(archiveMessage(err))
	l.Show()
}
