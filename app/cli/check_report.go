package cli

import (
	"strings"

	"shenfa/app/i18n"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// contextChars is how much text a readable report shows around a finding.
const contextChars = 12

// printReport writes the readable report: each finding in its context.
func (c *ctx) printReport(rep checkReport) {
	for _, f := range rep.Files {
		if f.Format == "" {
			continue // unreadable: already said on stderr
		}
		c.printf("%s\n", i18n.L("cli.check.file_header", map[string]any{
			"Path": f.Path, "Format": f.Format, "Encoding": f.Encoding, "Chars": f.Chars}))
		for _, x := range f.Findings {
			c.printFinding(f, x)
		}
		c.printSummary(f.Findings)
	}
	var names []string
	for _, v := range rep.Lexicons {
		names = append(names, v.Name+" "+v.Version)
	}
	c.printf("%s%s\n", i18n.L("cli.check.lexicons"), strings.Join(names, "，"))
}

func (c *ctx) printFinding(f *fileReport, x finding.Finding) {
	line, col := f.lines.Position(x.Start)
	where := i18n.L("cli.check.position", map[string]any{"Line": line, "Column": col})
	if s := f.doc.SectionAt(x.Start); s != "" && s != importer.Body {
		where += " " + i18n.L("section."+string(s))
	}
	c.printf("  [%s] %s %s  %s\n", i18n.L("severity."+string(x.Severity)),
		i18n.L("category."+string(x.Category)), where, excerpt(f.text, x.Start, x.End))
	c.printf("%s%s\n", i18n.L("cli.check.reason"), x.Message)
	if x.Suggestion != "" {
		c.printf("%s%s\n", i18n.L("cli.check.suggestion"), x.Suggestion)
	}
}

func (c *ctx) printSummary(fs []finding.Finding) {
	if len(fs) == 0 {
		c.printf("%s\n", i18n.L("cli.check.no_findings"))
		return
	}
	n := map[finding.Severity]int{}
	for _, x := range fs {
		n[x.Severity]++
	}
	c.printf("%s\n", i18n.L("cli.check.summary", map[string]any{
		"Total": len(fs), "Block": n[finding.Block], "Warn": n[finding.Warn], "Info": n[finding.Info]}))
}

// excerpt shows the finding in 【】 with a little text either side, on one line.
func excerpt(text []rune, start, end int) string {
	from, to := max(0, start-contextChars), min(len(text), end+contextChars)
	s := string(text[from:start]) + "【" + string(text[start:end]) + "】" + string(text[end:to])
	s = strings.NewReplacer("\n", "⏎", "\t", " ").Replace(s)
	if from > 0 {
		s = "…" + s
	}
	if to < len(text) {
		s += "…"
	}
	return s
}
