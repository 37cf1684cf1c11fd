package rules

import "shenfa/sensitive/finding"

// RuleEllipsis reports an ellipsis written with one “…” or with ASCII dots.
const RuleEllipsis = "punctuation.ellipsis"

var ruleEllipsis = rule{finding.Punctuation, finding.Info, RuleEllipsis}

// RuleMisplaced reports a clause mark that opens a paragraph: what it ends
// was cut away or pasted elsewhere.
const RuleMisplaced = "punctuation.misplaced"

var ruleMisplaced = rule{finding.Punctuation, finding.Warn, RuleMisplaced}

// lineOpensWithPoint reports a paragraph text[ls:le] whose first mark, after
// blanks, is ，。、；？！ — a colon may open a line of a dialogue layout.
func lineOpensWithPoint(dst []finding.Finding, text []rune, ls, le int) []finding.Finding {
	i := ls
	for i < le && isSpace(text[i]) {
		i++
	}
	if i >= le || !isPoint(text[i]) || text[i] == '：' {
		return dst
	}
	n := 1
	for i+n < le && isPoint(text[i+n]) {
		n++
	}
	return append(dst, ruleMisplaced.at(text, i, i+n, "段首出现了标点“"+string(text[i:i+n])+"”：前面的文字可能被删去或错放，请核对。", ""))
}

// wrapWidth is the shortest line that may be a line of a wrapped page.
const wrapWidth = 20

// lineEndsWithComma reports a paragraph text[ls:le] that ends with ，: the
// sentence was cut off, or its full stop typed as a comma. Text pasted from
// a PDF breaks every line at the page width, mid-sentence: a long line
// followed by another long one is such a wrap. A list in a table cell
// breaks after 、, so 、 is left alone.
func lineEndsWithComma(dst []finding.Finding, text []rune, ls, le int) []finding.Finding {
	e := le
	for e > ls && isSpace(text[e-1]) {
		e--
	}
	if e == ls || text[e-1] != '，' || isPoint(runeAt(text, e-2)) {
		return dst
	}
	if n := le + 1; e-ls >= wrapWidth && n < len(text) && lineEnd(text, n)-n >= wrapWidth && isHan(text[n]) {
		return dst
	}
	return append(dst, ruleMisplaced.at(text, e-1, e, "段末用了“"+string(text[e-1])+"”：句子没有写完，或应以句号结束。", "。"))
}

// quoted reports whether a “ is open at the current position of the scan:
// what stands inside is someone's words, with their own emphasis.
func (p *paragraph) quoted(text []rune) bool {
	for d := 0; d < p.depth; d++ {
		if text[p.stack[d]] == '“' {
			return true
		}
	}
	return false
}

// isPoint reports the marks that end a clause or a sentence (点号).
func isPoint(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '？', '！':
		return true
	}
	return false
}

// mixedRun returns 2 when the mark at i is followed by a different one
// that cannot stand beside it (，。 、， ；。 ：，), else 1. ？！ and ！？
// are a question asked with surprise, and stay.
func mixedRun(text []rune, i, le int) int {
	a, b := text[i], runeAt(text, i+1)
	if i+1 >= le || a == b || !isPoint(a) || !isPoint(b) {
		return 1
	}
	if (a == '？' || a == '！') && (b == '？' || b == '！') {
		return 1
	}
	if isPoint(runeAt(text, i-1)) {
		return 1 // the run was reported from its start
	}
	return 2
}

// mixedFinding reports the n marks at i, keeping the one that ends the
// sentence, or else the last.
func mixedFinding(text []rune, i, n int) finding.Finding {
	marks := string(text[i : i+n])
	keep := string(text[i+n-1])
	if text[i] == '。' || text[i] == '？' || text[i] == '！' {
		keep = string(text[i]) // 。， : the sentence has ended
	}
	return ruleDoubled.at(text, i, i+n, "标点“"+marks+"”连用，应只保留一个。", keep)
}

// lonelyEllipsis reports a single … after Chinese text: the Chinese
// ellipsis is two of them, ……
func lonelyEllipsis(dst []finding.Finding, text []rune, i int) []finding.Finding {
	if runeAt(text, i-1) == '…' || runeAt(text, i+1) == '…' || !isHan(runeAt(text, i-1)) {
		return dst
	}
	return append(dst, ruleEllipsis.at(text, i, i+1, "中文省略号应写作“……”（两个“…”）。", "……"))
}

// asciiEllipsis reports ... or ...... after Chinese text, once for the run
// starting at i.
func (p *paragraph) asciiEllipsis(dst []finding.Finding, text []rune, i int) []finding.Finding {
	if runeAt(text, i-1) == '.' || !isHan(runeAt(text, i-1)) {
		return dst
	}
	e := i
	for e < len(text) && text[e] == '.' {
		e++
	}
	if e-i < 3 {
		return dst
	}
	return append(dst, ruleEllipsis.at(text, i, e, "中文省略号应写作“……”，不用英文句点。", "……"))
}
