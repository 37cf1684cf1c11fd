// Package workspace opens, upgrades, backs up and restores the Shenfa
// workspace: one SQLite file that holds the whole working set.
//
// An existing file is inspected read-only before anything is allowed to
// write to it, so a damaged, truncated, foreign or newer file is reported
// and left exactly as it was.
package workspace

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotWorkspace reports a file that is not an SQLite database, or an
// SQLite database that was not made by Shenfa.
var ErrNotWorkspace = errors.New("not a Shenfa workspace")

// ErrDamaged reports a workspace that fails SQLite's consistency check or
// is truncated.
var ErrDamaged = errors.New("workspace is damaged")

// TooNewError reports a workspace written by a newer Shenfa.
type TooNewError struct {
	Found     int // schema version stored in the file
	Supported int // highest schema version this build knows
}

// Error names both versions so that the user knows what to install.
func (e *TooNewError) Error() string {
	return fmt.Sprintf("workspace schema version %d is newer than this Shenfa supports (version %d); install a newer Shenfa",
		e.Found, e.Supported)
}

// busyTimeoutMS bounds how long a statement waits for another connection's
// lock; writers in other processes hold it for milliseconds.
const busyTimeoutMS = 10000

// DB is an open workspace.
type DB struct {
	SQL     *sql.DB // pooled connections, all configured alike
	Path    string  // absolute path of the workspace file
	Version int     // schema version after Open

	// sem serialises writers of this process; a channel rather than a
	// mutex so that a waiting writer can give up when its context ends.
	sem chan struct{}

	// beforeCommit and afterCommit run around every commit when set: the
	// crash tests kill the process there.
	beforeCommit, afterCommit func()
}

// SetCommitHooks sets functions that run just before and just after every
// commit of Write. Only the crash tests use them, to stop the process at
// each commit point; set them before the first Write.
func (db *DB) SetCommitHooks(before, after func()) { db.beforeCommit, db.afterCommit = before, after }

// Open opens the workspace at path, creating it when it does not exist or
// is empty, and applies the pending migrations.
func Open(path string, migrations []Migration) (*DB, error) {
	ms, err := sortMigrations(migrations)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open workspace %s: %w", path, err)
	}
	fresh, err := isNew(abs)
	if err != nil {
		return nil, fmt.Errorf("open workspace %s: %w", abs, err)
	}
	if !fresh {
		if _, err := inspect(abs, len(ms)); err != nil {
			return nil, err
		}
	}
	return openReadWrite(abs, ms)
}

// isNew reports whether path is missing or zero bytes long; SQLite treats
// both as an empty database, so neither needs inspecting.
func isNew(path string) (bool, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return true, nil
	case err != nil:
		return false, err
	case !fi.Mode().IsRegular():
		return false, fmt.Errorf("%w: not a regular file", ErrNotWorkspace)
	}
	return fi.Size() == 0, nil
}

func openReadWrite(path string, ms []Migration) (*DB, error) {
	sqldb, err := sql.Open("sqlite", readWriteDSN(path))
	if err != nil {
		return nil, fmt.Errorf("open workspace %s: %w", path, err)
	}
	db := &DB{SQL: sqldb, Path: path, sem: make(chan struct{}, 1)}
	v, err := db.migrate(context.Background(), ms)
	if err != nil {
		sqldb.Close()
		return nil, err
	}
	db.Version = v
	return db, nil
}

// fileURI turns a path into an SQLite URI so that SQLite's own mode=ro is
// honoured and characters such as '?' or '#' in the path stay part of it.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive paths: file:///C:/...
	}
	return "file://" + (&url.URL{Path: p}).EscapedPath()
}

// readWriteDSN configures every pooled connection: WAL with full sync so a
// commit survives power loss, foreign keys, a busy timeout, and immediate
// transactions because deferred ones fail with SQLITE_BUSY when two
// connections read and then write (GUIDE §4).
func readWriteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Set("_txlock", "immediate")
	return fileURI(path) + "?" + q.Encode()
}

// readOnlyDSN opens without any right to write: mode=ro is enforced by
// SQLite itself, unlike query_only, and never creates a missing file.
func readOnlyDSN(path string) string {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	return fileURI(path) + "?" + q.Encode()
}

// Write runs fn in an immediate transaction and commits it when fn returns
// nil. Writers of this DB take turns; fn's error rolls everything back.
func (db *DB) Write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	select {
	case db.sem <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("wait to write workspace: %w", ctx.Err())
	}
	defer func() { <-db.sem }()

	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin workspace write: %w", err)
	}
	defer tx.Rollback() // no-op after Commit; undoes the work if fn panics
	if err := fn(tx); err != nil {
		return err
	}
	if db.beforeCommit != nil {
		db.beforeCommit()
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit workspace write: %w", err)
	}
	if db.afterCommit != nil {
		db.afterCommit()
	}
	return nil
}

// Close closes every connection; the last one checkpoints the WAL.
func (db *DB) Close() error {
	if err := db.SQL.Close(); err != nil {
		return fmt.Errorf("close workspace %s: %w", db.Path, err)
	}
	return nil
}
