package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"shenfa/app/i18n"
	"shenfa/review/audit"
)

func TestIdleLockAsksForThePasswordAgain(t *testing.T) {
	u := signedIn(t, "author", "Author@2026")
	u.lockIdle()
	if button(t, u, i18n.L("action.sign_out")) == nil || button(t, u, i18n.L("action.unlock")) == nil {
		t.Fatal("the lock screen is not shown")
	}
	if label(t, u, i18n.L("lock.hint", map[string]any{"Name": "陈晓"})) == nil {
		t.Fatal("the lock screen does not name the signed-in user")
	}
	test.Type(entry(t, u, i18n.L("field.password")), "Wrong-pw-1")
	test.Tap(button(t, u, i18n.L("action.unlock")))
	if button(t, u, i18n.L("action.unlock")) == nil {
		t.Fatal("a wrong password unlocked the window")
	}
	test.Type(entry(t, u, i18n.L("field.password")), "Author@2026")
	test.Tap(button(t, u, i18n.L("action.unlock")))
	if button(t, u, i18n.L("action.lock")) == nil {
		t.Fatal("the right password did not unlock the window")
	}
	rows, _ := audit.List(u.ctx(), u.ws.DB.SQL, audit.Filter{Action: audit.ActionIdleLock, Limit: 5})
	if len(rows) != 1 {
		t.Fatalf("%d lock records, want 1", len(rows))
	}
}

func TestSetupScreenCreatesThreeAdministrators(t *testing.T) {
	a := test.NewTempApp(t)
	u := newUI(a, t.TempDir()+"/new.db", cheap)
	t.Cleanup(u.close)
	if button(t, u, i18n.L("setup.create")) == nil {
		t.Fatal("a new workspace does not show the setup screen")
	}
	names := []string{"wang", "li", "zhao"}
	people := []string{"王建国", "李敏", "李敏"} // two the same: refused
	entries := findAll(t, u)
	for i := range 3 {
		entries[i*4].SetText(names[i])
		entries[i*4+1].SetText(people[i])
		entries[i*4+2].SetText("Strong-pw-1")
		entries[i*4+3].SetText("Strong-pw-1")
	}
	test.Tap(button(t, u, i18n.L("setup.create")))
	if n, _ := u.ws.Accounts.Count(u.ctx()); n != 0 {
		t.Fatal("two administrators with the same person were accepted")
	}
	entries[9].SetText("赵静")
	test.Tap(button(t, u, i18n.L("setup.create")))
	if n, _ := u.ws.Accounts.Count(u.ctx()); n != 3 {
		t.Fatalf("%d accounts after setup, want 3", n)
	}
	if button(t, u, i18n.L("action.sign_in")) == nil {
		t.Fatal("setup does not lead to sign-in")
	}
}
