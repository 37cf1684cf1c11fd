package check

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/sfnt"

	"shenfa/assets"
)

// The report PDF: A4, the 宋体 of the records with Droid Sans Fallback for
// the characters it lacks (Droid has no ASCII, so the 宋体 comes first).
const (
	pageW, pageH   = 210.0, 297.0
	margin         = 15.0
	bodySize       = 9.0
	lineH          = 4.6
	cellPad        = 1.2
	faceSong       = "song"
	faceDroid      = "droid"
	closingMarks   = "，。、；：？！）》」』】〕…,.;:?!)]}"
	statusColWidth = 16.0
)

// songGlyphs answers whether the 宋体 has a glyph, parsed once.
var songGlyphs = sync.OnceValues(func() (func(rune) bool, error) {
	f, err := sfnt.Parse(assets.RecordFont)
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	var buf sfnt.Buffer
	return func(r rune) bool {
		mu.Lock()
		defer mu.Unlock()
		g, err := f.GlyphIndex(&buf, r)
		return err == nil && g != 0
	}, nil
})

// reportPDF lays out a report.
type reportPDF struct {
	pdf    *gofpdf.Fpdf
	has    func(rune) bool
	widths map[[2]any]float64 // (face, rune) → width in mm at bodySize
}

// PDF writes the report as a PDF document: the conclusion, then the
// workspace items and each record's items as tables (四性, 检测项, 结果, 说明).
func (r *Report) PDF() ([]byte, error) {
	has, err := songGlyphs()
	if err != nil {
		return nil, fmt.Errorf("report PDF: font: %w", err)
	}
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.AddUTF8FontFromBytes(faceSong, "", assets.RecordFont)
	pdf.AddUTF8FontFromBytes(faceDroid, "", assets.UIFont)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, margin)
	pdf.SetTitle("电子档案四性检测报告", true)
	pdf.SetCreator("Shenfa 审发", true)
	pdf.SetCreationDate(r.Finished)
	pdf.AliasNbPages("{nb}")
	rp := &reportPDF{pdf: pdf, has: has, widths: map[[2]any]float64{}}
	pdf.SetFooterFunc(func() {
		rp.line(margin, pageH-9, fmt.Sprintf("电子档案四性检测报告（DA/T 70-2018）　检测时间 %s　第 %d / {nb} 页",
			r.Finished.Local().Format("2006-01-02 15:04"), pdf.PageNo()), 8, [3]int{110, 110, 110})
	})
	pdf.AddPage()
	rp.cover(r)
	if len(r.Workspace) > 0 {
		rp.heading("工作区")
		rp.table(r.Workspace)
	}
	for _, rr := range r.Records {
		rp.heading(fmt.Sprintf("%s　%s　结论：%s", rr.Code, rr.Title, rr.Status.Label()))
		rp.table(rr.Items)
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("report PDF: %w", err)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, fmt.Errorf("report PDF: %w", err)
	}
	return b.Bytes(), nil
}

func (rp *reportPDF) cover(r *Report) {
	pdf := rp.pdf
	title := "电子档案四性检测报告"
	rp.line((pageW-rp.width(title, 16))/2, margin+8, title, 16, [3]int{0, 0, 0})
	pdf.SetY(margin + 16)
	by := r.By
	if by == "" {
		by = "—"
	}
	lines := []string{
		"依据：DA/T 70-2018《文书类电子档案检测一般要求》——真实性、完整性、可用性、安全性",
		fmt.Sprintf("检测时间：%s 至 %s　检测人：%s", r.Started.Local().Format("2006-01-02 15:04:05"),
			r.Finished.Local().Format("15:04:05"), by),
		fmt.Sprintf("检测范围：%d 件电子档案　结论：%s", len(r.Records), r.Status.Label()),
		fmt.Sprintf("检测项：通过 %d，警告 %d，不通过 %d，未检查 %d", r.Counts[Pass], r.Counts[Warn], r.Counts[Fail], r.Counts[Skipped]),
	}
	for _, l := range lines {
		rp.line(margin, pdf.GetY()+lineH, l, bodySize+1, [3]int{0, 0, 0})
		pdf.SetY(pdf.GetY() + lineH + 1.5)
	}
	pdf.SetY(pdf.GetY() + 2)
}

func (rp *reportPDF) heading(s string) {
	pdf := rp.pdf
	if pdf.GetY()+3*lineH+8 > pageH-margin-6 {
		pdf.AddPage()
	}
	pdf.SetY(pdf.GetY() + 3)
	for _, l := range rp.wrap(s, pageW-2*margin, bodySize+1.5) {
		rp.line(margin, pdf.GetY()+lineH, l, bodySize+1.5, [3]int{0, 0, 0})
		pdf.SetY(pdf.GetY() + lineH + 1)
	}
	pdf.SetY(pdf.GetY() + 1)
}

var statusColor = map[Status][3]int{Pass: {0, 120, 40}, Warn: {190, 110, 0}, Fail: {200, 0, 0}, Skipped: {110, 110, 110}}

// table draws items as rows; a row that does not fit starts a new page,
// which repeats the header.
func (rp *reportPDF) table(its []Item) {
	cols := []float64{16, 40, statusColWidth, pageW - 2*margin - 16 - 40 - statusColWidth}
	header := []string{"四性", "检测项", "结果", "说明"}
	rp.row(cols, header, [3]int{0, 0, 0}, true)
	for _, it := range its {
		cells := []string{it.Property.Label(), it.Name, it.Status.Label(), it.Detail}
		if rp.rowHeight(cols, cells) > pageH-margin-6-rp.pdf.GetY() {
			rp.pdf.AddPage()
			rp.row(cols, header, [3]int{0, 0, 0}, true)
		}
		rp.row(cols, cells, statusColor[it.Status], false)
	}
}

func (rp *reportPDF) rowHeight(cols []float64, cells []string) float64 {
	n := 1
	for i, c := range cells {
		n = max(n, len(rp.wrap(c, cols[i]-2*cellPad, bodySize)))
	}
	return float64(n)*lineH + 2*cellPad
}

func (rp *reportPDF) row(cols []float64, cells []string, status [3]int, header bool) {
	pdf := rp.pdf
	h := rp.rowHeight(cols, cells)
	x, y := margin, pdf.GetY()
	pdf.SetDrawColor(150, 150, 150)
	pdf.SetLineWidth(0.2)
	if header {
		pdf.SetFillColor(235, 235, 235)
	}
	for i, c := range cells {
		style := "D"
		if header {
			style = "FD"
		}
		pdf.Rect(x, y, cols[i], h, style)
		col := [3]int{0, 0, 0}
		if i == 2 && !header {
			col = status
		}
		for j, l := range rp.wrap(c, cols[i]-2*cellPad, bodySize) {
			rp.line(x+cellPad, y+cellPad+float64(j+1)*lineH-1.2, l, bodySize, col)
		}
		x += cols[i]
	}
	pdf.SetY(y + h)
}

// face is the font a character prints in.
func (rp *reportPDF) face(r rune) string {
	if r < 0x80 || rp.has(r) {
		return faceSong
	}
	return faceDroid
}

// line prints s on one line at baseline y, switching fonts per character.
func (rp *reportPDF) line(x, y float64, s string, size float64, col [3]int) {
	pdf := rp.pdf
	pdf.SetTextColor(col[0], col[1], col[2])
	rs := []rune(s)
	for i := 0; i < len(rs); {
		f := rp.face(rs[i])
		j := i
		for j < len(rs) && rp.face(rs[j]) == f {
			j++
		}
		seg := string(rs[i:j])
		pdf.SetFont(f, "", size)
		pdf.Text(x, y, seg)
		x += pdf.GetStringWidth(seg)
		i = j
	}
}

func (rp *reportPDF) width(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += rp.runeWidth(r)
	}
	return w * size / bodySize
}

func (rp *reportPDF) runeWidth(r rune) float64 {
	f := rp.face(r)
	key := [2]any{f, r}
	if w, ok := rp.widths[key]; ok {
		return w
	}
	rp.pdf.SetFont(f, "", bodySize)
	w := rp.pdf.GetStringWidth(string(r))
	rp.widths[key] = w
	return w
}

// wrap breaks s into lines no wider than width, breaking anywhere between
// characters (Chinese text has no spaces) but keeping closing punctuation
// off the start of a line; "\n" breaks too.
func (rp *reportPDF) wrap(s string, width, size float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		var cur []rune
		w := 0.0
		for _, r := range para {
			rw := rp.runeWidth(r) * size / bodySize
			if w+rw > width && len(cur) > 0 && !strings.ContainsRune(closingMarks, r) {
				lines = append(lines, string(cur))
				cur, w = nil, 0
			}
			cur = append(cur, r)
			w += rw
		}
		lines = append(lines, string(cur))
	}
	return lines
}
