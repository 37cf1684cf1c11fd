package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"shenfa/sensitive/finding"
)

// Rule ids of the confusable-pair rules.
const (
	RuleConfusable = "typo.confusable"
	RuleDeDiDe     = "typo.de"
)

var (
	ruleConfusable = rule{finding.Typo, finding.Warn, RuleConfusable}
	ruleDeDiDe     = rule{finding.Typo, finding.Info, RuleDeDiDe}
)

// pairRule says when a word that is itself correct Chinese (or reads as
// such across a word boundary) is the wrong one of a confusable pair: 截止
// before a time (截至), 登陆 an account (登录), 必需 before a verb (必须),
// 报道 for a newcomer's arrival (报到). The table is in confusable_pairs.go.
type pairRule struct {
	wrong, right string
	// The word is wrong when one of its contexts holds and no exception
	// does. Contexts: followed by one of after; preceded by one of before
	// (at most gap characters away); with time set, followed by a time
	// expression; one of near within nearSpan characters after it in the
	// same clause; with start set, at the start of a clause; with always
	// set, anywhere; one of afterIfRight after it when the text writes the
	// right word elsewhere (the draft itself shows which one it means);
	// with number set, followed by a number.
	after, before, near, afterIfRight []string
	gap, nearSpan                     int
	time, start, always, number       bool
	// Exceptions: followed by one of except, preceded by one of
	// exceptBefore, or one of exceptLater later in the same sentence
	// (既使……又…… is correct, 既使 for 即使 is not).
	except, exceptBefore, exceptLater []string
	why                               string

	runes []rune // wrong, decoded once
}

// pairIndex finds the rules by the first character of the wrong word: a
// bitmap answers "none" for almost every character of a text.
var pairIndex = func() *firstIndex[*pairRule] {
	x := &firstIndex[*pairRule]{}
	for i := range pairRules {
		pr := &pairRules[i]
		pr.runes = []rune(pr.wrong)
		x.add(pr.runes[0], pr)
	}
	return x
}()

func confusables(dst []finding.Finding, text []rune) []finding.Finding {
	for i, r := range text {
		if !pairIndex.has(r) {
			continue
		}
		for _, pr := range pairIndex.get(r) {
			e := i + len(pr.runes)
			if !hasRunes(text, i, pr.runes) || !pr.wrongHere(text, i, e) {
				continue
			}
			dst = append(dst, ruleConfusable.at(text, i, e,
				"“"+pr.wrong+"”在这里疑应为“"+pr.right+"”："+pr.why+"。", pr.right))
		}
	}
	return deDiDe(dst, text)
}

// wrongHere applies a rule's contexts to the occurrence text[s:e].
func (pr *pairRule) wrongHere(text []rune, s, e int) bool {
	if hasAny(text, e, pr.except) || endsWithAny(text, s, pr.exceptBefore) || laterInSentence(text, e, pr.exceptLater) {
		return false
	}
	switch {
	case pr.always,
		pr.time && timeFollows(text, e),
		pr.number && numberFollows(text, e),
		pr.start && startsPairClause(text, s),
		hasAny(text, e, pr.after),
		nearAfter(text, e, pr.nearSpan, pr.near):
		return true
	}
	for g := 0; g <= pr.gap; g++ {
		if endsWithAny(text, s-g, pr.before) {
			return true
		}
	}
	return len(pr.afterIfRight) > 0 && hasAny(text, e, pr.afterIfRight) && containsRunes(text, []rune(pr.right))
}

// timeFollows reports whether a date or time starts at text[i] (2025年,
// 6月底, 10月, 十月 …), after at most one space.
func timeFollows(text []rune, i int) bool {
	if runeAt(text, i) == ' ' {
		i++
	}
	r := runeAt(text, i)
	if unicode.IsDigit(r) || r >= '０' && r <= '９' {
		return true
	}
	if strings.ContainsRune("一二三四五六七八九十〇零", r) {
		for j := i; j < len(text) && j < i+5; j++ {
			if strings.ContainsRune("年月日时", text[j]) {
				return true
			}
		}
	}
	return false
}

// numberFollows reports a digit at text[i], after at most one space.
func numberFollows(text []rune, i int) bool {
	if runeAt(text, i) == ' ' {
		i++
	}
	r := runeAt(text, i)
	return unicode.IsDigit(r) || r >= '０' && r <= '９'
}

// endsPairClause reports the marks that end a clause for the context rules.
func endsPairClause(r rune) bool {
	return isBreak(r) || strings.ContainsRune("，。；！？、：:;,!?（）()【】「」“”", r)
}

// endsPairSentence reports the marks after which a new sentence starts.
func endsPairSentence(r rune) bool {
	return isBreak(r) || strings.ContainsRune("。；！？;!?", r)
}

// startsPairClause reports whether text[s] begins a clause: the start of the
// text or of a line, or after a clause mark and any blanks.
func startsPairClause(text []rune, s int) bool {
	for s > 0 && isSpace(text[s-1]) {
		s--
	}
	return s == 0 || endsPairClause(text[s-1])
}

// nearAfter reports one of words within span characters after e, before
// the clause ends.
func nearAfter(text []rune, e, span int, words []string) bool {
	for j := e; j < len(text) && j <= e+span && !endsPairClause(text[j]); j++ {
		if hasAny(text, j, words) {
			return true
		}
	}
	return false
}

// laterInSentence reports one of words between e and the end of the sentence.
func laterInSentence(text []rune, e int, words []string) bool {
	if len(words) == 0 {
		return false
	}
	for j := e; j < len(text) && !endsPairSentence(text[j]); j++ {
		if hasAny(text, j, words) {
			return true
		}
	}
	return false
}

func containsRunes(text, w []rune) bool {
	for i := range text {
		if text[i] == w[0] && hasRunes(text, i, w) {
			return true
		}
	}
	return false
}

func hasRunes(text []rune, i int, w []rune) bool {
	if i+len(w) > len(text) {
		return false
	}
	for k, r := range w {
		if text[i+k] != r {
			return false
		}
	}
	return true
}

// hasString reports whether text continues with s at i.
func hasString(text []rune, i int, s string) bool {
	for _, r := range s {
		if i >= len(text) || text[i] != r {
			return false
		}
		i++
	}
	return true
}

// endsWith reports whether text[:i] ends with s.
func endsWith(text []rune, i int, s string) bool {
	n := 0
	for j := len(s); j > 0; {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		j -= size
		n++
		if i-n < 0 || text[i-n] != r {
			return false
		}
	}
	return true
}

func endsWithAny(text []rune, i int, ss []string) bool {
	for _, s := range ss {
		if endsWith(text, i, s) {
			return true
		}
	}
	return false
}

func hasAny(text []rune, i int, ss []string) bool {
	for _, s := range ss {
		if hasString(text, i, s) {
			return true
		}
	}
	return false
}
