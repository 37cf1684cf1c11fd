package docxnote

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"path"
	"strings"
	"time"

	"shenfa/sensitive/importer"
)

// note is one comment to add: its id and its paragraphs.
type note struct {
	id    int
	lines []string
}

// write builds the annotated package: the changed parts in place of the
// old ones, every other entry copied as it was, new parts at the end.
func (p *pkg) write(m *importer.DocxMap, main []byte, c comments, notes []note, now time.Time) ([]byte, error) {
	changed := map[string][]byte{m.Part: main}
	var added []string
	uri := wordNS(m)
	if c.name != "" {
		k := inNamespace(c.root.ns, uri)
		changed[c.name] = appendInto(c.data, c.root, commentElements(notes, k, now))
	} else {
		name := p.freeName(path.Dir(m.Part), "comments", ".xml")
		changed[name] = []byte(xmlHead + `<w:comments xmlns:w="` + escape(uri) + `">` +
			commentElements(notes, markup{pfx: "w:"}, now) + `</w:comments>`)
		added = append(added, name)
		relsName, rels, isNew, err := p.relate(m, path.Base(name), uri)
		if err != nil {
			return nil, err
		}
		changed[relsName] = rels
		if isNew {
			added = append(added, relsName)
		}
		if m.ContentTypes != "" {
			types, err := p.declareTypes(m.ContentTypes, name, relsName, isNew)
			if err != nil {
				return nil, err
			}
			changed[m.ContentTypes] = types
		}
	}
	return p.zip(changed, added, now)
}

// commentElements writes the w:comment elements of the notes.
func commentElements(notes []note, k markup, now time.Time) string {
	var b strings.Builder
	date := now.UTC().Format("2006-01-02T15:04:05Z")
	w := k.pfx
	for _, n := range notes {
		fmt.Fprintf(&b, `<%scomment%s %sid="%d" %sauthor="%s" %sdate="%s" %sinitials="%s">`,
			w, k.decl, w, n.id, w, escape(Author), w, date, w, escape(initials))
		for _, line := range n.lines {
			fmt.Fprintf(&b, `<%sp><%sr><%st xml:space="preserve">%s</%st></%sr></%sp>`, w, w, w, escape(line), w, w, w)
		}
		b.WriteString("</" + w + "comment>")
	}
	return b.String()
}

// relate adds the comments relationship to the main part's .rels, creating
// that part when the package has none.
func (p *pkg) relate(m *importer.DocxMap, target, uri string) (name string, data []byte, isNew bool, err error) {
	typ := relComments
	if uri == nsWordStrict {
		typ = relCommentsStr
	}
	if m.Rels == "" {
		name = path.Join(path.Dir(m.Part), "_rels", path.Base(m.Part)+".rels")
		return name, []byte(xmlHead + `<Relationships xmlns="` + nsRels + `">` +
			relationship("", "rId1", typ, target) + `</Relationships>`), true, nil
	}
	if data, err = p.read(m.Rels); err != nil {
		return "", nil, false, err
	}
	ids := map[string]bool{}
	r, err := parseRoot(m.Rels, data, func(se xml.StartElement) {
		if se.Name.Local == "Relationship" {
			ids[attrValue(se, "Id")] = true
		}
	})
	if err != nil {
		return "", nil, false, err
	}
	id := ""
	for i := len(ids) + 1; id == "" || ids[id]; i++ {
		id = fmt.Sprintf("rId%d", i)
	}
	return m.Rels, appendInto(data, r, relationship(r.elemPrefix(), id, typ, target)), false, nil
}

func relationship(pfx, id, typ, target string) string {
	return fmt.Sprintf(`<%sRelationship Id="%s" Type="%s" Target="%s"/>`, pfx, id, typ, escape(target))
}

// declareTypes gives the new comments part (and a new .rels part, when no
// default covers it) a content type.
func (p *pkg) declareTypes(name, comments, rels string, newRels bool) ([]byte, error) {
	data, err := p.read(name)
	if err != nil {
		return nil, err
	}
	overrides, defaults := map[string]bool{}, map[string]bool{}
	r, err := parseRoot(name, data, func(se xml.StartElement) {
		switch se.Name.Local {
		case "Override":
			overrides[foldName(attrValue(se, "PartName"))] = true
		case "Default":
			defaults[strings.ToLower(attrValue(se, "Extension"))] = true
		}
	})
	if err != nil {
		return nil, err
	}
	var add strings.Builder
	override := func(part, typ string) {
		if !overrides[foldName(part)] {
			fmt.Fprintf(&add, `<%sOverride PartName="/%s" ContentType="%s"/>`, r.elemPrefix(), escape(part), typ)
		}
	}
	override(comments, ctComments)
	if newRels && !defaults["rels"] {
		override(rels, ctRels)
	}
	return appendInto(data, r, add.String()), nil
}

// zip writes the package: entries in their order, unchanged ones copied
// raw (same bytes, same compression), changed ones recompressed with their
// own method, added ones deflated at the end.
func (p *pkg) zip(changed map[string][]byte, added []string, now time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range p.zr.File {
		data, ok := changed[f.Name]
		if !ok {
			if err := zw.Copy(f); err != nil {
				return nil, fmt.Errorf("docxnote: copy %s: %w", f.Name, err)
			}
			continue
		}
		method := f.Method
		if method != zip.Store {
			method = zip.Deflate
		}
		fh := &zip.FileHeader{Name: f.Name, Comment: f.Comment, Method: method, Modified: f.Modified,
			CreatorVersion: f.CreatorVersion, ExternalAttrs: f.ExternalAttrs, NonUTF8: f.NonUTF8}
		if err := writeEntry(zw, fh, data); err != nil {
			return nil, err
		}
	}
	for _, name := range added {
		if err := writeEntry(zw, &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: now}, changed[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.SetComment(p.zr.Comment); err != nil {
		return nil, fmt.Errorf("docxnote: zip comment: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("docxnote: write zip: %w", err)
	}
	return buf.Bytes(), nil
}

func writeEntry(zw *zip.Writer, fh *zip.FileHeader, data []byte) error {
	w, err := zw.CreateHeader(fh)
	if err == nil {
		_, err = w.Write(data)
	}
	if err != nil {
		return fmt.Errorf("docxnote: write %s: %w", fh.Name, err)
	}
	return nil
}
