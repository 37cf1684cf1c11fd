// Package archive seals approved drafts into records that are never changed
// (审查记录应保存备查): the 档号 from the policy's pattern, every version with
// its text, original file and check, every sign-off with its statement and
// signature, comments, waivers, the 保密审查 decision and the audit head at
// sealing, with a signed PDF record any reader can verify. Sealing is one
// transaction with its audit row; triggers refuse to change or remove a
// record or its parts, and a draft is sealed at most once.
package archive

import (
	"context"
	"time"

	"shenfa/archive/record"
	"shenfa/archive/search"
	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/review/workspace"
)

// Renderer writes a record's PDF, unsigned, with the manifest and the final
// original file embedded (archive/recordpdf).
type Renderer interface {
	Render(c *record.Contents) ([]byte, error)
}

// Signer signs a PDF record in the name of the sealing archivist, whose key
// the password unwraps (archive/pki); Reason is the signature's stated reason.
type Signer interface {
	Sign(ctx context.Context, sess *account.Session, password string, pdf []byte, reason string) ([]byte, error)
}

// Store keeps the records of a workspace.
type Store struct {
	db       *workspace.DB
	accounts *account.Store
	drafts   *drafts.Store
	render   Renderer
	sign     Signer
	now      func() time.Time
}

// New returns the archive of a workspace.
func New(db *workspace.DB, accounts *account.Store, ds *drafts.Store, r Renderer, s Signer) *Store {
	return &Store{db: db, accounts: accounts, drafts: ds, render: r, sign: s, now: time.Now}
}

// WithClock sets the clock, for tests.
func (s *Store) WithClock(now func() time.Time) *Store {
	s.now = now
	return s
}

const timeFormat = time.RFC3339

// ActionSeal is the audit action of sealing a record.
const ActionSeal = "archive.seal"

// Schema creates the archive tables; it is a workspace migration.
const Schema = `
CREATE TABLE records (
	id           INTEGER PRIMARY KEY,
	code         TEXT NOT NULL UNIQUE,
	draft_id     INTEGER NOT NULL UNIQUE REFERENCES drafts(id),
	year         INTEGER NOT NULL,
	seq          INTEGER NOT NULL,
	retention    TEXT NOT NULL,
	title        TEXT NOT NULL,
	channel_id   INTEGER NOT NULL,
	grade        TEXT NOT NULL,
	author       TEXT NOT NULL,
	signers      TEXT NOT NULL,
	has_waivers  INTEGER NOT NULL,
	sealed_at    TEXT NOT NULL,
	archivist_id INTEGER NOT NULL REFERENCES users(id),
	audit_seq    INTEGER NOT NULL,
	audit_head   TEXT NOT NULL,
	manifest     TEXT NOT NULL,
	manifest_sm3 TEXT NOT NULL,
	text         TEXT NOT NULL,
	text_sm3     TEXT NOT NULL,
	file         BLOB NOT NULL,
	file_name    TEXT NOT NULL,
	pdf          BLOB NOT NULL,
	pdf_sha256   TEXT NOT NULL,
	UNIQUE (year, retention, seq)
);
CREATE INDEX records_sealed ON records (sealed_at);
CREATE INDEX records_filter ON records (year, channel_id, grade, retention);
CREATE TABLE record_versions (
	record_id    INTEGER NOT NULL REFERENCES records(id),
	number       INTEGER NOT NULL,
	text         TEXT NOT NULL,
	file         BLOB NOT NULL,
	file_name    TEXT NOT NULL,
	check_result TEXT NOT NULL,
	PRIMARY KEY (record_id, number)
);
` + search.Schema + `
CREATE TRIGGER records_no_update BEFORE UPDATE ON records
BEGIN SELECT RAISE(ABORT, 'records cannot be changed'); END;
CREATE TRIGGER records_no_delete BEFORE DELETE ON records
BEGIN SELECT RAISE(ABORT, 'records cannot be deleted'); END;
CREATE TRIGGER record_versions_no_update BEFORE UPDATE ON record_versions
BEGIN SELECT RAISE(ABORT, 'records cannot be changed'); END;
CREATE TRIGGER record_versions_no_delete BEFORE DELETE ON record_versions
BEGIN SELECT RAISE(ABORT, 'records cannot be deleted'); END;
`
