package sensitive

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// article builds a realistic draft of n characters from the sample articles
// with a few planted problems in every 2,000 characters.
func article(tb testing.TB, n int) string {
	files, _ := filepath.Glob("../testdata/samples/*.txt")
	var b strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		b.Write(data)
	}
	base := []rune(b.String())
	if len(base) == 0 {
		tb.Skip("no samples")
	}
	planted := []rune("请按装好设备，电话13812345678，2024年4月1日（星期二），网*络*赌*博，机密★1年，XX市。")
	var out []rune
	for len(out) < n {
		out = append(out, base[:min(len(base), 2000)]...)
		out = append(out, planted...)
		base = append(base[2000%len(base):], base[:2000%len(base)]...)
	}
	return string(out[:n])
}

func benchmarkCheck(b *testing.B, n int) {
	c, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	text := article(b, n)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	findings := 0
	for b.Loop() {
		findings = len(c.Check(text).Findings)
	}
	b.ReportMetric(float64(findings), "findings")
}

// BenchmarkCheck10k: target under 2 ms for a 10,000-character article.
func BenchmarkCheck10k(b *testing.B) { benchmarkCheck(b, 10_000) }

// BenchmarkCheck100k: target under 20 ms for a 100,000-character article.
func BenchmarkCheck100k(b *testing.B) { benchmarkCheck(b, 100_000) }

// BenchmarkDefault measures compiling the default lexicons (done once per process).
func BenchmarkDefault(b *testing.B) {
	ls, err := DefaultLexicons()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := New(ls...); err != nil {
			b.Fatal(err)
		}
	}
}
