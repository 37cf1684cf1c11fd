// Package sensitive checks a text for everything an inspector would fail a
// government account for (GUIDE §3.1): lexicon hits with evasions, secret
// markings, personal data, near-misses of protected names and banned
// formulations, typos, advertising-law terms, hostile tone, punctuation,
// impossible dates, placeholders and links. Text in, findings out: no
// database, no UI.
package sensitive

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/fold"
	"shenfa/sensitive/lexicon"
	"shenfa/sensitive/lm"
	"shenfa/sensitive/names"
	"shenfa/sensitive/rules"
	"shenfa/sensitive/spell"
)

// Finding, Category and Severity are re-exported for callers of Check.
type (
	Finding  = finding.Finding
	Category = finding.Category
	Severity = finding.Severity
)

// Checker checks texts against a fixed set of lexicons; safe for concurrent use.
type Checker struct {
	set   *lexicon.Set
	names *names.Checker
	spell *spell.Checker
}

// Result is the outcome of checking one text.
type Result struct {
	Chars    int               `json:"chars"`    // length of the text in code points
	Findings []finding.Finding `json:"findings"` // in text order
	Lexicons []lexicon.Version `json:"-"`        // the lexicons used
}

// New compiles a checker from lexicons; protected-name lexicons feed the
// near-miss check, the others are matched word by word.
func New(lexicons ...*lexicon.Lexicon) (*Checker, error) {
	set, err := lexicon.Compile(lexicons...)
	if err != nil {
		return nil, fmt.Errorf("compile lexicons: %w", err)
	}
	conf, err := confusables()
	if err != nil {
		return nil, err
	}
	var ns []names.Name
	for _, e := range set.Protected() {
		ns = append(ns, names.Name{Word: e.Word, Note: e.Note})
	}
	model, err := lm.Default()
	if err != nil {
		return nil, err
	}
	c := &Checker{set: set, names: names.New(ns, conf), spell: spell.New(model, conf)}
	c.names.Allow(protectedWords(ns)...)
	c.names.Allow(set.ProtectedAllow()...)
	c.names.UseUsage(model.Usage)
	return c, nil
}

// protectedWords lets one correct name never be a near-miss of another.
func protectedWords(ns []names.Name) []string {
	ws := make([]string, len(ns))
	for i, n := range ns {
		ws[i] = n.Word
	}
	return ws
}

// Versions lists the lexicons the checker uses.
func (c *Checker) Versions() []lexicon.Version { return c.set.Versions() }

// Check runs every check on text read today.
func (c *Checker) Check(text string) Result { return c.CheckAt(text, time.Now()) }

// CheckAt runs every check on text read on the day now: a date written
// without a year is read in now's year, so that a record re-checked years
// later is judged as on the day it was published.
func (c *Checker) CheckAt(text string, now time.Time) Result {
	runes := []rune(text)
	// The typo model costs as much as every other check together: on a
	// long draft it runs on the second core meanwhile.
	var typos []finding.Finding
	done := make(chan struct{})
	if len(runes) >= parallelFrom {
		go func() { typos = c.typos(runes); close(done) }()
	}
	fs := lowerLawful(runes, withOffers(runes, c.lexiconFindings(text, runes)))
	fs = append(fs, markings(runes)...)
	fs = append(fs, rules.CheckAt(runes, now)...)
	near, exact := c.nearMisses(c.names, runes)
	fs = append(fs, near...)
	if len(runes) >= parallelFrom {
		<-done
	} else {
		typos = c.typos(runes)
	}
	fs = append(fs, outside(typos, exact)...)
	return Result{Chars: len(runes), Findings: dedupe(fs), Lexicons: c.set.Versions()}
}

// WithoutModel is c without the statistical typo model: the lexicons,
// rules and near-misses only. The model is part of the program, not of any
// lexicon, and costs three quarters of a check, so a re-scan because the
// lexicons changed leaves it out (archive/rescan).
func (c *Checker) WithoutModel() *Checker {
	d := *c
	d.spell = nil
	return &d
}

// parallelFrom is the length from which Check runs the typo model beside
// the other checks.
const parallelFrom = 2000

// outside drops the typos inside a protected name or formulation written
// correctly: those are never slips.
func outside(fs []finding.Finding, exact [][2]int) []finding.Finding {
	return slices.DeleteFunc(fs, func(f finding.Finding) bool {
		return slices.ContainsFunc(exact, func(e [2]int) bool { return e[0] <= f.Start && f.End <= e[1] })
	})
}

func (c *Checker) lexiconFindings(text string, runes []rune) []finding.Finding {
	hits := c.set.Find(text, runes)
	fs := make([]finding.Finding, 0, len(hits))
	for _, h := range hits {
		got := string(runes[h.Start:h.End])
		fs = append(fs, finding.Finding{
			Start: h.Start, End: h.End, Text: got,
			Category: h.Category, Severity: h.Severity,
			Rule:       string(h.Category) + ".lexicon",
			Message:    lexiconMessage(got, h),
			Suggestion: h.Suggestion,
		})
	}
	return fs
}

// nearMisses runs the protected-name check on folded text without invisible
// characters, and without spaces and symbols between two Han characters
// (扫黑险\u200b恶 and 中　华人民共合国 are still near-misses), and maps spans
// back.
func (c *Checker) nearMisses(nc *names.Checker, runes []rune) ([]finding.Finding, [][2]int) {
	visible, at := squeeze(runes)
	fs, exact := nc.CheckExact(visible)
	for i := range fs {
		fs[i].Start, fs[i].End = at[fs[i].Start], at[fs[i].End-1]+1
		fs[i].Text = string(runes[fs[i].Start:fs[i].End])
	}
	for i := range exact {
		exact[i] = [2]int{at[exact[i][0]], at[exact[i][1]-1] + 1}
	}
	return fs, exact
}

// typos runs the statistical typo check on folded text, so that a
// traditional or full-width form is not taken for a slip, and gives the
// findings the original characters.
func (c *Checker) typos(runes []rune) []finding.Finding {
	if c.spell == nil {
		return nil
	}
	folded := make([]rune, len(runes))
	for i, r := range runes {
		folded[i], _ = fold.Rune(r)
	}
	fs := c.spell.Check(folded)
	for i := range fs {
		fs[i].Text = string(runes[fs[i].Start:fs[i].End])
	}
	return fs
}

// squeeze folds runes and leaves out invisible characters, and noise (spaces,
// symbols) standing between two Han characters; at[i] is the offset in
// runes of visible[i], with one more entry for the end.
func squeeze(runes []rune) (visible []rune, at []int) {
	visible = make([]rune, 0, len(runes))
	at = make([]int, 0, len(runes)+1)
	for i, r := range runes {
		f, cls := fold.Rune(r)
		if cls == fold.Invisible || cls == fold.Noise && betweenHan(runes, i) {
			continue
		}
		visible = append(visible, f)
		at = append(at, i)
	}
	return visible, append(at, len(runes))
}

// betweenHan reports whether the run of noise around runes[i] has a Han
// character on each side.
func betweenHan(runes []rune, i int) bool {
	a, b := i, i
	for a > 0 {
		if _, cls := fold.Rune(runes[a-1]); cls != fold.Noise && cls != fold.Invisible {
			break
		}
		a--
	}
	for b+1 < len(runes) {
		if _, cls := fold.Rune(runes[b+1]); cls != fold.Noise && cls != fold.Invisible {
			break
		}
		b++
	}
	return a > 0 && b+1 < len(runes) && b-a < 4 && unicode.Is(unicode.Han, runes[a-1]) && unicode.Is(unicode.Han, runes[b+1])
}

// why says, per category, why a lexicon hit matters.
var why = map[finding.Category]string{
	finding.Sensitive:   "“%s”是敏感词（词库：%s），政务发布中不得出现。",
	finding.Secret:      "“%s”是涉密或不宜公开的标识（词库：%s），带此标识的内容不得公开发布，请核实来源并送保密审查。",
	finding.Political:   "“%s”是禁用或慎用的表述（词库：%s），应使用规范表述。",
	finding.Typo:        "“%s”疑为错别字（词库：%s）。",
	finding.Ad:          "“%s”属《广告法》第九条禁止的绝对化用语（词库：%s），政务发布不得使用。",
	finding.Tone:        "“%s”语气生硬冷漠（词库：%s），回复群众应耐心、诚恳、严谨。",
	finding.Placeholder: "“%s”是未填写的占位内容（词库：%s），发布前应替换为实际内容。",
}

func lexiconMessage(got string, h lexicon.Hit) string {
	format, ok := why[h.Category]
	if !ok {
		format = "“%s”在词库“%s”中，请核对。"
	}
	var b strings.Builder
	fmt.Fprintf(&b, format, got, h.Lexicon)
	if h.Note != "" {
		fmt.Fprintf(&b, "依据：%s", h.Note)
	}
	return b.String()
}

// dedupe drops, within a category, the findings that overlap a longer or
// more serious one, so that one slip is reported once; the rest come back in
// text order.
func dedupe(fs []finding.Finding) []finding.Finding {
	slices.SortStableFunc(fs, func(a, b finding.Finding) int {
		if d := (b.End - b.Start) - (a.End - a.Start); d != 0 {
			return d
		}
		return b.Severity.Rank() - a.Severity.Rank()
	})
	kept := map[finding.Category][]finding.Finding{} // each sorted by Start, never overlapping
	var out []finding.Finding
	for _, f := range fs {
		ks := kept[f.Category]
		i, _ := slices.BinarySearchFunc(ks, f.Start, func(k finding.Finding, t int) int { return k.Start - t })
		if i > 0 && ks[i-1].End > f.Start || i < len(ks) && ks[i].Start < f.End {
			continue
		}
		kept[f.Category] = slices.Insert(ks, i, f)
		out = append(out, f)
	}
	finding.Sort(out)
	return out
}
