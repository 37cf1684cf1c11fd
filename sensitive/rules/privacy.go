package rules

import "shenfa/sensitive/finding"

var (
	ruleIDCard    = rule{finding.Privacy, finding.Block, RuleIDCard}
	ruleIDCardOld = rule{finding.Privacy, finding.Warn, RuleIDCard}
	ruleMobile    = rule{finding.Privacy, finding.Warn, RuleMobile}
	ruleBankCard  = rule{finding.Privacy, finding.Block, RuleBankCard}
	ruleEmail     = rule{finding.Privacy, finding.Info, RuleEmail}
)

const (
	msgIDCard   = "18位身份证号码（校验位正确）不得在公开信息中完整出现，应去标识化处理，如 35**************23。"
	msgIDCard15 = "疑似15位旧式身份证号码（出生日期有效），公开信息中不得完整出现，应去标识化处理。"
	msgMobile   = "手机号码属于个人信息，公开信息中不得完整出现，应去标识化处理，如 138****1234。"
	msgBankCard = "疑似银行卡号（Luhn 校验通过），公开信息中不得完整出现，应去标识化处理，只保留前后四位。"
	msgEmail    = "电子邮箱地址可能是个人信息：如为个人邮箱，公开前应确认本人同意或作去标识化处理。"
)

// maxDigits bounds the digits a grouped number may collect: nothing longer
// than a 19-digit bank card is of interest, and a bound keeps the buffer on the stack.
const maxDigits = 24

// number is a run of digits, possibly grouped by one kind of separator
// (138 1234 5678, 6222-0212-3456-7890).
type number struct {
	end    int
	sep    rune
	groups [6]int
	ng     int
	d      [maxDigits]byte
	nd     int
}

func privacy(dst []finding.Finding, text []rune) []finding.Finding {
	for i := 0; i < len(text); {
		r := text[i]
		switch {
		case r >= 0x80 && r != '＠':
			i++ // ideographs and marks: the common case first
		case isDigit(r):
			var next int
			dst, next = numberAt(dst, text, i)
			i = next
		case r == '@' || r == '＠':
			dst = emailAt(dst, text, i)
			i++
		default:
			i++
		}
	}
	return dst
}

// numberAt looks at the digits starting at s and returns where scanning resumes.
func numberAt(dst []finding.Finding, text []rune, s int) ([]finding.Finding, int) {
	e := s
	for e < len(text) && isDigit(text[e]) {
		e++
	}
	if leftGlued(text, s) {
		return dst, e
	}
	var n number
	readGroups(text, s, &n)
	if n.ng > 1 {
		if f, ok := groupedNumber(text, s, &n); ok {
			return append(dst, f), n.end
		}
	}
	if f, ok := plainNumber(text, s, e); ok {
		return append(dst, f), f.End
	}
	return dst, e
}

// leftGlued reports digits that continue something else: a longer number, a
// code such as A123, a decimal, a path or an already masked number.
func leftGlued(text []rune, i int) bool {
	p := runeAt(text, i-1)
	switch p {
	case '_', '*', '.', '/', '%', '=', '#', '×', 'Ｘ':
		return true
	case '-':
		return isDigit(runeAt(text, i-2)) && !isPlus86(text, i-1)
	}
	return isAlnum(p)
}

// rightGlued is leftGlued seen from the end of a number.
func rightGlued(text []rune, e int) bool {
	n := runeAt(text, e)
	switch n {
	case '_', '*', '×', 'Ｘ':
		return true
	case '.', '-':
		return isDigit(runeAt(text, e+1))
	}
	return isAlnum(n)
}

// isPlus86 reports whether text[j-3:j] is "+86".
func isPlus86(text []rune, j int) bool {
	return runeAt(text, j-3) == '+' && runeAt(text, j-2) == '8' && runeAt(text, j-1) == '6'
}

// readGroups fills n with the digits at s and any further groups joined by
// the same single space or hyphen.
func readGroups(text []rune, s int, n *number) {
	i := s
	for n.ng < len(n.groups) {
		start := i
		for i < len(text) && isDigit(text[i]) {
			if n.nd < maxDigits {
				n.d[n.nd] = byte(text[i] - '0')
			}
			n.nd++
			i++
		}
		n.groups[n.ng] = i - start
		n.ng++
		n.end = i
		sep := runeAt(text, i)
		if (sep != ' ' && sep != '-') || !isDigit(runeAt(text, i+1)) || (n.sep != 0 && sep != n.sep) {
			return
		}
		n.sep = sep
		i++
	}
}

// groupedNumber recognises 138 1234 5678 and 6222 0212 3456 7890 [123].
func groupedNumber(text []rune, s int, n *number) (finding.Finding, bool) {
	if n.nd > maxDigits || rightGlued(text, n.end) {
		return finding.Finding{}, false
	}
	d := n.d[:n.nd]
	g := n.groups[:n.ng]
	if len(g) == 3 && g[0] == 3 && g[1] == 4 && g[2] == 4 && isMobile(d) {
		return mobileFinding(text, s, n.end), true
	}
	if bankGrouping(g) && isBankCard(d) {
		return ruleBankCard.at(text, s, n.end, msgBankCard, maskDigits(text[s:n.end], 4, 4)), true
	}
	return finding.Finding{}, false
}

// bankGrouping reports groups of four with a shorter last group.
func bankGrouping(g []int) bool {
	for i, l := range g {
		last := i == len(g)-1
		if (!last && l != 4) || (last && (l < 1 || l > 4)) {
			return false
		}
	}
	return len(g) >= 4
}

// plainNumber classifies an ungrouped run of digits text[s:e].
func plainNumber(text []rune, s, e int) (finding.Finding, bool) {
	l := e - s
	if l > 19 {
		return finding.Finding{}, false
	}
	var buf [20]byte
	d := buf[:l]
	for i := range d {
		d[i] = byte(text[s+i] - '0')
	}
	if l == 17 && (runeAt(text, e) == 'X' || runeAt(text, e) == 'x') && !rightGlued(text, e+1) {
		if isIDCard18(d, 10) {
			return ruleIDCard.at(text, s, e+1, msgIDCard, maskDigits(text[s:e+1], 2, 2)), true
		}
		return finding.Finding{}, false
	}
	if rightGlued(text, e) {
		return finding.Finding{}, false
	}
	return classifyRun(text, s, e, d)
}

// classifyRun decides what a free-standing run of digits is, the most serious reading first.
func classifyRun(text []rune, s, e int, d []byte) (finding.Finding, bool) {
	switch {
	case len(d) == 18 && isIDCard18(d[:17], d[17]):
		return ruleIDCard.at(text, s, e, msgIDCard, maskDigits(text[s:e], 2, 2)), true
	case len(d) >= 16 && isBankCard(d):
		return ruleBankCard.at(text, s, e, msgBankCard, maskDigits(text[s:e], 4, 4)), true
	case len(d) == 15 && isIDCard15(d):
		return ruleIDCardOld.at(text, s, e, msgIDCard15, maskDigits(text[s:e], 2, 2)), true
	case len(d) == 11 && isMobile(d):
		return mobileFinding(text, s, e), true
	case len(d) == 13 && d[0] == 8 && d[1] == 6 && runeAt(text, s-1) == '+' && isMobile(d[2:]):
		return ruleMobile.at(text, s-1, e, msgMobile, maskDigits(text[s-1:e], 5, 4)), true
	}
	return finding.Finding{}, false
}

// mobileFinding reports a mobile number, taking in a "+86 " or "+86-" before it.
func mobileFinding(text []rune, s, e int) finding.Finding {
	head := 3
	if p := runeAt(text, s-1); (p == ' ' || p == '-') && isPlus86(text, s-1) {
		s -= 4
		head = 5
	} else if isPlus86(text, s) {
		s -= 3
		head = 5
	}
	return ruleMobile.at(text, s, e, msgMobile, maskDigits(text[s:e], head, 4))
}

func isMobile(d []byte) bool { return len(d) == 11 && d[0] == 1 && d[1] >= 3 }

// provinces holds the first two digits of GB/T 2260 region codes: a
// stricter test than "first digit 1-8" that keeps random numbers out.
var provinces = [100]bool{
	11: true, 12: true, 13: true, 14: true, 15: true, 21: true, 22: true, 23: true,
	31: true, 32: true, 33: true, 34: true, 35: true, 36: true, 37: true,
	41: true, 42: true, 43: true, 44: true, 45: true, 46: true,
	50: true, 51: true, 52: true, 53: true, 54: true,
	61: true, 62: true, 63: true, 64: true, 65: true, 71: true, 81: true, 82: true, 83: true,
}

// isIDCard18 checks the GB 11643 number whose first 17 digits are d and whose
// check character is check (0-9, or 10 for X).
func isIDCard18(d []byte, check byte) bool {
	if len(d) != 17 || !provinces[int(d[0])*10+int(d[1])] {
		return false
	}
	if !validYMD(num(d[6:10]), num(d[10:12]), num(d[12:14])) {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(d[i]) * w
	}
	want := [11]byte{1, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2}[sum%11]
	return check == want
}

// isIDCard15 checks a pre-1999 ID: region, then a 19YY birth date.
func isIDCard15(d []byte) bool {
	return provinces[int(d[0])*10+int(d[1])] && validYMD(1900+num(d[6:8]), num(d[8:10]), num(d[10:12]))
}

// isBankCard applies Luhn and a plausible issuer prefix (UnionPay 62, Visa 4,
// Mastercard 51-55 and 2221-2720, JCB 35, Discover 60/65, domestic 95).
func isBankCard(d []byte) bool {
	if len(d) < 16 || len(d) > 19 || !luhn(d) {
		return false
	}
	p2 := num(d[:2])
	switch {
	case d[0] == 4, p2 >= 51 && p2 <= 55, p2 == 62, p2 == 60, p2 == 65, p2 == 35, p2 == 95:
		return true
	}
	p4 := num(d[:4])
	return p4 >= 2221 && p4 <= 2720
}

func luhn(d []byte) bool {
	sum := 0
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i])
		if (len(d)-1-i)%2 == 1 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

// num reads decimal digits as an int.
func num(d []byte) int {
	v := 0
	for _, c := range d {
		v = v*10 + int(c)
	}
	return v
}

// validYMD reports a real calendar date between 1900 and 2099.
func validYMD(y, m, d int) bool {
	return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

// maskDigits keeps the first head and last tail digits (X counts as a digit)
// and stars the rest, leaving separators where they were.
func maskDigits(span []rune, head, tail int) string {
	total := 0
	for _, r := range span {
		if isDigit(r) || r == 'X' || r == 'x' {
			total++
		}
	}
	out := make([]rune, len(span))
	k := 0
	for i, r := range span {
		out[i] = r
		if isDigit(r) || r == 'X' || r == 'x' {
			if k >= head && k < total-tail {
				out[i] = '*'
			}
			k++
		}
	}
	return string(out)
}

// emailAt reports the address around the @ at a, if there is one.
func emailAt(dst []finding.Finding, text []rune, a int) []finding.Finding {
	s := a
	for s > 0 && isLocalPart(text[s-1]) {
		s--
	}
	for s < a && text[s] == '.' {
		s++
	}
	e := a + 1
	for e < len(text) && (isAlnum(text[e]) || text[e] == '-' || text[e] == '.') {
		e++
	}
	for e > a+1 && (text[e-1] == '.' || text[e-1] == '-') {
		e--
	}
	if s == a || !domainHasTLD(text[a+1:e]) {
		return dst
	}
	sugg := string(text[s]) + "***" + string(text[a:e])
	return append(dst, ruleEmail.at(text, s, e, msgEmail, sugg))
}

func isLocalPart(r rune) bool {
	return isAlnum(r) || r == '.' || r == '_' || r == '%' || r == '+' || r == '-'
}

// domainHasTLD reports a host name with a dot and a final label of two or more letters.
func domainHasTLD(host []rune) bool {
	dot := -1
	for i, r := range host {
		if r == '.' {
			dot = i
		}
	}
	if dot <= 0 || len(host)-dot-1 < 2 {
		return false
	}
	for _, r := range host[dot+1:] {
		if !isLetter(r) {
			return false
		}
	}
	return true
}
