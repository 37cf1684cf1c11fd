package search

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	_ "modernc.org/sqlite"
)

// testDB opens a database with a minimal records table and the index.
func testDB(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "s.db")+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	_, err = db.Exec(`CREATE TABLE records (id INTEGER PRIMARY KEY, code TEXT, title TEXT, sealed_at TEXT, text TEXT,
		year INTEGER, channel_id INTEGER, grade TEXT, retention TEXT, signers TEXT, has_waivers INTEGER);` + Schema)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

type doc struct {
	id          int64
	title, text string
}

func (d doc) all() string { return d.title + "\n\n" + d.text }

func add(t testing.TB, db *sql.DB, docs []doc) {
	t.Helper()
	ctx := context.Background()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if _, err := tx.Exec(`INSERT INTO records(id, code, title, sealed_at, text, year, channel_id, grade, retention, signers, has_waivers)
			VALUES(?, ?, ?, '2026-12-01T00:00:00Z', ?, 2026, 1, 'A', 'D10', ',a,', 0)`, d.id, "C", d.title, d.text); err != nil {
			t.Fatal(err)
		}
		if err := Index(ctx, tx, d.id, d.title, "", d.text); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// sampleRunes is the samples' text, to draw realistic documents from.
func sampleRunes(t testing.TB) []rune {
	t.Helper()
	files, _ := filepath.Glob("../../testdata/samples/*.txt")
	var b strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return []rune(b.String())
}

func randomDocs(rng *rand.Rand, base []rune, n, size int) []doc {
	docs := make([]doc, n)
	for i := range docs {
		start := rng.IntN(len(base) - size)
		text := string(base[start : start+size])
		if rng.IntN(5) == 0 {
			text += " 2026年计划 APP 版本v2.1"
		}
		docs[i] = doc{id: int64(i + 1), title: "第" + string(rune('一'+i%9)) + "号公告", text: text}
	}
	return docs
}

// brute finds the documents that contain every part of q, as Search means it.
func brute(docs []doc, q string) []int64 {
	var ids []int64
	for _, d := range docs {
		ok := true
		all := strings.ToLower(d.all())
		for _, p := range parts(q) {
			if p.han {
				ok = ok && strings.Contains(all, string(p.text))
			} else {
				ok = ok && hasWordPrefix(all, string(p.text))
			}
		}
		if ok && len(parts(q)) > 0 {
			ids = append(ids, d.id)
		}
	}
	slices.Reverse(ids)
	return ids
}

func hasWordPrefix(text, prefix string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return unicode.Is(unicode.Han, r) || !(unicode.IsLetter(r) || unicode.IsDigit(r))
	}) {
		if strings.HasPrefix(strings.Map(foldWidth, w), prefix) {
			return true
		}
	}
	return false
}

// TestAgainstBruteForce compares Search with a scan of every document for
// one- to six-character queries drawn from the documents, and some that
// occur nowhere.
func TestAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	base := sampleRunes(t)
	docs := randomDocs(rng, base, 300, 300)
	db := testDB(t)
	add(t, db, docs)
	ctx := context.Background()
	var queries []string
	for n := 1; n <= 6; n++ {
		for range 25 {
			d := docs[rng.IntN(len(docs))].text
			r := []rune(d)
			i := rng.IntN(len(r) - n)
			queries = append(queries, string(r[i:i+n]))
		}
	}
	queries = append(queries, "医保", "APP", "v2", "2026年", "2026 计划", "版本V2", "不存在的词语组合", "，", "")
	found := 0
	for _, q := range queries {
		want := brute(docs, q)
		if len(want) > 0 {
			found++
		}
		got, err := Search(ctx, db, Query{Text: q, Limit: 1000})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		var ids []int64
		for _, h := range got.Hits {
			ids = append(ids, h.ID)
		}
		if strings.TrimSpace(q) == "" {
			continue // lists everything
		}
		if !slices.Equal(ids, want) || got.Total != len(want) {
			t.Errorf("%q: got %d %v, want %d %v", q, got.Total, head(ids), len(want), head(want))
		}
	}
	if found < 150 {
		t.Fatalf("only %d of %d queries match anything: the test tests little", found, len(queries))
	}
}

func head(ids []int64) []int64 { return ids[:min(len(ids), 8)] }

func TestSnippet(t *testing.T) {
	ps := parts("医保")
	s := snippet("为进一步做好医保参保缴费工作，现将有关事项通知如下。医保经办机构……", ps)
	var marked []string
	for _, p := range s {
		if p.Match {
			marked = append(marked, p.Text)
		}
	}
	if len(marked) != 2 || marked[0] != "医保" {
		t.Fatalf("snippet %+v", s)
	}
}
