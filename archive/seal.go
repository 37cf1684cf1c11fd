package archive

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"shenfa/archive/record"
	"shenfa/archive/search"
	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/review/drafts"
	"shenfa/review/policy"
)

// Sealing errors.
var (
	ErrNotApproved = errors.New("only an approved or published draft can be sealed")
	ErrSealed      = errors.New("the draft is already sealed")
	ErrUnverified  = errors.New("the draft's sign-offs do not verify")
	ErrChanged     = errors.New("the draft changed while it was being sealed")
	ErrNoRecord    = errors.New("no such record")
)

// UnverifiedError says why a draft's sign-offs do not verify.
type UnverifiedError struct{ V drafts.Verification }

func (e *UnverifiedError) Error() string { return "the draft's sign-offs do not verify: " + e.V.Reason }

func (e *UnverifiedError) Unwrap() error { return ErrUnverified }

// Sealable reports why a draft cannot be sealed, or nil.
func (s *Store) Sealable(ctx context.Context, id int64) error {
	d, err := s.drafts.Get(ctx, id)
	if err != nil {
		return err
	}
	if d.Status != drafts.Approved && d.Status != drafts.Published {
		return ErrNotApproved
	}
	var n int
	if err := s.db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM records WHERE draft_id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return ErrSealed
	}
	v, err := s.drafts.Verify(ctx, id)
	if err != nil {
		return err
	}
	if !v.OK {
		return &UnverifiedError{v}
	}
	return nil
}

// Seal makes the record of an approved draft (archivist): its manifest, its
// PDF signed with the archivist's key (unwrapped with password), and copies
// of every version, stored with the audit row in one transaction.
func (s *Store) Seal(ctx context.Context, sess *account.Session, password string, id int64) (string, error) {
	if !sess.User.Can(account.ManageArchive) {
		return "", account.ErrForbidden
	}
	if err := s.Sealable(ctx, id); err != nil {
		return "", err
	}
	c, d, p, err := s.gather(ctx, id)
	if err != nil {
		return "", err
	}
	m := c.Manifest
	m.SealedAt = s.now().UTC().Truncate(1e9)
	m.Archivist = record.Person{Name: sess.User.Name, FullName: sess.User.FullName}
	seq, err := s.assign(ctx, p, m)
	if err != nil {
		return "", err
	}
	if m.AuditHead, err = head(ctx, s.db.SQL); err != nil {
		return "", err
	}
	pdf, err := s.render.Render(c)
	if err != nil {
		return "", fmt.Errorf("record PDF of %s: %w", m.Code, err)
	}
	if pdf, err = s.sign.Sign(ctx, sess, password, pdf, "归档 "+m.Code); err != nil {
		return "", err
	}
	return m.Code, s.store(ctx, sess, d, c, seq, pdf)
}

// assign gives the record its 年度, 件号 and 档号, and returns the 件号. A
// record sealed meanwhile with the same 件号 makes the store refuse.
func (s *Store) assign(ctx context.Context, p *policy.Policy, m *record.Manifest) (int, error) {
	if m.Year == 0 {
		m.Year = m.SealedAt.Year()
	}
	var seq int
	err := s.db.SQL.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) + 1 FROM records WHERE year = ? AND retention = ?`,
		m.Year, m.Retention).Scan(&seq)
	if err != nil {
		return 0, err
	}
	m.Code, err = p.ArchiveCode.Code(p.Fonds, m.Year, policy.Retention(m.Retention), seq)
	return seq, err
}

func head(ctx context.Context, q drafts.Querier) (record.AuditHead, error) {
	var h record.AuditHead
	err := q.QueryRowContext(ctx, `SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1`).Scan(&h.Seq, &h.Hash)
	if err == sql.ErrNoRows {
		return record.AuditHead{Hash: audit.Genesis}, nil
	}
	return h, err
}

// store writes the record if the draft is still as it was gathered.
func (s *Store) store(ctx context.Context, sess *account.Session, d drafts.Draft, c *record.Contents, seq int, pdf []byte) error {
	m := c.Manifest
	manifest, err := m.Marshal()
	if err != nil {
		return err
	}
	sum := sha256.Sum256(pdf)
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		u, err := account.Authorize(ctx, tx, sess, account.ManageArchive)
		if err != nil {
			return err
		}
		var updated string
		var sealed, taken int
		if err := tx.QueryRowContext(ctx, `SELECT updated_at, (SELECT count(*) FROM records WHERE draft_id = d.id),
			(SELECT count(*) FROM records WHERE code = ? OR (year = ? AND retention = ? AND seq = ?))
			FROM drafts d WHERE d.id = ?`, m.Code, m.Year, m.Retention, seq, d.ID).Scan(&updated, &sealed, &taken); err != nil {
			return err
		}
		switch {
		case sealed > 0:
			return ErrSealed
		case taken > 0 || updated != d.UpdatedAt.UTC().Format(timeFormat):
			return ErrChanged
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO records(code, draft_id, year, seq, retention, title, channel_id,
			grade, author, signers, has_waivers, sealed_at, archivist_id, audit_seq, audit_head, manifest, manifest_sm3,
			text, text_sm3, file, file_name, pdf, pdf_sha256) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			m.Code, d.ID, m.Year, seq, m.Retention, m.Title, d.Channel.ID, m.Grade.ID, m.Author.Name,
			signers(m), hasWaivers(m), m.SealedAt.Format(timeFormat), u.ID, m.AuditHead.Seq, m.AuditHead.Hash,
			string(manifest), drafts.SM3(manifest), c.Text, m.TextSM3, c.File, m.FileName, pdf, hex.EncodeToString(sum[:]))
		if err != nil {
			return fmt.Errorf("store record %s: %w", m.Code, err)
		}
		rid, _ := res.LastInsertId()
		if err := s.storeVersions(ctx, tx, rid, d.ID); err != nil {
			return err
		}
		if err := search.Index(ctx, tx, rid, m.Title, metaOf(m), c.Text); err != nil {
			return err
		}
		_, err = audit.Append(ctx, tx, audit.Event{Actor: u.Name, Action: ActionSeal, Target: m.Code,
			Detail: fmt.Sprintf("draft %d v%d manifest-sm3 %s pdf-sha256 %s", d.ID, m.FinalVersion, drafts.SM3(manifest), hex.EncodeToString(sum[:]))})
		return err
	})
}

func (s *Store) storeVersions(ctx context.Context, tx *sql.Tx, rid, draft int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO record_versions(record_id, number, text, file, file_name, check_result)
		SELECT ?, number, text, file, file_name, check_result FROM versions WHERE draft_id = ?`, rid, draft)
	if err != nil {
		return fmt.Errorf("store the versions of record %d: %w", rid, err)
	}
	return nil
}

// metaOf is what search finds a record by besides its title and text.
func metaOf(m *record.Manifest) string {
	parts := []string{m.Code, m.Channel.Name, m.Channel.Unit, m.Author.FullName, m.Grade.Label}
	for _, so := range m.SignOffs {
		if so.Current {
			parts = append(parts, so.Signer.FullName)
		}
	}
	return strings.Join(parts, " ")
}

func signers(m *record.Manifest) string {
	var names []string
	for _, so := range m.SignOffs {
		if so.Current {
			names = append(names, so.Signer.Name)
		}
	}
	return "," + strings.Join(names, ",") + ","
}

func hasWaivers(m *record.Manifest) bool {
	for _, f := range m.Findings {
		if f.Waived != nil {
			return true
		}
	}
	return false
}
