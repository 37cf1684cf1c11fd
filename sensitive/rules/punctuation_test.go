package rules

import (
	"shenfa/sensitive/finding"
	"strings"
	"testing"
)

func TestUnpaired(t *testing.T) {
	cases := []tcase{
		{"他说：⟦“⟧你好。", []string{"punctuation.unpaired/warn=”"}},
		{"你好⟦”⟧。", []string{"punctuation.unpaired/warn=“"}},
		{"⟦《⟧标题", []string{"punctuation.unpaired/warn=》"}},
		{"⟦（⟧括号⟦】⟧", []string{"punctuation.unpaired/warn=）", "punctuation.unpaired/warn=【"}},
		{"“引文（注释”后", []string{}},
		{"⟦“⟧第一段。\n第二段。", []string{"punctuation.unpaired/warn"}},
		{"第一段⟦”⟧\n“第二段”", []string{"punctuation.unpaired/warn"}},
		{"〔2018〕号⟦〔⟧", []string{"punctuation.unpaired/warn=〕"}},
		{"他说：“甲。\n“乙。\n“丙⟦‘⟧。”", []string{"punctuation.unpaired/warn=’"}},
	}
	// An opening mark whose partner closes a different pair is reported once, at the opening.
	cases[4] = tcase{"“引文⟦（⟧注释”后", []string{"punctuation.unpaired/warn"}}
	runCases(t, Punctuation, cases)
	runCases(t, Punctuation, none(
		"他说：“我读了《论语》和‘学而’篇。”",
		"“第一段。\n“第二段。\n“第三段。”",
		"他说：“第一段。\n\n“第二段。”",
		"英文 don’t 一词", "1）第一项；2）第二项", "一）总则\n二）分则", "a）甲 b）乙",
		"国办发〔2018〕123号", "【权威发布】「引号」『书名』",
	))
}

func TestUnpairedOverTwoLines(t *testing.T) {
	runCases(t, Punctuation, none(
		"（3）“红厅论坛：\n读懂中国式现代化”在京举行；",
		"纪录片《北京人：\n远古的回响》首映；",
		"10.【全球海采：\n“一带一路”是怎样的路】",
	))
	runCases(t, Punctuation, []tcase{
		{"⟦“⟧第一段。\n第二段。\n第三段⟦”⟧", []string{"punctuation.unpaired/warn", "punctuation.unpaired/warn"}},
	})
}

func TestFullStop(t *testing.T) {
	w := []string{"punctuation.full_stop/warn=。"}
	runCases(t, Punctuation, []tcase{
		{"全县共有87个行政村完成整治⟦.⟧下一步，将继续巩固。", w},
		{"会议要求认真抓好落实⟦.⟧ 会后各乡镇迅速部署。", w},
		{"现予以公示⟦.⟧", w},
		{"详见《招聘公告》⟦.⟧", w},
		{"也可拨打热线咨询⟦.⟧\n下一步，我们将持续优化服务。", w},
	})
	runCases(t, Punctuation, none(
		"同比增长3.5%，详见www.gov.cn。", "请下载附件“报名表.docx”。", "本次列车为No.1次专列。",
		"他说：“Welcome to China.”随后参观了展览。", "1.加强组织领导。\n2.强化资金保障。", "系统已升级到v2.0版本。",
		"一.总则", "U.S.大使馆", "评论区：“代.开.发.票，点数低。”",
	))
}

func TestDoubled(t *testing.T) {
	cases := []tcase{
		{"你好⟦，，⟧世界", []string{"punctuation.doubled/warn=，"}},
		{"结束⟦。。⟧", []string{"punctuation.doubled/warn=。"}},
		{"然后⟦。。。⟧", []string{"punctuation.doubled/warn=……"}},
		{"什么⟦？？⟧", []string{"punctuation.doubled/warn=？"}},
		{"甲⟦、、⟧乙⟦；；⟧丙⟦：：⟧", []string{"punctuation.doubled/warn", "punctuation.doubled/warn", "punctuation.doubled/warn"}},
	}
	runCases(t, Punctuation, cases)
	runCases(t, Punctuation, none("什么？！", "他说……", "这——", "好！？", "他喊道：“冲啊！！”", "“好！”，他说。"))
}

func TestDoubledKinds(t *testing.T) {
	runCases(t, Punctuation, []tcase{
		{"请大家积极参与⟦！！！⟧", []string{"punctuation.doubled/warn=！"}},
		{"感谢您的支持⟦！！⟧", []string{"punctuation.doubled/warn=！"}},
		{"我们已转交⟦，。⟧", []string{"punctuation.doubled/warn=。"}},
		{"处理结果⟦。，⟧请留意", []string{"punctuation.doubled/warn=。"}},
		{"医生⟦、，⟧护士", []string{"punctuation.doubled/warn=，"}},
		{"时间⟦：，⟧地点", []string{"punctuation.doubled/warn=，"}},
	})
}

func TestEllipsisAndOtherStops(t *testing.T) {
	runCases(t, Punctuation, []tcase{
		{"等等⟦…⟧", []string{"punctuation.ellipsis/info=……"}},
		{"等等⟦...⟧", []string{"punctuation.ellipsis/info=……"}},
		{"等等⟦......⟧", []string{"punctuation.ellipsis/info=……"}},
		{"现予以公示⟦．⟧", []string{"punctuation.full_stop/warn=。"}},
		{"登录⟦\"⟧民政通⟦\"⟧小程序", []string{"punctuation.ascii/info=“", "punctuation.ascii/info=”"}},
	})
	runCases(t, Punctuation, none("他说……", "wait...", "１．２", "v1...", "the \"Belt and Road\" plan"))
}

func TestMisplaced(t *testing.T) {
	runCases(t, Punctuation, []tcase{
		{"我们将继续做好保供工作\n⟦，⟧确保市场供应充足。", []string{"punctuation.misplaced/warn"}},
		{"  ⟦。⟧下一步", []string{"punctuation.misplaced/warn"}},
		{"处理结果将反馈给您⟦，⟧\n感谢支持。", []string{"punctuation.misplaced/warn=。"}},
		{"我们已转交区城管局核实处理，处理结果将在5个工作日内反馈给您⟦，⟧\n\n感谢您的监督。", []string{"punctuation.misplaced/warn=。"}},
	})
	runCases(t, Punctuation, none("市民：好的，谢谢。\n：", "“好。”\n他说。", "河北区、河东区、南开区、红桥区、\n津南区、北辰区",
		"行党的路线、方针、政策，坚持治理整顿和深化改革的指导方针，积极落实人大会议的决议、决定，\n建设放在重要位置，认真履行宪法和法律赋予的各项职权，充分发挥地方国家权力机关的职能作用。"))
}

func TestASCIIPunctuation(t *testing.T) {
	cases := []tcase{
		{"你好⟦,⟧世界⟦,⟧再见", []string{"punctuation.ascii/info=，", "punctuation.ascii/info=，"}},
		{"注⟦:⟧请", []string{"punctuation.ascii/info=："}},
		{"各市⟦(⟧州⟦)⟧政府", []string{"punctuation.ascii/info=（", "punctuation.ascii/info=）"}},
		{"甲⟦,⟧乙⟦,⟧丙\n丁⟦,⟧戊", []string{"punctuation.ascii/info", "punctuation.ascii/info", "punctuation.ascii/info"}},
		{"真的吗⟦?⟧好⟦!⟧对⟦;⟧", []string{"punctuation.ascii/info=？", "punctuation.ascii/info=！", "punctuation.ascii/info=；"}},
		{"《意见》⟦,⟧全文", []string{"punctuation.ascii/info"}},
		{"人工智能⟦(⟧AI)技术", []string{"punctuation.ascii/info"}},
	}
	runCases(t, Punctuation, cases)
	runCases(t, Punctuation, none(
		"数字1,000和3.5以及10:30", "访问http://a.cn/?x=1获取", "English, please: yes!",
		"邮箱a.b@c.com", "Tel: 0591-1234", "比例1:1", "f(x)的值",
	))
}

func TestASCIIPunctuationEveryMark(t *testing.T) {
	text := []rune(strings.Repeat("甲,乙:丙,", 200))
	got := Punctuation(text)
	if len(got) != 600 {
		t.Fatalf("got %d findings, want one per mark", len(got))
	}
	for _, f := range got {
		if f.Severity != finding.Info {
			t.Fatalf("ASCII punctuation must stay info: %+v", f)
		}
	}
}
