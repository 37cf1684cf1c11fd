package rules

import "testing"

func TestPlaceholders(t *testing.T) {
	cases := []tcase{
		{"尊敬的⟦{{name}}⟧：", []string{"placeholder.pattern/block"}},
		{"金额⟦${amount}⟧元", []string{"placeholder.pattern/block"}},
		{"地址⟦【待补充】⟧", []string{"placeholder.pattern/block"}},
		{"⟦[待定]⟧", []string{"placeholder.pattern/block"}},
		{"⟦【时间待定】⟧召开", []string{"placeholder.pattern/block"}},
		{"⟦XX⟧省⟦XX⟧市", []string{"placeholder.pattern/block", "placeholder.pattern/block"}},
		{"⟦××⟧同志", []string{"placeholder.pattern/block"}},
		{"⟦20XX年⟧", []string{"placeholder.pattern/block"}},
		{"于⟦X月X日⟧召开", []string{"placeholder.pattern/block"}},
		{"2024年⟦X月X日⟧", []string{"placeholder.pattern/block"}},
		{"⟦20XX年X月X日⟧", []string{"placeholder.pattern/block"}},
		{"签名：⟦＿＿＿⟧", []string{"placeholder.pattern/block"}},
		{"姓名⟦____⟧", []string{"placeholder.pattern/block"}},
		{"⟦□□⟧局", []string{"placeholder.pattern/block"}},
		{"⟦TODO⟧：改", []string{"placeholder.pattern/block"}},
		{"⟦ＸＸ⟧局", []string{"placeholder.pattern/block"}},
		{"⟦xx⟧.gov.cn", []string{"placeholder.pattern/block"}},
	}
	runCases(t, Placeholders, cases)
	runCases(t, Placeholders, none(
		"XXL码", "iPhone X", "XXI世纪", "X光", "X射线", "3×4", "138XXXX1234", "3501XXXXXXXX1234",
		"【权威发布】", "【接待安排】", "【期待】", "[1]", "□", "文末□", "__", "TODOs", "x86", "Xbox",
		"{{", "{{}}", "${}", "max", "{{未闭合", "【待遇】",
	))
}
