package cli

import (
	"strings"
	"testing"

	"shenfa/review/drafts"
)

// The sign-off options come from scripts: no argument list makes the
// parser panic, and whatever it accepts is a request the workflow can judge.
func FuzzSignoffArgs(f *testing.F) {
	for _, s := range []string{
		"1 --step tier1 --approve --opinion 同意。 --ack-all",
		"2 --step secrecy --publish --opinion 可以。 --checklist 否,否,否,否,否,否,否,否 --basis 依据",
		"3 --step tier2 --return --return-to tier1 --opinion 请改 --waive f1=理由 --waive =x --ack f2",
		"-- 4 --step 初审 --approve --opinion x --version -1",
		"5 --step secrecy --redact --opinion x --checklist 是，否、yes,no,1,0,y,n --basis b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := parseSignArgs(strings.Fields(s))
		if err != nil {
			return
		}
		if a.draft <= 0 || !a.req.Step.Valid() || strings.TrimSpace(a.req.Opinion) == "" || len(a.decision) != 1 {
			t.Fatalf("%q accepted as %+v", s, a)
		}
		if a.req.Step == drafts.Secrecy && a.req.Decision != drafts.Return &&
			(a.req.Secrecy == nil || len(a.req.Secrecy.Answers) != len(drafts.ChecklistItems)) {
			t.Fatalf("%q: a secrecy decision without its checklist: %+v", s, a.req)
		}
		for id, reason := range a.req.Waivers {
			if id == "" || reason == "" {
				t.Fatalf("%q: empty waiver %q=%q", s, id, reason)
			}
		}
	})
}
