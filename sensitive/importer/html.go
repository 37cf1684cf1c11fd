package importer

import (
	"strings"

	"golang.org/x/net/html"
)

// importHTML extracts what a browser shows. <head> is dropped except the
// title and the author/description/keywords meta tags, which become
// Properties; script, style, noscript and template are dropped; text hidden
// by display:none, visibility:hidden or the hidden attribute stays inline,
// marked Hidden; block elements and table cells break paragraphs.
func importHTML(data []byte, text, enc string) (*Document, error) {
	text, enc, err := decodeHTML(data, text, enc)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, refuse(ReasonCorrupt, "cannot parse HTML", err)
	}
	b := &builder{}
	start := b.beginSection()
	h := &htmlText{b: b}
	h.walk(root)
	b.endSection(Body, start)
	b.props = headProperties(root)
	writeProps(b)
	return b.document(HTML, enc)
}

// writeProps writes b.props as "name: value" lines in a Properties section.
func writeProps(b *builder) {
	lines := make([]string, len(b.props))
	for i, p := range b.props {
		lines[i] = p.Name + "：" + p.Value // full-width: the line is checked as Chinese text
	}
	writeLines(b, Properties, lines)
}

// htmlText lays out text the way a browser collapses whitespace.
type htmlText struct {
	b       *builder
	space   bool   // a collapsible space is pending
	brk     bool   // a paragraph break is pending
	pre     int    // inside <pre>/<textarea>: whitespace is kept
	pending []*int // span starts waiting for their first character
}

// openSpan starts a span at the next character written.
func (h *htmlText) openSpan() *int {
	s := -1
	h.pending = append(h.pending, &s)
	return &s
}

// closeSpan returns the span [start, end), or ok=false when no text was written in it.
func (h *htmlText) closeSpan(s *int) (start, end int, ok bool) {
	for i, p := range h.pending {
		if p == s {
			h.pending = append(h.pending[:i], h.pending[i+1:]...)
			break
		}
	}
	return *s, h.b.pos(), *s >= 0
}

// flush writes any pending break or space before visible text.
func (h *htmlText) flush() {
	if h.brk {
		h.b.newline()
		h.brk, h.space = false, false
	}
	if h.space && !h.b.atLineStart() {
		h.b.write(" ")
	}
	h.space = false
	for _, p := range h.pending {
		*p = h.b.pos()
	}
	h.pending = h.pending[:0]
}

func (h *htmlText) text(s string) {
	if h.pre > 0 {
		if s != "" {
			h.flush()
			h.b.write(s)
		}
		return
	}
	for s != "" {
		i := strings.IndexAny(s, " \t\n\f\r")
		if i == 0 {
			h.space = true
			s = s[1:]
			continue
		}
		if i < 0 {
			i = len(s)
		}
		h.flush()
		h.b.write(s[:i])
		s = s[i:]
	}
}

func (h *htmlText) lineBreak() {
	if h.brk {
		h.b.newline()
		h.brk = false
	}
	h.space = false
	h.b.write("\n")
}

// block asks for a paragraph break before the next text.
func (h *htmlText) block() {
	if h.b.pos() > 0 {
		h.brk = true
	}
	h.space = false
}
