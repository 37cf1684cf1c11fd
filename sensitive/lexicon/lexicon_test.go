package lexicon

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"shenfa/sensitive/finding"
)

const sample = `name = "本单位词库"
version = "2026-11-01"

[[entry]]
word = "示例词"
note = "依据"

[[entry]]
word = "口交"

[[entry]]
word = "毛泽东"
category = "political"
severity = "info"

[[entry]]
word = "按装"
category = "typo"
suggestion = "安装"

[[entry]]
word = "sex"

[[allow]]
word = "路口交通"

[[allow]]
word = "毛泽东选集"
`

func mustParse(t *testing.T, name, data string) *Lexicon {
	t.Helper()
	l, err := Parse(name, []byte(data), "")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestParseTOML(t *testing.T) {
	l := mustParse(t, "a.toml", sample)
	if l.Name != "本单位词库" || l.Version != "2026-11-01" || len(l.Entries) != 5 || len(l.Allow) != 2 {
		t.Fatalf("got %+v", l)
	}
	want := []Entry{
		{Word: "示例词", Category: finding.Sensitive, Severity: finding.Block, Note: "依据"},
		{Word: "口交", Category: finding.Sensitive, Severity: finding.Block},
		{Word: "毛泽东", Category: finding.Political, Severity: finding.Info},
		{Word: "按装", Category: finding.Typo, Severity: finding.Warn, Suggestion: "安装"},
	}
	if !slices.Equal(l.Entries[:4], want) {
		t.Errorf("entries %+v", l.Entries)
	}
}

func TestParsePlain(t *testing.T) {
	l := mustParse(t, "/x/单位词表.txt", "# 注释\n示例词\n按装\t安装 # 错字\n\n  \r\n")
	if l.Name != "单位词表" || !strings.HasPrefix(l.Version, "sha256:") || len(l.Entries) != 2 {
		t.Fatalf("got %+v", l)
	}
	if l.Entries[1] != (Entry{Word: "按装", Suggestion: "安装", Category: finding.Sensitive, Severity: finding.Block}) {
		t.Errorf("entry %+v", l.Entries[1])
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data string
		want       error
		line       int
	}{
		{"a.toml", "name = \"x\"\n[[entry]]\nword = \"a\"\ncategory = \"nonsense\"\n", ErrBadCategory, 0},
		{"a.toml", "name = \"x\"\n[[entry]]\nword = \"a\"\nseverity = \"huge\"\n", ErrBadSeverity, 0},
		{"a.toml", "name = \"x\"\n[[entry]]\nword = \"  \"\n", ErrNoWord, 0},
		{"a.toml", "version = \"1\"\n[[entry]]\nword = \"a\"\n", ErrNoName, 0},
		{"a.toml", "name = \"x\"\n", ErrEmpty, 0},
		{"a.toml", "name = \"x\"\n[[entry]]\nwrod = \"a\"\n", nil, 3},
		{"a.toml", "name = \"x\n", nil, 1},
		{"a.txt", "好\n" + strings.Repeat("长", 70) + "\n", ErrLongWord, 2},
		{"a.txt", "\xff\xfe", ErrNotUTF8, 0},
		{"a.txt", "", ErrEmpty, 0},
	}
	for _, tt := range tests {
		_, err := Parse(tt.name, []byte(tt.data), "")
		if err == nil {
			t.Errorf("%q: no error", tt.data)
			continue
		}
		if tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("%q: error %v, want %v", tt.data, err, tt.want)
		}
		var le *LineError
		if tt.line > 0 && (!errors.As(err, &le) || le.Line != tt.line) {
			t.Errorf("%q: error %v, want line %d", tt.data, err, tt.line)
		}
	}
}

func TestTOMLRoundTrip(t *testing.T) {
	l := mustParse(t, "a.toml", sample)
	data, err := l.TOML()
	if err != nil {
		t.Fatal(err)
	}
	back := mustParse(t, "b.toml", string(data))
	if fmt.Sprint(back) != fmt.Sprint(l) {
		t.Errorf("round trip:\n%s\n%+v\n%+v", data, back, l)
	}
}

func hitsOf(s *Set, text string) []string {
	var out []string
	for _, h := range s.Find(text, []rune(text)) {
		out = append(out, fmt.Sprintf("%s@%d", string([]rune(text)[h.Start:h.End]), h.Start))
	}
	return out
}

func TestFind(t *testing.T) {
	set, err := Compile(mustParse(t, "a.toml", sample))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string
	}{
		{"路口交通很顺畅", nil},
		{"一起读毛泽东选集", nil},
		{"毛泽东同志", []string{"毛泽东@0"}},
		{"口交", []string{"口交@0"}},
		{"网上有人口*交易", []string{"口*交@4"}},
		{"请按装好", []string{"按装@1"}},
		{"Sussex", nil},
		{"no sex here", []string{"sex@3"}},
		{"ＳＥＸ", []string{"ＳＥＸ@0"}},
		{"示示例词", []string{"示例词@1"}},
	}
	for _, tt := range tests {
		if got := hitsOf(set, tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestMergeAndLongest(t *testing.T) {
	a := mustParse(t, "a.toml", "name=\"A\"\nversion=\"1\"\n[[entry]]\nword=\"示例\"\nseverity=\"warn\"\n[[entry]]\nword=\"示例词语\"\ncategory=\"typo\"\n")
	b := mustParse(t, "b.txt", "示例\n")
	set, err := Compile(a, b)
	if err != nil {
		t.Fatal(err)
	}
	hs := set.Find("示例和示例词语", []rune("示例和示例词语"))
	if len(hs) != 2 || hs[0].Severity != finding.Block || hs[0].Lexicon != "b" || hs[1].Word != "示例词语" {
		t.Errorf("hits %+v", hs)
	}
	if v := set.Versions(); len(v) != 2 || v[0] != (Version{"A", "1", 2}) {
		t.Errorf("versions %+v", v)
	}
}

func TestSandwichedEvasion(t *testing.T) {
	l, err := Parse("t.toml", []byte("name = \"t\"\nversion = \"1\"\n[[entry]]\nword = \"网络赌博\"\n[[entry]]\nword = \"代孕\"\n[[allow]]\nword = \"代孕期\"\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	set, err := Compile(l)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"欢迎来网1络2赌3博", []string{"网1络2赌3博"}},
		{"代ａ孕包成功", []string{"代ａ孕"}},
		{"代Ab孕", []string{"代Ab孕"}},
		{"代abc孕", nil},             // a word of its own, not noise
		{"2024年3月代表", nil},         // digits between Han characters are everyday text
		{"代a孕期检查", nil},            // the allow phrase holds through the noise too
		{"网络赌博", []string{"网络赌博"}}, // no double report
	} {
		runes := []rune(tc.text)
		var got []string
		for _, h := range set.Find(tc.text, runes) {
			got = append(got, string(runes[h.Start:h.End]))
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: got %v, want %v", tc.text, got, tc.want)
		}
	}
}
