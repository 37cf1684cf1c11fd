package recordpdf

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	mrand "math/rand/v2"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"shenfa/archive/pades"
	"shenfa/archive/record"
)

// longText is about n characters of synthetic Chinese text: GB2312 level-1
// characters drawn with a Zipf law (10,000 of them give about 1,100
// different characters, as 10,000 characters of news text do), in sentences
// with punctuation, numbers and a Latin word now and then, in paragraphs of
// 150–300 characters.
func longText(n int) string {
	rng := mrand.New(mrand.NewPCG(1, 2))
	zipf := mrand.NewZipf(rng, 1.3, 2, 3754)
	dec := simplifiedchinese.GBK.NewDecoder()
	var b strings.Builder
	count, para := 0, 0
	for count < n {
		if para == 0 {
			b.WriteString("　　")
			count += 2
			para = 150 + rng.IntN(150)
		}
		switch k := rng.IntN(40); {
		case k == 0:
			b.WriteString("2026年")
			count += 5
		case k == 1:
			b.WriteString(" WeChat ")
			count += 8
		case k < 5:
			b.WriteRune([]rune("，，，。、；：")[rng.IntN(7)])
			count++
		default:
			k := int(zipf.Uint64())
			hi, lo := 0xB0+k/94, 0xA1+k%94
			s, _ := dec.Bytes([]byte{byte(hi), byte(lo)})
			b.Write(s)
			count++
		}
		if para--; para == 0 {
			b.WriteString("。\n")
			count += 2
		}
	}
	return b.String()
}

// record10k is the benchmark's record: 10,000 characters, 4 sign-offs.
func record10k() *record.Contents {
	c := sample()
	c.Text = longText(10000)
	c.Manifest.Chars = len([]rune(c.Text))
	var sos []record.SignOff
	for _, so := range c.Manifest.SignOffs {
		if so.Current {
			sos = append(sos, so)
		}
	}
	c.Manifest.SignOffs, c.Manifest.Findings = sos, nil
	return c
}

func TestLongTextIsLikeNews(t *testing.T) {
	text := []rune(longText(10000))
	distinct := map[rune]bool{}
	for _, r := range text {
		distinct[r] = true
	}
	if n := len(distinct); n < 900 || n > 1500 {
		t.Errorf("%d different characters in %d, want about 1,100", n, len(text))
	}
}

// BenchmarkRecordPDF10k renders and signs the PDF of a 10,000-character
// record with four sign-offs (issue 9 target: under 300 ms). The signature
// is the archive's own (archive/pades, PAdES-B-B with a P-256 key); only
// the unwrapping of the archivist's key by password is left out, which
// BenchmarkSigner in archive/pki measures.
func BenchmarkRecordPDF10k(b *testing.B) {
	c := record10k()
	if n := len(c.Manifest.SignOffs); n != 4 {
		b.Fatalf("%d sign-offs, want 4", n)
	}
	key, chain := benchSigner(b)
	r := Renderer{Location: shanghai}
	at := c.Manifest.SealedAt
	render := func() []byte {
		pdf, err := r.Render(c)
		if err != nil {
			b.Fatal(err)
		}
		if pdf, err = pades.Sign(pdf, key, chain, "归档 "+c.Manifest.Code, "周敏", at); err != nil {
			b.Fatal(err)
		}
		return pdf
	}
	pdf := render() // parse the fonts outside the loop, as a running app has
	roots := x509.NewCertPool()
	roots.AddCert(chain[0])
	if _, err := pades.Verify(pdf, roots); err != nil {
		b.Fatalf("the benchmark's PDF does not verify: %v", err)
	}
	for b.Loop() {
		pdf = render()
	}
	b.ReportMetric(float64(len(pdf))/1024, "KiB")
}

// benchSigner is a self-signed P-256 document-signing certificate.
func benchSigner(b testing.TB) (*ecdsa.PrivateKey, []*x509.Certificate) {
	b.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "周敏"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(1, 0, 0), BasicConstraintsValid: true, IsCA: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment | x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		b.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		b.Fatal(err)
	}
	return key, []*x509.Certificate{cert}
}
