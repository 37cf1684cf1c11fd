package cli

import (
	"context"
	"crypto/x509"
	"os"

	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/review/drafts"
)

// runVerifyPDF is `shenfa verify FILE.pdf [--ca CA.pem] [--json]`: a record
// PDF verified on its own (archive.VerifyPDF). The signer must chain to the
// CA of --ca, or without it to one of the workspace's CAs, current or
// retired, when there is a workspace. Exit 0 only when every check passes.
func runVerifyPDF(c *ctx, args []string) int {
	fs := newFlags("verify")
	asJSON := fs.Bool("json", false, "")
	caFile := fs.String("ca", "", "")
	rest, err := parseFlags(fs, args)
	if err != nil || len(rest) != 1 {
		return c.usageOf("verify", err)
	}
	pdf, err := os.ReadFile(rest[0])
	if err != nil {
		return c.usageError(i18n.Errorf("cli.verifypdf.unreadable", map[string]any{"File": rest[0], "Detail": err.Error()}))
	}
	roots, err := loadRoots(*caFile)
	if err == nil && roots == nil {
		roots, err = c.workspaceRoots()
	}
	if err != nil {
		return c.usageError(err)
	}
	rep := archive.VerifyPDF(pdf, roots)
	code := ExitOK
	if !rep.OK() {
		code = ExitFailed
	}
	if *asJSON {
		if out := c.writeJSON(verifyPDFOut(rest[0], rep)); out != ExitOK {
			return out
		}
		return code
	}
	c.printf("%s\n", i18n.L("cli.verifypdf.head", map[string]any{"File": rest[0], "Code": rep.Code, "Title": rep.Title}))
	for _, r := range rep.Results {
		mark := "✓"
		if !r.OK {
			mark = "✗"
		}
		c.printf("%s\n", i18n.L("cli.verifypdf.row", map[string]any{"Mark": mark,
			"Item": i18n.L("cli.verifypdf.item." + string(r.Item)), "Text": pdfResultText(rep, r)}))
	}
	key := "cli.verifypdf.ok"
	if !rep.OK() {
		key = "cli.verifypdf.failed"
	}
	c.printf("%s\n", i18n.L(key))
	return code
}

// workspaceRoots are the CA certificates of the workspace, if there is one:
// nil, and no error, when there is none to read.
func (c *ctx) workspaceRoots() (*x509.CertPool, error) {
	if _, err := os.Stat(c.db); err != nil {
		return nil, nil
	}
	w, err := c.open()
	if err != nil {
		return nil, err
	}
	defer w.Close()
	cas, err := w.PKI.CAs(context.Background())
	if err != nil || len(cas) == 0 {
		return nil, err
	}
	pool := x509.NewCertPool()
	for _, ca := range cas {
		pool.AddCert(ca.Cert)
	}
	return pool, nil
}

type verifyPDFJSON struct {
	File string `json:"file"`
	OK   bool   `json:"ok"`
	*archive.PDFReport
	Messages []string `json:"messages"` // one line per check, translated
}

func verifyPDFOut(file string, rep *archive.PDFReport) verifyPDFJSON {
	out := verifyPDFJSON{File: file, OK: rep.OK(), PDFReport: rep, Messages: []string{}}
	for _, r := range rep.Results {
		out.Messages = append(out.Messages, i18n.L("cli.verifypdf.row", map[string]any{"Mark": map[bool]string{true: "✓", false: "✗"}[r.OK],
			"Item": i18n.L("cli.verifypdf.item." + string(r.Item)), "Text": pdfResultText(rep, r)}))
	}
	return out
}

// pdfResultText says in the user's language what one check found.
func pdfResultText(rep *archive.PDFReport, r archive.PDFResult) string {
	data := map[string]any{"Count": r.Count, "Seq": r.Seq, "Signer": rep.Signer, "At": localSeconds(rep.SignedAt)}
	if r.OK {
		return i18n.L("cli.verifypdf.pass."+string(r.Item), data)
	}
	if r.Item == archive.PDFSignOffs && r.Seq > 0 {
		why := label("verify.problem.", r.Problem)
		if key := "cli.verify.record." + r.Field; r.Problem == string(drafts.RecordChanged) && translated()[key] {
			why = i18n.L(key)
		}
		if r.Problem == string(drafts.UnknownKey) {
			why = i18n.L("cli.verifypdf.problem.signoffs.key" + map[bool]string{true: "_unreadable"}[r.Field == "public_key"])
		}
		data["Problem"] = why
		return i18n.L("cli.verify.at_signoff", data)
	}
	if r.Item == archive.PDFChain && r.Seq > 0 {
		data["Problem"] = label("verify.problem.", r.Problem)
		return i18n.L("cli.verify.at_signoff", data)
	}
	key := "cli.verifypdf.problem." + string(r.Item) + "." + r.Problem
	if r.Problem == "no_manifest" {
		key = "cli.verifypdf.problem.no_manifest"
	}
	if !translated()[key] {
		return r.Problem + " " + r.Detail
	}
	return i18n.L(key, data)
}
