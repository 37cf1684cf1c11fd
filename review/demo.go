package review

import (
	"context"
	"database/sql"
	"fmt"

	"shenfa/review/account"
)

// DemoAccount is one account of the demo workspace. Its password is
// published (README, sign-in screen) so that a newcomer can try every role.
type DemoAccount struct {
	Name, FullName, Password string
	Role                     account.Role
}

// DemoAccounts lists the demo workspace's users, one for each role.
var DemoAccounts = []DemoAccount{
	{"sysadmin", "王建国", "Sysadmin@2026", account.SysAdmin},
	{"secadmin", "李敏", "Secadmin@2026", account.SecAdmin},
	{"auditor", "赵静", "Auditor@2026", account.Auditor},
	{"author", "陈晓", "Author@2026", account.Author},
	{"approver1", "刘洋", "Approver1@2026", account.Approver1},
	{"approver2", "孙丽", "Approver2@2026", account.Approver2},
	{"approver3", "周明", "Approver3@2026", account.Approver3},
	{"secrecy", "吴刚", "Secrecy@2026", account.Secrecy},
	{"archivist", "郑芳", "Archivist@2026", account.Archivist},
}

// SettingDemo marks a demo workspace, so that the app can say so.
const SettingDemo = "workspace.demo"

// DemoOption changes what SetupDemo puts into the demo workspace.
type DemoOption func(*demoSetup)

type demoSetup struct{ certificates, records, history bool }

// WithoutRecords leaves the demo's approved drafts unsealed, for tests that
// seal them themselves.
func WithoutRecords() DemoOption { return func(d *demoSetup) { d.records = false } }

// WithoutHistory leaves out the year of published drafts behind the
// statistics, for tests that count or seal every demo draft.
func WithoutHistory() DemoOption { return func(d *demoSetup) { d.history = false } }

// WithoutCertificates leaves the CA and the certificates out, as in a
// workspace made before records were signed; it implies WithoutRecords.
func WithoutCertificates() DemoOption {
	return func(d *demoSetup) { d.certificates, d.records = false, false }
}

// SetupDemo fills a new, empty workspace with the demo accounts, their
// certificates, drafts at every step of the workflow, the records sealed
// from the approved ones and a year of published drafts for the
// statistics. It goes through the same checks and audit trail as real
// administrators, approvers and archivists would.
func (w *Workspace) SetupDemo(ctx context.Context, opts ...DemoOption) error {
	setup := demoSetup{certificates: true, records: true, history: true}
	for _, o := range opts {
		o(&setup)
	}
	var admins [3]account.NewUser
	for i := range admins {
		a := DemoAccounts[i]
		admins[i] = account.NewUser{Name: a.Name, FullName: a.FullName, Password: a.Password}
	}
	if err := w.Accounts.Setup(ctx, admins); err != nil {
		return fmt.Errorf("demo administrators: %w", err)
	}
	sys, err := w.Accounts.SignIn(ctx, DemoAccounts[0].Name, DemoAccounts[0].Password)
	if err != nil {
		return err
	}
	sec, err := w.Accounts.SignIn(ctx, DemoAccounts[1].Name, DemoAccounts[1].Password)
	if err != nil {
		return err
	}
	for _, a := range DemoAccounts[3:] {
		if err := w.addDemoUser(ctx, sys, sec, a); err != nil {
			return err
		}
	}
	if setup.certificates {
		if err := w.seedDemoCertificates(ctx, sec); err != nil {
			return err
		}
	}
	cache, err := w.seedDemoDrafts(ctx)
	if err != nil {
		return err
	}
	if setup.records {
		if err := w.seedDemoRecords(ctx); err != nil {
			return err
		}
	}
	if setup.history {
		if err := w.seedDemoHistory(ctx, cache); err != nil {
			return err
		}
	}
	return w.DB.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES(?, '1')`, SettingDemo)
		return err
	})
}

// addDemoUser has sysadmin create the account and secadmin grant its role,
// as 三员分立 requires.
func (w *Workspace) addDemoUser(ctx context.Context, sys, sec *account.Session, a DemoAccount) error {
	id, err := w.Accounts.Create(ctx, sys, account.NewUser{Name: a.Name, FullName: a.FullName,
		Password: a.Password, KeepPassword: true})
	if err != nil {
		return fmt.Errorf("demo user %s: %w", a.Name, err)
	}
	return w.Accounts.Grant(ctx, sec, id, a.Role)
}

// IsDemo reports whether the workspace is a demo workspace.
func (w *Workspace) IsDemo(ctx context.Context) bool {
	v, err := w.Setting(ctx, SettingDemo)
	return err == nil && v == "1"
}
