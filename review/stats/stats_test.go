package stats_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"shenfa/review/account"
	"shenfa/review/policy"
	"shenfa/review/stats"
)

// today is Tuesday 5 January 2027, 10:00 in Beijing (02:00 UTC).
var today = cst("2027-01-05 10:00")

const unitCadence = `
[cadence]
max_days = 10

[cadence.channels]
"江城发布" = 14
"@江城发布" = 7
`

func day(s string) stats.Day {
	d, err := stats.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// unit builds the hand-made workspace the tests work their answers out on.
//
// 江城发布 (rule 14, from its own line): published 2026-09-01, 10-20, 12-20
// (draft 1) and 2027-01-03. @江城发布 (rule 7): added 2026-11-01, published
// 12-01 and 12-29 00:30 Beijing time (draft 2), which is still 12-28 in UTC.
// 江城政务服务 (the policy's 10): added 2026-12-10, never published.
//
// December 2026 in Beijing:
//
//	draft 1 (江城发布, A, 原创) v1 2000 chars, typo×2 warn + sensitive block
//	  submitted 12-01 09:00; 初审 a1 returns 11:00 “请按批注修改。”
//	  v2 2000 chars, typo×1; submitted 12-02 09:00; 初审 10:00, 保密 14:00, 终审 12-03 09:00
//	draft 2 (@江城发布, B, 转载) v1 1000 chars, political block + punctuation×2 warn
//	  submitted 12-10 09:00; 初审 09:30, 复审 12:30, 保密 12-11 12:30,
//	  终审 13:30 waiving the political finding
//	draft 3 (江城发布, A) v1 500 chars, secret block; submitted 12-15 10:00,
//	  初审 11:00, 保密审查 免于公开 15:00
//	draft 4 (@江城发布, A) v1 1500 chars, no findings; submitted 12-01 00:30
//	  Beijing (11-30 UTC), 初审 returns 08:30 “请按批注修改。”
//	draft 5 (江城发布, A) submitted 11-30 23:00, 初审 2027-01-01 00:30 Beijing
//	  (12-31 UTC): neither is December's.
func unit(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t, today, unitCadence)
	f.exec(stats.Schema)
	f.unitRows()
	return f
}

// unitMigrated is the same workspace with the statistics migration applied
// after the rows were stored, as on an existing workspace.
func unitMigrated(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t, today, unitCadence)
	f.unitRows()
	f.exec(stats.Schema)
	return f
}

// builders make the workspace with the summaries kept by the triggers and
// filled by the migration: the figures must not differ.
var builders = map[string]func(*testing.T) *fixture{"triggers": unit, "migration": unitMigrated}

func (f *fixture) unitRows() {
	a := f.channel("江城发布", cst("2026-01-01 09:00"))
	b := f.channel("@江城发布", cst("2026-11-01 09:00"))
	f.channel("江城政务服务", cst("2026-12-10 12:00"))

	f.draft(a, "A", "original", "published", cst("2026-09-01 10:00"))
	f.draft(a, "A", "original", "published", cst("2026-10-20 10:00"))
	f.draft(a, "A", "original", "published", cst("2027-01-03 18:00"))
	f.draft(b, "C", "original", "published", cst("2026-12-01 09:00"))

	d1 := f.draft(a, "A", "original", "review", cst("2026-12-20 08:00"))
	v1 := []finding{{"typo", "warn", ""}, {"typo", "warn", ""}, {"sensitive", "block", ""}, {"link", "info", ""}}
	f.version(d1, 1, 2000, v1...)
	f.submit(d1, 1, 1, cst("2026-12-01 09:00"))
	f.sign(d1, 1, 1, "tier1", 0, "return", "a1", "请按批注修改。", cst("2026-12-01 11:00"), v1...)
	f.version(d1, 2, 2000, finding{"typo", "warn", ""})
	f.submit(d1, 2, 2, cst("2026-12-02 09:00"))
	f.sign(d1, 2, 2, "tier1", 0, "approve", "a1", "同意。", cst("2026-12-02 10:00"))
	f.sign(d1, 2, 2, "secrecy", 1, "publish", "sec", "可以公开。", cst("2026-12-02 14:00"))
	f.sign(d1, 2, 2, "tier3", 2, "approve", "a3", "同意发布。", cst("2026-12-03 09:00"))
	f.status(d1, "approved")
	f.status(d1, "published")

	d2 := f.draft(b, "B", "repost", "review", cst("2026-12-29 00:30"))
	v2 := []finding{{"political", "block", ""}, {"punctuation", "warn", ""}, {"punctuation", "warn", ""}}
	f.version(d2, 1, 1000, v2...)
	f.submit(d2, 1, 1, cst("2026-12-10 09:00"))
	f.sign(d2, 1, 1, "tier1", 0, "approve", "a1", "同意。", cst("2026-12-10 09:30"), v2...)
	f.sign(d2, 1, 1, "tier2", 1, "approve", "a2", "同意。", cst("2026-12-10 12:30"), v2...)
	f.sign(d2, 1, 1, "secrecy", 2, "publish", "sec", "可以公开。", cst("2026-12-11 12:30"), v2...)
	waived := []finding{{"political", "block", "tier3"}, {"punctuation", "warn", ""}, {"punctuation", "warn", ""}}
	f.sign(d2, 1, 1, "tier3", 3, "approve", "a3", "同意发布。", cst("2026-12-11 13:30"), waived...)
	f.status(d2, "approved")
	f.status(d2, "published")

	d3 := f.draft(a, "A", "original", "review", time.Time{})
	f.version(d3, 1, 500, finding{"secret", "block", ""})
	f.submit(d3, 1, 1, cst("2026-12-15 10:00"))
	f.sign(d3, 1, 1, "tier1", 0, "approve", "a1", "同意。", cst("2026-12-15 11:00"))
	f.sign(d3, 1, 1, "secrecy", 1, "exempt", "sec", "涉及内部事项，免于公开。", cst("2026-12-15 15:00"))
	f.status(d3, "exempt")

	d4 := f.draft(b, "A", "original", "review", time.Time{})
	f.version(d4, 1, 1500)
	f.submit(d4, 1, 1, cst("2026-12-01 00:30"))
	f.sign(d4, 1, 1, "tier1", 0, "return", "a1", "请按批注修改。", cst("2026-12-01 08:30"))
	f.status(d4, "returned")

	d5 := f.draft(a, "A", "original", "review", time.Time{})
	f.version(d5, 1, 800)
	f.submit(d5, 1, 1, cst("2026-11-30 23:00"))
	f.sign(d5, 1, 1, "tier1", 0, "approve", "a1", "同意。", cst("2027-01-01 00:30"))
}

func TestCadence(t *testing.T) {
	f := unit(t)
	c, err := f.st.Cadence(context.Background(), f.session("author", account.Author), "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Today != day("2027-01-05") {
		t.Fatalf("today %s", c.Today)
	}
	type want struct {
		name       string
		published  bool
		since      string
		daysSince  int
		limit      int
		source     policy.RuleSource
		remaining  int
		status     stats.Status
		gap        stats.Gap
		broken     []stats.Span
		brokenDays int
	}
	// Least time remaining first: the channel that never published is
	// 16 days past its 10; @江城发布 published 00:30 Beijing time on 12-29,
	// 7 days ago (8 if counted in UTC, which would make it overdue).
	wants := []want{
		{"江城政务服务", false, "2026-12-10", 26, 10, policy.FromPolicy, -16, stats.Overdue,
			stats.Gap{From: day("2026-12-10"), To: day("2027-01-05"), Days: 26},
			[]stats.Span{{From: day("2026-12-21"), To: day("2027-01-05")}}, 16},
		{"@江城发布", true, "2026-12-29", 7, 7, policy.FromChannel, 0, stats.Soon,
			stats.Gap{From: day("2026-11-01"), To: day("2026-12-01"), Days: 30},
			[]stats.Span{{From: day("2026-11-09"), To: day("2026-11-30")}, {From: day("2026-12-09"), To: day("2026-12-28")}}, 42},
		// 12-20 to 01-03 is exactly 14 days across the year end: not broken.
		{"江城发布", true, "2027-01-03", 2, 14, policy.FromChannel, 12, stats.OK,
			stats.Gap{From: day("2026-10-20"), To: day("2026-12-20"), Days: 61},
			[]stats.Span{{From: day("2026-10-08"), To: day("2026-10-19")}, {From: day("2026-11-04"), To: day("2026-12-19")}}, 58},
	}
	if len(c.Channels) != len(wants) {
		t.Fatalf("%d channels, want %d", len(c.Channels), len(wants))
	}
	for i, w := range wants {
		got := c.Channels[i]
		if got.Channel.Name != w.name {
			t.Fatalf("channel %d is %s, want %s", i, got.Channel.Name, w.name)
		}
		t.Run(w.name, func(t *testing.T) {
			if got.Published != w.published || got.Since != day(w.since) || got.DaysSince != w.daysSince {
				t.Errorf("published %v since %s (%d days), want %v %s (%d)", got.Published, got.Since, got.DaysSince,
					w.published, w.since, w.daysSince)
			}
			if got.Limit != w.limit || got.RuleSource != w.source || got.Remaining != w.remaining || got.Status != w.status {
				t.Errorf("rule %d (%s), %d remaining, %s; want %d (%s), %d, %s", got.Limit, got.RuleSource, got.Remaining,
					got.Status, w.limit, w.source, w.remaining, w.status)
			}
			if got.LongestGap != w.gap {
				t.Errorf("longest gap %+v, want %+v", got.LongestGap, w.gap)
			}
			if !reflect.DeepEqual(got.Broken, w.broken) || got.BrokenDays != w.brokenDays {
				t.Errorf("broken %v (%d days), want %v (%d)", got.Broken, got.BrokenDays, w.broken, w.brokenDays)
			}
			if len(got.Weeks) != stats.TimelineWeeks || got.Weeks[len(got.Weeks)-1].Monday != day("2027-01-04") ||
				got.Weeks[0].Monday != day("2026-01-12") {
				t.Errorf("timeline of %d weeks from %s to %s", len(got.Weeks), got.Weeks[0].Monday, got.Weeks[len(got.Weeks)-1].Monday)
			}
		})
	}
	// 江城发布's publications fall in the weeks of these Mondays: 2027-01-03
	// is a Sunday, in the week of 12-28.
	weeks := map[string]int{"2026-08-31": 1, "2026-10-19": 1, "2026-12-14": 1, "2026-12-28": 1}
	for _, wk := range c.Channels[2].Weeks {
		if wk.Count != weeks[wk.Monday.String()] {
			t.Errorf("week of %s: %d publications, want %d", wk.Monday, wk.Count, weeks[wk.Monday.String()])
		}
	}
	if n := len(c.AtRisk()); n != 2 {
		t.Errorf("%d channels at risk, want 2", n)
	}
}

// TestCadenceDefaultRule: without a [cadence] table every channel has 14
// days, and the warning starts 3 days before.
func TestCadenceDefaultRule(t *testing.T) {
	f := newFixture(t, today, "")
	f.exec(stats.Schema)
	for name, last := range map[string]string{"十五天前": "2026-12-21 09:00", "十一天前": "2026-12-25 23:59", "十天前": "2026-12-26 00:00"} {
		ch := f.channel(name, cst("2026-01-01 09:00"))
		f.draft(ch, "A", "original", "published", cst(last))
	}
	c, err := f.st.Cadence(context.Background(), f.session("a1", account.Approver1), "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		days   int
		status stats.Status
	}{"十五天前": {15, stats.Overdue}, "十一天前": {11, stats.Soon}, "十天前": {10, stats.OK}}
	for _, ch := range c.Channels {
		w := want[ch.Channel.Name]
		if ch.DaysSince != w.days || ch.Status != w.status || ch.Limit != 14 || ch.RuleSource != policy.FromDefault {
			t.Errorf("%s: %d days, %s, rule %d (%s); want %d, %s, 14 (default)", ch.Channel.Name, ch.DaysSince, ch.Status,
				ch.Limit, ch.RuleSource, w.days, w.status)
		}
	}
}

func hours(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }

func TestWorkloadDecember(t *testing.T) {
	for name, build := range builders {
		t.Run(name, func(t *testing.T) { testWorkloadDecember(t, build(t)) })
	}
}

func testWorkloadDecember(t *testing.T, f *fixture) {
	w, err := f.st.Workload(context.Background(), f.session("a3", account.Approver3), stats.Month(2026, time.December), "")
	if err != nil {
		t.Fatal(err)
	}
	tot := w.Total
	counts := map[string][2]int{
		"submitted": {tot.Submitted, 4}, "submissions": {tot.Submissions, 5}, "approved": {tot.Approved, 2},
		"returned": {tot.Returned, 2}, "refused": {tot.Refused, 1}, "escalated": {tot.Escalated, 0},
		"published": {tot.Published, 3}, "original": {tot.Original, 2}, "repost": {tot.Repost, 1}, "chars": {tot.Chars, 7000},
	}
	for name, c := range counts {
		if c[0] != c[1] {
			t.Errorf("%s = %d, want %d", name, c[0], c[1])
		}
	}
	if want := map[string]int{"A": 1, "B": 1, "C": 1}; !reflect.DeepEqual(tot.ByGrade, want) {
		t.Errorf("by grade %v, want %v", tot.ByGrade, want)
	}
	// 48 h (draft 1, from its first submission) and 28.5 h (draft 2).
	if want := (stats.Durations{Count: 2, Median: hours(38.25), P90: hours(48)}); tot.ToApproval != want {
		t.Errorf("to approval %+v, want %+v", tot.ToApproval, want)
	}
	steps := map[policy.Step]stats.Durations{
		policy.Tier1:   {Count: 5, Median: hours(1), P90: hours(8)}, // 2, 1, 0.5, 1, 8
		policy.Tier2:   {Count: 1, Median: hours(3), P90: hours(3)},
		policy.Secrecy: {Count: 3, Median: hours(4), P90: hours(24)},  // 4, 24, 4
		policy.Tier3:   {Count: 2, Median: hours(10), P90: hours(19)}, // 19, 1
	}
	if !reflect.DeepEqual(tot.Steps, steps) {
		t.Errorf("steps %+v, want %+v", tot.Steps, steps)
	}
	if want := map[string]int{"typo": 1, "sensitive": 1}; !reflect.DeepEqual(tot.ReturnCategories, want) {
		t.Errorf("return categories %v, want %v", tot.ReturnCategories, want)
	}
	if want := []stats.Reason{{Text: "请按批注修改。", Count: 2}}; !reflect.DeepEqual(tot.ReturnReasons, want) {
		t.Errorf("return reasons %v, want %v", tot.ReturnReasons, want)
	}
	if want := map[policy.Step]map[string]int{policy.Tier3: {"political": 1}}; !reflect.DeepEqual(tot.Waivers, want) {
		t.Errorf("waivers %v, want %v", tot.Waivers, want)
	}
	perChannel := map[string][4]int{ // published, submitted, approved, returned
		"江城发布": {1, 2, 1, 1}, "@江城发布": {2, 2, 1, 1}, "江城政务服务": {0, 0, 0, 0},
	}
	for _, ch := range w.Channels {
		got := [4]int{ch.Published, ch.Submitted, ch.Approved, ch.Returned}
		if got != perChannel[ch.Channel.Name] {
			t.Errorf("%s: published, submitted, approved, returned %v, want %v", ch.Channel.Name, got, perChannel[ch.Channel.Name])
		}
	}
}

func TestFindingsDecember(t *testing.T) {
	for name, build := range builders {
		t.Run(name, func(t *testing.T) { testFindingsDecember(t, build(t)) })
	}
}

func testFindingsDecember(t *testing.T, f *fixture) {
	w, err := f.st.Workload(context.Background(), f.session("a3", account.Approver3), stats.Month(2026, time.December), "")
	if err != nil {
		t.Fatal(err)
	}
	// 7000 characters submitted: typo 2 (v1) + 1 (v2) of draft 1; info
	// findings (the link) are not counted.
	want := []stats.CategoryFindings{
		{Category: "typo", Found: 3, Per10k: 30000.0 / 7000, AtSubmission: 2, Fixed: 1, Remaining: 1},
		{Category: "punctuation", Found: 2, Per10k: 20000.0 / 7000, AtSubmission: 2, Fixed: 0, Remaining: 2},
		{Category: "political", Found: 1, Per10k: 10000.0 / 7000, AtSubmission: 1, Fixed: 0, Remaining: 1},
		{Category: "sensitive", Found: 1, Per10k: 10000.0 / 7000, AtSubmission: 1, Fixed: 1, Remaining: 0},
		{Category: "secret", Found: 1, Per10k: 10000.0 / 7000},
	}
	got := w.Total.Findings
	if len(got) != len(want) {
		t.Fatalf("findings %+v, want %+v", got, want)
	}
	for i := range want {
		g, x := got[i], want[i]
		if math.Abs(g.Per10k-x.Per10k) > 1e-9 {
			t.Errorf("%s per 10,000: %v, want %v", g.Category, g.Per10k, x.Per10k)
		}
		g.Per10k = x.Per10k
		if g != x {
			t.Errorf("finding %d: %+v, want %+v", i, g, x)
		}
	}
}

func TestApproversVisibility(t *testing.T) {
	for name, build := range builders {
		t.Run(name, func(t *testing.T) { testApproversVisibility(t, build(t)) })
	}
}

func testApproversVisibility(t *testing.T, f *fixture) {
	dec := stats.Month(2026, time.December)
	all := []stats.Approver{
		{Name: "a1", FullName: "王芳", Steps: []policy.Step{policy.Tier1}, Signed: 4, SignOffs: 5, Median: hours(1), Returns: 2},
		{Name: "sec", FullName: "杨帆", Steps: []policy.Step{policy.Secrecy}, Signed: 3, SignOffs: 3, Median: hours(4)},
		{Name: "a3", FullName: "陈静", Steps: []policy.Step{policy.Tier3}, Signed: 2, SignOffs: 2, Median: hours(10)},
		{Name: "a2", FullName: "刘洋", Steps: []policy.Step{policy.Tier2}, Signed: 1, SignOffs: 1, Median: hours(3)},
	}
	for i := range all {
		all[i].UserID = f.users[all[i].Name]
	}
	tests := []struct {
		who   string
		roles []account.Role
		want  []stats.Approver
	}{
		{"a3", []account.Role{account.Approver3}, all},
		{"author", []account.Role{account.Archivist}, all},
		{"a1", []account.Role{account.Approver1}, all[:1]},
		{"a2", []account.Role{account.Approver2}, all[3:]},
		{"author", []account.Role{account.Author}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.who+"/"+string(tt.roles[0]), func(t *testing.T) {
			w, err := f.st.Workload(context.Background(), f.session(tt.who, tt.roles...), dec, "")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(w.Approvers, tt.want) {
				t.Errorf("approvers %+v, want %+v", w.Approvers, tt.want)
			}
		})
	}
	if _, err := f.st.Workload(context.Background(), f.session("secadmin", account.SecAdmin), dec, ""); !errors.Is(err, account.ErrForbidden) {
		t.Errorf("secadmin reads statistics: %v", err)
	}
}

func TestAnnual(t *testing.T) {
	for name, build := range builders {
		t.Run(name, func(t *testing.T) { testAnnual(t, build(t)) })
	}
}

func testAnnual(t *testing.T, f *fixture) {
	a, err := f.st.Annual(context.Background(), f.session("a3", account.Approver3), 2026, "")
	if err != nil {
		t.Fatal(err)
	}
	// 2026: 江城发布 09-01, 10-20, 12-20; @江城发布 12-01 (C), 12-29 (B, 转载).
	// Draft 5's November submission counts; its 初审 on 2027-01-01 does not.
	tot := a.Workload.Total
	if tot.Published != 5 || tot.Original != 4 || tot.Repost != 1 || tot.Submitted != 5 || tot.Submissions != 6 || tot.Approved != 2 {
		t.Errorf("total %d published (%d 原创, %d 转载), %d submitted (%d submissions), %d approved; want 5 (4, 1), 5 (6), 2",
			tot.Published, tot.Original, tot.Repost, tot.Submitted, tot.Submissions, tot.Approved)
	}
	var b strings.Builder
	heading := func(key, arg string) string { return key + arg }
	if err := a.WriteCSV(&b, heading); err != nil {
		t.Fatal(err)
	}
	want := "channel,platform,unit,published,original,repost,grade普通,grade重要,grade敏感,submitted,approved,returned,refused," +
		"to_approval_median_hours,to_approval_p90_hours\n" +
		"'@江城发布,微信公众号,江城市人民政府办公室,2,1,1,0,1,1,2,1,1,0,28.5,28.5\n" +
		"江城发布,微信公众号,江城市人民政府办公室,3,3,0,3,0,0,3,1,1,1,48.0,48.0\n" +
		"江城政务服务,微信公众号,江城市人民政府办公室,0,0,0,0,0,0,0,0,0,0,,\n" +
		"total,,,5,4,1,3,1,1,5,2,2,1,38.2,48.0\n"
	if b.String() != want {
		t.Errorf("CSV\n%s\nwant\n%s", b.String(), want)
	}
}

func TestChannelFilter(t *testing.T) {
	f := unit(t)
	sess := f.session("a3", account.Approver3)
	w, err := f.st.Workload(context.Background(), sess, stats.Month(2026, time.December), "@江城发布")
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Channels) != 1 || w.Total.Submitted != 2 || w.Total.Published != 2 || w.Total.Chars != 2500 {
		t.Errorf("one channel: %d channels, %d submitted, %d published, %d chars; want 1, 2, 2, 2500",
			len(w.Channels), w.Total.Submitted, w.Total.Published, w.Total.Chars)
	}
	if _, err := f.st.Cadence(context.Background(), sess, "没有这个渠道"); !errors.Is(err, stats.ErrNoChannel) {
		t.Errorf("unknown channel: %v", err)
	}
}
