package policy

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/review/workspace"
)

var migrations = []workspace.Migration{
	{Version: 1, Name: "accounts, settings and audit trail", SQL: account.Schema + audit.Schema},
	{Version: 2, Name: "review policies", SQL: Schema},
}

type fixture struct {
	t                     *testing.T
	ctx                   context.Context
	db                    *workspace.DB
	sys, sec, aud, author *account.Session
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	db, err := workspace.Open(filepath.Join(t.TempDir(), "ws.db"), migrations)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &fixture{t: t, ctx: context.Background(), db: db}
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
	id, err := accounts.Create(f.ctx, f.sys, account.NewUser{Name: "author", FullName: "张三", Password: "Author-pw-1"})
	if err == nil {
		err = accounts.Grant(f.ctx, f.sec, id, account.Author)
	}
	if err == nil {
		f.author, err = accounts.SignIn(f.ctx, "author", "Author-pw-1")
	}
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) seed() ID {
	f.t.Helper()
	var id ID
	err := f.db.Write(f.ctx, func(tx *sql.Tx) (err error) {
		id, err = SeedDefault(f.ctx, tx)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

func (f *fixture) importAs(s *account.Session, src string) (ID, error) {
	var id ID
	err := f.db.Write(f.ctx, func(tx *sql.Tx) (err error) {
		id, err = Import(f.ctx, tx, s, []byte(src))
		return err
	})
	return id, err
}

func (f *fixture) current() (ID, *Policy) {
	f.t.Helper()
	id, p, err := Current(f.ctx, f.db.SQL)
	if err != nil {
		f.t.Fatal(err)
	}
	return id, p
}

// imports returns the policy.import audit rows, oldest first.
func (f *fixture) imports() []audit.Entry {
	f.t.Helper()
	rows, err := audit.List(f.ctx, f.db.SQL, audit.Filter{Action: ActionImport, Limit: 100})
	if err != nil {
		f.t.Fatal(err)
	}
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	return rows
}

func version(v string) string { return strings.Replace(base, `version = "v1"`, `version = "`+v+`"`, 1) }

func TestSeedDefault(t *testing.T) {
	f := newFixture(t)
	if _, _, err := Current(f.ctx, f.db.SQL); !errors.Is(err, ErrNoPolicy) {
		t.Fatalf("Current of an empty workspace: %v", err)
	}
	id := f.seed()
	cur, p := f.current()
	if cur != id || p.Name != "本单位发布审核策略" || p.Version != "2026-12-01" {
		t.Fatalf("current %d %s %s after seeding %d", cur, p.Name, p.Version, id)
	}
	if again := f.seed(); again != id {
		t.Errorf("second seed gives %d, first %d", again, id)
	}
	rows := f.imports()
	if len(rows) != 1 || rows[0].Actor != "" || !strings.Contains(rows[0].Detail, "built-in") ||
		!strings.Contains(rows[0].Detail, p.SM3) {
		t.Errorf("audit rows %+v", rows)
	}
	list, err := List(f.ctx, f.db.SQL)
	if err != nil || len(list) != 1 || !list[0].Current || list[0].ImportedBy != "" || list[0].ImportedAt.IsZero() {
		t.Errorf("List = %+v, %v", list, err)
	}
}

func TestImportKeepsOldVersionsLoadable(t *testing.T) {
	f := newFixture(t)
	seeded := f.seed()
	v1, err := f.importAs(f.sec, version("v1"))
	if err != nil {
		t.Fatal(err)
	}
	v2, err := f.importAs(f.sec, version("v2"))
	if err != nil {
		t.Fatal(err)
	}
	if cur, p := f.current(); cur != v2 || p.Version != "v2" {
		t.Fatalf("current %d %s, want v2 (%d)", cur, p.Version, v2)
	}
	// A draft submitted under an earlier version keeps its id; it must still load.
	for id, want := range map[ID]string{seeded: "2026-12-01", v1: "v1", v2: "v2"} {
		p, err := Load(f.ctx, f.db.SQL, id)
		if err != nil || p.Version != want {
			t.Errorf("Load(%d) = %v, %v; want version %s", id, p, err, want)
		}
	}
	src, err := Source(f.ctx, f.db.SQL, v1)
	if err != nil || string(src) != version("v1") {
		t.Errorf("Source(v1) differs from the imported file: %v", err)
	}
	list, err := List(f.ctx, f.db.SQL)
	if err != nil || len(list) != 3 || list[2].ID != v2 || !list[2].Current || list[1].Current || list[1].ImportedBy != "sec" {
		t.Errorf("List = %+v, %v", list, err)
	}
	rows := f.imports()
	if len(rows) != 3 {
		t.Fatalf("%d import audit rows", len(rows))
	}
	last := rows[2]
	p, _ := Load(f.ctx, f.db.SQL, v2)
	if last.Actor != "sec" || last.Target != "测试策略" || !strings.Contains(last.Detail, "测试策略 v2 sm3 "+p.SM3) {
		t.Errorf("audit row %+v", last)
	}
}

func TestReimport(t *testing.T) {
	f := newFixture(t)
	v1, _ := f.importAs(f.sec, version("v1"))
	v2, _ := f.importAs(f.sec, version("v2"))
	before := len(f.imports())

	// A retry of the last import (its acknowledgement lost) changes nothing.
	if id, err := f.importAs(f.sec, version("v2")); err != nil || id != v2 {
		t.Fatalf("identical re-import = %d, %v; want %d", id, err, v2)
	}
	if n := len(f.imports()); n != before {
		t.Errorf("identical re-import wrote %d audit rows", n-before)
	}

	// Same name and version, other text: refused, nothing stored.
	changed := strings.Replace(version("v2"), `"请修改。"`, `"请修改后再提交。"`, 1)
	if _, err := f.importAs(f.sec, changed); !errors.Is(err, ErrVersionTaken) {
		t.Fatalf("changed text under the same version: %v", err)
	}
	if _, p := f.current(); strings.Contains(strings.Join(p.Phrases.Return, ""), "再提交") {
		t.Error("the refused text is in force")
	}

	// Importing the older file again puts it back in force, on the record.
	if id, err := f.importAs(f.sec, version("v1")); err != nil || id != v1 {
		t.Fatalf("re-import of v1 = %d, %v", id, err)
	}
	if cur, _ := f.current(); cur != v1 {
		t.Errorf("current %d, want v1 %d", cur, v1)
	}
	rows := f.imports()
	if len(rows) != before+1 || !strings.Contains(rows[len(rows)-1].Detail, "in force again") {
		t.Errorf("audit rows after putting v1 back: %+v", rows[before:])
	}
	if list, _ := List(f.ctx, f.db.SQL); len(list) != 2 {
		t.Errorf("%d stored versions, want 2", len(list))
	}

	if err := f.db.Write(f.ctx, func(tx *sql.Tx) error { return Activate(f.ctx, tx, f.sec, v2) }); err != nil {
		t.Fatal(err)
	}
	if cur, _ := f.current(); cur != v2 {
		t.Errorf("after Activate(v2) current is %d", cur)
	}
}

func TestImportRefusesBadFile(t *testing.T) {
	f := newFixture(t)
	f.seed()
	_, err := f.importAs(f.sec, edit(t, `retention = "D10"`, `retention = "D20"`))
	var e *Error
	if !errors.As(err, &e) || e.Reason != ReasonBadRetention || e.Line != 10 {
		t.Fatalf("import of a bad file: %v", err)
	}
	if list, _ := List(f.ctx, f.db.SQL); len(list) != 1 {
		t.Errorf("%d policies stored after a refused import", len(list))
	}
}

func TestOnlySecadminImports(t *testing.T) {
	f := newFixture(t)
	seeded := f.seed()
	for name, s := range map[string]*account.Session{"sysadmin": f.sys, "auditor": f.aud, "author": f.author, "nobody": nil} {
		if _, err := f.importAs(s, version("v9")); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("%s imports: %v", name, err)
		}
		err := f.db.Write(f.ctx, func(tx *sql.Tx) error { return Activate(f.ctx, tx, s, seeded) })
		if !errors.Is(err, account.ErrForbidden) {
			t.Errorf("%s activates: %v", name, err)
		}
	}
	if list, _ := List(f.ctx, f.db.SQL); len(list) != 1 || len(f.imports()) != 1 {
		t.Errorf("refused imports left %d policies, %d audit rows", len(list), len(f.imports()))
	}
	if _, err := f.importAs(f.sec, version("v9")); err != nil {
		t.Errorf("secadmin imports: %v", err)
	}
}

func TestStoredPoliciesCannotChange(t *testing.T) {
	f := newFixture(t)
	id := f.seed()
	for _, q := range []string{
		`UPDATE policies SET source = 'name = "x"' WHERE id = ?`,
		`UPDATE policies SET version = 'v0' WHERE id = ?`,
		`DELETE FROM policies WHERE id = ?`,
	} {
		if _, err := f.db.SQL.ExecContext(f.ctx, q, id); err == nil {
			t.Errorf("%s succeeded", q)
		}
	}
	if _, p := f.current(); p.Version != "2026-12-01" {
		t.Errorf("policy changed to %+v", p)
	}

	// Someone who drops the triggers is caught by the SM3 check on load.
	for _, q := range []string{
		`DROP TRIGGER policies_no_update`,
		`UPDATE policies SET source = replace(source, 'retention = "D10"', 'retention = "Y"')`,
	} {
		if _, err := f.db.SQL.ExecContext(f.ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	src, _ := sqlSource(f, id)
	if p, err := Parse([]byte(src)); err != nil || p.Grades[0].Retention != Permanent {
		t.Fatalf("the altered text should still parse, with grade A kept permanently: %v", err)
	}
	if _, _, err := Current(f.ctx, f.db.SQL); !errors.Is(err, ErrAltered) {
		t.Errorf("Current of an altered policy: %v", err)
	}
	if _, err := Load(f.ctx, f.db.SQL, 999); !errors.Is(err, ErrNoSuchPolicy) {
		t.Errorf("Load(999): %v", err)
	}
}

func TestRenamedRowIsCaught(t *testing.T) {
	f := newFixture(t)
	id := f.seed()
	for _, q := range []string{`DROP TRIGGER policies_no_update`, `UPDATE policies SET version = '2030-01-01'`} {
		if _, err := f.db.SQL.ExecContext(f.ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Load(f.ctx, f.db.SQL, id); !errors.Is(err, ErrAltered) {
		t.Errorf("Load of a row whose version column was changed: %v", err)
	}
}

func sqlSource(f *fixture, id ID) (string, error) {
	var s string
	err := f.db.SQL.QueryRowContext(f.ctx, `SELECT source FROM policies WHERE id = ?`, id).Scan(&s)
	return s, err
}
