package account

import (
	"crypto/cipher"
	"crypto/rand"
	"fmt"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/sm4"
	"github.com/emmansun/gmsm/smx509"
)

// sealedKey is an SM2 private key sealed with SM4-GCM under a key derived
// from its owner's password.
type sealedKey struct {
	public []byte // PKIX DER
	nonce  []byte
	sealed []byte
}

func newSigningKey(kek []byte) (sealedKey, error) {
	priv, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		return sealedKey{}, fmt.Errorf("generate SM2 key: %w", err)
	}
	return seal(priv, kek)
}

func seal(priv *sm2.PrivateKey, kek []byte) (sealedKey, error) {
	pub, err := smx509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		return sealedKey{}, fmt.Errorf("encode public key: %w", err)
	}
	aead, err := gcm(kek)
	if err != nil {
		return sealedKey{}, err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return sealedKey{}, fmt.Errorf("nonce: %w", err)
	}
	secret := priv.D.FillBytes(make([]byte, 32))
	return sealedKey{public: pub, nonce: nonce, sealed: aead.Seal(nil, nonce, secret, pub)}, nil
}

// open unwraps the private key; the public key is authenticated data, so a
// sealed blob moved to another public key does not open.
func (k sealedKey) open(kek []byte) (*sm2.PrivateKey, error) {
	aead, err := gcm(kek)
	if err != nil {
		return nil, err
	}
	secret, err := aead.Open(nil, k.nonce, k.sealed, k.public)
	if err != nil {
		return nil, fmt.Errorf("unwrap signing key: %w", ErrNoKey)
	}
	return sm2.NewPrivateKey(secret)
}

func gcm(kek []byte) (cipher.AEAD, error) {
	block, err := sm4.NewCipher(kek)
	if err != nil {
		return nil, fmt.Errorf("SM4: %w", err)
	}
	return cipher.NewGCM(block)
}
