package pades

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

// recordSizedPDF is a gofpdf file of about 230 KB, the size of the PDF
// record of a 10,000-character draft (GUIDE §4).
func recordSizedPDF(b testing.TB) []byte {
	b.Helper()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.SetFont("Helvetica", "", 10)
	for line := 0; ; line++ {
		if line%45 == 0 {
			pdf.AddPage()
		}
		pdf.CellFormat(0, 5, fmt.Sprintf("%06d the approved text of the draft, as it was sealed into the record.", line), "", 1, "", false, 0, "")
		if line%45 == 44 && pdf.PageNo()*4600 > 230<<10 { // about 4.6 KB a page uncompressed
			break
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkSign230KB(b *testing.B) {
	p := newPKI(b, "郑芳")
	pdf := recordSizedPDF(b)
	b.SetBytes(int64(len(pdf)))
	for b.Loop() {
		if _, err := Sign(pdf, p.key, p.chain(), "归档 Z001-WS·2026-D10-0001", "郑芳", signedAt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(pdf))/1024, "KB")
}

func BenchmarkVerify230KB(b *testing.B) {
	p := newPKI(b, "郑芳")
	signed := sign(b, p, recordSizedPDF(b))
	b.SetBytes(int64(len(signed)))
	for b.Loop() {
		if _, err := Verify(signed, p.roots); err != nil {
			b.Fatal(err)
		}
	}
}
