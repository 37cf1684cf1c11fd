package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"shenfa/archive/bagit"
	"shenfa/archive/record"
	"shenfa/review/drafts"
)

// ErrUnsigned is what a PDFCheck returns for a PDF without a signature.
var ErrUnsigned = errors.New("the PDF is not signed")

// PDFCheck verifies a PDF's signature (archive/pades); VerifyBag reports
// signatures as not checked without one.
type PDFCheck func(pdf []byte) error

// RecordProblem names something wrong with a record in a bag.
type RecordProblem string

// The problems of a record in a bag.
const (
	BadRecordInfo   RecordProblem = "record_info"    // record.json missing, unreadable or not ours
	BadManifest     RecordProblem = "manifest"       // manifest.json does not parse or names another 档号
	PDFHash         RecordProblem = "pdf_hash"       // the PDF is not the one record.json names
	OriginalHash    RecordProblem = "original_hash"  // the original file is not the one record.json names
	ManifestHash    RecordProblem = "manifest_hash"  // manifest.json is not the one record.json names
	OriginalSM3     RecordProblem = "original_sm3"   // the original file is not the one the manifest names
	NotIdentified   RecordProblem = "not_identified" // the 档号 is not an External-Identifier of the bag
	MissingFile     RecordProblem = "missing_file"   // a file record.json names is not there
	SignatureFailed RecordProblem = "signature"      // the PDF's signature does not verify
)

// RecordCheck is what VerifyBag found about one record of a bag, or about
// a PDF outside any record (Code empty).
type RecordCheck struct {
	Code      string          `json:"code,omitempty"`
	Dir       string          `json:"dir"`
	PDF       string          `json:"pdf,omitempty"`
	Signature bagit.Status    `json:"signature"` // ok, failed or skipped
	Detail    string          `json:"detail,omitempty"`
	Err       error           `json:"-"` // the signature check's error, for translation
	Problems  []RecordProblem `json:"problems,omitempty"`
}

// BagReport is a bag checked on receipt (接收): the bag itself, then each
// record in it and each PDF's signature.
type BagReport struct {
	Bag     *bagit.Report `json:"bag"`
	Records []RecordCheck `json:"records"`
}

// Valid reports whether the bag verifies and so does every record in it.
func (r *BagReport) Valid() bool {
	if !r.Bag.Valid() {
		return false
	}
	for _, c := range r.Records {
		if len(c.Problems) > 0 {
			return false
		}
	}
	return true
}

// VerifyBag checks a bag on receipt: the bag (bagit.Verify), and for every
// data/<档号>/record.json that the PDF, original file and manifest are the
// ones it names, that the manifest is of that 档号, and every PDF's
// signature with check (nil: not checked). The error is for a bag that
// cannot be read at all.
func VerifyBag(dir string, check PDFCheck) (*BagReport, error) {
	br, err := bagit.Verify(dir)
	if err != nil {
		return nil, err
	}
	out := &BagReport{Bag: br, Records: []RecordCheck{}}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	inRecord := map[string]bool{}
	for _, f := range br.Files {
		if rest, ok := strings.CutPrefix(f.Path, "data/"); ok && path.Base(rest) == "record.json" && path.Dir(rest) != "." {
			c := checkRecord(root, path.Dir(f.Path), br, check)
			inRecord[path.Join(c.Dir, c.PDF)] = true
			out.Records = append(out.Records, c)
		}
	}
	for _, f := range br.Files {
		if !f.Tag && f.Size >= 0 && strings.EqualFold(path.Ext(f.Path), ".pdf") && !inRecord[f.Path] {
			c := RecordCheck{Dir: path.Dir(f.Path), PDF: path.Base(f.Path)}
			if pdf, err := root.ReadFile(f.Path); err != nil {
				c.Signature, c.Detail = bagit.Failed, err.Error()
			} else {
				signature(&c, pdf, check, false)
			}
			out.Records = append(out.Records, c)
		}
	}
	return out, nil
}

// checkRecord checks the record in dir (data/<档号>) of a bag.
func checkRecord(root *os.Root, dir string, br *bagit.Report, check PDFCheck) RecordCheck {
	c := RecordCheck{Dir: dir, Signature: bagit.Skipped}
	rd, err := root.OpenRoot(dir) // what record.json names stays inside its directory
	if err != nil {
		c.Problems, c.Detail = append(c.Problems, BadRecordInfo), err.Error()
		return c
	}
	defer rd.Close()
	var info RecordInfo
	raw, err := rd.ReadFile("record.json")
	if err == nil {
		err = json.Unmarshal(raw, &info)
	}
	if err == nil && info.Format != RecordInfoFormat {
		err = errors.New("format " + info.Format)
	}
	if err != nil {
		c.Problems, c.Detail = append(c.Problems, BadRecordInfo), err.Error()
		return c
	}
	c.Code, c.PDF = info.Code, info.PDF.Path
	if !slices.Contains(br.Values(bagit.LabelExternalIdentifier), info.Code) {
		c.Problems = append(c.Problems, NotIdentified)
	}
	read := func(fi FileInfo, bad RecordProblem) []byte {
		data, err := rd.ReadFile(fi.Path)
		switch {
		case err != nil || !fs.ValidPath(fi.Path):
			c.Problems = appendNew(c.Problems, MissingFile)
			return nil
		case sha256Hex(data) != fi.SHA256 || drafts.SM3(data) != fi.SM3:
			c.Problems = append(c.Problems, bad)
		}
		return data
	}
	pdf := read(info.PDF, PDFHash)
	original := read(info.Original, OriginalHash)
	if manifest := read(info.Manifest, ManifestHash); manifest != nil {
		m, err := record.Parse(manifest)
		switch {
		case err != nil || m.Code != info.Code:
			c.Problems = append(c.Problems, BadManifest)
		case original != nil && drafts.SM3(original) != m.FileSM3:
			c.Problems = append(c.Problems, OriginalSM3)
		}
	}
	if pdf != nil {
		signature(&c, pdf, check, true)
	}
	return c
}

// signature checks a PDF's signature; an unsigned PDF is a problem only in
// one of our records, which are always signed.
func signature(c *RecordCheck, pdf []byte, check PDFCheck, ours bool) {
	if check == nil {
		c.Signature = bagit.Skipped
		return
	}
	err := check(pdf)
	switch {
	case err == nil:
		c.Signature = bagit.Passed
	case errors.Is(err, ErrUnsigned) && !ours:
		c.Signature, c.Detail, c.Err = bagit.Skipped, err.Error(), err
	default:
		c.Signature, c.Detail, c.Err = bagit.Failed, err.Error(), err
		c.Problems = append(c.Problems, SignatureFailed)
	}
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
