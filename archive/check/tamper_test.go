package check

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"shenfa/review/audit"
)

// TestTamperedRecordFails changes a sealed record through raw SQL, with
// the triggers dropped, and expects the items that guard that part to fail.
func TestTamperedRecordFails(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tamper func(t *testing.T, e *env, id int64, code string)
		fail   []string
	}{
		{"changed text", sqlTamper(`UPDATE records SET text = replace(text, '春节', '国庆') WHERE id = {id}`),
			[]string{"authenticity.text", "usability.text"}},
		{"changed text and its hash column", sqlTamper(`UPDATE records SET text = text || '补记。', text_sm3 = 'x' WHERE id = {id}`),
			[]string{"authenticity.text", "usability.text", "integrity.counts"}},
		{"changed final file", sqlTamper(`UPDATE records SET file = CAST('篡改后的原件' AS BLOB) WHERE id = {id}`),
			[]string{"authenticity.file", "usability.attachments"}},
		{"changed version text", sqlTamper(`UPDATE record_versions SET text = text || '。' WHERE record_id = {id}`),
			[]string{"authenticity.text", "integrity.versions"}},
		{"changed manifest", sqlTamper(`UPDATE records SET manifest = replace(manifest, '"title": "关于', '"title": "有关') WHERE id = {id}`),
			[]string{"authenticity.seal", "usability.attachments", "integrity.metadata"}},
		{"manifest and its hash rewritten together", func(t *testing.T, e *env, id int64, code string) {
			var m string
			e.w.DB.SQL.QueryRow(`SELECT replace(manifest, '"chars": 87', '"chars": 88') FROM records WHERE id = ?`, id).Scan(&m)
			e.exec(t, fmt.Sprintf(`UPDATE records SET manifest = '%s', manifest_sm3 = '%s' WHERE id = %d`,
				strings.ReplaceAll(m, "'", "''"), sm3hex(m), id))
		}, []string{"authenticity.seal", "usability.attachments", "integrity.counts"}},
		{"manifest without a sign-off", func(t *testing.T, e *env, id int64, code string) {
			e.exec(t, fmt.Sprintf(`UPDATE records SET manifest = json_remove(manifest, '$.signoffs[1]') WHERE id = %d`, id))
		}, []string{"authenticity.chain", "authenticity.seal", "integrity.counts"}},
		{"missing version row", sqlTamper(`DELETE FROM record_versions WHERE record_id = {id} AND number = 1`),
			[]string{"integrity.versions", "integrity.parts", "authenticity.text", "authenticity.file"}},
		{"changed PDF byte", func(t *testing.T, e *env, id int64, code string) {
			var pdf []byte
			e.w.DB.SQL.QueryRow(`SELECT pdf FROM records WHERE id = ?`, id).Scan(&pdf)
			pdf = bytes.Replace(pdf, []byte("/Lang (zh-CN)"), []byte("/Lang (zh-TW)"), 1)
			e.exec(t)
			if _, err := e.w.DB.SQL.Exec(`UPDATE records SET pdf = ? WHERE id = ?`, pdf, id); err != nil {
				t.Fatal(err)
			}
		}, []string{"authenticity.pades", "authenticity.seal"}},
		{"forged audit row", func(t *testing.T, e *env, id int64, code string) {
			err := e.w.DB.Write(context.Background(), func(tx *sql.Tx) error {
				_, err := audit.Append(context.Background(), tx, audit.Event{Actor: "author", Action: "archive.edit", Target: code, Detail: "改了标题"})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}, []string{"security.access"}},
		{"export by an administrator", func(t *testing.T, e *env, id int64, code string) {
			err := e.w.DB.Write(context.Background(), func(tx *sql.Tx) error {
				_, err := audit.Append(context.Background(), tx, audit.Event{Actor: "sysadmin", Action: "archive.export.pdf", Target: "/media/u盘", Detail: "records " + code})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}, []string{"security.access"}},
		{"rewritten seal row", sqlTamper(`UPDATE audit SET detail = replace(detail, 'manifest-sm3 ', 'manifest-sm3 0') WHERE action = 'archive.seal' AND target = '{code}'`),
			[]string{"authenticity.seal"}},
		{"removed sign-off audit rows", sqlTamper(`DELETE FROM audit WHERE action = 'draft.signoff'`),
			[]string{"authenticity.events", "authenticity.audit-chain"}},
		{"removed seal row", sqlTamper(`DELETE FROM audit WHERE action = 'archive.seal' AND target = '{code}'`),
			[]string{"authenticity.events", "authenticity.seal"}},
		{"audit row rewritten before the head", sqlTamper(`UPDATE audit SET detail = 'x' WHERE seq = 5`),
			[]string{"authenticity.audit-chain"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			id, code := e.first(t)
			tc.tamper(t, e, id, code)
			rr, err := e.c.Record(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			if rr.Status != Fail {
				t.Errorf("record status %s", rr.Status)
			}
			var failed []string
			for _, it := range rr.Items {
				if it.Status == Fail {
					failed = append(failed, it.ID)
				}
			}
			for _, want := range tc.fail {
				if !slices.Contains(failed, want) {
					t.Errorf("%s did not fail: %+v", want, itemOf(rr, want))
				}
			}
			for _, it := range rr.Items {
				if it.Status == Fail && it.Detail == "" {
					t.Errorf("%s fails without saying why", it.ID)
				}
			}
		})
	}
}

// sqlTamper runs query with {id} the record id and {code} its 档号.
func sqlTamper(query string) func(t *testing.T, e *env, id int64, code string) {
	return func(t *testing.T, e *env, id int64, code string) {
		t.Helper()
		e.exec(t, strings.NewReplacer("{id}", fmt.Sprint(id), "{code}", code).Replace(query))
	}
}

// TestOtherRecordsUnaffected: tampering with one record fails that one
// only (the audit trail aside).
func TestOtherRecordsUnaffected(t *testing.T) {
	e := newEnv(t)
	id, _ := e.first(t)
	e.exec(t, fmt.Sprintf(`UPDATE records SET text = text || '。' WHERE id = %d`, id))
	rep, err := e.c.Run(context.Background(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, rr := range rep.Records {
		if want := map[bool]Status{true: Fail, false: Pass}[rr.ID == id]; rr.Status != want {
			t.Errorf("record %d %s: %s, want %s", rr.ID, rr.Code, rr.Status, want)
		}
	}
	if rep.OK() || rep.Status != Fail || rep.Counts[Fail] == 0 {
		t.Errorf("report %s %v", rep.Status, rep.Counts)
	}
}
