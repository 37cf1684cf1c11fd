package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"shenfa/review/audit"

	"time"

	"github.com/emmansun/gmsm/sm2"
)

// decoy is verified against unknown names so that a missing account costs
// as much time as a wrong password and cannot be told apart by timing.
func (s *Store) decoy() credential {
	return credential{kdf: s.kdf, salt: make([]byte, saltLen), verifier: make([]byte, verifierLen)}
}

// SignIn checks a name and password. Failures count toward lockout; every
// attempt is audited.
func (s *Store) SignIn(ctx context.Context, name, password string) (*Session, error) {
	u, cred, err := s.lookup(ctx, name)
	if errors.Is(err, ErrNoSuchUser) {
		s.decoy().check(password)
		return nil, firstErr(s.recordFailure(ctx, name, "unknown user"), ErrBadCredentials)
	}
	if err != nil {
		return nil, err
	}
	if err := s.refuse(ctx, u); err != nil {
		return nil, err
	}
	if _, ok := cred.check(password); !ok {
		return nil, s.failed(ctx, u)
	}
	return s.succeeded(ctx, u)
}

func (s *Store) lookup(ctx context.Context, name string) (User, credential, error) {
	return lookup(ctx, s.db.SQL, name)
}

func lookup(ctx context.Context, q queryer, name string) (User, credential, error) {
	u, err := getUser(ctx, q, "name = ?", name)
	if err != nil {
		return u, credential{}, err
	}
	var stored string
	if err := q.QueryRowContext(ctx, `SELECT password FROM users WHERE id = ?`, u.ID).Scan(&stored); err != nil {
		return u, credential{}, fmt.Errorf("read password of %s: %w", name, err)
	}
	cred, err := parseCredential(stored)
	if err != nil {
		return u, cred, fmt.Errorf("user %s: %w", name, err)
	}
	return u, cred, nil
}

// refuse stops a disabled or locked account before its password is tried.
func (s *Store) refuse(ctx context.Context, u User) error {
	switch {
	case u.Disabled:
		return firstErr(s.recordFailure(ctx, u.Name, "disabled"), ErrDisabled)
	case u.Locked(s.now()):
		return firstErr(s.recordFailure(ctx, u.Name, "locked"), &LockedError{Until: u.LockedUntil})
	}
	return nil
}

// recordFailure audits a refused attempt.
func (s *Store) recordFailure(ctx context.Context, name, why string) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		return audited(ctx, tx, name, audit.ActionSignInFail, name, why)
	})
}

// failed counts a wrong password and locks the account at the limit.
func (s *Store) failed(ctx context.Context, u User) error {
	var locked *LockedError
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		pol, err := loadPolicy(ctx, tx)
		if err != nil {
			return err
		}
		var n int
		err = tx.QueryRowContext(ctx, `UPDATE users SET failures = failures + 1 WHERE id = ? RETURNING failures`, u.ID).Scan(&n)
		if err != nil {
			return err
		}
		if err := audited(ctx, tx, u.Name, audit.ActionSignInFail, u.Name, fmt.Sprintf("wrong password (%d)", n)); err != nil {
			return err
		}
		if n < pol.MaxFailures {
			return nil
		}
		locked = &LockedError{Until: s.now().Add(pol.Lockout()).UTC()}
		_, err = tx.ExecContext(ctx, `UPDATE users SET failures = 0, locked_until = ? WHERE id = ?`,
			locked.Until.Format(timeFormat), u.ID)
		if err != nil {
			return err
		}
		return audited(ctx, tx, "", audit.ActionLockout, u.Name, fmt.Sprintf("%d failures, until %s", n, locked.Until.Format(timeFormat)))
	})
	if err != nil {
		return fmt.Errorf("record failed sign-in of %s: %w", u.Name, err)
	}
	if locked != nil {
		return locked
	}
	return ErrBadCredentials
}

func (s *Store) succeeded(ctx context.Context, u User) (*Session, error) {
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET failures = 0, locked_until = '' WHERE id = ?`, u.ID); err != nil {
			return err
		}
		return audited(ctx, tx, u.Name, audit.ActionSignIn, u.Name, "")
	})
	if err != nil {
		return nil, fmt.Errorf("record sign-in of %s: %w", u.Name, err)
	}
	u.Failures, u.LockedUntil = 0, time.Time{}
	return &Session{User: u}, nil
}

// Resume unlocks an idle-locked session with the same checks as SignIn, so
// that guessing at the lock screen also leads to lockout.
func (s *Store) Resume(ctx context.Context, sess *Session, password string) (*Session, error) {
	return s.SignIn(ctx, sess.User.Name, password)
}

// ChangePassword sets a new password for the signed-in user and re-wraps
// the same signing key under it.
func (s *Store) ChangePassword(ctx context.Context, sess *Session, old, password string) error {
	pol, err := s.Policy(ctx)
	if err != nil {
		return err
	}
	if err := pol.Accepts(password); err != nil {
		return err
	}
	priv, keyID, err := s.SigningKey(ctx, sess, old)
	if err != nil {
		return err
	}
	cred, d, err := newCredential(s.kdf, password)
	if err != nil {
		return err
	}
	sealed, err := seal(priv, d.kek)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE users SET password = ?, must_change = 0 WHERE id = ?`, cred.String(), sess.User.ID)
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE signing_keys SET nonce = ?, sealed = ? WHERE id = ?`, sealed.nonce, sealed.sealed, keyID)
		}
		if err != nil {
			return fmt.Errorf("change password of %s: %w", sess.User.Name, err)
		}
		return audited(ctx, tx, sess.User.Name, audit.ActionPasswordChange, sess.User.Name, "signing key re-wrapped")
	})
}

// SigningKey unwraps the user's current SM2 private key with their password.
func (s *Store) SigningKey(ctx context.Context, sess *Session, password string) (*sm2.PrivateKey, int64, error) {
	_, cred, err := s.lookup(ctx, sess.User.Name)
	if err != nil {
		return nil, 0, err
	}
	d, ok := cred.check(password)
	if !ok {
		return nil, 0, ErrBadCredentials
	}
	var k sealedKey
	var id int64
	err = s.db.SQL.QueryRowContext(ctx, `SELECT id, public_key, nonce, sealed FROM signing_keys
		WHERE user_id = ? AND retired_at = '' ORDER BY id DESC LIMIT 1`, sess.User.ID).Scan(&id, &k.public, &k.nonce, &k.sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, ErrNoKey
	}
	if err != nil {
		return nil, 0, fmt.Errorf("signing key of %s: %w", sess.User.Name, err)
	}
	priv, err := k.open(d.kek)
	return priv, id, err
}

// Verify checks a name and password against the accounts readable through
// db without writing anything, for a workspace opened read-only (a backup
// that is about to be restored). Lockout does not apply there.
func Verify(ctx context.Context, db *sql.DB, name, password string) (User, error) {
	u, cred, err := lookup(ctx, db, name)
	if errors.Is(err, ErrNoSuchUser) {
		return u, ErrBadCredentials
	}
	if err != nil {
		return u, err
	}
	if _, ok := cred.check(password); !ok {
		return u, ErrBadCredentials
	}
	if u.Disabled {
		return u, ErrDisabled
	}
	return u, nil
}
