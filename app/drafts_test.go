package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
)

func listTitles(s *draftsScreen) []string {
	var out []string
	for _, d := range s.rows {
		out = append(out, d.Title)
	}
	return out
}

func TestDraftsListFilters(t *testing.T) {
	u := draftsUI(t, "approver2")
	s := newDraftsScreen(u)
	u.win.SetContent(s.stack)
	if len(s.rows) != 10 || s.total != 10 {
		t.Fatalf("%d rows of %d, want all 10 demo drafts", len(s.rows), s.total)
	}
	if button(t, u, i18n.L("drafts.new")) != nil {
		t.Error("a 复审 approver, who writes no drafts, is offered 新建稿件")
	}
	tests := []struct {
		name  string
		set   func()
		want  []string
		reset func()
	}{
		{"status", func() { s.status.SetSelected(statusLabel(drafts.Returned)) }, []string{demoReturned},
			func() { s.status.SetSelectedIndex(0) }},
		{"held", func() { s.status.SetSelected(statusLabel(drafts.Held)) }, []string{demoHeld},
			func() { s.status.SetSelectedIndex(0) }},
		{"title", func() { s.title.SetText("医保"); s.search() }, []string{demoTier1}, func() { s.title.SetText(""); s.search() }},
		{"grade and channel", func() { s.grade.SetSelected("A 普通"); s.channel.SetSelected("江城政务服务") },
			[]string{demoEditing, demoTier3}, func() { s.grade.SetSelectedIndex(0); s.channel.SetSelectedIndex(0) }},
		{"created after the demo", func() { s.from.SetText("2026-12-01"); s.search() }, nil, func() { s.from.SetText(""); s.search() }},
	}
	for _, tc := range tests {
		tc.set()
		got := listTitles(s)
		slices.Sort(got)
		slices.Sort(tc.want)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
		tc.reset()
	}
	s.from.SetText("2026-13-40")
	s.search()
	if !s.message.Visible() || !strings.Contains(s.message.Text, "2026-13-40") {
		t.Errorf("a bad date is not explained: %q", s.message.Text)
	}
}

func TestDraftsListMarkup(t *testing.T) {
	u := draftsUI(t, "author")
	s := newDraftsScreen(u)
	u.win.SetContent(s.stack)
	test.AssertRendersToMarkup(t, "drafts_author.xml", u.win.Canvas())
}

func TestDraftsListPages(t *testing.T) {
	u := draftsUI(t, "author")
	channels, _ := u.ws.Drafts.Channels(u.ctx())
	for i := range 45 {
		_, err := u.ws.Drafts.Create(u.ctx(), u.sess, drafts.NewDraft{Title: fmt.Sprintf("批量稿件%02d", i), ChannelID: channels[0].ID,
			Grade: "A", Kind: drafts.Original, File: drafts.Source{Data: []byte("今天天气晴。")}})
		if err != nil {
			t.Fatal(err)
		}
	}
	s := newDraftsScreen(u)
	u.win.SetContent(s.stack)
	if len(s.rows) != drafts.DefaultLimit || s.total != 55 || s.rows[0].Title != "批量稿件44" {
		t.Fatalf("first page: %d rows of %d, first %q", len(s.rows), s.total, s.rows[0].Title)
	}
	if s.prev.Disabled() == false || s.next.Disabled() {
		t.Error("paging buttons on the first page")
	}
	test.Tap(s.next)
	if len(s.rows) != 5 || s.pageInfo.Text != i18n.L("audit.page", map[string]any{"From": 51, "To": 55, "Total": 55}) {
		t.Errorf("second page: %d rows, %q", len(s.rows), s.pageInfo.Text)
	}
	s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if s.draft == nil || s.draft.d.ID != s.rows[0].ID {
		t.Fatal("a row does not open its draft")
	}
}

// newDraft fills the 新建稿件 dialog's fields.
type newDraftInput struct {
	title, channel, grade, kind, name, srcTitle, url, planned, text string
}

func fillNewDraft(f *newDraftForm, in newDraftInput) {
	f.title.SetText(in.title)
	if in.channel != "" {
		f.channel.SetSelectedIndex(0)
	}
	if in.grade != "" {
		for i, o := range f.grade.Options {
			if strings.HasPrefix(o, in.grade+" ") {
				f.grade.SetSelectedIndex(i)
			}
		}
	}
	if in.kind != "" {
		f.kind.SetSelected(in.kind)
	}
	f.srcName.SetText(in.name)
	f.srcTitle.SetText(in.srcTitle)
	f.srcURL.SetText(in.url)
	f.planned.SetText(in.planned)
	f.source.paste.SetText(in.text)
}

func TestNewDraftRefusesWhatIsMissing(t *testing.T) {
	u := draftsUI(t, "author")
	full := newDraftInput{title: "停水通知", channel: "x", grade: "A", text: "本周六上午九点至下午五点停水。"}
	missing := func(field string) string {
		return i18n.L("draft.missing", map[string]any{"Field": i18n.L(field)})
	}
	tests := []struct {
		name string
		edit func(in *newDraftInput)
		want string
	}{
		{"no title", func(in *newDraftInput) { in.title = " " }, missing("draft.field_title")},
		{"no channel", func(in *newDraftInput) { in.channel = "" }, missing("draft.field_channel")},
		{"no grade", func(in *newDraftInput) { in.grade = "" }, missing("draft.field_grade")},
		{"repost without its link", func(in *newDraftInput) {
			in.kind, in.name, in.srcTitle = draftKindLabel(drafts.Repost), "新华社", "原标题"
		}, i18n.L("draft.repost_source")},
		{"bad time", func(in *newDraftInput) { in.planned = "明天上午" },
			i18n.L("error.bad_time", map[string]any{"Value": "明天上午"})},
		{"no text", func(in *newDraftInput) { in.text = "" }, i18n.L("draft.need_text")},
		{"only blanks", func(in *newDraftInput) { in.text = " \n " }, i18n.L("draft.need_text")},
	}
	for _, tc := range tests {
		in := full
		tc.edit(&in)
		f := u.newDraftDialog(func(int64) { t.Errorf("%s: created", tc.name) })
		fillNewDraft(f, in)
		test.Tap(f.dialog.ok)
		if !f.dialog.message.Visible() || f.dialog.message.Text != tc.want {
			t.Errorf("%s: says %q, want %q", tc.name, f.dialog.message.Text, tc.want)
		}
		f.dialog.d.Hide()
	}
}

func TestNewDraftCreatesAndOpens(t *testing.T) {
	u := draftsUI(t, "author")
	s := newDraftsScreen(u)
	u.win.SetContent(s.stack)
	test.Tap(button(t, u, i18n.L("drafts.new")))
	form := s.form
	fillNewDraft(form, newDraftInput{title: "转载：全国防汛工作会议召开", channel: "x", grade: "B",
		kind: draftKindLabel(drafts.Repost), name: "新华社", srcTitle: "全国防汛工作会议召开", url: "https://www.news.cn/a.html",
		planned: "2030-06-01 08:30", text: "会议要求，各地要压实防汛责任。\n请按装好设备。"})
	test.Tap(form.dialog.ok)
	if form.dialog.message.Visible() {
		t.Fatalf("refused: %s", form.dialog.message.Text)
	}
	if s.draft == nil {
		t.Fatal("the new draft's page did not open")
	}
	d := s.draft.d
	if d.Kind != drafts.Repost || d.Source.URL != "https://www.news.cn/a.html" || d.Grade != "B" || d.Status != drafts.Editing ||
		d.PlannedAt.Local().Format(minuteLayout) != "2030-06-01 08:30" {
		t.Errorf("created %+v", d)
	}
	if len(s.draft.version.Check.Findings) == 0 {
		t.Error("the new version was not checked")
	}
	if want := []string{i18n.L("draft.submit"), i18n.L("draft.revise")}; !slices.Equal(actionButtons(s.draft), want) {
		t.Errorf("actions %q, want %q", actionButtons(s.draft), want)
	}
	if u.navLabel("inbox") != i18n.L("nav.inbox_count", map[string]any{"Count": 4}) {
		t.Errorf("the inbox count did not follow: %q", u.navLabel("inbox"))
	}
}
