package docxnote

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// FuzzAnnotate annotates what the importer's docx fuzzer feeds it (the
// fixtures, and bodies of its own), with findings placed by the fuzzer. Any
// file the importer accepts must come out a file it accepts again, with the
// same body text and each comment on (part of) its finding's text.
func FuzzAnnotate(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "importer", "testdata", "*.doc*"))
	more, _ := filepath.Glob(filepath.Join("testdata", "*.docx"))
	files = append(files, more...)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) < 64<<10 {
			f.Add(data, "", uint16(3), uint16(5))
		}
	}
	for _, body := range []string{para("请于本周内完成自查"), `<w:p><w:r><w:t>扫黑</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>险恶</w:t></w:r></w:p>`,
		`<w:p><w:r><w:t>第</w:t><w:tab/><w:t>2页</w:t></w:r><w:ins w:id="1"><w:r><w:t>插入</w:t></w:r></w:ins></w:p>` + para("次段")} {
		f.Add([]byte(nil), wordDoc(body), uint16(1), uint16(2))
	}
	f.Fuzz(func(t *testing.T, data []byte, part string, a, b uint16) {
		if part != "" {
			data = docxEntries(t, []entry{{"[Content_Types].xml", types}, {"_rels/.rels", pkgRels}, {"word/document.xml", part}})
		}
		doc, m, err := importer.MapDOCX("f.docx", data)
		if err != nil || m == nil {
			return
		}
		fs := fuzzFindings(doc.Text, int(a), int(b))
		res, err := Annotate("f.docx", data, doc.Text, fs, Options{Now: when})
		if err != nil {
			if res != nil || errors.Is(err, ErrMismatch) || errors.Is(err, ErrNotDocx) {
				t.Fatalf("a file the importer read: %v", err)
			}
			return // a part the importer does not parse (content types, relationships) is malformed
		}
		again, err := importer.Import("out.docx", res.Data)
		if err != nil {
			t.Fatalf("annotated file does not import: %v", err)
		}
		before, after := body(doc), body(again)
		if m.FirstPara < 0 && res.Elsewhere > 0 {
			// No paragraph could take the list of findings elsewhere: it got one of its own.
			after = strings.TrimPrefix(after, "\n")
		}
		if after != before {
			t.Fatalf("body text changed:\n%q\n%q", before, after)
		}
		if len(fs) == 0 {
			return
		}
		got, notes := commented(t, res.Data), newComments(t, res.Data)
		if len(notes) != res.InPlace+min(res.Elsewhere, 1) {
			t.Fatalf("%d comments for %d in place and %d elsewhere", len(notes), res.InPlace, res.Elsewhere)
		}
		for id, note := range notes {
			_, msg, _ := strings.Cut(note, "\n#")
			i, err := strconv.Atoi(strings.SplitN(msg, "\n", 2)[0])
			if err != nil {
				continue // the list of findings elsewhere
			}
			if got[id] == "" || !strings.Contains(fs[i].Text, got[id]) {
				t.Fatalf("comment on %q covers %q", fs[i].Text, got[id])
			}
		}
	})
}

// fuzzFindings places up to three findings from two numbers.
func fuzzFindings(text string, a, b int) []finding.Finding {
	r := []rune(text)
	if len(r) == 0 {
		return nil
	}
	var fs []finding.Finding
	for k, s := range [][2]int{{a, 1 + b%8}, {b, 1 + a%5}, {a*31 + b, 3}} {
		start := s[0] % len(r)
		end := min(start+s[1], len(r))
		fs = append(fs, finding.Finding{Start: start, End: end, Text: string(r[start:end]), Category: finding.Typo,
			Severity: finding.Warn, Message: fmt.Sprintf("#%d", k)})
	}
	return fs
}
