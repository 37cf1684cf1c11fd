package docxnote

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// when is the date every test comment carries.
var when = time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)

type entry struct{ name, data string }

const (
	xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsDecl  = ` xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"` +
		` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	types = xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`</Types>`
	pkgRels = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`</Relationships>`
)

func wordDoc(body string) string {
	return xmlDecl + `<w:document` + nsDecl + `><w:body>` + body + `<w:sectPr/></w:body></w:document>`
}

func para(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

// docx builds a package whose body is body, plus extra entries.
func docx(t testing.TB, body string, extra ...entry) []byte {
	t.Helper()
	return docxEntries(t, append([]entry{{"[Content_Types].xml", types}, {"_rels/.rels", pkgRels},
		{"word/document.xml", wordDoc(body)}}, extra...))
}

// docxEntries zips entries in order; docProps/ entries are stored, the others deflated.
func docxEntries(t testing.TB, entries []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		method := zip.Deflate
		if strings.HasPrefix(e.name, "docProps/") {
			method = zip.Store // so that copying keeps a stored entry stored
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: method, Modified: when})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// at makes a finding on the only occurrence of s in text.
func at(t testing.TB, text, s string) finding.Finding {
	t.Helper()
	if strings.Count(text, s) != 1 {
		t.Fatalf("%q occurs %d times in %q", s, strings.Count(text, s), text)
	}
	start := utf8.RuneCountInString(text[:strings.Index(text, s)])
	return finding.Finding{Start: start, End: start + utf8.RuneCountInString(s), Text: s,
		Category: finding.Typo, Severity: finding.Warn, Rule: "test", Message: "“" + s + "”有误。", Suggestion: "某某"}
}

// annotated imports data, places findings on the given strings and annotates.
func annotated(t testing.TB, data []byte, spans ...string) (*importer.Document, []finding.Finding, *Result) {
	t.Helper()
	doc, err := importer.Import("a.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	var fs []finding.Finding
	for _, s := range spans {
		fs = append(fs, at(t, doc.Text, s))
	}
	res, err := Annotate("a.docx", data, doc.Text, fs, Options{Now: when})
	if err != nil {
		t.Fatalf("annotate %q: %v", spans, err)
	}
	return doc, fs, res
}

func unzip(t testing.TB, data []byte) (*zip.Reader, map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return zr, parts
}

// ranges finds each comment's range markers and reference in the main part, by byte offset.
type ranges struct{ start, end, ref map[int][]int64 }

func readRanges(t testing.TB, xmlData []byte) ranges {
	t.Helper()
	r := ranges{map[int][]int64{}, map[int][]int64{}, map[int][]int64{}}
	d := xml.NewDecoder(bytes.NewReader(xmlData))
	for {
		off := d.InputOffset()
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return r
		}
		if err != nil {
			t.Fatalf("annotated XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		id, _ := strconv.Atoi(attrValue(se, "id"))
		switch se.Name.Local {
		case "commentRangeStart":
			r.start[id] = append(r.start[id], off)
		case "commentRangeEnd":
			r.end[id] = append(r.end[id], off)
		case "commentReference":
			r.ref[id] = append(r.ref[id], off)
		}
	}
}

// commented reads an annotated file back through the importer: for each
// comment Shenfa wrote, the text between its range markers (code points of the
// pieces of run text after the start and before the end).
func commented(t testing.TB, data []byte) map[int]string {
	t.Helper()
	doc, m, err := importer.MapDOCX("out.docx", data)
	if err != nil || m == nil {
		t.Fatalf("annotated file does not import: %v", err)
	}
	_, parts := unzip(t, data)
	r := readRanges(t, parts[m.Part])
	text := []rune(doc.Text)
	out := map[int]string{}
	for id := range newComments(t, data) {
		starts := r.start[id]
		if len(starts) != 1 || len(r.end[id]) != 1 || len(r.ref[id]) != 1 || !(starts[0] < r.end[id][0] && r.end[id][0] < r.ref[id][0]) {
			t.Errorf("comment %d: starts %v, ends %v, references %v", id, starts, r.end[id], r.ref[id])
			continue
		}
		from, to := -1, -1
		for _, run := range m.Runs {
			for _, c := range run.Children {
				if c.Kind != importer.ChildText && c.Kind != importer.ChildAtom || c.End == c.Start {
					continue
				}
				if c.From >= starts[0] && from < 0 {
					from = c.Start
				}
				if c.To <= r.end[id][0] {
					to = c.End
				}
			}
		}
		if from >= 0 && to > from {
			out[id] = string(text[from:min(to, len(text))])
		} else {
			out[id] = ""
		}
	}
	return out
}

// newComments returns the text of the comments Shenfa wrote, by id.
func newComments(t testing.TB, data []byte) map[int]string {
	t.Helper()
	_, parts := unzip(t, data)
	var c struct {
		Comments []struct {
			ID     int    `xml:"id,attr"`
			Author string `xml:"author,attr"`
			Date   string `xml:"date,attr"`
			Paras  []struct {
				Texts []string `xml:"r>t"`
			} `xml:"p"`
		} `xml:"comment"`
	}
	for name, p := range parts {
		if strings.HasPrefix(name, "word/comments") {
			if err := xml.Unmarshal(p, &c); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	}
	out := map[int]string{}
	for _, x := range c.Comments {
		if x.Author != Author {
			continue
		}
		if x.Date != "2026-12-01T08:30:00Z" {
			t.Errorf("comment %d dated %q", x.ID, x.Date)
		}
		var lines []string
		for _, p := range x.Paras {
			lines = append(lines, strings.Join(p.Texts, ""))
		}
		out[x.ID] = strings.Join(lines, "\n")
	}
	return out
}

// raw returns an entry's compressed bytes.
func raw(t testing.TB, f *zip.File) []byte {
	t.Helper()
	r, err := f.OpenRaw()
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
