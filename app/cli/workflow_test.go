package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/app/i18n"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

// A grade-A draft goes all the way from the command line: created, checked,
// submitted, signed at 初审 (acknowledging its warning), 保密审查 and 终审,
// recorded as published, verified, corrected and compared.
func TestScriptedWorkflow(t *testing.T) {
	dir, db := workflowWorkspace(t)
	addChannel(t, db)
	expect(t, as(db, "author"), 0, []string{"江城发布", "微信公众号", "1 个发布渠道"}, "channel", "list")

	file := filepath.Join(dir, "通知.txt")
	os.WriteFile(file, []byte(warnText), 0o600)
	r := mustRun(t, as(db, "author"), "draft", "new", "--title", "关于延时服务的通知", "--channel", "江城发布",
		"--grade", "A", "--planned", "2099-12-05T09:00", "--note", "初稿", file)
	id := strings.TrimSpace(r.stdout)
	if id != "1" || !strings.Contains(r.stderr, "警告 1") {
		t.Fatalf("draft new: stdout %q stderr %q", r.stdout, r.stderr)
	}
	expect(t, as(db, "author"), 0, []string{"稿件 1：关于延时服务的通知", "撰写中", "第 1 版", "通知.txt", "正文 SM3",
		"1. 初审", "2. 保密审查", "3. 终审", "[警告] 外部链接", "www.example.com"}, "draft", "show", id)
	expect(t, as(db, "author"), 0, []string{"草稿，待提交", "关于延时服务的通知"}, "draft", "inbox")
	expect(t, as(db, "author"), 0, []string{"已提交稿件 1 第 1 版，待初审"}, "draft", "submit", id)
	expect(t, as(db, "approver1"), 0, []string{"待初审：关于延时服务的通知"}, "draft", "inbox")

	// 初审 must acknowledge the warning: refused with its id until it does.
	warn := findingIDs(t, db, id, "warn")
	if len(warn) != 1 {
		t.Fatalf("warnings: %v", warn)
	}
	expect(t, as(db, "approver1"), 1, []string{"须确认的警告 1 条", warn[0], "--ack-all"},
		"signoff", id, "--step", "tier1", "--approve", "--opinion", "同意。")
	expect(t, as(db, "approver1"), 0, []string{"已签署稿件 1 第 1 版：初审同意（刘洋，初审人", "审核中（保密审查）"},
		"signoff", id, "--step", "tier1", "--approve", "--opinion", "经审核，内容无误，同意报下一环节。", "--ack-all")
	expect(t, as(db, "secrecy"), 0, []string{"保密审查：公开", "审核中（终审）"},
		append([]string{"signoff", id, "--step", "secrecy", "--publish", "--opinion", "同意公开。"}, secrecyArgs...)...)
	expect(t, as(db, "approver3"), 0, []string{"终审签发", "已批准"},
		"signoff", id, "--step", "tier3", "--approve", "--opinion", "同意签发。")
	expect(t, as(db, "author"), 0, []string{"已批准，待记录发布"}, "draft", "inbox")
	expect(t, as(db, "author"), 0, []string{"已记录稿件 1 于 2026-12-06 10:00 发布", "https://example.gov.cn/a/1"},
		"draft", "publish", id, "--at", "2026-12-06 10:00", "--url", "https://example.gov.cn/a/1")

	show := expect(t, as(db, "approver2"), 0, []string{"已发布", "✓ 初审同意：刘洋", "✓ 保密审查：公开：吴刚", "✓ 终审签发：周明",
		"意见：同意签发。", "保密审查表：", "标有密级：否", "依据和理由：经审查", "密钥指纹", "已确认：approver1（初审）",
		"校验：✓", "提交第 1 版，送初审", "记录已发布"}, "draft", "show", id)
	if strings.Contains(show.stdout, "校验：✗") {
		t.Errorf("a fresh draft shows a failed verification:\n%s", show.stdout)
	}
	expect(t, as(db, "approver2"), 0, []string{"✓ #1", "✓ #3", "校验通过：3 个签署"}, "verify", "draft", id)

	// A correction of a published draft is a new version that goes through the steps again.
	revised := filepath.Join(dir, "通知-改.txt")
	os.WriteFile(revised, []byte(revisedText), 0o600)
	expect(t, as(db, "author"), 0, []string{"稿件 1 已存为第 2 版"}, "draft", "revise", id, "--note", "更正开放时间", revised)
	expect(t, as(db, "author"), 0, []string{"第 1 版 → 第 2 版", "¶1", "【+和周日+】", "【-，详情请访问 www.example.com 了解-】",
		"¶2（新增段落）", "【+咨询电话：12345。+】"}, "draft", "diff", id)
	expect(t, as(db, "approver1"), 0, []string{"自你签署的第 1 版至第 2 版"}, "draft", "diff", id)
	d := showJSON(t, db, "author", id)
	if d.Draft.Status != drafts.Editing || d.Draft.Version != 2 || len(d.Versions) != 2 || len(d.SignOffs) != 3 {
		t.Fatalf("after the correction: %+v", d.Draft)
	}
	for _, so := range d.SignOffs {
		if so.Current || !so.OK {
			t.Errorf("sign-off %d of version 1: current %v ok %v", so.Seq, so.Current, so.OK)
		}
	}
	expect(t, as(db, "author"), 0, []string{"（已失效"}, "draft", "show", id)
	expect(t, as(db, "author"), 0, []string{"[撰写中]", "关于延时服务的通知", "共 1 篇"}, "draft", "list", "--status", "draft")
	expect(t, as(db, "author"), 0, []string{"共 0 篇"}, "draft", "list", "--status", "published")
}

// Pasted text comes from standard input; a repost names its source.
func TestDraftFromStdinAndRepost(t *testing.T) {
	_, db := workflowWorkspace(t)
	addChannel(t, db)
	var out, errOut strings.Builder
	env := as(db, "author")
	code := Run([]string{"draft", "new", "--title", "转载：延时服务", "--channel", "江城发布", "--grade", "B",
		"--kind", "repost", "--source-name", "江城日报", "--source-title", "延时服务来了", "--source-url", "https://example.cn/1", "-"},
		Env{Stdin: strings.NewReader(cleanText), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }})
	if code != 0 {
		t.Fatalf("draft new -: %d %s", code, errOut.String())
	}
	id := strings.TrimSpace(out.String())
	d := showJSON(t, db, "author", id)
	if d.Draft.Kind != drafts.Repost || d.Draft.Source == nil || d.Draft.Source.Name != "江城日报" ||
		d.Versions[0].FileName != drafts.PastedName || d.Versions[0].TextSM3 != drafts.SM3([]byte(cleanText)) {
		t.Errorf("pasted repost: %+v %+v", d.Draft, d.Versions)
	}
	expect(t, env, 0, []string{"稿源：江城日报", "原标题：延时服务来了"}, "draft", "show", id)
	expect(t, env, 1, []string{i18n.Message(drafts.ErrNoSource)},
		"draft", "new", "--title", "转载", "--channel", "江城发布", "--grade", "B", "--kind", "repost", "testdata/clean.txt")
}

// Every refusal says why, with the exit status scripts rely on: 1 when the
// workflow refuses, 2 when the arguments are wrong.
func TestWorkflowRefusals(t *testing.T) {
	dir, db := workflowWorkspace(t)
	addChannel(t, db)
	id := newDraft(t, db, "author", "B", cleanText)
	ok := filepath.Join(dir, "ok.txt")
	os.WriteFile(ok, []byte(cleanText+"本周日照常。"), 0o600)
	sign := func(step string, more ...string) []string {
		return append([]string{"signoff", id, "--step", step, "--approve", "--opinion", "同意。"}, more...)
	}
	tests := []struct {
		user string
		args []string
		code int
		want string
	}{
		{"author", []string{"channel", "add", "--name", "某号", "--platform", "微博", "--unit", "某局"}, 1, i18n.Message(account.ErrForbidden)},
		{"secadmin", []string{"channel", "add", "--name", "江城发布", "--platform", "微博", "--unit", "某局"}, 1, i18n.Message(drafts.ErrChannelTaken)},
		{"secadmin", []string{"channel", "add", "--name", "某号"}, 2, "--platform"},
		{"author", []string{"draft", "new", "--title", "x", "--channel", "无此渠道", "--grade", "A", ok}, 1, "江城发布"},
		{"author", []string{"draft", "new", "--title", "x", "--channel", "江城发布", "--grade", "Z", ok}, 1, i18n.Message(drafts.ErrBadGrade)},
		{"author", []string{"draft", "new", "--title", "x", "--channel", "江城发布", "--grade", "A"}, 2, "--title"},
		{"author", []string{"draft", "new", "--title", "x", "--channel", "江城发布", "--grade", "A", "--planned", "下周", ok}, 2, "下周"},
		{"author", []string{"draft", "new", "--title", "x", "--channel", "江城发布", "--grade", "A", filepath.Join(dir, "missing.txt")}, 2, "missing.txt"},
		{"secadmin", []string{"draft", "new", "--title", "x", "--channel", "江城发布", "--grade", "A", ok}, 1, i18n.Message(account.ErrForbidden)},
		{"author", []string{"draft", "show", "99"}, 1, i18n.Message(drafts.ErrNotFound)},
		{"author", []string{"draft", "show", "abc"}, 2, "abc"},
		{"author", []string{"draft", "frob"}, 2, "frob"},
		{"author", []string{"draft", "list", "--status", "nonsense"}, 2, "nonsense"},
		{"author", []string{"draft", "list", "--author", "nobody"}, 1, i18n.Message(account.ErrNoSuchUser)},
		{"author", []string{"draft", "show", id, "--jsn"}, 2, "--jsn"},
		{"author2", []string{"draft", "submit", id}, 1, i18n.Message(drafts.ErrNotAuthor)},
		{"author", []string{"draft", "publish", id}, 1, i18n.Message(drafts.ErrState)},
		{"approver1", sign("tier1"), 1, i18n.Message(drafts.ErrState)}, // not submitted yet
		{"author", []string{"draft", "submit", id}, 0, "待初审"},
		{"author", []string{"draft", "revise", id, ok}, 1, i18n.Message(drafts.ErrState)}, // submitted: locked
		{"approver2", sign("tier1"), 1, i18n.Message(drafts.ErrNotYourStep)},
		{"approver1", sign("tier2"), 1, "当前在初审环节"},
		{"approver1", []string{"signoff", id, "--approve", "--opinion", "同意。"}, 2, "--step"},
		{"approver1", []string{"signoff", id, "--step", "tier1", "--approve"}, 2, "--opinion"},
		{"approver1", []string{"signoff", id, "--step", "tier1", "--approve", "--return", "--opinion", "x"}, 2, "只给出一个决定"},
		{"approver1", []string{"signoff", id, "--step", "tier9", "--approve", "--opinion", "x"}, 2, "tier9"},
		{"approver1", sign("tier1", "--waive", "nonsense"), 2, "问题编号=理由"},
		{"approver1", sign("tier1", "--checklist", "否"), 2, "--checklist"},
		{"approver1", []string{"signoff", id, "--step", "tier1", "--publish", "--opinion", "x"}, 1, i18n.Message(drafts.ErrBadDecision)},
		{"approver1", sign("tier1", "--version", "2"), 1, i18n.Message(drafts.ErrStale)},
		{"approver1", sign("tier1", "--waive", "f000000000000=理由"), 1, "f000000000000"},
		{"approver1", []string{"signoff", id, "--step", "tier1", "--return", "--return-to", "tier2", "--opinion", "x"}, 1, i18n.Message(drafts.ErrBadTarget)},
		{"author", []string{"signoff", id, "--step", "tier1", "--approve", "--opinion", "同意。"}, 1, i18n.Message(drafts.ErrOwnDraft)},
		{"secadmin", sign("tier1"), 1, i18n.Message(account.ErrForbidden)}, // the administrators sign nothing
		{"approver1", sign("tier1"), 0, "初审同意"},
		{"author", []string{"draft", "withdraw", id}, 1, i18n.Message(drafts.ErrWithdrawn)},
		{"approver1", []string{"signoff", id, "--step", "tier2", "--approve", "--opinion", "同意。"}, 1, i18n.Message(drafts.ErrNotYourStep)},
		{"approver2", []string{"signoff", id, "--step", "tier2", "--return", "--opinion", " "}, 2, "--opinion"},
		{"approver2", []string{"signoff", id, "--step", "tier2", "--return", "--return-to", "tier1", "--opinion", "请核实数据来源。"}, 0, "复审退回"},
		{"approver1", sign("tier1"), 0, "初审同意"}, // back at 初审 after the return
		{"secrecy", []string{"signoff", id, "--step", "tier2", "--approve", "--opinion", "同意。"}, 1, i18n.Message(drafts.ErrNotYourStep)},
		{"approver2", sign("tier2"), 0, "复审同意"},
		{"secrecy", []string{"signoff", id, "--step", "secrecy", "--publish", "--opinion", "可以公开。"}, 2, "--checklist"},
		{"secrecy", append([]string{"signoff", id, "--step", "secrecy", "--approve", "--opinion", "同意。"}, secrecyArgs...), 1, i18n.Message(drafts.ErrBadDecision)},
	}
	for _, tt := range tests {
		expect(t, as(db, tt.user), tt.code, []string{tt.want}, tt.args...)
	}
	// Nothing refused left a trace: three sign-offs, and they verify.
	d := showJSON(t, db, "author", id)
	if len(d.SignOffs) != 4 || d.Draft.Step != drafts.Secrecy || !d.Verified {
		t.Errorf("after the refusals: %d sign-offs, at %s, verified %v", len(d.SignOffs), d.Draft.Step, d.Verified)
	}
}

// Block findings: one a later step may waive (a placeholder, at 复审, with
// a reason), one that no step may waive (an ID number): the text must change.
func TestWaivers(t *testing.T) {
	dir, db := workflowWorkspace(t)
	addChannel(t, db)
	id := newDraft(t, db, "author", "B", placeholderText)
	mustRun(t, as(db, "author"), "draft", "submit", id)
	block := findingIDs(t, db, id, "block")
	if len(block) != 1 {
		t.Fatalf("block findings of the placeholder text: %v", block)
	}
	// 初审 may not waive a placeholder, but a later step may: 初审 can approve.
	expect(t, as(db, "approver1"), 1, []string{"本环节无权豁免", block[0]},
		"signoff", id, "--step", "tier1", "--approve", "--opinion", "同意。", "--waive", block[0]+"=区名待定")
	mustRun(t, as(db, "approver1"), "signoff", id, "--step", "tier1", "--approve", "--opinion", "同意。")
	// 复审 is the last that may: without a waiver it is refused with the id and the hint.
	expect(t, as(db, "approver2"), 1, []string{"未豁免的阻断问题 1 条", block[0], "本环节可豁免：--waive " + block[0] + "=理由"},
		"signoff", id, "--step", "tier2", "--approve", "--opinion", "同意。")
	expect(t, as(db, "approver2"), 2, []string{"问题编号=理由"},
		"signoff", id, "--step", "tier2", "--approve", "--opinion", "同意。", "--waive", block[0]+"=")
	mustRun(t, as(db, "approver2"), "signoff", id, "--step", "tier2", "--approve", "--opinion", "同意，区名发布前补全。",
		"--waive", block[0]+"=区名在发布前由宣传科补全")
	expect(t, as(db, "author"), 0, []string{"已豁免：approver2（复审）：区名在发布前由宣传科补全"}, "draft", "show", id)

	bad := filepath.Join(dir, "名单.txt")
	os.WriteFile(bad, []byte(idNumberText), 0o600)
	r := mustRun(t, as(db, "author"), "draft", "new", "--title", "公示", "--channel", "江城发布", "--grade", "C", bad)
	id2 := strings.TrimSpace(r.stdout)
	mustRun(t, as(db, "author"), "draft", "submit", id2)
	priv := findingIDs(t, db, id2, "block")
	if len(priv) != 1 {
		t.Fatalf("block findings of the ID number: %v", priv)
	}
	expect(t, as(db, "approver1"), 1, []string{"未豁免的阻断问题 1 条", priv[0], "须修改原文"},
		"signoff", id2, "--step", "tier1", "--approve", "--opinion", "同意。")
	expect(t, as(db, "approver1"), 1, []string{"本环节无权豁免", priv[0]},
		"signoff", id2, "--step", "tier1", "--approve", "--opinion", "同意。", "--waive", priv[0]+"=已征得本人同意")
	// A return needs no waiver; the author then revises and the steps restart.
	mustRun(t, as(db, "approver1"), "signoff", id2, "--step", "tier1", "--return", "--opinion", "身份证号请去标识化。")
	expect(t, as(db, "author"), 0, []string{"已退回，待修改"}, "draft", "inbox")
}

// The --json outputs have the documented shape (README, "JSON output").
func TestWorkflowJSON(t *testing.T) {
	_, db := workflowWorkspace(t)
	addChannel(t, db)
	id := newDraft(t, db, "author", "A", warnText)
	mustRun(t, as(db, "author"), "draft", "submit", id)
	r := mustRun(t, as(db, "approver1"), "signoff", id, "--step", "tier1", "--approve", "--opinion", "同意。", "--ack-all", "--json")
	so := decode(t, r.stdout)
	want(t, so, "signoff.seq", 1.0)
	want(t, so, "signoff.step", "tier1")
	want(t, so, "signoff.decision", "approve")
	want(t, so, "signoff.meaning", "初审同意")
	want(t, so, "signoff.role", "approver1")
	want(t, so, "signoff.signer_name", "刘洋")
	want(t, so, "status", "review")
	want(t, so, "step", "secrecy")

	show := decode(t, mustRun(t, as(db, "author"), "draft", "show", id, "--json").stdout)
	want(t, show, "draft.id", 1.0)
	want(t, show, "draft.status", "review")
	want(t, show, "draft.channel.name", "江城发布")
	want(t, show, "draft.grade", "A")
	want(t, show, "draft.kind", "original")
	want(t, show, "policy.version", "2026-12-01")
	want(t, show, "versions.0.text_sm3", drafts.SM3([]byte(warnText)))
	want(t, show, "steps.0.state", "signed")
	want(t, show, "steps.0.signoff", 1.0)
	want(t, show, "steps.1.step", "secrecy")
	want(t, show, "steps.1.state", "current")
	want(t, show, "steps.2.state", "pending")
	want(t, show, "signoffs.0.ok", true)
	want(t, show, "signoffs.0.current", true)
	want(t, show, "findings.findings.0.severity", "warn")
	want(t, show, "findings.findings.0.acked.step", "tier1")
	want(t, show, "events.0.kind", "submit")
	want(t, show, "verified", true)
	if k := get(show, "signoffs.0.key"); len(k.(string)) != 64 {
		t.Errorf("key fingerprint %v", k)
	}

	list := decode(t, mustRun(t, as(db, "author"), "draft", "list", "--json").stdout)
	want(t, list, "total", 1.0)
	want(t, list, "page", 1.0)
	want(t, list, "pages", 1.0)
	want(t, list, "page_size", 50.0)
	want(t, list, "drafts.0.title", "关于延时服务的通知")
	inbox := decode(t, mustRun(t, as(db, "secrecy"), "draft", "inbox", "--json").stdout)
	want(t, inbox, "total", 1.0)
	want(t, inbox, "tasks.0.why", "sign")
	want(t, inbox, "tasks.0.step", "secrecy")
	want(t, inbox, "tasks.0.draft.id", 1.0)
	if empty := decode(t, mustRun(t, as(db, "approver3"), "draft", "inbox", "--json").stdout); len(get(empty, "tasks").([]any)) != 0 {
		t.Errorf("an empty inbox is not an empty list: %v", empty)
	}

	diffOut := decode(t, mustRun(t, as(db, "author"), "draft", "diff", id, "--from", "1", "--to", "1", "--json").stdout)
	want(t, diffOut, "summary.changes", 0.0)
	if ps := get(diffOut, "paragraphs").([]any); len(ps) != 0 {
		t.Errorf("a version against itself: %v", ps)
	}
	ver := decode(t, mustRun(t, as(db, "author"), "verify", "draft", id, "--json").stdout)
	want(t, ver, "ok", true)
	want(t, ver, "first_bad", 0.0)
	want(t, ver, "checks.0.ok", true)
	want(t, ver, "checks.0.signer", "approver1")
	ch := decode(t, mustRun(t, as(db, "author"), "channel", "list", "--json").stdout)
	want(t, ch, "channels.0.platform", "微信公众号")
}

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	return m
}

// get follows a dotted path of keys and list indexes.
func get(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i := -1
			for j := range x {
				if k == string(rune('0'+j)) {
					i = j
				}
			}
			if i < 0 {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func want(t *testing.T, m map[string]any, path string, value any) {
	t.Helper()
	if got := get(m, path); got != value {
		t.Errorf("%s = %#v, want %#v", path, got, value)
	}
}
