package pki_test

import (
	"testing"

	"shenfa/review/account"
)

// BenchmarkSigner is the archive's signing step with the production
// argon2id cost: the password unwraps the archivist's SM2 key (argon2id),
// that unwraps the P-256 key, which signs a one-page PDF.
func BenchmarkSigner(b *testing.B) {
	e := newEnvKDF(b, account.WithKDF(account.DefaultKDF))
	e.issue("archivist")
	pdf := samplePDF(b)
	g := e.pki.Signer()
	for b.Loop() {
		if _, err := g.Sign(e.ctx, e.sess["archivist"], e.pw["archivist"], pdf, "归档"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignerCheapKDF is the same step without the argon2id cost: what
// signing adds to sealing besides unwrapping the password.
func BenchmarkSignerCheapKDF(b *testing.B) {
	e := newEnvKDF(b, cheap)
	e.issue("archivist")
	pdf := samplePDF(b)
	g := e.pki.Signer()
	for b.Loop() {
		if _, err := g.Sign(e.ctx, e.sess["archivist"], e.pw["archivist"], pdf, "归档"); err != nil {
			b.Fatal(err)
		}
	}
}
