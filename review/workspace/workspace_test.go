package workspace_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"shenfa/review/workspace"
)

var bothVersions = []workspace.Migration{migV1, migV2}

// TestOpenRefusesBadFiles covers every file Open and Check must refuse:
// the error must say what is wrong, and the file must not be touched.
func TestOpenRefusesBadFiles(t *testing.T) {
	tests := []struct {
		name    string
		path    func(t *testing.T) string
		wantErr error
	}{
		{"text file", func(t *testing.T) string { return fixture(t, "not-sqlite.db") }, workspace.ErrNotWorkspace},
		{"truncated", func(t *testing.T) string { return fixture(t, "truncated.db") }, workspace.ErrDamaged},
		{"damaged page", func(t *testing.T) string { return fixture(t, "damaged.db") }, workspace.ErrDamaged},
		{"cut inside header", func(t *testing.T) string { return cut(t, "v1.db", 60) }, workspace.ErrDamaged},
		{"cut after first page", func(t *testing.T) string { return cut(t, "v1.db", 4096) }, workspace.ErrDamaged},
		{"five bytes", func(t *testing.T) string { return cut(t, "v1.db", 5) }, workspace.ErrNotWorkspace},
		{"mangled header", mangledHeader, workspace.ErrDamaged},
		{"other program's database", foreignDB, workspace.ErrNotWorkspace},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path(t)
			before := snap(t, path)
			_, err := workspace.Check(path, bothVersions)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Check: got %v, want %v", err, tt.wantErr)
			}
			db, err := workspace.Open(path, bothVersions)
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Open: got %v, want %v", err, tt.wantErr)
			}
			if db != nil {
				db.Close()
			}
			before.assertSame(t, path)
		})
	}
}

// cut returns a copy of the first n bytes of a fixture.
func cut(t *testing.T, name string, n int) string {
	path := fixture(t, name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, data[:n])
	return path
}

// mangledHeader keeps the magic but claims an impossible page size.
func mangledHeader(t *testing.T) string {
	path := fixture(t, "v1.db")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[16], data[17] = 0x03, 0x00 // 768: not a power of two
	writeFile(t, path, data)
	return path
}

func foreignDB(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE contacts (name TEXT)"); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTooNew(t *testing.T) {
	path := fixture(t, "newer.db")
	before := snap(t, path)
	for name, call := range map[string]func() error{
		"Check": func() error { _, err := workspace.Check(path, bothVersions); return err },
		"Open":  func() error { _, err := workspace.Open(path, bothVersions); return err },
	} {
		err := call()
		var tooNew *workspace.TooNewError
		if !errors.As(err, &tooNew) {
			t.Fatalf("%s: got %v, want *TooNewError", name, err)
		}
		if tooNew.Found != 99 || tooNew.Supported != 2 {
			t.Errorf("%s: got Found=%d Supported=%d, want 99 and 2", name, tooNew.Found, tooNew.Supported)
		}
		if msg := err.Error(); !strings.Contains(msg, "99") || !strings.Contains(msg, "2") {
			t.Errorf("%s: message %q does not name both versions", name, msg)
		}
	}
	before.assertSame(t, path)
}

func TestOpenCreates(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(path string) error
	}{
		{"missing file", func(string) error { return nil }},
		{"empty file", func(path string) error { return os.WriteFile(path, nil, 0o644) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "new workspace #1?.db")
			if err := tt.prepare(path); err != nil {
				t.Fatal(err)
			}
			db := openWS(t, path, bothVersions...)
			if db.Version != 2 {
				t.Errorf("Version = %d, want 2", db.Version)
			}
			addNote(t, db, "第一篇", "")
			var mode string
			mustQuery(t, db.SQL, "PRAGMA journal_mode", &mode)
			if mode != "wal" {
				t.Errorf("journal_mode = %q, want wal", mode)
			}
			db.Close()
			if v, err := workspace.Check(path, bothVersions); err != nil || v != 2 {
				t.Errorf("Check after create = %d, %v; want 2, nil", v, err)
			}
		})
	}
}

func TestConnectionSettings(t *testing.T) {
	db := openWS(t, filepath.Join(t.TempDir(), "w.db"), bothVersions...)
	defer db.Close()
	// Several connections at once, so that pooled ones are checked too.
	conns := make([]*sql.Conn, 3)
	for i := range conns {
		c, err := db.SQL.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	for i, c := range conns {
		var fk, sync, timeout int
		for q, dest := range map[string]*int{"PRAGMA foreign_keys": &fk, "PRAGMA synchronous": &sync, "PRAGMA busy_timeout": &timeout} {
			if err := c.QueryRowContext(context.Background(), q).Scan(dest); err != nil {
				t.Fatal(err)
			}
		}
		if fk != 1 || sync != 2 || timeout <= 0 {
			t.Errorf("connection %d: foreign_keys=%d synchronous=%d busy_timeout=%d; want 1, 2 (FULL), > 0", i, fk, sync, timeout)
		}
	}
	err := db.Write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec("INSERT INTO tags (note_id, name) VALUES (12345, 'orphan')")
		return err
	})
	if err == nil {
		t.Error("a tag for a missing note was accepted: foreign keys are off")
	}
}

func TestUpgradeKeepsData(t *testing.T) {
	path := fixture(t, "v1.db")
	if v, err := workspace.Check(path, []workspace.Migration{migV1}); err != nil || v != 1 {
		t.Fatalf("fixture v1.db: Check = %d, %v", v, err)
	}
	db := openWS(t, path, bothVersions...)
	defer db.Close()
	if db.Version != 2 {
		t.Errorf("Version = %d, want 2", db.Version)
	}
	if got := readTitles(t, path); !slices.Equal(got, v1Titles) {
		t.Errorf("titles after upgrade = %q, want %q", got, v1Titles)
	}
	var drafts int
	mustQuery(t, db.SQL, "SELECT count(*) FROM notes WHERE status = 'draft'", &drafts)
	if drafts != len(v1Titles) {
		t.Errorf("%d notes have the new column's default, want %d", drafts, len(v1Titles))
	}
}

// TestFailedMigrationChangesNothing runs v2 (fine) and v3 (fails) on a v1
// workspace: both must vanish, because pending steps commit together.
func TestFailedMigrationChangesNothing(t *testing.T) {
	path := fixture(t, "v1.db")
	_, err := workspace.Open(path, []workspace.Migration{migV1, migV2, migV3Bad})
	if err == nil || !strings.Contains(err.Error(), "migration 3") {
		t.Fatalf("Open with a failing migration: got %v, want an error naming migration 3", err)
	}
	if v, err := workspace.Check(path, bothVersions); err != nil || v != 1 {
		t.Errorf("after the failure: version %d, %v; want 1", v, err)
	}
	if got := readTitles(t, path); !slices.Equal(got, v1Titles) {
		t.Errorf("titles = %q, want %q", got, v1Titles)
	}
	db := openWS(t, path, migV1)
	defer db.Close()
	var status, extra int
	mustQuery(t, db.SQL, "SELECT count(*) FROM pragma_table_info('notes') WHERE name = 'status'", &status)
	mustQuery(t, db.SQL, "SELECT count(*) FROM sqlite_schema WHERE name = 'extra'", &extra)
	if status != 0 || extra != 0 {
		t.Errorf("part of the failed upgrade was kept: status column %d, extra table %d", status, extra)
	}
}

func TestMalformedMigrations(t *testing.T) {
	tests := []struct {
		name string
		ms   []workspace.Migration
	}{
		{"starts at 2", []workspace.Migration{migV2}},
		{"gap", []workspace.Migration{migV1, migV3Bad}},
		{"duplicate", []workspace.Migration{migV1, migV1}},
		{"zero", []workspace.Migration{{Version: 0, SQL: "SELECT 1"}, migV1}},
		{"no SQL", []workspace.Migration{{Version: 1, Name: "empty", SQL: " \n"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "w.db")
			if _, err := workspace.Open(path, tt.ms); err == nil {
				t.Error("Open accepted the list")
			}
			if _, err := workspace.Check(path, tt.ms); err == nil {
				t.Error("Check accepted the list")
			}
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Error("a workspace file was created for a rejected list")
			}
		})
	}
}

func TestMigrationOrderDoesNotMatter(t *testing.T) {
	db := openWS(t, filepath.Join(t.TempDir(), "w.db"), migV2, migV1)
	defer db.Close()
	if db.Version != 2 {
		t.Errorf("Version = %d, want 2", db.Version)
	}
}

// TestConcurrentWriters does read-then-write from many goroutines, which
// fails with SQLITE_BUSY under deferred transactions (GUIDE §4). Two
// handles on one file stand in for two processes.
func TestConcurrentWriters(t *testing.T) {
	tests := []struct {
		name    string
		handles int
	}{
		{"one handle", 1},
		{"two handles", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "w.db")
			dbs := make([]*workspace.DB, tt.handles)
			for i := range dbs {
				dbs[i] = openWS(t, path, bothVersions...)
				defer dbs[i].Close()
			}
			const workers, each = 8, 15
			var wg sync.WaitGroup
			errs := make(chan error, workers*each)
			for w := range workers {
				wg.Go(func() {
					for i := range each {
						errs <- bumpCounter(dbs[w%len(dbs)], fmt.Sprintf("w%d-%d", w, i))
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			var n, rows int
			mustQuery(t, dbs[0].SQL, "SELECT n FROM counters WHERE name = 'notes'", &n)
			mustQuery(t, dbs[0].SQL, "SELECT count(*) FROM notes", &rows)
			if n != workers*each || rows != workers*each {
				t.Errorf("counter %d, rows %d; want %d each (lost updates)", n, rows, workers*each)
			}
		})
	}
}

// bumpCounter reads the counter and writes it back plus one: a lost update
// shows up as a final count that is too small.
func bumpCounter(db *workspace.DB, title string) error {
	return db.Write(context.Background(), func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRow("SELECT n FROM counters WHERE name = 'notes'").Scan(&n); err != nil {
			return err
		}
		if _, err := tx.Exec("INSERT INTO notes (title, body) VALUES (?, '')", title); err != nil {
			return err
		}
		_, err := tx.Exec("UPDATE counters SET n = ? WHERE name = 'notes'", n+1)
		return err
	})
}

func TestWriteRollsBack(t *testing.T) {
	db := openWS(t, filepath.Join(t.TempDir(), "w.db"), bothVersions...)
	defer db.Close()
	errRefused := errors.New("refused")
	err := db.Write(context.Background(), func(tx *sql.Tx) error {
		if _, err := tx.Exec("INSERT INTO notes (title, body) VALUES ('half', '')"); err != nil {
			return err
		}
		return errRefused
	})
	if !errors.Is(err, errRefused) {
		t.Errorf("Write returned %v, want fn's error", err)
	}
	var n int
	mustQuery(t, db.SQL, "SELECT count(*) FROM notes", &n)
	if n != 0 {
		t.Errorf("%d notes after a failed write, want 0", n)
	}
}

func TestWriteGivesUpWhenContextEnds(t *testing.T) {
	db := openWS(t, filepath.Join(t.TempDir(), "w.db"), bothVersions...)
	defer db.Close()
	holding, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- db.Write(context.Background(), func(*sql.Tx) error {
			close(holding)
			<-release
			return nil
		})
	}()
	<-holding
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := db.Write(ctx, func(*sql.Tx) error { return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting Write returned %v, want DeadlineExceeded", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
