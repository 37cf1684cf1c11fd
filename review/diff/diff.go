// Package diff computes tracked changes between two versions of a draft, the
// way an approver used to Word's track changes reads them.
//
// A draft is plain text whose paragraphs are separated by "\n". Compute first
// aligns whole paragraphs, then diffs the characters inside each pair of
// changed paragraphs (github.com/sergi/go-diff's Myers bisection, on runes),
// and finally cleans the result up so that changes read as whole words: small
// islands of unchanged text between changes are absorbed, pure insertions and
// deletions slide to punctuation boundaries, and a change that cuts a Latin
// word, a number or a combined character grows to cover it whole. Chinese
// characters are words of their own, so a one-character typo fix stays one
// character.
//
// All offsets are Unicode code points into the old and new text, end
// exclusive, like the findings of package sensitive. Paragraph separators
// belong to no span: joining the old sides of the paragraphs that have one with
// "\n" gives the old text back, and likewise for the new text.
//
// Every paragraph pair gets a bounded time (see WithTimeout and WithBudget).
// A diff that ran out of time is still exact to apply, but may mark more text
// as changed than necessary; it is labelled Approximate, on the Result and on
// each affected Paragraph, instead of degrading silently. go-diff's byte-based
// functions (DiffCleanupEfficiency, DiffXIndex, Patch*, Match*) are not used.
package diff

import (
	"time"
	"unicode/utf8"
)

// Op says what happened to a span of text.
type Op int

// The operations of a span.
const (
	Equal  Op = iota // present, unchanged, in both versions
	Insert           // present only in the new version
	Delete           // present only in the old version
)

// String returns the operation's name for logs and tests.
func (o Op) String() string {
	switch o {
	case Equal:
		return "equal"
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	}
	return "op?"
}

// Span is a run of text with one operation. Offsets are code points into the
// old and new text, end exclusive; an Insert has an empty old range at the
// place it was inserted and a Delete an empty new range at the place it was
// removed from.
type Span struct {
	Op               Op
	Text             string
	OldStart, OldEnd int
	NewStart, NewEnd int
}

// Paragraph is one paragraph of the tracked diff, in reading order.
type Paragraph struct {
	// Old and New are the paragraph's index in the old and new text, or -1
	// for an inserted (Old) or deleted (New) paragraph.
	Old, New int
	// OldStart..OldEnd and NewStart..NewEnd are the paragraph's text (without
	// its separator) in each version; an absent side is an empty range at the
	// place where the paragraph would be.
	OldStart, OldEnd int
	NewStart, NewEnd int
	// Changed is true when the paragraph differs between the versions.
	Changed bool
	// Approximate is true when the diff of this paragraph (its alignment or
	// its characters) ran out of time: it applies exactly but may mark more
	// as changed than needed.
	Approximate bool
	// Spans cover the paragraph's text in order; an empty paragraph has none.
	Spans []Span
}

// Result is the tracked diff of two versions.
type Result struct {
	// Paragraphs are in the order of both texts; where paragraphs were
	// deleted and inserted at the same place, the deleted come first.
	Paragraphs []Paragraph
	// Approximate is true when any part of the diff ran out of time.
	Approximate bool
	// Inserted and Deleted count the code points in Insert and Delete spans
	// (paragraph separators are not counted).
	Inserted, Deleted int
	// OldLen and NewLen are the lengths of the two texts in code points.
	OldLen, NewLen int
}

// Default time limits; see WithTimeout and WithBudget. A 400-character
// paragraph pair needs well under a millisecond, so the limits only matter for
// huge paragraphs that were rewritten throughout.
const (
	DefaultTimeout = 200 * time.Millisecond
	DefaultBudget  = time.Second
)

type config struct {
	timeout time.Duration
	budget  time.Duration
}

// Option adjusts Compute.
type Option func(*config)

// WithTimeout sets the time one paragraph pair (and the paragraph alignment)
// may take before its diff is cut short and labelled Approximate; d <= 0
// means no limit per pair.
func WithTimeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// WithBudget sets the time the whole Compute may take: once it is spent, the
// remaining changed paragraphs are diffed coarsely and labelled Approximate;
// d <= 0 means no overall limit.
func WithBudget(d time.Duration) Option {
	return func(c *config) { c.budget = d }
}

// Compute returns the tracked diff from oldText to newText. Invalid UTF-8 is
// read as U+FFFD, one per bad byte, as a []rune conversion does, so offsets
// stay code points.
func Compute(oldText, newText string, opts ...Option) Result {
	cfg := config{timeout: DefaultTimeout, budget: DefaultBudget}
	for _, o := range opts {
		o(&cfg)
	}
	c := newComputer(cfg)
	oldP := splitParagraphs(validUTF8(oldText))
	newP := splitParagraphs(validUTF8(newText))
	b := &builder{c: c, old: oldP, new: newP}
	b.res.OldLen = textLen(oldP)
	b.res.NewLen = textLen(newP)
	steps, approx := c.alignParagraphs(oldP, newP)
	for _, s := range steps {
		b.step(s)
	}
	if approx {
		b.res.Approximate = true
		for i := range b.res.Paragraphs {
			p := &b.res.Paragraphs[i]
			p.Approximate = p.Approximate || p.Changed
		}
	}
	return b.res
}

// validUTF8 replaces each invalid byte by U+FFFD, keeping the code point count
// that utf8.RuneCountInString and []rune agree on.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string([]rune(s))
}
