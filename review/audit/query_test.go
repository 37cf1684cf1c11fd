package audit_test

import (
	"context"
	"database/sql"
	"slices"
	"testing"
	"time"

	"shenfa/review/audit"
)

func TestListAndCount(t *testing.T) {
	db := openWS(t)
	day := func(d int) time.Time { return time.Date(2026, 6, d, 9, 0, 0, 0, time.UTC) }
	appendEvents(t, db,
		audit.Event{At: day(1), Actor: "admin", Action: audit.ActionInit, Target: "workspace"},
		audit.Event{At: day(2), Actor: "zhang", Action: audit.ActionSignIn, Target: "zhang"},
		audit.Event{At: day(2).Add(500 * time.Millisecond), Actor: "li", Action: audit.ActionSignInFail, Target: "li", Detail: "密码错误"},
		audit.Event{At: day(3), Actor: "admin", Action: audit.ActionSettingsChange, Target: "policy", Detail: "通过率 100%"},
		audit.Event{At: day(4), Actor: "admin", Action: audit.ActionRoleGrant, Target: "li", Detail: "role_editor"},
		audit.Event{At: day(5), Actor: "zhang", Action: audit.ActionSignOut, Target: "zhang"},
	)
	tests := []struct {
		name string
		f    audit.Filter
		want []int64 // seqs, newest first
	}{
		{"all newest first", audit.Filter{}, []int64{6, 5, 4, 3, 2, 1}},
		{"actor", audit.Filter{Actor: "zhang"}, []int64{6, 2}},
		{"action", audit.Filter{Action: audit.ActionSignInFail}, []int64{3}},
		{"actor and action", audit.Filter{Actor: "admin", Action: audit.ActionRoleGrant}, []int64{5}},
		{"text in target", audit.Filter{Text: "polic"}, []int64{4}},
		{"text in detail, Chinese", audit.Filter{Text: "密码"}, []int64{3}},
		{"text matches target or detail", audit.Filter{Text: "li"}, []int64{5, 4, 3}},
		{"percent is literal", audit.Filter{Text: "100%"}, []int64{4}},
		{"lone percent is literal", audit.Filter{Text: "%"}, []int64{4}},
		{"underscore is literal", audit.Filter{Text: "e_e"}, []int64{5}},
		{"lone underscore is literal", audit.Filter{Text: "_"}, []int64{5}},
		{"from is inclusive", audit.Filter{From: day(4)}, []int64{6, 5}},
		{"to is exclusive", audit.Filter{To: day(2)}, []int64{1}},
		{"sub-second order within a day", audit.Filter{From: day(2).Add(time.Millisecond), To: day(3)}, []int64{3}},
		{"other time zone", audit.Filter{From: day(5).In(time.FixedZone("CST", 8*3600))}, []int64{6}},
		{"limit", audit.Filter{Limit: 2}, []int64{6, 5}},
		{"limit and offset", audit.Filter{Limit: 2, Offset: 2}, []int64{4, 3}},
		{"offset past the end", audit.Filter{Offset: 10}, nil},
		{"nothing matches", audit.Filter{Actor: "nobody"}, nil},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := audit.List(ctx, db.SQL, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var seqs []int64
			for _, e := range got {
				seqs = append(seqs, e.Seq)
			}
			if !slices.Equal(seqs, tt.want) {
				t.Errorf("List = %v, want %v", seqs, tt.want)
			}
			all := tt.f
			all.Limit, all.Offset = 0, 0
			wantN, _ := audit.List(ctx, db.SQL, all)
			n, err := audit.Count(ctx, db.SQL, tt.f)
			if err != nil || n != len(wantN) {
				t.Errorf("Count = %d, %v; want %d (Limit and Offset ignored)", n, err, len(wantN))
			}
		})
	}
}

func TestListRejectsNegativePaging(t *testing.T) {
	db := openWS(t)
	for _, f := range []audit.Filter{{Limit: -1}, {Offset: -1}} {
		if _, err := audit.List(context.Background(), db.SQL, f); err == nil {
			t.Errorf("List(%+v) succeeded", f)
		}
	}
}

// TestListInsideTransaction: the caller may list within its own write,
// and sees the row it has just appended.
func TestListInsideTransaction(t *testing.T) {
	db := openWS(t)
	ctx := context.Background()
	err := db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := audit.Append(ctx, tx, audit.Event{Action: audit.ActionBackup}); err != nil {
			return err
		}
		got, err := audit.List(ctx, tx, audit.Filter{})
		if err != nil {
			return err
		}
		if len(got) != 1 || got[0].Action != audit.ActionBackup {
			t.Errorf("List inside the transaction = %+v", got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
