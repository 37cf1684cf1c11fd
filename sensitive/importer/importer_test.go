package importer

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const txtText = "关于做好2026年防汛工作的通知\n各单位：\n\t请于本周内完成自查。\n"

func TestImportText(t *testing.T) {
	tests := []struct {
		file, enc string
		format    Format
		text      string
		damaged   []int
	}{
		{"utf8.txt", "utf-8", TXT, txtText, nil},
		{"utf8-bom.txt", "utf-8", TXT, txtText, nil},
		{"utf16le.txt", "utf-16le", TXT, txtText, nil},
		{"utf16be.txt", "utf-16be", TXT, txtText, nil},
		// 0xA6D9 is valid GBK that x/text decodes to U+FFFD (GUIDE §4); 𠀀 is a four-byte sequence.
		{"gb18030.txt", "gb18030", TXT, "国家标准：𠀀字\uFFFD损坏\n", []int{7}},
		{"plain.docx", "utf-8", TXT, "这个文件名是 docx，内容却是纯文本。", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := mustImport(t, tt.file)
			if doc.Format != tt.format || doc.Encoding != tt.enc || doc.Text != tt.text || doc.Name != tt.file {
				t.Fatalf("got %s %s %q name %q, want %s %s %q", doc.Format, doc.Encoding, doc.Text, doc.Name, tt.format, tt.enc, tt.text)
			}
			eq(t, "damaged", doc.Damaged, tt.damaged)
			eq(t, "sections", doc.Sections, []Section{{Body, 0, runes(tt.text)}})
		})
	}
}

func TestLiteralReplacementCharIsDamage(t *testing.T) {
	doc, err := Import("a.txt", []byte("好\uFFFD坏"))
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "damaged", doc.Damaged, []int{1})
}

func TestImportDOCX(t *testing.T) {
	doc := mustImport(t, "full.docx")
	want := fullBodyText + "\n" +
		"某某市人民政府办公室\n机密\n" + // header, with the VML watermark
		"第1页\n" +
		"依据中国政府网\n" +
		"尾注内容\n" +
		"王五：请核实日期\n" +
		"本周内\n" +
		"creator：张三\nlastModifiedBy：李四\ntitle：安全检查通知\nsubject：安全\ndescription：初稿\nkeywords：检查\ncompany：某某局\nmanager：赵六\n密级：内部"
	if doc.Text != want || doc.Format != DOCX || doc.Encoding != "utf-8" {
		t.Fatalf("text\n%q\nwant\n%q", doc.Text, want)
	}
	sec := func(kind SectionKind, text string) Section {
		s, e := span(t, want, text)
		return Section{kind, s, e}
	}
	eq(t, "sections", doc.Sections, []Section{
		sec(Body, fullBodyText),
		sec(Header, "某某市人民政府办公室\n机密"),
		sec(Footer, "第1页"),
		sec(Footnote, "依据中国政府网"),
		sec(Endnote, "尾注内容"),
		sec(Comment, "王五：请核实日期"),
		sec(Deleted, "本周内"),
		{Properties, runes(want) - runes("creator：张三\nlastModifiedBy：李四\ntitle：安全检查通知\nsubject：安全\ndescription：初稿\nkeywords：检查\ncompany：某某局\nmanager：赵六\n密级：内部"), runes(want)},
	})
	mark := func(kind MarkKind, text string) Mark {
		s, e := span(t, want, text)
		return Mark{kind, s, e}
	}
	eq(t, "marks", doc.Marks, []Mark{
		mark(Inserted, "3月1日前"), mark(Hidden, "（内部资料）"), mark(TextBox, "文本框内容"),
		mark(Hidden, "样式隐藏"), mark(TextBox, "机密"),
	})
	link := func(target, text string) Link {
		s, e := span(t, want, text)
		return Link{target, text, s, e}
	}
	eq(t, "links", doc.Links, []Link{
		link("https://www.example.gov.cn/notice", "通知原文"),
		link("http://www.gov.cn/zhengce", "中国政府网"),
		{Target: "http://img.example.com/logo.png"},
		{Target: "file:///C:/Users/zhang/公文模板.dotx"},
	})
	eq(t, "properties", doc.Properties, []Property{
		{"creator", "张三"}, {"lastModifiedBy", "李四"}, {"title", "安全检查通知"}, {"subject", "安全"},
		{"description", "初稿"}, {"keywords", "检查"}, {"company", "某某局"}, {"manager", "赵六"}, {"密级", "内部"},
	})
}

func TestImportHTML(t *testing.T) {
	doc := mustImport(t, "wechat.html")
	body := "\u3000\u3000会议强调，要\u00a0做好&防汛 工作。\n详情请点击阅读原文\n内部讨论稿，请勿外传\n隐藏段"
	want := body + "\ntitle：市政府召开常务会议\nauthor：市政府办"
	if doc.Text != want || doc.Encoding != "gb18030" || doc.Format != HTML {
		t.Fatalf("got %s %q, want %q", doc.Encoding, doc.Text, want)
	}
	eq(t, "sections", doc.Sections, []Section{{Body, 0, runes(body)}, {Properties, runes(body) + 1, runes(want)}})
	s1, e1 := span(t, want, "内部讨论稿，请勿外传")
	s2, e2 := span(t, want, "隐藏段")
	eq(t, "marks", doc.Marks, []Mark{{Hidden, s1, e1}, {Hidden, s2, e2}})
	ls, le := span(t, want, "阅读原文")
	eq(t, "links", doc.Links, []Link{
		{"https://mp.weixin.qq.com/s/abc", "阅读原文", ls, le},
		{Target: "https://mmbiz.qpic.cn/x.jpg"},
	})
	eq(t, "properties", doc.Properties, []Property{{"title", "市政府召开常务会议"}, {"author", "市政府办"}})

	doc = mustImport(t, "utf8.html")
	want = "标题\n姓名\n电话\n第一行\n  第二行\n甲\n乙 回到顶部"
	if doc.Text != want || doc.Encoding != "utf-8" || len(doc.Links) != 0 || len(doc.Marks) != 0 {
		t.Fatalf("got %s %q %v %v, want %q", doc.Encoding, doc.Text, doc.Links, doc.Marks, want)
	}
}

func TestImportMarkdown(t *testing.T) {
	doc := mustImport(t, "article.md")
	want := "通知标题\n第一段加粗文字，继续中文。English words here.\n列表一\n见政府网说明\n编号项\n引用内容\n" +
		"代码与*转义*和&实体\ncode 行\n隐藏块\n行内秘尾 https://x.cn 和 https://bare.cn/path\n甲\t乙\n1\t2"
	if doc.Text != want || doc.Format != Markdown {
		t.Fatalf("got\n%q\nwant\n%q", doc.Text, want)
	}
	eq(t, "sections", doc.Sections, []Section{{Body, 0, runes(want)}})
	h1, h2 := span(t, want, "隐藏块")
	h3, h4 := span(t, want, "秘")
	eq(t, "marks", doc.Marks, []Mark{{Hidden, h1, h2}, {Hidden, h3, h4}})
	l1, l2 := span(t, want, "政府网")
	l3, l4 := span(t, want, "https://x.cn")
	eq(t, "links", doc.Links, []Link{
		{"https://www.gov.cn", "政府网", l1, l2},
		{Target: "https://img.example.com/a.png"},
		{"https://x.cn", "https://x.cn", l3, l4},
	})
}

func TestRefusals(t *testing.T) {
	tests := []struct {
		file   string
		reason Reason
		limit  int64
	}{
		{"binary.txt", ReasonBinary, 0},
		{"png-named.txt", ReasonBinary, 0},
		{"empty.txt", ReasonEmpty, 0},
		{"blank.txt", ReasonEmpty, 0},
		{"duplicate-part.docx", ReasonDuplicatePart, 0},
		{"case-collision.docx", ReasonDuplicatePart, 0},
		{"macro.docm", ReasonMacro, 0},
		{"vba.docx", ReasonMacro, 0},
		{"doctype.docx", ReasonDoctype, 0},
		{"zipbomb.docx", ReasonZipLimit, MaxDocxRatio},
		{"too-many-entries.docx", ReasonZipLimit, MaxDocxEntries},
		{"not-a-zip.docx", ReasonCorrupt, 0},
		{"xlsx-renamed.docx", ReasonUnsupported, 0},
		{"legacy.doc", ReasonLegacyWord, 0},
		{"legacy.wps", ReasonLegacyWord, 0},
		{"encrypted.docx", ReasonEncrypted, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := ImportFile(filepath.Join("testdata", tt.file))
			e := asError(t, err)
			if e.Reason != tt.reason || e.Limit != tt.limit || e.File != tt.file {
				t.Fatalf("got %s limit %d file %q (%v), want %s limit %d", e.Reason, e.Limit, e.File, err, tt.reason, tt.limit)
			}
			if !strings.Contains(err.Error(), tt.file) {
				t.Fatalf("message %q does not name the file", err)
			}
		})
	}
}

func TestRefusalsInMemory(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		reason Reason
	}{
		{"backslash.docx", makeZip(t, with(minimalDocx(para("正文")), zipEntry{`word\document.xml`, "x"})), ReasonDuplicatePart},
		{"ct.docx", makeZip(t, []zipEntry{{"[Content_Types].xml", `<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>`}, {"word/document.xml", wordDoc(para("正文"))}}), ReasonMacro},
		{"dtd-in-footer.docx", makeZip(t, with(minimalDocx(para("正文")), zipEntry{"word/footer1.xml", `<!DOCTYPE x><w:ftr/>`})), ReasonDoctype},
		{"dtd-unread-part.docx", makeZip(t, with(minimalDocx(para("正文")), zipEntry{"customXml/item1.xml", `<!DOCTYPE x [<!ENTITY a "b">]><x/>`})), ReasonDoctype},
		{"bad-xml.docx", makeZip(t, with(minimalDocx(para("正文"))[:2], zipEntry{"word/document.xml", "<w:document><w:body><w:p>"})), ReasonCorrupt},
		{"empty-body.docx", makeZip(t, minimalDocx(`<w:p/>`)), ReasonEmpty},
		{"props-only.docx", makeZip(t, with(minimalDocx(`<w:p/>`), fullDocx()[11])), ReasonEmpty},
		{"deep.docx", makeZip(t, minimalDocx(strings.Repeat("<w:sdt>", 1000))), ReasonCorrupt},
		{"rtf.txt", []byte(`{\rtf1\ansi 正文}`), ReasonLegacyWord},
		{"pdf.docx", []byte("%PDF-1.7\n"), ReasonBinary},
		{"controls.txt", []byte("ab\x01\x02\x03\x04cd"), ReasonBinary},
		{"big.txt", make([]byte, MaxFileSize+1), ReasonTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Import(tt.name, tt.data)
			if e := asError(t, err); e.Reason != tt.reason {
				t.Fatalf("got %v, want %s", err, tt.reason)
			}
		})
	}
}

func TestImportFileLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: Stat must refuse it without reading 20 MB.
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ImportFile(big)
	if e := asError(t, err); e.Reason != ReasonTooLarge || e.Limit != MaxFileSize || e.File != "big.txt" {
		t.Fatalf("got %v", err)
	}
	_, err = ImportFile(filepath.Join(dir, "missing.txt"))
	if e := asError(t, err); e.Reason != ReasonRead || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("got %v", err)
	}
	_, err = ImportFile(dir)
	if e := asError(t, err); e.Reason != ReasonRead {
		t.Fatalf("got %v", err)
	}
}

func TestAlternateContentFallbackOnly(t *testing.T) {
	body := `<w:p><w:r><mc:AlternateContent><mc:Fallback><w:pict><v:textbox><w:txbxContent>` + para("旧式文本框") +
		`</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`
	doc, err := Import("a.docx", makeZip(t, minimalDocx(body)))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "旧式文本框" {
		t.Fatalf("got %q", doc.Text)
	}
	eq(t, "marks", doc.Marks, []Mark{{TextBox, 0, 5}})
}

func mustImport(t *testing.T, file string) *Document {
	t.Helper()
	doc, err := ImportFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func asError(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v (%T), want *Error", err, err)
	}
	return e
}

func eq[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func runes(s string) int { return len([]rune(s)) }
