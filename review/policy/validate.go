package policy

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"

	"shenfa/sensitive/finding"
)

// Limits on what a policy may hold.
const (
	maxNameRunes    = 64
	maxVersionRunes = 32
	maxLabelRunes   = 16
	maxGrades       = 32
	maxPhrases      = 100
	maxPhraseRunes  = 200
	maxBackupDays   = 365
	maxDueHours     = 24 * 365
)

// DefaultBackupMaxAgeDays applies to a file without backup_max_age_days.
const DefaultBackupMaxAgeDays = 7

// validator turns a decoded file into a Policy, collecting every problem so
// that the one reported is the first in the file.
type validator struct {
	lines  lines
	grades []string // grade ids by index, for naming the grade of a problem
	errs   []*Error
}

func (v *validator) fail(path string, r Reason, value, limit string) {
	e := &Error{Line: v.lines.at(path), Reason: r, Value: value, Limit: limit}
	var key []string
	parts := strings.Split(path, ".")
	for i, k := range parts {
		if n, err := strconv.Atoi(k); err == nil {
			if i == 1 && parts[0] == "grade" && n < len(v.grades) {
				e.Grade = v.grades[n]
			}
			continue
		}
		key = append(key, k)
	}
	e.Key = strings.Join(key, ".")
	v.errs = append(v.errs, e)
}

// first returns the problem on the earliest line, those without a line last.
func (v *validator) first() error {
	if len(v.errs) == 0 {
		return nil
	}
	best := v.errs[0]
	for _, e := range v.errs[1:] {
		if e.Line > 0 && (best.Line == 0 || e.Line < best.Line) {
			best = e
		}
	}
	return best
}

func (v *validator) policy(f *file) (*Policy, error) {
	p := &Policy{Format: 1, BackupMaxAgeDays: DefaultBackupMaxAgeDays}
	if f.Format != nil {
		p.Format = int(*f.Format) // checkFormat has kept it within 1..Format
	}
	p.Name = v.text("name", f.Name, maxNameRunes, ReasonBadName, false)
	p.Version = v.version(f.Version)
	if f.Fonds == nil {
		v.fail("fonds", ReasonMissing, "", "")
	} else if p.Fonds = strings.TrimSpace(*f.Fonds); !fondsPattern.MatchString(p.Fonds) {
		v.fail("fonds", ReasonBadFonds, *f.Fonds, "")
	}
	v.archiveCode(p, f.ArchiveCode)
	if f.BackupMaxAgeDays != nil {
		if d := *f.BackupMaxAgeDays; d < 1 || d > maxBackupDays {
			v.fail("backup_max_age_days", ReasonRange, strconv.FormatInt(d, 10), "1–"+strconv.Itoa(maxBackupDays))
		} else {
			p.BackupMaxAgeDays = int(d)
		}
	}
	p.Grades = v.gradeList(f.Grades)
	p.Waive = v.waive(f.Waive)
	if f.Phrases != nil {
		p.Phrases.Approve = v.phrases("phrases.approve", f.Phrases.Approve)
		p.Phrases.Return = v.phrases("phrases.return", f.Phrases.Return)
	}
	p.StepRules = v.stepRules(f.Steps)
	v.cadence(p, f.Cadence)
	v.statsViewers(p, f.Stats)
	if err := v.first(); err != nil {
		return nil, err
	}
	return p, nil
}

// text checks a required single-line string.
func (v *validator) text(path string, s *string, max int, bad Reason, noSpace bool) string {
	if s == nil {
		v.fail(path, ReasonMissing, "", "")
		return ""
	}
	t := strings.TrimSpace(*s)
	n := utf8.RuneCountInString(t)
	ok := n > 0 && n <= max && !strings.ContainsFunc(t, unicode.IsControl) &&
		!(noSpace && strings.ContainsFunc(t, unicode.IsSpace))
	if !ok {
		v.fail(path, bad, *s, strconv.Itoa(max))
	}
	return t
}

// version accepts a string or a bare TOML date, which is how a date-like
// version is easily written without quotes.
func (v *validator) version(x any) string {
	switch t := x.(type) {
	case nil:
		return v.text("version", nil, maxVersionRunes, ReasonBadVersion, true)
	case string:
		return v.text("version", &t, maxVersionRunes, ReasonBadVersion, true)
	case toml.LocalDate:
		return t.String()
	}
	v.fail("version", ReasonWantText, fmt.Sprint(x), "")
	return ""
}

func (v *validator) archiveCode(p *Policy, s *string) {
	if s == nil {
		v.fail("archive_code", ReasonMissing, "", "")
		return
	}
	c, err := ParseArchiveCode(*s)
	if e, ok := err.(*Error); ok {
		v.fail("archive_code", e.Reason, e.Value, e.Limit)
		return
	}
	p.ArchiveCode = c
}

var gradeID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,16}$`)

func (v *validator) gradeList(gs []gradeFile) []Grade {
	switch {
	case len(gs) == 0:
		v.fail("grade", ReasonNoGrades, "", "")
		return nil
	case len(gs) > maxGrades:
		v.fail("grade."+strconv.Itoa(maxGrades), ReasonTooMany, "", strconv.Itoa(maxGrades))
		return nil
	}
	v.grades = make([]string, len(gs))
	for i, g := range gs {
		if g.ID != nil {
			v.grades[i] = strings.TrimSpace(*g.ID)
		}
	}
	var out []Grade
	seen := map[string]bool{}
	for i, g := range gs {
		at := "grade." + strconv.Itoa(i) + "."
		gr := Grade{ID: v.grades[i]}
		switch {
		case g.ID == nil:
			v.fail(at+"id", ReasonMissing, "", "")
		case !gradeID.MatchString(gr.ID):
			v.fail(at+"id", ReasonBadGradeID, *g.ID, "")
		case seen[strings.ToUpper(gr.ID)]:
			v.fail(at+"id", ReasonDupGrade, gr.ID, "")
		}
		seen[strings.ToUpper(gr.ID)] = true
		gr.Label = v.text(at+"label", g.Label, maxLabelRunes, ReasonBadLabel, false)
		if g.Retention == nil {
			v.fail(at+"retention", ReasonMissing, "", "")
		} else if gr.Retention = Retention(strings.TrimSpace(*g.Retention)); !gr.Retention.Valid() {
			v.fail(at+"retention", ReasonBadRetention, *g.Retention, "")
		}
		gr.Steps = v.steps(at+"steps", g.Steps)
		out = append(out, gr)
	}
	return out
}

// steps checks a grade's steps: each known and at most once; 初审, 终审 and
// 保密审查 always present; 初审 first, because the editor may still correct
// the text there and acknowledges the warnings; 复审, when present, before
// 终审. 保密审查 may stand anywhere after 初审, the policy decides where.
func (v *validator) steps(path string, names []string) []Step {
	if names == nil {
		v.fail(path, ReasonMissing, "", "")
		return nil
	}
	if len(names) == 0 {
		v.fail(path, ReasonNoSteps, "", "")
		return nil
	}
	var out []Step
	for i, n := range names {
		at := path + "." + strconv.Itoa(i)
		s := Step(n)
		switch {
		case !s.Valid():
			v.fail(at, ReasonUnknownStep, n, "")
			return nil
		case slices.Contains(out, s):
			v.fail(at, ReasonDupStep, n, "")
			return nil
		}
		out = append(out, s)
	}
	for _, need := range []Step{Tier1, Tier3, Secrecy} {
		if !slices.Contains(out, need) {
			v.fail(path, ReasonMissingStep, string(need), "")
			return nil
		}
	}
	if out[0] != Tier1 {
		v.fail(path+".0", ReasonTier1First, string(out[0]), "")
		return nil
	}
	if i := slices.Index(out, Tier2); i > slices.Index(out, Tier3) {
		v.fail(path+"."+strconv.Itoa(i), ReasonStepOrder, string(Tier2), "")
		return nil
	}
	return out
}

func (v *validator) waive(w map[string][]string) map[Step][]finding.Category {
	out := map[Step][]finding.Category{}
	for _, name := range sortedKeys(w) {
		cats := w[name]
		at := "waive." + name
		s := Step(name)
		if !s.Valid() {
			v.fail(at, ReasonUnknownStep, name, "")
			continue
		}
		for i, c := range cats {
			cat := finding.Category(strings.TrimSpace(c))
			switch {
			case !cat.Valid():
				v.fail(at+"."+strconv.Itoa(i), ReasonCategory, c, "")
			case !Waivable(cat):
				v.fail(at+"."+strconv.Itoa(i), ReasonUnwaivable, c, "")
			case !slices.Contains(out[s], cat):
				out[s] = append(out[s], cat)
			}
		}
	}
	return out
}

func (v *validator) phrases(path string, ps []string) []string {
	if len(ps) > maxPhrases {
		v.fail(path+"."+strconv.Itoa(maxPhrases), ReasonTooMany, "", strconv.Itoa(maxPhrases))
		return nil
	}
	out := make([]string, 0, len(ps))
	for i := range ps {
		out = append(out, v.text(path+"."+strconv.Itoa(i), &ps[i], maxPhraseRunes, ReasonBadPhrase, false))
	}
	return out
}

func (v *validator) stepRules(m map[string]stepFile) map[Step]StepRule {
	out := map[Step]StepRule{}
	for _, name := range sortedKeys(m) {
		r := m[name]
		at := "steps." + name
		s := Step(name)
		if !s.Valid() {
			v.fail(at, ReasonUnknownStep, name, "")
			continue
		}
		var rule StepRule
		if r.DueHours != nil {
			if h := *r.DueHours; h < 1 || h > maxDueHours {
				v.fail(at+".due_hours", ReasonRange, strconv.FormatInt(h, 10), "1–"+strconv.Itoa(maxDueHours))
			} else {
				rule.DueHours = int(h)
			}
		}
		out[s] = rule
	}
	return out
}

// sortedKeys keeps the order of reported problems independent of map order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
