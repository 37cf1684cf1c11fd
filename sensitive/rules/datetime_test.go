package rules

import (
	"testing"
	"time"

	"shenfa/sensitive/finding"
)

func TestDatetime(t *testing.T) {
	cases := []tcase{
		{"2024年4月1日（⟦星期二⟧）", []string{"datetime.weekday/warn=星期一"}},
		{"2024年4月1日 ⟦星期二⟧", []string{"datetime.weekday/warn=星期一"}},
		{"2024年4月1日⟦周二⟧召开", []string{"datetime.weekday/warn=周一"}},
		{"2024-04-01（⟦周三⟧）", []string{"datetime.weekday/warn=周一"}},
		{"2024.4.1 ⟦星期五⟧", []string{"datetime.weekday/warn=星期一"}},
		{"2024/4/1(⟦礼拜二⟧)", []string{"datetime.weekday/warn=礼拜一"}},
		{"2023年12月31日（⟦星期六⟧）", []string{"datetime.weekday/warn=星期日"}},
		{"2023年12月30日（⟦星期天⟧）", []string{"datetime.weekday/warn=星期六"}},
		{"2024年2月29日（⟦周五⟧）", []string{"datetime.weekday/warn=周四"}},
		{"于⟦2月30日⟧召开", []string{"datetime.impossible/warn"}},
		{"⟦4月31日⟧", []string{"datetime.impossible/warn"}},
		{"⟦2023年13月⟧", []string{"datetime.impossible/warn"}},
		{"第⟦0月⟧", []string{"datetime.impossible/warn"}},
		{"⟦5月32日⟧", []string{"datetime.impossible/warn"}},
		{"⟦2023年2月29日⟧", []string{"datetime.impossible/warn"}},
		{"⟦2023-02-29⟧", []string{"datetime.impossible/warn"}},
		{"⟦2024年6月31号⟧", []string{"datetime.impossible/warn"}},
		{"晚上⟦25:00⟧开始", []string{"datetime.impossible/warn"}},
		{"⟦24时30分⟧", []string{"datetime.impossible/warn"}},
		{"⟦9点60分⟧", []string{"datetime.impossible/warn"}},
		{"每晚⟦25时⟧前完成报送", []string{"datetime.impossible/warn"}},
		{"上午⟦14:30⟧开会", []string{"datetime.impossible/warn"}},
		{"早上⟦15点⟧集合", []string{"datetime.impossible/warn"}},
		{"活动时间：12.19（⟦周五⟧）", []string{"datetime.weekday/warn=周六"}},
		{"12/19 ⟦星期五⟧", []string{"datetime.weekday/warn=星期六"}},
		{"⟦10：75⟧", []string{"datetime.impossible/warn"}},
		// a date without a year is read in the year the draft names, else this year
		{"2026年春季学期将于3月2日（⟦周二⟧）开学。", []string{"datetime.weekday/warn=周一"}},
		{"报名时间：12月7日（⟦星期二⟧）起。比赛时间：2026年12月26日。", []string{"datetime.weekday/warn=星期一"}},
		{"本次活动定于12月1日（⟦周三⟧）举行。", []string{"datetime.weekday/warn=周二"}},
		{"2025年的总结会定于3月2日 ⟦星期一⟧召开。", []string{"datetime.weekday/warn=星期日"}},
		{"12月1日，⟦周一⟧上午", []string{"datetime.weekday/warn=周二"}},
		{"社区已于6月6日（⟦星期四⟧）进行了现场处置。", []string{"datetime.weekday/warn=星期六"}},
		{"定于3月2日（⟦周三⟧）开学。", []string{"datetime.weekday/warn=周一"}},
		{"本⟦周五⟧（12月12日）上午9:00", []string{"datetime.weekday/warn=周六"}},
		// Chinese numerals
		{"二〇二六年十二月一日（⟦星期三⟧）", []string{"datetime.weekday/warn=星期二"}},
		{"于⟦二〇二六年二月二十九日⟧起施行", []string{"datetime.impossible/warn"}},
		{"定于⟦九月三十一日⟧前完成", []string{"datetime.impossible/warn"}},
		{"十二月一日（⟦周五⟧）", []string{"datetime.weekday/warn=周二"}},
		// periods that end before they start
		{"因施工，⟦12月20日至12月5日⟧实行单向通行", []string{"datetime.range/warn"}},
		{"申报时间为⟦2026年4月1日至2025年3月31日⟧", []string{"datetime.range/warn"}},
		{"展期⟦12月20日至5日⟧", []string{"datetime.range/warn"}},
		{"⟦2026年5月8日—5月6日⟧", []string{"datetime.range/warn"}},
	}
	runCases(t, readIn2026, cases)
	runCases(t, readIn2026, none(
		"2024年2月29日", "2月29日", "1月至2月", "3-4月", "2024年3-4月", "11-12月",
		"2024年4月1日（星期一）", "2024年4月1日周一", "2023年12月31日（星期天）", "2023年12月31日星期日",
		"24:00", "10:30", "比分25:23", "按1:60比例", "6至30月龄", "13个月", "32日内", "25时期", "第25时", "工作25时间", "24时前", "上午9:30", "下午15:00", "上午11时30分",
		"增长3.5%", "12.19（周六）", "比例1/3", "第1.2（周三）",
		"版本2024.1.1.3", "12:30:45", "2019年6月30日前", "2024年1月1日一周内", "共2024年度",
		"1,000元", "3.5倍", "2024-2025学年", "2024.10", "第13届", "5时许", "12点整",
		"以25:19、25:17、25:18战胜对手", "2026年3月2日（周一）", "3月2日（周一）", "12月1日（星期二）",
		"2027年1月1日（星期五）至1月3日（星期日）放假，1月4日（星期一）正常上班。",
		"2026年12月28日至1月3日（星期日）", "12月28日（周一）至1月3日（周日）", "12月20日至25日",
		"3月2日—3月6日（周一至周五）", "12月1日（周一至周五）9:00开放", "12月1日，周一至周五每天开放",
		"二〇二六年十二月一日（星期二）", "十二月一日（星期二）", "农历二月三十日", "农历二月三十",
		"二十一月", "十一月份", "第十二月", "统一月度考核", "周一月底前", "一日三餐", "三月三",
		"本周六（12月12日）", "周二（2026年12月1日）", "2026年12月7日（星期一）至12月15日（星期二）",
		"11月30日—12月6日", "2026-12-01至2026-12-05",
		"社区已于6月6日（星期五）进行了现场处置。", "元旦假期后，1月4日（星期一）正常上班。",
	))
}

func TestWeekday(t *testing.T) {
	for _, c := range []struct{ y, m, d, w int }{
		{2024, 4, 1, 1}, {2024, 2, 29, 4}, {2000, 1, 1, 6}, {1900, 3, 1, 4}, {2099, 12, 31, 4},
	} {
		if got := weekday(c.y, c.m, c.d); got != c.w {
			t.Errorf("weekday(%d-%d-%d) = %d, want %d", c.y, c.m, c.d, got, c.w)
		}
	}
}

// readIn2026 checks dates in a text read on 1 December 2026.
func readIn2026(text []rune) []finding.Finding {
	return DatetimeAt(text, time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local))
}

func TestYearlessDateFollowsTheDayOfReading(t *testing.T) {
	text := []rune("12月1日（星期二）召开")
	if fs := DatetimeAt(text, time.Date(2026, 11, 20, 0, 0, 0, 0, time.Local)); len(fs) != 0 {
		t.Errorf("read in 2026: %s", describe(fs))
	}
	if fs := DatetimeAt(text, time.Date(2027, 11, 20, 0, 0, 0, 0, time.Local)); len(fs) != 1 {
		t.Errorf("read in 2027, 12月1日 is a Wednesday: %s", describe(fs))
	}
}
