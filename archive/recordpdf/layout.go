package recordpdf

import (
	"strings"
	"unicode"
)

// rgb is a DeviceRGB colour (an sRGB OutputIntent makes it PDF/A-safe).
type rgb [3]uint8

// span is a piece of text in one colour, optionally highlighted.
type span struct {
	text string
	col  rgb
	bg   *rgb
}

// Characters that must not start a line (避头) and that must not end one
// (避尾), Chinese and Latin.
const (
	closing = "，。、；：？！）」』】》〉”’…〕］｝〗〙〛・·％‰℃,.;:!?)]}%›»"
	opening = "（「『【《〈“‘〔［｛〖〘〚([{‹«"
)

func isClosing(r rune) bool { return strings.ContainsRune(closing, r) }
func isOpening(r rune) bool { return strings.ContainsRune(opening, r) }

// isSpace is a breakable space: it may end a line and is dropped there. The
// ideographic space U+3000 is a character of its own (indents are made of it).
func isSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\t' || (unicode.IsSpace(r) && r != '\u3000')
}

// isWord is a character of a Latin-style word or number: consecutive ones
// stay together on a line where they fit. Everything from U+2000 up (CJK,
// CJK and general punctuation, symbols) breaks on either side.
func isWord(r rune) bool { return r < 0x2000 && !isSpace(r) && !unicode.IsControl(r) }

// glyph is a character placed in a colour.
type glyph struct {
	glyphRun
	col rgb
	bg  *rgb
}

// atom is what line breaking moves as a whole: one CJK character, one word
// or number, or one space, with its glyphs (a substitute [U+XXXX] is several).
type atom struct {
	glyphs      []glyph
	w           int // thousandths of an em
	space       bool
	brk         bool // a hard line break
	first, last rune // source characters at either end
}

// atoms splits spans into atoms.
func atoms(fs [numFaces]*face, spans []span) []atom {
	var out []atom
	var buf []glyphRun
	for _, s := range spans {
		for _, r := range s.text {
			switch r {
			case '\r':
				continue
			case '\n':
				out = append(out, atom{brk: true, first: r, last: r})
				continue
			}
			buf = resolve(fs, r, buf[:0])
			word := isWord(r)
			if n := len(out); word && n > 0 && !out[n-1].space && isWord(out[n-1].last) {
				a := &out[n-1]
				a.add(buf, s)
				a.last = r
				continue
			}
			a := atom{space: isSpace(r), first: r, last: r}
			a.add(buf, s)
			out = append(out, a)
		}
	}
	return out
}

func (a *atom) add(gs []glyphRun, s span) {
	for _, g := range gs {
		col := s.col
		if g.subst { // a stand-in shows that it is one
			col = grey
		}
		a.glyphs = append(a.glyphs, glyph{glyphRun: g, col: col, bg: s.bg})
		a.w += g.w
	}
}

// clusters joins atoms that must not be parted: closing punctuation to what
// precedes it, opening punctuation to what follows, and the halves of ——
// and …… to each other. Spaces stay apart: a line may break at them.
func clusters(as []atom) [][]atom {
	var out [][]atom
	for i, a := range as {
		if i > 0 && !a.space && !a.brk && !as[i-1].space && !as[i-1].brk && len(out) > 0 {
			p := as[i-1]
			if isClosing(a.first) || isOpening(p.last) || (p.last == a.first && (a.first == '—' || a.first == '…')) {
				out[len(out)-1] = append(out[len(out)-1], a)
				continue
			}
		}
		out = append(out, []atom{a})
	}
	return out
}

// piece is a run of glyphs of one face and colour, placed at x on its line.
type piece struct {
	x, w float64 // mm from the line start
	face int
	col  rgb
	bg   *rgb
	text string
}

// line is one laid-out line.
type line struct {
	pieces []piece
	w      float64
}

// lineBuilder collects the glyphs of one line.
type lineBuilder struct {
	glyphs []glyph
	w      int
}

func (b *lineBuilder) trimSpaces() {
	for n := len(b.glyphs); n > 0 && isSpace(b.glyphs[n-1].r) && !b.glyphs[n-1].subst; n-- {
		b.w -= b.glyphs[n-1].w
		b.glyphs = b.glyphs[:n-1]
	}
}

// wrap lays spans out in lines of at most width mm at size pt: breaks fall
// between characters or at spaces, never inside a word or number that fits
// on a line, never before closing or after opening punctuation. Where a run
// that must not be parted is wider than the line, it breaks between its
// characters and words, and a word longer than a line where the line is full.
func wrap(fs [numFaces]*face, spans []span, width, size float64) []line {
	em := size * 25.4 / 72
	limit := int(width / em * 1000)
	var lines []line
	var cur lineBuilder
	wrapped := false // the current line continues a paragraph: it drops leading spaces
	flush := func() {
		cur.trimSpaces()
		lines = append(lines, toLine(cur.glyphs, em))
		cur = lineBuilder{}
		wrapped = true
	}
	for _, cl := range clusters(atoms(fs, spans)) {
		w := 0
		for _, a := range cl {
			w += a.w
		}
		if cl[0].brk {
			cur.trimSpaces()
			lines = append(lines, toLine(cur.glyphs, em))
			cur = lineBuilder{}
			wrapped = false
			continue
		}
		if cl[0].space {
			if len(cur.glyphs) == 0 && wrapped {
				continue
			}
			if cur.w+w > limit {
				flush()
				continue
			}
		} else if cur.w+w > limit && len(cur.glyphs) > 0 && w <= limit {
			flush()
		}
		// A cluster wider than the line gives up the punctuation rule first
		// (it breaks between its atoms), and only then breaks a word.
		for _, a := range cl {
			if w > limit && a.w <= limit && cur.w+a.w > limit && len(cur.glyphs) > 0 {
				flush()
			}
			for _, g := range a.glyphs {
				if cur.w+g.w > limit && len(cur.glyphs) > 0 {
					flush()
				}
				cur.glyphs = append(cur.glyphs, g)
				cur.w += g.w
			}
		}
	}
	cur.trimSpaces()
	if len(cur.glyphs) > 0 || len(lines) == 0 {
		lines = append(lines, toLine(cur.glyphs, em))
	}
	return lines
}

// toLine merges glyphs of one face and colour into pieces.
func toLine(gs []glyph, em float64) line {
	var l line
	var sb strings.Builder
	x := 0.0
	for i, g := range gs {
		w := float64(g.w) / 1000 * em
		if n := len(l.pieces); n > 0 && i > 0 && gs[i-1].face == g.face && gs[i-1].col == g.col && gs[i-1].bg == g.bg {
			l.pieces[n-1].w += w
			sb.WriteRune(g.r)
			l.pieces[n-1].text = sb.String()
		} else {
			sb.Reset()
			sb.WriteRune(g.r)
			l.pieces = append(l.pieces, piece{x: x, w: w, face: g.face, col: g.col, bg: g.bg, text: sb.String()})
		}
		x += w
	}
	l.w = x
	return l
}

// textWidth is the width in mm of text on one line at size pt.
func textWidth(fs [numFaces]*face, text string, size float64) float64 {
	w := 0
	var buf []glyphRun
	for _, r := range text {
		buf = resolve(fs, r, buf[:0])
		for _, g := range buf {
			w += g.w
		}
	}
	return float64(w) / 1000 * size * 25.4 / 72
}
