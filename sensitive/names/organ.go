package names

import (
	"strings"
	"unicode"
)

// An organ's name is fixed character by character, where a formulation
// tolerates a change of wording: 统筹发展与安全 is a wording of 统筹发展和安全,
// but 人力资源与社会保障部 is no ministry. These helpers decide the few edits
// that count only in an organ's name, or only at a name's edge.

// organEnds are the last characters of organ names (部, 委, 局, 院 …), and
// organSuffixes the longer endings of bodies whose last character also ends
// ordinary words (会, 联, 协).
const organEnds = "部委局署院厅室社团行盟组办台所处司军队党"

var organSuffixes = []string{"委员会", "常委会", "协会", "联合会", "学会", "总会", "联谊会", "研究会",
	"同学会", "红十字会", "基金会", "促进会", "建国会", "联", "协"}

// notOrgans end in an organ character but are formulations (新发展格局,
// 百年未有之大变局).
var notOrgans = []string{"格局", "大局", "布局", "变局", "结局", "开局"}

// organ reports whether word names an organ or body rather than a formulation.
func organ(word []rune) bool {
	s := string(word)
	for _, n := range notOrgans {
		if strings.HasSuffix(s, n) {
			return false
		}
	}
	if strings.ContainsRune(organEnds, word[len(word)-1]) {
		return true
	}
	for _, suf := range organSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// suffixChars are the last characters that tell one kind of office from
// another: 国务院新闻办公厅 is no office of the State Council. 委 and 办 are
// left out: a commission and its office are both real (国家禁毒委, 国家禁毒办).
const suffixChars = "部局署院厅室处司"

// nationalPrefixes begin the names of bodies that exist only once, at the
// centre. A ministry's name with 厅 or 局 for 部 is the province's or the
// city's department (生态环境厅, 农业农村局), a name of its own.
var nationalPrefixes = []string{"国务院", "中共中央", "中央", "全国人民代表大会", "全国人大", "全国政协",
	"中国人民政治协商会议", "最高人民", "中华人民共和国"}

// suffixSwap reports a central organ's name whose last character, a kind of
// office, is replaced by another kind.
func suffixSwap(w, word []rune, i int) bool {
	last := len(word) - 1
	if i != last || len(word) < freeInterior || !strings.ContainsRune(suffixChars, word[last]) ||
		!strings.ContainsRune(suffixChars, w[last]) {
		return false
	}
	s := string(word)
	for _, p := range nationalPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// conjunctionSwap reports 与 or 及 for 和 (or the reverse) inside an organ's
// name: 住房与城乡建设部, 国家发展与改革委员会.
func conjunctionSwap(w, word []rune, i int) bool {
	const conj = "和与及并"
	return organ(word) && strings.ContainsRune(conj, w[i]) && strings.ContainsRune(conj, word[i])
}

// edgeNearSound reports a first or last character of a long name replaced
// by one that sounds alike to a speaker who blurs zh/z, n/l or -ng/-n
// (中华民族伟大复新). A short name's edge needs a true confusable: one
// blurred sound there too often makes another word.
func (c *Checker) edgeNearSound(w, word []rune, i int) bool {
	return (i == 0 || i == len(word)-1) && len(word) >= freeInterior &&
		unicode.Is(unicode.Han, w[i]) && c.conf.NearSound(w[i], word[i])
}

// standalone reports a window with no Han character right before or after
// it: a formulation in quotes, a heading, a list item (“两个维持”).
func standalone(text []rune, start, end int) bool {
	return (start == 0 || !unicode.Is(unicode.Han, text[start-1])) &&
		(end == len(text) || !unicode.Is(unicode.Han, text[end]))
}

// numbered reports a four-character formulation that begins with a number
// (两个维护, 四个意识, 三会一课). Written as a unit of its own, it is the
// formulation, so an edit that elsewhere makes another word (全国各大,
// 健全人大) is a slip; other four-character formulations have siblings
// that differ in one character (依法治国, 依宪治国, 依法治军) and keep to
// confusables.
func numbered(word []rune) bool { return len(word) == longName && numeral(word[0]) }

// looseShort reports an edit a standalone numbered formulation admits
// besides a confusable: any Han character after the number, never another
// numeral (“三个务必” is not “三个必须”, nor “四个全面” “四个自信”).
func looseShort(w, word []rune, i int) bool {
	return i > 0 && unicode.Is(unicode.Han, w[i]) && !numeral(w[i]) && !numeral(word[i])
}
