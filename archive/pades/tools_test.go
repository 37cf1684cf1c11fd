package pades

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// need skips the test when a tool is not installed.
func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install qpdf poppler-utils libnss3-tools; make deps-test)", tool)
		}
	}
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// qpdfCheck runs qpdf --check, which exits 0 only for a clean file (2 for
// errors, 3 for warnings).
func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	out, err := exec.Command("qpdf", "--check", writeTemp(t, "check.pdf", pdf)).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// nssDB is an NSS database that trusts the given CA certificates.
func nssDB(t *testing.T, cas ...*x509.Certificate) string {
	t.Helper()
	dir := t.TempDir()
	run(t, "certutil", "-N", "--empty-password", "-d", "sql:"+dir)
	for i, ca := range cas {
		pemFile := writeTemp(t, "ca.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Raw}))
		run(t, "certutil", "-A", "-n", "shenfa-ca-"+string(rune('a'+i)), "-t", "CT,C,C", "-i", pemFile, "-d", "sql:"+dir)
	}
	return "sql:" + dir
}

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// pdfsig returns poppler's report; it exits 0 for invalid signatures too,
// so the text is what counts.
func pdfsig(t *testing.T, db string, pdf []byte) string {
	t.Helper()
	out, _ := exec.Command("pdfsig", "-nssdir", db, writeTemp(t, "sig.pdf", pdf)).CombinedOutput()
	return string(out)
}

func TestToolsAcceptSignature(t *testing.T) {
	need(t, "qpdf", "pdfsig", "certutil")
	p := newPKI(t, "李档案")
	objstm, err := os.ReadFile("testdata/objstm.pdf")
	if err != nil {
		t.Fatal(err)
	}
	db := nssDB(t, p.ca)
	for what, pdf := range map[string][]byte{"gofpdf": samplePDF(t, 3), "object streams": objstm} {
		t.Run(what, func(t *testing.T) {
			signed := sign(t, p, pdf)
			qpdfCheck(t, signed)
			out := pdfsig(t, db, signed)
			for _, want := range []string{"Signature is Valid.", "Certificate is Trusted.", "Total document signed",
				"Signer Certificate Common Name: 李档案", "Signature Type: ETSI.CAdES.detached"} {
				if !strings.Contains(out, want) {
					t.Errorf("pdfsig does not say %q:\n%s", want, out)
				}
			}
			t.Logf("pdfsig:\n%s", out)
		})
	}
}

// One flipped byte anywhere in the signed range: pdfsig no longer reports
// the signature valid.
func TestToolsDetectTamper(t *testing.T) {
	need(t, "pdfsig", "certutil")
	p := newPKI(t, "李档案")
	signed := sign(t, p, samplePDF(t, 2))
	db := nssDB(t, p.ca)
	r, err := Verify(signed, p.roots)
	if err != nil {
		t.Fatal(err)
	}
	br := r.Last().ByteRange
	for _, at := range []int64{20, int64(bytes.Index(signed, []byte("line 23"))) + 3, br[1] / 2, br[1] - 2, br[2] + 5, int64(len(signed)) - 10} {
		bad := bytes.Clone(signed)
		bad[at] ^= 0x01
		out := pdfsig(t, db, bad)
		if strings.Contains(out, "Signature is Valid.") {
			t.Errorf("byte %d flipped: pdfsig still says valid:\n%s", at, out)
		}
		if _, err := Verify(bad, p.roots); err == nil {
			t.Errorf("byte %d flipped: Verify still passes", at)
		}
	}
}

func TestToolsAppended(t *testing.T) {
	need(t, "pdfsig", "certutil")
	p := newPKI(t, "李档案")
	signed := append(sign(t, p, samplePDF(t, 1)), "\n%% appended\n"...)
	out := pdfsig(t, nssDB(t, p.ca), signed)
	if !strings.Contains(out, "Not total document signed") {
		t.Errorf("pdfsig should see bytes after the signature:\n%s", out)
	}
}

// A record signed again later (by another person): pdfsig sees both
// signatures valid, the first not covering the whole file. (poppler 22.12
// reports "Unknown issue with Certificate" for a second signature by the
// same certificate in one file; the signature itself still validates.)
func TestToolsTwoSigners(t *testing.T) {
	need(t, "qpdf", "pdfsig", "certutil")
	p := newPKI(t, "李档案")
	q := p.issue(t, "王审核")
	twice := sign(t, q, sign(t, p, samplePDF(t, 1)))
	qpdfCheck(t, twice)
	out := pdfsig(t, nssDB(t, p.ca), twice)
	if strings.Count(out, "Signature is Valid.") != 2 || strings.Count(out, "Certificate is Trusted.") != 2 ||
		!strings.Contains(out, "Not total document signed") {
		t.Errorf("pdfsig on a file signed twice:\n%s", out)
	}
}
