package i18n

import (
	"fmt"
	"strings"
	"testing"

	"shenfa/review/drafts"
)

// Every refusal of the workflow says, in both languages, what is wrong and
// what to do — never the unexpected-error text with the English detail.
func TestWorkflowRefusalsAreTranslated(t *testing.T) {
	defer Use(Chinese)
	errs := []error{drafts.ErrNotFound, drafts.ErrNoChannel, drafts.ErrChannelTaken, drafts.ErrBadDraft, drafts.ErrNoSource,
		drafts.ErrBadGrade, drafts.ErrState, drafts.ErrNotAuthor, drafts.ErrOwnDraft, drafts.ErrOtherStep, drafts.ErrNotYourStep,
		drafts.ErrStale, drafts.ErrDamaged, drafts.ErrReasonRequired, drafts.ErrOpinion, drafts.ErrChecklist,
		drafts.ErrBadDecision, drafts.ErrBadTarget, drafts.ErrBadDelegate, drafts.ErrEmptyText, drafts.ErrWithdrawn,
		drafts.ErrNoComment, drafts.ErrCommentSpan, drafts.ErrEmptyComment, drafts.ErrNotOpener, drafts.ErrMayNotComment,
		fmt.Errorf("sign: %w", drafts.ErrStale)}
	for _, lang := range []string{Chinese, English} {
		Use(lang)
		unexpected, _, _ := strings.Cut(L("error.unexpected", map[string]any{"Detail": "\x00"}), "\x00")
		for _, err := range errs {
			if msg := Message(err); msg == "" || strings.HasPrefix(msg, unexpected) {
				t.Errorf("%s: %v is shown as %q", lang, err, Message(err))
			}
		}
	}
}

func TestOpenFindingsSayWhatToDo(t *testing.T) {
	defer Use(Chinese)
	Use(Chinese)
	err := fmt.Errorf("sign-off: %w", &drafts.OpenFindingsError{Unwaivable: []string{"f1", "f2"}, NeedAck: []string{"f3"}})
	if got, want := Message(err), "还有问题未处理，不能同意：2 个阻断问题不能豁免，须修改原文（请退回）；1 条提示须在初审确认已阅。"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := Message(&drafts.OpenCommentsError{IDs: []int64{4}}); !strings.Contains(got, "1 条“必须处理”的批注尚未解决") {
		t.Errorf("open comments: %q", got)
	}
	Use(English)
	if got := Message(&drafts.OpenFindingsError{NeedReason: []string{"f1"}}); got != "Findings stand in the way of approval: 1 waivers have no reason." {
		t.Errorf("English: %q", got)
	}
}
