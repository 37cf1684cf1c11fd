package app

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// processStart reads when this process started from /proc, so that the
// start-up report includes loading the binary and Go's initialisation.
// Elsewhere it falls back to the time the package was initialised.
func processStart() time.Time {
	stat, err1 := os.ReadFile("/proc/self/stat")
	uptime, err2 := os.ReadFile("/proc/uptime")
	if err1 != nil || err2 != nil {
		return initTime
	}
	// Field 22 (starttime, in clock ticks since boot) follows the ")" that ends the command name.
	rest := string(stat[strings.LastIndexByte(string(stat), ')')+2:])
	fields := strings.Fields(rest)
	up, _ := strconv.ParseFloat(strings.Fields(string(uptime))[0], 64)
	if len(fields) < 20 {
		return initTime
	}
	ticks, err := strconv.ParseFloat(fields[19], 64)
	if err != nil {
		return initTime
	}
	const hz = 100 // USER_HZ on Linux
	age := time.Duration((up - ticks/hz) * float64(time.Second))
	return time.Now().Add(-age)
}

var initTime = time.Now()
