package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/sensitive/lexicon"
)

// lexiconWorkspace is a private copy of the demo workspace and the
// environment of a signed-in secadmin.
func lexiconWorkspace(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	src, _ := os.ReadFile(demoWorkspace(t))
	os.WriteFile(db, src, 0o600)
	return dir, map[string]string{"SHENFA_PASSWORD": "Secadmin@2026", "SHENFA_USER": "secadmin", "SHENFA_DB": db}
}

func TestLexiconCommands(t *testing.T) {
	dir, env := lexiconWorkspace(t)
	txt := filepath.Join(dir, "本单位词表.txt")
	os.WriteFile(txt, []byte("按装\t安装\n帐号\t账号\n"), 0o600)
	out := filepath.Join(dir, "out.toml")
	tests := []struct {
		args []string
		code int
		want string // in stdout or stderr
	}{
		{[]string{"lexicon", "import", txt, "--category", "typo"}, 0, "本单位词表"},
		{[]string{"lexicon", "import", "--category", "typo", txt}, 1, "已有同名词库"},
		{[]string{"lexicon", "import", txt, "--replace", "--category=typo"}, 0, "2 个词条"},
		{[]string{"lexicon", "list"}, 0, "本单位词表"},
		{[]string{"lexicon", "disable", "本单位词表"}, 0, "已停用"},
		{[]string{"lexicon", "list"}, 0, "停用"},
		{[]string{"lexicon", "enable", "本单位词表"}, 0, "已启用"},
		{[]string{"lexicon", "export", "本单位词表", out}, 0, out},
		{[]string{"lexicon", "export", "本单位词表", out}, 1, out},
		{[]string{"lexicon", "export", "无此词库", filepath.Join(dir, "x.toml")}, 1, "没有这个词库"},
		{[]string{"lexicon", "disable", "无此词库"}, 1, "没有这个词库"},
	}
	for _, tt := range tests {
		r := run(env, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.want) {
			t.Errorf("%v: code %d, out %q, err %q; want %d with %q", tt.args, r.code, r.stdout, r.stderr, tt.code, tt.want)
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	l, err := lexicon.Parse(out, data, "")
	if err != nil || l.Name != "本单位词表" || len(l.Entries) != 2 || l.Entries[0].Category != "typo" {
		t.Errorf("exported file: %+v, %v", l, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.toml")); err == nil {
		t.Error("a failed export left a file behind")
	}
}

func TestLexiconUsageAndRefusals(t *testing.T) {
	dir, env := lexiconWorkspace(t)
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("name = \"x\"\n[[entry]]\nwrod = \"a\"\n"), 0o600)
	badWord := filepath.Join(dir, "long.txt")
	os.WriteFile(badWord, []byte("好\n"+strings.Repeat("长", 70)+"\n"), 0o600)
	author := map[string]string{"SHENFA_PASSWORD": "Author@2026", "SHENFA_USER": "author", "SHENFA_DB": env["SHENFA_DB"]}
	tests := []struct {
		env  map[string]string
		args []string
		code int
		want string
	}{
		{env, []string{"lexicon"}, 2, "lexicon"},
		{env, []string{"lexicon", "frob"}, 2, "lexicon"},
		{env, []string{"lexicon", "import"}, 2, "lexicon"},
		{env, []string{"lexicon", "export", "a"}, 2, "lexicon"},
		{env, []string{"lexicon", "import", bad, "--category", "nonsense"}, 2, "nonsense"},
		{env, []string{"lexicon", "import", filepath.Join(dir, "missing.txt")}, 2, "missing.txt"},
		{env, []string{"lexicon", "import", bad}, 2, "第 3 行"},
		{env, []string{"lexicon", "import", badWord}, 2, "第 2 行"},
		{author, []string{"lexicon", "import", badWord}, 2, "long.txt"},
		{author, []string{"lexicon", "disable", "默认"}, 1, "无权"},
		{author, []string{"lexicon", "list"}, 0, "个词库"},
		{map[string]string{"SHENFA_DB": env["SHENFA_DB"], "SHENFA_USER": "secadmin"}, []string{"lexicon", "list"}, 2, "SHENFA_PASSWORD"},
	}
	for _, tt := range tests {
		r := run(tt.env, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.want) {
			t.Errorf("%v: code %d, out %q, err %q; want %d with %q", tt.args, r.code, r.stdout, r.stderr, tt.code, tt.want)
		}
	}
	en := map[string]string{"SHENFA_LANG": "en"}
	for k, v := range env {
		en[k] = v
	}
	if r := run(en, "lexicon", "import", bad); r.code != 2 || !strings.Contains(r.stderr, "line 3") || !strings.Contains(r.stderr, "bad.toml") {
		t.Errorf("English parse error: %+v", r)
	}
}
