package drafts

import (
	"context"
	"errors"
	"testing"
	"time"

	"shenfa/review/account"
	"shenfa/sensitive/finding"
)

func TestHappyPath(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	id := e.approved(cleanText)
	d := e.draft(id)
	if d.Status != Approved || d.Round != 1 {
		t.Fatalf("after four sign-offs: %s round %d", d.Status, d.Round)
	}
	if err := e.s.Publish(ctx, e.users["author"], id, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC), "https://mp.weixin.qq.com/s/x"); err != nil {
		t.Fatal(err)
	}
	if d := e.draft(id); d.Status != Published || d.PublishedURL == "" {
		t.Fatalf("published: %+v", d)
	}
	v, err := e.s.Verify(ctx, id)
	if err != nil || !v.OK || len(v.Checks) != 4 {
		t.Fatalf("verify: %+v, %v", v, err)
	}
}

// TestTransitions runs every transition by every role: each either
// succeeds or fails with the error a user would be told.
func TestTransitions(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		setup func(e *env) int64 // returns the draft
		do    func(e *env, id int64) error
		want  error
	}{
		{"author submits", func(e *env) int64 { return e.create("author", "B", cleanText) },
			func(e *env, id int64) error { return e.s.Submit(ctx, e.users["author"], id, 1) }, nil},
		{"another author cannot submit", func(e *env) int64 { return e.create("author", "B", cleanText) },
			func(e *env, id int64) error { return e.s.Submit(ctx, e.users["author2"], id, 1) }, ErrNotAuthor},
		{"submit a stale version", func(e *env) int64 { return e.create("author", "B", cleanText) },
			func(e *env, id int64) error { return e.s.Submit(ctx, e.users["author"], id, 2) }, ErrStale},
		{"submit twice", submitted,
			func(e *env, id int64) error { return e.s.Submit(ctx, e.users["author"], id, 1) }, ErrState},
		{"revise while in review", submitted,
			func(e *env, id int64) error { _, err := e.revise("author", id, "改后的文本。"); return err }, ErrState},
		{"editor corrects at 初审", submitted,
			func(e *env, id int64) error {
				_, err := e.revise("editor", id, cleanText+"请相互转告。")
				return err
			}, nil},
		{"复审 cannot correct", submitted,
			func(e *env, id int64) error { _, err := e.revise("head", id, "改。"); return err }, ErrNotAuthor},
		{"withdraw before a sign-off", submitted,
			func(e *env, id int64) error { return e.s.Withdraw(ctx, e.users["author"], id, "还要补充") }, nil},
		{"withdraw after a sign-off", signedOnce,
			func(e *env, id int64) error { return e.s.Withdraw(ctx, e.users["author"], id, "") }, ErrWithdrawn},
		{"author signs own draft", func(e *env) int64 {
			id := e.create("writer-editor", "B", cleanText)
			e.submit("writer-editor", id)
			return id
		}, func(e *env, id int64) error { return e.sign("writer-editor", id, Approve) }, ErrOwnDraft},
		{"复审 cannot sign 初审", submitted, func(e *env, id int64) error { return e.sign("head", id, Approve) }, ErrNotYourStep},
		{"secadmin signs nothing", submitted, func(e *env, id int64) error { return e.sign("sec", id, Approve) }, account.ErrForbidden},
		{"auditor signs nothing", submitted, func(e *env, id int64) error { return e.sign("aud", id, Approve) }, account.ErrForbidden},
		{"one person, one step", func(e *env) int64 {
			id := e.create("author", "B", cleanText)
			e.submit("author", id)
			e.mustSign("editor", id, Approve)
			e.mustSign("both", id, Approve)
			e.mustSign("secrecy", id, Publish)
			return id
		}, func(e *env, id int64) error { return e.sign("both", id, Approve) }, ErrOtherStep},
		{"approve without an opinion", submitted,
			func(e *env, id int64) error { return e.sign("editor", id, Approve, opinion("")) }, ErrOpinion},
		{"return without a reason", submitted,
			func(e *env, id int64) error { return e.sign("editor", id, Return, opinion("")) }, ErrReasonRequired},
		{"初审 cannot decide 公开", submitted, func(e *env, id int64) error { return e.sign("editor", id, Publish) }, ErrBadDecision},
		{"保密审查 without the checklist", atSecrecy, func(e *env, id int64) error {
			return e.sign("secrecy", id, Publish, func(r *SignRequest) { r.Secrecy = nil })
		}, ErrChecklist},
		{"保密审查 without 依据", atSecrecy, func(e *env, id int64) error {
			return e.sign("secrecy", id, Publish, func(r *SignRequest) { r.Secrecy.Basis = " " })
		}, ErrChecklist},
		{"return to a later step", submitted,
			func(e *env, id int64) error { return e.sign("editor", id, Return, returnTo(Tier3)) }, ErrBadTarget},
		{"publish before approval", submitted,
			func(e *env, id int64) error { return e.s.Publish(ctx, e.users["author"], id, time.Time{}, "") }, ErrState},
		{"approver cannot publish", func(e *env) int64 { return e.approved(cleanText) },
			func(e *env, id int64) error { return e.s.Publish(ctx, e.users["chief"], id, time.Time{}, "") }, ErrNotAuthor},
		{"wrong password", submitted, func(e *env, id int64) error {
			_, err := e.s.Sign(ctx, e.users["editor"], "wrong", SignRequest{Draft: id, Version: 1, Step: Tier1, Decision: Approve, Opinion: "同意"})
			return err
		}, account.ErrBadCredentials},
		{"sign a version another window replaced", submitted, func(e *env, id int64) error {
			if _, err := e.revise("editor", id, cleanText+"（修订）"); err != nil {
				return err
			}
			_, err := e.s.Sign(ctx, e.users["editor"], password, SignRequest{Draft: id, Version: 1, Step: Tier1, Decision: Approve, Opinion: "同意"})
			return err
		}, ErrStale},
		{"sign a step the draft has left", signedOnce, func(e *env, id int64) error {
			_, err := e.s.Sign(ctx, e.users["editor"], password, SignRequest{Draft: id, Version: 1, Step: Tier1, Decision: Approve, Opinion: "同意"})
			return err
		}, ErrStale},
		{"delegate to a holder of the role", submitted,
			func(e *env, id int64) error {
				return e.s.Delegate(ctx, e.users["editor"], id, e.users["editor2"].User.ID, "出差")
			}, nil},
		{"delegate to another role", submitted,
			func(e *env, id int64) error {
				return e.s.Delegate(ctx, e.users["editor"], id, e.users["head"].User.ID, "出差")
			}, ErrBadDelegate},
		{"delegate without a reason", submitted,
			func(e *env, id int64) error {
				return e.s.Delegate(ctx, e.users["editor"], id, e.users["editor2"].User.ID, "")
			}, ErrReasonRequired},
		{"answer a draft that is not held", atSecrecy,
			func(e *env, id int64) error { return e.s.RecordAnswer(ctx, e.users["secrecy"], id, "同意公开") }, ErrState},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			id := tc.setup(e)
			if err := tc.do(e, id); !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func submitted(e *env) int64 {
	id := e.create("author", "B", cleanText)
	e.submit("author", id)
	return id
}

func signedOnce(e *env) int64 {
	id := submitted(e)
	e.mustSign("editor", id, Approve)
	return id
}

func atSecrecy(e *env) int64 {
	id := signedOnce(e)
	e.mustSign("head", id, Approve)
	return id
}

func opinion(s string) func(*SignRequest) { return func(r *SignRequest) { r.Opinion = s } }
func returnTo(s Step) func(*SignRequest)  { return func(r *SignRequest) { r.ReturnTo = s } }
func waive(id, why string) func(*SignRequest) {
	return func(r *SignRequest) {
		if r.Waivers == nil {
			r.Waivers = map[string]string{}
		}
		r.Waivers[id] = why
	}
}

func (e *env) revise(user string, id int64, text string) (int, error) {
	return e.s.Revise(context.Background(), e.users[user], id, e.draft(id).Version, Source{FileName: "通知.txt", Data: []byte(text)})
}

func TestReturnAndResubmit(t *testing.T) {
	e := newEnv(t)
	id := signedOnce(e)
	e.mustSign("head", id, Return, opinion("请核实数据来源后重新提交。"))
	if d := e.draft(id); d.Status != Returned {
		t.Fatalf("status %s", d.Status)
	}
	if n, err := e.revise("author", id, cleanText+"具体时间另行通知。"); err != nil || n != 2 {
		t.Fatalf("revise: %d %v", n, err)
	}
	e.submit("author", id)
	d := e.draft(id)
	if d.Round != 2 || d.Step != Tier1 || d.Version != 2 {
		t.Fatalf("resubmitted: round %d step %s v%d", d.Round, d.Step, d.Version)
	}
	e.mustSign("editor", id, Approve)
	e.mustSign("head", id, Approve)
	e.mustSign("secrecy", id, Publish)
	e.mustSign("chief", id, Approve)
	if v, _ := e.s.Verify(context.Background(), id); !v.OK {
		t.Fatalf("verify after a second round: %+v", v)
	}
}

func TestReturnToEarlierStep(t *testing.T) {
	e := newEnv(t)
	id := atSecrecy(e)
	e.mustSign("secrecy", id, Return, opinion("请初审再核对一遍"), returnTo(Tier1))
	if d := e.draft(id); d.Status != InReview || d.Step != Tier1 || d.Version != 1 {
		t.Fatalf("after return to 初审: %s %s v%d", d.Status, d.Step, d.Version)
	}
	e.mustSign("editor", id, Approve)
	e.mustSign("head", id, Approve)
	e.mustSign("secrecy", id, Publish)
	e.mustSign("chief", id, Approve)
	if v, _ := e.s.Verify(context.Background(), id); !v.OK || len(v.Checks) != 7 {
		t.Fatalf("verify: %+v", v)
	}
}

func TestDelegation(t *testing.T) {
	e := newEnv(t)
	id := submitted(e)
	if err := e.s.Delegate(context.Background(), e.users["editor"], id, e.users["editor2"].User.ID, "休假"); err != nil {
		t.Fatal(err)
	}
	if err := e.sign("editor", id, Approve); !errors.Is(err, ErrNotYourStep) {
		t.Fatalf("the one who handed over signs: %v", err)
	}
	e.mustSign("editor2", id, Approve)
	if d := e.draft(id); d.Step != Tier2 || d.AssigneeID != 0 {
		t.Fatalf("after the delegate signed: %s assignee %d", d.Step, d.AssigneeID)
	}
}

func TestSecrecyDecisions(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	id := atSecrecy(e)
	e.mustSign("secrecy", id, Escalate, opinion("涉及会议内部安排，报保密办审定"))
	if d := e.draft(id); d.Status != Held {
		t.Fatalf("escalated: %s", d.Status)
	}
	if err := e.s.RecordAnswer(ctx, e.users["secrecy"], id, "保密办答复：删除第二段后可公开"); err != nil {
		t.Fatal(err)
	}
	e.mustSign("secrecy", id, Redact, opinion("删除第二段关于会议安排的内容"))
	if d := e.draft(id); d.Status != Returned {
		t.Fatalf("redact: %s", d.Status)
	}
	id2 := atSecrecy(e)
	e.mustSign("secrecy", id2, ExemptD, opinion("属于内部工作信息，免于公开"))
	if d := e.draft(id2); d.Status != Exempt {
		t.Fatalf("exempt: %s", d.Status)
	}
	if _, err := e.revise("author", id2, "再改"); !errors.Is(err, ErrState) {
		t.Fatalf("revise an exempt draft: %v", err)
	}
}

func TestWaivers(t *testing.T) {
	ctx := context.Background()
	const placeholder = "XX区政务服务中心将于本周六开放延时服务。"
	const secret = "机密★1年\n市政务服务中心将于本周六开放延时服务。"
	blockOf := func(e *env, id int64, c finding.Category) string {
		fs, err := e.s.CurrentFindings(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs.Findings {
			if f.Category == c && f.Severity == finding.Block {
				return f.ID
			}
		}
		t.Fatalf("no %s block finding in %+v", c, fs.Findings)
		return ""
	}
	t.Run("placeholder waived at 复审 with a reason", func(t *testing.T) {
		e := newEnv(t)
		id := e.create("author", "B", placeholder)
		e.submit("author", id)
		e.mustSign("editor", id, Approve) // 复审 may still waive it
		f := blockOf(e, id, finding.Placeholder)
		if err := e.sign("head", id, Approve, waive(f, "")); !isOpen(err, func(o *OpenFindingsError) []string { return o.NeedReason }) {
			t.Fatalf("waiver without a reason: %v", err)
		}
		e.mustSign("head", id, Approve, waive(f, "区名待定，已与发稿单位确认发布前补全"))
		e.mustSign("secrecy", id, Publish)
		e.mustSign("chief", id, Approve)
		fs, _ := e.s.CurrentFindings(ctx, id)
		for _, r := range fs.Findings {
			if r.ID == f && (r.Waived == nil || r.Waived.By != "head" || r.Waived.Step != Tier2) {
				t.Fatalf("waiver not on record: %+v", r)
			}
		}
	})
	t.Run("placeholder on grade A: no step may waive it", func(t *testing.T) {
		e := newEnv(t)
		id := e.create("author", "A", placeholder)
		e.submit("author", id)
		if err := e.sign("editor", id, Approve); !isOpen(err, func(o *OpenFindingsError) []string { return o.Unwaivable }) {
			t.Fatalf("approve with an unwaivable block: %v", err)
		}
	})
	t.Run("secret never waived", func(t *testing.T) {
		e := newEnv(t)
		id := e.create("author", "B", secret)
		e.submit("author", id)
		err := e.sign("editor", id, Approve, waive(blockOf(e, id, finding.Secret), "确认可以公开"))
		if !isOpen(err, func(o *OpenFindingsError) []string { return o.NotAllowed }) {
			t.Fatalf("waive a secret marking: %v", err)
		}
	})
	t.Run("warnings need an acknowledgement at 初审", func(t *testing.T) {
		e := newEnv(t)
		id := e.create("author", "B", "请登陆系统查询办理进度。"+cleanText)
		e.submit("author", id)
		err := e.sign("editor", id, Approve, func(r *SignRequest) { r.Acks = nil })
		if !isOpen(err, func(o *OpenFindingsError) []string { return o.NeedAck }) {
			t.Fatalf("approve without acknowledging: %v", err)
		}
		e.mustSign("editor", id, Approve)
	})
}

func isOpen(err error, list func(*OpenFindingsError) []string) bool {
	var o *OpenFindingsError
	return errors.As(err, &o) && len(list(o)) > 0
}

func TestDamagedTextCannotBeSubmitted(t *testing.T) {
	e := newEnv(t)
	id := e.create("author", "B", "市政务服务中心\uFFFD将于本周六开放延时服务。")
	if err := e.s.Submit(context.Background(), e.users["author"], id, 1); !errors.Is(err, ErrDamaged) {
		t.Fatalf("submit damaged text: %v", err)
	}
}

func TestCorrectionOfPublished(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	id := e.approved(cleanText)
	if err := e.s.Publish(ctx, e.users["author"], id, time.Time{}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := e.revise("author", id, cleanText+"（更正：时间为周日）"); err != nil {
		t.Fatal(err)
	}
	if d := e.draft(id); d.Status != Editing || d.Version != 2 {
		t.Fatalf("correction: %s v%d", d.Status, d.Version)
	}
	e.submit("author", id)
	if d := e.draft(id); d.Step != Tier1 || d.Round != 2 {
		t.Fatalf("correction goes through the steps again: %s round %d", d.Step, d.Round)
	}
}

func TestInbox(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	a := submitted(e)
	b := signedOnce(e)
	c := e.create("author", "B", cleanText)
	tasks := func(user string) []Task {
		ts, n, err := e.s.Inbox(ctx, e.users[user], 0, 0)
		if err != nil || n != len(ts) {
			t.Fatal(n, err)
		}
		return ts
	}
	if ts := tasks("editor"); len(ts) != 1 || ts[0].Draft.ID != a || ts[0].Step != Tier1 {
		t.Fatalf("editor's inbox: %+v", ts)
	}
	if ts := tasks("head"); len(ts) != 1 || ts[0].Draft.ID != b {
		t.Fatalf("head's inbox: %+v", ts)
	}
	if ts := tasks("author"); len(ts) != 1 || ts[0].Draft.ID != c || ts[0].Why != "submit" {
		t.Fatalf("author's inbox: %+v", ts)
	}
	if ts := tasks("sec"); len(ts) != 0 {
		t.Fatalf("secadmin's inbox: %+v", ts)
	}
}
