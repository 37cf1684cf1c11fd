package rules

import (
	"strconv"
	"strings"

	"shenfa/sensitive/finding"
)

// republicYear reports a year of the “中华民国” calendar after 1949
// (民国113年): Taiwan's era must not be used; the year is written in the
// common era. 民国38年 and earlier are history and stay quiet.
func republicYear(text []rune, i int) (finding.Finding, bool) {
	if wordAt(text, i, "民国") == 0 || i > 0 && norm(text[i-1]) == '人' {
		return finding.Finding{}, false // 人民国防 is not 民国
	}
	n, end := eraNumber(text, i+2)
	if end == i+2 || norm(runeAt(text, end)) != '年' || n < 39 {
		return finding.Finding{}, false
	}
	got := string(text[i : end+1])
	year := strconv.Itoa(n+1911) + "年"
	msg := "“" + got + "”是“中华民国”纪年：1949年10月1日以后一律不使用“中华民国”纪年，应写公元纪年“" + year + "”。"
	return ruleTaiwan.at(text, i, end+1, msg, year), true
}

// eraNumber reads a year number at p in Arabic digits or Chinese numerals
// (113, 一百一十三, 一一三) and returns it with the end of its digits.
func eraNumber(text []rune, p int) (int, int) {
	n, q := 0, p
	for q < len(text) && q-p < 4 && isDigit(text[q]) {
		n = n*10 + int(text[q]-'0')
		q++
	}
	if q > p {
		return n, q
	}
	positional, total, digit := true, 0, 0
	for ; q < len(text) && q-p < 6; q++ {
		r := text[q]
		if d := numeral(r); d >= 0 {
			if positional && q > p {
				total = total*10 + digit // 一一三: one digit a place
			}
			digit = d
			continue
		}
		if r != '十' && r != '百' {
			break
		}
		if positional {
			positional, total = false, 0 // 一百一十三: the first digit is still in digit
			if q > p+1 {
				return 0, p // 一一百 is not a number
			}
		}
		place := 10
		if r == '百' {
			place = 100
		}
		total += max(digit, 1) * place
		digit = 0
	}
	if positional {
		return total*10 + digit, q
	}
	return total + digit, q
}

// numeral returns the value of a Chinese digit, or -1.
func numeral(r rune) int {
	if i := strings.IndexRune("〇一二三四五六七八九", r); i >= 0 {
		return i / 3 // three UTF-8 bytes a numeral
	}
	if r == '零' {
		return 0
	}
	return -1
}
