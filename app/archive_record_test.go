package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
)

// openRecord shows the record of the demo draft titled title.
func openRecord(t *testing.T, s *archiveScreen, title string) *recordPage {
	t.Helper()
	for _, h := range s.search.result.Hits {
		if h.Title == title {
			s.open(itoa(h.ID))
			if s.record.r == nil {
				t.Fatalf("record %d: %s", h.ID, s.record.message.Text)
			}
			return s.record
		}
	}
	t.Fatalf("no record of %q", title)
	return nil
}

func TestArchiveRecordMarkup(t *testing.T) {
	u, s := archiveUI(t, "approver3")
	openRecord(t, s, demoApproved)
	test.AssertRendersToMarkup(t, "archive_record_approver3.xml", u.win.Canvas())
}

// Every sign-off of a demo record carries a verified mark; the page's back
// button returns to the search.
func TestArchiveRecordApprovals(t *testing.T) {
	u, s := archiveUI(t, "approver3")
	p := openRecord(t, s, demoApproved)
	n := len(p.r.Manifest.SignOffs)
	if n < 3 {
		t.Fatalf("the record has %d sign-offs", n)
	}
	p.tabs.SelectIndex(recordTabApprovals)
	verified := 0
	findIn(t, p.tabs.Items[recordTabApprovals].Content, func(l *widget.Label) bool {
		if l.Text == L("archive.so_verified") {
			verified++
		}
		return false
	})
	if verified != n {
		t.Errorf("%d of %d sign-offs shown verified", verified, n)
	}
	label(t, u, count("archive.mark_signoffs", n))
	test.Tap(button(t, u, L("draft.back")))
	if s.record != nil || s.stack.Objects[0] != s.main {
		t.Error("back does not return to the tabs")
	}
}

// A sign-off whose manifest entry differs from what was signed is shown
// failed on the 审批 tab, naming the problem, and counted in the marks.
func TestArchiveRecordShowsBadSignOff(t *testing.T) {
	u, s := archiveUI(t, "approver3")
	p := openRecord(t, s, demoApproved)
	p.r.Manifest.SignOffs[1].Opinion += "。" // as a manifest edited after sealing would read
	p.marks = p.verify()
	p.showMarks()
	tab := p.approvalsTab()
	want := i18n.L("draft.so_failed", map[string]any{"Problem": i18n.L("verify.problem." + string(drafts.RecordChanged))})
	if findIn(t, tab, func(l *widget.Label) bool { return l.Text == want }) == nil {
		t.Errorf("the changed sign-off is not shown failed with %q", want)
	}
	verified := 0
	findIn(t, tab, func(l *widget.Label) bool {
		if l.Text == L("archive.so_verified") {
			verified++
		}
		return false
	})
	if verified != len(p.r.Manifest.SignOffs)-1 {
		t.Errorf("%d sign-offs shown verified, want all but the changed one", verified)
	}
	label(t, u, count("archive.mark_signoffs_bad", 1))
}
