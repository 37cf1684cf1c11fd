package pki

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/review/policy"
)

// caYears is the CA certificate's validity. Records are kept 10 or 30 years
// or permanently, readers check certificates at the current time, and an
// offline workspace has no revocation service: validity is the only limit.
const caYears = 30

// CA is one of the workspace's certificate authorities; only the newest may
// be current, the others are kept to verify what they certified.
type CA struct {
	ID        int64
	Cert      *x509.Certificate
	CreatedAt time.Time
	CreatedBy string // "" when made at set-up
	RetiredAt time.Time
	Reason    string   // why it was retired
	Holders   []string // security administrators whose current key can unwrap it
}

// Current reports whether the CA is the one that issues certificates.
func (c CA) Current() bool { return c.RetiredAt.IsZero() }

// CAs returns every CA of the workspace, oldest first.
func (s *Store) CAs(ctx context.Context) ([]CA, error) { return listCAs(ctx, s.db.SQL) }

func listCAs(ctx context.Context, q querier) ([]CA, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, certificate, created_at, created_by, retired_at, retire_reason FROM pki_ca ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read CAs: %w", err)
	}
	var cas []CA
	for rows.Next() {
		var c CA
		var der []byte
		var created, retired string
		if err := rows.Scan(&c.ID, &der, &created, &c.CreatedBy, &retired, &c.Reason); err != nil {
			rows.Close()
			return nil, err
		}
		if c.Cert, err = x509.ParseCertificate(der); err != nil {
			rows.Close()
			return nil, fmt.Errorf("CA %d: %w", c.ID, err)
		}
		c.CreatedAt, _ = time.Parse(timeFormat, created)
		c.RetiredAt, _ = time.Parse(timeFormat, retired)
		cas = append(cas, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range cas {
		if cas[i].Holders, err = holders(ctx, q, cas[i].ID); err != nil {
			return nil, err
		}
	}
	return cas, nil
}

// Current returns the CA that issues certificates, or ErrNoCA.
func (s *Store) Current(ctx context.Context) (CA, error) { return current(ctx, s.db.SQL) }

func current(ctx context.Context, q querier) (CA, error) {
	cas, err := listCAs(ctx, q)
	if err != nil {
		return CA{}, err
	}
	if len(cas) == 0 || !cas[len(cas)-1].Current() {
		return CA{}, ErrNoCA
	}
	return cas[len(cas)-1], nil
}

// secAdmin is an active security administrator and their current SM2 key.
type secAdmin struct {
	name string
	key  sm2Key
}

func secAdmins(ctx context.Context, q querier) ([]secAdmin, error) {
	rows, err := q.QueryContext(ctx, `SELECT u.id, u.name FROM users u JOIN user_roles r ON r.user_id = u.id
		WHERE r.role = ? AND u.disabled = 0 ORDER BY u.id`, account.SecAdmin)
	if err != nil {
		return nil, fmt.Errorf("security administrators: %w", err)
	}
	type user struct {
		id   int64
		name string
	}
	var users []user
	for rows.Next() {
		var u user
		if err := rows.Scan(&u.id, &u.name); err != nil {
			rows.Close()
			return nil, err
		}
		users = append(users, u)
	}
	rows.Close()
	var out []secAdmin
	for _, u := range users {
		k, err := currentKey(ctx, q, u.id)
		if err != nil {
			return nil, err
		}
		out = append(out, secAdmin{u.name, k})
	}
	return out, rows.Err()
}

// holders names the active security administrators whose current key
// holds a copy of the CA's key.
func holders(ctx context.Context, q querier, caID int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT u.name FROM pki_ca_keys c
		JOIN signing_keys k ON k.id = c.signing_key_id AND k.retired_at = ''
		JOIN users u ON u.id = k.user_id AND u.disabled = 0
		JOIN user_roles r ON r.user_id = u.id AND r.role = ?
		WHERE c.ca_id = ? ORDER BY u.name`, account.SecAdmin, caID)
	if err != nil {
		return nil, fmt.Errorf("holders of CA %d: %w", caID, err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// EnsureCA makes the workspace's CA if it has none, sealed to every active
// security administrator; set-up calls it once the administrators exist.
func (s *Store) EnsureCA(ctx context.Context) (CA, error) {
	var ca CA
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		ca, err = current(ctx, tx)
		if !errors.Is(err, ErrNoCA) {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pki_ca`).Scan(&n); err != nil || n > 0 {
			return firstErr(err, ErrCALost) // retired without a successor: Renew makes the next one
		}
		ca, err = s.create(ctx, tx, "")
		return err
	})
	return ca, err
}

// Renew makes a new CA when the current one is lost (no security
// administrator can unwrap it); sess must be a security administrator,
// proven by password. The old CA certificate is kept; users need new
// certificates from the new CA before they sign again.
func (s *Store) Renew(ctx context.Context, sess *account.Session, password string) (CA, error) {
	if !sess.User.Has(account.SecAdmin) {
		return CA{}, account.ErrForbidden
	}
	if _, _, err := s.accounts.SigningKey(ctx, sess, password); err != nil {
		return CA{}, err
	}
	var ca CA
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		a, err := account.Authorize(ctx, tx, sess, account.ManageRoles)
		if err != nil {
			return err
		}
		old, err := current(ctx, tx)
		switch {
		case err == nil && len(old.Holders) > 0:
			return fmt.Errorf("%w (%s)", ErrCAUsable, strings.Join(old.Holders, ", "))
		case err == nil:
			if _, err := tx.ExecContext(ctx, `UPDATE pki_ca SET retired_at = ?, retire_reason = ? WHERE id = ?`,
				s.stamp(), "lost: no security administrator could unwrap its key", old.ID); err != nil {
				return err
			}
		case !errors.Is(err, ErrNoCA):
			return err
		}
		ca, err = s.create(ctx, tx, a.Name)
		return err
	})
	return ca, err
}

// create makes a CA sealed to every active security administrator.
func (s *Store) create(ctx context.Context, tx *sql.Tx, actor string) (CA, error) {
	admins, err := secAdmins(ctx, tx)
	if err != nil {
		return CA{}, err
	}
	if len(admins) == 0 {
		return CA{}, ErrNoSecAdmin
	}
	var gen int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*) + 1 FROM pki_ca`).Scan(&gen); err != nil {
		return CA{}, err
	}
	unit, err := unitName(ctx, tx)
	if err != nil {
		return CA{}, err
	}
	var ws string
	tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'workspace.id'`).Scan(&ws) // "" before drafts exist
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return CA{}, fmt.Errorf("CA key: %w", err)
	}
	now := s.now()
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject: pkix.Name{CommonName: fmt.Sprintf("审发文件签名根证书 %d", gen), Organization: []string{unit},
			OrganizationalUnit: []string{"审发 Shenfa"}, SerialNumber: strings.Trim(ws+"-"+fmt.Sprint(gen), "-")},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(caYears, 0, 0),
		IsCA: true, BasicConstraintsValid: true, MaxPathLenZero: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return CA{}, fmt.Errorf("CA certificate: %w", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO pki_ca(certificate, created_at, created_by) VALUES(?, ?, ?)`, der, s.stamp(), actor)
	if err != nil {
		return CA{}, fmt.Errorf("store CA: %w", err)
	}
	id, _ := res.LastInsertId()
	var names []string
	for _, sa := range admins {
		if err := s.sealCA(ctx, tx, id, key, sa.key); err != nil {
			return CA{}, err
		}
		names = append(names, sa.name)
	}
	cert, _ := x509.ParseCertificate(der)
	if err := auditEvent(ctx, tx, actor, ActionCACreate, cert.Subject.CommonName,
		fmt.Sprintf("serial %X; key sealed to %s", cert.SerialNumber, strings.Join(names, ", "))); err != nil {
		return CA{}, err
	}
	return CA{ID: id, Cert: cert, CreatedAt: now, CreatedBy: actor, Holders: names}, nil
}

func (s *Store) sealCA(ctx context.Context, tx *sql.Tx, caID int64, key *ecdsa.PrivateKey, to sm2Key) error {
	sealed, err := seal(key, to.pub)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO pki_ca_keys(ca_id, signing_key_id, sealed, created_at) VALUES(?, ?, ?, ?)`,
		caID, to.id, sealed, s.stamp())
	if err != nil {
		return fmt.Errorf("store sealed CA key: %w", err)
	}
	return nil
}

// unitName is the organisation certificates name: the unit setting, else
// the review policy's name.
func unitName(ctx context.Context, q querier) (string, error) {
	var unit string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, SettingUnit).Scan(&unit)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	if unit = strings.TrimSpace(unit); unit != "" {
		return unit, nil
	}
	_, p, err := policy.Current(ctx, q)
	if err != nil {
		return "", fmt.Errorf("unit for certificates: %w", err)
	}
	return p.Name, nil
}

// serial is a random positive 127-bit serial number (RFC 5280 allows 20 octets).
func serial() *big.Int {
	b := make([]byte, 16)
	rand.Read(b)
	b[0] &= 0x7f
	b[0] |= 0x40 // never shorter than 16 octets
	return new(big.Int).SetBytes(b)
}

func auditEvent(ctx context.Context, tx *sql.Tx, actor, action, target, detail string) error {
	_, err := audit.Append(ctx, tx, audit.Event{Actor: actor, Action: action, Target: target, Detail: detail})
	return err
}

func firstErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}
