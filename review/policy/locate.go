package policy

import (
	"slices"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// lines maps the path of every key, table and array element of a TOML
// document to its line, so that a value refused after decoding can still be
// placed. Paths are dotted keys with zero-based indexes for array tables and
// array elements: "grade.1.steps.0".
type lines map[string]int

// locator finds lines by offset with a binary search over the line starts;
// the parser's own Shape counts from the start of the file every time.
type locator struct {
	newlines []int // offsets of '\n'
}

func (l *locator) line(n *unstable.Node) int {
	if n.Raw.Length == 0 {
		return 0
	}
	i, _ := slices.BinarySearch(l.newlines, int(n.Raw.Offset))
	return i + 1
}

// locate reads the document's structure; a document that does not parse
// gives the lines found before the error, which Parse never relies on since
// it refuses such a document first.
func locate(data []byte) lines {
	l := lines{}
	var p unstable.Parser
	p.Reset(data)
	loc := &locator{}
	for i, b := range data {
		if b == '\n' {
			loc.newlines = append(loc.newlines, i)
		}
	}
	tables := map[string]int{} // array-table path → elements seen
	var prefix []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			prefix = l.header(loc, e, tables)
		case unstable.KeyValue:
			l.keyValue(loc, e, prefix)
		}
	}
	return l
}

// header returns the path a [table] or [[array table]] header opens, with
// the index of the current element of every array table on the way.
func (l lines) header(p *locator, e *unstable.Node, tables map[string]int) []string {
	var path []string
	it := e.Key()
	line := 0
	for it.Next() {
		k := it.Node()
		if line == 0 {
			line = p.line(k)
		}
		path = append(path, string(k.Data))
		if n := tables[strings.Join(path, ".")]; n > 0 && (!it.IsLast() || e.Kind == unstable.Table) {
			path = append(path, strconv.Itoa(n-1))
		}
	}
	if e.Kind == unstable.ArrayTable {
		key := strings.Join(path, ".")
		path = append(path, strconv.Itoa(tables[key]))
		tables[key]++
	}
	l.set(path, line)
	return path
}

// keyValue records a key = value line and, inside the value, every array
// element and inline-table key.
func (l lines) keyValue(p *locator, e *unstable.Node, prefix []string) {
	path := append([]string(nil), prefix...)
	it := e.Key()
	line := 0
	for it.Next() {
		if line == 0 {
			line = p.line(it.Node())
		}
		path = append(path, string(it.Node().Data))
	}
	l.set(path, line)
	l.value(p, e.Value(), path, line)
}

func (l lines) value(p *locator, v *unstable.Node, path []string, line int) {
	switch v.Kind {
	case unstable.Array:
		it := v.Children()
		for i := 0; it.Next(); {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			at := append(path[:len(path):len(path)], strconv.Itoa(i))
			cl := p.line(c)
			if cl == 0 {
				cl = line
			}
			l.set(at, cl)
			l.value(p, c, at, cl)
			i++
		}
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				l.keyValue(p, c, path)
			}
		}
	}
}

func (l lines) set(path []string, line int) {
	if line > 0 {
		l[strings.Join(path, ".")] = line
	}
}

// at returns the line of path or, when path itself is not in the file
// (a missing key), of the nearest enclosing table that is.
func (l lines) at(path string) int {
	for {
		if n, ok := l[path]; ok {
			return n
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return 0
		}
		path = path[:i]
	}
}
