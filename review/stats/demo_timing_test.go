package stats_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"shenfa/review"
)

// TestDemoTiming measures how long the demo workspace takes to create with
// the real password hashing, as `shenfa init --demo` does; it runs only when
// SHENFA_DEMO_TIMING is set.
func TestDemoTiming(t *testing.T) {
	if os.Getenv("SHENFA_DEMO_TIMING") == "" {
		t.Skip("set SHENFA_DEMO_TIMING=1 to time the demo workspace")
	}
	start, cpu0 := time.Now(), cpuTime()
	w, err := review.Open(filepath.Join(t.TempDir(), "ws.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.SetupDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Logf("demo workspace created in %v (CPU %v)", time.Since(start).Round(time.Millisecond),
		(cpuTime() - cpu0).Round(time.Millisecond))
}

// cpuTime is the CPU time this process used so far: on a shared machine it
// varies less than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
