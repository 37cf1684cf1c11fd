package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/account"
)

// createDialog asks sysadmin for a new account's name and first password.
func (s *usersScreen) createDialog() {
	name, full, pw, again := widget.NewEntry(), widget.NewEntry(), passwordEntry(), passwordEntry()
	name.SetPlaceHolder(i18n.L("field.username_hint"))
	items := []*widget.FormItem{formRow(i18n.L("field.username"), name), formRow(i18n.L("field.full_name"), full),
		formRow(i18n.L("field.initial_password"), pw), formRow(i18n.L("field.repeat_password"), again)}
	d := dialog.NewForm(i18n.L("users.create"), i18n.L("action.create"), i18n.L("action.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		if pw.Text != again.Text {
			s.done(i18n.ErrPasswordMismatch)
			return
		}
		n := account.NewUser{Name: name.Text, FullName: full.Text, Password: pw.Text}
		s.background(func() error {
			id, err := s.u.ws.Accounts.Create(s.u.ctx(), s.u.sess, n)
			s.selected = id
			return err
		})
	}, s.u.win)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
}

// resetDialog sets a temporary password; the user gets a new signing key.
func (s *usersScreen) resetDialog(user account.User) {
	pw, again := passwordEntry(), passwordEntry()
	note := widget.NewLabel(i18n.L("users.reset_hint"))
	note.Wrapping = wrapping()
	items := []*widget.FormItem{formRow("", note), formRow(i18n.L("field.initial_password"), pw),
		formRow(i18n.L("field.repeat_password"), again)}
	d := dialog.NewForm(i18n.L("users.reset_title", map[string]any{"Name": user.FullName}), i18n.L("users.reset"),
		i18n.L("action.cancel"), items, func(ok bool) {
			if !ok {
				return
			}
			if pw.Text != again.Text {
				s.done(i18n.ErrPasswordMismatch)
				return
			}
			s.background(func() error { return s.u.ws.Accounts.ResetPassword(s.u.ctx(), s.u.sess, user.ID, pw.Text) })
		}, s.u.win)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
}

// background runs an argon2-heavy account change with a progress dialog.
func (s *usersScreen) background(work func() error) {
	wait := dialog.NewCustomWithoutButtons(i18n.L("dialog.working"), widget.NewProgressBarInfinite(), s.u.win)
	wait.Show()
	background(work, func(err error) {
		wait.Hide()
		s.done(err)
	})
}
