package app

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/stats"
)

// trendCard is the 工作量与质量 tab's line chart: publications per week
// over the last year, summed over the channels on view (the cadence data
// the domain already counts per channel and week), with its table of the
// same numbers under it.
func (s *statsScreen) trendCard(c stats.Cadence) fyne.CanvasObject {
	weeks := weeklyTotals(c)
	title := i18n.L("stats.chart_trend", map[string]any{"Weeks": len(weeks)})
	head := []string{i18n.L("stats.col.week")}
	row := []string{i18n.L("cli.stats.csv.published")}
	for _, w := range weeks {
		head = append(head, w.Monday.String())
		row = append(row, strconv.Itoa(w.Count))
	}
	var rows [][]string
	if len(weeks) > 0 {
		rows = [][]string{row}
	}
	return s.chartCard(title, "trend", trendChart(weeks), grid(head, rows))
}

// weeklyTotals adds up the channels' publications week by week; every
// channel's Weeks run over the same 52 Mondays.
func weeklyTotals(c stats.Cadence) []stats.WeekCount {
	var out []stats.WeekCount
	at := map[stats.Day]int{}
	for _, ch := range c.Channels {
		for _, w := range ch.Weeks {
			i, ok := at[w.Monday]
			if !ok {
				i = len(out)
				at[w.Monday] = i
				out = append(out, stats.WeekCount{Monday: w.Monday})
			}
			out[i].Count += w.Count
		}
	}
	return out
}

// trendChart is the line with its axes: the maximum and 0 on the left, the
// first and the last week under it, and a line that says the year's sum
// and busiest week, or the week under the pointer.
func trendChart(weeks []stats.WeekCount) fyne.CanvasObject {
	if len(weeks) == 0 {
		return widget.NewLabel(i18n.L("stats.no_data"))
	}
	top, sum, busiest := 0, 0, stats.WeekCount{}
	for _, w := range weeks {
		sum += w.Count
		if w.Count > top {
			top, busiest = w.Count, w
		}
	}
	total := i18n.L("stats.strip_summary", map[string]any{"Weeks": len(weeks), "Count": sum})
	if top > 0 {
		total += i18n.L("stats.strip_busiest", map[string]any{"Monday": busiest.Monday, "Count": top})
	}
	summary := widget.NewLabel(total)
	topLabel := widget.NewLabel(strconv.Itoa(top))
	// The top and bottom points sit level with the middle of the labels
	// of the maximum and of 0.
	plot := newTrendLine(weeks, top, topLabel.MinSize().Height/2, func(tip string) {
		if tip == "" {
			tip = total
		}
		summary.SetText(tip)
	})
	yAxis := container.NewBorder(topLabel, widget.NewLabel("0"), nil, nil)
	xAxis := container.NewBorder(nil, nil, widget.NewLabel(weeks[0].Monday.String()),
		widget.NewLabel(weeks[len(weeks)-1].Monday.String()))
	return container.NewVBox(container.NewBorder(nil, xAxis, yAxis, nil, plot), summary)
}

// trendLine draws weekly counts as canvas line segments between small
// points, in the theme's colours asked for on every refresh so that it
// follows light and dark. Resting the pointer on it reports the nearest
// week's exact figure.
type trendLine struct {
	widget.BaseWidget
	weeks []stats.WeekCount
	top   int
	padY  float32 // above the maximum and below 0
	hover func(tip string)
}

func newTrendLine(weeks []stats.WeekCount, top int, padY float32, hover func(string)) *trendLine {
	t := &trendLine{weeks: weeks, top: top, padY: padY, hover: hover}
	t.ExtendBaseWidget(t)
	return t
}

// trendPad keeps the points, and their radius, inside the plot's width.
const (
	trendPad    = 6
	trendRadius = 3
	trendHeight = 120
)

// CreateRenderer makes the axes, a segment between each pair of weeks and
// a point on each week.
func (t *trendLine) CreateRenderer() fyne.WidgetRenderer {
	r := &trendRenderer{t: t, xAxis: canvas.NewLine(color.Transparent), yAxis: canvas.NewLine(color.Transparent)}
	for i := range t.weeks {
		if i > 0 {
			r.segments = append(r.segments, canvas.NewLine(color.Transparent))
		}
		r.points = append(r.points, canvas.NewCircle(color.Transparent))
	}
	r.Refresh()
	return r
}

// point is where week i is drawn in a plot of size s.
func (t *trendLine) point(i int, s fyne.Size) fyne.Position {
	x := s.Width / 2
	if n := len(t.weeks); n > 1 {
		x = trendPad + float32(i)*(s.Width-2*trendPad)/float32(n-1)
	}
	frac := float32(0)
	if t.top > 0 {
		frac = float32(t.weeks[i].Count) / float32(t.top)
	}
	pad := max(t.padY, trendPad)
	return fyne.NewPos(x, s.Height-pad-frac*(s.Height-2*pad))
}

// nearest is the week closest to x in a plot of size s.
func (t *trendLine) nearest(x float32, s fyne.Size) int {
	n := len(t.weeks)
	if n < 2 || s.Width <= 2*trendPad {
		return 0
	}
	i := int((x-trendPad)/((s.Width-2*trendPad)/float32(n-1)) + 0.5)
	return max(0, min(n-1, i))
}

// tip is week i's Monday to Sunday and count, as the heat strip says it.
func (t *trendLine) tip(i int) string {
	w := t.weeks[i]
	return i18n.L("stats.week_tip", map[string]any{"Monday": w.Monday, "Sunday": w.Monday + 6, "Count": w.Count})
}

// MouseIn shows the nearest week's figure.
func (t *trendLine) MouseIn(e *desktop.MouseEvent) { t.MouseMoved(e) }

// MouseMoved follows the pointer from week to week.
func (t *trendLine) MouseMoved(e *desktop.MouseEvent) {
	if t.hover == nil || len(t.weeks) == 0 || e == nil {
		return
	}
	t.hover(t.tip(t.nearest(e.Position.X, t.Size())))
}

// MouseOut puts the summary back.
func (t *trendLine) MouseOut() {
	if t.hover != nil {
		t.hover("")
	}
}

type trendRenderer struct {
	t            *trendLine
	xAxis, yAxis *canvas.Line
	segments     []*canvas.Line
	points       []*canvas.Circle
}

func (r *trendRenderer) Layout(s fyne.Size) {
	r.yAxis.Position1, r.yAxis.Position2 = fyne.NewPos(0, 0), fyne.NewPos(0, s.Height)
	r.xAxis.Position1, r.xAxis.Position2 = fyne.NewPos(0, s.Height), fyne.NewPos(s.Width, s.Height)
	for i, p := range r.points {
		at := r.t.point(i, s)
		p.Move(at.SubtractXY(trendRadius, trendRadius))
		p.Resize(fyne.NewSquareSize(2 * trendRadius))
		if i > 0 {
			r.segments[i-1].Position1, r.segments[i-1].Position2 = r.t.point(i-1, s), at
		}
	}
}

func (r *trendRenderer) MinSize() fyne.Size { return fyne.NewSize(240, trendHeight) }

func (r *trendRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.yAxis, r.xAxis}
	for _, l := range r.segments {
		objs = append(objs, l)
	}
	for _, p := range r.points {
		objs = append(objs, p)
	}
	return objs
}

func (r *trendRenderer) Destroy() {}

// Refresh takes the colours from the theme on view.
func (r *trendRenderer) Refresh() {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := fyne.CurrentApp().Settings().Theme()
	axis, line := th.Color(theme.ColorNameDisabled, v), th.Color(theme.ColorNamePrimary, v)
	for _, a := range []*canvas.Line{r.xAxis, r.yAxis} {
		a.StrokeColor, a.StrokeWidth = axis, 1
	}
	for _, l := range r.segments {
		l.StrokeColor, l.StrokeWidth = line, 2
	}
	for _, p := range r.points {
		p.FillColor = line
	}
	r.Layout(r.t.Size())
	for _, o := range r.Objects() {
		o.Refresh()
	}
}
