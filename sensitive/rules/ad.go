package rules

import (
	"strings"
	"sync"

	"shenfa/sensitive/finding"
)

// RuleAdClaim reports an absolute claim (广告法 第九条) made in promotional text.
const RuleAdClaim = "ad.claim"

var ruleAdClaim = rule{finding.Ad, finding.Warn, RuleAdClaim}

// An absolute word is an advertising-law offence only when it sells
// something: 全国唯一 and 最优惠 in a post that gives a price, an order
// line or a ticket are claims; 世界最先进 in a news sentence about science,
// 仅次于最高级的4级警报 or 全省唯一入选的县 are facts. A claim is reported
// when the promotional cues around it reach adPromoThreshold (see
// promotional).
const (
	adPromoThreshold = 2
	adLongThreshold  = 2 * adSellerCue // a long draft sells only where a seller speaks twice
	adSellerCue      = 2.5             // an order line, a price to pay, an invitation: a seller speaking
	adSaleCue        = 2               // a ticket, a booking, wholesale: selling
	adWeakCue        = 1               // a product, its taste, a scenic spot: describing what is sold
	adNearWeight     = 0.5             // cues in the paragraphs next to the claim count for less
	adNear           = 1               // in a long draft, how many paragraphs either side are near
	adShortDraft     = 1500
	adWindow         = 300 // in a long draft, how far from a claim a seller's cue may stand
)

// adClaims are the absolute words; 国家级 and 100% are patterns (see adClaimAt).
var adClaims = strings.Fields(`
最优惠 最便宜 最实惠 最划算 最低价 价格最低 最好的 最佳 最优质 最先进 最高级 最高端 最正宗
最地道 最纯正 最新鲜 最美的 最强 最权威 最专业 最安全 最健康 最营养 最受欢迎 最具 最好吃 最好喝
最香 最甜 最齐全 最豪华 最舒适 最纯净 最放心 最有效 最超值 最畅销 最美 最好
口感最好 品质最好 质量最好 服务最好 效果最好 疗效最好 通过率最高 性价比最高 全国最好 全省最好
全市最好 业内最好 行业最好 世界最好 全省最大 全国最大 全市最大 全球最大
全国第一 全省第一 全市第一 全县第一 全球第一 世界第一 天下第一 中国第一 国内第一 行业第一 全网第一
全城第一 销量第一 品质第一 绝对第一 口碑第一 人气第一 第一古镇 第一品牌 第一名镇 第一名村 第一粉 第一鲜
全国唯一 全省唯一 全市唯一 全县唯一 全球唯一 世界唯一 国内唯一 本地唯一 全村唯一 全镇唯一 全区唯一
行业唯一 唯一一家 唯一一款 唯一指定
顶级 顶尖 极品 至尊 世界级 世界一流 国际一流 全球领先 遥遥领先 首选 不二之选 独一无二 绝无仅有
史无前例 史上最 特供 王牌 销量冠军 超过所有 无与伦比 无可比拟 空前绝后 纯天然 零添加 零污染
无任何添加 万能 永不复发 100%好评 稳赚不赔 保本保息 全国最低 全省最低 全市最低 全县最低 全网最低价`)

// adNotClaims hold a claim word and mean something else: titles, official
// names, statistics, 最好 as an adverb.
var adNotClaims = strings.Fields(`
最美家庭 最美奋斗者 最美乡村教师 最美医生 最美人物 最美志愿者 最美基层 最美退役军人 最美家乡人
最美公务员 最美职工 最美劳动者 最美庭院 最美书香 最美逆行 最好提前 最好不要 最好选择在 最好避开
最好错峰 最好携带 最好穿 最好带 最好在 最佳观赏 最佳赏花 最佳时期 最佳时机 最佳状态 最佳实践
最佳路径 最佳位置 最佳效果 最大的优势 最大的特点 最大限度 最大程度 最大的变化 最具潜力 首选项
最低价中标 最低价收购 最大的民生 最大的政治 首选地址 最低气温 最高气温 最低温度 最高温度 最低工资
最低生活保障 最高人民法院 最高人民检察院 最低收购价 最美的风景线 唯一入选 唯一获评 唯一荣获 唯一被评为
唯一一个入选 最强烈 最具破坏性 最具影响力 最具代表性 最佳旅游乡村 顶尖人才 顶尖运动员 顶尖选手 顶尖专家 顶尖科学家 顶尖高校 顶尖学府 顶尖团队 顶级赛事
顶级专家 顶级运动员 顶级选手 世界级赛事 世界级运动员 世界级选手`)

// adPromoCues are the words that sell. A seller's cue speaks to the buyer
// (an order line, a price to pay, an invitation to buy); a sale cue names
// selling (门票, 预订, 批发) and a weak one what is sold, which news does
// too, so these two count only in a short draft.
var adPromoCues = map[float32]string{
	adSellerCue: `欢迎选购 欢迎购买 欢迎下单 欢迎品尝 欢迎预订 欢迎订购 下单 抢购 包邮 直播间 订购电话 订购热线
		订水热线 购买渠道 咨询热线 小程序 微店 网店 旗舰店 先到先得 数量有限 限量供应 售完即止 立减
		买二送一 买二赠一 买一送一 买一赠一 优惠价 特惠 现价 原价 限时 五折 八折 半价 领券 秒杀 扫码 等你来 快来 邀您
		前来咨询 前来体验 前来品尝 前来选购 报名从速 首付`,
	adSaleCue: `选购 购买 订购 团购 门票 套票 预订 预约 品尝 洽谈合作 招商 加盟 带货 好物 上新 促销 热卖 热销
		售价 折扣 批发 代理 年货节 展销 价格为 仅需 只需 元一斤 元/斤 元一盒 每袋 每桌 报名费 订水 订餐 订房`,
	adWeakCue: `产品 品牌 品质 口感 价格 景区 度假 民宿 旅游 推介 特产 农产品 土特产 消费者 顾客 游客 商家
		合作社 营养 美味 好吃 香甜 软糯 体验 欢迎 推荐 上市 代言 采购 送礼 优惠 研学 避暑 美食 套餐 热线`,
}

// adKind says what an indexed word is to the advertising scan.
type adKind uint8

const (
	adClaimWord adKind = iota // an absolute word
	adNotWord                 // a word that holds one and is no claim
	adCueWord                 // a word that sells
)

// adWord is one word of the advertising index.
type adWord struct {
	word   []rune
	kind   adKind
	weight float32 // of a cue
}

// adIndex finds claims, non-claims and cues in one pass.
type adIndex struct{ firstIndex[adWord] }

// longest returns the end (0 for none) and weight of the longest word of
// kind k at text[i:].
func (x *adIndex) longest(ws []adWord, text []rune, i int, k adKind) (int, float32) {
	end, weight := 0, float32(0)
	for _, w := range ws {
		if e := i + len(w.word); w.kind == k && e > end && matchAt(text, i, w.word) {
			end, weight = e, w.weight
		}
	}
	return end, weight
}

var adWords = sync.OnceValue(func() *adIndex {
	x := &adIndex{}
	add := func(w string, k adKind, weight float32) {
		rs := []rune(w)
		x.add(rs[0], adWord{rs, k, weight})
	}
	for _, w := range adClaims {
		add(w, adClaimWord, 0)
	}
	for _, w := range adNotClaims {
		add(w, adNotWord, 0)
	}
	for weight, ws := range adPromoCues {
		for _, w := range strings.Fields(ws) {
			add(w, adCueWord, weight)
		}
	}
	// the patterns of adClaimAt start with these
	for _, r := range "国1百" {
		x.add(r, adWord{[]rune{r}, adKind(255), 0})
	}
	return x
})

// adSpan is a claim or a cue found in the text.
type adSpan struct {
	start, end int
	para       int
	weight     float32
}

// Ads reports absolute claims (全国唯一, 最优惠, 100%纯天然) made in promotional text.
func Ads(text []rune) []finding.Finding { return ads(nil, text) }

// ads reports absolute claims in promotional paragraphs.
func ads(dst []finding.Finding, text []rune) []finding.Finding {
	x := adWords()
	var claims, cues []adSpan
	para, notEnd := 0, 0
	for i, r := range text {
		if isBreak(r) {
			if i+1 < len(text) && !isBreak(text[i+1]) {
				para++
			}
			continue
		}
		ws := x.get(r)
		if ws == nil {
			continue
		}
		if e, _ := x.longest(ws, text, i, adNotWord); e > 0 {
			notEnd = max(notEnd, e)
		}
		if e, w := x.longest(ws, text, i, adCueWord); e > 0 {
			cues = append(cues, adSpan{i, e, para, w})
		}
		if i < notEnd {
			continue
		}
		if e := adClaimAt(x, ws, text, i); e > i && !partOfName(x, text, i, e) {
			claims = append(claims, adSpan{i, e, para, 0})
			notEnd = e // 纯天然 in 100%纯天然 is the same claim
		}
	}
	whole := len(text) <= adShortDraft
	for _, c := range claims {
		if promotional(text, c, cues, whole) && !regulatory(text, c) && !honourTitle(text, c) {
			dst = append(dst, adFinding(text, c))
		}
	}
	return dst
}

// partOfName reports a claim that runs into a word that is no claim:
// 全市最低 in 全市最低气温.
func partOfName(x *adIndex, text []rune, s, e int) bool {
	for k := s + 1; k < e; k++ {
		if n, _ := x.longest(x.get(text[k]), text, k, adNotWord); n > e {
			return true
		}
	}
	return false
}

// adClaimAt returns the end of a claim starting at i, or i.
func adClaimAt(x *adIndex, ws []adWord, text []rune, i int) int {
	if e, _ := x.longest(ws, text, i, adClaimWord); e > 0 {
		return e
	}
	switch text[i] {
	case '国':
		return nationalClaim(text, i)
	case '1', '百':
		return hundredPercent(text, i)
	}
	return i
}

// nationalClaims are 国家级 said of what is sold; 国家级 before anything
// else (非物质文化遗产, 自然保护区, 经济技术开发区, 示范区…) is a designation.
var nationalClaims = strings.Fields(`大米 好米 产品 品质 品牌 大厨 厨师 食材 美食 茶叶 好茶 好蜜 蜂蜜 配方 原料 工艺品 口感 特供 顶级 标准 权威 推荐 水准 享受`)

func nationalClaim(text []rune, i int) int {
	if !matchAt(text, i, []rune("国家级")) {
		return i
	}
	for _, w := range [...]string{"质量", "品质", "水平", "水准"} {
		if matchAt(text, i-len([]rune(w)), []rune(w)) {
			return i + 3 // 产品质量国家级
		}
	}
	for _, w := range nationalClaims {
		if matchAt(text, i+3, []rune(w)) {
			return i + 3 + len([]rune(w))
		}
	}
	return i
}

// hundredPercent finds 100%纯天然, 百分之百有效: a guarantee, when a claim
// word follows; 100%覆盖 in a report is a statistic and has none.
func hundredPercent(text []rune, i int) int {
	j := i
	for _, p := range [...]string{"100%", "100％", "百分之百", "百分百"} {
		if matchAt(text, i, []rune(p)) {
			j = i + len([]rune(p))
			break
		}
	}
	if j == i {
		return i
	}
	for _, w := range [...]string{"纯天然", "天然", "有效", "好评", "满意", "正品", "安全", "无添加", "纯", "保证", "治愈", "原生态", "放心"} {
		if matchAt(text, j, []rune(w)) {
			return j + len([]rune(w))
		}
	}
	return i
}

// promotional adds the selling cues around a claim. In a short draft every
// cue counts, those of other paragraphs for less; in a long one (a news
// bulletin covers trade, tourism and products every day) only the cues that
// speak as a seller (a price, an order line, an invitation) in the
// paragraph of the claim or next to it, and at least two of them.
func promotional(text []rune, c adSpan, cues []adSpan, whole bool) bool {
	best := map[string]float32{} // 推荐 ten times in a notice is one cue, counted where it weighs most
	for _, q := range cues {
		if q.start < c.end && c.start < q.end {
			continue // 优惠 in 最优惠 does not sell itself
		}
		d := q.para - c.para
		if !whole && (q.weight < adSellerCue || d < -adNear || d > adNear || abs(q.start-c.start) > adWindow) {
			continue
		}
		w := q.weight
		if d != 0 {
			w *= adNearWeight
		}
		if k := string(text[q.start:q.end]); w > best[k] {
			best[k] = w
		}
	}
	var score float32
	for _, w := range best {
		score += w
	}
	if !whole {
		return score >= adLongThreshold
	}
	return score >= adPromoThreshold
}

// honourTitle reports 最美 in the name of an honour given to people:
// 最美科技工作者, 最美侨界人物, 最美家庭.
func honourTitle(text []rune, c adSpan) bool {
	if string(text[c.start:c.end]) != "最美" {
		return false
	}
	e := c.end
	for e < len(text) && e < c.end+8 && isHan(text[e]) {
		e++
	}
	return containsAny(string(text[c.end:e]), []string{"者", "人物", "家庭", "员", "师", "医生", "干部", "村官", "书记",
		"职工", "少年", "妈妈", "家乡人", "庭院"})
}

// regulatory reports a claim quoted by a regulator: 商家不得使用“最高级”等用语.
func regulatory(text []rune, c adSpan) bool {
	s, e := around(text, c.start, sentenceEnds)
	sentence := string(text[s:e])
	quoted := runeAt(text, c.start-1) == '“' && runeAt(text, c.end) == '”'
	return quoted && containsAny(sentence, []string{"不得", "禁止", "严禁", "违法", "虚假", "涉嫌", "绝对化用语"})
}

func adFinding(text []rune, c adSpan) finding.Finding {
	got := string(text[c.start:c.end])
	msg := "“" + got + "”是《广告法》第九条禁止的绝对化用语，用在商品、服务或景区的宣传推介中；政务新媒体不得发布商业广告，推介内容也应据实表述。"
	return ruleAdClaim.at(text, c.start, c.end, msg, "")
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
