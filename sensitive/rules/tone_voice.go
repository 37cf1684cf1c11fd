package rules

import "strings"

// voice is who speaks in a paragraph of a draft that quotes a citizen and
// answers: the citizen may be as rude as they like; the reply may not.
type voice uint8

const (
	voiceNeutral voice = iota // narrative, notice, poster: no speaker label
	voiceReply                // 回复：, 答：, 工作人员：, or a paragraph opening with 您好
	voiceCitizen              // 网友留言：, 问：, 市民来电反映：
)

// Longest speaker labels looked for at a paragraph start and after a sentence.
const (
	maxLabel       = 24
	maxInlineLabel = 14
	maxTitle       = 40 // a heading is a short line
	maxHandle      = 20 // the longest @handle that opens a comment reply
)

// labelAt reads a speaker label such as 网友留言： or 县医保局回复： starting
// at i and returns the voice it announces and where the label ends; a
// label that names no known speaker gives voiceNeutral.
func labelAt(text []rune, i, max int) (voice, int) {
	for j := i; j < len(text) && j-i <= max; j++ {
		switch r := text[j]; {
		case r == ':' && j > i && isDigit(text[j-1]) && isDigit(runeAt(text, j+1)):
			// 客服 14:06： is a speaker with the time of the message
		case r == '：' || r == ':':
			if j == i {
				return voiceNeutral, i
			}
			label := string(text[i:j])
			v := speaker(label)
			if v == voiceCitizen && !writesToOffice(label) && salutes(label, text, j+1) {
				v = voiceReply // 网友：, 家长： or 留言人：您好 heads a reply addressed to them
			}
			return v, j + 1
		case isBreak(r) || r == '。' || r == '！' || r == '？' || r == '，' || r == '；':
			return voiceNeutral, i
		}
	}
	return voiceNeutral, i
}

// speaking reports a label that says someone spoke: 网友留言, 市民来电反映.
// 网友 or 家长 alone may be the person a reply is addressed to.
func speaking(label string) bool {
	return containsAny(label, []string{"留言", "反映", "来电", "来信", "提问", "咨询", "投诉", "诉求", "问", "说", "评论", "跟帖"})
}

// addressed reports whether the label that ends at i is a salutation: the
// line ends there (网友：⏎你反映的……), or the text speaks to the person
// named (网友：您好……, 家长：经核查……); a citizen addresses the office as
// 你们 (网友：你们到底管不管).
func addressed(text []rune, i int) bool {
	i = skipSpace(text, i)
	if i >= len(text) || isBreak(text[i]) {
		return true
	}
	if matchAt(text, i, []rune("你们")) {
		return false
	}
	for _, w := range [...]string{"你", "您", "经", "关于", "针对", "感谢", "首先"} {
		if matchAt(text, i, []rune(w)) {
			return true
		}
	}
	return false
}

// salutes reports whether the citizen's label that ends at i heads a reply
// addressed to them rather than their own words.
func salutes(label string, text []rune, i int) bool {
	k := skipSpace(text, i)
	if matchAt(text, k, []rune("您好")) || matchAt(text, k, []rune("你好")) {
		return greets(text, i)
	}
	return !speaking(label) && addressed(text, i)
}

// greets reports a salutation that opens a reply after the label that ends
// at i: 留言人：您好！您所说的……; a citizen who greets the office goes on
// about themself (用户：你好，我想问一下……).
func greets(text []rune, i int) bool {
	i = skipSpace(text, i)
	if !matchAt(text, i, []rune("您好")) && !matchAt(text, i, []rune("你好")) {
		return false
	}
	j := i + 2
	for j < len(text) && (isSpace(text[j]) || strings.ContainsRune("，,！!。：:~", text[j])) {
		j++
	}
	for _, w := range citizenOpenings {
		if matchAt(text, j, w) {
			return false
		}
	}
	return true
}

// citizenOpenings are how a citizen goes on after greeting the office.
var citizenOpenings = [][]rune{[]rune("我想"), []rune("我要"), []rune("我家"), []rune("我是"), []rune("我在"),
	[]rune("我的"), []rune("我们家"), []rune("我们小区"), []rune("我们村"), []rune("请问"), []rune("想问"),
	[]rune("问一下"), []rune("咨询"), []rune("麻烦")}

// replyTitle reports a heading such as 关于和平小区噪音问题的回复.
func replyTitle(text []rune, i int) bool {
	e := i
	for e < len(text) && !isBreak(text[e]) {
		if e-i > maxTitle {
			return false
		}
		e++
	}
	line := string(text[i:e])
	return !strings.ContainsAny(line, "。：:") && containsAny(line, []string{"的回复", "的答复", "回复函", "答复意见", "答复书"})
}

// speaker classifies a label: the office that answers, or the person who asks.
func speaker(label string) voice {
	if i := strings.LastIndex(label, "】"); strings.HasPrefix(label, "【") && i > 0 {
		label = label[i+len("】"):] // 【政策问答】问： is the column, then the speaker
	}
	if strings.Contains(label, "问") && strings.Contains(label, "答") {
		return voiceNeutral // the title of a Q&A column: 你问我答, 政策问答
	}
	if writesToOffice(label) {
		return voiceCitizen
	}
	switch {
	case containsAny(label, []string{"回复", "答复", "回应", "工作人员", "客服", "接线员", "话务员", "坐席", "值班员",
		"小编", "办理结果", "办理情况", "办理意见", "处理结果", "处理情况", "处理意见", "回复内容", "答复意见"}),
		strings.HasSuffix(label, "答"), strings.HasSuffix(label, "您好"), strings.HasSuffix(label, "你好"),
		strings.HasPrefix(label, "尊敬的"), strings.HasPrefix(label, "亲爱的"):
		return voiceReply
	case containsAny(label, []string{"留言", "网友", "网民", "市民", "群众", "来信", "来电", "提问", "咨询",
		"反映", "投诉", "用户", "居民", "家长", "村民", "纳税人", "患者", "考生", "读者", "游客", "诉求", "反馈"}),
		strings.HasSuffix(label, "问"), containsSuffix(label, salutationSuffixes...):
		return voiceCitizen
	}
	return voiceNeutral
}

// writesToOffice reports the salutation of a citizen's letter: 领导您好,
// 尊敬的市长; the 您好 that follows it is the citizen's too.
func writesToOffice(label string) bool {
	return containsAny(label, officials) && containsAny(label, []string{"您好", "你好", "尊敬的"})
}

// salutationSuffixes end the name of a person a reply may be addressed to
// (张先生：); like 网友： the label is the citizen's when they speak.
var salutationSuffixes = []string{"先生", "女士", "同志", "师傅", "阿姨", "大爷", "大妈", "同学", "朋友", "小朋友"}

// officials are whom a citizen's letter is addressed to.
var officials = []string{"领导", "书记", "市长", "县长", "区长", "镇长", "乡长", "局长", "主任", "政府"}

// opensReply reports a paragraph that starts as a reply does: 您好, 你好,
// 尊敬的, @用户 (a comment answered on Weibo or Douyin), or a bracketed
// heading that names it (【工单办理结果】).
func opensReply(text []rune, i int) bool {
	for _, w := range replyOpenings {
		if matchAt(text, i, w) {
			return true
		}
	}
	switch runeAt(text, i) {
	case '@', '＠':
		return true // the handle is skipped as a label: see handleEnd
	case '【':
		for j := i + 1; j < len(text) && j <= i+12; j++ {
			if text[j] == '】' {
				return containsAny(string(text[i+1:j]), replyHeadings)
			}
		}
	}
	return false
}

// opensFinding reports a paragraph that opens as the office's finding
// does: 经核实，…… is how a reply in the third person begins, unless the
// draft is news (a police bulletin opens the same way).
func opensFinding(text []rune, i int) bool {
	for _, w := range findingOpenings {
		if matchAt(text, i, w) {
			return true
		}
	}
	return false
}

var findingOpenings = [][]rune{[]rune("经核实"), []rune("经核查"), []rune("经调查"), []rune("经现场核实"), []rune("经现场核查"),
	[]rune("经现场查看"), []rune("经了解"), []rune("经研究")}

// handleEnd returns where the @handle that opens a comment reply at i
// ends, with the spaces or colon after it; i if there is none.
func handleEnd(text []rune, i int) int {
	if r := runeAt(text, i); r != '@' && r != '＠' {
		return i
	}
	j := i + 1
	for j < len(text) && j-i <= maxHandle && !isSpace(text[j]) && !isBreak(text[j]) && text[j] != '：' && text[j] != ':' {
		j++
	}
	if j-i > maxHandle {
		return i
	}
	for j < len(text) && (isSpace(text[j]) || text[j] == '：' || text[j] == ':') {
		j++
	}
	return j
}

// replyHeadings name a reply in a bracketed heading.
var replyHeadings = []string{"回复", "答复", "办理结果", "办理情况", "处理结果", "工单"}

var replyOpenings = [][]rune{[]rune("您好"), []rune("你好"), []rune("尊敬的")}

// tonePatterns are the cues that are shapes rather than words.
var tonePatterns = []*toneCue{
	{word: []rune("爱"), kind: kindBrushOff, check: asYouLike},
	{word: []rune("什么"), kind: kindContempt, check: whatVerb},
	{word: []rune("就是"), kind: kindDismissive, check: tautology},
	{word: []rune("说"), kind: kindContempt, check: toldTimes},
	{word: []rune("讲"), kind: kindContempt, check: toldTimes},
	{word: []rune("遍"), kind: kindContempt, check: timesOver},
	{word: []rune("次"), kind: kindContempt, check: timesOver},
	{word: []rune("不满意你"), kind: kindDismissive, check: dontThen},
	{word: []rune("不懂"), kind: kindDismissive, check: dontThen},
	{word: []rune("这点"), kind: kindContempt, check: notEvenThat},
	{word: []rune("就别"), kind: kindDismissive, check: dontThen},
	{word: []rune("可以不"), kind: kindDismissive, check: dontThen},
	{word: []rune("嫌"), kind: kindDismissive, check: dontThen},
	{word: []rune("实在"), kind: kindDismissive, check: dontThen},
	{word: []rune("要是"), kind: kindDismissive, check: dontThen},
	{word: []rune("吗"), kind: kindSarcasm, check: rhetoricalQuestion},
	{word: []rune("谁"), kind: kindSarcasm, check: rhetoricalQuestion},
	{word: []rune("还"), kind: kindSarcasm, check: stillWhat},
	{word: []rune("你"), kind: kindContempt, check: youToo},
}

// stillWhat finds 还住什么城里, 还谈什么: a 还…什么 that scoffs.
func stillWhat(text []rune, i int) (int, int, float32) {
	for j := i + 2; j <= i+4 && j+1 < len(text) && isHan(text[j-1]); j++ {
		if text[j] == '什' && text[j+1] == '么' {
			return i, j + 2, plain
		}
	}
	return 0, 0, 0
}

// youToo finds 你太敏感了, 你要求太高: a judgement of the person.
func youToo(text []rune, i int) (int, int, float32) {
	for j := i + 1; j <= i+4 && j < len(text) && isHan(text[j]); j++ {
		if text[j] == '太' {
			return i, j + 1, plain
		}
	}
	return 0, 0, 0
}

// rhetoricalQuestion finds questions that a reply asks back: 审核不需要时间吗？
// (不…吗, 没…吗), 你来值吗？ (你…吗), 弄坏了谁负责？ (谁…？).
func rhetoricalQuestion(text []rune, i int) (int, int, float32) {
	cs, ce := around(text, i, clauseEnds)
	if r := runeAt(text, ce); r != '？' && r != '?' {
		return 0, 0, 0
	}
	if text[i] == '谁' {
		return cs, ce + 1, light
	}
	if ce != i+1 {
		return 0, 0, 0
	}
	w := float32(0)
	for j := cs; j < i; j++ {
		switch text[j] {
		case '不', '没':
			w = plain
		case '你':
			w = max(w, light)
		}
	}
	return cs, ce + 1, w
}

// asYouLike finds 爱喝不喝, 爱找谁找谁, 爱怎么吵怎么吵, 爱去哪办去哪办:
// "do as you like, we don't care".
func asYouLike(text []rune, i int) (int, int, float32) {
	if a := runeAt(text, i+1); isHan(a) && runeAt(text, i+2) == '不' && runeAt(text, i+3) == a && a != '不' {
		return i, i + 4, strong
	}
	for n := 2; n <= 5; n++ {
		if i+1+2*n > len(text) || !repeats(text, i+1, n) {
			continue
		}
		if s := string(text[i+1 : i+1+n]); containsAny(s, []string{"谁", "哪", "怎", "啥", "咋"}) {
			return i, i + 1 + 2*n, strong
		}
	}
	return 0, 0, 0
}

// repeats reports whether text[i:i+n] is written twice in a row, in ideographs.
func repeats(text []rune, i, n int) bool {
	for k := range n {
		if !isHan(text[i+k]) || text[i+k] != text[i+n+k] {
			return false
		}
	}
	return true
}

// whatVerb finds 问什么问, 吵什么吵, 举报什么举报: a verb around 什么 scolds.
func whatVerb(text []rune, i int) (int, int, float32) {
	for n := 2; n >= 1; n-- {
		if i-n >= 0 && i+2+n <= len(text) && matchAt(text, i+2, text[i-n:i]) && allHan(text[i-n:i]) {
			return i - n, i + 2 + n, medium
		}
	}
	return 0, 0, 0
}

// tautology finds 考不上就是考不上, 规定就是规定: the answer that explains nothing.
func tautology(text []rune, i int) (int, int, float32) {
	for n := 4; n >= 2; n-- {
		if i-n >= 0 && i+2+n <= len(text) && matchAt(text, i+2, text[i-n:i]) && allHan(text[i-n:i]) {
			return i - n, i + 2 + n, plain
		}
	}
	return 0, 0, 0
}

func allHan(rs []rune) bool {
	for _, r := range rs {
		if !isHan(r) {
			return false
		}
	}
	return true
}

// timesOver finds 已经回复过三次了, 回答过无数次了: impatience with the
// question; it stands at the 遍 or 次 and needs the 了 after it.
func timesOver(text []rune, i int) (int, int, float32) {
	if runeAt(text, i+1) != '了' {
		return 0, 0, 0
	}
	j := i - 1
	for j >= 0 && j > i-5 && (isDigit(text[j]) || isChineseNumeral(text[j]) || strings.ContainsRune("多少几百千万两无数", text[j])) {
		j--
	}
	if j == i-1 || j < 1 || text[j] != '过' && text[j] != '了' {
		return 0, 0, 0
	}
	return max(j-2, 0), i + 2, medium
}

// toldTimes finds 说了八百遍了, 讲过多少次: impatience with the question.
func toldTimes(text []rune, i int) (int, int, float32) {
	if r := runeAt(text, i+1); r != '了' && r != '过' {
		return 0, 0, 0
	}
	for j := i + 2; j < len(text) && j <= i+6; j++ {
		switch r := text[j]; {
		case r == '遍' || r == '次':
			if j > i+2 {
				return i, j + 1, medium
			}
			return 0, 0, 0
		case isDigit(r) || isChineseNumeral(r) || strings.ContainsRune("多少几百千万八", r):
		default:
			return 0, 0, 0
		}
	}
	return 0, 0, 0
}

// notEvenThat finds 这点耐心都没有, 这点小事也要问, 这点噪音都受不了.
func notEvenThat(text []rune, i int) (int, int, float32) {
	for j := i + 2; j < len(text) && j <= i+10 && !strings.ContainsRune(clauseEnds, text[j]); j++ {
		if text[j] == '都' || text[j] == '也' {
			return i, j + 2, plain
		}
	}
	return 0, 0, 0
}

// dontThen finds "if you don't like it, don't" in the clause around i:
// 嫌贵别开车来, 不想跑就别办, 不满意可以不来; a bare 就别 is weaker.
func dontThen(text []rune, i int) (int, int, float32) {
	cs, ce := around(text, i, clauseEnds)
	clause := string(text[cs:ce])
	if dismissal(clause) || containsAny(clause, []string{"觉得", "受不了", "不满意", "不服", "等不及", "不愿意", "实在", "要是", "不懂"}) &&
		containsAny(clause, []string{"就", "可以不", "别", "你可以"}) {
		return cs, ce, medium
	}
	if text[i] == '就' {
		return i, i + 2, light
	}
	return 0, 0, 0
}

// dismissal finds "if you don't like it, don't" replies: 嫌报销少就别生病,
// 嫌吵可以搬家, 没时间排队就别来办.
func dismissal(clause string) bool {
	if i := complaint(clause); i >= 0 {
		return containsAny(clause[i:], []string{"就", "可以", "别", "还不如", "自己"})
	}
	if i := strings.Index(clause, "就别"); i > 0 {
		return containsAny(clause[:i], []string{"没", "不", "嫌"})
	}
	if i := strings.Index(clause, "可以不"); i > 0 {
		return containsAny(clause[:i], []string{"不想", "不愿", "嫌"})
	}
	return false
}

// complaint returns where 嫌 (finding fault) stands in clause, or -1; 嫌疑,
// 嫌犯, 不嫌, 避嫌, 讨嫌 and 涉嫌 are other words.
func complaint(clause string) int {
	for i := strings.Index(clause, "嫌"); i >= 0; {
		rest, before := clause[i+len("嫌"):], clause[:i]
		if !strings.HasPrefix(rest, "疑") && !strings.HasPrefix(rest, "犯") && !containsSuffix(before, "不", "避", "讨", "涉") {
			return i
		}
		j := strings.Index(rest, "嫌")
		if j < 0 {
			return -1
		}
		i += len("嫌") + j
	}
	return -1
}

func containsSuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
