package app

import (
	"slices"
	"strings"
	"time"

	"shenfa/app/i18n"
	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// The labels and rules shared by the inbox, the draft list and the draft
// page. The rules only decide which actions to offer; review/drafts
// enforces them again, so a button shown by mistake is still refused.

const minuteLayout = "2006-01-02 15:04"

// when formats a time for a list or header, "—" when there is none.
func when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format(minuteLayout)
}

// statusLabel names a draft status (草稿, 审核中 …).
func statusLabel(s drafts.Status) string { return i18n.L("draft_status." + string(s)) }

// stepLabel names a step in the interface language.
func stepLabel(s drafts.Step) string {
	if s == "" {
		return "—"
	}
	return i18n.L(s.LabelKey())
}

// draftKindLabel names a draft's kind (原创, 转载).
func draftKindLabel(k drafts.Kind) string { return i18n.L("draft_kind." + string(k)) }

// decisionLabel names a decision (同意, 退回, 公开 …).
func decisionLabel(d drafts.Decision) string { return i18n.L("decision." + string(d)) }

// gradeLabel is "B 重要": the grade's id and its label in the policy.
func gradeLabel(p *policy.Policy, id string) string {
	if p != nil {
		if g, err := p.Grade(id); err == nil {
			return g.ID + " " + g.Label
		}
	}
	return id
}

// where is a draft's place in the workflow: the step while under review.
func where(d drafts.Draft) string {
	if d.Status == drafts.InReview || d.Status == drafts.Held {
		return statusLabel(d.Status) + " · " + stepLabel(d.Step)
	}
	return statusLabel(d.Status)
}

// meaning is a sign-off's 签署含义 as shown with it: 初审同意, 终审签发,
// 保密审查：公开, 复审退回.
func meaning(so drafts.SignOff) string {
	step := stepLabel(so.Step)
	switch {
	case so.Decision == drafts.Approve && so.Step == drafts.Tier3:
		return i18n.L("signoff.meaning_issue", map[string]any{"Step": step})
	case so.Decision == drafts.Approve:
		return i18n.L("signoff.meaning_approve", map[string]any{"Step": step})
	case so.Decision == drafts.Return:
		return i18n.L("signoff.meaning_return", map[string]any{"Step": step})
	}
	return i18n.L("signoff.meaning_secrecy", map[string]any{"Step": step, "Decision": decisionLabel(so.Decision)})
}

// fingerprint shows a key's SM3 in groups of four, as people read it aloud.
func fingerprint(hex string) string {
	var groups []string
	for i := 0; i < len(hex); i += 4 {
		groups = append(groups, hex[i:min(i+4, len(hex))])
	}
	return strings.Join(groups, " ")
}

// draftRights says which actions the user may take on a draft now.
type draftRights struct {
	revise, submit, withdraw, sign, delegate, answer, publish, comment bool
}

// rightsOn works out the actions the domain would allow user on d, given
// the draft's sign-offs (who signed which step).
func rightsOn(user account.User, d drafts.Draft, sos []drafts.SignOff) draftRights {
	author := d.AuthorID == user.ID
	var r draftRights
	signedThisRound := false
	for _, so := range sos {
		signedThisRound = signedThisRound || so.Round == d.Round
	}
	atStep := mayHoldStep(user, d, sos)
	r.submit = author && (d.Status == drafts.Editing || d.Status == drafts.Returned) && user.Can(account.WriteDraft)
	r.revise = author && user.Can(account.WriteDraft) &&
		(d.Status == drafts.Editing || d.Status == drafts.Returned || d.Status == drafts.Published) ||
		d.Status == drafts.InReview && d.Step == drafts.Tier1 && atStep && user.Can(account.WriteDraft)
	r.withdraw = author && d.Status == drafts.InReview && !signedThisRound
	r.sign = d.Status == drafts.InReview && atStep
	r.delegate = r.sign
	r.answer = d.Status == drafts.Held && atStep
	r.publish = author && d.Status == drafts.Approved
	r.comment = author || reviewer(user)
	return r
}

// mayHoldStep applies separation of duties to user at the draft's step:
// not the author, holding the step's right, the assignee if there is one,
// and not a signer of another step of this draft.
func mayHoldStep(user account.User, d drafts.Draft, sos []drafts.SignOff) bool {
	if d.Step == "" || d.AuthorID == user.ID || !user.Can(d.Step.Permission()) {
		return false
	}
	if d.AssigneeID != 0 && d.AssigneeID != user.ID {
		return false
	}
	return !slices.ContainsFunc(sos, func(so drafts.SignOff) bool { return so.SignerID == user.ID && so.Step != d.Step })
}

func reviewer(user account.User) bool {
	return slices.ContainsFunc(policy.AllSteps, func(s policy.Step) bool { return user.Can(s.Permission()) })
}

// now is the time overdue drafts are judged against.
func (u *ui) now() time.Time { return time.Now() }

// unassigned is d as if its step were open to any holder, to ask who else
// could take it over.
func unassigned(d drafts.Draft) drafts.Draft {
	d.AssigneeID = 0
	return d
}
