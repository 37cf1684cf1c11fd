package diff

import (
	"slices"
	"testing"
)

func TestMapOffsetCarriesPositionsForward(t *testing.T) {
	// old: 甲乙丙\n丁戊\n己      new: 甲X丙\n新段\n丁戊\n己庚
	//      0 1 2 3 4 5 6 7         0 1 2 3 4 5 6 7 8 9 10 11
	r := Compute("甲乙丙\n丁戊\n己", "甲X丙\n新段\n丁戊\n己庚")
	tests := []struct {
		old, new int
		ok       bool
		what     string
	}{
		{0, 0, true, "unchanged character"},
		{1, 1, false, "replaced character maps to where it was"},
		{2, 2, true, "after a replacement"},
		{3, 3, true, "separator kept"},
		{4, 7, true, "paragraph after an inserted one"},
		{6, 9, true, "separator before the last paragraph"},
		{7, 10, true, "last paragraph, text appended after it"},
		{8, 12, true, "end of text"},
		{9, 0, false, "beyond the end"},
		{-1, 0, false, "negative"},
	}
	for _, tt := range tests {
		n, ok := r.MapOffset(tt.old)
		if n != tt.new || ok != tt.ok {
			t.Errorf("%s: MapOffset(%d) = %d %v, want %d %v", tt.what, tt.old, n, ok, tt.new, tt.ok)
		}
	}
}

func TestMapOffsetOfDeletedText(t *testing.T) {
	r := Compute("甲\n乙\n丙", "甲\n丙")
	for _, tt := range []struct {
		old, new int
		ok       bool
	}{{0, 0, true}, {1, 1, true}, {2, 2, false}, {3, 2, false}, {4, 2, true}, {5, 3, true}} {
		if n, ok := r.MapOffset(tt.old); n != tt.new || ok != tt.ok {
			t.Errorf("MapOffset(%d) = %d %v, want %d %v", tt.old, n, ok, tt.new, tt.ok)
		}
	}
	r = Compute("甲\n乙", "甲")
	if n, ok := r.MapOffset(1); n != 1 || ok {
		t.Errorf("separator before a deleted last paragraph: %d %v, want 1 false", n, ok)
	}
}

func TestMapRangeOnlyCarriesUnchangedText(t *testing.T) {
	r := Compute("请核实数据来源。\n第二段保持不变。\n第三段。", "请核实统计数据来源。\n第二段保持不变。\n插入段。\n第三段。")
	tests := []struct {
		start, end, newStart, newEnd int
		ok                           bool
		what                         string
	}{
		{9, 17, 11, 19, true, "an unchanged paragraph"},
		{5, 7, 7, 9, true, "words after an insertion"},
		{9, 18, 11, 20, true, "a paragraph and its separator"},
		{2, 6, 2, 2, false, "a range with an insertion inside"},
		{9, 20, 11, 11, false, "a range across an inserted paragraph"},
		{3, 3, 5, 5, true, "an empty range maps like an offset"},
		{3, 30, 0, 0, false, "beyond the end"},
	}
	for _, tt := range tests {
		s, e, ok := r.MapRange(tt.start, tt.end)
		if s != tt.newStart || e != tt.newEnd || ok != tt.ok {
			t.Errorf("%s: MapRange(%d,%d) = %d,%d %v, want %d,%d %v", tt.what, tt.start, tt.end, s, e, ok, tt.newStart, tt.newEnd, tt.ok)
		}
	}
}

func TestChangesAndSummary(t *testing.T) {
	old := "第一段有错字。\n第二段不变。\n第三段删掉。"
	new := "第一段有别字。\n第二段不变。\n新增的段落。"
	r := Compute(old, new)
	checkInvariants(t, old, new, r)
	var got [][2]string
	for _, c := range r.Changes() {
		got = append(got, [2]string{c.Deleted, c.Inserted})
	}
	want := [][2]string{{"错", "别"}, {"第三段删掉。", ""}, {"", "新增的段落。"}}
	if !slices.Equal(got, want) {
		t.Fatalf("changes %q, want %q", got, want)
	}
	if got := r.ChangedOnly(); !slices.Equal(got, []int{0, 2, 3}) {
		t.Fatalf("changed paragraphs %v", got)
	}
	s := r.Summary()
	wantS := Summary{Changes: 3, Inserted: 7, Deleted: 7, ChangedParagraphs: 3, InsertedParagraphs: 1, DeletedParagraphs: 1}
	if s != wantS {
		t.Fatalf("summary %+v, want %+v", s, wantS)
	}
}

func TestChangesIncludeEmptyParagraphs(t *testing.T) {
	r := Compute("甲\n乙", "甲\n\n乙")
	cs := r.Changes()
	if len(cs) != 1 || cs[0].Paragraph != 1 || cs[0].First != 0 || cs[0].End != 0 || r.Paragraphs[1].Old != -1 {
		t.Fatalf("an inserted blank line: %+v in %+v", cs, r.Paragraphs)
	}
}
