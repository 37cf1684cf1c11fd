package app

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/archive/rescan"
	"shenfa/sensitive/lexicon"
)

// rescanTab is the 回头看 tab: re-check every record's text with the
// lexicons as they are now, and read the stored re-scan reports, whose
// flagged records open on a tap.
type rescanTab struct {
	u        *ui
	open     func(recordID int64)
	run      *widget.Button
	stop     *widget.Button
	progress *widget.ProgressBar
	status   *widget.Label
	message  *widget.Label
	reports  []rescan.Report // newest first, without results
	list     *widget.List
	current  *rescan.Report // the report on view, with results
	head     *widget.Label
	lexicons *widget.Label // the lexicons the report on view used
	results  *widget.List
	cancel   context.CancelFunc
	// progressed is told of each step of a run, for tests that cancel.
	progressed func(done, total int)
}

// archiveRescanTab is the 回头看 tab; a flagged record's row opens it with open.
func (u *ui) archiveRescanTab(open func(recordID int64)) *container.TabItem {
	return container.NewTabItem(i18n.L("archive_rescan.tab"), newRescanTab(u, open).object())
}

func newRescanTab(u *ui, open func(int64)) *rescanTab {
	t := &rescanTab{u: u, open: open, progress: widget.NewProgressBar(), status: widget.NewLabel(""),
		message: errorLabel(), head: widget.NewLabel(""), lexicons: detailLabel("")}
	t.status.Wrapping, t.head.Wrapping = wrapping(), wrapping()
	t.run = widget.NewButtonWithIcon(i18n.L("archive_rescan.run"), theme.ViewRefreshIcon(), t.start)
	t.run.Importance = widget.HighImportance
	t.stop = widget.NewButtonWithIcon(i18n.L("action.cancel"), theme.CancelIcon(), t.abort)
	t.list = widget.NewList(func() int { return len(t.reports) }, newReportRow, t.updateReportRow)
	t.list.OnSelected = func(i widget.ListItemID) { t.show(t.reports[i].ID) }
	t.results = widget.NewList(t.resultCount, newRescanResultRow, t.updateResultRow)
	t.results.OnSelected = func(i widget.ListItemID) {
		t.results.Unselect(i)
		if t.current != nil && i < len(t.current.Results) && t.open != nil {
			t.open(t.current.Results[i].RecordID)
		}
	}
	t.idle()
	t.load(0)
	u.offerActions(t) // run, cancel, result: for screenshot scripts (archive_check_shots.go)
	return t
}

func (t *rescanTab) object() fyne.CanvasObject {
	intro := widget.NewLabel(i18n.L("archive_rescan.intro"))
	intro.Wrapping = wrapping()
	tools := container.NewBorder(nil, nil, nil, container.NewHBox(t.run, t.stop), intro)
	top := container.NewVBox(tools, t.progress, t.message, t.status)
	left := container.NewBorder(boldLabel(i18n.L("archive_rescan.reports")), nil, nil, nil, t.list)
	right := container.NewBorder(container.NewVBox(boldLabel(i18n.L("archive_rescan.flagged")), t.head, t.lexicons), nil, nil, nil, t.results)
	split := container.NewHSplit(left, right)
	split.Offset = 0.3
	return container.NewBorder(top, nil, nil, nil, split)
}

func boldLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// idle sets the buttons for no run in progress: only archivists re-scan,
// readers of the archive read the reports.
func (t *rescanTab) idle() {
	t.cancel = nil
	t.progress.Hide()
	t.stop.Disable()
	if canManageArchive(t.u) {
		t.run.Enable()
	} else {
		t.run.Disable()
	}
}

// load reads the stored reports and shows the one numbered id (0: the newest).
func (t *rescanTab) load(id int64) {
	rs, err := rescan.List(t.u.ctx(), t.u.ws.DB, t.u.sess)
	if err != nil {
		showArchiveError(t.message, err)
		return
	}
	t.reports = rs
	t.list.Refresh()
	if len(rs) == 0 {
		t.current = nil
		t.head.SetText(i18n.L("archive_rescan.none"))
		t.lexicons.SetText("")
		t.results.Refresh()
		return
	}
	for i, r := range rs {
		if r.ID == id || id == 0 {
			t.list.UnselectAll() // a row at the same place may hold another report now
			t.list.Select(i)     // shows it
			return
		}
	}
}

// show reads one stored report with its results.
func (t *rescanTab) show(id int64) {
	rep, err := rescan.Get(t.u.ctx(), t.u.ws.DB, t.u.sess, id)
	if err != nil {
		showArchiveError(t.message, err)
		return
	}
	t.current = rep
	key := "archive_rescan.head"
	if rep.Flagged == 0 {
		key = "archive_rescan.head_clean"
	}
	t.head.SetText(i18n.L(key, map[string]any{"ID": rep.ID, "Checked": rep.Checked, "Flagged": rep.Flagged,
		"Block": rep.Block, "Warn": rep.Warn}))
	t.lexicons.SetText(i18n.L("archive_rescan.lexicons", map[string]any{"List": lexiconNames(rep.Lexicons)}))
	t.results.Refresh()
}

func newReportRow() fyne.CanvasObject {
	when, what := widget.NewLabel(""), widget.NewLabel("")
	when.Truncation, what.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
	what.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(when, what)
}

// updateReportRow shows a stored report: its number and time, then who ran
// it and what it found.
func (t *rescanTab) updateReportRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := t.reports[i]
	row := o.(*fyne.Container)
	row.Objects[0].(*widget.Label).SetText(i18n.L("archive_rescan.report_when", map[string]any{"ID": r.ID,
		"When": r.Finished.Local().Format("2006-01-02 15:04")}))
	row.Objects[1].(*widget.Label).SetText(i18n.L("archive_rescan.report_what", map[string]any{"By": t.u.personName(r.By),
		"Checked": r.Checked, "Flagged": r.Flagged}))
}

func lexiconNames(ls []lexicon.Version) string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = l.Name + " " + l.Version
	}
	return strings.Join(names, "，")
}

// start re-scans the archive off the UI goroutine with the workspace's
// current lexicons; a cancelled run stores nothing.
func (t *rescanTab) start() {
	t.u.touch()
	if t.cancel != nil || !canManageArchive(t.u) {
		return
	}
	ctx, cancel := context.WithCancel(t.u.ctx())
	t.cancel = cancel
	t.run.Disable()
	t.stop.Enable()
	t.message.Hide()
	t.progress.Max, t.progress.Value = 1, 0
	t.progress.Show()
	t.status.SetText(i18n.L("archive_rescan.running"))
	var rep *rescan.Report
	background(func() error {
		c, err := t.u.ws.Checker(ctx)
		if err != nil {
			return err
		}
		rep, err = rescan.Run(ctx, t.u.ws.DB, t.u.sess, c, rescan.Options{Now: archiveClock, Progress: func(done, total int) {
			if !progressStep(done, total) {
				return
			}
			fyne.Do(func() {
				t.progress.Max = float64(total)
				t.progress.SetValue(float64(done))
				if t.progressed != nil {
					t.progressed(done, total)
				}
			})
		}})
		return err
	}, func(err error) {
		cancel()
		t.idle()
		switch {
		case errors.Is(err, context.Canceled):
			t.status.SetText(i18n.L("archive_rescan.cancelled"))
		case err != nil:
			t.status.SetText("")
			showArchiveError(t.message, err)
		default:
			t.status.SetText(i18n.L("archive_rescan.done", map[string]any{"ID": rep.ID, "Checked": rep.Checked, "Flagged": rep.Flagged}))
			t.load(rep.ID)
		}
	})
}

func (t *rescanTab) abort() {
	t.u.touch()
	if t.cancel != nil {
		t.cancel()
	}
}

func (t *rescanTab) resultCount() int {
	if t.current == nil {
		return 0
	}
	return len(t.current.Results)
}

func newRescanResultRow() fyne.CanvasObject {
	block, warn := widget.NewLabel(""), widget.NewLabel("")
	block.Importance, warn.Importance = widget.DangerImportance, widget.WarningImportance
	title, words := widget.NewLabel(""), widget.NewLabel("")
	title.Truncation, words.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
	words.SizeName = theme.SizeNameCaptionText
	return container.NewBorder(nil, nil, container.NewHBox(block, warn), nil, container.NewVBox(title, words))
}

// updateResultRow shows a flagged record: its new block and warn counts in
// colour, its 档号 and title, and the words found.
func (t *rescanTab) updateResultRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := t.current.Results[i]
	row := o.(*fyne.Container)
	counts := row.Objects[1].(*fyne.Container)
	for j, n := range []int{r.Block, r.Warn} {
		l := counts.Objects[j].(*widget.Label)
		l.SetText(severityCount([]string{"block", "warn"}[j], n))
		if n == 0 {
			l.Hide() // an empty label would still take its padding
		} else {
			l.Show()
		}
	}
	text := row.Objects[0].(*fyne.Container)
	text.Objects[0].(*widget.Label).SetText(r.Code + "　" + r.Title)
	var words []string
	for _, f := range r.Findings {
		w := "“" + f.Text + "”"
		if len(words) < 8 && !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	text.Objects[1].(*widget.Label).SetText(i18n.L("archive_rescan.words", map[string]any{"Words": strings.Join(words, "、")}))
}

func severityCount(sev string, n int) string {
	if n == 0 {
		return ""
	}
	return severityLabel(sev) + " " + itoa(int64(n))
}
