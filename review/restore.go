package review

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/review/workspace"
)

// Restore replaces the workspace at dest with the backup at src after
// checking the backup (SQLite, undamaged, not from a newer Shenfa, intact
// audit chain). The person restoring proves to be a sysadmin of the current
// workspace, or of the backup when the current one cannot be opened; the
// backup itself is never written. The previous file is kept beside dest and
// its path returned. Both workspaces record the restore.
func Restore(ctx context.Context, src, dest, name, password string, opts ...account.Option) (string, error) {
	if _, err := workspace.Check(src, Migrations); err != nil {
		return "", fmt.Errorf("backup %s: %w", src, err)
	}
	if err := withReadOnly(src, func(db *sql.DB) error { return checkBackup(ctx, db) }); err != nil {
		return "", fmt.Errorf("backup %s: %w", src, err)
	}
	if err := announceRestore(ctx, src, dest, name, password, opts); err != nil {
		return "", err
	}
	previous, err := workspace.Restore(src, dest, Migrations)
	if err != nil {
		return "", fmt.Errorf("restore %s: %w", src, err)
	}
	detail := "restored"
	if previous != "" {
		detail += "; previous workspace kept as " + previous
	}
	return previous, appendRestore(ctx, dest, name, src, detail)
}

// ErrBackupChain reports a backup whose audit trail does not verify.
var ErrBackupChain = errors.New("the backup's audit trail does not verify")

func withReadOnly(path string, fn func(*sql.DB) error) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}

// checkBackup refuses a backup whose audit chain was tampered with.
func checkBackup(ctx context.Context, db *sql.DB) error {
	rep, err := audit.Verify(ctx, db)
	if err != nil {
		return err
	}
	if !rep.OK {
		return fmt.Errorf("row %d: %s: %w", rep.FirstBad, rep.Reason, ErrBackupChain)
	}
	return nil
}

// announceRestore signs in to the current workspace and records the request
// there before anything is replaced; if the current workspace cannot be
// opened, the restorer must be a sysadmin of the backup instead.
func announceRestore(ctx context.Context, src, dest, name, password string, opts []account.Option) error {
	if _, err := workspace.Check(dest, Migrations); err != nil {
		return withReadOnly(src, func(db *sql.DB) error {
			u, err := account.Verify(ctx, db, name, password)
			if err == nil && !u.Can(account.ManageWorkspace) {
				err = account.ErrForbidden
			}
			return err
		})
	}
	w, err := Open(dest, opts...)
	if err != nil {
		return err
	}
	defer w.Close()
	sess, err := w.Accounts.SignIn(ctx, name, password)
	if err != nil {
		return err
	}
	if !sess.User.Can(account.ManageWorkspace) {
		return account.ErrForbidden
	}
	return appendTo(ctx, w, name, src, "requested")
}

func appendRestore(ctx context.Context, path, name, src, detail string) error {
	w, err := Open(path)
	if err != nil {
		return err
	}
	defer w.Close()
	return appendTo(ctx, w, name, src, detail)
}

func appendTo(ctx context.Context, w *Workspace, name, src, detail string) error {
	return w.DB.Write(ctx, func(tx *sql.Tx) error {
		_, err := audit.Append(ctx, tx, audit.Event{Actor: name, Action: audit.ActionRestore, Target: src, Detail: detail})
		return err
	})
}
