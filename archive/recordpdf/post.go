package recordpdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// gofpdf writes one classic cross-reference table and a trailer naming the
// catalog (the last object) and the info dictionary (the one before it).
var (
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reXref      = regexp.MustCompile(`^xref\n0 (\d+)\n`)
	reRoot      = regexp.MustCompile(`/Root (\d+) 0 R`)
	reInfo      = regexp.MustCompile(`/Info (\d+) 0 R`)
	reOutlines  = regexp.MustCompile(`/Outlines (\d+) 0 R`)
	reObj       = regexp.MustCompile(`^(\d+) 0 obj\s`)
)

// pdfObject is an indirect object as gofpdf wrote it, "N 0 obj … endobj".
type pdfObject struct {
	num  int
	body []byte
}

// gofpdfFile is gofpdf's output taken apart.
type gofpdfFile struct {
	objects    []pdfObject // in file order, catalog and info left out
	size       int         // the trailer's /Size
	root, info int
	outlines   int // 0 without bookmarks
}

func splitGofpdf(pdf []byte) (*gofpdfFile, error) {
	m := reStartXref.FindSubmatch(pdf)
	if m == nil {
		return nil, fmt.Errorf("no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(pdf) {
		return nil, fmt.Errorf("startxref %d out of range", xref)
	}
	x := reXref.FindSubmatch(pdf[xref:])
	if x == nil {
		return nil, fmt.Errorf("no xref table at %d", xref)
	}
	f := &gofpdfFile{}
	f.size, _ = strconv.Atoi(string(x[1]))
	entries := pdf[xref+len(x[0]):]
	if len(entries) < 20*f.size {
		return nil, fmt.Errorf("short xref table")
	}
	trailer := entries[20*f.size:]
	r, i := reRoot.FindSubmatch(trailer), reInfo.FindSubmatch(trailer)
	if r == nil || i == nil {
		return nil, fmt.Errorf("trailer without /Root or /Info")
	}
	f.root, _ = strconv.Atoi(string(r[1]))
	f.info, _ = strconv.Atoi(string(i[1]))
	type at struct{ num, off int }
	var offs []at
	for n := 1; n < f.size; n++ {
		e := entries[20*n : 20*n+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || e[17] != 'n' || off >= xref {
			return nil, fmt.Errorf("xref entry %d: %q", n, e)
		}
		offs = append(offs, at{n, off})
	}
	slices.SortFunc(offs, func(a, b at) int { return a.off - b.off })
	for k, o := range offs {
		end := xref
		if k+1 < len(offs) {
			end = offs[k+1].off
		}
		body := pdf[o.off:end]
		if m := reObj.FindSubmatch(body); m == nil || string(m[1]) != strconv.Itoa(o.num) {
			return nil, fmt.Errorf("object %d not at offset %d", o.num, o.off)
		}
		if o.num == f.root {
			if m := reOutlines.FindSubmatch(body); m != nil {
				f.outlines, _ = strconv.Atoi(string(m[1]))
			}
			continue
		}
		if o.num != f.info {
			f.objects = append(f.objects, pdfObject{o.num, body})
		}
	}
	return f, nil
}

// writer writes a PDF file body, keeping each object's offset.
type writer struct {
	buf     bytes.Buffer
	offsets map[int]int
	next    int
}

func (w *writer) obj(num int, dict string, stream []byte) {
	w.offsets[num] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n%s\n", num, dict)
	if stream != nil {
		w.buf.WriteString("stream\n")
		w.buf.Write(stream)
		w.buf.WriteString("\nendstream\n")
	}
	w.buf.WriteString("endobj\n")
}

func (w *writer) alloc() int {
	w.next++
	return w.next - 1
}

// pdfText is a PDF text string: UTF-16BE with a byte order mark, as a
// literal string with every byte outside printable ASCII escaped (readers
// that mishandle hex strings show these right).
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString(`(\376\377`)
	for _, u := range utf16.Encode([]rune(s)) {
		for _, c := range []byte{byte(u >> 8), byte(u)} {
			switch {
			case c == '(' || c == ')' || c == '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case c >= 0x20 && c < 0x7f:
				b.WriteByte(c)
			default:
				fmt.Fprintf(&b, `\%03o`, c)
			}
		}
	}
	b.WriteByte(')')
	return b.String()
}

// pdfASCII is a literal byte string of printable ASCII.
func pdfASCII(s string) string {
	var b strings.Builder
	b.WriteByte('(')
	for _, c := range []byte(s) {
		switch {
		case c == '(' || c == ')' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		default:
			b.WriteByte('_')
		}
	}
	b.WriteByte(')')
	return b.String()
}

// pdfName writes a name, #-escaping what a regular character may not be.
func pdfName(s string) string {
	var b strings.Builder
	b.WriteByte('/')
	for _, c := range []byte(s) {
		if c <= 0x20 || c >= 0x7f || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func pdfDate(t time.Time) string {
	return pdfASCII("D:" + t.UTC().Format("20060102150405") + "+00'00'")
}

func deflate(b []byte) []byte {
	var out bytes.Buffer
	z := zlib.NewWriter(&out)
	z.Write(b)
	z.Close()
	return out.Bytes()
}

// attachment is a file embedded as a PDF/A-3 associated file.
type attachment struct {
	name     string // shown to the reader (UTF-8)
	ascii    string // the /F fallback name
	mime     string
	desc     string
	relation string // Source, Data …
	data     []byte
	modified time.Time
}

// meta is what the post-process writes besides the pages.
type meta struct {
	title, author, subject string
	created                time.Time
	fonts                  []embedded
	files                  []attachment
	icc                    []byte
}

const producer = "Shenfa 审发 archive/recordpdf (jung-kurt/gofpdf 1.16.2)"

// finish rewrites gofpdf's file into one that aims at PDF/A-3b: a PDF 1.7
// header with a binary comment, subset font names, an info dictionary
// matching the XMP metadata that the catalog references, the sRGB output
// intent, the embedded files with /AF and /AFRelationship, and a trailer
// /ID. The objects gofpdf wrote keep their numbers; a later incremental
// update (the signature) can append to the result.
func finish(raw []byte, m meta) ([]byte, error) {
	g, err := splitGofpdf(raw)
	if err != nil {
		return nil, fmt.Errorf("gofpdf output: %w", err)
	}
	w := &writer{offsets: map[int]int{}, next: g.size}
	extra := len(m.icc) + 64*1024
	for _, a := range m.files {
		extra += len(a.data)
	}
	w.buf.Grow(len(raw) + extra)
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	for _, o := range g.objects {
		w.offsets[o.num] = w.buf.Len()
		w.buf.Write(renameFonts(o.body, m.fonts))
	}
	var af []string
	var names []string
	for i, a := range m.files {
		ef := w.alloc()
		sum := md5.Sum(a.data)
		z := deflate(a.data)
		w.obj(ef, fmt.Sprintf("<< /Type /EmbeddedFile /Subtype %s /Params << /Size %d /CheckSum <%s> /CreationDate %s /ModDate %s >> /Filter /FlateDecode /Length %d >>",
			pdfName(a.mime), len(a.data), hex.EncodeToString(sum[:]), pdfDate(a.modified), pdfDate(a.modified), len(z)), z)
		fs := w.alloc()
		w.obj(fs, fmt.Sprintf("<< /Type /Filespec /F %s /UF %s /EF << /F %d 0 R /UF %d 0 R >> /Desc %s /AFRelationship /%s >>",
			pdfASCII(a.ascii), pdfText(a.name), ef, ef, pdfText(a.desc), a.relation), nil)
		af = append(af, fmt.Sprintf("%d 0 R", fs))
		names = append(names, fmt.Sprintf("%s %d 0 R", pdfASCII(fmt.Sprintf("%02d %s", i+1, a.ascii)), fs))
	}
	icc := w.alloc()
	z := deflate(m.icc)
	w.obj(icc, fmt.Sprintf("<< /N 3 /Filter /FlateDecode /Length %d >>", len(z)), z)
	intent := w.alloc()
	w.obj(intent, fmt.Sprintf("<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /DestOutputProfile %d 0 R >>", icc), nil)
	xmp := xmpPacket(m)
	md := w.alloc()
	w.obj(md, fmt.Sprintf("<< /Type /Metadata /Subtype /XML /Length %d >>", len(xmp)), xmp) // PDF/A: metadata unfiltered
	w.obj(g.info, infoDict(m), nil)
	cat := fmt.Sprintf("<< /Type /Catalog /Pages 1 0 R /Metadata %d 0 R /OutputIntents [%d 0 R] /Lang (zh-CN) /ViewerPreferences << /DisplayDocTitle true >>", md, intent)
	if g.outlines != 0 {
		cat += fmt.Sprintf(" /Outlines %d 0 R /PageMode /UseOutlines", g.outlines)
	}
	if len(af) > 0 {
		cat += fmt.Sprintf(" /Names << /EmbeddedFiles << /Names [%s] >> >> /AF [%s]", strings.Join(names, " "), strings.Join(af, " "))
	}
	w.obj(g.root, cat+" >>", nil)
	return w.trailer(g.root, g.info), nil
}

// trailer appends the cross-reference table and the trailer with an /ID
// made from the file's content.
func (w *writer) trailer(root, info int) []byte {
	id := md5.Sum(w.buf.Bytes())
	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", w.next)
	for n := 1; n < w.next; n++ {
		off, ok := w.offsets[n]
		if !ok { // gofpdf never leaves a number unused; keep the table whole if it did
			w.buf.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
	}
	h := hex.EncodeToString(id[:])
	fmt.Fprintf(&w.buf, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n",
		w.next, root, info, h, h, xref)
	return w.buf.Bytes()
}

// renameFonts gives gofpdf's font dictionaries (never streams) the subset
// names the PDF specification asks for, tag+"+"+name.
func renameFonts(body []byte, fonts []embedded) []byte {
	if bytes.Contains(body, []byte("stream\n")) || !bytes.Contains(body, []byte("/utf8")) {
		return body
	}
	for _, f := range fonts {
		for _, key := range []string{"/BaseFont /", "/FontName /"} {
			old := []byte(key + "utf8" + f.family)
			for from := 0; ; {
				i := bytes.Index(body[from:], old)
				if i < 0 {
					break
				}
				i += from
				end := i + len(old)
				if end < len(body) && (body[end] >= 'a' && body[end] <= 'z' || body[end] >= '0' && body[end] <= '9') {
					from = end // a longer family name that starts the same
					continue
				}
				body = slices.Concat(body[:i], []byte(key+f.name), body[end:])
				from = i + len(key) + len(f.name)
			}
		}
	}
	return body
}

func infoDict(m meta) string {
	var b strings.Builder
	b.WriteString("<< ")
	fmt.Fprintf(&b, "/Title %s ", pdfText(m.title))
	if m.author != "" {
		fmt.Fprintf(&b, "/Author %s ", pdfText(m.author))
	}
	if m.subject != "" {
		fmt.Fprintf(&b, "/Subject %s ", pdfText(m.subject))
	}
	fmt.Fprintf(&b, "/Creator %s /Producer %s /CreationDate %s /ModDate %s >>",
		pdfText("Shenfa 审发"), pdfText(producer), pdfDate(m.created), pdfDate(m.created))
	return b.String()
}
