package app

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/account"
	"shenfa/review/stats"
)

// statsClock is the 统计 screen's clock; tests fix it so that "today" and
// the periods it chooses are the same on every run.
var statsClock = time.Now

// periodKinds are the choices of the period selector, in its order.
var periodKinds = []stats.PeriodKind{stats.WeekPeriod, stats.MonthPeriod, stats.YearPeriod, stats.RangePeriod}

// statsScreen is the 统计 screen: 更新监测, 工作量与质量 and 年度报表. Its
// figures are computed in the background (review/stats) and laid out when
// they arrive; every change of period, channel or year reloads them.
type statsScreen struct {
	u     *ui
	store *stats.Store
	root  fyne.CanvasObject
	tabs  *container.AppTabs

	period   *widget.Select
	from, to *widget.Entry
	custom   *fyne.Container // the from/to entries, shown for 自定义
	channel  *widget.Select
	year     *widget.Select
	message  *widget.Label // loading, or why the figures could not be computed
	shown    *widget.Label // the period the figures cover

	cadence, work, annual *fyne.Container

	data  stats.Screen
	ann   stats.Annual
	loads int // how many times the figures arrived, for tests
	gen   int // the latest reload: an older one arriving late is dropped
}

// statsScreen makes the 统计 screen and starts loading its figures.
func (u *ui) statsScreen() fyne.CanvasObject {
	s := newStatsScreen(u)
	u.offerActions(s)
	return s.root
}

func newStatsScreen(u *ui) *statsScreen {
	s := &statsScreen{u: u, store: stats.New(u.ws.DB).WithClock(statsClock),
		from: widget.NewEntry(), to: widget.NewEntry(), message: widget.NewLabel(""), shown: widget.NewLabel(""),
		cadence: container.NewVBox(), work: container.NewVBox(), annual: container.NewVBox()}
	s.message.Wrapping = wrapping()
	s.message.Hide()
	today := s.store.Today()
	s.from.SetText((today - 29).String())
	s.to.SetText(today.String())
	s.from.SetPlaceHolder("2026-01-01")
	s.to.SetPlaceHolder("2026-12-31")
	var labels []string
	for _, k := range periodKinds {
		labels = append(labels, i18n.L("stats.period."+string(k)))
	}
	apply := widget.NewButton(i18n.L("stats.apply"), s.reload)
	s.custom = container.NewHBox(s.from, widget.NewLabel("—"), s.to, apply)
	s.custom.Hide()
	s.period = widget.NewSelect(labels, func(string) {
		s.custom.Hidden = s.periodKind() != stats.RangePeriod
		s.custom.Refresh()
		s.reload()
	})
	s.channel = widget.NewSelect(s.channelNames(), func(string) { s.reload() })
	s.year = widget.NewSelect(s.years(today), func(string) { s.reload() })
	// Set the choices before the callbacks can reload: one load at the end.
	s.period.Selected = labels[1]
	s.channel.Selected = s.channel.Options[0]
	s.year.Selected = s.year.Options[0]
	bar := container.NewHBox(widget.NewLabel(i18n.L("stats.period")), s.period, s.custom,
		widget.NewLabel(i18n.L("stats.channel")), s.channel)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(i18n.L("stats.tab_cadence"), theme.HistoryIcon(), container.NewVScroll(s.cadence)),
		container.NewTabItemWithIcon(i18n.L("stats.tab_work"), theme.GridIcon(),
			container.NewBorder(container.NewVBox(bar, s.shown), nil, nil, nil, container.NewVScroll(s.work))),
		container.NewTabItemWithIcon(i18n.L("stats.tab_annual"), theme.DocumentIcon(), container.NewVScroll(s.annual)),
	)
	// A label, not heading's canvas.Text, so that the title follows a theme switch.
	title := widget.NewLabel(i18n.L("nav.stats"))
	title.SizeName = theme.SizeNameHeadingText
	s.root = container.NewBorder(container.NewVBox(title, s.message), nil, nil, nil, s.tabs)
	s.reload()
	return s
}

// channelNames are the filter's choices: every channel, then each one.
func (s *statsScreen) channelNames() []string {
	names := []string{i18n.L("stats.all_channels")}
	cs, err := s.u.ws.Drafts.Channels(s.u.ctx())
	if err == nil {
		for _, c := range cs {
			names = append(names, c.Name)
		}
	}
	return names
}

// years are the years the 年度报表 offers: this year and the four before.
func (s *statsScreen) years(today stats.Day) []string {
	var out []string
	for y := today.Year(); y > today.Year()-5; y-- {
		out = append(out, strconv.Itoa(y))
	}
	return out
}

func (s *statsScreen) periodKind() stats.PeriodKind {
	if i := s.period.SelectedIndex(); i >= 0 {
		return periodKinds[i]
	}
	return stats.MonthPeriod
}

// chosenPeriod is the period the selector names, around today.
func (s *statsScreen) chosenPeriod() (stats.Period, error) {
	today := s.store.Today()
	switch s.periodKind() {
	case stats.WeekPeriod:
		return stats.Week(today), nil
	case stats.YearPeriod:
		return stats.Year(today.Year()), nil
	case stats.RangePeriod:
		from, err := stats.ParseDay(strings.TrimSpace(s.from.Text))
		if err != nil {
			return stats.Period{}, i18n.Errorf("stats.bad_day", map[string]any{"Value": s.from.Text})
		}
		to, err := stats.ParseDay(strings.TrimSpace(s.to.Text))
		if err != nil {
			return stats.Period{}, i18n.Errorf("stats.bad_day", map[string]any{"Value": s.to.Text})
		}
		if to < from {
			return stats.Period{}, i18n.Errorf("cli.stats.backwards", map[string]any{"From": from, "To": to})
		}
		return stats.Range(from, to)
	}
	y, m, _ := today.Date()
	return stats.Month(y, m), nil
}

// channelFilter is the chosen channel's name, "" for all.
func (s *statsScreen) channelFilter() string {
	if s.channel.SelectedIndex() <= 0 {
		return ""
	}
	return s.channel.Selected
}

// reload computes the figures of the chosen period, channel and year in
// the background and lays them out when they arrive.
func (s *statsScreen) reload() {
	s.u.touch()
	p, err := s.chosenPeriod()
	if err != nil {
		showError(s.message, err)
		return
	}
	year, _ := strconv.Atoi(s.year.Selected)
	channel, sess := s.channelFilter(), s.u.sess
	s.message.SetText(i18n.L("stats.loading"))
	s.message.Importance = widget.LowImportance
	s.message.Show()
	var data stats.Screen
	var ann stats.Annual
	s.gen++
	gen := s.gen
	background(func() error {
		var err error
		if data, err = s.store.Screen(s.u.ctx(), sess, p, channel); err != nil {
			return err
		}
		ann, err = s.store.Annual(s.u.ctx(), sess, year, channel)
		return err
	}, func(err error) {
		if gen != s.gen {
			return // the user chose again meanwhile
		}
		if err != nil {
			s.message.Importance = widget.DangerImportance
			showError(s.message, statsError(err))
			return
		}
		s.message.Hide()
		s.data, s.ann = data, ann
		s.loads++
		s.show()
	})
}

// statsError says in the user's words why the figures are missing.
func statsError(err error) error {
	if err == stats.ErrNoSchema {
		return i18n.Errorf("cli.stats.no_schema")
	}
	return err
}

// show lays out the figures last loaded.
func (s *statsScreen) show() {
	p := s.data.Workload.Period
	s.shown.SetText(i18n.L("cli.stats.period", map[string]any{"From": p.From, "To": p.To}))
	s.cadence.Objects = s.cadenceView(s.data.Cadence)
	s.cadence.Refresh()
	s.work.Objects = s.workView(s.data.Workload)
	s.work.Refresh()
	s.annual.Objects = s.annualView(s.ann)
	s.annual.Refresh()
}

// atRiskNotice is off in the app's own tests, whose markup masters of other
// screens were recorded without the banner; the tests of the notice turn
// it on.
var atRiskNotice = true

// noticeAtRisk adds, below the top bar, a banner naming the channels that
// are 即将超期 or 已超期 when the user writes or approves content: they are
// the ones who can publish before an inspection finds the account quiet.
func (u *ui) noticeAtRisk(top fyne.CanvasObject) {
	box, ok := top.(*fyne.Container)
	if !atRiskNotice || !ok || !publishes(u.sess.User) {
		return
	}
	sess := u.sess
	var c stats.Cadence
	background(func() error {
		var err error
		c, err = stats.New(u.ws.DB).WithClock(statsClock).Cadence(u.ctx(), sess, "")
		return err
	}, func(err error) {
		if err != nil || u.sess != sess || len(c.AtRisk()) == 0 {
			return // no figures is no warning: the 统计 screen says why
		}
		box.Add(u.riskBanner(c.AtRisk()))
	})
}

// publishes reports whether the user writes or approves content.
func publishes(user account.User) bool {
	for _, r := range []account.Role{account.Author, account.Approver1, account.Approver2, account.Approver3, account.Secrecy} {
		if user.Has(r) {
			return true
		}
	}
	return false
}

// riskBanner names the channels at risk, with a button to the 统计 screen.
func (u *ui) riskBanner(risk []stats.ChannelCadence) fyne.CanvasObject {
	var parts []string
	importance := widget.WarningImportance
	for _, c := range risk {
		parts = append(parts, i18n.L("stats.notice_channel", map[string]any{"Name": c.Channel.Name,
			"Status": cadenceStatusText(c.Status), "Days": c.DaysSince, "Limit": c.Limit}))
		if c.Status == stats.Overdue {
			importance = widget.DangerImportance
		}
	}
	text := widget.NewLabel(i18n.L("stats.notice", map[string]any{"Channels": strings.Join(parts, "；")}))
	text.Wrapping = wrapping()
	text.Importance = importance
	var banner *fyne.Container
	open := widget.NewButton(i18n.L("stats.notice_open"), func() {
		if u.navigate != nil {
			u.navigate("stats")
		}
	})
	hide := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { banner.Hide() })
	banner = container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), container.NewHBox(open, hide), text)
	return banner
}

// cadenceStatusText names a cadence status (正常, 即将超期, 已超期).
func cadenceStatusText(st stats.Status) string { return i18n.L("cli.stats.status." + string(st)) }

// cadenceImportance colours a cadence status: amber soon, red overdue.
func cadenceImportance(st stats.Status) widget.Importance {
	switch st {
	case stats.Overdue:
		return widget.DangerImportance
	case stats.Soon:
		return widget.WarningImportance
	}
	return widget.SuccessImportance
}
