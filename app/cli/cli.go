// Package cli is Shenfa's command line: batch work, scripting and tests.
// With no subcommand it hands over to the desktop app.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	_ "shenfa/app/cli/locale" // settles the locale before Fyne reads it: see its package comment
	"shenfa/app/i18n"
	"shenfa/review"
)

// Exit statuses.
const (
	ExitOK     = 0 // success
	ExitFailed = 1 // the command ran and found a problem
	ExitUsage  = 2 // bad arguments or unreadable input
)

// Env is what a command may touch, so that tests can run commands in-process.
type Env struct {
	Stdin          io.Reader // what `shenfa check -` reads; nil means os.Stdin
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Version        string
	// GUI starts the desktop app on the workspace file; nil in tests.
	GUI func(dbPath string) error
}

type command struct {
	name  string
	usage string // translation key of the one-line description
	run   func(c *ctx, args []string) int
}

var commands []command

func init() {
	commands = []command{
		{"help", "cli.help.help", runHelp},
		{"version", "cli.help.version", runVersion},
		{"check", "cli.help.check", runCheck},
		{"init", "cli.help.init", runInit},
		{"backup", "cli.help.backup", runBackup},
		{"restore", "cli.help.restore", runRestore},
		{"audit", "cli.help.audit", runAudit},
		{"lexicon", "cli.help.lexicon", runLexicon},
		{"draft", "cli.help.draft", runDraft},
		{"signoff", "cli.help.signoff", runSignoff},
		{"verify", "cli.help.verify", runVerify},
		{"channel", "cli.help.channel", runChannel},
		{"policy", "cli.help.policy", runPolicy},
		{"archive", "cli.help.archive", runArchive},
		{"ca", "cli.help.ca", runCA},
		{"stats", "cli.help.stats", runStats},
	}
}

// ctx carries the global options and the environment of one run.
type ctx struct {
	Env
	db           string
	user         string
	passwordFile string
}

// Run executes the command line args (without the program name).
func Run(args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if env.Stdin == nil {
		env.Stdin = os.Stdin
	}
	i18n.Use(i18n.FromEnv(env.Getenv))
	c := &ctx{Env: env}
	rest, err := c.globalFlags(args)
	if err != nil {
		return c.usageError(err)
	}
	if len(rest) == 0 {
		return c.startGUI()
	}
	switch rest[0] {
	case "-h", "-help", "--help":
		return runHelp(c, rest[1:])
	case "-version", "--version":
		return runVersion(c, nil)
	}
	for _, cmd := range commands {
		if cmd.name == rest[0] {
			if wantsHelp(rest[1:]) {
				return c.commandHelp(cmd)
			}
			return cmd.run(c, rest[1:])
		}
	}
	return c.usageError(errors.New(i18n.L("cli.unknown_command", map[string]any{"Name": rest[0]})))
}

// globalFlags takes --db, --user and --password-file wherever they stand
// before the subcommand's own arguments.
func (c *ctx) globalFlags(args []string) ([]string, error) {
	c.db = c.Getenv("SHENFA_DB")
	c.user = c.Getenv("SHENFA_USER")
	var rest []string
	for i := 0; i < len(args); i++ {
		name, value, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		target := map[string]*string{"db": &c.db, "user": &c.user, "password-file": &c.passwordFile}[name]
		if !strings.HasPrefix(args[i], "-") || target == nil {
			rest = append(rest, args[i])
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return nil, errors.New(i18n.L("cli.flag_needs_value", map[string]any{"Flag": args[i]}))
			}
			i++
			value = args[i]
		}
		*target = value
	}
	if c.db == "" {
		c.db = review.DefaultPath()
	}
	return rest, nil
}

func (c *ctx) startGUI() int {
	if c.GUI == nil {
		return c.usageError(errors.New(i18n.L("cli.no_gui")))
	}
	if err := c.GUI(c.db); err != nil {
		return c.fail(err)
	}
	return ExitOK
}

func (c *ctx) printf(format string, a ...any) { fmt.Fprintf(c.Stdout, format, a...) }

// fail reports err in the user's language and returns ExitFailed.
func (c *ctx) fail(err error) int {
	fmt.Fprintln(c.Stderr, i18n.L("cli.error")+i18n.Message(err))
	return ExitFailed
}

func (c *ctx) usageError(err error) int {
	fmt.Fprintln(c.Stderr, i18n.L("cli.error")+err.Error())
	fmt.Fprintln(c.Stderr, i18n.L("cli.see_help"))
	return ExitUsage
}

func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func runHelp(c *ctx, args []string) int {
	if len(args) > 0 {
		return c.helpFor(args[0])
	}
	c.printf("%s\n\n%s\n", i18n.L("cli.usage"), i18n.L("cli.commands"))
	for _, cmd := range commands {
		c.printf("  %-10s %s\n", cmd.name, i18n.L(cmd.usage))
	}
	c.printf("\n%s\n", i18n.L("cli.global_flags"))
	return ExitOK
}

func runVersion(c *ctx, _ []string) int {
	c.printf("shenfa %s\n", c.Version)
	return ExitOK
}
