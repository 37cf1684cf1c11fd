package sensitive

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

func TestMarkings(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"机密★1年\n关于……的通知", []string{"机密★1年"}},
		{"绝密★长期", []string{"绝密★长期"}},
		{"秘密 ★", []string{"秘密 ★"}},
		{"秘密\n某某单位文件", []string{"秘密"}},
		{"  絕密\n", []string{"絕密"}},
		{"密级：机密", []string{"机密"}},
		{"揭开宇宙的秘密。", nil},
		{"保护商业机密，不得泄露。", nil},
		{"秘密文件管理办法", nil},
		{"这是绝密", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range markings([]rune(tt.text)) {
			got = append(got, f.Text)
			if f.Category != finding.Secret || f.Severity != finding.Block || f.Rule != "secret.marking" {
				t.Errorf("%q: finding %+v", tt.text, f)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestCheckSpansAndVersions(t *testing.T) {
	l, err := lexicon.Parse("a.toml", []byte("name=\"测试\"\nversion=\"7\"\n[[entry]]\nword=\"示例词\"\n[[entry]]\nword=\"按装\"\ncategory=\"typo\"\nsuggestion=\"安装\"\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(l)
	if err != nil {
		t.Fatal(err)
	}
	text := "😀第一段：请按装好。\n示*例*词出现了。"
	res := c.Check(text)
	rs := []rune(text)
	var got []string
	for _, f := range res.Findings {
		if string(rs[f.Start:f.End]) != f.Text {
			t.Errorf("span %d-%d is %q, Text %q", f.Start, f.End, string(rs[f.Start:f.End]), f.Text)
		}
		got = append(got, fmt.Sprintf("%s:%s:%s", f.Category, f.Text, f.Suggestion))
	}
	want := []string{"typo:按装:安装", "sensitive:示*例*词:"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if res.Chars != len(rs) || len(res.Lexicons) != 1 || res.Lexicons[0].Version != "7" {
		t.Errorf("result %+v", res)
	}
}

// TestSamplesAreQuiet holds the quality bar on real published articles: no
// block finding and at most one warning per 10,000 characters.
func TestSamplesAreQuiet(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../testdata/samples/*.txt") // copies of ../shared/samples
	if len(files) == 0 {
		t.Skip("no samples")
	}
	chars, warns := 0, 0
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		res := c.Check(string(data))
		chars += res.Chars
		for _, f := range res.Findings {
			switch f.Severity {
			case finding.Block:
				t.Errorf("%s: block finding %+v", filepath.Base(name), f)
			case finding.Warn:
				warns++
				t.Logf("%s: warning %+v", filepath.Base(name), f)
			}
		}
	}
	if limit := max(chars/10000, 0); warns > limit {
		t.Errorf("%d warnings in %d characters; at most %d allowed", warns, chars, limit)
	}
}
