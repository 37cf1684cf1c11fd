package drafts

import (
	"context"
	"strings"
	"sync"
	"testing"
)

// TestVerifyFindsTampering changes the record through raw SQL, after
// dropping the triggers that refuse it, and expects Verify to name what
// was changed.
func TestVerifyFindsTampering(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		sql  []string
		want Problem
		seq  int // first bad sign-off, 0 when the failure is the draft's
	}{
		{"text of the version", []string{`UPDATE versions SET text = text || '。' WHERE number = 1`}, TextChanged, 1},
		{"original file", []string{`UPDATE versions SET file = X'00'`}, FileChanged, 1},
		{"opinion", []string{`UPDATE signoffs SET opinion = '不同意' WHERE seq = 2`}, RecordChanged, 2},
		{"time", []string{`UPDATE signoffs SET signed_at = '2026-12-01T00:00:00Z' WHERE seq = 3`}, RecordChanged, 3},
		{"statement rewritten", []string{`UPDATE signoffs SET statement = replace(statement, 'opinion: 同意发布。', 'opinion: 同意。'),
			statement_sm3 = '' WHERE seq = 2`}, StatementChanged, 2},
		{"signature", []string{`UPDATE signoffs SET signature = (SELECT signature FROM signoffs WHERE seq = 1) WHERE seq = 2`}, BadSignature, 2},
		{"findings list", []string{`UPDATE signoffs SET findings = replace(findings, '"version":1', '"version":1 ') WHERE seq = 1`}, FindingsChanged, 1},
		{"a sign-off deleted", []string{`DELETE FROM signoffs WHERE seq = 2`}, MissingSignOff, 3},
		{"the last sign-off deleted", []string{`DELETE FROM signoffs WHERE seq = 4`}, Incomplete, 0},
		{"two sign-offs swapped", []string{`UPDATE signoffs SET seq = 99 WHERE seq = 2`, `UPDATE signoffs SET seq = 2 WHERE seq = 3`,
			`UPDATE signoffs SET seq = 3 WHERE seq = 99`}, BrokenChain, 2},
		{"signer replaced", []string{`UPDATE signoffs SET signer_id = (SELECT id FROM users WHERE name = 'editor2') WHERE seq = 1`}, RecordChanged, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			id := e.approved(cleanText)
			if v, _ := e.s.Verify(ctx, id); !v.OK {
				t.Fatalf("untouched draft does not verify: %+v", v)
			}
			for _, trig := range []string{"versions_no_update", "versions_no_delete", "signoffs_no_update", "signoffs_no_delete"} {
				if _, err := e.db.SQL.Exec(`DROP TRIGGER ` + trig); err != nil {
					t.Fatal(err)
				}
			}
			for _, q := range tc.sql {
				if _, err := e.db.SQL.Exec(q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			v, err := e.s.Verify(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if v.OK || v.Problem != tc.want || v.FirstBad != tc.seq {
				t.Errorf("got ok=%v problem=%s first=%d (%s); want %s at %d", v.OK, v.Problem, v.FirstBad, v.Reason, tc.want, tc.seq)
			}
		})
	}
}

func TestRecordIsImmutable(t *testing.T) {
	e := newEnv(t)
	e.approved(cleanText)
	for _, q := range []string{
		`UPDATE versions SET text = 'x'`, `DELETE FROM versions`,
		`UPDATE signoffs SET opinion = 'x'`, `DELETE FROM signoffs`,
		`UPDATE draft_events SET reason = 'x'`, `DELETE FROM draft_events`,
	} {
		if _, err := e.db.SQL.Exec(q); err == nil || !strings.Contains(err.Error(), "cannot") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

// TestOldKeysStillVerify: a password reset issues a new key; sign-offs made
// with the old one still verify with the key on record.
func TestOldKeysStillVerify(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	id := e.approved(cleanText)
	if err := e.acc.ResetPassword(ctx, e.users["sys"], e.users["editor"].User.ID, "Another!Passw0rd"); err != nil {
		t.Fatal(err)
	}
	if v, _ := e.s.Verify(ctx, id); !v.OK {
		t.Fatalf("after the editor's key was replaced: %+v", v)
	}
}

// TestConcurrentSignOffs: two windows sign the same step at once; one wins
// and the other is told the draft changed.
func TestConcurrentSignOffs(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	id := submitted(e)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, user := range []string{"editor", "editor2"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = e.s.Sign(ctx, e.users[user], password, SignRequest{Draft: id, Version: 1, Step: Tier1,
				Decision: Approve, Opinion: "同意"})
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if err != ErrStale {
			t.Errorf("loser: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d sign-offs succeeded: %v", ok, errs)
	}
}

func TestStatementRoundTrip(t *testing.T) {
	e := newEnv(t)
	id := e.approved(cleanText)
	sos, err := e.s.SignOffs(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, so := range sos {
		st, err := ParseStatement(so.Statement)
		if err != nil {
			t.Fatal(err)
		}
		if st.String() != so.Statement || !strings.HasPrefix(so.Statement, StatementFormat+"\nworkspace: ") {
			t.Fatalf("statement:\n%s", so.Statement)
		}
	}
	st := Statement{Opinion: "第一行\n第二行 \\ 反斜杠", Previous: "none"}
	back, err := ParseStatement(st.String())
	if err != nil || back.Opinion != st.Opinion || strings.Count(st.String(), "\n") != 15 {
		t.Fatalf("escaping: %q %v", back.Opinion, err)
	}
}

func FuzzParseStatement(f *testing.F) {
	f.Add(Statement{Draft: 1, Version: 2, Opinion: "同意", Previous: "none"}.String())
	f.Add("shenfa-signoff 1\n")
	f.Fuzz(func(t *testing.T, text string) {
		st, err := ParseStatement(text)
		if err == nil && st.String() != text {
			t.Fatalf("accepted a statement it would not write: %q", text)
		}
	})
}
