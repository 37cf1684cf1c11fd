package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/account"
)

// settingsScreen: language and look for everyone, one's own password, and
// the security policy for secadmin.
func (u *ui) settingsScreen() fyne.CanvasObject {
	box := container.NewVBox(heading(i18n.L("nav.settings")),
		widget.NewCard(i18n.L("settings.appearance"), "", widget.NewForm(
			formRow(i18n.L("settings.language"), languageSwitch(u)),
			formRow(i18n.L("settings.theme"), u.themeSelect()))),
		widget.NewCard(i18n.L("settings.password"), "", u.passwordForm()))
	if u.sess.User.Can(account.ManagePolicies) {
		box.Add(widget.NewCard(i18n.L("settings.policy"), i18n.L("settings.policy_hint"), u.policyForm()))
	}
	box.Add(widget.NewCard(i18n.L("settings.workspace"), "", u.workspaceInfo()))
	return container.NewVScroll(container.NewPadded(box))
}

func (u *ui) themeSelect() fyne.CanvasObject {
	keys := []string{"", "light", "dark"}
	labels := []string{i18n.L("settings.theme_system"), i18n.L("settings.theme_light"), i18n.L("settings.theme_dark")}
	sel := widget.NewSelect(labels, nil)
	current := u.app.Preferences().String(prefTheme)
	for i, k := range keys {
		if k == current {
			sel.SetSelected(labels[i])
		}
	}
	sel.OnChanged = func(string) {
		u.app.Preferences().SetString(prefTheme, keys[sel.SelectedIndex()])
		applyTheme(u.app)
	}
	return sel
}

// passwordForm changes the user's own password and re-wraps their key.
func (u *ui) passwordForm() fyne.CanvasObject {
	old, pw, again := passwordEntry(), passwordEntry(), passwordEntry()
	msg, ok := errorLabel(), widget.NewLabel(i18n.L("settings.password_changed"))
	ok.Importance = widget.SuccessImportance
	ok.Hide()
	var save *widget.Button
	save = widget.NewButton(i18n.L("action.change_password"), func() {
		ok.Hide()
		if pw.Text != again.Text {
			showError(msg, i18n.ErrPasswordMismatch)
			return
		}
		save.Disable()
		background(func() error { return u.ws.Accounts.ChangePassword(u.ctx(), u.sess, old.Text, pw.Text) },
			func(err error) {
				save.Enable()
				showError(msg, err)
				if err == nil {
					old.SetText("")
					pw.SetText("")
					again.SetText("")
					ok.Show()
				}
			})
	})
	form := widget.NewForm(formRow(i18n.L("field.current_password"), old),
		formRow(i18n.L("field.new_password"), pw), formRow(i18n.L("field.repeat_password"), again))
	return container.NewVBox(form, container.NewHBox(save), msg, ok)
}

// policyForm edits the password, lockout and idle-lock policy (secadmin).
func (u *ui) policyForm() fyne.CanvasObject {
	p, err := u.ws.Accounts.Policy(u.ctx())
	msg, ok := errorLabel(), widget.NewLabel(i18n.L("settings.saved"))
	ok.Importance = widget.SuccessImportance
	ok.Hide()
	showError(msg, err)
	fields := []struct {
		key string
		v   *int
	}{{"policy.min_length", &p.MinLength}, {"policy.min_classes", &p.MinClasses},
		{"policy.max_failures", &p.MaxFailures}, {"policy.lockout_minutes", &p.LockoutMinutes},
		{"policy.idle_minutes", &p.IdleMinutes}}
	form := widget.NewForm()
	entries := make([]*widget.Entry, len(fields))
	for i, f := range fields {
		entries[i] = widget.NewEntry()
		entries[i].SetText(strconv.Itoa(*f.v))
		form.Append(i18n.L(f.key), entries[i])
	}
	save := widget.NewButton(i18n.L("action.save"), func() {
		ok.Hide()
		for i, f := range fields {
			n, err := strconv.Atoi(entries[i].Text)
			if err != nil {
				showError(msg, i18n.Errorf("error.not_a_number", map[string]any{"Field": i18n.L(f.key)}))
				return
			}
			*f.v = n
		}
		err := u.ws.Accounts.SetPolicy(u.ctx(), u.sess, p)
		showError(msg, err)
		if err == nil {
			ok.Show()
		}
	})
	return container.NewVBox(form, container.NewHBox(save), msg, ok)
}

func (u *ui) workspaceInfo() fyne.CanvasObject {
	path := widget.NewLabel(u.path)
	path.Wrapping = fyne.TextWrapBreak
	return widget.NewForm(formRow(i18n.L("settings.workspace_path"), path),
		formRow(i18n.L("settings.schema"), widget.NewLabel(strconv.Itoa(u.ws.DB.Version))))
}
