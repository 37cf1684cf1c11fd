package docxnote

import (
	"strings"
	"testing"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// BenchmarkAnnotate writes 1,000 comments into a draft of 2,000 paragraphs
// (about 240,000 characters), each run cut by a finding.
func BenchmarkAnnotate(b *testing.B) {
	var body strings.Builder
	for i := range 2000 {
		body.WriteString(`<w:p><w:r><w:rPr><w:sz w:val="32"/></w:rPr><w:t>`)
		body.WriteString(strings.Repeat("各单位要认真落实防汛责任", 10))
		if i%2 == 0 {
			body.WriteString("中华人民共合国")
		}
		body.WriteString(`</w:t></w:r></w:p>`)
	}
	data := docx(b, body.String())
	doc, err := importer.Import("bench.docx", data)
	if err != nil {
		b.Fatal(err)
	}
	var fs []finding.Finding
	text := []rune(doc.Text)
	for i := 0; i+7 <= len(text); i++ {
		if string(text[i:i+7]) == "中华人民共合国" {
			fs = append(fs, finding.Finding{Start: i + 5, End: i + 6, Text: "合", Category: finding.Political, Severity: finding.Block, Message: "误写"})
		}
	}
	for b.Loop() {
		if _, err := Annotate("bench.docx", data, doc.Text, fs, Options{Now: when}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(fs)), "comments")
}
