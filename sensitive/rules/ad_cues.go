package rules

// adPromoCues are the words that sell. A seller's cue speaks to the buyer
// (an order line, a price to pay, an invitation to buy, live-stream patter);
// a sale cue names selling (门票, 预订, 批发) and a weak one what is sold or
// the register of a post that sells (投资…正当其时), which news does too, so
// these two count only in a short draft.
var adPromoCues = map[float32]string{
	adSellerCue: `欢迎选购 欢迎购买 欢迎下单 欢迎品尝 欢迎预订 欢迎订购 下单 抢购 包邮 直播间 订购电话 订购热线
		订水热线 购买渠道 咨询热线 小程序 微店 网店 旗舰店 先到先得 数量有限 限量供应 售完即止 立减
		买二送一 买二赠一 买一送一 买一赠一 优惠价 特惠 现价 原价 限时 五折 八折 半价 领券 秒杀 扫码 等你来 快来 邀您
		前来咨询 前来体验 前来品尝 前来选购 报名从速 首付
		仅售 到手价 券后 直降 特价 拍下 上链接 小黄车 购物车 家人们 宝宝们 买到就是赚到 闭眼入 手慢无
		点击购买 购买链接 订购链接 订购方式 购买方式 销售热线 团购热线 预订热线 预订电话 订餐电话 满减 满送
		拼单 团购价 会员价 出厂价 批发价 优惠券 欢迎投资 投资兴业 福利价 宠粉 粉丝福利 产地直发 源头直供
		厂家直销 一件代发 欢迎来电 等您来 还在等什么 速来 快抢 抢到就是赚到 下单链接 评论区扣`,
	adSaleCue: `选购 购买 订购 团购 门票 套票 预订 预约 品尝 洽谈合作 招商 加盟 带货 好物 上新 促销 热卖 热销
		售价 折扣 批发 代理 年货节 展销 价格为 仅需 只需 元一斤 元/斤 元一盒 每袋 每桌 报名费 订水 订餐 订房
		礼盒 报名热线 零售价 市场价 新品 爆款 必买 必吃 种草 包退 包换 坏果包赔 入住 现摘现发`,
	adWeakCue: `产品 品牌 品质 口感 价格 景区 度假 民宿 旅游 推介 特产 农产品 土特产 消费者 顾客 游客 商家
		合作社 营养 美味 好吃 香甜 软糯 体验 欢迎 推荐 上市 代言 采购 送礼 优惠 研学 避暑 美食 套餐 热线
		投资 正当其时 营商环境 落户 客商 老字号 古法 手工 工艺 风味 出品 年货 网红 打卡 尝鲜 直播`,
}

// Pattern cues have no word of their own; their key counts each kind once.
const (
	cuePrice = "¤price"
	cueSpec  = "¤spec"
	cueTag   = "¤tag"
	cueBang  = "¤bang"
	adBang   = 0.5 // an exclamation mark: the register of a post that sells
)

// saleUnits are what a price is for: 一箱, 每斤, 元/盒, 每位 at a restaurant.
const saleUnits = "斤箱盒袋瓶罐包份只串件套桌位晚张杯支条台罐提听"

// isPatternCueStart reports a character patternCue may start with; in a
// long draft only a price can be a seller's cue.
func isPatternCueStart(r rune, whole bool) bool {
	switch r {
	case '￥', '¥':
		return true
	case '#', '＃', '！', '!':
		return whole
	}
	return isDigit(r)
}

// patternCue reports a cue that is a shape rather than a word at i: a price
// (仅售98元, 一箱5斤只要39.9, ￥88), a pack size (500ml, 六枚礼盒装), a
// hashtag (#家乡味道#) or an exclamation mark. It returns the end, weight and
// key of the cue, or end 0.
func patternCue(text []rune, i int) (int, float32, string) {
	switch r := text[i]; {
	case isDigit(r):
		if isDigit(runeAt(text, i-1)) || runeAt(text, i-1) == '.' {
			return 0, 0, ""
		}
		return priceCue(text, i)
	case r == '￥' || r == '¥':
		if isDigit(runeAt(text, i+1)) {
			_, e := digitsAt(text, i+1)
			return e, adSellerCue, cuePrice
		}
	case r == '#' || r == '＃':
		if isHan(runeAt(text, i+1)) && !isAlnum(runeAt(text, i-1)) {
			return i + 1, adWeakCue, cueTag
		}
	case r == '！' || r == '!':
		return i + 1, adBang, cueBang
	}
	return 0, 0, ""
}

// priceCue reads the number at i and says whether it is a price or a pack
// size. A bare sum (补贴500元) only describes; a sum with what it buys (元/斤,
// 一瓶…98元) or after 只要, 仅需, 低至 is a seller's.
func priceCue(text []rune, i int) (int, float32, string) {
	_, e := digitsAt(text, i)
	if runeAt(text, e) == '.' && isDigit(runeAt(text, e+1)) {
		_, e = digitsAt(text, e+1)
	}
	switch c := runeAt(text, e); {
	case c == '元' || c == '块':
		if sellerPrice(text, i, e+1) {
			return e + 1, adSellerCue, cuePrice
		}
		return e + 1, adWeakCue, cuePrice
	case hasAny(text, e, []string{"ml", "ML", "毫升", "kg", "克装", "斤装", "包装", "盒装", "袋装", "瓶装", "支装", "枚装", "片装", "枚礼盒"}),
		c == 'g' && !isAlnum(runeAt(text, e+1)):
		return e + 1, adSaleCue, cueSpec
	}
	if endsWithAny(text, i, []string{"只要", "仅需", "低至", "只需", "仅售", "特价"}) {
		return e, adSellerCue, cuePrice // 只要39.9！
	}
	return 0, 0, ""
}

// sellerPrice reports a price with what it buys or an invitation to pay
// around it: 仅售98元, 一箱5斤39元, 45元/斤, 88元一盒, 299元起.
func sellerPrice(text []rune, s, e int) bool {
	for k := max(0, s-6); k < s; k++ {
		if (text[k] == '一' || text[k] == '每') && isSaleUnit(runeAt(text, k+1)) {
			return true
		}
		if hasAny(text, k, []string{"只要", "仅需", "低至", "只需", "仅售", "特价", "售价", "才"}) {
			return true
		}
	}
	n := runeAt(text, e)
	if n == '/' || n == '一' || n == '每' {
		return isSaleUnit(runeAt(text, e+1))
	}
	return n == '起' || hasAny(text, e, []string{"包邮", "到手"})
}

// isSaleUnit reports one of saleUnits.
func isSaleUnit(r rune) bool {
	for _, u := range saleUnits {
		if r == u {
			return true
		}
	}
	return false
}
