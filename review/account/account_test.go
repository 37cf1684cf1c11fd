package account_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/review/workspace"
)

var cheap = account.KDF{Time: 1, MemoryKiB: 64, Threads: 1}

var migrations = []workspace.Migration{{Version: 1, Name: "test", SQL: account.Schema + audit.Schema}}

type fixture struct {
	t     testing.TB
	db    *workspace.DB
	store *account.Store
	now   time.Time
	ctx   context.Context
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	db, err := workspace.Open(filepath.Join(t.TempDir(), "ws.db"), migrations)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{t: t, db: db, now: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC), ctx: context.Background()}
	f.store = account.New(db, account.WithKDF(cheap), account.WithClock(func() time.Time { return f.now }))
	return f
}

var admins = [3]account.NewUser{
	{Name: "sys", FullName: "王建国", Password: "Sys-pass-1"},
	{Name: "sec", FullName: "李敏", Password: "Sec-pass-1"},
	{Name: "aud", FullName: "赵静", Password: "Aud-pass-1"},
}

// setup creates the administrators and returns their sessions.
func (f *fixture) setup() (sys, sec, aud *account.Session) {
	f.t.Helper()
	if err := f.store.Setup(f.ctx, admins); err != nil {
		f.t.Fatal(err)
	}
	return f.signIn("sys", "Sys-pass-1"), f.signIn("sec", "Sec-pass-1"), f.signIn("aud", "Aud-pass-1")
}

func (f *fixture) signIn(name, pw string) *account.Session {
	f.t.Helper()
	s, err := f.store.SignIn(f.ctx, name, pw)
	if err != nil {
		f.t.Fatalf("sign in %s: %v", name, err)
	}
	return s
}

// user creates a content user with roles through sysadmin and secadmin.
func (f *fixture) user(sys, sec *account.Session, name string, roles ...account.Role) int64 {
	f.t.Helper()
	id, err := f.store.Create(f.ctx, sys, account.NewUser{Name: name, FullName: name + "全名", Password: "Start-pw-1"})
	if err != nil {
		f.t.Fatal(err)
	}
	for _, r := range roles {
		if err := f.store.Grant(f.ctx, sec, id, r); err != nil {
			f.t.Fatalf("grant %s: %v", r, err)
		}
	}
	return id
}

func (f *fixture) actions() []string {
	f.t.Helper()
	rows, err := audit.List(f.ctx, f.db.SQL, audit.Filter{Limit: 1000})
	if err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for i := len(rows) - 1; i >= 0; i-- {
		out = append(out, rows[i].Action)
	}
	return out
}

func TestSetupRequiresThreeDifferentPeople(t *testing.T) {
	tests := []struct {
		name   string
		change func(*[3]account.NewUser)
		want   error
	}{
		{"same login name", func(a *[3]account.NewUser) { a[2].Name = "SYS" }, account.ErrSamePerson},
		{"same person", func(a *[3]account.NewUser) { a[1].FullName = a[0].FullName }, account.ErrSamePerson},
		{"weak password", func(a *[3]account.NewUser) { a[0].Password = "short" }, nil},
		{"no full name", func(a *[3]account.NewUser) { a[0].FullName = " " }, account.ErrNoFullName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			a := admins
			tt.change(&a)
			err := f.store.Setup(f.ctx, a)
			var pe *account.PolicyError
			if tt.want == nil && !errors.As(err, &pe) || tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("Setup = %v, want %v", err, tt.want)
			}
			if n, _ := f.store.Count(f.ctx); n != 0 {
				t.Fatalf("%d accounts created by a refused setup", n)
			}
		})
	}
}

func TestSetupOnlyOnce(t *testing.T) {
	f := newFixture(t)
	f.setup()
	other := admins
	for i := range other {
		other[i].Name += "2"
		other[i].FullName += "二"
	}
	if err := f.store.Setup(f.ctx, other); !errors.Is(err, account.ErrSetupDone) {
		t.Fatalf("second Setup = %v, want ErrSetupDone", err)
	}
}

func TestRoleMatrix(t *testing.T) {
	f := newFixture(t)
	sys, sec, aud := f.setup()
	tests := []struct {
		who  *account.Session
		may  []account.Permission
		mayN []account.Permission
	}{
		{sys, []account.Permission{account.ManageAccounts, account.ManageWorkspace},
			[]account.Permission{account.ManageRoles, account.ReadAudit, account.ReviewTier1, account.ReviewTier3, account.WriteDraft, account.ReviewSecrecy}},
		{sec, []account.Permission{account.ManageRoles, account.ManageLexicons, account.ManagePolicies},
			[]account.Permission{account.ManageAccounts, account.ReadAudit, account.ReviewTier2, account.ReviewSecrecy, account.ManageArchive}},
		{aud, []account.Permission{account.ReadAudit, account.VerifyAudit},
			[]account.Permission{account.ManageAccounts, account.ManageRoles, account.ReviewTier3, account.WriteDraft}},
	}
	for _, tt := range tests {
		for _, p := range tt.may {
			if !tt.who.User.Can(p) {
				t.Errorf("%s cannot %s", tt.who.User.Name, p)
			}
		}
		for _, p := range tt.mayN {
			if tt.who.User.Can(p) {
				t.Errorf("%s can %s", tt.who.User.Name, p)
			}
		}
	}
	approver := account.User{Roles: []account.Role{account.Approver2, account.Secrecy}}
	if !approver.Can(account.ReviewTier2) || !approver.Can(account.ReviewSecrecy) || approver.Can(account.ReviewTier3) {
		t.Error("content roles do not combine as expected")
	}
}

func TestNoAdministratorCanApproveContent(t *testing.T) {
	for _, r := range account.AdminRoles {
		for _, p := range []account.Permission{account.ReviewTier1, account.ReviewTier2, account.ReviewTier3,
			account.ReviewSecrecy, account.WriteDraft, account.ManageArchive} {
			if account.Allows([]account.Role{r}, p) {
				t.Errorf("%s has content right %s", r, p)
			}
		}
	}
}

func TestAdministratorRolesAreExclusive(t *testing.T) {
	f := newFixture(t)
	sys, sec, _ := f.setup()
	id := f.user(sys, sec, "editor", account.Author)
	if err := f.store.Grant(f.ctx, sec, id, account.Auditor); !errors.Is(err, account.ErrAdminExclusive) {
		t.Fatalf("grant auditor to an author = %v, want ErrAdminExclusive", err)
	}
	admin, _ := f.store.Create(f.ctx, sys, account.NewUser{Name: "sys2", FullName: "备份管理员", Password: "Start-pw-1"})
	if err := f.store.Grant(f.ctx, sec, admin, account.SysAdmin); err != nil {
		t.Fatal(err)
	}
	for _, r := range []account.Role{account.SecAdmin, account.Approver1} {
		if err := f.store.Grant(f.ctx, sec, admin, r); !errors.Is(err, account.ErrAdminExclusive) {
			t.Errorf("grant %s to a sysadmin = %v, want ErrAdminExclusive", r, err)
		}
	}
}

func TestOnlyTheRightAdministratorActs(t *testing.T) {
	f := newFixture(t)
	sys, sec, aud := f.setup()
	id := f.user(sys, sec, "editor")
	forbidden := []struct {
		name string
		err  error
	}{
		{"secadmin creates", second(f.store.Create(f.ctx, sec, account.NewUser{Name: "x1", FullName: "x", Password: "Start-pw-1"}))},
		{"auditor creates", second(f.store.Create(f.ctx, aud, account.NewUser{Name: "x2", FullName: "x", Password: "Start-pw-1"}))},
		{"sysadmin grants", f.store.Grant(f.ctx, sys, id, account.Approver3)},
		{"auditor grants", f.store.Grant(f.ctx, aud, id, account.Approver3)},
		{"secadmin disables", f.store.SetDisabled(f.ctx, sec, id, true)},
		{"secadmin resets", f.store.ResetPassword(f.ctx, sec, id, "New-pass-99")},
		{"sysadmin sets policy", f.store.SetPolicy(f.ctx, sys, account.DefaultPolicy)},
		{"nobody", f.store.Grant(f.ctx, nil, id, account.Author)},
	}
	for _, tt := range forbidden {
		if !errors.Is(tt.err, account.ErrForbidden) {
			t.Errorf("%s: %v, want ErrForbidden", tt.name, tt.err)
		}
	}
	if err := f.store.SetDisabled(f.ctx, sys, sys.User.ID, true); !errors.Is(err, account.ErrSelf) {
		t.Errorf("sysadmin disables self = %v, want ErrSelf", err)
	}
	if err := f.store.Revoke(f.ctx, sec, aud.User.ID, account.Auditor); !errors.Is(err, account.ErrLastAdmin) {
		t.Errorf("revoke the only auditor = %v, want ErrLastAdmin", err)
	}
}

func second[T any](_ T, err error) error { return err }

func TestRevokedRoleStopsAtOnce(t *testing.T) {
	f := newFixture(t)
	sys, sec, _ := f.setup()
	id := f.user(sys, sec, "sec2", account.SecAdmin)
	other := f.signIn("sec2", "Start-pw-1")
	if err := f.store.Revoke(f.ctx, sec, id, account.SecAdmin); err != nil {
		t.Fatal(err)
	}
	// other's session still lists SecAdmin, but the store re-reads roles.
	if err := f.store.Grant(f.ctx, other, sys.User.ID, account.Author); !errors.Is(err, account.ErrForbidden) {
		t.Fatalf("revoked secadmin grants = %v, want ErrForbidden", err)
	}
}
