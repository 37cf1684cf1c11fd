package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/sensitive/finding"
)

// submitted creates and submits a draft as the demo author.
func submitted(t *testing.T, u *ui, title, grade, text string) int64 {
	t.Helper()
	author := session(t, u, "author")
	channels, _ := u.ws.Drafts.Channels(u.ctx())
	id, err := u.ws.Drafts.Create(u.ctx(), author, drafts.NewDraft{Title: title, ChannelID: channels[0].ID, Grade: grade,
		Kind: drafts.Original, File: drafts.Source{Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	if err := u.ws.Drafts.Submit(u.ctx(), author, id, 1); err != nil {
		t.Fatal(err)
	}
	return id
}

func openID(u *ui, id int64) *draftPage {
	p := newDraftPage(u, id, func() {})
	u.win.SetContent(p.object())
	return p
}

// why is the dialog's reason for keeping 签署 disabled ("" when enabled).
func why(t *testing.T, s *signOffDialog) string {
	t.Helper()
	if (s.reason.Text == "") != !s.ok.Disabled() {
		t.Fatalf("the 签署 button is %v while the dialog says %q", !s.ok.Disabled(), s.reason.Text)
	}
	return s.reason.Text
}

func count(key string, n int) string { return i18n.L(key, map[string]any{"Count": n}) }

// 初审 must acknowledge every warning; a block finding a later step may
// waive is left to it; a wrong password is refused in the dialog.
func TestSignOffAcknowledgementsAndPassword(t *testing.T) {
	u := draftsUI(t, "approver1")
	id := submitted(t, u, "设备安装通知", "B", "请各单位按装好设备，地点XX会议室。")
	p := openID(u, id)
	s := p.signDialog()
	if len(s.acks) != 1 || len(s.deferred) != 1 || len(s.waivers) != 0 || len(s.blocked) != 0 {
		t.Fatalf("acks %d deferred %d waivers %d blocked %d", len(s.acks), len(s.deferred), len(s.waivers), len(s.blocked))
	}
	steps := []struct {
		do   func()
		want string
	}{
		{func() {}, L("signoff.need_decision")},
		{func() { s.decision.SetSelected(decisionLabel(drafts.Approve)) }, L("signoff.need_opinion")},
		{func() { s.phrases.SetSelectedIndex(0) }, count("signoff.need_ack", 1)},
		{func() { test.Tap(s.acks[0].check) }, L("signoff.need_password")},
		{func() { test.Type(s.password, "wrong") }, ""},
	}
	for i, st := range steps {
		st.do()
		if got := why(t, s); got != st.want {
			t.Fatalf("step %d: %q, want %q", i, got, st.want)
		}
	}
	if s.opinion.Text != p.policy.Phrases.Approve[0] {
		t.Errorf("the phrase did not fill the opinion: %q", s.opinion.Text)
	}
	test.Tap(s.ok)
	if !s.message.Visible() || s.message.Text != i18n.Message(account.ErrBadCredentials) {
		t.Fatalf("a wrong password says %q", s.message.Text)
	}
	if overlay(t, u) == nil || p.d.Step != drafts.Tier1 {
		t.Fatal("a refused signature closed the dialog or moved the draft")
	}
	test.Type(s.password, "Approver1@2026")
	test.Tap(s.ok)
	if u.win.Canvas().Overlays().Top() != nil || p.d.Step != drafts.Tier2 {
		t.Fatalf("after signing: step %s, message %q", p.d.Step, s.message.Text)
	}
	if p.tabs.SelectedIndex() != tabApprovals || len(p.sos) != 1 || p.sos[0].Decision != drafts.Approve {
		t.Fatal("the page does not show the new sign-off")
	}
	if acked := p.findings.Findings[slices.IndexFunc(p.findings.Findings, func(f drafts.FindingRecord) bool {
		return f.Severity == finding.Warn
	})].Acked; acked == nil || acked.By != "approver1" {
		t.Errorf("the warning is not acknowledged: %+v", acked)
	}
}

// 复审 must waive, with a reason, what no later step may waive.
func TestSignOffWaiverNeedsReason(t *testing.T) {
	u := draftsUI(t, "approver2")
	id := submitted(t, u, "会议通知", "B", "地点XX会议室。")
	if err := signAs(t, u, "approver1", id, drafts.Approve, nil); err != nil {
		t.Fatal(err)
	}
	p := openID(u, id)
	s := p.signDialog()
	if len(s.waivers) != 1 || !s.waivers[0].required {
		t.Fatalf("waivers %+v", s.waivers)
	}
	s.decision.SetSelected(decisionLabel(drafts.Approve))
	s.opinion.SetText("同意。")
	if got := why(t, s); got != count("signoff.need_waiver", 1) {
		t.Fatalf("%q", got)
	}
	if !s.waivers[0].reason.Disabled() {
		t.Error("the reason can be typed before the waiver is ticked")
	}
	s.waivers[0].check.SetChecked(true)
	if got := why(t, s); got != count("signoff.need_waiver_reason", 1) {
		t.Fatalf("%q", got)
	}
	test.Type(s.waivers[0].reason, "专有名称，按原文保留。")
	test.Type(s.password, "Approver2@2026")
	if why(t, s) != "" {
		t.Fatal("still refused")
	}
	test.Tap(s.ok)
	if p.d.Step != drafts.Secrecy || p.findings.Findings[0].Waived == nil || p.findings.Findings[0].Waived.Reason != "专有名称，按原文保留。" {
		t.Fatalf("after signing: %s %+v (%s)", p.d.Step, p.findings.Findings[0], s.message.Text)
	}
}

// Personal data can never be waived: approving is refused, returning works.
func TestSignOffBlockedOnlyReturns(t *testing.T) {
	u := draftsUI(t, "approver1")
	id := submitted(t, u, "名单公示", "A", "联系人张三，身份证号码110101199003078515。")
	p := openID(u, id)
	s := p.signDialog()
	s.decision.SetSelected(decisionLabel(drafts.Approve))
	s.opinion.SetText("同意。")
	test.Type(s.password, "Approver1@2026")
	if got := why(t, s); got != count("signoff.need_return_blocked", 1) {
		t.Fatalf("%q", got)
	}
	s.decision.SetSelected(decisionLabel(drafts.Return))
	if !s.findingsBox.Hidden || s.returnBox.Hidden || len(s.returnTo.Options) != 1 {
		t.Fatalf("return: findings hidden %v, targets %q", s.findingsBox.Hidden, s.returnTo.Options)
	}
	s.opinion.SetText("身份证号须隐去中间位数。")
	if why(t, s) != "" {
		t.Fatal("a return is refused")
	}
	test.Tap(s.ok)
	if p.d.Status != drafts.Returned {
		t.Fatalf("status %s (%s)", p.d.Status, s.message.Text)
	}
}

// 终审 may send the draft back to an earlier step without a new version.
func TestSignOffReturnToEarlierStep(t *testing.T) {
	u := draftsUI(t, "approver3")
	p := openDraft(t, u, demoTier3)
	s := p.signDialog()
	s.decision.SetSelected(decisionLabel(drafts.Return))
	want := []string{L("signoff.return_author"), i18n.L("signoff.return_step", map[string]any{"Step": "初审"}),
		i18n.L("signoff.return_step", map[string]any{"Step": "保密审查"})}
	if !slices.Equal(s.returnTo.Options, want) {
		t.Fatalf("targets %q", s.returnTo.Options)
	}
	s.returnTo.SetSelectedIndex(1)
	s.opinion.SetText("请初审核实活动日期。")
	test.Type(s.password, "Approver3@2026")
	test.Tap(s.ok)
	if p.d.Status != drafts.InReview || p.d.Step != drafts.Tier1 || p.d.Version != 1 {
		t.Fatalf("after the return: %s %s v%d (%s)", p.d.Status, p.d.Step, p.d.Version, s.message.Text)
	}
}

// 保密审查 answers the whole checklist and gives its basis.
func TestSignOffSecrecyChecklist(t *testing.T) {
	u := draftsUI(t, "secrecy")
	u.win.Resize(fyne.NewSize(1280, 800))
	p := openDraft(t, u, demoSecrecy)
	s := p.signDialog()
	if want := []string{"公开", "非密处理后公开", "免于公开", "需报审", "退回"}; !slices.Equal(s.decision.Options, want) {
		t.Fatalf("decisions %q", s.decision.Options)
	}
	s.decision.SetSelected(decisionLabel(drafts.Publish))
	test.AssertRendersToMarkup(t, "signoff_secrecy.xml", u.win.Canvas())
	s.opinion.SetText("经保密审查，可以公开。")
	if got := why(t, s); got != count("signoff.need_checklist", 8) {
		t.Fatalf("%q", got)
	}
	for _, a := range s.answers[:7] {
		a.SetSelected(L("signoff.no"))
	}
	if got := why(t, s); got != count("signoff.need_checklist", 1) {
		t.Fatalf("%q", got)
	}
	s.answers[7].SetSelected(L("signoff.yes"))
	if got := why(t, s); got != L("signoff.need_basis") {
		t.Fatalf("%q", got)
	}
	s.basis.SetText("转载来源已核实为公开发布。")
	test.Type(s.password, "Secrecy@2026")
	test.Tap(s.ok)
	if p.d.Step != drafts.Tier3 {
		t.Fatalf("step %s (%s)", p.d.Step, s.message.Text)
	}
	if want := i18n.L("draft.so_checklist_yes", map[string]any{"Items": L("checklist.8")}); !strings.Contains(timelineText(p), want) {
		t.Errorf("the timeline does not show the checklist: want %q", want)
	}
}

// A sign-off of a version another window revised meanwhile is refused.
func TestSignOffStaleVersion(t *testing.T) {
	u := draftsUI(t, "approver1")
	p := openDraft(t, u, demoTier1)
	s := p.signDialog()
	other := session(t, u, "approver1")
	if _, err := u.ws.Drafts.Revise(u.ctx(), other, p.id, 1, drafts.Source{Data: []byte("改过的正文。")}); err != nil {
		t.Fatal(err)
	}
	s.decision.SetSelected(decisionLabel(drafts.Approve))
	s.opinion.SetText("同意。")
	test.Type(s.password, "Approver1@2026")
	test.Tap(s.ok)
	if s.message.Text != i18n.Message(drafts.ErrStale) || !strings.Contains(s.message.Text, "已被修改") {
		t.Fatalf("stale sign-off says %q", s.message.Text)
	}
}

// signAs signs the draft's current step as a demo user, acknowledging
// every warning.
func signAs(t *testing.T, u *ui, name string, id int64, d drafts.Decision, waivers map[string]string) error {
	t.Helper()
	sess := session(t, u, name)
	dr, _ := u.ws.Drafts.Get(u.ctx(), id)
	fs, _ := u.ws.Drafts.CurrentFindings(u.ctx(), id)
	req := drafts.SignRequest{Draft: id, Version: dr.Version, Step: dr.Step, Decision: d, Opinion: "同意。", Waivers: waivers}
	for _, f := range fs.Findings {
		if f.Severity == finding.Warn && dr.Step == drafts.Tier1 {
			req.Acks = append(req.Acks, f.ID)
		}
	}
	_, err := u.ws.Drafts.Sign(u.ctx(), sess, passwordOf(name), req)
	return err
}

// timelineText joins the texts of the 审批 tab.
func timelineText(p *draftPage) string {
	var b strings.Builder
	p.show(tabApprovals)
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(p.timeline.entries)
	return b.String()
}
