package slx

import (
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Reason says why a package was refused; the interface turns each
// into a message that says what is wrong and what to do.
type Reason string

// Reasons for refusing a package.
const (
	ReasonNotPackage   Reason = "not_package"       // not a zip file at all
	ReasonTooLarge     Reason = "too_large"         // over a size limit
	ReasonDamaged      Reason = "damaged"           // an entry fails its zip checksum or does not decompress
	ReasonLayout       Reason = "layout"            // an unsafe, duplicate, encrypted or folder entry
	ReasonNoStatement  Reason = "no_statement"      // statement.txt or statement.sig is missing
	ReasonBadStatement Reason = "bad_statement"     // the statement does not follow the format
	ReasonUnknownKey   Reason = "unknown_key"       // signed with a key the workspace does not trust
	ReasonBadSignature Reason = "bad_signature"     // the signature does not verify over the statement
	ReasonMissingFile  Reason = "missing_file"      // a file the statement lists is not in the package
	ReasonExtraFile    Reason = "extra_file"        // the package holds a file the statement does not list
	ReasonHashMismatch Reason = "hash_mismatch"     // a file's size or SM3 differs from the statement
	ReasonBadLexicon   Reason = "bad_lexicon"       // a file is not a valid lexicon
	ReasonDuplicate    Reason = "duplicate_lexicon" // two files hold lexicons of the same name
	ReasonNotNewer     Reason = "not_newer"         // not newer than the version already imported
	ReasonNameClash    Reason = "name_clash"        // a lexicon of the same name came from elsewhere
)

// Error is a refused package. Nothing of a refused package is stored.
type Error struct {
	Reason    Reason
	File      string // the file in the package concerned, if any
	Line      int    // the statement line concerned, if any
	Publisher string // as the statement names it
	Key       string // hex SM3 of the signing key, as the statement gives it
	Version   string // package version
	Have      string // the version already imported (not_newer)
	Lexicon   string // the lexicon concerned (not_newer, name_clash)
	Err       error
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "lexicon package refused: %s", e.Reason)
	for _, f := range []struct{ k, v string }{{"file", e.File}, {"publisher", e.Publisher}, {"key", e.Key},
		{"version", e.Version}, {"have", e.Have}, {"lexicon", e.Lexicon}} {
		if f.v != "" {
			fmt.Fprintf(&b, ", %s %s", f.k, f.v)
		}
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ", line %d", e.Line)
	}
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Problems with a statement, or with what a publisher asks Pack to sign;
// the interface translates each of them.
var (
	ErrVersion   = errors.New("package version must be numbers separated by '.' or '-', such as 2026.3")
	ErrDate      = errors.New("date must be YYYY-MM-DD")
	ErrFileName  = fmt.Errorf("file names are 1-%d bytes ending in .toml or .txt, without folders or control characters", maxFileName)
	ErrFileTwice = errors.New("the same file name is listed twice")
	ErrFileCount = fmt.Errorf("a package holds 1 to %d lexicon files", MaxFiles)
	ErrText      = errors.New("the statement must be UTF-8 lines ending in LF")
	ErrFormat    = fmt.Errorf("the first line must be %q", Format)
	ErrField     = errors.New("a line does not hold the field expected there, as \"name: value\"")
	ErrKey       = errors.New("key must be 64 lower-case hex digits")
	ErrFileLine  = errors.New(`a file line must be "file: <SM3> <size> <name>"`)
	ErrFileSize  = errors.New("a file's size must be a number of bytes")
)

func checkInfo(info Info) error {
	if n, err := CheckName(info.Publisher); err != nil || n != info.Publisher {
		return ErrName
	}
	if !validVersion(info.Version) {
		return ErrVersion
	}
	if _, err := time.Parse(time.DateOnly, info.Date); err != nil {
		return ErrDate
	}
	return nil
}

// validVersion accepts up to six numbers of up to nine digits, so that
// versions compare number by number without overflow.
func validVersion(v string) bool {
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == '.' || r == '-' })
	if len(parts) == 0 || len(parts) > 6 || strings.Trim(v, "0123456789.-") != "" ||
		strings.Count(v, ".")+strings.Count(v, "-") != len(parts)-1 {
		return false
	}
	for _, p := range parts {
		if len(p) > 9 {
			return false
		}
	}
	return true
}

// CompareVersions orders package versions number by number: 2026.10 is
// newer than 2026.9, and 2026.3.1 newer than 2026.3.
func CompareVersions(a, b string) int {
	split := func(v string) []int {
		var out []int
		for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == '.' || r == '-' }) {
			n, _ := strconv.Atoi(p)
			out = append(out, n)
		}
		return out
	}
	x, y := split(a), split(b)
	for i := range max(len(x), len(y)) {
		var p, q int
		if i < len(x) {
			p = x[i]
		}
		if i < len(y) {
			q = y[i]
		}
		if p != q {
			return p - q
		}
	}
	return len(x) - len(y)
}

func checkFileName(name string, seen map[string]bool) error {
	ext := strings.ToLower(path.Ext(name))
	if name == "" || len(name) > maxFileName || !utf8Valid(name) || strings.ContainsAny(name, "/\\") ||
		strings.ContainsFunc(name, unicode.IsControl) || name != strings.TrimSpace(name) ||
		strings.HasPrefix(name, ".") || (ext != ".toml" && ext != ".txt") {
		return ErrFileName
	}
	if low := strings.ToLower(name); seen[low] {
		return ErrFileTwice
	} else {
		seen[low] = true
	}
	return nil
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }

// ErrName reports a publisher name that is empty, too long or not on one line.
var ErrName = errors.New("a publisher needs a name of 1-100 characters on one line")

// maxName bounds a publisher's name in runes.
const maxName = 100

// CheckName returns a publisher's name without surrounding spaces, or
// ErrName.
func CheckName(name string) (string, error) {
	name = strings.TrimSpace(name)
	n := utf8.RuneCountInString(name)
	if n == 0 || n > maxName || !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl) {
		return "", ErrName
	}
	return name, nil
}

// parseStatement reads a statement that must be exactly what
// statementText writes: any other spelling of the same facts is refused,
// so that what was signed and what is shown cannot differ.
func parseStatement(data []byte) (*Package, error) {
	fail := func(line int, err error) error {
		return &Error{Reason: ReasonBadStatement, File: statementName, Line: line, Err: err}
	}
	text := string(data)
	if !utf8.Valid(data) || strings.ContainsAny(text, "\r\x00") || !strings.HasSuffix(text, "\n") {
		return nil, fail(0, ErrText)
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if lines[0] != Format {
		return nil, fail(1, ErrFormat)
	}
	fields := []string{"publisher", "package", "date", "key"}
	if len(lines) < len(fields)+2 {
		return nil, fail(len(lines)+1, ErrField)
	}
	values := make([]string, len(fields))
	for i, f := range fields {
		v, ok := strings.CutPrefix(lines[i+1], f+": ")
		if !ok || v != strings.TrimSpace(v) {
			return nil, fail(i+2, ErrField)
		}
		values[i] = v
	}
	p := &Package{Info: Info{Publisher: values[0], Version: values[1], Date: values[2]}, Key: values[3], statement: data}
	if err := checkInfo(p.Info); err != nil {
		return nil, fail(infoLine(err), err)
	}
	if !isHex64(p.Key) {
		return nil, fail(5, ErrKey)
	}
	seen := map[string]bool{}
	for i, line := range lines[len(fields)+1:] {
		f, err := parseFileLine(line, seen)
		if err != nil {
			return nil, fail(i+len(fields)+2, err)
		}
		p.Files = append(p.Files, f)
	}
	if len(p.Files) > MaxFiles {
		return nil, fail(0, ErrFileCount)
	}
	return p, nil
}

// infoLine is the statement line of the field checkInfo refused.
func infoLine(err error) int {
	switch {
	case errors.Is(err, ErrVersion):
		return 3
	case errors.Is(err, ErrDate):
		return 4
	}
	return 2
}

// parseFileLine reads "file: <sm3> <size> <name>".
func parseFileLine(line string, seen map[string]bool) (File, error) {
	rest, ok := strings.CutPrefix(line, "file: ")
	parts := strings.SplitN(rest, " ", 3)
	if !ok || len(parts) != 3 || !isHex64(parts[0]) {
		return File{}, ErrFileLine
	}
	size, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != parts[1] {
		return File{}, ErrFileSize
	}
	if err := checkFileName(parts[2], seen); err != nil {
		return File{}, err
	}
	return File{Name: parts[2], SM3: parts[0], Size: size}, nil
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}
