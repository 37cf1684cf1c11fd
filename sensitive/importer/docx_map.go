package importer

import (
	"encoding/xml"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
)

// DocxMap locates the body text of a .docx in the XML of its main part, so
// that findings (code point offsets into Document.Text) can be written back
// into the file as Word comments. Byte offsets are into the inflated main part.
type DocxMap struct {
	Part         string // zip entry name of the main document part
	Rels         string // zip entry name of the main part's relationships, "" if the package has none
	Comments     string // zip entry name of the comments part the main part relates to, "" if none
	ContentTypes string // zip entry name of [Content_Types].xml, "" if none
	// Namespaces are the namespace declarations of the main part's root
	// element, by prefix ("" for the default namespace).
	Namespaces map[string]string
	// Runs are the w:r elements of the body that can carry a comment range,
	// in document order: not inside text boxes, other runs, deletions,
	// alternate content or equations, and with a namespace prefix the root declares.
	Runs []Run
	// Blocked are spans of Document.Text produced by body XML that cannot
	// carry a comment range (text boxes, WordArt, text outside runs…),
	// sorted and disjoint.
	Blocked []Span
	// FirstPara is where the content of the body's first paragraph begins
	// (after its w:pPr); -1 when no paragraph can carry a comment.
	FirstPara int64
	// BodyOpen is the end of the w:body start tag; -1 when the body is missing or empty-tagged.
	BodyOpen int64
	// BodyPrefix is the namespace prefix of the w:body element.
	BodyPrefix string
	// MaxID is the highest numeric w:id in the main part (0 if none).
	MaxID int
}

// Span is [Start, End) in code points of Document.Text.
type Span struct{ Start, End int }

// Run is one w:r element of the body.
type Run struct {
	From, To    int64  // the whole element, in bytes
	Open, Close int64  // end of the start tag, start of the end tag
	Prefix      string // namespace prefix of the element, as written
	Children    []RunChild
}

// RunChild is a direct child element of a Run.
type RunChild struct {
	From, To   int64  // the whole element, in bytes
	Start, End int    // the code points of Document.Text it produced; equal when none
	Name       string // qualified name as written, e.g. "w:t"
	// Kind says how the child may be cut: ChildText can be split at any
	// code point, ChildAtom (a tab, break, symbol…) not at all; ChildProps
	// is the run's w:rPr; ChildOther produced no text of its own.
	Kind ChildKind
	Text string // for ChildText: the decoded text
}

// ChildKind classifies a RunChild.
type ChildKind int

// Kinds of run children.
const (
	ChildOther ChildKind = iota
	ChildText
	ChildAtom
	ChildProps
)

// MapDOCX imports a draft like Import and, when it is a .docx, also maps its
// body text back to the XML of the main part; the map is nil for other formats.
func MapDOCX(name string, data []byte) (doc *Document, m *DocxMap, err error) {
	defer func() {
		if p := recover(); p != nil {
			doc, m, err = nil, nil, refuse(ReasonCorrupt, "internal error", fmt.Errorf("panic: %v", p))
		}
		if err != nil {
			doc, m, err = nil, nil, withFile(err, name)
		} else {
			doc.Name = filepath.Base(name)
		}
	}()
	if k, _ := sniff(data); k != kindZip || len(data) > MaxFileSize {
		doc, err = importData(name, data)
		return doc, nil, err
	}
	rec := &docxRecorder{m: &DocxMap{FirstPara: -1, BodyOpen: -1, Namespaces: map[string]string{}}, pprEnd: -1}
	if doc, err = importDOCX(name, data, rec); err != nil {
		return nil, nil, err
	}
	rec.m.seal(doc)
	return doc, rec.m, nil
}

// seal blocks every body character that no mapped run produced and that is
// not a line or cell break the importer wrote (a comment author's name in
// a part posing as the document, say), then sorts and merges the spans.
func (m *DocxMap) seal(doc *Document) {
	text := []rune(doc.Text)
	covered := make([]bool, len(text))
	cover := func(s, e int) {
		for i := max(s, 0); i < min(e, len(text)); i++ {
			covered[i] = true
		}
	}
	for _, r := range m.Runs {
		for _, c := range r.Children {
			if c.Kind == ChildText || c.Kind == ChildAtom {
				cover(c.Start, c.End)
			}
		}
	}
	spans := m.Blocked
	for _, s := range doc.Sections {
		for i := s.Start; s.Kind == Body && i < s.End; i++ {
			if !covered[i] && text[i] != '\n' && text[i] != '\t' {
				spans = append(spans, Span{i, i + 1})
			}
		}
	}
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	m.Blocked = nil
	for _, s := range spans {
		if n := len(m.Blocked); n > 0 && s.Start <= m.Blocked[n-1].End {
			m.Blocked[n-1].End = max(m.Blocked[n-1].End, s.End)
		} else if s.Start < s.End {
			m.Blocked = append(m.Blocked, s)
		}
	}
}

// mapParts records the zip entry names of the parts an annotator edits.
func (p *docxPackage) mapParts(rec *docxRecorder, main string, mainRels []rel) {
	rec.main = main
	rec.m.Part = p.files[main].Name
	if k := relsKey(main); p.has(k) {
		rec.m.Rels = p.files[k].Name
	}
	if p.has("[content_types].xml") {
		rec.m.ContentTypes = p.files["[content_types].xml"].Name
	}
	for _, r := range mainRels {
		if k := resolve(main, r.Target); r.Type == relComments && !r.External && p.has(k) {
			rec.m.Comments = p.files[k].Name
			return
		}
	}
}

// docxRecorder watches the walker over the main part and fills a DocxMap.
type docxRecorder struct {
	m        *DocxMap
	main     string // part key of the main part
	active   bool   // the walker is in the main part
	stack    []string
	bad      int  // open elements inside which no comment range may go
	body     int  // open w:body elements
	run      *Run // the mappable run being read
	runDepth int
	pprEnd   int64 // end of the current paragraph's w:pPr, -1 before it
}

// Elements inside which a run cannot carry a comment range.
var unmappable = map[string]bool{"r": true, "txbxContent": true, "AlternateContent": true, "del": true,
	"moveFrom": true, "oMath": true, "oMathPara": true}

// Elements whose run children may be split and surrounded by comment ranges.
var runParents = map[string]bool{"p": true, "hyperlink": true, "ins": true, "moveTo": true, "smartTag": true,
	"sdtContent": true, "fldSimple": true, "customXml": true, "dir": true, "bdo": true}

// Run children that produce text, and whether they can be split.
var textLeaves = map[string]ChildKind{"t": ChildText, "delText": ChildText, "tab": ChildAtom, "ptab": ChildAtom,
	"br": ChildAtom, "cr": ChildAtom, "noBreakHyphen": ChildAtom, "sym": ChildAtom}

// around handles one element of the main part through handle while noting
// where its text came from. The element's start tag was the last token read.
func (r *docxRecorder) around(w *wordWalker, se xml.StartElement, handle func(xml.StartElement) error) error {
	from, open, depth, start := w.x.tokStart, w.x.tokEnd, w.x.depth, w.b.pos()
	local, parent := se.Name.Local, ""
	if n := len(r.stack); n > 0 {
		parent = r.stack[n-1]
	} else {
		r.namespaces(se)
	}
	r.noteIDs(se)
	direct := r.run != nil && depth == r.runDepth+1
	saved := r.pprEnd
	switch {
	case local == "r" && r.run == nil && r.mappable(parent, se.Name.Space):
		r.run, r.runDepth = &Run{From: from, Open: open, Prefix: se.Name.Space}, depth
	case local == "body":
		r.body++
		r.m.BodyOpen, r.m.BodyPrefix = open, se.Name.Space
	case local == "p":
		r.pprEnd = -1
	}
	r.stack = append(r.stack, local)
	if unmappable[local] {
		r.bad++
	}
	err := handle(se)
	if unmappable[local] {
		r.bad--
	}
	r.stack = r.stack[:len(r.stack)-1]
	r.finish(w, se, from, open, start, parent, direct)
	if local == "p" {
		r.pprEnd = saved
	}
	return err
}

// finish records what an element produced once it has been read.
func (r *docxRecorder) finish(w *wordWalker, se xml.StartElement, from, open int64, start int, parent string, direct bool) {
	local, end, to := se.Name.Local, w.b.pos(), w.x.tokEnd
	selfClosed := w.x.tokStart == to // RawToken makes the end of <x/> from no input
	switch {
	case r.run != nil && local == "r" && from == r.run.From:
		r.run.To, r.run.Close = to, w.x.tokStart
		r.m.Runs = append(r.m.Runs, *r.run)
		r.run = nil
	case direct:
		kind, ok := textLeaves[local]
		if !ok || end == start || w.delDepth > 0 {
			kind = ChildOther
		}
		if local == "rPr" {
			kind = ChildProps
		}
		c := RunChild{From: from, To: to, Start: start, End: end, Name: qname(se.Name), Kind: kind}
		if kind == ChildText {
			c.Text = w.b.span(start, end)
		}
		r.run.Children = append(r.run.Children, c)
		if local == "textpath" && end > start {
			r.m.Blocked = append(r.m.Blocked, Span{start, end}) // WordArt is a shape, not run text
		}
		return
	case local == "body":
		r.body--
		if selfClosed {
			r.m.BodyOpen = -1
		}
	case local == "pPr" && parent == "p":
		r.pprEnd = to
	case local == "p" && r.m.FirstPara < 0 && r.bad == 0 && r.body > 0 && !selfClosed:
		r.m.FirstPara = open
		if r.pprEnd >= 0 {
			r.m.FirstPara = r.pprEnd
		}
	}
	if _, leaf := textLeaves[local]; (leaf || local == "textpath") && end > start {
		r.m.Blocked = append(r.m.Blocked, Span{start, end}) // text that is not a direct child of a mappable run
	}
}

// mappable reports whether a run with this parent and prefix can carry a comment range.
func (r *docxRecorder) mappable(parent, prefix string) bool {
	_, declared := r.m.Namespaces[prefix]
	return r.bad == 0 && r.body > 0 && runParents[parent] && declared
}

// namespaces keeps the root element's namespace declarations.
func (r *docxRecorder) namespaces(se xml.StartElement) {
	for _, a := range se.Attr {
		switch {
		case a.Name.Space == "xmlns":
			r.m.Namespaces[a.Name.Local] = a.Value
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			r.m.Namespaces[""] = a.Value
		}
	}
}

// noteIDs keeps the highest numeric w:id (comment, revision and bookmark
// ids), so that new comments get ids nobody uses.
func (r *docxRecorder) noteIDs(se xml.StartElement) {
	for _, a := range se.Attr {
		if a.Name.Local == "id" && a.Name.Space != "r" {
			if n, err := strconv.Atoi(a.Value); err == nil && n > r.m.MaxID {
				r.m.MaxID = n
			}
		}
	}
}

// qname writes a raw token name as it stood in the file.
func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}
