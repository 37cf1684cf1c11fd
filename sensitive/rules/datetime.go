package rules

import (
	"strconv"
	"time"

	"shenfa/sensitive/finding"
)

// RuleDateRange reports a period whose end comes before its start.
const RuleDateRange = "datetime.range"

var (
	ruleWeekday    = rule{finding.Datetime, finding.Warn, RuleWeekday}
	ruleImpossible = rule{finding.Datetime, finding.Warn, RuleImpossible}
	ruleDateRange  = rule{finding.Datetime, finding.Warn, RuleDateRange}
)

// weekdayChars are the weekday names after 星期/周/礼拜, Sunday first; 天 is
// another name for Sunday.
var weekdayChars = [7]rune{'日', '一', '二', '三', '四', '五', '六'}

// dateVal is a date read from the text: text[s:e] is the date itself.
type dateVal struct {
	s, e      int
	y, m, d   int
	yearGiven bool
}

// dateScan is the state of the date scan: the year the draft speaks of, for
// dates written without one, and the date before, for periods (X至Y).
type dateScan struct {
	text      []rune
	year      int // of the last date that gave one, 0 before any
	firstYear int // of the first date in the text that gives one; -1 not looked for yet
	prev      dateVal
	now       time.Time // the day the draft is read on, for dates without a year
}

// datetimeAt is the date scanner for a draft read on the day now: a date
// written without a year, in a draft that names none, is read in now's year.
func datetimeAt(now time.Time) scanner {
	return func(dst []finding.Finding, text []rune) []finding.Finding { return datetime(dst, text, now) }
}

// datetime reports impossible dates and times, periods that end before
// they start and weekdays that do not match their date.
func datetime(dst []finding.Finding, text []rune, now time.Time) []finding.Finding {
	ds := dateScan{text: text, firstYear: -1, prev: dateVal{s: -1, e: -1}, now: now}
	for i := 0; i < len(text); {
		r := text[i]
		if (r < '0' || r > '9') && r != '年' && r != '月' {
			i++ // most characters: the loop must stay this cheap
			continue
		}
		var next int
		switch {
		case isDigit(r):
			dst, next = ds.dateAt(dst, i)
		case (r == '年' || r == '月') && isCnDigit(runeAt(text, i-1)):
			// 一 and 十 are everywhere, 年 and 月 much rarer: a date in
			// Chinese numerals is looked at from its 年 or 月.
			s := i - 1
			for s > 0 && i-s < 4 && isCnDigit(text[s-1]) {
				s--
			}
			dst, next = ds.cnDateAt(dst, s)
		}
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
func (ds *dateScan) dateAt(dst []finding.Finding, s int) ([]finding.Finding, int) {
	text := ds.text
	v, e := digitsAt(text, s)
	n := e - s
	switch c := runeAt(text, e); {
	case c == '年' && n == 4:
		return ds.chineseDate(dst, s, v, e+1)
	case c == '月' && n <= 2:
		return ds.chineseDate(dst, s, 0, s)
	case (c == '-' || c == '/' || c == '.') && n == 4 && runeAt(text, s-1) != '.':
		return ds.numericDate(dst, s, v, e)
	case (c == '/' || c == '.' || c == '-') && n <= 2 && !isDigit(runeAt(text, s-1)) && runeAt(text, s-1) != '.' && runeAt(text, s-1) != '第':
		return ds.shortDate(dst, s, v, e)
	case (c == ':' || c == '：') && n <= 2:
		return clockTime(dst, text, s, v, e)
	case (c == '时' || c == '点') && n <= 2:
		return chineseTime(dst, text, s, v, e)
	}
	return dst, e
}

// chineseDate checks [Y年]M月[D日]; year is 0 when the text gives none, and
// the month digits start at m.
func (ds *dateScan) chineseDate(dst []finding.Finding, s, year, m int) ([]finding.Finding, int) {
	text := ds.text
	month, me := digitsAt(text, m)
	if me == m || me-m > 2 || runeAt(text, me) != '月' {
		if year != 0 && ds.nearYear(year) {
			ds.year = year // 2026年春季学期…3月2日
		}
		return dst, m
	}
	end := me + 1
	if month < 1 || month > 12 {
		if c := runeAt(text, end); c == '龄' || c == '薪' {
			return dst, end
		}
		return append(dst, ruleImpossible.at(text, s, end, "不存在"+strconv.Itoa(month)+"月，请核对日期。", "")), end
	}
	if year != 0 {
		ds.year = year // 2026年3月: the draft's year from here on
	}
	day, de := digitsAt(text, end)
	if de == end || de-end > 2 || (runeAt(text, de) != '日' && runeAt(text, de) != '号') {
		return dst, end
	}
	return ds.checkDate(dst, dateVal{s, de + 1, year, month, day, year != 0})
}

// numericDate checks 2024-04-01, 2024/4/1 and 2024.4.1: the same separator
// twice, and nothing after that makes it a longer dotted number.
func (ds *dateScan) numericDate(dst []finding.Finding, s, year, e int) ([]finding.Finding, int) {
	text := ds.text
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
	return ds.checkDate(dst, dateVal{s, de, year, month, day, true})
}

// shortDate checks 12.19（周六） and 12/19 星期六: a month and day in figures
// are a date only when a weekday says so; 3.5 alone is a number.
func (ds *dateScan) shortDate(dst []finding.Finding, s, month, e int) ([]finding.Finding, int) {
	text := ds.text
	day, de := digitsAt(text, e+1)
	if de == e+1 || de-e-1 > 2 || month < 1 || month > 12 || isDigit(runeAt(text, de)) || runeAt(text, de) == text[e] {
		return dst, e
	}
	if _, we, _ := weekdayAfter(text, de); we == 0 {
		return dst, de
	}
	return ds.checkDate(dst, dateVal{s, de, 0, month, day, false})
}

// checkDate reports an impossible day of month, a period that ends before it
// starts and a weekday beside the date that does not match it. A date
// without a year is read in the year of the draft (see yearFor).
func (ds *dateScan) checkDate(dst []finding.Finding, v dateVal) ([]finding.Finding, int) {
	text := ds.text
	if lunar(text, v.s) {
		return dst, v.e // 农历二月三十
	}
	limit := 29
	if v.yearGiven {
		limit = daysIn(v.y, v.m)
	} else if v.m != 2 {
		limit = daysIn(2000, v.m)
	}
	if v.d < 1 || v.d > limit {
		return append(dst, ruleImpossible.at(text, v.s, v.e, impossibleDay(v, v.yearGiven), "")), v.e
	}
	how, alt := "", 0
	if !v.yearGiven {
		v.y, alt, how = ds.yearFor(v)
	} else {
		ds.year = v.y
	}
	if v.y < 1900 || v.y > 2099 {
		return dst, v.e
	}
	var reversed bool
	if dst, reversed = ds.reversedRange(dst, v); reversed {
		ds.prev = v
		return dst, v.e
	}
	ds.prev = v
	end := v.e
	dst, end = ds.weekdayCheck(dst, v, alt, how)
	if e, ok := ds.dayOnlyEnd(v); ok {
		dst, end = ds.checkDate(dst, e)
	}
	return dst, end
}

// weekdayCheck compares the weekday written after the date (2026年3月2日
// （周一）, 3月2日 星期一) or before it (周六（12月12日）) with the calendar
// of v.y, or of alt when that is not 0 (see yearFor).
func (ds *dateScan) weekdayCheck(dst []finding.Finding, v dateVal, alt int, how string) ([]finding.Finding, int) {
	text := ds.text
	want := weekday(v.y, v.m, v.d)
	ws, we, name := weekdayAfter(text, v.e)
	if we == 0 {
		ws, we, name = weekdayBefore(text, v)
		if we == 0 {
			return dst, v.e
		}
	}
	if sameWeekday(name, want) || (alt != 0 && sameWeekday(name, weekday(alt, v.m, v.d))) {
		return dst, max(we, v.e)
	}
	if alt != 0 {
		how += staleYear(v, name)
	}
	return append(dst, weekdayFinding(text, v, ws, we, want, how)), max(we, v.e)
}

// staleYear names the recent year whose calendar the weekday fits, for a
// date read in the current year: a text reused from an earlier year.
func staleYear(v dateVal, name int) string {
	for y := v.y - 1; y >= v.y-5; y-- {
		if sameWeekday(name, weekday(y, v.m, v.d)) {
			return "（所写星期与" + strconv.Itoa(y) + "年相符，是否沿用了旧稿？）"
		}
	}
	return ""
}

func impossibleDay(v dateVal, yearGiven bool) string {
	if yearGiven && v.m == 2 && v.d == 29 {
		return strconv.Itoa(v.y) + "年不是闰年，2月没有29日，请核对日期。"
	}
	return strconv.Itoa(v.m) + "月没有" + strconv.Itoa(v.d) + "日，请核对日期。"
}

// weekdayAfter finds 星期X / 周X / 礼拜X right after a date, allowing blanks,
// an opening bracket or a comma between them. name is 0-6 from Sunday, 7 for
// 天; we is 0 when there is none. A range of weekdays (周一至周五) says
// when something is open, not which day the date is.
func weekdayAfter(text []rune, i int) (ws, we, name int) {
	for k := 0; k < 2 && isWeekdayLead(runeAt(text, i)); k++ {
		i++
	}
	ws, we, name = weekdayAt(text, i)
	if we == 0 || weekdayRange(text, we) {
		return 0, 0, 0
	}
	return ws, we, name
}

// isWeekdayLead reports what may stand between a date and its weekday.
func isWeekdayLead(r rune) bool {
	switch r {
	case '（', '(', '【', '[', '〔', '，', ',':
		return true
	}
	return isSpace(r)
}

// weekdayAt reads 星期X / 周X / 礼拜X at i.
func weekdayAt(text []rune, i int) (ws, we, name int) {
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

// weekdayRange reports 至周五, 、周六, —星期日 after a weekday ending at we.
func weekdayRange(text []rune, we int) bool {
	if !isRangeMark(runeAt(text, we)) && runeAt(text, we) != '、' && runeAt(text, we) != '和' {
		return false
	}
	_, e, _ := weekdayAt(text, we+1)
	return e > 0
}

// weekdayBefore finds the weekday of 本周六（12月12日）: the date alone in
// brackets right after the weekday.
func weekdayBefore(text []rune, v dateVal) (ws, we, name int) {
	if o := runeAt(text, v.s-1); (o != '（' && o != '(') || (runeAt(text, v.e) != '）' && runeAt(text, v.e) != ')') {
		return 0, 0, 0
	}
	for _, n := range [...]int{2, 3} {
		if ws, we, name = weekdayAt(text, v.s-1-n); we == v.s-1 {
			return ws, we, name
		}
	}
	return 0, 0, 0
}

func weekdayFinding(text []rune, v dateVal, ws, we, want int, how string) finding.Finding {
	prefix := string(text[ws : we-1])
	name := weekdayChars[want]
	if want == 0 && text[we-1] == '天' {
		name = '天'
	}
	sugg := prefix + string(name)
	msg := string(text[v.s:v.e]) + how + "是" + sugg + "，与所写的“" + string(text[ws:we]) + "”不符，请核对日期或星期。"
	return ruleWeekday.at(text, ws, we, msg, sugg)
}

// sameWeekday compares a written weekday (7 for 天) with a computed one.
func sameWeekday(name, want int) bool { return name == want || (name == 7 && want == 0) }

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
