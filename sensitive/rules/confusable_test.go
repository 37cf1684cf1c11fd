package rules

import "testing"

func TestConfusables(t *testing.T) {
	for _, tc := range []struct {
		text, want, suggestion string
	}{
		{"截止目前，全县已完成接种。", "截止", "截至"},
		{"截止2025年6月底，共受理申请。", "截止", "截至"},
		{"报名截止日期为6月30日。", "", ""},
		{"报名于6月30日截止。", "", ""},
		{"截止到目前共受理12件。", "", ""},
		{"请登陆“赣服通”APP办理。", "登陆", "登录"},
		{"用户可扫码登陆系统查询。", "登陆", "登录"},
		{"今年第5号台风已在福建登陆。", "", ""},
		{"申请人必需按时提交材料。", "必需", "必须"},
		{"为群众提供生活必需品。", "", ""},
		{"这是完成任务所必需的条件。", "", ""},
		{"新生报道时间为9月1日。", "报道", "报到"},
		{"请持录取通知书按时报道。", "报道", "报到"},
		{"本台记者报道，全市秋粮丰收。", "", ""},
		{"群众可向社区反应问题。", "反应", "反映"},
		{"疫苗接种后出现不良反应请就医。", "", ""},
		{"现发布招聘启示如下。", "启示", "启事"},
		{"这一做法给我们带来深刻启示。", "", ""},
		{"符合条件的可申请创业担保货款。", "货款", "贷款"},
		{"企业拖欠货款问题得到解决。", "", ""},
		{"依法维护劳动者合法权宜。", "权宜", "权益"},
		{"这只是权宜之计。", "", ""},
		{"严禁泄漏个人信息。", "泄漏", "泄露"},
		{"天然气泄漏事故处置演练。", "", ""},
		{"祝大家渡过一个愉快的假期。", "渡过", "度过"},
		{"帮助企业渡过难关。", "", ""},
		{"要把权利关进制度的笼子里。", "权利", "权力"},
		{"依法保障公民的权利。", "", ""},
	} {
		fs := confusables(nil, []rune(tc.text))
		var got []string
		for _, f := range fs {
			if f.Rule == RuleConfusable {
				got = append(got, f.Text+"→"+f.Suggestion)
			}
		}
		want := ""
		if tc.want != "" {
			want = tc.want + "→" + tc.suggestion
		}
		if len(got) > 1 || want == "" && len(got) > 0 || want != "" && (len(got) == 0 || got[0] != want) {
			t.Errorf("%s: got %v, want %q", tc.text, got, want)
		}
	}
}

func TestDeDiDe(t *testing.T) {
	for _, tc := range []struct {
		text string
		n    int
	}{
		{"各部门要认真的学习文件精神。", 1},
		{"这项工作做的很扎实。", 1},
		{"认真的态度值得学习。", 0},
		{"他做的饭很好吃。", 0},
	} {
		var n int
		for _, f := range confusables(nil, []rune(tc.text)) {
			if f.Rule == RuleDeDiDe {
				n++
			}
		}
		if n != tc.n {
			t.Errorf("%s: %d findings, want %d", tc.text, n, tc.n)
		}
	}
}
