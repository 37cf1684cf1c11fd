package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"shenfa/review"
	"shenfa/review/account"
)

// The texts of the workflow tests, and what the default lexicons find in them.
const (
	cleanText       = "市政务服务中心将于本周六开放延时服务，方便上班族办理业务。"
	warnText        = "市政务服务中心将于本周六开放延时服务，方便上班族办理业务，详情请访问 www.example.com 了解。" // a link: warn
	placeholderText = "入冬以来，XX区供热企业全力做好供暖保障，全市供热面积达到3200万平方米。"                 // XX: block, 复审 may waive
	idNumberText    = "拟录用人员：张明，身份证号110105199003070930，江城市数据局。"                // an ID number: block, never waived
	revisedText     = "市政务服务中心将于本周六和周日开放延时服务，方便上班族办理业务。\n咨询电话：12345。"          // cleanText revised
)

// workflowUsers are the content users of the workflow workspace; every
// password is its name's demo password.
var workflowUsers = []struct {
	name, full string
	role       account.Role
}{
	{"author", "陈晓", account.Author},
	{"author2", "林红", account.Author},
	{"approver1", "刘洋", account.Approver1},
	{"editor2", "何伟", account.Approver1},
	{"approver2", "孙丽", account.Approver2},
	{"approver3", "周明", account.Approver3},
	{"secrecy", "吴刚", account.Secrecy},
}

var (
	workflowOnce sync.Once
	workflowPath string
	workflowErr  error
)

// workflowWorkspace is a private copy of a workspace with the three
// administrators and one user per content role, but no drafts and no
// channels, so that each test writes its own history. It is made once;
// TestMain's cheap KDF keeps sign-ins fast.
func workflowWorkspace(t *testing.T) (dir, db string) {
	t.Helper()
	workflowOnce.Do(func() { workflowPath, workflowErr = makeWorkflowWorkspace() })
	if workflowErr != nil {
		t.Fatal(workflowErr)
	}
	dir = t.TempDir()
	db = filepath.Join(dir, "ws.db")
	src, err := os.ReadFile(workflowPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, src, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir, db
}

func makeWorkflowWorkspace() (string, error) {
	dir, err := os.MkdirTemp("", "shenfa-cli-workflow")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "ws.db")
	ctx := context.Background()
	w, err := review.Open(path)
	if err != nil {
		return "", err
	}
	defer w.Close()
	var admins [3]account.NewUser
	for i, a := range review.DemoAccounts[:3] {
		admins[i] = account.NewUser{Name: a.Name, FullName: a.FullName, Password: a.Password}
	}
	if err := w.Accounts.Setup(ctx, admins); err != nil {
		return "", err
	}
	sys, err := w.Accounts.SignIn(ctx, "sysadmin", "Sysadmin@2026")
	if err != nil {
		return "", err
	}
	sec, err := w.Accounts.SignIn(ctx, "secadmin", "Secadmin@2026")
	if err != nil {
		return "", err
	}
	for _, u := range workflowUsers {
		id, err := w.Accounts.Create(ctx, sys, account.NewUser{Name: u.name, FullName: u.full,
			Password: passwordOf(u.name), KeepPassword: true})
		if err != nil {
			return "", err
		}
		if err := w.Accounts.Grant(ctx, sec, id, u.role); err != nil {
			return "", err
		}
	}
	return path, nil
}

// passwordOf is a user's password: Author@2026 for author, and so on.
func passwordOf(name string) string {
	return strings.ToUpper(name[:1]) + name[1:] + "@2026"
}

// as is the environment of a command run by user on the workspace db.
func as(db, user string) map[string]string {
	return map[string]string{"SHENFA_DB": db, "SHENFA_USER": user, "SHENFA_PASSWORD": passwordOf(user)}
}

// mustRun runs a command that has to succeed.
func mustRun(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	r := run(env, args...)
	if r.code != ExitOK {
		t.Fatalf("%s %v: exit %d\nstdout %s\nstderr %s", env["SHENFA_USER"], args, r.code, r.stdout, r.stderr)
	}
	return r
}

// expect runs a command and checks its exit status and that its output
// (stdout and stderr) holds every one of want.
func expect(t *testing.T, env map[string]string, code int, want []string, args ...string) result {
	t.Helper()
	r := run(env, args...)
	out := r.stdout + r.stderr
	if r.code != code {
		t.Errorf("%s %v: exit %d, want %d\nstdout %s\nstderr %s", env["SHENFA_USER"], args, r.code, code, r.stdout, r.stderr)
		return r
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("%s %v: output lacks %q\nstdout %s\nstderr %s", env["SHENFA_USER"], args, w, r.stdout, r.stderr)
		}
	}
	return r
}

// addChannel adds the channel every workflow test uses.
func addChannel(t *testing.T, db string) {
	t.Helper()
	mustRun(t, as(db, "secadmin"), "channel", "add", "--name", "江城发布", "--platform", "微信公众号", "--unit", "江城市人民政府办公室")
}

// newDraft writes text to a file and creates a draft from it as author;
// it returns the draft's id as printed.
func newDraft(t *testing.T, db, author, grade, text string) string {
	t.Helper()
	file := filepath.Join(filepath.Dir(db), "稿件"+strconv.Itoa(len(text))+".txt")
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, as(db, author), "draft", "new", "--title", "关于延时服务的通知", "--channel", "江城发布", "--grade", grade, file)
	id := strings.TrimSpace(r.stdout)
	if _, err := strconv.Atoi(id); err != nil {
		t.Fatalf("draft new printed %q, not an id", r.stdout)
	}
	return id
}

// showJSON is `draft show ID --json`, decoded.
func showJSON(t *testing.T, db, user, id string) draftShowJSON {
	t.Helper()
	r := mustRun(t, as(db, user), "draft", "show", id, "--json")
	var out draftShowJSON
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("draft show --json: %v\n%s", err, r.stdout)
	}
	return out
}

// findingIDs are the ids of the current findings of a severity.
func findingIDs(t *testing.T, db, id, severity string) []string {
	t.Helper()
	var ids []string
	for _, f := range showJSON(t, db, "author", id).Findings.Findings {
		if string(f.Severity) == severity {
			ids = append(ids, f.ID)
		}
	}
	return ids
}

// rawSQL changes the workspace behind Shenfa's back, as a tamperer would:
// the triggers that protect the records are dropped first.
func rawSQL(t *testing.T, db string, stmts ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT name FROM sqlite_master WHERE type = 'trigger'`)
	if err != nil {
		t.Fatal(err)
	}
	var triggers []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		triggers = append(triggers, n)
	}
	rows.Close()
	for _, n := range triggers {
		if _, err := raw.Exec(`DROP TRIGGER "` + n + `"`); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// secrecyArgs are a 保密审查 decision's checklist (否 throughout) and basis.
var secrecyArgs = []string{"--checklist", "否,否,否,否,否,否,否,否", "--basis", "经审查，不涉及国家秘密、工作秘密和个人隐私。"}
