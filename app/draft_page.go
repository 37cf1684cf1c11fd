package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// The draft page's tabs, in order.
const (
	tabText = iota
	tabDiff
	tabApprovals
	tabComments
	tabFiles
)

var draftTabKeys = []string{"draft.tab_text", "draft.tab_diff", "draft.tab_approvals", "draft.tab_comments", "draft.tab_files"}

// draftPage is one draft: a header with its details, the actions the user
// may take now, and tabs for its text, changes, approvals, comments and
// files.
type draftPage struct {
	u    *ui
	id   int64
	back func()

	d        drafts.Draft
	policy   *policy.Policy // the draft's policy: the one it was submitted under, else the current one
	steps    []policy.Step
	version  drafts.Version // the current version
	findings drafts.Findings
	sos      []drafts.SignOff
	events   []drafts.Event
	versions []drafts.VersionInfo
	rights   draftRights

	title   *widget.Label
	details *fyne.Container
	actions *fyne.Container
	message *widget.Label
	tabs    *container.AppTabs
	built   []bool // which tabs show the data as last loaded
	root    fyne.CanvasObject

	text     *draftText
	diff     *draftDiff
	timeline *draftTimeline
	comments *draftComments
	files    *draftFiles
	signoff  *signOffDialog // the sign-off dialog last opened
}

func newDraftPage(u *ui, id int64, back func()) *draftPage {
	p := &draftPage{u: u, id: id, back: back, title: widget.NewLabel(""), details: container.NewGridWithColumns(4),
		actions: container.NewHBox(), message: errorLabel()}
	p.title.TextStyle = fyne.TextStyle{Bold: true}
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.tabs = container.NewAppTabs()
	for _, k := range draftTabKeys {
		p.tabs.Append(container.NewTabItem(i18n.L(k), container.NewStack()))
	}
	p.tabs.OnSelected = func(*container.TabItem) { p.u.touch(); p.buildTab(p.tabs.SelectedIndex()) }
	backButton := widget.NewButtonWithIcon(i18n.L("draft.back"), theme.NavigateBackIcon(), back)
	top := container.NewVBox(container.NewBorder(nil, nil, backButton, nil, p.title), p.details,
		p.actions, p.message, widget.NewSeparator())
	p.root = container.NewBorder(top, nil, nil, nil, p.tabs)
	p.reload()
	u.offerActions(p)
	return p
}

func (p *draftPage) object() fyne.CanvasObject { return p.root }

// load reads the draft and everything its tabs show.
func (p *draftPage) load() error {
	ctx, w := p.u.ctx(), p.u.ws
	var err error
	if p.d, err = w.Drafts.Get(ctx, p.id); err != nil {
		return err
	}
	if p.d.PolicyID != 0 {
		p.policy, err = policy.Load(ctx, w.DB.SQL, policy.ID(p.d.PolicyID))
	} else {
		_, p.policy, err = policy.Current(ctx, w.DB.SQL)
	}
	if err != nil {
		return err
	}
	p.steps, _ = p.policy.Steps(p.d.Grade)
	if p.version, err = w.Drafts.Version(ctx, p.id, p.d.Version); err != nil {
		return err
	}
	if p.findings, err = w.Drafts.CurrentFindings(ctx, p.id); err != nil {
		return err
	}
	if p.sos, err = w.Drafts.SignOffs(ctx, p.id); err != nil {
		return err
	}
	if p.events, err = w.Drafts.Events(ctx, p.id); err != nil {
		return err
	}
	if p.versions, err = w.Drafts.Versions(ctx, p.id); err != nil {
		return err
	}
	p.rights = rightsOn(p.u.sess.User, p.d, p.sos)
	return nil
}

// reload reads the draft again and redraws the header, the actions and
// the tab on view; the other tabs are rebuilt when next shown.
func (p *draftPage) reload() {
	p.u.touch()
	if err := p.load(); err != nil {
		showError(p.message, err)
		return
	}
	showError(p.message, nil)
	p.title.SetText(i18n.L("draft.heading", map[string]any{"ID": p.d.ID, "Title": p.d.Title}))
	p.showDetails()
	p.showActions()
	p.built = make([]bool, len(draftTabKeys))
	p.buildTab(p.tabs.SelectedIndex())
}

// changed is called after an action on the draft succeeded.
func (p *draftPage) changed() {
	p.reload()
	p.u.countInbox()
}

func (p *draftPage) showDetails() {
	d := p.d
	source := draftKindLabel(d.Kind)
	if d.Kind == drafts.Repost {
		source = i18n.L("draft.repost_of", map[string]any{"Name": d.Source.Name, "Title": d.Source.Title, "URL": d.Source.URL})
	}
	status := where(d)
	if d.AssigneeID != 0 {
		status += " · " + i18n.L("draft.assigned")
	}
	if d.Status == drafts.Published {
		status += " " + when(d.PublishedAt) + " " + d.PublishedURL
	}
	items := []struct{ key, value string }{
		{"draft.field_channel", d.Channel.Name + "（" + d.Channel.Platform + "）"},
		{"draft.field_grade", gradeLabel(p.policy, d.Grade) + " · " + stepsText(p.steps)},
		{"draft.field_kind", source},
		{"draft.field_author", d.AuthorName + "（" + d.Author + "）"},
		{"draft.field_status", status},
		{"draft.field_version", i18n.L("draft.version_of", map[string]any{"Version": d.Version, "Round": d.Round})},
		{"draft.field_planned", when(d.PlannedAt)},
		{"draft.field_updated", when(d.UpdatedAt)},
	}
	p.details.Objects = nil
	for _, it := range items {
		l := widget.NewLabel(i18n.L(it.key) + "：" + it.value)
		l.Truncation = fyne.TextTruncateEllipsis
		if it.key == "draft.field_status" {
			l.Importance = statusImportance(d.Status)
		}
		if it.key == "draft.field_planned" && d.Overdue(p.u.now()) {
			l.Importance = widget.WarningImportance
			l.SetText(l.Text + " · " + i18n.L("inbox.overdue_mark"))
		}
		p.details.Add(l)
	}
	p.details.Refresh()
}

// showActions offers only what the user may do with the draft now.
func (p *draftPage) showActions() {
	r := p.rights
	p.actions.Objects = nil
	add := func(on bool, key string, icon fyne.Resource, high bool, f func()) {
		if !on {
			return
		}
		b := widget.NewButtonWithIcon(i18n.L(key), icon, func() { p.u.touch(); f() })
		if high {
			b.Importance = widget.HighImportance
		}
		p.actions.Add(b)
	}
	add(r.sign, "draft.sign", theme.ConfirmIcon(), true, func() { p.signDialog() })
	add(r.answer, "draft.answer", theme.MailReplyIcon(), true, func() { p.answerDialog() })
	add(r.submit, "draft.submit", theme.MailSendIcon(), true, p.confirmSubmit)
	add(r.publish, "draft.publish", theme.UploadIcon(), true, func() { p.publishDialog() })
	add(r.revise, "draft.revise", theme.DocumentCreateIcon(), false, func() { p.reviseDialog() })
	add(r.withdraw, "draft.withdraw", theme.ContentUndoIcon(), false, func() { p.withdrawDialog() })
	add(r.delegate, "draft.delegate", theme.AccountIcon(), false, func() { p.delegateDialog() })
	if len(p.actions.Objects) == 0 {
		p.actions.Add(widget.NewLabel(i18n.L("draft.no_actions")))
	}
	p.actions.Refresh()
}

// confirmSubmit hands the current version to the first step.
func (p *draftPage) confirmSubmit() {
	expect := p.d.Version
	msg := i18n.L("draft.submit_confirm", map[string]any{"Version": expect, "Steps": stepsText(p.currentSteps())})
	dialog.ShowConfirm(i18n.L("draft.submit"), msg, func(ok bool) {
		if !ok {
			return
		}
		background(func() error { return p.u.ws.Drafts.Submit(p.u.ctx(), p.u.sess, p.id, expect) },
			func(err error) {
				if err != nil {
					showError(p.message, err)
					return
				}
				p.changed()
			})
	}, p.u.win)
}

// currentSteps are the steps a submission now goes through (the policy in
// force, which may differ from the one of an earlier round).
func (p *draftPage) currentSteps() []policy.Step {
	if _, cur, err := policy.Current(p.u.ctx(), p.u.ws.DB.SQL); err == nil {
		if steps, err := cur.Steps(p.d.Grade); err == nil {
			return steps
		}
	}
	return p.steps
}

// buildTab fills a tab with the data as loaded, once per load.
func (p *draftPage) buildTab(i int) {
	if i < 0 || i >= len(p.built) || p.built[i] {
		return
	}
	p.built[i] = true
	var content fyne.CanvasObject
	switch i {
	case tabText:
		p.text = newDraftText(p)
		content = p.text.object()
	case tabDiff:
		p.diff = newDraftDiff(p)
		content = p.diff.object()
	case tabApprovals:
		p.timeline = newDraftTimeline(p)
		content = p.timeline.object()
	case tabComments:
		p.comments = newDraftComments(p)
		content = p.comments.object()
	case tabFiles:
		p.files = newDraftFiles(p)
		content = p.files.object()
	}
	p.tabs.Items[i].Content = content
	p.tabs.Refresh()
}

// show turns to a tab.
func (p *draftPage) show(i int) {
	p.tabs.SelectIndex(i)
	p.buildTab(i)
}
