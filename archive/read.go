package archive

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"shenfa/archive/record"
	"shenfa/archive/search"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

// Summary is a record as lists show it.
type Summary struct {
	ID        int64
	Code      string // 档号
	DraftID   int64
	Year      int
	Retention string
	Title     string
	ChannelID int64
	Grade     string
	Author    string
	SealedAt  time.Time
	Archivist string
	Waived    bool
}

// Record is a stored record: its summary, manifest and parts.
type Record struct {
	Summary
	Manifest     *record.Manifest
	ManifestJSON []byte
	ManifestSM3  string
	AuditSeq     int64
	AuditHead    string
	Text         string
	TextSM3      string
	File         []byte
	FileName     string
	PDF          []byte
	PDFSHA256    string
}

const summaryColumns = `r.id, r.code, r.draft_id, r.year, r.retention, r.title, r.channel_id, r.grade, r.author,
	r.sealed_at, u.name, r.has_waivers`

func scanSummary(row interface{ Scan(...any) error }, extra ...any) (Summary, error) {
	var s Summary
	var sealed string
	err := row.Scan(append([]any{&s.ID, &s.Code, &s.DraftID, &s.Year, &s.Retention, &s.Title, &s.ChannelID, &s.Grade,
		&s.Author, &sealed, &s.Archivist, &s.Waived}, extra...)...)
	s.SealedAt, _ = time.Parse(timeFormat, sealed)
	return s, err
}

// mayRead: archivists manage the archive, content roles read it.
func mayRead(sess *account.Session) error {
	if sess == nil || !(sess.User.Can(account.ReadArchive) || sess.User.Can(account.ManageArchive)) {
		return account.ErrForbidden
	}
	return nil
}

// Get returns a record by id or by 档号.
func (s *Store) Get(ctx context.Context, sess *account.Session, idOrCode string) (*Record, error) {
	if err := mayRead(sess); err != nil {
		return nil, err
	}
	where, arg := "r.code = ?", any(idOrCode)
	if id, err := strconv.ParseInt(idOrCode, 10, 64); err == nil {
		where, arg = "r.id = ?", id
	}
	r := &Record{}
	var manifest string
	var err error
	r.Summary, err = scanSummary(s.db.SQL.QueryRowContext(ctx, `SELECT `+summaryColumns+`, r.manifest, r.manifest_sm3,
		r.audit_seq, r.audit_head, r.text, r.text_sm3, r.file, r.file_name, r.pdf, r.pdf_sha256
		FROM records r JOIN users u ON u.id = r.archivist_id WHERE `+where, arg),
		&manifest, &r.ManifestSM3, &r.AuditSeq, &r.AuditHead, &r.Text, &r.TextSM3, &r.File, &r.FileName, &r.PDF, &r.PDFSHA256)
	if err == sql.ErrNoRows {
		return nil, ErrNoRecord
	}
	if err != nil {
		return nil, fmt.Errorf("record %s: %w", idOrCode, err)
	}
	r.ManifestJSON = []byte(manifest)
	if r.Manifest, err = record.Parse(r.ManifestJSON); err != nil {
		return nil, fmt.Errorf("record %s: %w", r.Code, err)
	}
	return r, nil
}

// Versions returns the texts and files of every version of a record.
func (s *Store) Versions(ctx context.Context, sess *account.Session, id int64) (map[int]string, map[int][]byte, error) {
	if err := mayRead(sess); err != nil {
		return nil, nil, err
	}
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT number, text, file FROM record_versions WHERE record_id = ? ORDER BY number`, id)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	texts, files := map[int]string{}, map[int][]byte{}
	for rows.Next() {
		var n int
		var t string
		var f []byte
		if err := rows.Scan(&n, &t, &f); err != nil {
			return nil, nil, err
		}
		texts[n], files[n] = t, f
	}
	return texts, files, rows.Err()
}

// Search finds records; an empty text lists them, newest first.
func (s *Store) Search(ctx context.Context, sess *account.Session, q search.Query) (search.Result, error) {
	if err := mayRead(sess); err != nil {
		return search.Result{}, err
	}
	return search.Search(ctx, s.db.SQL, q)
}

// Queue lists the approved and published drafts not yet sealed, oldest
// approval first: the archivist's work.
func (s *Store) Queue(ctx context.Context, sess *account.Session) ([]drafts.Draft, error) {
	if !sess.User.Can(account.ManageArchive) {
		return nil, account.ErrForbidden
	}
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT id FROM drafts WHERE status IN ('approved', 'published')
		AND id NOT IN (SELECT draft_id FROM records) ORDER BY updated_at, id`)
	if err != nil {
		return nil, fmt.Errorf("archive queue: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	var ds []drafts.Draft
	for _, id := range ids {
		d, err := s.drafts.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		ds = append(ds, d)
	}
	return ds, nil
}
