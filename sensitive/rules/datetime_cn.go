package rules

import "shenfa/sensitive/finding"

// Dates in Chinese numerals are how 公文 write the date of a document and
// of the events it fixes: 二〇二六年十二月一日, 十二月一日（星期二）.

// isCnDigit reports the numerals that can start a Chinese date.
func isCnDigit(r rune) bool {
	return cnValue(r) >= 0
}

// cnValue is the value of a Chinese digit (〇 and 零 are 0, 十 is 10), or -1.
func cnValue(r rune) int {
	switch r {
	case '〇', '零', 'Ｏ', '○':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	case '十':
		return 10
	}
	return -1
}

// cnYear reads a year written digit by digit (二〇二六年) at i and returns it
// and the index after 年, or 0.
func cnYear(text []rune, i int) (int, int) {
	y := 0
	for k := range 4 {
		v := cnValue(runeAt(text, i+k))
		if v < 0 || v == 10 {
			return 0, i
		}
		y = y*10 + v
	}
	if runeAt(text, i+4) != '年' || y < 1900 || y > 2099 {
		return 0, i
	}
	return y, i + 5
}

// cnNumber reads 一 to 三十一 at i (十二, 二十三, 三十) and returns the value
// and the end, or 0.
func cnNumber(text []rune, i int) (int, int) {
	a := cnValue(runeAt(text, i))
	switch {
	case a <= 0:
		return 0, i
	case a == 10: // 十, 十X
		if b := cnValue(runeAt(text, i+1)); b > 0 && b < 10 {
			return 10 + b, i + 2
		}
		return 10, i + 1
	case runeAt(text, i+1) == '十': // X十, X十Y
		if b := cnValue(runeAt(text, i+2)); b > 0 && b < 10 {
			return a*10 + b, i + 3
		}
		return a * 10, i + 2
	}
	return a, i + 1
}

// cnMonthAt returns the month written at i and ending in 月, or 0.
func cnMonthAt(text []rune, i int) int {
	m, e := cnNumber(text, i)
	if m == 0 || runeAt(text, e) != '月' {
		return 0
	}
	return m
}

// cnDateAt checks a date in Chinese numerals at s: [二〇二六年]十二月一日.
// A month alone (三月, 十月) is no date to check; 第一月, 每一月 and
// 十一月份 are not dates at all.
func (ds *dateScan) cnDateAt(dst []finding.Finding, s int) ([]finding.Finding, int) {
	text := ds.text
	year, m := cnYear(text, s)
	if year == 0 {
		m = s
		if p := runeAt(text, s-1); p == '第' || p == '每' || p == '农' || p == '腊' || p == '正' || p == '个' {
			return dst, s + 1
		}
	}
	month, me := cnNumber(text, m)
	if month == 0 || runeAt(text, me) != '月' {
		return dst, max(m, s+1)
	}
	if year != 0 {
		ds.year = year
	}
	if month > 12 {
		if year == 0 {
			return dst, me + 1 // 二十月 is no usage to report without a year
		}
		return append(dst, ruleImpossible.at(text, s, me+1, "不存在该月份，请核对日期。", "")), me + 1
	}
	day, de := cnNumber(text, me+1)
	if day == 0 || (runeAt(text, de) != '日' && runeAt(text, de) != '号') {
		return dst, me + 1
	}
	return ds.checkDate(dst, dateVal{s, de + 1, year, month, day, year != 0})
}
