package importer

import (
	"strings"
	"unicode/utf8"
)

// builder accumulates Document.Text while counting code points, so that
// marks, links and sections can be recorded as the text is produced.
type builder struct {
	buf      []byte
	n        int // code points in buf
	sections []Section
	marks    []Mark
	links    []Link
	props    []Property
}

func (b *builder) pos() int { return b.n }

func (b *builder) write(s string) {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	b.buf = append(b.buf, s...)
	b.n += utf8.RuneCountInString(s)
}

func (b *builder) last() byte {
	if len(b.buf) == 0 {
		return 0
	}
	return b.buf[len(b.buf)-1]
}

// atLineStart reports whether the next character begins a line.
func (b *builder) atLineStart() bool {
	return len(b.buf) == 0 || b.last() == '\n'
}

// newline ends the current line unless the text is empty or already ends one.
func (b *builder) newline() {
	if !b.atLineStart() {
		b.write("\n")
	}
}

// replaceLast swaps the last byte for another single-byte character; tables
// use it to turn a paragraph break into a cell separator without moving offsets.
func (b *builder) replaceLast(old, repl byte) {
	if b.last() == old {
		b.buf[len(b.buf)-1] = repl
	}
}

// trimTrailing drops trailing bytes in cut (ASCII only) down to floor code
// points, and pulls spans back inside the text.
func (b *builder) trimTrailing(cut string, floor int) {
	for b.n > floor && len(b.buf) > 0 && strings.IndexByte(cut, b.last()) >= 0 {
		b.buf = b.buf[:len(b.buf)-1]
		b.n--
	}
	b.clamp()
}

func (b *builder) clamp() {
	marks := b.marks[:0]
	for _, m := range b.marks {
		m.End = min(m.End, b.n)
		if m.Start < m.End {
			marks = append(marks, m)
		}
	}
	b.marks = marks
	for i := range b.links {
		l := &b.links[i]
		if l.End > b.n {
			l.End = b.n
		}
		if l.Start >= l.End {
			l.Start, l.End = 0, 0
		}
	}
}

// mark records a span, joining it to the previous mark of the same kind when they touch.
func (b *builder) mark(kind MarkKind, start, end int) {
	if start >= end {
		return
	}
	for i := len(b.marks) - 1; i >= 0; i-- {
		m := &b.marks[i]
		if m.Kind == kind && m.End == start {
			m.End = end
			return
		}
		if m.End < start {
			break
		}
	}
	b.marks = append(b.marks, Mark{Kind: kind, Start: start, End: end})
}

// link records a link over [start, end); an empty span becomes 0, 0.
func (b *builder) link(target string, start, end int) {
	target = strings.TrimSpace(target)
	if target == "" {
		return
	}
	l := Link{Target: target}
	if start < end {
		l.Start, l.End = start, end
		l.Text = b.span(start, end)
	}
	b.links = append(b.links, l)
}

// span returns the text of [start, end) in code points. Spans end at or near
// the end of the text when they are recorded, so it counts back from there.
func (b *builder) span(start, end int) string {
	if start < 0 || end > b.n || start >= end {
		return ""
	}
	to := len(b.buf)
	for i := b.n; i > end; i-- {
		_, size := utf8.DecodeLastRune(b.buf[:to])
		to -= size
	}
	from := to
	for i := end; i > start; i-- {
		_, size := utf8.DecodeLastRune(b.buf[:from])
		from -= size
	}
	return string(b.buf[from:to])
}

// beginSection starts a section on a new line and returns its start.
func (b *builder) beginSection() int {
	b.newline()
	return b.n
}

// endSection closes a section begun at start, dropping trailing blank lines;
// an empty section is removed together with the line break before it.
func (b *builder) endSection(kind SectionKind, start int) {
	b.trimTrailing("\n\t ", start)
	if b.n == start {
		b.trimTrailing("\n", 0)
		return
	}
	b.sections = append(b.sections, Section{Kind: kind, Start: start, End: b.n})
}

// document finishes the text. Properties alone do not make a draft (Word
// writes an author into every new file), so they do not count as text.
func (b *builder) document(f Format, enc string) (*Document, error) {
	text := string(b.buf)
	content := text
	for _, s := range b.sections {
		if s.Kind == Properties {
			content = b.span(0, s.Start)
		}
	}
	if strings.TrimSpace(content) == "" {
		return nil, refuse(ReasonEmpty, "", nil)
	}
	return &Document{
		Format:     f,
		Encoding:   enc,
		Text:       text,
		Sections:   b.sections,
		Marks:      b.marks,
		Properties: b.props,
		Links:      b.links,
		Damaged:    damaged(text),
	}, nil
}

// damaged lists the offsets of U+FFFD: whether a decoder produced it or it
// was in the source, the original character is lost.
func damaged(text string) []int {
	var out []int
	i := 0
	for _, r := range text {
		if r == utf8.RuneError {
			out = append(out, i)
		}
		i++
	}
	return out
}
