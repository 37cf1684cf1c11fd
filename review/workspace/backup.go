package workspace

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Backup writes a consistent copy of the open workspace to dest while
// other connections keep working, and returns the copy's SHA-256 so that
// it can be recorded and checked later. It refuses to overwrite dest.
func (db *DB) Backup(ctx context.Context, dest string) (sha256hex string, err error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", fmt.Errorf("backup workspace to %s: %w", dest, err)
	}
	if _, err := os.Lstat(abs); err == nil {
		return "", fmt.Errorf("backup workspace to %s: %w", abs, os.ErrExist)
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("backup workspace to %s: %w", abs, err)
	}
	// VACUUM INTO reads one snapshot, so concurrent writers neither block
	// it nor leak half a transaction into the copy.
	if _, err := db.SQL.ExecContext(ctx, "VACUUM INTO ?", abs); err != nil {
		return "", fmt.Errorf("backup workspace to %s: %w", abs, err)
	}
	sum, err := syncAndHash(abs)
	if err != nil {
		return "", fmt.Errorf("backup workspace to %s: %w", abs, err)
	}
	return sum, nil
}

// syncAndHash flushes path to disk, since VACUUM INTO does not promise
// to, and returns its SHA-256.
func syncAndHash(path string) (string, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	if err := f.Sync(); err != nil {
		return "", err
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Restore replaces the workspace file dest with a copy of the backup src.
// src must pass Check. The old dest, with its -wal and -shm files, is kept
// beside it as dest.before-restore-YYYYMMDD-HHMMSS and that path is
// returned ("" when dest did not exist). dest must not be open, in this
// process or any other.
func Restore(src, dest string, migrations []Migration) (previous string, err error) {
	srcAbs, destAbs, err := restorePaths(src, dest)
	if err != nil {
		return "", err
	}
	if _, err := Check(srcAbs, migrations); err != nil {
		return "", fmt.Errorf("restore %s: %w", srcAbs, err)
	}
	if err := refuseLog(srcAbs); err != nil {
		return "", fmt.Errorf("restore %s: %w", srcAbs, err)
	}
	tmp, err := copyTemp(srcAbs, filepath.Dir(destAbs))
	if err != nil {
		return "", fmt.Errorf("restore %s to %s: %w", srcAbs, destAbs, err)
	}
	defer os.Remove(tmp) // gone already once renamed into place
	// The copy is vetted too: a failing disk must not swap a good file
	// for a bad one.
	if _, err := Check(tmp, migrations); err != nil {
		return "", fmt.Errorf("restore %s: copy failed its check: %w", srcAbs, err)
	}
	previous, err = setAside(destAbs, migrations)
	if err != nil {
		return "", fmt.Errorf("restore %s to %s: %w", srcAbs, destAbs, err)
	}
	if err := os.Rename(tmp, destAbs); err != nil {
		return previous, fmt.Errorf("restore %s to %s: %w (the previous file is %s)", srcAbs, destAbs, err, previous)
	}
	if err := syncDir(filepath.Dir(destAbs)); err != nil {
		return previous, fmt.Errorf("restore %s to %s: %w", srcAbs, destAbs, err)
	}
	return previous, nil
}

func restorePaths(src, dest string) (string, string, error) {
	srcAbs, err := filepath.Abs(src)
	if err != nil {
		return "", "", fmt.Errorf("restore %s: %w", src, err)
	}
	destAbs, err := filepath.Abs(dest)
	if err != nil {
		return "", "", fmt.Errorf("restore to %s: %w", dest, err)
	}
	if srcAbs == destAbs {
		return "", "", fmt.Errorf("restore %s: source and destination are the same file", srcAbs)
	}
	return srcAbs, destAbs, nil
}

// refuseLog rejects a source whose committed data may still sit in its
// write-ahead log: copying the main file alone would lose it. A read-only
// Check leaves an empty log behind, which is harmless.
func refuseLog(path string) error {
	fi, err := os.Stat(path + "-wal")
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.Size() > 0 {
		return fmt.Errorf("it has a write-ahead log (%s-wal); close every program using it and try again", path)
	}
	return nil
}

// copyTemp copies src into a new temporary file in dir, the directory of
// the destination, so that the final rename cannot cross file systems.
func copyTemp(src, dir string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, ".restore-*.db")
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(out.Name())
		return "", err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(out.Name())
		return "", err
	}
	if err := out.Close(); err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

// setAside renames dest and its -wal and -shm files to a free
// before-restore name. A -wal left next to the restored file would be
// replayed into it, so the three always move together.
func setAside(dest string, migrations []Migration) (string, error) {
	if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
		return "", refuseOrphans(dest)
	} else if err != nil {
		return "", err
	}
	checkpoint(dest, migrations)
	previous, err := freeName(dest + ".before-restore-" + time.Now().Format("20060102-150405"))
	if err != nil {
		return "", err
	}
	if err := os.Rename(dest, previous); err != nil {
		return "", err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		err := os.Rename(dest+suffix, previous+suffix)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return previous, err
		}
	}
	return previous, nil
}

// checkpoint folds a healthy dest's log into its main file so that the
// kept copy is self-contained. A dest that fails Check is left untouched:
// it may be the very reason for the restore.
func checkpoint(dest string, migrations []Migration) {
	if _, err := Check(dest, migrations); err != nil {
		return
	}
	db, err := sql.Open("sqlite", readWriteDSN(dest))
	if err != nil {
		return
	}
	defer db.Close()
	// Best effort: on failure the -wal moves along with the file.
	_, _ = db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
}

// refuseOrphans stops at a -wal or -shm file whose main file is gone:
// SQLite would replay such a log into the restored file, and deleting it
// might destroy the only copy of someone's work.
func refuseOrphans(dest string) error {
	for _, suffix := range []string{"-wal", "-shm"} {
		_, err := os.Lstat(dest + suffix)
		if err == nil {
			return fmt.Errorf("%s%s exists without its database; move it away first", dest, suffix)
		}
		if !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// freeName returns base, or base-2, base-3, ... when restores happen
// within the same second.
func freeName(base string) (string, error) {
	name := base
	for i := 2; i < 1000; i++ {
		_, err := os.Lstat(name)
		if errors.Is(err, os.ErrNotExist) {
			return name, nil
		}
		if err != nil {
			return "", err
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
	return "", fmt.Errorf("no free name for the previous file near %s", base)
}

// syncDir makes renames and new files in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err // Windows cannot sync a directory and says so with ErrInvalid
	}
	return nil
}
