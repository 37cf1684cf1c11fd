package lexicons

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/review/workspace"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

var migrations = []workspace.Migration{
	{Version: 1, Name: "accounts", SQL: account.Schema + audit.Schema},
	{Version: 2, Name: "lexicons", SQL: Schema},
	{Version: 3, Name: "lexicon origins and trusted publishers", SQL: OriginSchema},
}

type fixture struct {
	t             *testing.T
	ctx           context.Context
	db            *workspace.DB
	store         *Store
	sys, sec, aud *account.Session
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, err := workspace.Open(filepath.Join(t.TempDir(), "ws.db"), migrations)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{t: t, ctx: context.Background(), db: db, store: New(db)}
	accounts := account.New(db, account.WithKDF(account.KDF{Time: 1, MemoryKiB: 64, Threads: 1}))
	admins := [3]account.NewUser{
		{Name: "sys", FullName: "王建国", Password: "Sys-pass-1"},
		{Name: "sec", FullName: "李敏", Password: "Sec-pass-1"},
		{Name: "aud", FullName: "赵静", Password: "Aud-pass-1"},
	}
	if err := accounts.Setup(f.ctx, admins); err != nil {
		t.Fatal(err)
	}
	for i, s := range []**account.Session{&f.sys, &f.sec, &f.aud} {
		if *s, err = accounts.SignIn(f.ctx, admins[i].Name, admins[i].Password); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func parse(t *testing.T, name, data string) *lexicon.Lexicon {
	t.Helper()
	l, err := lexicon.Parse(name, []byte(data), "")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

const defaultTOML = `name = "默认敏感词"
version = "2026-11-01"
[[entry]]
word = "示例词"
note = "依据"
[[entry]]
word = "按装"
category = "typo"
suggestion = "安装"
[[allow]]
word = "示例词典"
`

// seeded returns a fixture whose workspace holds one built-in lexicon.
func seeded(t *testing.T) *fixture {
	f := newFixture(t)
	if err := f.store.Seed(f.ctx, []*lexicon.Lexicon{parse(t, "d.toml", defaultTOML)}); err != nil {
		t.Fatal(err)
	}
	return f
}

// auditRows returns the audit rows with action, newest first.
func (f *fixture) auditRows(action string) []audit.Entry {
	f.t.Helper()
	rows, err := audit.List(f.ctx, f.db.SQL, audit.Filter{Action: action, Limit: 1000})
	if err != nil {
		f.t.Fatal(err)
	}
	return rows
}

func (f *fixture) info(name string) Info {
	f.t.Helper()
	i, err := f.store.Get(f.ctx, name)
	if err != nil {
		f.t.Fatal(err)
	}
	return i
}

func TestSeedOnceAsBuiltin(t *testing.T) {
	f := seeded(t)
	other := parse(t, "o.txt", "别的词\n")
	if err := f.store.Seed(f.ctx, []*lexicon.Lexicon{other}); err != nil {
		t.Fatal(err)
	}
	list, err := f.store.List(f.ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("list after second seed = %+v, %v", list, err)
	}
	want := Info{Name: "默认敏感词", Version: "2026-11-01", Kind: lexicon.Words, Category: finding.Sensitive,
		Enabled: true, Builtin: true, Entries: 2, Allows: 1}
	got := list[0]
	got.UpdatedAt = want.UpdatedAt
	if got != want {
		t.Errorf("seeded %+v, want %+v", got, want)
	}
	rows := f.auditRows(audit.ActionLexiconImport)
	if len(rows) != 1 || rows[0].Actor != "" || rows[0].Target != "默认敏感词" || !strings.Contains(rows[0].Detail, "built-in") {
		t.Errorf("seed audit rows %+v", rows)
	}
}

func TestImportAndReplace(t *testing.T) {
	f := seeded(t)
	mine := parse(t, "本单位.txt", "甲词\n乙词\t乙\n甲词\n")
	if err := f.store.Import(f.ctx, f.sec, mine, false); err != nil {
		t.Fatal(err)
	}
	if i := f.info("本单位"); i.Entries != 2 || i.Builtin || !i.Enabled || i.UpdatedBy != "sec" {
		t.Errorf("imported %+v (the duplicate 甲词 must be merged)", i)
	}
	if err := f.store.Import(f.ctx, f.sec, mine, false); !errors.Is(err, ErrExists) {
		t.Fatalf("second import = %v, want ErrExists", err)
	}
	if err := f.store.SetEnabled(f.ctx, f.sec, "本单位", false); err != nil {
		t.Fatal(err)
	}
	if err := f.store.Import(f.ctx, f.sec, parse(t, "本单位.txt", "丙词\n"), true); err != nil {
		t.Fatal(err)
	}
	if i := f.info("本单位"); i.Entries != 1 || i.Enabled {
		t.Errorf("replaced %+v: want 1 entry, still disabled", i)
	}
	rows := f.auditRows(audit.ActionLexiconImport)
	if len(rows) != 3 || rows[0].Actor != "sec" || !strings.Contains(rows[0].Detail, "replaced") {
		t.Errorf("import audit rows %+v", rows)
	}
}

func TestRefusedWithoutManageLexicons(t *testing.T) {
	f := seeded(t)
	l := parse(t, "x.txt", "词\n")
	ops := map[string]func(*account.Session) error{
		"import":  func(s *account.Session) error { return f.store.Import(f.ctx, s, l, true) },
		"export":  func(s *account.Session) error { _, err := f.store.Export(f.ctx, s, "默认敏感词"); return err },
		"disable": func(s *account.Session) error { return f.store.SetEnabled(f.ctx, s, "默认敏感词", false) },
		"delete":  func(s *account.Session) error { return f.store.Delete(f.ctx, s, "默认敏感词") },
		"put": func(s *account.Session) error {
			return f.store.PutEntry(f.ctx, s, "默认敏感词", "", lexicon.Entry{Word: "新词"})
		},
		"remove": func(s *account.Session) error { return f.store.RemoveEntry(f.ctx, s, "默认敏感词", "示例词") },
		"allow": func(s *account.Session) error {
			return f.store.PutAllow(f.ctx, s, "默认敏感词", "", lexicon.Allow{Word: "新词组"})
		},
	}
	n, _ := audit.Count(f.ctx, f.db.SQL, audit.Filter{})
	for name, op := range ops {
		for _, who := range []*account.Session{f.sys, f.aud, nil} {
			if err := op(who); !errors.Is(err, account.ErrForbidden) {
				t.Errorf("%s by %v = %v, want ErrForbidden", name, who, err)
			}
		}
	}
	if after, _ := audit.Count(f.ctx, f.db.SQL, audit.Filter{}); after != n {
		t.Errorf("refused changes wrote %d audit rows", after-n)
	}
	if i := f.info("默认敏感词"); i.Version != "2026-11-01" || !i.Enabled || i.Entries != 2 {
		t.Errorf("refused changes changed the lexicon: %+v", i)
	}
}

func TestEditEntries(t *testing.T) {
	f := seeded(t)
	const lex = "默认敏感词"
	long := strings.Repeat("长", 70)
	tests := []struct {
		name  string
		op    func() error
		want  error
		entry string // a word that must then be there, with its severity
		sev   finding.Severity
	}{
		{"add", func() error {
			return f.store.PutEntry(f.ctx, f.sec, lex, "", lexicon.Entry{Word: " 新词 ", Note: "通报"})
		}, nil, "新词", finding.Block},
		{"add twice", func() error { return f.store.PutEntry(f.ctx, f.sec, lex, "", lexicon.Entry{Word: "新词"}) }, ErrEntryExists, "", ""},
		{"edit", func() error {
			return f.store.PutEntry(f.ctx, f.sec, lex, "新词", lexicon.Entry{Word: "新词语", Category: finding.Tone, Severity: finding.Info})
		}, nil, "新词语", finding.Info},
		{"edit missing", func() error { return f.store.PutEntry(f.ctx, f.sec, lex, "没有", lexicon.Entry{Word: "有"}) }, ErrNoSuchEntry, "", ""},
		{"rename onto another", func() error {
			return f.store.PutEntry(f.ctx, f.sec, lex, "新词语", lexicon.Entry{Word: "示例词"})
		}, ErrEntryExists, "", ""},
		{"bad category", func() error {
			return f.store.PutEntry(f.ctx, f.sec, lex, "", lexicon.Entry{Word: "坏", Category: "nonsense"})
		}, lexicon.ErrBadCategory, "", ""},
		{"bad severity", func() error {
			return f.store.PutEntry(f.ctx, f.sec, lex, "", lexicon.Entry{Word: "坏", Severity: "huge"})
		}, lexicon.ErrBadSeverity, "", ""},
		{"empty word", func() error { return f.store.PutEntry(f.ctx, f.sec, lex, "", lexicon.Entry{Word: "  "}) }, lexicon.ErrNoWord, "", ""},
		{"long word", func() error { return f.store.PutEntry(f.ctx, f.sec, lex, "", lexicon.Entry{Word: long}) }, lexicon.ErrLongWord, "", ""},
		{"no lexicon", func() error { return f.store.PutEntry(f.ctx, f.sec, "无", "", lexicon.Entry{Word: "词"}) }, ErrNoSuchLexicon, "", ""},
		{"remove", func() error { return f.store.RemoveEntry(f.ctx, f.sec, lex, "按装") }, nil, "", ""},
		{"remove missing", func() error { return f.store.RemoveEntry(f.ctx, f.sec, lex, "按装") }, ErrNoSuchEntry, "", ""},
		{"allow", func() error { return f.store.PutAllow(f.ctx, f.sec, lex, "", lexicon.Allow{Word: "新词语法"}) }, nil, "", ""},
		{"allow edit", func() error {
			return f.store.PutAllow(f.ctx, f.sec, lex, "新词语法", lexicon.Allow{Word: "新词语法书", Note: "书名"})
		}, nil, "", ""},
		{"allow remove", func() error { return f.store.RemoveAllow(f.ctx, f.sec, lex, "示例词典") }, nil, "", ""},
	}
	version := f.info(lex).Version
	for _, tt := range tests {
		err := tt.op()
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
			continue
		}
		v := f.info(lex).Version
		if (v != version) != (err == nil) {
			t.Errorf("%s: version %s → %s", tt.name, version, v)
		}
		version = v
		if tt.entry != "" {
			es, _, _ := f.store.Search(f.ctx, lex, tt.entry, 0, 0)
			if len(es) != 1 || es[0].Word != tt.entry || es[0].Severity != tt.sev {
				t.Errorf("%s: entries %+v", tt.name, es)
			}
		}
	}
	if version != "2026-11-01+6" {
		t.Errorf("version after six edits = %s", version)
	}
	l, _ := f.store.Load(f.ctx, lex)
	if len(l.Entries) != 2 || len(l.Allow) != 1 || l.Allow[0] != (lexicon.Allow{Word: "新词语法书", Note: "书名"}) {
		t.Errorf("loaded %+v", l)
	}
	edits := len(f.auditRows(audit.ActionEntryAdd)) + len(f.auditRows(audit.ActionEntryEdit)) + len(f.auditRows(audit.ActionEntryRemove))
	if edits != 6 {
		t.Errorf("%d entry audit rows, want 6", edits)
	}
	if rows := f.auditRows(audit.ActionEntryEdit); !strings.Contains(rows[len(rows)-1].Detail, "2026-11-01+1 → 2026-11-01+2") {
		t.Errorf("edit audit detail %q does not give the versions", rows[len(rows)-1].Detail)
	}
}

func TestSearchPages(t *testing.T) {
	f := seeded(t)
	var b strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&b, "词%04d\t建议%d\n", i, i%7)
	}
	b.WriteString("Abc%_\n")
	if err := f.store.Import(f.ctx, f.sec, parse(t, "大.txt", b.String()), false); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text          string
		limit, offset int
		total, first  int
		firstWord     string
	}{
		{"", 100, 0, 1001, 100, "词0000"},
		{"", 100, 1000, 1001, 1, "Abc%_"},
		{"词09", 0, 0, 100, 100, "词0900"},
		{"建议3", 10, 5, 143, 10, "词0038"},
		{"abc%", 10, 0, 1, 1, "Abc%_"},
		{"%", 10, 0, 1, 1, "Abc%_"},
		{"无此词", 10, 0, 0, 0, ""},
	}
	for _, tt := range tests {
		es, n, err := f.store.Search(f.ctx, "大", tt.text, tt.limit, tt.offset)
		if err != nil || n != tt.total || len(es) != tt.first || (len(es) > 0 && es[0].Word != tt.firstWord) {
			t.Errorf("search %q %d+%d: %d of %d (%v), first %v", tt.text, tt.offset, tt.limit, len(es), n, err, es[:min(1, len(es))])
		}
	}
	if as, n, err := f.store.SearchAllow(f.ctx, "默认敏感词", "典", 10, 0); err != nil || n != 1 || as[0].Word != "示例词典" {
		t.Errorf("allow search: %v %d %v", as, n, err)
	}
	if _, _, err := f.store.Search(f.ctx, "无", "", 10, 0); !errors.Is(err, ErrNoSuchLexicon) {
		t.Errorf("search of a missing lexicon: %v", err)
	}
}

func TestEnableDeleteExport(t *testing.T) {
	f := seeded(t)
	if err := f.store.Import(f.ctx, f.sec, parse(t, "本单位.toml", strings.Replace(defaultTOML, "默认敏感词", "本单位", 1)), false); err != nil {
		t.Fatal(err)
	}
	if err := f.store.SetEnabled(f.ctx, f.sec, "默认敏感词", false); err != nil {
		t.Fatal(err)
	}
	on, err := f.store.Enabled(f.ctx)
	if err != nil || len(on) != 1 || on[0].Name != "本单位" || len(on[0].Entries) != 2 {
		t.Fatalf("enabled = %+v, %v", on, err)
	}
	if err := f.store.Delete(f.ctx, f.sec, "默认敏感词"); !errors.Is(err, ErrBuiltin) {
		t.Fatalf("delete built-in = %v", err)
	}
	data, err := f.store.Export(f.ctx, f.sec, "本单位")
	if err != nil {
		t.Fatal(err)
	}
	back := parse(t, "back.toml", string(data))
	if l, _ := f.store.Load(f.ctx, "本单位"); fmt.Sprint(back) != fmt.Sprint(l) {
		t.Errorf("export round trip:\n%+v\n%+v", back, l)
	}
	if err := f.store.Delete(f.ctx, f.sec, "本单位"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Load(f.ctx, "本单位"); !errors.Is(err, ErrNoSuchLexicon) {
		t.Errorf("load after delete = %v", err)
	}
	for _, a := range []string{audit.ActionLexiconDisable, audit.ActionLexiconExport, audit.ActionLexiconDelete} {
		if rows := f.auditRows(a); len(rows) != 1 || rows[0].Actor != "sec" {
			t.Errorf("%s audit rows %+v", a, rows)
		}
	}
	if rep, _ := audit.Verify(f.ctx, f.db.SQL); !rep.OK {
		t.Errorf("audit chain %+v", rep)
	}
}

func TestNextVersion(t *testing.T) {
	tests := map[string]string{
		"2026-11-01":    "2026-11-01+1",
		"2026-11-01+1":  "2026-11-01+2",
		"2026-11-01+9":  "2026-11-01+10",
		"1.0+build":     "1.0+build+1",
		"sha256:abc":    "sha256:abc+1",
		"v+-3":          "v+-3+1",
		"x+1+2":         "x+1+3",
		"":              "+1",
		"2026-11-01+0":  "2026-11-01+0+1",
		"2026-11-01+07": "2026-11-01+8",
	}
	for in, want := range tests {
		if got := nextVersion(in); got != want {
			t.Errorf("nextVersion(%q) = %q, want %q", in, got, want)
		}
	}
}
