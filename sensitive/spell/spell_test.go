package spell

import (
	"strings"
	"testing"

	"shenfa/assets"
	"shenfa/sensitive/lm"
	"shenfa/sensitive/names"
)

func checker(t testing.TB) *Checker {
	t.Helper()
	m, err := lm.Default()
	if err != nil {
		t.Fatal(err)
	}
	conf, err := names.LoadConfusables(strings.NewReader(assets.Pinyin), strings.NewReader(assets.Shapes))
	if err == nil {
		err = conf.LoadGlyphs(strings.NewReader(assets.Glyphs))
	}
	if err != nil {
		t.Fatal(err)
	}
	return New(m, conf)
}

func TestCheck(t *testing.T) {
	c := checker(t)
	for _, tc := range []struct {
		text, want, suggestion string
	}{
		{"各单位要未雨稠缪，提前做好防汛准备。", "未雨稠缪", "未雨绸缪"},
		{"对群众反映的问题，我们一以惯之地抓好整改。", "一以惯之", "一以贯之"},
		{"各部门要统畴兼顾，合理安排。", "统畴兼顾", "统筹兼顾"},
		{"持续改善人居环镜，建设美丽乡村。", "人居环镜", "人居环境"},
		{"这一难题迎刀而解。", "迎刀而解", "迎刃而解"},
		{"着力化解矛盾纠份。", "纠份", "纠纷"},
		// Two-character slips without support from their neighbours score
		// below the threshold; the typo lexicon lists the common ones.
		{"医疗费用报消单据请妥善保管。", "", ""},
		{"群众可拨打热线电话资询相关政策。", "", ""},
		{"针对群众的留言，我们回复如下。", "", ""},
		{"全面建设社会主义现代化国家。", "", ""},
		{"李晓红在报告中指出，要坚持问题导向。", "", ""},
	} {
		fs := c.Check([]rune(tc.text))
		if tc.want == "" {
			for _, f := range fs {
				t.Errorf("%s: unexpected %q → %q (%s)", tc.text, f.Text, f.Suggestion, f.Message)
			}
			continue
		}
		if len(fs) != 1 || fs[0].Text != tc.want || fs[0].Suggestion != tc.suggestion {
			t.Errorf("%s: got %+v, want %q → %q", tc.text, fs, tc.want, tc.suggestion)
		}
	}
}
