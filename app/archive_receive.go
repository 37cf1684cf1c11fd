package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/archive/bagit"
	"shenfa/archive/pades"
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

// bagReportObject is the report's content.
func bagReportObject(rep *archive.BagReport) fyne.CanvasObject {
	b := rep.Bag
	verdict := widget.NewLabel(bagVerdict(rep))
	verdict.Wrapping = wrapping()
	verdict.Importance = widget.SuccessImportance
	if !rep.Valid() {
		verdict.Importance = widget.DangerImportance
	}
	box := container.NewVBox(verdict, detailLabel(i18n.L("cli.bagit.head", map[string]any{"Dir": b.Dir, "Version": b.Version, "Encoding": b.Encoding})))
	section := func(key string) {
		box.Add(widget.NewLabelWithStyle(strings.TrimRight(i18n.L(key), "：:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	line := func(ok bagit.Status, text string) {
		box.Add(container.NewBorder(nil, nil, bagMark(ok), nil, detailLabel(text)))
	}
	section("cli.bagit.checks")
	for _, ch := range b.Checks {
		line(ch.Status, bagCheckLabel(ch))
	}
	if len(rep.Records) > 0 {
		section("cli.bagit.records")
		for _, rc := range rep.Records {
			st := bagit.Passed
			if len(rc.Problems) > 0 {
				st = bagit.Failed
			}
			name := rc.Code
			if name == "" {
				name = rc.Dir + "/" + rc.PDF
			}
			line(st, name+"："+strings.Join(bagRecordMessages(rc), i18n.L("cli.bagit.sep")))
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
		line(bagit.Failed, i18n.L("cli.bagit.file."+string(f.Status), map[string]any{"Path": f.Path, "Algorithms": strings.Join(f.Bad, "、")}))
	}
	if len(b.Problems) > 0 {
		section("cli.bagit.problems")
		for _, p := range b.Problems {
			st := bagit.Failed
			if p.Severity == bagit.Warning {
				st = bagit.Skipped
			}
			line(st, bagProblemMessage(p))
		}
	}
	return container.NewVScroll(box)
}

// bagVerdict is the report's conclusion, as the command line words it.
func bagVerdict(rep *archive.BagReport) string {
	if rep.Valid() {
		return i18n.L("cli.bagit.valid", map[string]any{"Files": rep.Bag.Streams, "Records": len(rep.Records)})
	}
	errs := len(rep.Bag.Errors())
	for _, rc := range rep.Records {
		errs += len(rc.Problems)
	}
	return i18n.L("cli.bagit.invalid", map[string]any{"Count": errs})
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

func bagCheckLabel(ch bagit.Check) string {
	text := i18n.L("cli.bagit.check."+string(ch.Name), map[string]any{"File": ch.File, "Algorithm": ch.Algorithm,
		"Files": ch.Files, "Detail": ch.Detail})
	switch {
	case ch.Status == bagit.Skipped:
		text += i18n.L("cli.bagit.skipped")
	case ch.Problems > 0:
		text += i18n.L("cli.bagit.check_problems", map[string]any{"Count": ch.Problems})
	}
	return text
}

// bagProblemMessage says a problem of the bag in the user's language.
func bagProblemMessage(p bagit.Problem) string {
	where := ""
	switch {
	case p.Line > 0:
		where = i18n.L("cli.bagit.where_line", map[string]any{"File": p.File, "Line": p.Line})
	case p.File != "":
		where = i18n.L("cli.bagit.where", map[string]any{"File": p.File})
	}
	key := "cli.bagit.problem." + string(p.Kind)
	if p.Kind == bagit.Unlisted && p.File == "" {
		key += "_any"
	}
	return i18n.L(key, map[string]any{"Where": where, "File": p.File, "Line": p.Line, "Path": p.Path,
		"Algorithm": p.Algorithm, "Want": p.Want, "Got": p.Got, "Detail": p.Detail})
}

// bagRecordMessages says what was found about a record of the bag.
func bagRecordMessages(rc archive.RecordCheck) []string {
	msgs := []string{}
	for _, p := range rc.Problems {
		if p != archive.SignatureFailed {
			msgs = append(msgs, i18n.L("cli.bagit.record."+string(p), map[string]any{"Detail": rc.Detail}))
		}
	}
	if rc.Code != "" && len(msgs) == 0 {
		msgs = append(msgs, i18n.L("cli.bagit.record.ok"))
	}
	return append(msgs, bagSignatureMessage(rc))
}

// bagSignatureMessage says how a PDF's signature came out, and why not.
func bagSignatureMessage(rc archive.RecordCheck) string {
	switch rc.Signature {
	case bagit.Passed:
		return i18n.L("cli.bagit.signature.ok")
	case bagit.Skipped:
		if errors.Is(rc.Err, archive.ErrUnsigned) {
			return i18n.L("cli.bagit.signature.unsigned")
		}
		return i18n.L("cli.bagit.signature.skipped")
	}
	why := rc.Detail
	for _, k := range []struct {
		err error
		key string
	}{{archive.ErrUnsigned, "unsigned"}, {pades.ErrByteRange, "byte_range"}, {pades.ErrDigest, "digest"},
		{pades.ErrSignature, "bad"}, {pades.ErrUntrusted, "untrusted"}} {
		if errors.Is(rc.Err, k.err) {
			why = i18n.L("cli.bagit.signature.why." + k.key)
			break
		}
	}
	var appended *appendedError
	if errors.As(rc.Err, &appended) {
		why = i18n.L("cli.bagit.signature.why.appended", map[string]any{"Count": appended.n})
	}
	return i18n.L("cli.bagit.signature.failed", map[string]any{"Why": why})
}
