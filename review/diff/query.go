package diff

import (
	"sort"
	"strings"
)

// OldText is the paragraph's text in the old version ("" when inserted).
func (p Paragraph) OldText() string { return p.side(Insert) }

// NewText is the paragraph's text in the new version ("" when deleted).
func (p Paragraph) NewText() string { return p.side(Delete) }

// side joins the spans other than skip.
func (p Paragraph) side(skip Op) string {
	var sb strings.Builder
	for _, s := range p.Spans {
		if s.Op != skip {
			sb.WriteString(s.Text)
		}
	}
	return sb.String()
}

// Change is one place that changed, for "next/previous change": a deletion, an
// insertion, or a deletion replaced by an insertion, or a whole inserted or
// deleted paragraph (which may be empty).
type Change struct {
	// Paragraph is the index into Result.Paragraphs; Spans[First:End] of that
	// paragraph are the change's spans (none for an empty paragraph).
	Paragraph  int
	First, End int
	// Deleted and Inserted are the old and the new text of the change.
	Deleted, Inserted string
	// The change's code point ranges in the old and new text.
	OldStart, OldEnd int
	NewStart, NewEnd int
}

// Changes lists the changes in reading order.
func (r Result) Changes() []Change {
	var out []Change
	for pi, p := range r.Paragraphs {
		if !p.Changed {
			continue
		}
		if p.Old < 0 || p.New < 0 || len(p.Spans) == 0 {
			out = append(out, Change{Paragraph: pi, End: len(p.Spans), Deleted: p.OldText(), Inserted: p.NewText(),
				OldStart: p.OldStart, OldEnd: p.OldEnd, NewStart: p.NewStart, NewEnd: p.NewEnd})
			continue
		}
		out = appendChanges(out, pi, p.Spans)
	}
	return out
}

// appendChanges groups each run of non-equal spans into one Change.
func appendChanges(out []Change, pi int, spans []Span) []Change {
	for i := 0; i < len(spans); {
		if spans[i].Op == Equal {
			i++
			continue
		}
		c := Change{Paragraph: pi, First: i, OldStart: spans[i].OldStart, NewStart: spans[i].NewStart}
		for ; i < len(spans) && spans[i].Op != Equal; i++ {
			if spans[i].Op == Delete {
				c.Deleted += spans[i].Text
			} else {
				c.Inserted += spans[i].Text
			}
			c.OldEnd, c.NewEnd = spans[i].OldEnd, spans[i].NewEnd
		}
		c.End = i
		out = append(out, c)
	}
	return out
}

// ChangedOnly returns the indexes into Paragraphs of the changed paragraphs,
// for the "only changed paragraphs" view of a long draft.
func (r Result) ChangedOnly() []int {
	var out []int
	for i, p := range r.Paragraphs {
		if p.Changed {
			out = append(out, i)
		}
	}
	return out
}

// Summary counts what changed, for a line such as "改动 3 处：增 12 字，删 5 字"
// that the caller formats and translates.
type Summary struct {
	Changes            int // places changed (len(Changes()))
	Inserted, Deleted  int // code points
	ChangedParagraphs  int // paragraphs that differ, inserted and deleted ones included
	InsertedParagraphs int
	DeletedParagraphs  int
	Approximate        bool
}

// Summary returns the counts of the diff.
func (r Result) Summary() Summary {
	s := Summary{Changes: len(r.Changes()), Inserted: r.Inserted, Deleted: r.Deleted, Approximate: r.Approximate}
	for _, p := range r.Paragraphs {
		switch {
		case !p.Changed:
		case p.Old < 0:
			s.InsertedParagraphs++
		case p.New < 0:
			s.DeletedParagraphs++
		}
		if p.Changed {
			s.ChangedParagraphs++
		}
	}
	return s
}

// MapOffset maps a code point offset of the old text to the new text, to
// carry a comment forward. ok is false when the character there was deleted
// or replaced; newOffset is then where it was, so that the mapping stays
// monotonic. The end of the old text maps to the end of the new one; a
// paragraph separator maps to the separator after the paragraph's new side.
func (r Result) MapOffset(oldOffset int) (newOffset int, ok bool) {
	n, ok, _ := r.locate(oldOffset)
	return n, ok
}

// MapRange maps the old range [oldStart,oldEnd) to the new text; ok is true
// only when every character of it is unchanged and still contiguous, so that
// a comment on it can be carried forward as it is. An empty range maps like
// MapOffset.
func (r Result) MapRange(oldStart, oldEnd int) (newStart, newEnd int, ok bool) {
	if oldEnd < oldStart || oldStart < 0 || oldEnd > r.OldLen {
		return 0, 0, false
	}
	newStart, ok, run := r.locate(oldStart)
	if oldEnd == oldStart || !ok {
		return newStart, newStart, ok && oldEnd == oldStart
	}
	for x := run; x < oldEnd; x = run {
		var n int
		n, ok, run = r.locate(x)
		if !ok || n != newStart+x-oldStart {
			return newStart, newStart, false
		}
	}
	return newStart, newStart + oldEnd - oldStart, true
}

// locate maps oldOffset like MapOffset and also returns where the run of
// old text that maps the same way (contiguously, or not at all) ends.
func (r Result) locate(off int) (n int, ok bool, runEnd int) {
	switch {
	case off < 0 || off > r.OldLen:
		return 0, false, off + 1
	case off == r.OldLen:
		return r.NewLen, true, off + 1
	}
	ps := r.Paragraphs
	i := sort.Search(len(ps), func(i int) bool { return ps[i].OldEnd >= off })
	for i < len(ps) && ps[i].Old < 0 {
		i++
	}
	if i == len(ps) {
		return r.NewLen, false, off + 1
	}
	p := ps[i]
	if off == p.OldEnd { // the separator after the paragraph
		return p.NewEnd, p.New >= 0 && p.NewEnd < r.NewLen, off + 1
	}
	return locateIn(p.Spans, off)
}

// locateIn maps an old offset that falls inside one of the spans.
func locateIn(spans []Span, off int) (n int, ok bool, runEnd int) {
	k := sort.Search(len(spans), func(k int) bool { return spans[k].OldEnd > off })
	if k == len(spans) {
		return 0, false, off + 1 // not reached for a Result from Compute
	}
	s := spans[k]
	if s.Op == Equal {
		return s.NewStart + off - s.OldStart, true, s.OldEnd
	}
	return s.NewStart, false, s.OldEnd
}
