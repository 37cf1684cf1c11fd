package app

import (
	"io"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
	"shenfa/sensitive/importer"
)

// formDialog is a dialog whose confirm button runs work off the UI
// goroutine (imports, checks and database writes take time). A refusal —
// from check, before anything runs, or from the domain — keeps the dialog
// open and says in it what is wrong and what to do.
type formDialog struct {
	d       *dialog.CustomDialog
	message *widget.Label
	ok      *widget.Button
}

func (u *ui) formDialog(title, confirm string, body fyne.CanvasObject, size fyne.Size,
	check func() error, work func() error, done func()) *formDialog {
	f := &formDialog{message: errorLabel()}
	content := container.NewBorder(nil, f.message, nil, nil, body)
	f.d = dialog.NewCustomWithoutButtons(title, content, u.win)
	cancel := widget.NewButton(i18n.L("action.cancel"), f.d.Hide)
	f.ok = widget.NewButton(confirm, func() {
		u.touch()
		if err := check(); err != nil {
			showError(f.message, err)
			return
		}
		f.ok.Disable()
		background(work, func(err error) {
			f.ok.Enable()
			showError(f.message, err)
			if err == nil {
				f.d.Hide()
				done()
			}
		})
	})
	f.ok.Importance = widget.HighImportance
	f.d.SetButtons([]fyne.CanvasObject{cancel, f.ok})
	f.d.Resize(size)
	f.d.Show()
	return f
}

// sourcePicker takes a draft's text from a file (the quick check's
// importers) or from text pasted into it.
type sourcePicker struct {
	u      *ui
	name   string // the chosen file's name, "" for pasted text
	data   []byte
	chosen *widget.Label
	paste  *widget.Entry
	object fyne.CanvasObject
}

func (u *ui) newSourcePicker() *sourcePicker {
	p := &sourcePicker{u: u, chosen: widget.NewLabel(i18n.L("draft.no_file")), paste: widget.NewMultiLineEntry()}
	p.chosen.Truncation = fyne.TextTruncateEllipsis
	p.paste.Wrapping = fyne.TextWrapBreak
	p.paste.SetPlaceHolder(i18n.L("draft.paste_hint"))
	p.paste.SetMinRowsVisible(6)
	choose := widget.NewButtonWithIcon(i18n.L("draft.choose_file"), theme.FileIcon(), p.openFile)
	clear := widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { p.setFile("", nil) })
	p.object = container.NewBorder(container.NewBorder(nil, nil, choose, clear, p.chosen), nil, nil, nil, p.paste)
	return p
}

func (p *sourcePicker) openFile() {
	p.u.touch()
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, importer.MaxFileSize+1))
		if err != nil {
			p.chosen.SetText(i18n.L("lexicons.unreadable", map[string]any{"File": r.URI().Name()}))
			return
		}
		p.setFile(r.URI().Name(), data)
	}, p.u.win)
	open.SetFilter(storage.NewExtensionFileFilter(importable))
	open.Resize(fyne.NewSize(800, 560))
	open.Show()
}

// setFile chooses a file's bytes (name "" goes back to pasted text).
func (p *sourcePicker) setFile(name string, data []byte) {
	p.name, p.data = name, data
	if name == "" {
		p.chosen.SetText(i18n.L("draft.no_file"))
		p.paste.Enable()
		return
	}
	p.chosen.SetText(i18n.L("draft.file_chosen", map[string]any{"Name": filepath.Base(name), "Size": len(data)}))
	p.paste.Disable()
}

// source is the chosen file or the pasted text; an empty one is refused.
func (p *sourcePicker) source(note string) (drafts.Source, error) {
	if p.name != "" {
		return drafts.Source{FileName: p.name, Data: p.data, Note: note}, nil
	}
	if strings.TrimSpace(p.paste.Text) == "" {
		return drafts.Source{}, i18n.Errorf("draft.need_text")
	}
	return drafts.Source{Data: []byte(p.paste.Text), Note: note}, nil
}

// parseMinute reads an optional local "YYYY-MM-DD HH:MM" (or a whole day).
func parseMinute(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{minuteLayout, "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, i18n.Errorf("error.bad_time", map[string]any{"Value": s})
}
