package names

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"shenfa/sensitive/finding"
)

// Rule is the finding rule of a near-miss.
const Rule = "political.near_miss"

// consequence closes every message: the reason the finding blocks publication.
const consequence = "政务发布中国家名称、机关名称、领导人姓名写错属严重表述错误。"

// Check returns the near-misses of the checker's names in text, ordered by
// position and never overlapping. text must already be folded character by
// character (traditional → simplified, full-width → half-width) so that its
// offsets are those of the original; Text of each finding holds the folded
// characters, which a caller that folded anything replaces with the original.
func (c *Checker) Check(text []rune) []finding.Finding {
	fs, _ := c.CheckExact(text)
	return fs
}

// CheckExact is Check that also returns the exact occurrences of names,
// [start, end) pairs in no particular order: text other checks must not
// call a slip.
func (c *Checker) CheckExact(text []rune) ([]finding.Finding, [][2]int) {
	if c == nil || len(c.names) == 0 {
		return nil, nil
	}
	var s scan
	c.find(text, &s)
	exacts := make([][2]int, len(s.exacts))
	for i, sp := range s.exacts {
		exacts[i] = [2]int{sp.start, sp.end}
	}
	if len(s.cands) == 0 {
		return nil, exacts
	}
	cands := c.pick(text, s.cands, newCover(s.exacts))
	// Kept candidates never overlap, so position order is finding.Sort's order.
	slices.SortFunc(cands, func(x, y candidate) int { return cmp.Compare(x.start, y.start) })
	out := make([]finding.Finding, 0, len(cands))
	for _, cd := range cands {
		out = append(out, c.finding(text, cd))
	}
	return out, exacts
}

// pick drops candidates whose edit lies inside a correct name or an allowed
// phrase, then keeps the closest match of each span: a confusable
// substitution first, then the longer name, then the earlier start.
func (c *Checker) pick(text []rune, cands []candidate, exact cover) []candidate {
	cands = slices.DeleteFunc(cands, func(cd candidate) bool {
		a, b := evidence(cd)
		return exact.covers(a, b) || c.allowed(text, a, b) || c.usual(text, cd)
	})
	slices.SortFunc(cands, func(x, y candidate) int {
		if x.similar != y.similar {
			if x.similar {
				return -1
			}
			return 1
		}
		if d := cmp.Compare(len(c.names[y.name].word), len(c.names[x.name].word)); d != 0 {
			return d
		}
		return cmp.Compare(x.start, y.start)
	})
	return nonOverlapping(cands)
}

// nonOverlapping keeps, in order, each candidate that overlaps none kept
// before it. The marks cover only the stretch of text the candidates span.
func nonOverlapping(cands []candidate) []candidate {
	if len(cands) == 0 {
		return cands
	}
	lo, hi := cands[0].start, cands[0].end
	for _, cd := range cands {
		lo, hi = min(lo, cd.start), max(hi, cd.end)
	}
	taken := make([]bool, hi-lo)
	kept := cands[:0]
	for _, cd := range cands {
		marks := taken[cd.start-lo : cd.end-lo]
		if slices.Contains(marks, true) {
			continue
		}
		for i := range marks {
			marks[i] = true
		}
		kept = append(kept, cd)
	}
	return kept
}

// evidence is the span that makes a candidate wrong: the replaced or extra
// character, or both neighbours of a gap. Inside a correct name or an
// allowed phrase that span is legitimate, and so is the candidate.
func evidence(cd candidate) (int, int) {
	switch cd.kind {
	case dropped:
		return cd.pos - 1, cd.pos + 1
	case transposed:
		return cd.pos, cd.pos + 2
	}
	return cd.pos, cd.pos + 1
}

// allowed reports whether an allowed phrase occurs around [a, b).
func (c *Checker) allowed(text []rune, a, b int) bool {
	for _, w := range c.allow {
		for q := max(0, b-len(w)); q <= a; q++ {
			if hasAt(text, q, w) {
				return true
			}
		}
	}
	return false
}

// Usage tells how often a character sequence occurs in edited official text.
type Usage interface {
	Count(gram []rune) int
}

// usualCount is how often the stretch around an edit must occur in edited
// official text for the near-miss to be a phrase of its own: 现代化国家 is
// not a slip of 现代化强国, nor 党纪学习教育 of 党史学习教育.
const usualCount = 3

// UseUsage makes Check drop near-misses whose edited stretch is usual in
// the text u was counted from. Not safe to call concurrently with Check.
func (c *Checker) UseUsage(u Usage) { c.usage = u }

// usual reports whether the text around a candidate's edit, up to two
// characters either side and inside the candidate's window, is usual.
func (c *Checker) usual(text []rune, cd candidate) bool {
	if c.usage == nil {
		return false
	}
	a, b := evidence(cd)
	lo, hi := max(cd.start, a-2), min(cd.end, b+2)
	if cd.suffix {
		// 办公厅 and 办公室 are always usual: what tells is whether the
		// name's own words come before the other ending (新闻办公厅).
		lo = max(cd.start, b-5)
	}
	if hi-lo < 3 {
		lo, hi = cd.start, min(cd.end, cd.start+6)
	}
	return c.usage.Count(text[lo:hi]) >= usualCount
}

// cover answers "does an exact occurrence contain [a, b)?" in O(log n).
type cover struct {
	spans  []span // sorted by start
	maxEnd []int  // maxEnd[i] is the largest end among spans[:i+1]
}

func newCover(spans []span) cover {
	slices.SortFunc(spans, func(x, y span) int { return cmp.Compare(x.start, y.start) })
	maxEnd := make([]int, len(spans))
	for i, sp := range spans {
		maxEnd[i] = sp.end
		if i > 0 {
			maxEnd[i] = max(sp.end, maxEnd[i-1])
		}
	}
	return cover{spans, maxEnd}
}

func (cv cover) covers(a, b int) bool {
	i := sort.Search(len(cv.spans), func(i int) bool { return cv.spans[i].start > a })
	return i > 0 && cv.maxEnd[i-1] >= b
}

func (c *Checker) finding(text []rune, cd candidate) finding.Finding {
	e := c.names[cd.name]
	got := string(text[cd.start:cd.end])
	f := finding.Finding{
		Start:      cd.start,
		End:        cd.end,
		Text:       got,
		Category:   finding.Political,
		Severity:   finding.Block,
		Rule:       Rule,
		Message:    message(got, e, what(text, cd, e)),
		Suggestion: e.text,
	}
	if otherWording(cd) {
		f.Severity = finding.Warn
		f.Message += otherWordingNote
	}
	return f
}

// otherWordingNote ends the message of a near-miss that may be another
// correct wording.
const otherWordingNote = "也可能是另一种正确说法（如其他机构或表述），请核对。"

// otherWording reports a near-miss that official text also writes on
// purpose: an extra character (高质量新发展, 千万级工程) or an interior one
// replaced by a character that neither looks nor sounds alike (政府执行力,
// 中央外事委员会, 全面从严管党治校). Slips of the pen and of the keyboard are
// homophones, similar shapes, dropped or swapped characters; those stay
// blocks. Read over the corpus, the others were mostly other correct
// phrases, so they warn: a reader still checks them, but no waiver is needed.
func otherWording(cd candidate) bool {
	return cd.kind == inserted || cd.kind == substituted && !cd.similar && !cd.suffix
}

// what names the edit in a message: “合”应为“和”, 多了“共”, 漏了“共”.
func what(text []rune, cd candidate, e entry) string {
	switch cd.kind {
	case inserted:
		return "多了“" + string(text[cd.pos]) + "”"
	case dropped:
		return "漏了“" + string(e.word[cd.pos-cd.start]) + "”"
	case transposed:
		i := cd.pos - cd.start
		return "“" + string(text[cd.pos:cd.pos+2]) + "”应为“" + string(e.word[i:i+2]) + "”"
	}
	i := cd.pos - cd.start
	return "“" + string(text[cd.pos]) + "”应为“" + string(e.word[i]) + "”"
}

func message(got string, e entry, edit string) string {
	var b strings.Builder
	b.WriteString("“" + got + "”疑为“" + e.text + "”的误写（" + edit + "）。" + consequence)
	if e.note != "" {
		b.WriteString(e.note)
	}
	return b.String()
}
