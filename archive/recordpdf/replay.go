package recordpdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"

	"github.com/jung-kurt/gofpdf"
)

// embedded is a cut font as the PDF names it: gofpdf writes "utf8"+family
// as its BaseFont, which the post-process renames tag+"+"+base (a subset).
type embedded struct {
	family string
	name   string // e.g. ABCDEF+ARPLSungtiLGB
}

// chunked says which cut font of a face prints a rune.
type chunked struct {
	runes map[rune]int // rune → chunk
	fams  []string
}

// fontsFor cuts, per face, the fonts holding exactly the characters the
// pages print and registers them with gofpdf.
func (d *doc) fontsFor(pdf *gofpdf.Fpdf) ([numFaces]chunked, []embedded, error) {
	var used [numFaces][]rune
	seen := [numFaces]map[rune]bool{{}, {}}
	for _, p := range d.pages {
		for _, o := range p.ops {
			if o.kind != opText {
				continue
			}
			for _, r := range o.text {
				if !seen[o.face][r] {
					seen[o.face][r] = true
					used[o.face] = append(used[o.face], r)
				}
			}
		}
	}
	var cs [numFaces]chunked
	var names []embedded
	for fi, runes := range used {
		slices.Sort(runes)
		cs[fi].runes = map[rune]int{}
		for c := 0; c*maxSegments < len(runes); c++ {
			part := runes[c*maxSegments : min(len(runes), (c+1)*maxSegments)]
			ttf, err := d.fs[fi].cut(part)
			if err != nil {
				return cs, nil, err
			}
			fam := d.fs[fi].family + strconv.Itoa(c)
			pdf.AddUTF8FontFromBytes(fam, "", ttf)
			if pdf.Err() {
				return cs, nil, fmt.Errorf("font %s: %w", fam, pdf.Error())
			}
			for _, r := range part {
				cs[fi].runes[r] = c
			}
			cs[fi].fams = append(cs[fi].fams, fam)
			names = append(names, embedded{family: fam, name: subsetTag(fam, part) + "+" + d.fs[fi].base})
		}
	}
	return cs, names, nil
}

// subsetTag is the six capital letters that name a font subset, derived
// from its characters so that the same record gives the same file.
func subsetTag(fam string, runes []rune) string {
	h := sha256.New()
	h.Write([]byte(fam))
	h.Write([]byte(string(runes)))
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// replay draws the laid-out pages with gofpdf and returns its PDF and the
// fonts it embeds.
func (d *doc) replay() ([]byte, []embedded, error) {
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	cs, names, err := d.fontsFor(pdf)
	if err != nil {
		return nil, nil, err
	}
	anyFont := ""
	for _, c := range cs {
		if len(c.fams) > 0 {
			anyFont = c.fams[0]
			break
		}
	}
	for _, p := range d.pages {
		pdf.AddPage()
		if anyFont != "" { // outline titles are UTF-16 only while a UTF-8 font is current
			pdf.SetFont(anyFont, "", sizeText)
		}
		for _, o := range p.ops {
			d.replayOp(pdf, cs, o)
		}
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, nil, fmt.Errorf("gofpdf: %w", err)
	}
	return b.Bytes(), names, nil
}

func (d *doc) replayOp(pdf *gofpdf.Fpdf, cs [numFaces]chunked, o op) {
	r, g, b := int(o.col[0]), int(o.col[1]), int(o.col[2])
	switch o.kind {
	case opText:
		pdf.SetTextColor(r, g, b)
		x := o.x
		c := cs[o.face]
		runes := []rune(o.text)
		for i := 0; i < len(runes); {
			j, chunk := i, c.runes[runes[i]]
			w := 0
			for ; j < len(runes) && c.runes[runes[j]] == chunk; j++ {
				w += d.fs[o.face].width(d.fs[o.face].glyph(runes[j]))
			}
			pdf.SetFont(c.fams[chunk], "", o.size)
			pdf.Text(x, o.y, string(runes[i:j]))
			x += float64(w) / 1000 * o.size * 25.4 / 72
			i = j
		}
	case opFill:
		pdf.SetFillColor(r, g, b)
		pdf.Rect(o.x, o.y, o.w, o.h, "F")
	case opStroke:
		pdf.SetDrawColor(r, g, b)
		pdf.SetLineWidth(0.2)
		pdf.Rect(o.x, o.y, o.w, o.h, "D")
	case opRule:
		pdf.SetDrawColor(r, g, b)
		pdf.SetLineWidth(0.2)
		pdf.Line(o.x, o.y, o.x+o.w, o.y+o.h)
	case opBookmark:
		pdf.Bookmark(o.text, o.level, o.y)
	}
}
