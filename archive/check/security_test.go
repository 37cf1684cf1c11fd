package check

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

func zipOf(t *testing.T, files map[string]string, order ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, name := range order {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(files[name]))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const contentTypes = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

func TestScanFile(t *testing.T) {
	docx := func(extra ...string) []byte {
		files := map[string]string{"[Content_Types].xml": contentTypes, "word/document.xml": "<w:document/>",
			"word/printerSettings/printerSettings1.bin": "\x00\x01"}
		order := []string{"[Content_Types].xml", "word/document.xml", "word/printerSettings/printerSettings1.bin"}
		for i := 0; i+1 < len(extra); i += 2 {
			files[extra[i]] = extra[i+1]
			order = append(order, extra[i])
		}
		return zipOf(t, files, order...)
	}
	for _, tc := range []struct {
		name      string
		file      string
		data      []byte
		bad, warn string
	}{
		{"plain text", "通知.txt", []byte("各位市民：\n特此通知。"), "", ""},
		{"clean docx", "通知.docx", docx(), "", ""},
		{"macro project", "通知.docx", docx("word/vbaProject.bin", "VBA"), "宏", ""},
		{"macro content type", "通知.docx", docx("word/_rels/document.xml.rels", `<Relationship Type="x" Target="vbaProject.bin"/>`), "宏", ""},
		{"ActiveX control", "通知.docx", docx("word/activeX/activeX1.bin", "x"), "宏或可执行部件", ""},
		{"embedded program", "通知.docx", docx("word/embeddings/setup.exe", "MZ"), "可执行部件", ""},
		{"embedded object", "通知.docx", docx("word/embeddings/oleObject1.bin", "x"), "", "嵌入对象"},
		{"remote template", "通知.docx", docx("word/_rels/settings.xml.rels",
			`<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://x/t.dotm" TargetMode="External"/>`),
			"外部模板", ""},
		{"not a zip", "通知.docx", []byte("PK\x03\x04broken"), "不是可读的", ""},
		{"html script", "推文.html", []byte(`<p>你好</p><script>alert(1)</script>`), "脚本", ""},
		{"html event handler", "推文.html", []byte(`<img src=x onerror="alert(1)">`), "脚本", ""},
		{"html clean", "推文.html", []byte(`<p style="color:red">你好，online 服务</p>`), "", ""},
		{"markdown link", "稿.md", []byte(`[点此](javascript:alert(1))`), "脚本", ""},
		{"windows program", "通知.txt", []byte("MZ\x90\x00"), "可执行程序", ""},
		{"legacy word", "通知.doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1"), "", "旧版 Office"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad, warn := scanFile(tc.file, tc.data)
			check := func(what string, got []string, want string) {
				joined := strings.Join(got, "；")
				if (want == "") != (len(got) == 0) || !strings.Contains(joined, want) {
					t.Errorf("%s %q, want %q", what, joined, want)
				}
			}
			check("bad", bad, tc.bad)
			check("warn", warn, tc.warn)
		})
	}
}

func TestScanDuplicateParts(t *testing.T) {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, name := range []string{"word/document.xml", "word/Document.xml"} {
		f, _ := w.Create(name)
		f.Write([]byte("<w:document/>"))
	}
	w.Close()
	if bad, _ := scanFile("a.docx", b.Bytes()); len(bad) == 0 || !strings.Contains(bad[0], "重名") {
		t.Errorf("duplicate parts: %v", bad)
	}
}

// TestActiveContentInRecord: a record PDF given a JavaScript action fails
// the 安全性 check, and the other records do not.
func TestActiveContentInRecord(t *testing.T) {
	e := newEnv(t)
	id, _ := e.first(t)
	var pdf []byte
	e.w.DB.SQL.QueryRow(`SELECT pdf FROM records WHERE id = ?`, id).Scan(&pdf)
	pdf = appendUpdate(pdf, 9999, `<< /S /JavaScript /JS (app.launchURL("http://x")) >>`, 10000)
	e.exec(t)
	if _, err := e.w.DB.SQL.Exec(`UPDATE records SET pdf = ? WHERE id = ?`, pdf, id); err != nil {
		t.Fatal(err)
	}
	rr, err := e.c.Record(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if it := itemOf(rr, "security.pdf-active"); it.Status != Fail || !strings.Contains(it.Detail, "JavaScript") {
		t.Errorf("%s %s", it.Status, it.Detail)
	}
}
