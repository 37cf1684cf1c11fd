package pki

import (
	"context"
	"fmt"
	"time"

	"shenfa/archive"
	"shenfa/archive/pades"
	"shenfa/review/account"
)

// Signer signs PDF records as PAdES baseline B in the name of the signed-in
// user (the sealing archivist), with the key their password unwraps.
type Signer struct {
	pki *Store
}

var _ archive.Signer = (*Signer)(nil)

// Signer returns the archive's record signer.
func (s *Store) Signer() *Signer { return &Signer{pki: s} }

// Sign appends the signature: /Name is the user's printed name, /M now.
func (g *Signer) Sign(ctx context.Context, sess *account.Session, password string, pdf []byte, reason string) ([]byte, error) {
	id, err := g.pki.Identity(ctx, sess, password)
	if err != nil {
		return nil, err
	}
	out, err := pades.Sign(pdf, id.Key, id.Chain, reason, sess.User.FullName, g.pki.now().Truncate(time.Second))
	if err != nil {
		return nil, fmt.Errorf("sign the record of %s: %w", sess.User.Name, err)
	}
	return out, nil
}
