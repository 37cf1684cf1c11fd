package docxnote

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// Namespace of WordprocessingML (transitional and strict) and of the comments relationship in each.
const (
	nsWord         = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWordStrict   = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	relComments    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
	relCommentsStr = "http://purl.oclc.org/ooxml/officeDocument/relationships/comments"
)

// piece is a run child that produced body text.
type piece struct {
	start, end int
	run        int // index into DocxMap.Runs
}

// index finds where in the main part a span of the body text lies.
type index struct {
	m         *importer.DocxMap
	body      importer.Span
	pieces    []piece         // in text order
	runs      []importer.Span // the text of each run, first to last piece
	blocked   []importer.Span // sorted, disjoint
	hasBody   bool
	textBoxes []importer.Span
	doc       *importer.Document
}

// newIndex lists the body's run text in text order.
func newIndex(doc *importer.Document, m *importer.DocxMap) *index {
	x := &index{m: m, runs: make([]importer.Span, len(m.Runs)), doc: doc}
	for _, s := range doc.Sections {
		if s.Kind == importer.Body {
			x.body, x.hasBody = importer.Span{Start: s.Start, End: s.End}, true
		}
	}
	for ri, r := range m.Runs {
		x.runs[ri] = importer.Span{Start: -1}
		for _, c := range r.Children {
			if (c.Kind == importer.ChildText || c.Kind == importer.ChildAtom) && c.End > c.Start {
				x.pieces = append(x.pieces, piece{c.Start, c.End, ri})
				if x.runs[ri].Start < 0 {
					x.runs[ri].Start = c.Start
				}
				x.runs[ri].End = c.End
			}
		}
	}
	x.blocked = m.Blocked // MapDOCX sorts and merges them
	for _, mk := range doc.Marks {
		if mk.Kind == importer.TextBox {
			x.textBoxes = append(x.textBoxes, importer.Span{Start: mk.Start, End: mk.End})
		}
	}
	return x
}

// anchor is where one comment range starts and ends: a run and a code
// point at or inside its text.
type anchor struct {
	startRun, startAt int
	endRun, endAt     int
	id                int
}

// anchor places a finding on body text, or says it cannot be: outside the
// body, over text that cannot carry a range, or over no run text at all.
func (x *index) anchor(f finding.Finding) (anchor, bool) {
	if !x.hasBody || f.Start < x.body.Start || f.End > x.body.End || x.isBlocked(f.Start, f.End) {
		return anchor{}, false
	}
	i := sort.Search(len(x.pieces), func(k int) bool { return x.pieces[k].end > f.Start })
	j := sort.Search(len(x.pieces), func(k int) bool { return x.pieces[k].start >= f.End }) - 1
	if i >= len(x.pieces) || j < i {
		return anchor{}, false
	}
	p, q := x.pieces[i], x.pieces[j]
	return anchor{startRun: p.run, startAt: max(f.Start, p.start), endRun: q.run, endAt: min(f.End, q.end)}, true
}

// isBlocked reports whether [start, end) overlaps text that cannot carry a comment range.
func (x *index) isBlocked(start, end int) bool {
	k := sort.Search(len(x.blocked), func(k int) bool { return x.blocked[k].End > start })
	return k < len(x.blocked) && x.blocked[k].Start < end
}

// inTextBox reports whether offset lies in a text box.
func (x *index) inTextBox(offset int) bool {
	for _, b := range x.textBoxes {
		if b.Start <= offset && offset < b.End {
			return true
		}
	}
	return false
}

// edit replaces main[from:to) with text; from == to inserts.
type edit struct {
	from, to int64
	order    int // at one place: the point comment, then range ends, then starts
	text     string
}

// Orders of insertions at one place.
const (
	orderFallback = iota
	orderEnd
	orderStart
)

// marks are the range ends and starts at one cut inside a run.
type marks struct{ ends, starts []int }

// edits turns anchors into insertions before and after whole runs, and
// rewrites the runs a range starts or ends inside.
func (x *index) edits(main []byte, anchors []anchor) []edit {
	var out []edit
	cuts := map[int]map[int]*marks{} // run → code point → marks
	cutAt := func(run, at int) *marks {
		if cuts[run] == nil {
			cuts[run] = map[int]*marks{}
		}
		if cuts[run][at] == nil {
			cuts[run][at] = &marks{}
		}
		return cuts[run][at]
	}
	for _, a := range anchors {
		r, k := x.m.Runs[a.startRun], x.markup(x.m.Runs[a.startRun].Prefix)
		if a.startAt <= x.runs[a.startRun].Start {
			out = append(out, edit{r.From, r.From, orderStart, k.start(a.id)})
		} else {
			cutAt(a.startRun, a.startAt).starts = append(cutAt(a.startRun, a.startAt).starts, a.id)
		}
		r, k = x.m.Runs[a.endRun], x.markup(x.m.Runs[a.endRun].Prefix)
		if a.endAt >= x.runs[a.endRun].End {
			out = append(out, edit{r.To, r.To, orderEnd, k.end(a.id)})
		} else {
			cutAt(a.endRun, a.endAt).ends = append(cutAt(a.endRun, a.endAt).ends, a.id)
		}
	}
	for run, at := range cuts {
		r := x.m.Runs[run]
		out = append(out, edit{r.From, r.To, orderStart + 1, x.split(main, r, at)})
	}
	return out
}

// split rewrites a run as several runs with the same properties, cut at the
// code points in at, with the comment marks between them.
func (x *index) split(main []byte, r importer.Run, at map[int]*marks) string {
	points := make([]int, 0, len(at))
	for p := range at {
		points = append(points, p)
	}
	slices.Sort(points)
	k := x.markup(r.Prefix)
	open, closing := main[r.From:r.Open], main[r.Close:r.To]
	var props []byte
	for _, c := range r.Children {
		if c.Kind == importer.ChildProps {
			props = main[c.From:c.To]
		}
	}
	var b strings.Builder
	b.Write(open)
	b.Write(props)
	next := 0
	cut := func() {
		b.Write(closing)
		m := at[points[next]]
		for _, id := range m.ends {
			b.WriteString(k.end(id))
		}
		for _, id := range m.starts {
			b.WriteString(k.start(id))
		}
		b.Write(open)
		b.Write(props)
		next++
	}
	for _, c := range r.Children {
		if c.Kind == importer.ChildProps {
			continue
		}
		for next < len(points) && points[next] <= c.Start {
			cut()
		}
		if c.Kind != importer.ChildText || next >= len(points) || points[next] >= c.End {
			b.Write(main[c.From:c.To])
			continue
		}
		text, from := []rune(c.Text), c.Start
		for next < len(points) && points[next] < c.End {
			writeText(&b, c.Name, string(text[from-c.Start:points[next]-c.Start]))
			from = points[next]
			cut()
		}
		writeText(&b, c.Name, string(text[from-c.Start:]))
	}
	b.Write(closing)
	return b.String()
}

// writeText writes one piece of a split w:t, keeping its spaces.
func writeText(b *strings.Builder, name, text string) {
	if text == "" {
		return
	}
	b.WriteString("<" + name + ` xml:space="preserve">`)
	b.WriteString(escape(text))
	b.WriteString("</" + name + ">")
}

// markup spells WordprocessingML elements so that they mean the same as the
// surrounding ones: with the prefix the root binds, or with a declaration of their own.
type markup struct{ pfx, decl string }

func (x *index) markup(prefix string) markup { return markupFor(x.m.Namespaces, prefix, wordNS(x.m)) }

func markupFor(ns map[string]string, prefix, uri string) markup {
	if u, ok := ns[prefix]; ok {
		if prefix != "" {
			return markup{prefix + ":", ""}
		}
		uri = u
	}
	return inNamespace(ns, uri)
}

// inNamespace spells elements of uri with a prefix ns binds to it, or with
// a declaration of their own.
func inNamespace(ns map[string]string, uri string) markup {
	var aliases []string
	for p, u := range ns {
		if p != "" && u == uri {
			aliases = append(aliases, p)
		}
	}
	if len(aliases) > 0 {
		slices.Sort(aliases)
		return markup{aliases[0] + ":", ""}
	}
	return markup{"sfw:", ` xmlns:sfw="` + escape(uri) + `"`}
}

func (k markup) start(id int) string {
	return fmt.Sprintf(`<%scommentRangeStart%s %sid="%d"/>`, k.pfx, k.decl, k.pfx, id)
}

// end closes a range and adds the run that holds the comment's reference mark.
func (k markup) end(id int) string {
	return fmt.Sprintf(`<%scommentRangeEnd%s %sid="%d"/><%sr%s><%scommentReference %sid="%d"/></%sr>`,
		k.pfx, k.decl, k.pfx, id, k.pfx, k.decl, k.pfx, k.pfx, id, k.pfx)
}

// wordNS is the WordprocessingML namespace the main part uses.
func wordNS(m *importer.DocxMap) string {
	if u, ok := m.Namespaces["w"]; ok && u != "" {
		return u
	}
	for _, u := range m.Namespaces {
		if u == nsWordStrict {
			return u
		}
	}
	return nsWord
}

// fallbackEdit places the comment that lists findings outside the body text
// at the start of the body's first paragraph, or in a new paragraph.
func fallbackEdit(m *importer.DocxMap, id int) (edit, error) {
	k := markupFor(m.Namespaces, m.BodyPrefix, wordNS(m))
	point := k.start(id) + k.end(id)
	switch {
	case m.FirstPara >= 0:
		return edit{m.FirstPara, m.FirstPara, orderFallback, point}, nil
	case m.BodyOpen >= 0:
		return edit{m.BodyOpen, m.BodyOpen, orderFallback, "<" + k.pfx + "p" + k.decl + ">" + point + "</" + k.pfx + "p>"}, nil
	}
	return edit{}, ErrNoBody
}

// apply makes the edits in order; they never overlap unless the map is wrong.
func apply(data []byte, edits []edit) ([]byte, error) {
	slices.SortStableFunc(edits, func(a, b edit) int {
		switch {
		case a.from != b.from:
			return cmpInt64(a.from, b.from)
		case a.to != b.to:
			return cmpInt64(a.to, b.to)
		}
		return a.order - b.order
	})
	var out []byte
	var at int64
	for _, e := range edits {
		if e.from < at || e.to > int64(len(data)) {
			return nil, fmt.Errorf("docxnote: overlapping edits at byte %d", e.from)
		}
		out = append(out, data[at:e.from]...)
		out = append(out, e.text...)
		at = e.to
	}
	return append(out, data[at:]...), nil
}

func cmpInt64(a, b int64) int {
	if a < b {
		return -1
	}
	return 1
}

// escape writes text for XML content or a double-quoted attribute.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\t', '\n', '\r':
			b.WriteString("&#x" + strconv.FormatInt(int64(r), 16) + ";")
		case 0xFFFE, 0xFFFF:
			// not characters XML 1.0 allows: dropped
		default:
			if r < 0x20 {
				continue // control characters XML 1.0 does not allow
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
