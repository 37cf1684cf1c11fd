package pades

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"slices"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// The CMS (RFC 5652) is written here with cryptobyte rather than taken from
// a pkcs7 library: PAdES baseline B needs exactly content-type,
// message-digest and ESS signing-certificate-v2 as signed attributes and no
// signingTime (the time goes in the signature dictionary's /M), which
// go.mozilla.org/pkcs7 cannot do (it always adds signingTime); the profile
// is small and fixed, and the same code parses what Verify reads.
var (
	oidData              = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningTime       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidSigningCertV2     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidSHA256            = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA384            = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}
	oidSHA512            = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}
	oidECDSAWithSHA256   = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	oidECDSAWithSHA384   = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 3}
	oidECDSAWithSHA512   = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 4}
	oidECPublicKey       = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidRSAEncryption     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidSHA256WithRSA     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
	oidSHA384WithRSA     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 12}
	oidSHA512WithRSA     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 13}
	tagContext0          = cbasn1.Tag(0).ContextSpecific()
	tagContext0Compound  = cbasn1.Tag(0).ContextSpecific().Constructed()
	tagContext1Compound  = cbasn1.Tag(1).ContextSpecific().Constructed()
	tagContext4Compound  = cbasn1.Tag(4).ContextSpecific().Constructed()
	errUnsupportedSigner = errors.New("signing key must be ECDSA or RSA")
)

// signatureOID names the signature algorithm for key with SHA-256.
func signatureOID(pub crypto.PublicKey) (asn1.ObjectIdentifier, error) {
	switch pub.(type) {
	case *ecdsa.PublicKey:
		return oidECDSAWithSHA256, nil
	case *rsa.PublicKey:
		return oidSHA256WithRSA, nil
	}
	return nil, errUnsupportedSigner
}

// buildCMS returns a detached CMS SignedData over content whose SHA-256 is
// digest, signed by key for chain[0], carrying every certificate of chain.
func buildCMS(digest []byte, key crypto.Signer, chain []*x509.Certificate) ([]byte, error) {
	sigOID, err := signatureOID(key.Public())
	if err != nil {
		return nil, err
	}
	signer := chain[0]
	attrs, err := signedAttributes(digest, signer)
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256(attrs)
	sig, err := key.Sign(rand.Reader, h[:], crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(oidSignedData)
		b.AddASN1(tagContext0Compound, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1Int64(1)
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { algorithm(b, oidSHA256) })
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidData) })
				b.AddASN1(tagContext0Compound, func(b *cryptobyte.Builder) {
					for _, der := range sortedSet(chain) {
						b.AddBytes(der)
					}
				})
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1Int64(1)
						issuerAndSerial(b, signer)
						algorithm(b, oidSHA256)
						// [0] IMPLICIT: the SET's content under the context tag.
						b.AddASN1(tagContext0Compound, func(b *cryptobyte.Builder) { b.AddBytes(setContent(attrs)) })
						algorithm(b, sigOID)
						b.AddASN1OctetString(sig)
					})
				})
			})
		})
	})
	return b.Bytes()
}

// sortedSet returns the certificates' encodings in DER SET OF order.
func sortedSet(chain []*x509.Certificate) [][]byte {
	var ders [][]byte
	for _, c := range chain {
		if !slices.ContainsFunc(ders, func(d []byte) bool { return bytes.Equal(d, c.Raw) }) {
			ders = append(ders, c.Raw)
		}
	}
	slices.SortFunc(ders, bytes.Compare)
	return ders
}

func algorithm(b *cryptobyte.Builder, oid asn1.ObjectIdentifier) {
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oid) })
}

func issuerAndSerial(b *cryptobyte.Builder, c *x509.Certificate) {
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(c.RawIssuer)
		b.AddASN1BigInt(c.SerialNumber)
	})
}

// signedAttributes is the DER SET of the signed attributes, sorted as DER
// requires: the signature is computed over exactly these bytes.
func signedAttributes(digest []byte, signer *x509.Certificate) ([]byte, error) {
	certHash := sha256.Sum256(signer.Raw)
	parts := [][]byte{
		attribute(oidContentType, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidData) }),
		attribute(oidMessageDigest, func(b *cryptobyte.Builder) { b.AddASN1OctetString(digest) }),
		// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with
		// the DEFAULT hash algorithm (SHA-256) omitted, and issuerSerial (RFC 5035).
		attribute(oidSigningCertV2, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1OctetString(certHash[:])
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
							b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
								b.AddASN1(tagContext4Compound, func(b *cryptobyte.Builder) { b.AddBytes(signer.RawIssuer) })
							})
							b.AddASN1BigInt(signer.SerialNumber)
						})
					})
				})
			})
		}),
	}
	for _, p := range parts {
		if p == nil {
			return nil, errors.New("encode signed attributes")
		}
	}
	slices.SortFunc(parts, bytes.Compare)
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
		for _, a := range parts {
			b.AddBytes(a)
		}
	})
	return b.Bytes()
}

// attribute encodes one Attribute, or returns nil if it cannot.
func attribute(oid asn1.ObjectIdentifier, value func(*cryptobyte.Builder)) []byte {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1ObjectIdentifier(oid)
		b.AddASN1(cbasn1.SET, value)
	})
	out, err := b.Bytes()
	if err != nil {
		return nil
	}
	return out
}

// setContent strips a DER element's tag and length.
func setContent(der []byte) []byte {
	s := cryptobyte.String(der)
	var content cryptobyte.String
	var tag cbasn1.Tag
	s.ReadAnyASN1(&content, &tag)
	return content
}
