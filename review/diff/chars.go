package diff

import (
	"time"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// computer runs go-diff under our own deadlines.
//
// go-diff's DiffMain with its default 1 s DiffTimeout takes a "half match"
// shortcut that gives far-from-minimal diffs on repetitive text, and on
// expiry silently returns "delete all, insert all". So the first attempt calls
// DiffBisect (Myers) directly on a DiffMatchPatch whose DiffTimeout is 0,
// which disables the shortcut, and passes our own deadline. go-diff does not
// say whether it gave up, so a diff that ends after its deadline is labelled
// approximate (and is only a candidate for the fallback below) even when the
// give-up point was never reached.
type computer struct {
	cfg   config
	end   time.Time // end of the overall budget, zero for none
	exact *diffmatchpatch.DiffMatchPatch
}

func newComputer(cfg config) *computer {
	c := &computer{cfg: cfg, exact: &diffmatchpatch.DiffMatchPatch{}}
	if cfg.budget > 0 {
		c.end = time.Now().Add(cfg.budget)
	}
	return c
}

// deadline is the deadline for the next piece of work: the per-pair timeout,
// cut to the overall budget; zero means none.
func (c *computer) deadline() time.Time {
	var d time.Time
	if c.cfg.timeout > 0 {
		d = time.Now().Add(c.cfg.timeout)
	}
	if !c.end.IsZero() && (d.IsZero() || c.end.Before(d)) {
		d = c.end
	}
	return d
}

// bisect diffs two non-empty rune sequences that have no common prefix or
// suffix. late reports that a deadline cut the work short: Myers then gave up
// on some part and replaced it by delete-all/insert-all. In that case go-diff's
// own half-match diff gets a quarter of the timeout more, and the cheaper of
// the two results is returned; either way the result is approximate.
func (c *computer) bisect(a, b []rune) (ds []diffmatchpatch.Diff, late bool) {
	if len(a) == 1 && len(b) == 1 { // DiffBisect indexes out of range on 1×1
		return []diffmatchpatch.Diff{{Type: diffmatchpatch.DiffDelete, Text: string(a)}, {Type: diffmatchpatch.DiffInsert, Text: string(b)}}, false
	}
	d := c.deadline()
	ds = c.exact.DiffBisect(string(a), string(b), d)
	if d.IsZero() || !time.Now().After(d) {
		return ds, false
	}
	if t := c.fallbackTime(); t > 0 {
		fast := &diffmatchpatch.DiffMatchPatch{DiffTimeout: t}
		if alt := fast.DiffMainRunes(a, b, false); cost(alt) < cost(ds) {
			ds = alt
		}
	}
	return ds, true
}

// fallbackTime is the time the half-match retry may take: a quarter of the
// timeout, within the budget; 0 for no retry.
func (c *computer) fallbackTime() time.Duration {
	t := c.cfg.timeout / 4
	if !c.end.IsZero() {
		t = min(t, time.Until(c.end))
	}
	return max(t, 0)
}

// cost is the number of code points a diff marks as inserted or deleted.
func cost(ds []diffmatchpatch.Diff) int {
	n := 0
	for _, d := range ds {
		if d.Type != diffmatchpatch.DiffEqual {
			n += utf8.RuneCountInString(d.Text)
		}
	}
	return n
}

// stepsFromDiffs turns a diff of paragraph tokens into alignment steps; base
// is the number of paragraphs before the diffed part.
func stepsFromDiffs(ds []diffmatchpatch.Diff, base int) []step {
	var steps []step
	i, j := base, base
	open := false
	var blk step
	for _, d := range ds {
		l := utf8.RuneCountInString(d.Text)
		if l == 0 {
			continue
		}
		if d.Type == diffmatchpatch.DiffEqual {
			if open {
				blk.o1, blk.n1 = i, j
				steps = append(steps, blk)
				open = false
			}
			steps = append(steps, step{equal: true, o0: i, o1: i + l, n0: j, n1: j + l})
			i, j = i+l, j+l
			continue
		}
		if !open {
			blk, open = step{o0: i, n0: j}, true
		}
		if d.Type == diffmatchpatch.DiffDelete {
			i += l
		} else {
			j += l
		}
	}
	if open {
		blk.o1, blk.n1 = i, j
		steps = append(steps, blk)
	}
	return steps
}

// hunk is one change inside a pair of paragraphs: old runes [o0,o1) became
// new runes [n0,n1). Between two hunks (and before the first, after the last)
// the texts are equal; a hunk is never empty on both sides.
type hunk struct{ o0, o1, n0, n1 int }

// size is the larger of the hunk's two sides.
func (h hunk) size() int { return max(h.o1-h.o0, h.n1-h.n0) }

// diffPair returns the minimal-ish character hunks from a to b, before
// cleanup; approx reports that a deadline cut the diff short.
func (c *computer) diffPair(a, b []rune) ([]hunk, bool) {
	pre := commonPrefix(a, b)
	suf := commonSuffix(a[pre:], b[pre:])
	am, bm := a[pre:len(a)-suf], b[pre:len(b)-suf]
	switch {
	case len(am) == 0 && len(bm) == 0:
		return nil, false
	case len(am) == 0 || len(bm) == 0:
		return []hunk{{pre, pre + len(am), pre, pre + len(bm)}}, false
	}
	ds, late := c.bisect(am, bm)
	return hunksFromDiffs(ds, pre), late
}

// hunksFromDiffs turns go-diff's output into hunks, counting runes (never
// bytes); base is the length of the common prefix that was cut off.
func hunksFromDiffs(ds []diffmatchpatch.Diff, base int) []hunk {
	var hs []hunk
	o, n := base, base
	open := false
	for _, d := range ds {
		l := utf8.RuneCountInString(d.Text)
		if l == 0 {
			continue
		}
		if d.Type == diffmatchpatch.DiffEqual {
			o, n, open = o+l, n+l, false
			continue
		}
		if !open {
			hs, open = append(hs, hunk{o, o, n, n}), true
		}
		if d.Type == diffmatchpatch.DiffDelete {
			o += l
		} else {
			n += l
		}
		hs[len(hs)-1].o1, hs[len(hs)-1].n1 = o, n
	}
	return hs
}

// toSpans writes hunks as spans of a paragraph pair starting at code points
// os (old) and ns (new): the equal text between hunks, then each hunk's
// deletion before its insertion, as Word shows a replacement.
func toSpans(hs []hunk, a, b []rune, os, ns int) []Span {
	var out []Span
	o, n := 0, 0
	eq := func(o1 int) {
		if o1 > o {
			out = append(out, Span{Op: Equal, Text: string(a[o:o1]), OldStart: os + o, OldEnd: os + o1, NewStart: ns + n, NewEnd: ns + n + o1 - o})
		}
	}
	for _, h := range hs {
		eq(h.o0)
		if h.o1 > h.o0 {
			out = append(out, Span{Op: Delete, Text: string(a[h.o0:h.o1]), OldStart: os + h.o0, OldEnd: os + h.o1, NewStart: ns + h.n0, NewEnd: ns + h.n0})
		}
		if h.n1 > h.n0 {
			out = append(out, Span{Op: Insert, Text: string(b[h.n0:h.n1]), OldStart: os + h.o1, OldEnd: os + h.o1, NewStart: ns + h.n0, NewEnd: ns + h.n1})
		}
		o, n = h.o1, h.n1
	}
	eq(len(a))
	return out
}
