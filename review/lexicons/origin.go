package lexicons

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/emmansun/gmsm/sm3"

	"shenfa/review/audit"
	"shenfa/sensitive/lexicon"
)

// OriginSchema creates the tables of workspace migration 3: where each
// lexicon that came from outside (Shenfa's defaults or a signed package)
// came from, with the content last received, and the publishers whose
// packages secadmin trusts.
//
// lexicon_origin is keyed by lexicon name but holds no foreign key: a row
// whose lexicon does not exist records a new default lexicon that secadmin
// declined, so that it is not offered again until it changes. base is the
// canonical TOML of what the source last sent; comparing it with both the
// workspace's copy and the next version tells a local edit from a change
// made by the source.
const OriginSchema = `
CREATE TABLE lexicon_origin (
	lexicon      TEXT PRIMARY KEY,
	source       TEXT NOT NULL,
	publisher    TEXT NOT NULL DEFAULT '',
	key_sm3      TEXT NOT NULL DEFAULT '',
	package      TEXT NOT NULL DEFAULT '',
	package_date TEXT NOT NULL DEFAULT '',
	base_version TEXT NOT NULL,
	base_sm3     TEXT NOT NULL,
	base         BLOB NOT NULL,
	updated_at   TEXT NOT NULL
);
CREATE TABLE trusted_publisher (
	key_sm3    TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	public_key BLOB NOT NULL,
	added_at   TEXT NOT NULL,
	added_by   TEXT NOT NULL
);
`

// Sources of a lexicon recorded in lexicon_origin.
const (
	sourceBuiltin = "builtin"
	sourcePackage = "package"
)

// Source says where an incoming version of a lexicon comes from.
type Source struct {
	Builtin   bool   // shipped with Shenfa
	Publisher string // package publisher, by the name secadmin trusted it under
	Claimed   string // the publisher's name as the package states it
	Key       string // hex SM3 of the signing key (DER SubjectPublicKeyInfo)
	Package   string // package version
	Date      string // package date, YYYY-MM-DD
}

// String names the source for audit rows.
func (s Source) String() string {
	if s.Builtin {
		return "Shenfa built-in"
	}
	return fmt.Sprintf("package %s version %s of %s, key sm3:%s", s.Publisher, s.Package, s.Date, s.Key)
}

// origin is one row of lexicon_origin.
type origin struct {
	Source
	name        string
	baseVersion string
	baseSM3     string
	base        []byte // canonical TOML
}

// errNoOrigin reports a lexicon without a lexicon_origin row.
var errNoOrigin = errors.New("no origin recorded")

func getOrigin(ctx context.Context, q querier, name string) (origin, error) {
	o := origin{name: name}
	var source string
	err := q.QueryRowContext(ctx, `SELECT source, publisher, key_sm3, package, package_date, base_version, base_sm3, base
		FROM lexicon_origin WHERE lexicon = ?`, name).Scan(&source, &o.Publisher, &o.Key, &o.Package, &o.Date,
		&o.baseVersion, &o.baseSM3, &o.base)
	if errors.Is(err, sql.ErrNoRows) {
		return o, errNoOrigin
	}
	if err != nil {
		return o, fmt.Errorf("read origin of %q: %w", name, err)
	}
	o.Builtin = source == sourceBuiltin
	return o, nil
}

// setOrigin records base as what src last sent for the lexicon called name.
func (s *Store) setOrigin(ctx context.Context, tx *sql.Tx, src Source, base *lexicon.Lexicon) error {
	data, sum, err := canonical(base)
	if err != nil {
		return err
	}
	source := sourcePackage
	if src.Builtin {
		source = sourceBuiltin
	}
	_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO lexicon_origin(lexicon, source, publisher, key_sm3, package,
		package_date, base_version, base_sm3, base, updated_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		base.Name, source, src.Publisher, src.Key, src.Package, src.Date, base.Version, sum, data, s.stamp())
	if err != nil {
		return fmt.Errorf("record origin of %q: %w", base.Name, err)
	}
	return nil
}

// canonical returns l as the TOML that Shenfa writes and the hex SM3 of its
// content: the same words give the same hash whatever the file's layout,
// comments or version line.
func canonical(l *lexicon.Lexicon) ([]byte, string, error) {
	data, err := l.TOML()
	if err != nil {
		return nil, "", err
	}
	c := *l
	c.Version = ""
	content, err := c.TOML()
	if err != nil {
		return nil, "", err
	}
	sum := sm3.Sum(content)
	return data, hex.EncodeToString(sum[:]), nil
}

// contentSM3 is the content hash of l, or "" for no lexicon.
func contentSM3(l *lexicon.Lexicon) (string, error) {
	if l == nil {
		return "", nil
	}
	_, sum, err := canonical(l)
	return sum, err
}

// baseOf returns what the workspace last received for the lexicon i (nil
// when that is not known). A workspace made before Shenfa recorded it has
// no origin row: a built-in lexicon nobody has changed since is its own
// base, which the audit trail tells; for an edited one the base is lost.
func (s *Store) baseOf(ctx context.Context, q querier, i Info, local *lexicon.Lexicon) (*origin, *lexicon.Lexicon, error) {
	o, err := getOrigin(ctx, q, i.Name)
	if err == nil {
		base, err := lexicon.Parse(i.Name+".toml", o.base, "")
		if err != nil {
			return nil, nil, fmt.Errorf("recorded origin of %q: %w", i.Name, err)
		}
		return &o, base, nil
	}
	if !errors.Is(err, errNoOrigin) {
		return nil, nil, err
	}
	if !i.Builtin {
		return nil, nil, nil
	}
	var edits int
	err = q.QueryRowContext(ctx, `SELECT count(*) FROM audit WHERE target = ? AND actor != '' AND action IN (?, ?, ?, ?)`,
		i.Name, audit.ActionLexiconImport, audit.ActionEntryAdd, audit.ActionEntryEdit, audit.ActionEntryRemove).Scan(&edits)
	if err != nil {
		return nil, nil, fmt.Errorf("read edits of %q: %w", i.Name, err)
	}
	o = origin{Source: Source{Builtin: true}, name: i.Name}
	if edits > 0 {
		return &o, nil, nil
	}
	return &o, local, nil
}
