package workspace

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteMagic opens every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// sqliteHeaderSize is the fixed database header on page 1.
const sqliteHeaderSize = 100

// Check inspects the workspace at path read-only, with the same checks as
// Open, and returns its schema version. It never writes to the file, so it
// can vet a backup before Restore.
func Check(path string, migrations []Migration) (version int, err error) {
	ms, err := sortMigrations(migrations)
	if err != nil {
		return 0, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return 0, fmt.Errorf("check workspace %s: %w", path, err)
	}
	return inspect(abs, len(ms))
}

// inspect runs every check that must pass before a file may be opened for
// writing, in order of cost: header bytes, then SQLite's quick_check, then
// the schema version.
func inspect(path string, supported int) (int, error) {
	if err := checkHeader(path); err != nil {
		return 0, err
	}
	db, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return 0, fmt.Errorf("check workspace %s: %w", path, err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := quickCheck(ctx, db); err != nil {
		return 0, fmt.Errorf("check workspace %s: %w", path, err)
	}
	v, err := userVersion(ctx, db)
	if err != nil {
		return 0, fmt.Errorf("check workspace %s: %w", path, err)
	}
	if v > supported {
		return v, fmt.Errorf("check workspace %s: %w", path, &TooNewError{Found: v, Supported: supported})
	}
	if v == 0 {
		if err := checkEmpty(ctx, db); err != nil {
			return 0, fmt.Errorf("check workspace %s: %w", path, err)
		}
	}
	return v, nil
}

// checkHeader tells a foreign file from a damaged workspace: without the
// magic it was never SQLite; with it, anything shorter than the header is
// a truncated database.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("check workspace %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, sqliteHeaderSize)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return fmt.Errorf("check workspace %s: %w", path, err)
	}
	if n < len(sqliteMagic) || !bytes.Equal(head[:len(sqliteMagic)], sqliteMagic) {
		return fmt.Errorf("check workspace %s: %w: no SQLite header", path, ErrNotWorkspace)
	}
	if n < sqliteHeaderSize {
		return fmt.Errorf("check workspace %s: %w: file ends inside the %d-byte header", path, ErrDamaged, sqliteHeaderSize)
	}
	return nil
}

// quickCheck runs PRAGMA quick_check: a damaged page can still answer
// count(*), so only a full walk of the b-trees finds it (GUIDE §4).
func quickCheck(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return classify(err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return classify(err)
		}
		if msg != "ok" {
			problems = append(problems, strings.Join(strings.Fields(msg), " "))
		}
	}
	if err := rows.Err(); err != nil {
		return classify(err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: quick_check: %s", ErrDamaged, summarize(problems))
	}
	return nil
}

// summarize keeps an error message readable when quick_check lists
// hundreds of problems.
func summarize(problems []string) string {
	const keep = 3
	if len(problems) <= keep {
		return strings.Join(problems, "; ")
	}
	return fmt.Sprintf("%s; and %d more", strings.Join(problems[:keep], "; "), len(problems)-keep)
}

// classify maps SQLite's corruption codes onto ErrDamaged and keeps its
// message. The header was already found to be SQLite's, so NOTADB here
// means a mangled header rather than a foreign file.
func classify(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	if se.Code() == sqlite3.SQLITE_IOERR_SHORT_READ {
		return fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	return err
}

// rowQuerier is the part of *sql.DB and *sql.Tx that userVersion needs.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func userVersion(ctx context.Context, q rowQuerier) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", classify(err))
	}
	return v, nil
}

// checkEmpty refuses an SQLite file that has tables but no schema version:
// it belongs to another program, and migrating it would write our tables
// into someone else's data.
func checkEmpty(ctx context.Context, db *sql.DB) error {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		return fmt.Errorf("read schema: %w", classify(err))
	}
	if n > 0 {
		return fmt.Errorf("%w: SQLite database with %d schema objects and no Shenfa schema version", ErrNotWorkspace, n)
	}
	return nil
}
