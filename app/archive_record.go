package app

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/review/drafts"
)

// The record page's tabs, in order.
const (
	recordTabText = iota
	recordTabApprovals
	recordTabHistory
	recordTabFindings
)

var recordTabKeys = []string{"archive.record_tab_text", "archive.record_tab_approvals", "archive.record_tab_history",
	"archive.record_tab_findings"}

// recordPage is one sealed record, read-only: its metadata, the final text
// with its findings marked, the approval timeline with a verification mark
// on every sign-off, the history and the findings; its PDF can be opened
// in the system viewer or saved.
type recordPage struct {
	s        *archiveScreen
	ref      string // id or 档号
	back     func()
	r        *archive.Record
	marks    recordMarks
	title    *widget.Label
	details  *fyne.Container
	marksBox *fyne.Container
	message  *widget.Label
	tabs     *container.AppTabs
	root     fyne.CanvasObject
}

func newRecordPage(s *archiveScreen, ref string, back func()) *recordPage {
	p := &recordPage{s: s, ref: ref, back: back, title: widget.NewLabel(""), details: container.NewGridWithColumns(3),
		marksBox: container.NewHBox(), message: errorLabel()}
	p.title.TextStyle = fyne.TextStyle{Bold: true}
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.title.Truncation = fyne.TextTruncateEllipsis
	backButton := widget.NewButtonWithIcon(i18n.L("draft.back"), theme.NavigateBackIcon(), back)
	open := widget.NewButtonWithIcon(i18n.L("archive.open_pdf"), theme.FileApplicationIcon(), p.openPDF)
	save := widget.NewButtonWithIcon(i18n.L("archive.save_pdf"), theme.DocumentSaveIcon(), p.savePDF)
	actions := container.NewHBox(open, save)
	if s.manage {
		actions.Add(widget.NewButtonWithIcon(i18n.L("archive_export.action"), theme.DocumentSaveIcon(), func() {
			if p.r != nil {
				s.u.exportRecordsDialog([]int64{p.r.ID})
			}
		}))
	}
	p.tabs = container.NewAppTabs()
	top := container.NewVBox(container.NewBorder(nil, nil, backButton, actions, p.title),
		p.details, p.marksBox, p.message, widget.NewSeparator())
	p.root = container.NewBorder(top, nil, nil, nil, p.tabs)
	var err error
	if p.r, err = s.u.ws.Archive.Get(s.u.ctx(), s.u.sess, ref); err != nil {
		showArchiveError(p.message, err)
		open.Disable()
		save.Disable()
		return p
	}
	p.marks = p.verify()
	p.title.SetText(i18n.L("archive.record_heading", map[string]any{"Code": p.r.Code, "Title": p.r.Title}))
	p.showDetails()
	p.showMarks()
	for i, k := range recordTabKeys {
		p.tabs.Append(container.NewTabItem(i18n.L(k), p.tab(i)))
	}
	s.u.offerActions(p)
	return p
}

func (p *recordPage) object() fyne.CanvasObject { return p.root }

func (p *recordPage) showDetails() {
	r, m := p.r, p.r.Manifest
	items := []struct{ key, value string }{
		{"archive.field_code", r.Code},
		{"archive.field_retention", i18n.L(retentionKey(r.Retention))},
		{"archive.field_year", itoa(int64(r.Year))},
		{"draft.field_channel", m.Channel.Name + "（" + m.Channel.Platform + "）"},
		{"archive.field_grade", m.Grade.ID + " " + m.Grade.Label},
		{"draft.field_author", m.Author.FullName + "（" + m.Author.Name + "）"},
		{"archive.field_sealed", when(r.SealedAt) + " · " + m.Archivist.FullName},
		{"archive.field_policy", m.Policy.Name + " " + m.Policy.Version},
		{"archive.field_version", i18n.L("archive.version_chars", map[string]any{"Version": m.FinalVersion, "Chars": m.Chars})},
	}
	if m.Published != nil {
		items = append(items, struct{ key, value string }{"archive.field_published", when(m.Published.At) + " " + m.Published.URL})
	}
	p.details.Objects = nil
	for _, it := range items {
		l := widget.NewLabel(i18n.L(it.key) + "：" + it.value)
		l.Truncation = fyne.TextTruncateEllipsis
		p.details.Add(l)
	}
}

// retentionKey names a stored retention code.
func retentionKey(code string) string {
	return map[string]string{"Y": "retention.y", "D30": "retention.d30", "D10": "retention.d10"}[code]
}

// recordMarks are the checks the page runs on opening: each sign-off of the
// manifest with the key it carries and their chain, the final text against
// its SM3, and the PDF against its SHA-256 and on its own as any reader
// would verify it (signature, trust in the workspace's CAs, the embedded
// manifest, original and text: archive.VerifyPDF).
type recordMarks struct {
	signOffs map[int]archive.SignOffProblem // by seq
	chainBad int                            // the sign-off that breaks the chain, 0 if none
	text     bool
	pdf      bool
}

func (p *recordPage) verify() recordMarks {
	r := p.r
	mk := recordMarks{signOffs: map[int]archive.SignOffProblem{}}
	for _, so := range r.Manifest.SignOffs {
		mk.signOffs[so.Seq] = archive.VerifySignOff(r.Manifest, so)
	}
	mk.chainBad, _ = archive.VerifyChain(r.Manifest)
	sum := drafts.SM3([]byte(r.Text))
	mk.text = sum == r.TextSM3 && sum == r.Manifest.TextSM3
	pdfSum := sha256.Sum256(r.PDF)
	mk.pdf = hex.EncodeToString(pdfSum[:]) == r.PDFSHA256
	if roots, err := workspaceRoots(p.s.u.ctx(), p.s.u); err != nil || !archive.VerifyPDF(r.PDF, roots).OK() {
		mk.pdf = false
	}
	return mk
}

// showMarks states the checks in a line of marks under the details.
func (p *recordPage) showMarks() {
	mk := p.marks
	bad := 0
	for _, v := range mk.signOffs {
		if !v.OK() {
			bad++
		}
	}
	if mk.chainBad != 0 && mk.signOffs[mk.chainBad].OK() {
		bad++
	}
	p.marksBox.Objects = nil
	p.marksBox.Add(mark(bad == 0, i18n.L("archive.mark_signoffs", map[string]any{"Count": len(mk.signOffs)}),
		i18n.L("archive.mark_signoffs_bad", map[string]any{"Count": bad})))
	p.marksBox.Add(mark(mk.text, i18n.L("archive.mark_text"), i18n.L("archive.mark_text_bad")))
	p.marksBox.Add(mark(mk.pdf, i18n.L("archive.mark_pdf"), i18n.L("archive.mark_pdf_bad")))
}

// mark is a check's verdict: an icon and words in the colour of the verdict.
func mark(ok bool, good, bad string) fyne.CanvasObject {
	icon, l := widget.NewIcon(theme.ConfirmIcon()), widget.NewLabel(good)
	l.Importance = widget.SuccessImportance
	if !ok {
		icon.SetResource(theme.ErrorIcon())
		l.SetText(bad)
		l.Importance = widget.DangerImportance
	}
	return container.NewHBox(icon, l)
}

// openPDF opens a temporary copy of the PDF in the system's viewer.
func (p *recordPage) openPDF() {
	p.s.u.touch()
	dir, err := os.MkdirTemp("", "shenfa-record-")
	if err == nil {
		path := filepath.Join(dir, archive.SafeName(p.r.Code)+".pdf")
		if err = os.WriteFile(path, p.r.PDF, 0o600); err == nil {
			err = openWithViewer(path)
		}
	}
	if err != nil {
		showError(p.message, i18n.Errorf("archive.open_failed", map[string]any{"Detail": err.Error()}))
		return
	}
	showError(p.message, nil)
}

// openWithViewer hands a file to the desktop's viewer (xdg-open); tests
// replace it.
var openWithViewer = func(path string) error {
	cmd := exec.Command("xdg-open", path)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; the viewer outlives the call
	return nil
}

// savePDF writes the PDF where the user says.
func (p *recordPage) savePDF() {
	p.s.u.touch()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			showError(p.message, err)
			return
		}
		defer w.Close()
		if _, err := w.Write(p.r.PDF); err != nil {
			showError(p.message, i18n.Errorf("files.save_failed", map[string]any{"File": w.URI().Name(), "Detail": err.Error()}))
		}
	}, p.s.u.win)
	d.SetFileName(archive.SafeName(p.r.Code) + ".pdf")
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}
