// Package review is the working set of a Shenfa workspace: it opens the one
// SQLite file, upgrades its schema, and ties accounts to the audit trail for
// the workspace-wide actions (backup, restore, audit verification).
package review

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"shenfa/archive"
	"shenfa/archive/pki"
	"shenfa/archive/recordpdf"
	"shenfa/archive/rescan"
	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/review/drafts"
	"shenfa/review/lexicons"
	"shenfa/review/policy"
	"shenfa/review/stats"
	"shenfa/review/workspace"
	"shenfa/sensitive"
)

// Migrations is the schema history of a workspace, oldest first.
var Migrations = []workspace.Migration{
	{Version: 1, Name: "accounts, settings and audit trail", SQL: account.Schema + audit.Schema},
	{Version: 2, Name: "lexicons", SQL: lexicons.Schema},
	{Version: 3, Name: "lexicon origins and trusted publishers", SQL: lexicons.OriginSchema},
	{Version: 4, Name: "review policies, channels, drafts, sign-offs and comments",
		SQL: policy.Schema + drafts.Schema + drafts.CommentsSchema},
	{Version: 5, Name: "archive records", SQL: archive.Schema},
	{Version: 6, Name: "workspace CA and document-signing certificates", SQL: pki.Schema},
	{Version: 7, Name: "archive re-scan reports", SQL: rescan.Schema},
	{Version: 8, Name: "statistics: indexes, summaries and their triggers", SQL: stats.Schema},
}

// Workspace is an open workspace.
type Workspace struct {
	DB       *workspace.DB
	Accounts *account.Store
	Lexicons *lexicons.Store
	Drafts   *drafts.Store
	PKI      *pki.Store     // the workspace CA and the certificates records are signed with
	Archive  *archive.Store // sealed records, rendered by recordpdf and signed through PKI
	checkers checkerCache
}

// Open opens (creating if needed) the workspace at path, upgrades it, and
// gives a workspace without lexicons the default ones.
func Open(path string, opts ...account.Option) (*Workspace, error) {
	db, err := workspace.Open(path, Migrations)
	if err != nil {
		return nil, err
	}
	w := &Workspace{DB: db, Accounts: account.New(db, opts...), Lexicons: lexicons.New(db)}
	w.Drafts = drafts.New(db, w.Accounts, drafts.WorkspacePolicies{}, w.draftChecker)
	w.PKI = pki.New(db, w.Accounts)
	w.Archive = archive.New(db, w.Accounts, w.Drafts, recordpdf.Renderer{}, w.PKI.Signer())
	if err := w.seedLexicons(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	if err := w.seedPolicy(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return w, nil
}

// seedLexicons stores the default lexicons once. They are parsed only when
// needed, which keeps opening an existing workspace quick.
func (w *Workspace) seedLexicons(ctx context.Context) error {
	n, err := w.Lexicons.Count(ctx)
	if err != nil || n > 0 {
		return err
	}
	defaults, err := sensitive.DefaultLexicons()
	if err != nil {
		return fmt.Errorf("default lexicons: %w", err)
	}
	return w.Lexicons.Seed(ctx, defaults)
}

// seedPolicy stores the default review policy once.
func (w *Workspace) seedPolicy(ctx context.Context) error {
	if _, _, err := policy.Current(ctx, w.DB.SQL); !errors.Is(err, policy.ErrNoPolicy) {
		return err
	}
	return w.DB.Write(ctx, func(tx *sql.Tx) error {
		_, err := policy.SeedDefault(ctx, tx)
		return err
	})
}

// Close closes the workspace file.
func (w *Workspace) Close() error { return w.DB.Close() }

// Setting returns a workspace setting, or "" when it is not set.
func (w *Workspace) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := w.DB.SQL.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// Backup writes a consistent copy of the live workspace to dest (sysadmin)
// and records it, with the copy's SHA-256, in the audit trail.
func (w *Workspace) Backup(ctx context.Context, sess *account.Session, dest string) (string, error) {
	if !sess.User.Can(account.ManageWorkspace) {
		return "", account.ErrForbidden
	}
	sum, err := w.DB.Backup(ctx, dest)
	if err != nil {
		return "", fmt.Errorf("backup to %s: %w", dest, err)
	}
	err = w.DB.Write(ctx, func(tx *sql.Tx) error {
		if _, err := account.Authorize(ctx, tx, sess, account.ManageWorkspace); err != nil {
			return err
		}
		_, err := audit.Append(ctx, tx, audit.Event{Actor: sess.User.Name, Action: audit.ActionBackup,
			Target: dest, Detail: "sha256 " + sum})
		return err
	})
	return sum, err
}

// AuditTrail returns one page of the audit trail and the number of matching
// rows (auditor).
func (w *Workspace) AuditTrail(ctx context.Context, sess *account.Session, f audit.Filter) ([]audit.Entry, int, error) {
	if !sess.User.Can(account.ReadAudit) {
		return nil, 0, account.ErrForbidden
	}
	n, err := audit.Count(ctx, w.DB.SQL, f)
	if err != nil {
		return nil, 0, err
	}
	rows, err := audit.List(ctx, w.DB.SQL, f)
	return rows, n, err
}

// VerifyAudit walks the audit chain (auditor) and records that it did, with
// the result, so that a verification is itself on the record.
func (w *Workspace) VerifyAudit(ctx context.Context, sess *account.Session) (audit.Report, error) {
	if !sess.User.Can(account.VerifyAudit) {
		return audit.Report{}, account.ErrForbidden
	}
	rep, err := audit.Verify(ctx, w.DB.SQL)
	if err != nil {
		return rep, err
	}
	err = w.DB.Write(ctx, func(tx *sql.Tx) error {
		_, err := audit.Append(ctx, tx, audit.Event{Actor: sess.User.Name, Action: audit.ActionAuditVerify,
			Detail: reportDetail(rep)})
		return err
	})
	return rep, err
}

func reportDetail(r audit.Report) string {
	if r.OK {
		return fmt.Sprintf("ok: %d rows, head %s", r.Rows, r.Head)
	}
	return fmt.Sprintf("FAILED at row %d: %s", r.FirstBad, r.Reason)
}

// DefaultPath is the workspace file in the app's storage folder, where the
// desktop app keeps its data (Fyne's storage root for org.shenfa.desktop).
func DefaultPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "fyne", AppID, "workspace.db")
}

// AppID is the application ID shared by FyneApp.toml and the storage folder.
const AppID = "org.shenfa.desktop"

// SignOut records that the user left.
func (w *Workspace) SignOut(ctx context.Context, sess *account.Session) error {
	return w.record(ctx, sess, audit.ActionSignOut, "")
}

// Lock records that the desktop app locked the user's session.
func (w *Workspace) Lock(ctx context.Context, sess *account.Session, why string) error {
	return w.record(ctx, sess, audit.ActionIdleLock, why)
}

func (w *Workspace) record(ctx context.Context, sess *account.Session, action, detail string) error {
	return w.DB.Write(ctx, func(tx *sql.Tx) error {
		_, err := audit.Append(ctx, tx, audit.Event{Actor: sess.User.Name, Action: action, Target: sess.User.Name, Detail: detail})
		return err
	})
}
