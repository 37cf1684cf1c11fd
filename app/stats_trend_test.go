package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"shenfa/review/stats"
)

// The 工作量与质量 tab's trend line adds up the channels week by week, has
// a point per week, says the nearest week's exact number on hover, and has
// the same numbers in its table.
func TestStatsTrend(t *testing.T) {
	u := statsUI(t, "approver3")
	s := openStats(t, u)
	var line *trendLine
	findIn(t, s.work, func(l *trendLine) bool { line = l; return true })
	if line == nil {
		t.Fatal("the 工作量与质量 tab has no trend line")
	}
	line.Resize(fyne.NewSize(520, trendHeight)) // the tab may not be on view
	if len(line.weeks) != stats.TimelineWeeks {
		t.Fatalf("%d weeks, want %d", len(line.weeks), stats.TimelineWeeks)
	}
	// statsPubs: 11 publications in the 52 weeks from 2025-12-15; the week
	// of 11-09 has 11-10 and 11-11, the week of 11-30 has 12-01 and 12-04.
	sum := 0
	for _, w := range line.weeks {
		sum += w.Count
	}
	if sum != 11 || line.top != 2 {
		t.Errorf("the line sums %d with a top of %d, want 11 and 2", sum, line.top)
	}
	card := s.work.Objects[1]
	summary := findIn(t, card, func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "近 52 周共发布 11 篇") })
	if summary == nil {
		t.Fatal("no summary of the 11 publications of the last 52 weeks")
	}
	total := summary.Text
	for _, want := range []string{"2025-12-15", "2026-12-07", "2"} {
		if findIn(t, card, func(l *widget.Label) bool { return l.Text == want }) == nil {
			t.Errorf("no axis or table label %q", want)
		}
	}
	tests := []struct {
		name string
		x    float32
		tip  string
	}{
		{"the left end", 0, "2025-12-15 至 2025-12-21：发布 1 篇"},
		{"the right end", line.Size().Width, "2026-12-07 至 2026-12-13：发布 1 篇"},
		{"the week of 11-30", line.point(50, line.Size()).X + 1, "2026-11-30 至 2026-12-06：发布 2 篇"},
	}
	for _, tc := range tests {
		line.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(tc.x, 10)}})
		if summary.Text != tc.tip {
			t.Errorf("%s: hovering shows %q, want %q", tc.name, summary.Text, tc.tip)
		}
	}
	line.MouseOut()
	if summary.Text != total {
		t.Errorf("leaving the line shows %q, want the summary back", summary.Text)
	}
	// The busiest week is drawn at the top, an empty one on the bottom.
	size := line.Size()
	if top, empty := line.point(50, size).Y, line.point(1, size).Y; top != line.padY || empty != size.Height-line.padY {
		t.Errorf("points at y %v (busiest) and %v (empty) in a plot %v high", top, empty, size.Height)
	}
}

// Channels' weeks add up by Monday.
func TestWeeklyTotals(t *testing.T) {
	c := stats.Cadence{Channels: []stats.ChannelCadence{
		{Weeks: []stats.WeekCount{{Monday: 7, Count: 1}, {Monday: 14, Count: 0}}},
		{Weeks: []stats.WeekCount{{Monday: 7, Count: 2}, {Monday: 14, Count: 3}}},
	}}
	got := weeklyTotals(c)
	want := []stats.WeekCount{{Monday: 7, Count: 3}, {Monday: 14, Count: 3}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("weeklyTotals = %v, want %v", got, want)
	}
	if got := weeklyTotals(stats.Cadence{}); len(got) != 0 {
		t.Errorf("no channels gives %v", got)
	}
}
