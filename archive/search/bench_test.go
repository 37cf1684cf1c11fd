package search

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// benchDB is a workspace-like database of 100,000 records of about 2,000
// characters drawn from the samples, built once and kept in the temporary
// folder between runs (building it takes minutes).
func benchDB(b *testing.B) (*sql.DB, []doc) {
	b.Helper()
	path := filepath.Join(os.TempDir(), "shenfa-search-bench-1.db")
	rng := rand.New(rand.NewPCG(7, 7))
	docs := randomDocs(rng, sampleRunes(b), 100_000, 2000)
	_, err := os.Stat(path)
	fresh := os.IsNotExist(err)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if fresh {
		if _, err := db.Exec(`CREATE TABLE records (id INTEGER PRIMARY KEY, code TEXT, title TEXT, sealed_at TEXT, text TEXT,
			year INTEGER, channel_id INTEGER, grade TEXT, retention TEXT, signers TEXT, has_waivers INTEGER);` + Schema); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		for i := 0; i < len(docs); i += 5000 {
			add(b, db, docs[i:min(len(docs), i+5000)])
		}
		b.Logf("indexed %d records in %s", len(docs), time.Since(start))
	}
	return db, docs
}

// BenchmarkSearch: first page of one-, two- and longer queries over 100,000
// records; target under 50 ms at the 95th percentile.
func BenchmarkSearch(b *testing.B) {
	db, docs := benchDB(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 3, 6} {
		b.Run(fmt.Sprintf("%d-chars", n), func(b *testing.B) {
			var times []time.Duration
			for b.Loop() {
				r := []rune(docs[rng.IntN(len(docs))].text)
				i := rng.IntN(len(r) - n)
				q := string(r[i : i+n])
				t0 := time.Now()
				if _, err := Search(ctx, db, Query{Text: q}); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(t0))
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
	// The sizes are a sub-benchmark's metrics: a parent benchmark's log is
	// not printed once it has sub-benchmarks.
	var pages, pageSize, textBytes, idx int64
	b.Run("index-size", func(b *testing.B) {
		if idx == 0 { // measured once, however often b.Run calls this
			db.QueryRow(`PRAGMA page_count`).Scan(&pages)
			db.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
			db.QueryRow(`SELECT sum(length(CAST(text AS BLOB))) FROM records`).Scan(&textBytes)
			db.QueryRow(`SELECT sum(length(block)) FROM record_fts_data`).Scan(&idx)
		}
		for b.Loop() {
		}
		b.ReportMetric(float64(idx)/1e6, "index-MB")
		b.ReportMetric(float64(textBytes)/1e6, "text-MB")
		b.ReportMetric(float64(idx)/float64(textBytes), "index/text")
		b.ReportMetric(float64(pages*pageSize)/1e6, "db-MB")
	})
}
