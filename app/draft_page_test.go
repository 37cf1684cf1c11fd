package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
)

// Actions appear only to those who may take them.
func TestDraftPageOffersOnlyAllowedActions(t *testing.T) {
	sign, answer, submit, publish := L("draft.sign"), L("draft.answer"), L("draft.submit"), L("draft.publish")
	revise, withdraw, delegate := L("draft.revise"), L("draft.withdraw"), L("draft.delegate")
	tests := []struct {
		user, title string
		want        []string
	}{
		{"author", demoReturned, []string{submit, revise}},
		{"author", demoEditing, []string{submit, revise}},
		{"author", demoApproved, []string{publish}},
		{"author", demoDone, []string{revise}}, // a correction of a published draft goes through the steps again
		{"author", demoTier1, []string{withdraw}},
		{"author", demoTier2, nil}, // signed at 初审: too late to withdraw
		{"approver1", demoTier1, []string{sign, revise, delegate}},
		{"approver1", demoTier2, nil},
		{"approver2", demoTier2, []string{sign, delegate}},
		{"approver2", demoSecrecy, nil}, // signed 复审 of it; and 保密审查 is not theirs
		{"secrecy", demoSecrecy, []string{sign, delegate}},
		{"secrecy", demoHeld, []string{answer}},
		{"approver3", demoTier3, []string{sign, delegate}},
		{"approver3", demoHeld, nil},
	}
	uis := map[string]*ui{}
	for _, tc := range tests {
		u := uis[tc.user]
		if u == nil {
			u = draftsUI(t, tc.user)
			uis[tc.user] = u
		}
		p := openDraft(t, u, tc.title)
		got := actionButtons(p)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s on %s: %q, want %q", tc.user, tc.title, got, tc.want)
		}
		if len(tc.want) == 0 && !slices.ContainsFunc(p.actions.Objects, func(o fyne.CanvasObject) bool {
			l, ok := o.(*widget.Label)
			return ok && l.Text == L("draft.no_actions")
		}) {
			t.Errorf("%s on %s: no word that there is nothing to do", tc.user, tc.title)
		}
	}
}

func TestDraftPageMarkup(t *testing.T) {
	u := draftsUI(t, "approver3")
	openDraft(t, u, demoApproved)
	test.AssertRendersToMarkup(t, "draft_text_approver3.xml", u.win.Canvas())
}

// The 正文 tab shows each finding with what the steps did about it.
func TestDraftTextShowsWaivers(t *testing.T) {
	u := draftsUI(t, "approver3")
	p := openDraft(t, u, demoApproved)
	tx := p.text
	if len(tx.list.shown) != 1 {
		t.Fatalf("%d findings listed, want the waived placeholder", len(tx.list.shown))
	}
	tx.list.list.Select(0)
	want := i18n.L("draft.waived_long", map[string]any{"Step": "复审", "By": "approver2", "Reason": "区名由发稿单位在发布前补全，已电话确认。"})
	if !strings.Contains(tx.list.detail.Text, want) {
		t.Errorf("detail %q lacks %q", tx.list.detail.Text, want)
	}
	if tx.view.selected != 0 {
		t.Error("choosing the finding does not mark it in the text")
	}
	if !strings.Contains(tx.summary.Text, "阻断 1（已豁免 1）") {
		t.Errorf("summary %q", tx.summary.Text)
	}
}

// The 审批 tab shows every sign-off with its manifestation and verdict;
// a change made through raw SQL is reported in plain words.
func TestApprovalsTimelineVerifies(t *testing.T) {
	u := draftsUI(t, "author")
	p := openDraft(t, u, demoDone)
	p.show(tabApprovals) // no markup master: the key fingerprints differ on every run
	tl := p.timeline
	if len(tl.ver.Checks) != 3 || !tl.ver.OK {
		t.Fatalf("verification %+v", tl.ver)
	}
	cards := 0
	for _, o := range tl.entries.Objects {
		if c, ok := o.(*widget.Card); ok {
			cards++
			if !strings.Contains(c.Title, "（第 ") {
				t.Errorf("card title %q", c.Title)
			}
		}
	}
	if cards != 3 || len(tl.entries.Objects) != 5 { // submit, three sign-offs, publish
		t.Fatalf("%d entries with %d sign-offs", len(tl.entries.Objects), cards)
	}
	if find(t, u, func(l *widget.Label) bool {
		return strings.Contains(l.Text, "签署人：周明（approver3） · 职务：终审人")
	}) == nil {
		t.Error("the 终审 sign-off does not show its signer and role")
	}
	if find(t, u, func(c *widget.Card) bool { return strings.HasPrefix(c.Title, "终审签发") }) == nil ||
		find(t, u, func(c *widget.Card) bool { return strings.HasPrefix(c.Title, "保密审查：公开") }) == nil {
		t.Error("the meanings 终审签发 and 保密审查：公开 are not shown")
	}
	for _, trig := range []string{"versions_no_update"} {
		if _, err := u.ws.DB.SQL.Exec(`DROP TRIGGER ` + trig); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := u.ws.DB.SQL.Exec(`UPDATE versions SET text = text || '。' WHERE draft_id = ?`, p.id); err != nil {
		t.Fatal(err)
	}
	test.Tap(button(t, u, i18n.L("draft.verify")))
	if !tl.verdict.Visible() || tl.verdict.Title != i18n.L("draft.verdict_bad") {
		t.Fatalf("verdict %q", tl.verdict.Title)
	}
	want := i18n.L("draft.verify_bad_at", map[string]any{"Seq": 1, "Problem": i18n.L("verify.problem.text")})
	if find(t, u, func(l *widget.Label) bool { return l.Text == want }) == nil {
		t.Errorf("the failure is not named as %q", want)
	}
	if find(t, u, func(l *widget.Label) bool {
		return l.Text == i18n.L("draft.so_failed", map[string]any{"Problem": i18n.L("verify.problem.text")})
	}) == nil {
		t.Error("the sign-offs are not marked as failing")
	}
}

// The 文件 tab lists versions with hashes and the import report.
func TestFilesTab(t *testing.T) {
	u := draftsUI(t, "author")
	id := draftID(t, u, demoReturned)
	docx := readFixture(t, "testdata/quick/full.docx")
	if _, err := u.ws.Drafts.Revise(u.ctx(), u.sess, id, 1, drafts.Source{FileName: "公示.docx", Data: docx, Note: "改用 Word 稿"}); err != nil {
		t.Fatal(err)
	}
	p := openDraft(t, u, demoReturned)
	p.show(tabFiles)
	f := p.files
	if n, _ := f.table.Length(); n != 2 || f.chosen == nil || f.chosen.Number != 2 {
		t.Fatalf("%d versions, chosen %+v", n, f.chosen)
	}
	report := reportText(*f.chosen)
	for _, want := range []string{"docx", i18n.L("mark.hidden"), i18n.L("section.comment"), i18n.L("section.deleted")} {
		if !strings.Contains(report, want) {
			t.Errorf("import report lacks %q:\n%s", want, report)
		}
	}
	if find(t, u, func(b *widget.Button) bool { return strings.Contains(b.Text, "公示.docx") }) == nil {
		t.Error("no button saves the original file")
	}
	f.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if f.chosen.Number != 1 || !strings.Contains(reportText(*f.chosen), i18n.L("files.no_extras")) {
		t.Errorf("version 1's report: %s", reportText(*f.chosen))
	}
}

// Submitting, withdrawing and recording publication go through their
// dialogs, reach the store, and recount the inbox.
func TestDraftPageActions(t *testing.T) {
	u := draftsUI(t, "author")
	p := openDraft(t, u, demoEditing)
	test.Tap(button(t, u, L("draft.submit")))
	tapOverlayButton(t, u, lang.L("Yes"))
	if p.d.Status != drafts.InReview || p.d.Step != drafts.Tier1 {
		t.Fatalf("after submit: %s %s", p.d.Status, p.d.Step)
	}
	if u.navLabel("inbox") != i18n.L("nav.inbox_count", map[string]any{"Count": 2}) {
		t.Errorf("inbox count %q", u.navLabel("inbox"))
	}
	test.Tap(button(t, u, L("draft.withdraw")))
	tapOverlayButton(t, u, L("draft.withdraw"))
	if p.d.Status != drafts.Editing {
		t.Fatalf("after withdraw: %s", p.d.Status)
	}
	p = openDraft(t, u, demoApproved)
	test.Tap(button(t, u, L("draft.publish")))
	form := overlay(t, u)
	at := findIn(t, form, func(e *widget.Entry) bool { return e.PlaceHolder == "" })
	at.SetText("昨天")
	tapOverlayButton(t, u, L("draft.publish"))
	if overlayLabel(t, u, i18n.L("error.bad_time", map[string]any{"Value": "昨天"})) == nil {
		t.Fatal("a bad publication time is not explained in the dialog")
	}
	at.SetText("2026-11-30 18:00")
	tapOverlayButton(t, u, L("draft.publish"))
	if p.d.Status != drafts.Published || p.d.PublishedAt.Local().Format(minuteLayout) != "2026-11-30 18:00" {
		t.Fatalf("after publish: %s %v", p.d.Status, p.d.PublishedAt)
	}
}

// 转办 hands the step to another holder of the role; with none, it says so.
func TestDelegateNeedsAnotherHolder(t *testing.T) {
	u := draftsUI(t, "approver1")
	p := openDraft(t, u, demoTier1)
	d := p.delegateDialog()
	if overlayLabel(t, u, i18n.L("draft.no_holders", map[string]any{"Role": "初审人"})) == nil {
		t.Error("the dialog does not say there is nobody to hand over to")
	}
	test.Tap(d.ok)
	if d.message.Text != i18n.L("draft.missing", map[string]any{"Field": L("draft.field_delegate_to")}) {
		t.Errorf("refusal %q", d.message.Text)
	}
}
