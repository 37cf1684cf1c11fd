package bagit

import (
	"bytes"
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bags come from elsewhere: every parser here takes bytes from outside, and
// reports what it cannot read as problems rather than failing.

// maxTagFile bounds what is read of one tag file (a manifest of a million
// files is about 150 MB; a bag larger than that is not handed over here).
const maxTagFile = 256 << 20

// lines splits a tag file at LF, CR or CRLF (RFC 8493 §2.1: any of them),
// dropping a UTF-8 byte order mark, and numbers the lines from 1.
func lines(data []byte) []string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var out []string
	for len(data) > 0 {
		i := bytes.IndexAny(data, "\r\n")
		if i < 0 {
			out = append(out, string(data))
			break
		}
		out = append(out, string(data[:i]))
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			i++
		}
		data = data[i+1:]
	}
	return out
}

// parseTags reads a tag file of "Label: Value" elements (bagit.txt,
// bag-info.txt). A line that starts with a space or tab continues the value
// before it (RFC 8493 §2.2.2); the pieces are joined with one space.
func parseTags(name string, data []byte) ([]Field, []Problem) {
	var fields []Field
	var problems []Problem
	if !utf8.Valid(data) {
		problems = append(problems, problem(BadLine, name, "the file is not valid UTF-8"))
	}
	for i, line := range lines(data) {
		switch {
		case strings.TrimSpace(line) == "":
			continue
		case line[0] == ' ' || line[0] == '\t':
			if len(fields) == 0 {
				problems = append(problems, lineProblem(BadLine, name, i+1, "a continuation line before any element"))
				continue
			}
			f := &fields[len(fields)-1]
			f.Value = strings.TrimSpace(f.Value + " " + strings.TrimSpace(line))
			continue
		}
		label, value, ok := strings.Cut(line, ":")
		label = strings.TrimSpace(label)
		if !ok || label == "" {
			problems = append(problems, lineProblem(BadLine, name, i+1, "not a Label: Value line"))
			continue
		}
		fields = append(fields, Field{Label: label, Value: strings.TrimSpace(value)})
	}
	return fields, problems
}

// values returns every value of label, which compares without case.
func values(fields []Field, label string) []string {
	var vs []string
	for _, f := range fields {
		if strings.EqualFold(f.Label, label) {
			vs = append(vs, f.Value)
		}
	}
	return vs
}

// entry is one line of a manifest: a checksum and the path it is of.
type entry struct {
	sum  string // lower-case hex
	path string // decoded, cleaned, relative to the bag
	line int
}

// parseManifest reads a manifest or tag manifest: "CHECKSUM FILEPATH" lines
// separated by one or more spaces or tabs, the path percent-decoded. size is
// the checksum's length in hex digits, or 0 for an algorithm not known here.
func parseManifest(name string, data []byte, size int) ([]entry, []Problem) {
	var entries []entry
	var problems []Problem
	seen := map[string]int{}
	for i, line := range lines(data) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		n := i + 1
		sum, rest, ok := cutField(line)
		if !ok {
			problems = append(problems, lineProblem(BadLine, name, n, "not a CHECKSUM FILEPATH line"))
			continue
		}
		if !isHex(sum) || (size > 0 && len(sum) != size) {
			problems = append(problems, lineProblem(BadLine, name, n, fmt.Sprintf("%q is not a checksum of this algorithm", short(sum))))
			continue
		}
		p, why := cleanPath(decodePath(rest))
		if why != "" {
			pr := lineProblem(BadPath, name, n, why)
			pr.Path = short(rest)
			problems = append(problems, pr)
			continue
		}
		sum = strings.ToLower(sum)
		if first, dup := seen[p]; dup {
			// the same line twice is untidy; two different checksums for
			// one file cannot both be right
			pr := lineProblem(Duplicate, name, n, fmt.Sprintf("also listed on line %d", entries[first].line))
			pr.Path = p
			if entries[first].sum == sum {
				pr.Severity = Warning
			}
			problems = append(problems, pr)
			continue
		}
		seen[p] = len(entries)
		entries = append(entries, entry{sum: sum, path: p, line: n})
	}
	return entries, problems
}

// cleanPath checks a path read from a bag: relative, inside the bag, valid
// UTF-8. It returns the path cleaned ("data/./a" is "data/a") or why not.
func cleanPath(p string) (string, string) {
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	switch {
	case !utf8.ValidString(p):
		return "", "the path is not valid UTF-8"
	case strings.ContainsRune(p, 0):
		return "", "the path contains a NUL character"
	case strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) || drive(p):
		return "", "the path is absolute"
	}
	c := path.Clean(p)
	if c == "." || c == ".." || strings.HasPrefix(c, "../") || strings.HasPrefix(c, "/") {
		return "", "the path points outside the bag"
	}
	return c, ""
}

// drive reports a Windows path such as C:\x or C:/x.
func drive(p string) bool {
	return len(p) >= 3 && p[1] == ':' && (p[2] == '/' || p[2] == '\\') && ('a' <= p[0]|0x20 && p[0]|0x20 <= 'z')
}

// cutField splits s at its first run of spaces and tabs; ok is false when
// there is no such run or nothing follows it.
func cutField(s string) (field, rest string, ok bool) {
	i := strings.IndexAny(s, " \t")
	if i < 0 {
		return s, "", false
	}
	rest = strings.TrimLeft(s[i:], " \t")
	return s[:i], rest, rest != ""
}

func isHex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// parseOxum reads a Payload-Oxum: OctetCount.StreamCount.
func parseOxum(s string) (octets, streams int64, ok bool) {
	a, b, found := strings.Cut(strings.TrimSpace(s), ".")
	if !found || !digits(a) || !digits(b) {
		return 0, 0, false
	}
	octets, err1 := strconv.ParseInt(a, 10, 64)
	streams, err2 := strconv.ParseInt(b, 10, 64)
	return octets, streams, err1 == nil && err2 == nil
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// fetchEntry is a line of fetch.txt: URL LENGTH FILEPATH.
type fetchEntry struct {
	url, path string
}

func parseFetch(name string, data []byte) ([]fetchEntry, []Problem) {
	var out []fetchEntry
	var problems []Problem
	for i, line := range lines(data) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		url, rest, ok1 := cutField(line)
		length, rest, ok2 := cutField(rest)
		if !ok1 || !ok2 || (length != "-" && !digits(length)) {
			problems = append(problems, lineProblem(BadLine, name, i+1, "not a URL LENGTH FILEPATH line"))
			continue
		}
		p, why := cleanPath(decodePath(rest))
		if why != "" {
			problems = append(problems, lineProblem(BadPath, name, i+1, why))
			continue
		}
		out = append(out, fetchEntry{url: url, path: p})
	}
	return out, problems
}

// short cuts what is quoted from outside input to a readable length.
func short(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}
