package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/archivetext"
	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/archive/bagit"
)

// receiveBagDialog is 接收: the archivist picks a bag's directory (ours or
// another BagIt producer's) and reads its verification: every checksum,
// Payload-Oxum, completeness, and each PDF's signature against the
// workspace CA, as `shenfa archive verify-bag DIR --ca` reports it.
func (u *ui) receiveBagDialog() {
	u.touch()
	open := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err == nil && l != nil {
			u.receiveBag(l.Path())
		}
	}, u.win)
	open.Resize(fyne.NewSize(800, 560))
	open.Show()
}

// receiveBag verifies the bag at dir off the UI goroutine and shows the report.
func (u *ui) receiveBag(dir string) {
	wait := dialog.NewCustomWithoutButtons(i18n.L("archive_receive.working"), widget.NewProgressBarInfinite(), u.win)
	wait.Show()
	var rep *archive.BagReport
	background(func() error {
		roots, err := workspaceRoots(u.ctx(), u)
		if err != nil {
			return err
		}
		rep, err = archive.VerifyBag(dir, bagSignatureCheck(roots))
		return err
	}, func(err error) {
		wait.Hide()
		if err != nil {
			dialog.ShowError(errors.New(i18n.L("cli.bagit.unreadable", map[string]any{"Dir": dir, "Detail": archiveMessage(err)})), u.win)
			return
		}
		u.showBagReport(rep)
	})
}

// showBagReport shows a bag's verification: the conclusion in its colour,
// then the checks, the records with their signatures, the files that did
// not verify and every problem.
func (u *ui) showBagReport(rep *archive.BagReport) {
	d := dialog.NewCustom(i18n.L("archive_receive.title"), i18n.L("archive_export.close"), bagReportObject(rep), u.win)
	d.Resize(fyne.NewSize(860, 600))
	d.Show()
}

// bagReportObject is the report's content, worded as archivetext words it
// for `shenfa archive verify-bag`.
func bagReportObject(rep *archive.BagReport) fyne.CanvasObject {
	b := rep.Bag
	verdict := widget.NewLabel(archivetext.Verdict(rep))
	verdict.Wrapping = wrapping()
	verdict.Importance = widget.SuccessImportance
	if !rep.Valid() {
		verdict.Importance = widget.DangerImportance
	}
	box := container.NewVBox(verdict, detailLabel(archivetext.Head(b)))
	section := func(key string) {
		box.Add(widget.NewLabelWithStyle(strings.TrimRight(i18n.L(key), "：:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	line := func(ok bagit.Status, text string) {
		box.Add(container.NewBorder(nil, nil, bagMark(ok), nil, detailLabel(text)))
	}
	section("cli.bagit.checks")
	for _, ch := range b.Checks {
		line(ch.Status, archivetext.CheckLabel(ch))
	}
	if len(rep.Records) > 0 {
		section("cli.bagit.records")
		for _, rc := range rep.Records {
			line(archivetext.RecordLine(rc))
		}
	}
	var bad []bagit.FileResult
	for _, f := range b.Files {
		if f.Status != "" {
			bad = append(bad, f)
		}
	}
	section("cli.bagit.files")
	box.Add(detailLabel(i18n.L("archive_receive.files", map[string]any{"Count": len(b.Files), "Bad": len(bad)})))
	for _, f := range bad {
		line(bagit.Failed, archivetext.FileMessage(f))
	}
	if len(b.Problems) > 0 {
		section("cli.bagit.problems")
		for _, p := range b.Problems {
			st := bagit.Failed
			if p.Severity == bagit.Warning {
				st = bagit.Skipped
			}
			line(st, archivetext.ProblemMessage(p))
		}
	}
	return container.NewVScroll(box)
}

// bagMark is a check's outcome in colour: passed, failed, or not checked
// (and warnings).
func bagMark(s bagit.Status) *widget.Label {
	m := map[bagit.Status]markStyle{bagit.Passed: {"✓", widget.SuccessImportance}, bagit.Failed: {"✗", widget.DangerImportance},
		bagit.Skipped: {"–", widget.WarningImportance}}[s]
	l := widget.NewLabel(m.mark)
	l.Importance = m.imp
	return l
}

type markStyle struct {
	mark string
	imp  widget.Importance
}
