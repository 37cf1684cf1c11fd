package rescan_test

import (
	"context"
	"errors"
	"path/filepath"
	"shenfa/archive/rescan"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/sensitive"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

const exampleLexicon = "敏感词示例（本单位词库模板）"

func TestRescanFindsNewLexiconEntry(t *testing.T) {
	ctx := context.Background()
	w := newWorkspace(t, filepath.Join(t.TempDir(), "ws.db"), true)
	arch := signIn(t, w, "archivist")
	digest := func() string {
		var s string
		w.DB.SQL.QueryRow(`SELECT group_concat(id || code || manifest || text || hex(file) || hex(pdf), '|') FROM records`).Scan(&s)
		return drafts.SM3([]byte(s))
	}
	before := digest()
	c, err := w.Checker(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := rescan.Run(ctx, w.DB, arch, c, rescan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Checked != 2 || rep.Flagged != 0 {
		t.Fatalf("before the lexicon changed: checked %d, flagged %d: %+v", rep.Checked, rep.Flagged, rep.Results)
	}
	err = w.Lexicons.PutEntry(ctx, signIn(t, w, "secadmin"), exampleLexicon, "",
		lexicon.Entry{Word: "暂停现场服务", Category: finding.Sensitive, Severity: finding.Warn, Note: "回头看测试"})
	if err != nil {
		t.Fatal(err)
	}
	if c, err = w.Checker(ctx); err != nil {
		t.Fatal(err)
	}
	rep, err = rescan.Run(ctx, w.DB, arch, c, rescan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Checked != 2 || rep.Flagged != 1 || len(rep.Results) != 1 || rep.Warn != 1 || rep.Block != 0 {
		t.Fatalf("after: %+v", rep)
	}
	r := rep.Results[0]
	var code string
	w.DB.SQL.QueryRow(`SELECT code FROM records WHERE id = ?`, r.RecordID).Scan(&code)
	if r.Code != code || !strings.Contains(r.Title, "春节") || len(r.Findings) != 1 || r.Findings[0].Text != "暂停现场服务" {
		t.Errorf("result %+v", r)
	}
	if !slices.ContainsFunc(rep.Lexicons, func(v lexicon.Version) bool { return v.Name == exampleLexicon }) {
		t.Errorf("lexicons %v", rep.Lexicons)
	}
	got, err := rescan.Get(ctx, w.DB, arch, rep.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != rep.ID || got.Flagged != 1 || len(got.Results) != 1 || got.Results[0].Findings[0].Text != "暂停现场服务" ||
		got.By != "archivist" || got.Started.IsZero() || len(got.Lexicons) != len(rep.Lexicons) {
		t.Errorf("stored report %+v", got)
	}
	if latest, err := rescan.Get(ctx, w.DB, arch, 0); err != nil || latest.ID != rep.ID {
		t.Errorf("latest: %v %v", latest, err)
	}
	list, err := rescan.List(ctx, w.DB, arch)
	if err != nil || len(list) != 2 || list[0].ID != rep.ID {
		t.Errorf("list %+v %v", list, err)
	}
	if n := count(t, w.DB.SQL, `SELECT count(*) FROM audit WHERE action = ? AND target = ?`, rescan.ActionRescan, "rescan "+itoa(rep.ID)); n != 1 {
		t.Errorf("%d audit rows", n)
	}
	if digest() != before {
		t.Error("the re-scan changed a record")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestRescanAuthorisation(t *testing.T) {
	ctx := context.Background()
	w := newWorkspace(t, filepath.Join(t.TempDir(), "ws.db"), true)
	c, err := w.Checker(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, user := range []string{"author", "approver3", "sysadmin", "secadmin", "auditor"} {
		if _, err := rescan.Run(ctx, w.DB, signIn(t, w, user), c, rescan.Options{}); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("%s re-scans: %v", user, err)
		}
	}
	rep, err := rescan.Run(ctx, w.DB, signIn(t, w, "archivist"), c, rescan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for user, ok := range map[string]bool{"archivist": true, "author": true, "secrecy": true, "sysadmin": false, "auditor": false} {
		_, err := rescan.Get(ctx, w.DB, signIn(t, w, user), rep.ID)
		if ok != (err == nil) || (!ok && !errors.Is(err, account.ErrForbidden)) {
			t.Errorf("%s reads the report: %v", user, err)
		}
	}
	if _, err := rescan.Get(ctx, w.DB, signIn(t, w, "archivist"), rep.ID+100); !errors.Is(err, rescan.ErrNoReport) {
		t.Errorf("missing report: %v", err)
	}
}

func TestRescanReportsAreImmutable(t *testing.T) {
	ctx := context.Background()
	w := newWorkspace(t, filepath.Join(t.TempDir(), "ws.db"), false)
	synthetic(t, w, 3, 200, 1, func(i int) string { return []string{"", "内容含有测试违规词甲。", ""}[i] })
	c := &fakeChecker{flag: "测试违规词甲"}
	if _, err := rescan.Run(ctx, w.DB, signIn(t, w, "archivist"), c, rescan.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE rescan_reports SET flagged = 0`, `DELETE FROM rescan_reports`,
		`UPDATE rescan_results SET findings = '[]'`, `DELETE FROM rescan_results`} {
		if _, err := w.DB.SQL.Exec(q); err == nil || !strings.Contains(err.Error(), "cannot") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

// fakeChecker flags every occurrence of flag, with severity sev (warn when
// empty), and counts its calls.
type fakeChecker struct {
	flag string
	sev  finding.Severity
}

func (f *fakeChecker) Versions() []lexicon.Version {
	return []lexicon.Version{{Name: "fake", Version: "1", Entries: 1}}
}

func (f *fakeChecker) CheckAt(text string, _ time.Time) sensitive.Result {
	var fs []sensitive.Finding
	rs := []rune(text)
	w := []rune(f.flag)
	for i := 0; f.flag != "" && i+len(w) <= len(rs); i++ {
		if string(rs[i:i+len(w)]) == f.flag {
			sev := f.sev
			if sev == "" {
				sev = finding.Warn
			}
			fs = append(fs, sensitive.Finding{Start: i, End: i + len(w), Text: f.flag, Category: finding.Sensitive,
				Severity: sev, Rule: "sensitive.lexicon", Message: "测试"})
		}
	}
	return sensitive.Result{Chars: len(rs), Findings: fs}
}

// TestRescanKnownFindings: a finding the record was sealed with is not
// news, unless its severity rose.
func TestRescanKnownFindings(t *testing.T) {
	ctx := context.Background()
	w := newWorkspace(t, filepath.Join(t.TempDir(), "ws.db"), false)
	synthetic(t, w, 1, 0, 1, func(int) string { return "前文测试违规词甲后文" })
	known := (&fakeChecker{flag: "测试违规词甲"}).CheckAt("前文测试违规词甲后文", time.Now()).Findings[0]
	w.DB.SQL.Exec(`DROP TRIGGER records_no_update`)
	w.DB.SQL.Exec(`UPDATE records SET manifest = json_set(manifest, '$.findings', json(?))`,
		`[{"id": "`+drafts.FindingID(known)+`", "severity": "warn"}]`)
	arch := signIn(t, w, "archivist")
	for _, tc := range []struct {
		sev     finding.Severity
		flagged int
	}{{finding.Warn, 0}, {finding.Block, 1}, {finding.Info, 0}} {
		rep, err := rescan.Run(ctx, w.DB, arch, &fakeChecker{flag: "测试违规词甲", sev: tc.sev}, rescan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Flagged != tc.flagged {
			t.Errorf("severity %s: flagged %d, want %d", tc.sev, rep.Flagged, tc.flagged)
		}
	}
}

func TestRescanProgressAndCancel(t *testing.T) {
	ctx := context.Background()
	w := newWorkspace(t, filepath.Join(t.TempDir(), "ws.db"), false)
	const n = 400
	synthetic(t, w, n, 300, 2, func(i int) string {
		if i%100 == 7 {
			return "第" + strconv.Itoa(i) + "件含有测试违规词甲。"
		}
		return ""
	})
	arch := signIn(t, w, "archivist")
	last, calls := 0, 0
	rep, err := rescan.Run(ctx, w.DB, arch, &fakeChecker{flag: "测试违规词甲"}, rescan.Options{Progress: func(done, total int) {
		if done != last+1 || total != n {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last, calls = done, calls+1
	}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != n || rep.Checked != n || rep.Flagged != 4 {
		t.Fatalf("calls %d, checked %d, flagged %d", calls, rep.Checked, rep.Flagged)
	}
	for i, r := range rep.Results {
		if r.Code == "" || (i > 0 && r.RecordID <= rep.Results[i-1].RecordID) {
			t.Errorf("results out of order or without 档号: %+v", rep.Results)
		}
	}
	reports := count(t, w.DB.SQL, `SELECT count(*) FROM rescan_reports`)
	cctx, cancel := context.WithCancel(ctx)
	done := 0
	_, err = rescan.Run(cctx, w.DB, arch, &slowChecker{fakeChecker{flag: "测试违规词甲"}}, rescan.Options{Progress: func(d, _ int) {
		if done = d; d == 20 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if done >= n/2 {
		t.Errorf("went on to %d records after the cancel", done)
	}
	if got := count(t, w.DB.SQL, `SELECT count(*) FROM rescan_reports`); got != reports {
		t.Errorf("a cancelled re-scan stored a report")
	}
}

// slowChecker takes a little time per text, as the real one does.
type slowChecker struct{ fakeChecker }

func (s *slowChecker) CheckAt(text string, now time.Time) sensitive.Result {
	r := s.fakeChecker.CheckAt(text, now)
	for range 20000 {
		_ = strings.Count(text, "甲")
	}
	return r
}

// TestRescanReadsDatesAsOfSealing: a date without a year is read in the
// year the record was sealed (1999 for synthetic records), not today's, so
// that a weekday right on the day is not reported as wrong years later.
func TestRescanReadsDatesAsOfSealing(t *testing.T) {
	ctx := context.Background()
	w := newWorkspace(t, filepath.Join(t.TempDir(), "ws.db"), false)
	// 1999-12-31 was a Friday; 12-31 is a Friday again only in 2027, 2032 …
	const text = "通知：12月31日（星期五）上午办公。"
	synthetic(t, w, 1, 0, 1, func(int) string { return text })
	c, err := w.Checker(ctx)
	if err != nil {
		t.Fatal(err)
	}
	weekday := func(fs []sensitive.Finding) int {
		n := 0
		for _, f := range fs {
			if f.Category == finding.Datetime {
				n++
			}
		}
		return n
	}
	if got := weekday(c.CheckAt(text, time.Date(2026, 6, 1, 0, 0, 0, 0, time.Local)).Findings); got == 0 {
		t.Fatalf("the checker does not flag 12月31日（星期五） in 2026: the test cannot tell the years apart")
	}
	rep, err := rescan.Run(ctx, w.DB, signIn(t, w, "archivist"), c, rescan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		if n := weekday(r.Findings); n > 0 {
			t.Errorf("record %s: %d date findings, read against today instead of its sealing day: %+v", r.Code, n, r.Findings)
		}
	}
}
