package rules

import (
	"testing"

	"shenfa/sensitive/finding"
)

func checkCrossStrait(text []rune) []finding.Finding { return crossStrait(nil, text) }

func TestCrossStraitWrong(t *testing.T) {
	const id = "political.taiwan/block"
	cases := []tcase{
		// a region listed among countries
		{"出口到美国、日本、⟦台湾等国家⟧。", []string{id + "=台湾等国家和地区"}},
		{"来自⟦台湾、日本、韩国等国家⟧的客商", []string{id + "=台湾、日本、韩国等国家和地区"}},
		{"⟦台湾地区和新加坡等国⟧的学者", []string{id + "=台湾地区和新加坡等国家和地区"}},
		{"日本和⟦台湾两国⟧的关系", []string{id + "=台湾双方"}},
		{"⟦台湾与美国两国⟧之间", []string{id + "=台湾与美国双方"}},
		{"⟦香港、新加坡等10个国家⟧", []string{id + "=香港、新加坡等10个国家和地区"}},
		{"英国、法国、⟦香港三国⟧", []string{id + "=香港三方"}},
		{"⟦臺灣、日本等國家⟧", []string{id + "=臺灣、日本等國家和地区"}},
		// China set beside one of its regions
		{"⟦中国和台湾⟧的经济往来", []string{id + "=大陆和台湾"}},
		{"⟦中国与台湾两国⟧关系", []string{id + "=大陆与台湾"}},
		{"⟦中国和香港⟧两地合作", []string{id + "=内地和香港"}},
		{"⟦台湾与中国⟧的统一", []string{id + "=台湾与大陆"}},
		{"⟦香港和中国⟧签署协议", []string{id + "=香港和内地"}},
		// 中港, 中台, 中澳 for the mainland and the region
		{"推动⟦中港⟧合作", []string{id + "=内地与香港"}},
		{"⟦中台⟧关系缓和", []string{id + "=两岸"}},
		{"⟦中臺⟧交流", []string{id + "=两岸"}},
		{"⟦中澳⟧边境口岸", []string{id + "=内地与澳门"}},
		{"，⟦中港⟧居民往来", []string{id + "=内地与香港"}},
		// 来华 said of the regions
		{"⟦港澳台游客来华⟧旅游", []string{id + "=港澳台游客来内地（大陆）"}},
		{"⟦台湾同胞来华⟧", []string{id + "=台湾同胞来大陆"}},
		{"⟦香港青年访华⟧团", []string{id + "=香港青年访内地"}},
		{"⟦澳门同胞到中国⟧旅游", []string{id + "=澳门同胞到内地"}},
		// 内地 stands against Hong Kong and Macao, 大陆 against Taiwan
		{"⟦香港与大陆⟧的交流", []string{id + "=香港与内地"}},
		{"⟦大陆和澳门⟧两地", []string{id + "=内地和澳门"}},
		{"⟦台湾与内地⟧企业", []string{id + "=台湾与大陆"}},
		{"推动⟦内港⟧合作", []string{id + "=内地与香港"}},
		// the calendar of the “中华民国” after 1949
		{"⟦民国113年⟧5月", []string{id + "=2024年"}},
		{"⟦民国一百一十三年⟧", []string{id + "=2024年"}},
		{"⟦民国一一三年⟧", []string{id + "=2024年"}},
		{"⟦民国五十年⟧", []string{id + "=1961年"}},
	}
	runCases(t, checkCrossStrait, cases)
}

func TestCrossStraitRight(t *testing.T) {
	runCases(t, checkCrossStrait, none(
		// the approved wordings
		"出口到美国、日本、台湾等国家和地区。", "来自美国、日本和中国台湾等国家（地区）的客商",
		"台湾、日本等国家地区", "香港、新加坡等经济体", "大陆和台湾的经济往来", "祖国大陆与台湾",
		"内地与香港合作", "两岸关系缓和", "内地和澳门边境口岸", "港澳台游客来内地（大陆）旅游",
		"台湾与中国大陆", "香港和中国内地", "台湾及中国其他地区", "台湾同胞和中国人民",
		"台湾是中国领土不可分割的一部分", "中国台湾", "中国香港特别行政区",
		// regions beside countries without listing them as countries
		"台湾问题是中美两国关系中最重要、最敏感的问题", "台湾同胞赴美国等国家旅游",
		"美国等国家和台湾地区", "台湾和香港两地", "香港和澳门两个特别行政区", "台湾、日本、韩国等地",
		"台湾与美国的所谓关系", "台湾及其附属岛屿", "台湾和日本等国际组织成员", "福建、台湾等国家级非遗项目",
		"香港、新加坡等国际金融中心", "出口至日本、韩国、台湾、香港等国家和地区",
		// 中 + 港/台/澳 that are other words
		"中澳关系", "中澳两国", "中澳自由贸易协定", "其中港口吞吐量", "其中港澳台同胞", "其中台湾同胞",
		"五台山中台", "中台禅寺", "数据中台之间的互通", "业务中台建设", "集中港台资源", "心中台风",
		"中港城码头", "中国和澳大利亚",
		// 来华 of foreigners
		"外国游客来华", "经香港转机", "外国人来中国",
		// the right counterparts, and 大陆 that is no mainland
		"香港与内地的交流", "台湾与大陆", "港澳台与内地（大陆）", "香港与大陆架", "台湾海峡和大陆架",
		"澳门内港码头", "国内港口", "境内港澳居民",
		// history and words that hold 民国
		"民国38年", "民国十年", "民国时期", "民国初年", "民国元年", "人民国防", "民国三十八年",
	))
}

func BenchmarkCrossStrait(b *testing.B) {
	text := benchText(b, 100_000)
	b.SetBytes(int64(len(string(text))))
	for b.Loop() {
		crossStrait(nil, text)
	}
}

// FuzzCrossStrait checks that every finding is a valid span of the text
// whatever the input, starting from the shapes the rule looks for.
func FuzzCrossStrait(f *testing.F) {
	for _, s := range []string{"美国、日本、台湾等国家", "中国和台湾两国", "中港合作", "港澳台游客来华",
		"香港与大陆", "民国一百一十三年", "民国一一", "台湾、", "台湾等", "中国、", "内港", "臺灣與中國"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		for _, fd := range crossStrait(nil, text) {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End || fd.Text != string(text[fd.Start:fd.End]) {
				t.Fatalf("bad span [%d,%d) %q in %q", fd.Start, fd.End, fd.Text, s)
			}
		}
	})
}
