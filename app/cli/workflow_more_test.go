package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/drafts"
)

// 转办, the 初审 editor's correction, 需报审 and its answer, 免于公开.
func TestDelegateCorrectEscalate(t *testing.T) {
	dir, db := workflowWorkspace(t)
	addChannel(t, db)
	id := newDraft(t, db, "author", "B", cleanText)
	mustRun(t, as(db, "author"), "draft", "submit", id)
	expect(t, as(db, "approver1"), 2, []string{"--reason"}, "draft", "delegate", id, "--to", "editor2")
	expect(t, as(db, "approver1"), 1, []string{i18n.Message(drafts.ErrBadDelegate)}, "draft", "delegate", id, "--to", "approver2", "--reason", "出差")
	expect(t, as(db, "approver1"), 0, []string{"转办给 何伟（editor2）"}, "draft", "delegate", id, "--to", "editor2", "--reason", "出差")
	expect(t, as(db, "approver1"), 1, []string{i18n.Message(drafts.ErrNotYourStep)},
		"signoff", id, "--step", "tier1", "--approve", "--opinion", "同意。")

	// The editor corrects the text at their step: a new version by them, which they then sign.
	fixed := filepath.Join(dir, "改.txt")
	os.WriteFile(fixed, []byte(revisedText), 0o600)
	expect(t, as(db, "editor2"), 0, []string{"已存为第 2 版"}, "draft", "revise", id, "--note", "补充周日", fixed)
	expect(t, as(db, "editor2"), 1, []string{i18n.Message(drafts.ErrStale)},
		"signoff", id, "--step", "tier1", "--approve", "--opinion", "同意。", "--version", "1")
	mustRun(t, as(db, "editor2"), "signoff", id, "--step", "tier1", "--approve", "--opinion", "已修改，同意。", "--version", "2")
	expect(t, as(db, "approver2"), 0, []string{"第 1 版 → 第 2 版", "【+和周日+】"}, "draft", "diff", id)
	mustRun(t, as(db, "approver2"), "signoff", id, "--step", "tier2", "--approve", "--opinion", "同意。")

	esc := append([]string{"signoff", id, "--step", "secrecy", "--escalate", "--opinion", "涉及项目数据，报市保密办审定。"}, secrecyArgs...)
	expect(t, as(db, "secrecy"), 0, []string{"保密审查：需报审", "待报审结果"}, esc...)
	expect(t, as(db, "secrecy"), 0, []string{"待记录保密工作部门的答复"}, "draft", "inbox")
	expect(t, as(db, "secrecy"), 2, []string{"--text"}, "draft", "answer", id)
	expect(t, as(db, "approver2"), 1, []string{i18n.Message(drafts.ErrNotYourStep)}, "draft", "answer", id, "--text", "可以公开")
	expect(t, as(db, "secrecy"), 0, []string{"回到保密审查"}, "draft", "answer", id, "--text", "市保密办答复：可以公开。")
	exempt := append([]string{"signoff", id, "--step", "secrecy", "--exempt", "--opinion", "属内部工作安排，免于公开。"}, secrecyArgs...)
	expect(t, as(db, "secrecy"), 0, []string{"保密审查：免于公开", "免于公开"}, exempt...)

	d := showJSON(t, db, "author", id)
	if d.Draft.Status != drafts.Exempt || d.Steps[2].State != "decided" || d.Steps[3].State != "pending" {
		t.Errorf("after 免于公开: %s, steps %+v", d.Draft.Status, d.Steps)
	}
	kinds := ""
	for _, e := range d.Events {
		kinds += e.Kind + " "
	}
	if kinds != "submit delegate revise escalate answer exempt " {
		t.Errorf("events: %s", kinds)
	}
	expect(t, as(db, "author"), 0, []string{"转办给 editor2：出差", "记录保密工作部门的答复：市保密办答复", "修订说明：补充周日"},
		"draft", "show", id)
	expect(t, as(db, "author"), 0, []string{"校验通过：4 个签署"}, "verify", "draft", id)
}

// draft list filters by status, channel, grade, author and title, 50 a page.
func TestDraftListFilters(t *testing.T) {
	_, db := workflowWorkspace(t)
	addChannel(t, db)
	mustRun(t, as(db, "secadmin"), "channel", "add", "--name", "江城政务服务", "--platform", "抖音号", "--unit", "江城市政务服务管理局")
	w, err := review.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	author, err := w.Accounts.SignIn(ctx, "author", passwordOf("author"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 52 {
		n := drafts.NewDraft{Title: fmt.Sprintf("通知第%d号", i+1), ChannelID: 1, Grade: "A", Kind: drafts.Original,
			File: drafts.Source{Data: []byte(cleanText)}}
		if i%2 == 1 {
			n.ChannelID, n.Grade = 2, "B"
		}
		if _, err := w.Drafts.Create(ctx, author, n); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	newDraft(t, db, "author2", "C", cleanText)
	mustRun(t, as(db, "author2"), "draft", "submit", "53")
	total := func(args ...string) int {
		t.Helper()
		var out draftListJSON
		r := mustRun(t, as(db, "approver1"), append([]string{"draft", "list", "--json"}, args...)...)
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
			t.Fatal(err)
		}
		return out.Total
	}
	tests := []struct {
		args []string
		want int
	}{
		{nil, 53},
		{[]string{"--channel", "江城政务服务"}, 26},
		{[]string{"--grade", "A"}, 26},
		{[]string{"--author", "author2"}, 1},
		{[]string{"--status", "review"}, 1},
		{[]string{"--status", "审核中"}, 1},
		{[]string{"--title", "第1"}, 11}, // 第1号, 第10–19号
		{[]string{"--title", "%"}, 0},
		{[]string{"--grade", "B", "--channel", "江城发布"}, 0},
	}
	for _, tt := range tests {
		if got := total(tt.args...); got != tt.want {
			t.Errorf("draft list %v: %d drafts, want %d", tt.args, got, tt.want)
		}
	}
	var page2 draftListJSON
	json.Unmarshal([]byte(mustRun(t, as(db, "approver1"), "draft", "list", "--json", "--page", "2").stdout), &page2)
	if page2.Pages != 2 || page2.Page != 2 || len(page2.Drafts) != 3 || page2.Drafts[2].ID != 1 {
		t.Errorf("page 2: %d of %d pages, %d drafts", page2.Page, page2.Pages, len(page2.Drafts))
	}
	expect(t, as(db, "approver1"), 0, []string{"第 2/2 页，本页 3 篇，共 53 篇"}, "draft", "list", "--page", "2")
	expect(t, as(db, "approver1"), 2, []string{"--page"}, "draft", "list", "--page", "0")
}
