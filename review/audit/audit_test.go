package audit_test

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emmansun/gmsm/sm3"

	"shenfa/review/audit"
	"shenfa/review/workspace"
)

var migrations = []workspace.Migration{{Version: 1, Name: "audit", SQL: audit.Schema}}

func openWS(t *testing.T) *workspace.DB {
	t.Helper()
	db, err := workspace.Open(filepath.Join(t.TempDir(), "w.db"), migrations)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func appendEvents(t *testing.T, db *workspace.DB, events ...audit.Event) []audit.Entry {
	t.Helper()
	var out []audit.Entry
	for _, e := range events {
		err := db.Write(context.Background(), func(tx *sql.Tx) error {
			ent, err := audit.Append(context.Background(), tx, e)
			out = append(out, ent)
			return err
		})
		if err != nil {
			t.Fatalf("Append(%+v): %v", e, err)
		}
	}
	return out
}

// forgeHash recomputes a row hash from the encoding documented in the
// package, as an attacker who read the source would. It doubles as a
// check that the documentation matches the code.
func forgeHash(seq int64, at, actor, action, target, detail, prev string) string {
	h := sm3.New()
	for _, f := range []string{"shenfa.audit.v1", strconv.FormatInt(seq, 10), at, actor, action, target, detail, prev} {
		h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(f))))
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestAppendBuildsChain(t *testing.T) {
	db := openWS(t)
	at := time.Date(2026, 3, 1, 9, 30, 0, 5, time.FixedZone("CST", 8*3600))
	before := time.Now()
	got := appendEvents(t, db,
		audit.Event{At: at, Actor: "admin", Action: audit.ActionInit, Target: "w.db", Detail: "新建工作区"},
		audit.Event{Actor: "zhang", Action: audit.ActionSignIn, Target: "zhang"},
		audit.Event{Action: audit.ActionLockout, Target: "li", Detail: "含\x00零字节"},
	)
	if got[0].Prev != audit.Genesis {
		t.Errorf("first row prev = %s, want genesis", got[0].Prev)
	}
	for i, e := range got {
		if e.Seq != int64(i+1) {
			t.Errorf("row %d has seq %d", i+1, e.Seq)
		}
		if i > 0 && e.Prev != got[i-1].Hash {
			t.Errorf("row %d prev %s does not link to row %d hash %s", e.Seq, e.Prev, i, got[i-1].Hash)
		}
		if len(e.Hash) != 64 {
			t.Errorf("row %d hash %q is not 64 hex digits", e.Seq, e.Hash)
		}
	}
	if !got[0].At.Equal(at) || got[0].At.Location() != time.UTC {
		t.Errorf("given time stored as %v, want %v in UTC", got[0].At, at)
	}
	if got[1].At.Before(before.Add(-time.Second)) || got[1].At.After(time.Now().Add(time.Second)) {
		t.Errorf("zero time became %v, want about now", got[1].At)
	}
	listed, err := audit.List(context.Background(), db.SQL, audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range listed {
		if want := got[len(got)-1-i]; e != want {
			t.Errorf("List row %d = %+v, Append returned %+v", i, e, want)
		}
	}
	rep, err := audit.Verify(context.Background(), db.SQL)
	if err != nil {
		t.Fatal(err)
	}
	if want := (audit.Report{Rows: 3, OK: true, Head: got[2].Hash}); rep != want {
		t.Errorf("Verify = %+v, want %+v", rep, want)
	}
}

// TestHashEncodingIsStable pins one row's hash: trails written today must
// still verify after any later change to this package.
func TestHashEncodingIsStable(t *testing.T) {
	db := openWS(t)
	at := time.Date(2026, 1, 2, 3, 4, 5, 600, time.UTC)
	got := appendEvents(t, db, audit.Event{At: at, Actor: "审计员", Action: audit.ActionAuditVerify, Target: "audit", Detail: "ok"})
	stamp := "2026-01-02T03:04:05.000000600Z"
	if want := forgeHash(1, stamp, "审计员", "audit.verify", "audit", "ok", audit.Genesis); got[0].Hash != want {
		t.Errorf("hash %s, documented encoding gives %s", got[0].Hash, want)
	}
	const pinned = "bf4a97e4e01b1cdb8b92f56a2a6d5203e4202ba49fc5b3f511903b3ce6127b39"
	if got[0].Hash != pinned {
		t.Errorf("hash of the reference row changed: %s, was %s", got[0].Hash, pinned)
	}
}

// TestFieldBoundaries: moving text from one field into the next must give
// a different hash, or a forger could rearrange a row.
func TestFieldBoundaries(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	pairs := [][2]audit.Event{
		{{At: at, Action: "a", Target: "ab", Detail: "c"}, {At: at, Action: "a", Target: "a", Detail: "bc"}},
		{{At: at, Actor: "x", Action: "yz"}, {At: at, Actor: "xy", Action: "z"}},
		{{At: at, Action: "a", Target: "t"}, {At: at, Action: "a", Detail: "t"}},
		{{At: at, Action: "a", Target: "t"}, {At: at, Action: "a", Target: "t"}},
	}
	for i, p := range pairs {
		h0 := appendEvents(t, openWS(t), p[0])[0].Hash
		h1 := appendEvents(t, openWS(t), p[1])[0].Hash
		if (h0 == h1) != (p[0] == p[1]) {
			t.Errorf("pair %d: %+v and %+v hash alike: %v", i, p[0], p[1], h0 == h1)
		}
	}
}

func TestAppendRejectsBadEvents(t *testing.T) {
	tests := []struct {
		name string
		e    audit.Event
	}{
		{"no action", audit.Event{Actor: "a"}},
		{"invalid UTF-8", audit.Event{Action: audit.ActionSignIn, Detail: "\xff\xfe"}},
		{"year 10000", audit.Event{Action: audit.ActionSignIn, At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}},
	}
	db := openWS(t)
	for _, tt := range tests {
		err := db.Write(context.Background(), func(tx *sql.Tx) error {
			_, err := audit.Append(context.Background(), tx, tt.e)
			return err
		})
		if err == nil {
			t.Errorf("%s: Append accepted %+v", tt.name, tt.e)
		}
	}
	if n, _ := audit.Count(context.Background(), db.SQL, audit.Filter{}); n != 0 {
		t.Errorf("%d rows written for rejected events", n)
	}
}

// TestAppendRollsBackWithItsChange: a record of a change that did not
// happen must not survive, and the chain must go on from the last kept row.
func TestAppendRollsBackWithItsChange(t *testing.T) {
	db := openWS(t)
	first := appendEvents(t, db, audit.Event{Action: audit.ActionInit})
	errLater := errors.New("the change failed")
	err := db.Write(context.Background(), func(tx *sql.Tx) error {
		if _, err := audit.Append(context.Background(), tx, audit.Event{Action: audit.ActionRoleGrant, Target: "li"}); err != nil {
			return err
		}
		return errLater
	})
	if !errors.Is(err, errLater) {
		t.Fatal(err)
	}
	next := appendEvents(t, db, audit.Event{Action: audit.ActionSignOut})
	if next[0].Seq != 2 || next[0].Prev != first[0].Hash {
		t.Errorf("after rollback the next row is seq %d prev %s; want 2 linked to row 1", next[0].Seq, next[0].Prev)
	}
	if n, _ := audit.Count(context.Background(), db.SQL, audit.Filter{Action: audit.ActionRoleGrant}); n != 0 {
		t.Error("the rolled-back record survived")
	}
}

func TestTriggersRefuseChanges(t *testing.T) {
	db := openWS(t)
	rows := appendEvents(t, db, audit.Event{Action: audit.ActionInit}, audit.Event{Action: audit.ActionSignIn, Actor: "zhang"})
	tests := []struct{ name, sql string }{
		{"update", "UPDATE audit SET actor = 'mallory' WHERE seq = 1"},
		{"delete", "DELETE FROM audit WHERE seq = 2"},
		{"delete all", "DELETE FROM audit"},
		{"insert out of order", fmt.Sprintf(`INSERT INTO audit VALUES (5, 'x', '', 'a', '', '', '%s', 'h')`, rows[1].Hash)},
		{"insert with wrong link", fmt.Sprintf(`INSERT INTO audit VALUES (3, 'x', '', 'a', '', '', '%s', 'h')`, audit.Genesis)},
	}
	for _, tt := range tests {
		if _, err := db.SQL.Exec(tt.sql); err == nil || !strings.Contains(err.Error(), "audit rows") {
			t.Errorf("%s: got %v, want the trigger's refusal", tt.name, err)
		}
	}
	rep, err := audit.Verify(context.Background(), db.SQL)
	if err != nil || !rep.OK || rep.Rows != 2 {
		t.Errorf("after refused changes Verify = %+v, %v", rep, err)
	}
}

// TestConcurrentAppends: every writer goes through workspace.Write, so the
// chain stays linear however the goroutines interleave.
func TestConcurrentAppends(t *testing.T) {
	db := openWS(t)
	const workers, each = 6, 20
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				err := db.Write(context.Background(), func(tx *sql.Tx) error {
					_, err := audit.Append(context.Background(), tx, audit.Event{Actor: fmt.Sprint(w), Action: audit.ActionSignIn, Detail: fmt.Sprint(i)})
					return err
				})
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	rep, err := audit.Verify(context.Background(), db.SQL)
	if err != nil || !rep.OK || rep.Rows != workers*each {
		t.Errorf("Verify = %+v, %v; want %d good rows", rep, err, workers*each)
	}
}
