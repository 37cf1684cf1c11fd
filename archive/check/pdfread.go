package check

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// pdfFile is a PDF read by the small built-in reader: enough of ISO 32000-1
// to check a record's structure (header, cross-reference chain, trailer,
// catalog, page tree, streams), to list its fonts and embedded files, and
// to find active content. It reads classic cross-reference tables and
// cross-reference and object streams; it does not decrypt.
type pdfFile struct {
	data     []byte
	offsets  map[int]int    // object number → byte offset, newest section first
	inStream map[int][2]int // object number → (object stream, index)
	trailer  pdfDict
	problems []string // structural faults found while reading
	cache    map[int]any
	busy     map[int]bool // objects being read: a cycle guard
}

// Limits that keep a hostile file from exhausting memory or time.
const (
	maxStream  = 256 << 20 // decoded bytes of one stream
	maxObjects = 1 << 20   // cross-reference entries
	maxWalk    = 100_000   // nodes of a page or name tree
)

var errNotPDF = errors.New("not a PDF file")

// readPDF reads the structure of a PDF; the error is about the file being
// unreadable as a whole, lesser faults are in problems.
func readPDF(data []byte) (*pdfFile, error) {
	head := data[:min(len(data), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return nil, fmt.Errorf("%w: no %%PDF- header", errNotPDF)
	}
	f := &pdfFile{data: data, offsets: map[int]int{}, inStream: map[int][2]int{}, cache: map[int]any{}, busy: map[int]bool{}}
	at := bytes.LastIndex(data, []byte("startxref"))
	if at < 0 {
		return nil, fmt.Errorf("%w: no startxref", errNotPDF)
	}
	l := &lexer{b: data, i: at + len("startxref")}
	off, ok := l.intToken()
	if !ok || off >= int64(len(data)) {
		return nil, fmt.Errorf("%w: startxref does not point into the file", errNotPDF)
	}
	if !bytes.Contains(data[at:], []byte("%%EOF")) {
		f.problems = append(f.problems, "no %%EOF after the last startxref")
	}
	if err := f.readXrefChain(int(off)); err != nil {
		return nil, err
	}
	f.checkOffsets()
	return f, nil
}

// readXrefChain reads every cross-reference section from the newest back.
func (f *pdfFile) readXrefChain(off int) error {
	seen := map[int]bool{}
	for first := true; ; first = false {
		if seen[off] || len(seen) > 1000 {
			return fmt.Errorf("%w: cross-reference sections form a loop", errNotPDF)
		}
		seen[off] = true
		trailer, err := f.readXref(off)
		if err != nil {
			return err
		}
		if first {
			f.trailer = trailer
		}
		if stm, ok := trailer["XRefStm"].(int64); ok && !seen[int(stm)] { // hybrid file
			seen[int(stm)] = true
			if _, err := f.readXref(int(stm)); err != nil {
				return err
			}
		}
		prev, ok := trailer["Prev"].(int64)
		if !ok {
			return nil
		}
		if prev < 0 || prev >= int64(len(f.data)) {
			return fmt.Errorf("%w: /Prev points outside the file", errNotPDF)
		}
		off = int(prev)
	}
}

// readXref reads one section, a table or a stream, and returns its trailer.
func (f *pdfFile) readXref(off int) (pdfDict, error) {
	l := &lexer{b: f.data, i: off}
	l.skip()
	if hasPrefixAt(f.data, l.i, "xref") {
		l.i += 4
		return f.readTable(l)
	}
	_, _, err := l.objectHeader()
	if err != nil {
		return nil, fmt.Errorf("%w: startxref or /Prev does not point at a cross-reference section", errNotPDF)
	}
	v, err := f.objectBody(l, true)
	s, ok := v.(*pdfStream)
	if err != nil || !ok || s.dict["Type"] != pdfName("XRef") {
		return nil, fmt.Errorf("%w: the cross-reference stream cannot be read", errNotPDF)
	}
	return s.dict, f.readXrefStream(s)
}

func (f *pdfFile) readTable(l *lexer) (pdfDict, error) {
	for {
		l.skip()
		if hasPrefixAt(f.data, l.i, "trailer") {
			l.i += len("trailer")
			v, err := l.value()
			d, ok := v.(pdfDict)
			if err != nil || !ok {
				return nil, fmt.Errorf("%w: the trailer cannot be read", errNotPDF)
			}
			return d, nil
		}
		start, ok1 := l.intToken()
		count, ok2 := l.intToken()
		if !ok1 || !ok2 || start+count > maxObjects {
			return nil, fmt.Errorf("%w: bad cross-reference subsection at byte %d", errNotPDF, l.i)
		}
		for n := range int(count) {
			off, ok1 := l.intToken()
			_, ok2 := l.intToken()
			kind := l.keyword()
			if !ok1 || !ok2 || (kind != "n" && kind != "f") {
				return nil, fmt.Errorf("%w: bad cross-reference entry at byte %d", errNotPDF, l.i)
			}
			f.entry(int(start)+n, kind == "n", int(off), -1, 0)
		}
	}
}

// entry records where an object is, unless a newer section said so first.
func (f *pdfFile) entry(num int, used bool, off, stream, index int) {
	if _, ok := f.offsets[num]; ok {
		return
	}
	if _, ok := f.inStream[num]; ok {
		return
	}
	switch {
	case !used:
		f.offsets[num] = -1 // free: shadows older sections
	case stream >= 0:
		f.inStream[num] = [2]int{stream, index}
	default:
		f.offsets[num] = off
	}
}

func (f *pdfFile) readXrefStream(s *pdfStream) error {
	data, err := f.decode(s)
	if err != nil {
		return fmt.Errorf("%w: cross-reference stream: %v", errNotPDF, err)
	}
	w, _ := s.dict["W"].(pdfArray)
	var widths [3]int
	total := 0
	for i := range widths {
		if i < len(w) {
			n, _ := w[i].(int64)
			if n < 0 || n > 8 {
				return fmt.Errorf("%w: bad /W in a cross-reference stream", errNotPDF)
			}
			widths[i] = int(n)
		}
		total += widths[i]
	}
	size, _ := s.dict["Size"].(int64)
	index := pdfArray{int64(0), size}
	if ix, ok := s.dict["Index"].(pdfArray); ok {
		index = ix
	}
	pos := 0
	for i := 0; i+1 < len(index); i += 2 {
		start, _ := index[i].(int64)
		count, _ := index[i+1].(int64)
		if start < 0 || count < 0 || start+count > maxObjects {
			return fmt.Errorf("%w: bad /Index in a cross-reference stream", errNotPDF)
		}
		for n := range int(count) {
			if total == 0 || pos+total > len(data) {
				return fmt.Errorf("%w: cross-reference stream too short", errNotPDF)
			}
			field := func(k int) int {
				v := 0
				for _, b := range data[pos : pos+widths[k]] {
					v = v<<8 | int(b)
				}
				pos += widths[k]
				return v
			}
			kind := 1
			if widths[0] > 0 {
				kind = field(0)
			}
			a, b := field(1), field(2)
			switch kind {
			case 0:
				f.entry(int(start)+n, false, 0, -1, 0)
			case 1:
				f.entry(int(start)+n, true, a, -1, 0)
			case 2:
				f.entry(int(start)+n, true, 0, a, b)
			}
		}
	}
	return nil
}

// checkOffsets notes every in-use entry that does not point at its object.
func (f *pdfFile) checkOffsets() {
	bad := 0
	for num, off := range f.offsets {
		if off < 0 {
			continue
		}
		l := &lexer{b: f.data, i: off}
		if off >= len(f.data) {
			bad++
			continue
		}
		if n, _, err := l.objectHeader(); err != nil || n != num {
			bad++
		}
	}
	if bad > 0 {
		f.problems = append(f.problems, fmt.Sprintf("%d cross-reference entries do not point at their objects", bad))
	}
}

// objectBody reads the value after "num gen obj", and its stream if any.
func (f *pdfFile) objectBody(l *lexer, direct bool) (any, error) {
	v, err := l.value()
	if err != nil {
		return nil, err
	}
	d, ok := v.(pdfDict)
	l.skip()
	if !ok || !hasPrefixAt(f.data, l.i, "stream") {
		return v, nil
	}
	l.i += len("stream")
	if hasPrefixAt(f.data, l.i, "\r\n") {
		l.i += 2
	} else if hasPrefixAt(f.data, l.i, "\n") || hasPrefixAt(f.data, l.i, "\r") {
		l.i++
	}
	start := l.i
	n := -1
	switch ln := d["Length"].(type) {
	case int64:
		n = int(ln)
	case pdfRef:
		if !direct {
			if v, err := f.get(ln.num); err == nil {
				if x, ok := v.(int64); ok {
					n = int(x)
				}
			}
		}
	}
	if n >= 0 && start+n <= len(f.data) && endsStream(f.data, start+n) {
		return &pdfStream{dict: d, raw: f.data[start : start+n]}, nil
	}
	// A wrong /Length: find the end the way lenient readers do.
	end := bytes.Index(f.data[start:], []byte("endstream"))
	if end < 0 {
		return nil, l.fail("stream without endstream")
	}
	f.problems = append(f.problems, fmt.Sprintf("a stream at byte %d has a wrong /Length", start))
	raw := bytes.TrimRight(f.data[start:start+end], "\r\n")
	return &pdfStream{dict: d, raw: raw}, nil
}

// endsStream reports whether endstream follows at i, after an optional EOL.
func endsStream(b []byte, i int) bool {
	for i < len(b) && (b[i] == '\r' || b[i] == '\n' || b[i] == ' ') {
		i++
	}
	return hasPrefixAt(b, i, "endstream")
}

// get returns object num (a stream as *pdfStream), nil for a free or
// missing one.
func (f *pdfFile) get(num int) (any, error) {
	if v, ok := f.cache[num]; ok {
		return v, nil
	}
	if f.busy[num] {
		return nil, fmt.Errorf("%w: object %d refers to itself", errSyntax, num)
	}
	f.busy[num] = true
	defer delete(f.busy, num)
	var v any
	var err error
	if loc, ok := f.inStream[num]; ok {
		v, err = f.fromObjStream(loc[0], loc[1], num)
	} else if off, ok := f.offsets[num]; ok && off >= 0 && off < len(f.data) {
		l := &lexer{b: f.data, i: off}
		if _, _, err = l.objectHeader(); err == nil {
			v, err = f.objectBody(l, false)
		}
	}
	if err != nil {
		// Remembered as missing: a broken object named from many places
		// is read, and reported, once.
		f.cache[num] = nil
		return nil, fmt.Errorf("object %d: %w", num, err)
	}
	f.cache[num] = v
	return v, nil
}

// fromObjStream reads object num, the index-th object of object stream stm.
func (f *pdfFile) fromObjStream(stm, index, num int) (any, error) {
	v, err := f.get(stm)
	if err != nil {
		return nil, err
	}
	s, ok := v.(*pdfStream)
	if !ok || s.dict["Type"] != pdfName("ObjStm") {
		return nil, fmt.Errorf("%w: object stream %d is missing", errSyntax, stm)
	}
	data, err := f.decode(s)
	if err != nil {
		return nil, err
	}
	n, _ := s.dict["N"].(int64)
	first, _ := s.dict["First"].(int64)
	if index < 0 || int64(index) >= n || first < 0 || first > int64(len(data)) {
		return nil, fmt.Errorf("%w: bad object stream %d", errSyntax, stm)
	}
	l := &lexer{b: data}
	for i := 0; i <= index; i++ {
		onum, ok1 := l.intToken()
		off, ok2 := l.intToken()
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%w: bad object stream %d header", errSyntax, stm)
		}
		if i == index {
			if int(onum) != num || first+off > int64(len(data)) {
				return nil, fmt.Errorf("%w: object stream %d does not hold object %d", errSyntax, stm, num)
			}
			return (&lexer{b: data, i: int(first + off)}).value()
		}
	}
	return nil, fmt.Errorf("%w: object %d not found", errSyntax, num)
}

// resolve follows references to a direct value.
func (f *pdfFile) resolve(v any) any {
	for range 32 {
		r, ok := v.(pdfRef)
		if !ok {
			return v
		}
		var err error
		if v, err = f.get(r.num); err != nil {
			f.problems = append(f.problems, err.Error())
			return nil
		}
	}
	return nil
}

func (f *pdfFile) dict(v any) pdfDict {
	switch x := f.resolve(v).(type) {
	case pdfDict:
		return x
	case *pdfStream:
		return x.dict
	}
	return nil
}

func (f *pdfFile) array(v any) pdfArray {
	a, _ := f.resolve(v).(pdfArray)
	return a
}

// decode applies a stream's filters: FlateDecode (with PNG predictors) and
// ASCIIHexDecode; other filters are reported as not supported.
func (f *pdfFile) decode(s *pdfStream) ([]byte, error) {
	filters := f.resolve(s.dict["Filter"])
	var names []pdfName
	switch x := filters.(type) {
	case pdfName:
		names = []pdfName{x}
	case pdfArray:
		for _, v := range x {
			if n, ok := f.resolve(v).(pdfName); ok {
				names = append(names, n)
			}
		}
	}
	data := s.raw
	for i, name := range names {
		var err error
		switch name {
		case "FlateDecode", "Fl":
			if data, err = inflate(data); err == nil {
				data, err = unpredict(data, f.params(s, i))
			}
		case "ASCIIHexDecode", "AHx":
			data, err = (&lexer{b: append(bytes.Clone(data), '>')}).hex()
		default:
			return nil, fmt.Errorf("filter %s is not supported", name)
		}
		if err != nil {
			return nil, fmt.Errorf("filter %s: %w", name, err)
		}
	}
	return data, nil
}

func (f *pdfFile) params(s *pdfStream, i int) pdfDict {
	switch p := f.resolve(s.dict["DecodeParms"]).(type) {
	case pdfDict:
		return p
	case pdfArray:
		if i < len(p) {
			return f.dict(p[i])
		}
	}
	return nil
}

func inflate(data []byte) ([]byte, error) {
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(r, maxStream+1))
	if err != nil {
		return nil, err
	}
	if len(out) > maxStream {
		return nil, fmt.Errorf("decodes to more than %d bytes", maxStream)
	}
	return out, nil
}

// unpredict undoes the PNG predictors of cross-reference streams.
func unpredict(data []byte, p pdfDict) ([]byte, error) {
	pred, _ := p["Predictor"].(int64)
	if pred < 10 {
		return data, nil
	}
	cols := int64(1)
	if c, ok := p["Columns"].(int64); ok {
		cols = c
	}
	if cols < 1 || cols > 1<<16 {
		return nil, errors.New("bad /Columns")
	}
	row := int(cols)
	var out, prev []byte
	prev = make([]byte, row)
	for i := 0; i+row+1 <= len(data); i += row + 1 {
		kind, cur := data[i], bytes.Clone(data[i+1:i+1+row])
		for j := range cur {
			var left, up, ul byte
			if j > 0 {
				left, ul = cur[j-1], prev[j-1]
			}
			up = prev[j]
			switch kind {
			case 1:
				cur[j] += left
			case 2:
				cur[j] += up
			case 3:
				cur[j] += byte((int(left) + int(up)) / 2)
			case 4:
				cur[j] += paeth(left, up, ul)
			}
		}
		out = append(out, cur...)
		prev = cur
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

// numbers lists the objects the cross-reference sections name, in use.
func (f *pdfFile) numbers() []int {
	var ns []int
	for n, off := range f.offsets {
		if off >= 0 {
			ns = append(ns, n)
		}
	}
	for n := range f.inStream {
		ns = append(ns, n)
	}
	return ns
}

// text decodes a PDF text string: UTF-16BE with a BOM, else PDFDocEncoding
// (read as Latin-1, which agrees for the printable ASCII range).
func pdfTextString(b []byte) string {
	if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		var rs []rune
		for i := 2; i+1 < len(b); i += 2 {
			u := rune(b[i])<<8 | rune(b[i+1])
			if u >= 0xD800 && u < 0xDC00 && i+3 < len(b) {
				lo := rune(b[i+2])<<8 | rune(b[i+3])
				u = 0x10000 + (u-0xD800)<<10 + (lo - 0xDC00)
				i += 2
			}
			rs = append(rs, u)
		}
		return string(rs)
	}
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}

// itoa is strconv.Itoa, short for messages.
func itoa(n int) string { return strconv.Itoa(n) }
