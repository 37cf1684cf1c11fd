package pades

import (
	"os"
	"testing"
)

// FuzzVerify feeds Verify (and so the cross-reference, object, stream and
// CMS parsers) outside input: it must return, never panic or hang.
func FuzzVerify(f *testing.F) {
	p := newPKI(f, "李档案")
	signed := sign(f, p, samplePDF(f, 1))
	f.Add(signed)
	f.Add(samplePDF(f, 1))
	if b, err := os.ReadFile("testdata/objstm.pdf"); err == nil {
		f.Add(b)
		f.Add(sign(f, p, b))
	}
	f.Add([]byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer << /Size 2 /Root 1 0 R /Prev 400 >>\nstartxref\n41\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, pdf []byte) {
		r, err := Verify(pdf, p.roots)
		if err == nil && len(r.Signatures) == 0 {
			t.Fatal("no error and no signature")
		}
	})
}

// FuzzSign: whatever Sign accepts, Verify must accept as signed.
func FuzzSign(f *testing.F) {
	p := newPKI(f, "李档案")
	f.Add(samplePDF(f, 1))
	if b, err := os.ReadFile("testdata/objstm.pdf"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, pdf []byte) {
		signed, err := Sign(pdf, p.key, p.chain(), "r", "n", signedAt)
		if err != nil {
			return
		}
		if _, err := Verify(signed, p.roots); err != nil {
			t.Fatalf("signed but does not verify: %v", err)
		}
	})
}
