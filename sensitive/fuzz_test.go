package sensitive

import (
	"testing"
	"unicode/utf8"
)

// FuzzCheck: any text gives findings whose spans lie in the text and whose
// Text is exactly the span, with known categories and severities.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"机密★1年\n网*络*赌*博", "中华人民共合国", "请按装好，电话13812345678。", "2024年4月1日（星期二）", "\xff\u200b口\u202e交"} {
		f.Add(s)
	}
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		runes := []rune(text)
		res := c.Check(text)
		if res.Chars != len(runes) {
			t.Fatalf("chars %d, want %d", res.Chars, len(runes))
		}
		for _, x := range res.Findings {
			if x.Start < 0 || x.End > len(runes) || x.Start >= x.End {
				t.Fatalf("span %d-%d outside %d characters: %+v", x.Start, x.End, len(runes), x)
			}
			if string(runes[x.Start:x.End]) != x.Text || !utf8.ValidString(x.Message) {
				t.Fatalf("text %q, span %q", x.Text, string(runes[x.Start:x.End]))
			}
			if !x.Category.Valid() || !x.Severity.Valid() || x.Rule == "" {
				t.Fatalf("bad finding %+v", x)
			}
		}
	})
}
