package importer

import (
	"path"
	"strings"
)

// Relationship types (last path element of the Type URI) the importer follows.
const (
	relOfficeDocument = "officeDocument"
	relHeader         = "header"
	relFooter         = "footer"
	relFootnotes      = "footnotes"
	relEndnotes       = "endnotes"
	relComments       = "comments"
	relStyles         = "styles"
	relCore           = "core-properties"
	relApp            = "extended-properties"
	relCustom         = "custom-properties"
)

// importDOCX extracts every kind of text a docx carries, in SectionKind order.
// Tables: cells are separated by a tab, rows end with a line break, and
// paragraphs inside a cell are separated by a line break.
// rec, when not nil, maps the body text back to the XML (MapDOCX).
func importDOCX(name string, data []byte, rec *docxRecorder) (*Document, error) {
	p, err := openDocx(data)
	if err != nil {
		return nil, err
	}
	if err := p.checkMacros(name); err != nil {
		return nil, err
	}
	pkgRels, err := p.readRels("_rels/.rels")
	if err != nil {
		return nil, err
	}
	main, err := p.mainPart(pkgRels)
	if err != nil {
		return nil, err
	}
	b := &builder{}
	if err := p.extract(b, main, pkgRels, rec); err != nil {
		return nil, err
	}
	if err := p.scanUnparsed(); err != nil {
		return nil, err
	}
	return b.document(DOCX, encUTF8)
}

// mainPart finds the main document through the package relationships, or by its usual name.
func (p *docxPackage) mainPart(pkgRels []rel) (string, error) {
	for _, r := range pkgRels {
		if r.Type == relOfficeDocument && !r.External {
			if k := resolve("", r.Target); p.has(k) && strings.HasSuffix(k, ".xml") {
				return k, nil
			}
		}
	}
	if p.has("word/document.xml") {
		return "word/document.xml", nil
	}
	return "", refuse(ReasonUnsupported, p.guessKind(), nil)
}

// guessKind names what a zip that is not a Word document probably is.
func (p *docxPackage) guessKind() string {
	switch {
	case p.has("xl/workbook.xml"):
		return "Excel workbook"
	case p.has("ppt/presentation.xml"):
		return "PowerPoint presentation"
	case p.has("mimetype"):
		return "OpenDocument or OFD file"
	}
	return "zip archive without word/document.xml"
}

// extract writes the sections in order: body, headers, footers, notes,
// comments, deletions, properties.
func (p *docxPackage) extract(b *builder, main string, pkgRels []rel, rec *docxRecorder) error {
	mainRels, err := p.readRels(relsKey(main))
	if err != nil {
		return err
	}
	if rec != nil {
		p.mapParts(rec, main, mainRels)
	}
	styles, err := p.readStyles(p.firstPart(main, mainRels, relStyles, path.Join(path.Dir(main), "styles.xml")))
	if err != nil {
		return err
	}
	w := &wordWalker{b: b, styles: styles, used: map[string]bool{}, rec: rec}
	parts := []struct {
		kind  SectionKind
		parts []string
	}{
		{Body, []string{main}},
		{Header, p.relParts(main, mainRels, relHeader, "header")},
		{Footer, p.relParts(main, mainRels, relFooter, "footer")},
		{Footnote, p.relParts(main, mainRels, relFootnotes, "footnotes")},
		{Endnote, p.relParts(main, mainRels, relEndnotes, "endnotes")},
		{Comment, p.relParts(main, mainRels, relComments, "comments")},
	}
	for _, s := range parts {
		if err := p.section(w, s.kind, s.parts); err != nil {
			return err
		}
	}
	writeLines(b, Deleted, w.deleted)
	if err := p.properties(b, pkgRels); err != nil {
		return err
	}
	return p.otherLinks(b, w.used)
}

// section renders the parts of one section, each starting on a new line.
func (p *docxPackage) section(w *wordWalker, kind SectionKind, parts []string) error {
	start := w.b.beginSection()
	for _, part := range parts {
		rels, err := p.readRels(relsKey(part))
		if err != nil {
			return err
		}
		w.b.newline()
		if err := w.walkPart(p, part, rels); err != nil {
			return err
		}
	}
	w.b.endSection(kind, start)
	return nil
}

// writeLines writes a section made of separate lines.
func writeLines(b *builder, kind SectionKind, lines []string) {
	start := b.beginSection()
	for _, l := range lines {
		b.newline()
		b.write(l)
	}
	b.endSection(kind, start)
}

// firstPart returns the first internal target of a relationship type, or a fallback name.
func (p *docxPackage) firstPart(source string, rels []rel, typ, fallback string) string {
	if parts := p.relParts(source, rels, typ, ""); len(parts) > 0 {
		return parts[0]
	}
	return fallback
}

// properties adds document properties to Document.Properties and as "name: value" lines.
func (p *docxPackage) properties(b *builder, pkgRels []rel) error {
	props, err := p.readProperties(
		p.firstPart("", pkgRels, relCore, "docprops/core.xml"),
		p.firstPart("", pkgRels, relApp, "docprops/app.xml"),
		p.firstPart("", pkgRels, relCustom, "docprops/custom.xml"),
	)
	if err != nil {
		return err
	}
	b.props = props
	lines := make([]string, len(props))
	for i, pr := range props {
		lines[i] = pr.Name + "：" + pr.Value // full-width: the line is checked as Chinese text
	}
	writeLines(b, Properties, lines)
	return nil
}

// otherLinks lists external relationships not already shown as linked text:
// linked images, attached templates, unused hyperlinks. They travel with the file.
func (p *docxPackage) otherLinks(b *builder, used map[string]bool) error {
	for _, key := range p.names {
		if !strings.HasSuffix(key, ".rels") {
			continue
		}
		rels, err := p.readRels(key)
		if err != nil {
			return err
		}
		for _, r := range rels {
			if r.External && !used[key+"#"+r.ID] {
				b.link(r.Target, 0, 0)
			}
		}
	}
	return nil
}
