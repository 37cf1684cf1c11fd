package app

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/archive/check"
	"shenfa/review/account"
)

// archiveClock is the clock verification reports and re-scans are dated
// with; tests fix it so that markup masters stay the same.
var archiveClock = time.Now

// maxRecordsPerItem bounds the records listed under one check item: the
// list on the right has every record, this only points at the first.
const maxRecordsPerItem = 12

// checkTab is the 四性检测 tab: verify one record or the whole archive and
// read the report by 真实性, 完整性, 可用性 and 安全性.
type checkTab struct {
	u        *ui
	open     func(recordID int64)
	tools    check.Tools // nil: the programs installed here (tests inject)
	scope    *widget.Entry
	run      *widget.Button
	stop     *widget.Button
	saveJSON *widget.Button
	savePDF  *widget.Button
	progress *widget.ProgressBar
	summary  *widget.Label
	message  *widget.Label
	items    *fyne.Container // the items, grouped by property
	records  *widget.List
	report   *check.Report
	cancel   context.CancelFunc // the run in progress, nil when none
	// progressed is told of each step of a run, for tests that cancel.
	progressed func(done, total int)
}

// archiveCheckTab is the 四性检测 tab; a record's row opens it with open.
func (u *ui) archiveCheckTab(open func(recordID int64)) *container.TabItem {
	return container.NewTabItem(i18n.L("archive_check.tab"), newCheckTab(u, open).object())
}

func newCheckTab(u *ui, open func(int64)) *checkTab {
	t := &checkTab{u: u, open: open, scope: widget.NewEntry(), progress: widget.NewProgressBar(),
		summary: widget.NewLabel(i18n.L("archive_check.empty")), message: errorLabel(), items: container.NewVBox()}
	t.scope.SetPlaceHolder(i18n.L("archive_check.scope"))
	t.scope.OnSubmitted = func(string) { t.start() }
	t.summary.Wrapping = wrapping()
	t.run = widget.NewButtonWithIcon(i18n.L("archive_check.run"), theme.ConfirmIcon(), t.start)
	t.run.Importance = widget.HighImportance
	t.stop = widget.NewButtonWithIcon(i18n.L("action.cancel"), theme.CancelIcon(), t.abort)
	t.saveJSON = widget.NewButtonWithIcon(i18n.L("archive_check.save_json"), theme.DocumentSaveIcon(), func() { t.save("json") })
	t.savePDF = widget.NewButtonWithIcon(i18n.L("archive_check.save_pdf"), theme.DocumentSaveIcon(), func() { t.save("pdf") })
	t.records = widget.NewList(t.recordCount, newCheckRecordRow, t.updateRecordRow)
	t.records.OnSelected = func(i widget.ListItemID) {
		t.records.Unselect(i)
		if t.report != nil && i < len(t.report.Records) && t.open != nil {
			t.open(t.report.Records[i].ID)
		}
	}
	t.idle()
	u.offerActions(t) // run, cancel, record: for screenshot scripts (archive_check_shots.go)
	return t
}

func (t *checkTab) object() fyne.CanvasObject {
	receive := widget.NewButtonWithIcon(i18n.L("archive_receive.open"), theme.FolderOpenIcon(), t.u.receiveBagDialog)
	if !canManageArchive(t.u) {
		receive.Disable() // 接收 is the archivist's
	}
	tools := container.NewBorder(nil, nil, nil, container.NewHBox(t.run, t.stop), t.scope)
	files := container.NewHBox(t.saveJSON, t.savePDF, layout.NewSpacer(), receive)
	top := container.NewVBox(tools, files, t.progress, t.message, t.summary)
	right := container.NewBorder(widget.NewLabelWithStyle(i18n.L("archive_check.records"), fyne.TextAlignLeading,
		fyne.TextStyle{Bold: true}), nil, nil, nil, t.records)
	split := container.NewHSplit(container.NewVScroll(t.items), right)
	split.Offset = 0.6
	return container.NewBorder(top, nil, nil, nil, split)
}

// idle sets the buttons for no run in progress.
func (t *checkTab) idle() {
	t.cancel = nil
	t.run.Enable()
	t.scope.Enable()
	t.stop.Disable()
	t.progress.Hide()
	if t.report == nil {
		t.saveJSON.Disable()
		t.savePDF.Disable()
	} else {
		t.saveJSON.Enable()
		t.savePDF.Enable()
	}
}

// start verifies the records the scope names (every record when it is
// empty) off the UI goroutine, moving the progress bar after each record.
func (t *checkTab) start() {
	t.u.touch()
	if t.cancel != nil {
		return
	}
	refs := strings.FieldsFunc(t.scope.Text, func(r rune) bool { return r == ',' || r == '，' || r == ' ' || r == '、' })
	ctx, cancel := context.WithCancel(t.u.ctx())
	t.cancel = cancel
	t.run.Disable()
	t.scope.Disable()
	t.stop.Enable()
	t.saveJSON.Disable()
	t.savePDF.Disable()
	t.message.Hide()
	t.progress.Max, t.progress.Value = 1, 0
	t.progress.Show()
	t.summary.SetText(i18n.L("archive_check.running"))
	c := check.New(t.u.ws.DB, t.options()...)
	var rep *check.Report
	background(func() error {
		var err error
		rep, err = c.Verify(ctx, t.u.sess, refs, func(done, total int) {
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
		})
		return err
	}, func(err error) {
		cancel()
		t.finish(rep, err)
	})
}

// progressStep says whether the progress bar moves after done of total:
// about 200 times a run, so that 100,000 records do not queue 100,000
// redraws on the UI goroutine.
func progressStep(done, total int) bool {
	return done == total || done%max(1, total/200) == 0
}

// options are the checker's: the PAdES verifier with the workspace CA, the
// clock, and the tools when a test injects them.
func (t *checkTab) options() []check.Option {
	opts := []check.Option{check.WithSignatures(signatureVerifier(t.u)), check.WithClock(archiveClock)}
	if t.tools != nil {
		opts = append(opts, check.WithTools(t.tools))
	}
	return opts
}

func (t *checkTab) abort() {
	t.u.touch()
	if t.cancel != nil {
		t.cancel()
	}
}

// finish shows the report, or why there is none; a cancelled run keeps the
// report that was on view.
func (t *checkTab) finish(rep *check.Report, err error) {
	t.cancel = nil
	switch {
	case errors.Is(err, context.Canceled):
		t.summary.SetText(i18n.L("archive_check.cancelled"))
	case errors.Is(err, check.ErrNoRecord):
		t.summary.SetText("")
		showError(t.message, i18n.Errorf("archive_check.no_record", map[string]any{"Ref": t.scope.Text}))
	case err != nil:
		t.summary.SetText("")
		showArchiveError(t.message, err)
	default:
		t.show(rep)
	}
	t.idle()
}

// show lays out a report: the conclusion, the items under their property
// and the records on the right.
func (t *checkTab) show(rep *check.Report) {
	t.report = rep
	t.summary.SetText(i18n.L("archive_check.summary", map[string]any{"Status": checkStatusText(rep.Status),
		"Records": len(rep.Records), "Pass": rep.Counts[check.Pass], "Warn": rep.Counts[check.Warn],
		"Fail": rep.Counts[check.Fail], "Skipped": rep.Counts[check.Skipped], "By": t.u.personName(rep.By),
		"When": rep.Finished.Local().Format("2006-01-02 15:04:05")}) + problemsLine(rep))
	t.summary.Importance = checkStatusImportance(rep.Status)
	t.summary.Refresh()
	t.items.Objects = nil
	for _, p := range check.Properties {
		groups := itemGroups(rep, p)
		if len(groups) == 0 {
			continue
		}
		t.items.Add(widget.NewLabelWithStyle(i18n.L("archive_check.property."+string(p)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, g := range groups {
			t.items.Add(t.groupObject(g, len(rep.Records)))
		}
		t.items.Add(widget.NewSeparator())
	}
	t.items.Refresh()
	t.records.Refresh()
}

// personName is a sign-in name as reports show it: with the full name
// when it is the user signed in.
func (u *ui) personName(name string) string {
	if u.sess != nil && u.sess.User.Name == name {
		return u.sess.User.FullName
	}
	return name
}

// problemsLine names the items that failed or warned, so that the reason
// for the conclusion is on view without scrolling to it.
func problemsLine(rep *check.Report) string {
	var lines []string
	for _, st := range []check.Status{check.Fail, check.Warn} {
		var names []string
		for _, p := range check.Properties {
			for _, g := range itemGroups(rep, p) {
				if g.counts[st] > 0 {
					names = append(names, i18n.L("archive_check.property."+string(p))+"·"+g.name)
				}
			}
		}
		if len(names) > 0 {
			lines = append(lines, i18n.L("archive_check.problems."+string(st), map[string]any{"Items": strings.Join(names, "、")}))
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return "\n" + strings.Join(lines, "\n")
}

// itemGroup is one check item across the records of a run: its verdict on
// each record, in record order.
type itemGroup struct {
	name   string
	status check.Status // the worst
	counts map[check.Status]int
	hits   []itemHit // every record where it did not pass, or the one record checked
	ws     bool      // an item of the workspace as a whole
	detail string    // a workspace item's detail
}

type itemHit struct {
	rec  check.RecordReport
	item check.Item
}

// itemGroups gathers a property's items by id, workspace items first.
func itemGroups(rep *check.Report, p check.Property) []*itemGroup {
	var out []*itemGroup
	for _, it := range rep.Workspace {
		if it.Property == p {
			out = append(out, &itemGroup{name: it.Name, status: it.Status, counts: map[check.Status]int{it.Status: 1}, ws: true, detail: it.Detail})
		}
	}
	byID := map[string]*itemGroup{}
	for _, rr := range rep.Records {
		for _, it := range rr.Items {
			if it.Property != p {
				continue
			}
			g := byID[it.ID]
			if g == nil {
				g = &itemGroup{name: it.Name, status: check.Pass, counts: map[check.Status]int{}}
				byID[it.ID] = g
				out = append(out, g)
			}
			g.counts[it.Status]++
			if checkStatusRank(it.Status) > checkStatusRank(g.status) {
				g.status = it.Status
			}
			if it.Status != check.Pass || len(rep.Records) == 1 {
				g.hits = append(g.hits, itemHit{rr, it})
			}
		}
	}
	return out
}

func checkStatusRank(s check.Status) int {
	return map[check.Status]int{check.Pass: 0, check.Skipped: 1, check.Warn: 2, check.Fail: 3}[s]
}

// groupObject is one check item: its verdict in colour, its name, how many
// records passed, and the records where it did not, each opening its record.
func (t *checkTab) groupObject(g *itemGroup, records int) fyne.CanvasObject {
	badge := checkStatusBadge(g.status)
	line := g.name
	if !g.ws && records > 1 {
		line += "　" + i18n.L("archive_check.item_counts", map[string]any{"Pass": g.counts[check.Pass], "Total": records})
	}
	head := container.NewBorder(nil, nil, badge, nil, widget.NewLabel(line))
	box := container.NewVBox(head)
	if g.ws {
		box.Add(detailLabel(g.detail))
	}
	for i, h := range g.hits {
		if i == maxRecordsPerItem {
			box.Add(detailLabel(i18n.L("archive_check.more_records", map[string]any{"Count": len(g.hits) - i})))
			break
		}
		box.Add(t.hitObject(h, records))
	}
	return box
}

// hitObject is one record's verdict on an item: the record's 档号 (which
// opens it) unless only one record was checked, then the detail.
func (t *checkTab) hitObject(h itemHit, records int) fyne.CanvasObject {
	detail := detailLabel(h.item.Detail)
	if records == 1 {
		return detail
	}
	id := h.rec.ID
	link := widget.NewButton(h.rec.Code, func() {
		if t.open != nil {
			t.open(id)
		}
	})
	link.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, container.NewHBox(checkStatusBadge(h.item.Status), link), nil, detail)
}

func detailLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = wrapping()
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// checkStatusBadge is a verdict in its colour: 通过 green, 警告 amber, 不通过 red,
// 未检查 grey (a missing tool is never a pass).
func checkStatusBadge(s check.Status) *widget.Label {
	l := widget.NewLabel(checkStatusText(s))
	l.Importance = checkStatusImportance(s)
	return l
}

func checkStatusText(s check.Status) string { return i18n.L("archive_check.status." + string(s)) }

func checkStatusImportance(s check.Status) widget.Importance {
	switch s {
	case check.Pass:
		return widget.SuccessImportance
	case check.Warn:
		return widget.WarningImportance
	case check.Fail:
		return widget.DangerImportance
	}
	return widget.LowImportance
}

func (t *checkTab) recordCount() int {
	if t.report == nil {
		return 0
	}
	return len(t.report.Records)
}

func newCheckRecordRow() fyne.CanvasObject {
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, container.NewHBox(checkStatusBadge(check.Pass), widget.NewLabel("")), nil, title)
}

func (t *checkTab) updateRecordRow(i widget.ListItemID, o fyne.CanvasObject) {
	rr := t.report.Records[i]
	row := o.(*fyne.Container)
	left := row.Objects[1].(*fyne.Container)
	badge := left.Objects[0].(*widget.Label)
	badge.Importance = checkStatusImportance(rr.Status)
	badge.SetText(checkStatusText(rr.Status))
	left.Objects[1].(*widget.Label).SetText(rr.Code)
	row.Objects[0].(*widget.Label).SetText(rr.Title)
}

// save writes the report on view as JSON or as PDF where the user says.
func (t *checkTab) save(kind string) {
	t.u.touch()
	if t.report == nil {
		return
	}
	rep := t.report
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			showError(t.message, err)
			return
		}
		path := w.URI().Path()
		w.Close()
		var data []byte
		background(func() error {
			var err error
			if data, err = reportBytes(rep, kind); err == nil {
				err = os.WriteFile(path, data, 0o600)
			}
			return err
		}, func(err error) {
			if err != nil {
				showError(t.message, i18n.Errorf("files.save_failed", map[string]any{"File": path, "Detail": err.Error()}))
				return
			}
			t.message.Hide()
			t.summary.SetText(t.summary.Text + "\n" + i18n.L("archive_check.saved", map[string]any{"File": path}))
		})
	}, t.u.win)
	d.SetFileName(i18n.L("archive_check.file_name", map[string]any{"When": rep.Finished.Local().Format("20060102-150405")}) + "." + kind)
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// reportBytes is a report as JSON (as `shenfa archive verify --json` writes
// it) or as its PDF.
func reportBytes(rep *check.Report, kind string) ([]byte, error) {
	if kind == "pdf" {
		return rep.PDF()
	}
	b, err := json.MarshalIndent(rep, "", "  ")
	return append(b, '\n'), err
}

// canManageArchive reports whether the user may run what changes the
// archive's records of work: re-scans and exports.
func canManageArchive(u *ui) bool { return u.sess != nil && u.sess.User.Can(account.ManageArchive) }
