package docxnote

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"shenfa/assets"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// Comments are written in Chinese whatever the interface language: they
// travel with the file to editors who read Chinese. The names of
// categories, severities and sections are the interface's own.
var labels = sync.OnceValue(func() map[string]string {
	data, err := assets.Translations.ReadFile("translations/zh_Hans.json")
	m := map[string]string{}
	if err == nil {
		_ = json.Unmarshal(data, &m) // a broken file shows keys, which the tests would catch
	}
	return m
})

func label(key string) string {
	if s, ok := labels()[key]; ok {
		return s
	}
	return key
}

// findingLines are the paragraphs of a finding's comment: what kind of
// problem, how serious, why, and what to write instead.
func findingLines(f finding.Finding) []string {
	lines := []string{heading(f), f.Message}
	if f.Suggestion != "" {
		lines = append(lines, "建议："+f.Suggestion)
	}
	return lines
}

func heading(f finding.Finding) string {
	return fmt.Sprintf("【%s · %s】", label("category."+string(f.Category)), label("severity."+string(f.Severity)))
}

// elsewhereLines list, in one comment, the findings that no text of the
// body can carry, each with the part of the file it is in.
func elsewhereLines(x *index, fs []finding.Finding) []string {
	lines := []string{fmt.Sprintf("审发在正文以外发现 %d 处问题（页眉、页脚、脚注、尾注、批注、修订中删除的文字、文档属性或文本框等），无法在原处批注，列在这里：", len(fs))}
	for i, f := range fs {
		line := fmt.Sprintf("%d. [%s] %s「%s」%s", i+1, x.place(f.Start), heading(f), oneLine(f.Text), f.Message)
		if f.Suggestion != "" {
			line += " 建议：" + f.Suggestion
		}
		lines = append(lines, line)
	}
	return lines
}

// place names the part of the file an offset is in.
func (x *index) place(offset int) string {
	kind := x.doc.SectionAt(offset)
	switch {
	case kind == importer.Body && x.inTextBox(offset):
		return label("mark.textbox")
	case kind == "":
		return label("section.body")
	}
	return label("section." + string(kind))
}

// oneLine keeps a quoted span on one line and short.
func oneLine(s string) string {
	s = strings.NewReplacer("\n", "⏎", "\t", " ").Replace(s)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return s
}
