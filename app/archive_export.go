package app

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/archivetext"
	"shenfa/app/i18n"
	"shenfa/archive"
)

// Export kinds of the export dialog.
const (
	exportPDF = iota // one signed PDF per record into a folder
	exportBag        // one BagIt bag (移交)
)

// exportDialog exports records as PDF files or as a BagIt bag, in the
// background, and says what happened: where the files went, or why not and
// that nothing that looks complete was left behind.
type exportDialog struct {
	u        *ui
	ids      []int64
	d        *dialog.CustomDialog
	kind     *widget.RadioGroup
	folder   *widget.Entry // the folder the PDFs or the bag go into
	name     *widget.Entry // the bag's directory name
	progress *widget.ProgressBarInfinite
	result   *widget.Label
	ok       *widget.Button
	close    *widget.Button
	done     bool // the export succeeded: the dialog only closes now
}

// exportRecordsDialog offers to export the records ids.
func (u *ui) exportRecordsDialog(ids []int64) { u.newExportDialog(ids).d.Show() }

func (u *ui) newExportDialog(ids []int64) *exportDialog {
	e := &exportDialog{u: u, ids: ids, folder: widget.NewEntry(), name: widget.NewEntry(),
		progress: widget.NewProgressBarInfinite(), result: widget.NewLabel("")}
	e.result.Wrapping = wrapping()
	e.result.Hide()
	e.progress.Hide()
	e.progress.Stop()
	e.folder.SetPlaceHolder(i18n.L("archive_export.folder_hint"))
	e.name.SetText(i18n.L("archive_export.bag_name", map[string]any{"When": archiveClock().Local().Format("20060102-150405")}))
	pdf, bag := i18n.L("archive_export.kind_pdf"), i18n.L("archive_export.kind_bag")
	e.kind = widget.NewRadioGroup([]string{pdf, bag}, func(s string) {
		if s == bag {
			e.name.Enable()
		} else {
			e.name.Disable()
		}
	})
	e.kind.Required = true
	e.kind.SetSelected(pdf)
	choose := widget.NewButton(i18n.L("archive_export.choose"), e.chooseFolder)
	form := widget.NewForm(formRow(i18n.L("archive_export.kind"), e.kind),
		formRow(i18n.L("archive_export.folder"), container.NewBorder(nil, nil, nil, choose, e.folder)),
		formRow(i18n.L("archive_export.name"), e.name))
	intro := widget.NewLabel(i18n.L("archive_export.intro", map[string]any{"Count": len(ids)}))
	intro.Wrapping = wrapping()
	body := container.NewVBox(intro, form, e.progress, e.result)
	e.d = dialog.NewCustomWithoutButtons(i18n.L("archive_export.title"), body, u.win)
	e.close = widget.NewButton(i18n.L("archive_export.close"), e.d.Hide)
	e.ok = widget.NewButton(i18n.L("archive_export.run"), e.start)
	e.ok.Importance = widget.HighImportance
	e.d.SetButtons([]fyne.CanvasObject{e.close, e.ok})
	e.d.Resize(fyne.NewSize(640, 420))
	return e
}

func (e *exportDialog) chooseFolder() {
	e.u.touch()
	open := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err == nil && l != nil {
			e.folder.SetText(l.Path())
		}
	}, e.u.win)
	open.Resize(fyne.NewSize(800, 560))
	open.Show()
}

// target is where the export goes: the folder, or the bag inside it.
func (e *exportDialog) target() (string, error) {
	dir := strings.TrimSpace(e.folder.Text)
	if dir == "" {
		return "", i18n.Errorf("archive_export.no_folder")
	}
	if e.kind.Selected != i18n.L("archive_export.kind_bag") {
		return dir, nil
	}
	name := strings.TrimSpace(e.name.Text)
	if name == "" || archive.SafeName(name) != name || name == "." || name == ".." {
		return "", i18n.Errorf("archive_export.bad_name")
	}
	return filepath.Join(dir, name), nil
}

// start runs the export off the UI goroutine.
func (e *exportDialog) start() {
	e.u.touch()
	if e.done {
		e.d.Hide()
		return
	}
	dir, err := e.target()
	if err != nil {
		e.say(err.Error(), widget.DangerImportance)
		return
	}
	bag := e.kind.Selected == i18n.L("archive_export.kind_bag")
	e.ok.Disable()
	e.close.Disable()
	e.result.Hide()
	e.progress.Show()
	e.progress.Start()
	var paths []string
	background(func() error {
		if bag {
			return archive.Export{Store: e.u.ws.Archive, Agent: "Shenfa 审发"}.Bag(e.u.ctx(), e.u.sess, e.ids, dir)
		}
		var err error
		paths, err = e.u.ws.Archive.ExportPDFs(e.u.ctx(), e.u.sess, e.ids, dir)
		return err
	}, func(err error) {
		e.progress.Stop()
		e.progress.Hide()
		e.ok.Enable()
		e.close.Enable()
		switch {
		case err != nil:
			e.say(exportFailure(err, dir), widget.DangerImportance)
		case bag:
			e.finished(i18n.L("archive_export.done_bag", map[string]any{"Count": len(e.ids), "Dir": dir}))
		default:
			e.finished(i18n.L("archive_export.done_pdf", map[string]any{"Count": len(paths), "Dir": dir,
				"Files": strings.Join(baseNames(paths), "、")}))
		}
	})
}

// finished shows the success and turns 导出 into 完成.
func (e *exportDialog) finished(text string) {
	e.done = true
	e.ok.SetText(i18n.L("archive_export.finish"))
	e.say(text, widget.SuccessImportance)
}

func (e *exportDialog) say(text string, imp widget.Importance) {
	e.result.SetText(text)
	e.result.Importance = imp
	e.result.Show()
	e.result.Refresh()
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// exportFailure says why an export failed in the archivist's words, as
// archivetext words it for the command line; any other error as the
// archive's own messages say it.
func exportFailure(err error, dir string) string {
	if msg, ok := archivetext.ExportFailure(err, dir); ok {
		return msg
	}
	return i18n.L("archive_export.failed", map[string]any{"Detail": archiveMessage(err)})
}
