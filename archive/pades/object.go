package pades

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
)

// ErrMalformed reports a PDF this package cannot read.
var ErrMalformed = errors.New("malformed PDF")

func malformed(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, a...))
}

// kind is the type of a PDF object.
type kind uint8

const (
	kNull kind = iota
	kBool
	kNumber
	kString
	kName
	kArray
	kDict
	kRef
)

// object is a parsed PDF object. Scalars keep their source text in raw, so
// that an object written back is byte for byte what was read; pos and end
// are its offsets in the buffer it was parsed from.
type object struct {
	kind     kind
	raw      []byte // scalars: the source text (a string with its delimiters)
	num, gen int64  // references; num also holds an integer's value
	items    []object
	keys     []string // dictionaries: decoded key names, in file order
	pos, end int
}

// get returns a dictionary's value for key, or a null object.
func (o object) get(key string) object {
	for i, k := range o.keys {
		if k == key {
			return o.items[i]
		}
	}
	return object{}
}

// set replaces or appends a dictionary entry.
func (o *object) set(key string, v object) {
	for i, k := range o.keys {
		if k == key {
			o.items[i] = v
			return
		}
	}
	o.keys = append(o.keys, key)
	o.items = append(o.items, v)
}

// isName reports whether o is the name n (without its slash).
func (o object) isName(n string) bool { return o.kind == kName && decodeName(o.raw) == n }

// int returns an integer's value.
func (o object) int() (int64, bool) {
	if o.kind != kNumber || bytes.ContainsAny(o.raw, ".") {
		return 0, false
	}
	return o.num, true
}

func ref(num, gen int64) object { return object{kind: kRef, num: num, gen: gen} }
func name(n string) object      { return object{kind: kName, raw: []byte("/" + n)} }
func number(n int64) object {
	return object{kind: kNumber, raw: strconv.AppendInt(nil, n, 10), num: n}
}
func rawObject(k kind, s string) object { return object{kind: k, raw: []byte(s)} }

// write appends o in PDF syntax.
func (o object) write(b []byte) []byte {
	switch o.kind {
	case kNull:
		return append(b, "null"...)
	case kRef:
		return fmt.Appendf(b, "%d %d R", o.num, o.gen)
	case kArray:
		b = append(b, '[')
		for i, it := range o.items {
			if i > 0 {
				b = append(b, ' ')
			}
			b = it.write(b)
		}
		return append(b, ']')
	case kDict:
		b = append(b, "<<"...)
		for i, k := range o.keys {
			b = append(b, ' ')
			b = append(b, encodeName(k)...)
			b = append(b, ' ')
			b = o.items[i].write(b)
		}
		return append(b, " >>"...)
	}
	return append(b, o.raw...)
}

// decodeName turns a name's source (with or without its slash) into its
// characters, undoing #xx escapes.
func decodeName(raw []byte) string {
	raw = bytes.TrimPrefix(raw, []byte("/"))
	if !bytes.ContainsRune(raw, '#') {
		return string(raw)
	}
	var out []byte
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			if v, err := strconv.ParseUint(string(raw[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, raw[i])
	}
	return string(out)
}

func encodeName(n string) string {
	var b []byte
	b = append(b, '/')
	for _, c := range []byte(n) {
		if c <= 0x20 || c >= 0x7f || bytes.IndexByte([]byte("#()<>[]{}/%"), c) >= 0 {
			b = fmt.Appendf(b, "#%02X", c)
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}

// bytesOf decodes a literal or hexadecimal string's bytes.
func bytesOf(o object) []byte {
	if o.kind != kString || len(o.raw) < 2 {
		return nil
	}
	if o.raw[0] == '<' {
		return decodeHex(o.raw[1 : len(o.raw)-1])
	}
	return decodeLiteral(o.raw[1 : len(o.raw)-1])
}

func decodeHex(s []byte) []byte {
	out := make([]byte, 0, len(s)/2)
	var hi byte
	half := false
	for _, c := range s {
		v, ok := hexValue(c)
		if !ok {
			continue // white space; anything else was refused by the lexer
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return out
}

func hexValue(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func decodeLiteral(s []byte) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\r' { // an end of line in a string is a line feed
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			out = append(out, '\n')
			continue
		}
		if c != '\\' || i+1 == len(s) {
			out = append(out, c)
			continue
		}
		i++
		switch c = s[i]; c {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case '\r': // line continuation
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '\n':
		default:
			if c >= '0' && c <= '7' {
				v := int(c - '0')
				for k := 0; k < 2 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '7'; k++ {
					i++
					v = v*8 + int(s[i]-'0')
				}
				out = append(out, byte(v))
			} else {
				out = append(out, c)
			}
		}
	}
	return out
}

// textOf decodes a PDF text string: UTF-16BE after a byte order mark, UTF-8
// after its mark (PDF 2.0), otherwise PDFDocEncoding, read as Latin-1,
// which agrees with it on every printable ASCII character.
func textOf(o object) string {
	b := bytesOf(o)
	switch {
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	case len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf:
		return string(b[3:])
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// textString encodes s as a literal string in UTF-16BE with an escaped byte
// order mark and every byte outside printable ASCII escaped: pdfcpu shows
// hexadecimal <FEFF…> strings in /Name and /Reason blank (GUIDE §4).
func textString(s string) object {
	b := []byte(`(\376\377`)
	for _, u := range utf16.Encode([]rune(s)) {
		for _, c := range []byte{byte(u >> 8), byte(u)} {
			switch {
			case c == '(' || c == ')' || c == '\\':
				b = append(b, '\\', c)
			case c >= 0x20 && c < 0x7f:
				b = append(b, c)
			default:
				b = fmt.Appendf(b, `\%03o`, c)
			}
		}
	}
	return object{kind: kString, raw: append(b, ')')}
}

// asciiString encodes printable ASCII s as a literal string.
func asciiString(s string) object {
	b := []byte{'('}
	for _, c := range []byte(s) {
		if c == '(' || c == ')' || c == '\\' {
			b = append(b, '\\')
		}
		b = append(b, c)
	}
	return object{kind: kString, raw: append(b, ')')}
}
