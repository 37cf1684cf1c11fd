package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/sensitive"
	"shenfa/sensitive/importer"
)

// importable are the extensions offered in the open dialogs; .doc and .wps
// are offered so that their users get the "save as .docx" advice.
var importable = []string{".docx", ".txt", ".md", ".markdown", ".html", ".htm", ".doc", ".wps"}

// quickCheck is the 快速检查 screen: open, drop or paste drafts and see every finding.
type quickCheck struct {
	u        *ui
	checker  *sensitive.Checker
	docs     []*checkedDoc
	current  *checkedDoc
	view     *docView
	files    *widget.Select
	summary  *widget.Label
	message  *widget.Label
	progress *widget.ProgressBar
	list     *findingList
	busy     bool // a batch is being checked
	extras   *extrasPanel
	annotate *widget.Button         // exports a checked .docx with the findings as Word comments
	paths    map[*checkedDoc]string // where each checked file was read from
}

func (u *ui) quickCheckScreen() fyne.CanvasObject { return newQuickCheck(u).object() }

func newQuickCheck(u *ui) *quickCheck {
	s := &quickCheck{u: u, view: newDocView(), summary: widget.NewLabel(""), message: errorLabel(),
		progress: widget.NewProgressBar()}
	s.summary.Wrapping = wrapping()
	s.summary.SetText(i18n.L("check.empty"))
	s.progress.Hide()
	s.files = widget.NewSelect(nil, s.pick)
	s.files.PlaceHolder = i18n.L("check.no_file")
	s.files.Hide()
	s.list = newFindingList(s.view)
	s.extras = newExtrasPanel(s.view)
	s.annotate, s.paths = s.newAnnotateButton(), map[*checkedDoc]string{}
	u.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { s.dropped(uris) })
	u.offerActions(s) // open, paste, finding: for screenshot scripts (quickcheck_shots.go)
	return s
}

func (s *quickCheck) object() fyne.CanvasObject {
	tools := container.NewHBox(heading(i18n.L("nav.check")),
		widget.NewButtonWithIcon(i18n.L("check.open"), theme.FileIcon(), s.openFile),
		widget.NewButtonWithIcon(i18n.L("check.open_folder"), theme.FolderOpenIcon(), s.openFolder),
		widget.NewButtonWithIcon(i18n.L("check.paste"), theme.ContentPasteIcon(), s.pasteDialog), s.annotate)
	top := container.NewVBox(tools, container.NewBorder(nil, nil, nil, s.files, s.progress), s.message, s.summary)
	left := container.NewBorder(nil, s.extras.box, nil, nil, s.view)
	split := container.NewHSplit(left, s.list.object())
	split.Offset = 0.62
	return container.NewBorder(top, nil, nil, nil, split)
}

// load builds the checker from the workspace's enabled lexicons.
func (s *quickCheck) load() (*sensitive.Checker, error) {
	if s.checker != nil {
		return s.checker, nil
	}
	ls, err := s.u.ws.Lexicons.Enabled(context.Background())
	if err != nil {
		return nil, fmt.Errorf("load lexicons: %w", err)
	}
	c, err := sensitive.New(ls...)
	if err == nil {
		s.checker = c
	}
	return c, err
}

// run imports and checks the files one after another off the UI goroutine,
// moving the progress bar as each is done.
func (s *quickCheck) run(paths []string) {
	if len(paths) == 0 || !s.start() {
		return
	}
	s.progress.Max, s.progress.Value = float64(len(paths)), 0
	s.progress.Show()
	background(func() error {
		c, err := s.load()
		if err != nil {
			return err
		}
		for _, p := range paths {
			d := checkFile(c, p)
			fyne.Do(func() {
				s.paths[d] = p
				s.add(d)
			})
		}
		return nil
	}, s.finish)
}

// checkFile imports and checks one file; a refused file keeps its error.
func checkFile(c *sensitive.Checker, path string) *checkedDoc {
	d := &checkedDoc{name: filepath.Base(path)}
	d.doc, d.err = importer.ImportFile(path)
	return d.checked(c)
}

func (s *quickCheck) add(d *checkedDoc) {
	s.docs = append(s.docs, d)
	s.progress.SetValue(float64(len(s.docs)))
	if len(s.docs) == 1 {
		s.show(d)
	}
}

// start begins a batch unless one is running: batches share the checker
// and the list of results, so a second one waits for the user to retry.
func (s *quickCheck) start() bool {
	s.u.touch()
	if s.busy {
		showError(s.message, i18n.Errorf("check.busy"))
		return false
	}
	s.busy, s.docs, s.paths = true, nil, map[*checkedDoc]string{} // the old results go, with their paths
	return true
}

func (s *quickCheck) finish(err error) {
	s.busy = false
	s.progress.Hide()
	showError(s.message, err)
	var names []string
	for _, d := range s.docs {
		names = append(names, s.fileLabel(d))
	}
	s.files.Options = names
	s.files.Hidden = len(s.docs) < 2
	if len(s.docs) > 0 {
		s.files.SetSelectedIndex(slices.Index(s.docs, s.current))
	}
	s.files.Refresh()
}

// fileLabel names a file of a batch with its verdict.
func (s *quickCheck) fileLabel(d *checkedDoc) string {
	if d.err != nil {
		return d.name + " · " + i18n.L("check.refused")
	}
	n := d.counts()
	return i18n.L("check.file_label", map[string]any{"Name": d.name, "Block": n["block"], "Warn": n["warn"]})
}

func (s *quickCheck) pick(label string) {
	if i := slices.Index(s.files.Options, label); i >= 0 && i < len(s.docs) && s.docs[i] != s.current {
		s.show(s.docs[i])
	}
}

// show puts one checked document on screen.
func (s *quickCheck) show(d *checkedDoc) {
	s.current = d
	showError(s.message, d.err)
	s.summary.SetText(summaryText(d))
	s.view.show(d)
	s.list.show(d)
	s.extras.show(d)
	s.annotate.Hidden = !s.canAnnotate(d)
	s.annotate.Refresh()
}

func summaryText(d *checkedDoc) string {
	if d.doc == nil {
		return d.name
	}
	n := d.counts()
	text := i18n.L("check.summary", map[string]any{"Name": d.name, "Format": d.doc.Format,
		"Encoding": d.doc.Encoding, "Chars": d.res.Chars, "Block": n["block"], "Warn": n["warn"], "Info": n["info"]})
	if len(d.doc.Damaged) > 0 {
		text += "\n" + i18n.L("check.damaged", map[string]any{"Count": len(d.doc.Damaged)})
	}
	var used []string
	for _, v := range d.res.Lexicons {
		used = append(used, v.Name+" "+v.Version)
	}
	return text + "\n" + i18n.L("check.lexicons", map[string]any{"List": strings.Join(used, "，")})
}

func (s *quickCheck) openFile() {
	s.u.touch()
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			showError(s.message, err)
			return
		}
		r.Close()
		s.run([]string{r.URI().Path()})
	}, s.u.win)
	open.SetFilter(storage.NewExtensionFileFilter(importable))
	open.Resize(fyne.NewSize(800, 560))
	open.Show()
}

func (s *quickCheck) openFolder() {
	s.u.touch()
	open := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			showError(s.message, err)
			return
		}
		s.run(folderFiles(l.Path()))
	}, s.u.win)
	open.Resize(fyne.NewSize(800, 560))
	open.Show()
}

// folderFiles lists the importable files directly inside dir, by name.
func folderFiles(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var paths []string
	for _, e := range entries {
		if !e.IsDir() && slices.Contains(importable, strings.ToLower(filepath.Ext(e.Name()))) {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	return paths
}

func (s *quickCheck) dropped(uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if info, err := os.Stat(u.Path()); err == nil && info.IsDir() {
			paths = append(paths, folderFiles(u.Path())...)
		} else {
			paths = append(paths, u.Path())
		}
	}
	s.run(paths)
}

// pasteDialog checks text pasted by the user, without storing it.
func (s *quickCheck) pasteDialog() {
	s.u.touch()
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapBreak
	e.SetPlaceHolder(i18n.L("check.paste_hint"))
	d := dialog.NewCustomConfirm(i18n.L("check.paste"), i18n.L("check.run"), i18n.L("action.cancel"), e,
		func(ok bool) {
			if ok {
				s.checkText(i18n.L("check.pasted"), e.Text)
			}
		}, s.u.win)
	d.Resize(fyne.NewSize(720, 480))
	d.Show()
	s.u.win.Canvas().Focus(e)
}

func (s *quickCheck) checkText(name, text string) {
	if !s.start() {
		return
	}
	var d *checkedDoc
	background(func() error {
		c, err := s.load()
		if err != nil {
			return err
		}
		doc, err := importer.Import(name+".txt", []byte(text))
		d = (&checkedDoc{name: name, doc: doc, err: err}).checked(c)
		return nil
	}, func(err error) {
		if d != nil {
			s.add(d)
		}
		s.finish(err)
	})
}
