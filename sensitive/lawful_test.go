package sensitive

import (
	"slices"
	"strings"
	"testing"

	"shenfa/assets"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

// sensitiveAt returns the sensitive finding whose text is word, if any.
func sensitiveAt(t *testing.T, text, word string) (finding.Finding, bool) {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range c.Check(text).Findings {
		if f.Category == finding.Sensitive && f.Text == word {
			return f, true
		}
	}
	return finding.Finding{}, false
}

// TestLawfulContext: spam keeps its severity, while police reports, court
// news and anti-fraud publicity that name the same words drop to info.
func TestLawfulContext(t *testing.T) {
	tests := []struct {
		name, text, word string
		want             finding.Severity
	}{
		// spam and adverts
		{"gambling ad", "真人百家乐在线娱乐城，注册送彩金，天天返水。", "注册送彩金", finding.Block},
		{"lottery tips", "香港六合彩特码资料，一肖一码，免费看。", "一肖一码", finding.Block},
		{"drug sale", "出售冰毒、麻古，保密发货，货到付款。", "出售冰毒", finding.Block},
		{"gun sale", "出售仿真枪，配件齐全，价格优惠包邮。", "出售仿真枪", finding.Block},
		{"porn", "同城约炮，一对一裸聊。", "一对一裸聊", finding.Block},
		{"loan", "网贷秒批，黑户可贷，不看征信。", "网贷秒批", finding.Block},
		{"invoice", "代开发票，联系电话13900001111。", "代开发票", finding.Block},
		{"exam", "考试答案出售，专业替考，考试包过。", "专业替考", finding.Block},
		{"bank cards", "高价收卡，收购银行卡，银行卡四件套。", "收购银行卡", finding.Block},
		{"surrogacy", "代孕服务，试管代孕，包生男孩。", "试管代孕", finding.Block},
		{"topic word alone", "套路一：刷单返利。", "刷单返利", finding.Warn},
		// a warning word does not excuse contact details, a price or an evasion
		{"warning with phone", "警惕！出售仿真枪，联系电话13800000000。", "出售仿真枪", finding.Block},
		{"warning with wechat", "谨防上当，本店出售冰毒，加微信abc888。", "出售冰毒", finding.Block},
		{"warning with QQ", "防范诈骗，代开发票请联系QQ：12345678。", "代开发票", finding.Block},
		{"warning with price", "警方提醒：出售仿真枪，价格面议。", "出售仿真枪", finding.Block},
		{"evaded in a report", "市公安局提醒，网*络*赌*博平台均为诈骗。", "网*络*赌*博", finding.Warn},
		// lawful uses
		{"police report", "市公安局破获一起贩卖冰毒案，缴获冰毒5公斤。", "冰毒", finding.Info},
		{"anti-drug publicity", "禁毒宣传进校园：认清摇头丸、麻古等新型毒品的危害。", "麻古", finding.Info},
		{"anti-fraud", "谨防刷单返利诈骗，凡是刷单都是诈骗。", "刷单返利", finding.Info},
		{"crackdown", "持续开展打击网络赌博专项行动。", "网络赌博", finding.Info},
		{"court", "法院以非法持有枪支罪判处被告人有期徒刑三年，其网购的仿真枪经鉴定为枪支。", "仿真枪", finding.Info},
		{"arrest", "县公安局抓获3名涉嫌收购银行卡的犯罪嫌疑人。", "收购银行卡", finding.Info},
		{"prohibition", "警方提醒：不出售、不出租、不出借银行卡。", "出借银行卡", finding.Info},
		{"ban", "严禁出售银行卡，违者将承担法律责任。", "出售银行卡", finding.Info},
		{"tax warning with hotline", "税务部门提醒，切勿购买代开发票，发现线索请拨打12366举报。", "代开发票", finding.Info},
		{"report hotline number", "发现代开发票小广告，请拨打举报电话0571-87654321。", "代开发票", finding.Info},
		{"amount is no phone", "警方查明，该团伙网络赌博流水达3000000元。", "网络赌博", finding.Info},
		{"don't believe", "建议市民不要轻信“网贷秒批”“不看征信”等说法。", "网贷秒批", finding.Info},
		{"cleanup", "今年以来共清理“办证刻章”“代开发票”等小广告1.2万处。", "办证刻章", finding.Info},
		{"reply to a complaint", "您反映的电梯内张贴“代开发票”广告的问题，物业已清理。", "代开发票", finding.Info},
		{"traditional characters", "網信部門依法處置發布“網絡賭博”信息的賬號。", "網絡賭博", finding.Info},
	}
	for _, tt := range tests {
		f, ok := sensitiveAt(t, tt.text, tt.word)
		if !ok {
			t.Errorf("%s: %q not found in %q", tt.name, tt.word, tt.text)
			continue
		}
		if f.Severity != tt.want {
			t.Errorf("%s: %q is %s, want %s (%s)", tt.name, tt.word, f.Severity, tt.want, f.Message)
		}
		lowered := strings.Contains(f.Message, "已降为提示")
		if lowered != (tt.want == finding.Info) {
			t.Errorf("%s: message %q does not say whether and why it was lowered", tt.name, f.Message)
		}
	}
}

// TestLoweredMessageNamesTheCue: the reviewer sees which word made the hit harmless.
func TestLoweredMessageNamesTheCue(t *testing.T) {
	tests := []struct{ text, word, cue string }{
		{"一起贩卖冰毒案已被破获。", "贩卖冰毒", "“破获”"},
		{"请大家不出借银行卡。", "出借银行卡", "“不”"},
	}
	for _, tt := range tests {
		f, ok := sensitiveAt(t, tt.text, tt.word)
		if !ok || f.Severity != finding.Info || !strings.Contains(f.Message, tt.cue) {
			t.Errorf("%q: finding %+v, want info naming %s", tt.text, f, tt.cue)
		}
	}
}

// TestIllegalLexiconQuiet: ordinary words that contain an entry of the
// illegal-content list, and lawful neighbours of it, give no sensitive finding.
func TestIllegalLexiconQuiet(t *testing.T) {
	texts := []string{
		"近期气温回升，小麦白粉病进入高发期，请做好统防统治。",
		"本期福利彩票、体育彩票销售额同比增长。",
		"社区为失能老人提供助浴、助餐等上门服务。",
		"术中采用笑气镇痛，产妇分娩疼痛明显减轻。",
		"北约炮兵在波罗的海举行演习。",
		"伟大时代孕育伟大精神，现代孕妇保健知识讲座在社区举行。",
		"两国对口交流机制运转良好，出口交货值增长。",
		"推进存量资金盘活，提高财政资金使用效益。",
		"当事人因提供虚假证明文件被依法处理。",
		"长春药业集团有限公司年产值突破百亿，上百家乐器企业参加展会。",
		"打击走私彩电等违法行为。",
		"学生们在老师指导下观察菠菜、油菜的生长情况。",
		"经受住了时代考验，现代考古学成果丰硕。",
		"个人可通过电子税务局申请代开发票。",
		"两种方案交替考虑，由他接替考察工作。",
		"酒店为旅客提供床上用品四件套。",
		"新客户首存送好礼，银行网点推出优惠活动。",
	}
	for _, text := range texts {
		f, ok := firstSensitive(t, text)
		if ok {
			t.Errorf("%q: %s %q: %s", text, f.Severity, f.Text, f.Message)
		}
	}
}

func firstSensitive(t *testing.T, text string) (finding.Finding, bool) {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range c.Check(text).Findings {
		if f.Category == finding.Sensitive {
			return f, true
		}
	}
	return finding.Finding{}, false
}

// TestIllegalLexiconEntries: every entry of the default illegal-content list
// is block or warn and says its group and why.
func TestIllegalLexiconEntries(t *testing.T) {
	data, err := assets.Lexicons.ReadFile("lexicons/illegal.toml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := lexicon.Parse("illegal.toml", data, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entries) < 300 {
		t.Errorf("only %d entries", len(l.Entries))
	}
	groups := []string{"赌博类", "毒品类", "枪支弹药、爆炸物类", "色情类", "诈骗类", "假证、假票、假币类", "考试作弊类", "银行卡、电话卡、账号及个人信息买卖类", "其他违法信息"}
	for _, e := range l.Entries {
		if e.Category != finding.Sensitive || (e.Severity != finding.Block && e.Severity != finding.Warn) {
			t.Errorf("%q: %s %s", e.Word, e.Category, e.Severity)
		}
		group, _, _ := strings.Cut(e.Note, "：")
		why := map[finding.Severity]string{finding.Block: "没有合法用法", finding.Warn: "请复审"}[e.Severity]
		if !slices.Contains(groups, group) || !strings.Contains(e.Note, why) {
			t.Errorf("%q (%s): note %q does not name its group and why it is %s", e.Word, e.Severity, e.Note, e.Severity)
		}
	}
}

// TestAdvertises: contact details and prices are told from hotlines and amounts.
func TestAdvertises(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"联系电话13900001111", true},
		{"加微信abc888详聊", true},
		{"qq:12345678", true},
		{"微信 zhang_san", true},
		{"价格面议", true},
		{"通过微信群发展下线", false},
		{"通过qq群招揽赌客", false},
		{"请拨打110报警", false},
		{"请拨打举报电话0571-87654321", false},
		{"流水达3000000元", false},
		{"拨打96110咨询", false},
		{"订购请拨打0571-87654321", true},
	}
	cues, err := contextCues()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		if got := advertises(tt.s, cues[1]); got != tt.want {
			t.Errorf("advertises(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// BenchmarkLowerLawful: the context filter on 100,000 characters of police
// news with an illegal-content hit in every sentence (the worst case).
func BenchmarkLowerLawful(b *testing.B) {
	c, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	sentence := "市公安局破获一起网络赌博案，抓获犯罪嫌疑人7名，警方提醒切勿参与六合彩。"
	text := strings.Repeat(sentence, 100_000/len([]rune(sentence)))
	runes := []rune(text)
	fs := c.lexiconFindings(text, runes)
	for b.Loop() {
		lowerLawful(runes, slices.Clone(fs))
	}
	b.ReportMetric(float64(len(fs)), "findings")
}
