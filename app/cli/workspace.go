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
	"shenfa/review/audit"
)

// runInit creates a workspace: the demo, or three administrators named by
// --sysadmin, --secadmin and --auditor as NAME:全名.
func runInit(c *ctx, args []string) int {
	fs := newFlags("init")
	demo := fs.Bool("demo", false, "")
	names := [3]*string{fs.String("sysadmin", "", ""), fs.String("secadmin", "", ""), fs.String("auditor", "", "")}
	if err := fs.Parse(args); err != nil {
		return c.usageError(err)
	}
	if !*demo && (*names[0] == "" || *names[1] == "" || *names[2] == "") {
		return c.usageError(errors.New(i18n.L("cli.init_usage")))
	}
	var admins [3]account.NewUser
	if !*demo {
		pws, err := c.passwords(3)
		if err != nil {
			return c.usageError(err)
		}
		for i, n := range names {
			login, full, _ := strings.Cut(*n, ":")
			admins[i] = account.NewUser{Name: login, FullName: full, Password: pws[i]}
		}
	}
	if err := os.MkdirAll(filepath.Dir(c.db), 0o700); err != nil {
		return c.fail(err)
	}
	w, err := c.open()
	if err != nil {
		return c.fail(err)
	}
	defer w.Close()
	return c.setup(w, *demo, admins)
}

func (c *ctx) setup(w *review.Workspace, demo bool, admins [3]account.NewUser) int {
	ctx := context.Background()
	var err error
	if demo {
		err = w.SetupDemo(ctx)
	} else {
		err = w.Accounts.Setup(ctx, admins)
	}
	if err != nil {
		return c.fail(err)
	}
	c.printf("%s\n", i18n.L("cli.init_done", map[string]any{"Path": c.db}))
	if demo {
		c.printf("%s\n", i18n.L("cli.demo_accounts"))
		for _, a := range review.DemoAccounts {
			c.printf("  %-10s %-16s %s（%s）\n", a.Name, a.Password, a.FullName, i18n.L("role."+string(a.Role)))
		}
	}
	return ExitOK
}

func runBackup(c *ctx, args []string) int {
	if len(args) != 1 {
		return c.usageError(errors.New(i18n.L("cli.backup_usage")))
	}
	ctx := context.Background()
	w, sess, code := c.signIn(ctx)
	if code != ExitOK {
		return code
	}
	defer w.Close()
	sum, err := w.Backup(ctx, sess, args[0])
	if err != nil {
		return c.fail(err)
	}
	c.printf("%s\n", i18n.L("cli.backup_done", map[string]any{"File": args[0], "Sum": sum}))
	return ExitOK
}

func runRestore(c *ctx, args []string) int {
	if len(args) != 1 {
		return c.usageError(errors.New(i18n.L("cli.restore_usage")))
	}
	name, pw, err := c.credentials()
	if err != nil {
		return c.usageError(err)
	}
	previous, err := review.Restore(context.Background(), args[0], c.db, name, pw)
	if err != nil {
		return c.fail(err)
	}
	c.printf("%s\n", i18n.L("cli.restore_done", map[string]any{"File": args[0], "Path": c.db}))
	if previous != "" {
		c.printf("%s\n", i18n.L("cli.restore_previous", map[string]any{"Path": previous}))
	}
	return ExitOK
}

func runAudit(c *ctx, args []string) int {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "list") {
		return c.usageError(errors.New(i18n.L("cli.audit_usage")))
	}
	ctx := context.Background()
	w, sess, code := c.signIn(ctx)
	if code != ExitOK {
		return code
	}
	defer w.Close()
	if args[0] == "list" {
		return c.auditList(ctx, w, sess)
	}
	rep, err := w.VerifyAudit(ctx, sess)
	if err != nil {
		return c.fail(err)
	}
	if !rep.OK {
		c.printf("%s\n", i18n.L("audit.verify_bad", map[string]any{"Rows": rep.Rows, "Seq": rep.FirstBad, "Reason": rep.Reason}))
		return ExitFailed
	}
	c.printf("%s\n", i18n.L("audit.verify_ok", map[string]any{"Rows": rep.Rows, "Head": rep.Head}))
	return ExitOK
}

func (c *ctx) auditList(ctx context.Context, w *review.Workspace, sess *account.Session) int {
	rows, total, err := w.AuditTrail(ctx, sess, audit.Filter{Limit: 200})
	if err != nil {
		return c.fail(err)
	}
	for _, e := range rows {
		c.printf("%6d  %s  %-10s %-18s %s %s\n", e.Seq, e.At.Local().Format("2006-01-02 15:04:05"),
			e.Actor, e.Action, e.Target, e.Detail)
	}
	c.printf("%s\n", i18n.L("audit.count", map[string]any{"Shown": len(rows), "Total": total}))
	return ExitOK
}
