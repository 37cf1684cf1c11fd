package bagit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Bags arrive from elsewhere: the parsers of their tag files must take any
// bytes without panicking, and give back only what they could read.

func FuzzParseManifest(f *testing.F) {
	for _, s := range []string{
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  data/空.txt\n",
		"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855\tdata/a%25b%0Ac\r\n",
		"abcd data/../../x\r\nabcd  /etc/passwd\rabcd C:\\x\n\n",
		"abcd ./data/./x\nabcd data/x\nabcd data//x\n", "\xef\xbb\xbf", "x", " \t ", "%", "ab\x00 cd",
	} {
		f.Add([]byte(s), 64)
		f.Add([]byte(s), 0)
	}
	f.Fuzz(func(t *testing.T, data []byte, size int) {
		if size < 0 || size > 256 {
			size = 0
		}
		entries, problems := parseManifest("manifest-x.txt", data, size)
		seen := map[string]bool{}
		for _, e := range entries {
			if c, why := cleanPath(e.path); why != "" || c != e.path {
				t.Fatalf("entry path %q is not clean: %s", e.path, why)
			}
			if e.path == ".." || strings.HasPrefix(e.path, "../") || strings.HasPrefix(e.path, "/") {
				t.Fatalf("entry %q outside the bag", e.path)
			}
			if !isHex(e.sum) || e.sum != strings.ToLower(e.sum) || (size > 0 && len(e.sum) != size) {
				t.Fatalf("checksum %q", e.sum)
			}
			if seen[e.path] {
				t.Fatalf("%q twice", e.path)
			}
			seen[e.path] = true
		}
		for _, p := range problems {
			if p.Kind == "" || p.Line <= 0 {
				t.Fatalf("problem without kind or line: %+v", p)
			}
		}
	})
}

func FuzzParseTags(f *testing.F) {
	for _, s := range []string{
		"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
		"Payload-Oxum: 12.3\r\nExternal-Description: a\r\n  b\r\n\tc\r\n", ": x\n", "nocolon\n", " lead\n",
		"\xef\xbb\xbfLabel: 值\n", "\xff\xfe", "A:B:C\rD:\r",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fields, _ := parseTags("bag-info.txt", data)
		for _, fd := range fields {
			if fd.Label == "" || strings.ContainsAny(fd.Label, ":\r\n") || strings.ContainsAny(fd.Value, "\r\n") {
				t.Fatalf("field %+v", fd)
			}
		}
		// what Write writes reads back the same
		if utf8.Valid(data) {
			var clean []Field
			for _, fd := range fields {
				if l := labelOf(fd.Label); l != "" && strings.TrimSpace(l) == l && oneLine(fd.Value) != "" {
					clean = append(clean, Field{l, oneLine(fd.Value)})
				}
			}
			back, problems := parseTags("bag-info.txt", formatTags(clean))
			if len(problems) > 0 || len(back) != len(clean) {
				t.Fatalf("round trip of %q: %v %v", clean, back, problems)
			}
			for i := range back {
				if back[i] != clean[i] {
					t.Fatalf("round trip: %q became %q", clean[i], back[i])
				}
			}
		}
	})
}

func FuzzPaths(f *testing.F) {
	for _, s := range []string{"data/a.txt", "data/100%.txt", "data/a\nb", "%0A%0d%25%2", "%%%", "data/\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		enc := encodePath(p)
		if strings.ContainsAny(enc, "\r\n") {
			t.Fatalf("%q encodes to %q", p, enc)
		}
		if got := decodePath(enc); got != p {
			t.Fatalf("%q encodes to %q, decodes to %q", p, enc, got)
		}
		decodePath(p)
		cleanPath(p)
	})
}

func FuzzParseOxumAndFetch(f *testing.F) {
	for _, s := range []string{"12.3", "0.0", "99999999999999999999.1", ".", "1.", "-1.2",
		"https://example.org/a 12 data/a b.txt\n- - data/x\nurl\u3000-\u3000data/y\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if o, n, ok := parseOxum(s); ok && (o < 0 || n < 0) {
			t.Fatalf("%q: %d.%d", s, o, n)
		}
		entries, _ := parseFetch("fetch.txt", []byte(s))
		for _, e := range entries {
			if c, why := cleanPath(e.path); why != "" || c != e.path {
				t.Fatalf("fetch path %q", e.path)
			}
		}
	})
}

// FuzzVerify runs the whole verifier on a bag whose manifest and bag-info
// are the fuzzer's: it must report, never panic, and never read outside.
func FuzzVerify(f *testing.F) {
	f.Add([]byte("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  data/a.txt\n"), []byte("Payload-Oxum: 0.1\n"))
	f.Add([]byte("00  data/../outside.txt\n"), []byte(""))
	f.Fuzz(func(t *testing.T, manifest, info []byte) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "bag")
		os.MkdirAll(filepath.Join(dir, "data"), 0o700)
		os.WriteFile(filepath.Join(parent, "outside.txt"), []byte("secret"), 0o600)
		os.WriteFile(filepath.Join(dir, "bagit.txt"), []byte("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"), 0o600)
		os.WriteFile(filepath.Join(dir, "data", "a.txt"), nil, 0o600)
		os.WriteFile(filepath.Join(dir, "manifest-sha256.txt"), manifest, 0o600)
		os.WriteFile(filepath.Join(dir, "bag-info.txt"), info, 0o600)
		r, err := Verify(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, fr := range r.Files {
			if strings.Contains(fr.Path, "outside") && fr.Size >= 0 {
				t.Fatalf("read outside the bag: %+v", fr)
			}
		}
	})
}
