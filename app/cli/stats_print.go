package cli

import (
	"encoding/csv"
	"maps"
	"slices"
	"strconv"
	"strings"

	"shenfa/app/i18n"
	"shenfa/review/policy"
	"shenfa/review/stats"
)

func (c *ctx) printCadence(cad stats.Cadence, a statsArgs) int {
	switch {
	case a.json:
		return c.writeJSON(toCadenceJSON(cad))
	case a.csv:
		rows := [][]string{{"channel", "platform", "status", "last_published", "since", "days_since", "limit",
			"rule", "remaining", "longest_gap_days", "longest_gap_from", "longest_gap_to", "broken_days"}}
		for _, ch := range cad.Channels {
			rows = append(rows, []string{ch.Channel.Name, ch.Channel.Platform, string(ch.Status), jsonTime(ch.LastPublished),
				ch.Since.String(), strconv.Itoa(ch.DaysSince), strconv.Itoa(ch.Limit), string(ch.RuleSource),
				strconv.Itoa(ch.Remaining), strconv.Itoa(ch.LongestGap.Days), ch.LongestGap.From.String(),
				ch.LongestGap.To.String(), strconv.Itoa(ch.BrokenDays)})
		}
		return c.writeCSV(rows)
	}
	c.printf("%s\n", i18n.L("cli.stats.cadence.today", map[string]any{"Today": cad.Today}))
	for _, ch := range cad.Channels {
		last := i18n.L("cli.stats.cadence.never", map[string]any{"Since": ch.Since})
		if ch.Published {
			last = ch.Since.String()
		}
		c.printf("%s\n", i18n.L("cli.stats.cadence.row", map[string]any{"Name": ch.Channel.Name,
			"Platform": ch.Channel.Platform, "Status": label("cli.stats.status.", string(ch.Status)), "Last": last,
			"Days": ch.DaysSince, "Limit": ch.Limit, "Rule": label("cli.stats.rule.", string(ch.RuleSource)),
			"Remaining": ch.Remaining}))
		c.printf("%s\n", i18n.L("cli.stats.cadence.gap", map[string]any{"Days": ch.LongestGap.Days,
			"From": ch.LongestGap.From, "To": ch.LongestGap.To, "Broken": ch.BrokenDays}))
	}
	return ExitOK
}

func (c *ctx) printWorkload(w stats.Workload, a statsArgs) int {
	switch {
	case a.json:
		return c.writeJSON(toWorkloadJSON(w))
	case a.csv:
		rows := [][]string{{"channel", "submitted", "submissions", "approved", "returned", "refused", "escalated",
			"published", "to_approval_median_hours", "to_approval_p90_hours"}}
		for _, ch := range w.Channels {
			rows = append(rows, workRow(ch.Channel.Name, ch.Work))
		}
		return c.writeCSV(append(rows, workRow("", w.Total)))
	}
	c.printf("%s\n", i18n.L("cli.stats.period", map[string]any{"From": w.Period.From, "To": w.Period.To}))
	for _, ch := range w.Channels {
		c.printWork(ch.Channel.Name, ch.Work)
	}
	c.printWork(i18n.L("cli.stats.total"), w.Total)
	t := w.Total
	if t.ToApproval.Count > 0 {
		c.printf("%s\n", i18n.L("cli.stats.to_approval", durationArgs(t.ToApproval)))
	}
	for _, st := range policy.AllSteps {
		if d, ok := t.Steps[st]; ok {
			args := durationArgs(d)
			args["Step"] = label("step.", string(st))
			c.printf("%s\n", i18n.L("cli.stats.step", args))
		}
	}
	for _, r := range t.ReturnReasons {
		c.printf("%s\n", i18n.L("cli.stats.reason", map[string]any{"Text": r.Text, "Count": r.Count}))
	}
	for _, cat := range slices.Sorted(maps.Keys(t.ReturnCategories)) {
		c.printf("%s\n", i18n.L("cli.stats.return_category", map[string]any{"Category": label("category.", cat),
			"Count": t.ReturnCategories[cat]}))
	}
	c.printWaivers(t)
	c.printApprovers(w)
	return ExitOK
}

func workRow(name string, w stats.Work) []string {
	r := []string{name, strconv.Itoa(w.Submitted), strconv.Itoa(w.Submissions), strconv.Itoa(w.Approved),
		strconv.Itoa(w.Returned), strconv.Itoa(w.Refused), strconv.Itoa(w.Escalated), strconv.Itoa(w.Published)}
	if w.ToApproval.Count == 0 {
		return append(r, "", "")
	}
	return append(r, stats.Hours(w.ToApproval.Median), stats.Hours(w.ToApproval.P90))
}

func (c *ctx) printWork(name string, w stats.Work) {
	c.printf("%s\n", i18n.L("cli.stats.work", map[string]any{"Name": name, "Submitted": w.Submitted,
		"Submissions": w.Submissions, "Approved": w.Approved, "Returned": w.Returned, "Refused": w.Refused,
		"Escalated": w.Escalated, "Published": w.Published}))
}

func durationArgs(d stats.Durations) map[string]any {
	return map[string]any{"Count": d.Count, "Median": stats.Hours(d.Median), "P90": stats.Hours(d.P90)}
}

func (c *ctx) printWaivers(t stats.Work) {
	for _, st := range policy.AllSteps {
		for _, cat := range slices.Sorted(maps.Keys(t.Waivers[st])) {
			c.printf("%s\n", i18n.L("cli.stats.waiver", map[string]any{"Step": label("step.", string(st)),
				"Category": label("category.", cat), "Count": t.Waivers[st][cat]}))
		}
	}
}

func (c *ctx) printApprovers(w stats.Workload) {
	for _, a := range w.Approvers {
		var steps []string
		for _, s := range a.Steps {
			steps = append(steps, label("step.", string(s)))
		}
		c.printf("%s\n", i18n.L("cli.stats.approver", map[string]any{"FullName": a.FullName, "Name": a.Name,
			"Steps": strings.Join(steps, "、"), "Signed": a.Signed, "SignOffs": a.SignOffs,
			"Median": stats.Hours(a.Median), "Returns": a.Returns}))
	}
	if !w.SeesEveryone {
		c.printf("%s\n", i18n.L("cli.stats.approvers_own"))
	}
}

func (c *ctx) printStatsFindings(w stats.Workload, a statsArgs) int {
	fs := w.Total.Findings
	switch {
	case a.json:
		return c.writeJSON(struct {
			Period periodJSON          `json:"period"`
			Chars  int                 `json:"chars"`
			Found  []statsFindingsJSON `json:"categories"`
		}{toPeriodJSON(w.Period), w.Total.Chars, toStatsFindingsJSON(fs)})
	case a.csv:
		rows := [][]string{{"category", "found", "per_10k_chars", "at_submission", "fixed", "remaining"}}
		for _, f := range fs {
			rows = append(rows, []string{f.Category, strconv.Itoa(f.Found), strconv.FormatFloat(f.Per10k, 'f', 2, 64),
				strconv.Itoa(f.AtSubmission), strconv.Itoa(f.Fixed), strconv.Itoa(f.Remaining)})
		}
		return c.writeCSV(rows)
	}
	c.printf("%s\n", i18n.L("cli.stats.period", map[string]any{"From": w.Period.From, "To": w.Period.To}))
	c.printf("%s\n", i18n.L("cli.stats.findings_chars", map[string]any{"Chars": w.Total.Chars}))
	for _, f := range fs {
		c.printf("%s\n", i18n.L("cli.stats.findings_row", map[string]any{"Category": label("category.", f.Category),
			"Found": f.Found, "Per10k": strconv.FormatFloat(f.Per10k, 'f', 2, 64), "AtSubmission": f.AtSubmission,
			"Fixed": f.Fixed, "Remaining": f.Remaining}))
	}
	c.printWaivers(w.Total)
	return ExitOK
}

func (c *ctx) printAnnual(an stats.Annual, a statsArgs) int {
	heading := func(key, arg string) string {
		if key == "grade" {
			return i18n.L("cli.stats.csv.grade", map[string]any{"Label": arg})
		}
		return i18n.L("cli.stats.csv." + key)
	}
	switch {
	case a.json:
		return c.writeJSON(toAnnualJSON(an))
	case a.csv:
		if err := an.WriteCSV(c.Stdout, heading); err != nil {
			return c.fail(err)
		}
		return ExitOK
	}
	c.printf("%s\n", i18n.L("cli.stats.annual_title", map[string]any{"Year": an.Year}))
	rows := append(slices.Clone(an.Workload.Channels), stats.ChannelWork{Work: an.Workload.Total})
	rows[len(rows)-1].Channel.Name = i18n.L("cli.stats.total")
	for _, ch := range rows {
		var grades []string
		for _, g := range an.Grades {
			grades = append(grades, i18n.L("cli.stats.annual_grade", map[string]any{"Label": g.Label, "Count": ch.ByGrade[g.ID]}))
		}
		c.printf("%s\n", i18n.L("cli.stats.annual_row", map[string]any{"Name": ch.Channel.Name, "Published": ch.Published,
			"Original": ch.Original, "Repost": ch.Repost, "Grades": strings.Join(grades, "，")}))
		c.printWork(i18n.L("cli.stats.annual_review"), ch.Work)
	}
	return ExitOK
}

// writeCSV prints rows as CSV; stdout carries nothing else.
func (c *ctx) writeCSV(rows [][]string) int {
	w := csv.NewWriter(c.Stdout)
	if err := w.WriteAll(rows); err != nil {
		return c.fail(err)
	}
	return ExitOK
}
