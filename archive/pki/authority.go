package pki

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"encoding/asn1"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"shenfa/review/account"
)

// Authority is the current CA unlocked by a security administrator: what
// issues certificates and re-seals the CA key.
type Authority struct {
	s    *Store
	sess *account.Session
	ca   CA
	key  *ecdsa.PrivateKey
}

// Unlock unwraps the current CA's key with a security administrator's
// password, making the CA first if the workspace has none. The argon2 run
// behind the password happens here, outside any write transaction, so that
// Issue can run inside the caller's.
func (s *Store) Unlock(ctx context.Context, sess *account.Session, password string) (*Authority, error) {
	if sess == nil || !sess.User.Has(account.SecAdmin) {
		return nil, account.ErrForbidden
	}
	ca, err := s.EnsureCA(ctx)
	if err != nil {
		return nil, err
	}
	priv, keyID, err := s.accounts.SigningKey(ctx, sess, password)
	if err != nil {
		return nil, err
	}
	var sealed []byte
	err = s.db.SQL.QueryRowContext(ctx, `SELECT sealed FROM pki_ca_keys WHERE ca_id = ? AND signing_key_id = ?`,
		ca.ID, keyID).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		if len(ca.Holders) == 0 {
			return nil, ErrCALost
		}
		return nil, fmt.Errorf("%w (%s)", ErrNoCopy, strings.Join(ca.Holders, ", "))
	}
	if err != nil {
		return nil, fmt.Errorf("sealed CA key: %w", err)
	}
	key, err := open(sealed, priv, ca.Cert)
	if err != nil {
		return nil, fmt.Errorf("CA key: %w", err)
	}
	return &Authority{s: s, sess: sess, ca: ca, key: key}, nil
}

// CA returns the unlocked CA.
func (a *Authority) CA() CA { return a.ca }

// Reseal seals the CA key to every active security administrator who has
// no copy under their current key (a new secadmin, or one whose password
// was reset) and removes copies no current secadmin key can open or that
// belong to someone who is no longer secadmin. It returns who gained and
// who lost a copy.
func (s *Store) Reseal(ctx context.Context, sess *account.Session, password string) (added, removed []string, err error) {
	a, err := s.Unlock(ctx, sess, password)
	if err != nil {
		return nil, nil, err
	}
	err = s.db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := a.authorize(ctx, tx); err != nil {
			return err
		}
		added, removed, err = a.reseal(ctx, tx)
		return err
	})
	return added, removed, err
}

// authorize re-checks inside tx that the secadmin still holds the role and
// that the CA is still current.
func (a *Authority) authorize(ctx context.Context, tx *sql.Tx) (account.User, error) {
	u, err := account.Authorize(ctx, tx, a.sess, account.ManageRoles)
	if err != nil {
		return u, err
	}
	if !u.Has(account.SecAdmin) {
		return u, account.ErrForbidden
	}
	var retired string
	if err := tx.QueryRowContext(ctx, `SELECT retired_at FROM pki_ca WHERE id = ?`, a.ca.ID).Scan(&retired); err != nil || retired != "" {
		return u, firstErr(err, ErrNoCA)
	}
	return u, nil
}

func (a *Authority) reseal(ctx context.Context, tx *sql.Tx) (added, removed []string, err error) {
	admins, err := secAdmins(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	keep := map[int64]bool{}
	for _, sa := range admins {
		keep[sa.key.id] = true
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pki_ca_keys WHERE ca_id = ? AND signing_key_id = ?`,
			a.ca.ID, sa.key.id).Scan(&n); err != nil {
			return nil, nil, err
		}
		if n == 0 {
			if err := a.s.sealCA(ctx, tx, a.ca.ID, a.key, sa.key); err != nil {
				return nil, nil, err
			}
			added = append(added, sa.name)
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT c.signing_key_id, u.name FROM pki_ca_keys c
		JOIN signing_keys k ON k.id = c.signing_key_id JOIN users u ON u.id = k.user_id WHERE c.ca_id = ?`, a.ca.ID)
	if err != nil {
		return nil, nil, err
	}
	var drop []int64
	for rows.Next() {
		var id int64
		var who string
		if err := rows.Scan(&id, &who); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if !keep[id] {
			drop, removed = append(drop, id), append(removed, who)
		}
	}
	rows.Close()
	for _, id := range drop {
		if _, err := tx.ExecContext(ctx, `DELETE FROM pki_ca_keys WHERE ca_id = ? AND signing_key_id = ?`, a.ca.ID, id); err != nil {
			return nil, nil, err
		}
	}
	if len(added)+len(removed) == 0 {
		return nil, nil, nil
	}
	return added, removed, auditEvent(ctx, tx, a.sess.User.Name, ActionCAReseal, a.ca.Cert.Subject.CommonName,
		fmt.Sprintf("sealed to: %s; removed: %s", strings.Join(added, ", "), strings.Join(removed, ", ")))
}

// Issue gives a user a new document-signing certificate and key, retiring
// the ones they had (kept, but no longer used), inside the caller's write
// transaction: call it when a user first gets a content role. The key is
// sealed to the user's current SM2 key, so only their password opens it.
func (a *Authority) Issue(ctx context.Context, tx *sql.Tx, userID int64) (Certificate, error) {
	actor, err := a.authorize(ctx, tx)
	if err != nil {
		return Certificate{}, err
	}
	u, err := loadUser(ctx, tx, userID)
	if err != nil {
		return Certificate{}, err
	}
	if u.disabled {
		return Certificate{}, account.ErrDisabled
	}
	if len(u.roles) == 0 {
		return Certificate{}, ErrNotContent
	}
	k, err := currentKey(ctx, tx, userID)
	if err != nil {
		return Certificate{}, err
	}
	unit, err := unitName(ctx, tx)
	if err != nil {
		return Certificate{}, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return Certificate{}, fmt.Errorf("signing key: %w", err)
	}
	der, err := x509.CreateCertificate(rand.Reader, a.leaf(u, unit, &key.PublicKey), a.ca.Cert, &key.PublicKey, a.key)
	if err != nil {
		return Certificate{}, fmt.Errorf("certificate for %s: %w", u.name, err)
	}
	sealed, err := seal(key, k.pub)
	if err != nil {
		return Certificate{}, err
	}
	cert, _ := x509.ParseCertificate(der)
	c := Certificate{UserID: userID, User: u.name, FullName: u.fullName, CAID: a.ca.ID, Cert: cert,
		IssuedAt: a.s.now().UTC().Truncate(1e9), IssuedBy: actor.Name}
	if err := a.s.store(ctx, tx, c, k.id, sealed); err != nil {
		return Certificate{}, err
	}
	if _, _, err := a.reseal(ctx, tx); err != nil {
		return Certificate{}, err
	}
	return c, nil
}

// Issue unlocks the CA with a security administrator's password and issues
// a certificate to userID in a transaction of its own.
func (s *Store) Issue(ctx context.Context, sess *account.Session, password string, userID int64) (Certificate, error) {
	a, err := s.Unlock(ctx, sess, password)
	if err != nil {
		return Certificate{}, err
	}
	var c Certificate
	err = s.db.Write(ctx, func(tx *sql.Tx) error {
		c, err = a.Issue(ctx, tx, userID)
		return err
	})
	return c, err
}

// target is the user a certificate is issued to.
type target struct {
	name, fullName string
	disabled       bool
	roles          []account.Role // content roles only
}

func loadUser(ctx context.Context, tx *sql.Tx, id int64) (target, error) {
	var t target
	err := tx.QueryRowContext(ctx, `SELECT name, full_name, disabled FROM users WHERE id = ?`, id).Scan(&t.name, &t.fullName, &t.disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return t, account.ErrNoSuchUser
	}
	if err != nil {
		return t, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT role FROM user_roles WHERE user_id = ?`, id)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var r account.Role
		if err := rows.Scan(&r); err != nil {
			return t, err
		}
		if slices.Contains(account.ContentRoles, r) {
			t.roles = append(t.roles, r)
		}
	}
	slices.SortFunc(t.roles, func(a, b account.Role) int {
		return slices.Index(account.ContentRoles, a) - slices.Index(account.ContentRoles, b)
	})
	return t, rows.Err()
}

// roleNames are the printed names of the content roles, as on the 审批表.
var roleNames = map[account.Role]string{
	account.Author: "撰稿人", account.Approver1: "初审人", account.Approver2: "复审人",
	account.Approver3: "终审人", account.Secrecy: "保密审查员", account.Archivist: "档案管理员",
}

var (
	oidUID             = asn1.ObjectIdentifier{0, 9, 2342, 19200300, 100, 1, 1}
	oidDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36} // RFC 9336 id-kp-documentSigning
)

// leaf is the certificate template for u: CN the printed name, OU the
// roles, O the unit, UID the sign-in name; valid as long as the CA.
func (a *Authority) leaf(u target, unit string, pub *ecdsa.PublicKey) *x509.Certificate {
	var ous []string
	for _, r := range u.roles {
		ous = append(ous, roleNames[r])
	}
	pkixPub, _ := x509.MarshalPKIXPublicKey(pub)
	ski := sha256.Sum256(pkixPub)
	now := a.s.now()
	return &x509.Certificate{
		SerialNumber: serial(),
		Subject: pkix.Name{CommonName: u.fullName, OrganizationalUnit: ous, Organization: []string{unit},
			ExtraNames: []pkix.AttributeTypeAndValue{{Type: oidUID, Value: u.name}}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              a.ca.Cert.NotAfter,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{oidDocumentSigning},
		BasicConstraintsValid: true,
		SubjectKeyId:          ski[:20],
	}
}
