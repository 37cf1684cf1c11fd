package stats

import (
	"context"
	"strconv"
	"time"

	"shenfa/review/account"
)

// Screen is everything the 统计 screen shows at once: the cadence of every
// channel and the review work of the chosen period.
type Screen struct {
	Cadence  Cadence
	Workload Workload
}

// Screen computes the data of the 统计 screen for a period and a channel
// ("" for all).
func (s *Store) Screen(ctx context.Context, sess *account.Session, p Period, channel string) (Screen, error) {
	c, err := s.Cadence(ctx, sess, channel)
	if err != nil {
		return Screen{}, err
	}
	w, err := s.Workload(ctx, sess, p, channel)
	if err != nil {
		return Screen{}, err
	}
	return Screen{Cadence: c, Workload: w}, nil
}

// Hours writes a duration as hours with one decimal, as the tables show
// waits.
func Hours(d time.Duration) string {
	return strconv.FormatFloat(d.Hours(), 'f', 1, 64)
}
