package cli

import (
	"fmt"
	"strings"
	"time"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
	"shenfa/sensitive/finding"
)

// printRecord writes `draft show` for people: the details, the versions
// with their SM3s, the steps of the grade, every sign-off with its
// manifestation and verdict, the timeline and the current findings.
func (c *ctx) printRecord(r draftRecord, now time.Time) {
	d := r.draft
	c.printDetails(r, now)
	c.printf("%s\n", i18n.L("cli.draft.show.versions"))
	for _, v := range r.versions {
		c.printf("%s\n", i18n.L("cli.draft.show.version", map[string]any{"Number": v.Number, "At": localTime(v.CreatedAt),
			"Author": v.Author, "File": v.FileName, "Chars": v.Chars, "Note": oneLineText(v.Note)}))
		c.printf("%s\n", i18n.L("cli.draft.show.sm3", map[string]any{"Text": v.TextSM3, "File": v.FileSM3}))
	}
	c.printSteps(r)
	c.printf("%s\n", i18n.L("cli.draft.show.signoffs"))
	if len(r.signOffs) == 0 {
		c.printf("%s\n", i18n.L("cli.draft.show.none"))
	}
	for _, so := range r.signOffs {
		c.printSignOff(r, so)
	}
	c.printf("%s\n", i18n.L("cli.draft.show.events"))
	if len(r.events) == 0 {
		c.printf("%s\n", i18n.L("cli.draft.show.none"))
	}
	for _, e := range r.events {
		c.printf("%s\n", i18n.L("cli.draft.show.event", map[string]any{"At": localTime(e.At), "Actor": e.Actor,
			"What": eventText(e), "Reason": oneLineText(e.Reason)}))
	}
	c.printFindings(r.findings)
	if !r.verified.OK {
		bySeq := map[int]drafts.SignOff{}
		for _, so := range r.signOffs {
			bySeq[so.Seq] = so
		}
		c.printf("%s\n", i18n.L("cli.draft.show.verified_bad", map[string]any{"ID": d.ID,
			"Problem": failureText(r.verified, bySeq)}))
	}
}

func (c *ctx) printDetails(r draftRecord, now time.Time) {
	d := r.draft
	c.printf("%s\n", i18n.L("cli.draft.show.head", map[string]any{"ID": d.ID, "Title": d.Title}))
	c.printf("%s\n", i18n.L("cli.draft.show.status", map[string]any{"State": draftState(d), "Round": d.Round, "Version": d.Version}))
	c.printf("%s\n", i18n.L("cli.draft.show.channel", map[string]any{"Name": d.Channel.Name, "Platform": d.Channel.Platform,
		"Unit": d.Channel.Unit}))
	gradeLabel := ""
	if g, err := r.policy.Grade(d.Grade); err == nil {
		gradeLabel = g.Label
	}
	c.printf("%s\n", i18n.L("cli.draft.show.grade", map[string]any{"Grade": d.Grade, "Label": gradeLabel,
		"Kind": label("draft_kind.", string(d.Kind))}))
	if d.Kind == drafts.Repost {
		c.printf("%s\n", i18n.L("cli.draft.show.source", map[string]any{"Name": d.Source.Name, "Title": d.Source.Title, "URL": d.Source.URL}))
	}
	c.printf("%s\n", i18n.L("cli.draft.show.author", map[string]any{"Name": d.AuthorName, "User": d.Author}))
	if !d.PlannedAt.IsZero() {
		overdue := ""
		if d.Overdue(now) {
			overdue = i18n.L("cli.draft.overdue_mark")
		}
		c.printf("%s\n", i18n.L("cli.draft.show.planned", map[string]any{"At": localTime(d.PlannedAt), "Overdue": overdue}))
	}
	if d.Status == drafts.Published {
		c.printf("%s\n", i18n.L("cli.draft.show.published", map[string]any{"At": localTime(d.PublishedAt), "URL": d.PublishedURL}))
	}
	c.printf("%s\n", i18n.L("cli.draft.show.policy", map[string]any{"Name": r.policy.Name, "Version": r.policy.Version}))
}

func (c *ctx) printSteps(r draftRecord) {
	gradeLabel := ""
	if g, err := r.policy.Grade(r.draft.Grade); err == nil {
		gradeLabel = g.Label
	}
	c.printf("%s\n", i18n.L("cli.draft.show.steps", map[string]any{"Grade": r.draft.Grade, "Label": gradeLabel}))
	for i, s := range r.stepStates() {
		data := map[string]any{"N": i + 1, "Step": i18n.L(s.step.LabelKey())}
		if so := s.signOff; so != nil {
			data["Meaning"], data["Name"], data["At"], data["Seq"] = meaningText(so.Step, so.Decision), so.SignerName,
				localSeconds(so.SignedAt), so.Seq
		}
		c.printf("%s\n", i18n.L(stepStateKeys[s.state], data))
	}
}

// stepStateKeys word each state of a step in `draft show`.
var stepStateKeys = map[string]string{"signed": "cli.draft.show.step_signed", "current": "cli.draft.show.step_current",
	"held": "cli.draft.show.step_held", "decided": "cli.draft.show.step_decided", "pending": "cli.draft.show.step_pending"}

func (c *ctx) printSignOff(r draftRecord, so drafts.SignOff) {
	stale := ""
	if !r.current(so) {
		stale = i18n.L("cli.draft.show.stale")
	}
	c.printf("%s\n", i18n.L("cli.draft.show.signoff", map[string]any{"Seq": so.Seq, "Meaning": meaningText(so.Step, so.Decision),
		"Name": so.SignerName, "User": so.Signer, "Role": i18n.L("role." + string(so.Step.Role())), "At": localSeconds(so.SignedAt),
		"Round": so.Round, "Version": so.Version, "Stale": stale}))
	c.printf("%s\n", i18n.L("cli.draft.show.opinion", map[string]any{"Text": oneLineText(so.Opinion)}))
	if t := r.returnTarget(so); t != "" {
		c.printf("%s\n", i18n.L("cli.draft.show.return_to", map[string]any{"Target": targetText(t)}))
	}
	if sr := secrecyOf(so); sr != nil {
		c.printf("%s\n", i18n.L("cli.draft.show.checklist"))
		for i, item := range drafts.ChecklistItems {
			answer := i18n.L("cli.answer.no")
			if i < len(sr.Answers) && sr.Answers[i] {
				answer = i18n.L("cli.answer.yes")
			}
			c.printf("%s\n", i18n.L("cli.draft.show.checklist_item", map[string]any{"Item": checklistItem(i, item), "Answer": answer}))
		}
		c.printf("%s\n", i18n.L("cli.draft.show.basis", map[string]any{"Text": oneLineText(sr.Basis)}))
	}
	c.printf("%s\n", i18n.L("cli.draft.show.key", map[string]any{"Key": fingerprint(keyOf(so)), "SM3": so.SM3}))
	if ch, ok := r.checks[so.Seq]; ok && ch.OK {
		c.printf("%s\n", i18n.L("cli.draft.show.check_ok"))
	} else {
		c.printf("%s\n", i18n.L("cli.draft.show.check_bad", map[string]any{"Problem": checkText(ch, so)}))
	}
}

func (c *ctx) printFindings(fs drafts.Findings) {
	n := map[finding.Severity]int{}
	for _, f := range fs.Findings {
		n[f.Severity]++
	}
	c.printf("%s\n", i18n.L("cli.draft.show.findings", map[string]any{"Version": fs.Version, "Block": n[finding.Block],
		"Warn": n[finding.Warn], "Info": n[finding.Info]}))
	if len(fs.Findings) == 0 {
		c.printf("%s\n", i18n.L("cli.draft.show.no_findings"))
	}
	for _, f := range fs.Findings {
		c.printf("%s\n", findingLine(f))
		if w := f.Waived; w != nil {
			c.printf("%s\n", i18n.L("cli.draft.show.waived", map[string]any{"Name": w.By, "Step": i18n.L(w.Step.LabelKey()),
				"Reason": oneLineText(w.Reason)}))
		}
		if a := f.Acked; a != nil {
			c.printf("%s\n", i18n.L("cli.draft.show.acked", map[string]any{"Name": a.By, "Step": i18n.L(a.Step.LabelKey())}))
		}
	}
}

// checklistItem is the i-th question of the 保密审查 checklist in the
// interface language (the record keeps the Chinese one).
func checklistItem(i int, item string) string {
	if key := fmt.Sprintf("checklist.%d", i+1); translated()[key] {
		return i18n.L(key)
	}
	return item
}

// findingLine is a finding on one line, led by the id that --waive and --ack name.
func findingLine(f drafts.FindingRecord) string {
	return i18n.L("cli.draft.show.finding", map[string]any{"ID": f.ID, "Severity": i18n.L("severity." + string(f.Severity)),
		"Category": i18n.L("category." + string(f.Category)), "Text": oneLineText(f.Text), "Message": oneLineText(f.Message)})
}

// meaningText is a sign-off's meaning in the interface language, worded as
// the screens word it: 初审同意, 终审签发, 保密审查：公开, 复审退回.
func meaningText(step drafts.Step, d drafts.Decision) string {
	data := map[string]any{"Step": i18n.L(step.LabelKey()), "Decision": label("decision.", string(d))}
	switch {
	case d == drafts.Approve && step == drafts.Tier3:
		return i18n.L("signoff.meaning_issue", data)
	case d == drafts.Approve:
		return i18n.L("signoff.meaning_approve", data)
	case d == drafts.Return:
		return i18n.L("signoff.meaning_return", data)
	}
	return i18n.L("signoff.meaning_secrecy", data)
}

// fingerprint shows a key's SM3 in groups of four, as people read it aloud.
func fingerprint(hex string) string {
	var groups []string
	for i := 0; i < len(hex); i += 4 {
		groups = append(groups, hex[i:min(i+4, len(hex))])
	}
	return strings.Join(groups, " ")
}

// targetText names where a return went: a step, or the author.
func targetText(t string) string {
	if t == "author" {
		return i18n.L("role.author")
	}
	return i18n.L(drafts.Step(t).LabelKey())
}

// eventText says what an entry of the timeline did.
func eventText(e drafts.Event) string {
	key := "cli.draft.event." + e.Kind
	if !translated()[key] {
		return e.Kind
	}
	step := ""
	if e.Step != "" {
		step = i18n.L(e.Step.LabelKey())
	}
	target := e.Target
	if e.Kind == "return" || e.Kind == "redact" {
		target = targetText(e.Target)
	}
	return i18n.L(key, map[string]any{"Version": e.Version, "Step": step, "Target": target})
}

// problemText says in plain language what a verification found; seq, when
// not 0, names the sign-off.
func problemText(p drafts.Problem, seq int) string {
	text := label("verify.problem.", string(p))
	if seq > 0 {
		return i18n.L("cli.verify.at_signoff", map[string]any{"Seq": seq, "Problem": text})
	}
	return text
}
