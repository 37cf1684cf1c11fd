package app

import (
	"fmt"
	"slices"
	"testing"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

func rowsText(text []rune, rows []docRow) []string {
	var out []string
	for _, r := range rows {
		if r.heading != "" {
			out = append(out, "#"+string(r.heading))
			continue
		}
		out = append(out, fmt.Sprintf("%s%v", string(text[r.start:r.end]), r.findings))
	}
	return out
}

func TestLayoutRows(t *testing.T) {
	text := []rune("一二三四五六七八九十甲乙\n\n子丑\n批注文字")
	sections := []importer.Section{{Kind: importer.Body, Start: 0, End: 16}, {Kind: importer.Comment, Start: 17, End: 21}}
	fs := []finding.Finding{{Start: 7, End: 11}, {Start: 14, End: 15}, {Start: 18, End: 19}}
	got := rowsText(text, layoutRows(text, sections, fs, 8))
	want := []string{"一二三四五六七八[0]", "九十甲乙[0]", "[]", "子丑[1]", "#comment", "批注文字[2]"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestPieces(t *testing.T) {
	fs := []finding.Finding{{Start: 2, End: 6, Severity: finding.Warn}, {Start: 3, End: 4, Severity: finding.Block}}
	row := docRow{start: 0, end: 8, findings: []int{0, 1}}
	got := fmt.Sprint(pieces(row, fs))
	if want := "[{0 2 -1} {2 3 0} {3 4 1} {4 6 0} {6 8 -1}]"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestRowAt(t *testing.T) {
	text := []rune("一二三四五六七八九十")
	rows := layoutRows(text, nil, nil, 8)
	for offset, want := range map[int]int{0: 0, 7: 0, 8: 1, 9: 1} {
		if got := rowAt(rows, offset); got != want {
			t.Errorf("rowAt(%d) = %d, want %d", offset, got, want)
		}
	}
}
