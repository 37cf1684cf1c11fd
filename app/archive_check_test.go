package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/archive/check"
	"shenfa/review"
)

// sealedDemo is a demo workspace (two sealed records) whose drafts,
// certificates and records were made on a clock that ticks a second a call
// from demoStart, built once; each test works on a copy of its file.
var sealedDemo = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "shenfa-app-archive-")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "ws.db")
	w, err := review.Open(path, cheap)
	if err != nil {
		return "", err
	}
	defer w.Close()
	var mu sync.Mutex
	tick := demoStart
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		tick = tick.Add(time.Second)
		return tick
	}
	w.Drafts.WithClock(clock)
	w.Archive.WithClock(clock)
	w.PKI.WithClock(clock)
	return path, w.SetupDemo(context.Background(), review.WithoutHistory()) // the records, not the statistics' history
})

// sealedUI starts the interface on a copy of sealedDemo with name signed
// in; reports are dated at a fixed time.
func sealedUI(t testing.TB, name string) *ui {
	t.Helper()
	cst.Do(func() { time.Local = time.FixedZone("CST", 8*3600) })
	archiveClock = func() time.Time { return time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { archiveClock = time.Now })
	src, err := sealedDemo()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ws.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	u := newUI(a, path, cheap)
	a.Settings().SetTheme(variantTheme{Theme: newTheme(), variant: 0}) // dark, as golden files expect
	u.win.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(u.close)
	signInAs(t, u, name, passwordOf(name))
	eventually(t, "sign-in of "+name, func() bool { return u.sess != nil })
	return u
}

// recordIDs are the workspace's records, oldest first.
func recordIDs(t testing.TB, u *ui) []int64 {
	t.Helper()
	rows, err := u.ws.DB.SQL.Query(`SELECT id FROM records ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if len(ids) != 2 {
		t.Fatalf("the demo has %d records, want 2", len(ids))
	}
	return ids
}

// actionCount counts the audit rows of an action.
func actionCount(t testing.TB, u *ui, action string) int {
	t.Helper()
	var n int
	if err := u.ws.DB.SQL.QueryRow(`SELECT count(*) FROM audit WHERE action = ?`, action).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// missingTools stands in for a machine without qpdf and poppler: those
// items say 未检查, the same on every machine.
type missingTools struct{}

func (missingTools) Run(context.Context, string, ...string) check.ToolResult {
	return check.ToolResult{Code: -1}
}

// showTab puts a tab alone on the window, as the 归档 screen shows it.
func showTab(u *ui, tab *container.TabItem) {
	u.win.SetContent(container.NewAppTabs(tab))
}

func TestArchiveCheckMarkup(t *testing.T) {
	u := sealedUI(t, "archivist")
	c := newCheckTab(u, nil)
	c.tools = missingTools{}
	showTab(u, container.NewTabItem(L("archive_check.tab"), c.object()))
	c.start()
	if c.report == nil {
		t.Fatalf("no report: %s", c.message.Text)
	}
	test.AssertRendersToMarkup(t, "archive_check_archivist.xml", u.win.Canvas())
}

func TestArchiveCheckOfDemoPasses(t *testing.T) {
	u := sealedUI(t, "archivist")
	if _, err := u.ws.Backup(u.ctx(), session(t, u, "sysadmin"), filepath.Join(t.TempDir(), "backup.db")); err != nil {
		t.Fatal(err)
	}
	var opened []int64
	c := newCheckTab(u, func(id int64) { opened = append(opened, id) })
	before := actionCount(t, u, check.ActionVerify)
	c.start()
	rep := c.report
	if rep == nil {
		t.Fatalf("no report: %s", c.message.Text)
	}
	if len(rep.Records) != 2 || rep.Counts[check.Fail] != 0 || rep.Counts[check.Warn] != 0 {
		for _, r := range rep.Records {
			for _, it := range r.Items {
				if it.Status != check.Pass {
					t.Logf("%s %s: %s %s", r.Code, it.Name, it.Status, it.Detail)
				}
			}
		}
		t.Fatalf("demo archive: %d records, counts %v", len(rep.Records), rep.Counts)
	}
	if !strings.HasPrefix(c.summary.Text, "结论："+L("archive_check.status."+string(rep.Status))) || rep.Status == check.Fail {
		t.Errorf("summary %q for status %s", c.summary.Text, rep.Status)
	}
	if got := actionCount(t, u, check.ActionVerify); got != before+1 {
		t.Errorf("verification audit rows %d → %d, want one more", before, got)
	}
	if c.saveJSON.Disabled() || c.savePDF.Disabled() || !c.stop.Disabled() || c.run.Disabled() {
		t.Errorf("after the run: save %v/%v stop %v run %v", c.saveJSON.Disabled(), c.savePDF.Disabled(), c.stop.Disabled(), c.run.Disabled())
	}
	ids := recordIDs(t, u)
	c.records.Select(1)
	if len(opened) != 1 || opened[0] != ids[1] {
		t.Errorf("tapping the second record's row opened %v, want [%d]", opened, ids[1])
	}
}

func TestArchiveCheckFindsProblems(t *testing.T) {
	u := sealedUI(t, "archivist")
	ids := recordIDs(t, u)
	var opened []int64
	c := newCheckTab(u, func(id int64) { opened = append(opened, id) })
	c.tools = missingTools{}
	c.start()
	// No backup was made: 安全性 fails for the workspace, and the tools
	// missing here leave their items 未检查, never passed.
	if c.report == nil || c.report.Status != check.Fail || c.report.Counts[check.Skipped] == 0 {
		t.Fatalf("report %+v", c.report)
	}
	if c.summary.Importance != widget.DangerImportance || !strings.Contains(c.summary.Text, "不通过的检测项：安全性·备份及时且经核验") {
		t.Errorf("a failed verification's summary (importance %v) does not say why: %q", c.summary.Importance, c.summary.Text)
	}
	// Each record where an item was not checked is listed under it by its 档号,
	// which opens the record.
	b := findIn(t, c.items, func(b *widget.Button) bool { return b.Text == c.report.Records[1].Code })
	if b == nil {
		t.Fatal("no button opens the second record")
	}
	test.Tap(b)
	if len(opened) != 1 || opened[0] != ids[1] {
		t.Errorf("opened %v, want [%d]", opened, ids[1])
	}
	for _, key := range []string{"authenticity", "integrity", "usability", "security"} {
		if findIn(t, c.items, func(l *widget.Label) bool { return l.Text == L("archive_check.property."+key) }) == nil {
			t.Errorf("the report has no %s heading", key)
		}
	}
}

func TestArchiveCheckOneRecord(t *testing.T) {
	u := sealedUI(t, "author") // a content role reads the archive and may verify it
	c := newCheckTab(u, nil)
	c.tools = missingTools{}
	var want string
	if err := u.ws.DB.SQL.QueryRow(`SELECT code FROM records ORDER BY id LIMIT 1`).Scan(&want); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		scope   string
		records int
		message bool
	}{{want, 1, false}, {"Z001-WS·1999-Y-0001", 0, true}, {"", 2, false}} {
		c.report = nil
		c.scope.SetText(tc.scope)
		c.start()
		switch {
		case tc.message != c.message.Visible():
			t.Errorf("scope %q: message shown %v (%q)", tc.scope, c.message.Visible(), c.message.Text)
		case tc.records == 0 && c.report != nil:
			t.Errorf("scope %q: a report", tc.scope)
		case tc.records > 0 && (c.report == nil || len(c.report.Records) != tc.records):
			t.Errorf("scope %q: report %+v", tc.scope, c.report)
		}
	}
	if c.run.Disabled() {
		t.Error("the run button stays disabled")
	}
}

func TestArchiveCheckCancelRecordsNothing(t *testing.T) {
	u := sealedUI(t, "archivist")
	c := newCheckTab(u, nil)
	c.tools = missingTools{}
	before := actionCount(t, u, check.ActionVerify)
	steps := 0
	c.progressed = func(done, total int) {
		steps++
		if done == 1 {
			c.abort()
		}
	}
	c.start()
	if steps == 0 || c.report != nil || c.summary.Text != L("archive_check.cancelled") {
		t.Fatalf("after cancel: %d steps, report %v, summary %q", steps, c.report != nil, c.summary.Text)
	}
	if got := actionCount(t, u, check.ActionVerify); got != before {
		t.Errorf("a cancelled verification was audited (%d → %d)", before, got)
	}
	if c.run.Disabled() || !c.stop.Disabled() || !c.saveJSON.Disabled() {
		t.Error("after cancel the buttons are not back to idle")
	}
}

func TestArchiveCheckReportFiles(t *testing.T) {
	u := sealedUI(t, "archivist")
	c := newCheckTab(u, nil)
	c.tools = missingTools{}
	c.start()
	js, err := reportBytes(c.report, "json")
	if err != nil {
		t.Fatal(err)
	}
	var back check.Report
	if err := json.Unmarshal(js, &back); err != nil || len(back.Records) != 2 || back.Status != c.report.Status {
		t.Errorf("JSON report: %v, %d records, status %s", err, len(back.Records), back.Status)
	}
	pdf, err := reportBytes(c.report, "pdf")
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF-") {
		t.Errorf("PDF report: %v, starts %q", err, pdf[:min(8, len(pdf))])
	}
}
