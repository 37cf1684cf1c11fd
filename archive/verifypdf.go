package archive

import (
	"crypto/x509"
	"errors"
	"time"

	"shenfa/archive/pades"
	"shenfa/archive/record"
	"shenfa/review/drafts"
	"shenfa/sensitive/importer"
)

// PDFItem names one check of a record PDF verified on its own.
type PDFItem string

// The checks of VerifyPDF, in the order it reports them.
const (
	PDFSignature PDFItem = "signature" // the PAdES signature verifies over its byte range
	PDFWhole     PDFItem = "whole"     // nothing was appended after the signed revision
	PDFTrust     PDFItem = "trust"     // the signer's certificate chains to a trusted CA
	PDFManifest  PDFItem = "manifest"  // manifest.json is embedded in the signed revision and reads
	PDFSignOffs  PDFItem = "signoffs"  // every sign-off's SM2 signature and statement
	PDFChain     PDFItem = "chain"     // the statements follow each other
	PDFFile      PDFItem = "file"      // the embedded original is the one the manifest and sign-offs name
	PDFText      PDFItem = "text"      // the original's text is the approved text of the manifest
)

// PDFResult is the verdict on one check. Problem is a code for the user's
// language (see VerifyPDF), Detail the error in English, for logs.
type PDFResult struct {
	Item    PDFItem `json:"item"`
	OK      bool    `json:"ok"`
	Problem string  `json:"problem,omitempty"`
	Seq     int     `json:"seq,omitempty"`   // the sign-off that fails, for signoffs and chain
	Field   string  `json:"field,omitempty"` // what differs from the statement, for signoffs
	Count   int     `json:"count,omitempty"` // sign-offs or bytes, as the check counts
	Detail  string  `json:"detail,omitempty"`
}

// PDFReport is a record PDF verified offline, without the workspace that
// sealed it.
type PDFReport struct {
	Code     string      `json:"code,omitempty"` // 档号, from the manifest
	Title    string      `json:"title,omitempty"`
	Signer   string      `json:"signer,omitempty"` // the signing certificate's subject
	SignedAt time.Time   `json:"signed_at"`
	Results  []PDFResult `json:"results"`
}

// OK reports whether every check passed.
func (r *PDFReport) OK() bool {
	for _, x := range r.Results {
		if !x.OK {
			return false
		}
	}
	return len(r.Results) > 0
}

// Result returns the verdict on one check.
func (r *PDFReport) Result(item PDFItem) PDFResult {
	for _, x := range r.Results {
		if x.Item == item {
			return x
		}
	}
	return PDFResult{Item: item}
}

func (r *PDFReport) add(x PDFResult) { r.Results = append(r.Results, x) }

// VerifyPDF verifies a record PDF on its own: its PAdES signature, that it
// covers the whole file and chains to one of roots (the workspace's CAs,
// current and retired, or a CA the user gives; nil trusts none), and in the
// manifest embedded in the signed revision every SM2 sign-off with the key
// it carries, their chain, and that the embedded original file and the text
// read from it are the ones the manifest and the sign-offs name.
//
// Problems: signature (unsigned, byte_range, digest, invalid, unreadable),
// whole (appended), trust (no_roots, untrusted), manifest (missing,
// unreadable), signoffs (none, or a drafts.Problem), chain (a
// drafts.Problem), file (missing, changed, not_signed), text (unreadable,
// changed, not_signed).
func VerifyPDF(pdf []byte, roots *x509.CertPool) *PDFReport {
	rep := &PDFReport{Results: []PDFResult{}}
	rev, ok := rep.signature(pdf, roots)
	if !ok {
		rev = pdf // unsigned or unreadable: the manifest checks read the file as it is
	}
	m, file := rep.manifest(rev)
	if m == nil {
		for _, it := range []PDFItem{PDFSignOffs, PDFChain, PDFFile, PDFText} {
			rep.add(PDFResult{Item: it, Problem: "no_manifest"})
		}
		return rep
	}
	rep.Code, rep.Title = m.Code, m.Title
	rep.signOffs(m)
	seq, p := VerifyChain(m)
	rep.add(PDFResult{Item: PDFChain, OK: p == drafts.NoProblem, Problem: string(p), Seq: seq, Count: len(m.SignOffs)})
	rep.contents(m, file)
	return rep
}

// signature adds the signature, whole-file and trust results and returns
// the signed revision.
func (r *PDFReport) signature(pdf []byte, roots *x509.CertPool) ([]byte, bool) {
	rep, err := pades.Verify(pdf, roots)
	if len(rep.Signatures) == 0 {
		problem := "unreadable"
		if errors.Is(err, pades.ErrNoSignature) {
			problem = "unsigned"
		}
		r.add(PDFResult{Item: PDFSignature, Problem: problem, Detail: errText(err)})
		r.add(PDFResult{Item: PDFWhole, Problem: "unsigned"})
		r.add(PDFResult{Item: PDFTrust, Problem: "unsigned"})
		return nil, false
	}
	s := rep.Last()
	r.SignedAt = s.Time
	if s.Signer != nil {
		r.Signer = s.Signer.Subject.CommonName
	}
	sig := PDFResult{Item: PDFSignature, OK: true}
	trust := PDFResult{Item: PDFTrust, OK: roots != nil}
	switch {
	case roots == nil:
		trust.Problem = "no_roots"
	case errors.Is(s.Err, pades.ErrUntrusted):
		trust.OK, trust.Problem, trust.Detail = false, "untrusted", s.Err.Error()
	}
	switch {
	case s.Err == nil || errors.Is(s.Err, pades.ErrUntrusted):
	case errors.Is(s.Err, pades.ErrByteRange):
		sig = PDFResult{Item: PDFSignature, Problem: "byte_range", Detail: s.Err.Error()}
	case errors.Is(s.Err, pades.ErrDigest):
		sig = PDFResult{Item: PDFSignature, Problem: "digest", Detail: s.Err.Error()}
	default:
		sig = PDFResult{Item: PDFSignature, Problem: "invalid", Detail: s.Err.Error()}
	}
	if !sig.OK {
		trust = PDFResult{Item: PDFTrust, Problem: "unsigned"}
	}
	r.add(sig)
	whole := PDFResult{Item: PDFWhole, OK: s.Revision > 0 && s.Appended == 0, Count: int(s.Appended)}
	if !whole.OK {
		whole.Problem = "appended"
	}
	r.add(whole)
	r.add(trust)
	if !sig.OK || s.Revision <= 0 {
		return nil, false
	}
	return pdf[:s.Revision], true
}

// manifest adds the manifest result and returns the manifest and the
// embedded original file (nil when missing).
func (r *PDFReport) manifest(pdf []byte) (*record.Manifest, []byte) {
	as, err := pades.Attachments(pdf)
	if err != nil {
		r.add(PDFResult{Item: PDFManifest, Problem: "unreadable", Detail: err.Error()})
		return nil, nil
	}
	var raw []byte
	found := false
	for _, a := range as {
		if a.Name == "manifest.json" {
			raw, found = a.Data, true
		}
	}
	if !found {
		r.add(PDFResult{Item: PDFManifest, Problem: "missing"})
		return nil, nil
	}
	m, err := record.Parse(raw)
	if err != nil {
		r.add(PDFResult{Item: PDFManifest, Problem: "unreadable", Detail: err.Error()})
		return nil, nil
	}
	r.add(PDFResult{Item: PDFManifest, OK: true})
	var file []byte
	for _, a := range as { // the original is the Source file, else the one the manifest names
		if a.Name != "manifest.json" && (a.Relation == "Source" || file == nil && a.Name == m.FileName) {
			file = a.Data
		}
	}
	return m, file
}

// signOffs adds the verdict on every sign-off: the first that fails.
func (r *PDFReport) signOffs(m *record.Manifest) {
	if len(m.SignOffs) == 0 {
		r.add(PDFResult{Item: PDFSignOffs, Problem: "none"})
		return
	}
	for _, so := range m.SignOffs {
		if p := VerifySignOff(m, so); !p.OK() {
			r.add(PDFResult{Item: PDFSignOffs, Problem: string(p.Problem), Field: p.Field, Seq: so.Seq, Count: len(m.SignOffs)})
			return
		}
	}
	r.add(PDFResult{Item: PDFSignOffs, OK: true, Count: len(m.SignOffs)})
}

// contents adds the file and text results: the embedded original against
// the manifest's SM3, the text the importer reads from it against the
// approved text's, and both against what the current sign-offs signed.
func (r *PDFReport) contents(m *record.Manifest, file []byte) {
	fileSigned, textSigned, current := true, true, 0
	for _, so := range m.SignOffs {
		st, err := drafts.ParseStatement(so.Statement)
		if !so.Current || err != nil {
			continue
		}
		current++
		fileSigned = fileSigned && st.FileSM3 == m.FileSM3
		textSigned = textSigned && st.TextSM3 == m.TextSM3 && st.Version == m.FinalVersion
	}
	f := PDFResult{Item: PDFFile, OK: true, Count: current}
	switch {
	case file == nil:
		f = PDFResult{Item: PDFFile, Problem: "missing"}
	case drafts.SM3(file) != m.FileSM3:
		f = PDFResult{Item: PDFFile, Problem: "changed"}
	case !fileSigned || current == 0:
		f = PDFResult{Item: PDFFile, Problem: "not_signed"}
	}
	r.add(f)
	t := PDFResult{Item: PDFText, OK: true, Count: current}
	if file == nil {
		r.add(PDFResult{Item: PDFText, Problem: "missing"})
		return
	}
	doc, err := importer.Import(m.FileName, file)
	switch {
	case err != nil:
		t = PDFResult{Item: PDFText, Problem: "unreadable", Detail: err.Error()}
	case drafts.SM3([]byte(doc.Text)) != m.TextSM3:
		t = PDFResult{Item: PDFText, Problem: "changed"}
	case !textSigned || current == 0:
		t = PDFResult{Item: PDFText, Problem: "not_signed"}
	}
	r.add(t)
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
