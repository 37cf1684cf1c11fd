// Package lexicon reads, writes and validates word lists (GUIDE §3.3): TOML
// files with entries and allow phrases, and plain text lists, one word a line.
package lexicon

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/match"
)

// Kind says how a lexicon's words are used.
type Kind string

// The kinds of lexicon.
const (
	// Words are looked for in the text; a hit is a finding.
	Words Kind = "words"
	// Protected names are correct forms; a near-miss of one is a finding.
	Protected Kind = "protected"
)

// Entry is one word of a lexicon.
type Entry struct {
	Word       string           `toml:"word"`
	Category   finding.Category `toml:"category,omitempty"`
	Severity   finding.Severity `toml:"severity,omitempty"`
	Suggestion string           `toml:"suggestion,omitempty"`
	Note       string           `toml:"note,omitempty"`
}

// Allow is a phrase that contains a hit and makes it harmless (路口交通 for 口交).
type Allow struct {
	Word string `toml:"word"`
	Note string `toml:"note,omitempty"`
}

// Lexicon is a named, versioned list of entries and allow phrases.
type Lexicon struct {
	Name     string           `toml:"name"`
	Version  string           `toml:"version"`
	Kind     Kind             `toml:"kind,omitempty"`
	Category finding.Category `toml:"category,omitempty"` // default category of entries
	Entries  []Entry          `toml:"entry"`
	Allow    []Allow          `toml:"allow,omitempty"`
}

// Version names a lexicon and its version, as reported with a check.
type Version struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Entries int    `json:"entries"`
}

// Info returns l's name, version and size.
func (l *Lexicon) Info() Version {
	return Version{Name: l.Name, Version: l.Version, Entries: len(l.Entries)}
}

// Limits on what a lexicon file may hold.
const (
	MaxFileSize = 16 << 20
	MaxEntries  = 500_000
)

// ErrEmpty reports a lexicon without a single entry or allow phrase.
var ErrEmpty = errors.New("the lexicon has no entries")

// LineError locates a problem in a lexicon file.
type LineError struct {
	Line int    // 1-based; 0 when unknown
	Word string // the entry concerned, if any
	Err  error
}

func (e *LineError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	if e.Word != "" {
		return fmt.Sprintf("entry %q: %v", e.Word, e.Err)
	}
	return e.Err.Error()
}

func (e *LineError) Unwrap() error { return e.Err }

// Problems with single entries.
var (
	ErrNoWord      = errors.New("an entry has no word")
	ErrLongWord    = fmt.Errorf("a word is longer than %d characters", match.MaxLetters)
	ErrBadCategory = errors.New("unknown category")
	ErrBadSeverity = errors.New("unknown severity")
	ErrNoName      = errors.New("the lexicon has no name")
	ErrBadKind     = errors.New("unknown lexicon kind")
)

// normalize fills defaults and checks every entry.
func (l *Lexicon) normalize() error {
	l.Name = strings.TrimSpace(l.Name)
	if l.Name == "" {
		return &LineError{Err: ErrNoName}
	}
	if l.Kind == "" {
		l.Kind = Words
	}
	if l.Kind != Words && l.Kind != Protected {
		return &LineError{Word: string(l.Kind), Err: ErrBadKind}
	}
	if l.Category == "" {
		l.Category = finding.Sensitive
	}
	if !l.Category.Valid() {
		return &LineError{Word: string(l.Category), Err: ErrBadCategory}
	}
	for i := range l.Entries {
		if err := l.normalizeEntry(&l.Entries[i]); err != nil {
			return err
		}
	}
	for _, a := range l.Allow {
		if err := checkWord(a.Word); err != nil {
			return &LineError{Word: a.Word, Err: err}
		}
	}
	if len(l.Entries)+len(l.Allow) == 0 {
		return ErrEmpty
	}
	return nil
}

func (l *Lexicon) normalizeEntry(e *Entry) error {
	e.Word = strings.TrimSpace(e.Word)
	if err := checkWord(e.Word); err != nil {
		return &LineError{Word: e.Word, Err: err}
	}
	if e.Category == "" {
		e.Category = l.Category
	}
	if !e.Category.Valid() {
		return &LineError{Word: e.Word, Err: fmt.Errorf("%w %q", ErrBadCategory, e.Category)}
	}
	if e.Severity == "" {
		e.Severity = finding.DefaultSeverity(e.Category)
	}
	if !e.Severity.Valid() {
		return &LineError{Word: e.Word, Err: fmt.Errorf("%w %q", ErrBadSeverity, e.Severity)}
	}
	return nil
}

func checkWord(w string) error {
	switch n := len(match.Patterns(w)); {
	case n == 0:
		return ErrNoWord
	case n > match.MaxLetters:
		return ErrLongWord
	}
	if !utf8.ValidString(w) || strings.ContainsAny(w, "\n\r") {
		return ErrNoWord
	}
	return nil
}

// contentVersion names a file without a version by a digest of its content.
func contentVersion(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:6])
}
