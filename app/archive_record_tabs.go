package app

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/archive/record"
	"shenfa/review/drafts"
	"shenfa/sensitive/finding"
)

// tab makes one of the record page's tabs; a record never changes, so
// each is made once.
func (p *recordPage) tab(i int) fyne.CanvasObject {
	switch i {
	case recordTabText:
		return p.textTab()
	case recordTabApprovals:
		return p.approvalsTab()
	case recordTabHistory:
		return p.historyTab()
	}
	return p.findingsTab()
}

// textTab is the final text as approved, with its findings marked in their
// severity's colour.
func (p *recordPage) textTab() fyne.CanvasObject {
	t := widget.NewRichText(markedSegments(p.r.Text, p.r.Manifest.Findings)...)
	t.Wrapping = wrapping()
	return container.NewVScroll(container.NewPadded(t))
}

// markedSegments cuts text into runs, the findings' spans (code points) in
// bold and coloured; overlapping spans join the first.
func markedSegments(text string, fs []record.Finding) []widget.RichTextSegment {
	runes := []rune(text)
	fs = slices.Clone(fs)
	slices.SortFunc(fs, func(a, b record.Finding) int { return a.Start - b.Start })
	var segs []widget.RichTextSegment
	add := func(s string, style widget.RichTextStyle) {
		for i, line := range strings.Split(s, "\n") {
			if i > 0 {
				segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
			}
			if line != "" {
				segs = append(segs, &widget.TextSegment{Text: line, Style: style})
			}
		}
	}
	plain := widget.RichTextStyle{Inline: true}
	at := 0
	for _, f := range fs {
		start, end := max(f.Start, at), min(f.End, len(runes))
		if start >= end {
			continue
		}
		add(string(runes[at:start]), plain)
		add(string(runes[start:end]), widget.RichTextStyle{Inline: true, ColorName: severityColor(finding.Severity(f.Severity)),
			TextStyle: fyne.TextStyle{Bold: true}})
		at = end
	}
	add(string(runes[at:]), plain)
	return segs
}

// stepName names a stored step code, or the author a return went to.
func stepName(code string) string {
	if code == "author" {
		return i18n.L("draft.return_author")
	}
	return stepLabel(drafts.Step(code))
}

// approvalsTab is the approval timeline: every sign-off with its printed
// name, role, time, meaning, opinion, key fingerprint and verification mark,
// and the returns between them, in the order they happened.
func (p *recordPage) approvalsTab() fyne.CanvasObject {
	m := p.r.Manifest
	type item struct {
		at time.Time
		o  fyne.CanvasObject
	}
	var items []item
	for _, so := range m.SignOffs {
		items = append(items, item{so.Time, p.signOffCard(so)})
	}
	for _, r := range m.Returns {
		l := widget.NewLabel(r.Time.Local().Format("2006-01-02 15:04:05") + "  " + i18n.L("archive.return_line",
			map[string]any{"By": r.By.FullName, "Step": stepName(r.Step), "To": stepName(r.To), "Reason": r.Reason}))
		l.Wrapping = wrapping()
		items = append(items, item{r.Time, container.NewBorder(nil, nil, widget.NewIcon(theme.ContentUndoIcon()), nil, l)})
	}
	slices.SortStableFunc(items, func(a, b item) int { return a.at.Compare(b.at) })
	box := container.NewVBox()
	for _, it := range items {
		box.Add(it.o)
	}
	if len(items) == 0 {
		box.Add(widget.NewLabel(i18n.L("draft.no_history")))
	}
	return container.NewVScroll(container.NewPadded(box))
}

func (p *recordPage) signOffCard(so record.SignOff) fyne.CanvasObject {
	lines := []string{
		i18n.L("draft.so_signer", map[string]any{"Name": so.Signer.FullName, "User": so.Signer.Name, "Role": so.Role,
			"Time": so.Time.Local().Format("2006-01-02 15:04:05")}),
		i18n.L("draft.so_opinion", map[string]any{"Text": so.Opinion}),
	}
	if sec := p.r.Manifest.Secrecy; sec != nil && so.Step == "secrecy" && so.Current {
		lines = append(lines, secrecyText(sec), i18n.L("draft.so_basis", map[string]any{"Text": sec.Basis}))
	}
	lines = append(lines, i18n.L("draft.so_key", map[string]any{"Key": fingerprint(so.Key)}))
	if !so.Current {
		lines = append(lines, i18n.L("archive.so_superseded"))
	}
	body := widget.NewLabel(strings.Join(lines, "\n"))
	body.Wrapping = wrapping()
	v := p.marks.signOffs[so.Seq]
	problem := v.Problem
	if v.OK() && p.marks.chainBad == so.Seq {
		problem = drafts.BrokenChain
	}
	verdict := mark(problem == drafts.NoProblem, i18n.L("archive.so_verified"),
		i18n.L("draft.so_failed", map[string]any{"Problem": i18n.L("verify.problem." + string(problem))}))
	meaning := so.Meaning
	if !strings.HasPrefix(meaning, so.StepLabel) {
		meaning = so.StepLabel + " · " + meaning // 初审 · 审核同意; 保密审查：公开 names its step
	}
	title := i18n.L("draft.so_title", map[string]any{"Meaning": meaning, "Seq": so.Seq, "Round": so.Round, "Version": so.Version})
	return widget.NewCard(title, "", container.NewVBox(body, verdict))
}

// secrecyText is the 保密审查 checklist as answered.
func secrecyText(sec *record.Secrecy) string {
	var yes []string
	for _, a := range sec.Items {
		if a.Answer {
			yes = append(yes, a.Item)
		}
	}
	if len(yes) == 0 {
		return i18n.L("archive.checklist_no", map[string]any{"Count": len(sec.Items)})
	}
	return i18n.L("draft.so_checklist_yes", map[string]any{"Items": strings.Join(yes, "；")})
}

// historyTab is every version with what changed, the lexicons the final
// version was checked with, the waivers, hidden content of the final file
// and the audit head at sealing.
func (p *recordPage) historyTab() fyne.CanvasObject {
	m := p.r.Manifest
	box := container.NewVBox()
	section := func(key string, lines []string) {
		head := widget.NewLabelWithStyle(i18n.L(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.SizeName = theme.SizeNameSubHeadingText // the CJK font has no bold face: size sets the heading off
		box.Add(head)
		if len(lines) == 0 {
			lines = []string{i18n.L("archive.none")}
		}
		l := widget.NewLabel(strings.Join(lines, "\n"))
		l.Wrapping = wrapping()
		box.Add(l)
	}
	var versions []string
	for _, v := range m.Versions {
		line := i18n.L("archive.version_line", map[string]any{"Number": v.Number, "Author": v.Author.Name,
			"Time": when(v.Time), "Chars": v.Chars, "File": v.FileName})
		if v.Number > 1 {
			line += i18n.L("archive.version_changes", map[string]any{"Changes": v.Changes, "Inserted": v.Inserted, "Deleted": v.Deleted})
		}
		if v.Note != "" {
			line += " · " + v.Note
		}
		versions = append(versions, line)
	}
	section("archive.history_versions", versions)
	var waivers []string
	for _, f := range m.Findings {
		if f.Waived != nil {
			waivers = append(waivers, i18n.L("archive.waiver_line", map[string]any{"Text": f.Text, "Step": stepName(f.Waived.Step),
				"By": f.Waived.By, "Reason": f.Waived.Reason}))
		}
	}
	section("archive.history_waivers", waivers)
	var lexicons []string
	for _, l := range m.Lexicons {
		lexicons = append(lexicons, fmt.Sprintf("%s %s（%d）", l.Name, l.Version, l.Entries))
	}
	section("archive.history_lexicons", lexicons)
	var hidden []string
	for _, h := range m.Hidden {
		hidden = append(hidden, h.Kind+"："+oneLine(h.Text, 60))
	}
	section("archive.history_hidden", hidden)
	section("archive.history_seal", []string{
		i18n.L("archive.seal_line", map[string]any{"Time": when(m.SealedAt), "By": m.Archivist.FullName}),
		i18n.L("archive.audit_head", map[string]any{"Seq": m.AuditHead.Seq, "Hash": m.AuditHead.Hash}),
		i18n.L("archive.text_sm3", map[string]any{"SM3": m.TextSM3}),
	})
	return container.NewVScroll(container.NewPadded(box))
}

// findingsTab lists the final version's findings and what the steps did
// about each.
func (p *recordPage) findingsTab() fyne.CanvasObject {
	box := container.NewVBox()
	for _, f := range p.r.Manifest.Findings {
		head := widget.NewLabel(fmt.Sprintf("%s · %s · %s", i18n.L("severity."+f.Severity), i18n.L("category."+f.Category),
			oneLine(f.Text, 20)))
		head.Importance = severityImportance(finding.Severity(f.Severity))
		head.Truncation = fyne.TextTruncateEllipsis
		lines := []string{f.Message}
		if f.Suggestion != "" {
			lines = append(lines, i18n.L("archive.finding_suggestion", map[string]any{"Text": f.Suggestion}))
		}
		if f.Waived != nil {
			lines = append(lines, i18n.L("draft.waived_long", map[string]any{"Step": stepName(f.Waived.Step), "By": f.Waived.By, "Reason": f.Waived.Reason}))
		}
		if f.Acked != nil {
			lines = append(lines, i18n.L("archive.acked_line", map[string]any{"Step": stepName(f.Acked.Step), "By": f.Acked.By}))
		}
		l := widget.NewLabel(strings.Join(lines, "\n"))
		l.Wrapping = wrapping()
		box.Add(widget.NewCard("", "", container.NewVBox(head, l)))
	}
	if len(p.r.Manifest.Findings) == 0 {
		box.Add(widget.NewLabel(i18n.L("archive.no_findings")))
	}
	return container.NewVScroll(container.NewPadded(box))
}
