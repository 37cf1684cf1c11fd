package cli

import (
	"context"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

// runVerify is `shenfa verify draft ID`: every sign-off of the draft checked
// with the public keys on record, the chain of statements, and the text and
// file against what was signed. Exit 0 when everything verifies, 1 when
// something does not, naming the first failure. `shenfa verify FILE.pdf`
// verifies a record PDF on its own (runVerifyPDF).
func runVerify(c *ctx, args []string) int {
	if len(args) == 0 {
		return c.usageOf("verify", nil)
	}
	if args[0] != "draft" {
		return runVerifyPDF(c, args)
	}
	fs := newFlags("verify draft")
	asJSON := fs.Bool("json", false, "")
	rest, err := parseFlags(fs, args[1:])
	if err != nil || len(rest) != 1 {
		return c.usageOf("verify", err)
	}
	id, err := parseID(rest[0])
	if err != nil {
		return c.usageOf("verify", err)
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		if !sess.User.Can(account.ReadDrafts) && !sess.User.Can(account.VerifyAudit) && !sess.User.Can(account.ManageArchive) {
			return c.fail(account.ErrForbidden)
		}
		ver, err := w.Drafts.Verify(ctx, id)
		if err != nil {
			return c.fail(err)
		}
		sos, err := w.Drafts.SignOffs(ctx, id)
		if err != nil {
			return c.fail(err)
		}
		bySeq := map[int]drafts.SignOff{}
		for _, so := range sos {
			bySeq[so.Seq] = so
		}
		code := ExitOK
		if !ver.OK {
			code = ExitFailed
		}
		if *asJSON {
			if out := c.writeJSON(verifyOut(ver, bySeq)); out != ExitOK {
				return out
			}
			return code
		}
		c.printVerification(ver, bySeq)
		return code
	})
}

func verifyOut(ver drafts.Verification, bySeq map[int]drafts.SignOff) verifyJSON {
	out := verifyJSON{Draft: ver.Draft, OK: ver.OK, FirstBad: ver.FirstBad, Problem: ver.Problem, Reason: ver.Reason,
		Checks: []verifyCheckJSON{}}
	if !ver.OK {
		out.Message = failureText(ver, bySeq)
	}
	for _, ch := range ver.Checks {
		out.Checks = append(out.Checks, verifyCheckJSON{Seq: ch.Seq, Step: ch.Step, Decision: ch.Decision, Signer: ch.Signer,
			SignedAt: jsonTime(ch.Time), OK: ch.OK, Problem: ch.Problem, Reason: ch.Reason})
	}
	return out
}

func (c *ctx) printVerification(ver drafts.Verification, bySeq map[int]drafts.SignOff) {
	c.printf("%s\n", i18n.L("cli.verify.head", map[string]any{"ID": ver.Draft, "Count": len(ver.Checks)}))
	for _, ch := range ver.Checks {
		so := bySeq[ch.Seq]
		data := map[string]any{"Seq": ch.Seq, "Meaning": meaningText(ch.Step, ch.Decision), "Name": so.SignerName,
			"User": ch.Signer, "At": localSeconds(ch.Time)}
		if ch.OK {
			c.printf("%s\n", i18n.L("cli.verify.ok_row", data))
			continue
		}
		data["Problem"] = checkText(ch, so)
		c.printf("%s\n", i18n.L("cli.verify.bad_row", data))
	}
	if ver.OK {
		c.printf("%s\n", i18n.L("cli.verify.ok", map[string]any{"Count": len(ver.Checks)}))
		return
	}
	c.printf("%s\n", i18n.L("cli.verify.failed", map[string]any{"Problem": failureText(ver, bySeq)}))
}

// failureText is the first failure of a verification in plain language.
func failureText(ver drafts.Verification, bySeq map[int]drafts.SignOff) string {
	for _, ch := range ver.Checks {
		if !ch.OK && ch.Seq == ver.FirstBad {
			return i18n.L("cli.verify.at_signoff", map[string]any{"Seq": ch.Seq, "Problem": checkText(ch, bySeq[ch.Seq])})
		}
	}
	return problemText(ver.Problem, ver.FirstBad)
}

// checkText says why one sign-off fails. When the stored record differs
// from what was signed it names the field, read from the statement itself.
func checkText(ch drafts.Check, so drafts.SignOff) string {
	if ch.Problem != drafts.RecordChanged {
		return label("verify.problem.", string(ch.Problem))
	}
	st, err := drafts.ParseStatement(so.Statement)
	field := ""
	switch {
	case err != nil:
	case st.Opinion != so.Opinion:
		field = "opinion"
	case !st.Time.Equal(so.SignedAt):
		field = "time"
	case st.Step != so.Step || st.Decision != so.Decision:
		field = "decision"
	case st.Signer != so.Signer:
		field = "signer"
	case st.Draft != so.Draft || st.Version != so.Version:
		field = "version"
	default:
		field = "workspace"
	}
	if key := "cli.verify.record." + field; field != "" && translated()[key] {
		return i18n.L(key)
	}
	return label("verify.problem.", string(ch.Problem))
}
