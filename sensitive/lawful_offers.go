package sensitive

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/fold"
)

// An illegal offer is a verb of trade and a good that must not be traded,
// with a few words of description between them (回收二手手机卡, 出售野生穿山甲,
// 各类证件制作). A word list holds only the pairs someone wrote down; the
// combinations of verbs, descriptions and goods are many more, so the
// offers are found by their grammar. Like the lexicon's hits they are
// lowered in a police report or a warning (lowerLawful), so they live beside it.

// RuleOffer is the rule of an illegal offer.
const RuleOffer = "sensitive.offer"

// offerVerbs offer a good for sale, rent or purchase. 销售, 办理, 代办 and
// 代购 are left out: they are what shops and service halls do lawfully
// (销售发票, 办理银行卡, 代办居住证, 支持信用卡代购).
var offerVerbs = []string{"出售", "售卖", "贩卖", "兜售", "倒卖", "批发", "收购", "回收", "高价收",
	"求购", "出租", "租用", "出借", "买卖", "转让", "有售", "低价出"}

// headVerbs are one-character verbs of trade that count only at the head
// of a clause (收银行卡，一张800; 卖手机卡): inside a sentence 收 and 卖 are
// parts of other words (接收银行卡短信, 拍卖).
var headVerbs = []string{"收", "卖", "租", "售", "换"}

// makeVerbs make a forged good; they count only with a word of range or
// make (各类证件制作, 制作高仿证件), since a bureau lawfully makes an ID card.
var makeVerbs = []string{"制作", "制造", "仿制"}

// tradeGood is something that must not be traded, and the class named in the message.
type tradeGood struct{ word, class string }

const (
	cards    = "银行卡、电话卡、账号及个人信息买卖"
	papers   = "假证、假票、假币"
	exams    = "考试作弊"
	arms     = "枪支弹药、爆炸物"
	drugs    = "毒品"
	wildlife = "野生动物制品"
	spying   = "窃听、窃照器材"
	organs   = "人体器官、生殖细胞买卖"
	gambling = "赌博"
	porn     = "色情"
)

// tradeGoods are matched longest first (银行卡四件套 before 银行卡).
var tradeGoods = sortedTradeGoods([]tradeGood{
	{"银行卡", cards}, {"储蓄卡", cards}, {"借记卡", cards}, {"信用卡", cards}, {"手机卡", cards},
	{"电话卡", cards}, {"实名卡", cards}, {"对公账户", cards}, {"公户", cards}, {"企业账户", cards},
	{"网银", cards}, {"u盾", cards}, {"四件套", cards}, {"微信号", cards}, {"微信账号", cards},
	{"qq号", cards}, {"支付宝账号", cards}, {"收款码", cards}, {"实名账号", cards}, {"个人信息", cards},
	{"公民信息", cards}, {"开房记录", cards}, {"身份证", cards}, {"户口本", papers},
	{"营业执照", papers}, {"驾照分", papers}, {"驾驶证分", papers}, {"毕业证", papers}, {"学位证", papers},
	{"学历证书", papers}, {"学历", papers}, {"文凭", papers}, {"结婚证", papers}, {"离婚证", papers},
	{"房产证", papers}, {"假证", papers}, {"证件", papers}, {"发票", papers}, {"增值税发票", papers},
	{"公章", papers}, {"假币", papers}, {"假钞", papers}, {"资格证书", papers}, {"资格证", papers},
	{"职称证书", papers}, {"毕业证书", papers}, {"学位证书", papers}, {"健康证", papers}, {"出生证明", papers},
	{"出生医学证明", papers}, {"准生证", papers}, {"残疾证", papers}, {"学生证", papers}, {"驾驶证", papers},
	{"行驶证", papers}, {"护照", papers}, {"诊断证明", papers},
	{"身份信息", cards}, {"客户信息", cards}, {"业主信息", cards}, {"学生信息", cards}, {"车主信息", cards},
	{"抖音号", cards}, {"快手号", cards}, {"微博账号", cards}, {"实名认证", cards}, {"对公户", cards},
	{"收款二维码", cards}, {"手机黑卡", cards}, {"裸照", porn},
	{"考试答案", exams}, {"答案", exams}, {"考题", exams},
	{"枪支", arms}, {"枪械", arms}, {"手枪", arms}, {"猎枪", arms}, {"气枪", arms}, {"步枪", arms},
	{"仿真枪", arms}, {"钢珠枪", arms}, {"子弹", arms}, {"弹药", arms}, {"炸药", arms}, {"雷管", arms},
	{"弓弩", arms}, {"管制刀具", arms}, {"气狗", arms}, {"电击枪", arms}, {"麻醉枪", arms}, {"黑火药", arms},
	{"赌博机", gambling}, {"老虎机", gambling}, {"透视扑克", gambling}, {"作弊器", exams}, {"作弊耳机", exams},
	{"冰毒", drugs}, {"海洛因", drugs}, {"可卡因", drugs}, {"大麻", drugs}, {"k粉", drugs}, {"摇头丸", drugs},
	{"麻古", drugs}, {"笑气", drugs}, {"迷药", drugs}, {"春药", drugs}, {"听话水", drugs}, {"催情药", drugs},
	{"迷幻药", drugs}, {"罂粟壳", drugs}, {"三唑仑", drugs}, {"氯胺酮", drugs}, {"咖啡包", drugs}, {"依托咪酯", drugs},
	{"黄片", porn}, {"色情光盘", porn},
	{"象牙", wildlife}, {"犀牛角", wildlife}, {"穿山甲", wildlife}, {"虎骨", wildlife},
	{"熊掌", wildlife}, {"玳瑁", wildlife}, {"野生动物", wildlife},
	{"窃听器", spying}, {"针孔摄像头", spying}, {"伪基站", spying},
	{"器官", organs}, {"肾脏", organs}, {"卵子", organs}, {"精子", organs},
})

func sortedTradeGoods(gs []tradeGood) []tradeGood {
	slices.SortStableFunc(gs, func(a, b tradeGood) int { return len([]rune(b.word)) - len([]rune(a.word)) })
	return gs
}

// offerDescribers may stand between the verb and the good (出售二手实名手机卡),
// makers are the ones that let a make verb count (各类证件制作), and parts
// may follow the good before a verb (大麻种子出售, 枪支配件转让).
var (
	offerDescribers = []string{"二手", "实名", "已实名", "未激活", "各类", "各种", "各式", "一切", "大量", "批量",
		"长期", "高价", "低价", "全新", "正规", "真实", "野生", "高纯度", "高纯", "高仿", "仿真", "专业",
		"闲置", "个人", "本人", "私人", "国产", "进口", "优质", "正品", "原装", "成品", "精品", "多张",
		"一手", "全国", "本地", "同城", "人体", "公民", "新鲜", "整套", "一套", "全套", "带流水", "老", "新", "纯"}
	offerMakers = []string{"各类", "各种", "各式", "一切", "高仿", "仿真", "专业"}
	offerParts  = []string{"种子", "籽", "烟", "叶", "成品", "原料", "配件", "图纸", "制品"}
)

// offerUnlike follow a good's word when it names something else: 出售仿真枪模型,
// 回收手机卡套, 象牙白, 象牙塔, 大麻花, 熊掌号, 证件照, 手枪钻, 器官捐献.
var offerUnlike = []string{"玩具", "模型", "用品", "套", "壳", "贴", "架", "柜", "店", "机构", "复印件", "照片",
	"照", "白", "色", "塔", "花", "号", "头", "钻", "解析", "提升", "教育", "捐献", "移植", "保护"}

// runeWords finds the words of a list that start at a position of folded
// text, by their first rune.
type runeWords map[rune][][]rune

func newRuneWords(ws []string) runeWords {
	s := runeWords{}
	for _, w := range ws {
		r := []rune(w)
		s[r[0]] = append(s[r[0]], r)
	}
	return s
}

// at returns the length of the longest word of the set written at text[i:].
func (s runeWords) at(text []rune, i int) int {
	if i >= len(text) {
		return 0
	}
	best := 0
	for _, w := range s[text[i]] {
		if len(w) > best && runesAt(text, i, w) {
			best = len(w)
		}
	}
	return best
}

func runesAt(text []rune, i int, w []rune) bool {
	return i+len(w) <= len(text) && slices.Equal(text[i:i+len(w)], w)
}

// offerWords are the compiled word lists, compiled on first use. An offer
// is looked for only where a verb of trade is written, and verbs are rare:
// verbStarts holds every character that folds to a verb's first character,
// and seconds the characters that may follow it.
type offerWords struct {
	offer, head, forge, describe, maker, unlike runeWords
	goods                                       map[rune][]tradeGood
	describers, parts                           [][]rune
	verbStarts, heads                           bmpSet
	seconds                                     map[rune]string
}

// bmpSet is a bitset of the Basic Multilingual Plane.
type bmpSet [1 << 10]uint64

func (s *bmpSet) add(r rune) {
	if r >= 0 && r < 1<<16 {
		s[r>>6] |= 1 << (r & 63)
	}
}

func (s *bmpSet) has(r rune) bool { return r >= 0 && r < 1<<16 && s[r>>6]&(1<<(r&63)) != 0 }

var offerSets = sync.OnceValue(func() *offerWords {
	w := &offerWords{offer: newRuneWords(offerVerbs), head: newRuneWords(headVerbs), forge: newRuneWords(makeVerbs),
		describe: newRuneWords(offerDescribers), maker: newRuneWords(offerMakers), unlike: newRuneWords(offerUnlike),
		goods: map[rune][]tradeGood{}, seconds: map[rune]string{}}
	for _, g := range tradeGoods {
		r := []rune(g.word)[0]
		w.goods[r] = append(w.goods[r], g)
	}
	for _, d := range offerDescribers {
		w.describers = append(w.describers, []rune(d))
	}
	for _, p := range offerParts {
		w.parts = append(w.parts, []rune(p))
	}
	firsts := map[rune]bool{}
	for _, v := range append(slices.Clone(offerVerbs), makeVerbs...) {
		r := []rune(v)
		firsts[r[0]] = true
		w.seconds[r[0]] += string(r[1])
	}
	for _, v := range headVerbs {
		firsts[[]rune(v)[0]] = true
	}
	// Every character whose folded form begins a verb (出, 出 in full width,
	// 賣 for 卖): the scan tests the text's own characters.
	for r := rune(0); r < 1<<16; r++ {
		f, _ := fold.Rune(r)
		if firsts[f] {
			w.verbStarts.add(r)
		}
		if slices.Contains(headVerbs, string(f)) {
			w.heads.add(r)
		}
	}
	return w
})

// offers finds the illegal offers in runes, written with or without noise
// between the characters (出*售*银*行*卡), with a letter or two between them
// (回1收2手3机4卡), or in traditional characters; the text is matched folded.
func offers(runes []rune) []finding.Finding {
	w := offerSets()
	var fs []finding.Finding
	covered := 0 // the text before covered is part of a finding
	for p, r := range runes {
		if !w.verbStarts.has(r) || !w.verbAt(runes, p) {
			continue
		}
		if f, ok := w.offerNear(runes, p); ok && f.Start >= covered {
			fs = append(fs, f)
			covered = f.End
		}
	}
	return fs
}

// verbAt tells cheaply whether a verb of trade may begin at p: a one-character
// verb at the head of a clause, or the right second character.
func (w *offerWords) verbAt(runes []rune, p int) bool {
	if w.heads.has(runes[p]) && (p == 0 || !unicode.Is(unicode.Han, runes[p-1])) {
		return true
	}
	q := p + 1
	for q < len(runes) && q-p <= maxGap && gapRune(runes[q]) {
		q++
	}
	if q >= len(runes) {
		return false
	}
	first, _ := fold.Rune(runes[p])
	second, _ := fold.Rune(runes[q])
	return strings.ContainsRune(w.seconds[first], second)
}

// The stretch of text around a verb in which an offer is looked for.
const (
	offerBack  = 16
	offerAhead = 24
)

// offerNear returns the offer whose verb begins at p, judged in the folded
// stretch around it, and if there is none, in the stretch without the
// letters and digits put between its characters.
func (w *offerWords) offerNear(runes []rune, p int) (finding.Finding, bool) {
	a, b := max(0, p-offerBack), min(len(runes), p+offerAhead)
	view, at := squeeze(runes[a:b])
	s, e, g, ok := w.offerIn(view, at, p-a)
	if !ok {
		var sv []rune
		var sat []int
		if sv, sat, ok = unsandwich(view, at); ok {
			s, e, g, ok = w.offerIn(sv, sat, p-a)
			view, at = sv, sat
		}
	}
	if !ok {
		return finding.Finding{}, false
	}
	start, end := a+at[s], a+at[e-1]+1
	got := string(runes[start:end])
	return finding.Finding{
		Start: start, End: end, Text: got,
		Category: finding.Sensitive, Severity: finding.Block, Rule: RuleOffer,
		Message: fmt.Sprintf("“%s”是买卖%s的招揽用语（%s类违法信息），政务发布中不得出现；如是评论、转发中的违法广告，应删除。", got, g.word, g.class),
	}, true
}

// offerIn returns the span in view of an offer whose verb is the text's
// character p: verb, describers and good, or describers, good, parts and verb.
func (w *offerWords) offerIn(view []rune, at []int, p int) (int, int, tradeGood, bool) {
	i, ok := slices.BinarySearch(at[:len(at)-1], p)
	if !ok {
		return 0, 0, tradeGood{}, false
	}
	if e, g, ok := w.verbFirst(view, i); ok {
		return i, e, g, true
	}
	v := w.offer.at(view, i)
	forged := false
	if v == 0 {
		v, forged = w.forge.at(view, i), true
	}
	if v == 0 {
		return 0, 0, tradeGood{}, false
	}
	k := i
	for _, part := range w.parts {
		if k-len(part) >= 0 && runesAt(view, k-len(part), part) {
			k -= len(part)
			break
		}
	}
	g, n := w.goodBefore(view, k)
	if n == 0 {
		return 0, 0, tradeGood{}, false
	}
	s, made := w.describedBefore(view, k-n)
	if forged && !made {
		return 0, 0, tradeGood{}, false
	}
	return s, i + v, g, true
}

// goodBefore returns the longest good whose word ends at k.
func (w *offerWords) goodBefore(text []rune, k int) (tradeGood, int) {
	var best tradeGood
	n := 0
	for _, g := range tradeGoods {
		r := []rune(g.word)
		if len(r) > n && k-len(r) >= 0 && runesAt(text, k-len(r), r) {
			best, n = g, len(r)
		}
	}
	return best, n
}

// maxSandwich is the longest run of letters or digits taken for evasion
// noise between two Han characters (as the lexicon takes it).
const maxSandwich = 2

// unsandwich drops from a folded view the runs of at most maxSandwich Latin
// letters and digits that stand between two Han characters; ok is false
// when there is none. at maps the view to the original text as before.
func unsandwich(view []rune, at []int) ([]rune, []int, bool) {
	first := sandwichAt(view, 0)
	if first < 0 {
		return nil, nil, false // the usual case: nothing to drop, nothing allocated
	}
	out := make([]rune, first, len(view))
	copy(out, view[:first])
	oat := make([]int, first, len(view)+1)
	copy(oat, at[:first])
	for i := first; i < len(view); i++ {
		if isASCIIAlnumRune(view[i]) {
			if n := sandwichLen(view, i); n > 0 {
				i += n - 1
				continue
			}
		}
		out = append(out, view[i])
		oat = append(oat, at[i])
	}
	return out, append(oat, at[len(view)]), true
}

// sandwichAt returns the first index from i where a run unsandwich drops
// begins, or -1.
func sandwichAt(view []rune, i int) int {
	for ; i < len(view); i++ {
		if isASCIIAlnumRune(view[i]) && sandwichLen(view, i) > 0 {
			return i
		}
	}
	return -1
}

// sandwichLen is the length of the run of letters and digits at i if it is
// short and stands between two Han characters, else 0.
func sandwichLen(view []rune, i int) int {
	if i == 0 || !unicode.Is(unicode.Han, view[i-1]) {
		return 0
	}
	n := 0
	for i+n < len(view) && n <= maxSandwich && isASCIIAlnumRune(view[i+n]) {
		n++
	}
	if n == 0 || n > maxSandwich || i+n == len(view) || !unicode.Is(unicode.Han, view[i+n]) {
		return 0
	}
	return n
}

// isASCIIAlnumRune reports a Latin letter or digit of folded text.
func isASCIIAlnumRune(r rune) bool { return r < 0x80 && isASCIIAlnum(byte(r)) }

// verbFirst returns the end of an offer that begins with a verb at i.
func (w *offerWords) verbFirst(text []rune, i int) (int, tradeGood, bool) {
	v := w.offer.at(text, i)
	if v == 0 && (i == 0 || !unicode.Is(unicode.Han, text[i-1])) {
		v = w.head.at(text, i)
	}
	if v > 0 {
		j, _ := w.describeAt(text, i+v)
		if g, n := w.goodAt(text, j); n > 0 {
			return j + n, g, true
		}
	}
	if v := w.forge.at(text, i); v > 0 {
		j, made := w.describeAt(text, i+v)
		if g, n := w.goodAt(text, j); n > 0 && (made || g.word == "假证") {
			return j + n, g, true
		}
	}
	return 0, tradeGood{}, false
}

// describedBefore returns the start of up to three describers that end at
// i (各类证件制作), and whether one of them lets a make verb count.
func (w *offerWords) describedBefore(text []rune, i int) (int, bool) {
	made := false
	for range 3 {
		n := 0
		for _, r := range w.describers {
			if len(r) > n && i-len(r) >= 0 && runesAt(text, i-len(r), r) {
				n = len(r)
			}
		}
		if n == 0 {
			break
		}
		i -= n
		made = made || w.maker.at(text, i) == n
	}
	return i, made
}

// describeAt skips up to three describers at j; made says whether one of
// them lets a make verb count.
func (w *offerWords) describeAt(text []rune, j int) (int, bool) {
	made := false
	for range 3 {
		n := w.describe.at(text, j)
		if _, g := w.goodAt(text, j); n == 0 || g > 0 {
			break // a good's own first characters (仿真枪) are not a describer
		}
		made = made || w.maker.at(text, j) == n
		j += n
	}
	return j, made
}

// goodAt returns the good whose word is written at j and not continued
// into another thing's name.
func (w *offerWords) goodAt(text []rune, j int) (tradeGood, int) {
	if j >= len(text) {
		return tradeGood{}, 0
	}
	for _, g := range w.goods[text[j]] {
		r := []rune(g.word)
		if !runesAt(text, j, r) {
			continue
		}
		if w.unlike.at(text, j+len(r)) > 0 {
			return tradeGood{}, 0
		}
		return g, len(r)
	}
	return tradeGood{}, 0
}

// withOffers adds the illegal offers to the lexicon's findings, in text
// order, so that lowerLawful judges them alike.
func withOffers(runes []rune, fs []finding.Finding) []finding.Finding {
	fs = append(fs, offers(runes)...)
	finding.Sort(fs)
	return fs
}
