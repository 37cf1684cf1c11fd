package app

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/archive/pki"
	"shenfa/review/account"
)

const secadminPassword = "Secadmin@2026"

// usersAsSecadmin opens 用户与权限 as secadmin on a demo workspace with one
// more account, 新同事, who has no role and so no certificate yet.
func usersAsSecadmin(t *testing.T) (*ui, int64) {
	t.Helper()
	u := signedIn(t, "secadmin", secadminPassword)
	id, err := u.ws.Accounts.Create(u.ctx(), session(t, u, "sysadmin"),
		account.NewUser{Name: "newbie", FullName: "新同事", Password: "Newbie@2026"})
	if err != nil {
		t.Fatal(err)
	}
	u.navigate("users")
	return u, id
}

// selectUser selects name in the users list.
func selectUser(t *testing.T, u *ui, name string) {
	t.Helper()
	users, err := u.ws.Accounts.List(u.ctx())
	if err != nil {
		t.Fatal(err)
	}
	list := find(t, u, func(l *widget.List) bool { return l.Length() == len(users) })
	for i, user := range users {
		if user.Name == name {
			list.Select(i)
			return
		}
	}
	t.Fatalf("no user %s in the list", name)
}

func tick(t *testing.T, u *ui, role account.Role) {
	t.Helper()
	check := find(t, u, func(c *widget.Check) bool { return c.Text == i18n.L("role."+string(role)) })
	if check == nil || check.Checked {
		t.Fatalf("no unticked %s check box", role)
	}
	test.Tap(check)
}

func hasRole(t *testing.T, u *ui, id int64, role account.Role) bool {
	t.Helper()
	user, err := u.ws.Accounts.Get(u.ctx(), id)
	if err != nil {
		t.Fatal(err)
	}
	return user.Has(role)
}

// certPrompt returns the open certificate dialog's password entry, after
// checking that the dialog says whom the certificate is for and why.
func certPrompt(t *testing.T, u *ui, fullName string) *widget.Entry {
	t.Helper()
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no password dialog after granting a content role to a user without a certificate")
	}
	title := i18n.L("users.cert_title", map[string]any{"Name": fullName})
	why := i18n.L("users.cert_prompt", map[string]any{"Name": fullName, "User": "newbie"})
	if findIn(t, overlay(t, u), func(l *widget.Label) bool { return l.Text == title }) == nil ||
		findIn(t, overlay(t, u), func(l *widget.Label) bool { return strings.HasSuffix(l.Text, why) }) == nil {
		t.Fatalf("the dialog does not say %q and why", title)
	}
	pw := findIn(t, overlay(t, u), func(e *widget.Entry) bool { return e.Password })
	if pw == nil {
		t.Fatal("the certificate dialog has no password field")
	}
	return pw
}

func usable(t *testing.T, u *ui, id int64) bool {
	t.Helper()
	_, err := u.ws.PKI.Usable(u.ctx(), id)
	if err != nil && !errors.Is(err, pki.ErrNoCertificate) {
		t.Fatal(err)
	}
	return err == nil
}

func TestGrantingContentRoleIssuesCertificate(t *testing.T) {
	u, id := usersAsSecadmin(t)
	selectUser(t, u, "newbie")
	tick(t, u, account.Approver1)
	if !hasRole(t, u, id, account.Approver1) {
		t.Fatal("the role was not granted before the password was asked")
	}
	test.Type(certPrompt(t, u, "新同事"), secadminPassword)
	tapOverlayButton(t, u, i18n.L("users.cert_issue"))
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("the dialog stays open after the right password")
	}
	c, err := u.ws.PKI.Usable(u.ctx(), id)
	if err != nil {
		t.Fatalf("新同事 has no usable certificate after secadmin's password: %v", err)
	}
	shown := i18n.L("users.cert") + "：" + i18n.L("users.cert_valid", map[string]any{
		"Until": c.Cert.NotAfter.Local().Format("2006-01-02"), "Serial": fmt.Sprintf("%X", c.Cert.SerialNumber)})
	if label(t, u, shown) == nil {
		t.Errorf("the user's page does not show %q", shown)
	}
	tick(t, u, account.Approver2) // a second content role: the certificate serves
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("a password is asked although the user has a usable certificate")
	}
}

func TestWrongPasswordIssuesNothing(t *testing.T) {
	u, id := usersAsSecadmin(t)
	selectUser(t, u, "newbie")
	tick(t, u, account.Archivist)
	test.Type(certPrompt(t, u, "新同事"), "wrong-password")
	tapOverlayButton(t, u, i18n.L("users.cert_issue"))
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("a wrong password closed the dialog")
	}
	if overlayLabel(t, u, i18n.L("users.cert_wrong_password")) == nil {
		t.Error("a wrong password does not say so")
	}
	if usable(t, u, id) {
		t.Fatal("a wrong password issued a certificate")
	}
	tapOverlayButton(t, u, i18n.L("users.cert_skip"))
	if label(t, u, i18n.L("users.cert_skipped", map[string]any{"Name": "新同事", "User": "newbie"})) == nil {
		t.Error("skipping does not say how to get the certificate later")
	}
	if !hasRole(t, u, id, account.Archivist) || usable(t, u, id) {
		t.Fatal("skipping changed the grant or issued a certificate")
	}
	// Later, from the user's page: the retry goes through.
	issue := button(t, u, i18n.L("users.cert_issue"))
	if issue == nil {
		t.Fatal("the user's page offers no way to issue the missing certificate")
	}
	test.Tap(issue)
	test.Type(certPrompt(t, u, "新同事"), secadminPassword)
	tapOverlayButton(t, u, i18n.L("users.cert_issue"))
	if !usable(t, u, id) {
		t.Fatal("issuing from the user's page gave no certificate")
	}
}

func TestNoPromptWhereNoCertificateIsNeeded(t *testing.T) {
	tests := []struct {
		user string
		role account.Role
	}{
		{"author", account.Approver1}, // the demo issued the author one
		{"newbie", account.Auditor},   // administrators sign no records
	}
	for _, tt := range tests {
		t.Run(tt.user+"/"+string(tt.role), func(t *testing.T) {
			u, _ := usersAsSecadmin(t)
			selectUser(t, u, tt.user)
			tick(t, u, tt.role)
			if u.win.Canvas().Overlays().Top() != nil {
				t.Errorf("granting %s to %s asks for a certificate password", tt.role, tt.user)
			}
		})
	}
}
