package archivetext

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"

	"shenfa/archive"
	"shenfa/archive/bagit"
	"shenfa/archive/pades"
)

// signer is a CA, a signing certificate it issued and the certificate's key.
type signer struct {
	ca, leaf *x509.Certificate
	key      *ecdsa.PrivateKey
}

func newSigner(t *testing.T, cn string) signer {
	t.Helper()
	now := time.Now()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: cn + " CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(1, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(der)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: cn},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(1, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection}}
	if der, err = x509.CreateCertificate(rand.Reader, leafTmpl, ca, &key.PublicKey, caKey); err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	return signer{ca: ca, leaf: leaf, key: key}
}

func (s signer) roots() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(s.ca)
	return p
}

func unsignedPDF(t *testing.T) []byte {
	t.Helper()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetFont("Helvetica", "", 12)
	pdf.AddPage()
	pdf.CellFormat(0, 6, "The approved text as it was sealed.", "", 1, "", false, 0, "")
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSignatureCheck runs the check VerifyBag is given on real PDFs and
// words its verdict as the report does.
func TestSignatureCheck(t *testing.T) {
	ours, theirs := newSigner(t, "李档案"), newSigner(t, "外单位")
	plain := unsignedPDF(t)
	signed, err := pades.Sign(plain, ours.key, []*x509.Certificate{ours.leaf, ours.ca}, "归档", "李档案", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	appended := append(bytes.Clone(signed), "\n% an update after signing\n"...)
	for _, tc := range []struct {
		name  string
		pdf   []byte
		roots *x509.CertPool
		words string // SignatureMessage of a failed signature; "" when it verifies
	}{
		{"ours", signed, ours.roots(), ""},
		{"integrity only", signed, nil, ""},
		{"unsigned", plain, ours.roots(), "PDF 签名无效：没有签名"},
		{"another CA", signed, theirs.roots(), "PDF 签名无效：签署人证书不能追溯到指定的 CA"},
		{"appended", appended, ours.roots(), "PDF 签名无效：签名之后追加了 27 字节"},
	} {
		err := SignatureCheck(tc.roots)(tc.pdf)
		if (err == nil) != (tc.words == "") {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if err == nil {
			continue
		}
		rc := archive.RecordCheck{Signature: bagit.Failed, Err: err}
		if got := SignatureMessage(rc); got != tc.words {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.words)
		}
	}
}
