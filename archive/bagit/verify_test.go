package bagit_test

import (
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shenfa/archive/bagit"
)

func ownBag(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bag")
	if err := bagit.Write(dir, sample, sampleInfo); err != nil {
		t.Fatal(err)
	}
	return dir
}

const pdfPath = "data/Z001-WS·2026-D10-0001/Z001-WS·2026-D10-0001.pdf"

// TestVerifyRefusesDamage: a bag with one changed byte, a missing file, an
// extra payload file or a wrong Payload-Oxum is refused, by this verifier
// with the right problem and by the independent check.
func TestVerifyRefusesDamage(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(dir string)
		want   bagit.Problem // Kind, File, Path and Algorithm as expected
		python string        // what the independent check says
	}{
		{"one changed byte", func(dir string) {
			p := filepath.Join(dir, pdfPath)
			b, _ := os.ReadFile(p)
			b[3] ^= 0x01
			os.WriteFile(p, b, 0o600)
		}, bagit.Problem{Kind: bagit.Mismatch, File: "manifest-sha256.txt", Path: pdfPath, Algorithm: "sha256"}, "checksum differs"},
		{"missing file", func(dir string) {
			os.Remove(filepath.Join(dir, pdfPath))
		}, bagit.Problem{Kind: bagit.Missing, File: "manifest-sha512.txt", Path: pdfPath, Algorithm: "sha512"}, "is missing"},
		{"extra payload file", func(dir string) {
			os.WriteFile(filepath.Join(dir, "data/多出来的.txt"), []byte("x"), 0o600)
		}, bagit.Problem{Kind: bagit.Unlisted, File: "manifest-sm3.txt", Path: "data/多出来的.txt", Algorithm: "sm3"}, "is not listed"},
		{"wrong Payload-Oxum", func(dir string) {
			editTag(dir, "bag-info.txt", "Payload-Oxum: 134.6", "Payload-Oxum: 135.6")
		}, bagit.Problem{Kind: bagit.OxumMismatch, File: "bag-info.txt", Want: "135.6", Got: "134.6"}, "Payload-Oxum '135.6'"},
		{"changed manifest line", func(dir string) {
			editTag(dir, "manifest-sha256.txt", "data/空文件.txt", "data/空文件2.txt")
		}, bagit.Problem{Kind: bagit.Missing, File: "manifest-sha256.txt", Path: "data/空文件2.txt", Algorithm: "sha256"}, "is missing"},
		{"changed tag file", func(dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, "bag-info.txt"))
			os.WriteFile(filepath.Join(dir, "bag-info.txt"), []byte(strings.Replace(string(b), "陈档案", "王档案", 1)), 0o600)
		}, bagit.Problem{Kind: bagit.Mismatch, File: "tagmanifest-sha512.txt", Path: "bag-info.txt", Algorithm: "sha512"}, "checksum differs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := ownBag(t)
			tc.damage(dir)
			r := verify(t, dir)
			if r.Valid() {
				t.Fatal("the damaged bag verifies")
			}
			if !hasProblem(r, tc.want) {
				t.Errorf("no %+v in\n%v", tc.want, r.Problems)
			}
			if out, ok := independent(t, dir); ok || !strings.Contains(out, tc.python) {
				t.Errorf("independent check: %s", out)
			}
		})
	}
}

// editTag changes a tag file and brings the tag manifests up to date, so
// that only the change itself is wrong.
func editTag(dir, name, from, to string) {
	p := filepath.Join(dir, name)
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), from, to, 1)), 0o600)
	rewriteTagManifests(dir)
}

func rewriteTagManifests(dir string) {
	tags, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	for alg, h := range map[string]func() hash.Hash{"sha256": sha256.New, "sha512": sha512.New} {
		var b strings.Builder
		for _, p := range tags {
			if strings.HasPrefix(filepath.Base(p), "tagmanifest-") {
				continue
			}
			fmt.Fprintf(&b, "%s  %s\n", sumOf(h, p), filepath.Base(p))
		}
		os.WriteFile(filepath.Join(dir, "tagmanifest-"+alg+".txt"), []byte(b.String()), 0o600)
	}
}

func sumOf(h func() hash.Hash, path string) string {
	b, _ := os.ReadFile(path)
	d := h()
	d.Write(b)
	return hex.EncodeToString(d.Sum(nil))
}

func hasProblem(r *bagit.Report, want bagit.Problem) bool {
	for _, p := range r.Problems {
		if p.Kind == want.Kind && p.File == want.File && p.Path == want.Path && p.Algorithm == want.Algorithm &&
			(want.Want == "" || p.Want == want.Want) && (want.Got == "" || p.Got == want.Got) {
			return true
		}
	}
	return false
}

// foreign writes a bag by hand in the style of another producer.
func foreign(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "foreign")
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func hexOf(h func() hash.Hash, s string) string {
	d := h()
	d.Write([]byte(s))
	return hex.EncodeToString(d.Sum(nil))
}

const (
	readme = "Hello, 接收方!\n"
	photo  = "\x89PNG not really"
)

// TestVerifyForeignBags: bags as bagit.py and bagit-java write them verify,
// with what could not be checked reported, not held against them.
func TestVerifyForeignBags(t *testing.T) {
	sha512s := fmt.Sprintf("%s  data/README.txt\n%s  data/images/照片 1.png\n", hexOf(sha512.New, readme), hexOf(sha512.New, photo))
	oxum := fmt.Sprintf("Payload-Oxum: %d.2", len(readme)+len(photo))
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	pythonInfo := "Bag-Software-Agent: bagit.py v1.8.1 <https://github.com/LibraryOfCongress/bagit-python>\n" +
		"Bagging-Date: 2024-05-01\n" + oxum + "\nContact-Name: Ed Summers\nExternal-Description: A long\n  description that\n\tcontinues.\n"
	for _, tc := range []struct {
		name     string
		files    map[string]string
		warnings []bagit.Kind
		skipped  string // a manifest reported as not checked
	}{
		{"bagit.py, sha512 only, with a tag manifest", map[string]string{
			"bagit.txt":           "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
			"bag-info.txt":        pythonInfo,
			"manifest-sha512.txt": sha512s,
			"data/README.txt":     readme, "data/images/照片 1.png": photo,
			"tagmanifest-sha512.txt": hexOf(sha512.New, "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n") + "  bagit.txt\n" +
				hexOf(sha512.New, pythonInfo) + "  bag-info.txt\n" + hexOf(sha512.New, sha512s) + "  manifest-sha512.txt\n",
		}, nil, ""},
		{"bagit-java, CRLF, Bag-Size, other tag files", map[string]string{
			"bagit.txt":           crlf("BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n"),
			"bag-info.txt":        crlf("Bag-Size: 1.2 KB\n" + oxum + "\nBagging-Date: 2019-01-01\nBag-Group-Identifier: G1\n"),
			"aptrust-info.txt":    crlf("Title: Something\nAccess: Institution\n"),
			"metadata/dc.xml":     "<dc/>",
			"manifest-sha512.txt": crlf(strings.ReplaceAll(sha512s, "  ", " ")),
			"manifest-md5.txt":    crlf(fmt.Sprintf("%s data/README.txt\n%s data/images/照片 1.png\n", hexOf(md5.New, readme), hexOf(md5.New, photo))),
			"tagmanifest-md5.txt": crlf(hexOf(md5.New, "<dc/>") + " metadata/dc.xml\n"),
			"data/README.txt":     readme, "data/images/照片 1.png": photo,
		}, []bagit.Kind{bagit.WeakAlgorithm}, ""},
		{"CR line ends, tab separator, no bag-info, an unknown algorithm", map[string]string{
			"bagit.txt":           "BagIt-Version: 1.0\rTag-File-Character-Encoding: utf-8\r",
			"manifest-sha512.txt": strings.ReplaceAll(strings.ReplaceAll(sha512s, "  ", "\t"), "\n", "\r"),
			"manifest-blake3.txt": "abcd data/README.txt\n",
			"data/README.txt":     readme, "data/images/照片 1.png": photo,
		}, []bagit.Kind{bagit.UnknownAlgorithm, bagit.NoOxum}, "manifest-blake3.txt"},
		{"percent-encoded name and a byte order mark in bag-info", map[string]string{
			"bagit.txt":           "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
			"bag-info.txt":        "\ufeffPayload-Oxum: 1.1\n",
			"manifest-sha256.txt": hexOf(sha256.New, "x") + "  data/100%25.txt\n",
			"data/100%.txt":       "x",
		}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := verify(t, foreign(t, tc.files))
			if !r.Valid() {
				t.Fatalf("invalid: %v", r.Errors())
			}
			for _, k := range tc.warnings {
				if !r.Has(k) {
					t.Errorf("no warning %s: %v", k, r.Problems)
				}
			}
			for _, c := range r.Checks {
				if (c.Status == bagit.Skipped) != (c.File == tc.skipped && c.File != "") && c.Name != bagit.CheckOxum {
					t.Errorf("check %s %s: %s", c.Name, c.File, c.Status)
				}
			}
			for _, f := range r.Files {
				if f.Status != "" {
					t.Errorf("%s: %s", f.Path, f.Status)
				}
			}
		})
	}
}

// TestVerifyRefusesForeign: what is wrong in a bag from elsewhere is found.
func TestVerifyRefusesForeign(t *testing.T) {
	decl := "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
	good := hexOf(sha256.New, readme) + "  data/README.txt\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  bagit.Kind
	}{
		{"not a bag", map[string]string{"data/README.txt": readme}, bagit.NotBag},
		{"version unknown", map[string]string{"bagit.txt": "BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n",
			"manifest-sha256.txt": good, "data/README.txt": readme}, bagit.BadVersion},
		{"no encoding", map[string]string{"bagit.txt": "BagIt-Version: 1.0\n", "manifest-sha256.txt": good,
			"data/README.txt": readme}, bagit.BadDeclaration},
		{"encoding not UTF-8", map[string]string{"bagit.txt": "BagIt-Version: 1.0\nTag-File-Character-Encoding: GB18030\n",
			"manifest-sha256.txt": good, "data/README.txt": readme}, bagit.BadEncoding},
		{"no manifest", map[string]string{"bagit.txt": decl, "data/README.txt": readme}, bagit.NoManifest},
		{"only an unknown algorithm", map[string]string{"bagit.txt": decl, "manifest-blake3.txt": "abcd  data/README.txt\n",
			"data/README.txt": readme}, bagit.NoManifest},
		{"no data directory", map[string]string{"bagit.txt": decl, "manifest-sha256.txt": ""}, bagit.NoPayloadDir},
		{"path outside the bag", map[string]string{"bagit.txt": decl, "manifest-sha256.txt": good +
			hexOf(sha256.New, "secret") + "  data/../../secret.txt\n", "data/README.txt": readme}, bagit.BadPath},
		{"payload manifest lists a tag file", map[string]string{"bagit.txt": decl, "manifest-sha256.txt": good +
			hexOf(sha256.New, decl) + "  bagit.txt\n", "data/README.txt": readme}, bagit.BadPath},
		{"short checksum", map[string]string{"bagit.txt": decl, "manifest-sha256.txt": "abcd  data/README.txt\n",
			"data/README.txt": readme}, bagit.BadLine},
		{"two checksums for one file", map[string]string{"bagit.txt": decl, "manifest-sha256.txt": good +
			hexOf(sha256.New, "other") + "  data/README.txt\n", "data/README.txt": readme}, bagit.Duplicate},
		{"Payload-Oxum garbled", map[string]string{"bagit.txt": decl, "manifest-sha256.txt": good,
			"bag-info.txt": "Payload-Oxum: lots\n", "data/README.txt": readme}, bagit.BadOxum},
		{"bag-info line without a colon", map[string]string{"bagit.txt": decl, "manifest-sha256.txt": good,
			"bag-info.txt": "Source-Organization: X\nnonsense\n", "data/README.txt": readme}, bagit.BadLine},
		{"file still to fetch", map[string]string{"bagit.txt": decl, "manifest-sha256.txt": good +
			hexOf(sha256.New, "far") + "  data/far.txt\n", "fetch.txt": "https://example.org/far.txt 3 data/far.txt\n",
			"data/README.txt": readme}, bagit.Fetch},
		{"tag manifest lists a missing file", map[string]string{"bagit.txt": decl, "manifest-sha256.txt": good,
			"tagmanifest-sha256.txt": hexOf(sha256.New, "") + "  gone.txt\n", "data/README.txt": readme}, bagit.Missing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := verify(t, foreign(t, tc.files))
			if r.Valid() || !r.Has(tc.want) {
				t.Fatalf("want %s, got %v", tc.want, r.Problems)
			}
		})
	}
}

func TestVerifyNeverLeavesTheBag(t *testing.T) {
	parent := t.TempDir()
	os.WriteFile(filepath.Join(parent, "secret.txt"), []byte("secret"), 0o600)
	dir := foreign(t, map[string]string{"bagit.txt": "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
		"manifest-sha256.txt": hexOf(sha256.New, readme) + "  data/README.txt\n", "data/README.txt": readme})
	if err := os.Symlink(filepath.Join(parent, "secret.txt"), filepath.Join(dir, "data", "link.txt")); err != nil {
		t.Fatal(err)
	}
	r := verify(t, dir)
	if r.Valid() || !r.Has(bagit.NotRegular) {
		t.Fatalf("a symbolic link in the payload: %v", r.Problems)
	}
}

func TestVerifyUnreadable(t *testing.T) {
	if _, err := bagit.Verify(filepath.Join(t.TempDir(), "nothing")); err == nil {
		t.Error("a missing directory verifies")
	}
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, nil, 0o600)
	if _, err := bagit.Verify(f); err == nil {
		t.Error("a file verifies as a bag")
	}
}

// TestReportPerCheck: the report has one check per manifest and says how
// many files each covered.
func TestReportPerCheck(t *testing.T) {
	r := verify(t, ownBag(t))
	got := map[string]bagit.Check{}
	for _, c := range r.Checks {
		got[string(c.Name)+" "+c.File] = c
	}
	for _, k := range []string{"declaration bagit.txt", "bag_info bag-info.txt", "payload_manifest manifest-sha256.txt",
		"payload_manifest manifest-sha512.txt", "payload_manifest manifest-sm3.txt", "tag_manifest tagmanifest-sha256.txt",
		"tag_manifest tagmanifest-sha512.txt", "completeness ", "payload_oxum bag-info.txt"} {
		if c, ok := got[k]; !ok || c.Status != bagit.Passed {
			t.Errorf("%s: %+v", k, c)
		}
	}
	if c := got["payload_manifest manifest-sm3.txt"]; c.Files != len(sample) {
		t.Errorf("sm3 manifest covered %d files", c.Files)
	}
	if c := got["tag_manifest tagmanifest-sha256.txt"]; c.Files != 5 {
		t.Errorf("tag manifest covered %d files", c.Files)
	}
	if len(r.Files) != len(sample)+5 {
		t.Errorf("%d file results", len(r.Files))
	}
	for _, f := range r.Files {
		if f.Status != "" || len(f.Bad) > 0 || (!f.Tag && len(f.OK) != 3) {
			t.Errorf("%+v", f)
		}
	}
}
