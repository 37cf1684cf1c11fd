package recordpdf

import (
	"fmt"
	"regexp"
	"strings"

	"shenfa/archive/record"
)

// finalText is the text as approved, paragraph by paragraph.
func (cv sections) finalText(text string) {
	d, m := cv.d, cv.m
	d.newPage()
	d.heading(fmt.Sprintf("正文（定稿，第 %d 版）", m.FinalVersion), sizeHeading, 0)
	d.text(fmt.Sprintf("%s　字数 %d　原件 %s", m.Title, m.Chars, orDash(m.FileName)), sizeSmall, grey)
	if n := substitutes(d.fs, text); n > 0 {
		d.text(fmt.Sprintf("注：正文有 %d 个字符本文件的字体中没有，以灰色的替代形式（基本字母或 [U+编码]）印出；原字符见所附原件和 manifest.json。", n), sizeSmall, grey)
	}
	d.y += 3
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if strings.TrimSpace(text) == "" {
		d.text("（正文为空）", sizeText, grey)
		return
	}
	for _, p := range strings.Split(text, "\n") {
		d.para([]span{{text: p, col: black}}, marginL, contentW, sizeText)
		d.y += 1
	}
}

// substitutes counts the characters of s that print as a substitute.
func substitutes(fs [numFaces]*face, s string) int {
	n := 0
	var buf []glyphRun
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			continue
		}
		buf = resolve(fs, r, buf[:0])
		if len(buf) > 0 && buf[0].subst {
			n++
		}
	}
	return n
}

// history lists versions, every sign-off, the findings with what was done
// about them, the returns and the comments.
func (cv sections) history(text string) {
	d, m, ck, p := cv.d, cv.m, cv.ck, cv.p
	d.newPage()
	d.heading("审查历程", sizeHeading, 0)
	d.heading("一、版本", sizeSub, 1)
	w := []float64{16, 27, 26, 45, 30, 26}
	d.row(labels(w, "版本", "时间", "提交人", "说明", "改动", "正文 SM3"))
	for _, v := range m.Versions {
		change := "首版"
		if v.Number > 1 {
			change = fmt.Sprintf("%d 处，增 %d 字，删 %d 字", v.Changes, v.Inserted, v.Deleted)
		}
		note := orDash(v.Note) + "\n文件：" + orDash(v.FileName) + fmt.Sprintf("（%d 字）", v.Chars)
		d.row([]cell{label(w[0], fmt.Sprintf("第 %d 版", v.Number)), plain(w[1], ck.at(v.Time)), plain(w[2], p.person(v.Author)),
			plain(w[3], note), plain(w[4], change), plain(w[5], fingerprint(v.TextSM3))})
	}
	cv.signOffs()
	cv.findings(text)
	cv.returnsTable()
	cv.comments()
}

func labels(w []float64, names ...string) []cell {
	cs := make([]cell, len(w))
	for i := range w {
		cs[i] = label(w[i], names[i])
	}
	return cs
}

func (cv sections) signOffs() {
	d, m, ck, p := cv.d, cv.m, cv.ck, cv.p
	d.heading("二、签署记录（全部签署，含退回和已失效的）", sizeSub, 1)
	w := []float64{8, 19, 15, 26, 44, 24, 14, 20}
	d.row(labels(w, "序", "轮次/版本", "环节", "签署人", "签署含义／意见", "时间", "状态", "密钥指纹"))
	for _, so := range m.SignOffs {
		col, state := black, "有效"
		switch {
		case so.Decision == "return":
			col, state = orange, "退回"
		case !so.Current:
			col, state = grey, "已失效"
		}
		c := func(w float64, s string) cell { return cell{w: w, spans: []span{{text: s, col: col}}} }
		d.row([]cell{label(w[0], fmt.Sprint(so.Seq)), c(w[1], fmt.Sprintf("第 %d 轮\n第 %d 版", so.Round, so.Version)),
			c(w[2], or(stepLabel, so.Step)), c(w[3], p.person(so.Signer)), c(w[4], so.Meaning+"：\n"+orDash(so.Opinion)),
			c(w[5], ck.at(so.Time)), c(w[6], state), c(w[7], fingerprint(so.Key))})
	}
	if len(m.SignOffs) == 0 {
		d.row([]cell{plain(contentW, "无")})
	}
	d.y += 1
	d.text("“已失效”的签署所签的版本或轮次已被修改或退回，不计入最终审批；签署声明和签名仍可验证。", sizeSmall, grey)
}

// excerpt is how many characters of text around a finding the history shows.
const excerpt = 18

// findings shows each finding inline: its text in colour inside the words
// around it, its category and what happened to it.
func (cv sections) findings(text string) {
	d, m, p := cv.d, cv.m, cv.p
	d.heading("三、检查发现及处理", sizeSub, 1)
	d.text(strings.ReplaceAll(checkSummary(m), "\n", ""), sizeTable, black)
	if len(m.Findings) == 0 {
		d.text("定稿没有检查发现。", sizeTable, grey)
		return
	}
	runes := []rune(text)
	for i, f := range m.Findings {
		col, ok := severityColor[f.Severity]
		if !ok {
			col = black
		}
		hl := markBg
		spans := []span{{text: fmt.Sprintf("%d. ", i+1), col: black}}
		if f.Start >= 0 && f.Start <= f.End && f.End <= len(runes) {
			before := oneLine(string(runes[max(0, f.Start-excerpt):f.Start]))
			after := oneLine(string(runes[f.End:min(len(runes), f.End+excerpt)]))
			if f.Start > excerpt {
				before = "…" + before
			}
			if f.End+excerpt < len(runes) {
				after += "…"
			}
			spans = append(spans, span{text: before, col: black}, span{text: oneLine(string(runes[f.Start:f.End])), col: col, bg: &hl},
				span{text: after, col: black})
		} else {
			spans = append(spans, span{text: oneLine(f.Text), col: col, bg: &hl})
		}
		disp, dcol := p.disposition(f)
		spans = append(spans, span{text: "　〔" + or(categoryLabel, f.Category) + "·" + or(severityLabel, f.Severity) + "〕", col: col},
			span{text: disp, col: dcol})
		note := "规则 " + f.Rule + "：" + f.Message
		if f.Suggestion != "" {
			note += "；建议：" + f.Suggestion
		}
		notes := []span{{text: note, col: grey}}
		d.y += 0.8
		d.need(d.height(spans, contentW, sizeTable) + d.height(notes, contentW-5, sizeSmall))
		d.para(spans, marginL, contentW, sizeTable)
		d.para(notes, marginL+5, contentW-5, sizeSmall)
	}
}

// oneLine folds the paragraph breaks of a quoted excerpt, with the indent
// that follows them, into a visible ／.
func oneLine(s string) string {
	return paraBreak.ReplaceAllString(s, " ／ ")
}

var paraBreak = regexp.MustCompile(`[ \t\x{3000}]*[\r\n]+[ \t\x{3000}]*`)

func (cv sections) returnsTable() {
	d, m, ck, p := cv.d, cv.m, cv.ck, cv.p
	d.heading("四、退回记录", sizeSub, 1)
	if len(m.Returns) == 0 {
		d.text("无", sizeTable, grey)
		return
	}
	w := []float64{16, 18, 28, 22, 28, 58}
	d.row(labels(w, "轮次", "环节", "退回人", "退回至", "时间", "理由"))
	for _, r := range m.Returns {
		to := "撰稿人"
		if r.To != "author" && r.To != "" {
			to = or(stepLabel, r.To)
		}
		d.row([]cell{label(w[0], fmt.Sprintf("第 %d 轮", r.Round)), plain(w[1], or(stepLabel, r.Step)), plain(w[2], p.person(r.By)),
			plain(w[3], to), plain(w[4], ck.at(r.Time)), plain(w[5], orDash(r.Reason))})
	}
}

func (cv sections) comments() {
	d := cv.d
	d.heading("五、批注", sizeSub, 1)
	if len(cv.m.Comments) == 0 {
		d.text("无", sizeTable, grey)
		return
	}
	for _, c := range cv.m.Comments {
		cv.comment(c, 0)
	}
}

func (cv sections) comment(c record.Comment, depth int) {
	d, ck, p := cv.d, cv.ck, cv.p
	indent := float64(min(depth, 4)) * 6
	head := fmt.Sprintf("【第 %d 版】%s　%s", c.Version, p.person(c.Author), ck.at(c.Time))
	if depth > 0 {
		head = "回复：" + head
	}
	spans := []span{{text: head + "\n", col: grey}}
	if c.Quote != "" {
		spans = append(spans, span{text: "「" + oneLine(c.Quote) + "」", col: blue})
	}
	spans = append(spans, span{text: c.Body, col: black})
	if c.Must {
		spans = append(spans, span{text: "（必改）", col: red})
	}
	if c.ResolvedBy != "" {
		spans = append(spans, span{text: "（已由 " + p.short(c.ResolvedBy) + " 解决）", col: grey})
	}
	d.y += 0.8
	d.para(spans, marginL+indent, contentW-indent, sizeTable)
	for _, r := range c.Replies {
		cv.comment(r, depth+1)
	}
}

// hidden lists what the final file holds that a reader of the page does
// not see; a 保密审查 must have looked at it too.
func (cv sections) hidden() {
	d, m := cv.d, cv.m
	if len(m.Hidden) == 0 {
		return
	}
	d.newPage()
	d.heading("隐藏和删除的内容", sizeHeading, 0)
	d.text("以下内容在原件中存在，但阅读时不显示（隐藏文字、修订删除的文字、批注、页眉页脚、文档属性等）。它们随原件一同发布，须一并审查。", sizeSmall, grey)
	for i, h := range m.Hidden {
		d.y += 1.5
		d.para([]span{{text: fmt.Sprintf("%d. %s", i+1, or(hiddenLabel, h.Kind)), col: blue}}, marginL, contentW, sizeTable)
		d.para([]span{{text: h.Text, col: black}}, marginL+5, contentW-5, sizeTable)
	}
}
