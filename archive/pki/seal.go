package pki

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/x509"
	"database/sql"
	"errors"
	"fmt"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"
)

// sm2Key is an account's current SM2 key as kept in review/account's
// signing_keys table: the key the account's password unwraps.
type sm2Key struct {
	id  int64
	pub *ecdsa.PublicKey
}

// currentKey returns user's current (not retired) SM2 public key.
func currentKey(ctx context.Context, q querier, userID int64) (sm2Key, error) {
	var k sm2Key
	var der []byte
	err := q.QueryRowContext(ctx, `SELECT id, public_key FROM signing_keys WHERE user_id = ? AND retired_at = ''
		ORDER BY id DESC LIMIT 1`, userID).Scan(&k.id, &der)
	if errors.Is(err, sql.ErrNoRows) {
		return k, fmt.Errorf("user %d: no current SM2 key", userID)
	}
	if err != nil {
		return k, fmt.Errorf("SM2 key of user %d: %w", userID, err)
	}
	pub, err := smx509.ParsePKIXPublicKey(der)
	if err != nil {
		return k, fmt.Errorf("SM2 key of user %d: %w", userID, err)
	}
	var ok bool
	if k.pub, ok = pub.(*ecdsa.PublicKey); !ok {
		return k, fmt.Errorf("SM2 key of user %d is a %T", userID, pub)
	}
	return k, nil
}

// seal encrypts a P-256 private key (PKCS #8) to an SM2 public key.
func seal(key *ecdsa.PrivateKey, to *ecdsa.PublicKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("encode private key: %w", err)
	}
	out, err := sm2.EncryptASN1(rand.Reader, to, der)
	if err != nil {
		return nil, fmt.Errorf("seal private key: %w", err)
	}
	return out, nil
}

// open decrypts a sealed key and checks that it is the private half of
// cert's public key, so that a sealed blob moved to another certificate
// does not pass for its key.
func open(sealed []byte, with *sm2.PrivateKey, cert *x509.Certificate) (*ecdsa.PrivateKey, error) {
	der, err := sm2.Decrypt(with, sealed)
	if err != nil {
		return nil, fmt.Errorf("unwrap private key: %w", err)
	}
	k, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, fmt.Errorf("unwrapped private key: %w", err)
	}
	key, ok := k.(*ecdsa.PrivateKey)
	if !ok || !key.PublicKey.Equal(cert.PublicKey) {
		return nil, errors.New("the unwrapped key does not belong to its certificate")
	}
	return key, nil
}
