package importer

import (
	"encoding/xml"
	"errors"
	"io"
	"path"
	"sort"
	"strings"
)

// maxXMLDepth bounds element nesting; Word nests about 30 deep (tables in
// tables), and recursion on hostile nesting must not exhaust the stack.
const maxXMLDepth = 256

// xmlReader reads raw tokens (no namespace work: names are matched by local
// name, which also covers Strict OOXML) and refuses DTDs.
type xmlReader struct {
	d     *xml.Decoder
	part  string
	depth int
	// tokStart and tokEnd are the byte offsets of the last token in the
	// part; MapDOCX uses them to find text nodes again.
	tokStart, tokEnd int64
}

func newXMLReader(r io.Reader, part string) *xmlReader {
	d := xml.NewDecoder(r)
	d.Strict = true
	return &xmlReader{d: d, part: part}
}

// next returns the next token; io.EOF only at the end of a well-formed part.
func (x *xmlReader) next() (xml.Token, error) {
	x.tokStart = x.d.InputOffset()
	tok, err := x.d.RawToken()
	x.tokEnd = x.d.InputOffset()
	if err == io.EOF && x.depth > 0 {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		if err == io.EOF {
			return nil, err
		}
		return nil, asRefusal(err, "invalid XML in "+x.part)
	}
	switch tok.(type) {
	case xml.Directive:
		return nil, refuse(ReasonDoctype, x.part, nil)
	case xml.StartElement:
		x.depth++
		if x.depth > maxXMLDepth {
			return nil, refuse(ReasonCorrupt, "XML nested too deeply in "+x.part, nil)
		}
	case xml.EndElement:
		x.depth--
		if x.depth < 0 {
			return nil, refuse(ReasonCorrupt, "unbalanced XML in "+x.part, nil)
		}
	}
	return tok, nil
}

// skip consumes the rest of the element whose start was just read.
func (x *xmlReader) skip() error {
	for stop := x.depth - 1; x.depth > stop; {
		if _, err := x.next(); err != nil {
			return eofIsCorrupt(err, x.part)
		}
	}
	return nil
}

// Which character data text collects.
const (
	ownText  = false // the element's own text, skipping its children
	deepText = true  // all text below the element
)

// text returns the character data of the element just started.
func (x *xmlReader) text(deep bool) (string, error) {
	var sb strings.Builder
	for stop := x.depth - 1; x.depth > stop; {
		tok, err := x.next()
		if err != nil {
			return "", eofIsCorrupt(err, x.part)
		}
		if cd, ok := tok.(xml.CharData); ok && (deep || x.depth == stop+1) {
			sb.Write(cd)
		}
	}
	return sb.String(), nil
}

func eofIsCorrupt(err error, part string) error {
	if err == io.EOF {
		return refuse(ReasonCorrupt, "truncated XML in "+part, io.ErrUnexpectedEOF)
	}
	return err
}

// attr returns the value of the attribute with the given local name.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// isOn reads an OOXML on/off property: present means on unless val says off.
func isOn(se xml.StartElement) bool {
	switch attr(se, "val") {
	case "0", "false", "off":
		return false
	}
	return true
}

// rel is one relationship from a .rels part.
type rel struct {
	ID, Type, Target string
	External         bool
}

// relsKey names the .rels part that belongs to a part.
func relsKey(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

// readRels reads a .rels part; a missing one is no relationships.
func (p *docxPackage) readRels(key string) ([]rel, error) {
	if !p.has(key) {
		return nil, nil
	}
	rc, err := p.open(key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	p.parsed[key] = true
	x := newXMLReader(rc, key)
	var out []rel
	for {
		tok, err := x.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" {
			out = append(out, rel{
				ID: attr(se, "Id"), Type: path.Base(attr(se, "Type")), Target: attr(se, "Target"),
				External: strings.EqualFold(attr(se, "TargetMode"), "External"),
			})
		}
	}
}

// resolve turns a relationship target into a part key.
func resolve(source, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return partKey(path.Clean(target))
	}
	return partKey(path.Join(path.Dir(source), target))
}

// relParts lists the internal parts a source part points to with the given type,
// plus parts named like prefix*.xml in the source's folder.
func (p *docxPackage) relParts(source string, rels []rel, typ, prefix string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(k string) {
		if !seen[k] && p.has(k) && k != source {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, r := range rels {
		if !r.External && r.Type == typ {
			add(resolve(source, r.Target))
		}
	}
	if prefix != "" {
		dir := path.Dir(source) + "/"
		for _, k := range p.names {
			base := strings.TrimPrefix(k, dir)
			if base != k && !strings.Contains(base, "/") && strings.HasPrefix(base, prefix) && strings.HasSuffix(base, ".xml") {
				add(k)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return naturalLess(out[i], out[j]) })
	return out
}

// naturalLess orders header2.xml before header10.xml.
func naturalLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}
