package archive

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"shenfa/archive/bagit"
	"shenfa/archive/record"
	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// ActionExport is the audit action of exporting records, as PDF files or
// as a bag (移交).
const ActionExport = "archive.export"

// Export errors.
var (
	ErrNothingToExport = errors.New("no records to export")
	ErrDamaged         = errors.New("the stored record does not match its hashes")
	ErrFileExists      = errors.New("a different file of that name is already there")
)

// RecordInfoFormat names the format of a bag's record.json.
const RecordInfoFormat = "shenfa-record-info 1"

// Export writes records out of the archive. Export is a handover: it needs
// the archive permission (account.ManageArchive) and is audited.
type Export struct {
	Store *Store
	FS    bagit.FS // where files are written; bagit.OS when nil (tests inject failures)
	Agent string   // Bag-Software-Agent; "Shenfa 审发" when empty
}

// ExportPDFs writes each record's signed PDF into dir as <档号>.pdf.
func (s *Store) ExportPDFs(ctx context.Context, sess *account.Session, ids []int64, dir string) ([]string, error) {
	return Export{Store: s}.PDFs(ctx, sess, ids, dir)
}

// ExportBag writes the records as one BagIt bag at dir.
func (s *Store) ExportBag(ctx context.Context, sess *account.Session, ids []int64, dir string) error {
	return Export{Store: s}.Bag(ctx, sess, ids, dir)
}

func (e Export) fs() bagit.FS {
	if e.FS == nil {
		return bagit.OS{}
	}
	return e.FS
}

// load reads the records to export, each checked against the hashes stored
// with it: a damaged record is not handed over.
func (e Export) load(ctx context.Context, sess *account.Session, ids []int64) ([]*Record, error) {
	if sess == nil || !sess.User.Can(account.ManageArchive) {
		return nil, account.ErrForbidden
	}
	var rs []*Record
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, err := e.Store.Get(ctx, sess, strconv.FormatInt(id, 10))
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", id, err)
		}
		if err := intact(r); err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	if len(rs) == 0 {
		return nil, ErrNothingToExport
	}
	return rs, nil
}

func intact(r *Record) error {
	sum := sha256.Sum256(r.PDF)
	switch {
	case hex.EncodeToString(sum[:]) != r.PDFSHA256:
		return fmt.Errorf("record %s: the PDF: %w", r.Code, ErrDamaged)
	case drafts.SM3(r.ManifestJSON) != r.ManifestSM3:
		return fmt.Errorf("record %s: the manifest: %w", r.Code, ErrDamaged)
	case drafts.SM3(r.File) != r.Manifest.FileSM3:
		return fmt.Errorf("record %s: the original file: %w", r.Code, ErrDamaged)
	}
	return nil
}

// SafeName makes a 档号 or a file name usable as a file name on every
// system the export may be carried to: the characters Windows refuses
// (/\:*?"<>| and controls) become _, · and - stay, and a name Windows
// reserves (CON, NUL, COM1 …) gets a leading _.
func SafeName(name string) string {
	s := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, name)
	s = strings.TrimRight(strings.TrimSpace(s), ". ")
	if s == "" {
		return "_"
	}
	stem, _, _ := strings.Cut(strings.ToUpper(s), ".")
	if reserved[stem] {
		s = "_" + s
	}
	return s
}

var reserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// names gives each record its file-system name, unique in one export: two
// 档号 that become the same name apart the later ones by record number.
func names(rs []*Record) map[int64]string {
	out := map[int64]string{}
	taken := map[string]bool{}
	for _, r := range rs {
		n := SafeName(r.Code)
		if taken[strings.ToLower(n)] {
			n += "_" + strconv.FormatInt(r.ID, 10)
		}
		taken[strings.ToLower(n)] = true
		out[r.ID] = n
	}
	return out
}

// PDFs writes each record's signed PDF into dir (made if missing) as
// <档号>.pdf, each file atomically: written under a hidden name, synced,
// renamed. A file already there with the same bytes counts as written (an
// export repeated after an interruption); one with other bytes is refused.
// It returns the files; the export is audited once all are in place, and
// if the audit cannot be written the files this call wrote are removed.
func (e Export) PDFs(ctx context.Context, sess *account.Session, ids []int64, dir string) ([]string, error) {
	rs, err := e.load(ctx, sess, ids)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("export to %s: %w", dir, err)
	}
	ns := names(rs)
	var paths, wrote []string
	undo := func() {
		for _, p := range wrote {
			e.fs().Remove(p)
		}
	}
	for _, r := range rs {
		p := filepath.Join(dir, ns[r.ID]+".pdf")
		fresh, err := e.writeFile(p, r.PDF)
		if err != nil {
			undo()
			return nil, fmt.Errorf("export %s: %w", r.Code, err)
		}
		if fresh {
			wrote = append(wrote, p)
		}
		paths = append(paths, p)
	}
	if err := e.fs().SyncDir(dir); err != nil {
		undo()
		return nil, fmt.Errorf("export to %s: %w", dir, err)
	}
	if err := e.audit(ctx, sess, dir, "pdf", rs, ""); err != nil {
		undo()
		return nil, err
	}
	return paths, nil
}

// writeFile puts data at p atomically; fresh is false when p already held it.
func (e Export) writeFile(p string, data []byte) (fresh bool, err error) {
	if old, err := os.ReadFile(p); err == nil {
		if slices.Equal(old, data) {
			return false, nil
		}
		return false, fmt.Errorf("%s: %w", p, ErrFileExists)
	} else if !errors.Is(err, os.ErrNotExist) {
		return false, err
	}
	b := make([]byte, 6)
	rand.Read(b)
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".partial-"+hex.EncodeToString(b))
	if err := e.fs().WriteFile(tmp, data); err != nil {
		e.fs().Remove(tmp)
		return false, err
	}
	if err := e.fs().Rename(tmp, p); err != nil {
		e.fs().Remove(tmp)
		return false, err
	}
	return true, nil
}

// Bag writes the records as one BagIt bag at dir (which must not exist, or
// be empty): data/<档号>/<档号>.pdf, 原件/<file name>, manifest.json and
// record.json for each. The bag is verified before it takes its name, and
// the export is audited once it is in place; if the audit cannot be
// written, the bag is taken away again.
func (e Export) Bag(ctx context.Context, sess *account.Session, ids []int64, dir string) error {
	rs, err := e.load(ctx, sess, ids)
	if err != nil {
		return err
	}
	files, info, err := e.bagContents(sess, rs)
	if err != nil {
		return err
	}
	w := bagit.Writer{FS: e.FS, Now: e.Store.now}
	if err := w.Write(dir, files, info); err != nil {
		return fmt.Errorf("export bag %s: %w", dir, err)
	}
	manifest, err := os.ReadFile(filepath.Join(dir, "manifest-sha256.txt"))
	if err == nil {
		sum := sha256.Sum256(manifest)
		err = e.audit(ctx, sess, dir, "bag", rs, "manifest-sha256.txt sha256 "+hex.EncodeToString(sum[:]))
	}
	if err != nil {
		if rerr := w.Remove(dir); rerr != nil {
			return fmt.Errorf("export bag %s: %w; the bag could not be removed: %v", dir, err, rerr)
		}
		return fmt.Errorf("export bag %s: %w", dir, err)
	}
	return nil
}

// RecordInfo is a bag's record.json: what a receiver reads first about a
// record, and the hashes that tie its files together.
type RecordInfo struct {
	Format         string           `json:"format"`
	Code           string           `json:"code"` // 档号
	Fonds          string           `json:"fonds"`
	Year           int              `json:"year"`
	Retention      string           `json:"retention"` // Y, D30, D10
	RetentionLabel string           `json:"retention_label"`
	Title          string           `json:"title"`
	Channel        record.Channel   `json:"channel"`
	Grade          record.Grade     `json:"grade"`
	Author         record.Person    `json:"author"`
	SealedAt       time.Time        `json:"sealed_at"`
	Archivist      record.Person    `json:"archivist"`
	AuditHead      record.AuditHead `json:"audit_head"`
	TextSM3        string           `json:"text_sm3"`
	PDF            FileInfo         `json:"pdf"`
	Original       FileInfo         `json:"original"`
	Manifest       FileInfo         `json:"manifest"`
}

// FileInfo is one file of a record in a bag, relative to its directory.
type FileInfo struct {
	Path   string `json:"path"`
	Name   string `json:"name,omitempty"` // the original file's own name, when Path had to change it
	Size   int    `json:"size"`
	SHA256 string `json:"sha256"`
	SM3    string `json:"sm3"`
}

func fileInfo(path string, data []byte) FileInfo {
	sum := sha256.Sum256(data)
	return FileInfo{Path: path, Size: len(data), SHA256: hex.EncodeToString(sum[:]), SM3: drafts.SM3(data)}
}

// recordInfo is record.json of a record whose files are named as given.
func recordInfo(r *Record, pdf, original string) ([]byte, error) {
	m := r.Manifest
	info := RecordInfo{Format: RecordInfoFormat, Code: r.Code, Fonds: m.Fonds, Year: m.Year, Retention: m.Retention,
		RetentionLabel: policy.Retention(m.Retention).Label(), Title: m.Title, Channel: m.Channel, Grade: m.Grade,
		Author: m.Author, SealedAt: m.SealedAt, Archivist: m.Archivist, AuditHead: m.AuditHead, TextSM3: m.TextSM3,
		PDF: fileInfo(pdf, r.PDF), Original: fileInfo(original, r.File), Manifest: fileInfo("manifest.json", r.ManifestJSON)}
	if filepath.Base(original) != r.FileName {
		info.Original.Name = r.FileName
	}
	b, err := json.MarshalIndent(info, "", "  ")
	return append(b, '\n'), err
}

// bagContents lays the records out under data/ and says what bag-info.txt
// holds: the units as Source-Organization, one External-Identifier per 档号.
func (e Export) bagContents(sess *account.Session, rs []*Record) ([]bagit.File, bagit.Info, error) {
	var files []bagit.File
	var codes, units, fonds []string
	ns := names(rs)
	for _, r := range rs {
		d := ns[r.ID]
		pdf, original := d+".pdf", "原件/"+SafeName(filepath.Base(strings.ReplaceAll(r.FileName, `\`, "/")))
		meta, err := recordInfo(r, pdf, original)
		if err != nil {
			return nil, bagit.Info{}, fmt.Errorf("record.json of %s: %w", r.Code, err)
		}
		files = append(files, bagit.File{Path: d + "/" + pdf, Data: r.PDF}, bagit.File{Path: d + "/" + original, Data: r.File},
			bagit.File{Path: d + "/manifest.json", Data: r.ManifestJSON}, bagit.File{Path: d + "/record.json", Data: meta})
		codes = append(codes, r.Code)
		units = appendNew(units, r.Manifest.Channel.Unit)
		fonds = appendNew(fonds, r.Manifest.Fonds)
	}
	agent := e.Agent
	if agent == "" {
		agent = "Shenfa 审发"
	}
	info := bagit.Info{SourceOrganization: strings.Join(units, "；"), ContactName: sess.User.FullName,
		ExternalDescription: fmt.Sprintf("审发归档记录移交，共 %d 件；每件含签名的 PDF 记录、原件、manifest.json 和 record.json", len(rs)),
		ExternalIdentifiers: codes, SoftwareAgent: agent,
		Extra: []bagit.Field{{Label: "Internal-Sender-Identifier", Value: "全宗号 " + strings.Join(fonds, "、")}}}
	return files, info, nil
}

// appendNew adds s to list unless it is empty or there already.
func appendNew[T comparable](list []T, s T) []T {
	var zero T
	if s == zero || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// audit records the export in the archivist's name once its files are in
// place: where they went and which records they hold.
func (e Export) audit(ctx context.Context, sess *account.Session, dir, kind string, rs []*Record, extra string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	codes := make([]string, len(rs))
	for i, r := range rs {
		codes[i] = r.Code
	}
	detail := kind + " " + strings.Join(codes, ",")
	if extra != "" {
		detail += " " + extra
	}
	err = e.Store.db.Write(ctx, func(tx *sql.Tx) error {
		u, err := account.Authorize(ctx, tx, sess, account.ManageArchive)
		if err != nil {
			return err
		}
		_, err = audit.Append(ctx, tx, audit.Event{Actor: u.Name, Action: ActionExport, Target: abs, Detail: detail})
		return err
	})
	if err != nil {
		return fmt.Errorf("audit the export to %s: %w", dir, err)
	}
	return nil
}
