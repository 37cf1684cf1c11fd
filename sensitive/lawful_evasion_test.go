package sensitive

import (
	"strings"
	"testing"
	"unicode"

	"shenfa/sensitive/finding"
)

// evasionSeparators are put between every two characters of a phrase:
// symbols, spaces (U+3000 and the no-break space too), invisible characters,
// and one or two letters or digits, half or full width. A comma between
// every two characters is not among them: punctuation ends a match by design.
var evasionSeparators = map[string]string{"star": "*", "hash": "#", "dot": ".", "dash": "-", "under": "_",
	"tilde": "~", "bar": "|", "slash": "/", "middot": "·", "bullet": "•", "heart": "❤", "emoji": "😀",
	"space": " ", "two spaces": "  ", "ideographic space": "\u3000", "no-break space": "\u00a0",
	"thin space": "\u2009", "zero width": "\u200b", "zero width joiner": "\u200d", "BOM": "\ufeff",
	"word joiner": "\u2060", "digit": "1", "letter": "a", "two letters": "ab", "full-width digit": "１",
	"full-width letter": "ａ"}

// TestEvasionVariants: spam, secret markings and political slips are found
// whatever is put between their characters, and in traditional characters.
func TestEvasionVariants(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	bases := []struct {
		text    string
		cat     finding.Category
		letters bool // letters and digits between the characters are evasion too
		line    bool // the phrase is a line of its own
	}{
		{"出售冰毒", finding.Sensitive, true, false},
		{"代开发票", finding.Sensitive, true, false},
		{"回收二手手机卡", finding.Sensitive, true, false},
		{"出售野生穿山甲", finding.Sensitive, true, false},
		{"重金求子", finding.Sensitive, true, false},
		{"內部資料", finding.Secret, true, false},
		{"请勿外传", finding.Secret, true, false},
		{"此件不公开", finding.Secret, true, false},
		{"内部参考，不得转发", finding.Secret, true, true},
		{"机密★5年", finding.Secret, true, true},
		{"密级：秘密", finding.Secret, true, true},
		{"兩岸三地", finding.Political, true, false},
		{"台湾总统", finding.Political, true, false},
		// a near-miss of a name is a slip, not an evasion: letters in it are
		// another matter (names_test: 中华人民共x和国)
		{"中华人民共合国", finding.Political, false, false},
		{"扫黑险恶", finding.Political, false, false},
	}
	for _, b := range bases {
		for name, sep := range evasionSeparators {
			if !b.letters && strings.ContainsFunc(sep, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
				continue
			}
			text := evasionInterleave(b.text, sep)
			if b.line {
				text = "通知如下。\n" + text + "\n正文"
			} else {
				text = "评论：" + text + "，联系我"
			}
			found := false
			for _, f := range c.Check(text).Findings {
				found = found || f.Category == b.cat && f.Severity != finding.Info
			}
			if !found {
				t.Errorf("%s with %s between the characters: %q gives no %s finding", b.text, name, text, b.cat)
			}
		}
	}
}

// evasionInterleave puts sep between the characters of s, except next to the
// punctuation and the star that are part of it.
func evasionInterleave(s, sep string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if i > 0 && !strings.ContainsRune("，：★", r) && !strings.ContainsRune("，：", rs[i-1]) {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}
