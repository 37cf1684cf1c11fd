package rules

import (
	"strings"
	"sync"

	"shenfa/sensitive/finding"
)

// RuleAdClaim reports an absolute claim (广告法 第九条) made in promotional text.
const RuleAdClaim = "ad.claim"

var ruleAdClaim = rule{finding.Ad, finding.Warn, RuleAdClaim}

// An absolute word is an advertising-law offence only when it sells
// something: 全国唯一 and 最优惠 in a post that gives a price, an order
// line or a ticket are claims; 世界最先进 in a news sentence about science,
// 仅次于最高级的4级警报 or 全省唯一入选的县 are facts. A claim is reported
// when the promotional cues around it reach adPromoThreshold (see
// promotional).
const (
	adPromoThreshold = 2
	adLongThreshold  = 2 * adSellerCue // a long draft sells only where a seller speaks twice
	adSellerCue      = 2.5             // an order line, a price to pay, an invitation: a seller speaking
	adSaleCue        = 2               // a ticket, a booking, wholesale: selling
	adWeakCue        = 1               // a product, its taste, a scenic spot: describing what is sold
	adNearWeight     = 0.5             // cues in the paragraphs next to the claim count for less
	adNear           = 1               // in a long draft, how many paragraphs either side are near
	adShortDraft     = 1500
	adWindow         = 300 // in a long draft, how far from a claim a seller's cue may stand
)

// adKind says what an indexed word is to the advertising scan.
type adKind uint8

const (
	adClaimWord adKind = iota // an absolute word
	adNotWord                 // a word that holds one and is no claim
	adCueWord                 // a word that sells
	adScopeWord               // what a ranking is over: 全国, 全网, 业内
)

// adWord is one word of the advertising index.
type adWord struct {
	word   []rune
	kind   adKind
	weight float32 // of a cue
}

// adIndex finds claims, non-claims and cues in one pass.
type adIndex struct{ firstIndex[adWord] }

// longest returns the end (0 for none) and weight of the longest word of
// kind k at text[i:].
func (x *adIndex) longest(ws []adWord, text []rune, i int, k adKind) (int, float32) {
	end, weight := 0, float32(0)
	for _, w := range ws {
		if e := i + len(w.word); w.kind == k && e > end && matchAt(text, i, w.word) {
			end, weight = e, w.weight
		}
	}
	return end, weight
}

// adMatch is what the index finds at one position: the end of the longest
// word of each kind (0 for none), and the weight of that cue.
type adMatch struct {
	end    [adScopeWord + 1]int
	weight float32
}

// match looks for the words of every kind at text[i:] in one pass over ws.
func (x *adIndex) match(ws []adWord, text []rune, i int) (m adMatch) {
	for _, w := range ws {
		if w.kind > adScopeWord {
			continue // a pattern's first character
		}
		if e := i + len(w.word); e > m.end[w.kind] && matchAt(text, i, w.word) {
			m.end[w.kind] = e
			if w.kind == adCueWord {
				m.weight = w.weight
			}
		}
	}
	return m
}

var adWords = sync.OnceValue(func() *adIndex {
	x := &adIndex{}
	add := func(w string, k adKind, weight float32) {
		rs := []rune(w)
		x.add(rs[0], adWord{rs, k, weight})
	}
	for _, w := range adClaims {
		add(w, adClaimWord, 0)
	}
	for _, w := range adNotClaims {
		add(w, adNotWord, 0)
	}
	for weight, ws := range adPromoCues {
		for _, w := range strings.Fields(ws) {
			add(w, adCueWord, weight)
		}
	}
	for _, w := range adScopes {
		add(w, adScopeWord, 0)
	}
	// the patterns of adClaimAt and patternCue start with these
	for _, r := range "国1百NnTt0123456789￥¥#＃！!" {
		x.add(r, adWord{[]rune{r}, adKind(255), 0})
	}
	return x
})

// adSpan is a claim or a cue found in the text.
type adSpan struct {
	start, end int
	para       int
	weight     float32
	key        string // of a pattern cue; a word is its own key
}

// Ads reports absolute claims (全国唯一, 最优惠, 100%纯天然) made in promotional text.
func Ads(text []rune) []finding.Finding { return ads(nil, text) }

// ads reports absolute claims in promotional paragraphs.
func ads(dst []finding.Finding, text []rune) []finding.Finding {
	x := adWords()
	whole := len(text) <= adShortDraft
	var claims, cues []adSpan
	para, notEnd := 0, 0
	for i, r := range text {
		if isBreak(r) {
			if i+1 < len(text) && !isBreak(text[i+1]) {
				para++
			}
			continue
		}
		ws := x.get(r)
		if ws == nil {
			continue
		}
		m := x.match(ws, text, i)
		notEnd = max(notEnd, m.end[adNotWord])
		if e := m.end[adCueWord]; e > 0 {
			if whole || m.weight >= adSellerCue { // a long draft counts only a seller's cues
				cues = append(cues, adSpan{i, e, para, m.weight, ""})
			}
		} else if isPatternCueStart(r, whole) {
			if e, w, k := patternCue(text, i); e > 0 && (whole || w >= adSellerCue) {
				cues = append(cues, adSpan{i, e, para, w, k})
			}
		}
		if i < notEnd {
			continue
		}
		if e := adClaimAt(x, &m, text, i); e > i && !partOfName(x, text, i, e) {
			claims = append(claims, adSpan{i, e, para, 0, ""})
			notEnd = e // 纯天然 in 100%纯天然 is the same claim
		}
	}
	for _, c := range claims {
		if promotional(text, c, cues, whole) && !regulatory(text, c) && !honourTitle(text, c) && !statisticRank(x, text, c) && !awarded(text, c) {
			dst = append(dst, adFinding(text, c))
		}
	}
	return dst
}

// partOfName reports a claim that runs into a word that is no claim:
// 全市最低 in 全市最低气温.
func partOfName(x *adIndex, text []rune, s, e int) bool {
	for k := s + 1; k < e; k++ {
		if n, _ := x.longest(x.get(text[k]), text, k, adNotWord); n > e {
			return true
		}
	}
	return false
}

// promotional adds the selling cues around a claim. In a short draft every
// cue counts, those of other paragraphs for less; in a long one (a news
// bulletin covers trade, tourism and products every day) only the cues that
// speak as a seller (a price, an order line, an invitation) in the
// paragraph of the claim or next to it, and at least two of them.
func promotional(text []rune, c adSpan, cues []adSpan, whole bool) bool {
	best := map[string]float32{} // 推荐 ten times in a notice is one cue, counted where it weighs most
	for _, q := range cues {
		if q.start < c.end && c.start < q.end {
			continue // 优惠 in 最优惠 does not sell itself
		}
		d := q.para - c.para
		if !whole && (q.weight < adSellerCue || d < -adNear || d > adNear || abs(q.start-c.start) > adWindow) {
			continue
		}
		w := q.weight
		if d != 0 {
			w *= adNearWeight
		}
		k := q.key
		if k == "" {
			k = string(text[q.start:q.end])
		}
		if w > best[k] {
			best[k] = w
		}
	}
	var score float32
	for _, w := range best {
		score += w
	}
	if !whole {
		return score >= adLongThreshold
	}
	return score >= adPromoThreshold
}

// honourTitle reports 最美 in the name of an honour given to people:
// 最美科技工作者, 最美侨界人物, 最美家庭.
func honourTitle(text []rune, c adSpan) bool {
	if string(text[c.start:c.end]) != "最美" {
		return false
	}
	e := c.end
	for e < len(text) && e < c.end+8 && isHan(text[e]) {
		e++
	}
	return containsAny(string(text[c.end:e]), []string{"者", "人物", "家庭", "员", "师", "医生", "干部", "村官", "书记",
		"职工", "少年", "妈妈", "家乡人", "庭院"})
}

// awarded reports a claim that is the name of an honour someone conferred
// (两次获得中国最美县域荣誉称号, 被评为全国最佳旅游乡村) or one of a list
// (中国30座最美茶园之一): no claim to be the only best. A prize alone
// (荣获全国销量冠军) does not make a seller's claim a title.
func awarded(text []rune, c adSpan) bool {
	s := c.start
	for s > 0 && c.start-s < 8 && !strings.ContainsRune(clauseEnds+"、", text[s-1]) {
		s--
	}
	if containsAny(string(text[s:c.start]), []string{"评为", "入选", "授予", "命名为", "认定为"}) {
		return true
	}
	e := c.end
	for e < len(text) && e-c.end < 16 && !strings.ContainsRune(clauseEnds, text[e]) {
		e++
	}
	return containsAny(string(text[c.end:e]), []string{"称号", "荣誉", "榜单", "名单", "评选", "奖", "之一"})
}

// regulatory reports a claim quoted by a regulator: 商家不得使用“最高级”等用语.
func regulatory(text []rune, c adSpan) bool {
	s, e := around(text, c.start, sentenceEnds)
	sentence := string(text[s:e])
	quoted := runeAt(text, c.start-1) == '“' && runeAt(text, c.end) == '”'
	return quoted && containsAny(sentence, []string{"不得", "禁止", "严禁", "违法", "虚假", "涉嫌", "绝对化用语"})
}

func adFinding(text []rune, c adSpan) finding.Finding {
	got := string(text[c.start:c.end])
	msg := "“" + got + "”是《广告法》第九条禁止的绝对化用语，用在商品、服务或景区的宣传推介中；政务新媒体不得发布商业广告，推介内容也应据实表述。"
	return ruleAdClaim.at(text, c.start, c.end, msg, "")
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
