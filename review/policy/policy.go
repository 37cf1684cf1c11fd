// Package policy reads, validates and keeps the review policy of GUIDE §3.5:
// which steps (初审, 复审, 终审, 保密审查) each grade of draft goes through,
// which findings each step may waive, the common phrases of opinions, and the
// settings the archive needs (全宗号, the 档号 pattern, backup age).
//
// Policies are versioned: every imported file is kept unchanged in the
// workspace with its SM3, never updated or deleted, so that a draft can keep
// the policy it was submitted under and an old version stays loadable.
//
// The file format evolves without breaking old files. A file may say which
// format it follows (format = 1; a file without it is format 1). Keys are
// decoded strictly, so a misspelt key is refused with its line instead of
// being silently ignored. New optional keys (such as [steps.tier1] due_hours)
// are added to the current format with a default that keeps the meaning of
// files without them; a change of meaning, or a new required key, raises
// the format number, and a file of a newer format than this build reads is
// refused as such rather than key by key. Validation rules for a format are
// only ever relaxed, so that policies stored by an older build still load.
package policy

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"shenfa/review/account"
	"shenfa/sensitive/finding"
)

// Format is the newest policy file format this build reads.
const Format = 1

// Step is one sign-off step of the workflow.
type Step string

// The steps of GUIDE §3.5.
const (
	Tier1   Step = "tier1"   // 初审
	Tier2   Step = "tier2"   // 复审
	Tier3   Step = "tier3"   // 终审 (签发)
	Secrecy Step = "secrecy" // 保密审查
)

// AllSteps lists the steps in their usual order.
var AllSteps = []Step{Tier1, Tier2, Tier3, Secrecy}

// Valid reports whether s is a known step.
func (s Step) Valid() bool { return slices.Contains(AllSteps, s) }

var stepText = map[Step]struct {
	label, meaning string
	perm           account.Permission
	role           account.Role
}{
	Tier1:   {"初审", "审核", account.ReviewTier1, account.Approver1},
	Tier2:   {"复审", "审核", account.ReviewTier2, account.Approver2},
	Tier3:   {"终审", "签发", account.ReviewTier3, account.Approver3},
	Secrecy: {"保密审查", "保密审查", account.ReviewSecrecy, account.Secrecy},
}

// Label is the step's Chinese name (初审 …), as printed on records whatever
// the interface language; screens translate LabelKey instead.
func (s Step) Label() string { return stepText[s].label }

// LabelKey is the translation key of the step's name.
func (s Step) LabelKey() string { return "step." + string(s) }

// Meaning is the 签署含义 of a sign-off at this step (审核, 签发, 保密审查),
// as printed on the 信息发布审批表 (GUIDE §3.7).
func (s Step) Meaning() string { return stepText[s].meaning }

// MeaningKey is the translation key of the step's 签署含义.
func (s Step) MeaningKey() string { return "step_meaning." + string(s) }

// Permission is the right a signer needs at this step.
func (s Step) Permission() account.Permission { return stepText[s].perm }

// Role is the content role that holds Permission.
func (s Step) Role() account.Role { return stepText[s].role }

// Retention is a 保管期限 code of GUIDE §3.5.
type Retention string

// The retention periods.
const (
	Permanent Retention = "Y"   // 永久
	Years30   Retention = "D30" // 定期30年
	Years10   Retention = "D10" // 定期10年
)

// Retentions lists the retention periods, longest first.
var Retentions = []Retention{Permanent, Years30, Years10}

// Valid reports whether r is a known retention code.
func (r Retention) Valid() bool { return slices.Contains(Retentions, r) }

// Label is the Chinese name of the period (永久, 定期30年, 定期10年).
func (r Retention) Label() string {
	return map[Retention]string{Permanent: "永久", Years30: "定期30年", Years10: "定期10年"}[r]
}

// LabelKey is the translation key of the period's name.
func (r Retention) LabelKey() string {
	return map[Retention]string{Permanent: "retention.y", Years30: "retention.d30", Years10: "retention.d10"}[r]
}

// Grade is one 分级 of drafts and the steps it goes through.
type Grade struct {
	ID        string    // short code, such as A
	Label     string    // 普通, 重要, 敏感 …
	Retention Retention // of the sealed record
	Steps     []Step    // in the order they are taken
}

// Phrases are the common opinions offered in the sign-off dialog.
type Phrases struct {
	Approve []string
	Return  []string
}

// StepRule holds the optional per-step settings of [steps.<step>].
type StepRule struct {
	DueHours int // time allowed for the step; 0 when the policy sets none
}

// Policy is a parsed, valid review policy.
type Policy struct {
	Format           int // file format the source follows
	Name             string
	Version          string
	Fonds            string // 全宗号
	ArchiveCode      ArchiveCode
	BackupMaxAgeDays int
	Grades           []Grade
	Waive            map[Step][]finding.Category // never holds secret or privacy
	Phrases          Phrases
	StepRules        map[Step]StepRule
	Cadence          Cadence        // the update-cadence rule of [cadence]
	StatsViewers     []account.Role // roles that see every approver's figures ([stats] see_everyone)
	SM3              string         // hex SM3 of the source file
}

// Errors of looking things up in a policy.
var (
	ErrNoSuchGrade = errors.New("the review policy has no such grade")
)

// Grade returns the grade with the given id.
func (p *Policy) Grade(id string) (Grade, error) {
	for _, g := range p.Grades {
		if g.ID == id {
			g.Steps = slices.Clone(g.Steps)
			return g, nil
		}
	}
	return Grade{}, fmt.Errorf("grade %q: %w", id, ErrNoSuchGrade)
}

// Steps returns the ordered steps of the grade with the given id.
func (p *Policy) Steps(grade string) ([]Step, error) {
	g, err := p.Grade(grade)
	return g.Steps, err
}

// unwaivable are the categories no step may ever waive: the text must change.
var unwaivable = []finding.Category{finding.Secret, finding.Privacy}

// Waivable reports whether any policy could let a step waive c; secret
// markings and personal data never can.
func Waivable(c finding.Category) bool { return c.Valid() && !slices.Contains(unwaivable, c) }

// MayWaive reports whether a block finding of category c may be waived, with
// a written reason, at step s.
func (p *Policy) MayWaive(s Step, c finding.Category) bool {
	return Waivable(c) && slices.Contains(p.Waive[s], c)
}

// Due is the time the policy allows for step s, or 0 when it sets none.
func (p *Policy) Due(s Step) time.Duration {
	return time.Duration(p.StepRules[s].DueHours) * time.Hour
}

// Ident is how a sign-off statement names the policy: name and version.
func (p *Policy) Ident() string { return p.Name + " " + p.Version }
