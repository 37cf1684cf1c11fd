package cli

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// draftRecord is everything `draft show` prints about a draft.
type draftRecord struct {
	draft    drafts.Draft
	policyID int64
	policy   *policy.Policy
	steps    []drafts.Step
	versions []drafts.VersionInfo
	signOffs []drafts.SignOff
	events   []drafts.Event
	findings drafts.Findings
	verified drafts.Verification
	checks   map[int]drafts.Check // by sign-off seq
}

// loadRecord reads a draft with its versions, sign-offs, events, findings
// and the verification of its sign-offs.
func loadRecord(ctx context.Context, w *review.Workspace, sess *account.Session, id int64) (draftRecord, error) {
	var r draftRecord
	if !sess.User.Can(account.ReadDrafts) {
		return r, account.ErrForbidden
	}
	var err error
	if r.draft, err = w.Drafts.Get(ctx, id); err != nil {
		return r, err
	}
	if r.policyID, r.policy, err = draftPolicy(ctx, w, r.draft); err != nil {
		return r, err
	}
	r.steps, _ = r.policy.Steps(r.draft.Grade) // a grade the policy lost shows no steps
	if r.versions, err = w.Drafts.Versions(ctx, id); err != nil {
		return r, err
	}
	if r.signOffs, err = w.Drafts.SignOffs(ctx, id); err != nil {
		return r, err
	}
	if r.events, err = w.Drafts.Events(ctx, id); err != nil {
		return r, err
	}
	if r.findings, err = w.Drafts.CurrentFindings(ctx, id); err != nil {
		return r, err
	}
	if r.verified, err = w.Drafts.Verify(ctx, id); err != nil {
		return r, err
	}
	r.checks = map[int]drafts.Check{}
	for _, ch := range r.verified.Checks {
		r.checks[ch.Seq] = ch
	}
	return r, nil
}

// draftPolicy is the policy of the draft's current round, or the policy in
// force for a draft never submitted.
func draftPolicy(ctx context.Context, w *review.Workspace, d drafts.Draft) (int64, *policy.Policy, error) {
	if d.PolicyID != 0 {
		p, err := policy.Load(ctx, w.DB.SQL, policy.ID(d.PolicyID))
		return d.PolicyID, p, err
	}
	id, p, err := policy.Current(ctx, w.DB.SQL)
	return int64(id), p, err
}

// stepState is one step of the grade in the draft's current round.
type stepState struct {
	step    drafts.Step
	state   string // signed, current, held, decided, pending
	signOff *drafts.SignOff
}

// stepStates says for each step of the grade whether it is signed, being
// waited for, was decided otherwise (返回, 免于公开 …) or is still to come.
// A sign-off counts while it is on the current version in the current
// round and no return to an earlier step undid it.
func (r draftRecord) stepStates() []stepState {
	d := r.draft
	var valid, last []*drafts.SignOff
	last = make([]*drafts.SignOff, len(r.steps))
	for i := range r.signOffs {
		so := &r.signOffs[i]
		if so.Round != d.Round || so.Version != d.Version || d.Round == 0 {
			continue
		}
		if so.StepIndex < len(last) {
			last[so.StepIndex] = so
		}
		switch {
		case so.Decision == drafts.Approve || so.Decision == drafts.Publish:
			valid = append(valid, so)
		case so.Decision == drafts.Return && so.ReturnTo >= 0:
			for len(valid) > 0 && valid[len(valid)-1].StepIndex >= so.ReturnTo {
				valid = valid[:len(valid)-1]
			}
		}
	}
	waiting := d.Status == drafts.InReview || d.Status == drafts.Held
	out := make([]stepState, len(r.steps))
	for i, step := range r.steps {
		out[i] = stepState{step: step, state: "pending"}
		switch {
		case i < len(valid) && valid[i].Step == step:
			out[i].state, out[i].signOff = "signed", valid[i]
		case waiting && i == d.StepIndex && d.Status == drafts.Held:
			out[i].state, out[i].signOff = "held", last[i]
		case waiting && i == d.StepIndex:
			out[i].state = "current"
		case last[i] != nil && !waiting:
			out[i].state, out[i].signOff = "decided", last[i]
		}
	}
	return out
}

// current reports whether a sign-off is on the current version in the
// current round, where it still counts.
func (r draftRecord) current(so drafts.SignOff) bool {
	return so.Round == r.draft.Round && so.Version == r.draft.Version
}

// meaning is a sign-off's 签署含义 as printed on records, in Chinese
// whatever the interface language: 初审同意, 终审签发, 保密审查：公开 …
func meaning(step drafts.Step, d drafts.Decision) string {
	words := map[drafts.Decision]string{drafts.Approve: "同意", drafts.Return: "退回", drafts.Publish: "公开",
		drafts.Redact: "非密处理后公开", drafts.ExemptD: "免于公开", drafts.Escalate: "需报审"}[d]
	switch {
	case step == drafts.Secrecy:
		return step.Label() + "：" + words
	case step == drafts.Tier3 && d == drafts.Approve:
		return step.Label() + "签发"
	}
	return step.Label() + words
}

// keyOf is the key fingerprint a sign-off's statement names.
func keyOf(so drafts.SignOff) string {
	if st, err := drafts.ParseStatement(so.Statement); err == nil {
		return st.Key
	}
	return ""
}

// secrecyOf is the 保密审查 checklist a sign-off answered, or nil.
func secrecyOf(so drafts.SignOff) *drafts.SecrecyReview {
	var fs drafts.Findings
	if so.Step != drafts.Secrecy || json.Unmarshal([]byte(so.Findings), &fs) != nil {
		return nil
	}
	return fs.Secrecy
}

func (c *ctx) draftShow(args []string) int {
	fs := newFlags("draft show")
	asJSON := fs.Bool("json", false, "")
	rest, err := parseFlags(fs, args)
	if err != nil || len(rest) != 1 {
		return c.usageOf("draft", err)
	}
	id, err := parseID(rest[0])
	if err != nil {
		return c.usageOf("draft", err)
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		r, err := loadRecord(ctx, w, sess, id)
		if err != nil {
			return c.fail(err)
		}
		if *asJSON {
			return c.writeJSON(r.json(time.Now()))
		}
		c.printRecord(r, time.Now())
		return ExitOK
	})
}

func (r draftRecord) json(now time.Time) draftShowJSON {
	out := draftShowJSON{Draft: toDraftJSON(r.draft, now), Versions: []versionJSON{}, Steps: []stepJSON{},
		SignOffs: []signOffJSON{}, Events: []eventJSON{}, Verified: r.verified.OK,
		Findings: findingsJSON{Version: r.findings.Version, Lexicons: r.findings.Lexicons, Findings: r.findings.Findings}}
	if out.Findings.Findings == nil {
		out.Findings.Findings = []drafts.FindingRecord{}
	}
	if r.policy != nil {
		out.Policy = &policyRef{ID: r.policyID, Name: r.policy.Name, Version: r.policy.Version}
	}
	for _, v := range r.versions {
		out.Versions = append(out.Versions, versionJSON{Number: v.Number, Author: v.Author, CreatedAt: jsonTime(v.CreatedAt),
			Note: v.Note, FileName: v.FileName, TextSM3: v.TextSM3, FileSM3: v.FileSM3, Chars: v.Chars})
	}
	for _, s := range r.stepStates() {
		j := stepJSON{Step: s.step, State: s.state}
		if s.signOff != nil {
			j.SignOff = s.signOff.Seq
		}
		out.Steps = append(out.Steps, j)
	}
	for _, so := range r.signOffs {
		out.SignOffs = append(out.SignOffs, r.signOffJSON(so))
	}
	for _, e := range r.events {
		out.Events = append(out.Events, eventJSON{Kind: e.Kind, Round: e.Round, Version: e.Version, Actor: e.Actor,
			Step: e.Step, Target: e.Target, Reason: e.Reason, At: jsonTime(e.At)})
	}
	return out
}

func (r draftRecord) signOffJSON(so drafts.SignOff) signOffJSON {
	j := signOffJSON{Seq: so.Seq, Round: so.Round, Version: so.Version, Step: so.Step, Decision: so.Decision,
		Meaning: meaning(so.Step, so.Decision), Opinion: so.Opinion, Signer: so.Signer, SignerName: so.SignerName,
		Role: string(so.Step.Role()), SignedAt: jsonTime(so.SignedAt), Key: keyOf(so), StatementSM3: so.SM3,
		Statement: so.Statement, Signature: so.Signature, Current: r.current(so)}
	j.ReturnTo = r.returnTarget(so)
	if sr := secrecyOf(so); sr != nil {
		j.Secrecy = &secrecyJSON{Basis: sr.Basis, Checklist: []checkItemJSON{}}
		for i, item := range drafts.ChecklistItems {
			j.Secrecy.Checklist = append(j.Secrecy.Checklist, checkItemJSON{Item: item, Answer: i < len(sr.Answers) && sr.Answers[i]})
		}
	}
	ch, ok := r.checks[so.Seq]
	j.OK, j.Problem = ok && ch.OK, ch.Problem
	return j
}

// returnTarget is where a return sent the draft: a step, "author", or ""
// for a sign-off that is not a return.
func (r draftRecord) returnTarget(so drafts.SignOff) string {
	switch {
	case so.Decision != drafts.Return:
		return ""
	case so.ReturnTo >= 0 && so.ReturnTo < len(r.steps):
		return string(r.steps[so.ReturnTo])
	}
	return "author"
}

// oneLineText keeps an opinion or reason on its line in a listing.
func oneLineText(s string) string {
	return strings.NewReplacer("\r\n", " ⏎ ", "\n", " ⏎ ", "\r", " ").Replace(s)
}
