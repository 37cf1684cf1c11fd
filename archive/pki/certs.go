package pki

import (
	"context"
	"crypto/ecdsa"
	"crypto/x509"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"shenfa/review/account"
)

// Certificate is a document-signing certificate on record.
type Certificate struct {
	ID        int64
	UserID    int64
	User      string // sign-in name
	FullName  string
	CAID      int64
	Cert      *x509.Certificate
	IssuedAt  time.Time
	IssuedBy  string
	RetiredAt time.Time // zero while in use
	// Usable is false when the certificate was retired, its CA replaced,
	// or its key can no longer be opened (the user's password was reset).
	Usable bool
}

func (s *Store) store(ctx context.Context, tx *sql.Tx, c Certificate, sm2KeyID int64, sealed []byte) error {
	if _, err := tx.ExecContext(ctx, `UPDATE pki_certs SET retired_at = ?, sealed = NULL WHERE user_id = ? AND retired_at = ''`,
		s.stamp(), c.UserID); err != nil {
		return fmt.Errorf("retire certificates of %s: %w", c.User, err)
	}
	serial := fmt.Sprintf("%X", c.Cert.SerialNumber)
	_, err := tx.ExecContext(ctx, `INSERT INTO pki_certs(user_id, ca_id, serial, certificate, signing_key_id, sealed,
		issued_at, issued_by) VALUES(?, ?, ?, ?, ?, ?, ?, ?)`, c.UserID, c.CAID, serial, c.Cert.Raw, sm2KeyID, sealed,
		c.IssuedAt.Format(timeFormat), c.IssuedBy)
	if err != nil {
		return fmt.Errorf("store certificate of %s: %w", c.User, err)
	}
	return auditEvent(ctx, tx, c.IssuedBy, ActionIssue, c.User,
		fmt.Sprintf("serial %s; CA %d; %s", serial, c.CAID, c.Cert.Subject.String()))
}

const certColumns = `c.id, c.user_id, u.name, u.full_name, c.ca_id, c.certificate, c.issued_at, c.issued_by, c.retired_at,
	c.retired_at = '' AND ca.retired_at = '' AND c.sealed IS NOT NULL AND k.retired_at = ''`

const certJoins = ` FROM pki_certs c JOIN users u ON u.id = c.user_id JOIN pki_ca ca ON ca.id = c.ca_id
	JOIN signing_keys k ON k.id = c.signing_key_id`

func scanCert(row interface{ Scan(...any) error }) (Certificate, error) {
	var c Certificate
	var der []byte
	var issued, retired string
	if err := row.Scan(&c.ID, &c.UserID, &c.User, &c.FullName, &c.CAID, &der, &issued, &c.IssuedBy, &retired, &c.Usable); err != nil {
		return c, err
	}
	var err error
	if c.Cert, err = x509.ParseCertificate(der); err != nil {
		return c, fmt.Errorf("certificate %d: %w", c.ID, err)
	}
	c.IssuedAt, _ = time.Parse(timeFormat, issued)
	c.RetiredAt, _ = time.Parse(timeFormat, retired)
	return c, nil
}

// Certificates returns every certificate ever issued, oldest first.
func (s *Store) Certificates(ctx context.Context) ([]Certificate, error) {
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT `+certColumns+certJoins+` ORDER BY c.id`)
	if err != nil {
		return nil, fmt.Errorf("read certificates: %w", err)
	}
	defer rows.Close()
	var out []Certificate
	for rows.Next() {
		c, err := scanCert(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Usable returns the user's certificate that can sign now, or ErrNoCertificate.
func (s *Store) Usable(ctx context.Context, userID int64) (Certificate, error) {
	c, err := scanCert(s.db.SQL.QueryRowContext(ctx, `SELECT `+certColumns+certJoins+`
		WHERE c.user_id = ? ORDER BY c.id DESC LIMIT 1`, userID))
	if errors.Is(err, sql.ErrNoRows) || err == nil && !c.Usable {
		return c, ErrNoCertificate
	}
	if err == nil && s.now().After(c.Cert.NotAfter) {
		return c, fmt.Errorf("%w: the certificate expired on %s", ErrNoCertificate, c.Cert.NotAfter.Format(time.DateOnly))
	}
	return c, err
}

// Identity is what signs a record in a user's name: their key and the
// chain from their certificate to the CA.
type Identity struct {
	Key   *ecdsa.PrivateKey
	Chain []*x509.Certificate // the user's certificate, then the CA's
}

// Identity unwraps the signed-in user's document-signing key with their
// password (one argon2 run, about half a second).
func (s *Store) Identity(ctx context.Context, sess *account.Session, password string) (Identity, error) {
	c, err := s.Usable(ctx, sess.User.ID)
	if err != nil {
		return Identity{}, err
	}
	var sealed, caDER []byte
	var keyID int64
	err = s.db.SQL.QueryRowContext(ctx, `SELECT c.sealed, c.signing_key_id, ca.certificate FROM pki_certs c
		JOIN pki_ca ca ON ca.id = c.ca_id WHERE c.id = ?`, c.ID).Scan(&sealed, &keyID, &caDER)
	if err != nil {
		return Identity{}, fmt.Errorf("certificate of %s: %w", sess.User.Name, err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return Identity{}, fmt.Errorf("CA certificate: %w", err)
	}
	priv, current, err := s.accounts.SigningKey(ctx, sess, password)
	if err != nil {
		return Identity{}, err
	}
	if current != keyID { // the certificate predates a password reset
		return Identity{}, ErrNoCertificate
	}
	key, err := open(sealed, priv, c.Cert)
	if err != nil {
		return Identity{}, fmt.Errorf("signing key of %s: %w", sess.User.Name, err)
	}
	return Identity{Key: key, Chain: []*x509.Certificate{c.Cert, ca}}, nil
}
