package importer

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// fullBody exercises every kind of body content.
const fullBody = `<w:p><w:pPr><w:pStyle w:val="Title"/><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>关于开展安全检查的通知</w:t></w:r></w:p>` +
	`<w:p><w:r><w:t>各单位：请于</w:t></w:r>` +
	`<w:ins w:id="1" w:author="李四"><w:r><w:t>3月1日前</w:t></w:r></w:ins>` +
	`<w:del w:id="2" w:author="李四"><w:r><w:delText>本周内</w:delText></w:r></w:del>` +
	`<w:r><w:t>完成自查</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>（内部资料）</w:t></w:r><w:r><w:t>。</w:t></w:r></w:p>` +
	`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>详见</w:t></w:r>` +
	`<w:hyperlink r:id="rId10"><w:r><w:t>通知原文</w:t></w:r></w:hyperlink>` +
	`<w:r><w:tab/><w:t>第</w:t><w:noBreakHyphen/><w:t>2页</w:t><w:br/><w:t>下一行</w:t><w:sym w:font="Segoe UI Symbol" w:char="2605"/><w:sym w:font="Wingdings" w:char="F04A"/></w:r>` +
	`<w:commentRangeStart w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>` +
	`<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>` +
	`<w:tr><w:tc><w:tcPr/><w:p><w:r><w:t>姓名</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>电话</w:t></w:r></w:p></w:tc></w:tr>` +
	`<w:tr><w:tc><w:p><w:r><w:t>张三</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>13800138000</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
	`<w:p><w:r><w:t>图中文字：</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wps:wsp><wps:txbx>` +
	`<w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></wp:anchor></w:drawing></mc:Choice>` +
	`<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>` +
	`</mc:AlternateContent></w:r><w:r><w:t>后文</w:t></w:r></w:p>` +
	`<w:p><w:r><w:t>注：</w:t></w:r><w:r><w:rPr><w:rStyle w:val="HiddenChar"/></w:rPr><w:t>样式隐藏</w:t></w:r></w:p>`

// fullBodyText is what fullBody becomes.
const fullBodyText = "关于开展安全检查的通知\n各单位：请于3月1日前完成自查（内部资料）。\n详见通知原文\t第-2页\n下一行★\n" +
	"姓名\t电话\n张三\t13800138000\n图中文字：\n文本框内容\n后文\n注：样式隐藏"

const docRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId3" Type="` + relNS + `header" Target="header1.xml"/>` +
	`<Relationship Id="rId4" Type="` + relNS + `footer" Target="footer1.xml"/>` +
	`<Relationship Id="rId5" Type="` + relNS + `footnotes" Target="footnotes.xml"/>` +
	`<Relationship Id="rId6" Type="` + relNS + `endnotes" Target="endnotes.xml"/>` +
	`<Relationship Id="rId7" Type="` + relNS + `comments" Target="comments.xml"/>` +
	`<Relationship Id="rId8" Type="` + relNS + `styles" Target="styles.xml"/>` +
	`<Relationship Id="rId10" Type="` + relNS + `hyperlink" Target="https://www.example.gov.cn/notice" TargetMode="External"/>` +
	`<Relationship Id="rId11" Type="` + relNS + `image" Target="http://img.example.com/logo.png" TargetMode="External"/>` +
	`</Relationships>`

const settingsRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="` + relNS + `attachedTemplate" Target="file:///C:/Users/zhang/公文模板.dotx" TargetMode="External"/>` +
	`</Relationships>`

func wordPart(root, inner string) string {
	return xmlHead + `<w:` + root + nsDecl + `>` + inner + `</w:` + root + `>`
}

// fullDocx has every part the importer reads.
func fullDocx() []zipEntry {
	return []zipEntry{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", pkgRels},
		{"word/document.xml", wordDoc(fullBody)},
		{"word/_rels/document.xml.rels", docRels},
		{"word/_rels/settings.xml.rels", settingsRels},
		{"word/styles.xml", wordPart("styles", `<w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault></w:docDefaults>`+
			`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>`+
			`<w:style w:type="character" w:styleId="HiddenBase"><w:rPr><w:vanish/></w:rPr></w:style>`+
			`<w:style w:type="character" w:styleId="HiddenChar"><w:basedOn w:val="HiddenBase"/></w:style>`)},
		{"word/header1.xml", wordPart("hdr", para("某某市人民政府办公室")+
			`<w:p><w:r><w:pict><v:shape><v:textpath string="机密"/></v:shape></w:pict></w:r></w:p>`)},
		{"word/footer1.xml", wordPart("ftr", `<w:p><w:r><w:t>第</w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t>页</w:t></w:r></w:p>`)},
		{"word/footnotes.xml", wordPart("footnotes",
			`<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>`+
				`<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`+
				`<w:footnote w:id="1"><w:p><w:r><w:t>依据</w:t></w:r>`+
				`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "http://www.gov.cn/zhengce" </w:instrText></w:r>`+
				`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>中国政府网</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:footnote>`)},
		{"word/endnotes.xml", wordPart("endnotes",
			`<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>`+
				`<w:endnote w:id="1">`+para("尾注内容")+`</w:endnote>`)},
		{"word/comments.xml", wordPart("comments", `<w:comment w:id="0" w:author="王五" w:initials="WW">`+para("请核实日期")+`</w:comment>`)},
		{"docProps/core.xml", xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
			`<dc:title>安全检查通知</dc:title><dc:subject>安全</dc:subject><dc:creator>张三</dc:creator><cp:keywords>检查</cp:keywords>` +
			`<dc:description>初稿</dc:description><cp:lastModifiedBy>李四</cp:lastModifiedBy></cp:coreProperties>`},
		{"docProps/app.xml", xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template>Normal.dotm</Template><Company>某某局</Company><Manager>赵六</Manager></Properties>`},
		{"docProps/custom.xml", xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
			`<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="密级"><vt:lpwstr>内部</vt:lpwstr></property></Properties>`},
	}
}

// with returns entries plus extra ones.
func with(entries []zipEntry, extra ...zipEntry) []zipEntry {
	return append(append([]zipEntry{}, entries...), extra...)
}

func gbk(t testing.TB, s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16(t testing.TB, s string, e unicode.Endianness) []byte {
	b, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const wechatHTML = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">` +
	`<title>市政府召开常务会议</title><meta name="author" content="市政府办"><style>.a{color:red}</style>` +
	`<script>var msg="不应出现";</script></head>` + "\r\n" +
	`<body><div id="js_content"><section><p>　　会议强调，要&nbsp;做好&amp;防汛
   工作。</p><p>详情请点击<a href="https://mp.weixin.qq.com/s/abc">阅读原文</a></p>` +
	`<section style="DISPLAY: none">内部讨论稿，请勿外传</section><p hidden>隐藏段</p>` +
	`<img data-src="https://mmbiz.qpic.cn/x.jpg"><noscript>请开启脚本</noscript><template>模板</template></section></div></body></html>`

const utf8HTML = "\uFEFF<html><head><meta charset=\"utf-8\"></head><body><h1>标题</h1>" +
	"<table><tr><td>姓名</td><td>电话</td></tr></table><pre>第一行\n  第二行</pre><p>甲<br>乙 <a href=\"#top\">回到顶部</a></p></body></html>"

const articleMD = "# 通知标题\n\n第一段**加粗**文字，\n继续中文。English\nwords here.\n\n" +
	"- 列表一\n- 见[政府网](https://www.gov.cn \"标题\")说明\n\n1. 编号项\n\n" +
	"> 引用内容\n\n`代码`与\\*转义\\*和&amp;实体\n\n```\ncode 行\n```\n\n" +
	"![图片说明](https://img.example.com/a.png)\n\n" +
	"<div style=\"display:none\">隐藏块</div>\n\n" +
	"行内<span style=\"display: none\">秘</span>尾 <https://x.cn> 和 https://bare.cn/path\n\n" +
	"| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n"

// fixtures maps file names in testdata to their contents.
func fixtures(t testing.TB) map[string][]byte {
	txt := "关于做好2026年防汛工作的通知\r\n各单位：\r\n\t请于本周内完成自查。\r"
	gb := append(gbk(t, "国家标准：𠀀字"), 0xA6, 0xD9)
	gb = append(gb, gbk(t, "损坏\r\n")...)
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	var many []zipEntry
	for i := range MaxDocxEntries {
		many = append(many, zipEntry{name: "customXml/item" + itoa(i) + ".xml", data: "<a/>"})
	}
	return map[string][]byte{
		"utf8.txt":              []byte(txt),
		"utf8-bom.txt":          append([]byte{0xEF, 0xBB, 0xBF}, txt...),
		"utf16le.txt":           utf16(t, txt, unicode.LittleEndian),
		"utf16be.txt":           utf16(t, txt, unicode.BigEndian),
		"gb18030.txt":           gb,
		"binary.txt":            []byte("正文\x00\x01\x02"),
		"png-named.txt":         []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		"empty.txt":             {},
		"blank.txt":             []byte(" \r\n\t\u3000\n"),
		"full.docx":             makeZip(t, fullDocx()),
		"duplicate-part.docx":   makeZip(t, with(minimalDocx(para("正文")), zipEntry{"word/document.xml", wordDoc(para("另一份"))})),
		"case-collision.docx":   makeZip(t, with(minimalDocx(para("正文")), zipEntry{"Word/Document.xml", wordDoc(para("另一份"))})),
		"macro.docm":            makeZip(t, minimalDocx(para("正文"))),
		"vba.docx":              makeZip(t, with(minimalDocx(para("正文")), zipEntry{"word/vbaProject.bin", "\xD0\xCF\x11\xE0"})),
		"doctype.docx":          makeZip(t, []zipEntry{{"_rels/.rels", pkgRels}, {"word/document.xml", `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x "展开">]>` + wordDoc(para("&x;"))[len(xmlHead):]}}),
		"zipbomb.docx":          makeZip(t, with(minimalDocx(para("正文")), zipEntry{"word/media/big.xml", strings.Repeat("\x00", 4<<20)})),
		"too-many-entries.docx": makeZip(t, with(minimalDocx(para("正文")), many...)),
		"not-a-zip.docx":        []byte("PK\x03\x04 this is not really a zip archive"),
		"xlsx-renamed.docx":     makeZip(t, []zipEntry{{"xl/workbook.xml", "<workbook/>"}}),
		"legacy.doc":            ole,
		"legacy.wps":            ole,
		"encrypted.docx":        append(append([]byte{}, ole...), utf16Name("EncryptedPackage")...),
		"wechat.html":           gbk(t, wechatHTML),
		"utf8.html":             []byte(utf8HTML),
		"article.md":            []byte(articleMD),
		"plain.docx":            []byte("这个文件名是 docx，内容却是纯文本。"),
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
