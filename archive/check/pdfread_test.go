package check

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// buildPDF writes objects 1..n (object i is objs[i-1]) with a correct
// cross-reference table; object 1 is the catalog.
func buildPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// appendUpdate adds an incremental update replacing object num.
func appendUpdate(pdf []byte, num int, obj string, size int) []byte {
	prev := bytes.LastIndex(pdf, []byte("startxref"))
	prevOff, _ := strconv.Atoi(strings.Fields(string(pdf[prev+len("startxref"):]))[0])
	root := "1"
	if m := regexp.MustCompile(`/Root (\d+) 0 R`).FindAllSubmatch(pdf, -1); m != nil {
		root = string(m[len(m)-1][1])
	}
	b := bytes.NewBuffer(bytes.Clone(pdf))
	off := b.Len()
	fmt.Fprintf(b, "%d 0 obj\n%s\nendobj\n", num, obj)
	xref := b.Len()
	fmt.Fprintf(b, "xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %s 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", num, off, size, root, prevOff, xref)
	return b.Bytes()
}

func flate(s string) string {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

var page = []string{
	`<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
	`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>`,
	"<< /Length 5 0 R /Filter /FlateDecode >>\nstream\n" + flate("BT /F1 12 Tf (Hi) Tj ET") + "\nendstream",
	fmt.Sprint(len(flate("BT /F1 12 Tf (Hi) Tj ET"))),
}

func doc(catalog string, more ...string) []byte {
	return buildPDF(append(append([]string{catalog}, page...), more...)...)
}

func TestInspect(t *testing.T) {
	for _, tc := range []struct {
		name     string
		pdf      []byte
		active   []string
		problems bool
		files    []string
	}{
		{"plain", doc(`<< /Type /Catalog /Pages 2 0 R >>`), nil, false, nil},
		{"JavaScript on open", doc(`<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>`, `<< /S /JavaScript /JS (app.alert(1)) >>`),
			[]string{"JavaScript", "OpenAction"}, false, nil},
		{"escaped name", doc(`<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript /J#53 (x) >> >>`),
			[]string{"JavaScript", "OpenAction"}, false, nil},
		{"launch in an annotation", doc(`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Annot /Subtype /Link /A << /S /Launch /F (calc.exe) >> >>`),
			[]string{"Launch（启动外部程序）"}, false, nil},
		{"embedded file", doc(`<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(a) 6 0 R] >> >> >>`,
			`<< /Type /Filespec /F (a.txt) /UF <FEFF6E05 5355 002E 0074 0078 0074> /EF << /F 7 0 R >> /AFRelationship /Source >>`,
			"<< /Type /EmbeddedFile /Length 5 >>\nstream\nhello\nendstream"), nil, false, []string{"清单.txt"}},
		{"wrong stream length", buildPDF(`<< /Type /Catalog /Pages 2 0 R >>`, page[0], page[1], "<< /Length 3 >>\nstream\nBT ET\nendstream", "0"),
			nil, true, nil},
		{"no pages", buildPDF(`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [] /Count 0 >>`), nil, true, nil},
		{"page tree loop", buildPDF(`<< /Type /Catalog /Pages 2 0 R >>`, `<< /Type /Pages /Kids [2 0 R] /Count 1 >>`), nil, true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, err := inspect(tc.pdf)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(info.Active, tc.active) {
				t.Errorf("active %v, want %v", info.Active, tc.active)
			}
			if (len(info.Problems) > 0) != tc.problems {
				t.Errorf("problems %v", info.Problems)
			}
			var names []string
			for _, f := range info.Files {
				names = append(names, f.Name)
				if f.Err != nil || string(f.Data) != "hello" {
					t.Errorf("file %q: %q %v", f.Name, f.Data, f.Err)
				}
			}
			if !slices.Equal(names, tc.files) {
				t.Errorf("files %v, want %v", names, tc.files)
			}
		})
	}
}

func TestInspectRefuses(t *testing.T) {
	good := doc(`<< /Type /Catalog /Pages 2 0 R >>`)
	for _, tc := range []struct {
		name string
		pdf  []byte
	}{
		{"not a PDF", []byte("PK\x03\x04 a zip")},
		{"no startxref", bytes.ReplaceAll(good, []byte("startxref"), []byte("startxxxx"))},
		{"startxref past the end", append(bytes.Clone(good[:bytes.LastIndex(good, []byte("startxref"))]), "startxref\n999999999\n%%EOF\n"...)},
		{"truncated", good[:len(good)/2]},
		{"root not a catalog", bytes.Replace(good, []byte("/Type /Catalog"), []byte("/Type /Catalo "), 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if info, err := inspect(tc.pdf); err == nil && len(info.Problems) == 0 {
				t.Errorf("accepted: %+v", info)
			}
		})
	}
}

// TestIncrementalUpdate: the newest definition of an object wins, as it
// does after a signature's incremental update.
func TestIncrementalUpdate(t *testing.T) {
	pdf := doc(`<< /Type /Catalog /Pages 2 0 R >>`)
	pdf = appendUpdate(pdf, 1, `<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (x) >> >>`, 6)
	info, err := inspect(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(info.Active, "JavaScript") || len(info.Problems) > 0 || info.Pages != 1 {
		t.Errorf("%+v", info)
	}
}

// TestObjectStreams: a record rewritten with cross-reference and object
// streams (qpdf) reads the same.
func TestObjectStreams(t *testing.T) {
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf not installed")
	}
	e := newEnv(t)
	id, _ := e.first(t)
	s, err := e.c.load(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	os.WriteFile(in, s.PDF, 0o600)
	if b, err := exec.Command("qpdf", "--object-streams=generate", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, b)
	}
	data, _ := os.ReadFile(out)
	if !bytes.Contains(data, []byte("/ObjStm")) {
		t.Fatal("qpdf wrote no object streams")
	}
	info, err := inspect(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Problems) > 0 || info.Pages < 2 || len(info.Fonts) == 0 {
		t.Errorf("%+v", info)
	}
	if m := info.fileNamed("manifest.json"); m == nil || !bytes.Equal(m.Data, s.ManifestRaw) {
		t.Error("manifest not found in the object-stream file")
	}
}

func TestPdffonts(t *testing.T) {
	out := `name                                 type              encoding         emb sub uni object ID
------------------------------------ ----------------- ---------------- --- --- --- ---------
LUFMAL+ARPLSungtiLGB                 CID TrueType      Identity-H       yes yes yes     11  0
Helvetica Bold                       Type 1            WinAnsi          no  no  no       7  0
`
	all, missing := pdffonts([]byte(out))
	if !slices.Equal(all, []string{"LUFMAL+ARPLSungtiLGB", "Helvetica Bold"}) || !slices.Equal(missing, []string{"Helvetica Bold"}) {
		t.Errorf("all %q missing %q", all, missing)
	}
}

func TestTextString(t *testing.T) {
	for in, want := range map[string]string{"\xfe\xff\x6e\x05\x55\x55": "清啕", "plain": "plain", "\xfe\xff\xd8\x3d\xde\x00": "😀"} {
		if got := pdfTextString([]byte(in)); got != want {
			t.Errorf("%q: %q", in, got)
		}
	}
	if strings.Contains(pdfTextString([]byte("\xfe\xff\x00")), "\x00") {
		t.Error("odd byte kept")
	}
}

func FuzzInspect(f *testing.F) {
	f.Add(doc(`<< /Type /Catalog /Pages 2 0 R >>`))
	f.Add(doc(`<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Kids [6 0 R] >> >> >>`, `<< /Names [(a) 6 0 R] /Kids [6 0 R] >>`))
	f.Add(appendUpdate(doc(`<< /Type /Catalog /Pages 2 0 R >>`), 1, `<< /Type /Catalog /Pages 3 0 R >>`, 6))
	f.Add([]byte("%PDF-1.7\n1 0 obj << /Type /XRef /W [1 2 1] /Size 2 /Length 4 >> stream\n\x01\x00\x00\x00\nendstream endobj\nstartxref\n9\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := inspect(data)
		if err == nil && info == nil {
			t.Fatal("no info and no error")
		}
	})
}
