package lexicons

import (
	"archive/zip"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"

	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/review/lexicons/slx"
	"shenfa/sensitive/finding"
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

func fixtureFile(t testing.TB, name string) slx.File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return slx.File{Name: name, Data: data}
}

var provinceInfo = slx.Info{Publisher: "某省委网信办", Version: "2026.1", Date: "2026-10-01"}

func (p publisher) pack(t testing.TB, info slx.Info, files ...slx.File) []byte {
	t.Helper()
	data, err := slx.Pack(p.priv, info, files)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// rezip rebuilds a package's zip, passing every entry through edit (which
// may change its name or data, or drop it) and adding more at the end.
func rezip(t testing.TB, data []byte, edit func(name string, b []byte) (string, []byte), more ...slx.File) []byte {
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
	st := edit(string(entryOf(t, data, "statement.txt")))
	sig, err := priv.Sign(rand.Reader, []byte(st), sm2.DefaultSM2SignerOpts)
	if err != nil {
		t.Fatal(err)
	}
	return rezip(t, data, func(n string, b []byte) (string, []byte) {
		switch n {
		case "statement.txt":
			return n, []byte(st)
		case "statement.sig":
			return n, []byte(base64.StdEncoding.EncodeToString(sig))
		}
		return n, b
	})
}

// trusting returns a fixture whose secadmin trusts pub as 某省委网信办.
func trusting(t *testing.T, pub publisher) *fixture {
	f := seeded(t)
	if _, err := f.store.Trust(f.ctx, f.sec, pub.public, "某省委网信办"); err != nil {
		t.Fatal(err)
	}
	return f
}

// stored is what the workspace holds, to show that a refusal stored nothing.
func (f *fixture) stored() string {
	f.t.Helper()
	var b strings.Builder
	for _, q := range []string{`SELECT count(*) FROM lexicon`, `SELECT count(*) FROM lexicon_entry`,
		`SELECT count(*) FROM lexicon_origin`, `SELECT count(*) FROM audit`} {
		var n int
		if err := f.db.SQL.QueryRow(q).Scan(&n); err != nil {
			f.t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d ", q[len("SELECT count(*) FROM "):], n)
	}
	return b.String()
}

func TestPackageImport(t *testing.T) {
	pub := newPublisher(t)
	f := trusting(t, pub)
	pkg := pub.pack(t, provinceInfo, fixtureFile(t, "province-v1.toml"), fixtureFile(t, "province-list.txt"))
	p, ups, err := f.store.ImportPackage(f.ctx, f.sec, pkg, false)
	if err != nil {
		t.Fatal(err)
	}
	if p.Publisher != "某省委网信办" || p.Trusted != "某省委网信办" || p.Version != "2026.1" || len(ups) != 2 || !ups[0].New {
		t.Fatalf("package %+v, updates %+v", p.Info, ups)
	}
	i := f.info("某省通报用语")
	if i.Builtin || i.Publisher != "某省委网信办" || i.Package != "2026.1" || i.Entries != 2 || i.Version != "2026-10-01" {
		t.Errorf("stored %+v", i)
	}
	if i := f.info("province-list"); i.Entries != 2 || i.Category != finding.Sensitive {
		t.Errorf("plain list stored as %+v", i)
	}
	rows := f.auditRows(ActionPackageImport)
	if len(rows) != 2 || rows[1].Actor != "sec" || !strings.Contains(rows[1].Detail, "package 某省委网信办 version 2026.1") ||
		!strings.Contains(rows[1].Detail, "key sm3:"+p.Key) {
		t.Errorf("audit %+v", rows)
	}

	// secadmin adjusts one word; the publisher's next package changes it too.
	must(t, f.store.PutEntry(f.ctx, f.sec, "某省通报用语", "另一错误提法",
		lexicon.Entry{Word: "另一错误提法", Category: finding.Political, Severity: finding.Info}))
	v2 := slx.Info{Publisher: "某省委网信办", Version: "2026.2", Date: "2026-12-01"}
	pkg2 := pub.pack(t, v2, fixtureFile(t, "province-v2.toml"), fixtureFile(t, "province-list.txt"))
	p2, err := f.store.VerifyPackage(f.ctx, f.sec, pkg2)
	if err != nil {
		t.Fatal(err)
	}
	ups, err = f.store.PackageUpdates(f.ctx, f.sec, p2)
	if err != nil || len(ups) != 2 {
		t.Fatalf("updates %+v, %v", ups, err)
	}
	want := []string{"conflict changed 另一错误提法 severity", "changed 某地错误提法 note", "added 第三错误提法"}
	if got := describeAll(ups[0].Changes); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("v2 changes %q, want %q", got, want)
	}
	if len(ups[1].Changes) != 0 {
		t.Errorf("unchanged file offers %q", describeAll(ups[1].Changes))
	}
	AcceptAll(ups, false)
	must(t, f.store.ApplyPackage(f.ctx, f.sec, p2, ups))
	if i := f.info("某省通报用语"); i.Package != "2026.2" || i.Version != "2026-12-01+1" || i.Entries != 3 {
		t.Errorf("after v2: %+v", i)
	}
	if l, _ := f.store.Load(f.ctx, "某省通报用语"); l.Entries[1].Severity != finding.Info {
		t.Errorf("the local edit was overwritten: %+v", l.Entries[1])
	}
	// The same or an older package is refused now.
	for _, data := range [][]byte{pkg, pkg2} {
		before := f.stored()
		_, _, err := f.store.ImportPackage(f.ctx, f.sec, data, true)
		var pe *slx.Error
		if !errors.As(err, &pe) || pe.Reason != slx.ReasonNotNewer || pe.Have != "2026.2" || f.stored() != before {
			t.Errorf("re-import: %v", err)
		}
	}
}

func TestPackageTampering(t *testing.T) {
	pub, other := newPublisher(t), newPublisher(t)
	good := pub.pack(t, provinceInfo, fixtureFile(t, "province-v1.toml"), fixtureFile(t, "province-list.txt"))
	flip := func(b []byte, i int) []byte { c := bytes.Clone(b); c[i] ^= 0x20; return c }
	edit := func(name string, change func([]byte) []byte) []byte {
		return rezip(t, good, func(n string, b []byte) (string, []byte) {
			if n == name {
				return n, change(b)
			}
			return n, b
		})
	}
	drop := func(name string) []byte {
		return rezip(t, good, func(n string, b []byte) (string, []byte) {
			if n == name {
				return "", nil
			}
			return n, b
		})
	}
	extra := slx.File{Name: "lexicons/extra.toml", Data: []byte("name = \"加塞\"\n[[entry]]\nword = \"加塞词\"\n")}
	tests := []struct {
		name string
		data []byte
		want slx.Reason
		file string
	}{
		{"not a zip", []byte("name = \"x\"\n"), slx.ReasonNotPackage, ""},
		{"truncated", good[:len(good)/2], slx.ReasonNotPackage, ""},
		{"raw byte changed in the zip", flip(good, len(good)/3), "", ""}, // damaged or a bad signature, see below
		{"statement missing", drop("statement.txt"), slx.ReasonNoStatement, ""},
		{"signature missing", drop("statement.sig"), slx.ReasonNoStatement, ""},
		{"publisher renamed", edit("statement.txt", func(b []byte) []byte {
			return bytes.Replace(b, []byte("某省委网信办"), []byte("某市委网信办"), 1)
		}), slx.ReasonBadSignature, ""},
		{"package version raised", edit("statement.txt", func(b []byte) []byte {
			return bytes.Replace(b, []byte("package: 2026.1"), []byte("package: 2026.9"), 1)
		}), slx.ReasonBadSignature, ""},
		{"signature byte changed", edit("statement.sig", func(b []byte) []byte {
			sig, _ := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
			return []byte(base64.StdEncoding.EncodeToString(flip(sig, 20)))
		}), slx.ReasonBadSignature, ""},
		{"signature not base64", edit("statement.sig", func([]byte) []byte { return []byte("!!") }), slx.ReasonBadSignature, ""},
		{"signed by another key", resign(t, good, other.priv, func(s string) string { return s }), slx.ReasonBadSignature, ""},
		{"unknown publisher", other.pack(t, provinceInfo, fixtureFile(t, "province-v1.toml")), slx.ReasonUnknownKey, ""},
		{"lexicon byte changed", edit("lexicons/province-v1.toml", func(b []byte) []byte {
			return bytes.Replace(b, []byte("规范提法"), []byte("规范题法"), 1)
		}), slx.ReasonHashMismatch, "province-v1.toml"},
		{"lexicon truncated", edit("lexicons/province-list.txt", func(b []byte) []byte { return b[:len(b)-1] }),
			slx.ReasonHashMismatch, "province-list.txt"},
		{"wrong hash signed", resign(t, good, pub.priv, func(s string) string {
			i := strings.Index(s, "file: ") + len("file: ")
			return s[:i] + strings.Repeat("0", 64) + s[i+64:]
		}), slx.ReasonHashMismatch, "province-v1.toml"},
		{"file missing", drop("lexicons/province-list.txt"), slx.ReasonMissingFile, "province-list.txt"},
		{"file added", rezip(t, good, func(n string, b []byte) (string, []byte) { return n, b }, extra), slx.ReasonExtraFile, "extra.toml"},
		{"other file added", rezip(t, good, func(n string, b []byte) (string, []byte) { return n, b },
			slx.File{Name: "readme.exe", Data: []byte("MZ")}), slx.ReasonExtraFile, "readme.exe"},
		{"file renamed", rezip(t, good, func(n string, b []byte) (string, []byte) {
			return strings.Replace(n, "province-list.txt", "province-list2.txt", 1), b
		}), slx.ReasonMissingFile, "province-list.txt"},
		{"entry twice", rezip(t, good, func(n string, b []byte) (string, []byte) { return n, b },
			slx.File{Name: "Statement.txt", Data: []byte("x")}), slx.ReasonLayout, ""},
		{"path out of the package", rezip(t, good, func(n string, b []byte) (string, []byte) { return n, b },
			slx.File{Name: "lexicons/../../etc/x.toml", Data: []byte("x")}), slx.ReasonLayout, ""},
		{"statement malformed", resign(t, good, pub.priv, func(s string) string {
			return strings.Replace(s, "date: 2026-10-01", "date: 1.10.2026", 1)
		}), slx.ReasonBadStatement, ""},
		{"statement format unknown", resign(t, good, pub.priv, func(s string) string {
			return strings.Replace(s, slx.Format, "shenfa-lexicon-package 2", 1)
		}), slx.ReasonBadStatement, ""},
	}
	for _, tt := range tests {
		f := trusting(t, pub)
		before := f.stored()
		_, _, err := f.store.ImportPackage(f.ctx, f.sec, tt.data, true)
		var pe *slx.Error
		if !errors.As(err, &pe) {
			t.Errorf("%s: %v, want a refusal", tt.name, err)
			continue
		}
		want := tt.want
		if want == "" && (pe.Reason == slx.ReasonDamaged || pe.Reason == slx.ReasonNotPackage || pe.Reason == slx.ReasonBadSignature ||
			pe.Reason == slx.ReasonHashMismatch || pe.Reason == slx.ReasonBadStatement) {
			want = pe.Reason
		}
		if pe.Reason != want || (tt.file != "" && pe.File != tt.file) {
			t.Errorf("%s: refused as %s (file %q), want %s (file %q): %v", tt.name, pe.Reason, pe.File, want, tt.file, err)
		}
		if after := f.stored(); after != before {
			t.Errorf("%s: a refused package changed the workspace: %s → %s", tt.name, before, after)
		}
	}
	f := trusting(t, pub)
	if _, _, err := f.store.ImportPackage(f.ctx, f.sec, good, false); err != nil {
		t.Errorf("the untampered package is refused: %v", err)
	}
}

func TestPackageNameClash(t *testing.T) {
	pub, other := newPublisher(t), newPublisher(t)
	f := trusting(t, pub)
	if _, err := f.store.Trust(f.ctx, f.sec, other.public, "某市保密局"); err != nil {
		t.Fatal(err)
	}
	builtin := slx.File{Name: "d.toml", Data: []byte(strings.Replace(defaultTOML, "2026-11-01", "2027", 1))}
	tests := []struct {
		name string
		data []byte
	}{
		{"a built-in lexicon's name", pub.pack(t, provinceInfo, builtin)},
		{"another publisher's lexicon", other.pack(t, provinceInfo, fixtureFile(t, "province-v1.toml"))},
	}
	if _, _, err := f.store.ImportPackage(f.ctx, f.sec, pub.pack(t, provinceInfo, fixtureFile(t, "province-v1.toml")), false); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		before := f.stored()
		_, _, err := f.store.ImportPackage(f.ctx, f.sec, tt.data, true)
		var pe *slx.Error
		if !errors.As(err, &pe) || pe.Reason != slx.ReasonNameClash || f.stored() != before {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

func TestTrustOnlyBySecadmin(t *testing.T) {
	pub, pub2 := newPublisher(t), newPublisher(t)
	f := seeded(t)
	n, _ := audit.Count(f.ctx, f.db.SQL, audit.Filter{})
	for _, who := range []*account.Session{f.sys, f.aud, nil} {
		if _, err := f.store.Trust(f.ctx, who, pub.public, "某省委网信办"); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("trust by %v: %v", who, err)
		}
		if _, err := f.store.Untrust(f.ctx, who, "某省委网信办"); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("untrust by %v: %v", who, err)
		}
		if _, err := f.store.Trusted(f.ctx, who); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("list by %v: %v", who, err)
		}
		if _, err := f.store.VerifyPackage(f.ctx, who, nil); !errors.Is(err, account.ErrForbidden) {
			t.Errorf("verify by %v: %v", who, err)
		}
	}
	if after, _ := audit.Count(f.ctx, f.db.SQL, audit.Filter{}); after != n {
		t.Errorf("refused trust changes wrote %d audit rows", after-n)
	}
	nist, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	nistDER, _ := x509.MarshalPKIXPublicKey(&nist.PublicKey)
	nistPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: nistDER})
	p, err := f.store.Trust(f.ctx, f.sec, pub.public, " 某省委网信办 ")
	if err != nil || p.Name != "某省委网信办" || len(p.Key) != 64 {
		t.Fatalf("trust: %+v, %v", p, err)
	}
	tests := []struct {
		name string
		op   func() error
		want error
	}{
		{"same key again", func() error { _, err := f.store.Trust(f.ctx, f.sec, pub.public, "别名"); return err }, ErrKeyTrusted},
		{"not a key", func() error { _, err := f.store.Trust(f.ctx, f.sec, []byte("hello"), "甲"); return err }, slx.ErrBadPublicKey},
		{"a NIST P-256 key", func() error { _, err := f.store.Trust(f.ctx, f.sec, nistPEM, "甲"); return err }, slx.ErrBadPublicKey},
		{"a private key", func() error {
			_, err := f.store.Trust(f.ctx, f.sec, []byte("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA==\n-----END ENCRYPTED PRIVATE KEY-----\n"), "甲")
			return err
		}, slx.ErrBadPublicKey},
		{"no name", func() error { _, err := f.store.Trust(f.ctx, f.sec, pub2.public, "  "); return err }, slx.ErrName},
		{"second key of the publisher", func() error { _, err := f.store.Trust(f.ctx, f.sec, pub2.public, "某省委网信办"); return err }, nil},
		{"untrust unknown", func() error { _, err := f.store.Untrust(f.ctx, f.sec, "无此发布方"); return err }, ErrNoSuchPublisher},
		{"untrust short prefix", func() error { _, err := f.store.Untrust(f.ctx, f.sec, p.Key[:4]); return err }, ErrNoSuchPublisher},
		{"untrust by fingerprint", func() error {
			gone, err := f.store.Untrust(f.ctx, f.sec, slx.ShortFingerprint(p.Key))
			if err == nil && (len(gone) != 1 || gone[0].Key != p.Key) {
				err = errors.New("removed the wrong key")
			}
			return err
		}, nil},
		{"untrust by name", func() error { _, err := f.store.Untrust(f.ctx, f.sec, "某省委网信办"); return err }, nil},
	}
	for _, tt := range tests {
		if err := tt.op(); !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	if list, err := f.store.Trusted(f.ctx, f.sec); err != nil || len(list) != 0 {
		t.Errorf("left trusted: %+v, %v", list, err)
	}
	if len(f.auditRows(ActionTrust)) != 2 || len(f.auditRows(ActionUntrust)) != 2 {
		t.Errorf("trust audit rows: %d trust, %d untrust", len(f.auditRows(ActionTrust)), len(f.auditRows(ActionUntrust)))
	}
	// Once the key is no longer trusted, its packages are refused.
	_, _, err = f.store.ImportPackage(f.ctx, f.sec, pub.pack(t, provinceInfo, fixtureFile(t, "province-v1.toml")), false)
	var pe *slx.Error
	if !errors.As(err, &pe) || pe.Reason != slx.ReasonUnknownKey || pe.Key != p.Key {
		t.Errorf("import after untrust: %v", err)
	}
}
