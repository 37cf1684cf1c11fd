package app

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/policy"
	"shenfa/review/stats"
)

// workView is 工作量与质量 for the period: counts, waits, waivers, what the
// checker found, return reasons and the approvers the reader may see. Each
// chart has its table beside it.
func (s *statsScreen) workView(w stats.Workload) []fyne.CanvasObject {
	t := w.Total
	return []fyne.CanvasObject{
		s.countsCard(w),
		s.trendCard(s.data.Cadence),
		s.waitsCard(t),
		s.waiversCard(t),
		s.findingsCard(t),
		s.returnsCard(t),
		s.approversCard(w),
	}
}

// countsCard: submitted, approved, returned, refused, published.
func (s *statsScreen) countsCard(w stats.Workload) fyne.CanvasObject {
	t := w.Total
	figures := []struct {
		key string
		n   int
	}{{"submitted", t.Submitted}, {"approved", t.Approved}, {"returned", t.Returned}, {"refused", t.Refused},
		{"published", t.Published}}
	var bars []bar
	head := []string{i18n.L("stats.col.channel")}
	for _, f := range figures {
		bars = append(bars, bar{i18n.L("cli.stats.csv." + f.key), float64(f.n), strconv.Itoa(f.n)})
		head = append(head, i18n.L("cli.stats.csv."+f.key))
	}
	row := func(name string, x stats.Work) []string {
		return []string{name, strconv.Itoa(x.Submitted), strconv.Itoa(x.Approved), strconv.Itoa(x.Returned),
			strconv.Itoa(x.Refused), strconv.Itoa(x.Published)}
	}
	var rows [][]string
	for _, ch := range w.Channels {
		rows = append(rows, row(ch.Channel.Name, ch.Work))
	}
	if len(w.Channels) > 1 {
		rows = append(rows, row(i18n.L("cli.stats.total"), t))
	}
	return s.chartCard(i18n.L("stats.chart_counts"), "counts", barChart(theme.ColorNamePrimary, bars), grid(head, rows))
}

// waitsCard: median and 90th percentile, to approval and per step.
func (s *statsScreen) waitsCard(t stats.Work) fyne.CanvasObject {
	var bars []bar
	var rows [][]string
	add := func(name string, d stats.Durations) {
		if d.Count == 0 {
			return
		}
		bars = append(bars, bar{name + " " + i18n.L("stats.median"), d.Median.Hours(), stats.Hours(d.Median) + " h"},
			bar{name + " P90", d.P90.Hours(), stats.Hours(d.P90) + " h"})
		rows = append(rows, []string{name, strconv.Itoa(d.Count), stats.Hours(d.Median), stats.Hours(d.P90)})
	}
	add(i18n.L("stats.to_approval"), t.ToApproval)
	for _, st := range policy.AllSteps {
		add(stepLabel(st), t.Steps[st])
	}
	head := []string{i18n.L("stats.col.stage"), i18n.L("stats.col.count"), i18n.L("stats.col.median_h"), i18n.L("stats.col.p90_h")}
	return s.chartCard(i18n.L("stats.chart_waits"), "waits", barChart(ColorInfo, bars), grid(head, rows))
}

// waiversCard: waivers by category (bars) and by step and category (table).
func (s *statsScreen) waiversCard(t stats.Work) fyne.CanvasObject {
	byCat := map[string]int{}
	var rows [][]string
	for _, st := range policy.AllSteps {
		for _, c := range sortedKeys(t.Waivers[st]) {
			n := t.Waivers[st][c]
			byCat[c] += n
			rows = append(rows, []string{stepLabel(st), categoryLabel(c), strconv.Itoa(n)})
		}
	}
	var bars []bar
	for _, c := range sortedKeys(byCat) {
		bars = append(bars, bar{categoryLabel(c), float64(byCat[c]), strconv.Itoa(byCat[c])})
	}
	head := []string{i18n.L("stats.col.step"), i18n.L("stats.col.category"), i18n.L("stats.col.count")}
	return s.chartCard(i18n.L("stats.chart_waivers"), "waivers", barChart(ColorWarn, bars), grid(head, rows))
}

// findingsCard: findings per 10,000 characters by category, and how many
// of those in the approved drafts were fixed before approval.
func (s *statsScreen) findingsCard(t stats.Work) fyne.CanvasObject {
	var bars []bar
	var rows [][]string
	for _, f := range t.Findings {
		per := strconv.FormatFloat(f.Per10k, 'f', 1, 64)
		bars = append(bars, bar{categoryLabel(f.Category), f.Per10k, per})
		rows = append(rows, []string{categoryLabel(f.Category), strconv.Itoa(f.Found), per, strconv.Itoa(f.AtSubmission),
			strconv.Itoa(f.Fixed), strconv.Itoa(f.Remaining)})
	}
	head := []string{i18n.L("stats.col.category"), i18n.L("stats.col.found"), i18n.L("stats.col.per10k"),
		i18n.L("stats.col.at_submission"), i18n.L("stats.col.fixed"), i18n.L("stats.col.remaining")}
	title := i18n.L("stats.chart_findings", map[string]any{"Chars": t.Chars})
	return s.chartCard(title, "findings", barChart(ColorBlock, bars), grid(head, rows))
}

// returnsCard: the finding categories of returned versions and the reasons
// most given.
func (s *statsScreen) returnsCard(t stats.Work) fyne.CanvasObject {
	var bars []bar
	for _, c := range sortedKeys(t.ReturnCategories) {
		bars = append(bars, bar{categoryLabel(c), float64(t.ReturnCategories[c]), strconv.Itoa(t.ReturnCategories[c])})
	}
	var rows [][]string
	for _, r := range t.ReturnReasons {
		rows = append(rows, []string{r.Text, strconv.Itoa(r.Count)})
	}
	head := []string{i18n.L("stats.col.reason"), i18n.L("stats.col.count")}
	return s.chartCard(i18n.L("stats.chart_returns"), "returns", barChart(ColorDeleted, bars), grid(head, rows))
}

// approversCard is the per-approver table; the domain already left out the
// approvers the reader may not see.
func (s *statsScreen) approversCard(w stats.Workload) fyne.CanvasObject {
	var rows [][]string
	for _, a := range w.Approvers {
		var steps []string
		for _, st := range a.Steps {
			steps = append(steps, stepLabel(st))
		}
		rows = append(rows, []string{a.FullName + "（" + a.Name + "）", strings.Join(steps, "、"), strconv.Itoa(a.Signed),
			strconv.Itoa(a.SignOffs), stats.Hours(a.Median), strconv.Itoa(a.Returns)})
	}
	head := []string{i18n.L("stats.col.approver"), i18n.L("stats.col.step"), i18n.L("stats.col.signed"),
		i18n.L("stats.col.signoffs"), i18n.L("stats.col.median_h"), i18n.L("stats.col.returns")}
	title := widget.NewLabelWithStyle(i18n.L("stats.approvers"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	out := container.NewVBox(title)
	if !w.SeesEveryone {
		note := widget.NewLabel(i18n.L("cli.stats.approvers_own"))
		note.Wrapping = wrapping()
		note.Importance = widget.LowImportance
		out.Add(note)
	}
	out.Add(grid(head, rows))
	return out
}

// annualView is the 年度报表: the year's figures per channel, laid out as
// the table a unit fills in (the CSV columns), with 导出 CSV.
func (s *statsScreen) annualView(a stats.Annual) []fyne.CanvasObject {
	var head []string
	for _, c := range stats.CSVColumns {
		if c != "grades" {
			head = append(head, i18n.L("cli.stats.csv."+c))
			continue
		}
		for _, g := range a.Grades {
			head = append(head, i18n.L("cli.stats.csv.grade", map[string]any{"Label": g.Label}))
		}
	}
	var buf bytes.Buffer
	var rows [][]string
	if err := a.WriteCSV(&buf, csvHeading); err == nil {
		rows = csvRows(buf.String())
	}
	if len(rows) > 0 {
		rows = rows[1:] // the heading, already in head
	}
	// The file guards names against spreadsheet formulas ('@…); the screen
	// shows them as they are.
	for i, ch := range a.Workload.Channels {
		if i < len(rows) && len(rows[i]) > 0 {
			rows[i][0] = ch.Channel.Name
		}
	}
	save := widget.NewButtonWithIcon(i18n.L("stats.export_csv"), theme.DocumentSaveIcon(), func() { s.saveCSV(a) })
	title := i18n.L("cli.stats.annual_title", map[string]any{"Year": a.Year})
	return []fyne.CanvasObject{
		container.NewHBox(widget.NewLabel(i18n.L("stats.year")), s.year, save),
		widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHScroll(grid(head, rows)),
	}
}

// csvHeading names the 年度报表's columns as the command line does.
func csvHeading(key, arg string) string {
	if key == "grade" {
		return i18n.L("cli.stats.csv.grade", map[string]any{"Label": arg})
	}
	return i18n.L("cli.stats.csv." + key)
}

// csvRows reads back the CSV the domain wrote, so that the screen shows
// exactly what the file holds.
func csvRows(text string) [][]string {
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return nil
	}
	return rows
}

// saveCSV asks where to save the 年度报表 and writes it there.
func (s *statsScreen) saveCSV(a stats.Annual) {
	s.u.touch()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		err = a.WriteCSV(w, csvHeading)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			dialog.ShowError(i18n.Errorf("stats.csv_failed", map[string]any{"Error": err.Error()}), s.u.win)
		}
	}, s.u.win)
	d.SetFileName(i18n.L("stats.csv_name", map[string]any{"Year": a.Year}))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// sortedKeys are a count map's keys, largest count first.
func sortedKeys(m map[string]int) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if m[a] != m[b] {
			return m[b] - m[a]
		}
		return strings.Compare(a, b)
	})
	return keys
}
