package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/review/policy"
	"shenfa/sensitive/finding"
)

// signArgs are the options of `shenfa signoff`.
type signArgs struct {
	draft    int64
	req      drafts.SignRequest
	ackAll   bool
	json     bool
	decision []drafts.Decision // every decision flag given; exactly one is allowed
}

// decisionFlags are the decision options and what each decides.
var decisionFlags = []struct {
	flag     string
	decision drafts.Decision
}{{"approve", drafts.Approve}, {"return", drafts.Return}, {"publish", drafts.Publish},
	{"redact", drafts.Redact}, {"exempt", drafts.ExemptD}, {"escalate", drafts.Escalate}}

func parseSignArgs(args []string) (signArgs, error) {
	fs := newFlags("signoff")
	var a signArgs
	step, opinion, returnTo := fs.String("step", "", ""), fs.String("opinion", "", ""), fs.String("return-to", "", "")
	checklist, basis := fs.String("checklist", "", ""), fs.String("basis", "", "")
	fs.IntVar(&a.req.Version, "version", 0, "")
	fs.BoolVar(&a.ackAll, "ack-all", false, "")
	fs.BoolVar(&a.json, "json", false, "")
	var waive, ack listFlag
	fs.Var(&waive, "waive", "")
	fs.Var(&ack, "ack", "")
	chosen := make([]*bool, len(decisionFlags))
	for i, d := range decisionFlags {
		chosen[i] = fs.Bool(d.flag, false, "")
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return a, err
	}
	if len(rest) != 1 {
		return a, errors.New(i18n.L("cli.signoff.needs_draft"))
	}
	if a.draft, err = parseID(rest[0]); err != nil {
		return a, err
	}
	for i, d := range decisionFlags {
		if *chosen[i] {
			a.decision = append(a.decision, d.decision)
		}
	}
	if len(a.decision) != 1 {
		return a, errors.New(i18n.L("cli.signoff.one_decision"))
	}
	a.req.Draft, a.req.Decision, a.req.Opinion, a.req.Acks = a.draft, a.decision[0], strings.TrimSpace(*opinion), ack
	if a.req.Step, err = parseStep("--step", *step); err != nil {
		return a, err
	}
	if a.req.Opinion == "" {
		return a, errors.New(i18n.L("cli.signoff.needs_opinion"))
	}
	if *returnTo != "" {
		if a.req.Decision != drafts.Return {
			return a, errors.New(i18n.L("cli.signoff.return_to_only"))
		}
		if a.req.ReturnTo, err = parseStep("--return-to", *returnTo); err != nil {
			return a, err
		}
	}
	if a.req.Waivers, err = parseWaivers(waive); err != nil {
		return a, err
	}
	return a, a.secrecy(*checklist, *basis)
}

// parseStep reads a step: its code (tier1), its name in the interface
// language, or its Chinese name as on records (初审).
func parseStep(flagName, s string) (drafts.Step, error) {
	if strings.TrimSpace(s) == "" {
		return "", errors.New(i18n.L("cli.signoff.needs_step"))
	}
	for _, step := range policy.AllSteps {
		if s == string(step) || s == step.Label() || s == i18n.L(step.LabelKey()) {
			return step, nil
		}
	}
	return "", errors.New(i18n.L("cli.signoff.bad_step", map[string]any{"Flag": flagName, "Value": s}))
}

// parseWaivers reads --waive FINDING=REASON options.
func parseWaivers(list []string) (map[string]string, error) {
	if len(list) == 0 {
		return nil, nil
	}
	out := map[string]string{}
	for _, w := range list {
		id, reason, ok := strings.Cut(w, "=")
		if !ok || strings.TrimSpace(id) == "" || strings.TrimSpace(reason) == "" {
			return nil, errors.New(i18n.L("cli.signoff.bad_waiver", map[string]any{"Value": w}))
		}
		out[strings.TrimSpace(id)] = strings.TrimSpace(reason)
	}
	return out, nil
}

// secrecy reads the 保密审查 checklist and 依据和理由, which every
// 保密审查 decision except a return needs.
func (a *signArgs) secrecy(checklist, basis string) error {
	if a.req.Step != drafts.Secrecy || a.req.Decision == drafts.Return {
		if checklist != "" || basis != "" {
			return errors.New(i18n.L("cli.signoff.secrecy_only"))
		}
		return nil
	}
	items := strings.Join(drafts.ChecklistItems, "；")
	if checklist == "" || strings.TrimSpace(basis) == "" {
		return errors.New(i18n.L("cli.signoff.needs_checklist", map[string]any{"Count": len(drafts.ChecklistItems), "Items": items}))
	}
	answers, err := parseAnswers(checklist)
	if err != nil || len(answers) != len(drafts.ChecklistItems) {
		return errors.New(i18n.L("cli.signoff.bad_checklist", map[string]any{"Value": checklist,
			"Count": len(drafts.ChecklistItems), "Items": items}))
	}
	a.req.Secrecy = &drafts.SecrecyReview{Answers: answers, Basis: strings.TrimSpace(basis)}
	return nil
}

// parseAnswers reads 是/否 answers separated by commas.
func parseAnswers(s string) ([]bool, error) {
	var out []bool
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		switch strings.ToLower(strings.TrimSpace(part)) {
		case "是", "yes", "y", "1", "true":
			out = append(out, true)
		case "否", "no", "n", "0", "false":
			out = append(out, false)
		default:
			return nil, fmt.Errorf("answer %q", part)
		}
	}
	return out, nil
}

// runSignoff is `shenfa signoff`: one step's decision, signed with the
// signer's own key. The step must be named, so that a script never signs a
// step it did not mean; the version defaults to the current one.
func runSignoff(c *ctx, args []string) int {
	a, err := parseSignArgs(args)
	if err != nil {
		return c.usageOf("signoff", err)
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		_, password, err := c.credentials()
		if err != nil {
			return c.usageError(err)
		}
		d, version, err := draftAndVersion(ctx, w, a.draft, a.req.Version)
		if err != nil {
			return c.fail(err)
		}
		a.req.Version = version
		if d.Status == drafts.InReview && d.Step != a.req.Step {
			return c.fail(i18n.Errorf("cli.signoff.other_step", map[string]any{"ID": d.ID,
				"Step": i18n.L(d.Step.LabelKey()), "Want": i18n.L(a.req.Step.LabelKey())}))
		}
		fs, err := w.Drafts.CurrentFindings(ctx, d.ID)
		if err != nil {
			return c.fail(err)
		}
		if a.ackAll {
			for _, f := range fs.Findings {
				if f.Severity == finding.Warn && f.Acked == nil {
					a.req.Acks = append(a.req.Acks, f.ID)
				}
			}
		}
		so, err := w.Drafts.Sign(ctx, sess, password, a.req)
		if err != nil {
			return c.signRefused(ctx, w, d, fs, err)
		}
		return c.signed(ctx, w, so, a.json)
	})
}

// signed reports a sign-off and where the draft stands now.
func (c *ctx) signed(ctx context.Context, w *review.Workspace, so drafts.SignOff, asJSON bool) int {
	d, err := w.Drafts.Get(ctx, so.Draft)
	if err != nil {
		return c.fail(err)
	}
	if asJSON {
		r := draftRecord{draft: d, checks: map[int]drafts.Check{so.Seq: {OK: true}}}
		if _, p, err := draftPolicy(ctx, w, d); err == nil {
			r.steps, _ = p.Steps(d.Grade)
		}
		return c.writeJSON(struct {
			SignOff signOffJSON   `json:"signoff"`
			Status  drafts.Status `json:"status"`
			Step    drafts.Step   `json:"step"`
		}{r.signOffJSON(so), d.Status, d.Step})
	}
	c.printf("%s\n", i18n.L("cli.signoff.done", map[string]any{"ID": so.Draft, "Version": so.Version,
		"Meaning": meaningText(so.Step, so.Decision), "Name": so.SignerName, "Role": i18n.L("role." + string(so.Step.Role())),
		"At": localSeconds(so.SignedAt), "Key": fingerprint(keyOf(so)), "SM3": so.SM3, "State": draftState(d)}))
	return ExitOK
}

// signRefused explains a refused sign-off; for findings not dealt with it
// lists each by id with what would deal with it.
func (c *ctx) signRefused(ctx context.Context, w *review.Workspace, d drafts.Draft, fs drafts.Findings, err error) int {
	var open *drafts.OpenFindingsError
	if !errors.As(err, &open) {
		return c.fail(err)
	}
	byID := map[string]drafts.FindingRecord{}
	for _, f := range fs.Findings {
		byID[f.ID] = f
	}
	may := func(drafts.FindingRecord) bool { return false }
	if _, p, perr := draftPolicy(ctx, w, d); perr == nil {
		may = func(f drafts.FindingRecord) bool { return p.MayWaive(d.Step, f.Category) }
	}
	fmt.Fprintln(c.Stderr, i18n.L("cli.error")+i18n.L("cli.signoff.open_findings"))
	groups := []struct {
		key string
		ids []string
	}{{"cli.signoff.unwaivable", open.Unwaivable}, {"cli.signoff.need_ack", open.NeedAck},
		{"cli.signoff.need_reason", open.NeedReason}, {"cli.signoff.not_allowed", open.NotAllowed}}
	for _, g := range groups {
		if len(g.ids) == 0 {
			continue
		}
		fmt.Fprintln(c.Stderr, i18n.L(g.key, map[string]any{"Count": len(g.ids)}))
		for _, id := range g.ids {
			f, ok := byID[id]
			if !ok {
				fmt.Fprintln(c.Stderr, i18n.L("cli.signoff.unknown_finding", map[string]any{"ID": id}))
				continue
			}
			hint := ""
			if g.key == "cli.signoff.unwaivable" {
				hint = i18n.L("cli.signoff.must_change")
				if may(f) {
					hint = i18n.L("cli.signoff.may_waive", map[string]any{"ID": f.ID})
				}
			}
			fmt.Fprintln(c.Stderr, findingLine(f)+hint)
		}
	}
	return ExitFailed
}
