package drafts

import (
	"errors"
	"fmt"
)

// Errors of the workflow; app/i18n translates them.
var (
	ErrNotFound       = errors.New("no such draft")
	ErrNoChannel      = errors.New("no such channel")
	ErrChannelTaken   = errors.New("a channel of that name exists")
	ErrBadDraft       = errors.New("draft details are incomplete")
	ErrNoSource       = errors.New("a repost must name its source")
	ErrBadGrade       = errors.New("the policy has no such grade")
	ErrState          = errors.New("the draft is not in a state that allows this")
	ErrNotAuthor      = errors.New("only the draft's author may do this")
	ErrOwnDraft       = errors.New("an author never signs their own draft")
	ErrOtherStep      = errors.New("one person signs at most one step of a draft")
	ErrNotYourStep    = errors.New("the draft is not at a step you hold")
	ErrStale          = errors.New("the draft changed since you opened it")
	ErrDamaged        = errors.New("the draft has damaged characters")
	ErrReasonRequired = errors.New("a reason is required")
	ErrOpinion        = errors.New("an opinion is required")
	ErrChecklist      = errors.New("the 保密审查 checklist is incomplete")
	ErrBadDecision    = errors.New("that decision is not possible at this step")
	ErrBadTarget      = errors.New("that step is not an earlier step of this draft")
	ErrBadDelegate    = errors.New("the step can be handed only to another holder of its role")
	ErrEmptyText      = errors.New("the draft has no text")
	ErrWithdrawn      = errors.New("a draft can be withdrawn only before its first sign-off")
)

// OpenFindingsError refuses an approval while findings are not dealt with.
type OpenFindingsError struct {
	Unwaivable []string // ids of block findings no later step may waive (secret, privacy…)
	NeedAck    []string // ids of warn findings not yet acknowledged (初审)
	NeedReason []string // ids of waivers without a written reason
	NotAllowed []string // ids of findings this step may not waive
}

func (e *OpenFindingsError) Error() string {
	return fmt.Sprintf("findings not dealt with: %d block findings cannot be waived, %d warnings need an acknowledgement, %d waivers need a reason, %d waivers not allowed at this step",
		len(e.Unwaivable), len(e.NeedAck), len(e.NeedReason), len(e.NotAllowed))
}

// OpenCommentsError refuses an approval while comments marked 必须处理 are open.
type OpenCommentsError struct{ IDs []int64 }

func (e *OpenCommentsError) Error() string {
	return fmt.Sprintf("%d comments that must be dealt with are unresolved", len(e.IDs))
}
