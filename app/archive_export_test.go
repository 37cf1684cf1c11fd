package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/archive"
	"shenfa/archive/bagit"
)

func TestExportPDFsDialog(t *testing.T) {
	u := sealedUI(t, "archivist")
	ids := recordIDs(t, u)
	dir := filepath.Join(t.TempDir(), "导出")
	e := u.newExportDialog(ids)
	test.Tap(e.ok) // no folder yet
	if !e.result.Visible() || e.result.Text != L("archive_export.no_folder") {
		t.Fatalf("without a folder: %q", e.result.Text)
	}
	e.folder.SetText(dir)
	test.Tap(e.ok)
	if e.result.Importance != widget.SuccessImportance || !e.done {
		t.Fatalf("export: %q", e.result.Text)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) != 2 {
		t.Fatalf("exported %v", files)
	}
	for _, f := range files {
		if !strings.Contains(e.result.Text, filepath.Base(f)) {
			t.Errorf("the result %q does not name %s", e.result.Text, filepath.Base(f))
		}
	}
	if actionCount(t, u, archive.ActionExport) != 1 {
		t.Error("the export was not audited once")
	}
}

func TestExportBagAndReceive(t *testing.T) {
	u := sealedUI(t, "archivist")
	ids := recordIDs(t, u)
	parent := t.TempDir()
	e := u.newExportDialog(ids)
	e.kind.SetSelected(L("archive_export.kind_bag"))
	e.folder.SetText(parent)
	e.name.SetText("移交一")
	test.Tap(e.ok)
	if e.result.Importance != widget.SuccessImportance {
		t.Fatalf("bag export: %q", e.result.Text)
	}
	bag := filepath.Join(parent, "移交一")
	roots, err := workspaceRoots(u.ctx(), u)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := archive.VerifyBag(bag, bagSignatureCheck(roots))
	if err != nil || !rep.Valid() || len(rep.Records) != 2 {
		t.Fatalf("the exported bag: %v, %+v", err, rep)
	}
	valid := reportTexts(t, bagReportObject(rep))
	if !strings.Contains(valid, "结论：有效") || strings.Count(valid, L("cli.bagit.signature.ok")) != 2 {
		t.Errorf("the report of a good bag:\n%s", valid)
	}
	u.receiveBag(bag) // 接收, as after choosing the folder
	if top := u.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(reportTexts(t, top), "结论：有效") {
		t.Error("接收 does not show the bag's report")
	}

	// The same name again: refused, and the bag there is left as it was.
	again := u.newExportDialog(ids)
	again.kind.SetSelected(L("archive_export.kind_bag"))
	again.folder.SetText(parent)
	again.name.SetText("移交一")
	test.Tap(again.ok)
	if again.result.Importance != widget.DangerImportance || !strings.Contains(again.result.Text, "已存在") {
		t.Errorf("exporting onto a bag: %q", again.result.Text)
	}

	// One changed byte in a record's PDF: the receipt says which and why.
	pdfs, _ := filepath.Glob(filepath.Join(bag, "data", "*", "*.pdf"))
	data, _ := os.ReadFile(pdfs[0])
	data[len(data)/2] ^= 1
	os.WriteFile(pdfs[0], data, 0o600)
	rep, err = archive.VerifyBag(bag, bagSignatureCheck(roots))
	if err != nil || rep.Valid() {
		t.Fatalf("a changed bag verifies: %v", err)
	}
	bad := reportTexts(t, bagReportObject(rep))
	for _, want := range []string{"结论：无效", L("cli.bagit.record.pdf_hash"), "校验值不符"} {
		if !strings.Contains(bad, want) {
			t.Errorf("the report of a changed bag lacks %q:\n%s", want, bad)
		}
	}
}

// reportTexts is every label's text below o, one a line.
func reportTexts(t testing.TB, o fyne.CanvasObject) string {
	var b strings.Builder
	findIn(t, o, func(l *widget.Label) bool {
		b.WriteString(l.Text + "\n")
		return false
	})
	return b.String()
}

func TestExportFailureWords(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want []string
	}{
		{&bagit.WriteError{Op: "write", Err: fmt.Errorf("write x: %w", syscall.ENOSPC)}, []string{"磁盘空间不足", "未留下不完整"}},
		{&bagit.WriteError{Op: "write", Err: syscall.EIO, Leftover: "/media/u/.bag-partial"}, []string{"介质可能已被移除", "/media/u/.bag-partial"}},
		{fmt.Errorf("x: %w", syscall.EROFS), []string{"只读"}},
		{fmt.Errorf("/m: %w", bagit.ErrExists), []string{"已存在", "/target"}},
		{fmt.Errorf("r: %w", archive.ErrDamaged), []string{"四性检测"}},
		{errors.New("something else"), []string{"导出失败", "something else"}},
	} {
		got := exportFailure(tc.err, "/target")
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%v: %q lacks %q", tc.err, got, w)
			}
		}
	}
}

func TestExportRefusedToReaders(t *testing.T) {
	u := sealedUI(t, "author")
	e := u.newExportDialog(recordIDs(t, u))
	e.folder.SetText(t.TempDir())
	test.Tap(e.ok)
	if e.result.Importance != widget.DangerImportance || e.done {
		t.Errorf("an author exported: %q", e.result.Text)
	}
}
