package pades

import (
	"bytes"
	"compress/zlib"
	"io"
	"strconv"
)

// Limits on what a PDF may make this package do.
const (
	maxSections  = 1024     // cross-reference sections followed through /Prev
	maxStream    = 64 << 20 // decoded bytes of one stream
	maxObjStms   = 256      // object streams decoded for one document
	maxTreeDepth = 64       // page and field tree depth
)

// entry is one cross-reference entry: type 1 at an offset, type 2 inside an
// object stream (off is the stream's number, gen the index in it).
type entry struct {
	typ      byte
	off, gen int64
}

// document is a PDF's cross-reference information, newest section first.
type document struct {
	src       []byte
	entries   map[int64]entry
	trailer   object // the newest trailer (or cross-reference stream dictionary)
	startxref int    // offset of the newest section
	stream    bool   // the newest section is a cross-reference stream
	size      int64  // the newest /Size
	objstms   map[int64]*objStream
}

type objStream struct {
	data    []byte
	offsets map[int64]int // object number → offset in data
}

// readDocument reads the cross-reference chain from the last startxref.
func readDocument(src []byte) (*document, error) {
	tail := src[max(0, len(src)-2048):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, malformed("no startxref")
	}
	p := &parser{src: src, pos: len(src) - len(tail) + i + len("startxref")}
	o, err := p.value(0)
	off, ok := o.int()
	if err != nil || !ok || off < 0 || off >= int64(len(src)) {
		return nil, malformed("bad startxref")
	}
	d := &document{src: src, entries: map[int64]entry{}, startxref: int(off), objstms: map[int64]*objStream{}}
	seen := map[int64]bool{}
	for n := 0; ; n++ {
		if n >= maxSections || seen[off] {
			return nil, malformed("cross-reference chain loops at %d", off)
		}
		seen[off] = true
		trailer, err := d.section(int(off), n == 0)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			d.trailer = trailer
			size, ok := trailer.get("Size").int()
			if !ok || size <= 0 || size > 1<<31 {
				return nil, malformed("bad /Size")
			}
			d.size = size
		}
		prev := trailer.get("Prev")
		if prev.kind == kNull {
			return d, nil
		}
		if off, ok = prev.int(); !ok || off < 0 || off >= int64(len(src)) {
			return nil, malformed("bad /Prev")
		}
	}
}

// section reads the table or stream at off, adding entries that newer
// sections did not define, and returns its trailer.
func (d *document) section(off int, newest bool) (object, error) {
	p := &parser{src: d.src, pos: off}
	if !p.keyword("xref") {
		if newest {
			d.stream = true
		}
		return d.xrefStream(off)
	}
	if err := d.table(p); err != nil {
		return object{}, err
	}
	if !p.keyword("trailer") {
		return object{}, malformed("no trailer after the table at %d", off)
	}
	t, err := p.value(0)
	if err != nil || t.kind != kDict {
		return object{}, malformed("bad trailer at %d", off)
	}
	// A hybrid file's table is completed by the stream /XRefStm names.
	if x, ok := t.get("XRefStm").int(); ok && x >= 0 && x < int64(len(d.src)) {
		if _, err := d.xrefStream(int(x)); err != nil {
			return object{}, err
		}
	}
	return t, nil
}

// table reads the subsections of a classic cross-reference table.
func (d *document) table(p *parser) error {
	for {
		p.skip()
		if w := p.word(); string(w) == "trailer" || len(w) == 0 {
			return nil
		}
		first, err1 := p.value(0)
		count, err2 := p.value(0)
		start, ok1 := first.int()
		n, ok2 := count.int()
		if err1 != nil || err2 != nil || !ok1 || !ok2 || start < 0 || n < 0 || start+n > 1<<31 ||
			n > int64(len(p.src)-p.pos)/18 {
			return malformed("bad cross-reference subsection at %d", p.pos)
		}
		for k := int64(0); k < n; k++ {
			off, err1 := p.value(0)
			gen, err2 := p.value(0)
			p.skip()
			t := p.word()
			o, ok1 := off.int()
			g, ok2 := gen.int()
			if err1 != nil || err2 != nil || !ok1 || !ok2 || len(t) != 1 || (t[0] != 'n' && t[0] != 'f') {
				return malformed("bad cross-reference entry at %d", p.pos)
			}
			p.pos++
			d.define(start+k, entry{typ: map[byte]byte{'n': 1, 'f': 0}[t[0]], off: o, gen: g})
		}
	}
}

func (d *document) define(num int64, e entry) {
	if _, ok := d.entries[num]; !ok {
		d.entries[num] = e
	}
}

// xrefStream reads a cross-reference stream (PDF 1.5) at off.
func (d *document) xrefStream(off int) (object, error) {
	dict, data, err := d.streamAt(off, -1)
	if err != nil {
		return object{}, err
	}
	if !dict.get("Type").isName("XRef") {
		return object{}, malformed("no cross-reference at %d", off)
	}
	var w [3]int
	ws := dict.get("W")
	if ws.kind != kArray || len(ws.items) != 3 {
		return object{}, malformed("bad /W at %d", off)
	}
	width := 0
	for i, it := range ws.items {
		v, ok := it.int()
		if !ok || v < 0 || v > 8 {
			return object{}, malformed("bad /W at %d", off)
		}
		w[i] = int(v)
		width += w[i]
	}
	size, _ := dict.get("Size").int()
	index := []int64{0, size}
	if ix := dict.get("Index"); ix.kind == kArray {
		index = index[:0]
		for _, it := range ix.items {
			v, ok := it.int()
			if !ok || v < 0 || v > 1<<31 {
				return object{}, malformed("bad /Index at %d", off)
			}
			index = append(index, v)
		}
	}
	if width == 0 || len(index)%2 != 0 {
		return object{}, malformed("bad cross-reference stream at %d", off)
	}
	for i := 0; i < len(index); i += 2 {
		for k := int64(0); k < index[i+1]; k++ {
			if len(data) < width {
				return object{}, malformed("short cross-reference stream at %d", off)
			}
			f := [3]int64{1, 0, 0} // a missing type field means type 1
			for j := range w {
				if w[j] > 0 {
					f[j] = field(data[:w[j]])
					data = data[w[j]:]
				}
			}
			if f[0] <= 2 {
				d.define(index[i]+k, entry{typ: byte(f[0]), off: f[1], gen: f[2]})
			}
		}
	}
	return dict, nil
}

func field(b []byte) int64 {
	var v int64
	for _, c := range b {
		v = v<<8 | int64(c)
	}
	return v
}

// streamAt parses the stream object at off and returns its decoded data;
// num is the expected object number, or -1 for any.
func (d *document) streamAt(off int, num int64) (object, []byte, error) {
	if off < 0 || off >= len(d.src) {
		return object{}, nil, malformed("offset %d outside the file", off)
	}
	p := &parser{src: d.src, pos: off}
	dict, start, err := p.indirect(num)
	if err != nil {
		return object{}, nil, err
	}
	if start < 0 {
		return object{}, nil, malformed("stream expected at %d", off)
	}
	raw, err := d.rawStream(dict, start)
	if err != nil {
		return object{}, nil, err
	}
	data, err := decode(dict, raw)
	return dict, data, err
}

// rawStream returns a stream's undecoded bytes: /Length when it is direct
// and ends at "endstream", else up to the next "endstream".
func (d *document) rawStream(dict object, start int) ([]byte, error) {
	if n, ok := dict.get("Length").int(); ok && n >= 0 && n <= int64(len(d.src)-start) {
		rest := bytes.TrimLeft(d.src[start+int(n):min(len(d.src), start+int(n)+16)], "\r\n \t")
		if bytes.HasPrefix(rest, []byte("endstream")) {
			return d.src[start : start+int(n)], nil
		}
	}
	end := bytes.Index(d.src[start:], []byte("endstream"))
	if end < 0 {
		return nil, malformed("unterminated stream at %d", start)
	}
	return bytes.TrimRight(d.src[start:start+end], "\r\n"), nil
}

// decode undoes /FlateDecode with an optional PNG predictor, the only
// filter cross-reference and object streams use in practice.
func decode(dict object, raw []byte) ([]byte, error) {
	filter := dict.get("Filter")
	if filter.kind == kArray && len(filter.items) == 1 {
		filter = filter.items[0]
	}
	switch {
	case filter.kind == kNull:
		return raw, nil
	case !filter.isName("FlateDecode"):
		return nil, malformed("unsupported stream filter")
	}
	z, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, malformed("bad compressed stream")
	}
	data, err := io.ReadAll(io.LimitReader(z, maxStream+1))
	if err != nil && len(data) == 0 || len(data) > maxStream {
		return nil, malformed("bad or oversized compressed stream")
	}
	parms := dict.get("DecodeParms")
	if parms.kind == kArray && len(parms.items) == 1 {
		parms = parms.items[0]
	}
	if pred, _ := parms.get("Predictor").int(); pred >= 10 {
		cols, ok := parms.get("Columns").int()
		if !ok {
			cols = 1
		}
		return unpredict(data, int(cols))
	} else if pred > 1 {
		return nil, malformed("unsupported predictor %d", pred)
	}
	return data, nil
}

// unpredict undoes PNG row filters for one byte per pixel.
func unpredict(data []byte, cols int) ([]byte, error) {
	if cols <= 0 || cols > 1<<16 {
		return nil, malformed("bad predictor columns")
	}
	row := cols + 1
	out := make([]byte, 0, len(data)/row*cols)
	prev := make([]byte, cols)
	for len(data) >= row {
		kind, cur := data[0], data[1:row]
		line := make([]byte, cols)
		for i := range cols {
			var left, upLeft byte
			if i > 0 {
				left, upLeft = line[i-1], prev[i-1]
			}
			up := prev[i]
			switch kind {
			case 0:
				line[i] = cur[i]
			case 1:
				line[i] = cur[i] + left
			case 2:
				line[i] = cur[i] + up
			case 3:
				line[i] = cur[i] + byte((int(left)+int(up))/2)
			case 4:
				line[i] = cur[i] + paeth(left, up, upLeft)
			default:
				return nil, malformed("bad PNG predictor row")
			}
		}
		out = append(out, line...)
		prev = line
		data = data[row:]
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// resolve follows a reference; other objects are returned as they are.
func (d *document) resolve(o object) (object, error) {
	if o.kind != kRef {
		return o, nil
	}
	return d.object(o.num)
}

// object returns the current version of object num.
func (d *document) object(num int64) (object, error) {
	e, ok := d.entries[num]
	switch {
	case !ok || e.typ == 0:
		return object{}, nil // a missing object is null
	case e.typ == 1:
		if e.off < 0 || e.off >= int64(len(d.src)) {
			return object{}, malformed("object %d outside the file", num)
		}
		p := &parser{src: d.src, pos: int(e.off)}
		o, _, err := p.indirect(num)
		return o, err
	}
	s, err := d.objStream(e.off)
	if err != nil {
		return object{}, err
	}
	at, ok := s.offsets[num]
	if !ok {
		return object{}, malformed("object %d not in object stream %d", num, e.off)
	}
	p := &parser{src: s.data, pos: at}
	return p.value(0)
}

// objStream decodes the object stream num (PDF 1.5), once.
func (d *document) objStream(num int64) (*objStream, error) {
	if s, ok := d.objstms[num]; ok {
		return s, nil
	}
	e := d.entries[num]
	if e.typ != 1 || len(d.objstms) >= maxObjStms {
		return nil, malformed("object stream %d unavailable", num)
	}
	dict, data, err := d.streamAt(int(e.off), num)
	if err != nil {
		return nil, err
	}
	n, ok1 := dict.get("N").int()
	first, ok2 := dict.get("First").int()
	if !ok1 || !ok2 || n < 0 || first < 0 || first > int64(len(data)) || n > int64(len(data)) {
		return nil, malformed("bad object stream %d", num)
	}
	s := &objStream{data: data, offsets: map[int64]int{}}
	p := &parser{src: data[:first]}
	for range n {
		a, err1 := p.value(0)
		b, err2 := p.value(0)
		obj, ok1 := a.int()
		at, ok2 := b.int()
		if err1 != nil || err2 != nil || !ok1 || !ok2 || at < 0 || first+at >= int64(len(data)) {
			return nil, malformed("bad object stream %d header", num)
		}
		s.offsets[obj] = int(first + at)
	}
	d.objstms[num] = s
	return s, nil
}

// firstPage returns the reference and dictionary of page 1.
func (d *document) firstPage(catalog object) (object, object, error) {
	node := catalog.get("Pages")
	for depth := 0; depth < maxTreeDepth; depth++ {
		if node.kind != kRef {
			return object{}, object{}, malformed("page tree node is not an indirect object")
		}
		dict, err := d.resolve(node)
		if err != nil {
			return object{}, object{}, err
		}
		if dict.kind != kDict {
			return object{}, object{}, malformed("bad page tree node %d", node.num)
		}
		if dict.get("Type").isName("Page") {
			return node, dict, nil
		}
		kids, err := d.resolve(dict.get("Kids"))
		if err != nil || kids.kind != kArray || len(kids.items) == 0 {
			return object{}, object{}, malformed("page tree node %d has no kids", node.num)
		}
		node = kids.items[0]
	}
	return object{}, object{}, malformed("page tree too deep")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
