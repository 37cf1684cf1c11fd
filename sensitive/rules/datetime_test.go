package rules

import "testing"

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
		{"⟦10：75⟧", []string{"datetime.impossible/warn"}},
	}
	runCases(t, Datetime, cases)
	runCases(t, Datetime, none(
		"2024年2月29日", "2月29日", "1月至2月", "3-4月", "2024年3-4月", "11-12月",
		"2024年4月1日（星期一）", "2024年4月1日周一", "2023年12月31日（星期天）", "2023年12月31日星期日",
		"4月1日（周二）", "24:00", "10:30", "比分25:23", "按1:60比例", "6至30月龄", "13个月", "32日内",
		"版本2024.1.1.3", "12:30:45", "2019年6月30日前", "2024年1月1日一周内", "共2024年度",
		"1,000元", "3.5倍", "2024-2025学年", "2024.10", "第13届", "5时许", "12点整",
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
