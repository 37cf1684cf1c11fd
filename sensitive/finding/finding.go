// Package finding defines what a check reports: a Finding with its Category
// and Severity, and the ordering and overlap rules shared by every checker.
package finding

import (
	"cmp"
	"slices"
)

// Category is the kind of problem a Finding reports (GUIDE §3.1).
type Category string

// The categories of GUIDE §3.1.
const (
	Sensitive   Category = "sensitive"   // 敏感词
	Secret      Category = "secret"      // 涉密标识
	Privacy     Category = "privacy"     // 个人信息
	Political   Category = "political"   // 政治性差错
	Typo        Category = "typo"        // 错别字
	Ad          Category = "ad"          // 广告法用语
	Tone        Category = "tone"        // 不当表述
	Punctuation Category = "punctuation" // 标点
	Datetime    Category = "datetime"    // 日期数字
	Placeholder Category = "placeholder" // 占位符
	Link        Category = "link"        // 外部链接
)

// Categories lists every category in the order reports show them.
var Categories = []Category{Sensitive, Secret, Political, Privacy, Typo, Ad, Tone,
	Punctuation, Datetime, Placeholder, Link}

// Valid reports whether c is one of the known categories.
func (c Category) Valid() bool { return slices.Contains(Categories, c) }

// Severity says what a reviewer must do about a Finding.
type Severity string

// The severities, from the most to the least serious.
const (
	Block Severity = "block" // must be fixed or waived with a written reason
	Warn  Severity = "warn"  // must be looked at
	Info  Severity = "info"  // shown, no action needed
)

// Severities lists the severities from the most serious down.
var Severities = []Severity{Block, Warn, Info}

// Valid reports whether s is one of the known severities.
func (s Severity) Valid() bool { return slices.Contains(Severities, s) }

// Rank orders severities: Block 3, Warn 2, Info 1, anything else 0.
func (s Severity) Rank() int {
	switch s {
	case Block:
		return 3
	case Warn:
		return 2
	case Info:
		return 1
	}
	return 0
}

// DefaultSeverity is the severity of a lexicon entry that names none (GUIDE §3.3).
func DefaultSeverity(c Category) Severity {
	switch c {
	case Sensitive, Secret, Political:
		return Block
	}
	return Warn
}

// Finding is one problem in a checked text. Start and End are offsets in
// Unicode code points into that text, End exclusive; Text is exactly the
// original characters of the span.
type Finding struct {
	Start      int      `json:"start"`
	End        int      `json:"end"`
	Text       string   `json:"text"`
	Category   Category `json:"category"`
	Severity   Severity `json:"severity"`
	Rule       string   `json:"rule"`
	Message    string   `json:"message"`
	Suggestion string   `json:"suggestion"`
}

// Overlaps reports whether f and g share at least one code point.
func (f Finding) Overlaps(g Finding) bool { return f.Start < g.End && g.Start < f.End }

// Sort orders findings by position, then the more serious first, then longer first.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Severity.Rank(), a.Severity.Rank()); c != 0 {
			return c
		}
		return cmp.Compare(b.End, a.End)
	})
}
