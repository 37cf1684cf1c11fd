package sensitive

import (
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"shenfa/assets"
)

// TestTypoLexiconClasses checks a member of each class of known wrong
// words in the default typo lexicon: the wrong word is reported with its
// correction, and the correct text around its allow phrases stays quiet.
func TestTypoLexiconClasses(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ text, want, suggestion string }{
		{"转学需在全国中小学生学藉系统中申请。", "学藉", "学籍"},
		{"进入主讯期以来，各地严阵以待。", "讯期", "汛期"},
		{"剩菜剩饭属于橱余垃圾。", "橱余", "厨余"},
		{"他竞竞业业扎根基层三十年。", "竞竞业业", "兢兢业业"},
		{"工地裸土要全部苦盖。", "苦盖", "苫盖"},
		{"小区新增充电庄120个。", "充电庄", "充电桩"},
		{"务工前务必签定书面劳动合同。", "签定", "签订"},
		{"请于本周内携带材料到窗口签倒。", "签倒", "签到"},
		{"请务毕妥善保管随身财物。", "务毕", "务必"},
		{"如有疑问请资询12345热线。", "资询", "咨询"},
		{"会议由局长按排部署。", "按排", "安排"},
		{"推动实现炭达峰目标。", "炭达峰", "碳达峰"},
		{"请拨尖人才踊跃报名。", "拨尖", "拔尖"},
		{"认真倾听群众述求。", "述求", "诉求"},
		{"发放高温津帖。", "津帖", "津贴"},
		{"不要急燥，我们会尽快处理。", "急燥", "急躁"},
		{"景区座落在半山腰。", "座落", "坐落"},
		{"要凝炼攻关任务。", "凝炼", "凝练"},
	} {
		got := typoLexiconHits(c, tc.text)
		if len(got) != 1 || got[0] != tc.want+"→"+tc.suggestion {
			t.Errorf("%s: got %v, want %s→%s", tc.text, got, tc.want, tc.suggestion)
		}
	}
	for _, text := range []string{
		"通讯期间保持畅通。", "按排名先后录取。", "一座标志性建筑落成。", "新建一座落成仪式。",
		"投资询价结果公示。", "向服务毕业生就业倾斜。", "这项任务毕竟艰巨。", "经抽签定于周一面试。",
		"辛苦盖起新房。", "完成份额改革。", "超过份额部分。", "国防讯息。", "规范筹建工作。",
		"传授理论知识。", "取得行政许可征收土地。", "上述求职人员。", "今年令人振奋。", "新媒体帖子。",
		"学习贯彻会议精神。", "鼓励行业机构降费。", "传承若干年的技艺。", "取消售票窗口。", "联绵字研究。",
	} {
		if got := typoLexiconHits(c, text); len(got) > 0 {
			t.Errorf("%s: got %v, want none", text, got)
		}
	}
}

func typoLexiconHits(c *Checker, text string) []string {
	var got []string
	for _, f := range c.Check(text).Findings {
		if f.Rule == "typo.lexicon" {
			got = append(got, f.Text+"→"+f.Suggestion)
		}
	}
	return got
}

// TestTypoLexiconShape keeps the default typo lexicon consistent: every
// entry has a correction that differs from it, and every allow phrase
// contains an entry (a phrase that contains none protects nothing).
func TestTypoLexiconShape(t *testing.T) {
	data, err := assets.Lexicons.ReadFile("lexicons/typo.toml")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Entry []struct{ Word, Suggestion string }
		Allow []struct{ Word string }
	}
	if err := toml.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range f.Entry {
		if e.Suggestion == "" || e.Suggestion == e.Word {
			t.Errorf("entry %q: correction %q", e.Word, e.Suggestion)
		}
		if seen[e.Word] {
			t.Errorf("entry %q twice", e.Word)
		}
		seen[e.Word] = true
	}
	for _, a := range f.Allow {
		ok := false
		for _, e := range f.Entry {
			ok = ok || strings.Contains(a.Word, e.Word)
		}
		if !ok {
			t.Errorf("allow phrase %q contains no entry", a.Word)
		}
	}
}
