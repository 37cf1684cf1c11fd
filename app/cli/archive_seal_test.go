package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/review"
)

// unsealedWorkspace is a demo workspace whose approved (7) and published
// (1) drafts are not sealed yet.
func unsealedWorkspace(t *testing.T) string { return demoWorkspaceWith(t, review.WithoutRecords()) }

// demoWorkspaceWith is a fresh demo workspace made with opts.
func demoWorkspaceWith(t *testing.T, opts ...review.DemoOption) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "ws.db")
	w, err := review.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.SetupDemo(context.Background(), opts...); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestArchiveSeal(t *testing.T) {
	db := unsealedWorkspace(t)
	arch := as(db, "archivist")
	r := expect(t, arch, ExitOK, []string{"已将稿件 7 封存为归档记录，档号 Z001-WS·"}, "archive", "seal", "7")
	expect(t, arch, ExitFailed, []string{"稿件 7 不能封存：它已经封存过"}, "archive", "seal", "7")
	expect(t, arch, ExitFailed, []string{"只有已批准或已发布的稿件才能封存"}, "archive", "seal", "2")
	expect(t, arch, ExitFailed, []string{"没有编号为 9999 的稿件"}, "archive", "seal", "9999") // past the demo's year of history
	expect(t, as(db, "author"), ExitFailed, nil, "archive", "seal", "1")
	expect(t, map[string]string{"SHENFA_DB": db, "SHENFA_USER": "archivist", "SHENFA_LANG": "en", "SHENFA_PASSWORD": "Archivist@2026"},
		ExitFailed, []string{"only an approved or published draft"}, "archive", "seal", "2")
	// a sign-off changed behind Shenfa's back: the archivist sees why it cannot be sealed
	rawSQL(t, db, `UPDATE signoffs SET opinion = '不同意。' WHERE draft_id = 1 AND seq = 2`)
	expect(t, arch, ExitFailed, []string{"稿件 1 不能封存：签署校验未通过", "签署 #2"}, "archive", "seal", "1")
	expect(t, arch, ExitUsage, nil, "archive", "seal")
	expect(t, arch, ExitUsage, []string{"x"}, "archive", "seal", "x")

	code := r.stdout[strings.Index(r.stdout, "Z001-WS·"):strings.Index(r.stdout, "；")]
	expect(t, arch, ExitOK, []string{"✓ #1", "✓ #3", "记录 PDF：✓", "冬季供暖保障工作新闻通稿"}, "archive", "show", code)
	expect(t, as(db, "author"), ExitOK, []string{code}, "archive", "show", "1") // content roles read the archive
	expect(t, arch, ExitFailed, []string{"没有编号或档号为“9”的归档记录"}, "archive", "show", "9")
	var show recordJSON
	if r := run(arch, "archive", "show", "--json", code); r.code != ExitOK || json.Unmarshal([]byte(r.stdout), &show) != nil ||
		!show.PDFOK || len(show.SignOffs) == 0 || !show.SignOffs[0].Verified {
		t.Errorf("show --json: %d %s", r.code, r.stdout)
	}
	// the stored PDF changed through raw SQL: show marks it
	rawSQL(t, db, `UPDATE records SET pdf = CAST(pdf || X'0A' AS BLOB)`)
	expect(t, arch, ExitOK, []string{"记录 PDF：✗", "签名之后文件被追加了 1 个字节"}, "archive", "show", code)
}

func TestArchiveListAndSearch(t *testing.T) {
	db := demoWorkspace(t) // two sealed records: the 通知 (D10) sealed after the 通稿 (D30)
	env := as(db, "author")
	r := expect(t, env, ExitOK, []string{"供暖保障工作新闻通稿", "政务服务大厅开放安排的通知", "共 2 件。"}, "archive", "list")
	if strings.Index(r.stdout, "通知") > strings.Index(r.stdout, "通稿") {
		t.Errorf("not newest first:\n%s", r.stdout)
	}
	r = expect(t, env, ExitOK, []string{"通知", "共 2 件；用 --page"}, "archive", "list", "--size", "1")
	if strings.Contains(r.stdout, "通稿") {
		t.Errorf("page 1 of size 1 shows the older record:\n%s", r.stdout)
	}
	expect(t, env, ExitOK, []string{"通稿", "第 2 页", "共 2 件。"}, "archive", "list", "--size", "1", "--page", "2")
	expect(t, env, ExitOK, []string{"没有符合条件的归档记录"}, "archive", "list", "--page", "3")
	expect(t, env, ExitUsage, []string{"--page"}, "archive", "list", "--page", "0")

	expect(t, env, ExitOK, []string{"冬季供暖", "【供暖】", "共 1 件"}, "archive", "search", "供暖")
	expect(t, env, ExitOK, []string{"D10", "共 1 件"}, "archive", "search", "通知", "--retention", "D10")
	expect(t, env, ExitOK, []string{"没有符合条件"}, "archive", "search", "通知", "--retention", "Y")
	expect(t, env, ExitOK, []string{"没有符合条件"}, "archive", "search", "通知", "--year", "1999")
	expect(t, env, ExitOK, []string{"没有符合条件"}, "archive", "search", "供暖", "--signer", "nobody")
	expect(t, env, ExitUsage, nil, "archive", "search")
	var got hitsJSON
	if r := run(env, "archive", "search", "--json", "春"); r.code != ExitOK || json.Unmarshal([]byte(r.stdout), &got) != nil ||
		got.Total != 1 || !strings.Contains(got.Hits[0].Snippet, "【春】") {
		t.Errorf("search --json 春: %d %s", r.code, r.stdout)
	}
	expect(t, as(db, "sysadmin"), ExitFailed, nil, "archive", "list")
}

func TestArchiveVerifyAndRescan(t *testing.T) {
	dir, _ := lexiconWorkspace(t)
	db := filepath.Join(dir, "ws.db")
	arch := as(db, "archivist")
	// no backup yet: the archive-wide 安全性 item fails, the records pass
	r := expect(t, arch, ExitFailed, []string{"通过", "PDF 签名（PAdES）", "备份及时且经核验", "四性检测结论：不通过"}, "archive", "verify", "1")
	if !strings.Contains(r.stderr, "四性检测：1/1 件") {
		t.Errorf("no progress on stderr: %q", r.stderr)
	}
	mustRun(t, as(db, "sysadmin"), "backup", filepath.Join(dir, "backup.db"))
	report := filepath.Join(dir, "四性检测报告.pdf")
	expect(t, arch, ExitOK, []string{"四性检测结论：通过", "2 件记录"}, "archive", "verify", "--pdf", report)
	if b, err := os.ReadFile(report); err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("--pdf wrote no PDF: %v", err)
	}
	var rep struct {
		Status  string `json:"status"`
		Records []struct {
			Code  string `json:"code"`
			Items []struct {
				ID     string `json:"id"`
				Status string `json:"status"`
			} `json:"items"`
		} `json:"records"`
	}
	if r := run(arch, "archive", "verify", "--json", "2"); r.code != ExitOK || json.Unmarshal([]byte(r.stdout), &rep) != nil ||
		rep.Status != "pass" || len(rep.Records) != 1 || len(rep.Records[0].Items) == 0 {
		t.Errorf("verify --json: %d %s", r.code, r.stdout)
	}
	expect(t, arch, ExitFailed, []string{"没有这件归档记录"}, "archive", "verify", "Z9-无")
	// a record's stored text changed through raw SQL: its 真实性 fails
	rawSQL(t, db, `UPDATE records SET text = text || '（补）' WHERE id = 1`)
	expect(t, arch, ExitFailed, []string{"✗ [真实性] 定稿正文哈希", "不通过"}, "archive", "verify", "1")

	expect(t, arch, ExitOK, []string{"重新检查了 2 件记录，0 件有新的问题"}, "archive", "rescan")
	// a lexicon entry added since: 回头看 finds the sealed text that has it
	words := filepath.Join(dir, "新词.txt")
	os.WriteFile(words, []byte("供暖保障\n"), 0o600)
	mustRun(t, as(db, "secadmin"), "lexicon", "import", words, "--category", "sensitive")
	r = expect(t, arch, ExitFailed, []string{"1 件有新的问题", "冬季供暖保障工作新闻通稿", "供暖保障", "shenfa archive show"}, "archive", "rescan")
	if !strings.Contains(r.stderr, "回头看：2/2 件") {
		t.Errorf("no progress on stderr: %q", r.stderr)
	}
	var rs struct {
		Flagged int `json:"flagged"`
		Results []struct {
			Code string `json:"code"`
		} `json:"results"`
	}
	if r := run(arch, "archive", "rescan", "--json"); json.Unmarshal([]byte(r.stdout), &rs) != nil || rs.Flagged != 1 || len(rs.Results) != 1 {
		t.Errorf("rescan --json: %d %s", r.code, r.stdout)
	}
	expect(t, as(db, "author"), ExitFailed, nil, "archive", "rescan")
}
