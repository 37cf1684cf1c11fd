package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
)

func TestSelectionStart(t *testing.T) {
	text := []rune("张明，男，张明的身份证号")
	tests := []struct {
		cursor int
		sel    string
		want   int
	}{
		{2, "张明", 0}, // selected left to right: the cursor is at its end
		{5, "张明", 5}, // right to left: the cursor is at its start
		{7, "张明", 5}, // the second 张明, selected left to right
		{12, "身份证号", 8},
		{0, "男", 3}, // the cursor tells nothing: the first occurrence
	}
	for _, tc := range tests {
		if got := selectionStart(text, tc.cursor, []rune(tc.sel)); got != tc.want {
			t.Errorf("cursor %d, %q: start %d, want %d", tc.cursor, tc.sel, got, tc.want)
		}
	}
}

// A comment on characters selected in a paragraph, marked 必须处理, holds
// up 同意 until its opener resolves it.
func TestCommentOnSelectionBlocksApproval(t *testing.T) {
	u := draftsUI(t, "approver1")
	p := openDraft(t, u, demoTier1)
	p.show(tabComments)
	c := p.comments
	c.paraList.Select(1) // 如有疑问，请咨询当地医保经办机构。
	if c.text.Text != c.paras[1].text {
		t.Fatalf("the entry shows %q", c.text.Text)
	}
	test.Type(c.text, "改") // read-only: typing changes nothing
	if c.text.Text != c.paras[1].text {
		t.Fatalf("the paragraph was edited to %q", c.text.Text)
	}
	// Select 医保经办机构 with the keyboard: shift and the arrow keys.
	c.text.CursorColumn = 10
	c.text.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for range 6 {
		c.text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	c.text.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if c.text.SelectedText() != "医保经办机构" {
		t.Fatalf("selected %q", c.text.SelectedText())
	}
	c.body.SetText("请写明经办机构的名称和电话。")
	c.must.SetChecked(true)
	test.Tap(c.add)
	if c.message.Visible() || len(c.threads) != 1 {
		t.Fatalf("comment not added: %q", c.message.Text)
	}
	th := c.threads[0]
	if th.Quote != "医保经办机构" || !th.Must || th.Start != c.paras[1].start+10 {
		t.Fatalf("thread %+v", th)
	}
	s := p.signDialog()
	s.decision.SetSelected(decisionLabel(drafts.Approve))
	s.opinion.SetText("同意。")
	test.Type(s.password, "Approver1@2026")
	if got := why(t, s); got != count("signoff.need_comments", 1) {
		t.Fatalf("%q", got)
	}
	s.d.Hide()
	// The author replies; only the opener may resolve.
	author := session(t, u, "author")
	if _, err := u.ws.Drafts.Reply(u.ctx(), author, th.ID, "已补充。"); err != nil {
		t.Fatal(err)
	}
	if err := u.ws.Drafts.Resolve(u.ctx(), author, th.ID); err == nil {
		t.Fatal("the author resolved the approver's comment")
	}
	p.built[tabComments] = false
	p.show(tabComments)
	c = p.comments
	if len(c.threads[0].Replies) != 1 {
		t.Fatalf("replies %+v", c.threads[0].Replies)
	}
	test.Tap(button(t, u, i18n.L("comments.resolve")))
	if c.threads[0].ResolvedAt.IsZero() {
		t.Fatalf("not resolved: %q", c.message.Text)
	}
	s = p.signDialog()
	s.decision.SetSelected(decisionLabel(drafts.Approve))
	s.opinion.SetText("同意。")
	test.Type(s.password, "Approver1@2026")
	if got := why(t, s); got != "" {
		t.Fatalf("still refused after the comment was resolved: %q", got)
	}
}

// A comment on a finding takes the finding's span.
func TestCommentOnFinding(t *testing.T) {
	u := draftsUI(t, "approver1")
	id := submitted(t, u, "会议通知", "B", "请各单位按装好设备。\n地点XX会议室。")
	p := openID(u, id)
	p.show(tabComments)
	c := p.comments
	c.finding.SetSelectedIndex(1) // XX, in the second paragraph
	if c.para != 1 {
		t.Fatalf("the finding's paragraph is not shown: %d", c.para)
	}
	c.body.SetText("区名请补全。")
	test.Tap(c.add)
	if len(c.threads) != 1 || c.threads[0].Quote != "XX" || c.threads[0].Must {
		t.Fatalf("threads %+v (%s)", c.threads, c.message.Text)
	}
}
