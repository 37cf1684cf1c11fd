// Package pki is the certificate authority of a Shenfa workspace and the
// document-signing certificates it issues, with which sealed records are
// signed as PAdES (archive/pades) so that any PDF reader that trusts the
// exported CA certificate reports the signature valid.
//
// Keys are ECDSA P-256 and certificates X.509, because NSS and poppler do
// not verify SM2. Private keys never leave the workspace unsealed: each is
// encrypted (SM2 public-key encryption, GB/T 32918.4) to an account's SM2
// public key, whose private half review/account wraps under a key derived
// from that account's password. So
//
//   - the CA key is sealed to every security administrator's current SM2
//     key: only secadmin can unwrap it, and one secadmin re-seals it for
//     another whose password was reset (Reseal); when none can any more, the
//     CA is lost (ErrCALost) and a new one is made (Renew), the old CA
//     certificate being kept so that earlier signatures stay verifiable;
//   - a user's document-signing key is sealed to that user's SM2 key, so a
//     security administrator can issue a certificate without knowing the
//     user's password, a password change needs no re-sealing (the SM2 key
//     is re-wrapped, not replaced), and a password reset, which replaces the
//     SM2 key and destroys the old private half, leaves the old signing key
//     unopenable: the user needs a new certificate, never the old key.
//
// Certificates and CA certificates are kept forever (triggers refuse to
// delete them or change what they certify).
package pki

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"shenfa/review/account"
	"shenfa/review/workspace"
)

// Schema creates the PKI tables; a workspace migration after the account
// tables includes it.
const Schema = `
CREATE TABLE pki_ca (
	id            INTEGER PRIMARY KEY,
	certificate   BLOB NOT NULL,
	created_at    TEXT NOT NULL,
	created_by    TEXT NOT NULL,
	retired_at    TEXT NOT NULL DEFAULT '',
	retire_reason TEXT NOT NULL DEFAULT ''
);
CREATE TABLE pki_ca_keys (
	ca_id          INTEGER NOT NULL REFERENCES pki_ca(id),
	signing_key_id INTEGER NOT NULL REFERENCES signing_keys(id),
	sealed         BLOB NOT NULL,
	created_at     TEXT NOT NULL,
	PRIMARY KEY (ca_id, signing_key_id)
);
CREATE TABLE pki_certs (
	id             INTEGER PRIMARY KEY,
	user_id        INTEGER NOT NULL REFERENCES users(id),
	ca_id          INTEGER NOT NULL REFERENCES pki_ca(id),
	serial         TEXT NOT NULL UNIQUE,
	certificate    BLOB NOT NULL,
	signing_key_id INTEGER NOT NULL REFERENCES signing_keys(id),
	sealed         BLOB,
	issued_at      TEXT NOT NULL,
	issued_by      TEXT NOT NULL,
	retired_at     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX pki_certs_user ON pki_certs (user_id, retired_at);
CREATE TRIGGER pki_ca_kept BEFORE DELETE ON pki_ca
BEGIN SELECT RAISE(ABORT, 'CA certificates are kept forever'); END;
CREATE TRIGGER pki_ca_fixed BEFORE UPDATE OF id, certificate, created_at, created_by ON pki_ca
BEGIN SELECT RAISE(ABORT, 'CA certificates cannot be changed'); END;
CREATE TRIGGER pki_certs_kept BEFORE DELETE ON pki_certs
BEGIN SELECT RAISE(ABORT, 'certificates are kept forever'); END;
CREATE TRIGGER pki_certs_fixed BEFORE UPDATE OF id, user_id, ca_id, serial, certificate, signing_key_id, issued_at, issued_by ON pki_certs
BEGIN SELECT RAISE(ABORT, 'certificates cannot be changed'); END;
`

// SettingUnit is the settings key of the unit (单位) named in certificates;
// without it the review policy's name stands in.
const SettingUnit = "workspace.unit"

// Audit actions.
const (
	ActionCACreate = "ca.create" // a CA was made (set-up, or after the old one was lost)
	ActionCAReseal = "ca.reseal" // the CA key was sealed to more secadmins, or copies removed
	ActionIssue    = "ca.issue"  // a document-signing certificate was issued
)

// Errors a user can cause.
var (
	ErrNoCA          = errors.New("the workspace has no certificate authority yet")
	ErrNoSecAdmin    = errors.New("a certificate authority needs an active security administrator")
	ErrCALost        = errors.New("no security administrator can unwrap the CA key any more: a new CA must be made (certificates issued by the old one stay verifiable with its certificate)")
	ErrNoCopy        = errors.New("the CA key is not sealed to your current key: another security administrator must re-seal it")
	ErrCAUsable      = errors.New("the CA key can still be unwrapped by a security administrator, who should re-seal it instead")
	ErrNotContent    = errors.New("document-signing certificates are issued only to users with a content role")
	ErrNoCertificate = errors.New("no valid document-signing certificate: a security administrator must issue one (shenfa ca issue USER)")
)

// Store is the PKI of one workspace.
type Store struct {
	db       *workspace.DB
	accounts *account.Store
	now      func() time.Time
}

// New returns the PKI of a workspace.
func New(db *workspace.DB, accounts *account.Store) *Store {
	return &Store{db: db, accounts: accounts, now: time.Now}
}

// WithClock sets the clock, for tests.
func (s *Store) WithClock(now func() time.Time) *Store {
	s.now = now
	return s
}

const timeFormat = time.RFC3339

func (s *Store) stamp() string { return s.now().UTC().Format(timeFormat) }

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}
