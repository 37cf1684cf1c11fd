package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"shenfa/archive/pki"
	"shenfa/review"
)

// caWorkspace is a demo workspace without a CA or certificates, as one made
// before records were signed.
func caWorkspace(t *testing.T) string { return demoWorkspaceWith(t, review.WithoutCertificates()) }

func TestCACommands(t *testing.T) {
	db := caWorkspace(t)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	expect(t, as(db, "author"), ExitOK, []string{"已将 1 个 CA 证书写入", "SHA-256"}, "ca", "export", caFile)
	b, err := os.ReadFile(caFile)
	if block, _ := pem.Decode(b); err != nil || block == nil || block.Type != "CERTIFICATE" {
		t.Fatalf("ca export wrote %q (%v)", b, err)
	}
	expect(t, as(db, "archivist"), ExitFailed, nil, "ca", "issue", "archivist")
	expect(t, as(db, "secadmin"), ExitFailed, []string{"只为具有内容角色"}, "ca", "issue", "sysadmin")
	expect(t, as(db, "secadmin"), ExitFailed, []string{"没有用户“nobody”"}, "ca", "issue", "nobody")
	expect(t, as(db, "secadmin"), ExitOK, []string{"已为 archivist（郑芳）签发文档签名证书"}, "ca", "issue", "archivist")
	r := expect(t, as(db, "secadmin"), ExitOK, []string{"author（陈晓）", "secrecy（吴刚）"}, "ca", "issue", "--missing")
	if strings.Contains(r.stdout, "archivist") || strings.Count(r.stdout, "签发文档签名证书") != 5 {
		t.Errorf("--missing issued:\n%s", r.stdout)
	}
	expect(t, as(db, "secadmin"), ExitOK, []string{"每个具有内容角色的用户都已有可用的证书"}, "ca", "issue", "--missing")
	expect(t, as(db, "secadmin"), ExitOK, []string{"无需重新封装"}, "ca", "reseal")
	expect(t, as(db, "secadmin"), ExitFailed, []string{"仍有安全保密管理员能解开"}, "ca", "renew")
	expect(t, as(db, "auditor"), ExitOK, []string{"CA 1", "当前", "可解开私钥：secadmin", "郑芳  档案管理员", "共 1 个 CA、6 张证书"}, "ca", "list")
	var list struct {
		CAs []struct {
			Current bool     `json:"current"`
			Holders []string `json:"holders"`
		} `json:"cas"`
		Certificates []struct {
			User   string `json:"user"`
			Usable bool   `json:"usable"`
		} `json:"certificates"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, as(db, "auditor"), "ca", "list", "--json").stdout), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.CAs) != 1 || !list.CAs[0].Current || len(list.Certificates) != 6 || !list.Certificates[0].Usable {
		t.Errorf("ca list --json: %+v", list)
	}
	expect(t, as(db, "secadmin"), ExitUsage, nil, "ca", "issue")
	expect(t, as(db, "secadmin"), ExitUsage, nil, "ca", "frobnicate")
}

// The record signer with the certificate `ca issue` made, checked by
// poppler against the certificate `ca export` wrote.
func TestCAExportTrustedByPdfsig(t *testing.T) {
	for _, tool := range []string{"pdfsig", "certutil"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install poppler-utils libnss3-tools; make deps-test)", tool)
		}
	}
	db := caWorkspace(t)
	dir := t.TempDir()
	caFile := filepath.Join(dir, "ca.pem")
	mustRun(t, as(db, "author"), "ca", "export", caFile)
	mustRun(t, as(db, "secadmin"), "ca", "issue", "archivist")

	w, err := review.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx := context.Background()
	sess, err := w.Accounts.SignIn(ctx, "archivist", passwordOf("archivist"))
	if err != nil {
		t.Fatal(err)
	}
	doc := gofpdf.New("P", "mm", "A4", "")
	doc.SetFont("Helvetica", "", 12)
	doc.AddPage()
	doc.CellFormat(0, 6, "A sealed record.", "", 1, "", false, 0, "")
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		t.Fatal(err)
	}
	signed, err := pki.New(w.DB, w.Accounts).Signer().Sign(ctx, sess, passwordOf("archivist"), buf.Bytes(), "归档 Z001-WS·2026-D10-0001")
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "record.pdf")
	if err := os.WriteFile(pdf, signed, 0o644); err != nil {
		t.Fatal(err)
	}
	nss := "sql:" + filepath.Join(dir, "nss")
	os.Mkdir(filepath.Join(dir, "nss"), 0o700)
	for _, args := range [][]string{{"-N", "--empty-password", "-d", nss}, {"-A", "-n", "shenfa-ca", "-t", "CT,C,C", "-i", caFile, "-d", nss}} {
		if out, err := exec.Command("certutil", args...).CombinedOutput(); err != nil {
			t.Fatalf("certutil %v: %v\n%s", args, err, out)
		}
	}
	out, _ := exec.Command("pdfsig", "-nssdir", nss, pdf).CombinedOutput()
	for _, want := range []string{"Signature is Valid.", "Certificate is Trusted.", "Signer Certificate Common Name: 郑芳", "Total document signed"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdfsig does not say %q:\n%s", want, out)
		}
	}
	t.Logf("pdfsig:\n%s", out)
}
