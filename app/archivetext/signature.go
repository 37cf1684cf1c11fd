package archivetext

import (
	"crypto/x509"
	"errors"
	"fmt"

	"shenfa/archive"
	"shenfa/archive/pades"
)

// SignatureCheck is the check archive.VerifyBag runs on each PDF: its PAdES
// signature verifies, chaining to roots (nil: integrity only), and nothing
// was appended after the signed revision. An unsigned PDF is
// archive.ErrUnsigned.
func SignatureCheck(roots *x509.CertPool) archive.PDFCheck {
	return func(pdf []byte) error {
		r, err := pades.Verify(pdf, roots)
		if errors.Is(err, pades.ErrNoSignature) {
			return archive.ErrUnsigned
		}
		if err != nil {
			return err
		}
		if n := r.Last().Appended; n != 0 {
			return &appendedError{n}
		}
		return nil
	}
}

// appendedError is a PDF with bytes after its signed revision: the
// signature still verifies, but not for the whole file.
type appendedError struct{ n int64 }

func (e *appendedError) Error() string { return fmt.Sprintf("%d bytes after the signed revision", e.n) }
