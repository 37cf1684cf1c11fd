package rules

import "shenfa/sensitive/finding"

// deDiDe reports, at info, the classic slips of 的/地/得: 的 between an
// adverbial and a verb (认真的学习 → 认真地学习), 的 after a verb before a
// degree complement (做的很好 → 做得很好). Info only: 的 before a verb is
// often a noun phrase (认真的学习态度), which a word list cannot tell.
func deDiDe(dst []finding.Finding, text []rune) []finding.Finding {
	for i := 1; i+1 < len(text); i++ {
		if text[i] != '的' || !deBefore[text[i-1]] {
			continue
		}
		switch {
		case endsWithAny(text, i, adverbials) && hasAny(text, i+1, deVerbs):
			dst = append(dst, ruleDeDiDe.at(text, i, i+1, "状语和动词之间应用“地”。", "地"))
		case endsWithAny(text, i, complementVerbs) && hasAny(text, i+1, degrees):
			dst = append(dst, ruleDeDiDe.at(text, i, i+1, "动词和补语之间应用“得”。", "得"))
		}
	}
	return dst
}

// deBefore holds the last characters of adverbials and complementVerbs:
// most 的 of a text follow none of them and cost one lookup.
var deBefore = func() map[rune]bool {
	m := map[rune]bool{}
	for _, w := range append(append([]string(nil), adverbials...), complementVerbs...) {
		r := []rune(w)
		m[r[len(r)-1]] = true
	}
	return m
}()

var (
	adverbials = []string{"认真", "积极", "努力", "严格", "扎实", "稳步", "有序", "全面", "深入", "切实", "大力", "持续",
		"不断", "逐步", "主动", "及时", "有效", "高效", "稳妥", "广泛", "充分", "热情", "耐心", "细致", "迅速", "坚决", "牢牢", "紧紧",
		"尽快", "依法", "扎扎实实", "实实在在"}
	deVerbs = []string{"开展", "推进", "落实", "做好", "学习", "抓好", "推动", "加强", "完成", "解决", "实施", "贯彻", "提升",
		"参与", "处理", "回应", "组织", "指导", "服务", "排查", "整改", "宣传", "执行", "研究", "部署", "发挥", "维护", "保障",
		"做到", "办理", "答复"}
	complementVerbs = []string{"做", "办", "干", "搞", "讲", "说", "写", "跑", "抓", "管", "落实", "完成", "开展", "推进", "处理"}
	degrees         = []string{"很", "非常", "十分", "特别", "更加", "越来越", "不错", "扎实", "有声有色", "井井有条", "及时", "到位",
		"更好", "不到位"}
)
