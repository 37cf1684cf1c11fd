package pades

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"time"
)

// Verification errors; a Signature's Err wraps one of them.
var (
	ErrNoSignature = errors.New("the PDF has no signature")
	ErrByteRange   = errors.New("the signed byte range does not cover the file except the signature")
	ErrDigest      = errors.New("the signed content was changed")
	ErrSignature   = errors.New("the signature does not verify")
	ErrUntrusted   = errors.New("the signer's certificate does not chain to a trusted root")
)

// maxFields bounds the form fields Verify looks at.
const maxFields = 10000

// Signature is what Verify found about one signature.
type Signature struct {
	Field     string // the field's name (/T)
	SubFilter string
	Name      string    // /Name: the signer's printed name
	Reason    string    // /Reason
	Time      time.Time // /M; the zero time when absent or unreadable
	Signer    *x509.Certificate
	Chain     []*x509.Certificate // signer to root, when trusted
	ByteRange [4]int64
	Revision  int64 // the signed revision's length: the bytes the signature covers end here
	Appended  int64 // bytes after the signed revision (a later update, or tampering)
	BaselineB bool  // signing-certificate-v2 names the signer and no signingTime: PAdES-B-B
	Err       error // nil when the signature is valid and, with roots given, trusted
}

// Report lists a PDF's signatures in the order of the revisions they sign.
type Report struct {
	Signatures []Signature
}

// Last returns the signature of the newest revision.
func (r Report) Last() Signature { return r.Signatures[len(r.Signatures)-1] }

// Verify checks every signature of pdf: that /ByteRange covers its revision
// except /Contents, the CMS digest over those bytes, the signature, and,
// when roots is not nil, the certificate chain at the signing time. The
// error is the first failure (ErrNoSignature when there is none); bytes
// appended after the newest signature are not an error but reported in
// its Appended, since a later update may be legitimate: callers that want
// the file exactly as signed check Last().Appended == 0.
func Verify(pdf []byte, roots *x509.CertPool) (Report, error) {
	var r Report
	d, err := readDocument(pdf)
	if err != nil {
		return r, err
	}
	fields, err := d.signatureFields()
	if err != nil {
		return r, err
	}
	if len(fields) == 0 {
		return r, ErrNoSignature
	}
	var first error
	for _, f := range fields {
		s := d.verifyField(f, roots)
		if s.Err != nil && first == nil {
			first = fmt.Errorf("signature %s: %w", s.Field, s.Err)
		}
		r.Signatures = append(r.Signatures, s)
	}
	sortByRevision(r.Signatures)
	return r, first
}

func sortByRevision(s []Signature) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Revision < s[j-1].Revision; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// sigField is a signature field and the reference of its value.
type sigField struct {
	name  string
	value object
}

// signatureFields walks the form's field tree for signed /FT /Sig fields.
func (d *document) signatureFields() ([]sigField, error) {
	catalog, err := d.resolve(d.trailer.get("Root"))
	if err != nil || catalog.kind != kDict {
		return nil, malformed("no document catalog")
	}
	form, err := d.resolve(catalog.get("AcroForm"))
	if err != nil {
		return nil, err
	}
	fields, err := d.resolve(form.get("Fields"))
	if err != nil {
		return nil, err
	}
	var out []sigField
	seen := map[int64]bool{}
	var walk func(kids object, ft, prefix string, depth int) error
	walk = func(kids object, ft, prefix string, depth int) error {
		if kids.kind != kArray || depth > maxTreeDepth {
			return nil
		}
		for _, k := range kids.items {
			if k.kind != kRef || seen[k.num] || len(seen) >= maxFields {
				continue
			}
			seen[k.num] = true
			f, err := d.resolve(k)
			if err != nil {
				return err
			}
			if f.kind != kDict {
				continue
			}
			fieldType, name := ft, prefix
			if t := f.get("FT"); t.kind == kName {
				fieldType = decodeName(t.raw)
			}
			if t := f.get("T"); t.kind == kString {
				name = joinName(prefix, textOf(t))
			}
			if v := f.get("V"); fieldType == "Sig" && v.kind != kNull {
				out = append(out, sigField{name: name, value: v})
			}
			kids, err := d.resolve(f.get("Kids"))
			if err != nil {
				return err
			}
			if err := walk(kids, fieldType, name, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return out, walk(fields, "", "", 0)
}

func joinName(prefix, n string) string {
	if prefix == "" {
		return n
	}
	return prefix + "." + n
}

// sigAt parses the signature dictionary v refers to, keeping file offsets:
// it must be an object of its own in the file, not in an object stream,
// for /ByteRange to be able to leave out its /Contents.
func (d *document) sigAt(v object) (object, error) {
	if v.kind != kRef {
		return object{}, malformed("the signature value is not an indirect object")
	}
	e, ok := d.entries[v.num]
	if !ok || e.typ != 1 || e.off < 0 || e.off >= int64(len(d.src)) {
		return object{}, malformed("signature dictionary %d is not in the file", v.num)
	}
	p := &parser{src: d.src, pos: int(e.off)}
	o, _, err := p.indirect(v.num)
	if err == nil && o.kind != kDict {
		err = malformed("signature %d is not a dictionary", v.num)
	}
	return o, err
}

func (d *document) verifyField(f sigField, roots *x509.CertPool) Signature {
	s := Signature{Field: f.name}
	sig, err := d.sigAt(f.value)
	if err != nil {
		s.Err = err
		return s
	}
	s.SubFilter = decodeName(sig.get("SubFilter").raw)
	s.Name, s.Reason = textOf(sig.get("Name")), textOf(sig.get("Reason"))
	s.Time = parseDate(string(bytesOf(sig.get("M"))))
	contents := sig.get("Contents")
	if err := d.checkRange(&s, sig.get("ByteRange"), contents); err != nil {
		s.Err = err
		return s
	}
	if s.SubFilter != SubFilter && s.SubFilter != "adbe.pkcs7.detached" {
		s.Err = fmt.Errorf("%w: unsupported /SubFilter %s", ErrSignature, s.SubFilter)
		return s
	}
	s.Err = d.checkCMS(&s, bytesOf(contents), roots)
	return s
}

// checkRange requires /ByteRange [0 a b c] with the gap exactly /Contents.
func (d *document) checkRange(s *Signature, br, contents object) error {
	if br.kind != kArray || len(br.items) != 4 || contents.kind != kString || contents.raw[0] != '<' {
		return fmt.Errorf("%w: no /ByteRange or hexadecimal /Contents", ErrByteRange)
	}
	for i, it := range br.items {
		v, ok := it.int()
		if !ok || v < 0 {
			return fmt.Errorf("%w: bad /ByteRange", ErrByteRange)
		}
		s.ByteRange[i] = v
	}
	a, b, c := s.ByteRange[1], s.ByteRange[2], s.ByteRange[3]
	total := int64(len(d.src))
	if s.ByteRange[0] != 0 || a != int64(contents.pos) || b != int64(contents.end) || c > total-b {
		return fmt.Errorf("%w: %v for /Contents at %d-%d", ErrByteRange, s.ByteRange, contents.pos, contents.end)
	}
	s.Revision = b + c
	s.Appended = total - s.Revision
	rev := bytes.TrimRight(d.src[:s.Revision], "\r\n")
	if !bytes.HasSuffix(rev, []byte("%%EOF")) {
		return fmt.Errorf("%w: the signed bytes do not end a revision", ErrByteRange)
	}
	return nil
}

func (d *document) checkCMS(s *Signature, der []byte, roots *x509.CertPool) error {
	c, err := parseCMS(der)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrSignature, err)
	}
	s.Signer = c.signer
	a, b := s.ByteRange[1], s.ByteRange[2]
	h := c.hash.New()
	h.Write(d.src[:a])
	h.Write(d.src[b:s.Revision])
	if !bytes.Equal(h.Sum(nil), c.digest) {
		return ErrDigest
	}
	if err := c.signer.CheckSignature(c.signatureAlgorithm(), c.attrs, c.signature); err != nil {
		return fmt.Errorf("%w: %w", ErrSignature, err)
	}
	s.BaselineB = c.essMatches() && !c.signingTime
	if c.essHash != nil && !c.essMatches() {
		return fmt.Errorf("%w: signing-certificate-v2 names another certificate", ErrSignature)
	}
	if c.signer.KeyUsage != 0 && c.signer.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) == 0 {
		return fmt.Errorf("%w: the certificate is not for signing", ErrUntrusted)
	}
	if roots == nil {
		return nil
	}
	inter := x509.NewCertPool()
	for _, x := range c.certs {
		inter.AddCert(x)
	}
	at := s.Time
	if at.IsZero() {
		at = time.Now()
	}
	chains, err := c.signer.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: at,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUntrusted, err)
	}
	s.Chain = chains[0]
	return nil
}

// parseDate reads a PDF date (D:YYYYMMDDHHmmSSOHH'mm'), as much as given.
func parseDate(s string) time.Time {
	if len(s) >= 2 && s[:2] == "D:" {
		s = s[2:]
	}
	digits := 0
	for digits < len(s) && digits < 14 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits < 4 {
		return time.Time{}
	}
	full := s[:digits] + "0101000000"[digits-4:]
	t, err := time.Parse("20060102150405", full)
	if err != nil {
		return time.Time{}
	}
	rest := s[digits:]
	if len(rest) >= 3 && (rest[0] == '+' || rest[0] == '-') {
		var hh, mm int
		fmt.Sscanf(rest[1:3], "%d", &hh)
		if len(rest) >= 6 {
			fmt.Sscanf(rest[4:6], "%d", &mm)
		}
		off := time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute
		if rest[0] == '+' {
			off = -off
		}
		t = t.Add(off)
	}
	return t.UTC()
}
