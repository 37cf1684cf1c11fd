package rules

import (
	"shenfa/sensitive/finding"
)

// RuleFullStop reports an ASCII full stop that ends a Chinese sentence.
const RuleFullStop = "punctuation.full_stop"

var (
	ruleFullStop = rule{finding.Punctuation, finding.Warn, RuleFullStop}
	ruleUnpaired = rule{finding.Punctuation, finding.Warn, RuleUnpaired}
	ruleDoubled  = rule{finding.Punctuation, finding.Warn, RuleDoubled}
	ruleASCII    = rule{finding.Punctuation, finding.Info, RuleASCII}
)

// pairs lists the paired marks, opening and closing.
var pairs = [...][2]rune{{'“', '”'}, {'‘', '’'}, {'（', '）'}, {'《', '》'},
	{'【', '】'}, {'〔', '〕'}, {'「', '」'}, {'『', '』'}}

// pairKind returns the index in pairs of a paired mark and whether it opens.
// A switch, not a loop over pairs: it runs on every character.
func pairKind(r rune) (kind int, open, ok bool) {
	switch r {
	case '“':
		return 0, true, true
	case '”':
		return 0, false, true
	case '‘':
		return 1, true, true
	case '’':
		return 1, false, true
	case '（':
		return 2, true, true
	case '）':
		return 2, false, true
	case '《':
		return 3, true, true
	case '》':
		return 3, false, true
	case '【':
		return 4, true, true
	case '】':
		return 4, false, true
	case '〔':
		return 5, true, true
	case '〕':
		return 5, false, true
	case '「':
		return 6, true, true
	case '」':
		return 6, false, true
	case '『':
		return 7, true, true
	case '』':
		return 7, false, true
	}
	return 0, false, false
}

// asciiMarks are the ASCII marks that have a full-width form in Chinese text;
// ( and ) share a slot so that a bracketed phrase counts once.
var asciiMarks = [...]struct {
	ascii string
	full  string
}{{",", "，"}, {";", "；"}, {":", "："}, {"?", "？"}, {"!", "！"}, {"()", "（）"}, {"\"", "“”"}}

func asciiSlot(r rune) int {
	switch r {
	case ',':
		return 0
	case ';':
		return 1
	case ':':
		return 2
	case '?':
		return 3
	case '!':
		return 4
	case '(', ')':
		return 5
	case '"':
		return 6
	}
	return -1
}

// paragraph is the per-line state of the punctuation scan. The stack is a
// fixed array: nesting deeper than it is not checked, and no allocation is made.
type paragraph struct {
	stack     [32]int
	depth     int
	carried   int   // how many of stack are marks opened on the line before
	asciiAt   []int // positions of ASCII marks in Chinese sentences
	asciiSlot []int // their slot in asciiMarks
}

func punctuation(dst []finding.Finding, text []rune) []finding.Finding {
	var p paragraph
	for ls := 0; ls < len(text); {
		le := lineEnd(text, ls)
		dst = p.scan(dst, text, ls, le)
		ls = le + 1
	}
	return dst
}

// scan checks the paragraph text[ls:le].
func (p *paragraph) scan(dst []finding.Finding, text []rune, ls, le int) []finding.Finding {
	p.depth = p.carried // marks carried over from the line before
	p.carried = 0
	p.asciiAt, p.asciiSlot = p.asciiAt[:0], p.asciiSlot[:0]
	dst = lineOpensWithPoint(dst, text, ls, le)
	dst = lineEndsWithComma(dst, text, ls, le)
	for i := ls; i < le; i++ {
		r := text[i]
		if r >= 0x4E00 && r <= 0x9FFF {
			continue // most characters: an ideograph is never a mark
		}
		if k, open, ok := pairKind(r); ok {
			dst = p.paired(dst, text, ls, i, k, open)
			continue
		}
		if slot := asciiSlot(r); slot >= 0 {
			p.ascii(text, i, slot)
			continue
		}
		if r == '.' || r == '．' || r == '｡' {
			if fullStop(text, ls, i, le) {
				dst = append(dst, ruleFullStop.at(text, i, i+1, msgFullStop, "。"))
			} else if r == '.' {
				dst = p.asciiEllipsis(dst, text, i)
			}
			continue
		}
		if r == '！' && p.quoted(text) {
			continue // “冲啊！！” is the speaker's
		}
		if n := doubledRun(text, i, le); n > 1 {
			dst = append(dst, doubledFinding(text, i, n))
			i += n - 1
		} else if n := mixedRun(text, i, le); n > 1 {
			dst = append(dst, mixedFinding(text, i, n))
			i += n - 1
		} else if r == '…' {
			dst = lonelyEllipsis(dst, text, i)
		}
	}
	dst = p.unclosed(dst, text, le)
	return p.asciiFindings(dst, text)
}

// paired matches a bracket or quote at i against the open ones.
func (p *paragraph) paired(dst []finding.Finding, text []rune, ls, i, k int, open bool) []finding.Finding {
	if open {
		if p.depth < len(p.stack) {
			p.stack[p.depth] = i
			p.depth++
		}
		return dst
	}
	if k == 1 && isLetter(runeAt(text, i-1)) && isLetter(runeAt(text, i+1)) {
		return dst // an apostrophe in English: don’t
	}
	for d := p.depth - 1; d >= 0; d-- {
		if kd, _, _ := pairKind(text[p.stack[d]]); kd == k {
			for _, j := range p.stack[d+1 : p.depth] {
				dst = append(dst, unpairedFinding(text, j))
			}
			p.depth = d
			return dst
		}
	}
	if k == 2 && isListMarker(text, ls, i) {
		return dst
	}
	return append(dst, unpairedFinding(text, i))
}

// isListMarker reports a closing bracket that numbers a list item: 1） 二） a）
// at the start of a paragraph or after a blank or a sentence mark.
func isListMarker(text []rune, ls, i int) bool {
	j := i - 1
	for j >= ls && j > i-3 && (isDigit(text[j]) || isLetter(text[j]) || isChineseNumeral(text[j])) {
		j--
	}
	if j == i-1 {
		return false
	}
	if j < ls {
		return true
	}
	switch c := text[j]; {
	case isSpace(c), c == '。', c == '；', c == '：', c == '，':
		return true
	}
	return false
}

func isChineseNumeral(r rune) bool {
	switch r {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// unclosed reports the marks still open at the end of a paragraph. One “
// may stay open when the next paragraph opens with “ again: that is how a
// quotation running over several paragraphs is written. A mark that the
// next line closes is carried over to it: a title broken after its colon
// (“红厅论坛：⏎读懂……”, 《北京人：⏎……》) is one title on two lines.
func (p *paragraph) unclosed(dst []finding.Finding, text []rune, le int) []finding.Finding {
	continued := -1
	for d := p.depth - 1; d >= 0; d-- {
		if text[p.stack[d]] == '“' {
			if nextParagraphStart(text, le) == '“' {
				continued = d
			}
			break
		}
	}
	var carry [len(paragraph{}.stack)]int
	n := 0
	for d := 0; d < p.depth; d++ {
		switch k, _, _ := pairKind(text[p.stack[d]]); {
		case d == continued:
		case nextLineCloses(text, le, k):
			carry[n] = p.stack[d]
			n++
		default:
			dst = append(dst, unpairedFinding(text, p.stack[d]))
		}
	}
	copy(p.stack[:], carry[:n])
	p.carried = n
	return dst
}

// nextLineCloses reports whether the next line that is not blank after the
// one ending at le closes a mark of kind k that it did not open.
func nextLineCloses(text []rune, le, k int) bool {
	i := le
	for i < len(text) && (isBreak(text[i]) || isSpace(text[i])) {
		i++
	}
	open := 0
	for ; i < len(text) && !isBreak(text[i]); i++ {
		if kind, opens, ok := pairKind(text[i]); ok && kind == k {
			if opens {
				open++
			} else if open == 0 {
				return true
			} else {
				open--
			}
		}
	}
	return false
}

// nextParagraphStart returns the first non-blank character after the line
// ending at le, or 0.
func nextParagraphStart(text []rune, le int) rune {
	for i := le; i < len(text); i++ {
		if r := text[i]; !isBreak(r) && !isSpace(r) {
			return r
		}
	}
	return 0
}

func unpairedFinding(text []rune, i int) finding.Finding {
	k, open, _ := pairKind(text[i])
	mark, partner := string(pairs[k][0]), string(pairs[k][1])
	msg := "“" + mark + "”在本段没有对应的“" + partner + "”，标点应成对使用。"
	if !open {
		mark, partner = partner, mark
		msg = "“" + partner + "”在本段没有对应的“" + mark + "”，标点应成对使用。"
	}
	return ruleUnpaired.at(text, i, i+1, msg, partner)
}

// doubledRun returns how many times the mark at i repeats (1 when it does not
// or when the mark is one whose doubling is standard or emphatic).
func doubledRun(text []rune, i, le int) int {
	switch text[i] {
	case '，', '。', '、', '；', '：', '？', '！':
	default:
		return 1
	}
	if i > 0 && text[i-1] == text[i] {
		return 1
	}
	n := 1
	for i+n < le && text[i+n] == text[i] {
		n++
	}
	return n
}

func doubledFinding(text []rune, i, n int) finding.Finding {
	mark := string(text[i])
	if text[i] == '。' && n >= 3 {
		return ruleDoubled.at(text, i, i+n, "连续的句号不是省略号，省略号应写作“……”。", "……")
	}
	if text[i] == '！' {
		return ruleDoubled.at(text, i, i+n, "叹号叠用：政务发布的语气应平实，只用一个“！”。", mark)
	}
	return ruleDoubled.at(text, i, i+n, "标点“"+mark+"”重复，应只用一个。", mark)
}

// ascii counts an ASCII mark that sits in Chinese text. Numbers (1,000 and
// 10:30), URLs, e-mail addresses and English phrases have no Chinese
// character beside the mark and are left alone.
func (p *paragraph) ascii(text []rune, i, slot int) {
	prev, next := runeAt(text, i-1), runeAt(text, i+1)
	if isSpace(next) {
		next = runeAt(text, i+2)
	}
	if !isCJK(prev) && (!isCJK(next) || isAlnum(prev)) {
		return
	}
	p.asciiAt = append(p.asciiAt, i)
	p.asciiSlot = append(p.asciiSlot, slot)
}

// asciiFindings reports each ASCII mark as info, so that each one can be
// found and fixed; the list filter hides them when a draft has hundreds.
func (p *paragraph) asciiFindings(dst []finding.Finding, text []rune) []finding.Finding {
	quotes := 0
	for k, i := range p.asciiAt {
		m := asciiMarks[p.asciiSlot[k]]
		sugg := m.full
		switch text[i] {
		case '(':
			sugg = "（"
		case ')':
			sugg = "）"
		case '"': // "民政通": the first opens, the next closes
			sugg = [2]string{"“", "”"}[quotes%2]
			quotes++
		}
		msg := "中文句子中使用了英文标点“" + m.ascii + "”，应使用全角“" + m.full + "”。"
		if text[i] == '"' {
			msg = "中文句子中使用了英文引号 \"，应使用中文引号“”。"
		}
		dst = append(dst, ruleASCII.at(text, i, i+1, msg, sugg))
	}
	return dst
}

const msgFullStop = "中文句子末尾用了半角句点“.”，应使用句号“。”。"

// fullStop reports a "." that ends a Chinese sentence: after an ideograph
// (or a closing mark after one) and before the end of the paragraph, a
// blank or more Chinese. 3.5, www.gov.cn, 通知.docx, No.1 and English
// sentences have a digit or a letter beside the dot; 一.总则 at the start
// of a line numbers a list; ... is an ellipsis.
func fullStop(text []rune, ls, i, le int) bool {
	prev := runeAt(text, i-1)
	if isClosingMark(prev) {
		prev = runeAt(text, i-2)
	}
	if !isHan(prev) || runeAt(text, i+1) == '.' || runeAt(text, i-2) == '.' || runeAt(text, i+2) == '.' {
		return false // ... or 代.开.发.票, dots put between characters to dodge a word list
	}
	if isChineseNumeral(prev) && lineStartAt(text, ls, i-1) {
		return false
	}
	j := i + 1
	for j < le && isSpace(text[j]) {
		j++
	}
	if j >= le {
		return true
	}
	next := text[j]
	return isCJK(next) && !isClosingMark(next)
}

func isClosingMark(r rune) bool {
	switch r {
	case '”', '’', '）', '》', '」', '』', '】', '〕':
		return true
	}
	return false
}

// lineStartAt reports whether only blanks stand between ls and i.
func lineStartAt(text []rune, ls, i int) bool {
	for k := ls; k < i; k++ {
		if !isSpace(text[k]) {
			return false
		}
	}
	return true
}
