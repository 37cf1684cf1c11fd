package rules

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"shenfa/sensitive/finding"
)

// Rule ids of the confusable-pair rules.
const (
	RuleConfusable = "typo.confusable"
	RuleDeDiDe     = "typo.de"
)

var (
	ruleConfusable = rule{finding.Typo, finding.Warn, RuleConfusable}
	ruleDeDiDe     = rule{finding.Typo, finding.Info, RuleDeDiDe}
)

// pairRule says when a word that is itself correct Chinese is the wrong
// one of a confusable pair: 截止 before a time (截至), 登陆 an account
// (登录), 必需 before a verb (必须), 报道 for a newcomer's arrival (报到).
type pairRule struct {
	wrong, right string
	// The word is wrong when it is followed by one of after, or preceded by
	// one of before (at most gap characters away), or — with time set —
	// followed by a time expression; unless it is followed by one of except
	// or preceded by one of exceptBefore.
	after, before, except, exceptBefore []string
	gap                                 int
	time                                bool
	why                                 string
}

var pairRules = []pairRule{
	{wrong: "截止", right: "截至", time: true,
		after:  []string{"目前", "当前", "现在", "今天", "今日", "今年", "本月", "本周", "本年", "发稿", "日前", "去年", "上年", "上月", "上周", "年底", "月底", "上半年", "前三季度", "一季度", "二季度", "三季度", "四季度"},
		except: []string{"日期", "时间", "期限", "日", "到", "于"},
		why:    "表示“到某时为止”应写“截至”，“截止”是“到期停止”（报名截止、截止日期）"},
	{wrong: "登陆", right: "登录",
		after:  []string{"账号", "帐号", "账户", "帐户", "系统", "平台", "网站", "网页", "官网", "页面", "客户端", "小程序", "邮箱", "APP", "App", "app", "公众号", "微信", "支付宝", "个人中心", "密码", "界面", "后台", "“"},
		before: []string{"账号", "帐号", "账户", "用户", "扫码", "注册", "密码", "手机号", "实名", "在线", "网上", "线上", "重新", "无法", "首次", "统一"},
		gap:    0,
		why:    "进入网站、系统、账号应写“登录”，“登陆”指登上陆地（台风登陆）"},
	{wrong: "必需", right: "必须",
		after: []string{"要", "做", "按", "按照", "遵守", "遵循", "坚持", "进行", "提供", "提交", "填写", "携带", "持有", "经过", "先", "及时", "认真", "严格", "立即", "确保", "保证", "具备", "符合", "在", "由", "于", "通过", "加强", "落实", "服从", "依法", "如实", "本人", "亲自", "全部", "按时", "凭"},
		why:   "作副词修饰动词应写“必须”，“必需”指必不可少（必需品、所必需的）"},
	{wrong: "报道", right: "报到",
		after:  []string{"须知", "手续", "地点", "处", "日期", "时携带", "时须", "时需"},
		before: []string{"新生", "入学", "入职", "入校", "入伍", "按时", "准时", "前来", "到校", "到岗", "到单位", "到校", "来校", "返校", "按规定时间", "持录取通知书", "持通知书", "签到"},
		why:    "到组织、单位报告已经到达应写“报到”，“报道”指新闻报道"},
	{wrong: "反应", right: "反映",
		after:  []string{"问题", "情况", "诉求", "意见", "建议", "的问题", "的情况", "给", "到"},
		before: []string{"向", "如实", "群众", "居民", "市民", "村民", "网友", "您", "积极", "及时"},
		except: []string{"问题时间", "速度", "堆", "器", "釜", "炉"},
		why:    "把情况、意见告诉上级或有关部门应写“反映”，“反应”指受刺激后的变化"},
	{wrong: "启示", right: "启事",
		before: []string{"招聘", "寻人", "寻物", "失物", "招领", "征文", "征稿", "征集", "更正", "开业", "迁址", "停业", "遗失", "声明", "招生"},
		why:    "公开告知的短文应写“启事”，“启示”指启发"},
	{wrong: "货款", right: "贷款",
		before: []string{"申请", "担保", "贴息", "创业担保", "助学", "小额", "银行", "发放", "信用", "按揭", "住房", "低息", "无息"},
		after:  []string{"贴息", "利率", "额度", "担保", "申请", "期限", "政策"},
		except: []string{"结算", "支付", "拖欠"},
		why:    "银行借出的款项应写“贷款”，“货款”是买卖货物的款项"},
	{wrong: "权宜", right: "权益",
		before: []string{"合法", "正当", "劳动者", "消费者", "群众", "职工", "农民工", "妇女", "儿童", "老年人", "残疾人", "个人", "自身", "民生", "切身", "维护", "保障", "侵害", "损害"},
		except: []string{"之计", "之策"},
		why:    "合法利益应写“权益”，“权宜”指变通（权宜之计）"},
	{wrong: "泄漏", right: "泄露",
		after: []string{"信息", "秘密", "隐私", "个人", "国家秘密", "工作秘密", "商业秘密", "数据", "密码", "内容", "考题", "试题", "身份"},
		why:   "信息、秘密外泄应写“泄露”，“泄漏”指液体、气体漏出"},
	{wrong: "度过", right: "渡过",
		after: []string{"难关", "危机", "险滩", "黄河", "长江", "河流"},
		why:   "通过难关、江河应写“渡过”，“度过”用于时间（度过假期）"},
	{wrong: "渡过", right: "度过",
		after: []string{"假期", "寒假", "暑假", "春节", "节日", "佳节", "一生", "晚年", "童年", "时光", "岁月", "周末", "余生", "愉快", "美好", "欢乐", "温馨", "平安", "难忘", "一个", "了一个", "这段"},
		why:   "用于时间应写“度过”，“渡过”用于江河、难关"},
	{wrong: "权利", right: "权力",
		before: []string{"滥用", "行使公共", "公共", "国家", "行政", "监督", "制约", "规范", "把", "关进制度的笼子"},
		after:  []string{"关进", "寻租", "清单", "运行", "监督"},
		except: []string{"义务", "保障"},
		why:    "职权、支配力量应写“权力”（权力清单、把权力关进制度的笼子），“权利”是法定的利益"},
}

// pairIndex finds the rules by the first character of the wrong word;
// pairFirst holds those characters, so that most of a text costs one
// comparison per character, not a map lookup.
var pairIndex, pairFirst = func() (map[rune][]int, []rune) {
	m := map[rune][]int{}
	var first []rune
	for i, r := range pairRules {
		f := []rune(r.wrong)[0]
		if len(m[f]) == 0 {
			first = append(first, f)
		}
		m[f] = append(m[f], i)
	}
	return m, first
}()

func confusables(dst []finding.Finding, text []rune) []finding.Finding {
	for i, r := range text {
		if !slices.Contains(pairFirst, r) {
			continue
		}
		for _, k := range pairIndex[r] {
			pr := &pairRules[k]
			w := []rune(pr.wrong)
			if !hasRunes(text, i, w) || !pr.wrongHere(text, i, i+len(w)) {
				continue
			}
			dst = append(dst, ruleConfusable.at(text, i, i+len(w),
				"“"+pr.wrong+"”在这里疑应为“"+pr.right+"”："+pr.why+"。", pr.right))
		}
	}
	return deDiDe(dst, text)
}

// wrongHere applies a rule's contexts to the occurrence text[s:e].
func (pr *pairRule) wrongHere(text []rune, s, e int) bool {
	for _, x := range pr.except {
		if hasString(text, e, x) {
			return false
		}
	}
	for _, x := range pr.exceptBefore {
		if endsWith(text, s, x) {
			return false
		}
	}
	if pr.time && timeFollows(text, e) {
		return true
	}
	for _, x := range pr.after {
		if hasString(text, e, x) {
			return true
		}
	}
	for _, x := range pr.before {
		for g := 0; g <= pr.gap; g++ {
			if endsWith(text, s-g, x) {
				return true
			}
		}
	}
	return false
}

// timeFollows reports whether a date or time starts at text[i] (2025年,
// 6月底, 10月, 十月 …), after at most one space.
func timeFollows(text []rune, i int) bool {
	if runeAt(text, i) == ' ' {
		i++
	}
	r := runeAt(text, i)
	if unicode.IsDigit(r) || r >= '０' && r <= '９' {
		return true
	}
	if strings.ContainsRune("一二三四五六七八九十〇零", r) {
		for j := i; j < len(text) && j < i+5; j++ {
			if strings.ContainsRune("年月日时", text[j]) {
				return true
			}
		}
	}
	return false
}

// deDiDe reports, at info, the classic slips of 的/地/得: 的 between an
// adverbial and a verb (认真的学习 → 认真地学习), 的 after a verb before a
// degree complement (做的很好 → 做得很好).
func deDiDe(dst []finding.Finding, text []rune) []finding.Finding {
	for i := 1; i+1 < len(text); i++ {
		if text[i] != '的' {
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

var (
	adverbials = []string{"认真", "积极", "努力", "严格", "扎实", "稳步", "有序", "全面", "深入", "切实", "大力", "持续",
		"不断", "逐步", "主动", "及时", "有效", "高效", "稳妥", "广泛", "充分", "热情", "耐心", "细致", "迅速", "坚决", "牢牢", "紧紧"}
	deVerbs = []string{"开展", "推进", "落实", "做好", "学习", "抓好", "推动", "加强", "完成", "解决", "实施", "贯彻", "提升",
		"参与", "处理", "回应", "组织", "指导", "服务", "排查", "整改", "宣传", "执行", "研究", "部署", "发挥", "维护", "保障"}
	complementVerbs = []string{"做", "办", "干", "搞", "讲", "说", "写", "跑", "抓", "管", "落实", "完成", "开展", "推进", "处理"}
	degrees         = []string{"很", "非常", "十分", "特别", "更加", "越来越", "不错", "扎实", "有声有色", "井井有条", "及时", "到位"}
)

func hasRunes(text []rune, i int, w []rune) bool {
	if i+len(w) > len(text) {
		return false
	}
	for k, r := range w {
		if text[i+k] != r {
			return false
		}
	}
	return true
}

// hasString reports whether text continues with s at i.
func hasString(text []rune, i int, s string) bool {
	for _, r := range s {
		if i >= len(text) || text[i] != r {
			return false
		}
		i++
	}
	return true
}

// endsWith reports whether text[:i] ends with s.
func endsWith(text []rune, i int, s string) bool {
	n := 0
	for j := len(s); j > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		j -= size
		n++
		if i-n < 0 || text[i-n] != r {
			return false
		}
	}
	return true
}

func endsWithAny(text []rune, i int, ss []string) bool {
	for _, s := range ss {
		if endsWith(text, i, s) {
			return true
		}
	}
	return false
}

func hasAny(text []rune, i int, ss []string) bool {
	for _, s := range ss {
		if hasString(text, i, s) {
			return true
		}
	}
	return false
}
