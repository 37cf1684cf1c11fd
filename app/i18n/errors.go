package i18n

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"

	"shenfa/archive/pki"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/review/lexicons"
	"shenfa/review/lexicons/slx"
	reviewpolicy "shenfa/review/policy"
	"shenfa/review/workspace"
	"shenfa/sensitive/importer"
	"shenfa/sensitive/lexicon"
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
	{lexicons.ErrNoSuchLexicon, "error.no_such_lexicon"},
	{lexicons.ErrExists, "error.lexicon_exists"},
	{lexicons.ErrBuiltin, "error.lexicon_builtin"},
	{lexicons.ErrNoSuchEntry, "error.no_such_entry"},
	{lexicons.ErrEntryExists, "error.entry_exists"},
	{lexicon.ErrEmpty, "error.lexicon_empty"},
	{lexicon.ErrNoWord, "error.lexicon_no_word"},
	{lexicon.ErrLongWord, "error.lexicon_long_word"},
	{lexicon.ErrBadCategory, "error.lexicon_bad_category"},
	{lexicon.ErrBadSeverity, "error.lexicon_bad_severity"},
	{lexicon.ErrNoName, "error.lexicon_no_name"},
	{lexicon.ErrBadKind, "error.lexicon_bad_kind"},
	{lexicon.ErrUnknownField, "error.lexicon_unknown_field"},
	{lexicon.ErrTooLarge, "error.lexicon_too_large"},
	{lexicon.ErrNotUTF8, "error.lexicon_not_utf8"},
	{lexicons.ErrStale, "error.lexicon_stale"},
	{lexicons.ErrClash, "error.lexicon_clash"},
	{lexicons.ErrKeyTrusted, "error.key_trusted"},
	{lexicons.ErrNoSuchPublisher, "error.no_such_publisher"},
	{lexicons.ErrAmbiguousKey, "error.ambiguous_key"},
	{slx.ErrName, "error.publisher_name"},
	{slx.ErrBadKeyFile, "error.bad_key_file"},
	{slx.ErrBadPassphrase, "error.bad_passphrase"},
	{slx.ErrWeakPassphrase, "error.weak_passphrase"},
	{slx.ErrBadPublicKey, "error.bad_public_key"},
	{slx.ErrVersion, "error.package_version"},
	{slx.ErrDate, "error.package_date"},
	{slx.ErrFileName, "error.package_file_name"},
	{slx.ErrFileTwice, "error.package_file_twice"},
	{slx.ErrFileCount, "error.package_file_count"},
	{slx.ErrText, "error.statement_text"},
	{slx.ErrFormat, "error.statement_format"},
	{slx.ErrField, "error.statement_field"},
	{slx.ErrKey, "error.statement_key"},
	{slx.ErrFileLine, "error.statement_file_line"},
	{slx.ErrFileSize, "error.statement_file_size"},
	{reviewpolicy.ErrVersionTaken, "error.review_policy_version_taken"},
	{reviewpolicy.ErrNoPolicy, "error.review_policy_none"},
	{reviewpolicy.ErrNoSuchPolicy, "error.no_such_review_policy"},
	{reviewpolicy.ErrAltered, "error.review_policy_altered"},
	{reviewpolicy.ErrNoSuchGrade, "error.no_such_grade"},
	{reviewpolicy.ErrCodeValue, "error.archive_code_value"},
	{ErrPasswordMismatch, "password.mismatch"},
	{drafts.ErrNotFound, "error.draft_not_found"},
	{drafts.ErrNoChannel, "error.draft_no_channel"},
	{drafts.ErrChannelTaken, "error.draft_channel_taken"},
	{drafts.ErrBadDraft, "error.draft_incomplete"},
	{drafts.ErrNoSource, "error.draft_no_source"},
	{drafts.ErrBadGrade, "error.draft_bad_grade"},
	{drafts.ErrState, "error.draft_state"},
	{drafts.ErrNotAuthor, "error.draft_not_author"},
	{drafts.ErrOwnDraft, "error.draft_own"},
	{drafts.ErrOtherStep, "error.draft_other_step"},
	{drafts.ErrNotYourStep, "error.draft_not_your_step"},
	{drafts.ErrStale, "error.draft_stale"},
	{drafts.ErrDamaged, "error.draft_damaged"},
	{drafts.ErrReasonRequired, "error.draft_reason"},
	{drafts.ErrOpinion, "error.draft_opinion"},
	{drafts.ErrChecklist, "error.draft_checklist"},
	{drafts.ErrBadDecision, "error.draft_bad_decision"},
	{drafts.ErrBadTarget, "error.draft_bad_target"},
	{drafts.ErrBadDelegate, "error.draft_bad_delegate"},
	{drafts.ErrEmptyText, "error.draft_empty"},
	{drafts.ErrWithdrawn, "error.draft_withdrawn"},
	{drafts.ErrNoComment, "error.comment_not_found"},
	{drafts.ErrCommentSpan, "error.comment_span"},
	{drafts.ErrEmptyComment, "error.comment_empty"},
	{drafts.ErrNotOpener, "error.comment_not_opener"},
	{drafts.ErrMayNotComment, "error.comment_forbidden"},
	{pki.ErrNoCertificate, "error.ca_no_certificate"},
	{pki.ErrNoCA, "error.ca_none"},
	{pki.ErrNoSecAdmin, "error.ca_no_secadmin"},
	{pki.ErrCALost, "error.ca_lost"},
	{pki.ErrCAUsable, "error.ca_usable"},
	{pki.ErrNotContent, "error.ca_not_content"},
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
	var line *lexicon.LineError
	var imp *importer.Error
	var pkg *slx.Error
	var pol *reviewpolicy.Error
	var open *drafts.OpenFindingsError
	var comments *drafts.OpenCommentsError
	switch {
	case errors.As(err, &open):
		return openFindingsMessage(open)
	case errors.As(err, &comments):
		return lang.L("error.open_comments", map[string]any{"Count": len(comments.IDs)})
	case errors.As(err, &pol):
		return policyMessage(pol)
	case errors.As(err, &pkg): // before LineError: a package's bad lexicon file carries one
		return packageMessage(pkg)
	case errors.As(err, &imp):
		return importMessage(imp)
	case errors.As(err, &user):
		return user.msg
	case errors.As(err, &line):
		return lineMessage(line)
	case errors.As(err, &locked):
		return lang.L("error.locked", map[string]any{"Until": locked.Until.Local().Format("15:04")})
	case errors.As(err, &policy):
		return lang.L("error.weak_password", map[string]any{"Length": policy.MinLength, "Classes": policy.MinClasses})
	case errors.As(err, &newer):
		return lang.L("error.too_new", map[string]any{"Found": newer.Found, "Supported": newer.Supported})
	}
	if msg, ok := knownMessage(err); ok {
		return msg
	}
	return lang.L("error.unexpected", map[string]any{"Detail": err.Error()})
}

func knownMessage(err error) (string, bool) {
	for _, k := range known {
		if errors.Is(err, k.err) {
			return lang.L(k.key), true
		}
	}
	return "", false
}

// lineMessage places a lexicon file's problem at its line or entry; a TOML
// syntax error has no translation and is shown as the parser wrote it.
func lineMessage(e *lexicon.LineError) string {
	detail, ok := knownMessage(e.Err)
	if !ok {
		detail = e.Err.Error()
	}
	switch {
	case e.Line > 0:
		return lang.L("error.lexicon_line", map[string]any{"Line": e.Line, "Detail": detail})
	case e.Word != "":
		return lang.L("error.lexicon_entry", map[string]any{"Word": e.Word, "Detail": detail})
	}
	return detail
}

// userError is an error whose text is already in the user's language.
type userError struct{ msg string }

func (e *userError) Error() string { return e.msg }

// Errorf returns an error carrying the translation of key.
func Errorf(key string, data ...any) error { return &userError{lang.L(key, data...)} }

// importMessage explains why a file was refused, naming the limit when there is one.
func importMessage(e *importer.Error) string {
	limit := fmt.Sprint(e.Limit)
	if e.Reason == importer.ReasonTooLarge {
		limit = fmt.Sprintf("%d MB", e.Limit>>20)
	}
	return lang.L("import.reason."+string(e.Reason), map[string]any{"File": e.File, "Limit": limit})
}

// packageMessage says why a lexicon package was refused and what to do;
// the cause, when there is one, says it in detail (a lexicon file's line,
// or which field of the statement), in the parser's words if it has none.
func packageMessage(e *slx.Error) string {
	var line *lexicon.LineError
	detail := ""
	if e.Err != nil {
		detail = e.Err.Error()
	}
	if errors.As(e.Err, &line) {
		detail = lineMessage(line)
	} else if msg, ok := knownMessage(e.Err); ok {
		detail = msg
	}
	return lang.L("error.package."+string(e.Reason), map[string]any{"File": e.File, "Line": e.Line,
		"Publisher": e.Publisher, "Key": e.Key, "Version": e.Version, "Have": e.Have, "Lexicon": e.Lexicon,
		"Detail": strings.TrimRight(detail, "。. ")}) // the message goes on after it
}

// policyMessage says what is wrong with a review policy file and on which
// line; a TOML syntax error carries the parser's own (English) words.
func policyMessage(e *reviewpolicy.Error) string {
	detail := lang.L("error.review_policy."+string(e.Reason), map[string]any{"Key": e.Key, "Grade": e.Grade,
		"Value": e.Value, "Limit": e.Limit, "Detail": e.Detail})
	if e.Line > 0 {
		return lang.L("error.review_policy_line", map[string]any{"Line": e.Line, "Detail": detail})
	}
	return lang.L("error.review_policy_file", map[string]any{"Detail": detail})
}

// openFindingsMessage says which findings stand in the way of an approval
// and what to do about each kind.
func openFindingsMessage(e *drafts.OpenFindingsError) string {
	var parts []string
	for _, p := range []struct {
		key string
		ids []string
	}{{"error.open_findings.unwaivable", e.Unwaivable}, {"error.open_findings.need_ack", e.NeedAck},
		{"error.open_findings.need_reason", e.NeedReason}, {"error.open_findings.not_allowed", e.NotAllowed}} {
		if len(p.ids) > 0 {
			parts = append(parts, lang.L(p.key, map[string]any{"Count": len(p.ids)}))
		}
	}
	return lang.L("error.open_findings", map[string]any{"Detail": strings.Join(parts, lang.L("error.open_findings.sep"))})
}
