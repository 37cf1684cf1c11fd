package stats

import (
	"errors"
	"fmt"
	"time"
)

// CST is China Standard Time. The offset is fixed, not read from tzdata,
// which an isolated workstation may lack: China has kept UTC+8 without
// daylight saving since 1991.
var CST = time.FixedZone("CST", 8*60*60)

// Day is a calendar day in China Standard Time, counted from 1970-01-01:
// inspections count the days an account went quiet on the calendar of
// Beijing, whatever the clock of the workstation says.
type Day int32

// DayOf is the CST calendar day of an instant.
func DayOf(t time.Time) Day {
	y, m, d := t.In(CST).Date()
	return Date(y, m, d)
}

// Date is the day of a CST calendar date; out-of-range parts normalise as
// in time.Date (Date(2026, 13, 1) is 2027-01-01).
func Date(year int, month time.Month, day int) Day {
	return Day(time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// ParseDay reads a date written 2006-01-02.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("%w: %q", ErrBadDay, s)
	}
	return Date(t.Date()), nil
}

// ErrBadDay is a date that is not written 2006-01-02.
var ErrBadDay = errors.New("not a date (YYYY-MM-DD)")

// Start is the instant the day begins: 00:00 in CST.
func (d Day) Start() time.Time {
	return time.Unix(int64(d)*86400, 0).UTC().Add(-8 * time.Hour).In(CST)
}

// Date returns the day's year, month and day of the month.
func (d Day) Date() (int, time.Month, int) {
	return time.Unix(int64(d)*86400, 0).UTC().Date()
}

// Year is the day's year.
func (d Day) Year() int {
	y, _, _ := d.Date()
	return y
}

// Weekday is the day of the week.
func (d Day) Weekday() time.Weekday {
	return time.Unix(int64(d)*86400, 0).UTC().Weekday()
}

// Monday is the Monday of the day's week (weeks run Monday to Sunday).
func (d Day) Monday() Day {
	return d - Day((int(d.Weekday())+6)%7)
}

// String writes the day as 2006-01-02.
func (d Day) String() string {
	return time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly)
}

// MarshalText writes the day as 2006-01-02, in JSON too.
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a day written 2006-01-02.
func (d *Day) UnmarshalText(b []byte) error {
	v, err := ParseDay(string(b))
	if err == nil {
		*d = v
	}
	return err
}

// stamp is the workspace's text form of the instant the day begins (RFC
// 3339 in UTC), so that a range of days is a range of stored stamps.
func (d Day) stamp() string { return d.Start().UTC().Format(time.RFC3339) }

// PeriodKind is how a period was chosen.
type PeriodKind string

// The kinds of period.
const (
	WeekPeriod  PeriodKind = "week"
	MonthPeriod PeriodKind = "month"
	YearPeriod  PeriodKind = "year"
	RangePeriod PeriodKind = "range"
)

// Period is a span of CST calendar days, both ends included.
type Period struct {
	Kind     PeriodKind
	From, To Day
}

// ErrBadPeriod is a period that ends before it starts.
var ErrBadPeriod = errors.New("the period ends before it starts")

// Week is the week (Monday to Sunday) that holds d.
func Week(d Day) Period { m := d.Monday(); return Period{WeekPeriod, m, m + 6} }

// Month is one calendar month.
func Month(year int, month time.Month) Period {
	return Period{MonthPeriod, Date(year, month, 1), Date(year, month+1, 1) - 1}
}

// Year is one calendar year.
func Year(year int) Period { return Period{YearPeriod, Date(year, 1, 1), Date(year+1, 1, 1) - 1} }

// Range is the days from from to to, both included.
func Range(from, to Day) (Period, error) {
	if to < from {
		return Period{}, fmt.Errorf("%w: %s – %s", ErrBadPeriod, from, to)
	}
	return Period{RangePeriod, from, to}, nil
}

// Days is the number of days in the period.
func (p Period) Days() int { return int(p.To-p.From) + 1 }

// Contains reports whether d falls in the period.
func (p Period) Contains(d Day) bool { return d >= p.From && d <= p.To }

// bounds are the stored stamps [from, to) the period covers.
func (p Period) bounds() (string, string) { return p.From.stamp(), (p.To + 1).stamp() }

func (p Period) valid() error {
	if p.To < p.From {
		return fmt.Errorf("%w: %s – %s", ErrBadPeriod, p.From, p.To)
	}
	return nil
}

// Buckets splits the period for a trend line: days for up to two months,
// weeks for up to half a year (the first and last may be cut by the
// period), months beyond.
func (p Period) Buckets() []Period {
	var out []Period
	switch n := p.Days(); {
	case n <= 62:
		for d := p.From; d <= p.To; d++ {
			out = append(out, Period{RangePeriod, d, d})
		}
	case n <= 184:
		for m := p.From.Monday(); m <= p.To; m += 7 {
			out = append(out, Period{WeekPeriod, max(m, p.From), min(m+6, p.To)})
		}
	default:
		y, mo, _ := p.From.Date()
		for first := Date(y, mo, 1); first <= p.To; {
			fy, fm, _ := first.Date()
			next := Date(fy, fm+1, 1)
			out = append(out, Period{MonthPeriod, max(first, p.From), min(next-1, p.To)})
			first = next
		}
	}
	return out
}
