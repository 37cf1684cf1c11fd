package lexicons

import (
	"context"
	"crypto/ecdsa"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"shenfa/review/account"
	"shenfa/review/lexicons/slx"
)

// Errors of trusted publishers.
var (
	ErrKeyTrusted      = errors.New("this public key is already trusted")
	ErrNoSuchPublisher = errors.New("no trusted publisher has this name or key")
	ErrAmbiguousKey    = errors.New("several trusted keys start with these digits")
)

// Publisher is one trusted publisher key: packages signed with it are
// accepted as coming from Name.
type Publisher struct {
	Name      string // as secadmin named it
	Key       string // hex SM3 of the DER SubjectPublicKeyInfo
	PublicKey []byte // DER SubjectPublicKeyInfo
	AddedAt   time.Time
	AddedBy   string
}

// Trust records the public key in file (PEM or DER) as the key of the
// publisher name (secadmin). One publisher may have several keys, for
// example while it changes to a new one; a key belongs to one publisher.
func (s *Store) Trust(ctx context.Context, sess *account.Session, file []byte, name string) (Publisher, error) {
	name, err := slx.CheckName(name)
	if err != nil {
		return Publisher{}, err
	}
	_, der, err := slx.ParsePublicKey(file)
	if err != nil {
		return Publisher{}, err
	}
	p := Publisher{Name: name, Key: slx.Fingerprint(der), PublicKey: der}
	err = s.change(ctx, sess, func(tx *sql.Tx, actor string) error {
		if old, _, ok, err := trustedKey(ctx, tx, p.Key); err != nil || ok {
			return firstErr(err, fmt.Errorf("key sm3:%s of %q: %w", p.Key, old.Name, ErrKeyTrusted))
		}
		p.AddedAt, p.AddedBy = s.now().UTC(), actor
		_, err := tx.ExecContext(ctx, `INSERT INTO trusted_publisher(key_sm3, name, public_key, added_at, added_by)
			VALUES(?, ?, ?, ?, ?)`, p.Key, p.Name, p.PublicKey, p.AddedAt.Format(timeFormat), actor)
		if err != nil {
			return fmt.Errorf("trust %q: %w", name, err)
		}
		return record(ctx, tx, actor, ActionTrust, name, "key sm3:"+p.Key)
	})
	return p, err
}

// Untrust removes the trusted keys of the publisher called which, or the
// one key whose fingerprint starts with which (at least 8 hex digits), and
// returns what it removed. Lexicons already imported stay; the publisher's
// packages are refused until a key of it is trusted again.
func (s *Store) Untrust(ctx context.Context, sess *account.Session, which string) ([]Publisher, error) {
	var gone []Publisher
	err := s.change(ctx, sess, func(tx *sql.Tx, actor string) error {
		all, err := listTrusted(ctx, tx)
		if err != nil {
			return err
		}
		if gone, err = matchPublishers(all, strings.TrimSpace(which)); err != nil {
			return err
		}
		for _, p := range gone {
			if _, err := tx.ExecContext(ctx, `DELETE FROM trusted_publisher WHERE key_sm3 = ?`, p.Key); err != nil {
				return fmt.Errorf("untrust %q: %w", p.Name, err)
			}
			if err := record(ctx, tx, actor, ActionUntrust, p.Name, "key sm3:"+p.Key); err != nil {
				return err
			}
		}
		return nil
	})
	return gone, err
}

// matchPublishers finds the keys called name, or the one key with a
// fingerprint starting with it.
func matchPublishers(all []Publisher, which string) ([]Publisher, error) {
	var byName, byKey []Publisher
	prefix := strings.ToLower(strings.ReplaceAll(which, " ", ""))
	for _, p := range all {
		if p.Name == which {
			byName = append(byName, p)
		}
		if len(prefix) >= 8 && strings.HasPrefix(p.Key, prefix) {
			byKey = append(byKey, p)
		}
	}
	switch {
	case len(byName) > 0:
		return byName, nil
	case len(byKey) > 1:
		return nil, ErrAmbiguousKey
	case len(byKey) == 1:
		return byKey, nil
	}
	return nil, fmt.Errorf("%q: %w", which, ErrNoSuchPublisher)
}

// Trusted lists the trusted publisher keys by name (secadmin).
func (s *Store) Trusted(ctx context.Context, sess *account.Session) ([]Publisher, error) {
	if sess == nil || !sess.User.Can(account.ManageLexicons) {
		return nil, account.ErrForbidden
	}
	return listTrusted(ctx, s.db.SQL)
}

func listTrusted(ctx context.Context, q querier) ([]Publisher, error) {
	rows, err := q.QueryContext(ctx, `SELECT key_sm3, name, public_key, added_at, added_by FROM trusted_publisher
		ORDER BY name, added_at`)
	if err != nil {
		return nil, fmt.Errorf("list trusted publishers: %w", err)
	}
	defer rows.Close()
	var out []Publisher
	for rows.Next() {
		p, err := scanPublisher(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func scanPublisher(row scanner) (Publisher, error) {
	var p Publisher
	var at string
	if err := row.Scan(&p.Key, &p.Name, &p.PublicKey, &at, &p.AddedBy); err != nil {
		return p, fmt.Errorf("read trusted publisher: %w", err)
	}
	p.AddedAt, _ = time.Parse(timeFormat, at)
	return p, nil
}

// trustedKey looks up the trusted key with fingerprint fp.
func trustedKey(ctx context.Context, q querier, fp string) (Publisher, *ecdsa.PublicKey, bool, error) {
	p, err := scanPublisher(q.QueryRowContext(ctx, `SELECT key_sm3, name, public_key, added_at, added_by
		FROM trusted_publisher WHERE key_sm3 = ?`, fp))
	if errors.Is(err, sql.ErrNoRows) {
		return p, nil, false, nil
	}
	if err != nil {
		return p, nil, false, err
	}
	k, _, err := slx.ParsePublicKey(p.PublicKey)
	if err != nil {
		return p, nil, false, fmt.Errorf("trusted key of %q: %w", p.Name, err)
	}
	return p, k, true, nil
}
