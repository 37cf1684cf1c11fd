package docxnote

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// checkAnnotated holds an annotated file to the promises a user relies on:
// the body text is unchanged, every finding in the body is commented on
// exactly its own text, the rest are listed in one comment, and every
// part but the edited ones is byte for byte what it was.
func checkAnnotated(t *testing.T, orig []byte, doc *importer.Document, fs []finding.Finding, res *Result, changed ...string) {
	t.Helper()
	again, err := importer.Import("out.docx", res.Data)
	if err != nil {
		t.Fatalf("annotated file does not import: %v", err)
	}
	if body(again) != body(doc) {
		t.Errorf("body text changed:\n%q\n%q", body(doc), body(again))
	}
	got, notes := commented(t, res.Data), newComments(t, res.Data)
	if len(notes) != res.InPlace+min(res.Elsewhere, 1) || res.InPlace+res.Elsewhere != len(fs) {
		t.Errorf("%d comments for %d in place and %d elsewhere, of %d findings", len(notes), res.InPlace, res.Elsewhere, len(fs))
	}
	var texts []string
	for id, note := range notes {
		if strings.HasPrefix(note, "审发在正文以外发现") {
			if got[id] != "" {
				t.Errorf("the list of findings elsewhere covers %q", got[id])
			}
			continue
		}
		texts = append(texts, got[id])
		if !strings.Contains(note, "【错别字 · 警告】\n“"+got[id]+"”有误。\n建议：某某") {
			t.Errorf("comment %d on %q says %q", id, got[id], note)
		}
	}
	slices.Sort(texts)
	if len(texts) != res.InPlace {
		t.Errorf("%d comments in place, result says %d", len(texts), res.InPlace)
	}
	sameParts(t, orig, res.Data, changed)
}

// body is the body section of a document's text.
func body(d *importer.Document) string {
	for _, s := range d.Sections {
		if s.Kind == importer.Body {
			return string([]rune(d.Text)[s.Start:s.End])
		}
	}
	return ""
}

// sameParts checks that entries outside changed keep their order, method
// and compressed bytes, and that the changed ones come first in the same place.
func sameParts(t *testing.T, orig, out []byte, changed []string) {
	t.Helper()
	zo, _ := unzip(t, orig)
	za, _ := unzip(t, out)
	if len(za.File) < len(zo.File) {
		t.Fatalf("%d entries, had %d", len(za.File), len(zo.File))
	}
	for i, f := range zo.File {
		g := za.File[i]
		if g.Name != f.Name || g.Method != f.Method {
			t.Errorf("entry %d: %s (method %d), was %s (%d)", i, g.Name, g.Method, f.Name, f.Method)
			continue
		}
		if slices.Contains(changed, f.Name) {
			continue
		}
		if g.CRC32 != f.CRC32 || !bytes.Equal(raw(t, g), raw(t, f)) {
			t.Errorf("entry %s changed", f.Name)
		}
	}
	var added []string
	for _, g := range za.File[len(zo.File):] {
		added = append(added, g.Name)
	}
	for _, a := range added {
		if !slices.Contains(changed, a) {
			t.Errorf("unexpected new entry %s", a)
		}
	}
}

func TestAnnotatePlacesComments(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		spans []string
	}{
		{"inside one run", para("请于本周内完成自查"), []string{"本周内"}},
		{"whole run", `<w:p><w:r><w:t>甲</w:t></w:r><w:r><w:t>乙丙</w:t></w:r><w:r><w:t>丁</w:t></w:r></w:p>`, []string{"乙丙"}},
		{"across runs", `<w:p><w:r><w:t>扫黑</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>险恶专项</w:t></w:r></w:p>`, []string{"黑险恶"}},
		{"across paragraphs", para("第一段结尾") + para("第二段开头"), []string{"结尾\n第二"}},
		{"two in one run", para("中华人民共合国和扫黑险恶"), []string{"共合国", "险恶"}},
		{"adjacent", para("甲乙丙丁"), []string{"乙", "丙"}},
		{"nested", para("关于开展安全检查的通知"), []string{"开展安全检查", "安全"}},
		{"tab, break, hyphen and symbol", `<w:p><w:r><w:t>第</w:t><w:noBreakHyphen/><w:t>2页</w:t><w:tab/><w:t>甲</w:t><w:br/><w:t>乙</w:t><w:sym w:char="2605"/></w:r></w:p>`,
			[]string{"-2页\t甲", "乙★"}},
		{"hyperlink", `<w:p><w:r><w:t>详见</w:t></w:r><w:hyperlink r:id="rId9"><w:r><w:t>通知原文链接</w:t></w:r></w:hyperlink></w:p>`, []string{"原文"}},
		{"tracked insertion", `<w:p><w:r><w:t>请于</w:t></w:r><w:ins w:id="1" w:author="李四"><w:r><w:t>3月1日前</w:t></w:r></w:ins><w:r><w:t>完成</w:t></w:r></w:p>`, []string{"1日前完"}},
		{"hidden text", `<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>（内部资料）</w:t></w:r></w:p>`, []string{"内部资料"}},
		{"field result", `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://x.cn" </w:instrText></w:r>` +
			`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>政府网站</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`, []string{"网站"}},
		{"table cell", `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>张三</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>13800138000</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`, []string{"13800138000"}},
		{"pretty-printed", "<w:p>\n <w:r>\n  <w:rPr><w:b/></w:rPr>\n  <w:t>加粗文字</w:t>\n </w:r>\n</w:p>", []string{"粗文"}},
		{"escaped text", para("A&amp;B&lt;公司&gt;"), []string{"&B<公"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := docx(t, tt.body)
			doc, fs, res := annotated(t, data, tt.spans...)
			if res.InPlace != len(tt.spans) {
				t.Fatalf("%d of %d in place", res.InPlace, len(tt.spans))
			}
			checkAnnotated(t, data, doc, fs, res, "word/document.xml", "[Content_Types].xml", "word/comments.xml", "word/_rels/document.xml.rels")
			var got []string
			for _, s := range commented(t, res.Data) {
				got = append(got, s)
			}
			slices.Sort(got)
			want := slices.Clone(tt.spans)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("commented %q, want %q", got, want)
			}
		})
	}
}

// A split run keeps its properties on every piece.
func TestAnnotateSplitKeepsRunProperties(t *testing.T) {
	data := docx(t, `<w:p><w:r w:rsidR="00A1"><w:rPr><w:b/><w:color w:val="FF0000"/></w:rPr><w:t>请于本周内完成</w:t></w:r></w:p>`)
	_, _, res := annotated(t, data, "本周")
	_, parts := unzip(t, res.Data)
	doc := string(parts["word/document.xml"])
	if n := strings.Count(doc, `<w:r w:rsidR="00A1"><w:rPr><w:b/><w:color w:val="FF0000"/></w:rPr><w:t xml:space="preserve">`); n != 3 {
		t.Errorf("%d red bold runs, want 3:\n%s", n, doc)
	}
	for _, s := range []string{">请于<", ">本周<", ">内完成<"} {
		if !strings.Contains(doc, s) {
			t.Errorf("no piece %s in %s", s, doc)
		}
	}
}

// Findings in text no body run carries are listed in one comment at the
// start of the body, with where each is.
func TestAnnotateFindingsElsewhere(t *testing.T) {
	data, err := os.ReadFile("../importer/testdata/full.docx")
	if err != nil {
		t.Fatal(err)
	}
	doc, fs, res := annotated(t, data, "开展安全检查", "内部资料", "某某市", "文本框内容", "本周内", "请核实", "某某局", "中国政府网", "尾注")
	if res.InPlace != 2 || res.Elsewhere != 7 {
		t.Fatalf("in place %d, elsewhere %d", res.InPlace, res.Elsewhere)
	}
	checkAnnotated(t, data, doc, fs, res, "word/document.xml", "word/comments.xml")
	var list string
	for _, n := range newComments(t, res.Data) {
		if strings.HasPrefix(n, "审发在正文以外发现 7 处问题") {
			list = n
		}
	}
	for _, want := range []string{"[页眉] 【错别字 · 警告】「某某市」", "[文本框] 【错别字 · 警告】「文本框内容」", "[修订中删除的文字]", "[批注]",
		"[文档属性] 【错别字 · 警告】「某某局」", "[脚注]", "[尾注]", "建议：某某"} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q:\n%s", want, list)
		}
	}
	_, parts := unzip(t, res.Data)
	if !strings.Contains(string(parts["word/comments.xml"]), `<w:comment w:id="0" w:author="王五" w:initials="WW">`) {
		t.Error("the existing comment was not kept")
	}
}

// A document without comments gets a comments part, its relationship and its content type.
func TestAnnotateNewCommentsPart(t *testing.T) {
	rels := xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId3" Type="x" Target="y.xml"/></Relationships>`
	tests := []struct {
		name    string
		extra   []entry
		changed []string
		rel     string
	}{
		{"no relationships part", nil, []string{"word/document.xml", "[Content_Types].xml", "word/comments.xml", "word/_rels/document.xml.rels"}, `Id="rId1"`},
		{"relationships part", []entry{{"word/_rels/document.xml.rels", rels}, {"docProps/app.xml", "<Properties/>"}},
			[]string{"word/document.xml", "[Content_Types].xml", "word/comments.xml", "word/_rels/document.xml.rels"}, `Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"`},
		{"name taken", []entry{{"word/Comments.xml", "<x/>"}},
			[]string{"word/document.xml", "[Content_Types].xml", "word/comments1.xml", "word/_rels/document.xml.rels"}, `Target="comments1.xml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := docx(t, para("请于本周内完成"), tt.extra...)
			doc, fs, res := annotated(t, data, "本周")
			checkAnnotated(t, data, doc, fs, res, tt.changed...)
			_, parts := unzip(t, res.Data)
			ct, rel := string(parts["[Content_Types].xml"]), string(parts["word/_rels/document.xml.rels"])
			comments := tt.changed[2]
			if !strings.Contains(ct, `<Override PartName="/`+comments+`" ContentType="`+ctComments+`"/></Types>`) {
				t.Errorf("content types: %s", ct)
			}
			if !strings.Contains(rel, tt.rel) || !strings.Contains(rel, relComments) || strings.Count(rel, `Id="rId1"`) != 1 {
				t.Errorf("relationships: %s", rel)
			}
		})
	}
}

// An existing comments part keeps its comments; new ids are above every id in use.
func TestAnnotateAppendsToComments(t *testing.T) {
	rels := xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>`
	for _, root := range []string{`<w:comments` + nsDecl + `/>`, `<w:comments` + nsDecl + `><w:comment w:id="12" w:author="王五"><w:p/></w:comment></w:comments>`,
		`<comments xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`} {
		data := docx(t, `<w:p><w:bookmarkStart w:id="40" w:name="a"/><w:r><w:t>请于本周内完成</w:t></w:r></w:p>`,
			entry{"word/_rels/document.xml.rels", rels}, entry{"word/comments.xml", xmlDecl + root})
		doc, fs, res := annotated(t, data, "本周")
		checkAnnotated(t, data, doc, fs, res, "word/document.xml", "word/comments.xml")
		_, parts := unzip(t, res.Data)
		c := string(parts["word/comments.xml"])
		if ids := newComments(t, res.Data); len(ids) != 1 || ids[41] == "" {
			t.Errorf("new comment ids %v in %s", ids, c)
		}
		if strings.Contains(root, "王五") && !strings.Contains(c, `<w:comment w:id="12" w:author="王五"><w:p/></w:comment>`) {
			t.Errorf("old comment lost: %s", c)
		}
	}
}

// A document that names WordprocessingML with another prefix gets markup with that prefix.
func TestAnnotateOtherPrefix(t *testing.T) {
	doc := xmlDecl + `<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body>` +
		`<x:p><x:r><x:t>请于本周内完成</x:t></x:r></x:p></x:body></x:document>`
	data := docxEntries(t, []entry{{"[Content_Types].xml", types}, {"_rels/.rels", pkgRels}, {"word/document.xml", doc}})
	d, fs, res := annotated(t, data, "本周")
	checkAnnotated(t, data, d, fs, res, "word/document.xml", "[Content_Types].xml", "word/comments.xml", "word/_rels/document.xml.rels")
	_, parts := unzip(t, res.Data)
	if !strings.Contains(string(parts["word/document.xml"]), `<x:commentRangeStart x:id="1"/>`) {
		t.Errorf("markup: %s", parts["word/document.xml"])
	}
}

func TestAnnotateRefuses(t *testing.T) {
	data := docx(t, para("请于本周内完成"))
	doc, err := importer.Import("a.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	good := at(t, doc.Text, "本周")
	macro, _ := os.ReadFile("../importer/testdata/vba.docx")
	var ierr *importer.Error
	tests := []struct {
		name string
		data []byte
		text string
		f    finding.Finding
		want func(error) bool
	}{
		{"plain text", []byte("请于本周内完成"), "请于本周内完成", good, func(err error) bool { return errors.Is(err, ErrNotDocx) }},
		{"another text", data, "请于本月内完成", good, func(err error) bool { return errors.Is(err, ErrMismatch) }},
		{"finding off the text", data, doc.Text, finding.Finding{Start: 2, End: 4, Text: "本月"}, func(err error) bool { return errors.Is(err, ErrMismatch) }},
		{"finding past the end", data, doc.Text, finding.Finding{Start: 6, End: 40, Text: "成"}, func(err error) bool { return errors.Is(err, ErrMismatch) }},
		{"macro document", macro, "正文", good, func(err error) bool { return errors.As(err, &ierr) && ierr.Reason == importer.ReasonMacro }},
	}
	for _, tt := range tests {
		res, err := Annotate("a.docx", tt.data, tt.text, []finding.Finding{tt.f}, Options{Now: when})
		if res != nil || !tt.want(err) {
			t.Errorf("%s: got %v, %v", tt.name, res, err)
		}
	}
}

func TestAnnotateNothingToSay(t *testing.T) {
	data := docx(t, para("请于本周内完成"))
	doc, _ := importer.Import("a.docx", data)
	res, err := Annotate("a.docx", data, doc.Text, nil, Options{})
	if err != nil || !bytes.Equal(res.Data, data) {
		t.Errorf("no findings: %v, changed %v", err, !bytes.Equal(res.Data, data))
	}
}

// A body with no paragraph that can take a comment gets one at its start.
func TestAnnotateNoParagraph(t *testing.T) {
	hdrRels := xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>`
	data := docx(t, "", entry{"word/_rels/document.xml.rels", hdrRels},
		entry{"word/header1.xml", xmlDecl + `<w:hdr` + nsDecl + `>` + para("机密") + `</w:hdr>`})
	doc, fs, res := annotated(t, data, "机密")
	checkAnnotated(t, data, doc, fs, res, "word/document.xml", "[Content_Types].xml", "word/comments.xml", "word/_rels/document.xml.rels")
	_, parts := unzip(t, res.Data)
	if !strings.Contains(string(parts["word/document.xml"]), `<w:body><w:p><w:commentRangeStart w:id="1"/>`) {
		t.Errorf("no paragraph for the comment: %s", parts["word/document.xml"])
	}
}

// A file LibreOffice saved: text cut into many runs, a header, an existing
// comment and a table.
func TestAnnotateLibreOfficeFile(t *testing.T) {
	data, err := os.ReadFile("testdata/libreoffice.docx")
	if err != nil {
		t.Fatal(err)
	}
	doc, fs, res := annotated(t, data, "按装", "网*络*赌*博", "13812345678", "XX会议", "中华人民共合国", "机密★1年", "13900001111")
	if res.InPlace != 6 || res.Elsewhere != 1 {
		t.Errorf("in place %d, elsewhere %d", res.InPlace, res.Elsewhere)
	}
	checkAnnotated(t, data, doc, fs, res, "word/document.xml", "word/comments.xml")
	var got []string
	for _, s := range commented(t, res.Data) {
		got = append(got, s)
	}
	slices.Sort(got)
	if want := []string{"", "13812345678", "13900001111", "XX会议", "中华人民共合国", "按装", "网*络*赌*博"}; !slices.Equal(got, want) {
		t.Errorf("commented %q, want %q", got, want)
	}
}

// A finding that marks a point stands on the character after it.
func TestAnnotatePointFinding(t *testing.T) {
	data := docx(t, para("请于本周内完成"))
	doc, _ := importer.Import("a.docx", data)
	for _, at := range []int{2, 7} {
		f := finding.Finding{Start: at, End: at, Category: finding.Punctuation, Severity: finding.Info, Message: "缺少标点。"}
		res, err := Annotate("a.docx", data, doc.Text, []finding.Finding{f}, Options{Now: when})
		if err != nil || res.InPlace != 1 {
			t.Fatalf("point at %d: %v %+v", at, err, res)
		}
		var got []string
		for _, s := range commented(t, res.Data) {
			got = append(got, s)
		}
		if want := string([]rune(doc.Text)[min(at, 6) : min(at, 6)+1]); len(got) != 1 || got[0] != want {
			t.Errorf("point at %d commented %q, want %q", at, got, want)
		}
	}
}
