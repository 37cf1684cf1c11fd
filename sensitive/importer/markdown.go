package importer

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// importMarkdown extracts the text a rendered Markdown page shows:
//   - every block (paragraph, heading, list item, quote, code block, table
//     row) becomes one line; markup (#, *, _, `, >, bullets and list numbers) is dropped;
//   - soft line breaks inside a paragraph join the lines, with a space only
//     between two non-CJK characters (Chinese joins with no space);
//   - code spans and fenced/indented code blocks are kept as text: they are published too;
//   - [text](url) leaves text in Text and url in Links; ![alt](url) leaves
//     only a Link without text; <url> autolinks keep the URL as linked text;
//     bare URLs stay as plain text;
//   - GFM tables: cells separated by a tab; raw HTML blocks go through the HTML importer's rules;
//     inline <br> breaks the line and inline tags with display:none mark Hidden.
func importMarkdown(src, enc string) (*Document, error) {
	source := []byte(src)
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	root := md.Parser().Parse(text.NewReader(source))
	b := &builder{}
	start := b.beginSection()
	m := &mdText{htmlText: htmlText{b: b}, src: source}
	m.walk(root)
	m.closeInline("") // tags left open at the end still close their marks
	b.endSection(Body, start)
	return b.document(Markdown, enc)
}

// mdText reuses the HTML layout state (pending breaks and span starts) but writes text verbatim.
type mdText struct {
	htmlText
	src    []byte
	soft   bool     // a soft line break is pending
	inline []func() // closers for inline raw HTML spans, innermost last
	tags   []string // tag names of the open inline spans
}

// walk visits the tree without recursion (see walkTree).
func (m *mdText) walk(root ast.Node) {
	walkTree(root, m.enter, func(n ast.Node, push func(ast.Node)) {
		for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
			push(c)
		}
	})
}

func (m *mdText) enter(n ast.Node) (func(), bool) {
	switch n := n.(type) {
	case *ast.Text:
		m.textNode(n)
		return nil, false
	case *ast.String:
		m.write(string(n.Value))
		return nil, false
	case *ast.AutoLink:
		return m.autoLink(n), false
	case *ast.Link:
		return m.spanLink(string(n.Destination)), true
	case *ast.Image:
		m.b.link(string(n.Destination), 0, 0)
		return nil, false
	case *ast.RawHTML:
		m.rawInline(n)
		return nil, false
	case *ast.HTMLBlock:
		m.htmlBlock(n)
		return nil, false
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		m.codeBlock(n)
		return nil, false
	case *extast.TableCell:
		if n.PreviousSibling() != nil {
			m.write("\t")
		}
		return func() {}, true
	}
	if n.Type() == ast.TypeBlock {
		m.block()
		return m.block, true
	}
	return func() {}, true
}

// write puts text out after resolving a pending break or soft line break.
func (m *mdText) write(s string) {
	if s == "" {
		return
	}
	if m.brk {
		m.soft = false
	}
	if m.soft {
		m.soft = false
		last, _ := utf8.DecodeLastRune(m.b.buf)
		first, _ := utf8.DecodeRuneInString(s)
		if !isCJK(last) && !isCJK(first) && !m.b.atLineStart() {
			m.b.write(" ")
		}
	}
	m.flush()
	m.b.write(s)
}

func (m *mdText) textNode(n *ast.Text) {
	v := n.Segment.Value(m.src)
	if _, code := n.Parent().(*ast.CodeSpan); !code && !n.IsRaw() {
		v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
	}
	m.write(string(v))
	switch {
	case n.HardLineBreak():
		m.lineBreak()
	case n.SoftLineBreak():
		m.soft = true
	}
}

// isCJK reports characters between which a line break joins without a space.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

func (m *mdText) autoLink(n *ast.AutoLink) func() {
	closeLink := m.spanLink(string(n.URL(m.src)))
	m.write(string(n.Label(m.src)))
	closeLink()
	return nil
}

// codeBlock keeps code lines as published text.
func (m *mdText) codeBlock(n ast.Node) {
	m.block()
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := string(seg.Value(m.src))
		if i > 0 {
			m.b.write("\n")
		}
		m.write(trimNewline(line))
	}
	m.block()
}

func trimNewline(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	return s
}
