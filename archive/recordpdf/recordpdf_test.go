package recordpdf

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"shenfa/archive"
	"shenfa/archive/record"
	"shenfa/assets"
)

var _ archive.Renderer = Renderer{}

var update = flag.Bool("update", false, "rewrite testdata/cover.golden")

func TestRecordPassesQpdf(t *testing.T) {
	need(t, "qpdf")
	for name, c := range map[string]*record.Contents{"sample": nil, "10,000 characters": record10k()} {
		t.Run(name, func(t *testing.T) {
			path, _ := renderTo(t, c)
			out := run(t, "qpdf", "--check", path)
			if !strings.Contains(out, "No syntax or stream encoding errors") || strings.Contains(strings.ToLower(out), "warning") {
				t.Errorf("qpdf --check:\n%s", out)
			}
		})
	}
}

func TestFontsAreEmbedded(t *testing.T) {
	need(t, "pdffonts")
	path, _ := renderTo(t, nil)
	out := run(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
	names := map[string]bool{}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			t.Errorf("font not embedded as a subset: %q", l)
		}
		if m := regexp.MustCompile(`^[A-Z]{6}\+(\w+)$`).FindStringSubmatch(f[0]); m != nil {
			names[m[1]] = true
		} else {
			t.Errorf("font name without a subset tag: %q", f[0])
		}
	}
	// 镕 is not in the 宋体: the fallback is embedded too, and nothing else.
	if len(lines) != 2 || !names["ARPLSungtiLGB"] || !names["DroidSansFallback"] {
		t.Errorf("fonts:\n%s", out)
	}
}

func TestTextExtractsAsApproved(t *testing.T) {
	need(t, "pdftotext", "pdfinfo")
	for name, c := range map[string]*record.Contents{"sample": nil, "10,000 characters": record10k()} {
		t.Run(name, func(t *testing.T) {
			path, _ := renderTo(t, c)
			if c == nil {
				c = sample()
			}
			n := pages(t, path)
			got := bodyText(t, path, c.Manifest, n)
			if want := squash(c.Text); !strings.Contains(got, want) {
				i := 0
				for i < len(want) && strings.Contains(got, want[:i+1]) {
					i++
				}
				t.Errorf("pdftotext does not give back the text; it agrees up to %q", want[max(0, i-60):i])
			}
			if want := 5 + len([]rune(c.Text))/1600; n < 5 || n > want+2 {
				t.Errorf("%d pages for %d characters", n, len([]rune(c.Text)))
			}
			if !strings.Contains(run(t, "pdftotext", "-f", itoa(n), "-l", itoa(n), path, "-"), pageLabel(n, n)) {
				t.Errorf("last page has no footer %q", pageLabel(n, n))
			}
		})
	}
}

func TestEmbeddedFilesComeBackIdentical(t *testing.T) {
	need(t, "pdfdetach", "qpdf")
	c := sample()
	path, _ := renderTo(t, nil)
	list := run(t, "pdfdetach", "-list", "-enc", "UTF-8", path)
	if !strings.Contains(list, "2 embedded files") || !strings.Contains(list, "1: "+c.Manifest.FileName) ||
		!strings.Contains(list, "2: manifest.json") {
		t.Fatalf("pdfdetach -list:\n%s", list)
	}
	manifest, _ := c.Manifest.Marshal()
	for i, want := range [][]byte{c.File, manifest} {
		out := filepath.Join(t.TempDir(), "out")
		run(t, "pdfdetach", "-save", itoa(i+1), "-o", out, path)
		got, err := os.ReadFile(out)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("file %d: %d bytes back, want %d identical ones (%v)", i+1, len(got), len(want), err)
		}
	}
	// PDF/A-3 associated files: /AF in the catalog, /AFRelationship,
	// /Params with /Size, an MD5 /CheckSum and /ModDate, a MIME /Subtype.
	objs := qpdfObjects(t, path)
	cat := dict(t, objs, dict(t, objs, "trailer")["/Root"].(string))
	af, _ := cat["/AF"].([]any)
	if len(af) != 2 {
		t.Fatalf("catalog /AF: %v", cat["/AF"])
	}
	for i, rel := range []string{"/Source", "/Data"} {
		fs := dict(t, objs, af[i].(string))
		want := [][]byte{c.File, manifest}[i]
		if fs["/AFRelationship"] != rel || fs["/F"] == nil || fs["/UF"] == nil {
			t.Errorf("file spec %d: %v", i+1, fs)
		}
		ef := dict(t, objs, fs["/EF"].(map[string]any)["/F"].(string))
		p := ef["/Params"].(map[string]any)
		sum := md5.Sum(want)
		if p["/Size"] != float64(len(want)) || p["/CheckSum"] != "b:"+hex.EncodeToString(sum[:]) || p["/ModDate"] == nil || ef["/Subtype"] == nil {
			t.Errorf("embedded file %d: %v", i+1, ef)
		}
	}
}

func TestAimsAtPDFA3b(t *testing.T) {
	need(t, "qpdf", "pdfinfo")
	c := sample()
	path, pdf := renderTo(t, nil)
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.7\n%")) || bytes.IndexFunc(pdf[10:14], func(r rune) bool { return r < 0x80 }) >= 0 {
		t.Errorf("header %q: want %%PDF-1.7 and a binary comment", pdf[:16])
	}
	objs := qpdfObjects(t, path)
	tr := dict(t, objs, "trailer")
	id, _ := tr["/ID"].([]any)
	if len(id) != 2 || len(id[0].(string)) != 2+32 || tr["/Encrypt"] != nil {
		t.Errorf("trailer: %v", tr)
	}
	cat := dict(t, objs, tr["/Root"].(string))
	md := dict(t, objs, cat["/Metadata"].(string))
	if md["/Type"] != "/Metadata" || md["/Subtype"] != "/XML" || md["/Filter"] != nil {
		t.Errorf("metadata stream: %v", md)
	}
	ois, _ := cat["/OutputIntents"].([]any)
	if len(ois) != 1 {
		t.Fatalf("output intents: %v", cat["/OutputIntents"])
	}
	oi := dict(t, objs, ois[0].(string))
	if oi["/S"] != "/GTS_PDFA1" || oi["/OutputConditionIdentifier"] == nil {
		t.Errorf("output intent: %v", oi)
	}
	prof := oi["/DestOutputProfile"].(string)
	if dict(t, objs, prof)["/N"] != float64(3) {
		t.Errorf("ICC profile: %v", dict(t, objs, prof))
	}
	icc := run(t, "qpdf", "--show-object="+strings.TrimSuffix(prof, " 0 R"), "--filtered-stream-data", path)
	if icc != string(assets.SRGBProfile) {
		t.Errorf("the output intent's profile is not the embedded sRGB profile")
	}
	for k := range cat {
		if k == "/OpenAction" || k == "/AA" || k == "/JavaScript" {
			t.Errorf("catalog has %s", k)
		}
	}
	// XMP: PDF/A identification, and the info dictionary's entries repeated.
	meta := run(t, "pdfinfo", "-meta", path)
	info := run(t, "pdfinfo", path)
	title := regexp.MustCompile(`(?m)^Title:\s+(.*)$`).FindStringSubmatch(info)
	for _, want := range []string{"<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
		"<rdf:li xml:lang=\"x-default\">" + title[1] + "</rdf:li>", "<xmp:CreateDate>2026-12-05T05:30:00Z</xmp:CreateDate>",
		"<pdf:Producer>" + producer + "</pdf:Producer>"} {
		if !strings.Contains(meta, want) {
			t.Errorf("XMP lacks %s", want)
		}
	}
	if !strings.Contains(info, "Metadata Stream: yes") || !strings.Contains(title[1], c.Manifest.Code) {
		t.Errorf("pdfinfo:\n%s", info)
	}
}

// TestSignerCanAppend appends an incremental update the way the signer
// does (a new catalog version and a cross-reference section with /Prev):
// the result must still be a clean PDF.
func TestSignerCanAppend(t *testing.T) {
	need(t, "qpdf", "pdfinfo")
	_, pdf := renderTo(t, nil)
	root := regexp.MustCompile(`/Root (\d+) 0 R`).FindSubmatch(pdf)
	info := regexp.MustCompile(`/Info (\d+) 0 R`).FindSubmatch(pdf)
	size := regexp.MustCompile(`trailer\n<< /Size (\d+)`).FindSubmatch(pdf)
	prev := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(pdf)
	if root == nil || info == nil || size == nil || prev == nil {
		t.Fatalf("trailer not found")
	}
	var b bytes.Buffer
	b.Write(pdf)
	off := b.Len()
	fmt.Fprintf(&b, "%s 0 obj\n<< /Title (appended) >>\nendobj\n", info[1])
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f \n%s 1\n%010d 00000 n \n", info[1], off)
	fmt.Fprintf(&b, "trailer\n<< /Size %s /Root %s 0 R /Info %s 0 R /Prev %s >>\nstartxref\n%d\n%%%%EOF\n", size[1], root[1], info[1], prev[1], xref)
	path := filepath.Join(t.TempDir(), "appended.pdf")
	os.WriteFile(path, b.Bytes(), 0o644)
	if out := run(t, "qpdf", "--check", path); strings.Contains(strings.ToLower(out), "warning") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	if !strings.Contains(run(t, "pdfinfo", path), "Title:           appended") {
		t.Errorf("the appended update is not read")
	}
}

// TestCoverGolden compares page 1 as pdftotext -layout reads it with
// testdata/cover.golden (runs of spaces count as one), and checks that each
// field's label and value are there.
func TestCoverGolden(t *testing.T) {
	need(t, "pdftotext")
	c := sample()
	path, _ := renderTo(t, nil)
	got := regexp.MustCompile(` +`).ReplaceAllString(run(t, "pdftotext", "-layout", "-enc", "UTF-8", "-f", "1", "-l", "1", path, "-"), " ")
	golden := filepath.Join("testdata", "cover.golden")
	if *update {
		os.WriteFile(golden, []byte(got), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("page 1 differs from %s (go test -update to accept):\n%s", golden, got)
	}
	// Cells wrap, and -layout interleaves the lines of neighbouring cells:
	// the values are looked for in content order (-raw).
	m, flat := c.Manifest, squash(run(t, "pdftotext", "-raw", "-enc", "UTF-8", "-f", "1", "-l", "1", path, "-"))
	for _, s := range []string{"信息发布审批表", "编号/档号", m.Code, "单位", m.Channel.Unit, "渠道/账号", "江城发布（微信公众号）",
		"分级", "重要信息（B）", "标题", m.Title, "字数", "365字", "信息来源", "转载：稿源江城日报", m.Source.Title, m.Source.URL,
		"拟发布时间", "2026-12-0509:00:00", "撰稿人", "陈晓(author)", "检查情况", "默认敏感词库2026.11", "阻断1处，警告1处，提示1处；豁免1处",
		"环节", "签署人", "职务", "意见", "日期时间", "签署含义", "密钥指纹", "初审", "张伟", "初审人", "审核同意", "复审", "孙丽", "终审", "签发",
		"王建华", "保密审查：公开", "刘洋", "保密审查员", "同意发布。", "2026-12-0316:30:00", fingerprint(m.SignOffs[5].Key),
		"退回记录", "第1轮初审张伟退回至撰稿人：时间表述不清", "第2轮复审孙丽", "保密审查结论", "是否发布", "发布时间", "2026-12-0503:30:00",
		"发布链接", m.Published.URL, "审计链头", "第1234条", m.AuditHead.Hash, "归档", "周敏(archivist)", "UTC+08:00"} {
		if !strings.Contains(flat, squash(s)) {
			t.Errorf("cover lacks %q", s)
		}
	}
	for _, so := range m.SignOffs[:3] { // returned and superseded sign-offs do not count on the cover
		if strings.Contains(flat, fingerprint(so.Key)) {
			t.Errorf("cover shows superseded sign-off %d", so.Seq)
		}
	}
}

func TestSecrecyFormAndHistory(t *testing.T) {
	need(t, "pdftotext")
	c := sample()
	path, _ := renderTo(t, nil)
	page := func(n int) string {
		return squash(run(t, "pdftotext", "-raw", "-enc", "UTF-8", "-f", itoa(n), "-l", itoa(n), path, "-"))
	}
	p2 := page(2)
	for _, s := range append([]string{"保密审查表", "审查结论公开", "依据和理由" + c.Manifest.Secrecy.Basis, "刘洋(secrecy)", "√否", "√是"},
		c.Manifest.Secrecy.Items[0].Item, c.Manifest.Secrecy.Items[7].Item) {
		if !strings.Contains(p2, squash(s)) {
			t.Errorf("保密审查表 lacks %q", s)
		}
	}
	all := squash(run(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-"))
	for _, s := range []string{"审查历程", "第3版", "按初审意见修改时间表述", "3处，增12字，删4字", "已失效", "退回",
		"一网通办", "〔政治性差错·阻断〕已豁免（复审孙丽：规范写法，误报）", "〔外部链接·警告〕已确认（初审张伟）",
		"请写明具体时段。（必改）", "回复：", "隐藏和删除的内容", "内部：此稿需在周五前发出", "修订删除的文字"} {
		if !strings.Contains(all, squash(s)) {
			t.Errorf("history lacks %q", s)
		}
	}
}

// TestRendersAreReproducible renders one record from several goroutines:
// the same record gives the same bytes (the /ID, the subset tags and the
// dates come from the record, not from the clock or chance).
func TestRendersAreReproducible(t *testing.T) {
	c := sample()
	want, err := Renderer{Location: shanghai}.Render(c)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			got, err := Renderer{Location: shanghai}.Render(sample())
			if err == nil && !bytes.Equal(got, want) {
				err = fmt.Errorf("a second render differs (%d bytes, want %d)", len(got), len(want))
			}
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if string(assets.SRGBProfile[36:40]) != "acsp" || string(assets.SRGBProfile[16:20]) != "RGB " {
		t.Error("assets.SRGBProfile is not an RGB ICC profile")
	}
}
