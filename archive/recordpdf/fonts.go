package recordpdf

import (
	"encoding/binary"
	"fmt"
	"math"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"

	"shenfa/assets"
)

// The faces of a record, in order of preference: the 宋体 prints everything
// it has (it has ASCII); Droid Sans Fallback prints the rarer characters it
// lacks (it has no ASCII, GUIDE §4).
const (
	song = iota
	droid
	numFaces
)

// face is a parsed TrueType font: sfnt answers which glyph a character maps
// to; the raw tables are kept for cutting the subset that the PDF embeds.
type face struct {
	family string // the gofpdf family key
	base   string // the PostScript-style name the PDF shows
	sf     *sfnt.Font
	tables map[string][]byte
	loca   []uint32 // glyph offsets into glyf, numGlyphs+1 of them
	hmtx   []byte
	numH   int // numberOfHMetrics
	upem   int
	ascent float64 // hhea ascender in em

	mu   sync.RWMutex
	gids map[rune]uint16 // glyph of a character, 0 when the font lacks it
}

var (
	facesOnce sync.Once
	faces     [numFaces]*face
	facesErr  error
)

// loadFaces parses the embedded fonts once per process: parsing the two
// fonts costs about 250 ms, far more than a whole record.
func loadFaces() ([numFaces]*face, error) {
	facesOnce.Do(func() {
		for i, src := range []struct {
			family, base string
			data         []byte
		}{{"song", "ARPLSungtiLGB", assets.RecordFont}, {"droid", "DroidSansFallback", assets.UIFont}} {
			f, err := parseFace(src.data)
			if err != nil {
				facesErr = fmt.Errorf("font %s: %w", src.base, err)
				return
			}
			f.family, f.base = src.family, src.base
			faces[i] = f
		}
	})
	return faces, facesErr
}

func parseFace(data []byte) (*face, error) {
	sf, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	if len(data) < 12 {
		return nil, fmt.Errorf("truncated font")
	}
	f := &face{sf: sf, tables: map[string][]byte{}, gids: map[rune]uint16{}, upem: int(sf.UnitsPerEm())}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, fmt.Errorf("truncated table directory")
	}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(size) > uint64(len(data)) {
			return nil, fmt.Errorf("table %q out of range", rec[:4])
		}
		f.tables[string(rec[:4])] = data[off : off+size]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "OS/2", "post", "name"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("no %s table", t)
		}
	}
	head, hhea := f.tables["head"], f.tables["hhea"]
	if len(f.tables["post"]) < 32 || len(head) < 54 || len(hhea) < 36 || len(f.tables["maxp"]) < 6 {
		return nil, fmt.Errorf("short head, hhea, maxp or post table")
	}
	long := binary.BigEndian.Uint16(head[50:]) == 1
	f.numH = int(binary.BigEndian.Uint16(hhea[34:]))
	f.ascent = float64(int16(binary.BigEndian.Uint16(hhea[4:]))) / float64(f.upem)
	numGlyphs := sf.NumGlyphs()
	loca, size := f.tables["loca"], 2
	if long {
		size = 4
	}
	if len(loca) < size*(numGlyphs+1) {
		return nil, fmt.Errorf("short loca")
	}
	for g := 0; g <= numGlyphs; g++ {
		if long {
			f.loca = append(f.loca, binary.BigEndian.Uint32(loca[4*g:]))
		} else {
			f.loca = append(f.loca, 2*uint32(binary.BigEndian.Uint16(loca[2*g:])))
		}
	}
	f.hmtx = f.tables["hmtx"]
	if len(f.hmtx) < 4*f.numH || f.numH == 0 {
		return nil, fmt.Errorf("short hmtx")
	}
	return f, nil
}

// glyph returns the glyph a character maps to, or 0. A glyph without
// outlines counts as missing unless the character is a space: it would print
// as nothing.
func (f *face) glyph(r rune) uint16 {
	if r < 0 || r > 0xFFFF { // gofpdf reads only the BMP cmap (format 4)
		return 0
	}
	f.mu.RLock()
	g, ok := f.gids[r]
	f.mu.RUnlock()
	if ok {
		return g
	}
	var b sfnt.Buffer
	gi, err := f.sf.GlyphIndex(&b, r)
	if err != nil || int(gi) >= len(f.loca)-1 {
		gi = 0
	}
	if gi != 0 && f.loca[gi+1] <= f.loca[gi] && !unicode.IsSpace(r) {
		gi = 0
	}
	f.mu.Lock()
	f.gids[r] = uint16(gi)
	f.mu.Unlock()
	return uint16(gi)
}

// advance is a glyph's advance width in font units.
func (f *face) advance(g uint16) int {
	i := int(g)
	if i >= f.numH {
		i = f.numH - 1
	}
	return int(binary.BigEndian.Uint16(f.hmtx[4*i:]))
}

// width is a glyph's advance in thousandths of an em, rounded as gofpdf
// rounds the widths it writes into the PDF, so that layout and viewer agree.
func (f *face) width(g uint16) int {
	return int(math.Round(float64(f.advance(g)) * 1000 / float64(f.upem)))
}

// glyphRun is one printed character: the face it prints in, its width in
// thousandths of an em, and whether it stands in for a character no font has.
type glyphRun struct {
	r     rune
	face  int
	w     int
	subst bool
}

// lookalike prints a few common symbols neither font has.
var lookalike = map[rune]rune{'•': '·', '✓': '√', '✔': '√', '‧': '·', '⁃': '-'}

// resolve says how a character prints: in the 宋体 when it has it, else in
// the fallback; a few symbols neither has print as a look-alike, a Latin
// letter with a diacritic as its base letter, anything else as its code
// point [U+XXXX]; all are marked as substitutes (printed grey) so that the
// page shows they are not the original character.
func resolve(fs [numFaces]*face, r rune, out []glyphRun) []glyphRun {
	switch r {
	case '\u00a0':
		r = ' '
	case '\t':
		for range 4 {
			out = resolve(fs, ' ', out)
		}
		return out
	}
	if !unicode.IsControl(r) {
		for i, f := range fs {
			if g := f.glyph(r); g != 0 {
				return append(out, glyphRun{r: r, face: i, w: f.width(g)})
			}
		}
		if l, ok := lookalike[r]; ok {
			if g := fs[song].glyph(l); g != 0 {
				return append(out, glyphRun{r: l, face: song, w: fs[song].width(g), subst: true})
			}
		}
		if base := []rune(norm.NFD.String(string(r))); len(base) > 1 && base[0] < 0x80 && unicode.IsLetter(base[0]) {
			if g := fs[song].glyph(base[0]); g != 0 {
				return append(out, glyphRun{r: base[0], face: song, w: fs[song].width(g), subst: true})
			}
		}
	}
	for _, c := range fmt.Sprintf("[U+%04X]", r) {
		g := fs[song].glyph(c)
		out = append(out, glyphRun{r: c, face: song, w: fs[song].width(g), subst: true})
	}
	return out
}
