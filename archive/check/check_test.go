package check

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"shenfa/review/account"
)

func TestGoodRecordPasses(t *testing.T) {
	e := newEnv(t)
	rep, err := e.c.Run(context.Background(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Records) < 2 {
		t.Fatalf("%d records", len(rep.Records))
	}
	for _, rr := range rep.Records {
		for _, it := range rr.Items {
			t.Logf("%s %s %s %s: %s", rr.Code, it.ID, it.Name, it.Status, it.Detail)
			if it.Status != Pass {
				t.Errorf("%s %s: %s %s", rr.Code, it.ID, it.Status, it.Detail)
			}
		}
	}
	for _, it := range rep.Workspace {
		t.Logf("workspace %s %s: %s", it.ID, it.Status, it.Detail)
		if it.Status != Pass {
			t.Errorf("workspace %s: %s %s", it.ID, it.Status, it.Detail)
		}
	}
}

func TestVerifyAuthorisation(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	_, code := e.first(t)
	for _, tc := range []struct {
		user string
		ok   bool
	}{
		{"archivist", true}, {"author", true}, {"approver3", true},
		{"sysadmin", false}, {"secadmin", false}, {"auditor", false},
	} {
		t.Run(tc.user, func(t *testing.T) {
			rep, err := e.c.Verify(ctx, e.session(t, tc.user), []string{code}, nil)
			if !tc.ok {
				if !errors.Is(err, account.ErrForbidden) {
					t.Fatalf("got %v, want forbidden", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Records) != 1 || rep.Records[0].Code != code || rep.By != tc.user {
				t.Fatalf("report %+v", rep)
			}
			var n int
			e.w.DB.SQL.QueryRow(`SELECT count(*) FROM audit WHERE action = ? AND actor = ? AND target = ?`, ActionVerify, tc.user, code).Scan(&n)
			if n != 1 {
				t.Errorf("%d audit rows of the verification", n)
			}
		})
	}
	// The verifications just recorded are authorised actions on the record.
	rep, err := e.c.Verify(ctx, e.session(t, "archivist"), []string{code}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if it := itemOf(rep.Records[0], "security.access"); it.Status != Pass {
		t.Errorf("access after verifications: %s %s", it.Status, it.Detail)
	}
}

func TestVerifyProgressAndCancel(t *testing.T) {
	e := newEnv(t)
	sess := e.session(t, "archivist")
	var seen []int
	rep, err := e.c.Verify(context.Background(), sess, nil, func(done, total int) { seen = append(seen, done*100+total) })
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rep.Records); len(seen) != n || seen[n-1] != n*100+n {
		t.Errorf("progress %v for %d records", seen, n)
	}
	var before int
	e.w.DB.SQL.QueryRow(`SELECT count(*) FROM audit WHERE action = ?`, ActionVerify).Scan(&before)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err = e.c.Verify(ctx, sess, nil, func(done, total int) { calls++; cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	if calls >= len(rep.Records)+1 {
		t.Errorf("%d progress calls after cancel", calls)
	}
	var after int
	e.w.DB.SQL.QueryRow(`SELECT count(*) FROM audit WHERE action = ?`, ActionVerify).Scan(&after)
	if after != before {
		t.Errorf("a cancelled run wrote an audit row")
	}
}

func TestResolve(t *testing.T) {
	e := newEnv(t)
	id, code := e.first(t)
	for _, ref := range []string{code, fmt.Sprint(id), "#" + fmt.Sprint(id)} {
		ids, err := e.c.Resolve(context.Background(), ref)
		if err != nil || len(ids) != 1 || ids[0] != id {
			t.Errorf("%s: %v %v", ref, ids, err)
		}
	}
	if _, err := e.c.Resolve(context.Background(), "Z001-WS·1999-Y-0001"); !errors.Is(err, ErrNoRecord) {
		t.Errorf("unknown 档号: %v", err)
	}
}

// TestToolsMissing: without the external programs and the PAdES verifier
// the items they make say "not checked", never pass.
func TestToolsMissing(t *testing.T) {
	e := newEnv(t)
	c := New(e.w.DB, WithTools(missingTools{}))
	id, _ := e.first(t)
	rr, err := c.Record(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"authenticity.pades", "usability.qpdf", "usability.text"} {
		if it := itemOf(rr, id); it.Status != Skipped || !strings.Contains(it.Detail, "工具缺失") {
			t.Errorf("%s: %s %s", id, it.Status, it.Detail)
		}
	}
	if it := itemOf(rr, "usability.fonts"); it.Status != Pass || !strings.Contains(it.Detail, "内置解析器") {
		t.Errorf("fonts by the built-in reader: %s %s", it.Status, it.Detail)
	}
	if rr.Status != Skipped {
		t.Errorf("record status %s", rr.Status)
	}
}

// TestPdfsigFallback: without the PAdES verifier, pdfsig still catches an
// unsigned PDF.
func TestPdfsigFallback(t *testing.T) {
	if _, err := exec.LookPath("pdfsig"); err != nil {
		t.Skip("pdfsig not installed")
	}
	e := newEnv(t)
	id, _ := e.first(t)
	rr, err := New(e.w.DB).Record(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if it := itemOf(rr, "authenticity.pades"); it.Status != Fail || !strings.Contains(it.Detail, "没有签名") {
		t.Errorf("unsigned PDF under pdfsig: %s %s", it.Status, it.Detail)
	}
}
