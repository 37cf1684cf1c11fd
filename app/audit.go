package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/audit"
)

const auditPage = 100

// auditScreen lets the auditor filter and read the trail and verify its chain.
type auditScreen struct {
	u                  *ui
	actor, text        *widget.Entry
	from, to           *widget.Entry
	action             *widget.Select
	rows               []audit.Entry
	total, offset      int
	table              *widget.Table
	pageInfo           *widget.Label
	message            *widget.Label
	verdict            *widget.Card
	actionsByLabel     map[string]string
	prevPage, nextPage *widget.Button
}

var auditActions = []string{audit.ActionSignIn, audit.ActionSignInFail, audit.ActionLockout, audit.ActionUnlock,
	audit.ActionSignOut, audit.ActionIdleLock, audit.ActionAccountCreate, audit.ActionAccountDisable,
	audit.ActionAccountEnable, audit.ActionPasswordReset, audit.ActionPasswordChange, audit.ActionRoleGrant,
	audit.ActionRoleRevoke, audit.ActionSettingsChange, audit.ActionBackup, audit.ActionRestore,
	audit.ActionAuditVerify, audit.ActionInit, audit.ActionLexiconImport, audit.ActionLexiconExport,
	audit.ActionLexiconEnable, audit.ActionLexiconDisable, audit.ActionLexiconDelete, audit.ActionEntryAdd,
	audit.ActionEntryEdit, audit.ActionEntryRemove}

func actionLabel(a string) string { return i18n.L("action." + a) }

func (u *ui) auditScreen() fyne.CanvasObject {
	s := &auditScreen{u: u, actor: widget.NewEntry(), text: widget.NewEntry(), from: widget.NewEntry(),
		to: widget.NewEntry(), pageInfo: widget.NewLabel(""), message: errorLabel(), actionsByLabel: map[string]string{}}
	s.actor.SetPlaceHolder(i18n.L("audit.actor"))
	s.text.SetPlaceHolder(i18n.L("audit.text"))
	s.from.SetPlaceHolder(i18n.L("audit.from"))
	s.to.SetPlaceHolder(i18n.L("audit.to"))
	labels := []string{i18n.L("audit.all_actions")}
	for _, a := range auditActions {
		labels = append(labels, actionLabel(a))
		s.actionsByLabel[actionLabel(a)] = a
	}
	s.action = widget.NewSelect(labels, nil)
	s.action.SetSelected(labels[0])
	s.table = s.newTable()
	s.verdict = widget.NewCard("", "", nil)
	s.verdict.Hide()
	search := widget.NewButtonWithIcon(i18n.L("action.search"), theme.SearchIcon(), func() { s.offset = 0; s.load() })
	verify := widget.NewButtonWithIcon(i18n.L("audit.verify"), theme.ConfirmIcon(), s.verify)
	verify.Importance = widget.HighImportance
	s.prevPage = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { s.offset -= auditPage; s.load() })
	s.nextPage = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { s.offset += auditPage; s.load() })
	filters := container.NewGridWithColumns(5, s.actor, s.action, s.text, s.from, s.to)
	top := container.NewVBox(container.NewHBox(heading(i18n.L("nav.audit")), verify), s.verdict,
		container.NewBorder(nil, nil, nil, search, filters), s.message)
	bottom := container.NewHBox(s.prevPage, s.pageInfo, s.nextPage)
	s.load()
	return container.NewBorder(top, bottom, nil, nil, s.table)
}

var auditWidths = []float32{64, 170, 100, 130, 140, 300}

func (s *auditScreen) newTable() *widget.Table {
	t := widget.NewTableWithHeaders(func() (int, int) { return len(s.rows), len(auditWidths) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.cell(id)) })
	heads := []string{"audit.col_seq", "audit.col_time", "audit.col_actor", "audit.col_action", "audit.col_target", "audit.col_detail"}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(i18n.L(heads[id.Col]))
		} else if id.Col < 0 {
			o.(*widget.Label).SetText("")
		}
	}
	t.ShowHeaderColumn = false
	for i, w := range auditWidths {
		t.SetColumnWidth(i, w)
	}
	return t
}

func (s *auditScreen) cell(id widget.TableCellID) string {
	e := s.rows[id.Row]
	switch id.Col {
	case 0:
		return itoa(e.Seq)
	case 1:
		return e.At.Local().Format("2006-01-02 15:04:05")
	case 2:
		return e.Actor
	case 3:
		return actionLabel(e.Action)
	case 4:
		return e.Target
	}
	return e.Detail
}

// filter reads the filter fields; dates are whole local days.
func (s *auditScreen) filter() (audit.Filter, error) {
	f := audit.Filter{Actor: s.actor.Text, Text: s.text.Text, Action: s.actionsByLabel[s.action.Selected],
		Limit: auditPage, Offset: s.offset}
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

func (s *auditScreen) load() {
	s.u.touch()
	f, err := s.filter()
	if err != nil {
		showError(s.message, err)
		return
	}
	s.offset = max(0, s.offset)
	rows, total, err := s.u.ws.AuditTrail(s.u.ctx(), s.u.sess, f)
	showError(s.message, err)
	s.rows, s.total = rows, total
	s.table.Refresh()
	s.pageInfo.SetText(i18n.L("audit.page", map[string]any{"From": min(total, s.offset+1),
		"To": s.offset + len(rows), "Total": total}))
	setEnabled(s.prevPage, s.offset > 0)
	setEnabled(s.nextPage, s.offset+len(rows) < total)
}

// verify walks the chain off the UI goroutine; a long trail takes a while.
func (s *auditScreen) verify() {
	var rep audit.Report
	background(func() (err error) {
		rep, err = s.u.ws.VerifyAudit(s.u.ctx(), s.u.sess)
		return err
	}, func(err error) {
		if err != nil {
			showError(s.message, err)
			return
		}
		s.showVerdict(rep)
	})
}

// showVerdict states the chain check's result in words and colour.
func (s *auditScreen) showVerdict(rep audit.Report) {
	label := widget.NewLabel("")
	label.Wrapping = wrapping()
	if rep.OK {
		s.verdict.SetTitle(i18n.L("audit.verdict_ok"))
		label.SetText(i18n.L("audit.verify_ok", map[string]any{"Rows": rep.Rows, "Head": rep.Head}))
		label.Importance = widget.SuccessImportance
	} else {
		s.verdict.SetTitle(i18n.L("audit.verdict_bad"))
		label.SetText(i18n.L("audit.verify_bad", map[string]any{"Rows": rep.Rows, "Seq": rep.FirstBad, "Reason": rep.Reason}))
		label.Importance = widget.DangerImportance
	}
	s.verdict.SetSubTitle(time.Now().Format("2006-01-02 15:04:05"))
	s.verdict.SetContent(label)
	s.verdict.Show()
	s.load()
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}
