package importer

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// wordWalker turns WordprocessingML parts into text. Body text goes to the
// builder; text inside tracked deletions goes to deleted instead.
type wordWalker struct {
	b                     *builder
	styles                *hiddenStyles
	x                     *xmlReader
	rels                  map[string]string // external targets of the current part by r:id
	used                  map[string]bool   // relsPart#id already shown as a link with text
	relsKey               string
	deleted               []string
	delBuf                strings.Builder
	delDepth, insDepth    int
	paraHidden, runHidden bool
	fields                []field
	rec                   *docxRecorder // nil unless mapping (MapDOCX)
}

// field is an open complex field (w:fldChar begin … separate … end).
type field struct {
	instr string
	start int // where the displayed result starts, -1 before separate
}

// walkPart renders one part; rels are that part's relationships.
func (w *wordWalker) walkPart(p *docxPackage, key string, rels []rel) error {
	rc, err := p.open(key)
	if err != nil {
		return err
	}
	defer rc.Close()
	p.parsed[key] = true
	w.x = newXMLReader(rc, key)
	w.relsKey = relsKey(key)
	w.rels = map[string]string{}
	for _, r := range rels {
		if r.External {
			w.rels[r.ID] = r.Target
		}
	}
	w.fields = nil
	if w.rec != nil {
		w.rec.active = key == w.rec.main
	}
	err = w.children()
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return err
}

// children handles elements up to the end of the current one.
func (w *wordWalker) children() error {
	for {
		tok, err := w.x.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := w.element(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// inner is children for an element that must be closed: EOF inside it is damage.
func (w *wordWalker) inner() error { return eofIsCorrupt(w.children(), w.x.part) }

func (w *wordWalker) emit(s string) {
	if w.delDepth > 0 {
		w.delBuf.WriteString(s)
		return
	}
	w.b.write(s)
}

func (w *wordWalker) element(se xml.StartElement) error {
	if w.rec != nil && w.rec.active {
		return w.rec.around(w, se, w.handle)
	}
	return w.handle(se)
}

// handle renders one element whose start tag was just read, through its end.
func (w *wordWalker) handle(se xml.StartElement) error {
	switch se.Name.Local {
	case "p":
		return w.paragraph()
	case "r":
		return w.run()
	case "t", "delText":
		s, err := w.x.text(ownText)
		w.emit(s)
		return err
	case "instrText":
		s, err := w.x.text(ownText)
		if n := len(w.fields); n > 0 {
			w.fields[n-1].instr += s
		}
		return err
	case "tab", "ptab":
		w.emit("\t")
	case "br", "cr":
		w.emit("\n")
	case "noBreakHyphen":
		w.emit("-")
	case "sym":
		w.symbol(se)
	case "fldChar":
		w.fieldChar(attr(se, "fldCharType"))
	case "textpath":
		w.boxed(attr(se, "string"))
	case "pPr":
		return w.paraProps()
	case "rPr":
		return w.runProps()
	default:
		return w.container(se)
	}
	return w.x.skip()
}

// container handles elements that wrap other content.
func (w *wordWalker) container(se xml.StartElement) error {
	switch se.Name.Local {
	case "del", "moveFrom":
		return w.deletion()
	case "ins", "moveTo":
		return w.insertion()
	case "tc":
		err := w.inner()
		w.b.replaceLast('\n', '\t')
		return err
	case "tr":
		err := w.inner()
		w.b.replaceLast('\t', '\n')
		return err
	case "txbxContent":
		return w.textBox()
	case "AlternateContent":
		return w.alternate()
	case "hyperlink":
		return w.hyperlink(se)
	case "fldSimple":
		return w.simpleField(attr(se, "instr"))
	case "footnote", "endnote":
		switch attr(se, "type") {
		case "separator", "continuationSeparator", "continuationNotice":
			return w.x.skip()
		}
	case "comment":
		w.b.newline()
		if a := strings.TrimSpace(attr(se, "author")); a != "" {
			w.emit(a + "：") // full-width: the line is checked as Chinese text
		}
	case "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "binData", "fldData", "delInstrText", "docPartPr":
		return w.x.skip()
	}
	return w.inner()
}

// paragraph ends every w:p with a line break, empty ones included.
func (w *wordWalker) paragraph() error {
	saved := w.paraHidden
	w.paraHidden = w.styles.isHidden("")
	err := w.inner()
	w.emit("\n")
	w.paraHidden = saved
	return err
}

// run marks hidden runs once their properties are known.
func (w *wordWalker) run() error {
	saved := w.runHidden
	w.runHidden = w.paraHidden
	start := w.b.pos()
	err := w.inner()
	if w.runHidden && w.delDepth == 0 {
		w.b.mark(Hidden, start, w.b.pos())
	}
	w.runHidden = saved
	return err
}

// paraProps reads only the paragraph style (the paragraph mark's own rPr is not text).
func (w *wordWalker) paraProps() error {
	return w.props(func(se xml.StartElement) {
		if se.Name.Local == "pStyle" {
			w.paraHidden = w.styles.isHidden(attr(se, "val"))
		}
	})
}

// runProps reads the run's style and vanish settings.
func (w *wordWalker) runProps() error {
	return w.props(func(se xml.StartElement) {
		switch se.Name.Local {
		case "rStyle":
			w.runHidden = w.runHidden || w.styles.isHidden(attr(se, "val"))
		case "vanish", "specVanish":
			w.runHidden = isOn(se)
		}
	})
}

// props calls fn on each direct child of a properties element and skips the rest.
func (w *wordWalker) props(fn func(xml.StartElement)) error {
	for {
		tok, err := w.x.next()
		if err != nil {
			return eofIsCorrupt(err, w.x.part)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			fn(t)
			if err := w.x.skip(); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// deletion sends tracked-deleted text to the Deleted section, one line per w:del.
func (w *wordWalker) deletion() error {
	w.delDepth++
	err := w.inner()
	w.delDepth--
	if w.delDepth == 0 {
		if s := strings.TrimSpace(w.delBuf.String()); s != "" {
			w.deleted = append(w.deleted, s)
		}
		w.delBuf.Reset()
	}
	return err
}

func (w *wordWalker) insertion() error {
	start := w.b.pos()
	err := w.inner()
	if w.delDepth == 0 {
		w.b.mark(Inserted, start, w.b.pos())
	}
	return err
}

// textBox puts a text box on lines of its own where it is anchored.
func (w *wordWalker) textBox() error {
	if w.delDepth > 0 {
		return w.inner()
	}
	w.b.newline()
	start := w.b.pos()
	err := w.inner()
	end := w.b.pos()
	if w.b.last() == '\n' && end > start {
		end--
	}
	w.b.mark(TextBox, start, end)
	w.b.newline()
	return err
}

// boxed writes shape text given as an attribute (WordArt, watermarks) like a text box.
func (w *wordWalker) boxed(s string) {
	if s = strings.TrimSpace(s); s == "" {
		return
	}
	if w.delDepth > 0 {
		w.emit(s + "\n")
		return
	}
	w.b.newline()
	start := w.b.pos()
	w.b.write(s)
	w.b.mark(TextBox, start, w.b.pos())
	w.b.write("\n")
}

// alternate takes the first mc:Choice, or the mc:Fallback when there is no
// choice: both hold the same content, and taking both would double it.
func (w *wordWalker) alternate() error {
	taken := false
	for {
		tok, err := w.x.next()
		if err != nil {
			return eofIsCorrupt(err, w.x.part)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if taken || (t.Name.Local != "Choice" && t.Name.Local != "Fallback") {
				err = w.x.skip()
			} else {
				taken = true
				err = w.inner()
			}
			if err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

func (w *wordWalker) hyperlink(se xml.StartElement) error {
	id := attr(se, "id")
	start := w.b.pos()
	err := w.inner()
	if target, ok := w.rels[id]; ok {
		w.used[w.relsKey+"#"+id] = true
		w.addLink(target, start)
	}
	return err
}

// addLink records a link whose text started at start; deleted text has no span.
func (w *wordWalker) addLink(target string, start int) {
	if w.delDepth > 0 {
		start = w.b.pos()
	}
	w.b.link(target, start, w.b.pos())
}

func (w *wordWalker) simpleField(instr string) error {
	start := w.b.pos()
	err := w.inner()
	if url := hyperlinkTarget(instr); url != "" {
		w.addLink(url, start)
	}
	return err
}

func (w *wordWalker) fieldChar(kind string) {
	n := len(w.fields)
	switch {
	case kind == "begin":
		w.fields = append(w.fields, field{start: -1})
	case kind == "separate" && n > 0:
		w.fields[n-1].start = w.b.pos()
	case kind == "end" && n > 0:
		f := w.fields[n-1]
		w.fields = w.fields[:n-1]
		if url := hyperlinkTarget(f.instr); url != "" {
			if f.start < 0 {
				f.start = w.b.pos()
			}
			w.addLink(url, f.start)
		}
	}
}

// hyperlinkTarget extracts the URL of a HYPERLINK field; \l marks an internal bookmark.
func hyperlinkTarget(instr string) string {
	f := strings.Fields(instr)
	if len(f) < 2 || !strings.EqualFold(f[0], "HYPERLINK") {
		return ""
	}
	for _, s := range f[1:] {
		if s == `\l` {
			return ""
		}
		if !strings.HasPrefix(s, `\`) {
			if q := strings.Index(instr, `"`); q >= 0 {
				if e := strings.Index(instr[q+1:], `"`); e >= 0 {
					return instr[q+1 : q+1+e]
				}
			}
			return strings.Trim(s, `"`)
		}
	}
	return ""
}

// symbol writes a w:sym character when it is a real Unicode character; the
// symbol-font private-use range (F000–F0FF) has no Unicode meaning.
func (w *wordWalker) symbol(se xml.StartElement) {
	c, err := strconv.ParseUint(attr(se, "char"), 16, 32)
	r := rune(c)
	if err != nil || r < 0x20 || (r >= 0xE000 && r <= 0xF8FF) || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF) {
		return
	}
	w.emit(string(r))
}
