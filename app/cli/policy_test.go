package cli

import (
	"encoding/json"
	"testing"

	"shenfa/app/i18n"
	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// A secadmin imports a new policy version; a submitted draft keeps the
// version it was submitted under, new drafts follow the new one, and an
// old version can be put back in force.
func TestPolicyCommands(t *testing.T) {
	_, db := workflowWorkspace(t)
	addChannel(t, db)
	sec, author := as(db, "secadmin"), as(db, "author")
	expect(t, author, 0, []string{"本单位发布审核策略 2026-12-01（生效中）", "A 普通", "初审 → 保密审查 → 终审",
		"复审：错别字", "涉密标识和个人信息任何环节都不能豁免", "同意发布。"}, "policy", "show")
	old := newDraft(t, db, "author", "B", cleanText)
	mustRun(t, author, "draft", "submit", old)

	expect(t, author, 1, []string{i18n.Message(account.ErrForbidden)}, "policy", "import", "testdata/policy-2027.toml")
	expect(t, sec, 2, []string{"policy-bad.toml", "第 11 行", "stpes"}, "policy", "import", "testdata/policy-bad.toml")
	expect(t, sec, 2, []string{"missing.toml"}, "policy", "import", "testdata/missing.toml")
	expect(t, sec, 0, []string{"已导入并启用审核策略 2：本单位发布审核策略 2027-01-01"}, "policy", "import", "testdata/policy-2027.toml")
	expect(t, sec, 0, []string{"2027-01-01"}, "policy", "import", "testdata/policy-2027.toml") // idempotent
	expect(t, author, 0, []string{"2027-01-01（生效中）", "A 普通　保管期限 定期10年　环节：初审 → 复审 → 保密审查 → 终审",
		"初审办理时限：24 小时"}, "policy", "show")
	expect(t, author, 0, []string{"2026-12-01", "2027-01-01", "（生效中）", "共 2 个策略版本"}, "policy", "show", "--all")

	// The submitted grade-B draft keeps its policy; grade B no longer exists for new drafts.
	d := showJSON(t, db, "author", old)
	if d.Policy == nil || d.Policy.Version != "2026-12-01" || len(d.Steps) != 4 {
		t.Errorf("the submitted draft's policy: %+v, steps %+v", d.Policy, d.Steps)
	}
	expect(t, author, 1, []string{i18n.Message(drafts.ErrBadGrade)},
		"draft", "new", "--title", "x", "--channel", "江城发布", "--grade", "B", "testdata/clean.txt")
	a := newDraft(t, db, "author", "A", cleanText)
	if d := showJSON(t, db, "author", a); len(d.Steps) != 4 || d.Steps[1].Step != drafts.Tier2 {
		t.Errorf("a grade-A draft under the new policy has steps %+v", d.Steps)
	}

	var p policyJSON
	if err := json.Unmarshal([]byte(mustRun(t, author, "policy", "show", "--json").stdout), &p); err != nil {
		t.Fatal(err)
	}
	if p.ID != 2 || p.Version != "2027-01-01" || p.ImportedBy != "secadmin" || len(p.Grades) != 2 ||
		len(p.Waive[policy.Tier2]) != 3 || p.DueHours[policy.Tier1] != 24 || len(p.Unwaivable) != 2 {
		t.Errorf("policy show --json: %+v", p)
	}
	var all struct {
		Policies []policyVersionJSON `json:"policies"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, author, "policy", "show", "--all", "--json").stdout), &all); err != nil ||
		len(all.Policies) != 2 || all.Policies[0].Current || !all.Policies[1].Current || all.Policies[0].ImportedBy != "" {
		t.Errorf("policy show --all --json: %+v %v", all, err)
	}

	expect(t, author, 1, []string{i18n.Message(account.ErrForbidden)}, "policy", "activate", "1")
	expect(t, sec, 1, []string{i18n.Message(policy.ErrNoSuchPolicy)}, "policy", "activate", "9")
	expect(t, sec, 0, []string{"已重新启用审核策略 1"}, "policy", "activate", "1")
	expect(t, author, 0, []string{"2026-12-01（生效中）"}, "policy", "show")
	expect(t, author, 2, []string{"policy"}, "policy", "frob")
	expect(t, author, 2, []string{"policy"}, "policy", "import")
}

// Anyone signed in lists the channels; the list is empty at first.
func TestChannelCommands(t *testing.T) {
	_, db := workflowWorkspace(t)
	expect(t, as(db, "approver1"), 0, []string{"共 0 个发布渠道"}, "channel", "list")
	if r := mustRun(t, as(db, "approver1"), "channel", "list", "--json"); r.stdout != "{\n  \"channels\": []\n}\n" {
		t.Errorf("empty channel list: %q", r.stdout)
	}
	expect(t, as(db, "author"), 1, []string{"shenfa channel add"},
		"draft", "new", "--title", "x", "--channel", "江城发布", "--grade", "A", "testdata/clean.txt")
	expect(t, as(db, "secadmin"), 0, []string{"已添加发布渠道 1“江城发布”（微信公众号，江城市人民政府办公室）"},
		"channel", "add", "--name", "江城发布", "--platform", "微信公众号", "--unit", "江城市人民政府办公室")
	expect(t, as(db, "secadmin"), 0, []string{"@江城发布"}, "channel", "add", "--name=@江城发布", "--platform=微博", "--unit=江城市人民政府办公室")
	expect(t, as(db, "author"), 0, []string{"江城发布", "@江城发布", "共 2 个发布渠道"}, "channel", "list")
	expect(t, as(db, "author"), 2, []string{"channel"}, "channel")
	expect(t, as(db, "author"), 2, []string{"channel"}, "channel", "remove")
}
