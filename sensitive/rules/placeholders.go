package rules

import "shenfa/sensitive/finding"

var rulePlaceholder = rule{finding.Placeholder, finding.Block, RulePlaceholder}

const msgPlaceholder = "疑为模板中未填写的占位符，发布前应替换为实际内容或删除。"

// maxPlaceholder bounds how far a {{…}} or 【…】 may reach: a template
// variable or an editor's note is short, and a bound keeps the scan linear.
const maxPlaceholder = 40

func placeholders(dst []finding.Finding, text []rune) []finding.Finding {
	for i := 0; i < len(text); {
		if r := text[i]; r >= 0x4E00 && r <= 0x9FFF {
			i++ // an ideograph never starts a placeholder
			continue
		}
		end := placeholderAt(text, i)
		if end <= i {
			i++
			continue
		}
		s := i
		for s > 0 && isBlankMark(text[i]) && isDigit(text[s-1]) {
			s-- // 20XX年 is one blank
		}
		dst = append(dst, rulePlaceholder.at(text, s, end, "“"+string(text[s:end])+"”"+msgPlaceholder, ""))
		i = end
	}
	return dst
}

// placeholderAt returns the end of a placeholder starting at i, or i.
func placeholderAt(text []rune, i int) int {
	switch text[i] {
	case '{':
		if runeAt(text, i+1) == '{' {
			return closing(text, i, i+2, "}}")
		}
	case '$':
		if runeAt(text, i+1) == '{' {
			return closing(text, i, i+2, "}")
		}
	case '【', '[', '〔':
		return editorNote(text, i)
	case 'X', 'x', '×', '╳', 'Ｘ', 'ｘ':
		return xRun(text, i)
	case '_', '＿':
		return repeatRun(text, i, 3)
	case '□':
		return repeatRun(text, i, 2)
	case 'T':
		return todo(text, i)
	}
	return i
}

// closing returns the end of the placeholder at i whose body starts at b:
// the first close on the same line within maxPlaceholder characters, after
// a non-empty body; i when there is none.
func closing(text []rune, i, b int, close string) int {
	for j := b; j < len(text) && j-b <= maxPlaceholder && !isBreak(text[j]); j++ {
		if text[j] == rune(close[0]) && (len(close) == 1 || runeAt(text, j+1) == rune(close[1])) {
			if j == b {
				return i
			}
			return j + len(close)
		}
	}
	return i
}

// editorNote recognises 【待补充】, [待定], 【时间待定】: a short bracket that
// holds 待 + 补/定/填/核/确…, the words editors leave for themselves.
// 接待, 期待, 等待 and the like are ordinary words and do not count.
func editorNote(text []rune, i int) int {
	want := ']'
	switch text[i] {
	case '【':
		want = '】'
	case '〔':
		want = '〕'
	}
	note := false
	for j := i + 1; j < len(text) && j-i <= maxPlaceholder && !isBreak(text[j]); j++ {
		switch text[j] {
		case want:
			if note {
				return j + 1
			}
			return i
		case '待':
			note = note || isPendingNote(text, j)
		}
	}
	return i
}

func isPendingNote(text []rune, j int) bool {
	switch runeAt(text, j-1) {
	case '接', '招', '期', '等', '对', '看', '款', '优', '虐', '亟', '有', '善', '留', '静':
		return false
	}
	switch runeAt(text, j+1) {
	case '补', '定', '填', '核', '确', '完', '更', '修', '审', '录', '添', '加', '议', '查', '续':
		return true
	}
	return false
}

// isBlankMark reports the letters used as blanks: XX省, ××同志, ＸＸ.
func isBlankMark(r rune) bool {
	switch r {
	case 'X', 'x', '×', '╳', 'Ｘ', 'ｘ':
		return true
	}
	return false
}

// xRun returns the end of a blank such as XX, 20XX年 or X月X日 starting at i.
// Runs joined to Latin letters (XXL, Xbox, XXI) are words or Roman numerals;
// four or more next to digits (138XXXX1234) are masking, which is wanted.
func xRun(text []rune, i int) int {
	if isLetter(runeAt(text, i-1)) || isBlankMark(runeAt(text, i-1)) {
		return i
	}
	e := i
	for e < len(text) && isBlankMark(text[e]) {
		e++
	}
	if isLetter(runeAt(text, e)) {
		return i
	}
	n := e - i
	nearDigit := isDigit(runeAt(text, i-1)) || isDigit(runeAt(text, e))
	switch {
	case n >= 4 && nearDigit:
		return i
	case n == 1 && (!isDateUnit(runeAt(text, e)) || text[i] == '×' && isDigit(runeAt(text, i-1))):
		return i
	}
	return dateBlanks(text, e)
}

func isDateUnit(r rune) bool {
	switch r {
	case '年', '月', '日', '号', '时', '分':
		return true
	}
	return false
}

// dateBlanks extends a blank over the rest of a date written with blanks:
// X年X月X日 is one placeholder, not three.
func dateBlanks(text []rune, e int) int {
	for isDateUnit(runeAt(text, e)) {
		j := e + 1
		for j < len(text) && (isBlankMark(text[j]) || isDigit(text[j])) {
			j++
		}
		if j == e+1 || !isDateUnit(runeAt(text, j)) {
			return e + 1
		}
		e = j
	}
	return e
}

// repeatRun returns the end of a run of text[i] at least min long, or i.
func repeatRun(text []rune, i, min int) int {
	if runeAt(text, i-1) == text[i] {
		return i
	}
	e := i
	for e < len(text) && text[e] == text[i] {
		e++
	}
	if e-i < min {
		return i
	}
	return e
}

// todo recognises the programmers' TODO and TBD left in a draft.
func todo(text []rune, i int) int {
	if isLetter(runeAt(text, i-1)) {
		return i
	}
	for _, w := range [...]string{"TODO", "TBD"} {
		e := i + len(w)
		if hasWordAt(text, i, w) && !isLetter(runeAt(text, e)) {
			return e
		}
	}
	return i
}

// hasWordAt reports whether the ASCII word w is written at text[i:].
func hasWordAt(text []rune, i int, w string) bool {
	if i+len(w) > len(text) {
		return false
	}
	for k := range len(w) {
		if text[i+k] != rune(w[k]) {
			return false
		}
	}
	return true
}
