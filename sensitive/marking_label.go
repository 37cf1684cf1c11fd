package sensitive

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/fold"
)

// A circulation label is written in many words, alone or in a row: 内部参考，
// 不得转发 above a 舆情专报, （涉密，不得上网） after a list's title, 内部资料
// 注意保密 at the head of a page. A word list cannot hold every row, and
// the words alone (不得转发, 涉密) are also prose (不得转发未经核实的信息, 涉密
// 计算机不得连接互联网). What makes them a label is that they fill a line or a
// bracket of their own: nothing but labels stands there.

const labelMessage = "“%s”是内部或涉密材料的知悉范围标注：带此标注的材料不得在政务新媒体发布；请删去相关内容并送保密审查。"

// labelWords are the words a label is made of (folded forms). The level
// words alone (秘密, 机密) are markings() business; here they may be part
// of a row (机密 内部资料).
var labelWords = []string{
	"涉密", "内部", "内部资料", "内部文件", "内部材料", "内部参考", "内部参阅", "内部刊物", "内部传阅",
	"内部使用", "内部发行", "内部交流", "内部学习", "内部学习资料", "内部明电", "工作秘密", "秘密", "机密",
	"绝密", "密件", "注意保密", "严格保密", "不得上网", "严禁上网", "请勿上网", "禁止上网", "不得外传",
	"请勿外传", "严禁外传", "禁止外传", "不得转发", "请勿转发", "严禁转发", "禁止转发", "不得扩散",
	"请勿扩散", "严禁扩散", "不得公开", "请勿公开", "不予公开", "不宜公开", "此件不公开", "不公开",
	"阅后即焚", "阅后即删", "阅后销毁", "阅后收回", "用后收回", "会后收回", "不得截图", "请勿截图",
	"严禁截图", "禁止截图", "不得复制", "请勿复制", "严禁复制", "不得翻印", "严禁翻印", "不得引用",
	"请勿引用", "仅供内部参考", "仅供内部使用", "仅限内部使用", "仅供领导参阅", "领导参阅", "领导参阅件",
	"请勿截屏", "不得截屏", "严禁截屏", "请勿对外", "不得对外", "暂不公开", "暂不对外公开", "内部掌握",
	"不对外公布", "不宜对外公布",
	// weak words only complete a label (see weakLabels)
	"仅供参考", "妥善保管", "注意保存", "请勿遗失",
}

// weakLabels complete a row of labels but are no label alone: 仅供参考 ends
// many a public notice.
var weakLabels = map[string]bool{"仅供参考": true, "妥善保管": true, "注意保存": true, "请勿遗失": true}

// labelSet is the compiled word list, by first rune.
var labelSet = sync.OnceValue(func() runeWords { return newRuneWords(labelWords) })

// maxLabel bounds the characters of a line or bracket read as a label row.
const maxLabel = 24

// labelMarkings finds lines and brackets that hold nothing but circulation labels.
func labelMarkings(text []rune) []finding.Finding {
	var fs []finding.Finding
	lineStart := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && text[i] != '\n' {
			continue
		}
		fs = labelsInLine(text, lineStart, i, fs)
		lineStart = i + 1
	}
	return fs
}

// labelsInLine reports the line [s, e) if it is a row of labels or a
// marking field, else each bracket in it that is a row of labels.
func labelsInLine(text []rune, s, e int, fs []finding.Finding) []finding.Finding {
	if a, b, ok := labelRow(text, s, e); ok {
		return append(fs, labelFinding(text, a, b))
	}
	if a, b, ok := markingField(text, s, e); ok {
		return append(fs, labelFinding(text, a, b))
	}
	if a, b, ok := labelHead(text, s, e); ok {
		fs = append(fs, labelFinding(text, a, b))
		s = b
	}
	if a, b, ok := labelTail(text, s, e); ok {
		fs = append(fs, labelFinding(text, a, b))
		e = a
	}
	for i := s; i < e; i++ {
		close := closer(text[i])
		if close == 0 {
			continue
		}
		for j := i + 1; j < e && j-i <= maxLabel; j++ {
			if text[j] != close {
				continue
			}
			if _, _, ok := labelRow(text, i+1, j); ok {
				fs = append(fs, labelFinding(text, i, j+1))
				i = j
			}
			break
		}
	}
	return fs
}

// closer returns the closing bracket of an opening one, or 0.
func closer(r rune) rune {
	switch r {
	case '（':
		return '）'
	case '(':
		return ')'
	case '【':
		return '】'
	case '〔':
		return '〕'
	case '［':
		return '］'
	case '[':
		return ']'
	case '「':
		return '」'
	}
	return 0
}

// labelRow reports whether [s, e) holds labels and separators only, with
// at least one strong label, and returns the span without the blanks and
// end marks around it.
func labelRow(text []rune, s, e int) (int, int, bool) {
	for s < e && rowBlank(text[s]) {
		s++
	}
	for e > s && (rowBlank(text[e-1]) || text[e-1] == '。' || text[e-1] == '！' || text[e-1] == '!') {
		e--
	}
	if e-s < 2 || e-s > maxLabel {
		return 0, 0, false
	}
	// The label text folded, without separators, noise, invisible characters
	// and letters or digits standing between two of its characters (内1部).
	var buf [maxLabel]rune
	view := buf[:0]
	alnum := false
	for _, r := range text[s:e] {
		f, cls := fold.Rune(r)
		if cls != fold.Invisible && cls != fold.Noise && !rowSeparator(f) {
			view = append(view, f)
			alnum = alnum || isASCIIAlnumRune(f)
		}
	}
	if alnum {
		if v, _, ok := unsandwich(view, make([]int, len(view)+1)); ok {
			view = v
		}
	}
	for _, r := range view {
		if !unicode.Is(unicode.Han, r) {
			return 0, 0, false // a date, a number, a name: not a label
		}
	}
	return s, e, len(view) >= 2 && labelSegments(view)
}

// labelSegments reports whether view is a concatenation of label words with at
// least one strong label among them (dynamic programming over the ends).
func labelSegments(view []rune) bool {
	set := labelSet()
	const none, weak, strong = 0, 1, 2
	best := make([]int, len(view)+1) // best[i]: how view[:i] splits, none if it does not
	best[0] = weak
	for i := range view {
		if best[i] == none {
			continue
		}
		for _, w := range set[view[i]] {
			if !runesAt(view, i, w) {
				continue
			}
			kind := strong
			if weakLabels[string(w)] {
				kind = weak
			}
			best[i+len(w)] = max(best[i+len(w)], max(kind, best[i]))
		}
	}
	return best[len(view)] == strong
}

func rowBlank(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || r == '\r' }

// rowSeparator joins the labels of a row.
func rowSeparator(r rune) bool {
	switch r {
	case '，', ',', '、', '；', ';', '：', ':', '·', '|', '/', ' ', '。':
		return true
	}
	return false
}

func labelFinding(text []rune, start, end int) finding.Finding {
	got := string(text[start:end])
	return finding.Finding{
		Start: start, End: end, Text: got,
		Category: finding.Secret, Severity: finding.Block, Rule: "secret.marking",
		Message: fmt.Sprintf(labelMessage, got),
	}
}

// The fields of a document's marking block give a period, a circulation or
// a level: 保密期限：10年, 知悉范围：县级领导, 密级：内部. A field is a marking
// when it opens its line and its value is short; 保密期限：绝密级不超过三十年 in
// a 保密 lesson has a sentence for a value.
// fieldKind says what a marking field holds.
type fieldKind uint8

const (
	periodField fieldKind = iota // a protection period
	scopeField                   // who may read the document
	levelField                   // a level or 内部
)

var markingFields = []struct {
	name string
	kind fieldKind
}{
	{"保密期限", periodField}, {"解密期限", periodField}, {"知悉范围", scopeField}, {"阅知范围", scopeField},
	{"发放范围", scopeField}, {"密级", levelField}, {"保密等级", levelField},
}

// fieldLevels are the values of a level field besides 秘密, 机密 and 绝密,
// which markings() finds after 密级 itself.
var fieldLevels = []string{"内部", "工作秘密", "涉密", "内部资料", "内部文件"}

// maxFieldValue bounds a scope field's value.
const maxFieldValue = 16

// markingField reports a line [s, e) that is a marking field, and its span.
func markingField(text []rune, s, e int) (int, int, bool) {
	for s < e && rowBlank(text[s]) {
		s++
	}
	for e > s && rowBlank(text[e-1]) {
		e--
	}
	for _, f := range markingFields {
		if !foldedAt(text, s, f.name) {
			continue
		}
		v := s + len([]rune(f.name))
		if v >= e || text[v] != '：' && text[v] != ':' {
			continue
		}
		v++
		for v < e && rowBlank(text[v]) {
			v++
		}
		if fieldValue(text[v:e], f.kind) {
			return s, e, true
		}
	}
	return 0, 0, false
}

// fieldValue reports whether value is what a marking field of kind holds.
func fieldValue(value []rune, kind fieldKind) bool {
	if len(value) == 0 {
		return false
	}
	v := folded(value)
	switch kind {
	case periodField:
		return protectionPeriod(v)
	case scopeField:
		return len(value) <= maxFieldValue && !strings.ContainsAny(v, "，。；,;")
	}
	for _, l := range fieldLevels {
		if v == l || strings.HasPrefix(v, l+"★") || strings.HasPrefix(v, l+"*") {
			return true
		}
	}
	return false
}

// protectionPeriod reports a protection period: 10年, 六个月, 长期, 10年（自标明之日起）.
func protectionPeriod(v string) bool {
	if strings.HasPrefix(v, "长期") {
		return true
	}
	rs := []rune(v)
	n := 0
	for n < len(rs) && (rs[n] >= '0' && rs[n] <= '9' || strings.ContainsRune("一二三四五六七八九十两", rs[n])) {
		n++
	}
	rest := string(rs[n:])
	return n > 0 && (strings.HasPrefix(rest, "年") || strings.HasPrefix(rest, "个月") || strings.HasPrefix(rest, "月"))
}

// maxHead bounds the first clause of a line read as a label (涉密！请勿转发).
const maxHead = 12

// labelHead reports a line whose first clause, up to a comma or an end
// mark, is a row of labels: 涉密！…, 内部资料，请…; the span is the clause.
func labelHead(text []rune, s, e int) (int, int, bool) {
	for k := s; k < e && k-s <= maxHead; k++ {
		if strings.ContainsRune("，。！？；,!?;", text[k]) {
			a, b, ok := labelRow(text, s, k)
			return a, b, ok && k+1 < e
		}
	}
	return 0, 0, false
}

// labelTail reports a line that ends in a row of labels set apart by
// blanks, as a heading's label is set to the right: 县委办公室　　内部.
func labelTail(text []rune, s, e int) (int, int, bool) {
	for e > s && rowBlank(text[e-1]) {
		e--
	}
	k := e
	for k > s && e-k <= maxHead && !rowBlank(text[k-1]) {
		k--
	}
	if k == s || k == e || e-k > maxHead {
		return 0, 0, false // the whole line is no tail; labelRow judged it
	}
	return labelRow(text, k, e)
}
