package recordpdf

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
)

func faces_(t testing.TB) [numFaces]*face {
	t.Helper()
	fs, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func lineText(l line) string {
	var b strings.Builder
	for _, p := range l.pieces {
		b.WriteString(p.text)
	}
	return b.String()
}

// TestWrapRules checks the line-breaking rules on texts at many widths:
// no line starts with closing punctuation or ends with opening punctuation,
// no line is wider than the column, words and numbers that fit stay whole,
// and nothing but the spaces at breaks is lost.
func TestWrapRules(t *testing.T) {
	fs := faces_(t)
	texts := []struct {
		text   string
		strict bool // false: runs of punctuation wider than a column must break inside
	}{
		{sampleText, true},
		{"他说：“今天，我们要去（北京）。”然后……他走了——没有回头！？《人民日报》【评论】「引用」『书名』〈篇名〉。", true},
		{"Version 2.10.3 of libfoo was released on 2026-12-05, see https://example.org/releases/2.10.3 for details; it fixes CVE-2026-12345.", true},
		{"共计156项，占比87.5%，其中ABC公司（ABC Corp.）投资1,234,567元。", true},
		{"“”“”“”“”。。。。，，，，（（（（））））", false},
	}
	words := func(s string) []string { return strings.FieldsFunc(s, func(r rune) bool { return !isWord(r) }) }
	// widest is the widest run that must not be parted: where it is wider
	// than the column, it is broken and the punctuation rules cannot hold.
	widest := func(s string) float64 {
		w := 0
		for _, cl := range clusters(atoms(fs, []span{{text: s}})) {
			n := 0
			for _, a := range cl {
				n += a.w
			}
			w = max(w, n)
		}
		return float64(w) / 1000 * sizeText * 25.4 / 72
	}
	for _, tc := range texts {
		text := tc.text
		for _, width := range []float64{12, 20, 33, 47.5, 80, 170} {
			lines := wrap(fs, []span{{text: text, col: black}}, width, sizeText)
			strict := tc.strict && widest(text) <= width
			var all strings.Builder
			for i, l := range lines {
				s := lineText(l)
				all.WriteString(s)
				first, _ := utf8.DecodeRuneInString(s)
				last, _ := utf8.DecodeLastRuneInString(s)
				if l.w > width+1e-6 && utf8.RuneCountInString(s) > 1 {
					t.Errorf("width %v: line %q is %.1f mm wide", width, s, l.w)
				}
				if i > 0 && isClosing(first) && strict {
					t.Errorf("width %v: line %d starts with %q: %q", width, i, first, s)
				}
				if i < len(lines)-1 && isOpening(last) && strict {
					t.Errorf("width %v: line %d ends with %q: %q", width, i, last, s)
				}
			}
			if got, want := strings.ReplaceAll(all.String(), " ", ""), strings.NewReplacer(" ", "", "\n", "").Replace(text); got != want {
				t.Errorf("width %v: lines give back\n%q\nnot\n%q", width, got, want)
			}
			for _, w := range words(text) {
				if textWidth(fs, w, sizeText) > width-1 {
					continue
				}
				found := false
				for _, l := range lines {
					found = found || strings.Contains(lineText(l), w)
				}
				if !found {
					t.Errorf("width %v: word %q is split", width, w)
				}
			}
		}
	}
}

func TestWrapExamples(t *testing.T) {
	fs := faces_(t)
	em := sizeText * 25.4 / 72
	for _, tc := range []struct {
		name  string
		text  string
		chars float64 // column width in ems
		want  []string
	}{
		{"closing punctuation takes its character along", "一二三四五。六七", 5, []string{"一二三四", "五。六七"}},
		{"opening punctuation goes with what follows", "一二三四（五）六", 5, []string{"一二三四", "（五）六"}},
		{"a closing quote after a full stop", "一二三四五。”六", 6, []string{"一二三四", "五。”六"}},
		{"ellipsis halves stay together", "一二三四……五", 5, []string{"一二三", "四……五"}},
		{"numbers stay whole", "共计12345项", 4, []string{"共计", "12345项"}},
		{"spaces at a break are dropped", "hello world again", 5, []string{"hello", "world", "again"}},
		{"hard line breaks", "一\n\n二", 5, []string{"一", "", "二"}},
		{"a word longer than the line breaks where the line is full", "见abcdefghijklmnop", 4, []string{"见abcdef", "ghijklmn", "op"}},
		{"an indent is kept", "　　一二三四五六", 5, []string{"　　一二三", "四五六"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, l := range wrap(fs, []span{{text: tc.text, col: black}}, tc.chars*em+0.01, sizeText) {
				got = append(got, lineText(l))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestFallback(t *testing.T) {
	fs := faces_(t)
	for r := rune(0x21); r < 0x7f; r++ {
		g := resolve(fs, r, nil)
		if len(g) != 1 || g[0].face != song || g[0].subst || g[0].r != r {
			t.Errorf("%q prints as %+v, want itself in the 宋体", r, g)
		}
	}
	for _, tc := range []struct {
		in         rune
		face       int
		out        string
		substitute bool
	}{
		{'中', song, "中", false},
		{'镕', droid, "镕", false}, // not in GB2312
		{'喆', droid, "喆", false},
		{'é', song, "é", false}, // GB2312 has the pinyin letters
		{'ç', song, "c", true},
		{'•', song, "·", true},
		{'😀', song, "[U+1F600]", true},
		{'\a', song, "[U+0007]", true},
		{'\u200b', song, "[U+200B]", true}, // a zero-width space shows, for the reviewer
		{'\u00a0', song, " ", false},
		{'\t', song, "    ", false},
	} {
		g := resolve(fs, tc.in, nil)
		var s strings.Builder
		for _, x := range g {
			s.WriteRune(x.r)
			if x.face != tc.face || x.subst != tc.substitute {
				t.Errorf("%q: %+v", tc.in, x)
			}
		}
		if s.String() != tc.out {
			t.Errorf("%q prints as %q, want %q", tc.in, s.String(), tc.out)
		}
	}
}

// TestCutFont checks the cut fonts gofpdf is given: every rune maps to a
// glyph with its original advance, composite glyphs keep their parts.
func TestCutFont(t *testing.T) {
	fs := faces_(t)
	var composite rune
	for r := rune(0x4E00); r < 0x9FA5 && composite == 0; r++ {
		if fs[song].glyph(r) == 0 && fs[droid].glyph(r) != 0 && len(components(fs[droid].glyphData(fs[droid].glyph(r)))) > 0 {
			composite = r
		}
	}
	if composite == 0 {
		t.Fatal("no composite glyph in the fallback font")
	}
	for fi, runes := range [][]rune{[]rune("中文 ABC xyz 123，。（）“”…—"), {composite, '镕', '喆'}} {
		f := fs[fi]
		ttf, err := f.cut(append([]rune(nil), runes...))
		if err != nil {
			t.Fatal(err)
		}
		cut, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatalf("%s: the cut font does not parse: %v", f.base, err)
		}
		var b sfnt.Buffer
		for _, r := range runes {
			gi, err := cut.GlyphIndex(&b, r)
			if err != nil || gi == 0 {
				t.Errorf("%s: %q has no glyph in the cut font", f.base, r)
				continue
			}
			adv, _ := cut.GlyphAdvance(&b, gi, 1000*64, 0)
			orig, _ := f.sf.GlyphAdvance(&b, sfnt.GlyphIndex(f.glyph(r)), 1000*64, 0)
			if adv != orig {
				t.Errorf("%s: %q advance %v, want %v", f.base, r, adv, orig)
			}
			if _, err := cut.LoadGlyph(&b, gi, 1000*64, nil); err != nil {
				t.Errorf("%s: %q glyph does not load: %v", f.base, r, err)
			}
		}
		if fi == droid && cut.NumGlyphs() <= len(runes)+1 {
			t.Errorf("the composite glyph's parts are missing: %d glyphs", cut.NumGlyphs())
		}
	}
	if _, err := fs[song].cut([]rune{'镕'}); err == nil {
		t.Error("cutting a rune the font lacks must fail, not print .notdef")
	}
}
