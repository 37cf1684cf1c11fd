package app

import (
	"io"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

// importDialog picks a lexicon file, then asks how to import it.
func (s *lexiconsScreen) importDialog() {
	s.u.touch()
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil { // r is nil when the user cancels
			s.done(err, "")
			return
		}
		defer r.Close()
		name := r.URI().Name()
		data, err := io.ReadAll(io.LimitReader(r, lexicon.MaxFileSize+1))
		if err != nil {
			s.done(i18n.Errorf("lexicons.unreadable", map[string]any{"File": name}), "")
			return
		}
		s.importOptions(name, data)
	}, s.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".toml", ".txt"}))
	d.Resize(fyne.NewSize(820, 560))
	d.Show()
}

func isTOML(name string) bool { return strings.EqualFold(filepath.Ext(name), ".toml") }

// importOptions shows what the file holds and asks whether to replace a
// lexicon of the same name and, for a plain word list, which category its
// words belong to. A file that does not parse is refused at once, naming
// the file and, where it can, the line.
func (s *lexiconsScreen) importOptions(name string, data []byte) {
	l, err := parseFile(name, data, finding.Sensitive)
	if err != nil {
		s.done(err, "")
		return
	}
	category := categorySelect(l.Category)
	replace := widget.NewCheck(i18n.L("lexicons.replace"), nil)
	items := []*widget.FormItem{formRow(i18n.L("lexicons.file"), widget.NewLabel(name)),
		formRow(i18n.L("lexicons.col_name"), widget.NewLabel(l.Name)),
		formRow(i18n.L("lexicons.col_version"), widget.NewLabel(l.Version)),
		formRow(i18n.L("lexicons.col_entries"), widget.NewLabel(i18n.L("lexicons.counts",
			map[string]any{"Entries": len(l.Entries), "Allows": len(l.Allow)})))}
	if !isTOML(name) {
		items = append(items, formRow(i18n.L("lexicons.col_category"), category))
	}
	items = append(items, formRow("", replace))
	d := dialog.NewForm(i18n.L("lexicons.import"), i18n.L("lexicons.import"), i18n.L("action.cancel"), items, func(ok bool) {
		if ok {
			s.importData(name, data, finding.Categories[category.SelectedIndex()], replace.Checked)
		}
	}, s.u.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

func parseFile(name string, data []byte, category finding.Category) (*lexicon.Lexicon, error) {
	l, err := lexicon.Parse(name, data, category)
	if err != nil {
		return nil, i18n.Errorf("lexicons.bad_file", map[string]any{"File": name, "Detail": i18n.Message(err)})
	}
	return l, nil
}

// importData parses a lexicon file, the words of a plain list taking
// category, and stores it.
func (s *lexiconsScreen) importData(name string, data []byte, category finding.Category, replace bool) {
	l, err := parseFile(name, data, category)
	if err != nil {
		s.done(err, "")
		return
	}
	s.working(func() error {
		return s.u.ws.Lexicons.Import(s.u.ctx(), s.u.sess, l, replace)
	}, func(err error) {
		if err == nil {
			s.selected = l.Name
		}
		s.done(err, i18n.L("lexicons.imported", map[string]any{"Name": l.Name, "Version": l.Version,
			"Entries": len(l.Entries), "Allows": len(l.Allow)}))
	})
}

// exportDialog writes the lexicon called name to a TOML file the user picks.
func (s *lexiconsScreen) exportDialog(name string) {
	s.u.touch()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			s.done(err, "")
			return
		}
		s.working(func() error { return s.export(name, w) }, func(err error) {
			s.done(err, i18n.L("lexicons.exported", map[string]any{"Name": name, "File": w.URI().Path()}))
		})
	}, s.u.win)
	d.SetFileName(name + ".toml")
	d.Resize(fyne.NewSize(820, 560))
	d.Show()
}

func (s *lexiconsScreen) export(name string, w io.WriteCloser) error {
	data, err := s.u.ws.Lexicons.Export(s.u.ctx(), s.u.sess, name)
	if err == nil {
		_, err = w.Write(data)
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// working runs a possibly long store call off the UI goroutine with a
// progress dialog: a lexicon may hold hundreds of thousands of words.
func (s *lexiconsScreen) working(work func() error, done func(error)) {
	wait := dialog.NewCustomWithoutButtons(i18n.L("dialog.working"), widget.NewProgressBarInfinite(), s.u.win)
	wait.Show()
	background(work, func(err error) {
		wait.Hide()
		done(err)
	})
}

// entryDialog adds (old == nil) or edits an entry or allow phrase. After a
// refused save it opens again with what was typed and why it was refused.
func (s *lexiconsScreen) entryDialog(allow bool, old *lexicon.Entry) {
	draft, oldWord := lexicon.Entry{}, ""
	if old != nil {
		draft, oldWord = *old, old.Word
	}
	if info := s.current(); info != nil && draft.Category == "" {
		draft.Category = info.Category
	}
	s.showEntryDialog(allow, oldWord, draft, nil)
}

func (s *lexiconsScreen) showEntryDialog(allow bool, oldWord string, draft lexicon.Entry, refused error) {
	word, suggestion, note := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	word.SetText(draft.Word)
	suggestion.SetText(draft.Suggestion)
	note.SetText(draft.Note)
	word.SetPlaceHolder(i18n.L("lexicons.word_hint"))
	note.SetPlaceHolder(i18n.L("lexicons.note_hint"))
	category, severity := categorySelect(draft.Category), severitySelect(draft)
	if oldWord == "" { // a new entry follows its category's default severity (GUIDE §3.3)
		category.OnChanged = func(string) {
			severity.SetSelectedIndex(slices.Index(finding.Severities, finding.DefaultSeverity(finding.Categories[category.SelectedIndex()])))
		}
	}
	var items []*widget.FormItem
	if refused != nil {
		msg := errorLabel()
		showError(msg, refused)
		items = append(items, formRow("", msg))
	}
	items = append(items, formRow(i18n.L(wordLabel(allow)), word))
	if !allow {
		items = append(items, formRow(i18n.L("lexicons.col_category"), category), formRow(i18n.L("lexicons.col_severity"), severity),
			formRow(i18n.L("lexicons.col_suggestion"), suggestion))
	}
	items = append(items, formRow(i18n.L("lexicons.col_note"), note))
	title := dialogTitle(allow, oldWord)
	d := dialog.NewForm(title, i18n.L("action.save"), i18n.L("action.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		e := lexicon.Entry{Word: word.Text, Note: note.Text}
		if !allow {
			e.Category = finding.Categories[category.SelectedIndex()]
			e.Severity = finding.Severities[severity.SelectedIndex()]
			e.Suggestion = suggestion.Text
		}
		s.putEntry(allow, oldWord, e)
	}, s.u.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

func wordLabel(allow bool) string {
	if allow {
		return "lexicons.col_phrase"
	}
	return "lexicons.col_word"
}

func dialogTitle(allow bool, oldWord string) string {
	switch {
	case allow && oldWord == "":
		return i18n.L("lexicons.add_allow")
	case allow:
		return i18n.L("lexicons.edit_allow", map[string]any{"Word": oldWord})
	case oldWord == "":
		return i18n.L("lexicons.add_entry")
	}
	return i18n.L("lexicons.edit_entry", map[string]any{"Word": oldWord})
}

// putEntry saves through the store, which validates, versions and audits.
func (s *lexiconsScreen) putEntry(allow bool, oldWord string, e lexicon.Entry) {
	store, ctx, sess, name := s.u.ws.Lexicons, s.u.ctx(), s.u.sess, s.selected
	var err error
	if allow {
		err = store.PutAllow(ctx, sess, name, oldWord, lexicon.Allow{Word: e.Word, Note: e.Note})
	} else {
		err = store.PutEntry(ctx, sess, name, oldWord, e)
	}
	if err != nil {
		s.u.touch()
		s.showEntryDialog(allow, oldWord, e, err)
		return
	}
	s.done(nil, i18n.L("lexicons.saved_ok", map[string]any{"Word": strings.TrimSpace(e.Word)}))
}

// categorySelect offers the categories of GUIDE §3.1 by their Chinese or
// English names; SelectedIndex indexes finding.Categories.
func categorySelect(selected finding.Category) *widget.Select {
	labels := make([]string, len(finding.Categories))
	for i, c := range finding.Categories {
		labels[i] = categoryLabel(string(c))
	}
	sel := widget.NewSelect(labels, nil)
	sel.SetSelectedIndex(max(0, slices.Index(finding.Categories, selected)))
	return sel
}

// severitySelect offers the severities; SelectedIndex indexes finding.Severities.
func severitySelect(e lexicon.Entry) *widget.Select {
	labels := make([]string, len(finding.Severities))
	for i, v := range finding.Severities {
		labels[i] = severityLabel(string(v))
	}
	sel := widget.NewSelect(labels, nil)
	sev := e.Severity
	if sev == "" {
		sev = finding.DefaultSeverity(e.Category)
	}
	sel.SetSelectedIndex(max(0, slices.Index(finding.Severities, sev)))
	return sel
}

func (s *lexiconsScreen) confirm(text string, yes func()) {
	s.u.touch()
	dialog.ShowConfirm(i18n.L("dialog.confirm"), text, func(ok bool) {
		if ok {
			yes()
		}
	}, s.u.win)
}
