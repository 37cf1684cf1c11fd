package sensitive

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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
	c.Check(text) // the language model loads on first use, once per process
	findings := 0
	cpu0 := cpuTime()
	for b.Loop() {
		findings = len(c.Check(text).Findings)
	}
	// CPU time per operation, which other processes on the machine disturb
	// far less than wall time, and throughput in MB per CPU-second.
	perOp := (cpuTime() - cpu0).Seconds() / float64(b.N)
	b.ReportMetric(perOp*1000, "cpu-ms/op")
	b.ReportMetric(float64(len(text))/perOp/1e6, "MB/cpu-s")
	b.ReportMetric(float64(findings), "findings")
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
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
