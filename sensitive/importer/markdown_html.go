package importer

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlBlock lays out a raw HTML block with the HTML importer's rules.
func (m *mdText) htmlBlock(n *ast.HTMLBlock) {
	var sb strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		sb.Write(seg.Value(m.src))
	}
	if n.HasClosure() {
		sb.Write(n.ClosureLine.Value(m.src))
	}
	context := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(sb.String()), context)
	if err != nil {
		return
	}
	m.block()
	for _, node := range nodes {
		m.htmlText.walk(node)
	}
	m.block()
}

// rawInline handles inline tags: <br> breaks the line, a hidden element opens
// a Hidden mark that the next closing tag of the same name ends.
func (m *mdText) rawInline(n *ast.RawHTML) {
	var sb strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		sb.Write(seg.Value(m.src))
	}
	z := html.NewTokenizer(strings.NewReader(sb.String()))
	switch z.Next() {
	case html.StartTagToken:
		tok := z.Token()
		if tok.DataAtom == atom.Br {
			m.lineBreak()
			return
		}
		node := &html.Node{Type: html.ElementNode, Data: tok.Data, Attr: tok.Attr}
		closer := func() {}
		if isHiddenElement(node) {
			closer = m.spanMark(Hidden)
		}
		m.inline = append(m.inline, closer)
		m.tags = append(m.tags, tok.Data)
	case html.SelfClosingTagToken:
		if z.Token().DataAtom == atom.Br {
			m.lineBreak()
		}
	case html.EndTagToken:
		m.closeInline(z.Token().Data)
	}
}

// closeInline closes the innermost open inline tag with this name and any
// opened after it; "" closes them all.
func (m *mdText) closeInline(name string) {
	for i := len(m.tags) - 1; i >= 0; i-- {
		if name != "" && m.tags[i] != name {
			continue
		}
		for j := len(m.inline) - 1; j >= i; j-- {
			m.inline[j]()
		}
		m.inline, m.tags = m.inline[:i], m.tags[:i]
		if name != "" {
			return
		}
	}
}
