package rules

import (
	"strings"
	"sync"

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

// Kinds of tone marker.
const (
	markScorn   = iota // hostile wherever it stands
	markBlame          // hostile when the sentence speaks to 你
	markTrigger        // 嫌 or 就别: hostile when the clause is a dismissal
)

type toneMarker struct {
	word []rune
	kind int
}

// toneIndex finds markers by their first character, so that tone reads the
// text once instead of searching it for every marker.
type toneIndex struct {
	first   [0x10000 / 64]uint64
	byFirst map[rune][]toneMarker
}

var toneMarkers = sync.OnceValue(func() *toneIndex {
	x := &toneIndex{byFirst: map[rune][]toneMarker{}}
	add := func(words []string, kind int) {
		for _, w := range words {
			rs := []rune(w)
			x.first[rs[0]/64] |= 1 << (rs[0] % 64)
			x.byFirst[rs[0]] = append(x.byFirst[rs[0]], toneMarker{rs, kind})
		}
	}
	add(scorn, markScorn)
	add(blame, markBlame)
	add([]string{"嫌", "就别"}, markTrigger)
	return x
})

// tone reports hostile reply clauses, each once.
func tone(dst []finding.Finding, text []rune) []finding.Finding {
	x := toneMarkers()
	reported := -1 // start of the last clause reported
	for i, r := range text {
		if r < 0 || r >= 0x10000 || x.first[r/64]&(1<<(r%64)) == 0 {
			continue
		}
		for _, m := range x.byFirst[r] {
			if !matchAt(text, i, m.word) {
				continue
			}
			if cs, ce := around(text, i, clauseEnds); cs != reported && hostileAt(text, i, cs, ce, m.kind) {
				a, b := trimSpace(text, cs, ce)
				dst = append(dst, ruleTone.at(text, a, b, toneMessage, toneSuggestion))
				reported = cs
			}
		}
	}
	return dst
}

const (
	sentenceEnds = "。！？!?\n"
	clauseEnds   = "，；：,;:" + sentenceEnds
)

// hostileAt decides whether the marker at i makes the clause [cs, ce) hostile.
func hostileAt(text []rune, i, cs, ce, kind int) bool {
	switch kind {
	case markBlame:
		ss, se := around(text, i, sentenceEnds)
		return addressesYou(string(text[ss:se]))
	case markTrigger:
		return dismissal(string(text[cs:ce]))
	}
	return true
}

// around returns the span around i bounded by any of the marks in ends.
func around(text []rune, i int, ends string) (int, int) {
	s, e := i, i
	for s > 0 && !strings.ContainsRune(ends, text[s-1]) {
		s--
	}
	for e < len(text) && !strings.ContainsRune(ends, text[e]) {
		e++
	}
	return s, e
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
