package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/lexicons"
	"shenfa/review/lexicons/slx"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

// lexiconCommands are the subcommands of `shenfa lexicon`, how many
// positional arguments each takes (-1: one or more, -2: any) and whether it works on
// a workspace; keygen and pack are the publisher's tools and need none.
var lexiconCommands = map[string]struct {
	args      int
	workspace bool
	run       func(c *ctx, w *review.Workspace, sess *account.Session, args []string, o lexiconOpts) int
}{
	"list":    {0, true, (*ctx).lexiconList},
	"import":  {1, true, (*ctx).lexiconImport},
	"export":  {2, true, (*ctx).lexiconExport},
	"enable":  {1, true, (*ctx).lexiconOn},
	"disable": {1, true, (*ctx).lexiconOff},
	"updates": {0, true, (*ctx).lexiconUpdates},
	"update":  {-2, true, (*ctx).lexiconUpdate},
	"trust":   {1, true, (*ctx).lexiconTrust},
	"untrust": {1, true, (*ctx).lexiconUntrust},
	"trusted": {0, true, (*ctx).lexiconTrusted},
	"keygen":  {0, false, (*ctx).lexiconKeygen},
	"pack":    {-1, false, (*ctx).lexiconPack},
}

type lexiconOpts struct {
	category  finding.Category
	replace   bool
	json      bool
	accept    []string // update: lexicon names, or "all"
	decline   []string // update: lexicon names
	conflicts string   // update, import of a package: "keep" or "take"
	name      string   // trust: the publisher's name
	out       string   // keygen, pack: the file to write
	key       string   // pack: the publisher's private key file
	publisher string   // pack
	version   string   // pack: package version
	date      string   // pack: package date
}

// runLexicon manages the workspace's lexicons. Every workspace subcommand
// signs in, like the other workspace commands; changes need a secadmin,
// listing only a user, since names and versions are printed with every
// check anyway.
func runLexicon(c *ctx, args []string) int {
	if len(args) == 0 {
		return c.usageError(errors.New(i18n.L("cli.lexicon.usage")))
	}
	sub, ok := lexiconCommands[args[0]]
	rest, opts, err := lexiconFlags(args[1:])
	if !ok || err != nil || (sub.args >= 0 && len(rest) != sub.args) || (sub.args == -1 && len(rest) == 0) {
		return c.usageError(errors.New(i18n.L("cli.lexicon.usage")))
	}
	if !opts.category.Valid() {
		return c.usageError(errors.New(i18n.L("cli.lexicon.bad_category", map[string]any{"Category": opts.category})))
	}
	if opts.conflicts != "" && opts.conflicts != "keep" && opts.conflicts != "take" {
		return c.usageError(errors.New(i18n.L("cli.lexicon.bad_conflicts", map[string]any{"Value": opts.conflicts})))
	}
	if !sub.workspace {
		return sub.run(c, nil, nil, rest, opts)
	}
	ctx := context.Background()
	w, sess, code := c.signIn(ctx)
	if code != ExitOK {
		return code
	}
	defer w.Close()
	return sub.run(c, w, sess, rest, opts)
}

// listFlag collects a flag given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// lexiconFlags takes the subcommands' options before or after the file.
func lexiconFlags(args []string) ([]string, lexiconOpts, error) {
	fs := newFlags("lexicon")
	var o lexiconOpts
	var accept, decline listFlag
	category := fs.String("category", string(finding.Sensitive), "")
	fs.BoolVar(&o.replace, "replace", false, "")
	fs.BoolVar(&o.json, "json", false, "")
	fs.Var(&accept, "accept", "")
	fs.Var(&decline, "decline", "")
	for _, s := range []struct {
		p    *string
		name string
	}{{&o.conflicts, "conflicts"}, {&o.name, "name"}, {&o.out, "out"}, {&o.key, "key"},
		{&o.publisher, "publisher"}, {&o.version, "version"}, {&o.date, "date"}} {
		fs.StringVar(s.p, s.name, "", "")
	}
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
	o.category, o.accept, o.decline = finding.Category(*category), accept, decline
	return rest, o, nil
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
	if strings.EqualFold(filepath.Ext(file), slx.Ext) {
		return c.importPackage(w, sess, file, data, o)
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
