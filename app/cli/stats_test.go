package cli

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"shenfa/review/stats"
)

// One draft goes through the real workflow from the command line, returned
// once at 初审; the statistics then count it from what the workflow wrote.
func TestStatsCommands(t *testing.T) {
	_, db := workflowWorkspace(t)
	addChannel(t, db)
	id := newDraft(t, db, "author", "A", cleanText)
	mustRun(t, as(db, "author"), "draft", "submit", id)
	mustRun(t, as(db, "approver1"), "signoff", id, "--step", "tier1", "--return", "--opinion", "请核实数据来源后重新提交。")
	mustRun(t, as(db, "author"), "draft", "submit", id)
	mustRun(t, as(db, "approver1"), "signoff", id, "--step", "tier1", "--approve", "--opinion", "同意。", "--ack-all")
	mustRun(t, as(db, "secrecy"), append([]string{"signoff", id, "--step", "secrecy", "--publish", "--opinion", "同意公开。"},
		secrecyArgs...)...)
	mustRun(t, as(db, "approver3"), "signoff", id, "--step", "tier3", "--approve", "--opinion", "同意签发。")
	published := time.Now().Add(-72 * time.Hour)
	mustRun(t, as(db, "author"), "draft", "publish", id, "--at", published.Local().Format("2006-01-02 15:04"))

	// Three days ago in Beijing, whatever the zone of this machine.
	days := int(stats.DayOf(time.Now()) - stats.DayOf(published.Truncate(time.Minute)))
	r := mustRun(t, as(db, "author"), "stats", "cadence", "--json")
	var cad struct {
		Channels []struct {
			Status    string `json:"status"`
			DaysSince int    `json:"days_since"`
			Limit     int    `json:"limit"`
			Rule      string `json:"rule"`
		} `json:"channels"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &cad); err != nil || len(cad.Channels) != 1 {
		t.Fatalf("cadence JSON %v: %s", err, r.stdout)
	}
	if c := cad.Channels[0]; c.Status != "ok" || c.DaysSince != days || c.Limit != 14 || c.Rule != "default" {
		t.Errorf("cadence %+v, want ok, %d days, 14 (default)", c, days)
	}
	expect(t, as(db, "author"), 0, []string{"正常", "江城发布", "已 " + strconv.Itoa(days) + " 天", "规定 14 天（默认）"},
		"stats", "cadence")

	from := stats.DayOf(published.Add(-24 * time.Hour)).String()
	r = mustRun(t, as(db, "approver3"), "stats", "workload", "--from", from, "--json")
	var wl struct {
		Total struct {
			Submitted, Submissions, Approved, Returned, Published int
			ReturnReasons                                         []stats.Reason `json:"return_reasons"`
		} `json:"total"`
		Approvers []struct {
			Name     string `json:"name"`
			SignOffs int    `json:"signoffs"`
			Returns  int    `json:"returns"`
		} `json:"approvers"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &wl); err != nil {
		t.Fatalf("workload JSON %v: %s", err, r.stdout)
	}
	tot := wl.Total
	if tot.Submitted != 1 || tot.Submissions != 2 || tot.Approved != 1 || tot.Returned != 1 || tot.Published != 1 ||
		len(tot.ReturnReasons) != 1 || tot.ReturnReasons[0].Text != "请核实数据来源后重新提交。" {
		t.Errorf("workload total %+v", tot)
	}
	if len(wl.Approvers) != 3 || wl.Approvers[0].Name != "approver1" || wl.Approvers[0].SignOffs != 2 || wl.Approvers[0].Returns != 1 {
		t.Errorf("approvers seen by 终审: %+v", wl.Approvers)
	}
	r = expect(t, as(db, "approver1"), 0, []string{"审核人 刘洋（approver1，初审）：签署 1 篇（2 次）", "只显示您本人"},
		"stats", "workload", "--from", from)
	if strings.Contains(r.stdout, "周明") {
		t.Errorf("初审 sees another approver:\n%s", r.stdout)
	}

	year := strconv.Itoa(stats.DayOf(published).Year())
	r = mustRun(t, as(db, "approver3"), "stats", "annual", "--year", year, "--csv")
	if !strings.HasPrefix(r.stdout, "渠道名称,平台,主办单位,信息发布总数,原创,转载,分级：普通,分级：重要,分级：敏感,") ||
		!strings.Contains(r.stdout, "\n江城发布,微信公众号,江城市人民政府办公室,1,1,0,1,0,0,1,1,1,0,") {
		t.Errorf("annual CSV:\n%s", r.stdout)
	}
	expect(t, as(db, "author"), 0, []string{"提交审核的版本共"}, "stats", "findings", "--from", from)
	for _, what := range []string{"cadence", "workload", "findings", "annual"} {
		t.Logf("shenfa stats %s:\n%s", what, mustRun(t, as(db, "approver3"), "stats", what).stdout)
	}
}

func TestStatsRefusals(t *testing.T) {
	_, db := workflowWorkspace(t)
	tests := []struct {
		name string
		user string
		code int
		want string
		args []string
	}{
		{"no such kind", "author", 2, "用法", []string{"stats", "everything"}},
		{"two periods", "author", 2, "只能用", []string{"stats", "workload", "--year", "2026", "--month", "2026-12"}},
		{"bad month", "author", 2, "--month 的值", []string{"stats", "workload", "--month", "2026-13"}},
		{"annual by month", "author", 2, "annual 按年统计", []string{"stats", "annual", "--month", "2026-12"}},
		{"json and csv", "author", 2, "只能选一个", []string{"stats", "annual", "--json", "--csv"}},
		{"backwards", "author", 2, "早于", []string{"stats", "workload", "--from", "2026-12-02", "--to", "2026-12-01"}},
		{"an administrator", "sysadmin", 1, "", []string{"stats", "cadence"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "an administrator" {
			}
			expect(t, as(db, tt.user), tt.code, []string{tt.want}, tt.args...)
		})
	}
}
