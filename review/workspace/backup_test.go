package workspace_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sync"
	"testing"

	"shenfa/review/workspace"
)

// TestBackupWhileWriting takes a backup while another goroutine keeps
// committing: the copy must hold a whole number of transactions (counter
// equal to rows) and match the returned hash.
func TestBackupWhileWriting(t *testing.T) {
	dir := t.TempDir()
	db := openWS(t, filepath.Join(dir, "w.db"), bothVersions...)
	defer db.Close()
	for i := range 20 {
		addNote(t, db, fmt.Sprintf("before %d", i), "")
	}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writeErr error
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if writeErr = bumpCounter(db, fmt.Sprintf("during %d", i)); writeErr != nil {
				return
			}
		}
	})
	dest := filepath.Join(dir, "backup.db")
	sum, err := db.Backup(context.Background(), dest)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if writeErr != nil {
		t.Fatalf("writer during backup: %v", writeErr)
	}

	data, err := os.ReadFile(dest)
	if err != nil {
		t.Fatal(err)
	}
	if h := sha256.Sum256(data); hex.EncodeToString(h[:]) != sum {
		t.Errorf("Backup returned %s, file hashes to %x", sum, h)
	}
	if v, err := workspace.Check(dest, bothVersions); err != nil || v != 2 {
		t.Fatalf("Check(backup) = %d, %v; want 2, nil", v, err)
	}
	titles := readTitles(t, dest)
	if len(titles) < 20 || !slices.Equal(titles[:20], readTitles(t, db.Path)[:20]) {
		t.Errorf("backup lacks the rows written before it: %d titles", len(titles))
	}
	copyDB := openWS(t, dest, bothVersions...)
	defer copyDB.Close()
	var counter int
	mustQuery(t, copyDB.SQL, "SELECT n FROM counters WHERE name = 'notes'", &counter)
	if counter != len(titles) {
		t.Errorf("backup holds %d notes but counter %d: not one snapshot", len(titles), counter)
	}
}

func TestBackupRefusesExistingFile(t *testing.T) {
	dir := t.TempDir()
	db := openWS(t, filepath.Join(dir, "w.db"), bothVersions...)
	defer db.Close()
	dest := filepath.Join(dir, "precious.txt")
	writeFile(t, dest, []byte("do not overwrite"))
	before := snap(t, dest)
	if _, err := db.Backup(context.Background(), dest); !errors.Is(err, os.ErrExist) {
		t.Errorf("Backup over an existing file: got %v, want ErrExist", err)
	}
	before.assertSame(t, dest)
}

// TestRestoreRefusesBadSource must leave the current workspace exactly as
// it was and keep no "previous" copy around.
func TestRestoreRefusesBadSource(t *testing.T) {
	tests := []struct {
		source  string
		wantErr error
	}{
		{"not-sqlite.db", workspace.ErrNotWorkspace},
		{"damaged.db", workspace.ErrDamaged},
		{"truncated.db", workspace.ErrDamaged},
		{"newer.db", &workspace.TooNewError{}},
	}
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			dest := fixture(t, "v1.db")
			src := fixture(t, tt.source)
			before, srcBefore := snap(t, dest), snap(t, src)
			prev, err := workspace.Restore(src, dest, bothVersions)
			var tooNew *workspace.TooNewError
			if _, ok := tt.wantErr.(*workspace.TooNewError); ok && !errors.As(err, &tooNew) ||
				!ok && !errors.Is(err, tt.wantErr) {
				t.Errorf("Restore: got %v, want %v", err, tt.wantErr)
			}
			if prev != "" {
				t.Errorf("Restore reported a previous file %q after refusing", prev)
			}
			before.assertSame(t, dest)
			srcBefore.assertSame(t, src)
			assertNoLeftovers(t, filepath.Dir(dest))
		})
	}
}

func assertNoLeftovers(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if regexp.MustCompile(`before-restore|^\.restore-`).MatchString(e.Name()) {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

var previousName = regexp.MustCompile(`^w\.db\.before-restore-\d{8}-\d{6}(-\d+)?$`)

func TestRestoreReplacesAndKeepsPrevious(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "w.db")
	db := openWS(t, dest, bothVersions...)
	addNote(t, db, "saved", "")
	backup := filepath.Join(dir, "backup.db")
	if _, err := db.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	addNote(t, db, "after backup", "")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	backupBefore := snap(t, backup)

	prev, err := workspace.Restore(backup, dest, bothVersions)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if !previousName.MatchString(filepath.Base(prev)) || filepath.Dir(prev) != dir {
		t.Errorf("previous file at %q, want %s/w.db.before-restore-YYYYMMDD-HHMMSS", prev, dir)
	}
	if got := readTitles(t, dest); !slices.Equal(got, []string{"saved"}) {
		t.Errorf("restored workspace holds %q, want the backup's [saved]", got)
	}
	if got := readTitles(t, prev); !slices.Equal(got, []string{"saved", "after backup"}) {
		t.Errorf("previous workspace holds %q, want both notes", got)
	}
	backupBefore.assertSame(t, backup)
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(dest + suffix); err == nil {
			t.Errorf("%s%s survived the restore", dest, suffix)
		}
	}
	reopened := openWS(t, dest, bothVersions...)
	reopened.Close()

	// A second restore in the same second must not overwrite the first
	// previous file.
	prev2, err := workspace.Restore(backup, dest, bothVersions)
	if err != nil {
		t.Fatal(err)
	}
	if prev2 == prev || !previousName.MatchString(filepath.Base(prev2)) {
		t.Errorf("second previous file %q (first %q)", prev2, prev)
	}
	if got := readTitles(t, prev); len(got) != 2 {
		t.Errorf("first previous file was overwritten: %q", got)
	}
}

// TestRestoreOverDamaged is the case restores exist for: the damaged file
// is kept byte for byte, never opened for writing.
func TestRestoreOverDamaged(t *testing.T) {
	dest := fixture(t, "damaged.db")
	before := snap(t, dest)
	prev, err := workspace.Restore(fixture(t, "v1.db"), dest, bothVersions)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	before.assertSame(t, prev)
	if got := readTitles(t, dest); !slices.Equal(got, v1Titles) {
		t.Errorf("restored workspace holds %q, want %q", got, v1Titles)
	}
}

func TestRestoreToNewPlace(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "fresh.db")
	prev, err := workspace.Restore(fixture(t, "v1.db"), dest, bothVersions)
	if err != nil || prev != "" {
		t.Fatalf("Restore = %q, %v; want \"\", nil", prev, err)
	}
	if got := readTitles(t, dest); !slices.Equal(got, v1Titles) {
		t.Errorf("restored workspace holds %q", got)
	}
}

// TestRestoreRefusesLiveSource: a workspace still open elsewhere keeps
// recent commits in its -wal, which a copy of the main file would lose.
func TestRestoreRefusesLiveSource(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "live.db")
	db := openWS(t, src, bothVersions...)
	defer db.Close()
	addNote(t, db, "only in the log", "")
	dest := fixture(t, "v1.db")
	before := snap(t, dest)
	if _, err := workspace.Restore(src, dest, bothVersions); err == nil {
		t.Error("Restore copied a source with an unflushed write-ahead log")
	}
	before.assertSame(t, dest)
}

func TestRestoreRefusesSameFile(t *testing.T) {
	path := fixture(t, "v1.db")
	before := snap(t, path)
	if _, err := workspace.Restore(path, path, bothVersions); err == nil {
		t.Error("Restore of a file onto itself succeeded")
	}
	before.assertSame(t, path)
}

// TestRestoreKeepsPreviousLog: a destination left with a -wal by a crash
// holds commits only in that log. Restore checkpoints it when it can and
// moves the log along when it cannot (here: the file is too new for the
// migrations given); either way the previous file keeps the commit and the
// log never meets the restored file.
func TestRestoreKeepsPreviousLog(t *testing.T) {
	tests := []struct {
		name string
		ms   []workspace.Migration
	}{
		{"checkpointed", bothVersions},
		{"moved with the file", []workspace.Migration{migV1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			live := filepath.Join(dir, "live.db")
			db := openWS(t, live, bothVersions...)
			addNote(t, db, "committed", "")
			dest := filepath.Join(dir, "w.db")
			crashCopy(t, live, dest)
			db.Close()

			prev, err := workspace.Restore(fixture(t, "v1.db"), dest, tt.ms)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(dest + "-wal"); err == nil {
				t.Error("the old log is still beside the restored file")
			}
			if got := readTitles(t, prev); !slices.Equal(got, []string{"committed"}) {
				t.Errorf("previous file lost its logged commit: %q", got)
			}
			if got := readTitles(t, dest); !slices.Equal(got, v1Titles) {
				t.Errorf("restored file holds %q", got)
			}
		})
	}
}

// crashCopy copies a live workspace and its -wal, like a power cut would
// leave them.
func crashCopy(t *testing.T, src, dest string) {
	t.Helper()
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(src + suffix)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dest+suffix, data)
	}
	if fi, err := os.Stat(dest + "-wal"); err != nil || fi.Size() == 0 {
		t.Fatalf("no log to test with: %v", err)
	}
}
