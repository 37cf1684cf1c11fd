package cli

import (
	"testing"

	"shenfa/review/drafts"
)

// Every code the workflow commands print a label for has a translation, so
// that no status, decision, event or verification problem is shown raw.
func TestWorkflowLabelsTranslated(t *testing.T) {
	var keys []string
	for _, s := range drafts.Statuses {
		keys = append(keys, "draft_status."+string(s))
	}
	for _, d := range []drafts.Decision{drafts.Approve, drafts.Return, drafts.Publish, drafts.Redact, drafts.ExemptD, drafts.Escalate} {
		keys = append(keys, "decision."+string(d))
	}
	for _, k := range []drafts.Kind{drafts.Original, drafts.Repost} {
		keys = append(keys, "draft_kind."+string(k))
	}
	for _, p := range []drafts.Problem{drafts.MissingSignOff, drafts.BadStatement, drafts.StatementChanged, drafts.BrokenChain,
		drafts.RecordChanged, drafts.BadSignature, drafts.UnknownKey, drafts.TextChanged, drafts.FileChanged,
		drafts.FindingsChanged, drafts.Incomplete} {
		keys = append(keys, "verify.problem."+string(p))
	}
	for _, e := range []string{"submit", "withdraw", "revise", "return", "redact", "exempt", "escalate", "answer", "delegate", "publish"} {
		keys = append(keys, "cli.draft.event."+e)
	}
	for _, w := range []string{"sign", "answer", "revise", "publish", "submit"} {
		keys = append(keys, "cli.draft.why."+w)
	}
	for _, f := range []string{"opinion", "time", "decision", "signer", "version", "workspace"} {
		keys = append(keys, "cli.verify.record."+f)
	}
	for i := range drafts.ChecklistItems {
		keys = append(keys, "checklist."+string(rune('1'+i)))
	}
	for _, k := range keys {
		if !translated()[k] {
			t.Errorf("%s has no translation", k)
		}
	}
}
