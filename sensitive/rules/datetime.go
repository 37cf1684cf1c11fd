package rules

import (
	"strconv"

	"shenfa/sensitive/finding"
)

var (
	ruleWeekday    = rule{finding.Datetime, finding.Warn, RuleWeekday}
	ruleImpossible = rule{finding.Datetime, finding.Warn, RuleImpossible}
)

// weekdayChars are the weekday names after 星期/周/礼拜, Sunday first; 天 is
// another name for Sunday.
var weekdayChars = [7]rune{'日', '一', '二', '三', '四', '五', '六'}

func datetime(dst []finding.Finding, text []rune) []finding.Finding {
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		var next int
		dst, next = dateAt(dst, text, i)
		i = max(next, i+1)
	}
	return dst
}

// digitsAt reads at most 9 digits at i and returns the value and the end of the run.
func digitsAt(text []rune, i int) (v, end int) {
	end = i
	for end < len(text) && isDigit(text[end]) {
		if end-i < 9 {
			v = v*10 + int(text[end]-'0')
		}
		end++
	}
	return v, end
}

// dateAt looks at the digit run starting at s and returns where scanning resumes.
func dateAt(dst []finding.Finding, text []rune, s int) ([]finding.Finding, int) {
	v, e := digitsAt(text, s)
	n := e - s
	switch c := runeAt(text, e); {
	case c == '年' && n == 4:
		return chineseDate(dst, text, s, v, e+1)
	case c == '月' && n <= 2:
		return chineseDate(dst, text, s, 0, s)
	case (c == '-' || c == '/' || c == '.') && n == 4 && runeAt(text, s-1) != '.':
		return numericDate(dst, text, s, v, e)
	case (c == ':' || c == '：') && n <= 2:
		return clockTime(dst, text, s, v, e)
	case (c == '时' || c == '点') && n <= 2:
		return chineseTime(dst, text, s, v, e)
	}
	return dst, e
}

// chineseDate checks [Y年]M月[D日]; year is 0 when the text gives none, and
// the month digits start at m.
func chineseDate(dst []finding.Finding, text []rune, s, year, m int) ([]finding.Finding, int) {
	month, me := digitsAt(text, m)
	if me == m || me-m > 2 || runeAt(text, me) != '月' {
		return dst, m
	}
	end := me + 1
	if month < 1 || month > 12 {
		if c := runeAt(text, end); c == '龄' || c == '薪' {
			return dst, end
		}
		return append(dst, ruleImpossible.at(text, s, end, "不存在"+strconv.Itoa(month)+"月，请核对日期。", "")), end
	}
	day, de := digitsAt(text, end)
	if de == end || de-end > 2 || (runeAt(text, de) != '日' && runeAt(text, de) != '号') {
		return dst, end
	}
	end = de + 1
	return checkDay(dst, text, s, end, year, month, day)
}

// numericDate checks 2024-04-01, 2024/4/1 and 2024.4.1: the same separator
// twice, and nothing after that makes it a longer dotted number.
func numericDate(dst []finding.Finding, text []rune, s, year, e int) ([]finding.Finding, int) {
	sep := text[e]
	month, me := digitsAt(text, e+1)
	if me-e-1 < 1 || me-e-1 > 2 || runeAt(text, me) != sep {
		return dst, e
	}
	day, de := digitsAt(text, me+1)
	if de-me-1 < 1 || de-me-1 > 2 || year < 1900 || year > 2099 || month < 1 || month > 12 {
		return dst, de
	}
	if c := runeAt(text, de); (c == sep || c == '.') && isDigit(runeAt(text, de+1)) {
		return dst, de
	}
	return checkDay(dst, text, s, de, year, month, day)
}

// checkDay reports an impossible day of month or, when the year is known, a
// weekday after the date that does not match it.
func checkDay(dst []finding.Finding, text []rune, s, end, year, month, day int) ([]finding.Finding, int) {
	limit := 29
	if year != 0 {
		limit = daysIn(year, month)
	} else if month != 2 {
		limit = daysIn(2000, month)
	}
	if day < 1 || day > limit {
		return append(dst, ruleImpossible.at(text, s, end, impossibleDay(year, month, day), "")), end
	}
	if year < 1900 || year > 2099 {
		return dst, end
	}
	ws, we, name := weekdayAfter(text, end)
	if we == 0 {
		return dst, end
	}
	want := weekday(year, month, day)
	if name == want || (name == 7 && want == 0) {
		return dst, we
	}
	return append(dst, weekdayFinding(text, s, end, ws, we, want)), we
}

func impossibleDay(year, month, day int) string {
	if year != 0 && month == 2 && day == 29 {
		return strconv.Itoa(year) + "年不是闰年，2月没有29日，请核对日期。"
	}
	return strconv.Itoa(month) + "月没有" + strconv.Itoa(day) + "日，请核对日期。"
}

// weekdayAfter finds 星期X / 周X / 礼拜X right after a date, allowing blanks
// and an opening bracket between them. name is 0-6 from Sunday, 7 for 天;
// we is 0 when there is none.
func weekdayAfter(text []rune, i int) (ws, we, name int) {
	for k := 0; k < 2 && (isSpace(runeAt(text, i)) || runeAt(text, i) == '（' || runeAt(text, i) == '('); k++ {
		i++
	}
	ws = i
	switch {
	case runeAt(text, i) == '周':
		i++
	case runeAt(text, i) == '星' && runeAt(text, i+1) == '期', runeAt(text, i) == '礼' && runeAt(text, i+1) == '拜':
		i += 2
	default:
		return 0, 0, 0
	}
	c := runeAt(text, i)
	if c == '天' && runeAt(text, ws) != '周' {
		return ws, i + 1, 7
	}
	for d, w := range weekdayChars {
		if c == w {
			return ws, i + 1, d
		}
	}
	return 0, 0, 0
}

func weekdayFinding(text []rune, s, end, ws, we, want int) finding.Finding {
	prefix := string(text[ws : we-1])
	name := weekdayChars[want]
	if want == 0 && text[we-1] == '天' {
		name = '天'
	}
	sugg := prefix + string(name)
	msg := string(text[s:end]) + "是" + sugg + "，与所写的“" + string(text[ws:we]) + "”不符，请核对日期或星期。"
	return ruleWeekday.at(text, ws, we, msg, sugg)
}

// weekday returns 0 (Sunday) to 6 for a Gregorian date (Sakamoto's method).
func weekday(y, m, d int) int {
	t := [12]int{0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4}
	if m < 3 {
		y--
	}
	return (y + y/4 - y/100 + y/400 + t[m-1] + d) % 7
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// clockTime checks H:MM. Scores and ratios share the shape (比分 25:23,
// 1:60比例), so a 比 nearby or a third field leaves it alone.
func clockTime(dst []finding.Finding, text []rune, s, h, e int) ([]finding.Finding, int) {
	mm, me := digitsAt(text, e+1)
	if me-e-1 != 2 {
		return dst, e + 1
	}
	if c := runeAt(text, me); c == ':' || c == '：' || c == '比' || runeAt(text, s-1) == ':' || nearBi(text, s) {
		return dst, me
	}
	if h > 29 || validClock(h, mm) {
		return dst, me
	}
	return append(dst, ruleImpossible.at(text, s, me, "时间不存在：一天只有0—24时，一小时只有0—59分，请核对。", "")), me
}

// nearBi reports a 比 within the three characters before s.
func nearBi(text []rune, s int) bool {
	for k := 1; k <= 3; k++ {
		if runeAt(text, s-k) == '比' {
			return true
		}
	}
	return false
}

// chineseTime checks H时M分 and H点M分.
func chineseTime(dst []finding.Finding, text []rune, s, h, e int) ([]finding.Finding, int) {
	mm, me := digitsAt(text, e+1)
	if me == e+1 || me-e-1 > 2 || runeAt(text, me) != '分' {
		return dst, e + 1
	}
	if validClock(h, mm) {
		return dst, me + 1
	}
	return append(dst, ruleImpossible.at(text, s, me+1, "时间不存在：一天只有0—24时，一小时只有0—59分，请核对。", "")), me + 1
}

// validClock allows 24:00 as the end of a day and nothing past it.
func validClock(h, m int) bool {
	return m < 60 && (h < 24 || (h == 24 && m == 0))
}
