package cli

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/sensitive/importer"
)

// runIn is run with standard input.
func runIn(stdin []byte, env map[string]string, args ...string) result {
	var out, errOut bytes.Buffer
	code := Run(args, Env{Stdin: bytes.NewReader(stdin), Stdout: &out, Stderr: &errOut, Version: "test",
		Getenv: func(k string) string { return env[k] }})
	return result{code, out.String(), errOut.String()}
}

// A draft on standard input is checked like the same file, named stdin.
func TestCheckStdin(t *testing.T) {
	db := noWorkspace(t)
	for _, file := range []string{"testdata/notice.txt", "testdata/notice.docx"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		fromFile := checkJSON(t, run(nil, "--db", db, "check", "--json", file)).Files[0]
		r := runIn(data, nil, "--db", db, "check", "--json", "-")
		got := checkJSON(t, r).Files[0]
		if r.code != ExitFailed || got.Path != "stdin" || got.Format != fromFile.Format || len(got.Findings) != len(fromFile.Findings) {
			t.Errorf("%s on stdin: exit %d, %s %s with %d findings; from the file %s with %d",
				file, r.code, got.Path, got.Format, len(got.Findings), fromFile.Format, len(fromFile.Findings))
		}
	}
	if r := runIn([]byte("正文"), nil, "--db", db, "check", "-", "-"); r.code != ExitUsage || !strings.Contains(r.stderr, "标准输入") {
		t.Errorf("stdin twice: exit %d, stderr %q", r.code, r.stderr)
	}
	r := runIn(nil, nil, "--db", db, "check", "-")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "stdin") {
		t.Errorf("empty stdin: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestCheckAnnotate(t *testing.T) {
	db, out := noWorkspace(t), filepath.Join(t.TempDir(), "批注稿.docx")
	r := run(nil, "--db", db, "check", "--annotate", out, "testdata/notice.docx")
	if r.code != ExitFailed || !strings.Contains(r.stdout, "已写入 "+out+"：") {
		t.Fatalf("exit %d, stdout %s, stderr %s", r.code, r.stdout, r.stderr)
	}
	rep := checkJSON(t, run(nil, "--db", db, "check", "--json", "testdata/notice.docx"))
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := importer.ImportFile("testdata/notice.docx")
	again, err := importer.Import("out.docx", data)
	if err != nil || !strings.HasPrefix(again.Text, orig.Text[:orig.Sections[0].End]) {
		t.Fatalf("annotated file: %v", err)
	}
	// One comment per finding in the body, and one listing those elsewhere (the header's 机密).
	inBody, elsewhere := 0, 0
	for _, x := range rep.Files[0].Findings {
		if x.Start < rep.Files[0].Sections[0].End {
			inBody++
		} else {
			elsewhere = 1
		}
	}
	if n := shenfaComments(t, data); inBody == 0 || elsewhere == 0 || n != inBody+elsewhere {
		t.Errorf("%d comments for %d findings in the body and %d elsewhere", n, inBody, elsewhere)
	}
	// JSON on stdout stays JSON; the message goes to stderr, the file is named in the report.
	out2 := filepath.Join(t.TempDir(), "b.docx")
	r = run(nil, "--db", db, "check", "--json", "--annotate="+out2, "testdata/notice.docx")
	if f := checkJSON(t, r).Files[0]; f.Annotated != out2 || !strings.Contains(r.stderr, out2) {
		t.Errorf("json: annotated %q, stderr %q", f.Annotated, r.stderr)
	}
	// A docx on standard input can be annotated too.
	in, _ := os.ReadFile("testdata/notice.docx")
	out3 := filepath.Join(t.TempDir(), "c.docx")
	if r := runIn(in, nil, "--db", db, "check", "--annotate", out3, "-"); r.code != ExitFailed || !strings.Contains(r.stdout, out3) {
		t.Errorf("stdin: exit %d, %s %s", r.code, r.stdout, r.stderr)
	}
}

func TestCheckAnnotateRefuses(t *testing.T) {
	db, dir := noWorkspace(t), t.TempDir()
	copyOf := filepath.Join(dir, "稿件.docx")
	data, _ := os.ReadFile("testdata/notice.docx")
	os.WriteFile(copyOf, data, 0o600)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--annotate", filepath.Join(dir, "a.docx"), "testdata/notice.txt"}, "只能为 .docx 文件写入批注"},
		{[]string{"--annotate", copyOf, copyOf}, "原稿不会被改写"},
		{[]string{"--annotate", filepath.Join(dir, "a.docx"), "testdata/notice.docx", "testdata/clean.txt"}, "只能用于一个文件"},
		{[]string{"--annotate", "-", "testdata/notice.docx"}, "不能是 -"},
		{[]string{"--annotate", filepath.Join(dir, "missing", "a.docx"), "testdata/notice.docx"}, "无法写入"},
		{[]string{"--annotate"}, "--annotate"},
	}
	for _, tt := range tests {
		r := run(nil, append([]string{"--db", db, "check"}, tt.args...)...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
	if after, _ := os.ReadFile(copyOf); !bytes.Equal(after, data) {
		t.Error("the draft was overwritten")
	}
	if _, err := os.Stat(filepath.Join(dir, "a.docx")); err == nil {
		t.Error("an annotated file was written for a refused run")
	}
}

// shenfaComments counts the comments Shenfa wrote into a .docx.
func shenfaComments(t *testing.T, data []byte) int {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != "word/comments.xml" {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		var c struct {
			Comments []struct {
				Author string `xml:"author,attr"`
			} `xml:"comment"`
		}
		if err := xml.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, x := range c.Comments {
			if x.Author == "审发 Shenfa" {
				n++
			}
		}
		return n
	}
	return 0
}
