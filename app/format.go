package app

import (
	"strconv"
	"strings"
	"time"

	"shenfa/app/i18n"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// parseDay reads an optional YYYY-MM-DD local date.
func parseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, time.Local)
	if err != nil {
		return t, i18n.Errorf("error.bad_date", map[string]any{"Value": s})
	}
	return t, nil
}
