package pades

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// samplePDF is an unsigned gofpdf document of pages pages.
func samplePDF(t testing.TB, pages int) []byte {
	t.Helper()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetTitle("Shenfa test record", true)
	pdf.SetFont("Helvetica", "", 12)
	for p := 1; p <= pages; p++ {
		pdf.AddPage()
		for i := 0; i < 40; i++ {
			pdf.CellFormat(0, 6, fmt.Sprintf("Page %d, line %d: the approved text as it was sealed.", p, i+1), "", 1, "", false, 0, "")
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testPKI is a CA and a document-signing certificate issued by it.
type testPKI struct {
	ca, leaf *x509.Certificate
	caKey    crypto.Signer
	key      *ecdsa.PrivateKey
	roots    *x509.CertPool
}

func (p testPKI) chain() []*x509.Certificate { return []*x509.Certificate{p.leaf, p.ca} }

func newPKI(t testing.TB, cn string) testPKI {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: cn + " CA", Organization: []string{"江城市人民政府办公室"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(10, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign, MaxPathLenZero: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(der)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leafTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: cn, OrganizationalUnit: []string{"档案管理员"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(5, 0, 0),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
	}
	der, err = x509.CreateCertificate(rand.Reader, leafTmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	return testPKI{ca: ca, leaf: leaf, caKey: caKey, key: key, roots: roots}
}

// issue is another signer under the same CA.
func (p testPKI) issue(t testing.TB, cn string) testPKI {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().AddDate(1, 0, 0),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, p.ca, &key.PublicKey, p.caKey)
	if err != nil {
		t.Fatal(err)
	}
	q := p
	q.key = key
	q.leaf, _ = x509.ParseCertificate(der)
	return q
}

var signedAt = time.Now().UTC().Truncate(time.Second)

func sign(t testing.TB, p testPKI, pdf []byte) []byte {
	t.Helper()
	out, err := Sign(pdf, p.key, p.chain(), "归档 Z001-WS·2026-D10-0001", "李档案", signedAt)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
