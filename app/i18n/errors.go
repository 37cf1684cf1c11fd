package i18n

import (
	"errors"

	"fyne.io/fyne/v2/lang"

	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/workspace"
)

// ErrPasswordMismatch reports two password fields that differ.
var ErrPasswordMismatch = errors.New("the passwords do not match")

var known = []struct {
	err error
	key string
}{
	{account.ErrBadCredentials, "error.bad_credentials"},
	{account.ErrDisabled, "error.disabled"},
	{account.ErrForbidden, "error.forbidden"},
	{account.ErrUnknownRole, "error.unknown_role"},
	{account.ErrAdminExclusive, "error.admin_exclusive"},
	{account.ErrSamePerson, "error.same_person"},
	{account.ErrNameTaken, "error.name_taken"},
	{account.ErrBadName, "error.bad_name"},
	{account.ErrNoFullName, "error.no_full_name"},
	{account.ErrSetupDone, "error.setup_done"},
	{account.ErrNoSuchUser, "error.no_such_user"},
	{account.ErrSelf, "error.self"},
	{account.ErrLastAdmin, "error.last_admin"},
	{account.ErrNoKey, "error.no_key"},
	{account.ErrBadPolicy, "error.bad_policy"},
	{workspace.ErrNotWorkspace, "error.not_workspace"},
	{workspace.ErrDamaged, "error.damaged"},
	{review.ErrBackupChain, "error.backup_chain"},
	{ErrPasswordMismatch, "password.mismatch"},
}

// Message says what went wrong and what to do, in the current language.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var locked *account.LockedError
	var policy *account.PolicyError
	var newer *workspace.TooNewError
	var user *userError
	switch {
	case errors.As(err, &user):
		return user.msg
	case errors.As(err, &locked):
		return lang.L("error.locked", map[string]any{"Until": locked.Until.Local().Format("15:04")})
	case errors.As(err, &policy):
		return lang.L("error.weak_password", map[string]any{"Length": policy.MinLength, "Classes": policy.MinClasses})
	case errors.As(err, &newer):
		return lang.L("error.too_new", map[string]any{"Found": newer.Found, "Supported": newer.Supported})
	}
	for _, k := range known {
		if errors.Is(err, k.err) {
			return lang.L(k.key)
		}
	}
	return lang.L("error.unexpected", map[string]any{"Detail": err.Error()})
}

// userError is an error whose text is already in the user's language.
type userError struct{ msg string }

func (e *userError) Error() string { return e.msg }

// Errorf returns an error carrying the translation of key.
func Errorf(key string, data ...any) error { return &userError{lang.L(key, data...)} }
