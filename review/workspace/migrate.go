package workspace

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// Migration is one step of the workspace schema. The schema version is
// kept in PRAGMA user_version.
type Migration struct {
	Version int    // 1 for the first migration, then 2, 3, ... without gaps
	Name    string // short description, shown in errors
	SQL     string // may hold several statements
}

// sortMigrations returns a sorted copy of ms and rejects a list whose
// versions are not exactly 1..N: a gap or a duplicate would let two builds
// disagree about what a version number means.
func sortMigrations(ms []Migration) ([]Migration, error) {
	sorted := slices.Clone(ms)
	slices.SortStableFunc(sorted, func(a, b Migration) int { return a.Version - b.Version })
	for i, m := range sorted {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migrations: found version %d where %d was expected; versions must run 1..%d without gaps or duplicates",
				m.Version, i+1, len(sorted))
		}
		if strings.TrimSpace(m.SQL) == "" {
			return nil, fmt.Errorf("migrations: version %d (%s) has no SQL", m.Version, m.Name)
		}
	}
	return sorted, nil
}

// migrate brings the schema up to the last migration. Every pending step
// and the new user_version commit in one transaction, so a failure leaves
// the workspace exactly at its old version.
func (db *DB) migrate(ctx context.Context, ms []Migration) (int, error) {
	var version int
	err := db.Write(ctx, func(tx *sql.Tx) error {
		v, err := userVersion(ctx, tx)
		if err != nil {
			return err
		}
		// Checked again inside the write lock: another process may have
		// upgraded the file since inspect looked at it.
		if v > len(ms) {
			return &TooNewError{Found: v, Supported: len(ms)}
		}
		for _, m := range ms[v:] {
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return fmt.Errorf("migration %d (%s): %w", m.Version, m.Name, err)
			}
		}
		version = len(ms)
		if version == v {
			return nil
		}
		// PRAGMA takes no bound parameters; version is an int we computed.
		_, err = tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("upgrade workspace %s: %w", db.Path, err)
	}
	return version, nil
}
