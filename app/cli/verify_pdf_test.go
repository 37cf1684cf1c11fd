package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// demoRecordPDF exports the first record of the demo workspace, sealed and
// signed by its CA, and returns its file.
func demoRecordPDF(t *testing.T) (db, file string) {
	t.Helper()
	db = demoWorkspace(t)
	out := filepath.Join(t.TempDir(), "pdf")
	mustRun(t, as(db, "archivist"), "archive", "export-pdf", "1", "--out", out)
	files, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(files) != 1 {
		t.Fatalf("export-pdf wrote %v", files)
	}
	return db, files[0]
}

func TestVerifyRecordPDF(t *testing.T) {
	db, file := demoRecordPDF(t)
	dir := t.TempDir()
	pdf, _ := os.ReadFile(file)
	variant := func(name string, change func(b []byte) []byte) string {
		p := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(p, change(bytes.Clone(pdf)), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	manifest := bytes.Index(pdf, []byte("/Subtype /application#2Fjson"))
	stream := manifest + bytes.Index(pdf[manifest:], []byte("stream\n")) + len("stream\n") + 20
	if manifest < 0 {
		t.Fatal("no embedded manifest in the demo record")
	}
	inRange := variant("range", func(b []byte) []byte { b[len(b)/3] ^= 0x01; return b })
	inManifest := variant("manifest", func(b []byte) []byte { b[stream] ^= 0x01; return b })
	appended := variant("appended", func(b []byte) []byte { return append(b, "\n% later\n"...) })
	wsEnv := map[string]string{"SHENFA_DB": db}
	caFile := filepath.Join(dir, "ca.pem")
	mustRun(t, as(db, "secadmin"), "ca", "export", caFile)
	other := filepath.Join(dir, "other.pem")
	os.WriteFile(other, newTestCA(t, "别的 CA").pemCA, 0o600)
	noWorkspace := map[string]string{"SHENFA_DB": filepath.Join(dir, "none.db")}

	expect(t, wsEnv, ExitOK, []string{"✓ PDF 签名（PAdES）", "签署 SM2 签名", "校验通过"}, "verify", file)
	expect(t, noWorkspace, ExitOK, []string{"签名证书链至受信任的 CA", "校验通过"}, "verify", file, "--ca", caFile)
	expect(t, wsEnv, ExitFailed, []string{"签名后签名范围内的内容被改动", "校验失败"}, "verify", inRange)
	expect(t, wsEnv, ExitFailed, []string{"签名后签名范围内的内容被改动", "manifest.json 无法读取"}, "verify", inManifest)
	expect(t, wsEnv, ExitFailed, []string{"签名之后文件被追加了 9 个字节", "校验失败"}, "verify", appended)
	expect(t, wsEnv, ExitFailed, []string{"不链至受信任的 CA"}, "verify", file, "--ca", other)
	expect(t, noWorkspace, ExitFailed, []string{"请用 --ca 指定 CA 证书"}, "verify", file)
	expect(t, map[string]string{"SHENFA_DB": db, "SHENFA_LANG": "en"}, ExitFailed,
		[]string{"content within the signed range was changed", "Verification failed"}, "verify", inRange)
	if _, err := os.Stat(noWorkspace["SHENFA_DB"]); err == nil {
		t.Error("verify created a workspace")
	}

	r := run(wsEnv, "verify", "--json", appended)
	var got struct {
		OK       bool     `json:"ok"`
		Code     string   `json:"code"`
		Messages []string `json:"messages"`
		Results  []struct {
			Item    string `json:"item"`
			OK      bool   `json:"ok"`
			Problem string `json:"problem"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != ExitFailed || got.OK || got.Code == "" || len(got.Results) != 8 {
		t.Fatalf("--json: %d %v %s", r.code, err, r.stdout)
	}
	if got.Results[1].Item != "whole" || got.Results[1].OK || got.Results[1].Problem != "appended" || len(got.Messages) != 8 {
		t.Errorf("--json: %+v", got)
	}

	expect(t, nil, ExitUsage, []string{"无法读取"}, "verify", filepath.Join(dir, "missing.pdf"))
	expect(t, nil, ExitUsage, []string{"verify draft"}, "verify", file, "extra")
}
