package sensitive

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/fold"
)

// Secret markings (GUIDE §3.1): 绝密/机密/秘密 is a marking, not prose, when a
// star follows it (机密★1年), when it stands alone at the start of a line or
// in a bracket of its own (（机密）), or after 密级. 商业机密 or 揭开宇宙的秘密
// are prose and stay quiet.

const markingMessage = "“%s”是国家秘密密级标志。标有密级的内容属于国家秘密，严禁在政务新媒体发布；请立即停止发布流程并送保密审查。"

// markings finds secret markings and 非公开 markings in text.
func markings(text []rune) []finding.Finding {
	var fs []finding.Finding
	for i := 0; i+1 < len(text); i++ {
		// Most characters start no marking: one fold decides which test to run.
		switch f, _ := fold.Rune(text[i]); f {
		case '非', '仅', '绝', '机', '秘':
		default:
			continue
		}
		if s, e, ok := nonPublicAt(text, i); ok {
			fs = append(fs, nonPublicFinding(text, s, e))
			i = e - 1
			continue
		}
		if s, e, ok := restrictedAt(text, i); ok {
			fs = append(fs, nonPublicFinding(text, s, e))
			i = e - 1
			continue
		}
		level, e, ok := levelAt(text, i)
		if !ok {
			continue
		}
		start := i
		end, marked := starAfter(text, e)
		if !marked && lineStart(text, i) {
			end, marked = periodAfter(text, e) // 机密-5年, 秘密▲1年
		}
		if b := starBefore(text, i); b < i && lineStart(text, b) && standsAlone(text, e) {
			start, end, marked = b, max(end, e), true // ★机密
		}
		switch {
		case marked:
		case (lineStart(text, i) || afterMiJi(text, i) || blankBefore(text, i) && lineEndAfter(text, e)) && standsAlone(text, e):
			end, marked = e, true // also 会议纪要　机密, a level set apart at the end of a heading
		case bracketed(text, i, e):
			start, end, marked = i-1, e+1, true // （机密）
		}
		if marked {
			fs = append(fs, markingFinding(text, start, end, level))
			i = end - 1
		}
	}
	for _, l := range labelMarkings(text) {
		// A level alone on its line or in its bracket is found above already.
		if !slices.ContainsFunc(fs, func(f finding.Finding) bool { return f.Start == l.Start && f.End == l.End }) {
			fs = append(fs, l)
		}
	}
	return fs
}

// 非公开 is the disclosure marking of a document that must not go out
// (政府信息公开条例: 主动公开 / 依申请公开 / 不予公开): 【非公开】, （非公开）,
// 公开属性：非公开, 非公开 alone at the head of a page, 非公开文件, 非公开附件.
// 非公开发行 (securities), 非公开招标, 非公开审理 and 安理会非公开会议 are
// procedures, not markings, and stay quiet.
const nonPublicMessage = "“%s”是“非公开”的公开属性标注：标为非公开的文件、资料不得在政务新媒体发布；请核实来源，删去相关内容并送保密审查。"

// nonPublicDocs are the words after 非公开 that make it a document's marking.
var nonPublicDocs = [...]string{"文件", "资料", "材料", "附件", "文档", "件"}

// nonPublicLabels are the form fields that hold a disclosure marking.
var nonPublicLabels = [...]string{"公开属性", "公开方式", "公开类型", "公开选项", "是否公开", "信息公开"}

// nonPublicAt returns the span of a 非公开 marking at i.
func nonPublicAt(text []rune, i int) (int, int, bool) {
	if !foldedAt(text, i, "非公开") {
		return 0, 0, false
	}
	e := i + 3
	switch {
	case bracketed(text, i, e):
		return i - 1, e + 1, true
	case afterLabel(text, i), lineStart(text, i) && (standsAlone(text, e) || foldedAt(text, e, "发布")):
		return i, e, true
	}
	for _, w := range nonPublicDocs {
		if foldedAt(text, e, w) {
			return i, e + len([]rune(w)), true
		}
	}
	return 0, 0, false
}

// restrictedAt finds a circulation limit: 仅限县级领导阅知, 仅供内部传阅.
// 仅限于往返深圳, 仅供参考 limit something else.
func restrictedAt(text []rune, i int) (int, int, bool) {
	if !foldedAt(text, i, "仅限") && !foldedAt(text, i, "仅供") {
		return 0, 0, false
	}
	for j := i + 2; j < len(text) && j <= i+12 && !strings.ContainsRune("\n，。；：,;:！？", text[j]); j++ {
		for _, w := range [...]string{"阅知", "参阅", "传阅", "阅存", "知悉"} {
			if foldedAt(text, j, w) {
				return i, j + 2, true
			}
		}
	}
	return 0, 0, false
}

// foldedAt reports whether w is written at text[i:], evasions folded.
func foldedAt(text []rune, i int, w string) bool {
	for _, r := range w {
		if i >= len(text) {
			return false
		}
		if f, _ := fold.Rune(text[i]); f != r {
			return false
		}
		i++
	}
	return true
}

// bracketed reports a marking that is all of a bracket: 【非公开】, （机密）.
func bracketed(text []rune, s, e int) bool {
	if s == 0 || e >= len(text) {
		return false
	}
	switch text[s-1] {
	case '【':
		return text[e] == '】'
	case '（':
		return text[e] == '）'
	case '(':
		return text[e] == ')'
	case '〔':
		return text[e] == '〕'
	case '［':
		return text[e] == '］'
	case '[':
		return text[e] == ']'
	}
	return false
}

// afterLabel reports a disclosure field before i: 公开属性：非公开.
func afterLabel(text []rune, i int) bool {
	j := i - 1
	for j >= 0 && (text[j] == ' ' || text[j] == '\u3000') {
		j--
	}
	if j < 0 || text[j] != '：' && text[j] != ':' {
		return false
	}
	for _, l := range nonPublicLabels {
		n := len([]rune(l))
		if j-n >= 0 && string(text[j-n:j]) == l {
			return true
		}
	}
	return false
}

func nonPublicFinding(text []rune, start, end int) finding.Finding {
	got := string(text[start:end])
	return finding.Finding{
		Start: start, End: end, Text: got,
		Category: finding.Secret, Severity: finding.Block, Rule: "secret.marking",
		Message: fmt.Sprintf(nonPublicMessage, got),
	}
}

// levelAt returns the level word written at i and the end of its 密: the
// two characters may stand apart (秘　密, a typesetting habit for
// two-character items, or 秘*密, an evasion).
func levelAt(text []rune, i int) (string, int, bool) {
	j := nextSignificant(text, i+1)
	if j >= len(text) || text[j] != '密' {
		return "", 0, false
	}
	switch first, _ := fold.Rune(text[i]); first {
	case '绝':
		return "绝密", j + 1, true
	case '机':
		return "机密", j + 1, true
	case '秘':
		return "秘密", j + 1, true
	}
	return "", 0, false
}

// maxGap is the most characters of noise, invisible characters or letters
// and digits taken to stand between the two characters of a marking word.
const maxGap = 3

// nextSignificant returns j, or the index after a short gap of noise,
// invisible characters, or one or two Latin letters or digits at j.
func nextSignificant(text []rune, j int) int {
	k := j
	for k < len(text) && k-j < maxGap && gapRune(text[k]) {
		k++
	}
	if k < len(text) && k > j && unicode.Is(unicode.Han, text[k]) {
		return k
	}
	return j
}

// prevSignificant is nextSignificant looking back from j: the index of
// the character before a short gap that ends at j, or j.
func prevSignificant(text []rune, j int) int {
	k := j
	for k >= 0 && j-k < maxGap && gapRune(text[k]) {
		k--
	}
	if k >= 0 && k < j && unicode.Is(unicode.Han, text[k]) {
		return k
	}
	return j
}

// gapRune reports a character an evasion or a typesetter puts between the
// characters of a marking word. A line break is no gap.
func gapRune(r rune) bool {
	if r == '\n' || r == '\r' {
		return false
	}
	f, cls := fold.Rune(r)
	return cls == fold.Noise || cls == fold.Invisible || f < 0x80 && isASCIIAlnum(byte(f))
}

// starAfter looks for ★ (or a look-alike) after optional spaces and takes a
// protection period such as 1年, 10年, 长期 with it; it returns the end of the marking.
func starAfter(text []rune, j int) (int, bool) {
	for j < len(text) && (text[j] == ' ' || text[j] == '\u3000') {
		j++
	}
	if j >= len(text) || !isStar(text[j]) {
		return 0, false
	}
	j++
	k := j
	for k < len(text) && (text[k] >= '0' && text[k] <= '9' || text[k] >= '０' && text[k] <= '９' ||
		strings.ContainsRune("一二三四五六七八九十两", text[k])) {
		k++
	}
	switch {
	case k > j && k < len(text) && (text[k] == '年' || text[k] == '月'):
		return k + 1, true
	case k > j && k+1 < len(text) && text[k] == '个' && text[k+1] == '月':
		return k + 2, true
	case j+1 < len(text) && text[j] == '长' && text[j+1] == '期':
		return j + 2, true
	}
	return j, true
}

// periodAfter reads a protection period after one symbol that stands for
// the star (机密-5年, 秘密▲1年); it returns the end of the period.
func periodAfter(text []rune, j int) (int, bool) {
	if j >= len(text) {
		return 0, false
	}
	if _, cls := fold.Rune(text[j]); cls != fold.Noise || text[j] == ' ' || text[j] == '\u3000' {
		return 0, false
	}
	k := j + 1
	for k < len(text) && (text[k] >= '0' && text[k] <= '9' || text[k] >= '０' && text[k] <= '９' ||
		strings.ContainsRune("一二三四五六七八九十两", text[k])) {
		k++
	}
	if k > j+1 && k < len(text) && (text[k] == '年' || text[k] == '月') {
		return k + 1, true
	}
	return 0, false
}

// blankBefore reports a space before i.
func blankBefore(text []rune, i int) bool {
	return i > 0 && (text[i-1] == ' ' || text[i-1] == '\u3000' || text[i-1] == '\t')
}

// lineEndAfter reports that only blanks follow j on its line.
func lineEndAfter(text []rune, j int) bool {
	for ; j < len(text) && text[j] != '\n' && text[j] != '\r'; j++ {
		if text[j] != ' ' && text[j] != '\u3000' && text[j] != '\t' {
			return false
		}
	}
	return true
}

// starBefore returns the start of a star written before the level at i
// (★机密), or i.
func starBefore(text []rune, i int) int {
	j := i - 1
	for j >= 0 && (text[j] == ' ' || text[j] == '\u3000') {
		j--
	}
	if j >= 0 && isStar(text[j]) {
		return j
	}
	return i
}

// isStar reports the star of a marking or a look-alike that an evasion or
// a font substitutes for it.
func isStar(r rune) bool {
	return strings.ContainsRune("★☆*＊⭐✩✪✫✬✭✮✯✰⋆✦✧✱✲✳✴✵✶✷✸✹✺", r)
}

// lineStart reports whether only spaces precede i on its line.
func lineStart(text []rune, i int) bool {
	for i--; i >= 0 && text[i] != '\n'; i-- {
		if text[i] != ' ' && text[i] != '\t' && text[i] != '\u3000' {
			return false
		}
	}
	return true
}

// afterMiJi reports a 密级 label before i: 密级：秘密, 保密等级：机密, 密　级：.
func afterMiJi(text []rune, i int) bool {
	j := i - 1
	for j >= 0 && (text[j] == ' ' || text[j] == '\u3000' || text[j] == '：' || text[j] == ':') {
		j--
	}
	if j >= 2 && (text[j] == '为' || text[j] == '是') { // 密级为秘密
		j--
	}
	if j < 1 || text[j] != '级' {
		return false
	}
	k := prevSignificant(text, j-1)
	if text[k] == '等' && k > 0 {
		k = prevSignificant(text, k-1)
	}
	return text[k] == '密'
}

// standsAlone reports whether the level word is not the start of a longer word.
func standsAlone(text []rune, j int) bool {
	if j >= len(text) {
		return true
	}
	switch r := text[j]; r {
	case '\n', ' ', '\t', '\u3000', '级', '（', '(', '，', '。', '：':
		return true
	}
	return false
}

func markingFinding(text []rune, start, end int, level string) finding.Finding {
	got := string(text[start:end])
	return finding.Finding{
		Start: start, End: end, Text: got,
		Category: finding.Secret, Severity: finding.Block, Rule: "secret.marking",
		Message: fmt.Sprintf(markingMessage, got),
	}
}
