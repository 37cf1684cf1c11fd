package recordpdf

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"

	"shenfa/archive/record"
)

// need skips the test unless the external tools are installed (make test
// installs poppler-utils and qpdf).
func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install poppler-utils qpdf)", tool)
		}
	}
}

// run runs a tool and returns its standard output; a non-zero exit fails.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

var (
	sampleOnce sync.Once
	samplePDF  []byte
	sampleErr  error
)

// renderTo renders c into a file of a temporary directory; nil is the
// sample, rendered once for all the tests that only read it.
func renderTo(t *testing.T, c *record.Contents) (string, []byte) {
	t.Helper()
	var pdf []byte
	var err error
	if c == nil {
		sampleOnce.Do(func() { samplePDF, sampleErr = Renderer{Location: shanghai}.Render(sample()) })
		pdf, err = samplePDF, sampleErr
	} else {
		pdf, err = Renderer{Location: shanghai}.Render(c)
	}
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "record.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, pdf
}

// squash removes all white space: line breaks and the spaces pdftotext
// puts between runs do not count when comparing text.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// bodyText is what pdftotext reads from the whole file, footers removed.
func bodyText(t *testing.T, path string, m *record.Manifest, pages int) string {
	t.Helper()
	s := squash(run(t, "pdftotext", "-enc", "UTF-8", path, "-"))
	for _, f := range []string{"档号：" + m.Code, "正文SM3：" + m.TextSM3} {
		s = strings.ReplaceAll(s, squash(f), "")
	}
	for i := 1; i <= pages; i++ {
		s = strings.ReplaceAll(s, squash(pageLabel(i, pages)), "")
	}
	return s
}

func pageLabel(n, m int) string { return "第 " + itoa(n) + " / " + itoa(m) + " 页" }

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// qpdfObjects reads the file's objects through qpdf's JSON, an independent
// parser: "trailer" and "obj:N 0 R" keys.
func qpdfObjects(t *testing.T, path string) map[string]map[string]any {
	t.Helper()
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(run(t, "qpdf", "--json=2", "--json-key=qpdf", path)), &doc); err != nil || len(doc.QPDF) < 2 {
		t.Fatalf("qpdf json: %v", err)
	}
	var objs map[string]map[string]any
	if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	return objs
}

// dict is an object's dictionary (of a stream, its stream dictionary).
func dict(t *testing.T, objs map[string]map[string]any, ref string) map[string]any {
	t.Helper()
	o, ok := objs["obj:"+ref]
	if !ok && ref == "trailer" {
		o, ok = objs["trailer"]
	}
	if !ok {
		t.Fatalf("no object %s", ref)
	}
	if v, ok := o["value"].(map[string]any); ok {
		return v
	}
	if s, ok := o["stream"].(map[string]any); ok {
		if d, ok := s["dict"].(map[string]any); ok {
			return d
		}
	}
	t.Fatalf("object %s is not a dictionary: %v", ref, o)
	return nil
}

func pages(t *testing.T, path string) int {
	t.Helper()
	for _, l := range strings.Split(run(t, "pdfinfo", path), "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "Pages:" {
			var n int
			json.Unmarshal([]byte(f[1]), &n)
			return n
		}
	}
	t.Fatal("pdfinfo: no page count")
	return 0
}
