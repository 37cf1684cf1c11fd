package audit_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"shenfa/review/audit"
)

// attacker tampers with the trail the way someone with the file and an
// SQLite shell would: drop the triggers, then edit rows directly.
type attacker struct {
	t    *testing.T
	db   *sql.DB
	rows []audit.Entry // the trail as written, seq i+1 at index i
}

func (a attacker) exec(query string, args ...any) {
	a.t.Helper()
	if _, err := a.db.Exec(query, args...); err != nil {
		a.t.Fatalf("%s: %v", query, err)
	}
}

// insert adds a row with the given seq and link. With rightHash the forger
// computes the hash the way Append does.
func (a attacker) insert(seq int64, prev string, rightHash bool) {
	a.t.Helper()
	at := "2026-05-01T00:00:00.000000000Z"
	hash := "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0"
	if rightHash {
		hash = forgeHash(seq, at, "mallory", audit.ActionRoleGrant, "mallory", "sysadmin", prev)
	}
	a.exec(`INSERT INTO audit (seq, at, actor, action, target, detail, prev, hash)
		VALUES (?, ?, 'mallory', ?, 'mallory', 'sysadmin', ?, ?)`, seq, at, audit.ActionRoleGrant, prev, hash)
}

// shiftFrom makes room for a row at seq by moving later rows up by one,
// through negative numbers so no two rows ever share a key.
func (a attacker) shiftFrom(seq int64) {
	a.exec("UPDATE audit SET seq = -(seq + 1) WHERE seq >= ?", seq)
	a.exec("UPDATE audit SET seq = -seq WHERE seq < 0")
}

func (a attacker) hash(seq int64) string { return a.rows[seq-1].Hash }

func TestVerifyFindsTampering(t *testing.T) {
	tests := []struct {
		name     string
		tamper   func(a attacker)
		firstBad int64
		reason   string
	}{
		{"change detail", func(a attacker) { a.exec("UPDATE audit SET detail = '已批准' WHERE seq = 3") }, 3, "hash mismatch"},
		{"change actor of first row", func(a attacker) { a.exec("UPDATE audit SET actor = 'mallory' WHERE seq = 1") }, 1, "hash mismatch"},
		{"change time", func(a attacker) {
			a.exec("UPDATE audit SET at = '2020-01-01T00:00:00.000000000Z' WHERE seq = 2")
		}, 2, "hash mismatch"},
		{"change action", func(a attacker) { a.exec("UPDATE audit SET action = ? WHERE seq = 5", audit.ActionSignIn) }, 5, "hash mismatch"},
		{"replace hash", func(a attacker) { a.exec("UPDATE audit SET hash = ? WHERE seq = 2", a.hash(1)) }, 2, "hash mismatch"},
		{"change row and recompute its hash", func(a attacker) {
			r := a.rows[1]
			h := forgeHash(2, r.At.Format("2006-01-02T15:04:05.000000000Z"), "mallory", r.Action, r.Target, r.Detail, r.Prev)
			a.exec("UPDATE audit SET actor = 'mallory', hash = ? WHERE seq = 2", h)
		}, 3, "broken link to previous row"},
		{"relink a row", func(a attacker) { a.exec("UPDATE audit SET prev = ? WHERE seq = 4", a.hash(2)) }, 4, "broken link to previous row"},
		{"delete middle row", func(a attacker) { a.exec("DELETE FROM audit WHERE seq = 3") }, 4, "gap in sequence: row 3 missing"},
		{"delete two rows", func(a attacker) { a.exec("DELETE FROM audit WHERE seq IN (2, 3)") }, 4, "gap in sequence: rows 2-3 missing"},
		{"delete first row", func(a attacker) { a.exec("DELETE FROM audit WHERE seq = 1") }, 2, "gap in sequence: row 1 missing"},
		{"delete middle row and renumber", func(a attacker) {
			a.exec("DELETE FROM audit WHERE seq = 3")
			a.exec("UPDATE audit SET seq = seq - 1 WHERE seq > 3")
		}, 3, "broken link to previous row"},
		{"forge middle row", func(a attacker) { a.shiftFrom(3); a.insert(3, a.hash(2), false) }, 3, "hash mismatch"},
		{"forge middle row with right hash", func(a attacker) { a.shiftFrom(3); a.insert(3, a.hash(2), true) }, 4, "broken link to previous row"},
		{"forge last row", func(a attacker) { a.insert(6, a.hash(5), false) }, 6, "hash mismatch"},
		{"forge last row with wrong link", func(a attacker) { a.insert(6, a.hash(4), true) }, 6, "broken link to previous row"},
		{"row before genesis", func(a attacker) { a.insert(0, audit.Genesis, true) }, 0, "unexpected row before genesis"},
		{"garbled time", func(a attacker) {
			r := a.rows[4]
			h := forgeHash(5, "yesterday", r.Actor, r.Action, r.Target, r.Detail, r.Prev)
			a.exec("UPDATE audit SET at = 'yesterday', hash = ? WHERE seq = 5", h)
		}, 5, "bad timestamp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newAttacker(t)
			tt.tamper(a)
			rep, err := audit.Verify(context.Background(), a.db)
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK || rep.FirstBad != tt.firstBad || rep.Reason != tt.reason {
				t.Errorf("Verify = %+v; want first bad row %d, %q", rep, tt.firstBad, tt.reason)
			}
		})
	}
}

// TestVerifyTailDeletion documents the chain's limit: rows cut from the
// end leave a valid chain, and only a recorded head reveals the cut.
func TestVerifyTailDeletion(t *testing.T) {
	a := newAttacker(t)
	recorded := a.hash(5)
	a.exec("DELETE FROM audit WHERE seq = 5")
	rep, err := audit.Verify(context.Background(), a.db)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK || rep.Rows != 4 {
		t.Errorf("Verify = %+v; a shortened chain should still verify", rep)
	}
	if rep.Head == recorded || rep.Head != a.hash(4) {
		t.Errorf("Head = %s; want row 4's hash, which differs from the recorded head", rep.Head)
	}
}

func TestVerifyEmpty(t *testing.T) {
	rep, err := audit.Verify(context.Background(), openWS(t).SQL)
	if err != nil {
		t.Fatal(err)
	}
	if want := (audit.Report{OK: true, Head: audit.Genesis}); rep != want {
		t.Errorf("Verify of an empty trail = %+v, want %+v", rep, want)
	}
}

// newAttacker writes five rows and drops the protecting triggers.
func newAttacker(t *testing.T) attacker {
	db := openWS(t)
	base := time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC)
	var events []audit.Event
	for i := range 5 {
		events = append(events, audit.Event{At: base.Add(time.Duration(i) * time.Minute),
			Actor: "zhang", Action: audit.ActionAccountCreate, Target: fmt.Sprintf("user%d", i), Detail: "编辑"})
	}
	a := attacker{t: t, db: db.SQL, rows: appendEvents(t, db, events...)}
	for _, trg := range []string{"audit_no_update", "audit_no_delete", "audit_append_only"} {
		a.exec("DROP TRIGGER " + trg)
	}
	return a
}
