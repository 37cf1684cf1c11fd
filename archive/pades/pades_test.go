package pades

import (
	"bytes"
	"errors"
	"os"
	"testing"
)

func TestSignVerify(t *testing.T) {
	p := newPKI(t, "李档案")
	pdf := samplePDF(t, 3)
	signed := sign(t, p, pdf)
	if !bytes.HasPrefix(signed, pdf) {
		t.Fatal("the signature is not an incremental update: the original bytes changed")
	}
	r, err := Verify(signed, p.roots)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Signatures) != 1 {
		t.Fatalf("%d signatures", len(r.Signatures))
	}
	s := r.Last()
	if s.Name != "李档案" || s.Reason != "归档 Z001-WS·2026-D10-0001" || !s.Time.Equal(signedAt) {
		t.Errorf("name %q reason %q time %v", s.Name, s.Reason, s.Time)
	}
	if s.Signer.Subject.CommonName != "李档案" || len(s.Chain) != 2 || !s.BaselineB || s.Appended != 0 || s.SubFilter != SubFilter {
		t.Errorf("signer %v chain %d baseline %v appended %d subfilter %s", s.Signer.Subject, len(s.Chain), s.BaselineB, s.Appended, s.SubFilter)
	}
	if s.Revision != int64(len(signed)) {
		t.Errorf("revision %d of %d bytes", s.Revision, len(signed))
	}
	// GUIDE §4: literal strings with an escaped byte order mark, never <FEFF…>.
	if !bytes.Contains(signed, []byte(`/Name (\376\377`)) || !bytes.Contains(signed, []byte(`/Reason (\376\377`)) {
		t.Error("/Name or /Reason is not a literal UTF-16 string")
	}
}

func TestVerifyUnsigned(t *testing.T) {
	if _, err := Verify(samplePDF(t, 1), nil); !errors.Is(err, ErrNoSignature) {
		t.Fatalf("unsigned PDF: %v", err)
	}
}

func TestUntrusted(t *testing.T) {
	p, other := newPKI(t, "李档案"), newPKI(t, "王某")
	signed := sign(t, p, samplePDF(t, 1))
	r, err := Verify(signed, other.roots)
	if !errors.Is(err, ErrUntrusted) {
		t.Fatalf("another CA as root: %v", err)
	}
	if r.Last().Signer == nil {
		t.Error("the report should still name the signer")
	}
	if _, err := Verify(signed, nil); err != nil {
		t.Fatalf("integrity alone (no roots): %v", err)
	}
}

// One changed byte anywhere in the signed range is detected.
func TestTamper(t *testing.T) {
	p := newPKI(t, "李档案")
	pdf := samplePDF(t, 2)
	signed := sign(t, p, pdf)
	r, err := Verify(signed, p.roots)
	if err != nil {
		t.Fatal(err)
	}
	br := r.Last().ByteRange
	n := int64(len(signed))
	positions := map[string]int64{
		"header":            1,
		"page content":      int64(bytes.Index(signed, []byte("line 17"))) + 5,
		"original trailer":  int64(bytes.Index(signed, []byte("trailer"))) + 2,
		"before /Contents":  br[1] - 3,
		"signature dict":    int64(bytes.Index(signed, []byte("/Reason"))) + 3,
		"/Contents hex":     br[1] + 40,
		"after /Contents":   br[2] + 1,
		"update xref":       int64(bytes.LastIndex(signed, []byte("xref"))) + 8,
		"last byte (%%EOF)": n - 3,
	}
	for what, at := range positions {
		t.Run(what, func(t *testing.T) {
			bad := bytes.Clone(signed)
			bad[at] ^= 0x01
			if _, err := Verify(bad, p.roots); err == nil {
				t.Fatalf("byte %d (%s) flipped: still verifies", at, what)
			}
		})
	}
}

func TestAppendedBytes(t *testing.T) {
	p := newPKI(t, "李档案")
	signed := sign(t, p, samplePDF(t, 1))
	tampered := append(bytes.Clone(signed), "\n% an update after signing\n"...)
	r, err := Verify(tampered, p.roots)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Last().Appended; got != 27 {
		t.Fatalf("appended %d bytes, reported %d", 27, got)
	}
}

// A second signature over a signed file: both verify, and the first
// reports the bytes appended after it.
func TestSignTwice(t *testing.T) {
	p, q := newPKI(t, "李档案"), newPKI(t, "王审核")
	once := sign(t, p, samplePDF(t, 1))
	twice := sign(t, q, once)
	roots := p.roots.Clone()
	roots.AddCert(q.ca)
	r, err := Verify(twice, roots)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Signatures) != 2 {
		t.Fatalf("%d signatures", len(r.Signatures))
	}
	first, last := r.Signatures[0], r.Signatures[1]
	if first.Field != "Signature1" || last.Field != "Signature2" {
		t.Errorf("fields %q %q", first.Field, last.Field)
	}
	if first.Appended != int64(len(twice)-len(once)) || last.Appended != 0 {
		t.Errorf("appended %d and %d", first.Appended, last.Appended)
	}
}

// A file whose last cross-reference section is a stream and whose catalog
// and pages sit in object streams (qpdf --object-streams=generate).
func TestXrefStream(t *testing.T) {
	pdf, err := os.ReadFile("testdata/objstm.pdf")
	if err != nil {
		t.Fatal(err)
	}
	d, err := readDocument(pdf)
	if err != nil || !d.stream {
		t.Fatalf("fixture: stream %v, %v", d != nil && d.stream, err)
	}
	p := newPKI(t, "李档案")
	signed := sign(t, p, pdf)
	if _, err := Verify(signed, p.roots); err != nil {
		t.Fatal(err)
	}
	d, err = readDocument(signed)
	if err != nil || !d.stream {
		t.Fatalf("the update should end in a cross-reference stream: %v", err)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"D:20261201093000+00'00'": "2026-12-01T09:30:00Z",
		"D:20261201173000+08'00'": "2026-12-01T09:30:00Z",
		"D:20261201093000Z":       "2026-12-01T09:30:00Z",
		"D:2026":                  "2026-01-01T00:00:00Z",
	} {
		if got := parseDate(in).Format("2006-01-02T15:04:05Z07:00"); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
	if !parseDate("yesterday").IsZero() {
		t.Error("a non-date should read as the zero time")
	}
}
