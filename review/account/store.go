// Package account keeps the people who use a Shenfa workspace: accounts,
// roles and their rights, password policy and lockout, and each user's SM2
// signing key sealed under a key derived from that user's password. Every
// change is written to the audit trail in the same transaction.
package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"shenfa/review/audit"
	"shenfa/review/workspace"
)

// Schema creates the account tables; it is part of workspace migration 1.
const Schema = `
CREATE TABLE users (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
	full_name    TEXT NOT NULL,
	password     TEXT NOT NULL,
	must_change  INTEGER NOT NULL DEFAULT 0,
	disabled     INTEGER NOT NULL DEFAULT 0,
	failures     INTEGER NOT NULL DEFAULT 0,
	locked_until TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL
);
CREATE TABLE user_roles (
	user_id INTEGER NOT NULL REFERENCES users(id),
	role    TEXT NOT NULL,
	PRIMARY KEY (user_id, role)
);
CREATE TABLE signing_keys (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id),
	public_key BLOB NOT NULL,
	nonce      BLOB,
	sealed     BLOB,
	created_at TEXT NOT NULL,
	retired_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
`

// User is one account.
type User struct {
	ID          int64
	Name        string // sign-in name
	FullName    string // the person's real name
	Roles       []Role
	Disabled    bool
	MustChange  bool      // must choose a new password at next sign-in
	Failures    int       // failed sign-ins since the last success
	LockedUntil time.Time // zero when not locked
	CreatedAt   time.Time
}

// Locked reports whether the account is locked at now.
func (u User) Locked(now time.Time) bool { return now.Before(u.LockedUntil) }

// Has reports whether the user holds role r.
func (u User) Has(r Role) bool { return slices.Contains(u.Roles, r) }

// Can reports whether the user's roles grant p.
func (u User) Can(p Permission) bool { return Allows(u.Roles, p) }

// Store manages the accounts of one workspace.
type Store struct {
	db  *workspace.DB
	kdf KDF
	now func() time.Time
}

// Option configures a Store.
type Option func(*Store)

// WithKDF sets the argon2id cost, used by tests and the benchmark.
func WithKDF(k KDF) Option { return func(s *Store) { s.kdf = k } }

// WithClock sets the clock, used by lockout tests.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// New returns the account store of db.
func New(db *workspace.DB, opts ...Option) *Store {
	s := &Store{db: db, kdf: DefaultKDF, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s
}

const timeFormat = time.RFC3339Nano

func (s *Store) stamp() string { return s.now().UTC().Format(timeFormat) }

const userColumns = `id, name, full_name, must_change, disabled, failures, locked_until, created_at`

type scanner interface{ Scan(dest ...any) error }

func scanUser(row scanner) (User, error) {
	var u User
	var locked, created string
	err := row.Scan(&u.ID, &u.Name, &u.FullName, &u.MustChange, &u.Disabled, &u.Failures, &locked, &created)
	if err != nil {
		return u, err
	}
	u.LockedUntil, _ = time.Parse(timeFormat, locked)
	u.CreatedAt, _ = time.Parse(timeFormat, created)
	return u, nil
}

type queryer interface {
	querier
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func loadRoles(ctx context.Context, q queryer, u *User) error {
	rows, err := q.QueryContext(ctx, `SELECT role FROM user_roles WHERE user_id = ?`, u.ID)
	if err != nil {
		return fmt.Errorf("roles of %s: %w", u.Name, err)
	}
	defer rows.Close()
	u.Roles = nil
	for rows.Next() {
		var r Role
		if err := rows.Scan(&r); err != nil {
			return err
		}
		u.Roles = append(u.Roles, r)
	}
	slices.SortFunc(u.Roles, func(a, b Role) int { return slices.Index(AllRoles, a) - slices.Index(AllRoles, b) })
	return rows.Err()
}

func getUser(ctx context.Context, q queryer, where string, arg any) (User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNoSuchUser
	}
	if err != nil {
		return u, fmt.Errorf("read user: %w", err)
	}
	return u, loadRoles(ctx, q, &u)
}

// Get returns the user with id.
func (s *Store) Get(ctx context.Context, id int64) (User, error) {
	return getUser(ctx, s.db.SQL, "id = ?", id)
}

// List returns every account, ordered by name.
func (s *Store) List(ctx context.Context) ([]User, error) {
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	var users []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("list users: %w", err)
		}
		users = append(users, u)
	}
	rows.Close()
	for i := range users {
		if err := loadRoles(ctx, s.db.SQL, &users[i]); err != nil {
			return nil, err
		}
	}
	return users, rows.Err()
}

// Count returns the number of accounts; zero means the workspace needs setup.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}

// Policy returns the workspace's password, lockout and idle policy.
func (s *Store) Policy(ctx context.Context) (Policy, error) { return loadPolicy(ctx, s.db.SQL) }

// PublicKey is a user's signing key as kept for verification.
type PublicKey struct {
	ID        int64
	DER       []byte // PKIX
	CreatedAt time.Time
	Retired   bool
}

// PublicKeys returns every signing key the user ever had, oldest first.
func (s *Store) PublicKeys(ctx context.Context, userID int64) ([]PublicKey, error) {
	rows, err := s.db.SQL.QueryContext(ctx,
		`SELECT id, public_key, created_at, retired_at FROM signing_keys WHERE user_id = ? ORDER BY id`, userID)
	if err != nil {
		return nil, fmt.Errorf("public keys: %w", err)
	}
	defer rows.Close()
	var keys []PublicKey
	for rows.Next() {
		var k PublicKey
		var created, retired string
		if err := rows.Scan(&k.ID, &k.DER, &created, &retired); err != nil {
			return nil, err
		}
		k.CreatedAt, _ = time.Parse(timeFormat, created)
		k.Retired = retired != ""
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

var namePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{2,32}$`)

// NewUser is what creating an account needs.
type NewUser struct {
	Name     string
	FullName string
	Password string
	Roles    []Role
	// KeepPassword spares the user from choosing a new password at first
	// sign-in; only demo workspaces, whose passwords are published, use it.
	KeepPassword bool
}

func (n NewUser) check(p Policy) error {
	if !namePattern.MatchString(n.Name) {
		return ErrBadName
	}
	if strings.TrimSpace(n.FullName) == "" {
		return ErrNoFullName
	}
	if err := CheckRoles(n.Roles); err != nil {
		return err
	}
	return p.Accepts(n.Password)
}

func audited(ctx context.Context, tx *sql.Tx, actor, action, target, detail string) error {
	_, err := audit.Append(ctx, tx, audit.Event{Actor: actor, Action: action, Target: target, Detail: detail})
	return err
}
