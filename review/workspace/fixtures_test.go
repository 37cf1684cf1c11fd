package workspace_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"shenfa/review/workspace"
)

// Migrations of a small notes schema used by the tests and the fixtures.
var (
	migV1 = workspace.Migration{Version: 1, Name: "notes", SQL: `
CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE tags (id INTEGER PRIMARY KEY, note_id INTEGER NOT NULL REFERENCES notes (id), name TEXT NOT NULL);
CREATE INDEX tags_name ON tags (name);
CREATE TABLE counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL);
INSERT INTO counters VALUES ('notes', 0);`}
	migV2 = workspace.Migration{Version: 2, Name: "note status", SQL: `
ALTER TABLE notes ADD COLUMN status TEXT NOT NULL DEFAULT 'draft';
CREATE INDEX notes_status ON notes (status);`}
	// migV3Bad fails on its second statement, after the first succeeded.
	migV3Bad = workspace.Migration{Version: 3, Name: "broken", SQL: `
CREATE TABLE extra (x);
CREATE TABLE notes (x);`}
)

// v1Titles are the notes stored in testdata/v1.db.
var v1Titles = []string{"关于做好防汛工作的通知", "政务公开目录", "Weekly update"}

// TestGenerateFixtures rewrites testdata/*.db. Run it after changing the
// fixtures' recipe:
//
//	SHENFA_GEN_FIXTURES=1 go test -run TestGenerateFixtures ./review/workspace/
func TestGenerateFixtures(t *testing.T) {
	if os.Getenv("SHENFA_GEN_FIXTURES") == "" {
		t.Skip("set SHENFA_GEN_FIXTURES=1 to regenerate testdata")
	}
	gens := map[string]func(t *testing.T, path string){
		"v1.db":        genV1,
		"newer.db":     genNewer,
		"truncated.db": genTruncated,
		"damaged.db":   genDamaged,
		"not-sqlite.db": func(t *testing.T, path string) {
			writeFile(t, path, []byte("这不是审发工作区。This is a plain text file, not a workspace.\n"))
		},
	}
	for name, gen := range gens {
		tmp := filepath.Join(t.TempDir(), name)
		gen(t, tmp)
		data, err := os.ReadFile(tmp)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join("testdata", name), data)
	}
}

func genV1(t *testing.T, path string) {
	db := openWS(t, path, migV1)
	for i, title := range v1Titles {
		addNote(t, db, title, strings.Repeat("正文", i+1))
	}
	closeAsRollback(t, db)
}

func genNewer(t *testing.T, path string) {
	db := openWS(t, path, migV1)
	addNote(t, db, "来自新版本", "")
	if _, err := db.SQL.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	closeAsRollback(t, db)
}

// genTruncated cuts a real workspace in the middle of a page, as an
// interrupted copy would.
func genTruncated(t *testing.T, path string) {
	db := openWS(t, path, migV1)
	fill(t, db, 200)
	closeAsRollback(t, db)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, data[:len(data)/2+1000])
}

// genDamaged overwrites the root page of the tags index. count(*) over
// notes never reads that page and still answers (the GUIDE §4 trap);
// quick_check walks every b-tree and fails.
func genDamaged(t *testing.T, path string) {
	db := openWS(t, path, migV1)
	fill(t, db, 200)
	var root, pageSize int
	mustQuery(t, db.SQL, "SELECT rootpage FROM sqlite_schema WHERE name = 'tags_name'", &root)
	mustQuery(t, db.SQL, "PRAGMA page_size", &pageSize)
	closeAsRollback(t, db)

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := (root - 1) * pageSize; i < root*pageSize; i++ {
		data[i] = byte(rng.UintN(256))
	}
	writeFile(t, path, data)

	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	mustQuery(t, raw, "SELECT count(*) FROM notes", &n)
	var check string
	mustQuery(t, raw, "PRAGMA quick_check", &check)
	if n != 200 || check == "ok" {
		t.Fatalf("damage not as intended: count(*) = %d, quick_check = %q", n, check)
	}
}

// fill adds n notes with long bodies and tags, so that the file spans
// many pages.
func fill(t *testing.T, db *workspace.DB, n int) {
	err := db.Write(context.Background(), func(tx *sql.Tx) error {
		for i := range n {
			res, err := tx.Exec("INSERT INTO notes (title, body) VALUES (?, ?)",
				fmt.Sprintf("稿件 %d", i), strings.Repeat("审核内容", 30))
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			if _, err := tx.Exec("INSERT INTO tags (note_id, name) VALUES (?, ?)", id, fmt.Sprintf("标签-%04d", i)); err != nil {
				return err
			}
		}
		_, err := tx.Exec("UPDATE counters SET n = n + ? WHERE name = 'notes'", n)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// closeAsRollback leaves a single self-contained file: a fixture in WAL
// mode would grow -wal and -shm companions whenever it is opened.
func closeAsRollback(t *testing.T, db *workspace.DB) {
	if _, err := db.SQL.Exec("PRAGMA journal_mode = DELETE"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func openWS(t *testing.T, path string, ms ...workspace.Migration) *workspace.DB {
	t.Helper()
	db, err := workspace.Open(path, ms)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	return db
}

func addNote(t *testing.T, db *workspace.DB, title, body string) {
	t.Helper()
	err := db.Write(context.Background(), func(tx *sql.Tx) error {
		if _, err := tx.Exec("INSERT INTO notes (title, body) VALUES (?, ?)", title, body); err != nil {
			return err
		}
		_, err := tx.Exec("UPDATE counters SET n = n + 1 WHERE name = 'notes'")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func mustQuery(t *testing.T, db *sql.DB, query string, dest ...any) {
	t.Helper()
	if err := db.QueryRow(query).Scan(dest...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// fixture copies testdata/name into a fresh directory with a fixed mtime
// and returns the copy's path.
func fixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	writeFile(t, path, data)
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	return path
}

// snapshot is what must not change about a file that may not be written.
type snapshot struct {
	data  []byte
	mtime time.Time
}

func snap(t *testing.T, path string) snapshot {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return snapshot{data, fi.ModTime()}
}

func (s snapshot) assertSame(t *testing.T, path string) {
	t.Helper()
	now := snap(t, path)
	if !bytes.Equal(now.data, s.data) {
		t.Errorf("%s was modified (%d bytes before, %d after)", path, len(s.data), len(now.data))
	}
	if !now.mtime.Equal(s.mtime) {
		t.Errorf("%s mtime changed from %v to %v", path, s.mtime, now.mtime)
	}
}

// readTitles lists note titles through a read-only connection, so that
// looking never upgrades or converts the file.
func readTitles(t *testing.T, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT title FROM notes ORDER BY id")
	if err != nil {
		t.Fatalf("read notes of %s: %v", path, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
