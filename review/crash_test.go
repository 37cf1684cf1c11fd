package review_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/review/drafts"
	"shenfa/sensitive"
)

// The crash test runs a workflow in a child process and kills it with
// SIGKILL at each commit point — just before and just after each commit of
// create, submit, sign-off, return, revise and publish — and at random
// moments. After each kill the workspace must open (quick_check clean),
// hold no half-done transition, and contain every action the child
// reported done.

const crashChildEnv = "SHENFA_CRASH_CHILD"

// quiet is a checker without findings: the crash test is about commits,
// and the real checker's model would cost seconds per child.
type quiet struct{}

func (quiet) Check(text string) sensitive.Result { return sensitive.Result{Chars: len([]rune(text))} }

type crashStep struct {
	user string
	do   func(ctx context.Context, w *review.Workspace, sess *account.Session, id int64) (string, error)
}

func signStep(user string, decision drafts.Decision) crashStep {
	return crashStep{user, func(ctx context.Context, w *review.Workspace, sess *account.Session, id int64) (string, error) {
		d, err := w.Drafts.Get(ctx, id)
		if err != nil {
			return "", err
		}
		req := drafts.SignRequest{Draft: id, Version: d.Version, Step: d.Step, Decision: decision, Opinion: "同意。"}
		if d.Step == drafts.Secrecy {
			req.Secrecy = &drafts.SecrecyReview{Answers: make([]bool, len(drafts.ChecklistItems)), Basis: "不涉密"}
		}
		so, err := w.Drafts.Sign(ctx, sess, demoPassword(user), req)
		return fmt.Sprintf("sign %d", so.Seq), err
	}}
}

var crashScenario = []crashStep{
	{"author", func(ctx context.Context, w *review.Workspace, sess *account.Session, id int64) (string, error) {
		return "submit", w.Drafts.Submit(ctx, sess, id, 1)
	}},
	signStep("approver1", drafts.Approve),
	signStep("approver2", drafts.Return),
	{"author", func(ctx context.Context, w *review.Workspace, sess *account.Session, id int64) (string, error) {
		n, err := w.Drafts.Revise(ctx, sess, id, 1, drafts.Source{FileName: "v2.txt", Data: []byte("第二稿：全市开展冬季安全生产大检查。")})
		return fmt.Sprintf("revise %d", n), err
	}},
	{"author", func(ctx context.Context, w *review.Workspace, sess *account.Session, id int64) (string, error) {
		return "submit", w.Drafts.Submit(ctx, sess, id, 2)
	}},
	signStep("approver1", drafts.Approve),
	signStep("approver2", drafts.Approve),
	signStep("secrecy", drafts.Publish),
	signStep("approver3", drafts.Approve),
	{"author", func(ctx context.Context, w *review.Workspace, sess *account.Session, id int64) (string, error) {
		return "publish", w.Drafts.Publish(ctx, sess, id, time.Time{}, "https://example.gov.cn/a")
	}},
}

func demoPassword(name string) string {
	for _, a := range review.DemoAccounts {
		if a.Name == name {
			return a.Password
		}
	}
	return ""
}

// TestCrashChild is the child's side; it does nothing in a normal run.
func TestCrashChild(t *testing.T) {
	if os.Getenv(crashChildEnv) == "" {
		t.Skip("run by TestCrash")
	}
	ctx := context.Background()
	w, err := review.Open(os.Getenv("SHENFA_CRASH_DB"), cheap)
	if err != nil {
		fmt.Println("OPEN", err)
		os.Exit(3)
	}
	w.Drafts = drafts.New(w.DB, w.Accounts, drafts.WorkspacePolicies{}, func(context.Context) (drafts.Checker, error) { return quiet{}, nil })
	at, _ := strconv.Atoi(os.Getenv("SHENFA_CRASH_AT"))
	commits := 0
	kill := func() {
		commits++
		if commits == at {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
		}
	}
	sessions := map[string]*account.Session{}
	session := func(name string) *account.Session {
		if s, ok := sessions[name]; ok {
			return s
		}
		s, err := w.Accounts.SignIn(ctx, name, demoPassword(name))
		if err != nil {
			fmt.Println("SIGNIN", err)
			os.Exit(3)
		}
		sessions[name] = s
		return s
	}
	for _, u := range []string{"author", "approver1", "approver2", "approver3", "secrecy"} {
		session(u) // sign-ins commit too: get them out of the way of the counted commits
	}
	if os.Getenv("SHENFA_CRASH_PHASE") == "before" {
		w.DB.SetCommitHooks(kill, nil)
	} else {
		w.DB.SetCommitHooks(nil, kill)
	}
	chs, _ := w.Drafts.Channels(ctx)
	id, err := w.Drafts.Create(ctx, session("author"), drafts.NewDraft{Title: "冬季安全生产大检查", ChannelID: chs[0].ID,
		Grade: "B", Kind: drafts.Original, File: drafts.Source{FileName: "v1.txt", Data: []byte("全市开展冬季安全生产大检查。")}})
	if err != nil {
		fmt.Println("FAIL create", err)
		os.Exit(4)
	}
	fmt.Println("ACK create", id)
	for _, st := range crashScenario {
		what, err := st.do(ctx, w, session(st.user), id)
		if err != nil {
			fmt.Println("FAIL", what, err)
			os.Exit(4)
		}
		fmt.Println("ACK", what)
	}
	fmt.Println("DONE")
}

func TestCrash(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("child")
	}
	base := filepath.Join(t.TempDir(), "base.db")
	w, err := review.Open(base, cheap)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.SetupDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	w.Close()
	commits := len(crashScenario) + 1 // one commit per step, and the draft's creation
	runs := 0
	for at := 1; at <= commits; at++ {
		for _, phase := range []string{"before", "after"} {
			t.Run(fmt.Sprintf("%s-commit-%d", phase, at), func(t *testing.T) {
				db := copyFile(t, base)
				acks := runChild(t, db, map[string]string{"SHENFA_CRASH_AT": strconv.Itoa(at), "SHENFA_CRASH_PHASE": phase}, 0)
				checkAfterCrash(t, db, acks)
			})
			runs++
		}
	}
	for i := range 4 { // and at moments nobody chose
		t.Run(fmt.Sprintf("random-%d", i), func(t *testing.T) {
			db := copyFile(t, base)
			acks := runChild(t, db, nil, time.Duration(50+rand.IntN(400))*time.Millisecond)
			checkAfterCrash(t, db, acks)
		})
	}
}

func copyFile(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "ws.db")
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}

// runChild runs the scenario in a child and returns what it reported done.
// With after > 0 the parent kills it then, if it is still running.
func runChild(t *testing.T, db string, env map[string]string, after time.Duration) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), crashChildEnv+"=1", "SHENFA_CRASH_DB="+db)
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if after > 0 {
		time.AfterFunc(after, func() { cmd.Process.Kill() })
	}
	var acks []string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "FAIL") || strings.HasPrefix(line, "OPEN") || strings.HasPrefix(line, "SIGNIN") {
			t.Errorf("child: %s", line)
		}
		if a, ok := strings.CutPrefix(line, "ACK "); ok {
			acks = append(acks, a)
		}
	}
	cmd.Wait()
	return acks
}

// checkAfterCrash opens the workspace the child left and checks it.
func checkAfterCrash(t *testing.T, path string, acks []string) {
	t.Helper()
	ctx := context.Background()
	w, err := review.Open(path, cheap) // includes PRAGMA quick_check
	if err != nil {
		t.Fatalf("reopen after the crash: %v", err)
	}
	defer w.Close()
	if rep, err := audit.Verify(ctx, w.DB.SQL); err != nil || !rep.OK {
		t.Fatalf("audit chain: %+v %v", rep, err)
	}
	var id int64
	w.DB.SQL.QueryRow(`SELECT coalesce(max(id), 0) FROM drafts WHERE title = '冬季安全生产大检查'`).Scan(&id)
	if len(acks) > 0 && id == 0 {
		t.Fatalf("the child created a draft, it is gone (acks %v)", acks)
	}
	if id == 0 {
		return
	}
	checkAtomic(t, w.DB.SQL, id)
	v, err := w.Drafts.Verify(ctx, id)
	if err != nil || !v.OK {
		t.Fatalf("verify after the crash: %+v %v", v, err)
	}
	for _, a := range acks {
		checkAck(t, w.DB.SQL, id, a)
	}
}

// checkAtomic: every sign-off, submission and version has its audit row
// and the other way round, and the draft's current version is its last.
func checkAtomic(t *testing.T, db *sql.DB, id int64) {
	t.Helper()
	target := "draft " + strconv.FormatInt(id, 10)
	count := func(q string, args ...any) int {
		var n int
		if err := db.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	pairs := []struct{ what, rows, audits string }{
		{"sign-offs", `SELECT count(*) FROM signoffs WHERE draft_id = ?`, drafts.ActionSignOff},
		{"submissions", `SELECT count(*) FROM draft_events WHERE draft_id = ? AND kind = 'submit'`, drafts.ActionDraftSubmit},
		{"revisions", `SELECT count(*) - 1 FROM versions WHERE draft_id = ?`, drafts.ActionDraftRevise},
		{"publications", `SELECT count(*) FROM draft_events WHERE draft_id = ? AND kind = 'publish'`, drafts.ActionPublish},
	}
	for _, p := range pairs {
		rows := count(p.rows, id)
		audits := count(`SELECT count(*) FROM audit WHERE action = ? AND target = ?`, p.audits, target)
		if rows != audits {
			t.Errorf("%s: %d rows, %d audit rows: a half-done transition", p.what, rows, audits)
		}
	}
	if n, cur := count(`SELECT max(number) FROM versions WHERE draft_id = ?`, id), count(`SELECT current_version FROM drafts WHERE id = ?`, id); n != cur {
		t.Errorf("current version %d, last version %d", cur, n)
	}
	steps := count(`SELECT count(*) FROM signoffs WHERE draft_id = ? AND round = (SELECT round FROM drafts WHERE id = ?)
		AND version = (SELECT current_version FROM drafts WHERE id = ?) AND decision IN ('approve', 'publish')`, id, id, id)
	var status string
	var index int
	db.QueryRow(`SELECT status, step_index FROM drafts WHERE id = ?`, id).Scan(&status, &index)
	if status == "review" && index != steps {
		t.Errorf("draft at step %d after %d approving sign-offs", index, steps)
	}
}

// checkAck checks that an action the child reported done is in the workspace.
func checkAck(t *testing.T, db *sql.DB, id int64, ack string) {
	t.Helper()
	var n int
	switch f := strings.Fields(ack); f[0] {
	case "sign":
		seq, _ := strconv.Atoi(f[1])
		db.QueryRow(`SELECT count(*) FROM signoffs WHERE draft_id = ? AND seq = ?`, id, seq).Scan(&n)
	case "revise":
		v, _ := strconv.Atoi(f[1])
		db.QueryRow(`SELECT count(*) FROM versions WHERE draft_id = ? AND number = ?`, id, v).Scan(&n)
	case "submit":
		db.QueryRow(`SELECT count(*) FROM draft_events WHERE draft_id = ? AND kind = 'submit'`, id).Scan(&n)
	case "publish":
		db.QueryRow(`SELECT count(*) FROM drafts WHERE id = ? AND status = 'published'`, id).Scan(&n)
	default:
		n = 1
	}
	if n == 0 {
		t.Errorf("acknowledged %q is not in the workspace", ack)
	}
}
