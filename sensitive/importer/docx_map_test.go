package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// mainPart inflates the main part of a test docx.
func mainPart(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no %s", name)
	return nil
}

// checkMap holds a DocxMap to its promises: every run child's bytes are
// that element and its text is the text at its offsets, and every body
// character is mapped, blocked, or a line or cell break the importer made.
func checkMap(t testing.TB, doc *Document, m *DocxMap, xmlData []byte) {
	t.Helper()
	text := []rune(doc.Text)
	covered := make([]bool, len(text))
	for _, r := range m.Runs {
		if r.From > r.Open || r.Open > r.Close || r.Close > r.To || r.To > int64(len(xmlData)) {
			t.Fatalf("run offsets %+v outside %d bytes", r, len(xmlData))
		}
		for _, c := range r.Children {
			raw := string(xmlData[c.From:c.To])
			if !strings.HasPrefix(raw, "<"+c.Name) {
				t.Errorf("child %s at %d is %q", c.Name, c.From, raw)
			}
			if c.Kind != ChildText && c.Kind != ChildAtom {
				continue
			}
			end := min(c.End, len(text)) // the body's trailing blanks are trimmed
			for i := c.Start; i < end; i++ {
				covered[i] = true
			}
			if c.Kind == ChildText {
				var v struct {
					Text string `xml:",chardata"`
				}
				if err := xml.Unmarshal([]byte(raw), &v); err != nil || v.Text != c.Text {
					t.Errorf("child %q decodes to %q (%v), recorded %q", raw, v.Text, err, c.Text)
				}
				if got := string(text[c.Start:end]); !strings.HasPrefix(c.Text, got) {
					t.Errorf("text at %d-%d is %q, child holds %q", c.Start, c.End, got, c.Text)
				}
			}
		}
	}
	for _, b := range m.Blocked {
		for i := b.Start; i < min(b.End, len(text)); i++ {
			covered[i] = true
		}
	}
	for _, s := range doc.Sections {
		if s.Kind != Body {
			continue
		}
		for i := s.Start; i < s.End; i++ {
			if !covered[i] && text[i] != '\n' && text[i] != '\t' {
				t.Errorf("body character %d %q is neither mapped nor blocked", i, text[i])
			}
		}
	}
}

func TestMapDOCXFull(t *testing.T) {
	data := makeZip(t, fullDocx())
	doc, m, err := MapDOCX("full.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	checkMap(t, doc, m, mainPart(t, data, "word/document.xml"))
	if m.Part != "word/document.xml" || m.Rels != "word/_rels/document.xml.rels" || m.Comments != "word/comments.xml" ||
		m.ContentTypes != "[Content_Types].xml" {
		t.Errorf("parts %q %q %q %q", m.Part, m.Rels, m.Comments, m.ContentTypes)
	}
	if m.Namespaces["w"] != "http://schemas.openxmlformats.org/wordprocessingml/2006/main" || m.MaxID != 2 {
		t.Errorf("namespaces %v, max id %d", m.Namespaces, m.MaxID)
	}
	runText := map[string]bool{}
	for _, r := range m.Runs {
		for _, c := range r.Children {
			if c.Kind == ChildText {
				runText[c.Text] = true
			}
		}
	}
	// Inserted and hidden text is mapped like any body text; deleted text
	// and text boxes are not.
	for s, want := range map[string]bool{"3月1日前": true, "（内部资料）": true, "通知原文": true, "样式隐藏": true,
		"关于开展安全检查的通知": true, "本周内": false, "文本框内容": false} {
		if runText[s] != want {
			t.Errorf("run text %q mapped %v, want %v", s, runText[s], want)
		}
	}
	box, _ := span(t, doc.Text, "文本框内容")
	if !blocked(m, box) {
		t.Errorf("text box at %d not blocked: %v", box, m.Blocked)
	}
	xmlData := string(mainPart(t, data, "word/document.xml"))
	if !strings.HasPrefix(xmlData[m.FirstPara:], "<w:r><w:t>关于") || !strings.HasPrefix(xmlData[m.BodyOpen:], "<w:p>") {
		t.Errorf("first paragraph content at %q, body at %q", xmlData[m.FirstPara:m.FirstPara+20], xmlData[m.BodyOpen:m.BodyOpen+10])
	}
}

func blocked(m *DocxMap, at int) bool {
	for _, b := range m.Blocked {
		if b.Start <= at && at < b.End {
			return true
		}
	}
	return false
}

// MapDOCX must import exactly as Import does, for every fixture.
func TestMapDOCXSameDocument(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		want, wantErr := Import(file, data)
		got, m, err := MapDOCX(file, data)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(err, wantErr) {
			t.Errorf("%s: MapDOCX gives %v, %v; Import %v, %v", file, got, err, want, wantErr)
		}
		if (m != nil) != (err == nil && want.Format == DOCX) {
			t.Errorf("%s: map %v for format %v", file, m != nil, err)
		}
	}
}

func TestMapDOCXPlacesAndPrefixes(t *testing.T) {
	tests := []struct {
		name, body string
		runs       int
		firstPara  string // what follows FirstPara
	}{
		{"pretty-printed", "<w:p>\n  <w:pPr><w:jc w:val=\"center\"/></w:pPr>\n  <w:r>\n    <w:t>甲</w:t>\n  </w:r>\n</w:p>", 1, "\n  <w:r>"},
		{"empty paragraph first", `<w:p/><w:p><w:r><w:t>乙</w:t></w:r></w:p>`, 1, "<w:r><w:t>乙"},
		{"table", `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`, 1, "<w:r><w:t>丙"},
		{"undeclared prefix", `<w:p><x:r xmlns:x="urn:x"><x:t>丁</x:t></x:r><w:r><w:t>戊</w:t></w:r></w:p>`, 1, "<x:r"},
		{"math", `<w:p><m:oMath xmlns:m="urn:m"><m:r><m:t>x</m:t></m:r></m:oMath><w:r><w:t>己</w:t></w:r></w:p>`, 1, "<m:oMath"},
	}
	for _, tt := range tests {
		data := makeZip(t, minimalDocx(tt.body))
		doc, m, err := MapDOCX("a.docx", data)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		xmlData := mainPart(t, data, "word/document.xml")
		checkMap(t, doc, m, xmlData)
		if len(m.Runs) != tt.runs || !strings.HasPrefix(string(xmlData[m.FirstPara:]), tt.firstPara) {
			t.Errorf("%s: %d runs, first paragraph at %q", tt.name, len(m.Runs), xmlData[m.FirstPara:])
		}
	}
}
