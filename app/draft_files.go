package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/drafts"
)

// draftFiles is the 文件 tab: every version with its author, time, note,
// file name and hashes; the chosen version's original file can be saved,
// and its import report lists what a .docx carries besides the page text
// (hidden text, tracked deletions, comments, properties, links).
type draftFiles struct {
	p       *draftPage
	table   *widget.Table
	detail  *fyne.Container
	message *widget.Label
	chosen  *drafts.Version
}

var fileColumns = []struct {
	key   string
	width float32
}{{"files.col_version", 50}, {"files.col_author", 90}, {"files.col_time", 130}, {"files.col_note", 170},
	{"files.col_file", 200}, {"files.col_chars", 70}, {"files.col_text_sm3", 150}, {"files.col_file_sm3", 150}}

func newDraftFiles(p *draftPage) *draftFiles {
	f := &draftFiles{p: p, detail: container.NewVBox(), message: errorLabel()}
	f.table = widget.NewTableWithHeaders(func() (int, int) { return len(p.versions), len(fileColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(f.cell(id)) })
	f.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(i18n.L(fileColumns[id.Col].key))
		} else {
			o.(*widget.Label).SetText("")
		}
	}
	f.table.ShowHeaderColumn = false
	for i, c := range fileColumns {
		f.table.SetColumnWidth(i, c.width)
	}
	f.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(p.versions) {
			f.choose(p.versions[id.Row].Number)
		}
	}
	if n := len(p.versions); n > 0 {
		f.table.Select(widget.TableCellID{Row: n - 1, Col: 0})
	}
	return f
}

func (f *draftFiles) object() fyne.CanvasObject {
	split := container.NewVSplit(f.table, container.NewVScroll(container.NewPadded(container.NewVBox(f.message, f.detail))))
	split.Offset = 0.35
	return split
}

func (f *draftFiles) cell(id widget.TableCellID) string {
	if id.Row >= len(f.p.versions) {
		return ""
	}
	v := f.p.versions[id.Row]
	switch id.Col {
	case 0:
		return itoa(int64(v.Number))
	case 1:
		return v.Author
	case 2:
		return when(v.CreatedAt)
	case 3:
		return v.Note
	case 4:
		return v.FileName
	case 5:
		return itoa(int64(v.Chars))
	case 6:
		return v.TextSM3
	}
	return v.FileSM3
}

// choose shows a version's hashes, its file and its import report.
func (f *draftFiles) choose(number int) {
	v, err := f.p.u.ws.Drafts.Version(f.p.u.ctx(), f.p.id, number)
	showError(f.message, err)
	if err != nil {
		return
	}
	f.chosen = &v
	save := widget.NewButtonWithIcon(i18n.L("files.save", map[string]any{"Name": v.FileName}), theme.DocumentSaveIcon(), f.saveDialog)
	hashes := widget.NewLabel(i18n.L("files.hashes", map[string]any{"Version": v.Number, "Text": v.TextSM3,
		"File": v.FileSM3, "Size": len(v.File)}))
	hashes.Wrapping = fyne.TextWrapBreak
	report := widget.NewLabel(reportText(v))
	report.Wrapping = wrapping()
	f.detail.Objects = []fyne.CanvasObject{
		widget.NewCard(i18n.L("files.version_title", map[string]any{"Version": v.Number, "Author": v.Author,
			"Time": when(v.CreatedAt)}), v.Note, container.NewVBox(hashes, container.NewHBox(save))),
		widget.NewCard(i18n.L("files.report"), "", report),
	}
	f.detail.Refresh()
}

// reportText is a version's import report in words: format, encoding,
// length, damaged characters, and each hidden or extra part of a .docx.
func reportText(v drafts.Version) string {
	r := v.Report
	lines := []string{i18n.L("files.report_line", map[string]any{"Format": r.Format, "Encoding": r.Encoding, "Chars": r.Chars})}
	if len(r.Damaged) > 0 {
		lines = append(lines, i18n.L("check.damaged", map[string]any{"Count": len(r.Damaged)}))
	}
	var used []string
	for _, l := range v.Check.Lexicons {
		used = append(used, l.Name+" "+l.Version)
	}
	lines = append(lines, i18n.L("check.lexicons", map[string]any{"List": strings.Join(used, "，")}))
	doc := versionDoc(v)
	xs := extras(doc.doc, doc.text)
	if len(xs) == 0 {
		lines = append(lines, i18n.L("files.no_extras"))
	}
	for _, x := range xs {
		line, _ := doc.lines.Position(x.offset)
		lines = append(lines, "· "+x.label+" "+i18n.L("check.line", map[string]any{"Line": line}))
	}
	for _, p := range r.Properties {
		lines = append(lines, "· "+i18n.L("files.property", map[string]any{"Name": p.Name, "Value": p.Value}))
	}
	for _, l := range r.Links {
		lines = append(lines, "· "+i18n.L("files.link", map[string]any{"Target": l.Target, "Text": l.Text}))
	}
	return strings.Join(lines, "\n")
}

// saveDialog writes the chosen version's original file where the user says.
func (f *draftFiles) saveDialog() {
	v := f.chosen
	if v == nil {
		return
	}
	f.p.u.touch()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			showError(f.message, err)
			return
		}
		defer w.Close()
		if _, err := w.Write(v.File); err != nil {
			showError(f.message, i18n.Errorf("files.save_failed", map[string]any{"File": w.URI().Name(), "Detail": err.Error()}))
		}
	}, f.p.u.win)
	d.SetFileName(v.FileName)
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}
