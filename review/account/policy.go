package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
)

// Policy is the password, lockout and idle-lock policy set by secadmin.
type Policy struct {
	MinLength      int // characters
	MinClasses     int // of lower, upper, digit, symbol
	MaxFailures    int // failed sign-ins before lockout
	LockoutMinutes int // how long a lockout lasts
	IdleMinutes    int // idle time before the desktop app locks
}

// DefaultPolicy is the policy of a new workspace.
var DefaultPolicy = Policy{MinLength: 8, MinClasses: 3, MaxFailures: 5, LockoutMinutes: 15, IdleMinutes: 10}

// ErrBadPolicy reports a policy value out of its allowed range.
var ErrBadPolicy = errors.New("policy value out of range")

// Check reports whether p is within the ranges a workstation may use.
func (p Policy) Check() error {
	in := func(v, lo, hi int) bool { return v >= lo && v <= hi }
	if !in(p.MinLength, 8, 64) || !in(p.MinClasses, 1, 4) || !in(p.MaxFailures, 3, 20) ||
		!in(p.LockoutMinutes, 1, 1440) || !in(p.IdleMinutes, 1, 120) {
		return ErrBadPolicy
	}
	return nil
}

// Lockout is how long an account stays locked.
func (p Policy) Lockout() time.Duration { return time.Duration(p.LockoutMinutes) * time.Minute }

// Idle is how long the desktop app waits before locking.
func (p Policy) Idle() time.Duration { return time.Duration(p.IdleMinutes) * time.Minute }

// Accepts reports whether password satisfies the policy.
func (p Policy) Accepts(password string) error {
	if utf8.RuneCountInString(password) < p.MinLength || Classes(password) < p.MinClasses {
		return &PolicyError{MinLength: p.MinLength, MinClasses: p.MinClasses}
	}
	return nil
}

func (p *Policy) fields() []struct {
	key string
	v   *int
} {
	return []struct {
		key string
		v   *int
	}{
		{"password.min_length", &p.MinLength}, {"password.min_classes", &p.MinClasses},
		{"lockout.max_failures", &p.MaxFailures}, {"lockout.minutes", &p.LockoutMinutes},
		{"session.idle_minutes", &p.IdleMinutes},
	}
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func loadPolicy(ctx context.Context, q querier) (Policy, error) {
	p := DefaultPolicy
	for _, f := range p.fields() {
		var s string
		err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, f.key).Scan(&s)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return p, fmt.Errorf("read setting %s: %w", f.key, err)
		}
		if n, err := strconv.Atoi(s); err == nil {
			*f.v = n
		}
	}
	return p, nil
}

func savePolicy(ctx context.Context, tx *sql.Tx, p Policy) error {
	for _, f := range p.fields() {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES(?, ?)
			ON CONFLICT(key) DO UPDATE SET value = excluded.value`, f.key, strconv.Itoa(*f.v))
		if err != nil {
			return fmt.Errorf("write setting %s: %w", f.key, err)
		}
	}
	return nil
}
