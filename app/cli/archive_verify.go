package cli

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"os"

	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/archive/check"
	"shenfa/archive/rescan"
	"shenfa/review"
	"shenfa/review/account"
)

func init() {
	archiveCommands["verify"] = runArchiveVerify
	archiveCommands["rescan"] = runArchiveRescan
}

// runArchiveVerify is `shenfa archive verify [ID|档号…] [--json] [--pdf
// REPORT.pdf]`: the 四性检测 of DA/T 70 on the records named (all of them
// without any), with progress on stderr. Exit 0 when no item fails.
func runArchiveVerify(c *ctx, args []string) int {
	fs := newFlags("archive verify")
	asJSON := fs.Bool("json", false, "")
	pdfOut := fs.String("pdf", "", "")
	refs, err := parseFlags(fs, args)
	if err != nil {
		return c.usageOf("archive", err)
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		roots, err := c.workspaceRoots()
		if err != nil {
			return c.fail(err)
		}
		ch := check.New(w.DB, check.WithSignatures(recordSignatures(roots)))
		rep, err := ch.Verify(ctx, sess, refs, c.progress("cli.archive.verify.progress"))
		if errors.Is(err, check.ErrNoRecord) {
			return c.fail(i18n.Errorf("cli.archive.verify.no_record", map[string]any{"Detail": err.Error()}))
		}
		if err != nil {
			return c.fail(err)
		}
		if *pdfOut != "" {
			if code := c.writeReportPDF(rep, *pdfOut); code != ExitOK {
				return code
			}
		}
		code := ExitOK
		if !rep.OK() {
			code = ExitFailed
		}
		if *asJSON {
			if out := c.writeJSON(rep); out != ExitOK {
				return out
			}
			return code
		}
		c.printCheckReport(rep)
		return code
	})
}

// recordSignatures is the PAdES check of the 四性检测: archive.VerifyPDF's
// verdict on the signature, against the workspace's CAs.
func recordSignatures(roots *x509.CertPool) check.SignatureVerifier {
	return check.SignatureFunc(func(_ context.Context, pdf []byte) (check.Signature, error) {
		rep := archive.VerifyPDF(pdf, roots)
		sig, whole, trust := rep.Result(archive.PDFSignature), rep.Result(archive.PDFWhole), rep.Result(archive.PDFTrust)
		s := check.Signature{Signed: sig.Problem != "unsigned", Valid: sig.OK, WholeFile: whole.OK, Trusted: trust.OK,
			Signer: rep.Signer}
		for _, r := range []archive.PDFResult{sig, whole, trust} {
			if !r.OK {
				s.Detail = pdfResultText(rep, r)
				break
			}
		}
		return s, nil
	})
}

// progress writes "label n/m" on one line of stderr, and ends the line when done.
func (c *ctx) progress(key string) func(done, total int) {
	return func(done, total int) {
		fmt.Fprintf(c.Stderr, "\r%s", i18n.L(key, map[string]any{"Done": done, "Total": total}))
		if done == total {
			fmt.Fprintln(c.Stderr)
		}
	}
}

func (c *ctx) writeReportPDF(rep *check.Report, file string) int {
	b, err := rep.PDF()
	if err == nil {
		err = os.WriteFile(file, b, 0o644)
	}
	if err != nil {
		return c.fail(i18n.Errorf("cli.archive.verify.pdf_failed", map[string]any{"File": file, "Detail": err.Error()}))
	}
	fmt.Fprintln(c.Stderr, i18n.L("cli.archive.verify.pdf_written", map[string]any{"File": file}))
	return ExitOK
}

var checkMarks = map[check.Status]string{check.Pass: "✓", check.Warn: "!", check.Fail: "✗", check.Skipped: "–"}

func (c *ctx) printCheckReport(rep *check.Report) {
	for _, rr := range rep.Records {
		c.printf("%s\n", i18n.L("cli.archive.verify.record", map[string]any{"Code": rr.Code, "Title": rr.Title,
			"Status": label("cli.archive.verify.status.", string(rr.Status))}))
		for _, it := range rr.Items {
			c.printf("  %s [%s] %s：%s\n", checkMarks[it.Status], it.Property.Label(), it.Name, it.Detail)
		}
	}
	c.printf("%s\n", i18n.L("cli.archive.verify.workspace"))
	for _, it := range rep.Workspace {
		c.printf("  %s [%s] %s：%s\n", checkMarks[it.Status], it.Property.Label(), it.Name, it.Detail)
	}
	c.printf("%s\n", i18n.L("cli.archive.verify.summary", map[string]any{"Records": len(rep.Records),
		"Status": label("cli.archive.verify.status.", string(rep.Status)), "Pass": rep.Counts[check.Pass],
		"Warn": rep.Counts[check.Warn], "Fail": rep.Counts[check.Fail], "Skipped": rep.Counts[check.Skipped]}))
}

// runArchiveRescan is `shenfa archive rescan [--model] [--json]`: every record's text
// checked again with the current lexicons, as on the day it was sealed
// (回头看); lists the records that now have block or warn findings. Exit 1
// when some record now has a block finding, as shenfa check.
func runArchiveRescan(c *ctx, args []string) int {
	fs := newFlags("archive rescan")
	asJSON := fs.Bool("json", false, "")
	model := fs.Bool("model", false, "")
	rest, err := parseFlags(fs, args)
	if err != nil || len(rest) != 0 {
		return c.usageOf("archive", err)
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		checker, err := w.Checker(ctx)
		if err != nil {
			return c.fail(err)
		}
		rep, err := rescan.Run(ctx, w.DB, sess, checker, rescan.Options{Progress: c.progress("cli.archive.rescan.progress"),
			Model: *model})
		if err != nil {
			return c.fail(err)
		}
		if *asJSON {
			return c.writeJSON(rep)
		}
		c.printf("%s\n", i18n.L("cli.archive.rescan.head", map[string]any{"ID": rep.ID, "Checked": rep.Checked,
			"Flagged": rep.Flagged, "Block": rep.Block, "Warn": rep.Warn, "Lexicons": lexiconNames(rep)}))
		for _, r := range rep.Results {
			c.printf("%s\n", i18n.L("cli.archive.rescan.row", map[string]any{"ID": r.RecordID, "Code": r.Code, "Title": r.Title,
				"Block": r.Block, "Warn": r.Warn}))
			for _, f := range r.Findings {
				c.printf("      [%s] %s — %s\n", label("severity.", string(f.Severity)), f.Text, f.Message)
			}
		}
		if rep.Block > 0 {
			return ExitFailed // as shenfa check: a block finding is a failure
		}
		return ExitOK
	})
}

func lexiconNames(rep *rescan.Report) string {
	s := ""
	for i, l := range rep.Lexicons {
		if i > 0 {
			s += "、"
		}
		s += l.Name + " " + l.Version
	}
	return s
}
