package sensitive

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/fold"
	"shenfa/sensitive/match"
)

// Police reports, anti-fraud and anti-drug publicity and court news name the
// very words an illegal-content lexicon lists (刷单返利, 六合彩, 出售枪支).
// A sensitive hit whose sentence is worded as enforcement, warning or
// reporting is lowered to info, so that a 反诈提醒 needs no waiver; a
// sentence that also carries contact details or a price reads as an advert
// whatever else it says, and is never lowered; nor is a hit written with
// noise between its characters (网*络*赌*博), which no report needs.

// lawfulCues are words of enforcement, warning and reporting (folded forms).
var lawfulCues = []string{
	// enforcement and justice
	"打击", "严打", "整治", "专项行动", "专项治理", "破获", "抓获", "查获", "缴获", "查处", "查封",
	"捣毁", "打掉", "摧毁", "侦破", "侦办", "侦查", "立案", "拘留", "逮捕", "批捕", "判处", "判决",
	"定罪", "被判", "获刑", "有期徒刑", "起诉", "涉嫌", "犯罪", "违法", "非法", "不法", "违规", "伪造",
	"嫌疑人", "被告", "团伙", "取缔", "收缴", "没收", "处罚", "依法", "严禁", "禁止", "不得",
	// authorities
	"警方", "公安", "民警", "派出所", "警察", "检察", "法院", "禁毒", "禁赌", "反诈", "扫黄打非", "网信",
	// warnings
	"谨防", "警惕", "防范", "提醒", "切勿", "远离", "拒绝", "抵制", "识别", "辨别", "鉴别", "揭露",
	"识破", "当心", "轻信", "不要相信", "勿信", "所谓", "虚假", "危害", "陷阱", "骗局", "骗子", "诈骗",
	"被骗", "受骗", "上当", "受害", "诱导", "冒充", "话术", "谣言", "辟谣", "网传", "不实", "非医学需要",
	"不要将", "不要把", "切莫",
	// reports
	"举报", "报警", "通报", "曝光", "案件", "案例", "涉案", "该案", "此案", "本案", "发案", "破案",
	"普法", "宣讲", "以案说法", "您反映", "小广告", "张贴", "涂写",
}

// negations directly before a hit make it a prohibition (不出售银行卡, 切勿代开发票).
var negations = []string{"不得", "不", "勿", "严禁", "禁止", "拒绝", "杜绝"}

// adCues mark a solicitation: contact details, prices, delivery (folded
// forms). Words that reports use to tell how a crime worked (私信, 下单,
// 返佣) are not among them.
var adCues = []string{
	"加微信", "加我微信", "加v", "加威", "加薇", "微信号", "微信联系", "联系微信", "v信", "vx", "威信", "薇信",
	"扣扣", "企鹅号", "联系电话", "联系我", "需要的联系", "私聊", "详聊", "价格", "价钱", "报价", "包邮",
	"货到付款", "量大从优", "欢迎咨询", "欢迎选购", "有意者", "诚信经营", "保密发货", "现货", "订购",
}

// accountKeys followed by an account of at least five letters or digits give
// contact details (QQ：12345678, 微信 abc123); a QQ群 does not.
var accountKeys = []string{"qq", "微信"}

// hotlineWords before a number make it a place to report, not to buy (举报电话：12345678).
var hotlineWords = []string{"举报", "报警"}

// sentenceReach bounds the look-around in text without punctuation.
const sentenceReach = 150

// cueSet finds the words of a cue list in one pass.
type cueSet struct {
	m     *match.Matcher
	words []string
}

func newCueSet(words []string) (*cueSet, error) {
	m, err := match.New(words)
	if err != nil {
		return nil, fmt.Errorf("compile context cues: %w", err)
	}
	return &cueSet{m: m, words: words}, nil
}

// first returns the first cue found in s, or "".
func (c *cueSet) first(s string) string {
	found := ""
	c.m.Scan(s, func(m match.Match) {
		if found == "" {
			found = c.words[m.Pattern]
		}
	})
	return found
}

// contextCues are compiled once, on the first check.
var contextCues = sync.OnceValues(func() ([2]*cueSet, error) {
	lawful, err := newCueSet(lawfulCues)
	if err != nil {
		return [2]*cueSet{}, err
	}
	ad, err := newCueSet(adCues)
	return [2]*cueSet{lawful, ad}, err
})

// verdict is what a sentence says about the hits in it.
type verdict struct {
	start, end int
	ad         bool   // contact details, a price or delivery: an advert
	cue        string // the first word of enforcement, warning or reporting
}

// lowerLawful lowers the sensitive lexicon and offer findings of fs (in
// text order) that sit in a lawful sentence, and the secret ones a
// prohibition governs (lowerSecretMentions), saying why in the message; the
// others are unchanged.
func lowerLawful(runes []rune, fs []finding.Finding) []finding.Finding {
	fs = lowerSecretMentions(runes, fs)
	cues, err := contextCues()
	if err != nil {
		return fs // without the cue lists nothing is lowered: the safe side
	}
	v := verdict{start: -1}
	for i := range fs {
		f := &fs[i]
		if f.Category != finding.Sensitive || f.Rule != "sensitive.lexicon" && f.Rule != RuleOffer || f.Severity == finding.Info || evaded(runes[f.Start:f.End]) {
			continue
		}
		if s, e := sentenceBounds(runes, f.Start, f.End); s != v.start || e != v.end {
			v = judge(runes, s, e, fs, cues)
		}
		if v.ad {
			continue
		}
		if neg := negated(runes, v.start, f.Start); neg != "" {
			f.Severity = finding.Info
			f.Message += fmt.Sprintf("（已降为提示：前面是否定或禁止用语“%s”，属于防范宣传；如是违法广告原文，请按违法信息处理。）", neg)
		} else if v.cue != "" {
			f.Severity = finding.Info
			f.Message += fmt.Sprintf("（已降为提示：所在句子有“%s”等打击、警示或通报用语，且没有联系方式、价格等招揽信息，判断为依法报道或防范宣传；如是转发的违法广告原文，请按违法信息处理。）", v.cue)
		}
	}
	return fs
}

// evaded reports a hit written with noise or invisible characters between its letters.
func evaded(hit []rune) bool {
	for _, r := range hit {
		if _, cls := fold.Rune(r); cls != fold.Letter {
			return true
		}
	}
	return false
}

// sentenceBounds returns the sentence around [start, end), at most
// sentenceReach characters either side.
func sentenceBounds(runes []rune, start, end int) (int, int) {
	s := start
	for s > 0 && start-s < sentenceReach && !sentenceEnd(runes[s-1]) {
		s--
	}
	e := end
	for e < len(runes) && e-end < sentenceReach && !sentenceEnd(runes[e]) {
		e++
	}
	return s, e
}

func sentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '!', '?', '；', ';', '\n', '\r':
		return true
	}
	return false
}

// judge reads the sentence [s, e) without the sensitive hits in it, so that
// neither a cue nor a contact detail is taken from a hit itself.
func judge(runes []rune, s, e int, fs []finding.Finding, cues [2]*cueSet) verdict {
	v := verdict{start: s, end: e}
	at := s
	piece := func(to int) {
		if to <= at {
			return
		}
		text := string(runes[at:to])
		if v.cue == "" {
			v.cue = cues[0].first(text)
		}
		v.ad = v.ad || advertises(text, cues[1])
	}
	i, _ := slices.BinarySearchFunc(fs, s, func(f finding.Finding, t int) int { return f.End - 1 - t })
	for ; i < len(fs) && fs[i].Start < e; i++ {
		if fs[i].Category == finding.Sensitive && fs[i].End > at {
			piece(fs[i].Start)
			at = max(at, fs[i].End)
		}
	}
	piece(e)
	return v
}

// folded maps text to its matching form (traditional, full-width and case
// folded), without invisible characters.
func folded(rs []rune) string {
	var b strings.Builder
	for _, r := range rs {
		if f, cls := fold.Rune(r); cls != fold.Invisible {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// negated returns the prohibition right before a hit (quotes skipped) that
// lies inside its sentence, or "".
func negated(runes []rune, sentence, start int) string {
	i := start
	for i > sentence && strings.ContainsRune("“”‘’\"'《「『 ", runes[i-1]) {
		i--
	}
	before := folded(runes[max(sentence, i-2):i])
	for _, n := range negations {
		if strings.HasSuffix(before, n) {
			return n
		}
	}
	return ""
}

// advertises reports contact details, a price or delivery terms in text.
func advertises(text string, ad *cueSet) bool {
	if ad.first(text) != "" {
		return true
	}
	// accounts and numbers are written in Latin letters and digits, half or full width
	if !strings.ContainsFunc(text, func(r rune) bool { return r < 0x80 && isASCIIAlnum(byte(r)) || r >= 0xFF10 && r <= 0xFF5A }) {
		return false
	}
	return solicits(folded([]rune(text)))
}

// solicits reports an account or a phone number in s (folded).
func solicits(s string) bool {
	for _, k := range accountKeys {
		for rest := s; ; {
			i := strings.Index(rest, k)
			if i < 0 {
				break
			}
			rest = rest[i+len(k):]
			id := strings.TrimLeft(rest, ":：号 ")
			n := 0
			for n < len(id) && isASCIIAlnum(id[n]) {
				n++
			}
			if n >= 5 {
				return true
			}
		}
	}
	return phoneNumber(s)
}

// phoneNumber reports a run of seven or more digits that is not an amount
// (3000000元) and not a hotline to report to.
func phoneNumber(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '-' && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9') {
			j++
		}
		digits := j - i - strings.Count(s[i:j], "-")
		if digits >= 7 && !unitAfter(s[j:]) && !hotlineBefore(s[:i]) {
			return true
		}
		i = j
	}
	return false
}

// units after a number make it a quantity, not a phone number.
const units = "元万亿余多人件个年月日次克吨斤台张份起名条笔户支粒袋包"

func unitAfter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(units, r)
}

// hotlineBefore reports a reporting hotline named within a few characters before a number.
func hotlineBefore(s string) bool {
	rs := []rune(s)
	near := string(rs[max(0, len(rs)-10):])
	for _, h := range hotlineWords {
		if strings.Contains(near, h) {
			return true
		}
	}
	return false
}

func isASCIIAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}
