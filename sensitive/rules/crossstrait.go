package rules

import (
	"strings"

	"shenfa/sensitive/finding"
)

// RuleTaiwan reports 涉港澳台 usage that a word list cannot express: Taiwan,
// Hong Kong or Macao listed among countries (美国、日本、台湾等国家; 日本和台湾
// 两国) or set beside China (中国和台湾), the pairs 中港, 中台 and 中澳 for the
// mainland and the region, and 港澳台游客来华. 新华社《新闻信息报道中的禁用词和
// 慎用词》 forbids them all: Taiwan is a province of China, Hong Kong and Macao
// are its special administrative regions.
const RuleTaiwan = "political.taiwan"

var ruleTaiwan = rule{finding.Political, finding.Block, RuleTaiwan}

// region is a name of Taiwan, Hong Kong or Macao, and the word that stands
// against it: 大陆 for Taiwan, 内地 for Hong Kong and Macao.
type region struct{ name, mainland string }

// regions are tried in order, so a longer name comes before its prefix.
var regions = []region{
	{"港澳台", "内地（大陆）"}, {"台港澳", "内地（大陆）"}, {"港澳", "内地"},
	{"台湾", "大陆"}, {"香港", "内地"}, {"澳门", "内地"},
}

// regionSuffixes may follow a region's name inside one list item.
var regionSuffixes = []string{"特别行政区", "地区", "特区", "省"}

// listSeps join the items of a list; 以及 comes before 及.
var listSeps = []string{"、", "以及", "和", "与", "及", "或"}

// maxListItems and maxItem bound how far a list is followed after a region:
// a list of places is short, and the bounds keep the scan linear.
const (
	maxListItems = 6
	maxItem      = 8
)

// regionAfterCountry makes a list of countries a list of countries and
// regions (台湾、日本等国家和地区), which is the approved wording.
var regionAfterCountry = []string{"和地区", "及地区", "与地区", "或地区", "、地区", "地区", "（地区）", "(地区)",
	"/地区", "和经济体", "及经济体", "和区域"}

// notCountry are characters after 国 that make another word (国际, 国内,
// 三国演义): the 国 then does not name countries.
const notCountry = "际内外企有资产货民营务土旗歌徽情策防学画语乐宝库税道度界门风力体格标籍债军庆演志时杀论"

// pairNouns may follow 中港 and 中台 when they stand for the mainland and
// the region (中港两地, 中台关系); other followers (中台山, 数据中台建设,
// 其中港口) are other words.
var pairNouns = []string{"关系", "两地", "两岸", "双方", "之间", "交流", "合作", "贸易", "经贸", "往来",
	"矛盾", "融合", "对立", "冲突", "边境", "边界", "通关", "居民", "同胞", "民众", "人民", "青年",
	"直航", "通航", "三通", "统一", "对峙", "差异", "互动", "联系", "投资", "婚姻", "分治", "对抗"}

// macaoNouns are the only followers of 中澳 that cannot mean China and
// Australia (中澳关系, 中澳两地高校 are China–Australia).
var macaoNouns = []string{"边境", "边界", "通关", "同胞"}

// pair is an abbreviation that joins the mainland and a region, the words
// that may follow it when it is meant so, and the characters before it
// that make another word instead (其中港口, 数据中台, 国内港口).
type pair struct {
	abbr     string
	nouns    []string
	notAfter string
	sugg     string
	what     string
}

const (
	beforeZhong  = "其当之集华高初从据务术力能台端营"
	beforeInland = "国境区市省域年室以之城县镇村校院厂场馆园港澳台湾岛"
)

var regionPairs = []pair{
	{"中港", pairNouns, beforeZhong, "内地与香港", "把香港与中国并列；应称“内地与香港”，或“京港”“沪港”“粤港”等"},
	{"中台", pairNouns, beforeZhong, "两岸", "把台湾与中国并列；应称“两岸”“大陆与台湾”，或“闽台”等"},
	{"中澳", macaoNouns, beforeZhong, "内地与澳门", "把澳门与中国并列；应称“内地与澳门”，或“珠澳”等"},
	{"内港", pairNouns, beforeInland, "内地与香港", "是内地与香港的不规范简称；应称“内地与香港”，或“京港”“沪港”等"},
	{"内澳", pairNouns, beforeInland, "内地与澳门", "是内地与澳门的不规范简称；应称“内地与澳门”，或“京澳”“沪澳”等"},
}

// visitors may stand between a region and 来华 (港澳台游客来华).
var visitors = []string{"同胞", "游客", "旅客", "居民", "青年", "学生", "客商", "商人", "民众", "人士",
	"企业", "记者", "艺人"}

func crossStrait(dst []finding.Finding, text []rune) []finding.Finding {
	for i := 0; i < len(text); i++ {
		var f finding.Finding
		var ok bool
		switch norm(text[i]) {
		case '中':
			f, ok = besideChina(text, i)
			if !ok {
				f, ok = pairAbbrev(text, i)
			}
		case '内':
			f, ok = pairAbbrev(text, i)
		case '民':
			f, ok = republicYear(text, i)
		case '台', '港', '香', '澳':
			f, ok = regionUsage(text, i)
		}
		if ok {
			dst = append(dst, f)
			i = f.End - 1
		}
	}
	return dst
}

// regionAt returns the end of a region's name at i (with a suffix such as
// 地区), and the region; end is i when there is none.
func regionAt(text []rune, i int) (int, region) {
	for _, rg := range regions {
		if n := wordAt(text, i, rg.name); n > 0 {
			end := i + n
			for _, s := range regionSuffixes {
				if k := wordAt(text, end, s); k > 0 {
					end += k
					break
				}
			}
			return end, rg
		}
	}
	return i, region{}
}

// besideChina reports 中国和台湾, 中国与香港: China joined to one of its own
// regions as if to another country, with any list of countries that follows.
func besideChina(text []rune, i int) (finding.Finding, bool) {
	if wordAt(text, i, "中国") == 0 {
		return finding.Finding{}, false
	}
	sep := connective(text, i+2)
	if sep == 0 {
		return finding.Finding{}, false
	}
	rs := i + 2 + sep
	end, rg := regionAt(text, rs)
	if end == rs {
		return finding.Finding{}, false
	}
	sugg := rg.mainland + string(text[i+2:end])
	if ws, we, repl, ok := asCountry(text, end); ok {
		sugg += string(text[end:ws]) + dropCount(repl)
		end = we
	}
	msg := "“" + string(text[i:end]) + "”把" + rg.name + "与中国并列，" + rg.name + belongs(rg) +
		"；与" + rg.name + "相对应称“" + rg.mainland + "”。"
	return ruleTaiwan.at(text, i, end, msg, sugg), true
}

// regionUsage reports a region listed among countries, followed by 来华, or
// followed by 和中国 as if China were another country.
func regionUsage(text []rune, i int) (finding.Finding, bool) {
	end, rg := regionAt(text, i)
	if end == i {
		return finding.Finding{}, false
	}
	if ws, we, repl, ok := asCountry(text, end); ok {
		msg := "“" + string(text[i:we]) + "”把" + rg.name + "列为国家，" + rg.name + belongs(rg) +
			"，不能与国家并列；列举时应称“国家和地区”。"
		return ruleTaiwan.at(text, i, we, msg, string(text[i:ws])+repl), true
	}
	if f, ok := cameToChina(text, i, end, rg); ok {
		return f, true
	}
	if f, ok := wrongCounterpart(text, i, end, rg); ok {
		return f, true
	}
	return chinaAfter(text, i, end, rg)
}

// wrongCounterpart reports 香港与大陆 and 台湾和内地: Hong Kong and Macao
// stand against 内地, Taiwan against 大陆, and the two are not mixed.
func wrongCounterpart(text []rune, i, end int, rg region) (finding.Finding, bool) {
	var wrong string
	switch rg.mainland {
	case "内地":
		wrong = "大陆"
	case "大陆":
		wrong = "内地"
	default:
		return finding.Finding{}, false // 港澳台 stands against both
	}
	start, stop := i, end
	if sep := connective(text, end); sep > 0 && wordAt(text, end+sep, wrong) > 0 && !otherLand(text, end+sep+2) {
		stop = end + sep + 2
	} else if sep := connectiveBefore(text, i); sep > 0 && wordAt(text, i-sep-2, wrong) > 0 {
		start = i - sep - 2
	} else {
		return finding.Finding{}, false
	}
	got := string(text[start:stop])
	msg := "“" + got + "”用词不当：“香港、澳门”与“内地”为对应概念，“台湾”与“大陆”为对应概念，不要弄混；与" +
		rg.name + "相对应称“" + rg.mainland + "”。"
	return ruleTaiwan.at(text, start, stop, msg, strings.Replace(got, wrong, rg.mainland, 1)), true
}

// otherLand reports the words after 大陆 or 内地 that make them mean
// something else: 大陆架, 大陆法系, 内地河.
func otherLand(text []rune, p int) bool {
	return strings.ContainsRune("架桥法性漂型冰坡岛河湖", norm(runeAt(text, p)))
}

// connective returns the length of 和, 与, 及 or 、 at p, or 0.
func connective(text []rune, p int) int {
	if strings.ContainsRune("和与及、同", norm(runeAt(text, p))) {
		return 1
	}
	return 0
}

// connectiveBefore returns 1 when the rune before p is a connective.
func connectiveBefore(text []rune, p int) int { return connective(text, p-1) }

// chinaAfter reports 台湾和中国, 香港与中国: the region before China, joined
// as if China were another country; 台湾与中国大陆, 香港和中国内地 are right.
func chinaAfter(text []rune, i, end int, rg region) (finding.Finding, bool) {
	sep := connective(text, end)
	c := end + sep
	if sep == 0 || wordAt(text, c, "中国") == 0 {
		return finding.Finding{}, false
	}
	for _, w := range []string{"大陆", "内地", "其他", "其它", "其余", "各", "共产党", "人民", "国民党", "人", "式", "特色", "传统", "文化", "历史", "古代", "近代", "现代"} {
		if wordAt(text, c+2, w) > 0 {
			return finding.Finding{}, false
		}
	}
	msg := "“" + string(text[i:c+2]) + "”把" + rg.name + "与中国并列，" + rg.name + belongs(rg) +
		"；与" + rg.name + "相对应称“" + rg.mainland + "”。"
	return ruleTaiwan.at(text, i, c+2, msg, string(text[i:c])+rg.mainland), true
}

// cameToChina reports 港澳台游客来华: a region's people do not come to China
// from abroad; they come to the mainland.
func cameToChina(text []rune, i, end int, rg region) (finding.Finding, bool) {
	p := end
	for _, w := range visitors {
		if n := wordAt(text, p, w); n > 0 {
			p += n
			break
		}
	}
	for _, verb := range []string{"来华", "访华", "赴华", "来中国", "到中国", "赴中国"} {
		n := wordAt(text, p, verb)
		if n == 0 {
			continue
		}
		moved := string([]rune(verb)[0]) + rg.mainland
		msg := "“" + string(text[i:p+n]) + "”把" + rg.name + "当作中国以外的地方，" + rg.name + belongs(rg) +
			"；应称“" + moved + "”。"
		return ruleTaiwan.at(text, i, p+n, msg, string(text[i:p])+moved), true
	}
	return finding.Finding{}, false
}

// pairAbbrev reports 中港, 中台, 中澳, 内港 and 内澳 standing for the
// mainland and the region (中港两地, 中台关系, 中澳边境, 内港合作).
func pairAbbrev(text []rune, i int) (finding.Finding, bool) {
	for _, pr := range regionPairs {
		if wordAt(text, i, pr.abbr) == 0 {
			continue
		}
		if i > 0 && (strings.ContainsRune(pr.notAfter, norm(text[i-1])) || isAlnum(text[i-1])) {
			return finding.Finding{}, false
		}
		for _, w := range pr.nouns {
			if wordAt(text, i+2, w) > 0 {
				msg := "“" + string(text[i:i+2]) + w + "”中的“" + string(text[i:i+2]) + "”" + pr.what + "。"
				return ruleTaiwan.at(text, i, i+2, msg, pr.sugg), true
			}
		}
		return finding.Finding{}, false
	}
	return finding.Finding{}, false
}

// belongs says what a region is, for the messages.
func belongs(rg region) string {
	if rg.mainland == "大陆" {
		return "是中国的一个省"
	}
	if rg.name == "香港" || rg.name == "澳门" {
		return "是中国的特别行政区"
	}
	return "都是中国领土的一部分"
}

// asCountry follows a list that continues at p, after a region, and reports
// where it closes with a word for countries (等国家, 两国) not followed by
// 和地区: [ws, we) is that word and repl its approved form.
func asCountry(text []rune, p int) (ws, we int, repl string, ok bool) {
	for range maxListItems {
		if n, r := countryWord(text, p); n > 0 {
			return p, p + n, r, true
		}
		s := listSep(text, p)
		if s == 0 {
			return 0, 0, "", false
		}
		p += s
		for n := 0; n < maxItem && p < len(text) && isHan(text[p]) && listSep(text, p) == 0; n++ {
			if k, _ := countryWord(text, p); k > 0 {
				break
			}
			p++
		}
	}
	return 0, 0, "", false
}

// countryWord recognises at p a word that closes a list of countries:
// 等国家, 等国, 等10个国家, 两国, 三国, 5国. It returns the word's length and
// its approved form, or 0 when the list also names regions (等国家和地区) or
// the 国 begins another word (等国际组织, 等国家级).
func countryWord(text []rune, p int) (int, string) {
	if norm(runeAt(text, p)) == '等' {
		q := p + 1
		for q-p <= 3 && (isDigit(runeAt(text, q)) || strings.ContainsRune("一二三四五六七八九十几数多", runeAt(text, q))) {
			q++
		}
		if runeAt(text, q) == '个' && q > p+1 {
			q++
		}
		switch {
		case wordAt(text, q, "国家") > 0:
			if regionFollows(text, q+2) || strings.ContainsRune("级队", runeAt(text, q+2)) {
				return 0, ""
			}
			return q + 2 - p, string(text[p:q+2]) + "和地区"
		case norm(runeAt(text, q)) == '国' && !strings.ContainsRune(notCountry, norm(runeAt(text, q+1))):
			if regionFollows(text, q+1) {
				return 0, ""
			}
			return q + 1 - p, string(text[p:q]) + "国家和地区"
		}
		return 0, ""
	}
	q := p
	for q-p < 3 && (isDigit(runeAt(text, q)) || strings.ContainsRune("两三四五六七八九十几", norm(runeAt(text, q)))) {
		q++
	}
	if q == p || norm(runeAt(text, q)) != '国' || strings.ContainsRune(notCountry, norm(runeAt(text, q+1))) {
		return 0, ""
	}
	count := string(text[p:q])
	if count == "两" || count == "兩" {
		count = "双"
	}
	return q + 1 - p, count + "方"
}

// dropCount returns the approved form of a closing word after 中国和台湾,
// where a count (两国 → 双方) says nothing the pair does not: it is dropped.
func dropCount(repl string) string {
	if strings.HasSuffix(repl, "方") {
		return ""
	}
	return repl
}

// regionFollows reports 和地区 and its variants at p.
func regionFollows(text []rune, p int) bool {
	for _, w := range regionAfterCountry {
		if wordAt(text, p, w) > 0 {
			return true
		}
	}
	return false
}

// listSep returns the length of a list separator at p, or 0.
func listSep(text []rune, p int) int {
	for _, w := range listSeps {
		if n := wordAt(text, p, w); n > 0 {
			return n
		}
	}
	return 0
}

// wordAt returns the length in runes of w if text holds it at p (traditional
// forms of its characters count), else 0.
func wordAt(text []rune, p int, w string) int {
	if p < 0 {
		return 0
	}
	n := 0
	for _, r := range w {
		if p+n >= len(text) || norm(text[p+n]) != r {
			return 0
		}
		n++
	}
	return n
}

// norm maps the traditional forms of the characters these rules compare to
// their simplified forms, so that 臺灣、日本等國家 is read like 台湾、日本等国家.
func norm(r rune) rune {
	switch r {
	case '臺':
		return '台'
	case '灣':
		return '湾'
	case '門':
		return '门'
	case '國':
		return '国'
	case '與':
		return '与'
	case '兩':
		return '两'
	case '區':
		return '区'
	case '來':
		return '来'
	case '華':
		return '华'
	case '訪':
		return '访'
	case '個':
		return '个'
	case '關':
		return '关'
	case '係':
		return '系'
	case '陸':
		return '陆'
	case '內':
		return '内'
	}
	return r
}
