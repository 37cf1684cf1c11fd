package recordpdf

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"shenfa/archive/record"
)

// longText is about n characters of synthetic Chinese text: GB2312 level-1
// characters drawn with a Zipf law (10,000 of them give about 1,100
// different characters, as 10,000 characters of news text do), in sentences
// with punctuation, numbers and a Latin word now and then, in paragraphs of
// 150–300 characters.
func longText(n int) string {
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rng, 1.3, 2, 3754)
	dec := simplifiedchinese.GBK.NewDecoder()
	var b strings.Builder
	count, para := 0, 0
	for count < n {
		if para == 0 {
			b.WriteString("　　")
			count += 2
			para = 150 + rng.IntN(150)
		}
		switch k := rng.IntN(40); {
		case k == 0:
			b.WriteString("2026年")
			count += 5
		case k == 1:
			b.WriteString(" WeChat ")
			count += 8
		case k < 5:
			b.WriteRune([]rune("，，，。、；：")[rng.IntN(7)])
			count++
		default:
			k := int(zipf.Uint64())
			hi, lo := 0xB0+k/94, 0xA1+k%94
			s, _ := dec.Bytes([]byte{byte(hi), byte(lo)})
			b.Write(s)
			count++
		}
		if para--; para == 0 {
			b.WriteString("。\n")
			count += 2
		}
	}
	return b.String()
}

// record10k is the benchmark's record: 10,000 characters, 4 sign-offs.
func record10k() *record.Contents {
	c := sample()
	c.Text = longText(10000)
	c.Manifest.Chars = len([]rune(c.Text))
	var sos []record.SignOff
	for _, so := range c.Manifest.SignOffs {
		if so.Current {
			sos = append(sos, so)
		}
	}
	c.Manifest.SignOffs, c.Manifest.Findings = sos, nil
	return c
}

func TestLongTextIsLikeNews(t *testing.T) {
	text := []rune(longText(10000))
	distinct := map[rune]bool{}
	for _, r := range text {
		distinct[r] = true
	}
	if n := len(distinct); n < 900 || n > 1500 {
		t.Errorf("%d different characters in %d, want about 1,100", n, len(text))
	}
}

// BenchmarkRecordPDF10k renders the PDF of a 10,000-character record with
// four sign-offs (issue 9 target with signing: under 300 ms).
func BenchmarkRecordPDF10k(b *testing.B) {
	c := record10k()
	r := Renderer{Location: shanghai}
	if _, err := r.Render(c); err != nil { // parse the fonts outside the loop, as a running app has
		b.Fatal(err)
	}
	b.ResetTimer()
	var size int
	for b.Loop() {
		pdf, err := r.Render(c)
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size)/1024, "KiB")
}
