package pades

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// attachedPDF is a one-page PDF with files embedded by gofpdf, another
// producer than ours (its name tree, no /AF).
func attachedPDF(t testing.TB, files map[string]string) []byte {
	t.Helper()
	pdf := gofpdf.New("P", "mm", "A4", "")
	var as []gofpdf.Attachment
	for name, body := range files {
		as = append(as, gofpdf.Attachment{Filename: name, Content: []byte(body), Description: "test"})
	}
	pdf.SetAttachments(as)
	pdf.AddPage()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAttachments(t *testing.T) {
	p := newPKI(t, "李档案")
	files := map[string]string{"manifest.json": `{"format": "x"}`, "original.txt": "定稿正文"}
	for _, tc := range []struct {
		name string
		pdf  []byte
		want map[string]string
	}{
		{"none", samplePDF(t, 1), map[string]string{}},
		{"unsigned", attachedPDF(t, files), files},
		{"signed", sign(t, p, attachedPDF(t, files)), files},
	} {
		t.Run(tc.name, func(t *testing.T) {
			as, err := Attachments(tc.pdf)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, a := range as {
				got[a.Name] = string(a.Data)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("attachments %v, want %v", got, tc.want)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s: %q, want %q", k, got[k], v)
				}
			}
		})
	}
	if _, err := Attachments([]byte("not a PDF")); err == nil {
		t.Error("no error for a file that is not a PDF")
	}
}

// FuzzAttachments: outside input must give an error or attachments, never
// a panic or a hang.
func FuzzAttachments(f *testing.F) {
	f.Add(attachedPDF(f, map[string]string{"a.txt": "甲"}))
	f.Add(samplePDF(f, 1))
	f.Fuzz(func(t *testing.T, pdf []byte) {
		Attachments(pdf)
	})
}

// TestAttachmentsHostileTree: a name tree whose nodes list the same kid
// twice, 64 levels deep, is read in bounded time.
func TestAttachmentsHostileTree(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := []int{}
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj %s endobj\n", len(offs), body)
	}
	obj("<< /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >>")
	obj("<< /Kids [2 0 R 2 0 R] >>")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if as, err := Attachments(b.Bytes()); err != nil || len(as) != 0 {
			t.Errorf("attachments %v, %v", as, err)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a self-referencing name tree hangs Attachments")
	}
}
