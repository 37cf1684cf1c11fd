package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"fyne.io/fyne/v2/test"

	"shenfa/app/i18n"
	"shenfa/review/account"
)

func TestSignInScreenMarkup(t *testing.T) {
	u := demoUI(t)
	test.AssertRendersToMarkup(t, "signin.xml", u.win.Canvas())
}

func TestSignInWrongPasswordThenRight(t *testing.T) {
	u := demoUI(t)
	signInAs(t, u, "author", "Wrong-pw-1")
	eventually(t, "the error message", func() bool { return label(t, u, i18n.Message(account.ErrBadCredentials)) != nil })
	if u.sess != nil {
		t.Fatal("signed in with a wrong password")
	}
	signInAs(t, u, "", "Author@2026") // the name is still there
	eventually(t, "the main window", func() bool { return u.sess != nil })
	if b := button(t, u, i18n.L("action.sign_out")); b == nil {
		t.Fatal("no sign-out button after sign-in")
	}
}

func TestLockoutShownAtSignIn(t *testing.T) {
	u := demoUI(t)
	entry(t, u, i18n.L("field.username")).SetText("author")
	for range account.DefaultPolicy.MaxFailures {
		signInAs(t, u, "", "Wrong-pw-1")
		eventually(t, "the form to come back", func() bool { return !button(t, u, i18n.L("action.sign_in")).Disabled() })
	}
	shown := find(t, u, func(l *widget.Label) bool {
		return l.Visible() && strings.HasPrefix(l.Text, "登录失败次数过多")
	})
	if shown == nil || u.sess != nil {
		t.Fatal("no lockout message after five failures")
	}
}
