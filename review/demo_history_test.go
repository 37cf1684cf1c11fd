package review_test

import (
	"context"
	"testing"
	"time"

	"shenfa/review/audit"
	"shenfa/review/drafts"
	"shenfa/review/stats"
)

// The demo's year of history tells the 统计 screen's story: two channels
// publish often, one is about to break the 14-day rule and one already
// did; the year has 原创 and 转载, every grade, returns with their reasons,
// waivers and a refusal; every draft's sign-offs verify and the audit
// chain holds.
func TestDemoHistory(t *testing.T) {
	w, _ := demo(t)
	defer w.Close()
	ctx := context.Background()
	st := stats.New(w.DB)
	leader := signIn(t, w, "approver3")
	cad, err := st.Cadence(ctx, leader, "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		status stats.Status
		days   int
	}{
		"江城政务服务":   {stats.Overdue, 20},
		"江城市人民政府网": {stats.Soon, 12},
		"@江城发布":    {stats.OK, 3},
		"江城发布":     {stats.OK, 1}, // the demo's own draft published yesterday
	}
	for _, c := range cad.Channels {
		wc, ok := want[c.Channel.Name]
		if !ok || c.Status != wc.status || c.DaysSince != wc.days {
			t.Errorf("%s: %s, %d days since; want %+v", c.Channel.Name, c.Status, c.DaysSince, wc)
		}
		if len(c.Weeks) != stats.TimelineWeeks || c.Weeks[0].Count == 0 && c.Weeks[1].Count == 0 && c.Weeks[2].Count == 0 {
			t.Errorf("%s: the year's first weeks are empty: %v", c.Channel.Name, c.Weeks[:3])
		}
	}
	today := stats.DayOf(time.Now())
	p, err := stats.Range(today-364, today)
	if err != nil {
		t.Fatal(err)
	}
	wl, err := st.Workload(ctx, leader, p, "")
	if err != nil {
		t.Fatal(err)
	}
	tot := wl.Total
	if tot.Published < 100 || tot.Published > 150 || tot.Repost == 0 || tot.Original <= tot.Repost {
		t.Errorf("a year of %d publications (%d 原创, %d 转载), want 100–150, mostly 原创", tot.Published, tot.Original, tot.Repost)
	}
	for _, g := range []string{"A", "B", "C"} {
		if tot.ByGrade[g] == 0 {
			t.Errorf("no publication of grade %s: %v", g, tot.ByGrade)
		}
	}
	if tot.Returned < 5 || len(tot.ReturnReasons) < 3 || tot.Refused < 2 || len(tot.Waivers) == 0 || len(tot.Findings) == 0 {
		t.Errorf("returns %d, reasons %v, refused %d, waivers %v, findings %d",
			tot.Returned, tot.ReturnReasons, tot.Refused, tot.Waivers, len(tot.Findings))
	}
	if tot.ToApproval.Count == 0 || tot.ToApproval.Median < time.Hour || tot.ToApproval.Median > 5*24*time.Hour {
		t.Errorf("time to approval %+v", tot.ToApproval)
	}
	author := signIn(t, w, "author")
	ds, _, err := w.Drafts.List(ctx, author, drafts.Filter{Status: drafts.Published})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		v, err := w.Drafts.Verify(ctx, d.ID)
		if err != nil || !v.OK {
			t.Errorf("draft %d %s does not verify: %v %+v", d.ID, d.Title, err, v)
		}
		history := d.PublishedAt.Before(time.Now().Add(-36 * time.Hour)) // the demo's own drafts are made today
		if d.PublishedAt.After(time.Now()) || history && d.CreatedAt.After(d.PublishedAt) {
			t.Errorf("draft %d created %v, published %v", d.ID, d.CreatedAt, d.PublishedAt)
		}
	}
	rep, err := audit.Verify(ctx, w.DB.SQL)
	if err != nil || !rep.OK {
		t.Errorf("audit chain: %v %+v", err, rep)
	}
}
