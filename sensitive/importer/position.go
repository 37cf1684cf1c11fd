package importer

import "sort"

// LineIndex maps code point offsets in a text to 1-based lines and columns.
type LineIndex []int // offset of the first character of each line

// Lines indexes the line starts of text.
func Lines(text []rune) LineIndex {
	x := LineIndex{0}
	for i, r := range text {
		if r == '\n' {
			x = append(x, i+1)
		}
	}
	return x
}

// Position returns the line and column of offset.
func (x LineIndex) Position(offset int) (line, col int) {
	i := sort.SearchInts(x, offset+1) - 1 // the last line starting at or before offset
	return i + 1, offset - x[max(i, 0)] + 1
}

// SectionAt returns the kind of the section holding offset, "" if none does.
func (d *Document) SectionAt(offset int) SectionKind {
	for _, s := range d.Sections {
		if offset >= s.Start && offset < s.End {
			return s.Kind
		}
	}
	return ""
}
