package importer

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"
)

// checkResult is the contract every fuzz target holds Import to.
func checkResult(t *testing.T, name string, data []byte) {
	doc, err := importData(name, data) // no recover: a panic must fail the fuzzer
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || doc != nil {
			t.Fatalf("got %v (%T) and %v, want only an *Error", err, err, doc)
		}
		return
	}
	if !utf8.ValidString(doc.Text) {
		t.Fatal("text is not valid UTF-8")
	}
	n := utf8.RuneCountInString(doc.Text)
	in := func(what string, s, e int) {
		if s < 0 || s > e || e > n {
			t.Fatalf("%s [%d,%d) outside text of %d code points", what, s, e, n)
		}
	}
	for _, s := range doc.Sections {
		in("section "+string(s.Kind), s.Start, s.End)
	}
	for _, m := range doc.Marks {
		in("mark "+string(m.Kind), m.Start, m.End)
	}
	for _, l := range doc.Links {
		in("link "+l.Target, l.Start, l.End)
	}
	for _, d := range doc.Damaged {
		in("damage", d, d+1)
	}
}

// seed adds the testdata files with the given extensions.
func seed(f *testing.F, exts ...string) {
	for _, ext := range exts {
		files, _ := filepath.Glob(filepath.Join("testdata", "*"+ext))
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

func FuzzImportTXT(f *testing.F) {
	seed(f, ".txt")
	f.Fuzz(func(t *testing.T, data []byte) { checkResult(t, "f.txt", data) })
}

func FuzzImportHTML(f *testing.F) {
	seed(f, ".html")
	f.Fuzz(func(t *testing.T, data []byte) { checkResult(t, "f.html", data) })
}

func FuzzImportMarkdown(f *testing.F) {
	seed(f, ".md")
	f.Fuzz(func(t *testing.T, data []byte) { checkResult(t, "f.md", data) })
}

// FuzzImportDOCX mutates whole zips and, since byte flips mostly break zip
// checksums, also the XML of the main part and the parts around it.
func FuzzImportDOCX(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.doc*"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) < 64<<10 { // large seeds make minimisation crawl
			f.Add(data, "")
		}
	}
	for _, e := range fullDocx() {
		f.Add([]byte(nil), e.data)
	}
	f.Fuzz(func(t *testing.T, data []byte, part string) {
		if part != "" {
			entries := fullDocx()
			entries[2].data = part  // word/document.xml
			entries[6].data = part  // word/header1.xml
			entries[10].data = part // word/comments.xml
			data = makeZip(t, entries)
		}
		checkResult(t, "f.docx", data)
		checkMapped(t, data)
	})
}

// checkMapped holds MapDOCX to Import's result and to its map's promises.
func checkMapped(t *testing.T, data []byte) {
	want, wantErr := Import("f.docx", data)
	doc, m, err := MapDOCX("f.docx", data)
	if !reflect.DeepEqual(doc, want) || !reflect.DeepEqual(err, wantErr) {
		t.Fatalf("MapDOCX gives %v, %v; Import %v, %v", doc, err, want, wantErr)
	}
	if m != nil {
		checkMap(t, doc, m, mainPart(t, data, m.Part))
	}
}
