package review

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"shenfa/archive/pki"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

// demoUnit is the demo's unit, named in its certificates (O=).
const demoUnit = "江城市人民政府办公室"

// seedDemoCertificates makes the workspace CA and has secadmin issue a
// document-signing certificate to every demo user with a content role, as
// a real security administrator does when granting such a role.
func (w *Workspace) seedDemoCertificates(ctx context.Context, sec *account.Session) error {
	if err := w.DB.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES(?, ?)`, pki.SettingUnit, demoUnit)
		return err
	}); err != nil {
		return err
	}
	if _, err := w.PKI.EnsureCA(ctx); err != nil {
		return fmt.Errorf("demo CA: %w", err)
	}
	a, err := w.PKI.Unlock(ctx, sec, demoPassword("secadmin"))
	if err != nil {
		return fmt.Errorf("demo CA: %w", err)
	}
	users, err := w.Accounts.List(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		if !isContentUser(u) {
			continue
		}
		if err := w.DB.Write(ctx, func(tx *sql.Tx) error { _, err := a.Issue(ctx, tx, u.ID); return err }); err != nil {
			return fmt.Errorf("demo certificate of %s: %w", u.Name, err)
		}
	}
	return nil
}

func isContentUser(u account.User) bool {
	for _, r := range account.ContentRoles {
		if u.Has(r) {
			return true
		}
	}
	return false
}

// seedDemoRecords has the archivist seal every approved demo draft, so that
// the 归档 screen opens on real records, each with its signed PDF.
func (w *Workspace) seedDemoRecords(ctx context.Context) error {
	arch, err := w.signInDemo(ctx, "archivist")
	if err != nil {
		return err
	}
	queue, err := w.Archive.Queue(ctx, arch)
	if err != nil {
		return err
	}
	// Newest draft first, so that the records' order never depends on how
	// fast the machine signed the demo (drafts approved in the same second).
	slices.SortFunc(queue, func(a, b drafts.Draft) int { return cmp.Compare(b.ID, a.ID) })
	for _, d := range queue {
		if err := w.Archive.Sealable(ctx, d.ID); err != nil {
			continue // the queue lists drafts the archivist must look at; the demo seals only clean ones
		}
		if _, err := w.Archive.Seal(ctx, arch, demoPassword("archivist"), d.ID); err != nil {
			return fmt.Errorf("demo record of %q: %w", d.Title, err)
		}
	}
	return nil
}
