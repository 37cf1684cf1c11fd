package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// newDraftForm is the 新建稿件 dialog's fields.
type newDraftForm struct {
	title    *widget.Entry
	channel  *widget.Select
	grade    *widget.Select
	kind     *widget.RadioGroup
	srcName  *widget.Entry
	srcTitle *widget.Entry
	srcURL   *widget.Entry
	planned  *widget.Entry
	source   *sourcePicker
	channels []drafts.Channel
	grades   []policy.Grade
	dialog   *formDialog
}

// newDraftDialog asks for a new draft's details and text and creates it
// (author); created gets the new draft's id.
func (u *ui) newDraftDialog(created func(id int64)) *newDraftForm {
	f := &newDraftForm{title: widget.NewEntry(), srcName: widget.NewEntry(), srcTitle: widget.NewEntry(),
		srcURL: widget.NewEntry(), planned: widget.NewEntry(), source: u.newSourcePicker()}
	f.channels, _ = u.ws.Drafts.Channels(u.ctx())
	if _, p, err := policy.Current(u.ctx(), u.ws.DB.SQL); err == nil {
		f.grades = p.Grades
	}
	var channels, grades []string
	for _, c := range f.channels {
		channels = append(channels, c.Name+"（"+c.Platform+"）")
	}
	for _, g := range f.grades {
		grades = append(grades, g.ID+" "+g.Label+" · "+stepsText(g.Steps))
	}
	f.channel, f.grade = widget.NewSelect(channels, nil), widget.NewSelect(grades, nil)
	f.channel.PlaceHolder, f.grade.PlaceHolder = i18n.L("draft.choose_channel"), i18n.L("draft.choose_grade")
	f.title.SetPlaceHolder(i18n.L("draft.title_hint"))
	f.planned.SetPlaceHolder(i18n.L("draft.planned_hint"))
	f.srcName.SetPlaceHolder(i18n.L("draft.source_name"))
	f.srcTitle.SetPlaceHolder(i18n.L("draft.source_title"))
	f.srcURL.SetPlaceHolder(i18n.L("draft.source_url"))
	repost := container.NewVBox(f.srcName, f.srcTitle, f.srcURL)
	repost.Hide()
	kinds := []string{draftKindLabel(drafts.Original), draftKindLabel(drafts.Repost)}
	f.kind = widget.NewRadioGroup(kinds, func(s string) { repost.Hidden = s != kinds[1]; repost.Refresh() })
	f.kind.Horizontal = true
	f.kind.SetSelected(kinds[0])
	form := widget.NewForm(formRow(i18n.L("draft.field_title"), f.title),
		formRow(i18n.L("draft.field_channel"), f.channel), formRow(i18n.L("draft.field_grade"), f.grade),
		formRow(i18n.L("draft.field_kind"), container.NewVBox(f.kind, repost)),
		formRow(i18n.L("draft.field_planned"), f.planned))
	body := container.NewBorder(form, nil, nil, nil,
		widget.NewCard("", i18n.L("draft.field_text"), f.source.object))
	var id int64
	var n drafts.NewDraft
	f.dialog = u.formDialog(i18n.L("drafts.new"), i18n.L("action.create"), body, fyne.NewSize(760, 640),
		func() (err error) { n, err = f.read(); return err },
		func() (err error) { id, err = u.ws.Drafts.Create(u.ctx(), u.sess, n); return err },
		func() { u.countInbox(); created(id) })
	return f
}

// read checks the form and says the first thing that is missing.
func (f *newDraftForm) read() (drafts.NewDraft, error) {
	n := drafts.NewDraft{Title: strings.TrimSpace(f.title.Text), Kind: drafts.Original}
	missing := func(field string) error { return i18n.Errorf("draft.missing", map[string]any{"Field": i18n.L(field)}) }
	switch {
	case n.Title == "":
		return n, missing("draft.field_title")
	case f.channel.SelectedIndex() < 0:
		return n, missing("draft.field_channel")
	case f.grade.SelectedIndex() < 0:
		return n, missing("draft.field_grade")
	}
	n.ChannelID = f.channels[f.channel.SelectedIndex()].ID
	n.Grade = f.grades[f.grade.SelectedIndex()].ID
	if f.kind.Selected == draftKindLabel(drafts.Repost) {
		n.Kind = drafts.Repost
		n.Source = drafts.RepostSource{Name: strings.TrimSpace(f.srcName.Text), Title: strings.TrimSpace(f.srcTitle.Text),
			URL: strings.TrimSpace(f.srcURL.Text)}
		if n.Source.Name == "" || n.Source.Title == "" || n.Source.URL == "" {
			return n, i18n.Errorf("draft.repost_source")
		}
	}
	var err error
	if n.PlannedAt, err = parseMinute(f.planned.Text); err != nil {
		return n, err
	}
	n.File, err = f.source.source("")
	return n, err
}

// stepsText lists a grade's steps: 初审 → 保密审查 → 终审.
func stepsText(steps []policy.Step) string {
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = stepLabel(s)
	}
	return strings.Join(names, " → ")
}

// reviseDialog imports a new version of the draft (修订).
func (p *draftPage) reviseDialog() *formDialog {
	src := p.u.newSourcePicker()
	note := widget.NewEntry()
	note.SetPlaceHolder(i18n.L("draft.note_hint"))
	body := container.NewBorder(widget.NewForm(formRow(i18n.L("draft.field_note"), note)), nil, nil, nil, src.object)
	expect := p.d.Version
	var s drafts.Source
	return p.u.formDialog(i18n.L("draft.revise"), i18n.L("draft.revise_ok"), body, fyne.NewSize(720, 520),
		func() (err error) { s, err = src.source(note.Text); return err },
		func() error { _, err := p.u.ws.Drafts.Revise(p.u.ctx(), p.u.sess, p.id, expect, s); return err },
		p.changed)
}

// withdrawDialog takes a submitted draft back before its first sign-off.
func (p *draftPage) withdrawDialog() *formDialog {
	reason := widget.NewEntry()
	reason.SetPlaceHolder(i18n.L("draft.withdraw_hint"))
	return p.u.formDialog(i18n.L("draft.withdraw"), i18n.L("draft.withdraw"),
		widget.NewForm(formRow(i18n.L("draft.field_reason"), reason)), fyne.NewSize(520, 0),
		func() error { return nil },
		func() error { return p.u.ws.Drafts.Withdraw(p.u.ctx(), p.u.sess, p.id, reason.Text) }, p.changed)
}

// delegateDialog hands the step to another holder of its role (转办).
func (p *draftPage) delegateDialog() *formDialog {
	var holders []account.User
	users, _ := p.u.ws.Accounts.List(p.u.ctx())
	for _, user := range users {
		if user.ID != p.u.sess.User.ID && !user.Disabled && user.Has(p.d.Step.Role()) && mayHoldStep(user, unassigned(p.d), p.sos) {
			holders = append(holders, user)
		}
	}
	var names []string
	for _, h := range holders {
		names = append(names, h.FullName+"（"+h.Name+"）")
	}
	to := widget.NewSelect(names, nil)
	to.PlaceHolder = i18n.L("draft.delegate_to_hint")
	reason := widget.NewEntry()
	reason.SetPlaceHolder(i18n.L("draft.delegate_hint"))
	form := widget.NewForm(formRow(i18n.L("draft.field_delegate_to"), to), formRow(i18n.L("draft.field_reason"), reason))
	if len(holders) == 0 {
		form.Append("", widget.NewLabel(i18n.L("draft.no_holders", map[string]any{"Role": i18n.L("role." + string(p.d.Step.Role()))})))
	}
	return p.u.formDialog(i18n.L("draft.delegate"), i18n.L("draft.delegate"), form, fyne.NewSize(560, 0),
		func() error {
			switch {
			case to.SelectedIndex() < 0:
				return i18n.Errorf("draft.missing", map[string]any{"Field": i18n.L("draft.field_delegate_to")})
			case strings.TrimSpace(reason.Text) == "":
				return i18n.Errorf("draft.missing", map[string]any{"Field": i18n.L("draft.field_reason")})
			}
			return nil
		},
		func() error {
			return p.u.ws.Drafts.Delegate(p.u.ctx(), p.u.sess, p.id, holders[to.SelectedIndex()].ID, reason.Text)
		}, p.changed)
}

// answerDialog records the 保密工作部门's answer to a held draft (需报审).
func (p *draftPage) answerDialog() *formDialog {
	answer := widget.NewMultiLineEntry()
	answer.Wrapping = fyne.TextWrapBreak
	answer.SetPlaceHolder(i18n.L("draft.answer_hint"))
	answer.SetMinRowsVisible(4)
	return p.u.formDialog(i18n.L("draft.answer"), i18n.L("draft.answer"),
		widget.NewForm(formRow(i18n.L("draft.field_answer"), answer)), fyne.NewSize(600, 0),
		func() error {
			if strings.TrimSpace(answer.Text) == "" {
				return i18n.Errorf("draft.missing", map[string]any{"Field": i18n.L("draft.field_answer")})
			}
			return nil
		},
		func() error { return p.u.ws.Drafts.RecordAnswer(p.u.ctx(), p.u.sess, p.id, answer.Text) }, p.changed)
}

// publishDialog records that an approved draft went out: when and where.
func (p *draftPage) publishDialog() *formDialog {
	at := widget.NewEntry()
	at.SetText(time.Now().Format(minuteLayout))
	url := widget.NewEntry()
	url.SetPlaceHolder("https://…")
	var t time.Time
	return p.u.formDialog(i18n.L("draft.publish"), i18n.L("draft.publish"),
		widget.NewForm(formRow(i18n.L("draft.field_published_at"), at), formRow(i18n.L("draft.field_url"), url)),
		fyne.NewSize(560, 0),
		func() (err error) {
			if t, err = parseMinute(at.Text); err == nil && t.IsZero() {
				err = i18n.Errorf("draft.missing", map[string]any{"Field": i18n.L("draft.field_published_at")})
			}
			return err
		},
		func() error { return p.u.ws.Drafts.Publish(p.u.ctx(), p.u.sess, p.id, t, url.Text) }, p.changed)
}
