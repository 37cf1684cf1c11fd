package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/crypto/argon2"
)

// KDF holds argon2id parameters.
type KDF struct {
	Time      uint32 // passes over memory
	MemoryKiB uint32 // memory in KiB
	Threads   uint8  // lanes
}

// DefaultKDF is tuned to about half a second of sign-in on a 2-core
// workstation (BenchmarkSignIn); the parameters are stored with each
// password, so changing them later does not lock anyone out.
var DefaultKDF = KDF{Time: 6, MemoryKiB: 128 * 1024, Threads: 4}

// derived is what one argon2id run over a password yields. The first half
// is stored to verify the password; the second half never leaves memory and
// wraps the user's signing key, so a sign-in and an unwrap cost one run.
type derived struct {
	verifier []byte
	kek      []byte
}

const (
	saltLen     = 16
	verifierLen = 32
	kekLen      = 16 // SM4 key
)

func (k KDF) derive(password string, salt []byte) derived {
	out := argon2.IDKey([]byte(password), salt, k.Time, k.MemoryKiB, k.Threads, verifierLen+kekLen)
	return derived{verifier: out[:verifierLen], kek: out[verifierLen:]}
}

// credential is a stored password record in PHC string form.
type credential struct {
	kdf      KDF
	salt     []byte
	verifier []byte
}

func newCredential(k KDF, password string) (credential, derived, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return credential{}, derived{}, fmt.Errorf("salt: %w", err)
	}
	d := k.derive(password, salt)
	return credential{kdf: k, salt: salt, verifier: d.verifier}, d, nil
}

// check derives from password and reports whether it matches.
func (c credential) check(password string) (derived, bool) {
	d := c.kdf.derive(password, c.salt)
	return d, subtle.ConstantTimeCompare(d.verifier, c.verifier) == 1
}

var b64 = base64.RawStdEncoding

func (c credential) String() string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		c.kdf.MemoryKiB, c.kdf.Time, c.kdf.Threads, b64.EncodeToString(c.salt), b64.EncodeToString(c.verifier))
}

var errBadCredential = errors.New("malformed password record")

func parseCredential(s string) (credential, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return credential{}, errBadCredential
	}
	var c credential
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &c.kdf.MemoryKiB, &c.kdf.Time, &c.kdf.Threads); err != nil {
		return credential{}, errBadCredential
	}
	var err1, err2 error
	c.salt, err1 = b64.DecodeString(parts[4])
	c.verifier, err2 = b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(c.verifier) != verifierLen {
		return credential{}, errBadCredential
	}
	return c, nil
}

// Classes counts the character classes (lower, upper, digit, other) in password.
func Classes(password string) int {
	var lower, upper, digit, other int
	for _, r := range password {
		switch {
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			other = 1
		}
	}
	return lower + upper + digit + other
}
