package importer

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropped elements never reach the page as text.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Head: true,
}

// blocks start and end paragraphs.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Center: true,
	atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true,
	atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Caption: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Ul: true, atom.Legend: true, atom.Option: true, atom.Textarea: true, atom.Body: true,
}

// mediaSrc lists elements whose src (or WeChat's lazy data-src) is an external resource.
var mediaSrc = map[atom.Atom]bool{
	atom.Img: true, atom.Iframe: true, atom.Video: true, atom.Audio: true, atom.Source: true, atom.Embed: true,
}

// walkTree visits a tree depth first without recursion: hostile nesting must
// not exhaust the goroutine stack. enter handles a node's start and returns
// the work for its end and whether to visit its children; children calls
// push for each child, last to first.
func walkTree[N any](root N, enter func(N) (func(), bool), children func(n N, push func(N))) {
	type step struct {
		n    N
		exit func()
	}
	stack := []step{{n: root}}
	push := func(c N) { stack = append(stack, step{n: c}) }
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.exit != nil {
			s.exit()
			continue
		}
		if exit, descend := enter(s.n); descend {
			stack = append(stack, step{exit: exit})
			children(s.n, push)
		}
	}
}

func (h *htmlText) walk(root *html.Node) {
	walkTree(root, h.enter, func(n *html.Node, push func(*html.Node)) {
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			push(c)
		}
	})
}

// enter handles a node's start; it returns the work for its end and whether to visit children.
func (h *htmlText) enter(n *html.Node) (func(), bool) {
	switch n.Type {
	case html.TextNode:
		h.text(n.Data)
		return nil, false
	case html.ElementNode:
		return h.element(n)
	case html.DocumentNode:
		return func() {}, true
	}
	return nil, false
}

func (h *htmlText) element(n *html.Node) (func(), bool) {
	if dropped[n.DataAtom] {
		return nil, false
	}
	switch n.DataAtom {
	case atom.Br:
		h.lineBreak()
		return nil, false
	case atom.Pre, atom.Textarea:
		h.pre++
	}
	if mediaSrc[n.DataAtom] {
		h.media(n)
	}
	var exits []func()
	if blocks[n.DataAtom] {
		h.block()
		exits = append(exits, h.block)
	}
	if n.DataAtom == atom.Pre || n.DataAtom == atom.Textarea {
		exits = append(exits, func() { h.pre-- })
	}
	if isHiddenElement(n) {
		exits = append(exits, h.spanMark(Hidden))
	}
	if n.DataAtom == atom.A {
		if href := strings.TrimSpace(getAttr(n, "href")); href != "" && !strings.HasPrefix(href, "#") {
			exits = append(exits, h.spanLink(href))
		}
	}
	return func() {
		for i := len(exits) - 1; i >= 0; i-- {
			exits[i]()
		}
	}, true
}

// spanMark opens a mark and returns the function that closes it.
func (h *htmlText) spanMark(kind MarkKind) func() {
	s := h.openSpan()
	return func() {
		if start, end, ok := h.closeSpan(s); ok {
			h.b.mark(kind, start, end)
		}
	}
}

// spanLink opens a link and returns the function that closes it.
func (h *htmlText) spanLink(href string) func() {
	s := h.openSpan()
	return func() {
		start, end, ok := h.closeSpan(s)
		if !ok {
			start, end = 0, 0
		}
		h.b.link(href, start, end)
	}
}

// media records an external resource as a link without text; data: URIs are
// part of the file, not a link.
func (h *htmlText) media(n *html.Node) {
	for _, key := range []string{"src", "data-src"} {
		src := strings.TrimSpace(getAttr(n, key))
		if src != "" && !strings.HasPrefix(strings.ToLower(src), "data:") {
			h.b.link(src, 0, 0)
			return
		}
	}
}

// isHiddenElement reports markup that hides an element's text from the page.
func isHiddenElement(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			style := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			if strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

func getAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// headProperties reads the title and the author, description and keywords meta tags.
func headProperties(root *html.Node) []Property {
	var title string
	meta := map[string]string{}
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case n.DataAtom == atom.Title && title == "" && n.Type == html.ElementNode:
			title = nodeText(n)
		case n.DataAtom == atom.Meta:
			name := strings.ToLower(getAttr(n, "name"))
			if _, seen := meta[name]; !seen {
				meta[name] = getAttr(n, "content")
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			if c.Type == html.ElementNode || c.Type == html.DocumentNode {
				stack = append(stack, c)
			}
		}
	}
	var props []Property
	props = appendProp(props, "title", strings.Join(strings.Fields(title), " "))
	for _, name := range []string{"author", "description", "keywords"} {
		props = appendProp(props, name, meta[name])
	}
	return props
}

// nodeText returns the text directly inside an element such as <title>.
func nodeText(n *html.Node) string {
	var sb strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			sb.WriteString(c.Data)
		}
	}
	return sb.String()
}
