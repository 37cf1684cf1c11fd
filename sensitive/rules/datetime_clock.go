package rules

import "shenfa/sensitive/finding"

// clockTime checks H:MM. Scores and ratios share the shape (比分 25:23,
// 1:60比例, 以25:19、25:17战胜), so a 比 nearby, a third field or a list of
// them leaves it alone.
func clockTime(dst []finding.Finding, text []rune, s, h, e int) ([]finding.Finding, int) {
	mm, me := digitsAt(text, e+1)
	if me-e-1 != 2 {
		return dst, e + 1
	}
	if c := runeAt(text, me); c == ':' || c == '：' || c == '比' || runeAt(text, s-1) == ':' || nearBi(text, s) || scoreList(text, s, me) {
		return dst, me
	}
	if morning(text, s) && h >= 13 && h <= 24 {
		return append(dst, ruleImpossible.at(text, s, me, msgMorning, "")), me
	}
	if h > 29 || validClock(h, mm) {
		return dst, me
	}
	return append(dst, ruleImpossible.at(text, s, me, "时间不存在：一天只有0—24时，一小时只有0—59分，请核对。", "")), me
}

// scoreList reports a score in a list of scores or after 以: 以25:19、25:17.
func scoreList(text []rune, s, e int) bool {
	p := runeAt(text, s-1)
	return p == '以' || (p == '、' && isDigit(runeAt(text, s-2))) ||
		(runeAt(text, e) == '、' && isDigit(runeAt(text, e+1)))
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
		if morning(text, s) && h >= 13 && h <= 24 {
			return append(dst, ruleImpossible.at(text, s, e+1, msgMorning, "")), e + 1
		}
		if hourPast24(text, s, h, e) {
			return append(dst, ruleImpossible.at(text, s, e+1, "时间不存在：一天只有0—24时，请核对。", "")), e + 1
		}
		return dst, e + 1
	}
	if morning(text, s) && h >= 13 && h <= 24 {
		return append(dst, ruleImpossible.at(text, s, me+1, msgMorning, "")), me + 1
	}
	if validClock(h, mm) {
		return dst, me + 1
	}
	return append(dst, ruleImpossible.at(text, s, me+1, "时间不存在：一天只有0—24时，一小时只有0—59分，请核对。", "")), me + 1
}

// hourPast24 reports 25时 to 29时 said as a time of day (每晚25时前,
// 凌晨26时): a slip for 23时 or 24时. 时 also ends 时期, 时代, 时候, and a
// figure after 第 or before 小 is a count.
func hourPast24(text []rune, s, h, e int) bool {
	if text[e] != '时' || h < 25 || h > 29 || runeAt(text, s-1) == '第' || isDigit(runeAt(text, s-1)) {
		return false
	}
	switch runeAt(text, e+1) {
	case '期', '代', '候', '段', '间', '速', '长', '区', '辰', '刻', '序', '效', '针', '空', '尚', '髦', '装', '事', '政', '节', '日', '机':
		return false
	}
	return true
}

const msgMorning = "上午、早上没有13时以后的钟点：请核对是上午还是下午，或改用24小时制而不写“上午”。"

// morning reports 上午, 早上, 清晨 right before the hour at s.
func morning(text []rune, s int) bool {
	for s > 0 && isSpace(text[s-1]) {
		s--
	}
	return endsWithAny(text, s, []string{"上午", "早上", "早晨", "清晨", "凌晨"})
}

// validClock allows 24:00 as the end of a day and nothing past it.
func validClock(h, m int) bool {
	return m < 60 && (h < 24 || (h == 24 && m == 0))
}
