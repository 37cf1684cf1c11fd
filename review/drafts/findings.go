package drafts

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"shenfa/sensitive"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

// FindingRecord is a finding of a version with what the steps did about it.
type FindingRecord struct {
	ID         string           `json:"id"`
	Start      int              `json:"start"`
	End        int              `json:"end"`
	Text       string           `json:"text"`
	Category   finding.Category `json:"category"`
	Severity   finding.Severity `json:"severity"`
	Rule       string           `json:"rule"`
	Message    string           `json:"message"`
	Suggestion string           `json:"suggestion"`
	Waived     *Disposition     `json:"waived,omitempty"` // a block finding waived with a written reason
	Acked      *Disposition     `json:"acked,omitempty"`  // a warn finding acknowledged at 初审
}

// Disposition is who dealt with a finding, at which step, and why.
type Disposition struct {
	Step   Step   `json:"step"`
	By     string `json:"by"`
	Reason string `json:"reason,omitempty"`
}

// Findings is the canonical findings list a sign-off signs (its SM3 is the
// statement's findings-sm3): the version's findings with their waivers and
// acknowledgements so far, and the 保密审查 checklist when that step signs.
type Findings struct {
	Version  int               `json:"version"`
	Lexicons []lexicon.Version `json:"lexicons"`
	Findings []FindingRecord   `json:"findings"`
	Secrecy  *SecrecyReview    `json:"secrecy,omitempty"`
}

// SecrecyReview is the 保密审查 checklist (是/否 each, GUIDE §3.6) with the
// decision's 依据和理由.
type SecrecyReview struct {
	Answers []bool `json:"answers"` // in the order of ChecklistItems; true = 是
	Basis   string `json:"basis"`
}

// ChecklistItems are the questions of the 保密审查 checklist.
var ChecklistItems = []string{
	"标有密级",
	"虽未标识但涉及国家秘密",
	"工作秘密或内部敏感信息",
	"商业秘密",
	"个人隐私（是否已去标识化）",
	"公开后可能危及国家安全、公共安全、经济安全和社会稳定",
	"非主动公开文件、会议纪要或请示",
	"转载来源涉密",
}

// FindingID is a finding's stable id: the same finding of the same version
// always has the same id, so that waivers name what they waive.
func FindingID(f sensitive.Finding) string {
	return "f" + SM3(fmt.Appendf(nil, "%s|%d|%d|%s", f.Rule, f.Start, f.End, f.Text))[:12]
}

// baseFindings are a version's findings before anyone dealt with them.
func baseFindings(v Version) Findings {
	fs := Findings{Version: v.Number, Lexicons: v.Check.Lexicons}
	for _, f := range v.Check.Findings {
		fs.Findings = append(fs.Findings, FindingRecord{ID: FindingID(f), Start: f.Start, End: f.End, Text: f.Text,
			Category: f.Category, Severity: f.Severity, Rule: f.Rule, Message: f.Message, Suggestion: f.Suggestion})
	}
	return fs
}

// canonical is the JSON the statement's findings-sm3 covers: struct order,
// findings in text order, no secrecy review unless that step signs.
func (fs Findings) canonical() ([]byte, error) {
	slices.SortStableFunc(fs.Findings, func(a, b FindingRecord) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		return strings.Compare(a.ID, b.ID)
	})
	return json.Marshal(fs)
}

// Unwaivable reports the categories whose block findings no step may waive:
// the text must change.
func Unwaivable(c finding.Category) bool { return c == finding.Secret || c == finding.Privacy }

// apply records this sign-off's waivers and acknowledgements on fs, and
// says what still stands in the way of an approval at step (steps are the
// grade's, idx the step's index).
func (fs *Findings) apply(p Policy, steps []Step, idx int, by string, waivers map[string]string, acks []string) error {
	step := steps[idx]
	open := &OpenFindingsError{}
	byID := map[string]*FindingRecord{}
	for i := range fs.Findings {
		byID[fs.Findings[i].ID] = &fs.Findings[i]
	}
	for id, reason := range waivers {
		f := byID[id]
		switch {
		case f == nil || f.Severity != finding.Block || f.Waived != nil:
			open.NotAllowed = append(open.NotAllowed, id)
		case Unwaivable(f.Category) || !p.MayWaive(step, f.Category):
			open.NotAllowed = append(open.NotAllowed, id)
		case strings.TrimSpace(reason) == "":
			open.NeedReason = append(open.NeedReason, id)
		default:
			f.Waived = &Disposition{Step: step, By: by, Reason: strings.TrimSpace(reason)}
		}
	}
	for _, id := range acks {
		if f := byID[id]; f != nil && f.Severity == finding.Warn && f.Acked == nil {
			f.Acked = &Disposition{Step: step, By: by}
		}
	}
	for _, f := range fs.Findings {
		switch {
		case f.Severity == finding.Block && f.Waived == nil && !laterMayWaive(p, steps, idx, f.Category):
			open.Unwaivable = append(open.Unwaivable, f.ID)
		case f.Severity == finding.Warn && f.Acked == nil && step == Tier1:
			open.NeedAck = append(open.NeedAck, f.ID)
		}
	}
	if len(open.Unwaivable)+len(open.NeedAck)+len(open.NeedReason)+len(open.NotAllowed) > 0 {
		return open
	}
	return nil
}

// laterMayWaive reports whether a step after idx may waive block findings of c.
func laterMayWaive(p Policy, steps []Step, idx int, c finding.Category) bool {
	if Unwaivable(c) {
		return false
	}
	for _, s := range steps[idx+1:] {
		if p.MayWaive(s, c) {
			return true
		}
	}
	return false
}
