package pades

import (
	"bytes"
	"strconv"
)

// maxDepth bounds the nesting of arrays and dictionaries, so that hostile
// input cannot exhaust the stack.
const maxDepth = 64

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' || c == '%'
}

// parser reads PDF objects from src.
type parser struct {
	src []byte
	pos int
}

// skip passes white space and comments.
func (p *parser) skip() {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case isSpace(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' && p.src[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// word returns the regular characters at pos without consuming them.
func (p *parser) word() []byte {
	end := p.pos
	for end < len(p.src) && !isSpace(p.src[end]) && !isDelim(p.src[end]) {
		end++
	}
	return p.src[p.pos:end]
}

// keyword consumes kw if it stands at pos (after white space).
func (p *parser) keyword(kw string) bool {
	p.skip()
	if string(p.word()) == kw {
		p.pos += len(kw)
		return true
	}
	return false
}

// value parses one object; references "n g R" are recognised here.
func (p *parser) value(depth int) (object, error) {
	if depth > maxDepth {
		return object{}, malformed("objects nested too deep at %d", p.pos)
	}
	p.skip()
	if p.pos >= len(p.src) {
		return object{}, malformed("unexpected end of data")
	}
	start := p.pos
	var o object
	var err error
	switch c := p.src[p.pos]; {
	case c == '/':
		p.pos++
		w := p.word()
		p.pos += len(w)
		o = object{kind: kName, raw: p.src[start:p.pos]}
	case c == '(':
		o, err = p.literal()
	case c == '<' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '<':
		o, err = p.dict(depth)
	case c == '<':
		o, err = p.hex()
	case c == '[':
		o, err = p.array(depth)
	default:
		o, err = p.scalar()
	}
	if err != nil {
		return object{}, err
	}
	o.pos, o.end = start, p.pos
	return o, nil
}

func (p *parser) scalar() (object, error) {
	w := p.word()
	if len(w) == 0 {
		return object{}, malformed("unexpected %q at %d", p.src[p.pos], p.pos)
	}
	p.pos += len(w)
	switch string(w) {
	case "null":
		return object{kind: kNull, raw: w}, nil
	case "true", "false":
		return object{kind: kBool, raw: w}, nil
	}
	if !isNumber(w) {
		return object{}, malformed("unexpected %q at %d", w, p.pos-len(w))
	}
	o := object{kind: kNumber, raw: w}
	n, err := strconv.ParseInt(string(w), 10, 64)
	if err != nil {
		return o, nil // a real number
	}
	o.num = n
	// "n g R" is a reference: look ahead without committing.
	save := p.pos
	p.skip()
	g := p.word()
	if len(g) > 0 && isDigits(g) && n >= 0 {
		p.pos += len(g)
		p.skip()
		if string(p.word()) == "R" {
			p.pos++
			gen, _ := strconv.ParseInt(string(g), 10, 32)
			return object{kind: kRef, num: n, gen: gen}, nil
		}
	}
	p.pos = save
	return o, nil
}

func isDigits(w []byte) bool {
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(w) > 0
}

func isNumber(w []byte) bool {
	if len(w) > 0 && (w[0] == '+' || w[0] == '-') {
		w = w[1:]
	}
	digits, dots := 0, 0
	for _, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

func (p *parser) literal() (object, error) {
	start := p.pos
	depth := 0
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case '\\':
			p.pos++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				p.pos++
				return object{kind: kString, raw: p.src[start:p.pos]}, nil
			}
		}
		p.pos++
	}
	return object{}, malformed("unterminated string at %d", start)
}

func (p *parser) hex() (object, error) {
	start := p.pos
	end := bytes.IndexByte(p.src[p.pos:], '>')
	if end < 0 {
		return object{}, malformed("unterminated hex string at %d", start)
	}
	for _, c := range p.src[p.pos+1 : p.pos+end] {
		if _, ok := hexValue(c); !ok && !isSpace(c) {
			return object{}, malformed("bad hex string at %d", start)
		}
	}
	p.pos += end + 1
	return object{kind: kString, raw: p.src[start:p.pos]}, nil
}

func (p *parser) array(depth int) (object, error) {
	p.pos++
	o := object{kind: kArray}
	for {
		p.skip()
		if p.pos >= len(p.src) {
			return object{}, malformed("unterminated array")
		}
		if p.src[p.pos] == ']' {
			p.pos++
			return o, nil
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return object{}, err
		}
		o.items = append(o.items, v)
	}
}

func (p *parser) dict(depth int) (object, error) {
	p.pos += 2
	o := object{kind: kDict}
	for {
		p.skip()
		if p.pos+1 < len(p.src) && p.src[p.pos] == '>' && p.src[p.pos+1] == '>' {
			p.pos += 2
			return o, nil
		}
		if p.pos >= len(p.src) || p.src[p.pos] != '/' {
			return object{}, malformed("dictionary key expected at %d", p.pos)
		}
		k, err := p.value(depth + 1)
		if err != nil {
			return object{}, err
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return object{}, err
		}
		o.keys = append(o.keys, decodeName(k.raw))
		o.items = append(o.items, v)
	}
}

// indirect parses "num gen obj value" at pos and, when the value is a
// stream dictionary, the position where its data starts (else -1).
func (p *parser) indirect(num int64) (object, int, error) {
	p.skip()
	n := p.word()
	if want := strconv.FormatInt(num, 10); num >= 0 && string(n) != want {
		return object{}, 0, malformed("object %d expected at %d", num, p.pos)
	}
	p.pos += len(n)
	p.skip()
	g := p.word()
	if !isDigits(n) || !isDigits(g) {
		return object{}, 0, malformed("object header expected at %d", p.pos)
	}
	p.pos += len(g)
	if !p.keyword("obj") {
		return object{}, 0, malformed("obj expected at %d", p.pos)
	}
	v, err := p.value(0)
	if err != nil {
		return object{}, 0, err
	}
	if v.kind != kDict || !p.keyword("stream") {
		return v, -1, nil
	}
	// The data starts after CRLF or LF.
	if p.pos < len(p.src) && p.src[p.pos] == '\r' {
		p.pos++
	}
	if p.pos < len(p.src) && p.src[p.pos] == '\n' {
		p.pos++
	}
	return v, p.pos, nil
}
