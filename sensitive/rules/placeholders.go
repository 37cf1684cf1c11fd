package rules

import (
	"strings"

	"shenfa/sensitive/finding"
)

var rulePlaceholder = rule{finding.Placeholder, finding.Block, RulePlaceholder}

const msgPlaceholder = "疑为模板中未填写的占位符，发布前应替换为实际内容或删除。"

// maxPlaceholder bounds how far a {{…}} or 【…】 may reach: a template
// variable or an editor's note is short, and a bound keeps the scan linear.
const maxPlaceholder = 40

// maxField is the longest template field label: 单位名称, 派出所电话.
const maxField = 10

func placeholders(dst []finding.Finding, text []rune) []finding.Finding {
	dst = editorialNotes(dst, text)
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
	case '$':
		if runeAt(text, i+1) == '{' {
			return closing(text, i, i+2, "}")
		}
	case '{':
		if runeAt(text, i+1) == '{' {
			return closing(text, i, i+2, "}}")
		}
		return editorNote(text, i)
	case '【', '[', '〔', '（', '(', '［', '〈', '<', '＜':
		return editorNote(text, i)
	case 'X', 'x', '×', '╳', 'Ｘ', 'ｘ':
		return xRun(text, i)
	case '_', '＿':
		return repeatRun(text, i, 3)
	case '?', '？', '*', '＊':
		return unknownFigure(text, i)
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

// editorNote recognises the notes editors leave for themselves in a short
// bracket: 【待补充】, [待定], 【时间待定】 (待 + 补/定/填/核/确…),
// instructions such as （此处插入图片）, 【配图】, ［记者补充数据］,
// （发布前删除）, template fields such as {姓名}, 【网友昵称】,
// （主持人姓名）. 接待, 期待, 等待 are ordinary words; 【联系电话】 at the
// start of a line with text after it is a heading, and （图为…，记者 王强 摄）
// a caption.
func editorNote(text []rune, i int) int {
	want := closer(text[i])
	note := false
	for j := i + 1; j < len(text) && j-i <= maxPlaceholder && !isBreak(text[j]); j++ {
		switch text[j] {
		case want:
			body := string(text[i+1 : j])
			if emptySlot(text, i, j) {
				return j + 1
			}
			if j == i+1 || !note && !instruction(body) && !field(text, i, j, body) && !mediaSlot(text, i, j, body) {
				return i
			}
			return j + 1
		case '待':
			note = note || isPendingNote(text, j)
		}
	}
	return i
}

func closer(open rune) rune {
	switch open {
	case '【':
		return '】'
	case '〔':
		return '〕'
	case '（':
		return '）'
	case '(':
		return ')'
	case '［':
		return '］'
	case '{':
		return '}'
	case '〈':
		return '〉'
	case '<':
		return '>'
	case '＜':
		return '＞'
	}
	return ']'
}

// editorInstructions are what an editor writes to a colleague, not to readers.
var editorInstructions = []string{"此处插入", "此处放", "此处补", "此处填", "此处添加", "此处为表格", "此处为图片",
	"此处删去", "此处删除", "此处替换", "此处配", "插入图片", "插入视频", "插入照片", "插入表格", "插入链接",
	"配图", "插图", "发布前", "发布时", "编辑删除", "请编辑", "编辑注", "请删除", "需删除", "请核实", "请填写",
	"需补充", "请补充", "记者补充", "补充数据", "请替换", "审定后补", "核实后再", "核实数据后", "TODO", "TBD", "FIXME",
	// the workflow between colleagues: 需领导审核, 待分管领导审定, 审核后发布
	"需领导", "请领导", "领导审核", "领导审定", "领导签批", "审核后发布", "审定后发布", "核实后发布", "此处需", "此处请", "此处待",
	"需核实", "需确认", "请确认", "待提供", "由编辑", "小编补", "请修改", "需修改"}

// captionMarks make a bracket a caption or a credit: （资料图，记者 王强 摄）.
var captionMarks = []string{"摄", "供图", "资料图", "图为", "配图为", "配图来源", "图片来源：新华", "来源："}

func instruction(body string) bool {
	if containsAny(body, captionMarks) && !strings.Contains(body, "待") {
		return false
	}
	return containsAny(body, editorInstructions) || awaits(body)
}

// awaitedVerbs are what a note waits for someone to do: 〈待供电所提供〉,
// 【待办公室核实】.
var awaitedVerbs = []string{"提供", "补充", "确认", "核实", "审核", "审定", "填写", "更新", "反馈", "核定", "补齐"}

// awaits reports 待 + who + what in a bracket: 待供电所提供.
func awaits(body string) bool {
	i := strings.Index(body, "待")
	if i < 0 {
		return false
	}
	if p := []rune(body[:i]); len(p) > 0 && strings.ContainsRune("接招期等对看款优虐亟有善留静尚", p[len(p)-1]) {
		return false // 等待审核 says what is happening
	}
	rest := []rune(body[i+len("待"):])
	return len(rest) <= 8 && containsAny(string(rest), awaitedVerbs)
}

// field reports a template field left unfilled: {单位名称} (a brace never
// holds prose in Chinese text), or a short label such as 网友昵称, 主持人姓名
// that is not a heading.
func field(text []rune, i, j int, body string) bool {
	rs := []rune(body)
	if !allHan(rs) || len(rs) > maxField {
		return false
	}
	if text[i] == '{' {
		return true
	}
	if strings.ContainsRune("或及和即含如", rs[0]) {
		return false // 反映人姓名、工作单位(或反映机构名称): prose that names an alternative
	}
	if !containsSuffix(body, "姓名", "名称", "昵称", "电话", "号码", "金额", "职务", "日期", "标题", "时间", "地点", "地址",
		"链接", "网址", "作者", "来源", "联系人", "邮箱", "编号") {
		return false
	}
	heading := lineStart(text, i) && j+1 < len(text) && !isBreak(text[j+1])
	return !heading
}

// lineStart reports whether only blanks precede i on its line.
func lineStart(text []rune, i int) bool {
	for i--; i >= 0 && !isBreak(text[i]); i-- {
		if !isSpace(text[i]) {
			return false
		}
	}
	return true
}

func isPendingNote(text []rune, j int) bool {
	switch runeAt(text, j-1) {
	case '接', '招', '期', '等', '对', '看', '款', '优', '虐', '亟', '有', '善', '留', '静', '尚':
		return false
	}
	switch runeAt(text, j+1) {
	case '补', '定', '填', '核', '确', '完', '更', '修', '审', '录', '添', '加', '议', '查', '续', '上', '删', '替', '提', '插':
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
	if isLetter(runeAt(text, e)) || inIdentifier(text, i, e) {
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

// inIdentifier reports X's inside a run of letters and digits that holds
// another letter: J5xX221102 in a video id, AB5xX72C. 20XX and 138XXXX1234
// hold only digits and stay blanks or masks.
func inIdentifier(text []rune, s, e int) bool {
	for k := s - 1; k >= 0 && isAlnum(text[k]); k-- {
		if isLetter(text[k]) && !isBlankMark(text[k]) {
			return true
		}
	}
	for k := e; k < len(text) && isAlnum(text[k]); k++ {
		if isLetter(text[k]) && !isBlankMark(text[k]) {
			return true
		}
	}
	return false
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
