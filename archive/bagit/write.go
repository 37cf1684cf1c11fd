package bagit

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

// Errors of Write.
var (
	ErrExists  = errors.New("the target exists and is not an empty directory")
	ErrBadPath = errors.New("not a payload path")
	// ErrNotValid is a bag that did not verify once written.
	ErrNotValid = errors.New("the bag does not verify")
)

// WriteError is a bag that could not be written. Nothing is left at the target;
// Leftover names a partial directory that could not be removed either.
type WriteError struct {
	Op       string // prepare, write, sync, verify or rename
	Path     string // the file concerned, relative to the bag; "" for the bag
	Err      error
	Leftover string
	Report   *Report // the verification that failed, for Op "verify"
}

func (e *WriteError) Error() string {
	s := "bag: " + e.Op
	if e.Path != "" {
		s += " " + e.Path
	}
	s += ": " + e.Err.Error()
	if e.Leftover != "" {
		s += " (the partial bag " + e.Leftover + " could not be removed)"
	}
	return s
}

func (e *WriteError) Unwrap() error { return e.Err }

// FS is the file system Write writes through: the operating system's, or,
// in tests, one that fails the way a full disk or a pulled medium does.
type FS interface {
	Mkdir(name string) error
	// WriteFile creates name (failing if it exists), writes data, syncs
	// and closes it.
	WriteFile(name string, data []byte) error
	SyncDir(name string) error
	Rename(from, to string) error
	Remove(name string) error // a file or an empty directory
	RemoveAll(name string) error
}

// OS is the operating system's file system. Bags hold records: only their
// owner may read them.
type OS struct{}

// Mkdir makes a directory only its owner can enter.
func (OS) Mkdir(name string) error { return os.Mkdir(name, 0o700) }

// WriteFile writes a new file and syncs it to the medium.
func (OS) WriteFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// SyncDir makes a directory's entries durable. File systems that cannot
// sync a directory (EINVAL) have nothing more to give.
func (OS) SyncDir(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, syscall.EINVAL) {
		return nil
	}
	return err
}

// Rename renames a file or directory.
func (OS) Rename(from, to string) error { return os.Rename(from, to) }

// Remove removes a file or an empty directory.
func (OS) Remove(name string) error { return os.Remove(name) }

// RemoveAll removes a directory and everything in it.
func (OS) RemoveAll(name string) error { return os.RemoveAll(name) }

// Writer writes bags.
type Writer struct {
	FS  FS               // OS when nil
	Now func() time.Time // time.Now when nil
}

// Write writes a bag of files at dir with the default Writer.
func Write(dir string, files []File, info Info) error { return Writer{}.Write(dir, files, info) }

// PartialPrefix starts the name of the hidden directory a bag is written in
// before it is renamed to its own name: ".NAME.partial-".
func PartialPrefix(dir string) string { return "." + filepath.Base(filepath.Clean(dir)) + ".partial-" }

// Write writes a bag of files at dir, which must not exist or be an empty
// directory. The bag is written in a hidden sibling directory, every file
// and directory synced, verified, and then renamed to dir: a failure at any
// point leaves nothing at dir, and the partial directory is removed.
func (w Writer) Write(dir string, files []File, info Info) (err error) {
	fsys := w.FS
	if fsys == nil {
		fsys = OS{}
	}
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	dir = filepath.Clean(dir)
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	if err := checkFiles(files); err != nil {
		return &WriteError{Op: "prepare", Err: err}
	}
	if err := vacant(dir); err != nil {
		return &WriteError{Op: "prepare", Err: err}
	}
	tmp := filepath.Join(filepath.Dir(dir), PartialPrefix(dir)+random())
	if err := fsys.Mkdir(tmp); err != nil {
		return &WriteError{Op: "write", Err: err}
	}
	defer func() {
		var e *WriteError
		if errors.As(err, &e) && fsys.RemoveAll(tmp) != nil {
			e.Leftover = tmp
		}
	}()
	dirs, err := w.writeAll(fsys, tmp, files, info, now())
	if err != nil {
		return err
	}
	for _, d := range slices.Backward(dirs) {
		if err := fsys.SyncDir(filepath.Join(tmp, filepath.FromSlash(d))); err != nil {
			return &WriteError{Op: "sync", Path: d, Err: err}
		}
	}
	if err := fsys.SyncDir(tmp); err != nil {
		return &WriteError{Op: "sync", Err: err}
	}
	if r, err := Verify(tmp); err != nil {
		return &WriteError{Op: "verify", Err: err}
	} else if !r.Valid() {
		return &WriteError{Op: "verify", Err: fmt.Errorf("%w: %s", ErrNotValid, r.Errors()[0]), Report: r}
	}
	return w.place(fsys, tmp, dir)
}

// place renames the verified bag to its name and makes the rename durable;
// a bag whose name may not survive a power cut is taken back.
func (w Writer) place(fsys FS, tmp, dir string) error {
	if err := vacant(dir); err != nil {
		return &WriteError{Op: "rename", Err: err}
	}
	// not every file system renames onto an empty directory (overlayfs
	// refuses); Remove takes only an empty one
	if err := fsys.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return &WriteError{Op: "rename", Err: err}
	}
	if err := fsys.Rename(tmp, dir); err != nil {
		return &WriteError{Op: "rename", Err: err}
	}
	if err := fsys.SyncDir(filepath.Dir(dir)); err != nil {
		e := &WriteError{Op: "sync", Err: err}
		if rerr := fsys.RemoveAll(dir); rerr != nil {
			e.Leftover = dir
		}
		return e
	}
	return nil
}

// Remove takes a bag away again (an export whose audit row could not be
// written): renamed to a hidden name first, so that an interrupted removal
// leaves no half-emptied bag at its name, then removed.
func (w Writer) Remove(dir string) error {
	fsys := w.FS
	if fsys == nil {
		fsys = OS{}
	}
	dir = filepath.Clean(dir)
	tmp := filepath.Join(filepath.Dir(dir), PartialPrefix(dir)+random())
	if err := fsys.Rename(dir, tmp); err != nil {
		return fmt.Errorf("remove bag %s: %w", dir, err)
	}
	if err := fsys.SyncDir(filepath.Dir(dir)); err != nil {
		return fmt.Errorf("remove bag %s: %w", dir, err)
	}
	if err := fsys.RemoveAll(tmp); err != nil {
		return fmt.Errorf("remove bag %s (now %s): %w", dir, tmp, err)
	}
	return nil
}

// writeAll writes the payload, the manifests and the tag files into tmp and
// returns the directories it made, relative to tmp.
func (w Writer) writeAll(fsys FS, tmp string, files []File, info Info, now time.Time) ([]string, error) {
	dirs := payloadDirs(files)
	for _, d := range dirs {
		if err := fsys.Mkdir(filepath.Join(tmp, filepath.FromSlash(d))); err != nil {
			return nil, &WriteError{Op: "write", Path: d, Err: err}
		}
	}
	manifests := map[string]*strings.Builder{}
	for _, alg := range written {
		manifests[alg] = &strings.Builder{}
	}
	var octets int64
	for _, f := range files {
		name := "data/" + f.Path
		if err := fsys.WriteFile(filepath.Join(tmp, filepath.FromSlash(name)), f.Data); err != nil {
			return nil, &WriteError{Op: "write", Path: name, Err: err}
		}
		for _, alg := range written {
			fmt.Fprintf(manifests[alg], "%s  %s\n", sum(alg, f.Data), encodePath(name))
		}
		octets += int64(len(f.Data))
	}
	tags := []File{
		{Path: "bagit.txt", Data: []byte(labelVersion + ": " + Version + "\n" + labelEncoding + ": UTF-8\n")},
		{Path: "bag-info.txt", Data: formatTags(info.fields(octets, int64(len(files)), now))},
	}
	for _, alg := range written {
		tags = append(tags, File{Path: "manifest-" + alg + ".txt", Data: []byte(manifests[alg].String())})
	}
	for _, t := range tags {
		if err := fsys.WriteFile(filepath.Join(tmp, t.Path), t.Data); err != nil {
			return nil, &WriteError{Op: "write", Path: t.Path, Err: err}
		}
	}
	// tag manifests last: a bag without them was never finished
	for _, alg := range tagWritten {
		var b strings.Builder
		for _, t := range tags {
			fmt.Fprintf(&b, "%s  %s\n", sum(alg, t.Data), t.Path)
		}
		name := "tagmanifest-" + alg + ".txt"
		if err := fsys.WriteFile(filepath.Join(tmp, name), []byte(b.String())); err != nil {
			return nil, &WriteError{Op: "write", Path: name, Err: err}
		}
	}
	return dirs, nil
}

func sum(alg string, data []byte) string {
	h := algorithms[alg]()
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// payloadDirs lists data/ and every directory the payload needs, parents
// before children.
func payloadDirs(files []File) []string {
	set := map[string]bool{"data": true}
	for _, f := range files {
		for d := path.Dir("data/" + f.Path); d != "data"; d = path.Dir(d) {
			set[d] = true
		}
	}
	dirs := make([]string, 0, len(set))
	for d := range set {
		dirs = append(dirs, d)
	}
	slices.Sort(dirs) // a parent sorts before what it holds
	return dirs
}

// checkFiles refuses payload paths that would not read back as written:
// absolute, dotted, unclean, not UTF-8, with a backslash or surrounding
// space, twice, or a file where another needs a directory. files is sorted.
func checkFiles(files []File) error {
	for i, f := range files {
		p := f.Path
		bad := !utf8.ValidString(p) || p == "" || path.Clean(p) != p || strings.HasPrefix(p, "/") ||
			strings.ContainsAny(p, "\\\x00") || strings.TrimSpace(p) != p
		for _, el := range strings.Split(p, "/") {
			bad = bad || el == "." || el == ".." || strings.TrimSpace(el) != el
		}
		if bad {
			return fmt.Errorf("%w: %q", ErrBadPath, p)
		}
		if i > 0 && (files[i-1].Path == p || strings.HasPrefix(p, files[i-1].Path+"/")) {
			return fmt.Errorf("%w: %q and %q", ErrBadPath, files[i-1].Path, p)
		}
	}
	return nil
}

// vacant reports ErrExists unless dir is absent or an empty directory.
func vacant(dir string) error {
	st, err := os.Lstat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s: %w", dir, ErrExists)
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Readdirnames(1); err != io.EOF {
		return fmt.Errorf("%s: %w", dir, ErrExists)
	}
	return nil
}

func random() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// fields is bag-info.txt: the reserved elements, then the extra ones.
func (info Info) fields(octets, streams int64, now time.Time) []Field {
	date := info.BaggingDate
	if date.IsZero() {
		date = now
	}
	count := info.BagCount
	if count == "" {
		count = "1 of 1"
	}
	var fs []Field
	add := func(label, value string) {
		if value = oneLine(value); value != "" {
			fs = append(fs, Field{label, value})
		}
	}
	add(LabelSourceOrganization, info.SourceOrganization)
	add(LabelContactName, info.ContactName)
	add(LabelExternalDescription, info.ExternalDescription)
	for _, id := range info.ExternalIdentifiers {
		add(LabelExternalIdentifier, id)
	}
	add(LabelBaggingDate, date.Format("2006-01-02"))
	add(LabelBagCount, count)
	add(LabelBagSize, humanSize(octets))
	add(LabelPayloadOxum, fmt.Sprintf("%d.%d", octets, streams))
	add(LabelSoftwareAgent, info.SoftwareAgent)
	for _, f := range info.Extra {
		if label := labelOf(f.Label); label != "" {
			add(label, f.Value)
		}
	}
	return fs
}

// oneLine keeps a value on its line: a line break would start a new element.
func oneLine(s string) string {
	return strings.TrimSpace(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\r' || r == '\n' }), " "))
}

// labelOf is a label with what would break the Label: Value form removed.
func labelOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ':' || r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
}

func formatTags(fs []Field) []byte {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Label + ": " + f.Value + "\n")
	}
	return []byte(b.String())
}

// humanSize is Bag-Size: the payload's size for people.
func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
