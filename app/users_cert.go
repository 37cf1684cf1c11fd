package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/archive/pki"
	"shenfa/review/account"
)

// A user with a content role signs archive records with a document-signing
// certificate from the workspace CA, whose key only a security
// administrator's password unwraps. So when secadmin grants a content role
// to someone without a usable certificate, the screen asks for that
// password right away and issues one; the grant stands either way.

// hasContentRole reports whether user holds any content role.
func hasContentRole(user account.User) bool {
	return slices.ContainsFunc(user.Roles, func(r account.Role) bool { return !r.Admin() })
}

// needsCertificate reports whether user is enabled, holds a content role
// and has no certificate that can sign now.
func (s *usersScreen) needsCertificate(user account.User) bool {
	if user.Disabled || !hasContentRole(user) || s.u.ws.PKI == nil {
		return false
	}
	_, err := s.u.ws.PKI.Usable(s.u.ctx(), user.ID)
	return errors.Is(err, pki.ErrNoCertificate)
}

// afterGrant offers a certificate once role r has been granted to user.
func (s *usersScreen) afterGrant(user account.User, r account.Role) {
	if !slices.Contains(account.ContentRoles, r) {
		return
	}
	user.Roles = append(slices.Clone(user.Roles), r)
	if s.needsCertificate(user) {
		s.certDialog(user, r)
	}
}

// certificateRow shows the user's certificate and, when they need one, a
// button that asks for the password and issues it.
func (s *usersScreen) certificateRow(user account.User) fyne.CanvasObject {
	if !hasContentRole(user) || s.u.ws.PKI == nil {
		return container.NewVBox()
	}
	title := i18n.L("users.cert") + "："
	c, err := s.u.ws.PKI.Usable(s.u.ctx(), user.ID)
	switch {
	case err == nil:
		return wrappedLabel(title+i18n.L("users.cert_valid", map[string]any{
			"Until": c.Cert.NotAfter.Local().Format("2006-01-02"), "Serial": fmt.Sprintf("%X", c.Cert.SerialNumber)}),
			widget.MediumImportance)
	case !errors.Is(err, pki.ErrNoCertificate):
		return wrappedLabel(title+i18n.Message(err), widget.DangerImportance)
	}
	none := wrappedLabel(title+i18n.L("users.cert_none"), widget.WarningImportance)
	if user.Disabled {
		return none
	}
	issue := widget.NewButton(i18n.L("users.cert_issue"), func() { s.certDialog(user, "") })
	return container.NewBorder(nil, nil, nil, issue, none)
}

// certDialog asks secadmin for their password and issues user a
// certificate in the background. A wrong password keeps the dialog open for
// another try; 暂不签发 leaves the user without one and says how to get it.
// granted is the role just granted, or "" when asked from the certificate row.
func (s *usersScreen) certDialog(user account.User, granted account.Role) {
	why := i18n.L("users.cert_prompt", map[string]any{"Name": user.FullName, "User": user.Name})
	if granted != "" {
		why = i18n.L("users.cert_granted", map[string]any{"Name": user.FullName, "Role": i18n.L("role." + string(granted))}) + why
	}
	pw, message := passwordEntry(), errorLabel()
	progress := widget.NewProgressBarInfinite()
	progress.Hide()
	body := container.NewVBox(wrappedLabel(why, widget.MediumImportance),
		widget.NewForm(formRow(i18n.L("field.password"), pw)), progress, message)
	d := dialog.NewCustomWithoutButtons(i18n.L("users.cert_title", map[string]any{"Name": user.FullName}), body, s.u.win)
	skip := widget.NewButton(i18n.L("users.cert_skip"), func() {
		d.Hide()
		s.message.SetText(i18n.L("users.cert_skipped", map[string]any{"Name": user.FullName, "User": user.Name}))
		s.message.Show()
	})
	var issue *widget.Button
	issue = widget.NewButton(i18n.L("users.cert_issue"), func() {
		s.u.touch()
		issue.Disable()
		skip.Disable()
		progress.Show()
		password := pw.Text
		background(func() error {
			_, err := s.u.ws.PKI.Issue(s.u.ctx(), s.u.sess, password, user.ID)
			return err
		}, func(err error) {
			progress.Hide()
			issue.Enable()
			skip.Enable()
			if err != nil {
				pw.SetText("")
				message.SetText(s.certMessage(err))
				message.Show()
				s.u.win.Canvas().Focus(pw)
				return
			}
			d.Hide()
			s.done(nil)
		})
	})
	issue.Importance = widget.HighImportance
	pw.OnSubmitted = func(string) {
		if !issue.Disabled() {
			issue.OnTapped()
		}
	}
	d.SetButtons([]fyne.CanvasObject{skip, issue})
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	s.u.win.Canvas().Focus(pw)
}

// certMessage explains why issuing failed and that skipping is possible.
func (s *usersScreen) certMessage(err error) string {
	switch {
	case errors.Is(err, account.ErrBadCredentials):
		return i18n.L("users.cert_wrong_password")
	case errors.Is(err, pki.ErrNoCopy):
		ca, _ := s.u.ws.PKI.Current(s.u.ctx())
		return i18n.L("error.ca_no_copy", map[string]any{"Holders": holderNames(ca.Holders)}) + i18n.L("users.cert_or_skip")
	}
	return i18n.Message(err) + i18n.L("users.cert_or_skip")
}

func holderNames(names []string) string {
	if len(names) == 0 {
		return i18n.L("cli.ca.nobody")
	}
	return strings.Join(names, "、")
}
