// Package pades signs PDF files as PAdES baseline B (ETSI EN 319 142-1,
// B-B level) and verifies such signatures. A signature is an incremental
// update appended to the file: a signature field with an invisible widget
// on page 1, a /Sig dictionary whose /ByteRange covers the whole file except
// its /Contents, which holds a detached CMS SignedData (RFC 5652) with
// content-type, message-digest and ESS signing-certificate-v2 signed
// attributes and no signingTime (the time is the dictionary's /M). Any
// reader that trusts the chain's root, poppler's pdfsig among them, reports
// it valid, and any later change to the signed bytes is detected.
package pades

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// SubFilter is the signature format Sign writes.
const SubFilter = "ETSI.CAdES.detached"

// contentsSlack is room left in /Contents beyond a trial signature's size:
// DER ECDSA signatures vary by a few bytes.
const contentsSlack = 64

// Sign appends a PAdES-B-B signature by key, whose certificate is chain[0]
// (the CA after it), stating reason and the signer's name, at time at.
// The PDF may already hold incremental updates and signatures; its last
// cross-reference section may be a table or a stream.
func Sign(pdf []byte, key crypto.Signer, chain []*x509.Certificate, reason, name string, at time.Time) ([]byte, error) {
	if len(chain) == 0 {
		return nil, errors.New("sign PDF: no certificate")
	}
	if err := matches(key, chain[0]); err != nil {
		return nil, fmt.Errorf("sign PDF: %w", err)
	}
	if len(pdf) > 1<<31 {
		return nil, errors.New("sign PDF: file too large")
	}
	d, err := readDocument(pdf)
	if err != nil {
		return nil, fmt.Errorf("sign PDF: %w", err)
	}
	trial, err := buildCMS(make([]byte, sha256.Size), key, chain)
	if err != nil {
		return nil, fmt.Errorf("sign PDF: %w", err)
	}
	u := newUpdate(d, 8192+4*len(trial))
	hole, err := u.addSignature(reason, name, at, len(trial)+contentsSlack)
	if err != nil {
		return nil, fmt.Errorf("sign PDF: %w", err)
	}
	u.finish()
	out := u.out
	hole.fill(out)
	h := sha256.New()
	h.Write(out[:hole.start])
	h.Write(out[hole.end:])
	cms, err := buildCMS(h.Sum(nil), key, chain)
	if err != nil {
		return nil, fmt.Errorf("sign PDF: %w", err)
	}
	if 2*len(cms) > hole.end-hole.start-2 {
		return nil, errors.New("sign PDF: the signature outgrew its placeholder")
	}
	hex.Encode(out[hole.start+1:], cms)
	return out, nil
}

func matches(key crypto.Signer, cert *x509.Certificate) error {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	pub, ok := key.Public().(equaler)
	if !ok || !pub.Equal(cert.PublicKey) {
		return errors.New("the key does not belong to the certificate")
	}
	return nil
}

// hole is where /ByteRange and /Contents are filled in after writing.
type hole struct {
	byteRange  int // offset of the /ByteRange array's placeholder
	rangeWidth int
	start, end int // the /Contents hex string, with its angle brackets
}

const rangeWidth = 3*11 + 4 // "[0" then three 10-digit fields and "]"

func (h hole) fill(out []byte) {
	br := fmt.Appendf(nil, "[0 %d %d %d]", h.start, h.end, len(out)-h.end)
	br = append(br, bytes.Repeat([]byte(" "), h.rangeWidth-len(br))...)
	copy(out[h.byteRange:], br)
}

// addSignature writes the signature dictionary, the field and widget, page
// 1 with the widget among its annotations, and the form (in the catalog,
// or the form object when the catalog refers to one).
func (u *update) addSignature(reason, signer string, at time.Time, cmsSize int) (hole, error) {
	d := u.d
	if d.trailer.get("Encrypt").kind != kNull {
		return hole{}, errors.New("encrypted PDFs are not supported")
	}
	rootRef := d.trailer.get("Root")
	catalog, err := d.resolve(rootRef)
	if err != nil || rootRef.kind != kRef || catalog.kind != kDict {
		return hole{}, malformed("no document catalog")
	}
	pageRef, page, err := d.firstPage(catalog)
	if err != nil {
		return hole{}, err
	}
	form, formRef, fields, err := u.form(catalog)
	if err != nil {
		return hole{}, err
	}
	sigNum, fieldNum := u.alloc(), u.alloc()
	h := u.sigDict(sigNum, reason, signer, at, cmsSize)

	widget := object{kind: kDict}
	widget.set("Type", name("Annot"))
	widget.set("Subtype", name("Widget"))
	widget.set("FT", name("Sig"))
	widget.set("T", asciiString(u.fieldName(fields)))
	widget.set("V", ref(sigNum, 0))
	widget.set("F", number(132)) // Print | Locked
	widget.set("Rect", object{kind: kArray, items: []object{number(0), number(0), number(0), number(0)}})
	widget.set("P", pageRef)
	u.put(fieldNum, 0, widget)

	annots, err := d.resolve(page.get("Annots"))
	if err != nil {
		return hole{}, err
	}
	if annots.kind != kArray {
		annots = object{kind: kArray}
	}
	annots.items = append(annots.items, ref(fieldNum, 0))
	page.set("Annots", annots)
	u.put(pageRef.num, pageRef.gen, page)

	fields.items = append(fields.items, ref(fieldNum, 0))
	form.set("Fields", fields)
	form.set("SigFlags", number(3)) // SignaturesExist | AppendOnly
	if formRef.kind == kRef {
		u.put(formRef.num, formRef.gen, form)
	} else {
		catalog.set("AcroForm", form)
		u.put(rootRef.num, rootRef.gen, catalog)
	}
	return h, nil
}

// form returns the interactive form (new if there is none), its reference
// when it is an indirect object, and its fields as a direct array.
func (u *update) form(catalog object) (form, formRef, fields object, err error) {
	formRef = catalog.get("AcroForm")
	if form, err = u.d.resolve(formRef); err != nil {
		return
	}
	if form.kind != kDict {
		form, formRef = object{kind: kDict}, object{}
	}
	if fields, err = u.d.resolve(form.get("Fields")); err != nil {
		return
	}
	if fields.kind != kArray {
		fields = object{kind: kArray}
	}
	return form, formRef, fields, nil
}

// fieldName is the first "SignatureN" no top-level field uses.
func (u *update) fieldName(fields object) string {
	taken := map[string]bool{}
	for _, f := range fields.items {
		if o, err := u.d.resolve(f); err == nil && o.kind == kDict {
			taken[textOf(o.get("T"))] = true
		}
	}
	for n := 1; ; n++ {
		if s := fmt.Sprintf("Signature%d", n); !taken[s] {
			return s
		}
	}
}

// sigDict writes the signature dictionary with placeholders, /Contents last.
func (u *update) sigDict(num int64, reason, signer string, at time.Time, cmsSize int) hole {
	u.begin(num, 0)
	b := append(u.out, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /"+SubFilter...)
	b = append(b, " /M "...)
	b = asciiString(pdfDate(at)).write(b)
	if signer != "" {
		b = append(b, " /Name "...)
		b = textString(signer).write(b)
	}
	if reason != "" {
		b = append(b, " /Reason "...)
		b = textString(reason).write(b)
	}
	b = append(b, " /ByteRange "...)
	h := hole{byteRange: len(b), rangeWidth: rangeWidth}
	b = append(b, bytes.Repeat([]byte(" "), rangeWidth)...)
	b = append(b, " /Contents "...)
	h.start = len(b)
	b = append(b, '<')
	b = append(b, bytes.Repeat([]byte("0"), 2*cmsSize)...)
	b = append(b, '>')
	h.end = len(b)
	u.out = append(b, " >>"...)
	u.end()
	return h
}

// pdfDate formats t as a PDF date in UTC.
func pdfDate(t time.Time) string {
	return "D:" + t.UTC().Format("20060102150405") + "+00'00'"
}
