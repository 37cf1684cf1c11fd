package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
)

// signInForm is the name-and-password form shared by sign-in and unlock.
type signInForm struct {
	name, password *widget.Entry
	button         *widget.Button
	progress       *widget.ProgressBarInfinite
	message        *widget.Label
}

func newSignInForm(label string, submit func()) *signInForm {
	f := &signInForm{name: widget.NewEntry(), password: passwordEntry(), message: errorLabel(),
		progress: widget.NewProgressBarInfinite()}
	f.name.SetPlaceHolder(i18n.L("field.username"))
	f.button = widget.NewButton(label, submit)
	f.button.Importance = widget.HighImportance
	f.name.OnSubmitted = func(string) { submit() }
	f.password.OnSubmitted = func(string) { submit() }
	f.progress.Hide()
	return f
}

// busy disables the form while argon2 runs.
func (f *signInForm) busy(on bool) {
	if on {
		f.button.Disable()
		f.progress.Show()
		f.progress.Start()
		return
	}
	f.button.Enable()
	f.progress.Stop()
	f.progress.Hide()
}

func (u *ui) showSignIn() {
	u.win.SetTitle(i18n.L("app.title"))
	content, name := u.signInScreen()
	u.win.SetContent(content)
	u.win.Canvas().Focus(name)
}

func (u *ui) signInScreen() (fyne.CanvasObject, fyne.Focusable) {
	var f *signInForm
	f = newSignInForm(i18n.L("action.sign_in"), func() { u.signIn(f) })
	form := widget.NewForm(formRow(i18n.L("field.username"), f.name), formRow(i18n.L("field.password"), f.password))
	box := container.NewVBox(
		container.NewHBox(iconImage(72), container.NewVBox(heading(i18n.L("app.name")), widget.NewLabel(i18n.L("app.tagline")))),
		widget.NewSeparator(), form, f.button, f.progress, f.message)
	if u.ws.IsDemo(u.ctx()) {
		box.Add(u.demoAccounts(f))
	}
	box.Add(container.NewHBox(languageSwitch(u)))
	return container.NewVScroll(card(460, box)), f.name
}

func (u *ui) signIn(f *signInForm) {
	name, password := f.name.Text, f.password.Text
	if name == "" || password == "" {
		showError(f.message, account.ErrBadCredentials)
		return
	}
	u.authenticate(f, func() (*account.Session, error) { return u.ws.Accounts.SignIn(u.ctx(), name, password) })
}

// authenticate runs a sign-in off the UI goroutine (argon2 takes half a
// second) and shows the result on the form.
func (u *ui) authenticate(f *signInForm, check func() (*account.Session, error)) {
	f.busy(true)
	var sess *account.Session
	background(func() (err error) {
		sess, err = check()
		return err
	}, func(err error) {
		f.busy(false)
		f.password.SetText("")
		showError(f.message, err)
		if err == nil {
			u.signedIn(sess)
		}
	})
}

// signedIn makes a new user choose a password before anything else.
func (u *ui) signedIn(sess *account.Session) {
	u.sess = sess
	if sess.User.MustChange {
		u.win.SetContent(u.mustChangeScreen())
		return
	}
	u.showMain()
}

// demoAccounts lists the demo users; choosing one fills in the form.
func (u *ui) demoAccounts(f *signInForm) fyne.CanvasObject {
	list := widget.NewList(func() int { return len(review.DemoAccounts) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			a := review.DemoAccounts[i]
			o.(*widget.Label).SetText(a.Name + "  ·  " + i18n.L("role."+string(a.Role)) + "  ·  " + a.Password)
		})
	list.OnSelected = func(i widget.ListItemID) {
		f.name.SetText(review.DemoAccounts[i].Name)
		f.password.SetText(review.DemoAccounts[i].Password)
	}
	size := canvas.NewRectangle(nil)
	size.SetMinSize(fyne.NewSize(0, 200))
	return widget.NewCard(i18n.L("demo.title"), i18n.L("demo.hint"), container.NewStack(size, list))
}

// mustChangeScreen asks for a new password after an administrator's reset.
func (u *ui) mustChangeScreen() fyne.CanvasObject {
	old, pw, again := passwordEntry(), passwordEntry(), passwordEntry()
	msg := errorLabel()
	var button *widget.Button
	button = widget.NewButton(i18n.L("action.change_password"), func() {
		if pw.Text != again.Text {
			msg.SetText(i18n.L("password.mismatch"))
			msg.Show()
			return
		}
		button.Disable()
		background(func() error {
			return u.ws.Accounts.ChangePassword(u.ctx(), u.sess, old.Text, pw.Text)
		}, func(err error) {
			button.Enable()
			showError(msg, err)
			if err == nil {
				u.sess.User.MustChange = false
				u.showMain()
			}
		})
	})
	button.Importance = widget.HighImportance
	form := widget.NewForm(formRow(i18n.L("field.current_password"), old),
		formRow(i18n.L("field.new_password"), pw), formRow(i18n.L("field.repeat_password"), again))
	return card(460, container.NewVBox(heading(i18n.L("password.must_change")),
		widget.NewLabel(i18n.L("password.must_change_hint")), form, button, msg))
}

func iconImage(size float32) *canvas.Image {
	img := canvas.NewImageFromResource(Icon)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(size, size))
	return img
}

// languageSwitch toggles between Chinese and English and redraws the screen.
func languageSwitch(u *ui) fyne.CanvasObject {
	names := []string{"简体中文", "English"}
	sel := widget.NewSelect(names, nil)
	sel.SetSelected(names[0])
	if i18n.Current() == i18n.English {
		sel.SetSelected(names[1])
	}
	sel.OnChanged = func(s string) {
		code := i18n.Chinese
		if s == names[1] {
			code = i18n.English
		}
		if code != i18n.Current() {
			u.setLanguage(code)
		}
	}
	return sel
}

// setLanguage stores the choice and rebuilds whatever is on screen.
func (u *ui) setLanguage(code string) {
	u.app.Preferences().SetString(prefLanguage, code)
	i18n.Use(code)
	u.win.SetTitle(i18n.L("app.title"))
	if u.sess == nil {
		u.showSignIn()
		return
	}
	u.showMain()
	u.navigate("settings") // the switch was made there
}
