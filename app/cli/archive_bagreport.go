package cli

import (
	"shenfa/app/archivetext"
	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/archive/bagit"
)

// The report of `shenfa archive verify-bag`: per check, per file, per
// record, then every problem in the user's language, worded by
// archivetext as the 归档 screen words it.

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
		out.Messages = append(out.Messages, archivetext.ProblemMessage(p))
	}
	for _, rc := range rep.Records {
		out.Records = append(out.Records, bagRecordJSON{RecordCheck: rc, Messages: archivetext.RecordMessages(rc)})
	}
	return out
}

var marks = map[bagit.Status]string{bagit.Passed: "✓", bagit.Failed: "✗", bagit.Skipped: "–"}

func (c *ctx) printBagReport(rep *archive.BagReport, trusted bool) {
	b := rep.Bag
	c.printf("%s\n", archivetext.Head(b))
	c.printf("%s\n", i18n.L("cli.bagit.checks"))
	for _, ch := range b.Checks {
		c.printf("  %s %s\n", marks[ch.Status], archivetext.CheckLabel(ch))
	}
	if len(b.Files) > 0 {
		c.printf("%s\n", i18n.L("cli.bagit.files"))
		for _, f := range b.Files {
			mark := marks[bagit.Passed]
			if f.Status != "" {
				mark = marks[bagit.Failed]
			}
			c.printf("  %s %s\n", mark, archivetext.FileMessage(f))
		}
	}
	if len(rep.Records) > 0 {
		c.printf("%s\n", i18n.L("cli.bagit.records"))
		for _, rc := range rep.Records {
			st, text := archivetext.RecordLine(rc)
			c.printf("  %s %s\n", marks[st], text)
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
			c.printf("  %s %s\n", mark, archivetext.ProblemMessage(p))
		}
	}
	c.printf("%s\n", archivetext.Verdict(rep))
}
