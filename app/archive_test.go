package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/archive/search"
	"shenfa/review"
)

// sealedAt is when the demo's records are sealed in these tests.
var sealedAt = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

// archiveUI is draftsUI for the 归档 screen: the demo history on a fixed
// clock, its records sealed at sealedAt (none with review.WithoutRecords),
// name signed in and the screen on view.
func archiveUI(t testing.TB, name string, opts ...review.DemoOption) (*ui, *archiveScreen) {
	t.Helper()
	cst.Do(func() { time.Local = time.FixedZone("CST", 8*3600) })
	path := filepath.Join(t.TempDir(), "ws.db")
	w, err := review.Open(path, cheap)
	if err != nil {
		t.Fatal(err)
	}
	tick := demoStart
	w.Drafts.WithClock(func() time.Time { tick = tick.Add(time.Second); return tick })
	seal := sealedAt
	w.Archive.WithClock(func() time.Time { seal = seal.Add(time.Minute); return seal })
	// the queue tests count the demo's own approved drafts, not the year of
	// history behind the statistics (which is published but never sealed)
	if err := w.SetupDemo(context.Background(), append(opts, review.WithoutHistory())...); err != nil {
		t.Fatal(err)
	}
	if _, err := w.DB.SQL.Exec(`UPDATE drafts SET planned_at = '2030-01-01T01:00:00Z'`); err != nil {
		t.Fatal(err)
	}
	w.Close()
	a := test.NewTempApp(t)
	u := newUI(a, path, cheap)
	a.Settings().SetTheme(variantTheme{Theme: newTheme(), variant: 0}) // dark, as golden files expect
	u.win.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(u.close)
	signInAs(t, u, name, passwordOf(name))
	eventually(t, "sign-in of "+name, func() bool { return u.sess != nil })
	s := newArchiveScreen(u)
	u.win.SetContent(s.stack)
	return u, s
}

// tabTitles lists the screen's tabs.
func tabTitles(s *archiveScreen) []string {
	var out []string
	for _, it := range s.tabs.Items {
		out = append(out, it.Text)
	}
	return out
}

// Archivists get the queue; content roles read the archive only.
func TestArchiveTabsByRole(t *testing.T) {
	for _, tc := range []struct {
		user  string
		queue bool
	}{{"archivist", true}, {"approver3", false}, {"author", false}} {
		_, s := archiveUI(t, tc.user)
		got := tabTitles(s)
		if slices.Contains(got, L("archive.tab_queue")) != tc.queue || !slices.Contains(got, L("archive.tab_search")) {
			t.Errorf("%s sees tabs %q: queue should be there %v, search always", tc.user, got, tc.queue)
		}
	}
}

func TestArchiveQueueMarkup(t *testing.T) {
	u, s := archiveUI(t, "archivist", review.WithoutRecords())
	if len(s.queue.rows) != 2 {
		t.Fatalf("queue has %d drafts, want the approved and the published one", len(s.queue.rows))
	}
	test.AssertRendersToMarkup(t, "archive_queue_archivist.xml", u.win.Canvas())
}

// sealButton is the 封存 button of the queue row of the draft titled title.
func sealButton(t *testing.T, s *archiveScreen, title string) {
	t.Helper()
	for _, r := range s.queue.rows {
		if r.d.Title == title {
			s.queue.sealDialog(r.d)
			return
		}
	}
	t.Fatalf("%q is not in the queue", title)
}

// Sealing from the queue takes the draft off the queue and shows its record.
func TestArchiveSealFromQueue(t *testing.T) {
	u, s := archiveUI(t, "archivist", review.WithoutRecords())
	sealButton(t, s, demoApproved)
	d := s.queue.seal
	test.Type(d.password, passwordOf("archivist"))
	tapOverlayButton(t, u, L("archive.seal"))
	if s.record == nil || s.record.r == nil {
		t.Fatalf("no record shown after sealing; message %q", d.message.Text)
	}
	if s.record.r.Title != demoApproved || s.record.r.Code == "" {
		t.Errorf("record %q %q shown, want the one of %q", s.record.r.Code, s.record.r.Title, demoApproved)
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("the seal dialog stays open")
	}
	label(t, u, i18n.L("archive.record_heading", map[string]any{"Code": s.record.r.Code, "Title": demoApproved}))
	if slices.ContainsFunc(s.queue.rows, func(r queueRow) bool { return r.d.Title == demoApproved }) || len(s.queue.rows) != 1 {
		t.Errorf("queue after sealing: %d drafts, the sealed one still there or the other gone", len(s.queue.rows))
	}
	marks := s.record.marks
	if !marks.text || !marks.pdf || marks.chainBad != 0 || len(marks.signOffs) == 0 {
		t.Errorf("a freshly sealed record does not verify: %+v", marks)
	}
	for seq, v := range marks.signOffs {
		if !v.OK() {
			t.Errorf("sign-off %d of a fresh record does not verify: %+v", seq, v)
		}
	}
}

// A wrong password says so in the dialog and seals nothing.
func TestArchiveSealWrongPassword(t *testing.T) {
	u, s := archiveUI(t, "archivist", review.WithoutRecords())
	sealButton(t, s, demoApproved)
	d := s.queue.seal
	test.Type(d.password, "Wrong@2026x")
	tapOverlayButton(t, u, L("archive.seal"))
	if !d.message.Visible() || d.message.Text != L("archive.wrong_password") {
		t.Errorf("message %q (shown %v), want %q", d.message.Text, d.message.Visible(), L("archive.wrong_password"))
	}
	if s.record != nil {
		t.Error("a record page opened after a wrong password")
	}
	res, err := u.ws.Archive.Search(u.ctx(), u.sess, search.Query{})
	if err != nil || res.Total != 0 {
		t.Errorf("%d records after a wrong password (%v)", res.Total, err)
	}
	if len(s.queue.rows) != 2 {
		t.Errorf("queue has %d drafts after a refused seal, want 2", len(s.queue.rows))
	}
}

// The queue says why a draft the archive refuses cannot be sealed, and
// offers no 封存 for it.
func TestArchiveQueueSaysWhy(t *testing.T) {
	u, s := archiveUI(t, "archivist", review.WithoutRecords())
	i := slices.IndexFunc(s.queue.rows, func(r queueRow) bool { return r.d.Title == demoDone })
	if i < 0 {
		t.Fatalf("%q is not in the queue", demoDone)
	}
	id := s.queue.rows[i].d.ID
	if _, err := u.ws.DB.SQL.Exec(`DROP TRIGGER signoffs_no_update`); err != nil {
		t.Fatal(err)
	}
	if _, err := u.ws.DB.SQL.Exec(`UPDATE signoffs SET opinion = opinion || '。' WHERE draft_id = ?`, id); err != nil {
		t.Fatal(err)
	}
	s.queue.load()
	i = slices.IndexFunc(s.queue.rows, func(r queueRow) bool { return r.d.ID == id })
	if i < 0 || s.queue.rows[i].why == nil {
		t.Fatalf("a draft whose sign-off was changed is not refused in the queue")
	}
	row := s.queue.newRow().(*fyne.Container)
	s.queue.fillRow(s.queue.rows[i], row)
	why := row.Objects[0].(*fyne.Container).Objects[2].(*widget.Label).Text
	want := i18n.L("archive.queue_refused", map[string]any{"Why": archiveMessage(s.queue.rows[i].why)})
	if why != want || why == i18n.L("archive.queue_refused", map[string]any{"Why": ""}) {
		t.Errorf("row says %q, want %q", why, want)
	}
	if !row.Objects[1].(*fyne.Container).Objects[0].(*widget.Button).Disabled() {
		t.Error("封存 is offered for a draft the archive refuses")
	}
}

func TestArchiveOpenPDF(t *testing.T) {
	_, s := archiveUI(t, "approver3")
	s.open("1")
	var opened string
	was := openWithViewer
	openWithViewer = func(path string) error { opened = path; return nil }
	t.Cleanup(func() { openWithViewer = was })
	s.record.openPDF()
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(opened)) })
	data, err := os.ReadFile(opened)
	if err != nil || string(data) != string(s.record.r.PDF) {
		t.Fatalf("the viewer got %s (%v), not the record's PDF", opened, err)
	}
	if filepath.Ext(opened) != ".pdf" {
		t.Errorf("the copy %s has no .pdf extension", opened)
	}
}
