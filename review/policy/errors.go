package policy

import (
	"errors"
	"fmt"
	"strings"
)

// Reason says what is wrong with a policy file; the interface translates
// each one (key "error.review_policy.<reason>") with the fields of Error.
type Reason string

// Reasons for refusing a policy file.
const (
	ReasonTooLarge     Reason = "too_large"        // over MaxFileSize; Limit
	ReasonNotUTF8      Reason = "not_utf8"         // not UTF-8 text, or holds NUL bytes
	ReasonSyntax       Reason = "syntax"           // not TOML; Detail holds the parser's words
	ReasonSemicolon    Reason = "semicolon"        // keys separated by ';' instead of new lines
	ReasonDuplicateKey Reason = "duplicate_key"    // a key given twice
	ReasonUnknownKey   Reason = "unknown_key"      // a key this format does not have (misspelt?)
	ReasonWantText     Reason = "want_text"        // the value must be a quoted string
	ReasonWantInteger  Reason = "want_integer"     // the value must be a whole number
	ReasonWantList     Reason = "want_list"        // the value must be a list of strings
	ReasonWantTable    Reason = "want_table"       // the key must be a table
	ReasonNewerFormat  Reason = "newer_format"     // format is newer than this build; Value, Limit
	ReasonBadFormat    Reason = "bad_format"       // format below 1
	ReasonMissing      Reason = "missing"          // a required key is absent
	ReasonBadName      Reason = "bad_name"         // name empty, too long or with control characters
	ReasonBadVersion   Reason = "bad_version"      // version empty, too long or with spaces
	ReasonBadFonds     Reason = "bad_fonds"        // 全宗号 not 1–16 letters and digits
	ReasonCodeBrace    Reason = "code_brace"       // archive_code has an unpaired { or }
	ReasonCodeField    Reason = "code_field"       // archive_code names an unknown placeholder; Value
	ReasonCodeTwice    Reason = "code_twice"       // a placeholder appears twice; Value
	ReasonCodeNeeds    Reason = "code_needs"       // {year} or {seq} is missing; Value
	ReasonCodeChar     Reason = "code_char"        // a character not allowed in a 档号; Value
	ReasonCodeLength   Reason = "code_length"      // the pattern is empty or too long; Limit
	ReasonRange        Reason = "range"            // a number outside its range; Limit
	ReasonNoGrades     Reason = "no_grades"        // no [[grade]] at all
	ReasonTooMany      Reason = "too_many"         // more grades or phrases than allowed; Limit
	ReasonBadGradeID   Reason = "bad_grade_id"     // id not 1–16 letters, digits, '_' or '-'; Value
	ReasonDupGrade     Reason = "duplicate_grade"  // two grades with the same id; Value
	ReasonBadLabel     Reason = "bad_label"        // label empty or too long
	ReasonBadRetention Reason = "bad_retention"    // retention not Y, D30 or D10; Value
	ReasonNoSteps      Reason = "no_steps"         // a grade without steps
	ReasonUnknownStep  Reason = "unknown_step"     // not tier1, tier2, tier3 or secrecy; Value
	ReasonDupStep      Reason = "duplicate_step"   // a step twice in one grade; Value
	ReasonMissingStep  Reason = "missing_step"     // tier1, tier3 or secrecy missing; Value
	ReasonTier1First   Reason = "tier1_first"      // a grade does not start with tier1
	ReasonStepOrder    Reason = "step_order"       // tier2 after tier3; Value
	ReasonCategory     Reason = "unknown_category" // not a category of GUIDE §3.1; Value
	ReasonUnwaivable   Reason = "unwaivable"       // secret or privacy listed under [waive]; Value
	ReasonBadPhrase    Reason = "bad_phrase"       // a phrase empty, too long or on several lines
	ReasonBadChannel   Reason = "bad_channel"      // a [cadence.channels] name empty, too long or with control characters; Value, Limit
	ReasonBadRole      Reason = "bad_role"         // [stats] see_everyone names no content role; Value
)

// Reasons lists every Reason, so that a test can check each has a translation.
var Reasons = []Reason{
	ReasonTooLarge, ReasonNotUTF8, ReasonSyntax, ReasonSemicolon, ReasonDuplicateKey,
	ReasonUnknownKey, ReasonWantText, ReasonWantInteger, ReasonWantList, ReasonWantTable,
	ReasonNewerFormat, ReasonBadFormat, ReasonMissing, ReasonBadName, ReasonBadVersion,
	ReasonBadFonds, ReasonCodeBrace, ReasonCodeField, ReasonCodeTwice, ReasonCodeNeeds,
	ReasonCodeChar, ReasonCodeLength, ReasonRange, ReasonNoGrades, ReasonTooMany, ReasonBadGradeID,
	ReasonDupGrade, ReasonBadLabel, ReasonBadRetention, ReasonNoSteps, ReasonUnknownStep,
	ReasonDupStep, ReasonMissingStep, ReasonTier1First, ReasonStepOrder, ReasonCategory,
	ReasonUnwaivable, ReasonBadPhrase, ReasonBadChannel, ReasonBadRole,
}

// Error is a refused policy file. It says where (Line, Key, Grade) and what
// (Reason, Value, Limit); it carries no sentence of its own, so that the
// interface can say it in the user's language.
type Error struct {
	Line   int    // 1-based line of the file; 0 when the problem is not on one line
	Key    string // the key concerned, dotted as in the file ("grade.steps", "waive.tier2")
	Grade  string // id of the grade concerned, if any
	Value  string // the offending value, as written
	Limit  string // the allowed maximum or range, where there is one
	Reason Reason
	Detail string // the TOML parser's own words, for syntax errors
}

// ErrInvalid is what every *Error unwraps to, for callers that only need
// to know that a file was refused.
var ErrInvalid = errors.New("invalid review policy")

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("review policy")
	if e.Line > 0 {
		fmt.Fprintf(&b, ": line %d", e.Line)
	}
	if e.Key != "" {
		fmt.Fprintf(&b, ": %s", e.Key)
	}
	if e.Grade != "" {
		fmt.Fprintf(&b, " (grade %s)", e.Grade)
	}
	fmt.Fprintf(&b, ": %s", strings.ReplaceAll(string(e.Reason), "_", " "))
	if e.Value != "" {
		fmt.Fprintf(&b, " %q", e.Value)
	}
	if e.Limit != "" {
		fmt.Fprintf(&b, " (limit %s)", e.Limit)
	}
	if e.Detail != "" {
		fmt.Fprintf(&b, ": %s", e.Detail)
	}
	return b.String()
}

func (e *Error) Unwrap() error { return ErrInvalid }
