// Package spell finds typos that no list names: one character of a word or
// idiom replaced by a homophone or a similar-shaped character (未雨稠缪,
// 一以惯之, 资询, 报消, 界时). For a stretch of text that edited official
// text never uses, it proposes the frequent dictionary words one likely slip
// away, and reports the stretch when the evidence for the correction — how
// much more probable the sentence becomes under a word-unigram model, how
// the correction fits its neighbours, how likely the slip is — scores above
// a threshold.
//
// Precision comes first: every false alarm costs a reviewer's trust. A
// character is looked at only when it forms an unusual bigram with a
// neighbour; a stretch that edited official text uses is never reported;
// and the weights of the score were fitted on drafts with planted typos
// against candidates from published text, with the threshold set so that
// held-out published text stays nearly silent.
package spell

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/lm"
	"shenfa/sensitive/names"
)

// Rule is the rule id of the findings.
const Rule = "typo.model"

// Checker finds statistical typos; safe for concurrent use.
type Checker struct {
	m     *lm.Model
	conf  *names.Confusables
	slips *slips
	// Threshold is the score a correction needs.
	Threshold float64
	trace     func(text []rune, cand candidate) // every candidate, for tuning tests
}

// New returns a checker over a model and the confusable characters.
func New(m *lm.Model, conf *names.Confusables) *Checker {
	return &Checker{m: m, conf: conf, slips: newSlips(conf), Threshold: defaultThreshold}
}

// Check reports the typos in text, in text order, at most one per stretch.
func (c *Checker) Check(text []rune) []finding.Finding {
	var out []finding.Finding
	pairs := make([]pairState, len(text))
	var win lm.Windows
	win.Reset(text)
	for start := 0; start < len(text); {
		if !unicode.Is(unicode.Han, text[start]) {
			start++
			continue
		}
		end := start + 1
		for end < len(text) && unicode.Is(unicode.Han, text[end]) {
			end++
		}
		if end-start >= 2 {
			out = c.checkRun(out, text, &win, pairs, start, end)
		}
		start = end
	}
	return dropRepeated(out, text)
}

// dropRepeated leaves out the findings whose text occurs twice or more in
// the draft: a writer who uses a stretch twice means it (a name, a local
// product, a term of the trade); a slip of the keys is a one-off.
func dropRepeated(fs []finding.Finding, text []rune) []finding.Finding {
	if len(fs) == 0 {
		return fs
	}
	s := string(text)
	return slices.DeleteFunc(fs, func(f finding.Finding) bool { return strings.Count(s, f.Text) > 1 })
}

// candidate is the best correction found for one position.
type candidate struct {
	start, end int  // the stretch in the text
	at         int  // the corrected position
	r          rune // the character proposed there
	f          features
	score      float64
}

// checkRun looks at each character of the Han run text[start:end] and keeps
// the best-scoring of overlapping candidates.
func (c *Checker) checkRun(out []finding.Finding, text []rune, win *lm.Windows, pairs []pairState, start, end int) []finding.Finding {
	var last candidate // the candidate behind out's last finding, if lastOK
	lastOK := false
	for i := start; i < end; i++ {
		cand, ok := c.best(text, win, pairs, start, end, i)
		if ok && c.trace != nil {
			c.trace(text, cand)
		}
		if !ok || cand.score < c.Threshold {
			continue
		}
		if lastOK && cand.start < last.end {
			if cand.score > last.score {
				last = cand
				out[len(out)-1] = c.finding(text, cand)
			}
			continue
		}
		out = append(out, c.finding(text, cand))
		last, lastOK = cand, true
	}
	return out
}

// best finds the strongest correction of the character at i, if any.
func (c *Checker) best(text []rune, win *lm.Windows, pairs []pairState, start, end, i int) (candidate, bool) {
	leftSeen := i > start && c.usualAt(text, pairs, start, end, i-1)
	rightSeen := i+1 < end && c.usualAt(text, pairs, start, end, i)
	if leftSeen && rightSeen {
		return candidate{}, false
	}
	var best candidate
	found := false
	for l := 2; l <= maxWindow; l++ {
		for j := range l {
			a := i - j
			if a < start || a+l > end || !windowOK(l, j, leftSeen, rightSeen) {
				continue
			}
			key := win.Masked(a, l, j)
			if !c.m.Dict.MayHaveVariants(key) {
				continue
			}
			cand, ok := c.tryWindow(text, key, start, end, a, l, j, leftSeen || rightSeen)
			if ok && (!found || cand.score > best.score) {
				best, found = cand, true
			}
		}
	}
	return best, found
}

// pairState memoises usualPair for the bigram starting at each offset: each
// bigram is looked at by the characters on both its sides.
type pairState uint8

const (
	pairUnknown pairState = iota
	pairUsual
	pairUnusual
)

func (c *Checker) usualAt(text []rune, pairs []pairState, start, end, k int) bool {
	if pairs[k] == pairUnknown {
		pairs[k] = pairUnusual
		if c.usualPair(text, start, end, k) {
			pairs[k] = pairUsual
		}
	}
	return pairs[k] == pairUsual
}

// usualPair reports whether the bigram text[k:k+2] is usual here: seen in
// edited text, and, where there is context, also in a trigram with a
// neighbour (保检 is seen across 环保|检查, not in 养老保检).
func (c *Checker) usualPair(text []rune, start, end, k int) bool {
	u := c.m.Usage
	a, b := text[k], text[k+1]
	if u.Common(a, b) {
		return true
	}
	if !u.MaybeSeen(a, b) {
		return false
	}
	n, seen := u.Pair(a, b)
	if !seen {
		return false
	}
	if k == start && k+2 == end || n >= refineBelow {
		return true
	}
	return k > start && u.Count(text[k-1:k+2]) >= 2 || k+2 < end && u.Count(text[k:k+3]) >= 2 ||
		c.wordPair(text[k], text[k+1])
}

// refineBelow is the count under which a seen bigram must also be seen in
// a trigram with its neighbour to count as usual.
var refineBelow uint32 = 20

// wordPair reports whether ab is itself a dictionary word of some frequency.
func (c *Checker) wordPair(a, b rune) bool {
	w, ok := c.m.Dict.Lookup([]rune{a, b})
	return ok && w.Freq >= 10
}

// maxWindow is the longest stretch looked at: on the tuning sets no
// correction of five or six characters ever beat a shorter one.
const maxWindow = 4

// windowOK says whether a window of length l with the character at j can
// hold the slip, given which of the character's bigrams are usual: the
// character must not pair with a neighbour outside the window (it would
// belong to that neighbour's word), and a short word's slip leaves its
// bigrams unusual.
func windowOK(l, j int, leftSeen, rightSeen bool) bool {
	if j == 0 && leftSeen || j == l-1 && rightSeen {
		return false
	}
	return l >= 4 || !leftSeen && !rightSeen
}

// tryWindow proposes corrections of text[a:a+l] at position a+j.
func (c *Checker) tryWindow(text []rune, key uint64, start, end, a, l, j int, oneSeen bool) (candidate, bool) {
	s := text[a : a+l]
	if c.m.Usage.Count(s) > 0 {
		return candidate{}, false // edited official text says so
	}
	orig, isWord := c.m.Dict.Lookup(s)
	if isWord && (orig.Freq > maxOrigFreq || l == 2 && orig.Freq >= 3) {
		return candidate{}, false
	}
	var best candidate
	found := false
	for _, p := range c.m.Dict.PostingsOf(key) {
		r, w := p.R(), p.Word()
		how, ok := c.slip(s, l, j, r, w)
		if !ok || w.Tag&lm.Place != 0 || foreignNear(text, a, l) || isWord && w.Freq < 10*orig.Freq {
			continue
		}
		f := features{
			l: l, how: how, isWord: isWord, origFreq: orig.Freq, word: w, oneSeen: oneSeen,
			name:     l < 4 && nameNear(text, s, a),
			charFreq: c.m.Dict.CharFreq(s[j]), lmGain: c.lmGain(text, start, end, a+j, r),
			context: c.fitsContext(text, a, l, j, r),
			gain:    c.gain(text, start, end, a, l, a+j, r, isWord),
		}
		if sc := f.score(); !found || sc > best.score {
			best = candidate{start: a, end: a + l, at: a + j, r: r, f: f, score: sc}
			found = true
		}
	}
	return best, found
}

// maxOrigFreq: a dictionary word more frequent than this is a word in its
// own right, not a listed misspelling (the dictionary lists 一饱口福 at 3
// but 坐无虚席 at 3 too). Two-character words are taken as words from the
// dictionary's floor of 3 up: it lists 回复 at 3 as well as 峻工 at 7, and
// the common two-character misspellings are in the typo lexicon. A listed
// word is taken for a misspelling only next to a correction ten times as
// frequent (坐无虚席 3, 座无虚席 44), not a variant (日入而息 3, 日落而息 8).
const maxOrigFreq = 30

// slip says how a writer could have typed s[j] for r, if at all.
func (c *Checker) slip(s []rune, l, j int, r rune, w lm.Word) (reason, bool) {
	ch := s[j]
	if r == ch {
		return 0, false
	}
	if how, ok := c.slips.how(ch, r); ok {
		return how, true
	}
	if l >= 4 && j > 0 && j < l-1 && w.Tag&lm.Idiom != 0 && !c.inWord(s, j) {
		return idiom, true
	}
	return 0, false
}

// lmGain is how much more probable the character bigram model finds r than
// the text's character at i, between the same neighbours.
func (c *Checker) lmGain(text []rune, start, end, i int, r rune) float64 {
	u := c.m.Usage
	g := 0.0
	if i > start {
		g += u.LogCond(text[i-1], r) - u.LogCond(text[i-1], text[i])
	}
	if i+1 < end {
		g += u.LogCond(r, text[i+1]) - u.LogCond(text[i], text[i+1])
	}
	return g
}

// fitsContext reports whether the correction forms a usual sequence with
// the character before or after the window.
func (c *Checker) fitsContext(text []rune, a, l, j int, r rune) bool {
	var buf [8]rune
	lo, hi := max(0, a-1), min(len(text), a+l+1)
	if hi-lo > len(buf) {
		return false
	}
	fixed := append(buf[:0], text[lo:hi]...)
	off := a - lo
	fixed[off+j] = r
	u := c.m.Usage
	return off == 1 && u.Count(fixed[:off+l]) >= 2 || hi > a+l && u.Count(fixed[off:]) >= 2
}

// inWord reports whether s[j] belongs to a word of two or more characters
// inside s: 满怀真情 is 满怀 + 真情, not a slip of 满怀深情, however the idiom
// reads.
func (c *Checker) inWord(s []rune, j int) bool {
	for a := range j + 1 {
		for b := j + 1; b <= len(s); b++ {
			if b-a < 2 || b-a == len(s) {
				continue
			}
			if w, ok := c.m.Dict.Lookup(s[a:b]); ok && w.Freq >= 3 {
				return true
			}
		}
	}
	return false
}

// finding turns a candidate into a Finding.
func (c *Checker) finding(text []rune, cand candidate) finding.Finding {
	got := string(text[cand.start:cand.end])
	fixed := make([]rune, cand.end-cand.start)
	copy(fixed, text[cand.start:cand.end])
	fixed[cand.at-cand.start] = cand.r
	return finding.Finding{
		Start: cand.start, End: cand.end, Text: got,
		Category: finding.Typo, Severity: finding.Warn, Rule: Rule,
		Message:    message(got, string(fixed), text[cand.at], cand.r, cand.f),
		Suggestion: string(fixed),
	}
}

func message(got, fixed string, was, want rune, f features) string {
	var why string
	switch {
	case f.isWord:
		why = fmt.Sprintf("“%s”是“%s”的常见误写", got, fixed)
	case f.how == sound:
		why = fmt.Sprintf("“%c”与“%c”同音", was, want)
	case f.how == nearSound:
		why = fmt.Sprintf("“%c”与“%c”音近", was, want)
	case f.how == shape || f.how == glyph:
		why = fmt.Sprintf("“%c”与“%c”形近", was, want)
	default:
		why = fmt.Sprintf("成语“%s”中应为“%c”", fixed, want)
	}
	return fmt.Sprintf("“%s”疑为“%s”之误（%s），改后语句通顺得多，请核对。", got, fixed, why)
}
