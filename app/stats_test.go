package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/stats"
)

// The other screens' markup masters were recorded without the at-risk
// banner; TestStatsNoticeOnSignIn turns it on for itself.
func init() { atRiskNotice = false }

// statsNow is the fixed clock of the 统计 tests: Monday 2026-12-07, 10:00
// in Beijing.
var statsNow = time.Date(2026, 12, 7, 10, 0, 0, 0, stats.CST)

// statsPubs are the publications of the small workspace, in Beijing time,
// by channel. Against the 14-day rule on statsNow: 江城发布 published today
// (正常), @江城发布 12 days ago (即将超期: 2 days left), 江城政务服务 27 days
// ago (已超期), and 江城市人民政府网, added on 12-01, never (6 days, 正常).
// In 2026 there are 10 publications, 3 in December, 1 this week.
var statsPubs = []struct {
	channel, platform, created string
	days                       []string
}{
	{"江城发布", "微信公众号", "2025-01-01", []string{"2025-12-20 09:00", "2026-10-05 09:00", "2026-10-20 09:00",
		"2026-11-03 09:00", "2026-11-17 09:00", "2026-12-01 09:00", "2026-12-04 09:00", "2026-12-07 08:00"}},
	{"@江城发布", "微博", "2025-01-01", []string{"2026-11-11 09:00", "2026-11-25 09:00"}},
	{"江城政务服务", "抖音号", "2025-01-01", []string{"2026-11-10 09:00"}},
	{"江城市人民政府网", "政府网站", "2026-12-01", nil},
}

// statsUI is a small hand-made workspace (the accounts of the demo, the
// channels and publications of statsPubs, one draft approved this month)
// on the fixed clock, with name signed in.
func statsUI(t *testing.T, name string) *ui {
	t.Helper()
	cst.Do(func() { time.Local = time.FixedZone("CST", 8*3600) })
	old := statsClock
	statsClock = func() time.Time { return statsNow }
	t.Cleanup(func() { statsClock = old })
	path := filepath.Join(t.TempDir(), "ws.db")
	seedStats(t, path)
	a := test.NewTempApp(t)
	u := newUI(a, path, cheap)
	a.Settings().SetTheme(variantTheme{Theme: newTheme(), variant: 0}) // dark, as golden files expect
	u.win.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(u.close)
	signInAs(t, u, name, passwordOf(name))
	eventually(t, "sign-in of "+name, func() bool { return u.sess != nil })
	return u
}

func seedStats(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	w, err := review.Open(path, cheap)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var admins [3]account.NewUser
	for i := range admins {
		d := review.DemoAccounts[i]
		admins[i] = account.NewUser{Name: d.Name, FullName: d.FullName, Password: d.Password}
	}
	if err := w.Accounts.Setup(ctx, admins); err != nil {
		t.Fatal(err)
	}
	sys, err := w.Accounts.SignIn(ctx, "sysadmin", passwordOf("sysadmin"))
	if err != nil {
		t.Fatal(err)
	}
	sec, err := w.Accounts.SignIn(ctx, "secadmin", passwordOf("secadmin"))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, d := range review.DemoAccounts {
		if d.Role != account.Author && d.Role != account.Approver3 && d.Role != account.SecAdmin {
			continue
		}
		if d.Role != account.SecAdmin {
			id, err := w.Accounts.Create(ctx, sys, account.NewUser{Name: d.Name, FullName: d.FullName, Password: d.Password, KeepPassword: true})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Accounts.Grant(ctx, sec, id, d.Role); err != nil {
				t.Fatal(err)
			}
		}
	}
	db := w.DB.SQL
	exec := func(q string, args ...any) int64 {
		t.Helper()
		res, err := db.Exec(q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		id, _ := res.LastInsertId()
		return id
	}
	for _, n := range []string{"author", "approver3"} {
		var id int64
		if err := db.QueryRow(`SELECT id FROM users WHERE name = ?`, n).Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids[n] = id
	}
	var pol int64
	if err := db.QueryRow(`SELECT max(id) FROM policies`).Scan(&pol); err != nil {
		t.Fatal(err)
	}
	stamp := func(s string) string {
		at, err := time.ParseInLocation("2006-01-02 15:04", s, stats.CST)
		if err != nil {
			t.Fatal(err)
		}
		return at.UTC().Format(time.RFC3339)
	}
	draft := func(channel int64, status, published string) int64 {
		return exec(`INSERT INTO drafts(title, channel_id, grade, kind, author_id, status, policy_id, current_version,
			published_at, created_at, updated_at) VALUES('稿件', ?, 'A', 'original', ?, ?, ?, 1, ?, '2025-01-01T00:00:00Z',
			'2025-01-01T00:00:00Z')`, channel, ids["author"], status, pol, published)
	}
	var first int64
	for _, c := range statsPubs {
		ch := exec(`INSERT INTO channels(name, platform, unit, created_at) VALUES(?, ?, '江城市人民政府办公室', ?)`,
			c.channel, c.platform, stamp(c.created+" 00:00"))
		if first == 0 {
			first = ch
		}
		for _, d := range c.days {
			draft(ch, "published", stamp(d))
		}
	}
	// One draft of 江城发布 submitted on 12-02 09:00 with two typos in
	// 2,000 characters, approved at 终审 six hours later.
	d := draft(first, "review", "")
	exec(`INSERT INTO versions(draft_id, number, author_id, created_at, text, file, file_name, report, check_result,
		text_sm3, file_sm3) VALUES(?, 1, ?, '2026-12-02T01:00:00Z', 'text', x'00', 'a.txt', '{"format":"txt","chars":2000}',
		'{"findings":[{"start":1,"category":"typo","severity":"warn"},{"start":5,"category":"typo","severity":"warn"}]}', '', '')`,
		d, ids["author"])
	exec(`INSERT INTO draft_events(draft_id, round, version, kind, actor_id, step, at) VALUES(?, 1, 1, 'submit', ?, 'tier3', ?)`,
		d, ids["author"], stamp("2026-12-02 09:00"))
	exec(`UPDATE drafts SET round = 1 WHERE id = ?`, d)
	exec(`INSERT INTO signoffs(draft_id, seq, round, version, step, step_index, decision, opinion, signer_id, key_id,
		findings, statement, signature, statement_sm3, signed_at) VALUES(?, 1, 1, 1, 'tier3', 0, 'approve', '同意。', ?,
		(SELECT id FROM signing_keys WHERE user_id = ?), '{"findings":[]}', '', '', '', ?)`,
		d, ids["approver3"], ids["approver3"], stamp("2026-12-02 15:00"))
	exec(`UPDATE drafts SET status = 'approved' WHERE id = ?`, d)
}

// openStats shows the 统计 screen on the window.
func openStats(t *testing.T, u *ui) *statsScreen {
	t.Helper()
	s := newStatsScreen(u)
	u.win.SetContent(s.root)
	if s.loads != 1 {
		t.Fatalf("the screen loaded its figures %d times, want once", s.loads)
	}
	return s
}

func TestStatsMarkup(t *testing.T) {
	u := statsUI(t, "approver3")
	openStats(t, u)
	test.AssertRendersToMarkup(t, "stats_cadence_approver3.xml", u.win.Canvas())
}

func TestStatsWorkMarkup(t *testing.T) {
	u := statsUI(t, "approver3")
	s := openStats(t, u)
	s.tabs.SelectIndex(1)
	test.AssertRendersToMarkup(t, "stats_work_approver3.xml", u.win.Canvas())
}

// The channels at risk come first, overdue before soon, in their colours.
func TestStatsAtRiskFirst(t *testing.T) {
	u := statsUI(t, "approver3")
	s := openStats(t, u)
	var names []string
	for _, c := range s.data.Cadence.Channels {
		names = append(names, c.Channel.Name)
	}
	want := []string{"江城政务服务", "@江城发布"}
	if !slices.Equal(names[:2], want) {
		t.Fatalf("channels in the order %q, want %q first", names, want)
	}
	tests := []struct {
		channel string
		status  string
		imp     widget.Importance
		days    string
	}{
		{"江城政务服务", "已超期", widget.DangerImportance, "已 27 天未发布"},
		{"@江城发布", "即将超期", widget.WarningImportance, "已 12 天未发布"},
		{"江城市人民政府网", "正常", widget.SuccessImportance, "已 6 天未发布"},
		{"江城发布", "正常", widget.SuccessImportance, "已 0 天未发布"},
	}
	rows := s.cadence.Objects[1:] // after the intro: a row and a separator per channel
	for i, tc := range tests {
		row := rows[2*i]
		status := findIn(t, row, func(l *widget.Label) bool { return l.Text == tc.status })
		if status == nil || status.Importance != tc.imp {
			t.Errorf("row %d (%s): no status %q in importance %v", i, tc.channel, tc.status, tc.imp)
		}
		if findIn(t, row, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, tc.channel+"（") }) == nil {
			t.Errorf("row %d is not %s", i, tc.channel)
		}
		if findIn(t, row, func(l *widget.Label) bool { return strings.Contains(l.Text, tc.days) }) == nil {
			t.Errorf("row %d (%s) does not say %q", i, tc.channel, tc.days)
		}
	}
}

// The heat strip has a cell per week and says its exact numbers on hover
// and in its summary line.
func TestStatsHeatStrip(t *testing.T) {
	u := statsUI(t, "approver3")
	s := openStats(t, u)
	row := s.cadence.Objects[7] // 江城发布, the last channel (most days left)
	var cells []*cell
	findIn(t, row, func(c *cell) bool { cells = append(cells, c); return false })
	if len(cells) != stats.TimelineWeeks {
		t.Fatalf("%d cells, want %d weeks", len(cells), stats.TimelineWeeks)
	}
	// 2025-12-20 is in the first of the 52 weeks (from 2025-12-15): 8
	// publications in all.
	summary := findIn(t, row, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "近 52 周共发布 8 篇") })
	if summary == nil {
		t.Fatal("the summary does not count the 8 publications of the last 52 weeks")
	}
	total := summary.Text
	last := cells[len(cells)-1]
	last.MouseIn(nil)
	if summary.Text != "2026-12-07 至 2026-12-13：发布 1 篇" {
		t.Errorf("hovering this week shows %q", summary.Text)
	}
	last.MouseOut()
	if summary.Text != total {
		t.Errorf("leaving the strip shows %q, want the summary back", summary.Text)
	}
	if cells[len(cells)-2].strength != 1 { // the week of 11-30: 12-01 and 12-04, the busiest
		t.Errorf("the busiest week has strength %v", cells[len(cells)-2].strength)
	}
}

// Choosing another period reloads the figures for it.
func TestStatsPeriodReloads(t *testing.T) {
	u := statsUI(t, "approver3")
	s := openStats(t, u)
	tests := []struct {
		index     int
		published int
		from, to  string
	}{
		{2, 10, "2026-01-01", "2026-12-31"}, // 本年
		{0, 1, "2026-12-07", "2026-12-13"},  // 本周
		{1, 3, "2026-12-01", "2026-12-31"},  // 本月
	}
	for i, tc := range tests {
		s.period.SetSelectedIndex(tc.index)
		if s.loads != i+2 {
			t.Fatalf("%s: loaded %d times, want %d", s.period.Selected, s.loads, i+2)
		}
		w := s.data.Workload
		if w.Total.Published != tc.published || w.Period.From.String() != tc.from || w.Period.To.String() != tc.to {
			t.Errorf("%s: %d published in %s – %s, want %d in %s – %s", s.period.Selected, w.Total.Published,
				w.Period.From, w.Period.To, tc.published, tc.from, tc.to)
		}
		want := fmt.Sprintf("统计期间：%s 至 %s（北京时间）", tc.from, tc.to)
		if s.shown.Text != want {
			t.Errorf("the screen says %q, want %q", s.shown.Text, want)
		}
	}
	// A custom range, and one that ends before it starts.
	s.period.SetSelectedIndex(3)
	s.from.SetText("2026-11-01")
	s.to.SetText("2026-11-30")
	s.reload()
	if got := s.data.Workload.Total.Published; got != 5 { // 11-03, 11-17, 11-11, 11-25, 11-10
		t.Errorf("November: %d published, want 5", got)
	}
	s.to.SetText("2026-10-01")
	loads := s.loads
	s.reload()
	if s.loads != loads || !s.message.Visible() || !strings.Contains(s.message.Text, "早于") {
		t.Errorf("a backwards range is not refused in words: %q", s.message.Text)
	}
}

// The channel filter narrows the workload to one channel.
func TestStatsChannelFilter(t *testing.T) {
	u := statsUI(t, "approver3")
	s := openStats(t, u)
	s.period.SetSelectedIndex(2)
	s.channel.SetSelected("@江城发布")
	if got := s.data.Workload.Total.Published; got != 2 {
		t.Errorf("@江城发布 published %d in 2026, want 2", got)
	}
	if got := s.ann.Workload.Total.Published; got != 2 {
		t.Errorf("the annual report of @江城发布 counts %d, want 2", got)
	}
}

// The month's one approval shows its wait, its typos and its approver.
func TestStatsWorkFigures(t *testing.T) {
	u := statsUI(t, "approver3")
	s := openStats(t, u)
	s.tabs.SelectIndex(1)
	for _, text := range []string{"提交至批准", "6.0", "错别字", "10.0", "周明（approver3）"} {
		if findIn(t, s.work, func(l *widget.Label) bool { return l.Text == text }) == nil {
			t.Errorf("the workload shows no %q", text)
		}
	}
}

// The annual table has a row per channel and the total, as the CSV.
func TestStatsAnnual(t *testing.T) {
	u := statsUI(t, "approver3")
	s := openStats(t, u)
	if s.ann.Year != 2026 || s.ann.Workload.Total.Published != 10 {
		t.Fatalf("annual %d: %d published", s.ann.Year, s.ann.Workload.Total.Published)
	}
	for _, text := range []string{"合计", "江城政务服务", "10", "信息发布总数"} {
		if findIn(t, s.annual, func(l *widget.Label) bool { return l.Text == text }) == nil {
			t.Errorf("the annual table shows no %q", text)
		}
	}
	s.year.SetSelected("2025")
	if got := s.ann.Workload.Total.Published; got != 1 {
		t.Errorf("2025: %d published, want 1", got)
	}
}

// A chart exports the pixels it covers on the window.
func TestStatsCapture(t *testing.T) {
	u := statsUI(t, "approver3")
	s := openStats(t, u)
	row := s.cadence.Objects[1]
	img, err := capture(u.win, row)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < int(row.Size().Width)-1 || b.Dy() < int(row.Size().Height)-1 || b.Dy() == 0 {
		t.Errorf("captured %v of an object %v", b, row.Size())
	}
}

// Authors and approvers see the channels at risk on sign-in; the others
// (the archivist here is not in the workspace, so secadmin) do not.
func TestStatsNoticeOnSignIn(t *testing.T) {
	atRiskNotice = true
	t.Cleanup(func() { atRiskNotice = false })
	u := statsUI(t, "author")
	l := find(t, u, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "更新提醒") })
	if l == nil {
		t.Fatal("no notice of the channels at risk")
	}
	if !strings.Contains(l.Text, "江城政务服务已超期") || !strings.Contains(l.Text, "@江城发布即将超期") ||
		strings.Contains(l.Text, "江城市人民政府网") || l.Importance != widget.DangerImportance {
		t.Errorf("notice %q (importance %v)", l.Text, l.Importance)
	}
	test.Tap(button(t, u, "查看更新监测"))
	if find(t, u, func(tb *widget.Label) bool { return strings.HasPrefix(tb.Text, "更新监测（2026-12-07") }) == nil {
		t.Error("the notice's button does not open the 更新监测")
	}
}
