// Package slx reads, writes and verifies signed lexicon packages (.slx,
// docs/lexicon-package.md): a zip holding lexicon files and a statement
// that names the publisher, the package version and date and the SM3 of
// every file, signed with the publisher's SM2 key. It knows files and keys
// only; which keys a workspace trusts is the caller's business.
package slx

import (
	"archive/zip"
	"bytes"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/sm3"

	"shenfa/sensitive/lexicon"
)

// Format is the first line of a package's signed statement; the format
// changes only with a new first line.
const Format = "shenfa-lexicon-package 1"

// Ext is the file name extension of lexicon packages.
const Ext = ".slx"

// Names inside a package.
const (
	statementName = "statement.txt"
	signatureName = "statement.sig"
	lexiconDir    = "lexicons/"
)

// Limits on what a package may hold; a package comes from outside.
const (
	MaxSize      = 64 << 20
	MaxFiles     = 32
	maxStatement = 64 << 10
	maxSignature = 1 << 10
	maxFileName  = 120 // bytes
	maxEntries   = MaxFiles + 3
)

// File is one lexicon file of a package.
type File struct {
	Name string // file name, without the lexicons/ folder
	SM3  string // hex, as the statement gives it
	Size int64  // bytes, as the statement gives it
	Data []byte
}

// Info is what the publisher states about a package.
type Info struct {
	Publisher string // the publisher's name, as it signs
	Version   string // digits separated by '.' or '-', compared number by number
	Date      string // YYYY-MM-DD
}

// Package is a lexicon package that has been read and, after Open,
// verified: its signature checked with a trusted key and every file
// matched against the signed statement.
type Package struct {
	Info
	Key       string // hex SM3 of the signing key, as the statement gives it
	Files     []File
	Lexicons  []*lexicon.Lexicon // parsed, in statement order; set by Open
	Trusted   string             // the name the verifying key is trusted under; set by Open
	statement []byte
	signature []byte
	extra     []string // entries the statement does not list
}

// KeyLookup returns the trusted key with fingerprint fp and the name it is
// trusted under; ok is false when no such key is trusted.
type KeyLookup func(fp string) (name string, key *ecdsa.PublicKey, ok bool, err error)

// Pack signs files as a package of info with priv. Every file must be a
// valid lexicon, so that a publisher never sends one that workspaces
// refuse. Its errors are the publisher's to fix, not refusals (*Error).
func Pack(priv *sm2.PrivateKey, info Info, files []File) ([]byte, error) {
	if err := checkInfo(info); err != nil {
		return nil, err
	}
	if len(files) == 0 || len(files) > MaxFiles {
		return nil, ErrFileCount
	}
	der, err := publicDER(&priv.PublicKey)
	if err != nil {
		return nil, err
	}
	p := &Package{Info: info, Key: Fingerprint(der)}
	seen := map[string]bool{}
	for _, f := range files {
		if err := checkFileName(f.Name, seen); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		if _, err := lexicon.Parse(f.Name, f.Data, ""); err != nil {
			return nil, err // names the file
		}
		sum := sm3.Sum(f.Data)
		p.Files = append(p.Files, File{Name: f.Name, SM3: hex.EncodeToString(sum[:]), Size: int64(len(f.Data)), Data: f.Data})
	}
	p.statement = []byte(p.statementText())
	if p.signature, err = priv.Sign(rand.Reader, p.statement, sm2.DefaultSM2SignerOpts); err != nil {
		return nil, fmt.Errorf("sign package: %w", err)
	}
	return p.zip()
}

// statementText is the canonical statement the signature covers.
func (p *Package) statementText() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\npublisher: %s\npackage: %s\ndate: %s\nkey: %s\n", Format, p.Publisher, p.Version, p.Date, p.Key)
	for _, f := range p.Files {
		fmt.Fprintf(&b, "file: %s %d %s\n", f.SM3, f.Size, f.Name)
	}
	return b.String()
}

// zip writes the package with entries in a fixed order and time, so that
// packing the same files twice differs only in the signature.
func (p *Package) zip() ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	when, _ := time.Parse(time.DateOnly, p.Date)
	put := func(name string, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: when})
		if err == nil {
			_, err = w.Write(data)
		}
		return err
	}
	sig := base64.StdEncoding.EncodeToString(p.signature) + "\n"
	err := errors.Join(put(statementName, p.statement), put(signatureName, []byte(sig)))
	for _, f := range p.Files {
		err = errors.Join(err, put(lexiconDir+f.Name, f.Data))
	}
	if err = errors.Join(err, zw.Close()); err != nil {
		return nil, fmt.Errorf("write package: %w", err)
	}
	return buf.Bytes(), nil
}

// Open reads and verifies a package: the signing key must be one
// that trusted finds, the signature must verify over the statement, and
// the files must be exactly those the statement lists, byte for byte.
// Any failure is a *Error saying which.
func Open(data []byte, trusted KeyLookup) (*Package, error) {
	p, err := Read(data)
	if err != nil {
		return nil, err
	}
	name, key, ok, err := trusted(p.Key)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, p.Refuse(ReasonUnknownKey, "", nil)
	}
	if !sm2.VerifyASN1WithSM2(key, nil, p.statement, p.signature) {
		return nil, p.Refuse(ReasonBadSignature, "", nil)
	}
	p.Trusted = name
	if err := p.checkFiles(); err != nil {
		return nil, err
	}
	return p, p.parseLexicons()
}

// Read reads a package's structure and statement without checking
// the signature: what Open does first, and what a fuzzer can reach.
func Read(data []byte) (*Package, error) {
	entries, extra, err := readZip(data)
	if err != nil {
		return nil, err
	}
	st, ok := entries[statementName]
	sig, ok2 := entries[signatureName]
	if !ok || !ok2 {
		return nil, &Error{Reason: ReasonNoStatement}
	}
	p, err := parseStatement(st)
	if err != nil {
		return nil, err
	}
	p.extra = extra
	p.signature, err = base64.StdEncoding.DecodeString(strings.TrimSpace(string(sig)))
	if err != nil {
		return nil, p.Refuse(ReasonBadSignature, "", err)
	}
	for i, f := range p.Files {
		if d, ok := entries[lexiconDir+f.Name]; ok {
			p.Files[i].Data = d
		}
	}
	for name := range entries {
		if n, ok := strings.CutPrefix(name, lexiconDir); ok && !p.lists(n) {
			p.extra = append(p.extra, name)
		}
	}
	return p, nil
}

func (p *Package) lists(name string) bool {
	for _, f := range p.Files {
		if f.Name == name {
			return true
		}
	}
	return false
}

// Refuse returns the refusal of p for reason r, naming its publisher, key
// and version, and file if it concerns one.
func (p *Package) Refuse(r Reason, file string, err error) *Error {
	return &Error{Reason: r, File: file, Publisher: p.Publisher, Key: p.Key, Version: p.Version, Err: err}
}

// checkFiles matches the package's files with the signed statement.
func (p *Package) checkFiles() error {
	for _, f := range p.Files {
		if f.Data == nil {
			return p.Refuse(ReasonMissingFile, f.Name, nil)
		}
	}
	if len(p.extra) > 0 {
		return p.Refuse(ReasonExtraFile, strings.TrimPrefix(p.extra[0], lexiconDir), nil)
	}
	for _, f := range p.Files {
		sum := sm3.Sum(f.Data)
		if int64(len(f.Data)) != f.Size || hex.EncodeToString(sum[:]) != f.SM3 {
			return p.Refuse(ReasonHashMismatch, f.Name, nil)
		}
	}
	return nil
}

func (p *Package) parseLexicons() error {
	names := map[string]string{}
	for _, f := range p.Files {
		l, err := lexicon.Parse(f.Name, f.Data, "")
		if err != nil {
			return p.Refuse(ReasonBadLexicon, f.Name, err)
		}
		if other, dup := names[l.Name]; dup {
			return p.Refuse(ReasonDuplicate, f.Name, fmt.Errorf("%s and %s both hold lexicon %q", other, f.Name, l.Name))
		}
		names[l.Name] = f.Name
		p.Lexicons = append(p.Lexicons, l)
	}
	return nil
}

// readZip returns the package's statement, signature and lexicon files by
// name, and the names of entries that have no place in a package. It
// refuses unsafe, duplicate (also by case) or oversized entries before
// reading them, and damaged ones after.
func readZip(data []byte) (map[string][]byte, []string, error) {
	if len(data) > MaxSize {
		return nil, nil, &Error{Reason: ReasonTooLarge}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, &Error{Reason: ReasonNotPackage, Err: err}
	}
	if len(zr.File) > maxEntries {
		return nil, nil, &Error{Reason: ReasonLayout, Err: fmt.Errorf("%d entries", len(zr.File))}
	}
	entries, seen := map[string][]byte{}, map[string]bool{}
	var extra []string
	total := 0
	for _, f := range zr.File {
		if f.Name == lexiconDir && f.Mode().IsDir() {
			continue
		}
		if err := checkEntry(f, seen); err != nil {
			return nil, nil, err
		}
		limit := entryLimit(f.Name)
		if limit == 0 {
			extra = append(extra, f.Name)
			continue
		}
		d, err := readEntry(f, limit)
		if err != nil {
			return nil, nil, err
		}
		if total += len(d); total > MaxSize {
			return nil, nil, &Error{Reason: ReasonTooLarge}
		}
		entries[f.Name] = d
	}
	return entries, extra, nil
}

// checkEntry refuses an entry whose name is unsafe or taken, or that is
// encrypted or compressed in a way Shenfa does not read.
func checkEntry(f *zip.File, seen map[string]bool) error {
	name := f.Name
	bad := f.Mode().IsDir() || strings.HasPrefix(name, "/") || strings.ContainsAny(name, "\\\x00") ||
		path.Clean(name) != name || strings.HasPrefix(name, "../") || name == ".." ||
		!utf8Valid(name) || f.Flags&1 != 0 || (f.Method != zip.Store && f.Method != zip.Deflate)
	if bad {
		return &Error{Reason: ReasonLayout, File: name}
	}
	if low := strings.ToLower(name); seen[low] {
		return &Error{Reason: ReasonLayout, File: name, Err: errors.New("duplicate entry")}
	} else {
		seen[low] = true
	}
	return nil
}

// entryLimit is the most bytes an entry may hold, 0 for one that has no
// place in a package.
func entryLimit(name string) int {
	switch name {
	case statementName:
		return maxStatement
	case signatureName:
		return maxSignature
	}
	if n, ok := strings.CutPrefix(name, lexiconDir); ok && checkFileName(n, map[string]bool{}) == nil {
		return lexicon.MaxFileSize
	}
	return 0
}

func readEntry(f *zip.File, limit int) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, &Error{Reason: ReasonTooLarge, File: f.Name}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{Reason: ReasonDamaged, File: f.Name, Err: err}
	}
	defer rc.Close()
	d, err := io.ReadAll(io.LimitReader(rc, int64(limit)+1))
	if err != nil {
		return nil, &Error{Reason: ReasonDamaged, File: f.Name, Err: err}
	}
	if len(d) > limit {
		return nil, &Error{Reason: ReasonTooLarge, File: f.Name}
	}
	return d, nil
}
