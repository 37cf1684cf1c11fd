package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
	"shenfa/review/policy"
	"shenfa/sensitive/finding"
)

// signOffDialog is the 签署 dialog of one step: the decision, the opinion
// with the policy's common phrases, where a return goes, the waivers this
// step may grant (each with its reason), the acknowledgements 初审 owes,
// the 保密审查 checklist, and the password, asked again for every
// signature. Its 签署 button stays disabled, saying why, until nothing
// required is missing; the domain checks everything again and its refusals
// are shown translated in the dialog.
type signOffDialog struct {
	p         *draftPage
	step      policy.Step
	secrecy   bool
	decisions []drafts.Decision
	decision  *widget.RadioGroup
	phrases   *widget.Select
	opinion   *widget.Entry
	targets   []policy.Step // where a return may go; "" is the author
	returnTo  *widget.Select
	waivers   []*waiverRow
	acks      []*ackRow
	blocked   []drafts.FindingRecord // block findings no step may waive: only a return is possible
	deferred  []drafts.FindingRecord // block findings a later step may waive
	answers   []*widget.RadioGroup
	basis     *widget.Entry
	password  *widget.Entry
	openMust  int // unresolved comments marked 必须处理
	reason    *widget.Label
	message   *widget.Label
	ok        *widget.Button
	d         *dialog.CustomDialog

	returnBox, findingsBox, secrecyBox *fyne.Container
}

// waiverRow is a block finding this step may waive, with its reason.
type waiverRow struct {
	f        drafts.FindingRecord
	required bool // no later step may waive it
	check    *widget.Check
	reason   *widget.Entry
}

// ackRow is a warning 初审 acknowledges.
type ackRow struct {
	f     drafts.FindingRecord
	check *widget.Check
}

// yesNo are the checklist's answers, 是 and 否.
func yesNo() []string { return []string{i18n.L("signoff.yes"), i18n.L("signoff.no")} }

func (p *draftPage) signDialog() *signOffDialog {
	s := &signOffDialog{p: p, step: p.d.Step, secrecy: p.d.Step == drafts.Secrecy, reason: widget.NewLabel(""),
		message: errorLabel(), password: passwordEntry(), opinion: widget.NewMultiLineEntry(), basis: widget.NewMultiLineEntry()}
	s.reason.Importance = widget.WarningImportance
	s.reason.Wrapping = wrapping()
	s.decisions = []drafts.Decision{drafts.Approve, drafts.Return}
	if s.secrecy {
		s.decisions = []drafts.Decision{drafts.Publish, drafts.Redact, drafts.ExemptD, drafts.Escalate, drafts.Return}
	}
	var labels []string
	for _, d := range s.decisions {
		labels = append(labels, decisionLabel(d))
	}
	s.decision = widget.NewRadioGroup(labels, func(string) { s.decided() })
	s.decision.Horizontal = true
	s.phrases = widget.NewSelect(nil, func(text string) {
		if text != "" {
			s.opinion.SetText(text)
		}
	})
	s.phrases.PlaceHolder = i18n.L("signoff.phrases")
	s.opinion.Wrapping, s.basis.Wrapping = fyne.TextWrapBreak, fyne.TextWrapBreak
	s.opinion.SetMinRowsVisible(3)
	s.basis.SetMinRowsVisible(3)
	s.opinion.SetPlaceHolder(i18n.L("signoff.opinion_hint"))
	s.basis.SetPlaceHolder(i18n.L("signoff.basis_hint"))
	s.opinion.OnChanged = func(string) { s.validate() }
	s.basis.OnChanged = func(string) { s.validate() }
	s.password.OnChanged = func(string) { s.validate() }
	s.password.OnSubmitted = func(string) { s.sign() }
	s.classify()
	s.openMust = p.openMustComments()
	s.build()
	s.decided()
	p.signoff = s
	return s
}

// classify sorts the current findings by what this step can do about them.
func (s *signOffDialog) classify() {
	p := s.p
	later := p.steps[min(p.d.StepIndex+1, len(p.steps)):]
	laterMay := func(c finding.Category) bool {
		return slices.ContainsFunc(later, func(st policy.Step) bool { return p.policy.MayWaive(st, c) })
	}
	for _, f := range p.findings.Findings {
		switch {
		case f.Severity == finding.Block && f.Waived == nil && p.policy.MayWaive(s.step, f.Category):
			row := &waiverRow{f: f, required: !laterMay(f.Category), reason: widget.NewEntry()}
			row.reason.SetPlaceHolder(i18n.L("signoff.waiver_reason"))
			row.reason.OnChanged = func(string) { s.validate() }
			row.check = widget.NewCheck(i18n.L("signoff.waive"), func(on bool) {
				setEntryEnabled(row.reason, on)
				s.validate()
			})
			row.reason.Disable()
			s.waivers = append(s.waivers, row)
		case f.Severity == finding.Block && f.Waived == nil && laterMay(f.Category):
			s.deferred = append(s.deferred, f)
		case f.Severity == finding.Block && f.Waived == nil:
			s.blocked = append(s.blocked, f)
		case f.Severity == finding.Warn && f.Acked == nil && s.step == drafts.Tier1:
			row := &ackRow{f: f}
			row.check = widget.NewCheck(findingLine(f), func(bool) { s.validate() })
			s.acks = append(s.acks, row)
		}
	}
}

func setEntryEnabled(e *widget.Entry, on bool) {
	if on {
		e.Enable()
	} else {
		e.Disable()
	}
}

// findingLine names a finding in one line: severity, category, text, why.
func findingLine(f drafts.FindingRecord) string {
	return fmt.Sprintf("%s · %s · %s — %s", i18n.L("severity."+string(f.Severity)), i18n.L("category."+string(f.Category)),
		oneLine(f.Text, 20), oneLine(f.Message, 40))
}

// openMustComments counts the unresolved comments marked 必须处理 on the
// current version.
func (p *draftPage) openMustComments() int {
	cs, err := p.u.ws.Drafts.Comments(p.u.ctx(), p.id, p.d.Version)
	if err != nil {
		return 0 // the domain refuses the approval all the same
	}
	n := 0
	for _, c := range cs {
		if c.Must && c.ResolvedAt.IsZero() {
			n++
		}
	}
	return n
}

func (s *signOffDialog) build() {
	p := s.p
	s.targets = []policy.Step{""}
	targetLabels := []string{i18n.L("signoff.return_author")}
	for _, st := range p.steps[:min(p.d.StepIndex, len(p.steps))] {
		s.targets = append(s.targets, st)
		targetLabels = append(targetLabels, i18n.L("signoff.return_step", map[string]any{"Step": stepLabel(st)}))
	}
	s.returnTo = widget.NewSelect(targetLabels, nil)
	s.returnTo.SetSelectedIndex(0)
	s.returnBox = container.NewVBox(widget.NewForm(formRow(i18n.L("signoff.return_to"), s.returnTo)))
	s.findingsBox = s.findingsPart()
	s.secrecyBox = s.secrecyPart()
	intro := widget.NewLabel(i18n.L("signoff.intro", map[string]any{"Title": p.d.Title, "Version": p.d.Version,
		"Step": stepLabel(s.step), "Meaning": i18n.L(s.step.MeaningKey())}))
	intro.Wrapping = wrapping()
	body := container.NewVBox(intro,
		widget.NewForm(formRow(i18n.L("signoff.decision"), s.decision),
			formRow(i18n.L("signoff.opinion"), container.NewBorder(s.phrases, nil, nil, nil, s.opinion))),
		s.returnBox, s.findingsBox, s.secrecyBox,
		widget.NewForm(formRow(i18n.L("field.password"), s.password)))
	s.d = dialog.NewCustomWithoutButtons(i18n.L("signoff.title", map[string]any{"Step": stepLabel(s.step)}),
		container.NewBorder(nil, container.NewVBox(s.reason, s.message), nil, nil, container.NewVScroll(body)), p.u.win)
	cancel := widget.NewButton(i18n.L("action.cancel"), s.d.Hide)
	s.ok = widget.NewButton(i18n.L("signoff.sign"), s.sign)
	s.ok.Importance = widget.HighImportance
	s.d.SetButtons([]fyne.CanvasObject{cancel, s.ok})
	s.d.Resize(fyne.NewSize(900, 680))
	s.d.Show()
	p.u.win.Canvas().Focus(s.opinion)
}

// findingsPart lists what an approval must deal with.
func (s *signOffDialog) findingsPart() *fyne.Container {
	box := container.NewVBox()
	if len(s.blocked) > 0 {
		box.Add(sectionLabel(i18n.L("signoff.blocked", map[string]any{"Count": len(s.blocked)}), widget.DangerImportance))
		for _, f := range s.blocked {
			box.Add(wrappedLabel("· "+findingLine(f), widget.DangerImportance))
		}
	}
	if len(s.waivers) > 0 {
		box.Add(sectionLabel(i18n.L("signoff.waivers", map[string]any{"Count": len(s.waivers), "Step": stepLabel(s.step)}), widget.HighImportance))
		for _, w := range s.waivers {
			text := findingLine(w.f)
			if w.required {
				text += " " + i18n.L("signoff.waiver_required")
			}
			box.Add(container.NewBorder(nil, nil, w.check, nil, container.NewVBox(wrappedLabel(text, widget.MediumImportance), w.reason)))
		}
	}
	if len(s.deferred) > 0 {
		box.Add(sectionLabel(i18n.L("signoff.deferred", map[string]any{"Count": len(s.deferred)}), widget.MediumImportance))
		for _, f := range s.deferred {
			box.Add(wrappedLabel("· "+findingLine(f), widget.LowImportance))
		}
	}
	if len(s.acks) > 0 {
		all := widget.NewButton(i18n.L("signoff.ack_all"), func() {
			for _, a := range s.acks {
				a.check.SetChecked(true)
			}
		})
		box.Add(container.NewBorder(nil, nil, nil, all,
			sectionLabel(i18n.L("signoff.acks", map[string]any{"Count": len(s.acks)}), widget.WarningImportance)))
		for _, a := range s.acks {
			box.Add(a.check)
		}
	}
	if s.openMust > 0 {
		box.Add(sectionLabel(i18n.L("signoff.open_must", map[string]any{"Count": s.openMust}), widget.DangerImportance))
	}
	return box
}

// secrecyPart is the 保密审查 checklist beside the draft's secret and
// privacy findings, and the 依据和理由.
func (s *signOffDialog) secrecyPart() *fyne.Container {
	if !s.secrecy {
		return container.NewVBox()
	}
	list := container.NewVBox()
	for i := range drafts.ChecklistItems {
		r := widget.NewRadioGroup(yesNo(), func(string) { s.validate() })
		r.Horizontal = true
		s.answers = append(s.answers, r)
		q := wrappedLabel(fmt.Sprintf("%d. %s", i+1, i18n.L("checklist."+itoa(int64(i+1)))), widget.MediumImportance)
		list.Add(container.NewBorder(nil, nil, nil, r, q))
	}
	related := container.NewVBox(sectionLabel(i18n.L("signoff.secret_findings"), widget.HighImportance))
	n := 0
	for _, f := range s.p.findings.Findings {
		if f.Category == finding.Secret || f.Category == finding.Privacy {
			related.Add(wrappedLabel("· "+findingLine(f), severityImportance(f.Severity)))
			n++
		}
	}
	if n == 0 {
		related.Add(wrappedLabel(i18n.L("signoff.no_secret_findings"), widget.LowImportance))
	}
	checklist := container.NewVBox(sectionLabel(i18n.L("signoff.checklist"), widget.HighImportance), list)
	return container.NewVBox(container.NewGridWithColumns(2, checklist, related),
		widget.NewForm(formRow(i18n.L("signoff.basis"), s.basis)))
}

// sectionLabel heads a part of the dialog; a plain heading (imp High) is
// larger text rather than the seal red, which reads as a refusal.
func sectionLabel(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = imp
	if imp == widget.HighImportance {
		l.Importance, l.SizeName = widget.MediumImportance, theme.SizeNameSubHeadingText
	}
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Wrapping = wrapping()
	return l
}

func wrappedLabel(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = imp
	l.Wrapping = wrapping()
	return l
}

// chosen is the decision picked, "" before one is.
func (s *signOffDialog) chosen() drafts.Decision {
	if i := slices.Index(s.decision.Options, s.decision.Selected); i >= 0 {
		return s.decisions[i]
	}
	return ""
}

// approving reports whether the decision passes the draft on (同意, 公开):
// only those must deal with the findings.
func approving(d drafts.Decision) bool { return d == drafts.Approve || d == drafts.Publish }

// decided shows the parts the decision needs and offers its phrases.
func (s *signOffDialog) decided() {
	d := s.chosen()
	s.returnBox.Hidden = d != drafts.Return
	s.findingsBox.Hidden = !approving(d)
	s.secrecyBox.Hidden = !s.secrecy || d == drafts.Return || d == ""
	phrases := s.p.policy.Phrases.Return
	if approving(d) || d == "" {
		phrases = s.p.policy.Phrases.Approve
	}
	s.phrases.Options = phrases
	s.phrases.ClearSelected()
	s.phrases.Refresh()
	s.returnBox.Refresh()
	s.findingsBox.Refresh()
	s.secrecyBox.Refresh()
	s.validate()
}

// missing says the first thing the signature still needs, "" when none.
func (s *signOffDialog) missing() string {
	d := s.chosen()
	count := func(key string, n int) string { return i18n.L(key, map[string]any{"Count": n}) }
	switch {
	case d == "":
		return i18n.L("signoff.need_decision")
	case strings.TrimSpace(s.opinion.Text) == "" && approving(d):
		return i18n.L("signoff.need_opinion")
	case strings.TrimSpace(s.opinion.Text) == "":
		return i18n.L("signoff.need_reason")
	}
	if approving(d) {
		var unwaived, noReason, unacked int
		for _, w := range s.waivers {
			switch {
			case w.check.Checked && strings.TrimSpace(w.reason.Text) == "":
				noReason++
			case !w.check.Checked && w.required:
				unwaived++
			}
		}
		for _, a := range s.acks {
			if !a.check.Checked {
				unacked++
			}
		}
		switch {
		case len(s.blocked) > 0:
			return count("signoff.need_return_blocked", len(s.blocked))
		case unwaived > 0:
			return count("signoff.need_waiver", unwaived)
		case noReason > 0:
			return count("signoff.need_waiver_reason", noReason)
		case unacked > 0:
			return count("signoff.need_ack", unacked)
		case s.openMust > 0:
			return count("signoff.need_comments", s.openMust)
		}
	}
	if s.secrecy && d != drafts.Return {
		unanswered := 0
		for _, a := range s.answers {
			if a.Selected == "" {
				unanswered++
			}
		}
		switch {
		case unanswered > 0:
			return count("signoff.need_checklist", unanswered)
		case strings.TrimSpace(s.basis.Text) == "":
			return i18n.L("signoff.need_basis")
		}
	}
	if s.password.Text == "" {
		return i18n.L("signoff.need_password")
	}
	return ""
}

// validate enables 签署 only when nothing is missing, and says what is.
func (s *signOffDialog) validate() {
	if s.ok == nil {
		return
	}
	why := s.missing()
	s.reason.SetText(why)
	s.reason.Hidden = why == ""
	setEnabled(s.ok, why == "")
}

// request is the sign-off the dialog describes.
func (s *signOffDialog) request() drafts.SignRequest {
	d := s.chosen()
	req := drafts.SignRequest{Draft: s.p.id, Version: s.p.d.Version, Step: s.step, Decision: d, Opinion: s.opinion.Text}
	if d == drafts.Return {
		if i := s.returnTo.SelectedIndex(); i > 0 {
			req.ReturnTo = s.targets[i]
		}
	}
	if approving(d) {
		for _, w := range s.waivers {
			if w.check.Checked {
				if req.Waivers == nil {
					req.Waivers = map[string]string{}
				}
				req.Waivers[w.f.ID] = w.reason.Text
			}
		}
		for _, a := range s.acks {
			if a.check.Checked {
				req.Acks = append(req.Acks, a.f.ID)
			}
		}
	}
	if s.secrecy && d != drafts.Return {
		sr := &drafts.SecrecyReview{Basis: s.basis.Text}
		for _, a := range s.answers {
			sr.Answers = append(sr.Answers, a.Selected == i18n.L("signoff.yes"))
		}
		req.Secrecy = sr
	}
	return req
}

// sign signs off the UI goroutine: unwrapping the key takes about half a
// second of argon2.
func (s *signOffDialog) sign() {
	s.p.u.touch()
	if s.missing() != "" || s.ok.Disabled() {
		return
	}
	req, password := s.request(), s.password.Text
	s.ok.Disable()
	background(func() error {
		_, err := s.p.u.ws.Drafts.Sign(s.p.u.ctx(), s.p.u.sess, password, req)
		return err
	}, func(err error) {
		s.ok.Enable()
		showError(s.message, err)
		if err != nil {
			s.password.SetText("")
			return
		}
		s.d.Hide()
		s.p.changed()
		s.p.show(tabApprovals)
	})
}
