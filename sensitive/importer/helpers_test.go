package importer

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// zipEntry is one file of a test zip.
type zipEntry struct {
	name string
	data string
}

// makeZip builds a zip with fixed timestamps so fixtures regenerate identically.
func makeZip(t testing.TB, entries []zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{
			Name: e.name, Method: zip.Deflate, Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	nsDecl = ` xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"` +
		` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"` +
		` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"` +
		` xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"` +
		` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
		` xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"`
	xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	relNS   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
)

// para is a one-run paragraph.
func para(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// wordDoc wraps body XML in a w:document.
func wordDoc(body string) string {
	return xmlHead + `<w:document` + nsDecl + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`
}

const contentTypes = xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`</Types>`

const pkgRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="` + relNS + `officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + relNS + `extended-properties" Target="docProps/app.xml"/>` +
	`<Relationship Id="rId4" Type="` + relNS + `custom-properties" Target="docProps/custom.xml"/>` +
	`</Relationships>`

// minimalDocx is the smallest docx Word opens, with the given body.
func minimalDocx(body string) []zipEntry {
	return []zipEntry{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", pkgRels},
		{"word/document.xml", wordDoc(body)},
	}
}

// span returns the code point span of the only occurrence of sub in text.
func span(t testing.TB, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 || strings.Count(text, sub) != 1 {
		t.Fatalf("%q occurs %d times in %q", sub, strings.Count(text, sub), text)
	}
	start := utf8.RuneCountInString(text[:i])
	return start, start + utf8.RuneCountInString(sub)
}
