package cli

import (
	"context"
	"errors"
	"time"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

// draftList is `draft list`: one page of the drafts, newest first, with
// the filters of the 稿件 screen.
func (c *ctx) draftList(args []string) int {
	fs := newFlags("draft list")
	status, channel, grade := fs.String("status", "", ""), fs.String("channel", "", ""), fs.String("grade", "", "")
	author, title := fs.String("author", "", ""), fs.String("title", "", "")
	page, asJSON := fs.Int("page", 1, ""), fs.Bool("json", false, "")
	rest, err := parseFlags(fs, args)
	if err != nil || len(rest) != 0 {
		return c.usageOf("draft", err)
	}
	if *page < 1 {
		return c.usageOf("draft", errors.New(i18n.L("cli.bad_option_value", map[string]any{"Flag": "--page", "Value": *page})))
	}
	f := drafts.Filter{Grade: *grade, Title: *title, Limit: drafts.DefaultLimit, Offset: (*page - 1) * drafts.DefaultLimit}
	if *status != "" {
		s, ok := oneOf(*status, "draft_status.", drafts.Statuses)
		if !ok {
			return c.usageOf("draft", errors.New(i18n.L("cli.draft.bad_status", map[string]any{"Value": *status})))
		}
		f.Status = s
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		if *channel != "" {
			ch, err := findChannel(ctx, w, *channel)
			if err != nil {
				return c.fail(err)
			}
			f.Channel = ch.ID
		}
		if *author != "" {
			u, err := findUser(ctx, w, *author)
			if err != nil {
				return c.fail(err)
			}
			f.Author = u.ID
		}
		ds, total, err := w.Drafts.List(ctx, sess, f)
		if err != nil {
			return c.fail(err)
		}
		pages := max(1, (total+drafts.DefaultLimit-1)/drafts.DefaultLimit)
		now := time.Now()
		if *asJSON {
			out := draftListJSON{Total: total, Page: *page, Pages: pages, PageSize: drafts.DefaultLimit, Drafts: []draftJSON{}}
			for _, d := range ds {
				out.Drafts = append(out.Drafts, toDraftJSON(d, now))
			}
			return c.writeJSON(out)
		}
		for _, d := range ds {
			c.printf("%s\n", draftLine(d, now))
		}
		c.printf("%s\n", i18n.L("cli.draft.list_count", map[string]any{"Page": *page, "Pages": pages, "Total": total,
			"Shown": len(ds)}))
		return ExitOK
	})
}

// draftLine is a draft on one line: number, where it stands, grade,
// channel, title, author and version.
func draftLine(d drafts.Draft, now time.Time) string {
	overdue := ""
	if d.Overdue(now) {
		overdue = i18n.L("cli.draft.overdue_mark")
	}
	return i18n.L("cli.draft.row", map[string]any{"ID": d.ID, "State": draftState(d), "Grade": d.Grade,
		"Channel": d.Channel.Name, "Title": d.Title, "Author": d.AuthorName, "Version": d.Version,
		"Updated": localTime(d.UpdatedAt), "Overdue": overdue})
}

// draftState says where a draft stands: its status, and the step it waits at.
func draftState(d drafts.Draft) string {
	s := label("draft_status.", string(d.Status))
	if (d.Status == drafts.InReview || d.Status == drafts.Held) && d.Step != "" {
		s += i18n.L("cli.draft.at_step", map[string]any{"Step": i18n.L(d.Step.LabelKey())})
	}
	return s
}

// draftInbox is `draft inbox` (待办): what waits for the user under each of
// their roles, overdue first.
func (c *ctx) draftInbox(args []string) int {
	fs := newFlags("draft inbox")
	page, asJSON := fs.Int("page", 1, ""), fs.Bool("json", false, "")
	rest, err := parseFlags(fs, args)
	if err != nil || len(rest) != 0 {
		return c.usageOf("draft", err)
	}
	if *page < 1 {
		return c.usageOf("draft", errors.New(i18n.L("cli.bad_option_value", map[string]any{"Flag": "--page", "Value": *page})))
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		tasks, total, err := w.Drafts.Inbox(ctx, sess, (*page-1)*drafts.DefaultLimit, drafts.DefaultLimit)
		if err != nil {
			return c.fail(err)
		}
		pages := max(1, (total+drafts.DefaultLimit-1)/drafts.DefaultLimit)
		now := time.Now()
		if *asJSON {
			out := inboxJSON{Total: total, Page: *page, Pages: pages, PageSize: drafts.DefaultLimit, Tasks: []taskJSON{}}
			for _, t := range tasks {
				out.Tasks = append(out.Tasks, taskJSON{Why: t.Why, Step: t.Step, Overdue: t.Overdue, Draft: toDraftJSON(t.Draft, now)})
			}
			return c.writeJSON(out)
		}
		overdue := 0
		for _, t := range tasks {
			mark := ""
			if t.Overdue {
				mark, overdue = i18n.L("cli.draft.overdue_mark"), overdue+1
			}
			why := label("cli.draft.why.", t.Why)
			if t.Why == "sign" {
				why = i18n.L("cli.draft.why.sign", map[string]any{"Step": i18n.L(t.Step.LabelKey())})
			}
			c.printf("%s\n", i18n.L("cli.draft.task", map[string]any{"Overdue": mark, "ID": t.Draft.ID, "Why": why,
				"Title": t.Draft.Title, "Grade": t.Draft.Grade, "Channel": t.Draft.Channel.Name,
				"Version": t.Draft.Version, "Planned": plannedNote(t.Draft)}))
		}
		c.printf("%s\n", i18n.L("cli.draft.inbox_count", map[string]any{"Total": total, "Page": *page, "Pages": pages,
			"Overdue": overdue}))
		return ExitOK
	})
}

// plannedNote is "，拟发布 …" when the draft has a planned time.
func plannedNote(d drafts.Draft) string {
	if d.PlannedAt.IsZero() {
		return ""
	}
	return i18n.L("cli.draft.planned_note", map[string]any{"At": localTime(d.PlannedAt)})
}
