package account

import (
	"errors"
	"fmt"
	"time"
)

// Errors a user can cause; the UI translates each of them.
var (
	ErrBadCredentials = errors.New("unknown user or wrong password")
	ErrDisabled       = errors.New("account disabled")
	ErrForbidden      = errors.New("not allowed for this user's roles")
	ErrUnknownRole    = errors.New("unknown role")
	ErrAdminExclusive = errors.New("an administrator role cannot be combined with any other role")
	ErrSamePerson     = errors.New("the three administrators must be different people")
	ErrNameTaken      = errors.New("user name already taken")
	ErrBadName        = errors.New("user name must be 2-32 letters, digits, '.', '_' or '-'")
	ErrNoFullName     = errors.New("full name is required")
	ErrSetupDone      = errors.New("the workspace already has accounts")
	ErrNoSuchUser     = errors.New("no such user")
	ErrSelf           = errors.New("administrators cannot change their own account or roles")
	ErrLastAdmin      = errors.New("the last active holder of an administrator role cannot lose it")
	ErrNoKey          = errors.New("user has no usable signing key")
)

// LockedError reports an account locked after too many failed sign-ins.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string {
	return fmt.Sprintf("account locked until %s", e.Until.Local().Format("15:04"))
}

// PolicyError reports a password that breaks the password policy.
type PolicyError struct {
	MinLength  int // required length in characters
	MinClasses int // required character classes
}

func (e *PolicyError) Error() string {
	return fmt.Sprintf("password needs at least %d characters from %d of: lower case, upper case, digits, symbols",
		e.MinLength, e.MinClasses)
}
