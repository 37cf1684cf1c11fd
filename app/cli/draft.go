package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// draftCommands are the subcommands of `shenfa draft`.
var draftCommands = map[string]func(c *ctx, args []string) int{
	"new":      (*ctx).draftNew,
	"revise":   (*ctx).draftRevise,
	"submit":   (*ctx).draftSubmit,
	"withdraw": (*ctx).draftWithdraw,
	"publish":  (*ctx).draftPublish,
	"answer":   (*ctx).draftAnswer,
	"delegate": (*ctx).draftDelegate,
	"list":     (*ctx).draftList,
	"inbox":    (*ctx).draftInbox,
	"show":     (*ctx).draftShow,
	"diff":     (*ctx).draftDiff,
}

// runDraft is `shenfa draft SUBCOMMAND`: the author's and the approvers'
// work on drafts. Every subcommand signs in as --user; the workflow in
// review/drafts decides who may do what.
func runDraft(c *ctx, args []string) int {
	if len(args) == 0 {
		return c.usageOf("draft", nil)
	}
	sub, ok := draftCommands[args[0]]
	if !ok {
		return c.usageOf("draft", errors.New(i18n.L("cli.unknown_subcommand", map[string]any{"Name": args[0]})))
	}
	return sub(c, args[1:])
}

// readSource reads a draft's file, or standard input for "-" as pasted text.
func (c *ctx) readSource(path, note string) (drafts.Source, error) {
	if path == "-" {
		data, err := io.ReadAll(io.LimitReader(c.Stdin, importer.MaxFileSize+1))
		if err != nil {
			return drafts.Source{}, &importer.Error{File: stdinName, Reason: importer.ReasonRead, Err: err}
		}
		return drafts.Source{Data: data, Note: note}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return drafts.Source{}, errors.New(i18n.L("cli.draft.unreadable", map[string]any{"File": path}))
	}
	return drafts.Source{FileName: filepath.Base(path), Data: data, Note: note}, nil
}

func (c *ctx) draftNew(args []string) int {
	fs := newFlags("draft new")
	title, channel, grade := fs.String("title", "", ""), fs.String("channel", "", ""), fs.String("grade", "", "")
	kind := fs.String("kind", string(drafts.Original), "")
	srcName, srcTitle, srcURL := fs.String("source-name", "", ""), fs.String("source-title", "", ""), fs.String("source-url", "", "")
	planned, note := fs.String("planned", "", ""), fs.String("note", "", "")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return c.usageOf("draft", err)
	}
	if len(rest) != 1 || strings.TrimSpace(*title) == "" || *channel == "" || *grade == "" {
		return c.usageOf("draft", errors.New(i18n.L("cli.draft.new_needs")))
	}
	k, ok := oneOf(*kind, "draft_kind.", []drafts.Kind{drafts.Original, drafts.Repost})
	if !ok {
		return c.usageOf("draft", errors.New(i18n.L("cli.draft.bad_kind", map[string]any{"Value": *kind})))
	}
	n := drafts.NewDraft{Title: *title, Grade: *grade, Kind: k, Source: drafts.RepostSource{Name: *srcName, Title: *srcTitle, URL: *srcURL}}
	if *planned != "" {
		if n.PlannedAt, err = parseTime("--planned", *planned); err != nil {
			return c.usageOf("draft", err)
		}
	}
	if n.File, err = c.readSource(rest[0], *note); err != nil {
		return c.usageError(err)
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		ch, err := findChannel(ctx, w, *channel)
		if err != nil {
			return c.fail(err)
		}
		n.ChannelID = ch.ID
		id, err := w.Drafts.Create(ctx, sess, n)
		if err != nil {
			return c.fail(err)
		}
		c.printf("%d\n", id) // stdout carries only the id, for scripts
		c.versionNote(ctx, w, id, 1, "cli.draft.created", c.Stderr)
		return ExitOK
	})
}

// versionNote tells what a new version holds: its length and findings,
// and damaged characters, which stop a submission.
func (c *ctx) versionNote(ctx context.Context, w *review.Workspace, id int64, number int, key string, out io.Writer) {
	v, err := w.Drafts.Version(ctx, id, number)
	if err != nil {
		fmt.Fprintln(c.Stderr, i18n.L("cli.error")+i18n.Message(err))
		return
	}
	count := map[finding.Severity]int{}
	for _, f := range v.Check.Findings {
		count[f.Severity]++
	}
	fmt.Fprintln(out, i18n.L(key, map[string]any{"ID": id, "Version": number, "Chars": v.Report.Chars,
		"Block": count[finding.Block], "Warn": count[finding.Warn], "Info": count[finding.Info]}))
	if len(v.Report.Damaged) > 0 {
		fmt.Fprintln(out, i18n.L("cli.draft.damaged", map[string]any{"Count": len(v.Report.Damaged)}))
	}
}

// findChannel finds a channel by name, or by number.
func findChannel(ctx context.Context, w *review.Workspace, name string) (drafts.Channel, error) {
	cs, err := w.Drafts.Channels(ctx)
	if err != nil {
		return drafts.Channel{}, err
	}
	var names []string
	for _, ch := range cs {
		if ch.Name == strings.TrimSpace(name) || fmt.Sprint(ch.ID) == name {
			return ch, nil
		}
		names = append(names, ch.Name)
	}
	if len(names) == 0 {
		return drafts.Channel{}, i18n.Errorf("cli.channel.none")
	}
	return drafts.Channel{}, i18n.Errorf("cli.channel.unknown", map[string]any{"Name": name, "Names": strings.Join(names, "、")})
}

// draftAndVersion reads the ID argument and the version the user means:
// --version N, or the current one.
func draftAndVersion(ctx context.Context, w *review.Workspace, id int64, version int) (drafts.Draft, int, error) {
	d, err := w.Drafts.Get(ctx, id)
	if err != nil {
		return d, 0, err
	}
	if version == 0 {
		version = d.Version
	}
	return d, version, nil
}

func (c *ctx) draftRevise(args []string) int {
	fs := newFlags("draft revise")
	note, version := fs.String("note", "", ""), fs.Int("version", 0, "")
	rest, err := parseFlags(fs, args)
	if err != nil || len(rest) != 2 {
		return c.usageOf("draft", err)
	}
	id, err := parseID(rest[0])
	if err != nil {
		return c.usageOf("draft", err)
	}
	src, err := c.readSource(rest[1], *note)
	if err != nil {
		return c.usageError(err)
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		_, expect, err := draftAndVersion(ctx, w, id, *version)
		if err != nil {
			return c.fail(err)
		}
		number, err := w.Drafts.Revise(ctx, sess, id, expect, src)
		if err != nil {
			return c.fail(err)
		}
		c.versionNote(ctx, w, id, number, "cli.draft.revised", c.Stdout)
		return ExitOK
	})
}

// simpleDraftCommand parses `draft SUB ID` with the options flags adds.
func (c *ctx) simpleDraftCommand(name string, args []string, flags func(fs *flag.FlagSet)) (int64, int) {
	fs := newFlags("draft " + name)
	if flags != nil {
		flags(fs)
	}
	rest, err := parseFlags(fs, args)
	if err != nil || len(rest) != 1 {
		return 0, c.usageOf("draft", err)
	}
	id, err := parseID(rest[0])
	if err != nil {
		return 0, c.usageOf("draft", err)
	}
	return id, ExitOK
}

func (c *ctx) draftSubmit(args []string) int {
	var version *int
	id, code := c.simpleDraftCommand("submit", args, func(fs *flag.FlagSet) { version = fs.Int("version", 0, "") })
	if code != ExitOK {
		return code
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		_, expect, err := draftAndVersion(ctx, w, id, *version)
		if err == nil {
			err = w.Drafts.Submit(ctx, sess, id, expect)
		}
		if err != nil {
			return c.fail(err)
		}
		d, err := w.Drafts.Get(ctx, id)
		if err != nil {
			return c.fail(err)
		}
		c.printf("%s\n", i18n.L("cli.draft.submitted", map[string]any{"ID": id, "Version": d.Version,
			"Step": i18n.L(d.Step.LabelKey())}))
		return ExitOK
	})
}

func (c *ctx) draftWithdraw(args []string) int {
	var reason *string
	id, code := c.simpleDraftCommand("withdraw", args, func(fs *flag.FlagSet) { reason = fs.String("reason", "", "") })
	if code != ExitOK {
		return code
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		if err := w.Drafts.Withdraw(ctx, sess, id, *reason); err != nil {
			return c.fail(err)
		}
		c.printf("%s\n", i18n.L("cli.draft.withdrawn", map[string]any{"ID": id}))
		return ExitOK
	})
}

func (c *ctx) draftPublish(args []string) int {
	var at, url *string
	id, code := c.simpleDraftCommand("publish", args, func(fs *flag.FlagSet) {
		at, url = fs.String("at", "", ""), fs.String("url", "", "")
	})
	if code != ExitOK {
		return code
	}
	var when time.Time
	if *at != "" {
		var err error
		if when, err = parseTime("--at", *at); err != nil {
			return c.usageOf("draft", err)
		}
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		if err := w.Drafts.Publish(ctx, sess, id, when, *url); err != nil {
			return c.fail(err)
		}
		d, err := w.Drafts.Get(ctx, id)
		if err != nil {
			return c.fail(err)
		}
		c.printf("%s\n", i18n.L("cli.draft.published", map[string]any{"ID": id, "At": localTime(d.PublishedAt),
			"URL": d.PublishedURL}))
		return ExitOK
	})
}

// draftAnswer records the 保密工作部门's answer to a held draft (需报审).
func (c *ctx) draftAnswer(args []string) int {
	var text *string
	id, code := c.simpleDraftCommand("answer", args, func(fs *flag.FlagSet) { text = fs.String("text", "", "") })
	if code != ExitOK {
		return code
	}
	if strings.TrimSpace(*text) == "" {
		return c.usageOf("draft", errors.New(i18n.L("cli.draft.answer_needs")))
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		if err := w.Drafts.RecordAnswer(ctx, sess, id, *text); err != nil {
			return c.fail(err)
		}
		c.printf("%s\n", i18n.L("cli.draft.answered", map[string]any{"ID": id}))
		return ExitOK
	})
}

// draftDelegate hands the draft's current step to another holder of its role (转办).
func (c *ctx) draftDelegate(args []string) int {
	var to, reason *string
	id, code := c.simpleDraftCommand("delegate", args, func(fs *flag.FlagSet) {
		to, reason = fs.String("to", "", ""), fs.String("reason", "", "")
	})
	if code != ExitOK {
		return code
	}
	if *to == "" || strings.TrimSpace(*reason) == "" {
		return c.usageOf("draft", errors.New(i18n.L("cli.draft.delegate_needs")))
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		u, err := findUser(ctx, w, *to)
		if err == nil {
			err = w.Drafts.Delegate(ctx, sess, id, u.ID, *reason)
		}
		if err != nil {
			return c.fail(err)
		}
		c.printf("%s\n", i18n.L("cli.draft.delegated", map[string]any{"ID": id, "Name": u.FullName, "User": u.Name}))
		return ExitOK
	})
}

// findUser finds an account by sign-in name.
func findUser(ctx context.Context, w *review.Workspace, name string) (account.User, error) {
	users, err := w.Accounts.List(ctx)
	if err != nil {
		return account.User{}, err
	}
	for _, u := range users {
		if u.Name == name {
			return u, nil
		}
	}
	return account.User{}, fmt.Errorf("%s: %w", name, account.ErrNoSuchUser)
}
