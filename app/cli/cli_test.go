package cli

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/review/account"
)

// demoPath is one demo workspace shared by the tests, made once because
// the real argon2 cost applies on the command line.
var demoPath string

func TestMain(m *testing.M) {
	if os.Getenv("SHENFA_LOCALE_CHILD") != "" { // a child of TestNoLocaleNoise: no workspace needed
		os.Exit(m.Run())
	}
	account.DefaultKDF = account.KDF{Time: 1, MemoryKiB: 64, Threads: 1} // -race makes argon2 slow
	dir, _ := os.MkdirTemp("", "shenfa-cli")
	demoPath = filepath.Join(dir, "ws.db")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

func run(env map[string]string, args ...string) result {
	var out, errOut bytes.Buffer
	code := Run(args, Env{Stdout: &out, Stderr: &errOut, Version: "test",
		Getenv: func(k string) string { return env[k] }})
	return result{code, out.String(), errOut.String()}
}

func demoWorkspace(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(demoPath); err != nil {
		if r := run(nil, "--db", demoPath, "init", "--demo"); r.code != 0 {
			t.Fatalf("init --demo: %d %s", r.code, r.stderr)
		}
	}
	return demoPath
}

func TestHelpAndVersion(t *testing.T) {
	r := run(nil, "help")
	for _, cmd := range []string{"init", "backup", "restore", "audit", "version"} {
		if !strings.Contains(r.stdout, cmd) {
			t.Errorf("help does not list %s", cmd)
		}
	}
	if !strings.Contains(r.stdout, "命令") {
		t.Error("help is not in Chinese by default")
	}
	if r := run(map[string]string{"SHENFA_LANG": "en"}, "help"); !strings.Contains(r.stdout, "Commands:") {
		t.Errorf("SHENFA_LANG=en help: %s", r.stdout)
	}
	if r := run(nil, "version"); r.code != 0 || !strings.Contains(r.stdout, "shenfa test") {
		t.Errorf("version: %+v", r)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, "frobnicate"},
		{[]string{"init"}, "--demo"},
		{[]string{"--db"}, "--db"},
		{[]string{"--db", "/nonexistent/x.db", "--user", "a", "backup", "b.db"}, "/nonexistent/x.db"},
		{[]string{"--db", "/nonexistent/x.db", "audit"}, "audit"},
	}
	for _, tt := range tests {
		r := run(map[string]string{"SHENFA_PASSWORD": "x"}, tt.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: code %d, stderr %q, want 2 naming %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
}

func TestPasswordsNeverFromArguments(t *testing.T) {
	db := demoWorkspace(t)
	r := run(nil, "--db", db, "--user", "auditor", "audit", "verify")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "SHENFA_PASSWORD") {
		t.Fatalf("no password given: %+v", r)
	}
	file := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(file, []byte("Auditor@2026\n"), 0o600)
	if r := run(nil, "--db", db, "--user", "auditor", "--password-file", file, "audit", "verify"); r.code != 0 {
		t.Fatalf("password file: %+v", r)
	}
}

func TestAuditVerifyFindsTampering(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	src, _ := os.ReadFile(demoWorkspace(t))
	os.WriteFile(db, src, 0o600)
	env := map[string]string{"SHENFA_PASSWORD": "Auditor@2026", "SHENFA_USER": "auditor", "SHENFA_DB": db}
	if r := run(env, "audit", "verify"); r.code != 0 || !strings.Contains(r.stdout, "校验通过") {
		t.Fatalf("clean verify: %+v", r)
	}
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	raw.Exec(`DROP TRIGGER audit_no_update`)
	if _, err := raw.Exec(`UPDATE audit SET detail = 'forged' WHERE seq = 5`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	r := run(env, "audit", "verify")
	if r.code != ExitFailed || !strings.Contains(r.stdout, "第 5 条") {
		t.Fatalf("tampered verify: %+v", r)
	}
}

func TestBackupRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ws.db")
	src, _ := os.ReadFile(demoWorkspace(t))
	os.WriteFile(db, src, 0o600)
	env := map[string]string{"SHENFA_PASSWORD": "Sysadmin@2026", "SHENFA_USER": "sysadmin", "SHENFA_DB": db}
	backup := filepath.Join(dir, "b.db")
	if r := run(env, "backup", backup); r.code != 0 || !strings.Contains(r.stdout, "SHA-256") {
		t.Fatalf("backup: %+v", r)
	}
	if r := run(env, "backup", backup); r.code != ExitFailed {
		t.Fatalf("backup over an existing file: %+v", r)
	}
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("这不是数据库"), 0o600)
	if r := run(env, "restore", notDB); r.code != ExitFailed || !strings.Contains(r.stderr, "不是审发工作区") {
		t.Fatalf("restore of a text file: %+v", r)
	}
	if r := run(env, "restore", backup); r.code != 0 || !strings.Contains(r.stdout, "原工作区已保留") {
		t.Fatalf("restore: %+v", r)
	}
}
