package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// usability adds the 可用性 items.
func (c *Checker) usability(ctx context.Context, s *stored, pdf *pdfRun, is *items) {
	structure(pdf, is)
	qpdf(ctx, pdf, is)
	fonts(ctx, pdf, is)
	text(ctx, s, pdf, is)
	attachments(s, pdf, is)
}

func structure(pdf *pdfRun, is *items) {
	const id, name = "pdf-parse", "PDF 可解析（内置解析器）"
	switch {
	case pdf.infoErr != nil:
		is.add(Usability, id, name, Fail, "PDF 无法解析："+pdf.infoErr.Error()+"。")
	case len(pdf.info.Problems) > 0:
		is.add(Usability, id, name, Fail, "PDF 结构有误："+strings.Join(pdf.info.Problems, "；")+"。")
	default:
		is.add(Usability, id, name, Pass, fmt.Sprintf("交叉引用、目录和页面树完好，共 %d 页，内容流均可解码。", pdf.info.Pages))
	}
}

func qpdf(ctx context.Context, pdf *pdfRun, is *items) {
	const id, name = "qpdf", "PDF 可解析（qpdf --check）"
	out, found, err := pdf.tool(ctx, "qpdf")
	var exit *exitError
	switch {
	case !found:
		is.add(Usability, id, name, Skipped, "未检查：未安装 qpdf（工具缺失）。")
	case err == nil:
		is.add(Usability, id, name, Pass, "qpdf 未发现语法或流编码错误。")
	case errors.As(err, &exit) && exit.code == 3:
		is.add(Usability, id, name, Warn, "qpdf 报告警告："+warningLine(out)+"。")
	default:
		is.add(Usability, id, name, Fail, "qpdf 报告错误："+warningLine(out)+"。")
	}
}

func warningLine(out []byte) string {
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(strings.ToLower(l), "warning") || strings.Contains(strings.ToLower(l), "error") {
			return strings.TrimSpace(l)
		}
	}
	return firstLine(string(out), errors.New("no output"))
}

// fonts checks that every font is embedded: with pdffonts when installed,
// else with the built-in reader.
func fonts(ctx context.Context, pdf *pdfRun, is *items) {
	const id, name = "fonts", "字体已嵌入"
	out, found, err := pdf.tool(ctx, "pdffonts")
	var all, missing []string
	how := "pdffonts"
	switch {
	case found && err != nil:
		is.add(Usability, id, name, Fail, "pdffonts 无法读取字体："+firstLine(string(out), err)+"。")
		return
	case found:
		all, missing = pdffonts(out)
	case pdf.infoErr != nil:
		is.add(Usability, id, name, Fail, "PDF 无法解析，字体无法检查。")
		return
	default:
		how = "内置解析器（未安装 pdffonts）"
		for _, f := range pdf.info.Fonts {
			all = append(all, f.Name)
			if !f.Embedded {
				missing = append(missing, f.Name)
			}
		}
	}
	switch {
	case len(all) == 0:
		is.add(Usability, id, name, Fail, "PDF 中没有字体，正文无法显示（"+how+"）。")
	case len(missing) > 0:
		is.add(Usability, id, name, Fail, "以下字体未嵌入："+strings.Join(missing, "、")+"（"+how+"）。")
	default:
		is.add(Usability, id, name, Pass, fmt.Sprintf("%d 种字体均已嵌入：%s（%s）。", len(all), strings.Join(all, "、"), how))
	}
}

// pdffonts reads pdffonts' table: the font names, and those whose emb
// column is not "yes". The columns are fixed-width, as wide as the dashes
// under the header (names and types may hold spaces).
func pdffonts(out []byte) (all, missing []string) {
	var cols [][2]int
	for _, l := range strings.Split(string(out), "\n") {
		if cols == nil {
			if strings.HasPrefix(l, "---") {
				cols = columns(l)
			}
			continue
		}
		if len(cols) < 4 || len(l) < cols[3][0] {
			continue
		}
		cell := func(i int) string { return strings.TrimSpace(l[cols[i][0]:min(len(l), cols[i][1])]) }
		name := cell(0)
		if name == "" {
			name = "（无名字体）"
		}
		all = append(all, name)
		if cell(3) != "yes" {
			missing = append(missing, name)
		}
	}
	return all, missing
}

// columns returns the byte spans of the runs of dashes in l.
func columns(l string) [][2]int {
	var cols [][2]int
	for i := 0; i < len(l); {
		if l[i] != '-' {
			i++
			continue
		}
		j := i
		for j < len(l) && l[j] == '-' {
			j++
		}
		cols = append(cols, [2]int{i, j})
		i = j
	}
	return cols
}

var footerLine = regexp.MustCompile(`^(档号：.*|正文 SM3：.*|第 \d+ / \d+ 页)$`)

// text checks that pdftotext gives back the stored final text: the PDF's
// text, without its page footers, holds the final text once white space is
// set aside (line breaks fall where the layout put them).
func text(ctx context.Context, s *stored, pdf *pdfRun, is *items) {
	const id, name = "text", "文本可提取且与定稿一致"
	r := pdf.run(ctx, "pdftotext", []string{"-enc", "UTF-8"}, []string{"-"})
	switch {
	case !r.Found:
		is.add(Usability, id, name, Skipped, "未检查：未安装 pdftotext（工具缺失）。")
		return
	case r.Err != nil || r.Code != 0:
		is.add(Usability, id, name, Fail, "pdftotext 无法提取文本："+firstLine(string(r.Stderr), fmt.Errorf("exit status %d", r.Code))+"。")
		return
	}
	var kept []string
	for _, l := range strings.Split(strings.ReplaceAll(string(r.Stdout), "\f", "\n"), "\n") {
		if !footerLine.MatchString(strings.TrimSpace(l)) {
			kept = append(kept, l)
		}
	}
	got, want := squash(strings.Join(kept, "")), squash(s.Text)
	switch {
	case want == "":
		is.add(Usability, id, name, Fail, "存储的定稿正文为空。")
	case strings.Contains(got, want):
		is.add(Usability, id, name, Pass, fmt.Sprintf("pdftotext 提取的文本含完整的定稿正文（%d 字，不计空白）。", len([]rune(want))))
	case strings.Contains(string(r.Stdout), "个字符本文件的字体中没有"):
		is.add(Usability, id, name, Warn, "定稿正文中有字体缺少的字符，以替代形式印出，提取的文本与定稿不完全一致；原字符见所附原件和清单。")
	default:
		is.add(Usability, id, name, Fail, "pdftotext 提取的文本与存储的定稿正文不一致"+firstDifference(got, want)+"。")
	}
}

// squash removes white space, which line breaking moves about.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

// firstDifference names where want stops being found in got, for people.
func firstDifference(got, want string) string {
	w := []rune(want)
	lo, hi := 0, len(w)
	for lo < hi { // the longest prefix of want that got holds
		mid := (lo + hi + 1) / 2
		if strings.Contains(got, string(w[:mid])) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	end := min(len(w), lo+12)
	return fmt.Sprintf("：自定稿第 %d 字起（“%s”）在 PDF 中找不到", lo+1, string(w[lo:end]))
}

// attachments checks that the manifest and the original file embedded in
// the PDF are byte for byte the stored ones.
func attachments(s *stored, pdf *pdfRun, is *items) {
	const id, name = "attachments", "内嵌清单与原件一致"
	if pdf.infoErr != nil {
		is.add(Usability, id, name, Fail, "PDF 无法解析，内嵌文件无法检查。")
		return
	}
	var bad []string
	man := pdf.info.fileNamed("manifest.json")
	switch {
	case man == nil:
		bad = append(bad, "PDF 中没有内嵌清单 manifest.json")
	case man.Err != nil:
		bad = append(bad, "内嵌清单无法解码")
	case !bytes.Equal(man.Data, s.ManifestRaw):
		bad = append(bad, "内嵌清单与存储的清单不同")
	}
	orig := pdf.info.fileNamed(s.FileName)
	for i := range pdf.info.Files {
		if orig == nil && pdf.info.Files[i].Relation == "Source" {
			orig = &pdf.info.Files[i]
		}
	}
	switch {
	case orig == nil:
		bad = append(bad, "PDF 中没有内嵌原件")
	case orig.Err != nil:
		bad = append(bad, "内嵌原件无法解码")
	case !bytes.Equal(orig.Data, s.File):
		bad = append(bad, "内嵌原件与存储的定稿原件不同")
	}
	if len(bad) > 0 {
		is.add(Usability, id, name, Fail, strings.Join(bad, "；")+"。")
		return
	}
	is.add(Usability, id, name, Pass, fmt.Sprintf("内嵌的 manifest.json 和原件“%s”与存储的逐字节相同。", orig.Name))
}
