package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/account"
)

// adminForm collects one of the three administrators at first start.
type adminForm struct {
	name, fullName, password, again *widget.Entry
}

func newAdminForm() *adminForm {
	f := &adminForm{widget.NewEntry(), widget.NewEntry(), passwordEntry(), passwordEntry()}
	f.name.SetPlaceHolder(i18n.L("field.username_hint"))
	f.fullName.SetPlaceHolder(i18n.L("field.full_name"))
	return f
}

func (f *adminForm) card(role account.Role) fyne.CanvasObject {
	form := widget.NewForm(formRow(i18n.L("field.username"), f.name), formRow(i18n.L("field.full_name"), f.fullName),
		formRow(i18n.L("field.password"), f.password), formRow(i18n.L("field.repeat_password"), f.again))
	return widget.NewCard(i18n.L("role."+string(role)), i18n.L("role."+string(role)+".duty"), form)
}

func (f *adminForm) user() account.NewUser {
	return account.NewUser{Name: f.name.Text, FullName: f.fullName.Text, Password: f.password.Text}
}

// setupScreen creates the three administrators, or makes this a demo workspace.
func (u *ui) setupScreen() fyne.CanvasObject {
	var forms [3]*adminForm
	cards := container.NewGridWithColumns(3)
	for i, r := range account.AdminRoles {
		forms[i] = newAdminForm()
		cards.Add(forms[i].card(r))
	}
	msg := errorLabel()
	progress := widget.NewProgressBarInfinite()
	progress.Hide()
	var create, demo *widget.Button
	run := func(work func() error) {
		create.Disable()
		demo.Disable()
		progress.Show()
		background(work, func(err error) {
			create.Enable()
			demo.Enable()
			progress.Hide()
			showError(msg, err)
			if err == nil {
				u.showSignIn()
			}
		})
	}
	create = widget.NewButton(i18n.L("setup.create"), func() {
		admins, ok := collectAdmins(forms, msg)
		if ok {
			run(func() error { return u.ws.Accounts.Setup(u.ctx(), admins) })
		}
	})
	create.Importance = widget.HighImportance
	demo = widget.NewButton(i18n.L("setup.demo"), func() { run(func() error { return u.ws.SetupDemo(u.ctx()) }) })
	intro := widget.NewLabel(i18n.L("setup.intro"))
	intro.Wrapping = wrapping()
	demoText := widget.NewLabel(i18n.L("setup.demo_hint"))
	demoText.Wrapping = wrapping()
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		container.NewHBox(iconImage(56), heading(i18n.L("setup.title"))), intro, cards,
		container.NewHBox(create), msg, progress, widget.NewSeparator(), demoText, container.NewHBox(demo),
		container.NewHBox(languageSwitch(u)))))
}

func collectAdmins(forms [3]*adminForm, msg *widget.Label) ([3]account.NewUser, bool) {
	var admins [3]account.NewUser
	for i, f := range forms {
		if f.password.Text != f.again.Text {
			msg.SetText(i18n.L("password.mismatch_for", map[string]any{"Role": i18n.L("role." + string(account.AdminRoles[i]))}))
			msg.Show()
			return admins, false
		}
		admins[i] = f.user()
	}
	return admins, true
}
