package lexicons

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/sensitive/lexicon"
)

// change runs fn in a write transaction after checking, inside it, that the
// session's user may still manage lexicons; fn gets the user's name.
func (s *Store) change(ctx context.Context, sess *account.Session, fn func(tx *sql.Tx, actor string) error) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		u, err := account.Authorize(ctx, tx, sess, account.ManageLexicons)
		if err != nil {
			return err
		}
		return fn(tx, u.Name)
	})
}

func record(ctx context.Context, tx *sql.Tx, actor, action, target, detail string) error {
	_, err := audit.Append(ctx, tx, audit.Event{Actor: actor, Action: action, Target: target, Detail: detail})
	return err
}

// Count returns the number of lexicons in the workspace.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM lexicon`).Scan(&n)
	return n, err
}

// Seed stores defaults as built-in, enabled lexicons when the workspace has
// none yet, and records them as what Shenfa sent, so that a later Shenfa's
// defaults can be compared with them; Shenfa itself (the empty actor, as
// for workspace.init) is recorded as the importer.
func (s *Store) Seed(ctx context.Context, defaults []*lexicon.Lexicon) error {
	var ls []*lexicon.Lexicon
	for _, d := range defaults {
		l, err := checked(d)
		if err != nil {
			return fmt.Errorf("seed lexicons: %w", err)
		}
		ls = append(ls, l)
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM lexicon`).Scan(&n); err != nil || n > 0 {
			return err
		}
		for _, l := range ls {
			if err := s.insert(ctx, tx, l, true, ""); err != nil {
				return err
			}
			if err := s.setOrigin(ctx, tx, Source{Builtin: true}, l); err != nil {
				return err
			}
			if err := record(ctx, tx, "", audit.ActionLexiconImport, l.Name, "built-in, "+summary(l)); err != nil {
				return err
			}
		}
		return nil
	})
}

// Import stores l. A lexicon of the same name is an error unless replace is
// set; a replaced lexicon keeps its enabled and built-in flags.
func (s *Store) Import(ctx context.Context, sess *account.Session, l *lexicon.Lexicon, replace bool) error {
	l, err := checked(l)
	if err != nil {
		return err
	}
	return s.change(ctx, sess, func(tx *sql.Tx, actor string) error {
		old, err := getInfo(ctx, tx, l.Name)
		switch {
		case errors.Is(err, ErrNoSuchLexicon):
			err = s.insert(ctx, tx, l, false, actor)
			if err == nil { // a file of its own: no longer what a package or Shenfa sent under this name
				_, err = tx.ExecContext(ctx, `DELETE FROM lexicon_origin WHERE lexicon = ?`, l.Name)
			}
		case err != nil:
			return err
		case !replace:
			return fmt.Errorf("lexicon %q: %w", l.Name, ErrExists)
		default:
			err = s.replace(ctx, tx, l, actor)
		}
		if err != nil {
			return err
		}
		detail := summary(l)
		if old.Name != "" {
			detail += "; replaced version " + old.Version
		}
		return record(ctx, tx, actor, audit.ActionLexiconImport, l.Name, detail)
	})
}

func summary(l *lexicon.Lexicon) string {
	return fmt.Sprintf("version %s, %d entries, %d allow phrases", l.Version, len(l.Entries), len(l.Allow))
}

func (s *Store) insert(ctx context.Context, tx *sql.Tx, l *lexicon.Lexicon, builtin bool, actor string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO lexicon(name, version, kind, category, enabled, builtin, updated_at, updated_by)
		VALUES(?, ?, ?, ?, 1, ?, ?, ?)`, l.Name, l.Version, l.Kind, l.Category, builtin, s.stamp(), actor)
	if err != nil {
		return fmt.Errorf("store lexicon %q: %w", l.Name, err)
	}
	return insertEntries(ctx, tx, l)
}

func (s *Store) replace(ctx context.Context, tx *sql.Tx, l *lexicon.Lexicon, actor string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM lexicon_entry WHERE lexicon = ?`, l.Name); err != nil {
		return fmt.Errorf("replace lexicon %q: %w", l.Name, err)
	}
	_, err := tx.ExecContext(ctx, `UPDATE lexicon SET version = ?, kind = ?, category = ?, updated_at = ?, updated_by = ?
		WHERE name = ?`, l.Version, l.Kind, l.Category, s.stamp(), actor, l.Name)
	if err != nil {
		return fmt.Errorf("replace lexicon %q: %w", l.Name, err)
	}
	return insertEntries(ctx, tx, l)
}

func insertEntries(ctx context.Context, tx *sql.Tx, l *lexicon.Lexicon) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO lexicon_entry(lexicon, word, category, severity, suggestion, note, allow)
		VALUES(?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("store entries of %q: %w", l.Name, err)
	}
	defer st.Close()
	for _, e := range l.Entries {
		if _, err := st.ExecContext(ctx, l.Name, e.Word, e.Category, e.Severity, e.Suggestion, e.Note, false); err != nil {
			return fmt.Errorf("store entry %q of %q: %w", e.Word, l.Name, err)
		}
	}
	for _, a := range l.Allow {
		if _, err := st.ExecContext(ctx, l.Name, a.Word, "", "", "", a.Note, true); err != nil {
			return fmt.Errorf("store allow phrase %q of %q: %w", a.Word, l.Name, err)
		}
	}
	return nil
}

// Export returns the lexicon called name as a TOML file (GUIDE §3.3) and
// records who took a copy.
func (s *Store) Export(ctx context.Context, sess *account.Session, name string) ([]byte, error) {
	var data []byte
	err := s.change(ctx, sess, func(tx *sql.Tx, actor string) error {
		l, err := load(ctx, tx, name)
		if err != nil {
			return err
		}
		if data, err = l.TOML(); err != nil {
			return err
		}
		return record(ctx, tx, actor, audit.ActionLexiconExport, name, summary(l))
	})
	return data, err
}

// SetEnabled turns a lexicon on or off for checks. The words do not change,
// so neither does the version; the check reports which lexicons it used.
func (s *Store) SetEnabled(ctx context.Context, sess *account.Session, name string, on bool) error {
	return s.change(ctx, sess, func(tx *sql.Tx, actor string) error {
		i, err := getInfo(ctx, tx, name)
		if err != nil || i.Enabled == on {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE lexicon SET enabled = ?, updated_at = ?, updated_by = ? WHERE name = ?`,
			on, s.stamp(), actor, name)
		if err != nil {
			return fmt.Errorf("enable lexicon %q: %w", name, err)
		}
		action := audit.ActionLexiconDisable
		if on {
			action = audit.ActionLexiconEnable
		}
		return record(ctx, tx, actor, action, name, "version "+i.Version)
	})
}

// Delete removes an imported lexicon and its entries; built-in ones can
// only be disabled, so that the defaults are always at hand.
func (s *Store) Delete(ctx context.Context, sess *account.Session, name string) error {
	return s.change(ctx, sess, func(tx *sql.Tx, actor string) error {
		i, err := getInfo(ctx, tx, name)
		if err != nil {
			return err
		}
		if i.Builtin {
			return fmt.Errorf("lexicon %q: %w", name, ErrBuiltin)
		}
		for _, q := range []string{`DELETE FROM lexicon_entry WHERE lexicon = ?`, `DELETE FROM lexicon WHERE name = ?`,
			`DELETE FROM lexicon_origin WHERE lexicon = ?`} {
			if _, err := tx.ExecContext(ctx, q, name); err != nil {
				return fmt.Errorf("delete lexicon %q: %w", name, err)
			}
		}
		return record(ctx, tx, actor, audit.ActionLexiconDelete, name,
			fmt.Sprintf("version %s, %d entries, %d allow phrases", i.Version, i.Entries, i.Allows))
	})
}

// nextVersion is the version after one more edit in this workspace: the
// imported version with a count of local edits, "2026-11-01+3" for the
// third, so that a reader sees both where it came from and that it changed.
func nextVersion(v string) string {
	i := strings.LastIndexByte(v, '+')
	if i < 0 {
		return v + "+1"
	}
	count, err := strconv.Atoi(v[i+1:])
	if err != nil || count < 1 {
		return v + "+1"
	}
	return v[:i] + "+" + strconv.Itoa(count+1)
}

// bump gives the lexicon a new version after an edit and returns it.
func (s *Store) bump(ctx context.Context, tx *sql.Tx, i Info, actor string) (string, error) {
	v := nextVersion(i.Version)
	_, err := tx.ExecContext(ctx, `UPDATE lexicon SET version = ?, updated_at = ?, updated_by = ? WHERE name = ?`,
		v, s.stamp(), actor, i.Name)
	if err != nil {
		return "", fmt.Errorf("update version of %q: %w", i.Name, err)
	}
	return v, nil
}
