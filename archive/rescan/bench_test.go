package rescan_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"shenfa/archive/rescan"
	"syscall"
	"testing"
	"time"

	"shenfa/review"
	"shenfa/sensitive"
	"shenfa/sensitive/lexicon"
)

// benchWorkspace is a demo workspace with 100,000 synthetic records of
// about 2,000 characters, built once and kept in the temporary folder
// between runs (building it takes a few minutes).
func benchWorkspace(b *testing.B) *review.Workspace {
	b.Helper()
	path := filepath.Join(os.TempDir(), "shenfa-rescan-bench-1.db")
	if _, err := os.Stat(path); err == nil {
		w, err := review.Open(path, cheap)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { w.Close() })
		return w
	}
	tmp := path + ".building"
	os.Remove(tmp)
	start := time.Now()
	w := newWorkspace(b, tmp, false)
	synthetic(b, w, 100_000, 2000, 42, nil)
	w.Close()
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %s in %s", path, time.Since(start).Round(time.Second))
	return benchWorkspace(b)
}

// nullChecker finds nothing: the cost of reading the texts alone.
type nullChecker struct{}

func (nullChecker) CheckAt(string, time.Time) sensitive.Result { return sensitive.Result{} }
func (nullChecker) Versions() []lexicon.Version                { return nil }

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRescan100k: re-scan of 100,000 records of about 2,000
// characters with the default lexicons on all cores; target under 30 s.
// "read-only" is the same run with a checker that does nothing.
func BenchmarkRescan100k(b *testing.B) {
	w := benchWorkspace(b)
	ctx := context.Background()
	arch := signIn(b, w, "archivist")
	full, err := w.Checker(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		c    rescan.Checker
	}{{"read-only", nullChecker{}}, {"default-lexicons", full}} {
		b.Run(bc.name, func(b *testing.B) {
			var rep *rescan.Report
			cpu0 := cpuTime()
			for b.Loop() {
				if rep, err = rescan.Run(ctx, w.DB, arch, bc.c, rescan.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			cpu := cpuTime() - cpu0
			b.ReportMetric(float64(rep.Checked), "records")
			b.ReportMetric(float64(rep.Flagged), "flagged")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(cpu.Seconds()/float64(b.N)*1e6/float64(rep.Checked), "cpu-µs/record")
			b.Logf("%s: %d records, %d flagged, %d workers", bc.name, rep.Checked, rep.Flagged, runtime.NumCPU())
		})
	}
}
