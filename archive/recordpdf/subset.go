package recordpdf

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
)

// maxSegments bounds the runes of one cut font: its format 4 cmap, one
// segment per run of consecutive runes, must stay under 64 KiB.
const maxSegments = 7000

// cut makes a small TrueType font holding only the glyphs of runes (and the
// glyphs their composite glyphs are built from), every rune keeping its
// original advance. gofpdf parses and subsets every font it is given for
// every document; handing it this cut instead of the whole 5 MB font is what
// keeps a record well under 100 ms (the faces are parsed once per process).
func (f *face) cut(runes []rune) ([]byte, error) {
	slices.Sort(runes)
	runes = slices.Compact(runes)
	newGID := map[uint16]uint16{}
	order := []uint16{0} // .notdef stays glyph 0
	newGID[0] = 0
	runeGID := make([]uint16, len(runes))
	for i, r := range runes {
		g := f.glyph(r)
		if g == 0 {
			return nil, fmt.Errorf("%s has no glyph for %U", f.base, r)
		}
		runeGID[i] = uint16(len(order)) // one slot per rune: the cmap stays a list of deltas
		if _, ok := newGID[g]; !ok {
			newGID[g] = runeGID[i]
		}
		order = append(order, g)
	}
	for i := 0; i < len(order); i++ { // order grows while composites add their parts
		for _, c := range components(f.glyphData(order[i])) {
			if _, ok := newGID[c]; !ok && int(c) < len(f.loca)-1 {
				newGID[c] = uint16(len(order))
				order = append(order, c)
			}
		}
	}
	if len(order) > 0xFFFF {
		return nil, fmt.Errorf("%s: too many glyphs", f.base)
	}
	var outGlyf, hmtx, loca []byte
	for _, g := range order {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(outGlyf)))
		data := slices.Clone(f.glyphData(g))
		remapComponents(data, newGID)
		outGlyf = append(outGlyf, data...)
		for len(outGlyf)%4 != 0 {
			outGlyf = append(outGlyf, 0)
		}
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(f.advance(g)))
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(f.lsb(g)))
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(outGlyf)))
	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint16(head[50:], 1) // long loca offsets
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment: gofpdf sets it on its own cut
	hhea := slices.Clone(f.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(order)))
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(order)))
	post := slices.Clone(f.tables["post"][:32])
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names
	cmap, err := cmap4(runes, runeGID)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.base, err)
	}
	tables := map[string][]byte{"head": head, "hhea": hhea, "maxp": maxp, "post": post, "cmap": cmap,
		"glyf": outGlyf, "loca": loca, "hmtx": hmtx, "OS/2": f.tables["OS/2"], "name": f.tables["name"]}
	for _, t := range []string{"cvt ", "fpgm", "prep", "gasp"} { // hinting programs refer to no glyph ids
		if f.tables[t] != nil {
			tables[t] = f.tables[t]
		}
	}
	return assemble(tables), nil
}

func (f *face) glyphData(g uint16) []byte {
	if int(g)+1 >= len(f.loca) {
		return nil
	}
	o, e := f.loca[g], f.loca[g+1]
	glyf := f.tables["glyf"]
	if e <= o || int(e) > len(glyf) {
		return nil
	}
	return glyf[o:e]
}

func (f *face) lsb(g uint16) int16 {
	h := f.tables["hmtx"]
	if int(g) < f.numH {
		return int16(binary.BigEndian.Uint16(h[4*int(g)+2:]))
	}
	i := 4*f.numH + 2*(int(g)-f.numH)
	if i+2 > len(h) {
		return 0
	}
	return int16(binary.BigEndian.Uint16(h[i:]))
}

// Composite glyph flags (OpenType glyf table).
const (
	argWords     = 0x0001
	haveScale    = 0x0008
	moreParts    = 0x0020
	haveXYScale  = 0x0040
	haveTwoByTwo = 0x0080
)

// parts walks the component records of a composite glyph, calling fn with
// the offset of each component's glyph index.
func parts(data []byte, fn func(at int)) {
	if len(data) < 10 || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return
	}
	for p := 10; p+4 <= len(data); {
		flags := binary.BigEndian.Uint16(data[p:])
		fn(p + 2)
		p += 4
		if flags&argWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreParts == 0 {
			return
		}
	}
}

func components(data []byte) []uint16 {
	var cs []uint16
	parts(data, func(at int) { cs = append(cs, binary.BigEndian.Uint16(data[at:])) })
	return cs
}

func remapComponents(data []byte, newGID map[uint16]uint16) {
	parts(data, func(at int) {
		binary.BigEndian.PutUint16(data[at:], newGID[binary.BigEndian.Uint16(data[at:])])
	})
}

// cmap4 is a cmap with one Unicode BMP (3,1) format 4 subtable mapping the
// sorted runes to their glyphs by deltas, one segment per run of
// consecutive runes with consecutive glyphs.
func cmap4(runes []rune, gids []uint16) ([]byte, error) {
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for i, r := range runes {
		d := uint16(int(gids[i]) - int(r))
		if n := len(segs); n > 0 && int(segs[n-1].end)+1 == int(r) && segs[n-1].delta == d {
			segs[n-1].end = uint16(r)
			continue
		}
		segs = append(segs, seg{uint16(r), uint16(r), d})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	if len(segs) > maxSegments+1 {
		return nil, fmt.Errorf("cmap of %d segments", len(segs))
	}
	n := len(segs)
	sr, sel := 2, 0
	for sr*2 <= 2*n {
		sr *= 2
		sel++
	}
	length := 16 + 8*n
	b := make([]byte, 0, 12+length)
	b = binary.BigEndian.AppendUint16(b, 0) // version
	b = binary.BigEndian.AppendUint16(b, 1) // one subtable
	b = binary.BigEndian.AppendUint16(b, 3)
	b = binary.BigEndian.AppendUint16(b, 1)
	b = binary.BigEndian.AppendUint32(b, 12)
	for _, v := range []int{4, length, 0, 2 * n, sr, sel, 2*n - sr} {
		b = binary.BigEndian.AppendUint16(b, uint16(v))
	}
	for _, s := range segs {
		b = binary.BigEndian.AppendUint16(b, s.end)
	}
	b = binary.BigEndian.AppendUint16(b, 0)
	for _, s := range segs {
		b = binary.BigEndian.AppendUint16(b, s.start)
	}
	for _, s := range segs {
		b = binary.BigEndian.AppendUint16(b, s.delta)
	}
	for range segs {
		b = binary.BigEndian.AppendUint16(b, 0)
	}
	return b, nil
}

// assemble writes a TrueType file of the tables, sorted by tag.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	sr, sel := 1, 0
	for sr*2 <= n {
		sr *= 2
		sel++
	}
	out := binary.BigEndian.AppendUint32(nil, 0x00010000)
	for _, v := range []int{n, 16 * sr, sel, 16*n - 16*sr} {
		out = binary.BigEndian.AppendUint16(out, uint16(v))
	}
	off := 12 + 16*n
	for _, t := range tags {
		d := tables[t]
		out = append(out, t...)
		out = binary.BigEndian.AppendUint32(out, checksum(d))
		out = binary.BigEndian.AppendUint32(out, uint32(off))
		out = binary.BigEndian.AppendUint32(out, uint32(len(d)))
		off += (len(d) + 3) &^ 3
	}
	for _, t := range tags {
		out = append(out, tables[t]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func checksum(d []byte) uint32 {
	var s uint32
	for i := 0; i < len(d); i += 4 {
		var w [4]byte
		copy(w[:], d[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
