package cli

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"strings"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/policy"
	"shenfa/sensitive/finding"
)

// runPolicy is `shenfa policy show|import|activate`: the review policy
// (GUIDE §3.5). Anyone signed in reads it; only secadmin changes it, and
// every version stays stored, so that a draft keeps the policy it was
// submitted under.
func runPolicy(c *ctx, args []string) int {
	if len(args) == 0 {
		return c.usageOf("policy", nil)
	}
	fs := newFlags("policy " + args[0])
	all, asJSON := fs.Bool("all", false, ""), fs.Bool("json", false, "")
	rest, err := parseFlags(fs, args[1:])
	if err != nil {
		return c.usageOf("policy", err)
	}
	switch {
	case args[0] == "show" && len(rest) == 0:
		return c.signedIn(func(ctx context.Context, w *review.Workspace, _ *account.Session) int {
			if *all {
				return c.policyList(ctx, w, *asJSON)
			}
			return c.policyShow(ctx, w, *asJSON)
		})
	case args[0] == "import" && len(rest) == 1:
		return c.policyImport(rest[0])
	case args[0] == "activate" && len(rest) == 1:
		id, err := parseID(rest[0])
		if err != nil {
			return c.usageOf("policy", err)
		}
		return c.policyActivate(policy.ID(id))
	}
	return c.usageOf("policy", nil)
}

func (c *ctx) policyShow(ctx context.Context, w *review.Workspace, asJSON bool) int {
	id, p, err := policy.Current(ctx, w.DB.SQL)
	if err != nil {
		return c.fail(err)
	}
	var info policy.Info
	if list, err := policy.List(ctx, w.DB.SQL); err == nil {
		for _, i := range list {
			if i.ID == id {
				info = i
			}
		}
	}
	if asJSON {
		return c.writeJSON(toPolicyJSON(id, p, info))
	}
	c.printPolicy(id, p, info)
	return ExitOK
}

func toPolicyJSON(id policy.ID, p *policy.Policy, info policy.Info) policyJSON {
	out := policyJSON{ID: int64(id), Name: p.Name, Version: p.Version, Format: p.Format, SM3: p.SM3,
		ImportedBy: info.ImportedBy, ImportedAt: jsonTime(info.ImportedAt), Fonds: p.Fonds,
		ArchiveCode: p.ArchiveCode.String(), BackupMaxAgeDays: p.BackupMaxAgeDays, Grades: []gradeJSON{},
		Waive: map[policy.Step][]string{}, Phrases: phrasesJSON{Approve: nonNil(p.Phrases.Approve), Return: nonNil(p.Phrases.Return)},
		DueHours: map[policy.Step]int{}}
	for _, g := range p.Grades {
		out.Grades = append(out.Grades, gradeJSON{ID: g.ID, Label: g.Label, Retention: g.Retention, Steps: g.Steps})
	}
	for step, cats := range p.Waive {
		for _, cat := range cats {
			out.Waive[step] = append(out.Waive[step], string(cat))
		}
	}
	for _, cat := range finding.Categories {
		if !policy.Waivable(cat) {
			out.Unwaivable = append(out.Unwaivable, string(cat))
		}
	}
	for step, rule := range p.StepRules {
		if rule.DueHours > 0 {
			out.DueHours[step] = rule.DueHours
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (c *ctx) printPolicy(id policy.ID, p *policy.Policy, info policy.Info) {
	by := info.ImportedBy
	if by == "" {
		by = i18n.L("cli.policy.builtin")
	}
	c.printf("%s\n", i18n.L("cli.policy.head", map[string]any{"ID": id, "Name": p.Name, "Version": p.Version, "SM3": p.SM3,
		"By": by, "At": localTime(info.ImportedAt)}))
	c.printf("%s\n", i18n.L("cli.policy.archive", map[string]any{"Fonds": p.Fonds, "Code": p.ArchiveCode.String(),
		"Days": p.BackupMaxAgeDays}))
	c.printf("%s\n", i18n.L("cli.policy.grades"))
	for _, g := range p.Grades {
		var steps []string
		for _, s := range g.Steps {
			steps = append(steps, i18n.L(s.LabelKey()))
		}
		c.printf("%s\n", i18n.L("cli.policy.grade", map[string]any{"ID": g.ID, "Label": g.Label,
			"Retention": i18n.L(g.Retention.LabelKey()), "Steps": strings.Join(steps, " → ")}))
	}
	c.printf("%s\n", i18n.L("cli.policy.waive"))
	for _, step := range policy.AllSteps {
		if len(p.Waive[step]) == 0 {
			continue
		}
		var cats []string
		for _, cat := range p.Waive[step] {
			cats = append(cats, i18n.L("category."+string(cat)))
		}
		c.printf("%s\n", i18n.L("cli.policy.waive_row", map[string]any{"Step": i18n.L(step.LabelKey()), "Categories": strings.Join(cats, "、")}))
	}
	for _, step := range policy.AllSteps {
		if d := p.Due(step); d > 0 {
			c.printf("%s\n", i18n.L("cli.policy.due", map[string]any{"Step": i18n.L(step.LabelKey()), "Hours": int(d.Hours())}))
		}
	}
	for _, ph := range []struct {
		key  string
		list []string
	}{{"cli.policy.phrases_approve", p.Phrases.Approve}, {"cli.policy.phrases_return", p.Phrases.Return}} {
		c.printf("%s\n", i18n.L(ph.key))
		for _, s := range ph.list {
			c.printf("    %s\n", s)
		}
	}
}

func (c *ctx) policyList(ctx context.Context, w *review.Workspace, asJSON bool) int {
	list, err := policy.List(ctx, w.DB.SQL)
	if err != nil {
		return c.fail(err)
	}
	if asJSON {
		out := struct {
			Policies []policyVersionJSON `json:"policies"`
		}{[]policyVersionJSON{}}
		for _, i := range list {
			out.Policies = append(out.Policies, policyVersionJSON{ID: int64(i.ID), Name: i.Name, Version: i.Version,
				SM3: i.SM3, ImportedBy: i.ImportedBy, ImportedAt: jsonTime(i.ImportedAt), Current: i.Current})
		}
		return c.writeJSON(out)
	}
	for _, i := range list {
		mark, by := "", i.ImportedBy
		if i.Current {
			mark = i18n.L("cli.policy.current_mark")
		}
		if by == "" {
			by = i18n.L("cli.policy.builtin")
		}
		c.printf("%s\n", i18n.L("cli.policy.version_row", map[string]any{"ID": i.ID, "Name": i.Name, "Version": i.Version,
			"SM3": i.SM3, "By": by, "At": localTime(i.ImportedAt), "Current": mark}))
	}
	c.printf("%s\n", i18n.L("cli.policy.count", map[string]any{"Count": len(list)}))
	return ExitOK
}

// policyImport reads and checks the file before signing in, so that a
// mistake in it is an argument error (exit 2) that names its line.
func (c *ctx) policyImport(file string) int {
	var data []byte
	var err error
	if file == "-" {
		data, err = io.ReadAll(io.LimitReader(c.Stdin, policy.MaxFileSize+1))
	} else {
		data, err = os.ReadFile(file)
	}
	if err != nil {
		return c.usageError(errors.New(i18n.L("cli.policy.unreadable", map[string]any{"File": file})))
	}
	if _, err := policy.Parse(data); err != nil {
		return c.usageError(errors.New(i18n.L("cli.policy.bad_file", map[string]any{"File": file, "Detail": i18n.Message(err)})))
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		var id policy.ID
		err := w.DB.Write(ctx, func(tx *sql.Tx) error {
			var err error
			id, err = policy.Import(ctx, tx, sess, data)
			return err
		})
		if err != nil {
			return c.fail(err)
		}
		p, err := policy.Load(ctx, w.DB.SQL, id)
		if err != nil {
			return c.fail(err)
		}
		c.printf("%s\n", i18n.L("cli.policy.imported", map[string]any{"ID": id, "Name": p.Name, "Version": p.Version, "SM3": p.SM3}))
		return ExitOK
	})
}

func (c *ctx) policyActivate(id policy.ID) int {
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		err := w.DB.Write(ctx, func(tx *sql.Tx) error { return policy.Activate(ctx, tx, sess, id) })
		if err != nil {
			return c.fail(err)
		}
		p, err := policy.Load(ctx, w.DB.SQL, id)
		if err != nil {
			return c.fail(err)
		}
		c.printf("%s\n", i18n.L("cli.policy.activated", map[string]any{"ID": id, "Name": p.Name, "Version": p.Version}))
		return ExitOK
	})
}
