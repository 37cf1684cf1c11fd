package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/account"
)

func signedIn(t *testing.T, name, password string) *ui {
	t.Helper()
	u := demoUI(t)
	signInAs(t, u, name, password)
	eventually(t, "sign-in", func() bool { return u.sess != nil })
	return u
}

func TestNavigationFollowsRoles(t *testing.T) {
	tests := []struct {
		name, password string
		want           []string
	}{
		{"sysadmin", "Sysadmin@2026", []string{"users", "settings"}},
		{"secadmin", "Secadmin@2026", []string{"lexicons", "channels", "users", "settings"}},
		{"auditor", "Auditor@2026", []string{"audit", "settings"}},
		{"author", "Author@2026", []string{"check", "inbox", "drafts", "archive", "stats", "settings"}},
		{"archivist", "Archivist@2026", []string{"check", "archive", "stats", "settings"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := signedIn(t, tt.name, tt.password)
			var got []string
			for _, d := range visibleTo(u.sess.User) {
				got = append(got, d.key)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("navigation %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("navigation %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestUsersScreenForSysadmin(t *testing.T) {
	u := signedIn(t, "sysadmin", "Sysadmin@2026")
	test.AssertRendersToMarkup(t, "users_sysadmin.xml", u.win.Canvas())
	list := find(t, u, func(l *widget.List) bool { return l.Length() == 9 })
	if list == nil {
		t.Fatal("the users list does not show the nine demo accounts")
	}
	list.Select(5) // author, in name order
	disable := button(t, u, i18n.L("users.disable"))
	if disable == nil || button(t, u, i18n.L("users.reset")) == nil {
		t.Fatal("sysadmin sees no disable/reset actions")
	}
	if find(t, u, func(c *widget.Check) bool { return true }) != nil {
		t.Fatal("sysadmin may not grant roles but sees role checkboxes")
	}
}

func TestUsersScreenForSecadminGrantsRoles(t *testing.T) {
	u := signedIn(t, "secadmin", "Secadmin@2026")
	u.navigate("users")
	list := find(t, u, func(l *widget.List) bool { return l.Length() == 9 })
	list.Select(5) // author
	check := find(t, u, func(c *widget.Check) bool { return c.Text == i18n.L("role.approver1") })
	if check == nil || check.Checked {
		t.Fatal("no unchecked 初审 role for the author")
	}
	test.Tap(check)
	user, _ := u.ws.Accounts.List(u.ctx())
	if !user[5].Has("approver1") {
		t.Fatal("ticking 初审 did not grant the role")
	}
	if button(t, u, i18n.L("users.create")) != nil {
		t.Fatal("secadmin may not create accounts but sees the button")
	}
	auditorCheck := find(t, u, func(c *widget.Check) bool { return c.Text == i18n.L("role.auditor") })
	test.Tap(auditorCheck)
	if label(t, u, i18n.Message(account.ErrAdminExclusive)) == nil {
		t.Fatal("granting auditor to an author shows no message")
	}
}
