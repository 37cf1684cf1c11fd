package docxnote

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestReadBackWithPythonDocx opens annotated files with python-docx and
// reads their comments and ranges back with lxml: a reader other than our
// own must find each comment on exactly its finding's text, and every part
// Shenfa did not edit unchanged.
func TestReadBackWithPythonDocx(t *testing.T) {
	python := pythonWithDocx()
	if python == "" {
		t.Skip("skipping the read-back by python-docx: python3-docx is not installed (apt-get install python3-docx, or make test)")
	}
	full, err := os.ReadFile("../importer/testdata/full.docx")
	if err != nil {
		t.Fatal(err)
	}
	written, err := os.ReadFile("testdata/libreoffice.docx") // saved by LibreOffice: many runs, a header, a comment, a table
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		data    []byte
		spans   []string
		changed []string
	}{
		{"full fixture", full, []string{"开展安全检查", "3月1日前完成", "内部资料", "通知原文", "-2页\n下一", "13800138000", "样式隐藏", "某某市", "文本框内容", "本周内"},
			[]string{"word/document.xml", "word/comments.xml"}},
		{"file LibreOffice wrote", written, []string{"按装", "网*络*赌*博", "13812345678", "XX会议", "中华人民共合国", "机密★1年", "13900001111"},
			[]string{"word/document.xml", "word/comments.xml"}},
		{"new comments part", docx(t, para("第一段结尾")+`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>第二段开头</w:t></w:r><w:r><w:t>扫黑险恶</w:t></w:r></w:p>`),
			[]string{"结尾\n第二", "开头扫黑", "险恶"},
			[]string{"word/document.xml", "[Content_Types].xml", "word/comments.xml", "word/_rels/document.xml.rels"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, res := annotated(t, tt.data, tt.spans...)
			expect := map[string]any{"changed": tt.changed, "comments": expectations(t, res.Data)}
			dir := t.TempDir()
			files := []string{filepath.Join(dir, "orig.docx"), filepath.Join(dir, "annotated.docx"), filepath.Join(dir, "expect.json")}
			js, _ := json.Marshal(expect)
			for i, data := range [][]byte{tt.data, res.Data, js} {
				if err := os.WriteFile(files[i], data, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			out, err := exec.Command(python, append([]string{"testdata/readback.py"}, files...)...).CombinedOutput()
			if err != nil || !strings.HasPrefix(string(out), "ok") {
				t.Errorf("python-docx read-back: %v\n%s", err, out)
			}
		})
	}
}

// pythonWithDocx finds a python3 that has python-docx and lxml: Debian's
// package installs them for /usr/bin/python3, which another python3 on the
// PATH (pyenv, a virtualenv) may hide.
func pythonWithDocx() string {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import docx, lxml").Run() == nil {
			return p
		}
	}
	return ""
}

// expectations says, for each new comment, its first line and the text it
// must cover, taken from the finding's message (“…”有误。), not from the ranges.
func expectations(t *testing.T, data []byte) map[string]map[string]string {
	out := map[string]map[string]string{}
	for id, note := range newComments(t, data) {
		first, rest, _ := strings.Cut(note, "\n")
		text := ""
		if a, _, ok := strings.Cut(rest, "”有误。"); ok && strings.HasPrefix(first, "【") {
			text = strings.TrimPrefix(a, "“")
		}
		out[strconv.Itoa(id)] = map[string]string{"note": first, "text": text}
	}
	return out
}
