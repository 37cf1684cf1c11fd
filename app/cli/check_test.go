package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func checkJSON(t *testing.T, r result) checkReport {
	t.Helper()
	var rep checkReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, r.stdout)
	}
	return rep
}

// noWorkspace points at a workspace file that does not exist: the embedded defaults apply.
func noWorkspace(t *testing.T) string { return filepath.Join(t.TempDir(), "none.db") }

func TestCheckJSON(t *testing.T) {
	r := run(nil, "--db", noWorkspace(t), "check", "--json", "testdata/notice.txt")
	if r.code != ExitFailed {
		t.Fatalf("exit %d, want 1 for block findings: %s", r.code, r.stderr)
	}
	rep := checkJSON(t, r)
	f := rep.Files[0]
	if f.Path != "testdata/notice.txt" || f.Format != "txt" || f.Encoding != "utf-8" || f.Chars != 123 {
		t.Errorf("file %+v", f)
	}
	text := []rune(readFile(t, "testdata/notice.txt"))
	var rules []string
	for _, x := range f.Findings {
		if string(text[x.Start:x.End]) != x.Text {
			t.Errorf("offsets %d-%d are %q, text %q", x.Start, x.End, string(text[x.Start:x.End]), x.Text)
		}
		rules = append(rules, x.Rule)
	}
	for _, want := range []string{"secret.marking", "typo.lexicon", "privacy.id_card", "datetime.weekday", "political.near_miss", "sensitive.lexicon"} {
		if !strings.Contains(strings.Join(rules, " "), want) {
			t.Errorf("rules %v lack %s", rules, want)
		}
	}
	if len(rep.Lexicons) < 7 {
		t.Errorf("lexicons %+v", rep.Lexicons)
	}
}

func TestCheckExitStatus(t *testing.T) {
	db := noWorkspace(t)
	if r := run(nil, "--db", db, "check", "testdata/clean.txt"); r.code != ExitOK || !strings.Contains(r.stdout, "未发现问题") {
		t.Errorf("clean file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// An unreadable file is named on stderr, the others are still checked, and the status is 2.
	r := run(nil, "--db", db, "check", "--json", "testdata/old.doc", "missing.txt", "testdata/notice.txt")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "old.doc") || !strings.Contains(r.stderr, "missing.txt") {
		t.Errorf("exit %d, stderr %s", r.code, r.stderr)
	}
	rep := checkJSON(t, r)
	if len(rep.Files) != 3 || rep.Files[0].Error == "" || len(rep.Files[2].Findings) == 0 {
		t.Errorf("report %+v", rep.Files)
	}
	if r := run(nil, "--db", db, "check"); r.code != ExitUsage {
		t.Errorf("no files: exit %d", r.code)
	}
}

func TestCheckExtraLexicon(t *testing.T) {
	r := run(nil, "--db", noWorkspace(t), "check", "--lexicon", "testdata/unit.toml", "testdata/clean.txt")
	if r.code != ExitOK || !strings.Contains(r.stdout, "【应急演练】") || !strings.Contains(r.stdout, "本单位词库 3") {
		t.Errorf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(nil, "--db", noWorkspace(t), "check", "--lexicon", "testdata/bad.toml", "testdata/clean.txt")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "bad.toml") || !strings.Contains(r.stderr, "line 3") {
		t.Errorf("bad lexicon: exit %d %s", r.code, r.stderr)
	}
}

func TestCheckUsesWorkspaceLexicons(t *testing.T) {
	db := demoWorkspace(t)
	env := map[string]string{"SHENFA_PASSWORD": "Secadmin@2026"}
	r := run(nil, "--db", db, "check", "--json", "testdata/notice.txt")
	if !hasRule(checkJSON(t, r), "typo.lexicon") {
		t.Fatalf("workspace lexicons not used: %s", r.stdout)
	}
	if r := run(env, "--db", db, "--user", "secadmin", "lexicon", "disable", "常见错别字"); r.code != ExitOK {
		t.Fatalf("disable: %d %s", r.code, r.stderr)
	}
	defer run(env, "--db", db, "--user", "secadmin", "lexicon", "enable", "常见错别字")
	if rep := checkJSON(t, run(nil, "--db", db, "check", "--json", "testdata/notice.txt")); hasRule(rep, "typo.lexicon") {
		t.Errorf("a disabled lexicon still reports")
	}
}

func hasRule(rep checkReport, rule string) bool {
	for _, f := range rep.Files {
		for _, x := range f.Findings {
			if x.Rule == rule {
				return true
			}
		}
	}
	return false
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
