// Package audit keeps Shenfa's append-only audit trail: every event is a
// row whose SM3 hash covers its content and the previous row's hash, so a
// row changed, removed or slipped in afterwards breaks the chain.
//
// The chain carries no secret key. Someone who can write the file and
// knows this package can rebuild every hash after tampering, and removing
// rows from the end leaves a shorter chain that still verifies. Both are
// caught only by comparing Report.Head with a head recorded elsewhere, for
// example in a sealed archive record or a signed backup log.
package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"
)

// Action names used across Shenfa.
const (
	ActionInit           = "workspace.init"
	ActionSignIn         = "signin.ok"
	ActionSignInFail     = "signin.fail"
	ActionLockout        = "account.lockout"
	ActionUnlock         = "account.unlock"
	ActionAccountCreate  = "account.create"
	ActionAccountDisable = "account.disable"
	ActionAccountEnable  = "account.enable"
	ActionPasswordReset  = "account.reset"
	ActionPasswordChange = "password.change"
	ActionRoleGrant      = "role.grant"
	ActionRoleRevoke     = "role.revoke"
	ActionSettingsChange = "settings.change"
	ActionBackup         = "workspace.backup"
	ActionRestore        = "workspace.restore"
	ActionAuditVerify    = "audit.verify"
	ActionSignOut        = "signout"
	ActionIdleLock       = "session.lock"
	ActionLexiconImport  = "lexicon.import"
	ActionLexiconExport  = "lexicon.export"
	ActionLexiconEnable  = "lexicon.enable"
	ActionLexiconDisable = "lexicon.disable"
	ActionLexiconDelete  = "lexicon.delete"
	ActionEntryAdd       = "lexicon.entry.add"
	ActionEntryEdit      = "lexicon.entry.edit"
	ActionEntryRemove    = "lexicon.entry.remove"
)

// Schema creates the audit table; the caller includes it in workspace
// migration 1. The triggers stop UPDATE and DELETE, and an INSERT that
// does not extend the chain, by mistake or through careless SQL; they do
// not stop someone who drops them, which is what Verify is for.
const Schema = `
CREATE TABLE audit (
	seq    INTEGER PRIMARY KEY,
	at     TEXT NOT NULL,
	actor  TEXT NOT NULL,
	action TEXT NOT NULL,
	target TEXT NOT NULL,
	detail TEXT NOT NULL,
	prev   TEXT NOT NULL,
	hash   TEXT NOT NULL
);
CREATE INDEX audit_actor ON audit (actor, seq);
CREATE INDEX audit_action ON audit (action, seq);
CREATE INDEX audit_at ON audit (at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows cannot be changed');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit rows cannot be deleted');
END;
CREATE TRIGGER audit_append_only BEFORE INSERT ON audit
WHEN NEW.seq IS NOT coalesce((SELECT max(seq) FROM audit), 0) + 1
  OR NEW.prev IS NOT coalesce((SELECT hash FROM audit ORDER BY seq DESC LIMIT 1), '` + Genesis + `')
BEGIN
	SELECT RAISE(ABORT, 'audit rows can only be appended to the chain');
END;
`

// Genesis is the prev of the first row.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// timeLayout is RFC 3339 in UTC with a fixed nine-digit fraction: unlike
// time.RFC3339Nano it keeps text order equal to time order, which the
// From/To filters rely on, and it still parses with time.RFC3339Nano.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// Event is something that happened and must be recorded.
type Event struct {
	At     time.Time // zero means now
	Actor  string    // sign-in name; empty for the system itself
	Action string    // one of the Action constants
	Target string    // what the action was applied to
	Detail string    // free text for the reader
}

// Entry is one row of the audit trail.
type Entry struct {
	Seq    int64
	At     time.Time // zero when the stored text is not a valid time; Verify reports it
	Actor  string
	Action string
	Target string
	Detail string
	Prev   string // hex SM3 hash of the previous row, Genesis for the first
	Hash   string // hex SM3 hash of this row
}

// Append records e as the next row of the chain. It must run in the same
// transaction as the change it records, so that the change and its record
// commit or vanish together.
func Append(ctx context.Context, tx *sql.Tx, e Event) (Entry, error) {
	if err := validate(e); err != nil {
		return Entry{}, err
	}
	seq, prev, err := last(ctx, tx)
	if err != nil {
		return Entry{}, err
	}
	at := e.At
	if at.IsZero() {
		at = time.Now()
	}
	ent := Entry{Seq: seq + 1, At: at.UTC(), Actor: e.Actor, Action: e.Action,
		Target: e.Target, Detail: e.Detail, Prev: prev}
	stamp := ent.At.Format(timeLayout)
	ent.Hash = rowHash(ent.Seq, stamp, ent.Actor, ent.Action, ent.Target, ent.Detail, ent.Prev)
	_, err = tx.ExecContext(ctx,
		`INSERT INTO audit (seq, at, actor, action, target, detail, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		ent.Seq, stamp, ent.Actor, ent.Action, ent.Target, ent.Detail, ent.Prev, ent.Hash)
	if err != nil {
		return Entry{}, fmt.Errorf("append audit %s: %w", e.Action, err)
	}
	ent.At, _ = time.Parse(time.RFC3339Nano, stamp) // what List will return
	return ent, nil
}

// validate rejects text that would not survive the round trip through
// SQLite unchanged, which would make the row's own hash fail later.
func validate(e Event) error {
	if e.Action == "" {
		return errors.New("append audit: event has no action")
	}
	if y := e.At.UTC().Year(); !e.At.IsZero() && (y < 1 || y > 9999) {
		return fmt.Errorf("append audit %s: time %v is outside years 1-9999", e.Action, e.At)
	}
	for _, s := range []string{e.Actor, e.Action, e.Target, e.Detail} {
		if !utf8.ValidString(s) {
			return fmt.Errorf("append audit %s: text is not valid UTF-8", e.Action)
		}
	}
	return nil
}

// last returns the sequence number and hash of the newest row, or 0 and
// Genesis for an empty trail.
func last(ctx context.Context, tx *sql.Tx) (int64, string, error) {
	var seq int64
	var hash string
	err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1`).Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, Genesis, nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("read last audit row: %w", err)
	}
	return seq, hash, nil
}
