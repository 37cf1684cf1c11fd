package cli

import (
	"context"
	"errors"
	"strings"

	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/archive/record"
	"shenfa/review"
	"shenfa/review/account"
)

func init() { archiveCommands["show"] = runArchiveShow }

// runArchiveShow is `shenfa archive show ID|档号 [--json]`: a record's
// metadata, its approval timeline with a mark for each sign-off that
// verifies, and the verdict on its PDF (archive.VerifyPDF).
func runArchiveShow(c *ctx, args []string) int {
	fs := newFlags("archive show")
	asJSON := fs.Bool("json", false, "")
	rest, err := parseFlags(fs, args)
	if err != nil || len(rest) != 1 {
		return c.usageOf("archive", err)
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		r, err := w.Archive.Get(ctx, sess, strings.TrimPrefix(rest[0], "#"))
		if errors.Is(err, archive.ErrNoRecord) {
			return c.fail(i18n.Errorf("cli.archive.no_record", map[string]any{"Value": rest[0]}))
		}
		if err != nil {
			return c.fail(err)
		}
		roots, err := c.workspaceRoots()
		if err != nil {
			return c.fail(err)
		}
		pdf := archive.VerifyPDF(r.PDF, roots)
		if *asJSON {
			return c.writeJSON(showRecordJSON(r, pdf))
		}
		c.printArchiveRecord(r, pdf)
		return ExitOK
	})
}

type recordSignOffJSON struct {
	Seq      int    `json:"seq"`
	Step     string `json:"step"`
	Meaning  string `json:"meaning"`
	Signer   string `json:"signer"`
	Name     string `json:"name"`
	Time     string `json:"time"`
	Opinion  string `json:"opinion,omitempty"`
	Current  bool   `json:"current"`
	Verified bool   `json:"verified"`
	Problem  string `json:"problem,omitempty"`
}

type recordJSON struct {
	ID        int64               `json:"id"`
	Code      string              `json:"code"`
	Title     string              `json:"title"`
	Channel   string              `json:"channel"`
	Grade     string              `json:"grade"`
	Retention string              `json:"retention"`
	Author    string              `json:"author"`
	SealedAt  string              `json:"sealed_at"`
	Archivist string              `json:"archivist"`
	TextSM3   string              `json:"text_sm3"`
	AuditHead record.AuditHead    `json:"audit_head"`
	Waived    bool                `json:"waived"`
	SignOffs  []recordSignOffJSON `json:"signoffs"`
	PDF       *archive.PDFReport  `json:"pdf"`
	PDFOK     bool                `json:"pdf_ok"`
}

func showRecordJSON(r *archive.Record, pdf *archive.PDFReport) recordJSON {
	m := r.Manifest
	out := recordJSON{ID: r.ID, Code: r.Code, Title: r.Title, Channel: m.Channel.Name, Grade: m.Grade.Label,
		Retention: r.Retention, Author: m.Author.FullName, SealedAt: jsonTime(r.SealedAt), Archivist: m.Archivist.FullName,
		TextSM3: r.TextSM3, AuditHead: m.AuditHead, Waived: r.Waived, SignOffs: []recordSignOffJSON{}, PDF: pdf, PDFOK: pdf.OK()}
	for _, so := range m.SignOffs {
		p := archive.VerifySignOff(m, so)
		out.SignOffs = append(out.SignOffs, recordSignOffJSON{Seq: so.Seq, Step: so.Step, Meaning: so.Meaning,
			Signer: so.Signer.Name, Name: so.Signer.FullName, Time: jsonTime(so.Time), Opinion: so.Opinion, Current: so.Current,
			Verified: p.OK(), Problem: string(p.Problem)})
	}
	return out
}

func (c *ctx) printArchiveRecord(r *archive.Record, pdf *archive.PDFReport) {
	m := r.Manifest
	c.printf("%s\n", i18n.L("cli.archive.show.head", map[string]any{"Code": r.Code, "Title": r.Title}))
	c.printf("%s\n", i18n.L("cli.archive.show.meta", map[string]any{"ID": r.ID, "Channel": m.Channel.Name, "Unit": m.Channel.Unit,
		"Grade": m.Grade.Label, "Retention": label("retention.", strings.ToLower(r.Retention)), "Author": m.Author.FullName,
		"At": localSeconds(r.SealedAt), "Archivist": m.Archivist.FullName, "Chars": m.Chars, "SM3": r.TextSM3,
		"AuditSeq": m.AuditHead.Seq}))
	c.printf("%s\n", i18n.L("cli.archive.show.timeline"))
	for _, so := range m.SignOffs {
		mark, why := "✓", ""
		if p := archive.VerifySignOff(m, so); !p.OK() {
			mark, why = "✗", " — "+label("verify.problem.", string(p.Problem))
		}
		if !so.Current {
			mark += "·"
		}
		c.printf("  %s #%d %s  %s（%s）  %s  %s%s\n", mark, so.Seq, so.Meaning, so.Signer.FullName, so.Role,
			localSeconds(so.Time), so.Opinion, why)
	}
	key := "cli.archive.show.pdf_ok"
	if !pdf.OK() {
		key = "cli.archive.show.pdf_bad"
	}
	var bad []string
	for _, x := range pdf.Results {
		if !x.OK {
			bad = append(bad, i18n.L("cli.verifypdf.item."+string(x.Item))+": "+pdfResultText(pdf, x))
		}
	}
	c.printf("%s\n", i18n.L(key, map[string]any{"Problems": strings.Join(bad, "; ")}))
}
