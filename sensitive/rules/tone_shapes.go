package rules

import "strings"

// toneShapes are cues that are sentence shapes rather than words, besides
// those of tonePatterns: each finds a class of cold answer however it is
// worded.
var toneShapes = []*toneCue{
	{word: []rune("自己"), kind: kindImperative, check: selfServe},
	{word: []rune("那是"), kind: kindBrushOff, check: theirBusiness},
	{word: []rune("这是"), kind: kindBrushOff, check: theirBusiness},
	{word: []rune("不是你"), kind: kindContempt, check: notYourPlace, free: true},
	{word: []rune("不是您"), kind: kindContempt, check: notYourPlace, free: true},
	{word: []rune("怪"), kind: kindBlame, check: blameQuestion, free: true},
	{word: []rune("你真"), kind: kindSarcasm, check: youReally, free: true},
	{word: []rune("您真"), kind: kindSarcasm, check: youReally, free: true},
	{word: []rune("随便"), kind: kindThreat, check: goAhead, free: true},
	{word: []rune("尽管"), kind: kindThreat, check: goAhead, free: true},
	{word: []rune("哪"), kind: kindSarcasm, check: scoffQuestion},
	{word: []rune("怎么"), kind: kindSarcasm, check: scoffQuestion},
	{word: []rune("为什么不"), kind: kindSarcasm, check: scoffQuestion},
	{word: []rune("日前"), kind: kindNewsDoc, check: notAfterDigit},
	{word: []rune("去"), kind: kindBrushOff, check: goThere},
	{word: []rune("这都"), kind: kindSarcasm, check: notEven, free: true},
	{word: []rune("这也"), kind: kindSarcasm, check: notEven, free: true},
	{word: []rune("连"), kind: kindSarcasm, check: notEven},
	{word: []rune("也"), kind: kindDismissive, check: invainVerb},
	{word: []rune("是你"), kind: kindBlame, check: yourFault, free: true},
	{word: []rune("是您"), kind: kindBlame, check: yourFault, free: true},
	{word: []rune("当初"), kind: kindBlame, check: shouldHave, free: true},
	{word: []rune("等着"), kind: kindImperative, check: bareOrder},
	{word: []rune("想"), kind: kindThreat, check: ifYouWant, free: true},
	{word: []rune("要"), kind: kindThreat, check: ifYouWant, free: true},
	{word: []rune("我们"), kind: kindOffice, check: officeSpeaks},
	{word: []rune("你们"), kind: kindToOffice, check: speaksToOffice},
}

// speaksToOffice finds 你们工作人员, 你们部门: the office never calls itself
// 你们, so the paragraph is the citizen's, even after a reply and without
// a label (a follow-up message on a reply page).
func speaksToOffice(text []rune, i int) (int, int, float32) {
	j := i + 2
	if matchAt(text, j, []rune("这些")) {
		j += 2
	}
	for j < len(text) && !isHan(text[j]) && !isBreak(text[j]) && j < i+4 {
		j++ // 你们·工作人员
	}
	for _, w := range officeNouns {
		if matchAt(text, j, w) {
			return i, j + len(w), 1
		}
	}
	return 0, 0, 0
}

var officeNouns = [][]rune{[]rune("工作人员"), []rune("部门"), []rune("单位"), []rune("政府"), []rune("领导"), []rune("当官的"),
	[]rune("干部"), []rune("城管"), []rune("街道"), []rune("社区"), []rune("环保局"), []rune("执法"), []rune("相关部门")}

// goAhead finds 随便举报, 随便你投诉, 尽管去告: "go ahead, we do not
// care". 不要随便丢弃 and 随便看看 are other senses.
func goAhead(text []rune, i int) (int, int, float32) {
	if strings.ContainsRune("不别勿莫能得可", runeAt(text, i-1)) {
		return 0, 0, 0
	}
	j := i + 2
	if r := runeAt(text, j); r == '你' || r == '您' {
		j++
		if strings.ContainsRune(clauseEnds, runeAt(text, j)) || runeAt(text, j) == '便' {
			return i, j, plain // 随便你, 随你便
		}
	}
	if runeAt(text, j) == '去' {
		j++
	}
	for _, w := range []string{"举报", "投诉", "告", "评论", "骂", "闹", "曝光", "上访", "找"} {
		if matchAt(text, j, []rune(w)) {
			return i, j + len([]rune(w)), plain
		}
	}
	return 0, 0, 0
}

// notEven finds 这都搞不定, 这也不懂, 连车牌都记不住: the citizen cannot
// manage even this. 连 needs its 都 or 也 within six characters; a clause
// without a negation after it (连续, 这也是) says nothing of the kind.
func notEven(text []rune, i int) (int, int, float32) {
	j := i + 2
	if text[i] == '连' {
		j = -1
		for k := i + 2; k < len(text) && k <= i+7; k++ {
			if text[k] == '都' || text[k] == '也' {
				j = k + 1
				break
			}
			if !isHan(text[k]) {
				return 0, 0, 0
			}
		}
		if j < 0 {
			return 0, 0, 0
		}
	}
	for k := j; k < len(text) && k <= j+1; k++ {
		if text[k] == '不' || text[k] == '没' {
			_, ce := around(text, k, clauseEnds)
			return i, ce, plain
		}
	}
	return 0, 0, 0
}

// invainVerb finds 急也急不来, 催也催不动, 说也说不清: doing it is no use.
func invainVerb(text []rune, i int) (int, int, float32) {
	v := runeAt(text, i-1)
	if !isHan(v) || runeAt(text, i+1) != v || runeAt(text, i+2) != '不' || !isHan(runeAt(text, i+3)) {
		return 0, 0, 0
	}
	return i - 1, i + 4, plain
}

// yourFault finds 就是您操作有问题, 是你自己的错: the fault is put on the
// citizen. 是您的权利 and 是您提出的 say nothing of the kind.
func yourFault(text []rune, i int) (int, int, float32) {
	_, ce := around(text, i, clauseEnds)
	rest := string(text[i+2 : ce])
	if len([]rune(rest)) > 10 {
		return 0, 0, 0
	}
	for _, w := range []string{"有问题", "的问题", "的错", "不对", "错了", "搞错", "弄错", "理解错", "看错", "没看", "没注意", "不小心"} {
		if strings.Contains(rest, w) {
			return i, ce, plain
		}
	}
	return 0, 0, 0
}

// shouldHave finds 当初买房的时候就应该考虑到: what the citizen should have
// done then, said now.
func shouldHave(text []rune, i int) (int, int, float32) {
	_, ce := around(text, i, clauseEnds)
	if containsAny(string(text[i+2:ce]), []string{"应该", "就该", "应当", "早该", "为什么不", "怎么不"}) {
		return i, ce, plain
	}
	return 0, 0, 0
}

// ifYouWant finds 想投诉就投诉, 要告就去告: "go ahead if you want, we
// do not care"; the verb is one of complaint, or it would be advice
// (想参加就报名).
func ifYouWant(text []rune, i int) (int, int, float32) {
	for n := 1; n <= 2; n++ {
		v := text[min(i+1, len(text)):min(i+1+n, len(text))]
		j := i + 1 + n
		if len(v) < n || runeAt(text, j) != '就' {
			continue
		}
		k := j + 1
		if runeAt(text, k) == '去' {
			k++
		}
		if matchAt(text, k, v) && containsAny(string(v), []string{"投诉", "告", "举报", "曝光", "闹", "骂"}) {
			return i, k + n, plain
		}
	}
	return 0, 0, 0
}

// bareOrder finds 等着。: a clause that is a single order and nothing else.
func bareOrder(text []rune, i int) (int, int, float32) {
	cs, ce := around(text, i, clauseEnds)
	if skipSpace(text, cs) == i && ce == i+2 {
		return i, ce, plain
	}
	return 0, 0, 0
}

// goThere finds 找物业去, 问社区去, 看公告去: the clause sends the citizen
// off and ends on 去. 您可以到社区去 and 请到窗口去 offer a way.
func goThere(text []rune, i int) (int, int, float32) {
	if !strings.ContainsRune(clauseEnds, runeAt(text, i+1)) && i+1 < len(text) && runeAt(text, i+1) != '吧' {
		return 0, 0, 0
	}
	cs, _ := around(text, i, clauseEnds)
	cs = skipSpace(text, cs)
	if i-cs < 2 || i-cs > 8 {
		return 0, 0, 0
	}
	clause := string(text[cs:i])
	if containsAny(clause, []string{"请", "可以", "可", "建议", "欢迎", "您", "一起", "来", "回"}) {
		return 0, 0, 0
	}
	for _, w := range []string{"找", "问", "看", "查", "告", "投诉", "打", "你找", "你问", "自己"} {
		if strings.HasPrefix(clause, w) {
			return cs, i + 1, plain
		}
	}
	return 0, 0, 0
}

// scoffQuestion finds the question that scoffs: 哪有这么便宜的事？,
// 怎么可能？, 为什么不早点来？ — at the end of a question, not 哪个小区？
// or 怎么办理？, which ask for what the reply needs to know.
func scoffQuestion(text []rune, i int) (int, int, float32) {
	cs, ce := around(text, i, clauseEnds)
	if r := runeAt(text, ce); r != '？' && r != '?' {
		return 0, 0, 0
	}
	rest := string(text[i:ce])
	for _, w := range []string{"哪有", "哪能", "哪来", "哪儿有", "哪里有", "怎么可能", "怎么会", "怎么能", "怎么不", "怎么没",
		"怎么还", "为什么不"} {
		if strings.HasPrefix(rest, w) {
			return cs, ce + 1, light
		}
	}
	return 0, 0, 0
}

// notAfterDigit keeps 日前 (news: "the other day") apart from 20日前 (before the 20th).
func notAfterDigit(text []rune, i int) (int, int, float32) {
	if r := runeAt(text, i-1); isDigit(r) || isChineseNumeral(r) || r == '号' {
		return 0, 0, 0
	}
	return i, i + 2, 1
}

// officeSpeaks finds 我们 where the office itself speaks to the public (a
// notice: 这次再说不知道我们也没办法了); 我们 inside quotation marks is
// somebody else's.
func officeSpeaks(text []rune, i int) (int, int, float32) { return i, i + 2, 1 }

// selfServe finds 自己看, 自己对照清单检查, 下载个APP自己查: an order to
// do it yourself that ends the clause. 您可以自己在网上查询 offers a way and
// stays quiet, and so does 自己 in a longer clause (自己动手丰衣足食).
func selfServe(text []rune, i int) (int, int, float32) {
	cs, ce := around(text, i, clauseEnds)
	if ce-(i+2) < 1 || ce-(i+2) > 8 || !isHan(text[i+2]) {
		return 0, 0, 0
	}
	before, rest := string(text[cs:i]), string(text[i+2:ce])
	if containsAny(rest, []string{"的", "了解", "选择", "决定", "负责", "可以", "能"}) ||
		containsAny(before, []string{"可", "能", "请", "帮", "让", "为", "由", "和", "靠", "对", "把", "是", "的", "建议"}) {
		return 0, 0, 0
	}
	switch before {
	case "", "你", "您", "你们", "那就", "那你就", "就", "只能", "你就", "你自己", "那":
	default:
		if ce-(i+2) > 1 {
			return 0, 0, 0 // 下载个APP自己查: only a single verb after a longer clause
		}
	}
	return cs, ce, plain
}

// theirBusiness finds 那是邮局的事, 这是物业的事情: the request is sent
// away to someone else in four characters or fewer. 这是关系群众切身利益的事
// names no one to go to.
func theirBusiness(text []rune, i int) (int, int, float32) {
	for n := 1; n <= 5; n++ {
		j := i + 2 + n
		if j+1 >= len(text) || !isHan(text[j-1]) {
			return 0, 0, 0
		}
		if text[j] != '的' || text[j+1] != '事' {
			continue
		}
		who := string(text[i+2 : j])
		end := j + 2
		if runeAt(text, end) == '情' || runeAt(text, end) == '儿' {
			end++
		}
		if !strings.ContainsRune(clauseEnds, runeAt(text, end)) || !isParty(who) {
			return 0, 0, 0
		}
		return i, end, plain
	}
	return 0, 0, 0
}

// isParty reports a name of whoever else a request could be sent to.
func isParty(who string) bool {
	if containsAny(who, []string{"我们", "我局", "本", "政府", "大家", "全"}) {
		return false
	}
	if containsAny(who, []string{"物业", "开发商", "村里", "社区", "街道", "学校", "医院", "邮局", "银行", "快递",
		"商家", "老板", "房东", "公司", "厂家", "法院", "你们", "你", "他们", "别人", "人家", "上面", "上级"}) {
		return true
	}
	last := []rune(who)
	return strings.ContainsRune("局站所厂委司行院部办处队", last[len(last)-1])
}

// notYourPlace finds 热线不是你发泄情绪的地方, 这里不是你们撒野的地方.
func notYourPlace(text []rune, i int) (int, int, float32) {
	for j := i + 3; j+2 < len(text) && j <= i+14; j++ {
		if !isHan(text[j]) {
			return 0, 0, 0
		}
		if text[j] == '的' && text[j+1] == '地' && text[j+2] == '方' {
			return i, j + 3, plain
		}
	}
	return 0, 0, 0
}

// blameQuestion finds 怪学校？, 还怪我们？: a question that turns the blame
// back on the citizen. 难怪, 奇怪 and 怪物 are other words.
func blameQuestion(text []rune, i int) (int, int, float32) {
	if strings.ContainsRune("难奇古作鬼妖精责见", runeAt(text, i-1)) {
		return 0, 0, 0
	}
	for j := i + 1; j < len(text) && j <= i+7; j++ {
		switch r := text[j]; {
		case r == '？' || r == '?':
			if j > i+1 {
				return i, j, plain
			}
			return 0, 0, 0
		case !isHan(r):
			return 0, 0, 0
		}
	}
	return 0, 0, 0
}

// youReally finds 您可真会替政府花钱, 你真行, 你真能想: praise that mocks.
// 您真是辛苦了 and 你真棒 are praise.
func youReally(text []rune, i int) (int, int, float32) {
	j := i + 2
	for _, w := range []string{"会", "能", "行", "够", "敢", "逗", "有意思", "有本事", "是会", "是能"} {
		if matchAt(text, j, []rune(w)) {
			return i, j + len([]rune(w)), plain
		}
	}
	return 0, 0, 0
}
