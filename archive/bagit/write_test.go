package bagit_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"shenfa/archive/bagit"
)

var sample = []bagit.File{
	{Path: "Z001-WS·2026-D10-0001/Z001-WS·2026-D10-0001.pdf", Data: []byte("%PDF-1.7 签名的记录\n")},
	{Path: "Z001-WS·2026-D10-0001/原件/关于春节期间政务服务大厅开放安排的通知.docx", Data: []byte("PK\x03\x04 原件")},
	{Path: "Z001-WS·2026-D10-0001/manifest.json", Data: []byte(`{"format": "shenfa-record 1"}` + "\n")},
	{Path: "Z001-WS·2026-D10-0001/record.json", Data: []byte(`{"code": "Z001-WS·2026-D10-0001"}` + "\n")},
	{Path: "杂项/100% 完成\n第二行.txt", Data: []byte("文件名里有百分号和换行")},
	{Path: "空文件.txt", Data: nil},
}

var sampleInfo = bagit.Info{SourceOrganization: "江城市人民政府办公室", ContactName: "陈档案",
	ExternalDescription: "审发归档记录 1 件", ExternalIdentifiers: []string{"Z001-WS·2026-D10-0001"},
	SoftwareAgent: "Shenfa test", BaggingDate: time.Date(2026, 3, 2, 0, 0, 0, 0, time.Local)}

// independent runs the stdlib-only Python check of testdata/check_bag.py.
func independent(t *testing.T, dir string) (string, bool) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed: the independent check cannot run")
	}
	out, err := exec.Command("python3", "-I", "-S", "testdata/check_bag.py", dir).CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("check_bag.py: %v\n%s", err, out)
	}
	return strings.TrimSpace(string(out)), err == nil
}

func verify(t *testing.T, dir string) *bagit.Report {
	t.Helper()
	r, err := bagit.Verify(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestWriteMakesAValidBag(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "移交-2026")
	if err := bagit.Write(dir, sample, sampleInfo); err != nil {
		t.Fatal(err)
	}
	r := verify(t, dir)
	if !r.Valid() {
		t.Fatalf("own bag invalid: %v", r.Problems)
	}
	if out, ok := independent(t, dir); !ok || out != "valid" {
		t.Fatalf("independent check: %s", out)
	}
	declaration, _ := os.ReadFile(filepath.Join(dir, "bagit.txt"))
	if string(declaration) != "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n" {
		t.Errorf("bagit.txt: %q", declaration)
	}
	for _, name := range []string{"manifest-sha256.txt", "manifest-sha512.txt", "manifest-sm3.txt",
		"tagmanifest-sha256.txt", "tagmanifest-sha512.txt"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("no %s", name)
		}
	}
	want := map[string][]string{"Source-Organization": {"江城市人民政府办公室"}, "Bagging-Date": {"2026-03-02"},
		"Payload-Oxum": {"134.6"}, "Bag-Count": {"1 of 1"}, "External-Identifier": {"Z001-WS·2026-D10-0001"},
		"External-Description": {"审发归档记录 1 件"}, "Bag-Software-Agent": {"Shenfa test"}}
	for label, vs := range want {
		if got := r.Values(label); !slices.Equal(got, vs) {
			t.Errorf("%s: %q, want %q", label, got, vs)
		}
	}
	if r.Octets != 134 || r.Streams != 6 {
		t.Errorf("payload %d.%d", r.Octets, r.Streams)
	}
	// the Chinese names, the % and the line break are on disk as given
	for _, f := range sample {
		got, err := os.ReadFile(filepath.Join(dir, "data", filepath.FromSlash(f.Path)))
		if err != nil || string(got) != string(f.Data) {
			t.Errorf("%s: %q %v", f.Path, got, err)
		}
	}
	m, _ := os.ReadFile(filepath.Join(dir, "manifest-sha256.txt"))
	if !strings.Contains(string(m), "data/杂项/100%25 完成%0A第二行.txt\n") {
		t.Errorf("path not percent-encoded for %% and LF only:\n%s", m)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".*"))
	if len(leftovers) > 0 {
		t.Errorf("left behind: %v", leftovers)
	}
}

func TestWriteRefuses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []bagit.File
		setup func(dir string)
		want  error
	}{
		{"target holds a file", sample[:1], func(dir string) {
			os.MkdirAll(dir, 0o700)
			os.WriteFile(filepath.Join(dir, "x"), nil, 0o600)
		}, bagit.ErrExists},
		{"target is a file", sample[:1], func(dir string) { os.WriteFile(dir, nil, 0o600) }, bagit.ErrExists},
		{"absolute path", []bagit.File{{Path: "/etc/passwd"}}, nil, bagit.ErrBadPath},
		{"dot dot", []bagit.File{{Path: "a/../../b"}}, nil, bagit.ErrBadPath},
		{"unclean", []bagit.File{{Path: "a//b"}}, nil, bagit.ErrBadPath},
		{"backslash", []bagit.File{{Path: `a\b`}}, nil, bagit.ErrBadPath},
		{"surrounding space", []bagit.File{{Path: "a/ b"}}, nil, bagit.ErrBadPath},
		{"twice", []bagit.File{{Path: "a"}, {Path: "a"}}, nil, bagit.ErrBadPath},
		{"file and directory", []bagit.File{{Path: "a"}, {Path: "a/b"}}, nil, bagit.ErrBadPath},
		{"not UTF-8", []bagit.File{{Path: "\xff.txt"}}, nil, bagit.ErrBadPath},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "bag")
			if tc.setup != nil {
				tc.setup(dir)
			}
			if err := bagit.Write(dir, tc.files, sampleInfo); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	t.Run("empty directory is replaced", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "bag")
		os.Mkdir(dir, 0o700)
		if err := bagit.Write(dir, sample, sampleInfo); err != nil {
			t.Fatal(err)
		}
		if !verify(t, dir).Valid() {
			t.Fatal("invalid")
		}
	})
}

// faultFS fails its n-th operation the way a full disk or a pulled medium
// does: a failing write leaves half the file behind first.
type faultFS struct {
	bagit.OS
	failAt, n   int
	err         error
	removeFails bool
	ops         []string
}

func (f *faultFS) step(op string) error {
	f.ops = append(f.ops, op)
	f.n++
	if f.n-1 == f.failAt {
		return f.err
	}
	return nil
}

func (f *faultFS) Mkdir(name string) error {
	if err := f.step("mkdir " + name); err != nil {
		return err
	}
	return f.OS.Mkdir(name)
}

func (f *faultFS) WriteFile(name string, data []byte) error {
	if err := f.step("write " + name); err != nil {
		os.WriteFile(name, data[:len(data)/2], 0o600)
		return err
	}
	return f.OS.WriteFile(name, data)
}

func (f *faultFS) SyncDir(name string) error {
	if err := f.step("sync " + name); err != nil {
		return err
	}
	return f.OS.SyncDir(name)
}

func (f *faultFS) Rename(from, to string) error {
	if err := f.step("rename " + to); err != nil {
		return err
	}
	return f.OS.Rename(from, to)
}

func (f *faultFS) Remove(name string) error {
	if err := f.step("remove " + name); err != nil {
		return err
	}
	return f.OS.Remove(name)
}

func (f *faultFS) RemoveAll(name string) error {
	if f.removeFails {
		return syscall.EIO
	}
	return f.OS.RemoveAll(name)
}

// TestWriteFailureLeavesNothing fails each file system operation of a
// write in turn (disk full, medium removed, permission denied): the error
// says what happened, and no bag, complete-looking or not, remains.
func TestWriteFailureLeavesNothing(t *testing.T) {
	for _, cause := range []error{syscall.ENOSPC, syscall.EIO, syscall.EACCES} {
		for at := 0; ; at++ {
			parent := t.TempDir()
			dir := filepath.Join(parent, "bag")
			fsys := &faultFS{failAt: at, err: cause}
			err := bagit.Writer{FS: fsys}.Write(dir, sample, sampleInfo)
			if at >= fsys.n { // every operation has been failed once
				if err != nil {
					t.Fatalf("no failure injected, still: %v", err)
				}
				break
			}
			op := fsys.ops[at]
			var we *bagit.WriteError
			if !errors.As(err, &we) || !errors.Is(err, cause) || we.Leftover != "" {
				t.Fatalf("%v at %s: got %v", cause, op, err)
			}
			if left, _ := os.ReadDir(parent); len(left) != 0 {
				t.Fatalf("%v at %s: left %v", cause, op, left)
			}
		}
	}
}

// TestWriteFailureCannotClean: when the partial bag cannot be removed
// either (the medium is gone), the error names it, and it is not at the
// bag's name.
func TestWriteFailureCannotClean(t *testing.T) {
	for at := 1; at < 12; at++ { // from 1: when the first mkdir fails there is nothing to remove
		parent := t.TempDir()
		dir := filepath.Join(parent, "bag")
		fsys := &faultFS{failAt: at, err: syscall.EIO, removeFails: true}
		err := bagit.Writer{FS: fsys}.Write(dir, sample, sampleInfo)
		var we *bagit.WriteError
		if !errors.As(err, &we) {
			t.Fatalf("at %d: %v", at, err)
		}
		if we.Leftover == "" || filepath.Base(we.Leftover) == "bag" ||
			!strings.HasPrefix(filepath.Base(we.Leftover), bagit.PartialPrefix(dir)) {
			t.Fatalf("at %s: leftover %q", fsys.ops[at], we.Leftover)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("at %s: something at the bag's name", fsys.ops[at])
		}
		if !strings.Contains(err.Error(), "could not be removed") {
			t.Errorf("message does not say so: %v", err)
		}
	}
}

// TestTruncatedBagFails: a bag cut short in place (a copy interrupted, a
// medium pulled) does not verify.
func TestTruncatedBagFails(t *testing.T) {
	for _, tc := range []struct {
		file string
		keep float64 // the fraction kept
		want []bagit.Kind
	}{
		{"data/Z001-WS·2026-D10-0001/Z001-WS·2026-D10-0001.pdf", 0.5, []bagit.Kind{bagit.Mismatch, bagit.OxumMismatch}},
		{"data/Z001-WS·2026-D10-0001/record.json", 0, []bagit.Kind{bagit.Mismatch, bagit.OxumMismatch}},
		{"manifest-sha256.txt", 0.5, []bagit.Kind{bagit.Unlisted, bagit.Mismatch}},
		{"tagmanifest-sha512.txt", 0.5, []bagit.Kind{bagit.BadLine}},
		{"bag-info.txt", 0.3, []bagit.Kind{bagit.Mismatch, bagit.NoOxum}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "bag")
			if err := bagit.Write(dir, sample, sampleInfo); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, filepath.FromSlash(tc.file))
			st, _ := os.Stat(name)
			if err := os.Truncate(name, int64(float64(st.Size())*tc.keep)); err != nil {
				t.Fatal(err)
			}
			r := verify(t, dir)
			if r.Valid() {
				t.Fatal("a truncated bag verifies")
			}
			for _, k := range tc.want {
				if !r.Has(k) {
					t.Errorf("no %s in %v", k, r.Problems)
				}
			}
			if out, ok := independent(t, dir); ok {
				t.Errorf("independent check passes a truncated bag: %s", out)
			}
		})
	}
}
