package importer

import "testing"

func TestLinePosition(t *testing.T) {
	x := Lines([]rune("一二\n\n三四五\n"))
	tests := []struct{ offset, line, col int }{{0, 1, 1}, {1, 1, 2}, {2, 1, 3}, {3, 2, 1}, {4, 3, 1}, {6, 3, 3}, {8, 4, 1}}
	for _, tt := range tests {
		if l, c := x.Position(tt.offset); l != tt.line || c != tt.col {
			t.Errorf("Position(%d) = %d,%d, want %d,%d", tt.offset, l, c, tt.line, tt.col)
		}
	}
	d := &Document{Sections: []Section{{Kind: Body, Start: 0, End: 4}, {Kind: Comment, Start: 5, End: 9}}}
	if d.SectionAt(2) != Body || d.SectionAt(6) != Comment || d.SectionAt(4) != "" {
		t.Errorf("SectionAt: %q %q %q", d.SectionAt(2), d.SectionAt(6), d.SectionAt(4))
	}
}
