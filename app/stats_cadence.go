package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/stats"
)

// cadenceView is 更新监测: one row per channel, the channels at risk first
// (the domain sorts them by the days left), with its figures against the
// rule and a heat strip of the last year's publications per week.
func (s *statsScreen) cadenceView(c stats.Cadence) []fyne.CanvasObject {
	intro := widget.NewLabel(i18n.L("cli.stats.cadence.today", map[string]any{"Today": c.Today}))
	intro.Wrapping = wrapping()
	out := []fyne.CanvasObject{intro}
	if len(c.Channels) == 0 {
		return append(out, widget.NewLabel(i18n.L("stats.no_channels")))
	}
	for _, ch := range c.Channels {
		out = append(out, s.cadenceRow(ch), widget.NewSeparator())
	}
	return out
}

// cadenceRow is one channel: name and status, the figures, the strip.
func (s *statsScreen) cadenceRow(ch stats.ChannelCadence) fyne.CanvasObject {
	status := widget.NewLabel(cadenceStatusText(ch.Status))
	status.Importance = cadenceImportance(ch.Status)
	name := widget.NewLabelWithStyle(ch.Channel.Name+"（"+ch.Channel.Platform+"）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	last := i18n.L("cli.stats.cadence.never", map[string]any{"Since": ch.Since})
	if ch.Published {
		last = ch.LastPublished.In(stats.CST).Format("2006-01-02 15:04")
	}
	key := "stats.cadence_figures"
	if ch.Remaining < 0 {
		key = "stats.cadence_figures_overdue" // 超期 N 天 reads better than 剩余 −N 天
	}
	figures := widget.NewLabel(i18n.L(key, map[string]any{"Last": last, "Days": ch.DaysSince,
		"Limit": ch.Limit, "Rule": ruleText(ch), "Remaining": ch.Remaining, "Over": -ch.Remaining}))
	figures.Wrapping = wrapping()
	figures.Importance = status.Importance
	if ch.Status == stats.OK {
		figures.Importance = widget.MediumImportance
	}
	gap := widget.NewLabel(strings.TrimSpace(i18n.L("cli.stats.cadence.gap", map[string]any{"Days": ch.LongestGap.Days,
		"From": ch.LongestGap.From, "To": ch.LongestGap.To, "Broken": ch.BrokenDays})))
	gap.Wrapping = wrapping()
	strip := s.heatStrip(ch)
	return container.NewVBox(container.NewHBox(status, name), figures, gap, strip)
}

// ruleText says where the channel's rule comes from.
func ruleText(ch stats.ChannelCadence) string {
	return i18n.L("cli.stats.rule." + string(ch.RuleSource))
}

// heatStrip draws the channel's publications per week for the last year,
// one cell a week, the busiest week darkest; resting the pointer on a week
// writes its Monday and count, and the line below gives the year's sum
// and busiest week, so that the figures are there without a pointer too.
func (s *statsScreen) heatStrip(ch stats.ChannelCadence) fyne.CanvasObject {
	top, sum, busiest := 0, 0, stats.WeekCount{}
	for _, w := range ch.Weeks {
		sum += w.Count
		if w.Count > top {
			top, busiest = w.Count, w
		}
	}
	// The summary line gives way to the week under the pointer.
	summary := widget.NewLabel("")
	var total string
	show := func(tip string) {
		if tip == "" {
			tip = total
		}
		summary.SetText(tip)
	}
	var cells []fyne.CanvasObject
	for _, w := range ch.Weeks {
		strength := float32(0)
		if top > 0 {
			strength = float32(w.Count) / float32(top)
		}
		tip := i18n.L("stats.week_tip", map[string]any{"Monday": w.Monday, "Sunday": w.Monday + 6, "Count": w.Count})
		cells = append(cells, newCell(theme.ColorNamePrimary, strength, tip, show))
	}
	total = i18n.L("stats.strip_summary", map[string]any{"Weeks": len(ch.Weeks), "Count": sum})
	if top > 0 {
		total += i18n.L("stats.strip_busiest", map[string]any{"Monday": busiest.Monday, "Count": top})
	}
	show("")
	row := container.New(stripLayout{}, cells...)
	first, last := "", ""
	if len(ch.Weeks) > 0 {
		first, last = ch.Weeks[0].Monday.String(), ch.Weeks[len(ch.Weeks)-1].Monday.String()
	}
	axis := container.NewBorder(nil, nil, widget.NewLabel(first), widget.NewLabel(last))
	save := widget.NewButtonWithIcon(i18n.L("stats.export_png"), theme.DownloadIcon(), nil)
	chart := container.NewVBox(row, axis, summary)
	save.OnTapped = func() { s.savePNG("cadence-"+fileSafe(ch.Channel.Name), chart) }
	return container.NewBorder(nil, nil, nil, container.NewVBox(save), chart)
}

// stripLayout lays the week cells side by side, square-ish, filling the
// width.
type stripLayout struct{}

const stripCell = 14

func (stripLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	if len(objs) == 0 {
		return
	}
	gap := float32(2)
	w := (s.Width - gap*float32(len(objs)-1)) / float32(len(objs))
	for i, o := range objs {
		o.Move(fyne.NewPos(float32(i)*(w+gap), 0))
		o.Resize(fyne.NewSize(w, stripCell))
	}
}

func (stripLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(float32(len(objs))*6, stripCell)
}
