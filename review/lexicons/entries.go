package lexicons

import (
	"context"
	"database/sql"
	"fmt"

	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/sensitive/lexicon"
)

// checked validates l by the lexicon package's own rules and returns a
// normalised copy (defaults filled in, words trimmed) without duplicate
// words. The package checks only while parsing, so l goes through its TOML
// form: one set of rules for files, the store and the edit dialogs.
func checked(l *lexicon.Lexicon) (*lexicon.Lexicon, error) {
	if l == nil {
		return nil, lexicon.ErrEmpty
	}
	data, err := l.TOML()
	if err != nil {
		return nil, err
	}
	out, err := lexicon.Parse(l.Name+".toml", data, "")
	if err != nil {
		return nil, err
	}
	dedupe(out)
	return out, nil
}

// dedupe keeps the first place of a word that occurs twice, with the more
// severe of its entries, as lexicon.Compile would.
func dedupe(l *lexicon.Lexicon) {
	seen := map[string]int{}
	entries := l.Entries[:0]
	for _, e := range l.Entries {
		i, dup := seen[e.Word]
		switch {
		case !dup:
			seen[e.Word] = len(entries)
			entries = append(entries, e)
		case e.Severity.Rank() > entries[i].Severity.Rank():
			entries[i] = e
		}
	}
	l.Entries = entries
	allowed := map[string]bool{}
	allow := l.Allow[:0]
	for _, a := range l.Allow {
		if !allowed[a.Word] {
			allowed[a.Word] = true
			allow = append(allow, a)
		}
	}
	l.Allow = allow
}

// row is an entry or an allow phrase as stored.
type row struct {
	lexicon.Entry
	allow bool
}

func (r row) kind() string {
	if r.allow {
		return "allow phrase"
	}
	return "entry"
}

// checkRow validates one entry or allow phrase in the context of its lexicon.
func checkRow(i Info, r row) (row, error) {
	l := &lexicon.Lexicon{Name: i.Name, Version: i.Version, Kind: i.Kind, Category: i.Category}
	if r.allow {
		l.Allow = []lexicon.Allow{{Word: r.Word, Note: r.Note}}
	} else {
		l.Entries = []lexicon.Entry{r.Entry}
	}
	l, err := checked(l)
	if err != nil {
		return r, err
	}
	if r.allow {
		return row{Entry: lexicon.Entry{Word: l.Allow[0].Word, Note: l.Allow[0].Note}, allow: true}, nil
	}
	return row{Entry: l.Entries[0]}, nil
}

// Search returns one page of the entries of the lexicon called name whose
// word, suggestion or note contains text, and how many match in all. A
// limit of 0 means no limit.
func (s *Store) Search(ctx context.Context, name, text string, limit, offset int) ([]lexicon.Entry, int, error) {
	rows, n, err := s.search(ctx, name, text, false, limit, offset)
	out := make([]lexicon.Entry, len(rows))
	for i, r := range rows {
		out[i] = r.Entry
	}
	return out, n, err
}

// SearchAllow is Search for the allow phrases.
func (s *Store) SearchAllow(ctx context.Context, name, text string, limit, offset int) ([]lexicon.Allow, int, error) {
	rows, n, err := s.search(ctx, name, text, true, limit, offset)
	out := make([]lexicon.Allow, len(rows))
	for i, r := range rows {
		out[i] = lexicon.Allow{Word: r.Word, Note: r.Note}
	}
	return out, n, err
}

// matches is case-insensitive for Latin letters; instr, unlike LIKE, needs
// no escaping of % and _ in what the user typed.
const matches = `lexicon = ? AND allow = ? AND (? = '' OR instr(lower(word), lower(?)) > 0
	OR instr(lower(suggestion), lower(?)) > 0 OR instr(lower(note), lower(?)) > 0)`

func (s *Store) search(ctx context.Context, name, text string, allow bool, limit, offset int) ([]row, int, error) {
	if _, err := s.Get(ctx, name); err != nil {
		return nil, 0, err
	}
	args := []any{name, allow, text, text, text, text}
	var n int
	if err := s.db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM lexicon_entry WHERE `+matches, args...).Scan(&n); err != nil {
		return nil, 0, fmt.Errorf("search lexicon %q: %w", name, err)
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT word, category, severity, suggestion, note FROM lexicon_entry
		WHERE `+matches+` ORDER BY id LIMIT ? OFFSET ?`, append(args, limit, max(0, offset))...)
	if err != nil {
		return nil, 0, fmt.Errorf("search lexicon %q: %w", name, err)
	}
	defer rows.Close()
	var out []row
	for rows.Next() {
		r := row{allow: allow}
		if err := rows.Scan(&r.Word, &r.Category, &r.Severity, &r.Suggestion, &r.Note); err != nil {
			return nil, 0, fmt.Errorf("search lexicon %q: %w", name, err)
		}
		out = append(out, r)
	}
	return out, n, rows.Err()
}

// PutEntry adds e to the lexicon called name when old is "", or replaces
// the entry whose word is old.
func (s *Store) PutEntry(ctx context.Context, sess *account.Session, name, old string, e lexicon.Entry) error {
	return s.put(ctx, sess, name, old, row{Entry: e})
}

// PutAllow adds or replaces an allow phrase, like PutEntry.
func (s *Store) PutAllow(ctx context.Context, sess *account.Session, name, old string, a lexicon.Allow) error {
	return s.put(ctx, sess, name, old, row{Entry: lexicon.Entry{Word: a.Word, Note: a.Note}, allow: true})
}

// RemoveEntry removes the entry whose word is word.
func (s *Store) RemoveEntry(ctx context.Context, sess *account.Session, name, word string) error {
	return s.remove(ctx, sess, name, word, false)
}

// RemoveAllow removes the allow phrase word.
func (s *Store) RemoveAllow(ctx context.Context, sess *account.Session, name, word string) error {
	return s.remove(ctx, sess, name, word, true)
}

func (s *Store) put(ctx context.Context, sess *account.Session, name, old string, r row) error {
	return s.change(ctx, sess, func(tx *sql.Tx, actor string) error {
		i, err := getInfo(ctx, tx, name)
		if err != nil {
			return err
		}
		if r, err = checkRow(i, r); err != nil {
			return err
		}
		if err := checkPlace(ctx, tx, name, old, r); err != nil {
			return err
		}
		if err := writeRow(ctx, tx, name, old, r); err != nil {
			return err
		}
		return s.recordEdit(ctx, tx, i, actor, old, r)
	})
}

// checkPlace refuses to add a word twice or to edit a word that is not there.
func checkPlace(ctx context.Context, tx *sql.Tx, name, old string, r row) error {
	have := func(word string) (bool, error) {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM lexicon_entry WHERE lexicon = ? AND allow = ? AND word = ?`,
			name, r.allow, word).Scan(&n)
		return n > 0, err
	}
	if old != "" {
		if ok, err := have(old); err != nil || !ok {
			return firstErr(err, fmt.Errorf("%s %q of %q: %w", r.kind(), old, name, ErrNoSuchEntry))
		}
	}
	if r.Word == old {
		return nil
	}
	if taken, err := have(r.Word); err != nil || taken {
		return firstErr(err, fmt.Errorf("%s %q of %q: %w", r.kind(), r.Word, name, ErrEntryExists))
	}
	return nil
}

func firstErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

func writeRow(ctx context.Context, tx *sql.Tx, name, old string, r row) error {
	var err error
	if old == "" {
		_, err = tx.ExecContext(ctx, `INSERT INTO lexicon_entry(lexicon, word, category, severity, suggestion, note, allow)
			VALUES(?, ?, ?, ?, ?, ?, ?)`, name, r.Word, r.Category, r.Severity, r.Suggestion, r.Note, r.allow)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE lexicon_entry SET word = ?, category = ?, severity = ?, suggestion = ?, note = ?
			WHERE lexicon = ? AND allow = ? AND word = ?`, r.Word, r.Category, r.Severity, r.Suggestion, r.Note, name, r.allow, old)
	}
	if err != nil {
		return fmt.Errorf("store %s %q of %q: %w", r.kind(), r.Word, name, err)
	}
	return nil
}

func (s *Store) recordEdit(ctx context.Context, tx *sql.Tx, i Info, actor, old string, r row) error {
	v, err := s.bump(ctx, tx, i, actor)
	if err != nil {
		return err
	}
	action, what := audit.ActionEntryAdd, fmt.Sprintf("%s %q", r.kind(), r.Word)
	if old != "" {
		action, what = audit.ActionEntryEdit, fmt.Sprintf("%s %q → %q", r.kind(), old, r.Word)
	}
	if !r.allow {
		what += fmt.Sprintf(" (%s, %s)", r.Category, r.Severity)
	}
	return record(ctx, tx, actor, action, i.Name, fmt.Sprintf("%s; version %s → %s", what, i.Version, v))
}

func (s *Store) remove(ctx context.Context, sess *account.Session, name, word string, allow bool) error {
	return s.change(ctx, sess, func(tx *sql.Tx, actor string) error {
		i, err := getInfo(ctx, tx, name)
		if err != nil {
			return err
		}
		r := row{Entry: lexicon.Entry{Word: word}, allow: allow}
		res, err := tx.ExecContext(ctx, `DELETE FROM lexicon_entry WHERE lexicon = ? AND allow = ? AND word = ?`, name, allow, word)
		if err != nil {
			return fmt.Errorf("remove %s %q of %q: %w", r.kind(), word, name, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%s %q of %q: %w", r.kind(), word, name, ErrNoSuchEntry)
		}
		v, err := s.bump(ctx, tx, i, actor)
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, audit.ActionEntryRemove, name,
			fmt.Sprintf("%s %q; version %s → %s", r.kind(), word, i.Version, v))
	})
}
