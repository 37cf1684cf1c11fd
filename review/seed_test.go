package review_test

import (
	"context"
	"path/filepath"
	"testing"

	"shenfa/review"
	"shenfa/review/audit"
	"shenfa/sensitive"
)

func TestOpenSeedsDefaultLexiconsOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ws.db")
	defaults, err := sensitive.DefaultLexicons()
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		w, err := review.Open(path, cheap)
		if err != nil {
			t.Fatal(err)
		}
		list, err := w.Lexicons.List(ctx)
		if err != nil || len(list) != len(defaults) {
			t.Fatalf("%d lexicons (%v), want the %d defaults", len(list), err, len(defaults))
		}
		for _, i := range list {
			if !i.Builtin || !i.Enabled {
				t.Errorf("default lexicon %s: %+v", i.Name, i)
			}
		}
		rows, _ := audit.List(ctx, w.DB.SQL, audit.Filter{Action: audit.ActionLexiconImport, Limit: 100})
		if len(rows) != len(defaults) || rows[0].Actor != "" {
			t.Errorf("%d seeding audit rows, want %d by the system", len(rows), len(defaults))
		}
		w.Close()
	}
}
