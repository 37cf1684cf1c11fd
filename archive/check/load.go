package check

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"shenfa/archive/record"
)

// ErrNoRecord reports a record number or 档号 that names no record.
var ErrNoRecord = errors.New("no such record")

// stored is a record as the database holds it.
type stored struct {
	ID          int64
	Code        string
	DraftID     int64
	Year, Seq   int
	Retention   string
	Title       string
	Grade       string
	Author      string
	SealedAt    string
	Archivist   string // sign-in name of archivist_id
	AuditSeq    int64
	AuditHead   string
	ManifestRaw []byte
	ManifestSM3 string
	Text        string
	TextSM3     string
	File        []byte
	FileName    string
	PDF         []byte
	PDFSHA256   string

	Manifest    *record.Manifest // nil when ManifestErr is set
	ManifestErr error
	Versions    []storedVersion
}

type storedVersion struct {
	Number   int
	Text     string
	File     []byte
	FileName string
}

// load reads record id with its versions. The columns are read through
// coalesce: a record changed behind the triggers' back may hold anything.
func (c *Checker) load(ctx context.Context, id int64) (*stored, error) {
	s := &stored{ID: id}
	var manifest string
	err := c.db.QueryRowContext(ctx, `SELECT coalesce(r.code, ''), coalesce(r.draft_id, 0), coalesce(r.year, 0),
		coalesce(r.seq, 0), coalesce(r.retention, ''), coalesce(r.title, ''), coalesce(r.grade, ''), coalesce(r.author, ''),
		coalesce(r.sealed_at, ''), coalesce(u.name, ''), coalesce(r.audit_seq, 0), coalesce(r.audit_head, ''),
		coalesce(r.manifest, ''), coalesce(r.manifest_sm3, ''), coalesce(r.text, ''), coalesce(r.text_sm3, ''),
		coalesce(r.file, x''), coalesce(r.file_name, ''), coalesce(r.pdf, x''), coalesce(r.pdf_sha256, '')
		FROM records r LEFT JOIN users u ON u.id = r.archivist_id WHERE r.id = ?`, id).Scan(
		&s.Code, &s.DraftID, &s.Year, &s.Seq, &s.Retention, &s.Title, &s.Grade, &s.Author, &s.SealedAt, &s.Archivist,
		&s.AuditSeq, &s.AuditHead, &manifest, &s.ManifestSM3, &s.Text, &s.TextSM3, &s.File, &s.FileName, &s.PDF, &s.PDFSHA256)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("record %d: %w", id, ErrNoRecord)
	}
	if err != nil {
		return nil, fmt.Errorf("read record %d: %w", id, err)
	}
	s.ManifestRaw = []byte(manifest)
	s.Manifest, s.ManifestErr = record.Parse(s.ManifestRaw)
	rows, err := c.db.QueryContext(ctx, `SELECT number, coalesce(text, ''), coalesce(file, x''), coalesce(file_name, '')
		FROM record_versions WHERE record_id = ? ORDER BY number`, id)
	if err != nil {
		return nil, fmt.Errorf("read the versions of record %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var v storedVersion
		if err := rows.Scan(&v.Number, &v.Text, &v.File, &v.FileName); err != nil {
			return nil, fmt.Errorf("read the versions of record %d: %w", id, err)
		}
		s.Versions = append(s.Versions, v)
	}
	return s, rows.Err()
}

// Resolve turns record numbers and 档号 into record ids, in the order given;
// no arguments means every record, oldest first.
func (c *Checker) Resolve(ctx context.Context, refs ...string) ([]int64, error) {
	if len(refs) == 0 {
		return c.allIDs(ctx)
	}
	var ids []int64
	for _, ref := range refs {
		ref = strings.TrimSpace(ref)
		var id int64
		err := c.db.QueryRowContext(ctx, `SELECT id FROM records WHERE code = ?`, ref).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			n, perr := strconv.ParseInt(strings.TrimPrefix(ref, "#"), 10, 64)
			if perr == nil {
				err = c.db.QueryRowContext(ctx, `SELECT id FROM records WHERE id = ?`, n).Scan(&id)
			}
		}
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("%q: %w", ref, ErrNoRecord)
		}
		if err != nil {
			return nil, fmt.Errorf("find record %q: %w", ref, err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func (c *Checker) allIDs(ctx context.Context) ([]int64, error) {
	rows, err := c.db.QueryContext(ctx, `SELECT id FROM records ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list records: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
