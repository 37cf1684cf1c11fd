package app

import (
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"shenfa/archive/rescan"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

// rescanWord is a word of the first demo record's text that no lexicon
// flags: once secadmin adds it, a re-scan must list that record.
const rescanWord = "政务服务大厅"

// addWord has secadmin add word to the first enabled lexicon as a block entry.
func addWord(t *testing.T, u *ui, word string) {
	t.Helper()
	infos, err := u.ws.Lexicons.List(u.ctx())
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range infos {
		if i.Enabled {
			e := lexicon.Entry{Word: word, Category: finding.Sensitive, Severity: finding.Block, Note: "回头看测试"}
			if err := u.ws.Lexicons.PutEntry(u.ctx(), session(t, u, "secadmin"), i.Name, "", e); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatal("no enabled lexicon")
}

func TestRescanListsRecordWithNewWord(t *testing.T) {
	u := sealedUI(t, "archivist")
	var spring int64 // the record whose text has 政务服务大厅
	if err := u.ws.DB.SQL.QueryRow(`SELECT id FROM records WHERE title LIKE '%春节%'`).Scan(&spring); err != nil {
		t.Fatal(err)
	}
	ids := []int64{spring}
	var opened []int64
	r := newRescanTab(u, func(id int64) { opened = append(opened, id) })
	if r.head.Text != L("archive_rescan.none") || r.run.Disabled() {
		t.Fatalf("a fresh archive: head %q, run disabled %v", r.head.Text, r.run.Disabled())
	}
	r.start() // the lexicons as shipped: nothing new in the demo records
	if r.current == nil || r.current.Checked != 2 || len(r.current.Results) != 0 {
		t.Fatalf("first re-scan: %+v (%s)", r.current, r.message.Text)
	}
	addWord(t, u, rescanWord)
	r.start()
	if r.current == nil || len(r.current.Results) != 1 || r.current.Results[0].RecordID != ids[0] || r.current.Block == 0 {
		t.Fatalf("after adding %s: %+v (%s)", rescanWord, r.current, r.message.Text)
	}
	if len(r.reports) != 2 || r.reports[0].ID != r.current.ID {
		t.Errorf("stored reports %+v, want the new one first of two", r.reports)
	}
	r.results.Select(0)
	if len(opened) != 1 || opened[0] != ids[0] {
		t.Errorf("tapping the flagged record opened %v, want [%d]", opened, ids[0])
	}
	r.list.Select(1) // the older report: nothing flagged
	if r.current.ID != r.reports[1].ID || r.resultCount() != 0 {
		t.Errorf("selecting the older report shows report %d with %d results", r.current.ID, r.resultCount())
	}
}

func TestRescanMarkup(t *testing.T) {
	u := sealedUI(t, "archivist")
	// One lexicon, the template shipped for the unit's own words: the
	// master does not change whenever the default lexicons get a version.
	infos, err := u.ws.Lexicons.List(u.ctx())
	if err != nil {
		t.Fatal(err)
	}
	sec := session(t, u, "secadmin")
	for _, i := range infos {
		if err := u.ws.Lexicons.SetEnabled(u.ctx(), sec, i.Name, i.Name == "敏感词示例（本单位词库模板）"); err != nil {
			t.Fatal(err)
		}
	}
	addWord(t, u, rescanWord)
	r := newRescanTab(u, nil)
	showTab(u, container.NewTabItem(L("archive_rescan.tab"), r.object()))
	r.start()
	test.AssertRendersToMarkup(t, "archive_rescan_archivist.xml", u.win.Canvas())
}

func TestRescanCancelStoresNothing(t *testing.T) {
	u := sealedUI(t, "archivist")
	addWord(t, u, rescanWord)
	r := newRescanTab(u, nil)
	steps := 0
	r.progressed = func(done, total int) {
		steps++
		r.abort()
	}
	r.start()
	if steps == 0 || r.status.Text != L("archive_rescan.cancelled") {
		t.Fatalf("after cancel: %d steps, status %q", steps, r.status.Text)
	}
	rs, err := rescan.List(u.ctx(), u.ws.DB, u.sess)
	if err != nil || len(rs) != 0 || len(r.reports) != 0 {
		t.Errorf("a cancelled re-scan stored %d reports (%v); the tab lists %d", len(rs), err, len(r.reports))
	}
	if actionCount(t, u, rescan.ActionRescan) != 0 {
		t.Error("a cancelled re-scan was audited")
	}
	if r.run.Disabled() || !r.stop.Disabled() {
		t.Error("after cancel the buttons are not back to idle")
	}
}

func TestRescanReadOnlyForContentRoles(t *testing.T) {
	u := sealedUI(t, "author")
	r := newRescanTab(u, nil)
	if !r.run.Disabled() {
		t.Error("an author may start a re-scan")
	}
	r.start()
	if n, _ := rescan.List(u.ctx(), u.ws.DB, u.sess); len(n) != 0 {
		t.Error("an author's re-scan was stored")
	}
}
