package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
)

// inboxTitles lists the inbox's rows: headings as "# key", tasks by title.
func inboxTitles(s *inboxScreen) []string {
	var out []string
	for _, r := range s.rows {
		if r.task == nil {
			out = append(out, "# "+r.group)
		} else {
			out = append(out, r.task.Draft.Title)
		}
	}
	return out
}

func TestInboxShowsWhatWaitsUnderEachRole(t *testing.T) {
	tests := []struct {
		user string
		want []string
	}{
		{"author", []string{"# revise", demoReturned, "# publish", demoApproved, "# submit", demoEditing}},
		{"approver1", []string{"# tier1", demoTier1}},
		{"approver2", []string{"# tier2", demoTier2}},
		{"approver3", []string{"# tier3", demoTier3}},
		{"secrecy", []string{"# secrecy", demoSecrecy, "# answer", demoHeld}},
	}
	for _, tc := range tests {
		t.Run(tc.user, func(t *testing.T) {
			u := draftsUI(t, tc.user)
			s := newInboxScreen(u)
			if got := inboxTitles(s); strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("rows %q, want %q", got, tc.want)
			}
			tasks := len(tc.want) - strings.Count(strings.Join(tc.want, "|"), "# ")
			if want := i18n.L("nav.inbox_count", map[string]any{"Count": tasks}); u.navLabel("inbox") != want {
				t.Errorf("navigation says %q, want %q", u.navLabel("inbox"), want)
			}
		})
	}
}

func TestInboxMarkup(t *testing.T) {
	u := draftsUI(t, "author")
	s := newInboxScreen(u)
	u.win.SetContent(s.stack)
	test.AssertRendersToMarkup(t, "inbox_author.xml", u.win.Canvas())
}

// An overdue draft comes first, marked, and the navigation counts it.
func TestInboxPutsOverdueFirst(t *testing.T) {
	u := draftsUI(t, "approver1")
	author := session(t, u, "author")
	channels, _ := u.ws.Drafts.Channels(u.ctx())
	id, err := u.ws.Drafts.Create(u.ctx(), author, drafts.NewDraft{Title: "逾期的通知", ChannelID: channels[0].ID, Grade: "A",
		Kind: drafts.Original, PlannedAt: time.Now().Add(-time.Hour), File: drafts.Source{Data: []byte("本周六上午九点停水。")}})
	if err != nil {
		t.Fatal(err)
	}
	if err := u.ws.Drafts.Submit(u.ctx(), author, id, 1); err != nil {
		t.Fatal(err)
	}
	s := newInboxScreen(u)
	if got := inboxTitles(s); strings.Join(got, "|") != "# overdue|逾期的通知|# tier1|"+demoTier1 {
		t.Fatalf("rows %q", got)
	}
	u.win.SetContent(s.stack)
	if !strings.Contains(s.summary.Text, "1 件已过拟发布时间") {
		t.Errorf("summary %q", s.summary.Text)
	}
	if want := i18n.L("nav.inbox_overdue", map[string]any{"Count": 2, "Overdue": "1"}); u.navLabel("inbox") != want {
		t.Errorf("navigation says %q, want %q", u.navLabel("inbox"), want)
	}
	mark := label(t, u, i18n.L("inbox.overdue_mark")+" · "+i18n.L("inbox.why.sign", map[string]any{"Step": "初审"}))
	if mark == nil || mark.Importance != widget.WarningImportance {
		t.Fatalf("the overdue row is not marked in the colour of warnings: %+v", mark)
	}
}

// A row opens the draft page; its back button returns to a fresh inbox.
func TestInboxOpensDraftAndComesBack(t *testing.T) {
	u := draftsUI(t, "approver1")
	s := newInboxScreen(u)
	u.win.SetContent(s.stack)
	s.list.Select(s.taskIndex(1))
	if s.draft == nil || s.draft.d.Title != demoTier1 {
		t.Fatalf("the row did not open its draft")
	}
	if b := button(t, u, i18n.L("draft.sign")); b == nil {
		t.Fatal("the approver's draft page offers no 签署")
	}
	test.Tap(button(t, u, i18n.L("draft.back")))
	if s.draft != nil || len(s.stack.Objects) != 1 || s.stack.Objects[0] != s.main {
		t.Fatal("back did not return to the inbox")
	}
}
