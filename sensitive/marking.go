package sensitive

import (
	"fmt"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/fold"
)

// Secret markings (GUIDE §3.1): 绝密/机密/秘密 is a marking, not prose, when a
// star follows it (机密★1年), when it stands alone at the start of a line, or
// after 密级. 商业机密 or 揭开宇宙的秘密 are prose and stay quiet.

const markingMessage = "“%s”是国家秘密密级标志。标有密级的内容属于国家秘密，严禁在政务新媒体发布；请立即停止发布流程并送保密审查。"

// markings finds secret markings in text.
func markings(text []rune) []finding.Finding {
	var fs []finding.Finding
	for i := 0; i+1 < len(text); i++ {
		level, ok := levelAt(text, i)
		if !ok {
			continue
		}
		end, marked := starAfter(text, i+2)
		if !marked && (lineStart(text, i) || afterMiJi(text, i)) && standsAlone(text, i+2) {
			end, marked = i+2, true
		}
		if marked {
			fs = append(fs, markingFinding(text, i, end, level))
			i = end - 1
		}
	}
	return fs
}

func levelAt(text []rune, i int) (string, bool) {
	if text[i+1] != '密' {
		return "", false
	}
	switch first, _ := fold.Rune(text[i]); first {
	case '绝':
		return "绝密", true
	case '机':
		return "机密", true
	case '秘':
		return "秘密", true
	}
	return "", false
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
	for k < len(text) && (text[k] >= '0' && text[k] <= '9' || text[k] >= '０' && text[k] <= '９') {
		k++
	}
	switch {
	case k > j && k < len(text) && (text[k] == '年' || text[k] == '月'):
		return k + 1, true
	case j+1 < len(text) && text[j] == '长' && text[j+1] == '期':
		return j + 2, true
	}
	return j, true
}

func isStar(r rune) bool { return r == '★' || r == '☆' || r == '*' || r == '＊' || r == '⭐' }

// lineStart reports whether only spaces precede i on its line.
func lineStart(text []rune, i int) bool {
	for i--; i >= 0 && text[i] != '\n'; i-- {
		if text[i] != ' ' && text[i] != '\t' && text[i] != '\u3000' {
			return false
		}
	}
	return true
}

// afterMiJi reports a 密级 label before i: 密级：秘密.
func afterMiJi(text []rune, i int) bool {
	j := i - 1
	for j >= 0 && (text[j] == ' ' || text[j] == '：' || text[j] == ':') {
		j--
	}
	return j >= 1 && text[j-1] == '密' && text[j] == '级'
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
