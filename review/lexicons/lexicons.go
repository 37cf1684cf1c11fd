// Package lexicons keeps the workspace's lexicons (GUIDE §3.3) in the
// workspace file: the defaults shipped with Shenfa and those a secadmin
// imports, their entries and allow phrases. Every change is authorised and
// audited in the same write transaction, and gives the lexicon a new
// version, so that the versions reported with a check say exactly which
// words were used.
package lexicons

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"shenfa/review/workspace"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

// Schema creates the lexicon tables; it is workspace migration 2. Entries
// keep their id so that a lexicon is exported in the order it was imported;
// allow phrases live in the same table with allow = 1 and no category.
const Schema = `
CREATE TABLE lexicon (
	name       TEXT PRIMARY KEY,
	version    TEXT NOT NULL,
	kind       TEXT NOT NULL,
	category   TEXT NOT NULL,
	enabled    INTEGER NOT NULL DEFAULT 1,
	builtin    INTEGER NOT NULL DEFAULT 0,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL
);
CREATE TABLE lexicon_entry (
	id         INTEGER PRIMARY KEY,
	lexicon    TEXT NOT NULL REFERENCES lexicon(name) ON DELETE CASCADE,
	word       TEXT NOT NULL,
	category   TEXT NOT NULL DEFAULT '',
	severity   TEXT NOT NULL DEFAULT '',
	suggestion TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	allow      INTEGER NOT NULL DEFAULT 0,
	UNIQUE (lexicon, allow, word)
);
`

// Errors a user can cause; the UI translates each of them.
var (
	ErrNoSuchLexicon = errors.New("no such lexicon")
	ErrExists        = errors.New("a lexicon with this name already exists")
	ErrBuiltin       = errors.New("a built-in lexicon cannot be deleted, only disabled")
	ErrNoSuchEntry   = errors.New("no such entry in the lexicon")
	ErrEntryExists   = errors.New("the lexicon already has this word")
)

// Info describes one lexicon without its entries.
type Info struct {
	Name      string
	Version   string
	Kind      lexicon.Kind
	Category  finding.Category // default category of its entries
	Enabled   bool             // used by checks
	Builtin   bool             // shipped with Shenfa: can be disabled, not deleted
	Entries   int
	Allows    int
	UpdatedAt time.Time
	UpdatedBy string // sign-in name; empty for Shenfa itself
	Publisher string // for a lexicon from a signed package: its publisher, as trusted
	Package   string // and the package version
}

// Store manages the lexicons of one workspace.
type Store struct {
	db  *workspace.DB
	now func() time.Time
}

// New returns the lexicon store of db.
func New(db *workspace.DB) *Store { return &Store{db: db, now: time.Now} }

const timeFormat = time.RFC3339Nano

func (s *Store) stamp() string { return s.now().UTC().Format(timeFormat) }

// querier is what reads need: the pool or a write transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const infoQuery = `SELECT l.name, l.version, l.kind, l.category, l.enabled, l.builtin, l.updated_at, l.updated_by,
	(SELECT count(*) FROM lexicon_entry e WHERE e.lexicon = l.name AND e.allow = 0),
	(SELECT count(*) FROM lexicon_entry e WHERE e.lexicon = l.name AND e.allow = 1),
	coalesce(o.publisher, ''), coalesce(o.package, '')
	FROM lexicon l LEFT JOIN lexicon_origin o ON o.lexicon = l.name AND o.source = 'package'`

type scanner interface{ Scan(dest ...any) error }

func scanInfo(row scanner) (Info, error) {
	var i Info
	var at string
	err := row.Scan(&i.Name, &i.Version, &i.Kind, &i.Category, &i.Enabled, &i.Builtin, &at, &i.UpdatedBy,
		&i.Entries, &i.Allows, &i.Publisher, &i.Package)
	i.UpdatedAt, _ = time.Parse(timeFormat, at)
	return i, err
}

// List returns every lexicon, built-in ones first, then by name.
func (s *Store) List(ctx context.Context) ([]Info, error) {
	rows, err := s.db.SQL.QueryContext(ctx, infoQuery+` ORDER BY l.builtin DESC, l.name`)
	if err != nil {
		return nil, fmt.Errorf("list lexicons: %w", err)
	}
	defer rows.Close()
	var out []Info
	for rows.Next() {
		i, err := scanInfo(rows)
		if err != nil {
			return nil, fmt.Errorf("list lexicons: %w", err)
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// Get returns the description of the lexicon called name.
func (s *Store) Get(ctx context.Context, name string) (Info, error) {
	return getInfo(ctx, s.db.SQL, name)
}

func getInfo(ctx context.Context, q querier, name string) (Info, error) {
	i, err := scanInfo(q.QueryRowContext(ctx, infoQuery+` WHERE l.name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return i, fmt.Errorf("lexicon %q: %w", name, ErrNoSuchLexicon)
	}
	if err != nil {
		return i, fmt.Errorf("read lexicon %q: %w", name, err)
	}
	return i, nil
}

// Load returns the lexicon called name with all its entries.
func (s *Store) Load(ctx context.Context, name string) (*lexicon.Lexicon, error) {
	return load(ctx, s.db.SQL, name)
}

// Enabled returns the enabled lexicons with their entries, in List order,
// for a check; it needs no session because checking is not a change.
func (s *Store) Enabled(ctx context.Context) ([]*lexicon.Lexicon, error) {
	infos, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	var out []*lexicon.Lexicon
	for _, i := range infos {
		if !i.Enabled {
			continue
		}
		l, err := s.Load(ctx, i.Name)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

func load(ctx context.Context, q querier, name string) (*lexicon.Lexicon, error) {
	i, err := getInfo(ctx, q, name)
	if err != nil {
		return nil, err
	}
	l := &lexicon.Lexicon{Name: i.Name, Version: i.Version, Kind: i.Kind, Category: i.Category}
	rows, err := q.QueryContext(ctx, `SELECT word, category, severity, suggestion, note, allow
		FROM lexicon_entry WHERE lexicon = ? ORDER BY id`, name)
	if err != nil {
		return nil, fmt.Errorf("read lexicon %q: %w", name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var e lexicon.Entry
		var allow bool
		if err := rows.Scan(&e.Word, &e.Category, &e.Severity, &e.Suggestion, &e.Note, &allow); err != nil {
			return nil, fmt.Errorf("read lexicon %q: %w", name, err)
		}
		if allow {
			l.Allow = append(l.Allow, lexicon.Allow{Word: e.Word, Note: e.Note})
		} else {
			l.Entries = append(l.Entries, e)
		}
	}
	return l, rows.Err()
}
