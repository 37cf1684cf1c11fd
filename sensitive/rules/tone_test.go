package rules

import "testing"

func TestTone(t *testing.T) {
	w := "tone.reply/warn"
	runCases(t, Tone, []tcase{
		{"网友问：何时修路？回复：⟦早干嘛去了⟧，现在才来问。", []string{w}},
		{"回复：⟦你家孩子考不好别赖别人⟧。", []string{w}},
		{"回复：⟦嫌吵可以搬走⟧，⟦又没人逼你住这里⟧。", []string{w, w}},
		{"回复：⟦少在网上瞎嚷嚷⟧！", []string{w}},
	})
	runCases(t, Tone, none(
		"您好，您反映的问题已转交相关部门办理。", "你问我答：医保报销怎么办？", "请保护好你自己的个人信息，不要贪小便宜。",
		"警方提醒：骗子贪心不足，群众要提高警惕。", "让群众少跑腿、好办事。", "迷你马拉松将于周六举行。",
	))
}

func TestToneDismissal(t *testing.T) {
	for text, want := range map[string]bool{
		"嫌报销少就别生病啊": true, "嫌吵你可以搬家嘛": true, "没时间排队就别来办": true,
		"犯罪嫌疑人已被刑拘": false, "工作人员不嫌麻烦就上门服务": false, "涉嫌诈骗": false,
		"能马上办的就别拖着": false,
	} {
		if got := dismissal(text); got != want {
			t.Errorf("dismissal(%q) = %v, want %v", text, got, want)
		}
	}
}
