// Package docxnote writes check findings back into the .docx they came
// from, as Word comments (批注) on each finding's text, so that an editor
// sees them where they work. Everything else in the file stays as it was:
// other zip entries are copied byte for byte, and only the main document
// part, the comments part and — when the comments part is new — the
// relationships and content types change.
package docxnote

import (
	"errors"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// Errors Annotate returns besides the importer's *importer.Error.
var (
	// ErrNotDocx: the file is not a Word .docx document.
	ErrNotDocx = errors.New("docxnote: the file is not a .docx document")
	// ErrMismatch: the file's text is not the text the findings came from.
	ErrMismatch = errors.New("docxnote: the file is not the document the findings came from")
	// ErrNoBody: the document has no body to hang a comment on.
	ErrNoBody = errors.New("docxnote: the document has no body to attach comments to")
)

// Author is the name the comments carry.
const Author = "审发 Shenfa"

// initials is what Word shows in the comment balloon.
const initials = "审发"

// Options adjust Annotate.
type Options struct {
	Now time.Time // the comments' date; zero means the current time
}

// Result is an annotated file.
type Result struct {
	Data      []byte
	InPlace   int // findings commented on their own text
	Elsewhere int // findings outside the body text, listed together in one comment at its start
}

// Annotate returns a copy of the .docx data with a comment on the text of
// each finding. text is the checked text the findings' offsets refer to
// (importer.Document.Text); a file whose text differs is refused with
// ErrMismatch, so that comments never land on the wrong words.
func Annotate(name string, data []byte, text string, findings []finding.Finding, opt Options) (*Result, error) {
	doc, m, err := importer.MapDOCX(name, data)
	if err != nil {
		return nil, err
	}
	if m == nil {
		return nil, ErrNotDocx
	}
	if doc.Text != text {
		return nil, ErrMismatch
	}
	runes := []rune(text)
	for _, f := range findings {
		if f.Start < 0 || f.Start > f.End || f.End > len(runes) || string(runes[f.Start:f.End]) != f.Text {
			return nil, fmt.Errorf("%w: finding %q at %d-%d", ErrMismatch, f.Text, f.Start, f.End)
		}
	}
	if len(findings) == 0 {
		return &Result{Data: data}, nil
	}
	fs := slices.Clone(findings)
	finding.Sort(fs)
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	return annotate(data, doc, m, fs, now.UTC())
}

// annotate places the comments and writes the new package.
func annotate(data []byte, doc *importer.Document, m *importer.DocxMap, fs []finding.Finding, now time.Time) (*Result, error) {
	pkg, err := openPackage(data)
	if err != nil {
		return nil, err
	}
	main, err := pkg.read(m.Part)
	if err != nil {
		return nil, err
	}
	comments, err := pkg.existingComments(m)
	if err != nil {
		return nil, err
	}
	idx := newIndex(doc, m)
	var here, away []finding.Finding
	var anchors []anchor
	n := utf8.RuneCountInString(doc.Text)
	for _, f := range fs {
		if a, ok := idx.anchor(widen(f, n)); ok {
			here, anchors = append(here, f), append(anchors, a)
		} else {
			away = append(away, f)
		}
	}
	next := max(m.MaxID, comments.maxID) + 1
	var notes []note
	var edits []edit
	if len(away) > 0 {
		e, err := fallbackEdit(m, next)
		if err != nil {
			return nil, err
		}
		edits = append(edits, e)
		notes = append(notes, note{next, elsewhereLines(idx, away)})
		next++
	}
	for i, f := range here {
		anchors[i].id = next
		notes = append(notes, note{next, findingLines(f)})
		next++
	}
	edits = append(edits, idx.edits(main, anchors)...)
	newMain, err := apply(main, edits)
	if err != nil {
		return nil, err
	}
	out, err := pkg.write(m, newMain, comments, notes, now)
	if err != nil {
		return nil, err
	}
	return &Result{Data: out, InPlace: len(here), Elsewhere: len(away)}, nil
}

// widen gives a finding that marks a point (nothing to quote, such as a
// missing mark) the character after it, or before it at the very end, so
// that its comment has text to stand on.
func widen(f finding.Finding, n int) finding.Finding {
	switch {
	case f.Start < f.End:
	case f.End < n:
		f.End++
	case f.Start > 0:
		f.Start--
	}
	return f
}
