package app

import (
	"context"
	"crypto/x509"
	"fmt"

	"shenfa/app/archivetext"
	"shenfa/archive"
	"shenfa/archive/check"
)

// Signatures of record PDFs, checked against the workspace's own CAs: by
// the 四性检测 (as check.SignatureVerifier) and on receipt of a bag.

// signatureVerifier checks record PDFs' PAdES signatures against every CA of the
// workspace (retired ones still vouch for what they certified).
func signatureVerifier(u *ui) check.SignatureVerifier {
	return check.SignatureFunc(func(ctx context.Context, pdf []byte) (check.Signature, error) {
		roots, err := workspaceRoots(ctx, u)
		if err != nil {
			return check.Signature{}, err
		}
		return padesSignature(pdf, roots), nil
	})
}

// workspaceRoots are the certificates of the workspace's CAs.
func workspaceRoots(ctx context.Context, u *ui) (*x509.CertPool, error) {
	cas, err := u.ws.PKI.CAs(ctx)
	if err != nil {
		return nil, fmt.Errorf("workspace CA: %w", err)
	}
	pool := x509.NewCertPool()
	for _, ca := range cas {
		pool.AddCert(ca.Cert)
	}
	return pool, nil
}

// padesSignature is archive.VerifyPDF's verdict on the signature in the
// terms of the check, as `shenfa archive verify` gives it.
func padesSignature(pdf []byte, roots *x509.CertPool) check.Signature {
	rep := archive.VerifyPDF(pdf, roots)
	sig, whole, trust := rep.Result(archive.PDFSignature), rep.Result(archive.PDFWhole), rep.Result(archive.PDFTrust)
	s := check.Signature{Signed: sig.Problem != "unsigned", Valid: sig.OK, WholeFile: whole.OK, Trusted: trust.OK,
		Signer: rep.Signer}
	for _, r := range []archive.PDFResult{sig, whole, trust} {
		if !r.OK && r.Detail != "" {
			s.Detail = "（" + r.Detail + "）"
			break
		}
	}
	return s
}

// bagSignatureCheck checks a received bag's PDFs against roots, the
// workspace's CAs, as `shenfa archive verify-bag --ca` checks them.
func bagSignatureCheck(roots *x509.CertPool) archive.PDFCheck {
	return archivetext.SignatureCheck(roots)
}
