package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/lexicons"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

// lexiconCommands are the subcommands of `shenfa lexicon` and how many
// positional arguments each takes.
var lexiconCommands = map[string]struct {
	args int
	run  func(c *ctx, w *review.Workspace, sess *account.Session, args []string, o lexiconOpts) int
}{
	"list":    {0, (*ctx).lexiconList},
	"import":  {1, (*ctx).lexiconImport},
	"export":  {2, (*ctx).lexiconExport},
	"enable":  {1, (*ctx).lexiconOn},
	"disable": {1, (*ctx).lexiconOff},
}

type lexiconOpts struct {
	category finding.Category
	replace  bool
}

// runLexicon manages the workspace's lexicons. Every subcommand signs in,
// like the other workspace commands; changes need a secadmin, listing only
// a user, since names and versions are printed with every check anyway.
func runLexicon(c *ctx, args []string) int {
	if len(args) == 0 {
		return c.usageError(errors.New(i18n.L("cli.lexicon.usage")))
	}
	sub, ok := lexiconCommands[args[0]]
	rest, opts, err := lexiconFlags(args[1:])
	if !ok || err != nil || len(rest) != sub.args {
		return c.usageError(errors.New(i18n.L("cli.lexicon.usage")))
	}
	if !opts.category.Valid() {
		return c.usageError(errors.New(i18n.L("cli.lexicon.bad_category", map[string]any{"Category": opts.category})))
	}
	ctx := context.Background()
	w, sess, code := c.signIn(ctx)
	if code != ExitOK {
		return code
	}
	defer w.Close()
	return sub.run(c, w, sess, rest, opts)
}

// lexiconFlags takes --category and --replace before or after the file.
func lexiconFlags(args []string) ([]string, lexiconOpts, error) {
	fs := newFlags("lexicon")
	category := fs.String("category", string(finding.Sensitive), "")
	replace := fs.Bool("replace", false, "")
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, lexiconOpts{}, err
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return rest, lexiconOpts{category: finding.Category(*category), replace: *replace}, nil
}

func (c *ctx) lexiconList(w *review.Workspace, _ *account.Session, _ []string, _ lexiconOpts) int {
	list, err := w.Lexicons.List(context.Background())
	if err != nil {
		return c.fail(err)
	}
	for _, i := range list {
		c.printf("%s\n", i18n.L("cli.lexicon.row", map[string]any{"Name": i.Name, "Version": i.Version,
			"Category": i18n.L("category." + string(i.Category)), "Entries": i.Entries, "Allows": i.Allows,
			"State": lexiconState(i)}))
	}
	c.printf("%s\n", i18n.L("cli.lexicon.count", map[string]any{"Count": len(list)}))
	return ExitOK
}

// lexiconState says whether a lexicon is used and whether it is a default.
func lexiconState(i lexicons.Info) string {
	state := i18n.L("lexicons.disabled")
	if i.Enabled {
		state = i18n.L("lexicons.enabled")
	}
	if i.Builtin {
		state += "，" + i18n.L("lexicons.builtin")
	}
	return state
}

func (c *ctx) lexiconImport(w *review.Workspace, sess *account.Session, args []string, o lexiconOpts) int {
	file := args[0]
	data, err := os.ReadFile(file)
	if err != nil {
		return c.usageError(errors.New(i18n.L("cli.lexicon.unreadable", map[string]any{"File": file})))
	}
	l, err := lexicon.Parse(filepath.Base(file), data, o.category)
	if err != nil {
		return c.usageError(errors.New(i18n.L("cli.lexicon.bad_file", map[string]any{"File": file, "Detail": i18n.Message(err)})))
	}
	if err := w.Lexicons.Import(context.Background(), sess, l, o.replace); err != nil {
		return c.fail(err)
	}
	c.printf("%s\n", i18n.L("lexicons.imported", map[string]any{"Name": l.Name, "Version": l.Version,
		"Entries": len(l.Entries), "Allows": len(l.Allow)}))
	return ExitOK
}

// lexiconExport creates the file before exporting, so that the audit trail
// never records an export that could not be written.
func (c *ctx) lexiconExport(w *review.Workspace, sess *account.Session, args []string, _ lexiconOpts) int {
	name, file := args[0], args[1]
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return c.fail(errors.New(i18n.L("cli.lexicon.unwritable", map[string]any{"File": file})))
	}
	data, err := w.Lexicons.Export(context.Background(), sess, name)
	if err == nil {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(file)
		return c.fail(err)
	}
	c.printf("%s\n", i18n.L("lexicons.exported", map[string]any{"Name": name, "File": file}))
	return ExitOK
}

func (c *ctx) lexiconOn(w *review.Workspace, sess *account.Session, args []string, _ lexiconOpts) int {
	return c.lexiconEnable(w, sess, args[0], true)
}

func (c *ctx) lexiconOff(w *review.Workspace, sess *account.Session, args []string, _ lexiconOpts) int {
	return c.lexiconEnable(w, sess, args[0], false)
}

func (c *ctx) lexiconEnable(w *review.Workspace, sess *account.Session, name string, on bool) int {
	if err := w.Lexicons.SetEnabled(context.Background(), sess, name, on); err != nil {
		return c.fail(err)
	}
	key := "cli.lexicon.disabled"
	if on {
		key = "cli.lexicon.enabled"
	}
	c.printf("%s\n", i18n.L(key, map[string]any{"Name": name}))
	return ExitOK
}
