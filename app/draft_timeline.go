package app

import (
	"encoding/json"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
)

// draftTimeline is the 审批 tab: the grade's steps and where the draft
// stands, then every sign-off with its manifestation (printed name, role,
// date and time, meaning, opinion, key fingerprint) and whether it
// verifies, with submissions, revisions, hand-overs and answers between.
type draftTimeline struct {
	p       *draftPage
	verdict *widget.Card
	checks  map[int]drafts.Check // by sign-off seq
	ver     drafts.Verification
	verErr  error
	entries *fyne.Container
}

func newDraftTimeline(p *draftPage) *draftTimeline {
	t := &draftTimeline{p: p, verdict: widget.NewCard("", "", nil), entries: container.NewVBox()}
	t.verdict.Hide()
	t.verify()
	t.fill()
	return t
}

func (t *draftTimeline) object() fyne.CanvasObject {
	check := widget.NewButtonWithIcon(i18n.L("draft.verify"), theme.ConfirmIcon(), t.verifyAndShow)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, check, t.progress()), t.verdict)
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewPadded(t.entries)))
}

// verify checks every sign-off of the draft (signatures, chain, content).
func (t *draftTimeline) verify() {
	t.ver, t.verErr = t.p.u.ws.Drafts.Verify(t.p.u.ctx(), t.p.id)
	t.checks = map[int]drafts.Check{}
	for _, c := range t.ver.Checks {
		t.checks[c.Seq] = c
	}
}

// verifyAndShow runs the check again and states the verdict in words.
func (t *draftTimeline) verifyAndShow() {
	t.p.u.touch()
	t.verify()
	t.fill()
	label := widget.NewLabel("")
	label.Wrapping = wrapping()
	switch {
	case t.verErr != nil:
		t.verdict.SetTitle(i18n.L("draft.verdict_bad"))
		label.SetText(i18n.Message(t.verErr))
		label.Importance = widget.DangerImportance
	case t.ver.OK:
		t.verdict.SetTitle(i18n.L("draft.verdict_ok"))
		label.SetText(i18n.L("draft.verify_ok", map[string]any{"Count": len(t.ver.Checks)}))
		label.Importance = widget.SuccessImportance
	default:
		t.verdict.SetTitle(i18n.L("draft.verdict_bad"))
		label.SetText(verdictText(t.ver))
		label.Importance = widget.DangerImportance
	}
	t.verdict.SetSubTitle(time.Now().Format("2006-01-02 15:04:05"))
	t.verdict.SetContent(label)
	t.verdict.Show()
}

// verdictText names the first thing that fails, in plain words.
func verdictText(v drafts.Verification) string {
	problem := i18n.L("verify.problem." + string(v.Problem))
	if v.FirstBad > 0 {
		return i18n.L("draft.verify_bad_at", map[string]any{"Seq": v.FirstBad, "Problem": problem})
	}
	return i18n.L("draft.verify_bad", map[string]any{"Problem": problem})
}

// progress shows the grade's steps in order, each signed, current or to come.
func (t *draftTimeline) progress() fyne.CanvasObject {
	signed := signedSteps(t.p.d, t.p.sos)
	box := container.NewHBox()
	for i, s := range t.p.steps {
		l := widget.NewLabel("")
		d := t.p.d
		switch {
		case signed[i] != nil:
			l.SetText(i18n.L("draft.step_done", map[string]any{"N": i + 1, "Step": stepLabel(s), "By": signed[i].SignerName}))
			l.Importance = widget.SuccessImportance
		case (d.Status == drafts.InReview || d.Status == drafts.Held) && d.StepIndex == i:
			l.SetText(i18n.L("draft.step_current", map[string]any{"N": i + 1, "Step": stepLabel(s)}))
			l.Importance = widget.HighImportance
		default:
			l.SetText(i18n.L("draft.step_todo", map[string]any{"N": i + 1, "Step": stepLabel(s)}))
			l.Importance = widget.LowImportance
		}
		if i > 0 {
			box.Add(widget.NewLabel("→"))
		}
		box.Add(l)
	}
	return box
}

// signedSteps returns, per step index, the sign-off that still counts for
// it in the current round and version (nil where none does): approvals,
// less those undone by a return to an earlier step.
func signedSteps(d drafts.Draft, sos []drafts.SignOff) map[int]*drafts.SignOff {
	out := map[int]*drafts.SignOff{}
	if d.Status == drafts.Editing || d.Status == drafts.Returned {
		return out // a new submission restarts the steps
	}
	var valid []drafts.SignOff
	for _, so := range sos {
		if so.Round != d.Round || so.Version != d.Version {
			continue
		}
		switch {
		case so.Decision == drafts.Approve || so.Decision == drafts.Publish:
			valid = append(valid, so)
		case so.Decision == drafts.Return && so.ReturnTo >= 0:
			for len(valid) > 0 && valid[len(valid)-1].StepIndex >= so.ReturnTo {
				valid = valid[:len(valid)-1]
			}
		}
	}
	for i := range valid {
		out[valid[i].StepIndex] = &valid[i]
	}
	return out
}

// timelineItem is a sign-off or an event, in the order they happened.
type timelineItem struct {
	so *drafts.SignOff
	ev *drafts.Event
}

// eventClass orders an event against sign-offs made in the same second:
// a submission opens its round, answers and revisions follow the sign-off
// that asked for them.
var eventClass = map[string]int{"submit": 0, "delegate": 1, "answer": 2, "revise": 2, "withdraw": 2, "publish": 2}

// timeline merges sign-offs (in chain order) and the events a sign-off
// does not already show (returns, redactions, exemptions and escalations
// are sign-offs themselves).
func timeline(sos []drafts.SignOff, events []drafts.Event) []timelineItem {
	var evs []drafts.Event
	for _, e := range events {
		if _, shown := eventClass[e.Kind]; shown {
			evs = append(evs, e)
		}
	}
	var out []timelineItem
	i, j := 0, 0
	for i < len(sos) || j < len(evs) {
		if j < len(evs) && (i == len(sos) || eventFirst(evs[j], sos[i])) {
			out = append(out, timelineItem{ev: &evs[j]})
			j++
			continue
		}
		out = append(out, timelineItem{so: &sos[i]})
		i++
	}
	return out
}

func eventFirst(e drafts.Event, so drafts.SignOff) bool {
	switch {
	case !e.At.Equal(so.SignedAt):
		return e.At.Before(so.SignedAt)
	case e.Round != so.Round:
		return e.Round < so.Round
	}
	return eventClass[e.Kind] <= 1
}

func (t *draftTimeline) fill() {
	t.entries.Objects = nil
	items := timeline(t.p.sos, t.p.events)
	if len(items) == 0 {
		t.entries.Add(widget.NewLabel(i18n.L("draft.no_history")))
	}
	for _, it := range items {
		if it.so != nil {
			t.entries.Add(t.signOffCard(*it.so))
		} else {
			t.entries.Add(eventRow(*it.ev))
		}
	}
	t.entries.Refresh()
}

// signOffCard is a sign-off with its manifestation and verdict.
func (t *draftTimeline) signOffCard(so drafts.SignOff) fyne.CanvasObject {
	var lines []string
	add := func(key string, data map[string]any) { lines = append(lines, i18n.L(key, data)) }
	add("draft.so_signer", map[string]any{"Name": so.SignerName, "User": so.Signer,
		"Role": i18n.L("role." + string(so.Step.Role())), "Time": so.SignedAt.Local().Format("2006-01-02 15:04:05")})
	add("draft.so_opinion", map[string]any{"Text": so.Opinion})
	if so.Decision == drafts.Return || so.Decision == drafts.Redact {
		target := i18n.L("draft.return_author")
		if so.ReturnTo >= 0 && so.ReturnTo < len(t.p.steps) && so.Decision == drafts.Return {
			target = stepLabel(t.p.steps[so.ReturnTo])
		}
		add("draft.so_return_to", map[string]any{"Target": target})
	}
	var fs drafts.Findings
	if json.Unmarshal([]byte(so.Findings), &fs) == nil {
		if n := waivedBy(fs, so); n > 0 {
			add("draft.so_waivers", map[string]any{"Count": n})
		}
		if fs.Secrecy != nil {
			lines = append(lines, checklistText(fs.Secrecy))
		}
	}
	key := ""
	if st, err := drafts.ParseStatement(so.Statement); err == nil {
		key = st.Key
	}
	add("draft.so_key", map[string]any{"Key": fingerprint(key)})
	body := widget.NewLabel(strings.Join(lines, "\n"))
	body.Wrapping = wrapping()
	icon, verdict := widget.NewIcon(theme.ConfirmIcon()), widget.NewLabel(i18n.L("draft.so_verified"))
	verdict.Importance = widget.SuccessImportance
	if c, ok := t.checks[so.Seq]; !ok || !c.OK {
		icon.SetResource(theme.ErrorIcon())
		verdict.Importance = widget.DangerImportance
		verdict.SetText(i18n.L("draft.so_failed", map[string]any{"Problem": i18n.L("verify.problem." + string(c.Problem))}))
		if !ok {
			verdict.SetText(i18n.L("draft.so_unchecked"))
		}
	}
	verdict.Wrapping = wrapping()
	title := i18n.L("draft.so_title", map[string]any{"Meaning": meaning(so), "Seq": so.Seq, "Round": so.Round, "Version": so.Version})
	card := widget.NewCard(title, "", container.NewVBox(body, container.NewBorder(nil, nil, icon, nil, verdict)))
	return card
}

// waivedBy counts the waivers a sign-off made.
func waivedBy(fs drafts.Findings, so drafts.SignOff) int {
	n := 0
	for _, f := range fs.Findings {
		if f.Waived != nil && f.Waived.Step == so.Step && f.Waived.By == so.Signer {
			n++
		}
	}
	return n
}

// checklistText is the 保密审查 checklist as answered, and its basis.
func checklistText(sr *drafts.SecrecyReview) string {
	var yes []string
	for i, a := range sr.Answers {
		if a && i < len(drafts.ChecklistItems) {
			yes = append(yes, i18n.L("checklist."+itoa(int64(i+1))))
		}
	}
	answers := i18n.L("draft.so_checklist_no")
	if len(yes) > 0 {
		answers = i18n.L("draft.so_checklist_yes", map[string]any{"Items": strings.Join(yes, "；")})
	}
	return answers + "\n" + i18n.L("draft.so_basis", map[string]any{"Text": sr.Basis})
}

// eventRow is a submission, revision, hand-over, answer or publication.
func eventRow(e drafts.Event) fyne.CanvasObject {
	text := i18n.L("draft.event."+e.Kind, map[string]any{"Actor": e.Actor, "Version": e.Version, "Round": e.Round,
		"Step": stepLabel(e.Step), "Target": e.Target, "Reason": e.Reason})
	if e.Reason != "" && e.Kind != "delegate" && e.Kind != "answer" {
		text += i18n.L("draft.event_reason", map[string]any{"Reason": e.Reason})
	}
	l := widget.NewLabel(e.At.Local().Format("2006-01-02 15:04:05") + "  " + text)
	l.Wrapping = wrapping()
	return container.NewBorder(nil, nil, widget.NewIcon(eventIcon(e.Kind)), nil, l)
}

func eventIcon(kind string) fyne.Resource {
	switch kind {
	case "submit":
		return theme.MailSendIcon()
	case "revise":
		return theme.DocumentCreateIcon()
	case "withdraw":
		return theme.ContentUndoIcon()
	case "delegate":
		return theme.AccountIcon()
	case "answer":
		return theme.MailReplyIcon()
	}
	return theme.UploadIcon()
}
