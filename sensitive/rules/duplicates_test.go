package rules

import "testing"

func TestDuplicates(t *testing.T) {
	cases := []tcase{
		{"我们⟦的的⟧工作", []string{"typo.duplicate/warn=的"}},
		{"我们⟦是是⟧朋友", []string{"typo.duplicate/warn=是"}},
		{"我⟦在在⟧北京", []string{"typo.duplicate/warn=在"}},
		{"你⟦和和⟧我", []string{"typo.duplicate/warn=和"}},
		{"好⟦的的的⟧", []string{"typo.duplicate/warn=的"}},
		{"但是⟦是⟧", nil},
		{"⟦进行进行⟧调研", []string{"typo.duplicate/warn=进行"}},
		{"⟦我们我们⟧要", []string{"typo.duplicate/warn=我们"}},
		{"做好⟦工作工作⟧。", []string{"typo.duplicate/warn=工作"}},
		{"⟦新媒体新媒体⟧", []string{"typo.duplicate/warn=新媒体"}},
		{"⟦政务公开政务公开⟧", []string{"typo.duplicate/warn=政务公开"}},
		{"这是他⟦了了⟧。", []string{"typo.duplicate/warn=了"}},
		{"我们⟦都都⟧来", []string{"typo.duplicate/warn=都"}},
		{"⟦为为⟧人民", []string{"typo.duplicate/warn=为"}},
		{"好好⟦的的⟧", []string{"typo.duplicate/warn=的"}},
		{"各单位要⟦认真认真⟧梳理权责清单", []string{"typo.duplicate/warn=认真"}},
		{"⟦请请⟧广大驾乘人员错峰出行", []string{"typo.duplicate/warn=请"}},
		{"要⟦切实切实⟧加强管理", []string{"typo.duplicate/warn=切实"}},
		{"⟦进一步进一步⟧优化营商环境", []string{"typo.duplicate/warn=进一步"}},
		{"各街道要认真组织，对辖区内自建房全面⟦开展\n开展⟧排查整治", []string{"typo.duplicate/warn=开展"}},
		{"我们要不断提升服务群众水平、各项工作⟦的\r\n的⟧质量", []string{"typo.duplicate/warn=的"}},
		{"各乡镇要按照部署，对辖区内的经营性自建房⟦进行全面\n进行全面⟧排查", []string{"typo.duplicate/warn=进行全面"}},
	}
	cases[5] = tcase{"但⟦是是⟧", []string{"typo.duplicate/warn"}}
	runCases(t, Duplicates, cases)
	runCases(t, Duplicates, none(
		"看看", "常常", "仔仔细细", "明明白白", "研究研究", "天天", "人人", "家家户户", "年年", "谢谢",
		"渐渐", "刚刚", "星星", "妈妈", "哥哥", "往往", "纷纷", "默默", "多多", "一一", "个个", "种种",
		"层层", "步步", "处处", "事事", "时时", "久久", "高高", "慢慢", "好好", "轻轻", "大大", "小小",
		"重重", "深深", "稍稍", "偏偏", "统统", "白白", "悄悄", "匆匆", "滚滚", "熊熊", "赫赫", "谆谆",
		"井井有条", "蒸蒸日上", "欣欣向荣", "头头是道", "三三两两", "一一对应", "不了了之", "他的的确来了",
		"的的确确", "实实在在", "他现在在北京", "对情况进行了了解", "实事求是是根本", "这是是非问题",
		"对对方负责", "研究所所长", "一对对情侣", "彼此彼此", "对不起对不起", "一步一步", "哈哈哈哈",
		"讨论讨论", "考虑考虑", "学习学习", "休息休息", "打扫打扫", "活动活动", "商量商量", "介绍介绍",
		"实现目的的手段", "发展和和平", "旨在在全市推广", "正在在建项目", "过过日子", "从从容容",
		"对对子", "小时了了", "是是非非", "地地道道", "和和气气", "一个个", "首都都市圈", "成就就是",
		"参与与否", "可以以此", "把把关", "作为为",
		// Corpus sentences of the same shapes: a word ending in the character, then the character.
		"土地使用权人可以以转让方式流转", "匈牙利反对对俄制裁", "加强党对对台工作的全面领导", "由于于某患有基础疾病",
		"参加进军西藏和西藏和平解放工作", "努力努力", "申请请示", "邀请请柬", "敬请请示", "面对对手",
		// Across a break: a heading repeated by its paragraph, a closed sentence, a short line.
		"一、工作目标\n工作目标是全面提升", "全市上下要认真组织开展专项整治行动。\n开展情况要及时报送", "开展\n开展",
		"各地要统筹推进城乡融合和区域协调发展\n展望未来", "人士：美国为维持霸权打压俄罗斯\n俄罗斯驻英国大使3日表示",
		"他是新中国中国法制史学科的主要创建者",
	))
}

func BenchmarkDuplicates100k(b *testing.B) {
	text := benchText(b, 100_000)
	b.SetBytes(int64(len(string(text))))
	for b.Loop() {
		duplicates(nil, text)
	}
}

// FuzzDuplicates checks that every finding is a valid span of the text
// whatever the input, line breaks included.
func FuzzDuplicates(f *testing.F) {
	for _, s := range []string{"的的", "请请", "认真认真", "进一步进一步", "各街道要认真组织，对辖区内自建房全面开展\n开展排查",
		"我们要不断提升服务群众水平、各项工作的\r\n的质量", "\n", "\r\n\r\n", "开展\n开展", "，，，，，，，，，，，，，，，，的\n的"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		for _, fd := range duplicates(nil, text) {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End || fd.Text != string(text[fd.Start:fd.End]) {
				t.Fatalf("bad span [%d,%d) %q in %q", fd.Start, fd.End, fd.Text, s)
			}
		}
	})
}
