package lexicon

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"

	"shenfa/sensitive/finding"
)

// ErrTooLarge reports a lexicon file over MaxFileSize or MaxEntries.
var ErrTooLarge = fmt.Errorf("a lexicon file may hold at most %d MB and %d entries", MaxFileSize>>20, MaxEntries)

// ErrUnknownField reports a misspelt key in a TOML lexicon, which would otherwise be ignored.
var ErrUnknownField = errors.New("unknown field")

// ErrNotUTF8 reports a lexicon file that is not UTF-8 text.
var ErrNotUTF8 = errors.New("a lexicon file must be UTF-8 text")

// Parse reads a lexicon file: TOML when the name ends in .toml, otherwise a
// plain list whose entries get the given category (GUIDE §3.3).
func Parse(name string, data []byte, category finding.Category) (*Lexicon, error) {
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("lexicon %s: %w", name, ErrTooLarge)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, fmt.Errorf("lexicon %s: %w", name, ErrNotUTF8)
	}
	var l *Lexicon
	var err error
	if strings.EqualFold(filepath.Ext(name), ".toml") {
		l, err = parseTOML(data)
	} else {
		l, err = parsePlain(name, data, category)
	}
	if err == nil && len(l.Entries) > MaxEntries {
		err = ErrTooLarge
	}
	if err == nil {
		err = l.normalize()
	}
	if err != nil {
		return nil, fmt.Errorf("lexicon %s: %w", name, err)
	}
	return l, nil
}

func parseTOML(data []byte) (*Lexicon, error) {
	var l Lexicon
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		var sm *toml.StrictMissingError // checked first: it also holds DecodeErrors
		if errors.As(err, &sm) && len(sm.Errors) > 0 {
			row, _ := sm.Errors[0].Position()
			return nil, &LineError{Line: row, Err: fmt.Errorf("%w: %s", ErrUnknownField, strings.Join(sm.Errors[0].Key(), "."))}
		}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			return nil, &LineError{Line: row, Err: errors.New(de.Error())}
		}
		return nil, err
	}
	if l.Version == "" {
		l.Version = contentVersion(data)
	}
	return &l, nil
}

// parsePlain reads "word" or "word<TAB>suggestion" lines; # starts a comment.
func parsePlain(name string, data []byte, category finding.Category) (*Lexicon, error) {
	if category == "" {
		category = finding.Sensitive
	}
	l := &Lexicon{
		Name:     strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)),
		Version:  contentVersion(data),
		Category: category,
	}
	for n, line := range strings.Split(string(data), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		word, suggestion, _ := strings.Cut(strings.TrimRight(line, "\r"), "\t")
		if strings.TrimSpace(word) == "" {
			continue
		}
		e := Entry{Word: strings.TrimSpace(word), Suggestion: strings.TrimSpace(suggestion)}
		if err := checkWord(e.Word); err != nil {
			return nil, &LineError{Line: n + 1, Word: e.Word, Err: err}
		}
		l.Entries = append(l.Entries, e)
	}
	return l, nil
}

// TOML writes l in the TOML format of GUIDE §3.3.
func (l *Lexicon) TOML() ([]byte, error) {
	var b bytes.Buffer
	enc := toml.NewEncoder(&b).SetIndentTables(false)
	if err := enc.Encode(l); err != nil {
		return nil, fmt.Errorf("lexicon %s: %w", l.Name, err)
	}
	return b.Bytes(), nil
}
