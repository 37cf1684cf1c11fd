package check

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// The PDF objects the reader knows (ISO 32000-1 §7.3). Numbers are int64
// or float64, strings []byte, booleans bool, null nil.
type (
	pdfName  string
	pdfDict  map[pdfName]any
	pdfArray []any
	pdfRef   struct{ num, gen int }
	// pdfStream is a stream object: its dictionary and its raw (still
	// encoded) bytes.
	pdfStream struct {
		dict pdfDict
		raw  []byte
	}
)

// maxDepth bounds the nesting of arrays and dictionaries, so that a hostile
// file cannot exhaust the stack.
const maxDepth = 64

var errSyntax = errors.New("PDF syntax error")

// lexer reads PDF tokens and objects from b starting at i.
type lexer struct {
	b     []byte
	i     int
	depth int
}

func isWhite(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skip passes white space and comments.
func (l *lexer) skip() {
	for l.i < len(l.b) {
		c := l.b[l.i]
		switch {
		case isWhite(c):
			l.i++
		case c == '%':
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
		default:
			return
		}
	}
}

// keyword reads a run of regular characters (a number, true, obj, R …).
func (l *lexer) keyword() string {
	l.skip()
	start := l.i
	for l.i < len(l.b) && !isWhite(l.b[l.i]) && !isDelim(l.b[l.i]) {
		l.i++
	}
	return string(l.b[start:l.i])
}

func (l *lexer) fail(what string) error {
	return fmt.Errorf("%w at byte %d: %s", errSyntax, l.i, what)
}

// value reads one object; an integer followed by "gen R" is a reference.
func (l *lexer) value() (any, error) {
	l.skip()
	if l.i >= len(l.b) {
		return nil, l.fail("unexpected end of file")
	}
	switch c := l.b[l.i]; {
	case c == '/':
		l.i++
		return l.name(), nil
	case c == '(':
		return l.literal()
	case c == '<' && l.i+1 < len(l.b) && l.b[l.i+1] == '<':
		return l.dict()
	case c == '<':
		return l.hex()
	case c == '[':
		return l.array()
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return l.number()
	}
	switch k := l.keyword(); k {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	default:
		return nil, l.fail(fmt.Sprintf("unexpected %q", k))
	}
}

// name reads a name after its slash, decoding #xx escapes.
func (l *lexer) name() pdfName {
	var b []byte
	for l.i < len(l.b) && !isWhite(l.b[l.i]) && !isDelim(l.b[l.i]) {
		c := l.b[l.i]
		if c == '#' && l.i+2 < len(l.b) {
			if v, err := strconv.ParseUint(string(l.b[l.i+1:l.i+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				l.i += 3
				continue
			}
		}
		b = append(b, c)
		l.i++
	}
	return pdfName(b)
}

func (l *lexer) literal() ([]byte, error) {
	l.i++ // (
	var out []byte
	depth := 1
	for l.i < len(l.b) {
		c := l.b[l.i]
		l.i++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return out, nil
			}
		case '\\':
			if l.i >= len(l.b) {
				return nil, l.fail("unterminated string")
			}
			out = l.escape(out)
			continue
		}
		out = append(out, c)
	}
	return nil, l.fail("unterminated string")
}

// escape decodes the escape after a backslash in a literal string.
func (l *lexer) escape(out []byte) []byte {
	c := l.b[l.i]
	l.i++
	switch c {
	case 'n':
		return append(out, '\n')
	case 'r':
		return append(out, '\r')
	case 't':
		return append(out, '\t')
	case 'b':
		return append(out, '\b')
	case 'f':
		return append(out, '\f')
	case '\r':
		if l.i < len(l.b) && l.b[l.i] == '\n' {
			l.i++
		}
		return out
	case '\n':
		return out
	}
	if c >= '0' && c <= '7' {
		v := int(c - '0')
		for n := 1; n < 3 && l.i < len(l.b) && l.b[l.i] >= '0' && l.b[l.i] <= '7'; n++ {
			v = v*8 + int(l.b[l.i]-'0')
			l.i++
		}
		return append(out, byte(v))
	}
	return append(out, c)
}

func (l *lexer) hex() ([]byte, error) {
	l.i++ // <
	var digits []byte
	for l.i < len(l.b) && l.b[l.i] != '>' {
		c := l.b[l.i]
		l.i++
		if isWhite(c) {
			continue
		}
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return nil, l.fail("bad hex string")
		}
		digits = append(digits, c)
	}
	if l.i >= len(l.b) {
		return nil, l.fail("unterminated hex string")
	}
	l.i++ // >
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, len(digits)/2)
	for i := range out {
		v, _ := strconv.ParseUint(string(digits[2*i:2*i+2]), 16, 8)
		out[i] = byte(v)
	}
	return out, nil
}

func (l *lexer) enter() error {
	if l.depth++; l.depth > maxDepth {
		return l.fail("nested too deeply")
	}
	return nil
}

func (l *lexer) array() (pdfArray, error) {
	l.i++ // [
	if err := l.enter(); err != nil {
		return nil, err
	}
	defer func() { l.depth-- }()
	var a pdfArray
	for {
		l.skip()
		if l.i >= len(l.b) {
			return nil, l.fail("unterminated array")
		}
		if l.b[l.i] == ']' {
			l.i++
			return a, nil
		}
		v, err := l.value()
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
}

func (l *lexer) dict() (pdfDict, error) {
	l.i += 2 // <<
	if err := l.enter(); err != nil {
		return nil, err
	}
	defer func() { l.depth-- }()
	d := pdfDict{}
	for {
		l.skip()
		if l.i+1 < len(l.b) && l.b[l.i] == '>' && l.b[l.i+1] == '>' {
			l.i += 2
			return d, nil
		}
		if l.i >= len(l.b) || l.b[l.i] != '/' {
			return nil, l.fail("dictionary key is not a name")
		}
		l.i++
		k := l.name()
		v, err := l.value()
		if err != nil {
			return nil, err
		}
		d[k] = v
	}
}

// number reads a number, or a reference "num gen R".
func (l *lexer) number() (any, error) {
	tok := l.keyword()
	n, err := strconv.ParseInt(tok, 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(tok, 64)
		if ferr != nil {
			return nil, l.fail(fmt.Sprintf("bad number %q", tok))
		}
		return f, nil
	}
	save := l.i
	if gen, ok := l.intToken(); ok && n >= 0 && n < 1<<31 && gen >= 0 && gen < 1<<16 {
		if l.keyword() == "R" {
			return pdfRef{int(n), int(gen)}, nil
		}
	}
	l.i = save
	return n, nil
}

// intToken reads a non-negative integer token, if one comes next.
func (l *lexer) intToken() (int64, bool) {
	l.skip()
	start := l.i
	for l.i < len(l.b) && l.b[l.i] >= '0' && l.b[l.i] <= '9' {
		l.i++
	}
	if l.i == start || (l.i < len(l.b) && !isWhite(l.b[l.i]) && !isDelim(l.b[l.i])) {
		l.i = start
		return 0, false
	}
	n, err := strconv.ParseInt(string(l.b[start:l.i]), 10, 64)
	return n, err == nil
}

// objectHeader reads "num gen obj" and returns num and gen.
func (l *lexer) objectHeader() (int, int, error) {
	num, ok1 := l.intToken()
	gen, ok2 := l.intToken()
	if !ok1 || !ok2 || num >= 1<<31 || gen >= 1<<16 || l.keyword() != "obj" {
		return 0, 0, l.fail("expected an object header")
	}
	return int(num), int(gen), nil
}

// hasPrefixAt reports whether b holds s at i.
func hasPrefixAt(b []byte, i int, s string) bool {
	return i >= 0 && i <= len(b) && bytes.HasPrefix(b[i:], []byte(s))
}
