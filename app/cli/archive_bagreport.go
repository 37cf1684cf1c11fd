package cli

import (
	"errors"
	"strings"

	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/archive/bagit"
	"shenfa/archive/pades"
)

// The report of `shenfa archive verify-bag`: per check, per file, per
// record, then every problem in the user's language.

type bagJSON struct {
	Valid bool `json:"valid"`
	// SignersChecked says whether signers were checked against a CA (--ca).
	SignersChecked bool            `json:"signers_checked"`
	Bag            *bagit.Report   `json:"bag"`
	Records        []bagRecordJSON `json:"records"`
	Messages       []string        `json:"messages"` // every problem of the bag, translated
}

type bagRecordJSON struct {
	archive.RecordCheck
	Messages []string `json:"messages"`
}

func bagReportJSON(rep *archive.BagReport, trusted bool) bagJSON {
	out := bagJSON{Valid: rep.Valid(), SignersChecked: trusted, Bag: rep.Bag, Records: []bagRecordJSON{}, Messages: []string{}}
	for _, p := range rep.Bag.Problems {
		out.Messages = append(out.Messages, problemMessage(p))
	}
	for _, rc := range rep.Records {
		out.Records = append(out.Records, bagRecordJSON{RecordCheck: rc, Messages: recordMessages(rc)})
	}
	return out
}

var marks = map[bagit.Status]string{bagit.Passed: "✓", bagit.Failed: "✗", bagit.Skipped: "–"}

func (c *ctx) printBagReport(rep *archive.BagReport, trusted bool) {
	b := rep.Bag
	c.printf("%s\n", i18n.L("cli.bagit.head", map[string]any{"Dir": b.Dir, "Version": b.Version, "Encoding": b.Encoding}))
	c.printf("%s\n", i18n.L("cli.bagit.checks"))
	for _, ch := range b.Checks {
		c.printf("  %s %s\n", marks[ch.Status], checkLabel(ch))
	}
	if len(b.Files) > 0 {
		c.printf("%s\n", i18n.L("cli.bagit.files"))
		for _, f := range b.Files {
			c.printf("  %s\n", fileLine(f))
		}
	}
	if len(rep.Records) > 0 {
		c.printf("%s\n", i18n.L("cli.bagit.records"))
		for _, rc := range rep.Records {
			mark := marks[bagit.Passed]
			if len(rc.Problems) > 0 {
				mark = marks[bagit.Failed]
			}
			name := rc.Code
			if name == "" {
				name = rc.Dir + "/" + rc.PDF
			}
			c.printf("  %s %s：%s\n", mark, name, strings.Join(recordMessages(rc), i18n.L("cli.bagit.sep")))
		}
		if !trusted {
			c.printf("  %s\n", i18n.L("cli.bagit.no_ca"))
		}
	}
	if len(b.Problems) > 0 {
		c.printf("%s\n", i18n.L("cli.bagit.problems"))
		for _, p := range b.Problems {
			mark := marks[bagit.Failed]
			if p.Severity == bagit.Warning {
				mark = "!"
			}
			c.printf("  %s %s\n", mark, problemMessage(p))
		}
	}
	errs := len(b.Errors())
	for _, rc := range rep.Records {
		errs += len(rc.Problems)
	}
	if rep.Valid() {
		c.printf("%s\n", i18n.L("cli.bagit.valid", map[string]any{"Files": b.Streams, "Records": len(rep.Records)}))
	} else {
		c.printf("%s\n", i18n.L("cli.bagit.invalid", map[string]any{"Count": errs}))
	}
}

func checkLabel(ch bagit.Check) string {
	text := i18n.L("cli.bagit.check."+string(ch.Name), map[string]any{"File": ch.File, "Algorithm": ch.Algorithm,
		"Files": ch.Files, "Detail": ch.Detail})
	switch {
	case ch.Status == bagit.Skipped:
		text += i18n.L("cli.bagit.skipped")
	case ch.Problems > 0:
		text += i18n.L("cli.bagit.check_problems", map[string]any{"Count": ch.Problems})
	}
	return text
}

func fileLine(f bagit.FileResult) string {
	if f.Status == "" {
		return marks[bagit.Passed] + " " + i18n.L("cli.bagit.file_ok", map[string]any{"Path": f.Path, "Size": f.Size,
			"Algorithms": strings.Join(f.OK, "、")})
	}
	return marks[bagit.Failed] + " " + i18n.L("cli.bagit.file."+string(f.Status), map[string]any{"Path": f.Path,
		"Algorithms": strings.Join(f.Bad, "、")})
}

// problemMessage says a problem of the bag in the user's language.
func problemMessage(p bagit.Problem) string {
	where := ""
	switch {
	case p.Line > 0:
		where = i18n.L("cli.bagit.where_line", map[string]any{"File": p.File, "Line": p.Line})
	case p.File != "":
		where = i18n.L("cli.bagit.where", map[string]any{"File": p.File})
	}
	key := "cli.bagit.problem." + string(p.Kind)
	if p.Kind == bagit.Unlisted && p.File == "" {
		key += "_any"
	}
	return i18n.L(key, map[string]any{"Where": where, "File": p.File, "Line": p.Line, "Path": p.Path,
		"Algorithm": p.Algorithm, "Want": p.Want, "Got": p.Got, "Detail": p.Detail})
}

// recordMessages says what was found about a record of the bag.
func recordMessages(rc archive.RecordCheck) []string {
	msgs := []string{}
	for _, p := range rc.Problems {
		if p != archive.SignatureFailed {
			msgs = append(msgs, i18n.L("cli.bagit.record."+string(p), map[string]any{"Detail": rc.Detail}))
		}
	}
	if rc.Code != "" && len(msgs) == 0 {
		msgs = append(msgs, i18n.L("cli.bagit.record.ok"))
	}
	return append(msgs, signatureMessage(rc))
}

// signatureMessage says how a PDF's signature came out, and why not.
func signatureMessage(rc archive.RecordCheck) string {
	switch rc.Signature {
	case bagit.Passed:
		return i18n.L("cli.bagit.signature.ok")
	case bagit.Skipped:
		if errors.Is(rc.Err, archive.ErrUnsigned) {
			return i18n.L("cli.bagit.signature.unsigned")
		}
		return i18n.L("cli.bagit.signature.skipped")
	}
	var appended *appendedError
	why := ""
	for _, k := range []struct {
		err error
		key string
	}{{archive.ErrUnsigned, "unsigned"}, {pades.ErrByteRange, "byte_range"}, {pades.ErrDigest, "digest"},
		{pades.ErrSignature, "bad"}, {pades.ErrUntrusted, "untrusted"}} {
		if errors.Is(rc.Err, k.err) {
			why = i18n.L("cli.bagit.signature.why." + k.key)
			break
		}
	}
	if errors.As(rc.Err, &appended) {
		why = i18n.L("cli.bagit.signature.why.appended", map[string]any{"Count": appended.n})
	}
	if why == "" {
		why = rc.Detail
	}
	return i18n.L("cli.bagit.signature.failed", map[string]any{"Why": why})
}
