package recordpdf

import (
	"errors"
	"fmt"
	"time"

	"shenfa/assets"
)

// Sheet is a titled table of figures, such as the 年度报表: other packages
// fill it and RenderSheet sets it with the records' fonts, line breaking,
// bordered cells, footer and PDF/A post-process, so that every PDF the
// workspace writes looks and embeds alike.
type Sheet struct {
	Title string   // centred at the top of the first page
	Lines []string // centred under the title: the unit, the period…
	// Head heads the columns: Head[0] the row labels, then one per value
	// column. A table wider than the page is cut into groups of columns,
	// each repeating the row labels.
	Head    []string
	Rows    []SheetRow
	Notes   []string // paragraphs after the table
	Footer  string   // on every page, left of the page number
	Page    string   // the page number's format, with n and m: "第 %d / %d 页" when empty
	Author  string   // document metadata: the unit
	Subject string
	Created time.Time // zero: now
}

// SheetRow is one row of a Sheet.
type SheetRow struct {
	Label string
	Cells []string // one per value column; missing ones are left empty
	Band  bool     // a heading across the table: Label only
}

// Widths of a sheet's columns in mm: the labels, then as many value
// columns as fit beside them.
const (
	sheetLabelW  = 46.0
	sheetPerPart = 5
	sheetValueW  = (contentW - sheetLabelW) / sheetPerPart
)

// RenderSheet writes the PDF of a sheet.
func RenderSheet(s Sheet) ([]byte, error) {
	if len(s.Head) == 0 {
		return nil, errors.New("sheet PDF: no columns")
	}
	fs, err := loadFaces()
	if err != nil {
		return nil, fmt.Errorf("sheet PDF: %w", err)
	}
	d := &doc{fs: fs}
	d.newPage()
	d.add(op{kind: opBookmark, text: s.Title, y: d.y})
	d.centered(s.Title, sizeTitle, black)
	for _, l := range s.Lines {
		d.centered(l, sizeText, grey)
	}
	d.y += 3
	values := len(s.Head) - 1
	for from := 0; from < values || from == 0; from += sheetPerPart {
		if from > 0 {
			d.y += 6
		}
		d.sheetPart(s, from, min(from+sheetPerPart, values))
	}
	d.y += 3
	for _, n := range s.Notes {
		d.text(n, sizeSmall, grey)
	}
	page := s.Page
	if page == "" {
		page = "第 %d / %d 页"
	}
	d.sheetFooter(s.Footer, page)
	raw, fonts, err := d.replay()
	if err != nil {
		return nil, fmt.Errorf("sheet PDF: %w", err)
	}
	created := s.Created
	if created.IsZero() {
		created = time.Now()
	}
	created = created.UTC().Truncate(time.Second)
	out, err := finish(raw, meta{title: clean(s.Title), author: clean(s.Author), subject: clean(s.Subject),
		created: created, fonts: fonts, icc: assets.SRGBProfile})
	if err != nil {
		return nil, fmt.Errorf("sheet PDF: %w", err)
	}
	return out, nil
}

// sheetPart draws the table's value columns [from, to) beside the labels.
func (d *doc) sheetPart(s Sheet, from, to int) {
	head := []cell{label(sheetLabelW, s.Head[0])}
	for _, h := range s.Head[1+from : 1+to] {
		head = append(head, label(sheetValueW, h))
	}
	d.row(head)
	for _, r := range s.Rows {
		if r.Band {
			d.row([]cell{{w: sheetLabelW + float64(to-from)*sheetValueW, spans: []span{{text: r.Label, col: black}},
				fill: &shade, size: sizeTable}})
			continue
		}
		cells := []cell{plain(sheetLabelW, r.Label)}
		for i := from; i < to; i++ {
			v := ""
			if i < len(r.Cells) {
				v = r.Cells[i]
			}
			c := plain(sheetValueW, v)
			c.center = true
			cells = append(cells, c)
		}
		d.row(cells)
	}
}

// sheetFooter writes each page's footer: the sheet's line and page n / m.
func (d *doc) sheetFooter(left, page string) {
	m := len(d.pages)
	for i, p := range d.pages {
		y := bottom + 4
		p.ops = append(p.ops, op{kind: opRule, x: marginL, y: y, w: contentW, col: border})
		right := fmt.Sprintf(page, i+1, m)
		rw := textWidth(d.fs, right, sizeFooter)
		if left != "" {
			d.oneLine(p, left, marginL, y+1, contentW-rw-4, black)
		}
		d.oneLine(p, right, marginL+contentW-rw, y+1, rw+1, black)
	}
}
