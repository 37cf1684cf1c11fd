package slx

import (
	"archive/zip"
	"bytes"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"

	"shenfa/sensitive/lexicon"
)

// publisher is a test publisher's key pair.
type publisher struct {
	priv   *sm2.PrivateKey
	public []byte // PEM
}

func newPublisher(t testing.TB) publisher {
	t.Helper()
	priv, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := smx509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return publisher{priv, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})}
}

func fixtureFile(t testing.TB, name string) File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return File{Name: name, Data: data}
}

var provinceInfo = Info{Publisher: "某省委网信办", Version: "2026.1", Date: "2026-10-01"}

func (p publisher) pack(t testing.TB, info Info, files ...File) []byte {
	t.Helper()
	data, err := Pack(p.priv, info, files)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// rezip rebuilds a package's zip, passing every entry through edit (which
// may change its name or data, or drop it) and adding more at the end.
func rezip(t testing.TB, data []byte, edit func(name string, b []byte) (string, []byte), more ...File) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name string, b []byte) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if name, b := edit(f.Name, b); name != "" {
			put(name, b)
		}
	}
	for _, m := range more {
		put(m.Name, m.Data)
	}
	zw.Close()
	return buf.Bytes()
}

func entryOf(t testing.TB, data []byte, name string) []byte {
	var out []byte
	rezip(t, data, func(n string, b []byte) (string, []byte) {
		if n == name {
			out = b
		}
		return n, b
	})
	return out
}

// resign replaces the statement with edit's version of it, signed by priv.
func resign(t testing.TB, data []byte, priv *sm2.PrivateKey, edit func(string) string) []byte {
	st := edit(string(entryOf(t, data, statementName)))
	sig, err := priv.Sign(rand.Reader, []byte(st), sm2.DefaultSM2SignerOpts)
	if err != nil {
		t.Fatal(err)
	}
	return rezip(t, data, func(n string, b []byte) (string, []byte) {
		switch n {
		case statementName:
			return n, []byte(st)
		case signatureName:
			return n, []byte(base64.StdEncoding.EncodeToString(sig))
		}
		return n, b
	})
}

// TestEveryByteOfThePackageCounts flips each byte of a small package in
// turn: a flip may land in zip bookkeeping that carries no content (a time
// stamp), but none may be accepted with other words or another statement.
func TestEveryByteOfThePackageCounts(t *testing.T) {
	pub := newPublisher(t)
	good := pub.pack(t, provinceInfo, File{Name: "a.txt", Data: []byte("甲\n")})
	p, err := Open(good, pub.lookup)
	if err != nil {
		t.Fatal(err)
	}
	for i := range good {
		c := bytes.Clone(good)
		c[i] ^= 0x01
		q, err := Open(c, pub.lookup)
		if err == nil && (q.statementText() != p.statementText() || string(q.Files[0].Data) != "甲\n") {
			t.Fatalf("byte %d flipped: accepted with different content", i)
		}
	}
}

func TestPublisherKeys(t *testing.T) {
	priv, public, err := GenerateKey([]byte("口令足够长的口令"))
	if err != nil {
		t.Fatal(err)
	}
	k, err := ParsePrivateKey(priv, []byte("口令足够长的口令"))
	if err != nil {
		t.Fatal(err)
	}
	pub, der, err := ParsePublicKey(public)
	if err != nil || !k.PublicKey.Equal(pub) || Fingerprint(der) == "" {
		t.Fatalf("public key %v", err)
	}
	plain := pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: mustPKCS8(t, k)})
	tests := []struct {
		name string
		err  error
	}{
		{"weak", func() error { _, _, err := GenerateKey([]byte("short")); return err }()},
		{"wrong passphrase", func() error { _, err := ParsePrivateKey(priv, []byte("别的口令别的口令")); return err }()},
		{"public key as private", func() error { _, err := ParsePrivateKey(public, nil); return err }()},
		{"unprotected key", func() error { _, err := ParsePrivateKey(plain, nil); return err }()},
	}
	want := []error{ErrWeakPassphrase, ErrBadPassphrase, ErrBadKeyFile, ErrBadKeyFile}
	for i, tt := range tests {
		if !errors.Is(tt.err, want[i]) {
			t.Errorf("%s: %v, want %v", tt.name, tt.err, want[i])
		}
	}
}

func mustPKCS8(t *testing.T, k *sm2.PrivateKey) []byte {
	der, err := smx509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func TestPackRefusesBadInput(t *testing.T) {
	pub := newPublisher(t)
	good := fixtureFile(t, "province-v1.toml")
	tests := []struct {
		name  string
		info  Info
		files []File
		want  error
	}{
		{"no files", provinceInfo, nil, ErrFileCount},
		{"version with letters", Info{"甲", "v2", "2026-01-01"}, []File{good}, ErrVersion},
		{"bad date", Info{"甲", "1", "2026-13-01"}, []File{good}, ErrDate},
		{"publisher on two lines", Info{"甲\n乙", "1", "2026-01-01"}, []File{good}, ErrName},
		{"folder in a name", provinceInfo, []File{{Name: "a/b.toml", Data: good.Data}}, ErrFileName},
		{"same name twice", provinceInfo, []File{good, {Name: "Province-v1.toml", Data: good.Data}}, ErrFileTwice},
		{"not a lexicon", provinceInfo, []File{{Name: "x.toml", Data: []byte("wrod = 1")}}, lexicon.ErrUnknownField},
	}
	for _, tt := range tests {
		_, err := Pack(pub.priv, tt.info, tt.files)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int // sign
	}{
		{"2026.2", "2026.1", 1}, {"2026.10", "2026.9", 1}, {"2026.3", "2026.3.1", -1}, {"2026-12-01", "2026-11-30", 1},
		{"2026.03", "2026.3", 0}, {"1", "1", 0}, {"2027", "2026.12", 1},
	}
	for _, tt := range tests {
		got := CompareVersions(tt.a, tt.b)
		if (got > 0) != (tt.want > 0) || (got < 0) != (tt.want < 0) {
			t.Errorf("CompareVersions(%s, %s) = %d", tt.a, tt.b, got)
		}
	}
	for v, ok := range map[string]bool{"2026.1": true, "2026-12-01": true, "1": true, "": false, "1..2": false,
		".1": false, "1.": false, "v1": false, "1 2": false, "1234567890": false, "1.2.3.4.5.6.7": false} {
		if validVersion(v) != ok {
			t.Errorf("validVersion(%q) = %v", v, !ok)
		}
	}
}

func TestStatementIsCanonical(t *testing.T) {
	pub := newPublisher(t)
	st := string(entryOf(t, pub.pack(t, provinceInfo, fixtureFile(t, "province-v1.toml")), statementName))
	if _, err := parseStatement([]byte(st)); err != nil {
		t.Fatalf("own statement: %v", err)
	}
	tests := []struct {
		name string
		edit func(string) string
		line int
	}{
		{"CRLF", func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }, 0},
		{"no final LF", func(s string) string { return strings.TrimSuffix(s, "\n") }, 0},
		{"trailing space", func(s string) string { return strings.Replace(s, "\ndate: 2026-10-01", "\ndate: 2026-10-01 ", 1) }, 4},
		{"fields swapped", func(s string) string {
			return strings.Replace(strings.Replace(s, "package: ", "PKG", 1), "publisher: ", "package: ", 1)
		}, 2},
		{"upper-case key", func(s string) string {
			i := strings.Index(s, "key: ") + 5
			return s[:i] + strings.ToUpper(s[i:i+64]) + s[i+64:]
		}, 5},
		{"size with a plus", func(s string) string {
			i := strings.Index(s, "file: ") + len("file: ") + 64 + 1
			return s[:i] + "+" + s[i:]
		}, 6},
		{"no file", func(s string) string { return s[:strings.Index(s, "file: ")] }, 6},
		{"empty line", func(s string) string { return s + "\n" }, 7},
	}
	for _, tt := range tests {
		_, err := parseStatement([]byte(tt.edit(st)))
		var pe *Error
		if !errors.As(err, &pe) || pe.Reason != ReasonBadStatement || pe.Line != tt.line {
			t.Errorf("%s: %v, want line %d", tt.name, err, tt.line)
		}
	}
}

// FuzzReadPackage feeds outside input to the package reader: it must never
// panic, and whatever statement it accepts must be exactly the one it would
// write, so that what is shown is what was signed.
func FuzzReadPackage(f *testing.F) {
	pub := newPublisher(f)
	good := pub.pack(f, provinceInfo, fixtureFile(f, "province-v1.toml"), fixtureFile(f, "province-list.txt"))
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(rezip(f, good, func(n string, b []byte) (string, []byte) { return n, b },
		File{Name: "lexicons/x.toml", Data: []byte("x")}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Read(data)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.Reason == "" {
				t.Fatalf("error without a reason: %v", err)
			}
			return
		}
		if p.statementText() != string(p.statement) {
			t.Fatalf("accepted statement %q is not canonical", p.statement)
		}
		Open(data, pub.lookup) // must not panic
	})
}

// FuzzStatement checks the statement parser alone, with the same property.
func FuzzStatement(f *testing.F) {
	pub := newPublisher(f)
	f.Add(entryOf(f, pub.pack(f, provinceInfo, fixtureFile(f, "province-v1.toml")), statementName))
	f.Add([]byte(Format + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parseStatement(data)
		if err == nil && p.statementText() != string(data) {
			t.Fatalf("accepted statement %q is not canonical", data)
		}
	})
}

func init() { KeyIterations = 1000 } // tests need protected keys, not slow ones

// lookup trusts p's key, and only that, as 某省委网信办.
func (p publisher) lookup(fp string) (string, *ecdsa.PublicKey, bool, error) {
	k, der, err := ParsePublicKey(p.public)
	if err != nil || Fingerprint(der) != fp {
		return "", nil, false, err
	}
	return "某省委网信办", k, true, nil
}

func TestPackAndOpen(t *testing.T) {
	pub, other := newPublisher(t), newPublisher(t)
	data := pub.pack(t, provinceInfo, fixtureFile(t, "province-v1.toml"), fixtureFile(t, "province-list.txt"))
	p, err := Open(data, pub.lookup)
	if err != nil {
		t.Fatal(err)
	}
	_, der, _ := ParsePublicKey(pub.public)
	if p.Info != provinceInfo || p.Key != Fingerprint(der) || p.Trusted != "某省委网信办" || len(p.Lexicons) != 2 ||
		p.Lexicons[0].Name != "某省通报用语" || p.Lexicons[1].Name != "province-list" || p.Files[1].Size != int64(len(p.Files[1].Data)) {
		t.Errorf("opened %+v", p)
	}
	st := string(entryOf(t, data, statementName))
	if !strings.HasPrefix(st, Format+"\npublisher: 某省委网信办\npackage: 2026.1\ndate: 2026-10-01\nkey: "+p.Key+"\nfile: ") {
		t.Errorf("statement %q", st)
	}
	_, err = Open(data, other.lookup)
	var e *Error
	if !errors.As(err, &e) || e.Reason != ReasonUnknownKey || e.Key != p.Key || e.Publisher != "某省委网信办" {
		t.Errorf("opened with another trusted key: %v", err)
	}
}
