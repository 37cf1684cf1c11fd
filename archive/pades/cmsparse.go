package pades

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// errCMS reports a /Contents that is not a CMS SignedData this package reads.
var errCMS = errors.New("the signature is not a detached CMS SignedData")

func cmsError(what string) error { return fmt.Errorf("%w: %s", errCMS, what) }

// signedCMS is a parsed detached CMS SignedData with one signer.
type signedCMS struct {
	certs       []*x509.Certificate
	signer      *x509.Certificate
	hash        crypto.Hash
	sigOID      asn1.ObjectIdentifier
	signature   []byte
	attrs       []byte // the signed attributes as the DER SET that was signed
	contentType asn1.ObjectIdentifier
	digest      []byte
	signingTime bool   // a signingTime attribute is present
	essHash     []byte // signing-certificate-v2: the hash of the signer's certificate
	essAlg      crypto.Hash
}

// parseCMS reads der, which may be followed by the zero padding of /Contents.
func parseCMS(der []byte) (*signedCMS, error) {
	in := cryptobyte.String(der)
	var ci, content, sd cryptobyte.String
	var oid asn1.ObjectIdentifier
	if !in.ReadASN1(&ci, cbasn1.SEQUENCE) || !ci.ReadASN1ObjectIdentifier(&oid) || !oid.Equal(oidSignedData) ||
		!ci.ReadASN1(&content, tagContext0Compound) || !content.ReadASN1(&sd, cbasn1.SEQUENCE) {
		return nil, cmsError("no SignedData")
	}
	if len(bytes.Trim(in, "\x00")) > 0 {
		return nil, cmsError("data after the SignedData")
	}
	var version int64
	var algs, encap, certs, infos, si cryptobyte.String
	var eType asn1.ObjectIdentifier
	var hasCerts bool
	if !sd.ReadASN1Integer(&version) || !sd.ReadASN1(&algs, cbasn1.SET) ||
		!sd.ReadASN1(&encap, cbasn1.SEQUENCE) || !encap.ReadASN1ObjectIdentifier(&eType) ||
		!sd.ReadOptionalASN1(&certs, &hasCerts, tagContext0Compound) ||
		!sd.SkipOptionalASN1(tagContext1Compound) || !sd.ReadASN1(&infos, cbasn1.SET) ||
		!infos.ReadASN1(&si, cbasn1.SEQUENCE) {
		return nil, cmsError("bad SignedData")
	}
	if !encap.Empty() {
		return nil, cmsError("the content is enclosed, not detached")
	}
	if !infos.Empty() {
		return nil, cmsError("more than one signer")
	}
	c := &signedCMS{}
	for !certs.Empty() {
		var el cryptobyte.String
		var tag cbasn1.Tag
		if !certs.ReadAnyASN1Element(&el, &tag) {
			return nil, cmsError("bad certificate set")
		}
		if tag != cbasn1.SEQUENCE {
			continue // attribute or other certificate formats
		}
		cert, err := x509.ParseCertificate(el)
		if err != nil {
			return nil, fmt.Errorf("%w: certificate: %v", errCMS, err)
		}
		c.certs = append(c.certs, cert)
	}
	return c, c.signerInfo(si)
}

// signerInfo reads the one SignerInfo.
func (c *signedCMS) signerInfo(si cryptobyte.String) error {
	var version int64
	var digestAlg, attrs, sigAlg cryptobyte.String
	var hasAttrs bool
	if !si.ReadASN1Integer(&version) {
		return cmsError("bad SignerInfo")
	}
	if err := c.findSigner(&si); err != nil {
		return err
	}
	var digestOID asn1.ObjectIdentifier
	if !si.ReadASN1(&digestAlg, cbasn1.SEQUENCE) || !digestAlg.ReadASN1ObjectIdentifier(&digestOID) ||
		!si.ReadOptionalASN1(&attrs, &hasAttrs, tagContext0Compound) ||
		!si.ReadASN1(&sigAlg, cbasn1.SEQUENCE) || !sigAlg.ReadASN1ObjectIdentifier(&c.sigOID) ||
		!si.ReadASN1Bytes(&c.signature, cbasn1.OCTET_STRING) {
		return cmsError("bad SignerInfo")
	}
	if c.hash = hashOf(digestOID); c.hash == 0 {
		return cmsError("unsupported digest algorithm " + digestOID.String())
	}
	if !hasAttrs {
		return cmsError("no signed attributes")
	}
	// The signature covers the attributes with the SET tag, not [0].
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { b.AddBytes(attrs) })
	var err error
	if c.attrs, err = b.Bytes(); err != nil {
		return cmsError("bad signed attributes")
	}
	return c.readAttributes(attrs)
}

// findSigner reads the signer identifier and finds its certificate.
func (c *signedCMS) findSigner(si *cryptobyte.String) error {
	var match func(*x509.Certificate) bool
	if si.PeekASN1Tag(cbasn1.SEQUENCE) {
		var ias cryptobyte.String
		var issuer cryptobyte.String
		serial := new(big.Int)
		if !si.ReadASN1(&ias, cbasn1.SEQUENCE) || !ias.ReadASN1Element(&issuer, cbasn1.SEQUENCE) || !ias.ReadASN1Integer(serial) {
			return cmsError("bad signer identifier")
		}
		match = func(x *x509.Certificate) bool {
			return bytes.Equal(x.RawIssuer, issuer) && x.SerialNumber.Cmp(serial) == 0
		}
	} else {
		var ski []byte
		if !si.ReadASN1Bytes(&ski, tagContext0) {
			return cmsError("bad signer identifier")
		}
		match = func(x *x509.Certificate) bool { return len(ski) > 0 && bytes.Equal(x.SubjectKeyId, ski) }
	}
	for _, x := range c.certs {
		if match(x) {
			c.signer = x
			return nil
		}
	}
	return cmsError("the signer's certificate is not included")
}

func (c *signedCMS) readAttributes(attrs cryptobyte.String) error {
	seen := map[string]bool{}
	for !attrs.Empty() {
		var attr, values cryptobyte.String
		var oid asn1.ObjectIdentifier
		if !attrs.ReadASN1(&attr, cbasn1.SEQUENCE) || !attr.ReadASN1ObjectIdentifier(&oid) || !attr.ReadASN1(&values, cbasn1.SET) {
			return cmsError("bad signed attribute")
		}
		if seen[oid.String()] {
			return cmsError("signed attribute " + oid.String() + " given twice")
		}
		seen[oid.String()] = true
		var ok bool
		switch {
		case oid.Equal(oidContentType):
			ok = values.ReadASN1ObjectIdentifier(&c.contentType) && values.Empty()
		case oid.Equal(oidMessageDigest):
			ok = values.ReadASN1Bytes(&c.digest, cbasn1.OCTET_STRING) && values.Empty()
		case oid.Equal(oidSigningTime):
			c.signingTime, ok = true, true
		case oid.Equal(oidSigningCertV2):
			ok = c.readESS(values)
		default:
			ok = true
		}
		if !ok {
			return cmsError("bad signed attribute " + oid.String())
		}
	}
	if c.digest == nil || c.contentType == nil {
		return cmsError("content-type or message-digest attribute missing")
	}
	if !c.contentType.Equal(oidData) {
		return cmsError("content type is not data")
	}
	return nil
}

// readESS reads the first ESSCertIDv2 of a SigningCertificateV2 (RFC 5035).
func (c *signedCMS) readESS(values cryptobyte.String) bool {
	var sc, ids, id cryptobyte.String
	if !values.ReadASN1(&sc, cbasn1.SEQUENCE) || !sc.ReadASN1(&ids, cbasn1.SEQUENCE) || !ids.ReadASN1(&id, cbasn1.SEQUENCE) {
		return false
	}
	c.essAlg = crypto.SHA256
	if id.PeekASN1Tag(cbasn1.SEQUENCE) {
		var alg cryptobyte.String
		var oid asn1.ObjectIdentifier
		if !id.ReadASN1(&alg, cbasn1.SEQUENCE) || !alg.ReadASN1ObjectIdentifier(&oid) {
			return false
		}
		if c.essAlg = hashOf(oid); c.essAlg == 0 {
			return false
		}
	}
	return id.ReadASN1Bytes(&c.essHash, cbasn1.OCTET_STRING)
}

func hashOf(oid asn1.ObjectIdentifier) crypto.Hash {
	switch {
	case oid.Equal(oidSHA256):
		return crypto.SHA256
	case oid.Equal(oidSHA384):
		return crypto.SHA384
	case oid.Equal(oidSHA512):
		return crypto.SHA512
	}
	return 0
}

// signatureAlgorithm maps the SignerInfo's algorithm to x509's.
func (c *signedCMS) signatureAlgorithm() x509.SignatureAlgorithm {
	byHash := func(a256, a384, a512 x509.SignatureAlgorithm) x509.SignatureAlgorithm {
		return map[crypto.Hash]x509.SignatureAlgorithm{crypto.SHA256: a256, crypto.SHA384: a384, crypto.SHA512: a512}[c.hash]
	}
	switch o := c.sigOID; {
	case o.Equal(oidECDSAWithSHA256):
		return x509.ECDSAWithSHA256
	case o.Equal(oidECDSAWithSHA384):
		return x509.ECDSAWithSHA384
	case o.Equal(oidECDSAWithSHA512):
		return x509.ECDSAWithSHA512
	case o.Equal(oidECPublicKey):
		return byHash(x509.ECDSAWithSHA256, x509.ECDSAWithSHA384, x509.ECDSAWithSHA512)
	case o.Equal(oidSHA256WithRSA):
		return x509.SHA256WithRSA
	case o.Equal(oidSHA384WithRSA):
		return x509.SHA384WithRSA
	case o.Equal(oidSHA512WithRSA):
		return x509.SHA512WithRSA
	case o.Equal(oidRSAEncryption):
		return byHash(x509.SHA256WithRSA, x509.SHA384WithRSA, x509.SHA512WithRSA)
	}
	return x509.UnknownSignatureAlgorithm
}

// ESSMatches reports whether signing-certificate-v2 names the signer's certificate.
func (c *signedCMS) essMatches() bool {
	if c.essHash == nil || !c.essAlg.Available() {
		return false
	}
	h := c.essAlg.New()
	h.Write(c.signer.Raw)
	return bytes.Equal(h.Sum(nil), c.essHash)
}
