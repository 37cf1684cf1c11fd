package pki_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"shenfa/archive/pades"
	"shenfa/archive/pki"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/policy"
	"shenfa/review/workspace"
)

var cheap = account.WithKDF(account.KDF{Time: 1, MemoryKiB: 64, Threads: 1})

// env is a workspace with its three administrators and an archivist.
type env struct {
	t    testing.TB
	ctx  context.Context
	w    *review.Workspace
	pki  *pki.Store
	sess map[string]*account.Session
	ids  map[string]int64
	pw   map[string]string
}

func newEnv(t *testing.T) *env { return newEnvKDF(t, cheap) }

func newEnvKDF(t testing.TB, kdf account.Option) *env {
	t.Helper()
	ctx := context.Background()
	// The workspace's tables without review.Open's lexicon seeding, which
	// takes seconds under the race detector; the review policy names the unit.
	db, err := workspace.Open(filepath.Join(t.TempDir(), "ws.db"), review.Migrations)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Write(ctx, func(tx *sql.Tx) error { _, err := policy.SeedDefault(ctx, tx); return err }); err != nil {
		t.Fatal(err)
	}
	w := &review.Workspace{DB: db, Accounts: account.New(db, kdf)}
	e := &env{t: t, ctx: ctx, w: w, pki: pki.New(w.DB, w.Accounts), sess: map[string]*account.Session{},
		ids: map[string]int64{}, pw: map[string]string{}}
	admins := [3]account.NewUser{
		{Name: "sysadmin", FullName: "王建国", Password: "Sysadmin@2026"},
		{Name: "secadmin", FullName: "李敏", Password: "Secadmin@2026"},
		{Name: "auditor", FullName: "赵静", Password: "Auditor@2026"},
	}
	if err := w.Accounts.Setup(ctx, admins); err != nil {
		t.Fatal(err)
	}
	for _, a := range admins {
		e.pw[a.Name] = a.Password
		e.signIn(a.Name)
	}
	e.addUser("archivist", "郑芳", account.Archivist)
	return e
}

func (e *env) signIn(name string) *account.Session {
	e.t.Helper()
	s, err := e.w.Accounts.SignIn(e.ctx, name, e.pw[name])
	if err != nil {
		e.t.Fatalf("sign in %s: %v", name, err)
	}
	e.sess[name], e.ids[name] = s, s.User.ID
	return s
}

func (e *env) addUser(name, full string, role account.Role) {
	e.t.Helper()
	pw := fmt.Sprintf("%s@Pw2026", name)
	id, err := e.w.Accounts.Create(e.ctx, e.sess["sysadmin"], account.NewUser{Name: name, FullName: full, Password: pw, KeepPassword: true})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.w.Accounts.Grant(e.ctx, e.sess["secadmin"], id, role); err != nil {
		e.t.Fatal(err)
	}
	e.pw[name] = pw
	e.signIn(name)
}

func (e *env) issue(to string) pki.Certificate {
	e.t.Helper()
	c, err := e.pki.Issue(e.ctx, e.sess["secadmin"], e.pw["secadmin"], e.ids[to])
	if err != nil {
		e.t.Fatalf("issue to %s: %v", to, err)
	}
	return c
}

func (e *env) reset(name, pw string) {
	e.t.Helper()
	if err := e.w.Accounts.ResetPassword(e.ctx, e.sess["sysadmin"], e.ids[name], pw); err != nil {
		e.t.Fatal(err)
	}
	e.pw[name] = pw
	e.signIn(name)
}

func (e *env) roots() *x509.CertPool {
	e.t.Helper()
	cas, err := e.pki.CAs(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	pool := x509.NewCertPool()
	for _, ca := range cas {
		pool.AddCert(ca.Cert)
	}
	return pool
}

func samplePDF(t testing.TB) []byte {
	t.Helper()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetFont("Helvetica", "", 12)
	pdf.AddPage()
	pdf.CellFormat(0, 6, "The record of draft 17.", "", 1, "", false, 0, "")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestEnsureCA(t *testing.T) {
	e := newEnv(t)
	ca, err := e.pki.EnsureCA(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	again, err := e.pki.EnsureCA(e.ctx)
	if err != nil || again.ID != ca.ID {
		t.Fatalf("a second EnsureCA made another CA: %v %v", again.ID, err)
	}
	c := ca.Cert
	if !c.IsCA || c.MaxPathLen != 0 || !c.MaxPathLenZero || c.KeyUsage&x509.KeyUsageCertSign == 0 {
		t.Errorf("not a CA certificate: %+v", c.BasicConstraintsValid)
	}
	if pub, ok := c.PublicKey.(*ecdsa.PublicKey); !ok || pub.Curve != elliptic.P256() {
		t.Errorf("CA key %T, want ECDSA P-256", c.PublicKey)
	}
	if !slices.Equal(ca.Holders, []string{"secadmin"}) {
		t.Errorf("holders %v", ca.Holders)
	}
	if len(c.Subject.Organization) != 1 || c.Subject.Organization[0] == "" {
		t.Errorf("CA organisation %v", c.Subject.Organization)
	}
}

func TestIssueAndSign(t *testing.T) {
	e := newEnv(t)
	if _, err := e.w.DB.SQL.Exec(`INSERT INTO settings(key, value) VALUES(?, '江城市人民政府办公室')`, pki.SettingUnit); err != nil {
		t.Fatal(err)
	}
	c := e.issue("archivist")
	x := c.Cert
	if x.Subject.CommonName != "郑芳" || !slices.Equal(x.Subject.OrganizationalUnit, []string{"档案管理员"}) ||
		!slices.Equal(x.Subject.Organization, []string{"江城市人民政府办公室"}) {
		t.Errorf("subject %s", x.Subject)
	}
	if x.KeyUsage != x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment ||
		!slices.Contains(x.ExtKeyUsage, x509.ExtKeyUsageEmailProtection) || len(x.UnknownExtKeyUsage) != 1 || x.IsCA {
		t.Errorf("usage %v %v %v", x.KeyUsage, x.ExtKeyUsage, x.UnknownExtKeyUsage)
	}
	if _, err := x.Verify(x509.VerifyOptions{Roots: e.roots(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection}}); err != nil {
		t.Fatalf("the certificate does not chain to the CA: %v", err)
	}
	signed, err := e.pki.Signer().Sign(e.ctx, e.sess["archivist"], e.pw["archivist"], samplePDF(t), "归档 Z001-WS·2026-D10-0001")
	if err != nil {
		t.Fatal(err)
	}
	r, err := pades.Verify(signed, e.roots())
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Last(); s.Name != "郑芳" || s.Reason != "归档 Z001-WS·2026-D10-0001" || s.Signer.SerialNumber.Cmp(x.SerialNumber) != 0 {
		t.Errorf("signature by %q for %q with %v", s.Name, s.Reason, s.Signer.SerialNumber)
	}
}

func TestIssueRefused(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name     string
		by, pw   string
		to       string
		want     error
		wantText string
	}{
		{"not secadmin", "archivist", "archivist@Pw2026", "archivist", account.ErrForbidden, ""},
		{"wrong password", "secadmin", "Wrong@2026", "archivist", account.ErrBadCredentials, ""},
		{"administrator", "secadmin", "Secadmin@2026", "sysadmin", pki.ErrNotContent, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.pki.Issue(e.ctx, e.sess[tc.by], tc.pw, e.ids[tc.to])
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	if _, err := e.pki.Signer().Sign(e.ctx, e.sess["archivist"], e.pw["archivist"], samplePDF(t), "r"); !errors.Is(err, pki.ErrNoCertificate) {
		t.Fatalf("signing without a certificate: %v", err)
	}
}

// A password change keeps the key: the new password signs, the old does not.
func TestPasswordChange(t *testing.T) {
	e := newEnv(t)
	e.issue("archivist")
	if err := e.w.Accounts.ChangePassword(e.ctx, e.sess["archivist"], e.pw["archivist"], "Changed@2026x"); err != nil {
		t.Fatal(err)
	}
	g := e.pki.Signer()
	if _, err := g.Sign(e.ctx, e.sess["archivist"], e.pw["archivist"], samplePDF(t), "r"); !errors.Is(err, account.ErrBadCredentials) {
		t.Fatalf("old password: %v", err)
	}
	if _, err := g.Sign(e.ctx, e.sess["archivist"], "Changed@2026x", samplePDF(t), "r"); err != nil {
		t.Fatalf("new password: %v", err)
	}
}

// A reset never unwraps the old key: the user needs a new certificate, and
// what they signed before still verifies.
func TestPasswordReset(t *testing.T) {
	e := newEnv(t)
	old := e.issue("archivist")
	g := e.pki.Signer()
	before, err := g.Sign(e.ctx, e.sess["archivist"], e.pw["archivist"], samplePDF(t), "r")
	if err != nil {
		t.Fatal(err)
	}
	e.reset("archivist", "Temporary@2026")
	if _, err := g.Sign(e.ctx, e.sess["archivist"], e.pw["archivist"], samplePDF(t), "r"); !errors.Is(err, pki.ErrNoCertificate) {
		t.Fatalf("after a reset: %v", err)
	}
	certs, err := e.pki.Certificates(e.ctx)
	if err != nil || len(certs) != 1 || certs[0].Usable {
		t.Fatalf("certificates after reset: %+v %v", certs, err)
	}
	renewed := e.issue("archivist")
	if renewed.Cert.SerialNumber.Cmp(old.Cert.SerialNumber) == 0 || renewed.Cert.PublicKey.(*ecdsa.PublicKey).Equal(old.Cert.PublicKey) {
		t.Fatal("the new certificate reuses the old key or serial")
	}
	if _, err := g.Sign(e.ctx, e.sess["archivist"], e.pw["archivist"], samplePDF(t), "r"); err != nil {
		t.Fatalf("with the new certificate: %v", err)
	}
	if _, err := pades.Verify(before, e.roots()); err != nil {
		t.Fatalf("a record signed before the reset: %v", err)
	}
}

// A second secadmin gets a copy of the CA key from the first; after a
// reset of one, the other re-seals.
func TestReseal(t *testing.T) {
	e := newEnv(t)
	if _, err := e.pki.EnsureCA(e.ctx); err != nil {
		t.Fatal(err)
	}
	e.addUser("secadmin2", "钱安", account.SecAdmin)
	if _, err := e.pki.Unlock(e.ctx, e.sess["secadmin2"], e.pw["secadmin2"]); !errors.Is(err, pki.ErrNoCopy) {
		t.Fatalf("a new secadmin before re-sealing: %v", err)
	}
	added, removed, err := e.pki.Reseal(e.ctx, e.sess["secadmin"], e.pw["secadmin"])
	if err != nil || !slices.Equal(added, []string{"secadmin2"}) || len(removed) != 0 {
		t.Fatalf("reseal: %v %v %v", added, removed, err)
	}
	if _, err := e.pki.Unlock(e.ctx, e.sess["secadmin2"], e.pw["secadmin2"]); err != nil {
		t.Fatalf("after re-sealing: %v", err)
	}
	e.reset("secadmin", "Temporary@2026")
	if _, err := e.pki.Unlock(e.ctx, e.sess["secadmin"], e.pw["secadmin"]); !errors.Is(err, pki.ErrNoCopy) {
		t.Fatalf("a reset secadmin: %v", err)
	}
	added, removed, err = e.pki.Reseal(e.ctx, e.sess["secadmin2"], e.pw["secadmin2"])
	if err != nil || !slices.Equal(added, []string{"secadmin"}) || !slices.Equal(removed, []string{"secadmin"}) {
		t.Fatalf("reseal after reset: added %v removed %v %v", added, removed, err)
	}
	if _, err := e.pki.Issue(e.ctx, e.sess["secadmin"], e.pw["secadmin"], e.ids["archivist"]); err != nil {
		t.Fatalf("the reset secadmin issues again: %v", err)
	}
	// A secadmin who loses the role loses their copy at the next re-seal.
	if err := e.w.Accounts.Revoke(e.ctx, e.sess["secadmin"], e.ids["secadmin2"], account.SecAdmin); err != nil {
		t.Fatal(err)
	}
	if _, removed, err = e.pki.Reseal(e.ctx, e.sess["secadmin"], e.pw["secadmin"]); err != nil || !slices.Equal(removed, []string{"secadmin2"}) {
		t.Fatalf("reseal after revoking: removed %v %v", removed, err)
	}
}

// When no secadmin can unwrap the CA key, a new CA is made; the old CA
// certificate is kept and what it certified still verifies.
func TestCALost(t *testing.T) {
	e := newEnv(t)
	e.issue("archivist")
	g := e.pki.Signer()
	before, err := g.Sign(e.ctx, e.sess["archivist"], e.pw["archivist"], samplePDF(t), "r")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.pki.Renew(e.ctx, e.sess["secadmin"], e.pw["secadmin"]); !errors.Is(err, pki.ErrCAUsable) {
		t.Fatalf("renewing a usable CA: %v", err)
	}
	e.reset("secadmin", "Temporary@2026")
	if _, err := e.pki.Issue(e.ctx, e.sess["secadmin"], e.pw["secadmin"], e.ids["archivist"]); !errors.Is(err, pki.ErrCALost) {
		t.Fatalf("issuing with a lost CA: %v", err)
	}
	ca, err := e.pki.Renew(e.ctx, e.sess["secadmin"], e.pw["secadmin"])
	if err != nil {
		t.Fatal(err)
	}
	cas, _ := e.pki.CAs(e.ctx)
	if len(cas) != 2 || cas[0].Current() || !cas[1].Current() || cas[1].ID != ca.ID ||
		cas[0].Cert.Subject.String() == cas[1].Cert.Subject.String() {
		t.Fatalf("CAs after renewal: %+v", cas)
	}
	if _, err := g.Sign(e.ctx, e.sess["archivist"], e.pw["archivist"], samplePDF(t), "r"); !errors.Is(err, pki.ErrNoCertificate) {
		t.Fatalf("a certificate of the lost CA should not sign new records: %v", err)
	}
	e.issue("archivist")
	after, err := g.Sign(e.ctx, e.sess["archivist"], e.pw["archivist"], samplePDF(t), "r")
	if err != nil {
		t.Fatal(err)
	}
	for what, pdf := range map[string][]byte{"before": before, "after": after} {
		if _, err := pades.Verify(pdf, e.roots()); err != nil {
			t.Errorf("record signed %s the renewal: %v", what, err)
		}
	}
	only := x509.NewCertPool()
	only.AddCert(ca.Cert)
	if _, err := pades.Verify(before, only); !errors.Is(err, pades.ErrUntrusted) {
		t.Errorf("an old record against the new CA alone: %v", err)
	}
}

// Certificates and CA certificates are kept forever.
func TestKeptForever(t *testing.T) {
	e := newEnv(t)
	e.issue("archivist")
	for _, q := range []string{
		`DELETE FROM pki_certs`,
		`UPDATE pki_certs SET certificate = x'00'`,
		`UPDATE pki_certs SET user_id = 1`,
		`DELETE FROM pki_ca`,
		`UPDATE pki_ca SET certificate = x'00'`,
	} {
		if _, err := e.w.DB.SQL.Exec(q); err == nil {
			t.Errorf("%s: allowed", q)
		}
	}
}

// The CA key opens only with a secadmin's own key: copying another's
// sealed blob under one's own key id does not help.
func TestSealedCopyBound(t *testing.T) {
	e := newEnv(t)
	if _, err := e.pki.EnsureCA(e.ctx); err != nil {
		t.Fatal(err)
	}
	e.addUser("secadmin2", "钱安", account.SecAdmin)
	var sealed []byte
	e.w.DB.SQL.QueryRow(`SELECT sealed FROM pki_ca_keys`).Scan(&sealed)
	var keyID int64
	e.w.DB.SQL.QueryRow(`SELECT id FROM signing_keys WHERE user_id = ? AND retired_at = ''`, e.ids["secadmin2"]).Scan(&keyID)
	if _, err := e.w.DB.SQL.Exec(`INSERT INTO pki_ca_keys(ca_id, signing_key_id, sealed, created_at) VALUES(1, ?, ?, '')`, keyID, sealed); err != nil {
		t.Fatal(err)
	}
	if _, err := e.pki.Unlock(e.ctx, e.sess["secadmin2"], e.pw["secadmin2"]); err == nil {
		t.Fatal("a copy sealed to someone else's key opened")
	}
}
