package recordpdf

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"shenfa/archive/pades"
	"shenfa/archive/record"
)

// TestGlyphsPDFA checks two PDF/A-3 font clauses that pdffonts does not,
// through qpdf's reading of the file: no text-showing operator refers to
// .notdef (ISO 19005-3 6.2.11.8), and every width in a CIDFont's /W array
// is the advance of the glyph in the embedded font program (6.2.11.5).
func TestGlyphsPDFA(t *testing.T) {
	need(t, "qpdf")
	for name, c := range map[string]*record.Contents{"sample with the fallback font": nil, "10,000 characters": record10k()} {
		t.Run(name, func(t *testing.T) {
			path, _ := renderTo(t, c)
			objs := qpdfStreams(t, path)
			fonts := map[string]*cidFont{}
			shown := 0
			for ref, o := range objs {
				d := o.dict
				if d["/Type"] != "/Page" {
					continue
				}
				res := o.resolve(objs, d["/Resources"])
				fs := objs.value(res["/Font"])
				for _, content := range refsOf(d["/Contents"]) {
					for _, run := range textRuns(objs[content].data) {
						f := fonts[fs[run.font].(string)]
						if f == nil {
							f = loadCIDFont(t, objs, fs[run.font].(string))
							fonts[fs[run.font].(string)] = f
						}
						for i := 0; i+1 < len(run.text); i += 2 {
							cid := int(run.text[i])<<8 | int(run.text[i+1])
							if _, ok := f.widths[cid]; !ok || f.gid(cid) == 0 {
								t.Errorf("%s shows CID %d (%q): glyph %d, in /W %v", ref, cid, rune(cid), f.gid(cid), ok)
							} else if !unicode.IsSpace(rune(cid)) && f.outline(f.gid(cid)) == 0 {
								t.Errorf("%s shows CID %d (%q): glyph %d has no outline in the subset", ref, cid, rune(cid), f.gid(cid))
							}
							shown++
						}
					}
				}
			}
			for ref, f := range fonts {
				for cid, w := range f.widths {
					if adv := f.advance(t, f.gid(cid)); adv < w-1 || adv > w+1 {
						t.Errorf("font %s: CID %d (%q) is %v wide in /W, %v in the font", ref, cid, rune(cid), w, adv)
					}
				}
			}
			if len(fonts) == 0 || shown < 100 {
				t.Fatalf("%d fonts, %d characters shown: the check did not read the text", len(fonts), shown)
			}
			if c == nil && len(fonts) != 2 {
				t.Errorf("%d fonts used, want the 宋体 and its fallback", len(fonts))
			}
		})
	}
}

// qpdfObject is an object as qpdf's JSON gives it, with stream data decoded.
type qpdfObject struct {
	dict map[string]any
	data []byte
}

type qpdfObjectSet map[string]*qpdfObject

// qpdfStreams reads every object of the file, streams decoded.
func qpdfStreams(t *testing.T, path string) qpdfObjectSet {
	t.Helper()
	out := filepath.Join(t.TempDir(), "objects.json")
	run(t, "qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", path, out)
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	var objs map[string]struct {
		Value  any `json:"value"`
		Stream *struct {
			Dict map[string]any `json:"dict"`
			Data string         `json:"data"`
		} `json:"stream"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil || len(doc.QPDF) < 2 {
		t.Fatalf("qpdf json: %v", err)
	}
	if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	res := qpdfObjectSet{}
	for k, o := range objs {
		ref, ok := bytes.CutPrefix([]byte(k), []byte("obj:"))
		if !ok {
			continue
		}
		p := &qpdfObject{}
		if o.Stream != nil {
			p.dict = o.Stream.Dict
			if p.data, err = base64.StdEncoding.DecodeString(o.Stream.Data); err != nil {
				t.Fatalf("%s: %v", k, err)
			}
		} else if d, ok := o.Value.(map[string]any); ok {
			p.dict = d
		}
		res[string(ref)] = p
	}
	return res
}

// value is v, or the dictionary it refers to.
func (objs qpdfObjectSet) value(v any) map[string]any {
	if ref, ok := v.(string); ok {
		if o := objs[ref]; o != nil {
			return o.dict
		}
	}
	d, _ := v.(map[string]any)
	return d
}

func (o *qpdfObject) resolve(objs qpdfObjectSet, v any) map[string]any { return objs.value(v) }

func refsOf(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var refs []string
		for _, r := range v {
			refs = append(refs, r.(string))
		}
		return refs
	}
	return nil
}

// textRun is a string shown by Tj, with the font resource it is set in.
type textRun struct {
	font string
	text []byte
}

var tf = regexp.MustCompile(`^(/[^\s/\[\]()<>]+)\s+[\d.]+\s+Tf`)

// textRuns finds the literal strings of a content stream (gofpdf writes
// each run as "(…) Tj") and the font selected before each.
func textRuns(s []byte) []textRun {
	var runs []textRun
	font := ""
	for i := 0; i < len(s); {
		switch s[i] {
		case '/':
			if m := tf.FindSubmatch(s[i:]); m != nil {
				font = string(m[1])
				i += len(m[0])
				continue
			}
		case '(':
			text, next := literal(s, i)
			runs = append(runs, textRun{font, text})
			i = next
			continue
		}
		i++
	}
	return runs
}

// literal decodes the PDF literal string starting at s[i] == '('.
func literal(s []byte, i int) ([]byte, int) {
	var out []byte
	depth := 0
	esc := map[byte]byte{'n': '\n', 'r': '\r', 't': '\t', 'b': '\b', 'f': '\f'}
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			d := s[i+1]
			switch {
			case esc[d] != 0:
				out, i = append(out, esc[d]), i+2
			case d >= '0' && d <= '7':
				v, j := 0, i+1
				for ; j < len(s) && j < i+4 && s[j] >= '0' && s[j] <= '7'; j++ {
					v = v*8 + int(s[j]-'0')
				}
				out, i = append(out, byte(v)), j
			case d == '\n' || d == '\r':
				i += 2
			default:
				out, i = append(out, d), i+2
			}
			continue
		case c == '(':
			depth++
			if depth == 1 {
				i++
				continue
			}
		case c == ')':
			depth--
			if depth == 0 {
				return out, i + 1
			}
		}
		out = append(out, c)
		i++
	}
	return out, i
}

// cidFont is a CIDFontType2 as the file describes it.
type cidFont struct {
	widths map[int]float64
	gids   []byte // CIDToGIDMap: two bytes per CID
	font   *sfnt.Font
	upem   int
}

func loadCIDFont(t *testing.T, objs qpdfObjectSet, ref string) *cidFont {
	t.Helper()
	type0 := objs[ref].dict
	desc := type0["/DescendantFonts"].([]any)[0].(string)
	cf := objs[desc].dict
	if cf["/Subtype"] != "/CIDFontType2" || type0["/Encoding"] != "/Identity-H" {
		t.Fatalf("font %s: %v %v", ref, type0, cf)
	}
	f := &cidFont{widths: map[int]float64{}, gids: objs[cf["/CIDToGIDMap"].(string)].data}
	w := cf["/W"].([]any)
	for i := 0; i+2 < len(w); i += 3 { // gofpdf writes "first last width" triples
		for c := int(w[i].(float64)); c <= int(w[i+1].(float64)); c++ {
			f.widths[c] = w[i+2].(float64)
		}
	}
	fd := objs.value(cf["/FontDescriptor"])
	program := objs[fd["/FontFile2"].(string)].data
	var err error
	if f.font, err = sfnt.Parse(program); err != nil {
		t.Fatalf("font %s: the embedded program does not parse: %v", ref, err)
	}
	f.upem = int(f.font.UnitsPerEm())
	return f
}

func (f *cidFont) gid(cid int) int {
	if 2*cid+1 >= len(f.gids) {
		return 0
	}
	return int(f.gids[2*cid])<<8 | int(f.gids[2*cid+1])
}

// advance is a glyph's advance in thousandths of the em, as /W counts.
func (f *cidFont) advance(t *testing.T, gid int) float64 {
	var buf sfnt.Buffer
	a, err := f.font.GlyphAdvance(&buf, sfnt.GlyphIndex(gid), fixed.I(f.upem), font.HintingNone)
	if err != nil {
		t.Fatalf("glyph %d: %v", gid, err)
	}
	return float64(a) / 64 * 1000 / float64(f.upem)
}

// TestSignedStaysPDFA signs the sample as the archive does (an incremental
// update) and checks what the update must keep or add for PDF/A-3: the
// catalog's metadata, output intent and associated files; the first /ID
// element; an invisible signature widget printed and locked (/F 132, zero
// /Rect, so no appearance stream is required), listed in its page's
// /Annots; a PAdES /SubFilter; no /NeedAppearances.
func TestSignedStaysPDFA(t *testing.T) {
	need(t, "qpdf")
	_, unsigned := renderTo(t, nil)
	key, chain := benchSigner(t)
	signed, err := pades.Sign(unsigned, key, chain, "归档 Z001-WS·2026-D10-0001", "周敏", sample().Manifest.SealedAt)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	paths := [2]string{filepath.Join(dir, "unsigned.pdf"), filepath.Join(dir, "signed.pdf")}
	os.WriteFile(paths[0], unsigned, 0o644)
	os.WriteFile(paths[1], signed, 0o644)
	before, after := qpdfObjects(t, paths[0]), qpdfObjects(t, paths[1])
	cat0 := dict(t, before, dict(t, before, "trailer")["/Root"].(string))
	tr := dict(t, after, "trailer")
	cat := dict(t, after, tr["/Root"].(string))
	for _, k := range []string{"/Metadata", "/OutputIntents", "/AF", "/Names", "/Lang"} {
		if b, _ := json.Marshal(cat[k]); cat[k] == nil || string(b) != mustJSON(cat0[k]) {
			t.Errorf("signed catalog %s = %v, unsigned %v", k, cat[k], cat0[k])
		}
	}
	if id0, id := dict(t, before, "trailer")["/ID"].([]any), tr["/ID"].([]any); len(id) != 2 || id[0] != id0[0] {
		t.Errorf("trailer /ID %v, before signing %v", id, id0)
	}
	form, _ := cat["/AcroForm"].(map[string]any)
	if form == nil || form["/NeedAppearances"] != nil || form["/XFA"] != nil {
		t.Fatalf("AcroForm: %v", form)
	}
	widget := form["/Fields"].([]any)[0].(string)
	w := dict(t, after, widget)
	rect, _ := json.Marshal(w["/Rect"])
	if w["/Subtype"] != "/Widget" || w["/F"] != float64(132) || string(rect) != "[0,0,0,0]" || w["/AP"] != nil {
		t.Errorf("signature widget: %v", w)
	}
	if annots, _ := dict(t, after, w["/P"].(string))["/Annots"].([]any); !slices.Contains(annots, any(widget)) {
		t.Errorf("the widget is not in its page's /Annots: %v", annots)
	}
	if sig := dict(t, after, w["/V"].(string)); sig["/SubFilter"] != "/ETSI.CAdES.detached" || sig["/Type"] != "/Sig" {
		t.Errorf("signature dictionary: %v", sig)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// outline is how many segments a glyph's outline has.
func (f *cidFont) outline(gid int) int {
	var buf sfnt.Buffer
	segs, err := f.font.LoadGlyph(&buf, sfnt.GlyphIndex(gid), fixed.I(f.upem), nil)
	if err != nil {
		return 0
	}
	return len(segs)
}
