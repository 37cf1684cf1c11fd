package drafts

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/review/workspace"
	"shenfa/sensitive"
	"shenfa/sensitive/finding"
)

var cheap = account.WithKDF(account.KDF{Time: 1, MemoryKiB: 64, Threads: 1})

// testPolicy is GUIDE §3.5's default policy in code.
type testPolicy struct {
	id      int64
	version string
}

func (p testPolicy) ID() int64       { return p.id }
func (p testPolicy) Name() string    { return "本单位发布审核策略" }
func (p testPolicy) Version() string { return p.version }
func (p testPolicy) Steps(grade string) ([]Step, error) {
	switch grade {
	case "A":
		return []Step{Tier1, Secrecy, Tier3}, nil
	case "B", "C":
		return []Step{Tier1, Tier2, Secrecy, Tier3}, nil
	}
	return nil, ErrBadGrade
}
func (p testPolicy) MayWaive(s Step, c finding.Category) bool {
	switch s {
	case Tier2:
		return slices.Contains([]finding.Category{finding.Typo, finding.Ad, finding.Tone, finding.Punctuation,
			finding.Datetime, finding.Placeholder, finding.Link}, c)
	case Tier3:
		return slices.Contains([]finding.Category{finding.Political, finding.Sensitive, finding.Tone}, c)
	}
	return false
}

// testPolicies serves policy 1 as current; SetCurrent swaps it.
type testPolicies struct {
	mu      sync.Mutex
	current testPolicy
}

func (t *testPolicies) Current(context.Context, Querier) (Policy, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.current, nil
}
func (t *testPolicies) Load(_ context.Context, _ Querier, id int64) (Policy, error) {
	return testPolicy{id: id, version: "v" + string(rune('0'+id))}, nil
}

// env is a workspace with one user per content role, two 初审 editors, a
// person holding both 复审 and 终审, and an author who is also an editor.
type env struct {
	t     testing.TB
	db    *workspace.DB
	acc   *account.Store
	s     *Store
	ch    int64
	users map[string]*account.Session
	clock time.Time
}

const password = "Passw0rd!2026"

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	db, err := workspace.Open(filepath.Join(t.TempDir(), "ws.db"), []workspace.Migration{
		{Version: 1, Name: "accounts", SQL: account.Schema + audit.Schema},
		{Version: 2, Name: "workflow", SQL: Schema + CommentsSchema},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &env{t: t, db: db, acc: account.New(db, cheap), users: map[string]*account.Session{},
		clock: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)}
	checker, err := sensitive.Default()
	if err != nil {
		t.Fatal(err)
	}
	e.s = New(db, e.acc, &testPolicies{current: testPolicy{id: 1, version: "v1"}},
		func(context.Context) (Checker, error) { return checker, nil }).WithClock(e.now)
	admins := [3]account.NewUser{{Name: "sys", FullName: "王建国", Password: password},
		{Name: "sec", FullName: "李敏", Password: password}, {Name: "aud", FullName: "赵静", Password: password}}
	if err := e.acc.Setup(ctx, admins); err != nil {
		t.Fatal(err)
	}
	e.users["sys"], e.users["sec"], e.users["aud"] = e.signIn("sys"), e.signIn("sec"), e.signIn("aud")
	for _, u := range []struct {
		name  string
		roles []account.Role
	}{
		{"author", []account.Role{account.Author}},
		{"author2", []account.Role{account.Author}},
		{"editor", []account.Role{account.Approver1}},
		{"editor2", []account.Role{account.Approver1}},
		{"head", []account.Role{account.Approver2}},
		{"chief", []account.Role{account.Approver3}},
		{"both", []account.Role{account.Approver2, account.Approver3}},
		{"secrecy", []account.Role{account.Secrecy}},
		{"writer-editor", []account.Role{account.Author, account.Approver1}},
	} {
		e.addUser(u.name, u.roles...)
	}
	if e.ch, err = e.s.AddChannel(ctx, e.users["sec"], Channel{Name: "某市发布", Platform: "微信公众号", Unit: "某市政府办公室"}); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) now() time.Time {
	e.clock = e.clock.Add(time.Minute)
	return e.clock
}

func (e *env) signIn(name string) *account.Session {
	e.t.Helper()
	s, err := e.acc.SignIn(context.Background(), name, password)
	if err != nil {
		e.t.Fatalf("sign in %s: %v", name, err)
	}
	return s
}

func (e *env) addUser(name string, roles ...account.Role) {
	e.t.Helper()
	ctx := context.Background()
	id, err := e.acc.Create(ctx, e.users["sys"], account.NewUser{Name: name, FullName: name + "名", Password: password, KeepPassword: true})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, r := range roles {
		if err := e.acc.Grant(ctx, e.users["sec"], id, r); err != nil {
			e.t.Fatal(err)
		}
	}
	e.users[name] = e.signIn(name)
}

// cleanText has no finding that blocks or warns.
const cleanText = "市政务服务中心将于本周六开放延时服务，方便上班族办理业务。"

// create makes a draft of grade with text, as author.
func (e *env) create(author, grade, text string) int64 {
	e.t.Helper()
	id, err := e.s.Create(context.Background(), e.users[author], NewDraft{Title: "关于延时服务的通知", ChannelID: e.ch,
		Grade: grade, Kind: Original, File: Source{FileName: "通知.txt", Data: []byte(text)}})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

func (e *env) draft(id int64) Draft {
	e.t.Helper()
	d, err := e.s.Get(context.Background(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

func (e *env) submit(author string, id int64) {
	e.t.Helper()
	if err := e.s.Submit(context.Background(), e.users[author], id, e.draft(id).Version); err != nil {
		e.t.Fatalf("submit: %v", err)
	}
}

// sign signs the draft's current step as user, acknowledging every warning
// at 初审 and answering the 保密审查 checklist "no" throughout.
func (e *env) sign(user string, id int64, d Decision, opts ...func(*SignRequest)) error {
	e.t.Helper()
	ctx := context.Background()
	dr := e.draft(id)
	req := SignRequest{Draft: id, Version: dr.Version, Step: dr.Step, Decision: d, Opinion: "同意发布。"}
	if dr.Step == Tier1 {
		fs, err := e.s.CurrentFindings(ctx, id)
		if err != nil {
			e.t.Fatal(err)
		}
		for _, f := range fs.Findings {
			if f.Severity == finding.Warn {
				req.Acks = append(req.Acks, f.ID)
			}
		}
	}
	if dr.Step == Secrecy {
		req.Secrecy = &SecrecyReview{Answers: make([]bool, len(ChecklistItems)), Basis: "经审查，不涉及国家秘密和工作秘密。"}
	}
	for _, o := range opts {
		o(&req)
	}
	_, err := e.s.Sign(ctx, e.users[user], password, req)
	return err
}

func (e *env) mustSign(user string, id int64, d Decision, opts ...func(*SignRequest)) {
	e.t.Helper()
	if err := e.sign(user, id, d, opts...); err != nil {
		e.t.Fatalf("%s signs %s: %v", user, d, err)
	}
}

// approved takes a grade-B draft through every step.
func (e *env) approved(text string) int64 {
	e.t.Helper()
	id := e.create("author", "B", text)
	e.submit("author", id)
	e.mustSign("editor", id, Approve)
	e.mustSign("head", id, Approve)
	e.mustSign("secrecy", id, Publish)
	e.mustSign("chief", id, Approve)
	return id
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
