package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/archive/search"
	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// archiveQueue is 待归档: the approved and published drafts not yet sealed,
// oldest approval first, each saying why it cannot be sealed yet if it
// cannot, and offering 封存 if it can.
type archiveQueue struct {
	s       *archiveScreen
	rows    []queueRow
	list    *widget.List
	info    *widget.Label
	message *widget.Label
	seal    *sealDialog // the 封存 dialog last opened
	root    fyne.CanvasObject
}

// queueRow is a draft of the queue and why the archive refuses it, if it does.
type queueRow struct {
	d   drafts.Draft
	why error
}

func newArchiveQueue(s *archiveScreen) *archiveQueue {
	q := &archiveQueue{s: s, info: widget.NewLabel(""), message: errorLabel()}
	q.list = widget.NewList(func() int { return len(q.rows) }, q.newRow, func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(q.rows) {
			q.fillRow(q.rows[i], o.(*fyne.Container))
		}
	})
	q.list.OnSelected = func(i widget.ListItemID) { q.list.UnselectAll() }
	q.root = container.NewBorder(container.NewVBox(q.info, q.message), nil, nil, nil, q.list)
	q.load()
	return q
}

func (q *archiveQueue) object() fyne.CanvasObject { return q.root }

// newRow is a queue entry: title, details, whether it can be sealed, and 封存.
func (q *archiveQueue) newRow() fyne.CanvasObject {
	title := widget.NewLabel("")
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.Truncation = fyne.TextTruncateEllipsis
	details := widget.NewLabel("")
	details.Truncation = fyne.TextTruncateEllipsis
	why := widget.NewLabel("")
	why.Truncation = fyne.TextTruncateEllipsis
	seal := widget.NewButtonWithIcon(i18n.L("archive.seal"), theme.StorageIcon(), nil)
	seal.Importance = widget.HighImportance
	return container.NewBorder(nil, nil, nil, container.NewCenter(seal), container.NewVBox(title, details, why))
}

func (q *archiveQueue) fillRow(r queueRow, o *fyne.Container) {
	text := o.Objects[0].(*fyne.Container)
	seal := o.Objects[1].(*fyne.Container).Objects[0].(*widget.Button)
	text.Objects[0].(*widget.Label).SetText(r.d.Title)
	text.Objects[1].(*widget.Label).SetText(i18n.L("archive.queue_details", map[string]any{
		"ID": r.d.ID, "Channel": r.d.Channel.Name, "Grade": gradeLabel(q.s.policy, r.d.Grade),
		"Status": statusLabel(r.d.Status), "Version": r.d.Version, "Author": r.d.AuthorName, "Updated": when(r.d.UpdatedAt)}))
	why := text.Objects[2].(*widget.Label)
	if r.why != nil {
		why.Importance = widget.WarningImportance
		why.SetText(i18n.L("archive.queue_refused", map[string]any{"Why": archiveMessage(r.why)}))
		seal.Disable()
	} else {
		why.Importance = widget.SuccessImportance
		why.SetText(i18n.L("archive.queue_ready"))
		seal.Enable()
	}
	d := r.d
	seal.OnTapped = func() { q.s.u.touch(); q.sealDialog(d) }
}

// load reads the queue and asks the archive about each draft.
func (q *archiveQueue) load() {
	ctx, w := q.s.u.ctx(), q.s.u.ws
	ds, err := w.Archive.Queue(ctx, q.s.u.sess)
	showArchiveError(q.message, err)
	q.rows = q.rows[:0]
	for _, d := range ds {
		q.rows = append(q.rows, queueRow{d: d, why: w.Archive.Sealable(ctx, d.ID)})
	}
	if len(q.rows) == 0 {
		q.info.SetText(i18n.L("archive.queue_empty"))
	} else {
		q.info.SetText(i18n.L("archive.queue_count", map[string]any{"Count": len(q.rows)}))
	}
	q.list.Refresh()
}

// sealDialog is 封存 of one draft: the 档号 pattern and the retention that
// will apply, and the archivist's password, which unwraps the key the
// record's PDF is signed with.
type sealDialog struct {
	q        *archiveQueue
	d        drafts.Draft
	password *widget.Entry
	message  *widget.Label
	progress *widget.ProgressBarInfinite
	ok       *widget.Button
	dialog   *dialog.CustomDialog
}

func (q *archiveQueue) sealDialog(d drafts.Draft) *sealDialog {
	s := &sealDialog{q: q, d: d, password: passwordEntry(), message: errorLabel(), progress: widget.NewProgressBarInfinite()}
	s.progress.Stop()
	s.progress.Hide()
	s.password.OnSubmitted = func(string) { s.seal() }
	intro := widget.NewLabel(i18n.L("archive.seal_intro", map[string]any{"Title": d.Title, "Version": d.Version}))
	intro.Wrapping = wrapping()
	form := widget.NewForm(s.terms()...)
	form.Append(i18n.L("field.password"), s.password)
	body := container.NewVBox(intro, form, s.progress, s.message)
	s.dialog = dialog.NewCustomWithoutButtons(i18n.L("archive.seal_title"), body, q.s.u.win)
	cancel := widget.NewButton(i18n.L("action.cancel"), s.dialog.Hide)
	s.ok = widget.NewButtonWithIcon(i18n.L("archive.seal"), theme.StorageIcon(), s.seal)
	s.ok.Importance = widget.HighImportance
	s.dialog.SetButtons([]fyne.CanvasObject{cancel, s.ok})
	s.dialog.Resize(fyne.NewSize(620, 0))
	s.dialog.Show()
	q.s.u.win.Canvas().Focus(s.password)
	q.seal = s
	return s
}

// terms are the rows naming what the record will get: 全宗号, the 档号
// pattern and the retention of the draft's grade, under the draft's policy.
func (s *sealDialog) terms() []*widget.FormItem {
	p := s.q.s.policy
	if s.d.PolicyID != 0 {
		if dp, err := policy.Load(s.q.s.u.ctx(), s.q.s.u.ws.DB.SQL, policy.ID(s.d.PolicyID)); err == nil {
			p = dp
		}
	}
	if p == nil {
		return nil
	}
	retention, next := "—", "—"
	if g, err := p.Grade(s.d.Grade); err == nil {
		retention = i18n.L(g.Retention.LabelKey())
		next = s.nextCode(p, g.Retention)
	}
	row := func(key, value string) *widget.FormItem {
		l := widget.NewLabel(value)
		l.Wrapping = wrapping()
		return formRow(i18n.L(key), l)
	}
	return []*widget.FormItem{row("archive.field_fonds", p.Fonds), row("archive.field_pattern", p.ArchiveCode.String()),
		row("archive.field_next_code", next), row("archive.field_retention", retention),
		row("archive.field_grade", gradeLabel(p, s.d.Grade))}
}

// nextCode is the 档号 the record would get if sealed now: 件号 are
// numbered per year and retention and records are never removed, so the
// next is one more than the records of that year and retention. A record
// sealed meanwhile takes it, hence the dialog calls it 预计.
func (s *sealDialog) nextCode(p *policy.Policy, r policy.Retention) string {
	u := s.q.s.u
	year := time.Now().Year()
	res, err := u.ws.Archive.Search(u.ctx(), u.sess, search.Query{Year: year, Retention: string(r), Limit: 1})
	if err != nil {
		return "—"
	}
	code, err := p.ArchiveCode.Code(p.Fonds, year, r, res.Total+1)
	if err != nil {
		return "—"
	}
	return code
}

// seal seals the draft in the background (argon2, the PDF and its
// signature take a moment), then shows the new record.
func (s *sealDialog) seal() {
	if s.password.Text == "" {
		showError(s.message, i18n.Errorf("archive.need_password"))
		return
	}
	s.q.s.u.touch()
	s.ok.Disable()
	s.message.Hide()
	s.progress.Show()
	s.progress.Start()
	u, id, pw := s.q.s.u, s.d.ID, s.password.Text
	var code string
	background(func() error {
		var err error
		code, err = u.ws.Archive.Seal(u.ctx(), u.sess, pw, id)
		return err
	}, func(err error) {
		s.progress.Stop()
		s.progress.Hide()
		s.ok.Enable()
		if err != nil {
			s.password.SetText("")
			showArchiveError(s.message, err)
			return
		}
		s.dialog.Hide()
		s.q.load()
		s.q.s.open(code)
	})
}
