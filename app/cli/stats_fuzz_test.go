package cli

import (
	"strings"
	"testing"
	"time"
)

// FuzzStatsArgs: whatever the options, `shenfa stats` either chooses a
// period that does not end before it starts or refuses with a message.
func FuzzStatsArgs(f *testing.F) {
	for _, seed := range []string{"--year 2026", "--month 2026-12", "--week 2026-12-07", "--from 2026-12-01 --to 2026-12-31",
		"--from 2026-12-31 --to 2026-12-01", "--year 0", "--month 2026-13", "--json --csv", "--channel @江城发布 --csv", "x"} {
		f.Add("workload", seed)
		f.Add("annual", seed)
	}
	now := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, what, line string) {
		a, err := parseStatsArgs(what, strings.Fields(line), now)
		if err != nil {
			if err.Error() == "" {
				t.Errorf("%q: an empty error", line)
			}
			return
		}
		if a.period.To < a.period.From {
			t.Errorf("%q: period %s – %s", line, a.period.From, a.period.To)
		}
		if a.json && a.csv {
			t.Errorf("%q: both --json and --csv", line)
		}
	})
}
