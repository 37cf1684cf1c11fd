package rules

import (
	"unicode/utf8"

	"shenfa/sensitive/finding"
)

var ruleDuplicate = rule{finding.Typo, finding.Warn, RuleDuplicate}

// doubledChars are function words that never reduplicate: 的的, 在在 and
// 我们的的 are typing slips, unlike 看看, 常常 or 天天, which this rule never
// looks at. 过 is left out on purpose (过过日子 is a verb reduplication).
// Keep in step with gen_wordpairs.go.
const doubledChars = "的地得了着是在和与及或把被对从向为于将而但也都就还又并且其之以所吗呢吧这那"

// doubledWords are words whose ABAB repetition is a slip, not a reduplication.
// Verbs and adjectives (研究研究, 彼此彼此, 雪白雪白) reduplicate freely, so only
// words that cannot are listed: pronouns, connectives and the vocabulary of
// official writing. 中国 is not: 新中国|中国法制史.
var doubledWords = pairSet("我们你们他们她们它们咱们大家自己这个那个这些那些进行开展加强推进推动实施落实" +
	"工作问题发展建设管理服务政府部门单位通过根据按照关于对于由于为了以及并且而且但是" +
	"因为所以如果虽然已经正在需要能够可以应当应该必须各级全面相关有关重要重点国家社会" +
	"经济企业群众人民政策文件会议要求情况方面提高提升做好坚持完善建立健全统筹信息公开" +
	"政务媒体平台机制制度体系全国全省全市各地同志领导干部人员时间地区城市项目通知" +
	"意见规定办法方案措施目标任务责任系统数据网站作为其中同时以上以下之间之后之前" +
	// Nouns and verb-object words of public notices (报名 doubles as 报报名, never 报名报名).
	"防汛防疫疫情医保社保教育培训考试社区乡村农村学校医院报名申请办理登记缴费通报公告公示" +
	"举报投诉咨询材料资金企业市场环境生态安全消防交通文化旅游卫生健康养老就业创业人才科技" +
	"创新改革法治党建基层村民居民市民规划标准补贴资格条件流程窗口热线电话地址网址地点截止" +
	"期间年度季度机关学生老师家长患者医生公司工厂产品质量价格费用税收财政预算" +
	// Adverbs and adjectives of official writing reduplicate as AABB
	// (认认真真), never as ABAB; and verbs and nouns too formal for the
	// casual ABAB of 研究研究.
	"认真积极严格切实深入及时主动扎实有效持续不断逐步稳步坚决充分全力大力依法有序" +
	"贯彻部署保障促进确保巩固深化强化整治治理隐患风险应急防控监管执法审核审批业务专项" +
	"街道乡镇住房农民医疗公共重大突出")

// handPairs add to the generated word tables (wordpairs.go) words after or
// before which a doubled character is correct in real text although the
// generator drops them as function words: 可以|以……为由, 反对|对……制裁,
// 党对|对台工作, 由于|于某 (于 is also a surname). They also hold the words
// of 请, which the generated tables do not cover: 申请|请示, 邀请|请柬.
var handPairs = pairSet("可以难以据以何以是以所以反对针对相对绝对比对由于对于关于至于基于鉴于终于大于多于" +
	"早于晚于急于难于对台对标" +
	"申请邀请提请报请聘请恳请敬请呈请吁请延请约请函请宴请奏请转请特请诚请" +
	"请示请求请假请教请柬请愿请缨请战请客请帖请功请罪请辞请托请安")

// handDoubled are doubled characters checked with handPairs only: 请请 is a
// slip unless a word of 请 explains it.
const handDoubled = "请"

// pairSet splits a run of two-character words into a set.
func pairSet(list string) map[string]bool {
	r := []rune(list)
	set := make(map[string]bool, len(r)/2)
	for i := 0; i+1 < len(r); i += 2 {
		set[string(r[i:i+2])] = true
	}
	return set
}

func duplicates(dst []finding.Finding, text []rune) []finding.Finding {
	for i := 0; i+1 < len(text); i++ {
		c := text[i]
		if isBreak(c) {
			if s, e, w := acrossBreak(text, i); e > 0 {
				dst = append(dst, ruleDuplicate.at(text, s, e, "“"+w+"”在换行处重复，疑为多打或粘贴重复。", w))
				i = e - 1
			}
			continue
		}
		if text[i+1] == c {
			if n, ok := doubledChar(text, i); ok {
				one := string(c)
				dst = append(dst, ruleDuplicate.at(text, i, i+n, "“"+string(text[i:i+n])+"”疑为重复输入，应只保留一个“"+one+"”。", one))
				i += n - 1
			}
			continue
		}
		if !repeatsSoon(text, i, c) {
			continue
		}
		if k := doubledWord(text, i); k > 0 {
			w := string(text[i : i+k])
			dst = append(dst, ruleDuplicate.at(text, i, i+2*k, "词语“"+w+"”重复，疑为多打或粘贴重复。", w))
			i += 2*k - 1
		}
	}
	return dst
}

// doubledChar reports a run of a function word starting at i and its length.
// A pair is legitimate when either half belongs to a word on its side
// (现在|在北京, 了|了解; so also 实实在在, but not 好好的的), after 一 (一对对),
// when it opens an AABB (的的确确, 和和气气) or in an idiom (小时了了).
func doubledChar(text []rune, i int) (int, bool) {
	c := text[i]
	if runeAt(text, i-1) == c || !isDoubledChar(c) {
		return 0, false
	}
	n := 2
	for i+n < len(text) && text[i+n] == c {
		n++
	}
	if n > 2 {
		return n, true
	}
	prev, next := runeAt(text, i-1), runeAt(text, i+2)
	aabb := next != c && isHan(next) && runeAt(text, i+3) == next // 和和气气
	if prev == '一' || aabb || inTable(wordEnds, prev, c) || inTable(wordStarts, c, next) || inHand(prev, c) || inHand(c, next) || inIdiom(text, i) {
		return 0, false
	}
	return 2, true
}

// inHand reports the word ab in handPairs.
func inHand(a, b rune) bool {
	if a == 0 || b == 0 {
		return false
	}
	var buf [8]byte
	n := utf8.EncodeRune(buf[:], a)
	n += utf8.EncodeRune(buf[n:], b)
	return handPairs[string(buf[:n])]
}

// idioms hold a doubled function word that no word list explains.
var idioms = [...][]rune{[]rune("小时了了"), []rune("了了可见"), []rune("了了分明"), []rune("心中了了")}

// inIdiom reports whether the pair at i lies inside one of the idioms.
func inIdiom(text []rune, i int) bool {
	for _, w := range idioms {
		for k := 0; k+1 < len(w); k++ {
			if w[k] == text[i] && w[k+1] == text[i] && matchAt(text, i-k, w) {
				return true
			}
		}
	}
	return false
}

// matchAt reports whether w is written at text[s:].
func matchAt(text []rune, s int, w []rune) bool {
	if s < 0 || s+len(w) > len(text) {
		return false
	}
	for k, r := range w {
		if text[s+k] != r {
			return false
		}
	}
	return true
}

func isDoubledChar(c rune) bool {
	if !isHan(c) {
		return false
	}
	for _, d := range doubledChars + handDoubled {
		if d == c {
			return true
		}
	}
	return false
}

// inTable looks the word ab up in a sorted table of six-byte words.
func inTable(table string, a, b rune) bool {
	if a < 0x800 || a > 0xFFFF || b < 0x800 || b > 0xFFFF {
		return false
	}
	var key [6]byte
	utf8.EncodeRune(key[:3], a)
	utf8.EncodeRune(key[3:], b)
	lo, hi := 0, len(table)/6
	for lo < hi {
		mid := (lo + hi) / 2
		w := table[mid*6 : mid*6+6]
		switch c := compare6(w, &key); {
		case c == 0:
			return true
		case c < 0:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return false
}

func compare6(w string, key *[6]byte) int {
	for i := range 6 {
		if w[i] != key[i] {
			return int(w[i]) - int(key[i])
		}
	}
	return 0
}

// repeatsSoon is the cheap test before doubledWord: c again 2 to 4 places on.
func repeatsSoon(text []rune, i int, c rune) bool {
	if i+4 < len(text) {
		t := text[i+2 : i+5]
		return t[0] == c || t[1] == c || t[2] == c
	}
	return runeAt(text, i+2) == c || runeAt(text, i+3) == c
}

// doubledWord returns k when text[i:i+k] is repeated right after itself as a
// slip (进行进行, 新媒体新媒体), or 0. Two-character words must be on the
// doubledWords list; longer ones are reported unless they read as speech
// (对不起对不起) or as 一X一X.
func doubledWord(text []rune, i int) int {
	for k := 2; k <= 4; k++ {
		if i+2*k > len(text) || text[i+k] != text[i] || !sameRun(text, i, k) {
			continue
		}
		if i >= k && sameRun(text, i-k, k) {
			return 0 // the middle of ABABAB: reported at its start
		}
		if k == 2 && doubledWords[string(text[i:i+2])] || k > 2 && !speechLike(text[i:i+k]) && !joinsNext(text, i+2*k) {
			return k
		}
		return 0
	}
	return 0
}

// joinsNext reports whether the character before e ends the unit in a
// function word that starts a word with text[e]: 西藏和西藏和平解放 repeats
// 西藏和 only on the surface (西藏和|西藏和平).
func joinsNext(text []rune, e int) bool {
	last, next := text[e-1], runeAt(text, e)
	return isDoubledChar(last) && (inTable(wordStarts, last, next) || inHand(last, next))
}

// minBrokenLine is the shortest line before a break for acrossBreak: a
// sentence cut by a hard wrap runs on, a heading or list item is short.
const minBrokenLine = 16

// acrossBreak finds a word or function character written at the end of a
// line and again at the start of the next (开展\n开展, 我们的\n的工作), the
// slip of a paste across a hard wrap, for the break at text[i]. The line
// must run on (see runOnLine) and end in a character, not a mark: a heading
// repeated by its paragraph is not a slip. It returns the span from the first copy to the second and
// the unit, or e == 0.
func acrossBreak(text []rune, i int) (s, e int, unit string) {
	if i > 0 && isBreak(text[i-1]) {
		return 0, 0, ""
	}
	b := i // end of the line before the break
	for b > 0 && isSpace(text[b-1]) {
		b--
	}
	a := i + 1 // start of the next line
	if text[i] == '\r' && runeAt(text, a) == '\n' {
		a++
	}
	for a < len(text) && isSpace(text[a]) {
		a++
	}
	if b < minBrokenLine || !isHan(runeAt(text, b-1)) || !isHan(runeAt(text, a)) {
		return 0, 0, ""
	}
	if !runOnLine(text, b) {
		return 0, 0, ""
	}
	for k := 4; k >= 1; k-- {
		if a+k > len(text) || !sameUnit(text, b-k, a, k) {
			continue
		}
		w := text[b-k : b]
		switch {
		case k == 1 && isDoubledChar(w[0]) && !inTable(wordEnds, runeAt(text, b-2), w[0]) && !inHand(runeAt(text, b-2), w[0]) &&
			!inTable(wordStarts, w[0], runeAt(text, a+1)) && !inHand(w[0], runeAt(text, a+1)),
			k == 2 && doubledWords[string(w)],
			k > 2 && !speechLike(w) && !joinsNext(text, a+k):
			return b - k, a + k, string(w)
		}
	}
	return 0, 0, ""
}

// runOnLine reports whether the line ending at b is a sentence cut by a
// wrap: at least minBrokenLine characters, with a comma in it. A headline
// (打压俄罗斯⏎俄罗斯驻英国大使……) has none, and the next item may well begin
// with the word it ends with.
func runOnLine(text []rune, b int) bool {
	comma := false
	n := 0
	for j := b - 1; j >= 0 && !isBreak(text[j]); j-- {
		n++
		comma = comma || text[j] == '，' || text[j] == '、' || text[j] == ','
	}
	return n >= minBrokenLine && comma
}

// sameUnit reports text[p:p+k] == text[q:q+k], all ideographs.
func sameUnit(text []rune, p, q, k int) bool {
	for j := range k {
		if text[p+j] != text[q+j] || !isHan(text[p+j]) {
			return false
		}
	}
	return true
}

// sameRun reports text[i:i+k] == text[i+k:i+2k], all ideographs, not all one character.
func sameRun(text []rune, i, k int) bool {
	varied := false
	for j := i; j < i+k; j++ {
		if text[j] != text[j+k] || !isHan(text[j]) {
			return false
		}
		varied = varied || text[j] != text[i]
	}
	return varied
}

// speechLike reports units whose repetition is spoken emphasis or counting.
func speechLike(w []rune) bool {
	if w[0] == '一' {
		return true
	}
	for j, r := range w {
		switch r {
		case '不', '了', '么', '吗', '吧', '呀', '啊', '哈', '呵', '嘿', '好', '对', '啦', '哟', '喂':
			return true
		}
		if j > 0 && r == w[j-1] {
			return true
		}
	}
	return false
}
