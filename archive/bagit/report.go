package bagit

import (
	"fmt"
	"slices"
	"strings"
)

// Kind names a problem found in a bag; user interfaces translate it.
type Kind string

// The problems Verify reports.
const (
	NotBag           Kind = "not_bag"           // no bagit.txt
	BadDeclaration   Kind = "bad_declaration"   // bagit.txt lacks an element
	BadVersion       Kind = "bad_version"       // a BagIt version this package does not know
	BadEncoding      Kind = "bad_encoding"      // tag files not in UTF-8
	ByteOrderMark    Kind = "byte_order_mark"   // bagit.txt starts with a BOM (a warning)
	NoPayloadDir     Kind = "no_payload_dir"    // no data/ directory
	NoManifest       Kind = "no_manifest"       // no payload manifest with an algorithm checked here
	UnknownAlgorithm Kind = "unknown_algorithm" // a manifest not checked (a warning)
	WeakAlgorithm    Kind = "weak_algorithm"    // MD5 or SHA-1, checked (a warning)
	BadLine          Kind = "bad_line"          // a tag file line that does not parse
	BadPath          Kind = "bad_path"          // a listed path outside the bag
	Duplicate        Kind = "duplicate"         // a file listed twice in one manifest
	Missing          Kind = "missing"           // listed in a manifest, not in the bag
	Unlisted         Kind = "unlisted"          // a payload file a payload manifest does not list
	Mismatch         Kind = "mismatch"          // a checksum differs
	Unreadable       Kind = "unreadable"        // a file or directory could not be read
	NotRegular       Kind = "not_regular"       // a symbolic link, device or the like
	TooLarge         Kind = "too_large"         // a tag file too large to read
	BadOxum          Kind = "bad_oxum"          // Payload-Oxum does not parse, or is given twice
	OxumMismatch     Kind = "oxum_mismatch"     // Payload-Oxum differs from the payload
	NoOxum           Kind = "no_oxum"           // no Payload-Oxum (a warning)
	Fetch            Kind = "fetch"             // a file still to be fetched: the bag is not complete
)

// Severity says whether a problem makes the bag invalid.
type Severity string

// The severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Problem is one thing wrong with a bag.
type Problem struct {
	Kind      Kind     `json:"kind"`
	Severity  Severity `json:"severity"`
	File      string   `json:"file,omitempty"` // the tag file or payload file concerned
	Line      int      `json:"line,omitempty"` // in File, when a line is at fault
	Path      string   `json:"path,omitempty"` // the path a manifest line names
	Algorithm string   `json:"algorithm,omitempty"`
	Want      string   `json:"want,omitempty"` // what the bag says
	Got       string   `json:"got,omitempty"`  // what is there
	Detail    string   `json:"detail,omitempty"`
}

func problem(k Kind, file, detail string) Problem {
	return Problem{Kind: k, Severity: Error, File: file, Detail: detail}
}

func lineProblem(k Kind, file string, line int, detail string) Problem {
	return Problem{Kind: k, Severity: Error, File: file, Line: line, Detail: detail}
}

// String says what the problem is, in English.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(strings.ReplaceAll(string(p.Kind), "_", " "))
	if p.File != "" {
		fmt.Fprintf(&b, ": %s", p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, " line %d", p.Line)
		}
	}
	if p.Path != "" {
		fmt.Fprintf(&b, " (%s)", p.Path)
	}
	if p.Algorithm != "" {
		fmt.Fprintf(&b, " [%s]", p.Algorithm)
	}
	if p.Want != "" || p.Got != "" {
		fmt.Fprintf(&b, ": the bag says %s, found %s", p.Want, p.Got)
	}
	if p.Detail != "" {
		fmt.Fprintf(&b, ": %s", p.Detail)
	}
	return b.String()
}

// CheckName names one check of a verification.
type CheckName string

// The checks, in the order Verify makes them.
const (
	CheckDeclaration     CheckName = "declaration"      // bagit.txt: version and encoding
	CheckBagInfo         CheckName = "bag_info"         // bag-info.txt parses
	CheckPayloadManifest CheckName = "payload_manifest" // one per manifest-ALG.txt
	CheckTagManifest     CheckName = "tag_manifest"     // one per tagmanifest-ALG.txt
	CheckCompleteness    CheckName = "completeness"     // every file listed, every listed file there
	CheckOxum            CheckName = "payload_oxum"     // octets and files of the payload
)

// Status is how a check came out.
type Status string

// The statuses.
const (
	Passed  Status = "ok"
	Failed  Status = "failed"
	Skipped Status = "skipped" // not checked: an unknown algorithm, a missing element
)

// Check is the outcome of one check.
type Check struct {
	Name      CheckName `json:"name"`
	File      string    `json:"file,omitempty"`
	Algorithm string    `json:"algorithm,omitempty"`
	Status    Status    `json:"status"`
	Files     int       `json:"files,omitempty"`    // entries checked
	Problems  int       `json:"problems,omitempty"` // errors found by this check
	Detail    string    `json:"detail,omitempty"`
}

// FileResult is what the verification found about one file.
type FileResult struct {
	Path   string   `json:"path"`
	Tag    bool     `json:"tag,omitempty"` // a tag file, not payload
	Size   int64    `json:"size"`          // -1 when the file is not there
	OK     []string `json:"ok,omitempty"`  // algorithms whose checksum matched
	Bad    []string `json:"bad,omitempty"` // algorithms whose checksum did not
	Status Kind     `json:"status"`        // "" when all is well, else the problem
}

// Report is the outcome of verifying a bag.
type Report struct {
	Dir      string       `json:"dir"`
	Version  string       `json:"version"`
	Encoding string       `json:"encoding"`
	Info     []Field      `json:"info"`
	Checks   []Check      `json:"checks"`
	Files    []FileResult `json:"files"`
	Problems []Problem    `json:"problems"`
	// Octets and Streams are the payload as found on disk.
	Octets  int64 `json:"octets"`
	Streams int64 `json:"streams"`
}

// Valid reports whether the bag is complete and every checksum matched:
// no problem is an error.
func (r *Report) Valid() bool {
	for _, p := range r.Problems {
		if p.Severity == Error {
			return false
		}
	}
	return true
}

// Errors returns the problems that make the bag invalid.
func (r *Report) Errors() []Problem {
	var ps []Problem
	for _, p := range r.Problems {
		if p.Severity == Error {
			ps = append(ps, p)
		}
	}
	return ps
}

// Has reports whether the report holds a problem of kind k.
func (r *Report) Has(k Kind) bool {
	for _, p := range r.Problems {
		if p.Kind == k {
			return true
		}
	}
	return false
}

// Values returns every value of a bag-info.txt element.
func (r *Report) Values(label string) []string { return values(r.Info, label) }

// checkKinds says which problems each non-manifest check is about.
var checkKinds = map[CheckName][]Kind{
	CheckDeclaration:  {NotBag, BadDeclaration, BadVersion, BadEncoding, ByteOrderMark},
	CheckCompleteness: {NoPayloadDir, NoManifest, Missing, Unlisted, Fetch, NotRegular},
	CheckOxum:         {BadOxum, OxumMismatch, NoOxum},
}

// summarise makes one check per element verified, each with its errors.
func (v *verifier) summarise() {
	count := func(match func(Problem) bool) (errs int, any bool) {
		for _, p := range v.r.Problems {
			if match(p) {
				any = true
				if p.Severity == Error {
					errs++
				}
			}
		}
		return errs, any
	}
	status := func(errs int) Status {
		if errs > 0 {
			return Failed
		}
		return Passed
	}
	errs, _ := count(func(p Problem) bool {
		return slices.Contains(checkKinds[CheckDeclaration], p.Kind) || p.File == "bagit.txt"
	})
	v.r.Checks = append(v.r.Checks, Check{Name: CheckDeclaration, File: "bagit.txt", Status: status(errs), Problems: errs})
	if slices.Contains(v.top, "bag-info.txt") {
		errs, _ := count(func(p Problem) bool {
			return p.File == "bag-info.txt" && !slices.Contains(checkKinds[CheckOxum], p.Kind)
		})
		v.r.Checks = append(v.r.Checks, Check{Name: CheckBagInfo, File: "bag-info.txt", Status: status(errs), Problems: errs})
	}
	for _, m := range v.lists {
		c := Check{Name: CheckPayloadManifest, File: m.file, Algorithm: m.alg, Files: len(m.entries), Status: Skipped}
		if m.tag {
			c.Name = CheckTagManifest
		}
		if m.known {
			c.Problems, _ = count(func(p Problem) bool { return p.File == m.file })
			c.Status = status(c.Problems)
		}
		v.r.Checks = append(v.r.Checks, c)
	}
	errs, _ = count(func(p Problem) bool { return slices.Contains(checkKinds[CheckCompleteness], p.Kind) })
	v.r.Checks = append(v.r.Checks, Check{Name: CheckCompleteness, Status: status(errs), Problems: errs, Files: len(v.payload)})
	c := Check{Name: CheckOxum, File: "bag-info.txt", Detail: fmt.Sprintf("%d.%d", v.r.Octets, v.r.Streams)}
	c.Problems, _ = count(func(p Problem) bool { return slices.Contains(checkKinds[CheckOxum], p.Kind) && p.Kind != NoOxum })
	c.Status = status(c.Problems)
	if len(values(v.r.Info, LabelPayloadOxum)) == 0 {
		c.Status = Skipped
	}
	v.r.Checks = append(v.r.Checks, c)
}
