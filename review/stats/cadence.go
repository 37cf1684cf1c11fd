package stats

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// Status is how a channel stands against its update-cadence rule.
type Status string

// The statuses of a channel's cadence.
const (
	OK      Status = "ok"      // 正常
	Soon    Status = "soon"    // 即将超期: within the warning days of the limit
	Overdue Status = "overdue" // 已超期: longer without a publication than the rule allows
)

// Windows of the cadence figures.
const (
	GapWindowDays = 90 // the longest gap and the broken days look this far back
	TimelineWeeks = 52 // publications per week for the last year
)

// Gap is a stretch without publication: From is the day of a publication
// (or the day the channel was added, before its first), To the day of the
// next one or today. Days is To − From: publishing on two consecutive days
// is a gap of 1.
type Gap struct {
	From Day `json:"from"`
	To   Day `json:"to"`
	Days int `json:"days"`
}

// Span is a run of days, both ends included.
type Span struct {
	From Day `json:"from"`
	To   Day `json:"to"`
}

// WeekCount is the publications of one week (Monday to Sunday).
type WeekCount struct {
	Monday Day `json:"monday"`
	Count  int `json:"count"`
}

// ChannelCadence is one channel against its rule.
type ChannelCadence struct {
	Channel       drafts.Channel
	Published     bool      // it has published at least once
	LastPublished time.Time // the last publication; zero when none
	// Since is the day the count runs from: the last publication's CST
	// day, or the day the channel was added when it never published.
	Since      Day
	DaysSince  int // Today − Since
	Limit      int // the rule: days allowed without a publication
	RuleSource policy.RuleSource
	// Remaining is how many more days may pass without a publication;
	// negative once the rule is broken.
	Remaining  int
	Status     Status
	LongestGap Gap    // of the gaps that reach into the last 90 days
	Broken     []Span // the days of the last 90 on which the rule was broken
	BrokenDays int
	Weeks      []WeekCount // the last 52 weeks, oldest first, this week last
}

// Cadence is every channel's update cadence on a day, the channels at risk
// first (least time remaining first).
type Cadence struct {
	Today    Day
	Channels []ChannelCadence
}

// AtRisk are the channels that are 即将超期 or 已超期.
func (c Cadence) AtRisk() []ChannelCadence {
	var out []ChannelCadence
	for _, ch := range c.Channels {
		if ch.Status != OK {
			out = append(out, ch)
		}
	}
	return out
}

// Cadence computes the update cadence of every channel, or of the one
// named channel when it is not "".
func (s *Store) Cadence(ctx context.Context, sess *account.Session, channel string) (Cadence, error) {
	if err := mayRead(sess); err != nil {
		return Cadence{}, err
	}
	if err := s.checkSchema(ctx); err != nil {
		return Cadence{}, err
	}
	p, err := s.policy(ctx, 0)
	if err != nil {
		return Cadence{}, err
	}
	chans, err := s.channels(ctx, channel)
	if err != nil {
		return Cadence{}, err
	}
	today := s.Today()
	out := Cadence{Today: today}
	first := today.Monday() - 7*(TimelineWeeks-1)
	for _, ch := range chans {
		pubs, last, err := s.publications(ctx, ch.ID, min(first, today-GapWindowDays), today)
		if err != nil {
			return Cadence{}, err
		}
		limit, src := p.CadenceDays(ch.Name)
		cc := cadenceOf(ch.Channel, ch.created, pubs, last, today, limit, p.Cadence.WarnDays)
		cc.RuleSource = src
		cc.Weeks = weekly(pubs, first, today)
		out.Channels = append(out.Channels, cc)
	}
	slices.SortStableFunc(out.Channels, func(a, b ChannelCadence) int {
		return cmp.Or(cmp.Compare(a.Remaining, b.Remaining), cmp.Compare(a.Channel.Name, b.Channel.Name))
	})
	return out, nil
}

// cadenceOf works out a channel's figures from its publication days since
// from (sorted, repeats allowed) and its last publication ever (zero when
// none). created is the day the channel was added.
func cadenceOf(ch drafts.Channel, created Day, pubs []Day, last time.Time, today Day, limit, warn int) ChannelCadence {
	cc := ChannelCadence{Channel: ch, Limit: limit, Since: created, Published: !last.IsZero(), LastPublished: last}
	if cc.Published {
		cc.Since = DayOf(last)
	}
	cc.DaysSince = int(today - cc.Since)
	cc.Remaining = limit - cc.DaysSince
	switch {
	case cc.Remaining < 0:
		cc.Status = Overdue
	case cc.Remaining <= warn:
		cc.Status = Soon
	default:
		cc.Status = OK
	}
	cc.LongestGap, cc.Broken = gaps(created, pubs, last, today, limit)
	for _, b := range cc.Broken {
		cc.BrokenDays += int(b.To-b.From) + 1
	}
	return cc
}

// gaps finds the longest gap reaching into the last 90 days and the days of
// that window on which more than limit days had passed since the previous
// publication.
func gaps(created Day, pubs []Day, last time.Time, today Day, limit int) (Gap, []Span) {
	start := today - GapWindowDays + 1
	// The publication before the window starts the first gap: the last one
	// before it among pubs, else the last ever when that is older still.
	prev := created
	if !last.IsZero() && DayOf(last) < start {
		prev = DayOf(last)
	}
	var inWindow []Day
	for _, d := range pubs {
		switch {
		case d < start:
			prev = max(prev, d)
		case d <= today:
			inWindow = append(inWindow, d)
		}
	}
	var longest Gap
	var broken []Span
	seen := false
	add := func(from, to Day, open bool) {
		from = min(from, to) // a channel added after its back-dated publications
		if g := (Gap{From: from, To: to, Days: int(to - from)}); !seen || g.Days > longest.Days {
			longest, seen = g, true
		}
		// Day from+limit+1 is the first on which the rule is broken; a
		// publication on to ends it, while an open gap runs through today.
		end := to - 1
		if open {
			end = to
		}
		if b := max(from+Day(limit)+1, start); b <= end {
			broken = append(broken, Span{b, end})
		}
	}
	for _, d := range inWindow {
		add(prev, d, false)
		prev = d
	}
	add(prev, today, true)
	return longest, broken
}

// weekly counts publications per week from the week of first to today's.
func weekly(pubs []Day, first, today Day) []WeekCount {
	var out []WeekCount
	for m := first.Monday(); m <= today; m += 7 {
		out = append(out, WeekCount{Monday: m})
	}
	for _, d := range pubs {
		if i := int(d-first.Monday()) / 7; d >= first.Monday() && i < len(out) {
			out[i].Count++
		}
	}
	return out
}

// channelRow is a channel with the day it was added.
type channelRow struct {
	drafts.Channel
	created Day
}

// channels lists the workspace's channels by name, or the named one.
func (s *Store) channels(ctx context.Context, name string) ([]channelRow, error) {
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT id, name, platform, unit, created_at FROM channels
		WHERE ?1 = '' OR name = ?1 ORDER BY name`, name)
	if err != nil {
		return nil, fmt.Errorf("list channels: %w", err)
	}
	defer rows.Close()
	var out []channelRow
	for rows.Next() {
		var c channelRow
		var created string
		if err := rows.Scan(&c.ID, &c.Name, &c.Platform, &c.Unit, &created); err != nil {
			return nil, err
		}
		c.created = dayOfStamp(created)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if name != "" && len(out) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNoChannel, name)
	}
	return out, nil
}

// publications are the CST days of a channel's publications from from to
// to (sorted), and its last publication ever.
func (s *Store) publications(ctx context.Context, channel int64, from, to Day) ([]Day, time.Time, error) {
	var lastStamp string
	err := s.db.SQL.QueryRowContext(ctx, `SELECT coalesce(max(published_at), '') FROM drafts
		WHERE channel_id = ? AND published_at > ''`, channel).Scan(&lastStamp)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("last publication of channel %d: %w", channel, err)
	}
	a, b := Period{From: from, To: to}.bounds()
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT published_at FROM drafts
		WHERE channel_id = ? AND published_at >= ? AND published_at < ? ORDER BY published_at`, channel, a, b)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("publications of channel %d: %w", channel, err)
	}
	defer rows.Close()
	var days []Day
	for rows.Next() {
		var st string
		if err := rows.Scan(&st); err != nil {
			return nil, time.Time{}, err
		}
		days = append(days, dayOfStamp(st))
	}
	return days, parseStamp(lastStamp), rows.Err()
}

// parseStamp reads a stored RFC 3339 time; zero when empty or unreadable.
func parseStamp(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func dayOfStamp(s string) Day { return DayOf(parseStamp(s)) }
