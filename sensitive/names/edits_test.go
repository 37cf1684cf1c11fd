package names

import (
	"strings"
	"testing"
)

// editNames are the names the edit tests run against: organs, formulations
// and a numbered formulation.
var editNames = []string{"人力资源和社会保障部", "住房和城乡建设部", "统筹发展和安全", "中华民族伟大复兴",
	"国务院新闻办公室", "国务院办公厅", "生态环境部", "农业农村部", "国家禁毒委", "两个维护", "四个意识",
	"全国人大", "依法治国", "中华人民共和国", "扫黑除恶", "社会主义核心价值观", "乡村振兴", "中华人民共和国宪法"}

func editChecker(t *testing.T) *Checker {
	ns := make([]Name, len(editNames))
	for i, w := range editNames {
		ns[i] = Name{Word: w}
	}
	c := New(ns, loadConf(t))
	c.Allow(editNames...)
	return c
}

// TestEdits: the edits that count only in an organ's name, at a long name's
// edge, in a standalone numbered formulation, or as a swap, are reported;
// their lookalikes in correct text are not.
func TestEdits(t *testing.T) {
	c := editChecker(t)
	for _, tc := range []struct {
		text, got, want, edit string
	}{
		// 与 for 和 in an organ, not in a formulation
		{"图解｜人力资源与社会保障部：社保待遇有变化", "人力资源与社会保障部", "人力资源和社会保障部", "“与”应为“和”"},
		{"住房与城乡建设部发布通知", "住房与城乡建设部", "住房和城乡建设部", ""},
		{"坚持统筹发展与安全", "", "", ""},
		// the last character of a long name, sounding alike
		{"全面推进中华民族伟大复新。", "中华民族伟大复新", "中华民族伟大复兴", "“新”应为“兴”"},
		// a central organ's office of the wrong kind; a province's department is no slip
		{"国务院新闻办公厅今天举行发布会", "国务院新闻办公厅", "国务院新闻办公室", "“厅”应为“室”"},
		{"国务院办公室印发通知", "国务院办公室", "国务院办公厅", ""},
		{"河北省生态环境厅组建工作专班", "", "", ""},
		{"县农业农村局提供金融支持", "", "", ""},
		{"国家禁毒办发布年度报告", "", "", ""},
		// a numbered formulation standing alone
		{"坚决做到“两个维持”，", "两个维持", "两个维护", "“持”应为“护”"},
		{"坚持“两维护”", "两维护", "两个维护", "漏了“个”"},
		{"两个维持", "两个维持", "两个维护", ""},
		{"这两个维持秩序的岗位", "", "", ""},
		{"“三个意识”", "", "", ""}, // another number is another formulation
		// four-character names that are not numbered keep to confusables
		{"“全国各大”", "", "", ""},
		{"坚持依宪治国、依宪执政", "", "", ""},
		{"民风淳，乡村兴。", "", "", ""},
		// two neighbouring characters swapped
		{"中华人民和共国成立", "中华人民和共国", "中华人民共和国", "“和共”应为“共和”"},
		{"扫黑恶除专项斗争", "扫黑恶除", "扫黑除恶", ""},
		{"践行社会主义核心值价观", "社会主义核心值价观", "社会主义核心价值观", ""},
		// laws keep their siblings
		{"中华人民共和国宪发", "中华人民共和国宪发", "中华人民共和国宪法", ""},
	} {
		got := c.Check([]rune(tc.text))
		checkSpans(t, tc.text, got)
		if tc.got == "" {
			if len(got) > 0 {
				t.Errorf("%s: false positive %q → %q", tc.text, got[0].Text, got[0].Suggestion)
			}
			continue
		}
		if len(got) != 1 || got[0].Text != tc.got || got[0].Suggestion != tc.want {
			t.Errorf("%s: got %v, want %q → %q", tc.text, got, tc.got, tc.want)
			continue
		}
		if tc.edit != "" && !strings.Contains(got[0].Message, tc.edit) {
			t.Errorf("%s: message %q does not say %s", tc.text, got[0].Message, tc.edit)
		}
	}
}

// TestNamesOnlyShapes: a shape group marked "names" makes its characters
// similar for protected names but gives the typo check no candidates.
func TestNamesOnlyShapes(t *testing.T) {
	c, err := LoadConfusables(strings.NewReader("农\tnong\n衣\tyi\n己\tji\n已\tyi\n"), strings.NewReader("衣农\tnames\n己已\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Similar('衣', '农') || !c.HandShape('衣', '农') {
		t.Error("a names-only group is not similar")
	}
	if len(c.ShapeGroups('衣')) != 0 || len(c.ShapeGroups('农')) != 0 {
		t.Errorf("a names-only group is among the shape groups: %v", c.ShapeGroups('衣'))
	}
	if len(c.ShapeGroups('己')) != 1 || !c.Similar('己', '已') {
		t.Error("an ordinary group lost its shape group")
	}
	real := loadConf(t)
	for _, pair := range []string{"衣农", "观规", "肓育", "体休", "村材"} {
		r := []rune(pair)
		if !real.Similar(r[0], r[1]) {
			t.Errorf("shapes.txt: %c and %c are not similar", r[0], r[1])
		}
	}
}
