package docxnote

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"shenfa/sensitive/importer"
)

// Content types and relationship parts a new comments part needs.
const (
	ctComments = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
	ctRels     = "application/vnd.openxmlformats-package.relationships+xml"
	nsRels     = "http://schemas.openxmlformats.org/package/2006/relationships"
	xmlHead    = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n"
)

// pkg is the zip being annotated; the importer has already checked it against its limits.
type pkg struct {
	zr     *zip.Reader
	byName map[string]*zip.File
	keys   map[string]bool // names as a consumer might fold them, to avoid collisions
}

func openPackage(data []byte) (*pkg, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("docxnote: read zip: %w", err)
	}
	p := &pkg{zr: zr, byName: map[string]*zip.File{}, keys: map[string]bool{}}
	for _, f := range zr.File {
		p.byName[f.Name] = f
		p.keys[foldName(f.Name)] = true
	}
	return p, nil
}

func foldName(name string) string {
	return strings.ToLower(strings.TrimLeft(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// read inflates one entry, within the importer's per-part limit.
func (p *pkg) read(name string) ([]byte, error) {
	f := p.byName[name]
	if f == nil {
		return nil, fmt.Errorf("docxnote: no part %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("docxnote: open %s: %w", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, importer.MaxDocxPartSize+1))
	if err == nil && len(data) > importer.MaxDocxPartSize {
		err = errors.New("part too large")
	}
	if err != nil {
		return nil, fmt.Errorf("docxnote: read %s: %w", name, err)
	}
	return data, nil
}

// root is the outermost element of a part.
type root struct {
	name       string            // qualified, as written
	prefix     string            // its namespace prefix
	ns         map[string]string // namespace declarations on it
	open       int64             // end of its start tag
	close      int64             // start of its end tag
	selfClosed bool
}

// parseRoot finds a part's root element and calls each for every start tag.
func parseRoot(name string, data []byte, each func(xml.StartElement)) (root, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var r root
	depth := 0
	for {
		before := d.InputOffset()
		tok, err := d.RawToken()
		if err == io.EOF && r.name != "" && depth == 0 {
			return r, nil
		}
		if err != nil {
			return r, fmt.Errorf("docxnote: %s: %w", name, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return r, fmt.Errorf("docxnote: %s declares a DTD", name)
		case xml.StartElement:
			if depth == 0 {
				if r.name != "" {
					return r, fmt.Errorf("docxnote: %s has two root elements", name)
				}
				r = root{name: qname(t.Name), prefix: t.Name.Space, ns: declarations(t), open: d.InputOffset()}
			}
			depth++
			each(t)
		case xml.EndElement:
			depth--
			if depth == 0 {
				r.close, r.selfClosed = before, before == d.InputOffset()
			}
		}
	}
}

func declarations(se xml.StartElement) map[string]string {
	ns := map[string]string{}
	for _, a := range se.Attr {
		switch {
		case a.Name.Space == "xmlns":
			ns[a.Name.Local] = a.Value
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			ns[""] = a.Value
		}
	}
	return ns
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// appendInto adds inner at the end of the root element's content.
func appendInto(data []byte, r root, inner string) []byte {
	var out []byte
	if r.selfClosed { // <x …/> becomes <x …>inner</x>
		out = append(out, data[:r.open-2]...)
		out = append(out, '>')
		out = append(out, inner...)
		out = append(out, "</"+r.name+">"...)
		return append(out, data[r.open:]...)
	}
	out = append(out, data[:r.close]...)
	out = append(out, inner...)
	return append(out, data[r.close:]...)
}

// elemPrefix is the prefix of an element in the root's own namespace.
func (r root) elemPrefix() string {
	if r.prefix == "" {
		return ""
	}
	return r.prefix + ":"
}

// comments is the comments part the document already relates to, if any.
type comments struct {
	name  string // zip entry, "" when a new part is needed
	data  []byte
	root  root
	maxID int
}

func (p *pkg) existingComments(m *importer.DocxMap) (comments, error) {
	if m.Comments == "" {
		return comments{}, nil
	}
	data, err := p.read(m.Comments)
	if err != nil {
		return comments{}, err
	}
	c := comments{name: m.Comments, data: data}
	c.root, err = parseRoot(m.Comments, data, func(se xml.StartElement) {
		if se.Name.Local == "comment" {
			c.maxID = max(c.maxID, atoi(attrValue(se, "id")))
		}
	})
	return c, err
}

func attrValue(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// atoi reads a non-negative decimal, 0 for anything else.
func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' || n > 1<<30 {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// freeName picks a part name in dir not used by any entry, however folded.
func (p *pkg) freeName(dir, base, ext string) string {
	for i := 0; ; i++ {
		name := base + ext
		if i > 0 {
			name = fmt.Sprintf("%s%d%s", base, i, ext)
		}
		if full := path.Join(dir, name); !p.keys[foldName(full)] {
			return full
		}
	}
}
