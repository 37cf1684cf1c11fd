package rules

import (
	"strconv"
	"time"

	"shenfa/sensitive/finding"
)

// yearFor returns the year a date written without one (3月2日) is read in,
// another year whose weekday is accepted too (0 for none), and how the year
// was chosen, for the message. The year is that of the period the date ends
// (2026年12月28日至1月3日: the next year when the month comes back round),
// else that of the last date before it that gives one, else that of the
// first such date after it: a notice names its year once and then writes
// 3月2日（周一）. A draft that names no year is read in the current year;
// when it reports what was done (已…, 进行了) the date may be of last year,
// and when it announces a date already past this year, of next year.
func (ds *dateScan) yearFor(v dateVal) (int, int, string) {
	if p, ok := ds.rangeStart(v); ok && ds.prev.y != 0 {
		if v.m < p.m {
			return p.y + 1, 0, "（按次年" + strconv.Itoa(p.y+1) + "年计）"
		}
		return p.y, 0, ""
	}
	if ds.year != 0 {
		return ds.year, 0, "（按上文的" + strconv.Itoa(ds.year) + "年计）"
	}
	if ds.firstYear < 0 {
		ds.firstYear = ds.firstYearAfter(v.e)
	}
	if ds.firstYear > 0 {
		return ds.firstYear, 0, "（按下文的" + strconv.Itoa(ds.firstYear) + "年计）"
	}
	t := ds.now
	y, alt := t.Year(), 0
	if reportsPast(ds.text, v) {
		alt = y - 1
	} else if time.Date(y, time.Month(v.m), v.d, 0, 0, 0, 0, time.Local).Before(t.AddDate(0, -2, 0)) {
		alt = y + 1
	}
	return y, alt, "（稿件未写年份，按今年" + strconv.Itoa(y) + "年计）"
}

// reportsPast reports a sentence that tells what has been done: 已于…,
// 于6月6日进行了现场处置.
func reportsPast(text []rune, v dateVal) bool {
	s, e := around(text, v.s, sentenceEnds)
	for i := s; i < e; i++ {
		switch text[i] {
		case '已', '曾':
			return true
		case '了':
			if p := runeAt(text, i-1); runeAt(text, i+1) != '解' && p != '为' && p != '除' && p != '不' {
				return true
			}
		}
	}
	return false
}

// nearYear reports a year named alone (2026年春季学期) that may be the year
// of the dates after it: this year or the one before or after. 2035年远景目标
// is not.
func (ds *dateScan) nearYear(y int) bool {
	c := ds.now.Year()
	return y >= c-1 && y <= c+1
}

// firstYearAfter returns the year of the first date after i that gives one
// (2026年3月, 2026-03-02, 二〇二六年三月, or 2026年 alone when nearYear), or 0.
func (ds *dateScan) firstYearAfter(i int) int {
	text := ds.text
	for ; i < len(text); i++ {
		r := text[i]
		if isDigit(r) && !isDigit(runeAt(text, i-1)) {
			y, e := digitsAt(text, i)
			if e-i != 4 || y < 1900 || y > 2099 {
				i = e
				continue
			}
			c := runeAt(text, e)
			if (c == '年' && (isDigit(runeAt(text, e+1)) || ds.nearYear(y))) || ((c == '-' || c == '/') && isDigit(runeAt(text, e+1))) {
				return y
			}
			i = e
		} else if isCnDigit(r) && !isCnDigit(runeAt(text, i-1)) {
			if y, e := cnYear(text, i); y > 0 && cnMonthAt(text, e) > 0 {
				return y
			}
		}
	}
	return 0
}

// isRangeMark reports the marks between the two ends of a period.
func isRangeMark(r rune) bool {
	switch r {
	case '至', '到', '—', '–', '-', '～', '~':
		return true
	}
	return false
}

// rangeStart returns the date that the period ending with v starts with:
// the date just before it, with only a range mark (and blanks) between.
func (ds *dateScan) rangeStart(v dateVal) (dateVal, bool) {
	p := ds.prev
	if p.e < 0 || p.e > v.s {
		return p, false
	}
	i := p.e
	if _, we, _ := weekdayAfter(ds.text, i); we > 0 {
		i = we // 12月7日（星期一）至12月15日
		if c := runeAt(ds.text, i); c == '）' || c == ')' || c == '】' || c == ']' {
			i++
		}
	}
	for i < v.s && isSpace(ds.text[i]) {
		i++
	}
	if i >= v.s || !isRangeMark(ds.text[i]) {
		return p, false
	}
	for i++; i < v.s && (isSpace(ds.text[i]) || ds.text[i] == '—'); i++ {
	}
	return p, i == v.s
}

// reversedRange reports a period whose end is before its start:
// 12月20日至12月5日, 2026年4月1日至2025年3月31日. An end without a year
// whose month is earlier (12月28日至1月3日) runs into the next year.
func (ds *dateScan) reversedRange(dst []finding.Finding, v dateVal) ([]finding.Finding, bool) {
	p, ok := ds.rangeStart(v)
	if !ok {
		return dst, false
	}
	before := v.y < p.y || (v.y == p.y && (v.m < p.m || (v.m == p.m && v.d < p.d)))
	if !before {
		return dst, false
	}
	return append(dst, reversedFinding(ds.text, p.s, v.e)), true
}

// reversedFinding reports the period text[s:e].
func reversedFinding(text []rune, s, e int) finding.Finding {
	msg := "起止日期颠倒：“" + string(text[s:e]) + "”的结束日期早于开始日期，请核对。"
	return ruleDateRange.at(text, s, e, msg, "")
}

// dayOnlyEnd reads the end of a period written as a day only, 12月20日至25日,
// as a date in the month of the start.
func (ds *dateScan) dayOnlyEnd(v dateVal) (dateVal, bool) {
	text := ds.text
	i := v.e
	if _, we, _ := weekdayAfter(text, i); we > 0 {
		i = we
		if c := runeAt(text, i); c == '）' || c == ')' {
			i++
		}
	}
	if !isRangeMark(runeAt(text, i)) || runeAt(text, i) == '-' {
		return v, false
	}
	d, de := digitsAt(text, i+1)
	if de == i+1 || de-i-1 > 2 || (runeAt(text, de) != '日' && runeAt(text, de) != '号') {
		return v, false
	}
	return dateVal{i + 1, de + 1, v.y, v.m, d, v.yearGiven}, true
}

// lunar reports a date of the lunar calendar: 农历二月三十, 农历2月30日.
func lunar(text []rune, s int) bool {
	for k := 1; k <= 8 && s-k >= 0; k++ {
		if text[s-k] == '历' && runeAt(text, s-k-1) == '农' {
			return true
		}
		if isBreak(text[s-k]) || text[s-k] == '。' {
			return false
		}
	}
	return false
}
