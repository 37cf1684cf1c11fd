package policy

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/emmansun/gmsm/sm3"
	"github.com/pelletier/go-toml/v2"
)

// MaxFileSize bounds a policy file; real ones are a few kilobytes.
const MaxFileSize = 256 << 10

// file is format 1 of the policy file. Pointers tell a missing key from a
// zero value; version may also be a bare TOML date (version = 2026-12-01).
type file struct {
	Format           *int64              `toml:"format"`
	Name             *string             `toml:"name"`
	Version          any                 `toml:"version"`
	Fonds            *string             `toml:"fonds"`
	ArchiveCode      *string             `toml:"archive_code"`
	BackupMaxAgeDays *int64              `toml:"backup_max_age_days"`
	Grades           []gradeFile         `toml:"grade"`
	Waive            map[string][]string `toml:"waive"`
	Phrases          *phrasesFile        `toml:"phrases"`
	Steps            map[string]stepFile `toml:"steps"`
	Cadence          *cadenceFile        `toml:"cadence"`
	Stats            *statsFile          `toml:"stats"`
}

type gradeFile struct {
	ID        *string  `toml:"id"`
	Label     *string  `toml:"label"`
	Retention *string  `toml:"retention"`
	Steps     []string `toml:"steps"`
}

type phrasesFile struct {
	Approve []string `toml:"approve"`
	Return  []string `toml:"return"`
}

type stepFile struct {
	DueHours *int64 `toml:"due_hours"`
}

// Parse reads and validates a policy file (GUIDE §3.5). A refused file gives
// an *Error that names the line and what is wrong with it.
func Parse(source []byte) (*Policy, error) {
	if len(source) > MaxFileSize {
		return nil, &Error{Reason: ReasonTooLarge, Limit: strconv.Itoa(MaxFileSize >> 10)}
	}
	data := bytes.TrimPrefix(source, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, &Error{Reason: ReasonNotUTF8}
	}
	if err := checkFormat(data); err != nil {
		return nil, err
	}
	var f file
	if err := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields().Decode(&f); err != nil {
		return nil, decodeError(data, err)
	}
	p, err := (&validator{lines: locate(data)}).policy(&f)
	if err != nil {
		return nil, err
	}
	sum := sm3.Sum(source)
	p.SM3 = hex.EncodeToString(sum[:])
	return p, nil
}

// checkFormat reads only the format key, leniently, so that a file written
// for a newer Shenfa is refused as such and not for its first new key.
func checkFormat(data []byte) error {
	var head struct {
		Format any `toml:"format"`
	}
	if err := toml.Unmarshal(data, &head); err != nil {
		return decodeError(data, err)
	}
	if head.Format == nil {
		return nil
	}
	n, ok := head.Format.(int64)
	line := locate(data).at("format")
	switch {
	case !ok:
		return &Error{Line: line, Key: "format", Reason: ReasonWantInteger}
	case n > Format:
		return &Error{Line: line, Key: "format", Reason: ReasonNewerFormat,
			Value: strconv.FormatInt(n, 10), Limit: strconv.Itoa(Format)}
	case n < 1:
		return &Error{Line: line, Key: "format", Reason: ReasonBadFormat, Value: strconv.FormatInt(n, 10)}
	}
	return nil
}

// decodeError turns the TOML decoder's error into an *Error at its line.
func decodeError(data []byte, err error) error {
	var sm *toml.StrictMissingError // checked first: it also holds DecodeErrors
	if errors.As(err, &sm) && len(sm.Errors) > 0 {
		de := sm.Errors[0]
		row, _ := de.Position()
		key := strings.Join(stripIndexes(de.Key()), ".")
		return &Error{Line: row, Key: key, Reason: ReasonUnknownKey}
	}
	var de *toml.DecodeError
	if !errors.As(err, &de) {
		return &Error{Reason: ReasonSyntax, Detail: err.Error()}
	}
	row, col := de.Position()
	key := strings.Join(stripIndexes(de.Key()), ".")
	msg := strings.TrimPrefix(de.Error(), "toml: ")
	switch {
	case strings.Contains(msg, "already defined"):
		return &Error{Line: row, Key: key, Reason: ReasonDuplicateKey}
	case strings.HasPrefix(msg, "cannot decode") && key != "":
		return &Error{Line: row, Key: key, Reason: wantFor(key), Detail: msg}
	case strings.Contains(msg, "too large") && key != "":
		return &Error{Line: row, Key: key, Reason: ReasonRange, Detail: msg}
	case strings.Contains(msg, "U+003B") || byteAt(data, row, col) == ';':
		return &Error{Line: row, Reason: ReasonSemicolon, Detail: msg}
	}
	return &Error{Line: row, Key: key, Reason: ReasonSyntax, Detail: msg}
}

// wantFor names the kind of value key takes, for a value of the wrong kind.
func wantFor(key string) Reason {
	last := key[strings.LastIndexByte(key, '.')+1:]
	switch {
	case key == "grade" || key == "waive" || key == "phrases" || key == "steps" || key == "cadence" ||
		key == "cadence.channels" || key == "stats" || strings.HasPrefix(key, "steps.") && strings.Count(key, ".") == 1:
		return ReasonWantTable
	case last == "format" || last == "backup_max_age_days" || last == "due_hours" || last == "max_days" ||
		last == "warn_days" || strings.HasPrefix(key, "cadence.channels."):
		return ReasonWantInteger
	case last == "steps" || last == "approve" || last == "return" || last == "see_everyone" || strings.HasPrefix(key, "waive."):
		return ReasonWantList
	}
	return ReasonWantText
}

// stripIndexes drops array indexes from a decoder key path, which go-toml
// does not include anyway; it keeps the key readable either way.
func stripIndexes(key []string) []string {
	out := key[:0:0]
	for _, k := range key {
		if _, err := strconv.Atoi(k); err != nil {
			out = append(out, k)
		}
	}
	return out
}

// byteAt returns the byte at a 1-based row and column, or 0.
func byteAt(data []byte, row, col int) byte {
	for i := 1; i < row; i++ {
		n := bytes.IndexByte(data, '\n')
		if n < 0 {
			return 0
		}
		data = data[n+1:]
	}
	if col < 1 || col > len(data) {
		return 0
	}
	return data[col-1]
}
