package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"
)

// TestMain lets the benchmark start this test binary as the real app.
func TestMain(m *testing.M) {
	if os.Getenv("SHENFA_BENCH_CHILD") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func child(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "SHENFA_BENCH_CHILD=1", "SHENFA_STARTUP_REPORT=1")
	return cmd
}

var firstFrame = regexp.MustCompile(`first frame (\d+) ms`)

// BenchmarkFirstFrame starts the desktop app on a demo workspace and reports
// the time from process start to its first drawn frame (target: < 1 s).
func BenchmarkFirstFrame(b *testing.B) {
	if os.Getenv("DISPLAY") == "" {
		b.Skip("needs a display; make bench runs it under Xvfb")
	}
	db := filepath.Join(b.TempDir(), "ws.db")
	if out, err := child("--db", db, "init", "--demo").CombinedOutput(); err != nil {
		b.Fatalf("init --demo: %v\n%s", err, out)
	}
	var total float64
	for b.Loop() {
		total += startOnce(b, db)
	}
	b.ReportMetric(total/float64(b.N), "ms/first-frame")
}

func startOnce(b *testing.B, db string) float64 {
	cmd := child("--db", db)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer cmd.Wait()
	defer cmd.Process.Signal(syscall.SIGTERM)
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		if m := firstFrame.FindStringSubmatch(lines.Text()); m != nil {
			ms, _ := strconv.Atoi(m[1])
			go func() { // keep draining so that the child never blocks on stderr
				for lines.Scan() {
				}
			}()
			return float64(ms)
		}
	}
	b.Fatal("the app exited without drawing a frame")
	return 0
}
