package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/sensitive/docxnote"
	"shenfa/sensitive/importer"
)

// errSameFile: the user chose the checked draft itself as the place to save.
var errSameFile = errors.New("the annotated copy would replace the draft")

// newAnnotateButton makes the 导出带批注的 Word button, shown for a checked .docx.
func (s *quickCheck) newAnnotateButton() *widget.Button {
	b := widget.NewButtonWithIcon(i18n.L("check.annotate"), theme.DocumentSaveIcon(), s.exportAnnotated)
	b.Hide()
	return b
}

// canAnnotate reports whether a result is a .docx read from a file, which
// can be written back with its findings as comments.
func (s *quickCheck) canAnnotate(d *checkedDoc) bool {
	return d != nil && d.err == nil && d.doc != nil && d.doc.Format == importer.DOCX && s.paths[d] != ""
}

// exportAnnotated asks where to save a copy of the draft on screen with a
// Word comment on each finding. The draft is read before the dialog opens:
// the dialog empties whatever file it is given, the draft itself included.
func (s *quickCheck) exportAnnotated() {
	s.u.touch()
	d := s.current
	if !s.canAnnotate(d) {
		return
	}
	path := s.paths[d]
	orig, err := os.ReadFile(path)
	if err != nil {
		showError(s.message, annotateError(err, d, ""))
		return
	}
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			showError(s.message, err)
			return
		}
		s.annotateTo(w, d, path, orig)
	}, s.u.win)
	save.SetFileName(i18n.L("check.annotate_file", map[string]any{"Name": strings.TrimSuffix(d.name, filepath.Ext(d.name))}))
	save.SetFilter(storage.NewExtensionFileFilter([]string{".docx"}))
	if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(path))); err == nil {
		save.SetLocation(dir)
	}
	save.Resize(fyne.NewSize(820, 560))
	save.Show()
}

// annotateTo writes the annotated copy to w off the UI goroutine and says how it went.
func (s *quickCheck) annotateTo(w fyne.URIWriteCloser, d *checkedDoc, path string, orig []byte) {
	var res *docxnote.Result
	background(func() (err error) {
		res, err = writeAnnotated(w, d, path, orig)
		return err
	}, func(err error) {
		s.u.touch()
		if err != nil {
			showError(s.message, annotateError(err, d, w.URI().Path()))
			return
		}
		showError(s.message, nil)
		dialog.ShowInformation(i18n.L("check.annotate"), i18n.L("annotate.done", map[string]any{
			"File": w.URI().Path(), "InPlace": res.InPlace, "Elsewhere": res.Elsewhere}), s.u.win)
	})
}

// writeAnnotated writes the annotated draft, or — when it must not — puts
// back what the file held: the draft's own bytes if the user chose the
// draft, nothing (the file is removed) otherwise.
func writeAnnotated(w fyne.URIWriteCloser, d *checkedDoc, path string, orig []byte) (*docxnote.Result, error) {
	same := sameFile(w.URI().Path(), path)
	res, err := docxnote.Annotate(d.name, orig, d.doc.Text, d.res.Findings, docxnote.Options{})
	if err == nil && same {
		err = errSameFile
	}
	var out []byte
	switch {
	case err == nil:
		out = res.Data
	case same:
		out = orig
	}
	_, werr := w.Write(out)
	if cerr := w.Close(); werr == nil {
		werr = cerr
	}
	if err == nil {
		err = werr
	}
	if err != nil && !same {
		_ = storage.Delete(w.URI()) // leave no empty or partial file behind
	}
	return res, err
}

// sameFile reports whether two paths name one file.
func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// annotateError says why no annotated copy was written.
func annotateError(err error, d *checkedDoc, out string) error {
	data := map[string]any{"File": d.name, "Format": d.doc.Format, "Out": out}
	for _, k := range []struct {
		err error
		key string
	}{{docxnote.ErrNotDocx, "annotate.not_docx"}, {docxnote.ErrMismatch, "annotate.mismatch"},
		{docxnote.ErrNoBody, "annotate.no_body"}, {errSameFile, "annotate.same_file"}} {
		if errors.Is(err, k.err) {
			return i18n.Errorf(k.key, data)
		}
	}
	return err
}
