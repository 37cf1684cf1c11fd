package cli

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"shenfa/archive"
	"shenfa/archive/pades"
	"shenfa/archive/recordpdf"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

// testCA issues the archivist's signing certificate, as the workspace CA
// would: the records of these tests carry real PAdES signatures.
type testCA struct {
	cert  *x509.Certificate
	key   *ecdsa.PrivateKey
	leaf  *x509.Certificate
	lkey  *ecdsa.PrivateKey
	pemCA []byte
}

func newTestCA(t *testing.T, name string) testCA {
	t.Helper()
	now := time.Now()
	ca := testCA{}
	ca.key, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(1, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &ca.key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	ca.cert, _ = x509.ParseCertificate(der)
	ca.pemCA = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	ca.lkey, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leaf := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "陈档案"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(1, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}
	der, err = x509.CreateCertificate(rand.Reader, leaf, ca.cert, &ca.lkey.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	ca.leaf, _ = x509.ParseCertificate(der)
	return ca
}

func (ca testCA) Sign(_ context.Context, sess *account.Session, _ string, pdf []byte, reason string) ([]byte, error) {
	return pades.Sign(pdf, crypto.Signer(ca.lkey), []*x509.Certificate{ca.leaf, ca.cert}, reason, sess.User.FullName, time.Now())
}

// sealedWorkspace is a demo workspace whose approved and published drafts
// are sealed into records with real PDFs and signatures; it returns the
// workspace, the CA's certificate file and the 档号.
func sealedWorkspace(t *testing.T) (db, caFile string, codes []string) {
	t.Helper()
	dir := t.TempDir()
	db = filepath.Join(dir, "ws.db")
	w, err := review.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx := context.Background()
	if err := w.SetupDemo(ctx, review.WithoutRecords()); err != nil {
		t.Fatal(err)
	}
	sess, err := w.Accounts.SignIn(ctx, "archivist", passwordOf("archivist"))
	if err != nil {
		t.Fatal(err)
	}
	author, err := w.Accounts.SignIn(ctx, "author", passwordOf("author"))
	if err != nil {
		t.Fatal(err)
	}
	ca := newTestCA(t, "江城市人民政府办公室 审发 CA")
	st := archive.New(w.DB, w.Accounts, w.Drafts, recordpdf.Renderer{}, ca)
	for _, status := range []drafts.Status{drafts.Published, drafts.Approved} {
		ds, _, err := w.Drafts.List(ctx, author, drafts.Filter{Status: status})
		if err != nil || len(ds) == 0 {
			t.Fatalf("no %s draft: %v", status, err)
		}
		code, err := st.Seal(ctx, sess, passwordOf("archivist"), ds[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, code)
	}
	caFile = filepath.Join(dir, "ca.pem")
	os.WriteFile(caFile, ca.pemCA, 0o600)
	return db, caFile, codes
}

func TestArchiveExportAndVerifyBag(t *testing.T) {
	db, caFile, codes := sealedWorkspace(t)
	env := as(db, "archivist")
	out := t.TempDir()
	bag := filepath.Join(out, "移交 2026")

	expect(t, env, ExitOK, []string{"已导出 BagIt 包", "2 件记录"}, "archive", "export-bag", codes[0], "2", "--out", bag)
	expect(t, nil, ExitOK, []string{"结论：有效", "PDF 签名有效", "manifest-sha512.txt", "data/" + codes[0] + "/record.json",
		"未用 --ca"}, "archive", "verify-bag", bag)
	expect(t, nil, ExitOK, []string{"结论：有效"}, "archive", "verify-bag", "--ca", caFile, bag)
	other := filepath.Join(out, "other.pem")
	os.WriteFile(other, newTestCA(t, "别的 CA").pemCA, 0o600)
	expect(t, nil, ExitFailed, []string{"签署人证书不能追溯到指定的 CA"}, "archive", "verify-bag", "--ca", other, bag)

	r := run(nil, "archive", "verify-bag", "--json", bag)
	var got bagJSON
	if r.code != ExitOK || json.Unmarshal([]byte(r.stdout), &got) != nil || !got.Valid || len(got.Records) != 2 {
		t.Fatalf("--json: %d %s", r.code, r.stdout)
	}

	expect(t, env, ExitFailed, []string{"已存在且不是空目录"}, "archive", "export-bag", codes[0], "--out", bag)
	expect(t, as(db, "author"), ExitFailed, nil, "archive", "export-bag", codes[0], "--out", filepath.Join(out, "x"))
	expect(t, env, ExitFailed, []string{"没有编号或档号为“Z9-不存在”的归档记录"}, "archive", "export-bag", "Z9-不存在", "--out", filepath.Join(out, "y"))

	// one changed byte in a PDF: its checksums and its signature fail
	pdf := filepath.Join(bag, "data", codes[0], codes[0]+".pdf")
	b, _ := os.ReadFile(pdf)
	b[len(b)/3] ^= 0x20
	os.WriteFile(pdf, b, 0o600)
	expect(t, nil, ExitFailed, []string{"结论：无效", "sha256 校验值不符", "PDF 与 record.json 记载的 SHA-256/SM3 不符", "PDF 签名无效"},
		"archive", "verify-bag", bag)
	os.Remove(pdf)
	expect(t, nil, ExitFailed, []string{"不在包中"}, "archive", "verify-bag", bag)

	expect(t, nil, ExitUsage, []string{"无法读取"}, "archive", "verify-bag", filepath.Join(out, "nothing"))
	expect(t, nil, ExitFailed, []string{"这不是 BagIt 包"}, "archive", "verify-bag", out)
	expect(t, map[string]string{"SHENFA_LANG": "en"}, ExitFailed, []string{"this is not a BagIt bag", "Result: not valid"},
		"archive", "verify-bag", out)
}

func TestArchiveExportPDF(t *testing.T) {
	db, _, codes := sealedWorkspace(t)
	env := as(db, "archivist")
	out := filepath.Join(t.TempDir(), "pdf")
	expect(t, env, ExitOK, []string{"2 个签名 PDF", codes[0] + ".pdf", codes[1] + ".pdf"}, "archive", "export-pdf", codes[0], codes[1], "--out", out)
	b, err := os.ReadFile(filepath.Join(out, codes[0]+".pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pades.Verify(b, nil); err != nil {
		t.Errorf("exported PDF: %v", err)
	}
	os.WriteFile(filepath.Join(out, codes[1]+".pdf"), []byte("other"), 0o600)
	expect(t, env, ExitFailed, []string{"内容不同的文件"}, "archive", "export-pdf", codes[1], "--out", out)
	expect(t, env, ExitUsage, []string{"--out"}, "archive", "export-pdf", codes[1])
}

func TestArchiveUsage(t *testing.T) {
	expect(t, nil, ExitUsage, []string{"frob"}, "archive", "frob")
	expect(t, nil, ExitUsage, []string{"export-bag"}, "archive")
	if r := run(nil, "help"); !strings.Contains(r.stdout, "archive") {
		t.Error("help does not list archive")
	}
	expect(t, nil, ExitOK, []string{"verify-bag", "export-pdf"}, "archive", "--help")
}
