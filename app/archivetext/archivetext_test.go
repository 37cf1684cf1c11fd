package archivetext

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"

	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/archive/bagit"
	"shenfa/archive/pades"
)

func TestMain(m *testing.M) {
	if err := i18n.Use(i18n.Chinese); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Exit(m.Run())
}

func TestVerdict(t *testing.T) {
	ok := &bagit.Report{Streams: 4}
	broken := &bagit.Report{Streams: 4, Problems: []bagit.Problem{{Kind: bagit.Missing, Severity: bagit.Error},
		{Kind: bagit.NoOxum, Severity: bagit.Warning}}}
	for _, tc := range []struct {
		name string
		rep  *archive.BagReport
		want string
	}{
		{"valid", &archive.BagReport{Bag: ok, Records: []archive.RecordCheck{{Code: "A"}, {Code: "B"}}},
			"结论：有效。4 个载荷文件全部相符，2 件记录与签名校验通过。"},
		{"a bad record", &archive.BagReport{Bag: ok, Records: []archive.RecordCheck{{Code: "A",
			Problems: []archive.RecordProblem{archive.PDFHash, archive.SignatureFailed}}}}, "结论：无效，2 处问题（见上）。"},
		{"warnings do not count", &archive.BagReport{Bag: broken}, "结论：无效，1 处问题（见上）。"},
	} {
		if got := Verdict(tc.rep); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestBagLines(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"head", Head(&bagit.Report{Dir: "/media/u/移交", Version: "1.0", Encoding: "UTF-8"}),
			"BagIt 包 /media/u/移交（BagIt 1.0，UTF-8）"},
		{"check", CheckLabel(bagit.Check{Name: bagit.CheckPayloadManifest, File: "manifest-sha256.txt", Algorithm: "sha256", Files: 3}),
			"载荷清单 manifest-sha256.txt（sha256，3 个文件）"},
		{"check skipped", CheckLabel(bagit.Check{Name: bagit.CheckOxum, Status: bagit.Skipped, Detail: "10.2"}),
			"Payload-Oxum（实际载荷 10.2，字节数.文件数）：未校验"},
		{"check with problems", CheckLabel(bagit.Check{Name: bagit.CheckPayloadManifest, File: "manifest-sm3.txt", Algorithm: "sm3",
			Files: 3, Status: bagit.Failed, Problems: 2}), "载荷清单 manifest-sm3.txt（sm3，3 个文件）：2 处问题"},
		{"file ok", FileMessage(bagit.FileResult{Path: "data/a.pdf", Size: 120, OK: []string{"sha256", "sm3"}}),
			"data/a.pdf（120 字节；sha256、sm3 相符）"},
		{"file bad", FileMessage(bagit.FileResult{Path: "data/a.pdf", Bad: []string{"sm3"}, Status: bagit.Mismatch}),
			"data/a.pdf：校验值不符（sm3）"},
		{"problem on a line", ProblemMessage(bagit.Problem{Kind: bagit.Mismatch, File: "manifest-sha256.txt", Line: 3,
			Path: "data/a.pdf", Algorithm: "sha256", Want: "ab", Got: "cd"}),
			"manifest-sha256.txt 第 3 行：data/a.pdf 的 sha256 校验值不符：清单为 ab，实际为 cd"},
		{"problem in a file", ProblemMessage(bagit.Problem{Kind: bagit.Unlisted, File: "manifest-sm3.txt", Path: "data/b"}),
			"data/b 在载荷中，但 manifest-sm3.txt 没有列出"},
		{"unlisted anywhere", ProblemMessage(bagit.Problem{Kind: bagit.Unlisted, Path: "data/b"}), "data/b 在载荷中，但没有任何清单列出"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func TestRecordLine(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rc     archive.RecordCheck
		status bagit.Status
		want   string
	}{
		{"sound", archive.RecordCheck{Code: "Z001-WS·2026-D10-0001", Signature: bagit.Passed}, bagit.Passed,
			"Z001-WS·2026-D10-0001：PDF、原件、manifest.json 与 record.json 一致；PDF 签名有效"},
		{"changed after signing", archive.RecordCheck{Code: "Z001", Signature: bagit.Failed, Err: fmt.Errorf("x: %w", pades.ErrDigest),
			Problems: []archive.RecordProblem{archive.PDFHash, archive.SignatureFailed}}, bagit.Failed,
			"Z001：PDF 与 record.json 记载的 SHA-256/SM3 不符；PDF 签名无效：签名后内容被改动"},
		{"a PDF outside any record", archive.RecordCheck{Dir: "data/extra", PDF: "x.pdf", Signature: bagit.Skipped,
			Err: archive.ErrUnsigned}, bagit.Passed, "data/extra/x.pdf：PDF 没有签名"},
		{"record.json unreadable", archive.RecordCheck{Code: "Z002", Detail: "EOF", Signature: bagit.Skipped,
			Problems: []archive.RecordProblem{archive.BadRecordInfo}}, bagit.Failed,
			"Z002：record.json 缺失或无法读取（EOF）；PDF 签名未校验"},
	} {
		status, got := RecordLine(tc.rc)
		if status != tc.status || got != tc.want {
			t.Errorf("%s: %s %q, want %s %q", tc.name, status, got, tc.status, tc.want)
		}
	}
}

func TestSignatureMessage(t *testing.T) {
	failed := func(err error) archive.RecordCheck {
		return archive.RecordCheck{Signature: bagit.Failed, Err: err, Detail: "the detail"}
	}
	for _, tc := range []struct {
		name string
		rc   archive.RecordCheck
		want string
	}{
		{"ok", archive.RecordCheck{Signature: bagit.Passed}, "PDF 签名有效"},
		{"unsigned, not required", archive.RecordCheck{Signature: bagit.Skipped, Err: archive.ErrUnsigned}, "PDF 没有签名"},
		{"not checked", archive.RecordCheck{Signature: bagit.Skipped}, "PDF 签名未校验"},
		{"unsigned, required", failed(archive.ErrUnsigned), "PDF 签名无效：没有签名"},
		{"byte range", failed(pades.ErrByteRange), "PDF 签名无效：签名范围没有覆盖整个文件"},
		{"digest", failed(pades.ErrDigest), "PDF 签名无效：签名后内容被改动"},
		{"bad value", failed(pades.ErrSignature), "PDF 签名无效：签名值不正确"},
		{"untrusted", failed(fmt.Errorf("chain: %w", pades.ErrUntrusted)), "PDF 签名无效：签署人证书不能追溯到指定的 CA"},
		{"appended", failed(&appendedError{27}), "PDF 签名无效：签名之后追加了 27 字节"},
		{"anything else", failed(errors.New("odd")), "PDF 签名无效：the detail"},
	} {
		if got := SignatureMessage(tc.rc); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestExportFailure(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want string // "" when the caller words it
	}{
		{"exists", fmt.Errorf("/t: %w", bagit.ErrExists), "/target 已存在且不是空目录，未覆盖；请指定一个新的目录。"},
		{"disk full", &bagit.WriteError{Op: "write", Err: syscall.ENOSPC},
			"磁盘空间不足，导出未完成；未留下不完整的文件或包。（bag: write: no space left on device）"},
		{"quota", fmt.Errorf("w: %w", syscall.EDQUOT), "磁盘空间不足，导出未完成；未留下不完整的文件或包。（w: disk quota exceeded）"},
		{"medium pulled, leftover", &bagit.WriteError{Op: "sync", Err: syscall.EIO, Leftover: "/m/.bag-partial"},
			"写入目标介质时出错（介质可能已被移除），导出未完成；未留下看似完整的包。（bag: sync: input/output error (the partial bag /m/.bag-partial could not be removed)）" +
				"未能删除未完成的临时目录 /m/.bag-partial，请在介质恢复后手动删除它（它不会被当作完整的包）。"},
		{"read-only", fmt.Errorf("x: %w", syscall.EROFS), "目标介质只读，导出未完成；未留下不完整的文件或包。（x: read-only file system）"},
		{"permission", fmt.Errorf("x: %w", syscall.EACCES), "没有写入目标位置的权限，导出未完成；未留下不完整的文件或包。（x: permission denied）"},
		{"damaged", fmt.Errorf("r: %w", archive.ErrDamaged), "记录与保存时的校验值不符，未导出；请先做四性检测。（r: the stored record does not match its hashes）"},
		{"nothing", archive.ErrNothingToExport, "没有要导出的记录。"},
		{"other", errors.New("something else"), ""},
	} {
		got, ok := ExportFailure(tc.err, "/target")
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("%s: %q %v, want %q", tc.name, got, ok, tc.want)
		}
	}
}
