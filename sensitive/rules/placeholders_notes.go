package rules

import (
	"strings"
	"unicode/utf8"

	"shenfa/sensitive/finding"
)

// RuleEditorNote reports an editor's note written without brackets: a
// sentence addressed to a colleague (此处需领导审核。) or a field whose value
// is still to come (直播链接：待定). They read like text, so they warn.
const RuleEditorNote = "placeholder.note"

var ruleEditorNote = rule{finding.Placeholder, finding.Warn, RuleEditorNote}

// mediaWords are what an editor marks the place of: [图片] copied from a
// chat, 【配图】 on a line of its own.
var mediaWords = []string{"图片", "图", "照片", "视频", "音频", "表格", "附件", "二维码", "配图", "海报",
	"动图", "GIF", "gif", "图表", "插图", "表情", "语音", "文件", "截图", "图片1", "图1", "图2"}

// mediaSlot reports a bracket that holds only the name of a medium: [图片]
// anywhere (a chat or an editor leaves it where the picture was), and
// 【图片】 or （照片） alone on a line. 【视频】全县重点项目开工 is a label.
func mediaSlot(text []rune, i, j int, body string) bool {
	found := false
	for _, w := range mediaWords {
		if body == w {
			found = true
			break
		}
	}
	if !found {
		return false
	}
	if text[i] == '[' || text[i] == '［' {
		return true
	}
	return body != "视频" && body != "音频" && lineStart(text, i) && blankToLineEnd(text, j+1)
}

// blankToLineEnd reports whether only blanks follow i on its line.
func blankToLineEnd(text []rune, i int) bool {
	for ; i < len(text) && !isBreak(text[i]); i++ {
		if !isSpace(text[i]) {
			return false
		}
	}
	return true
}

// workflowWords make a sentence that starts with 此处 a note to a
// colleague: 此处需领导审核, 此处插入图表, 此处数据请核实. 此处禁止停车 is a sign.
var workflowWords = []string{"领导", "审核", "审定", "核实", "补充", "插入", "替换", "修改", "确认", "删除",
	"配图", "填写", "添加", "放置", "待定", "待补", "改为", "换成", "图片", "截图"}

// pendingValues are the values of a field that is not filled in yet.
var pendingValues = []string{"待定", "待补", "待补充", "待填", "待填写", "待确认", "待核实", "待完善", "待更新",
	"待提供", "待上传", "待添加", "暂缺", "TBD", "tbd"}

// pendingSentences are whole sentences an editor leaves for a colleague:
// 数据待核实。 以上内容需领导审核。
var pendingSentences = []string{"待核实", "待确认", "待补充", "待审核", "需核实", "需领导审核", "请领导审核",
	"请领导审定", "领导审核后发布", "待领导审核", "待领导审定", "审核后发布", "核实后发布"}

// notePrefix reports the first two characters of a pendingSentences phrase.
func notePrefix(a, b rune) bool {
	switch a {
	case '待':
		return b == '核' || b == '确' || b == '补' || b == '审' || b == '领'
	case '需':
		return b == '核' || b == '领'
	case '请':
		return b == '领'
	case '领':
		return b == '导'
	case '审':
		return b == '核'
	case '核':
		return b == '实'
	}
	return false
}

// maxNoteSentence bounds a note sentence: a note is short.
const maxNoteSentence = 14

// noteStarts marks the characters editorialNotes looks at: it is asked
// about every character of the text, and most are none of these.
var noteStarts = func() (b [0x10000 / 64]uint64) {
	for _, r := range "此：:月〔[［待需请领审核" {
		b[r/64] |= 1 << (r % 64)
	}
	return b
}()

// editorialNotes reports notes to colleagues written without brackets.
func editorialNotes(dst []finding.Finding, text []rune) []finding.Finding {
	for i := 0; i < len(text); i++ {
		if r := uint32(text[i]); r >= 0x10000 || noteStarts[r/64]&(1<<(r%64)) == 0 {
			continue
		}
		switch text[i] {
		case '此':
			if runeAt(text, i+1) == '处' && !isOpenBracket(runeAt(text, i-1)) {
				if e := clauseEnd(text, i); e-i <= 20 && containsAny(string(text[i+2:e]), workflowWords) {
					dst = append(dst, noteFinding(text, i, e))
					i = e
				}
			}
		case '：', ':':
			if s, e, ok := pendingValue(text, i); ok {
				dst = append(dst, noteFinding(text, s, e))
				i = e
			}
		case '月':
			if s, e, ok := blankDate(text, i); ok {
				dst = append(dst, rulePlaceholder.at(text, s, e, "“"+string(text[s:e])+"”"+msgPlaceholder, ""))
				i = e
			}
		case '〔', '[', '［':
			if e := blankDocNumber(text, i); e > i {
				dst = append(dst, rulePlaceholder.at(text, i, e, "文号“"+string(text[i:e])+"”缺少序号，发布前应补上。", ""))
				i = e
			}
		case '待', '需', '请', '领', '审', '核':
			if !notePrefix(text[i], runeAt(text, i+1)) {
				continue // 请, 需 and 核 are common: most are no note
			}
			if s, e, ok := pendingSentence(text, i); ok {
				dst = append(dst, noteFinding(text, s, e))
				i = e
			}
		}
	}
	return dst
}

// isOpenBracket reports the brackets editorNote looks into.
func isOpenBracket(r rune) bool {
	return strings.ContainsRune("【[〔（(［〈<＜{", r)
}

// clauseEnd returns the end of the clause at i: the next mark of
// punctuation or line break.
func clauseEnd(text []rune, i int) int {
	for i < len(text) && !isBreak(text[i]) && !strings.ContainsRune("，。；！？,;!?）)】]", text[i]) {
		i++
	}
	return i
}

// pendingValue reports 直播链接：待定 — a short label at the start of a line,
// a colon at c and a pending value that ends the line or its clause.
func pendingValue(text []rune, c int) (int, int, bool) {
	ls := c
	for ls > 0 && c-ls <= 12 && !isBreak(text[ls-1]) {
		ls--
	}
	if c-ls == 0 || (ls > 0 && !isBreak(text[ls-1])) || !allHan(trimRunes(text[ls:c])) {
		return 0, 0, false
	}
	s := c + 1
	for s < len(text) && isSpace(text[s]) {
		s++
	}
	for _, v := range pendingValues {
		e := s + utf8.RuneCountInString(v)
		if runesAt(text, s, v) && (e == len(text) || isBreak(text[e]) || isSpace(text[e]) || strings.ContainsRune("，。；,;", text[e])) {
			return s, e, true
		}
	}
	return 0, 0, false
}

// trimRunes drops the blanks around rs.
func trimRunes(rs []rune) []rune {
	for len(rs) > 0 && isSpace(rs[0]) {
		rs = rs[1:]
	}
	for len(rs) > 0 && isSpace(rs[len(rs)-1]) {
		rs = rs[:len(rs)-1]
	}
	return rs
}

// pendingSentence reports a short sentence at i that is a note to a
// colleague (以上数据待核实。), from the start of its sentence to its end.
func pendingSentence(text []rune, i int) (int, int, bool) {
	w := ""
	for _, p := range pendingSentences {
		if runesAt(text, i, p) {
			w = p
			break
		}
	}
	if w == "" || strings.ContainsRune("尚有亟等期", runeAt(text, i-1)) {
		return 0, 0, false
	}
	s, e := i, i+utf8.RuneCountInString(w)
	for s > 0 && !isBreak(text[s-1]) && !strings.ContainsRune("。！？；!?;", text[s-1]) {
		s--
	}
	for e < len(text) && !isBreak(text[e]) && !strings.ContainsRune("。！？；!?;", text[e]) {
		e++
	}
	if e-s > maxNoteSentence || strings.ContainsAny(string(text[s:e]), "，,“【[〔（(［〈<＜{") {
		return 0, 0, false // a bracket is editorNote's, a comma makes it prose
	}
	for s < e && isSpace(text[s]) {
		s++
	}
	return s, e, true
}

// noteFinding reports the note text[s:e].
func noteFinding(text []rune, s, e int) finding.Finding {
	msg := "“" + string(text[s:e]) + "”像是编辑之间的批注或尚未填写的内容，发布前应删除或补全。"
	return ruleEditorNote.at(text, s, e, msg, "")
}

// blankDate reports the date line of a template left blank: 2026年  月  日,
// 　　年　　月　　日. m is the 月, with only blanks between it and 年 and
// between it and 日.
func blankDate(text []rune, m int) (int, int, bool) {
	y := m - 1
	for y >= 0 && isSpace(text[y]) {
		y--
	}
	d := m + 1
	for d < len(text) && isSpace(text[d]) {
		d++
	}
	if y < 0 || y == m-1 || text[y] != '年' || d == m+1 || runeAt(text, d) != '日' {
		return 0, 0, false
	}
	s := y
	if !isDigit(runeAt(text, y-1)) {
		for s > 0 && isSpace(text[s-1]) {
			s-- // the year is blank too
		}
	} else {
		s = y + 1
	}
	return s, d + 1, true
}

// blankDocNumber reports a document number without its serial: 临政发〔2026〕号,
// 〔　〕号. It returns the end of the number, or i.
func blankDocNumber(text []rune, i int) int {
	close := map[rune]rune{'〔': '〕', '[': ']', '［': '］'}[text[i]]
	j := i + 1
	for j < len(text) && j-i <= 6 && (isDigit(text[j]) || isSpace(text[j])) {
		j++
	}
	if runeAt(text, j) != close || runeAt(text, j+1) != '号' {
		return i
	}
	digits := 0
	for _, r := range text[i+1 : j] {
		if isDigit(r) {
			digits++
		}
	}
	if digits != 0 && digits != 4 || !isHan(runeAt(text, i-1)) {
		return i // 〔2018〕123号 goes on past 号; [1]号 is a footnote
	}
	return j + 2
}

// emptySlot reports a bracket with nothing in it where text should go:
// 【】 or 【  】 (a title not written), （    ） (a blank in a form).
func emptySlot(text []rune, i, j int) bool {
	blanks := 0
	for _, r := range text[i+1 : j] {
		if !isSpace(r) {
			return false
		}
		blanks++
	}
	switch text[i] {
	case '【', '［':
		return true
	case '（', '(':
		return blanks >= 2
	}
	return false
}

// unknownFigure reports ??, ？？ or ** standing for a figure not yet known:
// 共计??人, 增长＊＊%. A lone mark, or marks not followed by a unit, are
// punctuation or masking (张**).
func unknownFigure(text []rune, i int) int {
	if runeAt(text, i-1) == text[i] {
		return i
	}
	e := i
	for e < len(text) && text[e] == text[i] {
		e++
	}
	if e-i < 2 || (!strings.ContainsRune("人元个户万亿名项件次%％吨亩", runeAt(text, e)) && !hasAny(text, e, []string{"公里", "平方米"})) {
		return i // **县, ****公司: a name masked on purpose
	}
	if p := runeAt(text, i-1); !isHan(p) && !isDigit(p) && p != '：' && p != ':' {
		return i
	}
	return e
}
