package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/review/drafts"
)

// approvedDraft takes a grade-A draft through its three steps and returns
// its id; its sign-offs are #1 初审, #2 保密审查, #3 终审.
func approvedDraft(t *testing.T, db string) string {
	t.Helper()
	addChannel(t, db)
	id := newDraft(t, db, "author", "A", cleanText)
	mustRun(t, as(db, "author"), "draft", "submit", id)
	mustRun(t, as(db, "approver1"), "signoff", id, "--step", "tier1", "--approve", "--opinion", "同意。")
	mustRun(t, as(db, "secrecy"), append([]string{"signoff", id, "--step", "secrecy", "--publish", "--opinion", "可以公开。"}, secrecyArgs...)...)
	mustRun(t, as(db, "approver3"), "signoff", id, "--step", "tier3", "--approve", "--opinion", "同意签发。")
	return id
}

// Tampering through raw SQL — behind Shenfa's back, triggers dropped — is
// found by verify draft: exit 1, and the first failure named in words.
func TestVerifyFindsTampering(t *testing.T) {
	tests := []struct {
		name    string
		sql     []string
		seq     int // the sign-off named first, 0 for none
		problem drafts.Problem
		want    string
	}{
		{"opinion", []string{`UPDATE signoffs SET opinion = '不同意。' WHERE seq = 2`}, 2, drafts.RecordChanged, "意见在签署后被改动"},
		{"time", []string{`UPDATE signoffs SET signed_at = '2020-01-01T00:00:00Z' WHERE seq = 3`}, 3, drafts.RecordChanged, "时间在签署后被改动"},
		{"text", []string{`UPDATE versions SET text = text || '（补充）'`}, 1, drafts.TextChanged, "签署 #1"},
		{"file", []string{`UPDATE versions SET file = X'00'`}, 1, drafts.FileChanged, "签署 #1"},
		{"deleted", []string{`DELETE FROM signoffs WHERE seq = 2`}, 3, drafts.MissingSignOff, "签署 #3"},
		{"reordered", []string{`UPDATE signoffs SET seq = 9 WHERE seq = 1`, `UPDATE signoffs SET seq = 1 WHERE seq = 2`,
			`UPDATE signoffs SET seq = 2 WHERE seq = 9`}, 1, drafts.BrokenChain, "签署 #1"},
		{"signature", []string{`UPDATE signoffs SET signature = (SELECT signature FROM signoffs WHERE seq = 1) WHERE seq = 3`}, 3, drafts.BadSignature, "签署 #3"},
	}
	_, base := workflowWorkspace(t)
	id := approvedDraft(t, base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "ws.db")
			data, err := os.ReadFile(base)
			if err != nil || os.WriteFile(db, data, 0o600) != nil {
				t.Fatal(err)
			}
			env := as(db, "approver2")
			expect(t, env, 0, []string{"校验通过：3 个签署"}, "verify", "draft", id)
			rawSQL(t, db, tt.sql...)
			r := expect(t, env, 1, []string{"校验失败", tt.want}, "verify", "draft", id)
			if tt.problem != drafts.RecordChanged && !strings.Contains(r.stdout, label("verify.problem.", string(tt.problem))) {
				t.Errorf("the failure is not named in words:\n%s", r.stdout)
			}
			r = run(env, "verify", "draft", id, "--json")
			var v verifyJSON
			if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || r.code != 1 {
				t.Fatalf("verify --json: exit %d, %v\n%s", r.code, err, r.stdout)
			}
			if v.OK || v.FirstBad != tt.seq || v.Problem != tt.problem || v.Message == "" {
				t.Errorf("verify --json: ok %v first_bad %d problem %q message %q; want %d %q", v.OK, v.FirstBad, v.Problem,
					v.Message, tt.seq, tt.problem)
			}
			expect(t, env, 0, []string{"签署校验未通过"}, "draft", "show", id)
		})
	}
}

// An approved draft that lost a step's sign-off no longer verifies, even
// when every remaining signature is sound.
func TestVerifyIncompleteApproval(t *testing.T) {
	_, db := workflowWorkspace(t)
	id := approvedDraft(t, db)
	rawSQL(t, db, `DELETE FROM signoffs WHERE seq = 3`)
	r := expect(t, as(db, "approver2"), 1, []string{"✓ #1", "✓ #2", label("verify.problem.", string(drafts.Incomplete))},
		"verify", "draft", id)
	if strings.Contains(r.stdout, "✗") {
		t.Errorf("a sound sign-off is marked bad:\n%s", r.stdout)
	}
}

func TestVerifyUsage(t *testing.T) {
	_, db := workflowWorkspace(t)
	env := as(db, "author")
	expect(t, env, 2, []string{"verify draft"}, "verify")
	expect(t, env, 2, []string{"verify draft"}, "verify", "record", "1")
	expect(t, env, 2, []string{"x1"}, "verify", "draft", "x1")
	expect(t, env, 1, []string{}, "verify", "draft", "7")
	expect(t, as(db, "sysadmin"), 1, []string{}, "verify", "draft", "1")
	expect(t, map[string]string{"SHENFA_DB": db, "SHENFA_USER": "author"}, 2, []string{"SHENFA_PASSWORD"}, "verify", "draft", "1")
}
