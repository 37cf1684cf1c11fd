package recordpdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"shenfa/archive/record"
)

// oddTexts are final texts a record must survive.
var oddTexts = map[string]string{
	"empty":                 "",
	"only line breaks":      "\n\n\r\n\n",
	"one very long line":    strings.Repeat("很长的一行没有标点", 900),
	"one very long word":    "https://" + strings.Repeat("a", 3000) + ".cn",
	"Latin only":            strings.Repeat("The quick brown fox jumps over the lazy dog. ", 80),
	"emoji":                 "点赞👍👍🏻！国旗🇨🇳，家庭👨‍👩‍👧‍👦。😀😃😄",
	"control characters":    "a\x00b\x01c\x07d\x1be\x7ff\u0085g\u2028h\u2029i\ufeffj\ufffek",
	"invalid UTF-8":         "正常\xff\xfe文字\xc3",
	"closing punctuation":   strings.Repeat("。", 500) + strings.Repeat("）", 300),
	"opening punctuation":   strings.Repeat("（", 400) + "字",
	"combining marks":       "e\u0301 a\u0308 中\u0301\u0302\u0303",
	"right to left":         "مرحبا بالعالم שלום עולם",
	"rare CJK":              "𠀀𠀁𪚥龘靐齉𰻞 镕堃喆珺",
	"tabs and spaces":       "\t\t缩进\t文字    多个空格   \u3000\u3000全角",
	"many short paragraphs": strings.Repeat("一\n", 2000),
	"private use":           "\ue000\uf8ff\U000F0000",
}

// TestOddTexts renders records whose text and metadata are odd: no error,
// a clean file, and every page with its footer.
func TestOddTexts(t *testing.T) {
	_, noQpdf := exec.LookPath("qpdf")
	for name, text := range oddTexts {
		t.Run(name, func(t *testing.T) {
			c := sample()
			c.Text = text
			c.Manifest.Title = text[:min(len(text), 200)]
			c.Manifest.Code = "Z\x00" + text[:min(len(text), 40)]
			c.Manifest.Findings[0].Start, c.Manifest.Findings[0].End = -5, 1<<30 // offsets that do not fit the text
			c.Manifest.Findings[1].Start, c.Manifest.Findings[1].End = 3, 1
			c.Manifest.Hidden = append(c.Manifest.Hidden, record.Hidden{Kind: "odd", Text: text})
			pdf, err := Renderer{Location: time.UTC}.Render(c)
			if err != nil {
				t.Fatal(err)
			}
			if noQpdf != nil {
				return
			}
			path := filepath.Join(t.TempDir(), "odd.pdf")
			os.WriteFile(path, pdf, 0o644)
			if out := run(t, "qpdf", "--check", path); strings.Contains(strings.ToLower(out), "warning") {
				t.Errorf("qpdf --check:\n%s", out)
			}
		})
	}
}

func TestRenderRefusesNothingToRender(t *testing.T) {
	for _, c := range []*record.Contents{nil, {}} {
		if _, err := Render(c); err == nil {
			t.Errorf("Render(%v) gave no error", c)
		}
	}
}

// FuzzRender renders records with arbitrary text, title and opinion.
func FuzzRender(f *testing.F) {
	for _, s := range oddTexts {
		if len(s) < 2000 {
			f.Add(s, s, s)
		}
	}
	f.Add(sampleText, "标题", "同意。")
	f.Fuzz(func(t *testing.T, text, title, opinion string) {
		c := sample()
		c.Text, c.Manifest.Title = text, title
		c.Manifest.SignOffs[4].Opinion = opinion
		c.Manifest.Comments[0].Body = opinion
		pdf, err := Renderer{Location: time.UTC}.Render(c)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(pdf), "%PDF-1.7") || !strings.HasSuffix(string(pdf), "%%EOF\n") {
			t.Fatal("not a PDF")
		}
	})
}
