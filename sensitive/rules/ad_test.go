package rules

import "testing"

func TestAdClaims(t *testing.T) {
	w := []string{"ad.claim/warn"}
	runCases(t, Ads, []tcase{
		{"我县红心猕猴桃是⟦全国唯一⟧获得认证的品种，欢迎选购，咨询热线0731-8888666。", w},
		{"【好物推荐】本店土蜂蜜⟦100%纯天然⟧，现价68元一斤，欢迎下单。", w},
		{"古镇景区门票限时五折，快来江南⟦第一古镇⟧感受千年韵味！", w},
		{"这款⟦国家级大米⟧颗粒饱满，现开展优惠促销活动，欢迎下单。", w},
		{"本次展销会汇聚全市⟦最优惠⟧的家电产品，购买即送精美礼品。", w},
		{"⟦顶级⟧和牛火锅套餐仅需198元，欢迎预订。", w},
		{"驾校招生：全市⟦通过率最高⟧，报名即享优惠价。", w},
		{"临江建材的防水材料产品质量⟦国家级⟧，欢迎选购。", w},
		// a claim in one paragraph of a short post, the price in the next
		{"梅溪古镇被誉为江南⟦第一古镇⟧。\n五一期间门票半价，欢迎预订。", w},
	})
	runCases(t, Ads, none(
		"我县传统手工造纸技艺入选国家级非物质文化遗产，游客可在景区内参观体验，门票免费。",
		"驻村第一书记带领村民发展特色产业，农产品销售额同比增长三成。",
		"今年我市最低生活保障标准提高至每人每月900元。",
		"最高人民法院发布一批消费者权益保护典型案例。",
		"气象台发布暴雨橙色预警，这是仅次于最高级的预警级别。",
		"该实验室建成了目前世界最先进的同步辐射光源装置之一。",
		"我市成功创建国家级自然保护区、国家级经济技术开发区各1个，园区企业产品远销海外。",
		"黑龙江省启动稻谷最低收购价执行预案，每斤收购价格为1.31元。",
		"全市最高气温达38摄氏度，最低气温26摄氏度。",
		"该县是全省唯一入选全国乡村振兴示范县的县，当地特色农产品品牌影响力不断提升。",
		"国际马拉松赛吸引全球顶尖运动员参赛，比赛门票已全部售罄。",
		"市场监管局提醒：商家不得使用“国家级”“最高级”“最佳”等绝对化用语进行广告宣传，消费者可拨打12315投诉。",
		"眼下正值油菜花最佳观赏期，景区门票实行半价优惠。",
		"建议游客最好提前预约门票，错峰出行。",
		"县里评选出10户“最美家庭”，为获奖家庭颁发荣誉证书和奖品。",
		"民警提醒，凡是声称稳赚不赔的投资都是诈骗。",
		"关于推荐“最美科技工作者”候选人的通知：推荐条件、推荐名额、推荐材料报送时间如下，欢迎推荐。",
	))
}

// TestAdClaimsInLongNews: a news bulletin mentions trade, tickets and
// products every day; only a seller's words next to a claim make it one.
func TestAdClaimsInLongNews(t *testing.T) {
	filler := ""
	for len([]rune(filler)) < adShortDraft {
		filler += "今年以来，全市旅游市场持续升温，景区门票预订量和农产品批发交易量同比增长。\n"
	}
	news := []rune(filler + "宁波舟山港货物吞吐量保持世界第一，全球最大的清洁能源走廊建成投产。\n" + filler)
	if fs := Ads(news); len(fs) != 0 {
		t.Errorf("news reported as promotion: %s", describe(fs))
	}
	promo := []rune(filler + "我们的蜂蜜是顶级好蜜，订购热线0591-1234567，先到先得。\n")
	if fs := Ads(promo); len(fs) != 1 || fs[0].Text != "顶级" {
		t.Errorf("promotion in a long draft: %s", describe(fs))
	}
}
