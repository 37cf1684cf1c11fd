package lexicons

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

// fixtureLexicon parses testdata/name.
func fixtureLexicon(t *testing.T, name string) *lexicon.Lexicon {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	l, err := lexicon.Parse(name, data, "")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// shippedV1 returns a fixture whose workspace was made with shipped-v1 as
// its only default lexicon.
func shippedV1(t *testing.T) *fixture {
	f := newFixture(t)
	if err := f.store.Seed(f.ctx, []*lexicon.Lexicon{fixtureLexicon(t, "shipped-v1.toml")}); err != nil {
		t.Fatal(err)
	}
	return f
}

// describe writes a change as "kind word [fields]" with "allow", "conflict"
// or the property name in front when they apply, for comparing in tests.
func describe(c Change) string {
	var parts []string
	if c.Conflict {
		parts = append(parts, "conflict")
	}
	if c.Allow {
		parts = append(parts, "allow")
	}
	parts = append(parts, string(c.Kind))
	if c.Property != "" {
		return strings.Join(append(parts, c.Property, c.From+"→"+c.To), " ")
	}
	parts = append(parts, c.Word)
	if len(c.Fields) > 0 {
		parts = append(parts, strings.Join(c.Fields, ","))
	}
	return strings.Join(parts, " ")
}

func describeAll(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, describe(c))
	}
	return out
}

func TestDiff(t *testing.T) {
	const head = "name = \"x\"\nversion = \"1\"\n"
	lex := func(body string) *lexicon.Lexicon { return parse(t, "x.toml", head+body) }
	a := "[[entry]]\nword = \"甲\"\n"
	b := "[[entry]]\nword = \"乙\"\n"
	aWarn := "[[entry]]\nword = \"甲\"\nseverity = \"warn\"\n"
	aNote := "[[entry]]\nword = \"甲\"\nnote = \"新依据\"\n"
	allow := "[[allow]]\nword = \"甲乙\"\n"
	tests := []struct {
		name                  string
		base, local, incoming string
		baseKnown             bool
		want                  []string
	}{
		{"nothing new", a + b, a + b, a + b, true, nil},
		{"added", a, a, a + b, true, []string{"added 乙"}},
		{"removed", a + b, a + b, a, true, []string{"removed 乙"}},
		{"changed severity", a, a, aWarn, true, []string{"changed 甲 severity"}},
		{"changed note and allow added", a, a, aNote + allow, true, []string{"changed 甲 note", "allow added 甲乙"}},
		{"allow removed", a + allow, a + allow, a, true, []string{"allow removed 甲乙"}},
		{"local removal kept", a + b, a, a + b, true, nil},
		{"local addition kept", a, a + b, a, true, nil},
		{"local change kept", a, aWarn, a + b, true, []string{"added 乙"}},
		{"both changed: conflict", a, aWarn, aNote, true, []string{"conflict changed 甲 severity,note"}},
		{"local removed, source changed: conflict", a + b, b, aNote + b, true, []string{"conflict added 甲"}},
		{"local changed, source removed: conflict", a + b, aWarn + b, b, true, []string{"conflict removed 甲"}},
		{"same edit on both sides", a, aWarn, aWarn, true, nil},
		{"base unknown: every difference", "", aWarn, aNote + b, false, []string{"conflict changed 甲 severity,note", "conflict added 乙"}},
		// Entries without a category of their own follow the lexicon's.
		{"category of the lexicon", a, a, "category = \"typo\"\n" + a, true,
			[]string{"changed category sensitive→typo", "changed 甲 category,severity"}},
		{"kind of the lexicon", a, a, "kind = \"protected\"\n" + a, true, []string{"changed kind words→protected"}},
	}
	for _, tt := range tests {
		var base *lexicon.Lexicon
		if tt.base != "" {
			base = lex(tt.base)
		}
		got := describeAll(diff(base, lex(tt.local), lex(tt.incoming), tt.baseKnown))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestShippedUpdateOffered(t *testing.T) {
	f := shippedV1(t)
	v2 := fixtureLexicon(t, "shipped-v2.toml")
	if ups, err := f.store.Updates(f.ctx, f.sec, []*lexicon.Lexicon{fixtureLexicon(t, "shipped-v1.toml")}); err != nil || len(ups) != 0 {
		t.Fatalf("the same defaults offer %+v, %v", ups, err)
	}
	ups, err := f.store.Updates(f.ctx, f.sec, []*lexicon.Lexicon{v2, fixtureLexicon(t, "illegal.toml")})
	if err != nil || len(ups) != 2 {
		t.Fatalf("updates = %+v, %v", ups, err)
	}
	want := []string{"changed 示例词 note", "changed 冷漠语 severity", "added 新增词", "removed 旧说法",
		"allow added 示例词库", "allow removed 示例词典"}
	if got := describeAll(ups[0].Changes); !slices.Equal(got, want) {
		t.Errorf("changes %q, want %q", got, want)
	}
	u := ups[0]
	if u.New || u.Edited || !u.BaseKnown || u.Version != "2026-11-01" || u.NewVersion != "2026-12-01" {
		t.Errorf("update %+v", u)
	}
	if a, r, c, k := u.Counts(); a != 2 || r != 2 || c != 2 || k != 0 {
		t.Errorf("counts %d %d %d %d", a, r, c, k)
	}
	if !ups[1].New || len(ups[1].Changes) != 3 || ups[1].Name != "违法信息" {
		t.Errorf("new lexicon %+v", ups[1])
	}
	if n, err := f.store.Waiting(f.ctx, []*lexicon.Lexicon{v2}); err != nil || n != 1 {
		t.Errorf("waiting = %d, %v", n, err)
	}
}

func TestAcceptAllSomeNone(t *testing.T) {
	tests := []struct {
		name        string
		pick        func(ups []Update)
		version     string
		words       []string // entries afterwards
		newLexicon  bool     // 违法信息 exists afterwards
		auditDetail string
	}{
		{"all", func(ups []Update) { AcceptAll(ups, false) }, "2026-12-01",
			[]string{"示例词", "按装", "冷漠语", "新增词"}, true, "accepted 6 of 6"},
		{"some", func(ups []Update) {
			for i := range ups[0].Changes {
				ups[0].Changes[i].Accept = ups[0].Changes[i].Word == "新增词"
			}
			for i := range ups[1].Changes {
				ups[1].Changes[i].Accept = ups[1].Changes[i].Word == "代开发票"
			}
		}, "2026-12-01+1", []string{"示例词", "按装", "旧说法", "冷漠语", "新增词"}, true, "accepted 1 of 6"},
		{"none", func(ups []Update) {
			for i := range ups {
				for j := range ups[i].Changes {
					ups[i].Changes[j].Accept = false
				}
			}
		}, "2026-11-01", []string{"示例词", "按装", "旧说法", "冷漠语"}, false, "declined all 6"},
	}
	for _, tt := range tests {
		f := shippedV1(t)
		shipped := []*lexicon.Lexicon{fixtureLexicon(t, "shipped-v2.toml"), fixtureLexicon(t, "illegal.toml")}
		ups, err := f.store.Updates(f.ctx, f.sec, shipped)
		if err != nil {
			t.Fatal(err)
		}
		tt.pick(ups)
		if err := f.store.ApplyUpdates(f.ctx, f.sec, ups); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		l, _ := f.store.Load(f.ctx, "默认敏感词")
		var words []string
		for _, e := range l.Entries {
			words = append(words, e.Word)
		}
		if l.Version != tt.version || !slices.Equal(words, tt.words) {
			t.Errorf("%s: version %s, words %q; want %s, %q", tt.name, l.Version, words, tt.version, tt.words)
		}
		if _, err := f.store.Get(f.ctx, "违法信息"); (err == nil) != tt.newLexicon {
			t.Errorf("%s: new lexicon there = %v", tt.name, err == nil)
		}
		rows := f.auditRows(ActionLexiconUpdate)
		if len(rows) != 2 || rows[1].Target != "默认敏感词" || rows[1].Actor != "sec" || !strings.Contains(rows[1].Detail, tt.auditDetail) {
			t.Errorf("%s: audit rows %+v", tt.name, rows)
		}
		// Whatever was chosen, the same version is not offered again.
		if n, err := f.store.Waiting(f.ctx, shipped); err != nil || n != 0 {
			t.Errorf("%s: still waiting: %d, %v", tt.name, n, err)
		}
		if rep, _ := audit.Verify(f.ctx, f.db.SQL); !rep.OK {
			t.Errorf("%s: audit chain %+v", tt.name, rep)
		}
	}
}

func TestLocalEditsAreConflicts(t *testing.T) {
	f := shippedV1(t)
	const lex = "默认敏感词"
	// secadmin's own edits: 示例词 made a warning, 按装 removed, 本地词 added.
	must(t, f.store.PutEntry(f.ctx, f.sec, lex, "示例词", lexicon.Entry{Word: "示例词", Severity: finding.Warn, Note: "依据"}))
	must(t, f.store.RemoveEntry(f.ctx, f.sec, lex, "按装"))
	must(t, f.store.PutEntry(f.ctx, f.sec, lex, "", lexicon.Entry{Word: "本地词"}))
	shipped := []*lexicon.Lexicon{fixtureLexicon(t, "shipped-v2.toml")}
	ups, err := f.store.Updates(f.ctx, f.sec, shipped)
	if err != nil || len(ups) != 1 {
		t.Fatalf("updates %+v, %v", ups, err)
	}
	u := ups[0]
	want := []string{"conflict changed 示例词 severity,note", "changed 冷漠语 severity", "added 新增词", "removed 旧说法",
		"allow added 示例词库", "allow removed 示例词典"}
	if got := describeAll(u.Changes); !slices.Equal(got, want) || !u.Edited {
		t.Fatalf("changes %q (edited %v), want %q", got, u.Edited, want)
	}
	if u.Changes[0].Accept || u.Changes[0].Local.Severity != finding.Warn || u.Changes[0].Incoming.Note != "依据（2026年修订）" ||
		u.Changes[0].Base.Note != "依据" {
		t.Errorf("conflict %+v must not be preset to accepted and must show all three sides", u.Changes[0])
	}
	must(t, f.store.ApplyUpdates(f.ctx, f.sec, ups)) // defaults: the conflict keeps the local edit
	l, _ := f.store.Load(f.ctx, lex)
	got := map[string]lexicon.Entry{}
	for _, e := range l.Entries {
		got[e.Word] = e
	}
	if got["示例词"].Severity != finding.Warn || got["冷漠语"].Severity != finding.Block || got["本地词"].Word == "" ||
		got["按装"].Word != "" || got["旧说法"].Word != "" || l.Version != "2026-12-01+1" {
		t.Errorf("after the update: %+v, version %s", l.Entries, l.Version)
	}
	rows := f.auditRows(ActionLexiconUpdate)
	if len(rows) != 1 || !strings.Contains(rows[0].Detail, "1 conflicts with local edits, 0 of them taken") {
		t.Errorf("audit %+v", rows)
	}

	// A later version is compared with v2 now: the kept edit is not a new conflict.
	v3 := fixtureLexicon(t, "shipped-v2.toml")
	v3.Version = "2027-01-01"
	v3.Entries = append(v3.Entries, lexicon.Entry{Word: "第三版词", Category: finding.Sensitive, Severity: finding.Block})
	ups, err = f.store.Updates(f.ctx, f.sec, []*lexicon.Lexicon{v3})
	if got := describeAll(ups[0].Changes); err != nil || !slices.Equal(got, []string{"added 第三版词"}) {
		t.Errorf("v3 changes %q, %v", got, err)
	}
	AcceptAll(ups, true)
	must(t, f.store.ApplyUpdates(f.ctx, f.sec, ups))
	if l, _ := f.store.Load(f.ctx, lex); l.Version != "2027-01-01+1" {
		t.Errorf("v3 version %s", l.Version)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestConflictTakenWhenChosen(t *testing.T) {
	f := shippedV1(t)
	must(t, f.store.PutEntry(f.ctx, f.sec, "默认敏感词", "示例词", lexicon.Entry{Word: "示例词", Severity: finding.Info}))
	ups, _ := f.store.Updates(f.ctx, f.sec, []*lexicon.Lexicon{fixtureLexicon(t, "shipped-v2.toml")})
	AcceptAll(ups, true)
	must(t, f.store.ApplyUpdates(f.ctx, f.sec, ups))
	l, _ := f.store.Load(f.ctx, "默认敏感词")
	v2, _ := checked(fixtureLexicon(t, "shipped-v2.toml"))
	if s1, _ := contentSM3(l); s1 != mustSM3(t, v2) || l.Version != "2026-12-01" {
		t.Errorf("taking everything must give exactly v2, got %+v", l)
	}
}

func mustSM3(t *testing.T, l *lexicon.Lexicon) string {
	t.Helper()
	s, err := contentSM3(l)
	must(t, err)
	return s
}

func TestLegacyWorkspaceWithoutOrigin(t *testing.T) {
	tests := []struct {
		name      string
		edit      bool
		baseKnown bool
		conflicts int
	}{
		{"never edited: its copy is what Shenfa sent", false, true, 0},
		{"edited: every difference is a conflict", true, false, 7},
	}
	for _, tt := range tests {
		f := shippedV1(t)
		if tt.edit {
			must(t, f.store.PutEntry(f.ctx, f.sec, "默认敏感词", "", lexicon.Entry{Word: "本地词"}))
		}
		if _, err := f.db.SQL.Exec(`DELETE FROM lexicon_origin`); err != nil { // as made before migration 3
			t.Fatal(err)
		}
		ups, err := f.store.Updates(f.ctx, f.sec, []*lexicon.Lexicon{fixtureLexicon(t, "shipped-v2.toml")})
		if err != nil || len(ups) != 1 {
			t.Fatalf("%s: %+v, %v", tt.name, ups, err)
		}
		_, _, _, k := ups[0].Counts()
		if ups[0].BaseKnown != tt.baseKnown || k != tt.conflicts || ups[0].Edited != tt.edit {
			t.Errorf("%s: base known %v, %d conflicts, edited %v: %q", tt.name, ups[0].BaseKnown, k, ups[0].Edited,
				describeAll(ups[0].Changes))
		}
	}
}

func TestDeclinedNewLexiconOfferedAgainOnlyWhenChanged(t *testing.T) {
	f := shippedV1(t)
	ill := fixtureLexicon(t, "illegal.toml")
	ups, _ := f.store.Updates(f.ctx, f.sec, []*lexicon.Lexicon{ill})
	AcceptAll(ups, false)
	for i := range ups[0].Changes {
		ups[0].Changes[i].Accept = false
	}
	must(t, f.store.ApplyUpdates(f.ctx, f.sec, ups))
	if ups, _ := f.store.Updates(f.ctx, f.sec, []*lexicon.Lexicon{ill}); len(ups) != 0 {
		t.Errorf("a declined lexicon is offered again unchanged: %+v", ups)
	}
	changed := fixtureLexicon(t, "illegal.toml")
	changed.Entries = append(changed.Entries, lexicon.Entry{Word: "网络赌博"})
	ups, _ = f.store.Updates(f.ctx, f.sec, []*lexicon.Lexicon{changed})
	if len(ups) != 1 || !ups[0].New || !ups[0].Declined || len(ups[0].Changes) != 4 {
		t.Errorf("a changed declined lexicon: %+v", ups)
	}
}

func TestUpdateRefusals(t *testing.T) {
	f := shippedV1(t)
	shipped := []*lexicon.Lexicon{fixtureLexicon(t, "shipped-v2.toml")}
	ups, _ := f.store.Updates(f.ctx, f.sec, shipped)
	n, _ := audit.Count(f.ctx, f.db.SQL, audit.Filter{})
	for _, who := range []*account.Session{f.sys, f.aud, nil} {
		if _, err := f.store.Updates(f.ctx, who, shipped); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("updates by %v: %v", who, err)
		}
		if err := f.store.ApplyUpdates(f.ctx, who, ups); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("apply by %v: %v", who, err)
		}
	}
	// An edit after the update was shown makes it stale: nothing changes.
	must(t, f.store.PutEntry(f.ctx, f.sec, "默认敏感词", "", lexicon.Entry{Word: "其间加的词"}))
	n++
	if err := f.store.ApplyUpdates(f.ctx, f.sec, ups); !errors.Is(err, ErrStale) {
		t.Errorf("stale apply: %v", err)
	}
	// An imported lexicon of the same name as a new default is not replaced.
	must(t, f.store.Import(f.ctx, f.sec, parse(t, "违法信息.txt", "自己的词\n"), false))
	n++
	ups, _ = f.store.Updates(f.ctx, f.sec, []*lexicon.Lexicon{fixtureLexicon(t, "illegal.toml")})
	if len(ups) != 1 || !ups[0].Clash {
		t.Fatalf("clash %+v", ups)
	}
	if w, _ := f.store.Waiting(f.ctx, []*lexicon.Lexicon{fixtureLexicon(t, "illegal.toml")}); w != 0 {
		t.Errorf("a clash counts as waiting")
	}
	if err := f.store.ApplyUpdates(f.ctx, f.sec, ups); !errors.Is(err, ErrClash) {
		t.Errorf("clash apply: %v", err)
	}
	if after, _ := audit.Count(f.ctx, f.db.SQL, audit.Filter{}); after != n {
		t.Errorf("refused updates wrote %d audit rows", after-n)
	}
	if l, _ := f.store.Load(f.ctx, "默认敏感词"); len(l.Entries) != 5 || !strings.HasPrefix(l.Version, "2026-11-01") {
		t.Errorf("refused updates changed the lexicon: %+v", l)
	}
}

func TestMergedVersionAlwaysChanges(t *testing.T) {
	tests := []struct {
		old, incoming string
		same          bool
		want          string
	}{
		{"2026-11-01", "2026-12-01", true, "2026-12-01"},
		{"2026-11-01", "2026-12-01", false, "2026-12-01+1"},
		{"2026-11-01", "2026-11-01", true, "2026-11-01+1"}, // words changed, version line did not
		{"2026-11-01+1", "2026-11-01", false, "2026-11-01+2"},
	}
	for _, tt := range tests {
		if got := mergedVersion(tt.old, tt.incoming, tt.same); got != tt.want {
			t.Errorf("mergedVersion(%q, %q, %v) = %q, want %q", tt.old, tt.incoming, tt.same, got, tt.want)
		}
	}
}
