package rules

import (
	"strings"

	"shenfa/sensitive/finding"
)

// RuleTone reports a reply clause that blames, dismisses or mocks the citizen.
const RuleTone = "tone.reply"

var ruleTone = rule{finding.Tone, finding.Warn, RuleTone}

// scorn marks a hostile clause on its own, whatever words surround it:
// sarcasm, brush-offs and insults that no polite reply contains.
var scorn = []string{"早干嘛去了", "早干什么去了", "还有理了", "瞎嚷嚷", "瞎起哄", "瞎闹", "无理取闹",
	"胡搅蛮缠", "刁民", "有病吧", "脑子进水", "发牢骚有什么用", "光会发牢骚", "不会看吗", "看不懂吗",
	"找不到吗", "听不懂吗", "不识字吗", "没空管", "没空理", "懒得管", "懒得理", "别什么都找",
	"什么都找政府", "又没人逼", "没人求", "爱咋咋", "爱信不信", "少管闲事", "关我什么事",
	"关我们什么事", "跟我们没关系", "不归我们管", "别烦我", "烦不烦", "有完没完", "自己看着办",
	"自己不会", "还看什么", "还问什么", "怪不了别人", "怨不得别人", "自找的", "不知好歹",
	// contempt for the person and minimising the problem
	"就你", "你这种人", "你们这些", "像你这样", "就不错了", "知足吧", "又不会怎么样", "又死不了",
	"大惊小怪", "闲得慌", "浪费大家时间", "浪费我们时间", "少在这里", "少来这套", "什么事都找",
	"怪别人", "怪谁", "怨谁"}

// blame marks a hostile clause only when it speaks to 你: a reply to a
// citizen says 您, and these words are ordinary in news about third parties.
var blame = []string{"贪心", "没本事", "别赖", "赖别人", "不配合", "活该", "算老几", "凭什么",
	"至于吗", "搬走", "找事", "添乱", "管不着", "懂什么", "逼你", "求你", "你家开的", "有什么用",
	"你自己的问题", "怪你", "别来", "少来"}

const toneMessage = "这句话指责、推诿或嘲讽群众，语气生硬冷漠，属不当表述（雷人雷语）。政务新媒体回复应称“您”，耐心说明政策依据、办理渠道和时限。"

const toneSuggestion = "感谢您的留言。关于您反映的问题，我们已转相关部门核实办理，结果将及时回复您。"

// tone reports hostile reply clauses, a sentence at a time.
func tone(dst []finding.Finding, text []rune) []finding.Finding {
	for start := 0; start < len(text); {
		end := start
		for end < len(text) && !strings.ContainsRune(sentenceEnds, text[end]) {
			end++
		}
		dst = hostileClauses(dst, text, start, end)
		start = end + 1
	}
	return dst
}

const (
	sentenceEnds = "。！？!?\n"
	clauseEnds   = "，；：,;:" + sentenceEnds
)

// hostileClauses checks the clauses of the sentence text[start:end]; blame
// words count when the sentence speaks to 你.
func hostileClauses(dst []finding.Finding, text []rune, start, end int) []finding.Finding {
	you := addressesYou(string(text[start:end]))
	for s := start; s < end; {
		e := s
		for e < end && !strings.ContainsRune(clauseEnds, text[e]) {
			e++
		}
		if clause := string(text[s:e]); containsAny(clause, scorn) || dismissal(clause) || you && containsAny(clause, blame) {
			a, b := trimSpace(text, s, e)
			dst = append(dst, ruleTone.at(text, a, b, toneMessage, toneSuggestion))
		}
		s = e + 1
	}
	return dst
}

// dismissal finds "if you don't like it, don't" replies: 嫌报销少就别生病,
// 嫌吵可以搬家, 没时间排队就别来办.
func dismissal(clause string) bool {
	if i := complaint(clause); i >= 0 {
		return containsAny(clause[i:], []string{"就别", "可以", "别", "还不如"})
	}
	if i := strings.Index(clause, "就别"); i > 0 {
		return containsAny(clause[:i], []string{"没", "不想", "不愿", "嫌"})
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

// addressesYou reports 你 used as a pronoun, not in 你我 slogans or 迷你.
func addressesYou(clause string) bool {
	for i := strings.Index(clause, "你"); i >= 0; i = next(clause, i) {
		if !strings.HasPrefix(clause[i:], "你我") && !strings.HasSuffix(clause[:i], "迷") {
			return true
		}
	}
	return false
}

func next(s string, i int) int {
	j := strings.Index(s[i+len("你"):], "你")
	if j < 0 {
		return -1
	}
	return i + len("你") + j
}

func trimSpace(text []rune, s, e int) (int, int) {
	for s < e && isSpace(text[s]) {
		s++
	}
	for e > s && isSpace(text[e-1]) {
		e--
	}
	return s, e
}
