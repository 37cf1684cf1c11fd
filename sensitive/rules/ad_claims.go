package rules

import (
	"strings"
	"unicode/utf8"
)

// adClaims are the absolute words that are a claim wherever they stand in
// promotional text. Rankings over a scope (全国第一, 全网最低, 业内唯一) and
// 国家级, 100%, NO.1 are patterns (see adClaimAt).
var adClaims = strings.Fields(`
最优惠 最便宜 最实惠 最划算 最低价 价格最低 最好的 最佳 最优质 最先进 最高级 最高端 最正宗
最地道 最纯正 最新鲜 最美的 最强 最权威 最专业 最安全 最健康 最营养 最受欢迎 最具 最好吃 最好喝
最香 最甜 最齐全 最豪华 最舒适 最纯净 最放心 最有效 最超值 最畅销 最美 最好
最鲜 最嫩 最纯 最棒 最赞 最火 最值 最好玩 最好看 最好用 最靠谱 最优 最高档 最顶级
口感最好 品质最好 质量最好 服务最好 效果最好 疗效最好 通过率最高 性价比最高
销量第一 品质第一 绝对第一 口碑第一 人气第一 第一古镇 第一品牌 第一名镇 第一名村 第一粉 第一鲜
唯一一家 唯一一款 唯一指定
顶级 顶尖 极品 至尊 世界级 世界一流 国际一流 全球领先 遥遥领先 首选 不二之选 独一无二 绝无仅有
史无前例 史上最 特供 王牌 销量冠军 销冠 冠军品质 领导品牌 领袖品牌 超过所有 无与伦比 无可比拟
空前绝后 纯天然 零添加 零污染 无任何添加 无副作用 零风险 包过 万能 永不复发 稳赚不赔 保本保息
独家 巅峰之作 中的极品 中的战斗机 界的战斗机 中的王者 界的王者 界的天花板 中的天花板 界天花板
中之王 界之王 中的第一 界第一 界的第一 金牌 国宴 专供 填补国内空白 永久免费 永久保修 终身保修
无毒副作用 包治 最牛 最潮 最时尚 全网底价 仅此一次 最后一波 随时涨价 马上涨价
最高品质 最优品质 最大优惠 最大折扣 最优价格 最低折扣 最实在 最可口 最受青睐 最热卖
第一村 第一山 第一泉 第一楼 第一峰 第一瀑 第一湖 第一街
绝对正宗 绝对新鲜 绝对好吃 绝对好喝 绝对划算 绝对实惠 绝对超值 绝对放心 绝对纯正 绝对地道
绝对靠谱 绝对正品 绝对保真 绝对低价 绝对优惠 绝对值得 物超所值`)

// adNotClaims hold a claim word and mean something else: titles, official
// names, statistics, 最好 as an adverb, 独家 said by a newsroom.
var adNotClaims = strings.Fields(`
最美家庭 最美奋斗者 最美乡村教师 最美医生 最美人物 最美志愿者 最美基层 最美退役军人 最美家乡人
最美公务员 最美职工 最美劳动者 最美庭院 最美书香 最美逆行 最好提前 最好不要 最好选择在 最好避开
最好错峰 最好携带 最好穿 最好带 最好在 最佳观赏 最佳赏花 最佳时期 最佳时机 最佳状态 最佳实践
最佳路径 最佳位置 最佳效果 最大的优势 最大的特点 最大限度 最大程度 最大的变化 最具潜力 首选项
最低价中标 最低价收购 最大的民生 最大的政治 首选地址 最低气温 最高气温 最低温度 最高温度 最低工资
最低生活保障 最高人民法院 最高人民检察院 最低收购价 最美的风景线 唯一入选 唯一获评 唯一荣获 唯一被评为
唯一一个入选 最强烈 最具破坏性 最具影响力 最具代表性 最佳旅游乡村 顶尖人才 顶尖运动员 顶尖选手 顶尖专家 顶尖科学家 顶尖高校 顶尖学府 顶尖团队 顶级赛事
顶级专家 顶级运动员 顶级选手 世界级赛事 世界级运动员 世界级选手
最多跑一次 最后一公里 最后一米 最优化 最优解 最值得关注 最火热 最强音 最纯粹
独家报道 独家专访 独家采访 独家披露 独家获悉 独家对话 独家解读 独家新闻 独家视频 独家消息
金牌调解员 金牌讲解员 金牌榜 金牌数 金牌总数 获得金牌 夺得金牌 摘得金牌 斩获金牌 国宴厨师 永久基本农田 第一街道 第一村民 第一楼层
第一书记 第一季度 第一时间 第一责任人 第一方阵 第一梯队 第一阵营 第一序列 第一方队 第一集团
最有魅力休闲乡村 最美休闲乡村`)

// adScopes are what a ranking is said over: 全国第一, 全网最低, 业内唯一,
// 史上最低. A scope followed by 最X, 第一, 唯一 or 之最 is a claim.
var adScopes = strings.Fields(`全国 全省 全市 全县 全区 全州 全镇 全乡 全村 全城 全网 全球 全世界 世界
中国 国内 省内 市内 县内 区内 亚洲 天下 宇宙 业内 行业 全行业 同行 同行业 同类 同类产品 史上 全平台
本地 全场 全疆 全域 我省 我市 我县 我区 我镇 本省 本市 本县 本区 本镇`)

// adNotSuperlative are the 最X after a scope that rank a statistic or a
// policy, not a product: 全省最高气温, 全国最早, 全市最多跑一次.
var adNotSuperlative = strings.Fields(`最高气温 最低气温 最大限度 最大程度 最多跑一次 最低生活 最低工资
最后 最早 最先 最晚 最近 最终 最初 最末 最少 最多 最长 最短 最远 最高峰 最低点 最大化`)

// adStatistics before a ranking make it a statistic: 总产量稳居全省第一,
// 上榜企业数量并列全省第一, 增速居全国首位. A sales figure is not among
// them: 销量全省第一 sells.
var adStatistics = strings.Fields(`产量 总量 数量 面积 规模 增速 增幅 增长率 占比 比重 排名 位居 稳居
并列 跃居 名列 位列 居于 总数 人数 家数 个数 指标 吞吐量 里程 评价 考核 考评 测评 指数 得分 总分 成绩 GDP 总值 收入 营收 产值 储量`)

// nationalClaims are 国家级 said of what is sold; 国家级 before anything
// else (非物质文化遗产, 自然保护区, 经济技术开发区, 示范区…) is a designation.
var nationalClaims = strings.Fields(`大米 好米 产品 品质 品牌 大厨 厨师 食材 美食 茶叶 好茶 好蜜 蜂蜜 配方 原料
工艺品 口感 特供 顶级 标准 权威 推荐 水准 享受 服务 五星 体验 味道 美味 待遇 好物 好酒 名酒 名茶
佳品 珍品 精品 手艺 品味 口碑 酒店 住宿 环境 设施 配置 质量`)

// percentNotClaims follow 100% in a report: a rate reached, not a promise
// (100%覆盖, 100%完成, 100%以上).
var percentNotClaims = strings.Fields(`覆盖 全覆盖 完成 达标 到位 落实 兑现 参保 实现 合格 办结 回访 清零 签订
建档 公开 受理 答复 通电 通网 通车 通路 通水 接入 入库 录入 核查 排查 检查 检测 抽检 查验 整改 销号
上线 联网 配备 配置 持证 入园 入学 以上 以下 左右 的 是 为 用于 来自 由 增长 提高 提升 下降 减少
控股 出资 持股 国有 自有 自主 投资 满足 响应 处置 收回 到账 发放 兑付 审核 审查 核实 落地 就位`)

// percentClaims are the guarantees after 100% that need no more context
// than a promotional post: 100%纯天然, 百分之百有效.
var percentClaims = strings.Fields(`纯天然 天然 有效 好评 满意 正品 安全 无添加 纯 保证 治愈 原生态 放心 推荐
就业 通过 包过 录取 回本 退款 保障 纯手工 手工 新鲜 原装 进口 原产 保真 真 无 零 不 可 能`)

// adClaimAt returns the end of a claim starting at i, or i.
func adClaimAt(x *adIndex, m *adMatch, text []rune, i int) int {
	e := m.end[adClaimWord]
	if s := scopeClaim(x, m.end[adScopeWord], text); s > e {
		e = s
	}
	if e > 0 {
		return e
	}
	switch text[i] {
	case '国':
		return nationalClaim(text, i)
	case '1', '百':
		return hundredPercent(text, i)
	case 'N', 'n', 'T', 't':
		return numberOne(text, i)
	}
	return i
}

// scopeClaim returns the end of a ranking over the scope that ends at e
// (全国最快, 全省第一, 业内唯一, 世界之最), or 0.
func scopeClaim(x *adIndex, e int, text []rune) int {
	if e == 0 {
		return 0
	}
	switch {
	case runesAt(text, e, "第一"), runesAt(text, e, "唯一"), runesAt(text, e, "之最"):
		return e + 2
	case runeAt(text, e) == '最' && isHan(runeAt(text, e+1)):
		for _, w := range adNotSuperlative {
			if runesAt(text, e, w) {
				return 0
			}
		}
		if c, _ := x.longest(x.get('最'), text, e, adClaimWord); c > e+2 {
			return c // 全市最优惠
		}
		return e + 2
	}
	return 0
}

// statisticRank reports a ranking over a scope that a statistic comes
// before in the same clause: 总产量稳居全省第一, 增速居全国第一.
func statisticRank(x *adIndex, text []rune, c adSpan) bool {
	if e, _ := x.longest(x.get(text[c.start]), text, c.start, adScopeWord); e == 0 {
		return false
	}
	if p := runeAt(text, c.start-1); p == '居' || p == '列' {
		return true
	}
	s := c.start
	for s > 0 && c.start-s < 12 && !strings.ContainsRune(clauseEnds+"、", text[s-1]) {
		s--
	}
	return containsAny(string(text[s:c.start]), adStatistics)
}

func nationalClaim(text []rune, i int) int {
	if !runesAt(text, i, "国家级") {
		return i
	}
	for _, w := range [...]string{"质量", "品质", "水平", "水准"} {
		if runesAt(text, i-utf8.RuneCountInString(w), w) {
			return i + 3 // 产品质量国家级
		}
	}
	for _, w := range nationalClaims {
		if runesAt(text, i+3, w) {
			return i + 3 + utf8.RuneCountInString(w)
		}
	}
	return i
}

// hundredPercent finds 100%纯天然, 百分之百有效, 100%推荐就业: a guarantee
// when words follow it; 100%覆盖 in a report and 合格率100% are statistics.
func hundredPercent(text []rune, i int) int {
	j := i
	for _, p := range [...]string{"100%", "100％", "百分之百", "百分百"} {
		if runesAt(text, i, p) {
			j = i + utf8.RuneCountInString(p)
			break
		}
	}
	if j == i || (i > 0 && (isDigit(text[i-1]) || text[i-1] == '.')) {
		return i
	}
	for _, w := range percentClaims {
		if runesAt(text, j, w) {
			return j + utf8.RuneCountInString(w)
		}
	}
	if !isHan(runeAt(text, j)) {
		return i
	}
	for _, w := range percentNotClaims {
		if runesAt(text, j, w) {
			return i
		}
	}
	return j + 1
}

// numberOne finds NO.1, No.1, TOP1 written in Latin letters: 米粉中的NO.1.
// TOP10 is a list, and a letter before it makes a longer word.
func numberOne(text []rune, i int) int {
	if isLetter(runeAt(text, i-1)) {
		return i
	}
	for _, w := range [...]string{"no.1", "no．1", "no1", "no. 1", "top1", "top 1"} {
		e := i + len(w)
		if e > len(text) || isDigit(runeAt(text, e)) {
			continue
		}
		ok := true
		for k, c := range []rune(w) {
			if r := text[i+k]; r != c && r|0x20 != c {
				ok = false
				break
			}
		}
		if ok {
			return e
		}
	}
	return i
}

// runesAt reports whether s is written at text[i:], without building a
// []rune for it: the scan asks at many places of every draft.
func runesAt(text []rune, i int, s string) bool {
	if i < 0 {
		return false
	}
	for _, r := range s {
		if i >= len(text) || text[i] != r {
			return false
		}
		i++
	}
	return true
}
