package policy

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ArchiveCode is a validated 档号 pattern such as
// "{fonds}-WS·{year}-{retention}-{seq:04}". Its placeholders are {fonds}
// (全宗号), {year} (four digits), {retention} (Y, D30 or D10) and {seq} or
// {seq:0N} (the record's number in its year, zero-padded to N digits).
type ArchiveCode struct {
	pattern string
	parts   []codePart
}

type codePart struct {
	literal string // when field is ""
	field   string // fonds, year, retention or seq
	width   int    // of seq
}

// Limits of a pattern.
const maxCodeRunes = 64

// forbiddenInCode are characters a 档号 must not hold: it names files on
// export and is printed on records.
const forbiddenInCode = `/\:*?"<>|{}`

// ParseArchiveCode validates pattern. {year} and {seq} are required so that
// every record of a workspace gets its own code; each placeholder may appear
// once. The error is an *Error without a line.
func ParseArchiveCode(pattern string) (ArchiveCode, error) {
	c := ArchiveCode{pattern: pattern}
	if n := utf8.RuneCountInString(pattern); n == 0 || n > maxCodeRunes {
		return c, &Error{Reason: ReasonCodeLength, Limit: strconv.Itoa(maxCodeRunes)}
	}
	seen := map[string]bool{}
	for rest := pattern; rest != ""; {
		open := strings.IndexAny(rest, "{}")
		if open < 0 {
			open = len(rest)
		}
		if open > 0 {
			if err := checkLiteral(rest[:open]); err != nil {
				return c, err
			}
			c.parts = append(c.parts, codePart{literal: rest[:open]})
		}
		if open == len(rest) {
			break
		}
		end := strings.IndexAny(rest[open+1:], "{}")
		if rest[open] == '}' || end < 0 || rest[open+1+end] == '{' {
			return c, &Error{Reason: ReasonCodeBrace}
		}
		part, err := placeholder(rest[open+1 : open+1+end])
		if err != nil {
			return c, err
		}
		if seen[part.field] {
			return c, &Error{Reason: ReasonCodeTwice, Value: "{" + part.field + "}"}
		}
		seen[part.field] = true
		c.parts = append(c.parts, part)
		rest = rest[open+2+end:]
	}
	for _, f := range []string{"year", "seq"} {
		if !seen[f] {
			return c, &Error{Reason: ReasonCodeNeeds, Value: "{" + f + "}"}
		}
	}
	return c, nil
}

var seqWidth = regexp.MustCompile(`^seq:0([1-9])$`)

func placeholder(name string) (codePart, error) {
	switch name {
	case "fonds", "year", "retention", "seq":
		return codePart{field: name}, nil
	}
	if m := seqWidth.FindStringSubmatch(name); m != nil {
		return codePart{field: "seq", width: int(m[1][0] - '0')}, nil
	}
	return codePart{}, &Error{Reason: ReasonCodeField, Value: "{" + name + "}"}
}

func checkLiteral(s string) error {
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) || strings.ContainsRune(forbiddenInCode, r) ||
			r == utf8.RuneError {
			return &Error{Reason: ReasonCodeChar, Value: string(r)}
		}
	}
	return nil
}

// String returns the pattern as written.
func (c ArchiveCode) String() string { return c.pattern }

// ErrCodeValue reports a value that cannot go into a 档号.
var ErrCodeValue = errors.New("value cannot be used in an archive code")

// Code formats the 档号 of a record: the seq-th record of year, kept for
// retention, in the fonds. A seq wider than the pattern's padding is
// written in full, so that codes stay unique.
func (c ArchiveCode) Code(fonds string, year int, retention Retention, seq int) (string, error) {
	switch {
	case len(c.parts) == 0:
		return "", fmt.Errorf("archive code: no pattern: %w", ErrCodeValue)
	case !fondsPattern.MatchString(fonds):
		return "", fmt.Errorf("archive code: fonds %q: %w", fonds, ErrCodeValue)
	case year < 1000 || year > 9999:
		return "", fmt.Errorf("archive code: year %d: %w", year, ErrCodeValue)
	case !retention.Valid():
		return "", fmt.Errorf("archive code: retention %q: %w", retention, ErrCodeValue)
	case seq < 1:
		return "", fmt.Errorf("archive code: sequence number %d: %w", seq, ErrCodeValue)
	}
	var b strings.Builder
	for _, p := range c.parts {
		switch p.field {
		case "":
			b.WriteString(p.literal)
		case "fonds":
			b.WriteString(fonds)
		case "year":
			b.WriteString(strconv.Itoa(year))
		case "retention":
			b.WriteString(string(retention))
		case "seq":
			fmt.Fprintf(&b, "%0*d", p.width, seq)
		}
	}
	return b.String(), nil
}

var fondsPattern = regexp.MustCompile(`^[A-Za-z0-9]{1,16}$`)
