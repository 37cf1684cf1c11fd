// Package bagit writes and verifies BagIt 1.0 bags (RFC 8493), the package
// in which records are handed over (移交) and received (接收). Bags are
// written atomically: into a hidden sibling directory, synced, verified and
// only then renamed to their name, so that a failed or interrupted export
// never leaves a bag that looks complete. The verifier accepts bags of other
// producers (bagit.py, bagit-java): any line ending, any tag files, every
// algorithm it knows, and it reports what it could not check.
package bagit

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"strings"
	"time"

	"github.com/emmansun/gmsm/sm3"
)

// Version is the BagIt version this package writes.
const Version = "1.0"

// File is one payload file: its path under data/, slash-separated, and its
// content.
type File struct {
	Path string
	Data []byte
}

// Field is one element of bag-info.txt (or of bagit.txt).
type Field struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Info is what bag-info.txt says about the bag. Payload-Oxum and Bag-Size
// are computed from the payload.
type Info struct {
	SourceOrganization  string
	ContactName         string
	ExternalDescription string
	// ExternalIdentifiers are written one element each, in order (档号).
	ExternalIdentifiers []string
	BaggingDate         time.Time // the zero time means today
	BagCount            string    // "1 of 1" when empty
	SoftwareAgent       string
	// Extra elements follow the reserved ones, in order.
	Extra []Field
}

// The labels of bag-info.txt that this package writes or reads.
const (
	LabelSourceOrganization  = "Source-Organization"
	LabelContactName         = "Contact-Name"
	LabelExternalDescription = "External-Description"
	LabelExternalIdentifier  = "External-Identifier"
	LabelBaggingDate         = "Bagging-Date"
	LabelBagCount            = "Bag-Count"
	LabelBagSize             = "Bag-Size"
	LabelPayloadOxum         = "Payload-Oxum"
	LabelSoftwareAgent       = "Bag-Software-Agent"
	labelVersion             = "BagIt-Version"
	labelEncoding            = "Tag-File-Character-Encoding"
)

// algorithms are the checksum algorithms the verifier checks, by their
// normalised name (lower case, no hyphen: RFC 8493 §2.4).
var algorithms = map[string]func() hash.Hash{
	"md5": md5.New, "sha1": sha1.New, "sha224": sha256.New224, "sha256": sha256.New,
	"sha384": sha512.New384, "sha512": sha512.New, "sm3": sm3.New,
}

// weak algorithms are checked, with a warning that they prove little.
var weak = map[string]bool{"md5": true, "sha1": true}

// written are the payload manifests Write makes; the first two are the ones
// RFC 8493 asks for, SM3 is for readers who must use the national standard.
var written = []string{"sha256", "sha512", "sm3"}

// tagWritten are the tag manifests Write makes (bagit.py ignores an SM3 one
// anyway, and the SM3 payload manifest is covered by these).
var tagWritten = []string{"sha256", "sha512"}

// normalise gives an algorithm's name as manifests name it: sha256 for SHA-256.
func normalise(alg string) string {
	return strings.ReplaceAll(strings.ToLower(alg), "-", "")
}

// encodePath escapes a manifest path as RFC 8493 §2.1.3 requires: CR, LF
// and % percent-encoded, nothing else.
func encodePath(p string) string {
	if !strings.ContainsAny(p, "%\r\n") {
		return p
	}
	r := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	return r.Replace(p)
}

// decodePath undoes encodePath. Other %xx sequences are left as they are:
// the RFC encodes only these three, and a producer that wrote a literal
// "%20" meant those three characters.
func decodePath(p string) string {
	if !strings.Contains(p, "%") {
		return p
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '%' && i+2 < len(p) {
			switch strings.ToUpper(p[i+1 : i+3]) {
			case "25":
				b.WriteByte('%')
				i += 2
				continue
			case "0D":
				b.WriteByte('\r')
				i += 2
				continue
			case "0A":
				b.WriteByte('\n')
				i += 2
				continue
			}
		}
		b.WriteByte(p[i])
	}
	return b.String()
}
