package review_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/audit"
)

var cheap = account.WithKDF(account.KDF{Time: 1, MemoryKiB: 64, Threads: 1})

func demo(t *testing.T) (*review.Workspace, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ws.db")
	w, err := review.Open(path, cheap)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.SetupDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	return w, path
}

func signIn(t *testing.T, w *review.Workspace, name string) *account.Session {
	t.Helper()
	for _, a := range review.DemoAccounts {
		if a.Name == name {
			s, err := w.Accounts.SignIn(context.Background(), a.Name, a.Password)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
	}
	t.Fatalf("no demo account %s", name)
	return nil
}

func TestDemoHasEveryRole(t *testing.T) {
	w, _ := demo(t)
	defer w.Close()
	if !w.IsDemo(context.Background()) {
		t.Fatal("demo workspace not marked as demo")
	}
	users, err := w.Accounts.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	held := map[account.Role]bool{}
	for _, u := range users {
		if u.MustChange {
			t.Errorf("demo user %s must change the published password", u.Name)
		}
		for _, r := range u.Roles {
			held[r] = true
		}
	}
	for _, r := range account.AllRoles {
		if !held[r] {
			t.Errorf("no demo user holds %s", r)
		}
	}
}

func TestBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	w, path := demo(t)
	sys := signIn(t, w, "sysadmin")
	backup := filepath.Join(t.TempDir(), "backup.db")
	if _, err := w.Backup(ctx, signIn(t, w, "auditor"), backup); !errors.Is(err, account.ErrForbidden) {
		t.Fatalf("auditor backup = %v", err)
	}
	if _, err := w.Backup(ctx, sys, backup); err != nil {
		t.Fatal(err)
	}
	// A change after the backup, which the restore must undo.
	if _, err := w.Accounts.Create(ctx, sys, account.NewUser{Name: "late", FullName: "后来者", Password: "Late-pw-1"}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, err := review.Restore(ctx, backup, path, "auditor", "Auditor@2026", cheap); !errors.Is(err, account.ErrForbidden) {
		t.Fatalf("auditor restore = %v, want ErrForbidden", err)
	}
	previous, err := review.Restore(ctx, backup, path, "sysadmin", "Sysadmin@2026", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(previous); err != nil {
		t.Fatalf("previous workspace not kept: %v", err)
	}
	w, err = review.Open(path, cheap)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	users, _ := w.Accounts.List(ctx)
	for _, u := range users {
		if u.Name == "late" {
			t.Fatal("restore kept an account created after the backup")
		}
	}
	rows, _ := audit.List(ctx, w.DB.SQL, audit.Filter{Action: audit.ActionRestore, Limit: 10})
	if len(rows) == 0 {
		t.Fatal("restore not audited in the restored workspace")
	}
	if rep, _ := audit.Verify(ctx, w.DB.SQL); !rep.OK {
		t.Fatalf("restored audit chain: %+v", rep)
	}
}

func TestRestoreRefusesTamperedBackup(t *testing.T) {
	ctx := context.Background()
	w, path := demo(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if _, err := w.Backup(ctx, signIn(t, w, "sysadmin"), backup); err != nil {
		t.Fatal(err)
	}
	w.Close()
	db, err := sql.Open("sqlite", backup)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER IF EXISTS audit_no_update`, `DROP TRIGGER IF EXISTS audit_no_delete`} {
		db.Exec(q)
	}
	if _, err := db.Exec(`UPDATE audit SET actor = 'mallory' WHERE seq = 3`); err != nil {
		t.Fatalf("tamper: %v", err)
	}
	db.Close()
	before, _ := os.ReadFile(path)
	if _, err := review.Restore(ctx, backup, path, "sysadmin", "Sysadmin@2026", cheap); !errors.Is(err, review.ErrBackupChain) {
		t.Fatalf("restore of tampered backup = %v, want ErrBackupChain", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("a refused restore changed the workspace")
	}
}

func TestVerifyAuditIsAudited(t *testing.T) {
	ctx := context.Background()
	w, _ := demo(t)
	defer w.Close()
	if _, err := w.VerifyAudit(ctx, signIn(t, w, "sysadmin")); !errors.Is(err, account.ErrForbidden) {
		t.Fatalf("sysadmin verifies = %v", err)
	}
	rep, err := w.VerifyAudit(ctx, signIn(t, w, "auditor"))
	if err != nil || !rep.OK {
		t.Fatalf("verify = %+v, %v", rep, err)
	}
	rows, _, _ := w.AuditTrail(ctx, signIn(t, w, "auditor"), audit.Filter{Action: audit.ActionAuditVerify, Limit: 5})
	if len(rows) != 1 {
		t.Fatalf("%d verify rows, want 1", len(rows))
	}
}
