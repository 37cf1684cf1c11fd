// Package rules holds the checks that are not word lists: personal data
// (ID, mobile, bank card, e-mail), dates and times, punctuation, duplicated
// characters and words, links and template placeholders. Every rule is a
// hand-written linear scanner over the text as code points: a draft is
// checked on each keystroke-pause, so the whole package must stay well under
// a millisecond for a long article and allocate only for what it reports.
//
// Offsets in every Finding are code-point offsets into the checked slice,
// End exclusive, and Text is exactly text[Start:End].
package rules

import (
	"cmp"
	"slices"
	"time"

	"shenfa/sensitive/finding"
)

// Rule ids, one per kind of finding.
const (
	RuleIDCard      = "privacy.id_card"
	RuleMobile      = "privacy.mobile"
	RuleBankCard    = "privacy.bank_card"
	RuleEmail       = "privacy.email"
	RuleWeekday     = "datetime.weekday"
	RuleImpossible  = "datetime.impossible"
	RuleUnpaired    = "punctuation.unpaired"
	RuleDoubled     = "punctuation.doubled"
	RuleASCII       = "punctuation.ascii"
	RuleDuplicate   = "typo.duplicate"
	RuleURL         = "link.url"
	RulePlaceholder = "placeholder.pattern"
)

// scanner is the shape shared by every rule group: it appends what it finds
// to dst, so that Check fills a single slice.
type scanner func(dst []finding.Finding, text []rune) []finding.Finding

// undated are the rule groups that do not depend on the day of reading.
var undated = []scanner{privacy, punctuation, duplicates, links, placeholders, tone, ads, crossStrait, confusables}

// Check runs every rule group over text read today and returns the
// findings in finding.Sort order.
func Check(text []rune) []finding.Finding { return CheckAt(text, time.Now()) }

// CheckAt is Check for a text read on the day now: dates written without a
// year are read in now's year, so a re-check of an archived record gives
// the findings it had when it was published.
func CheckAt(text []rune, now time.Time) []finding.Finding {
	out := datetime(nil, text, now)
	for _, s := range undated {
		out = s(out, text)
	}
	return sorted(out)
}

// Privacy reports ID card, mobile, bank card numbers and e-mail addresses.
func Privacy(text []rune) []finding.Finding { return sorted(privacy(nil, text)) }

// Datetime reports weekdays that do not match their date and impossible dates and times.
func Datetime(text []rune) []finding.Finding { return DatetimeAt(text, time.Now()) }

// DatetimeAt is Datetime for a text read on the day now.
func DatetimeAt(text []rune, now time.Time) []finding.Finding {
	return sorted(datetime(nil, text, now))
}

// Punctuation reports unpaired, doubled and ASCII punctuation in Chinese text.
func Punctuation(text []rune) []finding.Finding { return sorted(punctuation(nil, text)) }

// Duplicates reports characters and words typed twice by mistake.
func Duplicates(text []rune) []finding.Finding { return sorted(duplicates(nil, text)) }

// Links reports every URL and bare domain so that a person checks it.
func Links(text []rune) []finding.Finding { return sorted(links(nil, text)) }

// Tone reports reply clauses that blame, dismiss or mock the citizen.
func Tone(text []rune) []finding.Finding { return tone(nil, text) }

// Placeholders reports template remnants such as {{name}}, XX, ×× and blanks.
func Placeholders(text []rune) []finding.Finding { return sorted(placeholders(nil, text)) }

// sorted puts fs in finding.Sort order. Findings are large structs, and
// moving them about in a stable sort cost more than all the scanners
// together; sorting their indexes and copying each once does not.
// TestSortedMatchesFindingSort keeps the two orders the same.
func sorted(fs []finding.Finding) []finding.Finding {
	if len(fs) < 2 {
		return fs
	}
	idx := make([]int32, len(fs))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortStableFunc(idx, func(a, b int32) int { return compareFindings(&fs[a], &fs[b]) })
	out := make([]finding.Finding, len(fs))
	for i, j := range idx {
		out[i] = fs[j]
	}
	return out
}

// compareFindings is the order of finding.Sort: position, then the more
// serious first, then the longer first.
func compareFindings(a, b *finding.Finding) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Severity.Rank(), a.Severity.Rank()); c != 0 {
		return c
	}
	return cmp.Compare(b.End, a.End)
}

// rule is the fixed part of a finding: everything but the span and the words.
type rule struct {
	cat  finding.Category
	sev  finding.Severity
	name string
}

// at builds a finding for text[start:end].
func (r rule) at(text []rune, start, end int, msg, sugg string) finding.Finding {
	return finding.Finding{
		Start: start, End: end, Text: string(text[start:end]),
		Category: r.cat, Severity: r.sev, Rule: r.name,
		Message: msg, Suggestion: sugg,
	}
}

// runeAt returns text[i], or 0 outside the slice, so that scanners can look
// around a position without bounds checks of their own.
func runeAt(text []rune, i int) rune {
	if i < 0 || i >= len(text) {
		return 0
	}
	return text[i]
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isLetter(r rune) bool { return (r|0x20) >= 'a' && (r|0x20) <= 'z' }

func isAlnum(r rune) bool { return isDigit(r) || isLetter(r) }

// isHan reports a CJK ideograph (the unified blocks and their extensions).
func isHan(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) || (r >= 0x3400 && r <= 0x4DBF) ||
		(r >= 0x20000 && r <= 0x3134F) || (r >= 0xF900 && r <= 0xFAFF)
}

// isCJK reports an ideograph or a full-width/CJK punctuation mark: the
// characters that make a neighbour "Chinese text" for the punctuation rules.
func isCJK(r rune) bool {
	if r < 0x2000 {
		return false
	}
	return isHan(r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF01 && r <= 0xFF60) ||
		(r >= 0x2018 && r <= 0x201D) || r == 0x2026 || r == 0x2014
}

// isSpace reports the blanks found in Chinese drafts, full-width included.
func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == 0x3000 || r == 0xA0
}

// isBreak reports a paragraph end.
func isBreak(r rune) bool { return r == '\n' || r == '\r' || r == 0x2029 }

// lineEnd returns the index of the first paragraph break at or after i.
func lineEnd(text []rune, i int) int {
	for i < len(text) && !isBreak(text[i]) {
		i++
	}
	return i
}
