package cli

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"shenfa/review/lexicons/slx"
)

func init() { slx.KeyIterations = 1000 } // key files stay encrypted, just cheap to make

// publisherEnv is the environment of a publisher's machine: no workspace,
// the key's passphrase in SHENFA_PASSWORD.
func publisherEnv(passphrase string) map[string]string {
	return map[string]string{"SHENFA_PASSWORD": passphrase}
}

// tamper rewrites the package at src into dst with edit applied to the
// entry called name, keeping the zip itself valid.
func tamper(t *testing.T, src, dst, name string, edit func([]byte) []byte) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == name {
			b = edit(b)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	os.WriteFile(dst, buf.Bytes(), 0o600)
}

func TestLexiconPackageCommands(t *testing.T) {
	dir, env := lexiconWorkspace(t)
	now = func() time.Time { return time.Date(2026, 12, 1, 9, 30, 0, 0, time.Local) }
	t.Cleanup(func() { now = time.Now })
	key, pkg1, pkg2 := filepath.Join(dir, "省网信办"), filepath.Join(dir, "v1.slx"), filepath.Join(dir, "v2.slx")
	bad, older := filepath.Join(dir, "bad.slx"), filepath.Join(dir, "old.slx")
	v1, v2 := filepath.Join("testdata", "province-v1.toml"), filepath.Join("testdata", "province-v2.toml")
	pub := publisherEnv("发布方的口令2026")
	author := map[string]string{"SHENFA_PASSWORD": "Author@2026", "SHENFA_USER": "author", "SHENFA_DB": env["SHENFA_DB"]}
	steps := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string // in stdout or stderr
		do   func() // after the step
	}{
		{"keygen without a passphrase", nil, []string{"lexicon", "keygen", "--out", key}, 2, "SHENFA_PASSWORD", nil},
		{"keygen without --out", pub, []string{"lexicon", "keygen"}, 2, "--out", nil},
		{"weak passphrase", publisherEnv("short"), []string{"lexicon", "keygen", "--out", key}, 1, "至少需要 8", nil},
		{"keygen", pub, []string{"lexicon", "keygen", "--out", key}, 0, "公钥指纹", nil},
		{"keygen over a key", pub, []string{"lexicon", "keygen", "--out", key}, 1, key, nil},
		{"pack with a wrong passphrase", publisherEnv("别人的口令别人的口令"), []string{"lexicon", "pack", "--key", key,
			"--publisher", "某省委网信办", "--out", pkg1, v1}, 1, "口令不正确", nil},
		{"pack without a publisher", pub, []string{"lexicon", "pack", "--key", key, "--out", pkg1, v1}, 2, "--publisher", nil},
		{"pack a broken lexicon", pub, []string{"lexicon", "pack", "--key", key, "--publisher", "某省委网信办", "--out", pkg1,
			filepath.Join("testdata", "bad.toml")}, 2, "bad.toml", nil},
		{"pack with a bad version", pub, []string{"lexicon", "pack", "--key", key, "--publisher", "某省委网信办",
			"--version", "v2", "--out", pkg1, v1}, 1, "用“.”或“-”分隔的数字", nil},
		{"pack", pub, []string{"lexicon", "pack", "--key", key, "--publisher", "某省委网信办", "--out", pkg1, v1}, 0,
			"版本 2026.1201.093000", nil},
		{"import from an unknown publisher", env, []string{"lexicon", "import", pkg1}, 1, "不是本工作区信任的发布方公钥", nil},
		{"trust by author", author, []string{"lexicon", "trust", key + ".pub", "--name", "某省网信办"}, 1, "无权", nil},
		{"trust a private key", env, []string{"lexicon", "trust", key, "--name", "某省网信办"}, 1, "不是 SM2 公钥", nil},
		{"trust without a name", env, []string{"lexicon", "trust", key + ".pub"}, 2, "--name", nil},
		{"trust", env, []string{"lexicon", "trust", key + ".pub", "--name", "某省网信办"}, 0, "已信任发布方“某省网信办”", nil},
		{"trusted", env, []string{"lexicon", "trusted"}, 0, "某省网信办", nil},
		{"tampered lexicon", env, []string{"lexicon", "import", bad}, 1, "SM3 校验值或大小不符", func() {}},
		{"import", env, []string{"lexicon", "import", pkg1}, 0, "已添加新词库“某省通报用语”", nil},
		{"listed with its source", env, []string{"lexicon", "list"}, 0, "某省通报用语", nil},
		{"import again", env, []string{"lexicon", "import", pkg1}, 1, "不比它新", nil},
		{"pack v2", pub, []string{"lexicon", "pack", "--key", key, "--publisher", "某省委网信办", "--version", "2027.1",
			"--out", pkg2, v2}, 0, "版本 2027.1", nil},
		{"import v2", env, []string{"lexicon", "import", pkg2}, 0, "接受 3 / 3 项更改", nil},
		{"older package", env, []string{"lexicon", "import", older}, 1, "不比它新", nil},
		{"untrust", env, []string{"lexicon", "untrust", "某省网信办"}, 0, "已不再信任", nil},
		{"trusted after untrust", env, []string{"lexicon", "trusted"}, 0, "共 0 个", nil},
	}
	for _, s := range steps {
		switch s.name {
		case "tampered lexicon":
			tamper(t, pkg1, bad, "lexicons/province-v1.toml", func(b []byte) []byte {
				return bytes.Replace(b, []byte("规范提法"), []byte("规范题法"), 1)
			})
		case "older package":
			r := run(pub, "lexicon", "pack", "--key", key, "--publisher", "某省委网信办", "--version", "2026.5", "--out", older, v1)
			if r.code != 0 {
				t.Fatalf("pack older: %+v", r)
			}
		}
		r := run(s.env, s.args...)
		if r.code != s.code || !strings.Contains(r.stdout+r.stderr, s.want) {
			t.Errorf("%s: code %d, out %q, err %q; want %d with %q", s.name, r.code, r.stdout, r.stderr, s.code, s.want)
		}
	}
	if fi, err := os.Stat(key); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("private key file: %v %v", fi.Mode(), err)
	}
	for action, want := range map[string]int{"lexicon.package": 2, "lexicon.trust": 1, "lexicon.untrust": 1} {
		if n := auditRows(t, env["SHENFA_DB"], action); n != want {
			t.Errorf("%d %s audit rows, want %d", n, action, want)
		}
	}
}

func TestLexiconPackageConflicts(t *testing.T) {
	dir, env := lexiconWorkspace(t)
	key := filepath.Join(dir, "key")
	pub := publisherEnv("发布方的口令2026")
	for _, args := range [][]string{
		{"lexicon", "keygen", "--out", key},
		{"lexicon", "pack", "--key", key, "--publisher", "甲", "--version", "1", "--out", filepath.Join(dir, "1.slx"), filepath.Join("testdata", "province-v1.toml")},
		{"lexicon", "pack", "--key", key, "--publisher", "甲", "--version", "2", "--out", filepath.Join(dir, "2.slx"), filepath.Join("testdata", "province-v2.toml")},
	} {
		if r := run(pub, args...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	for _, args := range [][]string{
		{"lexicon", "trust", key + ".pub", "--name", "甲"},
		{"lexicon", "import", filepath.Join(dir, "1.slx")},
	} {
		if r := run(env, args...); r.code != 0 {
			t.Fatalf("%v: %+v", args, r)
		}
	}
	// secadmin changes a word of the publisher's list by replacing it with a file.
	mine, _ := os.ReadFile(filepath.Join("testdata", "province-v1.toml"))
	os.WriteFile(filepath.Join(dir, "mine.toml"), bytes.Replace(mine, []byte(`severity = "warn"`), []byte(`severity = "info"`), 1), 0o600)
	if r := run(env, "lexicon", "import", filepath.Join(dir, "mine.toml"), "--replace"); r.code != 0 {
		t.Fatalf("local edit: %+v", r)
	}
	r := run(env, "lexicon", "import", filepath.Join(dir, "2.slx"))
	if r.code != ExitFailed || !strings.Contains(r.stdout, "! 冲突 另一错误提法") || !strings.Contains(r.stderr, "--conflicts") {
		t.Fatalf("conflict: %+v", r)
	}
	if r := run(env, "lexicon", "import", filepath.Join(dir, "2.slx"), "--conflicts", "take"); r.code != 0 || !strings.Contains(r.stdout, "接受 3 / 3") {
		t.Fatalf("take: %+v", r)
	}
	if r := run(env, "lexicon", "list"); !strings.Contains(r.stdout, "某省通报用语  版本 2026-12-01 ") {
		t.Errorf("after taking everything the lexicon is the publisher's version: %s", r.stdout)
	}
}
