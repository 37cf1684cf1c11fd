package account

import (
	"context"
	"database/sql"
	"fmt"
	"shenfa/review/audit"
	"strings"
)

// Session is a signed-in user.
type Session struct {
	User User
}

// prepared is a password record and a fresh signing key, computed before
// the write transaction so that argon2 does not hold the writer lock.
type prepared struct {
	cred credential
	key  sealedKey
}

func (s *Store) prepare(password string) (prepared, error) {
	cred, d, err := newCredential(s.kdf, password)
	if err != nil {
		return prepared{}, err
	}
	key, err := newSigningKey(d.kek)
	return prepared{cred: cred, key: key}, err
}

func (s *Store) insertKey(ctx context.Context, tx *sql.Tx, userID int64, k sealedKey) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO signing_keys(user_id, public_key, nonce, sealed, created_at)
		VALUES(?, ?, ?, ?, ?)`, userID, k.public, k.nonce, k.sealed, s.stamp())
	return err
}

func (s *Store) insertUser(ctx context.Context, tx *sql.Tx, n NewUser, p prepared, mustChange bool) (int64, error) {
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE name = ?`, n.Name).Scan(&taken); err != nil {
		return 0, err
	}
	if taken > 0 {
		return 0, ErrNameTaken
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO users(name, full_name, password, must_change, created_at)
		VALUES(?, ?, ?, ?, ?)`, n.Name, strings.TrimSpace(n.FullName), p.cred.String(), mustChange, s.stamp())
	if err != nil {
		return 0, fmt.Errorf("insert user %s: %w", n.Name, err)
	}
	id, _ := res.LastInsertId()
	for _, r := range n.Roles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_roles(user_id, role) VALUES(?, ?)`, id, r); err != nil {
			return 0, fmt.Errorf("grant %s: %w", r, err)
		}
	}
	return id, s.insertKey(ctx, tx, id, p.key)
}

// Setup creates the three administrators of a new workspace, in the order
// sysadmin, secadmin, auditor. They must be three different people.
func (s *Store) Setup(ctx context.Context, admins [3]NewUser) error {
	p, err := s.Policy(ctx)
	if err != nil {
		return err
	}
	for i := range admins {
		admins[i].Roles = []Role{AdminRoles[i]}
	}
	if err := checkSetup(admins, p); err != nil {
		return err
	}
	var keys [3]prepared
	for i, a := range admins {
		if keys[i], err = s.prepare(a.Password); err != nil {
			return err
		}
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil || n > 0 {
			return firstErr(err, ErrSetupDone)
		}
		if err := audited(ctx, tx, "", audit.ActionInit, "", "三员: "+admins[0].Name+", "+admins[1].Name+", "+admins[2].Name); err != nil {
			return err
		}
		for i, a := range admins {
			if _, err := s.insertUser(ctx, tx, a, keys[i], false); err != nil {
				return err
			}
			if err := audited(ctx, tx, "", audit.ActionAccountCreate, a.Name, string(a.Roles[0])); err != nil {
				return err
			}
		}
		return savePolicy(ctx, tx, p)
	})
}

func checkSetup(admins [3]NewUser, p Policy) error {
	names := map[string]bool{}
	people := map[string]bool{}
	for i := range admins {
		if err := admins[i].check(p); err != nil {
			return fmt.Errorf("%s: %w", AdminRoles[i], err)
		}
		names[strings.ToLower(admins[i].Name)] = true
		people[strings.TrimSpace(admins[i].FullName)] = true
	}
	if len(names) < 3 || len(people) < 3 {
		return ErrSamePerson
	}
	return nil
}

func firstErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// Authorize re-reads the actor inside tx, so that a role revoked a moment
// ago no longer counts, and checks that the actor may do p.
func Authorize(ctx context.Context, tx *sql.Tx, actor *Session, p Permission) (User, error) {
	if actor == nil {
		return User{}, ErrForbidden
	}
	u, err := getUser(ctx, tx, "id = ?", actor.User.ID)
	if err != nil {
		return u, err
	}
	if u.Disabled || !u.Can(p) {
		return u, ErrForbidden
	}
	return u, nil
}

// Create adds an account with the given roles; only sysadmin may create, and
// the new user must choose a new password at first sign-in.
func (s *Store) Create(ctx context.Context, actor *Session, n NewUser) (int64, error) {
	pol, err := s.Policy(ctx)
	if err != nil {
		return 0, err
	}
	if err := n.check(pol); err != nil {
		return 0, err
	}
	p, err := s.prepare(n.Password)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.db.Write(ctx, func(tx *sql.Tx) error {
		a, err := Authorize(ctx, tx, actor, ManageAccounts)
		if err != nil {
			return err
		}
		if len(n.Roles) > 0 {
			if _, err := Authorize(ctx, tx, actor, ManageRoles); err != nil {
				return err
			}
		}
		if id, err = s.insertUser(ctx, tx, n, p, !n.KeepPassword); err != nil {
			return err
		}
		return audited(ctx, tx, a.Name, audit.ActionAccountCreate, n.Name, n.FullName)
	})
	return id, err
}

// change runs fn on target inside one write transaction after checking that
// actor holds p and is not changing their own account.
func (s *Store) change(ctx context.Context, actor *Session, target int64, p Permission,
	fn func(tx *sql.Tx, a, t User) error) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		a, err := Authorize(ctx, tx, actor, p)
		if err != nil {
			return err
		}
		if a.ID == target {
			return ErrSelf
		}
		t, err := getUser(ctx, tx, "id = ?", target)
		if err != nil {
			return err
		}
		return fn(tx, a, t)
	})
}

// SetDisabled disables or re-enables an account (sysadmin).
func (s *Store) SetDisabled(ctx context.Context, actor *Session, target int64, disabled bool) error {
	return s.change(ctx, actor, target, ManageAccounts, func(tx *sql.Tx, a, t User) error {
		if disabled && len(t.Roles) == 1 && t.Roles[0].Admin() {
			if err := lastAdmin(ctx, tx, t.Roles[0], t.ID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled = ? WHERE id = ?`, disabled, t.ID); err != nil {
			return err
		}
		action := audit.ActionAccountEnable
		if disabled {
			action = audit.ActionAccountDisable
		}
		return audited(ctx, tx, a.Name, action, t.Name, "")
	})
}

// lastAdmin refuses to remove the only active holder of an admin role.
func lastAdmin(ctx context.Context, tx *sql.Tx, r Role, except int64) error {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM user_roles JOIN users ON users.id = user_id
		WHERE role = ? AND disabled = 0 AND users.id <> ?`, r, except).Scan(&n)
	if err == nil && n == 0 {
		return ErrLastAdmin
	}
	return err
}

// Unlock clears a lockout (sysadmin).
func (s *Store) Unlock(ctx context.Context, actor *Session, target int64) error {
	return s.change(ctx, actor, target, ManageAccounts, func(tx *sql.Tx, a, t User) error {
		_, err := tx.ExecContext(ctx, `UPDATE users SET failures = 0, locked_until = '' WHERE id = ?`, t.ID)
		if err != nil {
			return err
		}
		return audited(ctx, tx, a.Name, audit.ActionUnlock, t.Name, "")
	})
}

// ResetPassword sets a temporary password (sysadmin). The old signing key
// cannot be unwrapped without the old password, so the user gets a new key;
// the old public key stays for verifying earlier signatures.
func (s *Store) ResetPassword(ctx context.Context, actor *Session, target int64, password string) error {
	pol, err := s.Policy(ctx)
	if err != nil {
		return err
	}
	if err := pol.Accepts(password); err != nil {
		return err
	}
	p, err := s.prepare(password)
	if err != nil {
		return err
	}
	return s.change(ctx, actor, target, ManageAccounts, func(tx *sql.Tx, a, t User) error {
		_, err := tx.ExecContext(ctx, `UPDATE users SET password = ?, must_change = 1, failures = 0,
			locked_until = '' WHERE id = ?`, p.cred.String(), t.ID)
		if err == nil {
			err = s.retireKeys(ctx, tx, t.ID)
		}
		if err == nil {
			err = s.insertKey(ctx, tx, t.ID, p.key)
		}
		if err != nil {
			return fmt.Errorf("reset password of %s: %w", t.Name, err)
		}
		return audited(ctx, tx, a.Name, audit.ActionPasswordReset, t.Name, "new signing key issued")
	})
}

// retireKeys keeps the public halves and destroys the sealed private halves.
func (s *Store) retireKeys(ctx context.Context, tx *sql.Tx, userID int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE signing_keys SET retired_at = ?, nonce = NULL, sealed = NULL
		WHERE user_id = ? AND retired_at = ''`, s.stamp(), userID)
	return err
}

// Grant gives target a role (secadmin), keeping the administrators apart.
func (s *Store) Grant(ctx context.Context, actor *Session, target int64, r Role) error {
	return s.change(ctx, actor, target, ManageRoles, func(tx *sql.Tx, a, t User) error {
		if t.Has(r) {
			return nil
		}
		if err := CheckRoles(append(t.Roles, r)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_roles(user_id, role) VALUES(?, ?)`, t.ID, r); err != nil {
			return err
		}
		return audited(ctx, tx, a.Name, audit.ActionRoleGrant, t.Name, string(r))
	})
}

// Revoke takes a role from target (secadmin).
func (s *Store) Revoke(ctx context.Context, actor *Session, target int64, r Role) error {
	return s.change(ctx, actor, target, ManageRoles, func(tx *sql.Tx, a, t User) error {
		if !t.Has(r) {
			return nil
		}
		if r.Admin() {
			if err := lastAdmin(ctx, tx, r, t.ID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM user_roles WHERE user_id = ? AND role = ?`, t.ID, r); err != nil {
			return err
		}
		return audited(ctx, tx, a.Name, audit.ActionRoleRevoke, t.Name, string(r))
	})
}

// SetPolicy changes the password, lockout and idle policy (secadmin).
func (s *Store) SetPolicy(ctx context.Context, actor *Session, p Policy) error {
	if err := p.Check(); err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		a, err := Authorize(ctx, tx, actor, ManagePolicies)
		if err != nil {
			return err
		}
		if err := savePolicy(ctx, tx, p); err != nil {
			return err
		}
		detail := fmt.Sprintf("min_length=%d min_classes=%d max_failures=%d lockout_minutes=%d idle_minutes=%d",
			p.MinLength, p.MinClasses, p.MaxFailures, p.LockoutMinutes, p.IdleMinutes)
		return audited(ctx, tx, a.Name, audit.ActionSettingsChange, "policy", detail)
	})
}
