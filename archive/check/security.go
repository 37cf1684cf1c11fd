package check

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"shenfa/archive"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

// ActionVerify is the audit action of a 四性检测 run.
const ActionVerify = "archive.verify"

// ActionExportPrefix starts the audit actions of exporting records (PDF,
// BagIt), whatever the export code names them.
const ActionExportPrefix = "archive.export"

// security adds the 安全性 items of one record.
func (c *Checker) security(s *stored, t *trail, pdf *pdfRun, is *items) {
	macros(s, is)
	active(s, pdf, is)
	access(s, t, is)
}

// macros checks every stored file of the record for macros, scripts and
// executables.
func macros(s *stored, is *items) {
	const id, name = "macros", "存储文件无宏和脚本"
	type file struct {
		label, name string
		data        []byte
	}
	files := []file{{"定稿原件", s.FileName, s.File}}
	for _, v := range s.Versions {
		files = append(files, file{fmt.Sprintf("第 %d 版原件", v.Number), v.FileName, v.File})
	}
	seen := map[string]bool{}
	var bad, warn []string
	checked := 0
	for _, f := range files {
		sum := drafts.SM3(f.data)
		if seen[sum] {
			continue
		}
		seen[sum] = true
		checked++
		b, w := scanFile(f.name, f.data)
		for _, x := range b {
			bad = append(bad, f.label+"“"+f.name+"”"+x)
		}
		for _, x := range w {
			warn = append(warn, f.label+"“"+f.name+"”"+x)
		}
	}
	switch {
	case len(bad) > 0:
		is.add(Security, id, name, Fail, strings.Join(append(bad, warn...), "；")+"。")
	case len(warn) > 0:
		is.add(Security, id, name, Warn, strings.Join(warn, "；")+"。")
	default:
		is.add(Security, id, name, Pass, fmt.Sprintf("%d 个存储文件中没有宏、脚本或可执行内容。", checked))
	}
}

var (
	scriptTag   = regexp.MustCompile(`(?i)<script\b|javascript:|vbscript:|\son[a-z]+\s*=\s*["']?[^"'\s>]`)
	macroInZip  = regexp.MustCompile(`(?i)(^|/)vba(project|data)|(^|/)macros/|(^|/)activex/|\.(exe|dll|js|vbs|bat|cmd|ps1|scr|com|jar|msi|hta)$`)
	remoteTmpl  = regexp.MustCompile(`(?i)attachedTemplate"[^>]*TargetMode="External"|TargetMode="External"[^>]*attachedTemplate`)
	maxZipFiles = 10_000
)

// scanFile returns what is wrong (bad) and doubtful (warn) in a stored file.
func scanFile(name string, data []byte) (bad, warn []string) {
	switch {
	case bytes.HasPrefix(data, []byte("MZ")), bytes.HasPrefix(data, []byte("\x7fELF")):
		return []string{"是可执行程序"}, nil
	case bytes.HasPrefix(data, []byte("#!")):
		return []string{"是脚本"}, nil
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		return nil, []string{"是旧版 Office 二进制格式，其中的宏无法检查"}
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), strings.EqualFold(path.Ext(name), ".docx"):
		return scanZip(data)
	}
	if scriptTag.Match(data) {
		return []string{"含有脚本（script 标签、javascript: 链接或事件属性）"}, nil
	}
	return nil, nil
}

// scanZip looks inside an Office Open XML file for macro projects, ActiveX
// controls, embedded programs and a template loaded from elsewhere.
func scanZip(data []byte) (bad, warn []string) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return []string{"不是可读的 .docx（zip）文件"}, nil
	}
	if len(zr.File) > maxZipFiles {
		return []string{fmt.Sprintf("含 %d 个部件，超过上限", len(zr.File))}, nil
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		key := strings.ToLower(f.Name)
		if names[key] {
			bad = append(bad, "含有重名部件 "+f.Name+"（不同软件可能显示不同内容）")
		}
		names[key] = true
		switch {
		case macroInZip.MatchString(f.Name):
			bad = append(bad, "含有宏或可执行部件 "+f.Name)
		case strings.Contains(key, "embeddings/"):
			warn = append(warn, "含有嵌入对象 "+f.Name)
		}
		if key == "[content_types].xml" || strings.HasSuffix(key, ".rels") {
			part := readPart(f)
			if bytes.Contains(bytes.ToLower(part), []byte("macroenabled")) || bytes.Contains(bytes.ToLower(part), []byte("vbaproject")) {
				bad = append(bad, "声明了启用宏的内容类型（"+f.Name+"）")
			}
			if remoteTmpl.Match(part) {
				bad = append(bad, "引用外部模板（"+f.Name+"），打开时会从别处载入内容")
			}
		}
	}
	return bad, warn
}

// readPart reads at most 1 MB of a small XML part.
func readPart(f *zip.File) []byte {
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 1<<20))
	return b
}

// active checks the PDF for JavaScript, launch and submit actions and
// similar, and its embedded files for programs and macros.
func active(s *stored, pdf *pdfRun, is *items) {
	const id, name = "pdf-active", "PDF 无脚本和可执行内容"
	if pdf.infoErr != nil {
		is.add(Security, id, name, Fail, "PDF 无法解析，无法检查其中的动作和内嵌文件。")
		return
	}
	var bad, warn []string
	if len(pdf.info.Active) > 0 {
		bad = append(bad, "含有可执行动作："+strings.Join(pdf.info.Active, "、"))
	}
	for _, f := range pdf.info.Files {
		if f.Err != nil {
			continue // the attachments item says so
		}
		b, w := scanFile(f.Name, f.Data)
		for _, x := range b {
			bad = append(bad, "内嵌文件“"+f.Name+"”"+x)
		}
		for _, x := range w {
			warn = append(warn, "内嵌文件“"+f.Name+"”"+x)
		}
		if !strings.EqualFold(f.Name, "manifest.json") && !strings.EqualFold(f.Name, s.FileName) && f.Relation != "Source" {
			warn = append(warn, "有清单和原件以外的内嵌文件“"+f.Name+"”")
		}
	}
	switch {
	case len(bad) > 0:
		is.add(Security, id, name, Fail, strings.Join(append(bad, warn...), "；")+"。")
	case len(warn) > 0:
		is.add(Security, id, name, Warn, strings.Join(warn, "；")+"。")
	default:
		is.add(Security, id, name, Pass, fmt.Sprintf("没有 JavaScript、启动程序、提交表单等动作；%d 个内嵌文件中没有宏或程序。", len(pdf.info.Files)))
	}
}

// allowed reports whether an audit action on a record is one of those the
// archive permits, and the permissions that may take it: sealing is the
// archivist's; exporting and verifying are reads, open to readers of the
// archive as well.
func allowed(action string) []account.Permission {
	switch {
	case action == archive.ActionSeal:
		return []account.Permission{account.ManageArchive}
	case action == ActionVerify, strings.HasPrefix(action, ActionExportPrefix):
		return []account.Permission{account.ManageArchive, account.ReadArchive}
	}
	return nil
}

// access checks every audit row that names the record: each must be an
// action the archive permits, taken by someone who then held the right.
func access(s *stored, t *trail, is *items) {
	const id, name = "access", "仅有授权操作"
	rows := t.naming(s.Code)
	var bad []string
	for _, r := range rows {
		perms := allowed(r.Action)
		ok := false
		for _, p := range perms {
			ok = ok || t.held(r.Actor, p, r.Seq)
		}
		switch {
		case perms == nil:
			bad = append(bad, fmt.Sprintf("第 %d 条：%s 对本件做了不允许的操作 %s", r.Seq, orSystem(r.Actor), r.Action))
		case !ok:
			bad = append(bad, fmt.Sprintf("第 %d 条：%s 无权执行 %s", r.Seq, orSystem(r.Actor), r.Action))
		}
	}
	if len(bad) > 0 {
		is.add(Security, id, name, Fail, strings.Join(bad, "；")+"。")
		return
	}
	is.add(Security, id, name, Pass, fmt.Sprintf("审计记录中涉及本件的 %d 条操作均为有权限者的归档、导出或检测。", len(rows)))
}

func orSystem(actor string) string {
	if actor == "" {
		return "系统"
	}
	return actor
}
