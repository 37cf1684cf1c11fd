package slx

import (
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/emmansun/gmsm/pkcs"
	"github.com/emmansun/gmsm/pkcs8"
	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/smx509"
)

// Errors of publisher key files.
var (
	ErrBadKeyFile     = errors.New("not an encrypted SM2 private key file")
	ErrBadPassphrase  = errors.New("wrong passphrase for the key file")
	ErrWeakPassphrase = fmt.Errorf("a key passphrase needs at least %d characters", MinPassphrase)
	ErrBadPublicKey   = errors.New("not an SM2 public key file")
)

// MinPassphrase is the shortest passphrase that protects a publisher key.
const MinPassphrase = 8

// KeyIterations of PBKDF2-HMAC-SM3 take about 0.25 s here: a stolen key
// file is slow to guess at, opening it once per package is not. Only new
// key files use it (a file records its own count); tests lower it.
var KeyIterations = 600_000

// PEM block types of publisher key files.
const (
	pemPrivate = "ENCRYPTED PRIVATE KEY"
	pemPublic  = "PUBLIC KEY"
)

// GenerateKey makes a publisher's SM2 key pair and returns the private key
// as an encrypted PKCS #8 PEM file (PBES2: PBKDF2-HMAC-SM3, SM4-CBC) and the
// public key as a PEM SubjectPublicKeyInfo, the file a publisher hands to
// the workspaces that are to trust it.
func GenerateKey(passphrase []byte) (private, public []byte, err error) {
	if utf8.RuneCount(passphrase) < MinPassphrase {
		return nil, nil, ErrWeakPassphrase
	}
	priv, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generate SM2 key: %w", err)
	}
	der, err := pkcs8.MarshalPrivateKey(priv, passphrase, &pkcs8.Opts{Cipher: pkcs.SM4CBC,
		KDFOpts: pkcs8.PBKDF2Opts{SaltSize: 16, IterationCount: KeyIterations, HMACHash: pkcs8.SM3}})
	if err != nil {
		return nil, nil, fmt.Errorf("encrypt SM2 key: %w", err)
	}
	pub, err := smx509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		return nil, nil, fmt.Errorf("encode public key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPrivate, Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: pemPublic, Bytes: pub}), nil
}

// ParsePrivateKey opens a private key file written by GenerateKey.
func ParsePrivateKey(data, passphrase []byte) (*sm2.PrivateKey, error) {
	b, _ := pem.Decode(data)
	if b == nil || b.Type != pemPrivate {
		return nil, ErrBadKeyFile
	}
	if _, err := pkcs8.ParsePKCS8PrivateKeySM2(b.Bytes); err == nil {
		return nil, ErrBadKeyFile // readable without a passphrase: refuse an unprotected key
	}
	priv, err := pkcs8.ParsePKCS8PrivateKeySM2(b.Bytes, passphrase)
	if err != nil {
		return nil, ErrBadPassphrase
	}
	return priv, nil
}

// ParsePublicKey reads a public key file (PEM, or the DER inside it) and
// returns the key and its DER SubjectPublicKeyInfo.
func ParsePublicKey(data []byte) (*ecdsa.PublicKey, []byte, error) {
	der := data
	if b, _ := pem.Decode(data); b != nil {
		if b.Type != pemPublic {
			return nil, nil, ErrBadPublicKey
		}
		der = b.Bytes
	}
	pub, err := smx509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, nil, ErrBadPublicKey
	}
	k, ok := pub.(*ecdsa.PublicKey)
	if !ok || k.Curve != sm2.P256() {
		return nil, nil, ErrBadPublicKey
	}
	return k, der, nil
}

// publicDER returns the DER SubjectPublicKeyInfo of k.
func publicDER(k *ecdsa.PublicKey) ([]byte, error) {
	der, err := smx509.MarshalPKIXPublicKey(k)
	if err != nil {
		return nil, fmt.Errorf("encode public key: %w", err)
	}
	return der, nil
}

// KeyFingerprint is the Fingerprint of a public key.
func KeyFingerprint(k *ecdsa.PublicKey) (string, error) {
	der, err := publicDER(k)
	if err != nil {
		return "", err
	}
	return Fingerprint(der), nil
}

// Fingerprint is the hex SM3 of a public key's DER SubjectPublicKeyInfo,
// as sign-off statements name keys (GUIDE §3.6).
func Fingerprint(der []byte) string {
	sum := sm3.Sum(der)
	return hex.EncodeToString(sum[:])
}

// ShortFingerprint groups the first 16 hex digits of a fingerprint in
// fours, for reading out over the telephone.
func ShortFingerprint(fp string) string {
	if len(fp) < 16 {
		return fp
	}
	return fp[0:4] + " " + fp[4:8] + " " + fp[8:12] + " " + fp[12:16]
}
