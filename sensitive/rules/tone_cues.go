package rules

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// cueKind is what a tone cue says about the sentence it stands in.
type cueKind uint8

// Kinds of tone cue. The hostile kinds come first: only they can make a
// finding; the others raise or lower the score of a sentence that has one.
const (
	kindBrushOff   cueKind = iota // 推诿: it is not our business
	kindBlame                     // 指责: it is the citizen's own fault
	kindThreat                    // 威胁: or else
	kindSarcasm                   // 反问嘲讽: rhetorical questions
	kindContempt                  // 轻蔑: contempt for the person or the request
	kindDismissive                // 敷衍: if you don't like it, don't; it is nothing
	kindImperative                // 命令口吻: orders without a please
	kindRetort                    // 反诘: 又不…, 还想…
	kindParticle                  // 语气词: 呗, 嘛, a rhetorical 呢？
	kindYou                       // 你 where a reply says 您
	kindCourtesy                  // 您, 请, 感谢, 抱歉…
	kindNarrative                 // reported speech: 他说, 扬言…
	kindOffice                    // 我们: the office speaks
	kindToOffice                  // 你们工作人员: the citizen speaks to the office
	kindReplyDoc                  // the draft reads as a reply
	kindNewsDoc                   // the draft reads as news or a police report
)

// hostile reports the kinds that can make a finding.
func (k cueKind) hostile() bool { return k < kindYou }

// kindLabel names the hostile kinds in the message.
var kindLabel = [kindYou]string{"推诿", "指责群众", "威胁", "反问嘲讽", "轻蔑", "敷衍", "命令口吻", "反诘", "语气词"}

// Weights of a cue. A strong cue is hostile on its own; the others need
// the reply, 你, a mark or a second cue to reach toneThreshold, and most
// count only where the sentence speaks to someone (a reply, 你, 您, 请, or
// 我们 outside news): see reach.
const (
	strong = 4
	medium = 2.5
	plain  = 2
	light  = 1.5
)

// toneCue is one cue word.
type toneCue struct {
	word   []rune
	kind   cueKind
	weight float32
	strong bool                                                      // hostile on its own, in any voice
	free   bool                                                      // counts in any voice, not only where the sentence speaks to someone
	formal bool                                                      // 您: it speaks to the citizen, and softens nothing
	check  func(text []rune, i int) (start, end int, weight float32) // a pattern: its span and weight, or weight 0
	except []exception                                               // words around the cue that cancel it
}

// exception is a word that holds the cue at offset at and means something else.
type exception struct {
	word []rune
	at   int
}

// cueGroup lists words of one kind and weight, separated by spaces.
type cueGroup struct {
	kind   cueKind
	weight float32
	words  string
}

// reach says where the cues of a group count: only where the sentence
// speaks to the citizen (a reply, 你 or 您), anywhere, or only in a
// clause that names the citizen (你, 您: 这个教训您要记住).
type reach uint8

const (
	reachAddressed reach = iota
	reachAnywhere
	reachClause
)

// toneCueGroups are the listed cues. They are examples of open classes, not
// a closed list: the score of a sentence combines them with the reply
// context, 你, question and exclamation marks, so a new wording needs only
// one of them to be caught.
var toneCueGroups = []cueGroup{
	{kindBrushOff, strong, "不归我们管 不归我管 不关我们的事 不关我的事 关我什么事 关我们什么事 关你什么事 关我屁事 爱咋咋地 爱咋咋滴 " +
		"爱咋咋样 神仙也没办法 另谋高就 这不是我们的职责 不是我们的职责 没空理你 懒得理你 懒得管 没空管 别来烦我 别烦我 " +
		"少管闲事 跟你说不清 说了你也不懂 问了也白问 没空一个个解释 关你啥事 关我啥事 关你屁事 关你们什么事 关你们啥事"},
	{kindBrushOff, plain, "我们也没办法 我们没办法 我们管不了 我们管不着 管不着 管不了 管不过来 我们不管 一概不管 说没用 也没用 " +
		"找我们没用 跟我们没关系 跟我们没有任何关系 跟我没关系 和我没关系 与我们无关 跟我们无关 不是我们的事 自己去查 " +
		"自己查去 自己去问 自己想办法 自己看着办 自己商量 自己协商 自己解决 找别人去 找物业去 找村里去 找国家去 " +
		"找上级去 找谁去 谁弄坏的找谁 不负责 别什么事都 别什么都 什么都找 什么事都找 不要什么都 找不到吗 不知道问谁 " +
		"别来问 也晚了 白搭 我们不负责 一个个解释 等着吧 慢慢等 排着吧 轮不到 没空 没工夫 没时间陪 我们也不知道 " +
		"我们也不清楚 我也不知道 我也不清楚 不可能为了 自己到 这里不是 我们这里不是 我们不是 你们自己 不知道 等通知 " +
		"根本不可能 恕不奉陪 反正我们 有意见去找 有意见找"},
	{kindBlame, strong, "活该 自找的 早干嘛去了 早干什么去了 干嘛去了 干什么去了 还有理了 还好意思 还有脸 怪不了别人 怨不得别人 " +
		"你自己的问题 是你自己的问题 不知好歹 不识好歹 看不懂怪谁 不懂怪谁"},
	{kindBlame, plain, "怪谁 怨谁 怪你 怪你自己 怪自己 你自己不 是你自己 你自己没 当初是你 谁让你 谁叫你 心里没数 心里没点数 没点数 " +
		"没长眼 赖我们 赖政府 赖别人 别赖 还怪 倒来怪 反倒怪 怪政府 怪我们 别找借口 找借口 自己不小心 自己不看 " +
		"不看通知 早就公布了 早就说过 说过多少次 说了多少遍 理解能力 不配合 运气不好 自己的原因 自己的责任 找找自己 " +
		"长个记性 长点记性 长记性 长点心 没人逼 没人强迫 没人拦 没人让 没人求 就该想到 早就该 当初就该 错的是你 " +
		"是你的错 你的错 晚了 早知今日 何必当初 别把责任 把责任推 推到学校 推给政府 纯属捏造 纯属造谣 纯属 捏造 煽动 " +
		"搞清楚自己"},
	{kindThreat, strong, "后果自负 别怪我们不客气 别怪我不客气 对你不客气 吃不了兜着走 给你点颜色 走着瞧 等着瞧 有本事你去告 有本事去告 " +
		"你去告啊 随便你告 不服你去告 随便你去哪投诉 想投诉随便 信不信我"},
	{kindThreat, plain, "不客气 拉黑 报警处理 试试 谁吃亏 封号 有本事 告你 抓你 拘留你 找你麻烦 追究你 我们等着 再这样 再闹 再来闹 " +
		"再吵 再发 再刷 再乱 再骚扰 再投诉 再恶意 再造谣 再打电话 重点对象 负法律责任 好自为之"},
	{kindSarcasm, plain, "你觉得 你以为 可能吗 难道 凭什么 怎么了 轮得到 什么人 有什么用 有用吗 有意思吗 能怎样 能怎么样 会怎样 " +
		"会怎么样 还想怎样 还想怎么样 至于吗 懂不懂 不会看吗 看不懂吗 听不懂吗 不识字吗 看不见吗 不知道吗 有什么错 " +
		"有什么好 算什么 你说呢 你说了算 你说了不算 不是你想 不是你说 不就 你就不能 你行你上 这还要 这也要 这都要 " +
		"还用问 还要问 还要教 教你 啊？ 呀？ 啊? 呀? 总不能 哪有这个 别以为 可真是 真够 就您一个人 您一个人 " +
		"信不信由你"},
	{kindContempt, strong, "刁民 无理取闹 胡搅蛮缠 有病吧 脑子进水 你算老几 算老几 你懂什么 懂个屁 你懂个屁 你是不是傻 你有病吧 脑子有病 " +
		"你这种人 你们这些人 像你这样的人 就你事多 就你事儿多 事儿妈 替党说话还是替老百姓说话 你是哪个单位的"},
	{kindContempt, medium, "纠缠 无理要求 不可理喻"},
	{kindContempt, plain, "就你 你们这些 这种人 事儿多 事多 小题大做 大惊小怪 瞎嚷嚷 瞎起哄 瞎闹 瞎说 瞎操心 乱说 乱嚷 胡说 指手画脚 " +
		"外行 浪费公共资源 浪费大家时间 浪费我们时间 浪费时间 不切实际 想得美 想得倒挺美 想得倒美 天真 眼睛不好使 眼瞎 " +
		"不识字 这么简单 这么大个人 这么大的人 也要问 急什么 催什么 吵什么 闹什么 嚷什么 不讲理 不算问题 闲得 闲的 " +
		"发牢骚 抱怨 找事 添乱 造谣 你家开的 贪心 没本事 求你 逼你 管那么多 你也看不懂 你看不懂 你也不懂 别动不动 " +
		"不要动不动 动不动就 这种事也 这点事也 这种小事 多的是 多了去了 无数次 无数遍 多少次了 多少遍了 键盘侠 " +
		"哪里来的 光会 光知道 只会在网上 就知道在网上 挑三拣四 扣帽子 你这话 不是你家 太敏感 想太多 想多了 较真 " +
		"素质太差 素质差 没素质 素质低 你这种 白日做梦 做梦 刷屏 自重 骚扰我们 有手有脚 靠政府养 总想着靠 识字的人 " +
		"动动脑子 动脑子 好好说话 先学会 没完没了 够着急 别浪费 先搞清楚 先把情况搞清楚"},
	{kindDismissive, light, "就行"},
	{kindDismissive, plain, "就不错了 知足吧 就自己 又不是 冻不死 饿不死 累死 死不了 累不坏 累不着 冻不坏 晒不坏 又不会怎么样 多大点事 " +
		"有什么大不了 就是了 就行了 就过去了 就知道了 受不了就 就搬家 可以搬家 别抱太大希望 别指望 忍忍吧 忍一忍 " +
		"忍一下 将就一下 将就着 就这样 规定就是这样 不想干就别干 爱看不看 爱信不信 为了你一个人 只有你一个人 你一个人 " +
		"没必要 要么"},
	{kindRetort, plain, "又不 又没 也不看看 也不想想"},
	{kindRetort, light, "还想 还要 你还"},
	{kindParticle, plain, "呗 嘛"},
	{kindParticle, 1, "呢？ 呢? 吧。 吧！ 吧！"},
	{kindImperative, light, "别再 别来 别找 别问 别催 别闹 别吵 别管 别瞎 别在这 别在网上 别只 别太 别老 别总 别天天 别一天到晚 " +
		"别整天 别光 别操 不要再 不要来 不要老 不要总 不要在网上 不要在这 以后这种事 以后不要 以后别 下次别 下次不要 " +
		"今后不要 少来 少在 少操 少废话 少啰嗦 赶紧 快点 给我 管好你 管好自己 别那么 别把 不要总 请你"},
	{kindYou, 1, "你"},
	{kindCourtesy, 1, "请 感谢 谢谢 抱歉 歉意 谅解 理解 欢迎 敬请 烦请 辛苦 不好意思 对不起 你好， 你好！ 你好： 你好, 你好! " +
		"你们好"},
	{kindCourtesy, 0, "您"},
	{kindNarrative, -1.5, "他说 她说 他们说 劝他 劝她 劝他们 对他说 对她说 扬言 辱骂 骂道 声称 告诉记者 回忆说"},
	{kindReplyDoc, 0, "您好 您反映 你反映 感谢您 您的留言 你的留言 您的来信 您提出 您咨询 您所说 " +
		"诉求人 来信人 来电人 留言人 经核实 经核查 收悉 办理结果 办理情况 答复意见 工单"}, // a reply in the third person names the citizen so
	{kindNewsDoc, 0, "犯罪嫌疑人 嫌疑人 警方 民警 据了解 据悉 据介绍 记者 通讯员 本报讯 被告人 法院 庭审 经查 纪委 处分 " +
		"通报批评 报道 新华社 近日 获悉 见义勇为 公安机关 警情通报"},
}

// notYou are the words in which 你 is no pronoun for the citizen.
var notYou = []string{"你好，", "你好！", "你好：", "你好,", "你好!", "你好:", "你好。", "你们好", "你我", "你追我赶", "你中有我", "你来我往", "你一言我一语", "你争我夺",
	"你死我活", "你方唱罢"}

// cueExceptions cancel a cue when the text around it reads as one of these
// words, each of which holds the cue.
var cueExceptions = map[string][]string{
	"你":     notYou,
	"当初不":   {"当初不少", "当初不被", "当初不到"},
	"当初没":   {"当初没想到", "当初没有想到"},
	"不能什么都": {"不能什么都不"},
	"请": {"请不要", "请别", // an order, not a request: 请不要无理取闹
		"申请", "请示", "邀请", "提请", "聘请", "宴请", "报请", "呈请", "请假"}, // words that hold 请 and ask nobody politely
	"不客气":  {"不客气，", "不客气！", "不客气。", "不客气~", "不客气哦", "不客气,", "不客气!"}, // you're welcome
	"无理取闹": {"无理取闹的行为", "无理取闹行为", "无理取闹等", "无理取闹、"},                  // a kind of conduct a notice forbids
	"就你":   {"就你反映", "就你所", "就你提出", "就你咨询", "就你关心", "就你留言"},
	"别再":   {"别再担心", "别再犹豫"},
	"不要再":  {"不要再担心"},
	"还能":   {"还能享受", "还能领取", "还能申请", "还能办理", "还能通过"},
	"外行":   {"外行业"},
	"试试":   {"试试看"},
	"理解":   {"理解能力"},
	"纠缠":   {"量子纠缠", "纠缠态", "纠缠比特", "纠缠光子"},
	"嘛":    {"喇嘛", "干嘛"},
	"还要":   {"还要求", "还要加强", "还要进一步", "还要继续", "还要做好", "还要注意"},
	"还想":   {"还想着"},
	"我们不是": {"我们不是不"},
	"不知道":  {"不知道吗", "不知道问谁"},
	"较真":   {"较真碰硬"},
	"你还":   {"你还可以", "你还能", "你还需要", "你还有什么"},
	"晚了":   {"晚了解"},
	"要么":   {},
	"又不":   {"又不失"},
	"没空":   {"没空间"},
	"不就":   {"不就业", "不就医", "不就近", "不就座"},
	"闲的":   {"空闲的", "休闲的", "悠闲的", "农闲的"},
	"教你":   {"教你如何", "教你怎么", "教你几招", "教你一招"},
	"抱怨":   {"抱怨声"},
	"有本事":  {"很有本事", "有本事的"},
	"怎么了":  {"怎么了解"},
	"找事":   {"找事做", "找事干"},
}

// toneIndex finds cues by their first character, so that the scan reads the
// text once instead of searching it for every cue; under each first
// character the cues are grouped by their second, because a common one
// (不, 你, 我, 这) starts a hundred cues of which the next character rules
// out all but a few.
type toneIndex struct {
	firstIndex[*cueBucket]
	buckets map[rune]*cueBucket
	pairs   [1 << 16 / 64]uint64 // a filter of the first two characters of the longer cues
}

// pairHash folds the first two characters of a cue into 16 bits.
func pairHash(a, b rune) uint32 { return (uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77) >> 16 }

// cueBucket holds the cues that start with one character.
type cueBucket struct {
	short []*toneCue // one-character cues: always tried
	next  []cueGroupByRune
}

// cueGroupByRune holds the cues whose second character is r.
type cueGroupByRune struct {
	r    rune
	cues []*toneCue
}

func (x *toneIndex) addCue(c *toneCue) {
	if x.buckets == nil {
		x.buckets = map[rune]*cueBucket{}
	}
	b := x.buckets[c.word[0]]
	if b == nil {
		b = &cueBucket{}
		x.buckets[c.word[0]] = b
		x.add(c.word[0], b)
	}
	if len(c.word) == 1 {
		b.short = append(b.short, c)
		return
	}
	h := pairHash(c.word[0], c.word[1])
	x.pairs[h/64] |= 1 << (h % 64)
	i, ok := slices.BinarySearchFunc(b.next, c.word[1], func(g cueGroupByRune, r rune) int { return cmp.Compare(g.r, r) })
	if !ok {
		b.next = slices.Insert(b.next, i, cueGroupByRune{r: c.word[1]})
	}
	b.next[i].cues = append(b.next[i].cues, c)
}

// candidates returns the cues that may start at text[i], for which has
// is true: the one-character cues and those whose second character is
// text[i+1].
func (x *toneIndex) candidates(text []rune, i int) (short, long []*toneCue) {
	b := x.lists[x.slot[text[i]]-1][0] // the scan asked has(text[i]) first
	if i+1 < len(text) && len(b.next) > 0 {
		if h := pairHash(text[i], text[i+1]); x.pairs[h/64]&(1<<(h%64)) == 0 {
			return b.short, nil
		}
		if k, ok := slices.BinarySearchFunc(b.next, text[i+1], func(g cueGroupByRune, r rune) int { return cmp.Compare(g.r, r) }); ok {
			long = b.next[k].cues
		}
	}
	return b.short, long
}

var toneCues = sync.OnceValue(func() *toneIndex {
	x := &toneIndex{}
	seen := map[string]bool{}
	add := func(groups []cueGroup, r reach) {
		for _, g := range groups {
			for _, w := range strings.Fields(g.words) {
				for _, v := range formalVariants(w, g.kind) {
					if seen[v] {
						continue
					}
					seen[v] = true
					c := &toneCue{word: []rune(v), kind: g.kind, weight: g.weight, strong: g.weight >= strong,
						free: r == reachAnywhere, formal: v == "您", except: exceptionsOf(w, v)}
					if r == reachClause {
						c.check = namesCitizen(len(c.word), g.weight)
					}
					x.addCue(c)
				}
			}
		}
	}
	// A word listed twice keeps the widest reach it is given.
	add(toneAnywhereCues, reachAnywhere)
	add(toneClauseCues, reachClause)
	add(toneAddressedCues, reachAddressed)
	add(toneCueGroups, reachAddressed)
	for _, p := range tonePatterns {
		x.addCue(p)
	}
	for _, p := range toneShapes {
		x.addCue(p)
	}
	return x
})

// namesCitizen makes a cue of n characters count only in a clause that
// holds 你 or 您 (你好 apart): 教训 in news is a lesson, 这个教训您要记住 is
// a rebuke.
func namesCitizen(n int, w float32) func(text []rune, i int) (int, int, float32) {
	return func(text []rune, i int) (int, int, float32) {
		cs, ce := around(text, i, clauseEnds)
		for j := cs; j < ce; j++ {
			if (text[j] == '你' || text[j] == '您') && runeAt(text, j+1) != '好' {
				return i, i + n, w
			}
		}
		return 0, 0, 0
	}
}

// excepted reports whether the cue at i is part of one of its exception words.
func (c *toneCue) excepted(text []rune, i int) bool {
	for _, e := range c.except {
		if matchAt(text, i-e.at, e.word) {
			return true
		}
	}
	return false
}

// exceptionsOf returns the exceptions of word for its variant v (the same
// word, or its 您 form).
func exceptionsOf(word, v string) []exception {
	var es []exception
	for _, e := range cueExceptions[word] {
		e = strings.ReplaceAll(e, word, v)
		if at := strings.Index(e, v); at >= 0 { // TestToneExceptionsHoldTheirCue
			es = append(es, exception{[]rune(e), len([]rune(e[:at]))})
		}
	}
	return es
}

// formalVariants returns a hostile cue written with 你 together with its
// 您 form: 您 makes no sneer polite (您可真会…, 后果由您自己承担, 您觉得呢).
func formalVariants(w string, k cueKind) []string {
	if !k.hostile() || !strings.Contains(w, "你") || utf8.RuneCountInString(w) < 3 { // 你还 is too common a pair
		return []string{w}
	}
	return []string{w, strings.ReplaceAll(w, "你", "您")}
}
