package match

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func scanAll(m *Matcher, text string) []string {
	var got []string
	rs := []rune(text)
	m.Scan(text, func(x Match) {
		got = append(got, fmt.Sprintf("%d:%s", x.Pattern, string(rs[x.Start:x.End])))
	})
	return got
}

func TestScan(t *testing.T) {
	patterns := []string{"示例词", "口交", "毛泽东", "毛泽东选集", "he", "she", "hers", "内部资料", "100%有效", "绝密★"}
	m, err := New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string
	}{
		{"这是示例词。", []string{"0:示例词"}},
		{"示*例*词", []string{"0:示*例*词"}},
		{"示 例 词", []string{"0:示 例 词"}},
		{"示。。例词", []string{"0:示。。例词"}},
		{"示\u200b例\u202e词", []string{"0:示\u200b例\u202e词"}},
		{"表示。例词", nil},
		{"表示，例词", nil},
		{"示\n例词", nil},
		{"示*****例词", nil},
		{"路口交通", []string{"1:口交"}}, // the matcher reports; allow phrases are the lexicon's job
		{"毛泽东选集", []string{"2:毛泽东", "3:毛泽东选集"}},
		{"USHERS", []string{"5:SHE", "4:HE", "6:HERS"}},
		{"ｕｓｈｅｒｓ", []string{"5:ｓｈｅ", "4:ｈｅ", "6:ｈｅｒｓ"}},
		{"內部資料", []string{"7:內部資料"}},
		{"本品100%有效", []string{"8:100%有效"}},
		{"本品100有效", nil},
		{"绝密", nil},
		{"绝 密★1年", []string{"9:绝 密★"}},
		{"", nil},
	}
	for _, tt := range tests {
		got := scanAll(m, tt.text)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestScanOffsetsAreCodePoints(t *testing.T) {
	m, _ := New([]string{"abc", "词"})
	text := "\xff中😀abc词"
	got := scanAll(m, text)
	want := []string{"0:abc", "1:词"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestManyPatterns(t *testing.T) {
	var ps []string
	for i := 0; i < 3000; i++ {
		ps = append(ps, fmt.Sprintf("词%d号", i))
	}
	m, err := New(ps)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("前言词2999号和词17号。", 3)
	got := scanAll(m, text)
	if len(got) != 6 || got[0] != "2999:词2999号" || got[1] != "17:词17号" {
		t.Errorf("got %q", got)
	}
}
