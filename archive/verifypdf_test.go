package archive_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"path/filepath"
	"sync"
	"testing"

	"shenfa/archive"
	"shenfa/review"
)

var demo struct {
	sync.Mutex
	pdf   []byte
	roots *x509.CertPool
}

// demoRecord is the PDF of a record of the demo workspace, sealed and
// signed for real, and the pool of the workspace's CAs; made once.
func demoRecord(t testing.TB) ([]byte, *x509.CertPool) {
	t.Helper()
	demo.Lock()
	defer demo.Unlock()
	if demo.pdf == nil {
		demo.pdf, demo.roots = makeDemoRecord(t)
	}
	return demo.pdf, demo.roots
}

func makeDemoRecord(t testing.TB) ([]byte, *x509.CertPool) {
	t.Helper()
	ctx := context.Background()
	w, err := review.Open(filepath.Join(t.TempDir(), "ws.db"), cheap)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.SetupDemo(ctx); err != nil {
		t.Fatal(err)
	}
	sess, err := w.Accounts.SignIn(ctx, "archivist", demoPassword("archivist"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := w.Archive.Get(ctx, sess, "1")
	if err != nil {
		t.Fatal(err)
	}
	cas, err := w.PKI.CAs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	for _, c := range cas {
		pool.AddCert(c.Cert)
	}
	return r.PDF, pool
}

func demoPassword(name string) string {
	for _, a := range review.DemoAccounts {
		if a.Name == name {
			return a.Password
		}
	}
	return ""
}

// TestVerifyPDF: a sealed demo record verifies on its own; a changed byte
// in the signed range, in the embedded manifest, bytes appended after the
// signature, an unknown CA or none each fail the check they concern.
func TestVerifyPDF(t *testing.T) {
	pdf, roots := demoRecord(t)
	flip := func(at int) []byte {
		b := bytes.Clone(pdf)
		b[at] ^= 0x01
		return b
	}
	// The manifest is a Flate stream: changed compressed bytes no longer
	// decompress, or decompress to another manifest; either way the
	// signature's digest no longer matches.
	manifest := bytes.Index(pdf, []byte("/Subtype /application#2Fjson"))
	if manifest < 0 {
		t.Fatal("no embedded manifest.json in the demo record")
	}
	stream := manifest + bytes.Index(pdf[manifest:], []byte("stream\n")) + len("stream\n") + 20
	for _, tc := range []struct {
		name  string
		pdf   []byte
		roots *x509.CertPool
		fail  map[archive.PDFItem]string // item → problem; every other item passes
	}{
		{"as sealed", pdf, roots, nil},
		{"byte in the signed range", flip(len(pdf) / 3), roots, map[archive.PDFItem]string{archive.PDFSignature: "digest", archive.PDFTrust: "unsigned"}},
		{"byte in the manifest", flip(stream), roots, map[archive.PDFItem]string{archive.PDFSignature: "digest", archive.PDFTrust: "unsigned",
			archive.PDFManifest: "unreadable", archive.PDFSignOffs: "no_manifest", archive.PDFChain: "no_manifest",
			archive.PDFFile: "no_manifest", archive.PDFText: "no_manifest"}},
		{"appended", append(bytes.Clone(pdf), "\n% added later\n"...), roots, map[archive.PDFItem]string{archive.PDFWhole: "appended"}},
		{"no CA", pdf, nil, map[archive.PDFItem]string{archive.PDFTrust: "no_roots"}},
		{"another CA", pdf, x509.NewCertPool(), map[archive.PDFItem]string{archive.PDFTrust: "untrusted"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := archive.VerifyPDF(tc.pdf, tc.roots)
			if rep.OK() != (len(tc.fail) == 0) {
				t.Errorf("OK() = %v, results %+v", rep.OK(), rep.Results)
			}
			if len(rep.Results) != 8 {
				t.Fatalf("%d results, want 8: %+v", len(rep.Results), rep.Results)
			}
			for _, r := range rep.Results {
				want, bad := tc.fail[r.Item]
				if r.OK == bad || (bad && r.Problem != want) {
					t.Errorf("%s: ok %v problem %q, want failure %q: %+v", r.Item, r.OK, r.Problem, want, r)
				}
			}
			if rep.Signer == "" || (rep.Code == "") == rep.Result(archive.PDFManifest).OK {
				t.Errorf("no 档号 or signer: %+v", rep)
			}
		})
	}
}

func TestVerifyPDFNotARecord(t *testing.T) {
	for _, tc := range []struct {
		name string
		pdf  []byte
		sig  string
	}{
		{"not a PDF", []byte("hello"), "unreadable"},
		{"unsigned PDF", []byte(unsignedPDF), "unsigned"},
	} {
		rep := archive.VerifyPDF(tc.pdf, nil)
		if rep.OK() || rep.Result(archive.PDFSignature).Problem != tc.sig || rep.Result(archive.PDFManifest).OK {
			t.Errorf("%s: %+v", tc.name, rep.Results)
		}
	}
}

// unsignedPDF is the smallest PDF: a catalog and nothing else.
const unsignedPDF = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \n" +
	"trailer << /Size 2 /Root 1 0 R >>\nstartxref\n45\n%%EOF\n"

// BenchmarkVerifyPDF: a sealed demo record verified on its own.
func BenchmarkVerifyPDF(b *testing.B) {
	pdf, roots := demoRecord(b)
	b.SetBytes(int64(len(pdf)))
	for b.Loop() {
		if rep := archive.VerifyPDF(pdf, roots); !rep.OK() {
			b.Fatal(rep.Results)
		}
	}
}
