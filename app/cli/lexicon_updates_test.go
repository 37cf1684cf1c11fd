package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"shenfa/review"
	"shenfa/review/audit"
	"shenfa/sensitive"
	"shenfa/sensitive/lexicon"
)

// newerDefaults stands in the defaults of a newer Shenfa: the first
// default lexicon gains a word, loses its first and changes the note of
// its second, and a lexicon the workspace never had appears. It returns
// the changed lexicon's name and its second word.
func newerDefaults(t *testing.T) (string, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "new-default.toml"))
	if err != nil {
		t.Fatal(err)
	}
	extra, err := lexicon.Parse("new-default.toml", data, "")
	if err != nil {
		t.Fatal(err)
	}
	current, err := sensitive.DefaultLexicons()
	if err != nil || len(current) == 0 || len(current[0].Entries) < 3 {
		t.Fatalf("defaults: %v", err)
	}
	name, second := current[0].Name, current[0].Entries[1].Word
	old := shippedLexicons
	shippedLexicons = func() ([]*lexicon.Lexicon, error) {
		ls, err := sensitive.DefaultLexicons()
		if err != nil {
			return nil, err
		}
		l := *ls[0]
		l.Version += "-newer"
		l.Entries = slices.Clone(l.Entries[1:])
		l.Entries[0].Note = "新版本的依据"
		l.Entries = append(l.Entries, lexicon.Entry{Word: "测试新增词", Category: l.Category})
		return append([]*lexicon.Lexicon{&l, extra}, ls[1:]...), nil
	}
	t.Cleanup(func() { shippedLexicons = old })
	return name, second
}

func auditRows(t *testing.T, db, action string) int {
	t.Helper()
	w, err := review.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	n, err := audit.Count(context.Background(), w.DB.SQL, audit.Filter{Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLexiconUpdatesCommands(t *testing.T) {
	_, env := lexiconWorkspace(t)
	if r := run(env, "lexicon", "updates"); r.code != 0 || !strings.Contains(r.stdout, "没有待处理") {
		t.Fatalf("a fresh workspace has updates: %+v", r)
	}
	name, second := newerDefaults(t)
	author := map[string]string{"SHENFA_PASSWORD": "Author@2026", "SHENFA_USER": "author", "SHENFA_DB": env["SHENFA_DB"]}
	tests := []struct {
		env  map[string]string
		args []string
		code int
		want []string // in stdout or stderr
	}{
		{env, []string{"lexicon", "updates"}, 0, []string{"2 个词库", "词库“" + name + "”", "+ 测试新增词", "~ " + second + "：说明",
			"新版本的依据", "新词库“测试新内置词库”", "shenfa lexicon update"}},
		{author, []string{"lexicon", "updates"}, 1, []string{"无权"}},
		{env, []string{"lexicon", "update", "--accept", "无此词库"}, 2, []string{"无此词库"}},
		{env, []string{"lexicon", "update", "--conflicts", "maybe"}, 2, []string{"maybe"}},
		{env, []string{"lexicon", "update", "--accept", name, "--decline", name}, 2, []string{"不能同时"}},
		{env, []string{"lexicon", "update", "--accept", name}, 0, []string{"已更新词库“" + name + "”", "接受 3 / 3 项更改"}},
		{env, []string{"lexicon", "updates"}, 0, []string{"1 个词库", "测试新内置词库"}},
		{env, []string{"lexicon", "update", "--decline", "测试新内置词库"}, 0, []string{"已拒绝", "不再提示"}},
		{env, []string{"lexicon", "updates"}, 0, []string{"没有待处理"}},
	}
	for _, tt := range tests {
		r := run(tt.env, tt.args...)
		for _, w := range tt.want {
			if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, w) {
				t.Errorf("%v: code %d, out %q, err %q; want %d with %q", tt.args, r.code, r.stdout, r.stderr, tt.code, w)
				break
			}
		}
	}
	if n := auditRows(t, env["SHENFA_DB"], "lexicon.update"); n != 2 {
		t.Errorf("%d update audit rows, want 2", n)
	}
	if r := run(env, "lexicon", "list"); !strings.Contains(r.stdout, "-newer") || strings.Contains(r.stdout, "测试新内置词库") {
		t.Errorf("after the updates: %s", r.stdout)
	}
}

func TestLexiconUpdateConflicts(t *testing.T) {
	_, env := lexiconWorkspace(t)
	name, second := newerDefaults(t)
	// secadmin's own edit of the word whose note the new version changes.
	w, err := review.Open(env["SHENFA_DB"])
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sess, err := w.Accounts.SignIn(ctx, "secadmin", "Secadmin@2026")
	if err != nil {
		t.Fatal(err)
	}
	es, _, _ := w.Lexicons.Search(ctx, name, second, 0, 0)
	e := es[0]
	e.Note = "本单位的依据"
	if err := w.Lexicons.PutEntry(ctx, sess, name, second, e); err != nil {
		t.Fatal(err)
	}
	w.Close()
	before := auditRows(t, env["SHENFA_DB"], "lexicon.update")
	r := run(env, "lexicon", "update", "--accept", "all")
	if r.code != ExitFailed || !strings.Contains(r.stdout, "! 冲突 "+second) || !strings.Contains(r.stderr, "--conflicts keep") {
		t.Fatalf("unresolved conflict: %+v", r)
	}
	if after := auditRows(t, env["SHENFA_DB"], "lexicon.update"); after != before {
		t.Errorf("a refused update wrote %d update audit rows", after-before)
	}
	if r := run(env, "lexicon", "update", "--conflicts", "keep"); r.code != 0 || !strings.Contains(r.stdout, "接受 2 / 3") {
		t.Fatalf("keep: %+v", r)
	}
	w, _ = review.Open(env["SHENFA_DB"])
	defer w.Close()
	if es, _, _ := w.Lexicons.Search(ctx, name, second, 0, 0); es[0].Note != "本单位的依据" {
		t.Errorf("the local edit was overwritten: %+v", es[0])
	}
}

func TestLexiconUpdatesJSON(t *testing.T) {
	_, env := lexiconWorkspace(t)
	name, second := newerDefaults(t)
	r := run(env, "lexicon", "updates", "--json")
	var out struct {
		Updates []struct {
			Name    string `json:"name"`
			New     bool   `json:"new"`
			Changes []struct {
				Kind     string `json:"kind"`
				Word     string `json:"word"`
				Fields   []string
				Conflict bool `json:"conflict"`
				Incoming *struct {
					Note string `json:"note"`
				} `json:"incoming"`
			} `json:"changes"`
		} `json:"updates"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != 0 {
		t.Fatalf("json: %v, %+v", err, r)
	}
	if len(out.Updates) != 2 || out.Updates[0].Name != name || !out.Updates[1].New || len(out.Updates[0].Changes) != 3 {
		t.Fatalf("updates %+v", out.Updates)
	}
	kinds := map[string]string{}
	for _, c := range out.Updates[0].Changes {
		kinds[c.Word] = c.Kind
		if c.Word == second && (c.Incoming == nil || c.Incoming.Note != "新版本的依据" || c.Conflict) {
			t.Errorf("changed entry %+v", c)
		}
	}
	if kinds["测试新增词"] != "added" || kinds[second] != "changed" || len(kinds) != 3 {
		t.Errorf("kinds %v", kinds)
	}
}
