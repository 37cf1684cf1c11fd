package cli

import (
	"context"
	"errors"
	"os"
	"strings"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
)

// passwords returns the passwords given for scripted use: the lines of
// --password-file, or of SHENFA_PASSWORD. Never a command-line argument,
// which other users could read in the process list.
func (c *ctx) passwords(want int) ([]string, error) {
	text := c.Getenv("SHENFA_PASSWORD")
	if c.passwordFile != "" {
		b, err := os.ReadFile(c.passwordFile)
		if err != nil {
			return nil, errors.New(i18n.L("cli.password_file_unreadable", map[string]any{"File": c.passwordFile}))
		}
		text = string(b)
	}
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if line != "" {
			out = append(out, line)
		}
	}
	if len(out) < want {
		return nil, errors.New(i18n.L("cli.password_missing", map[string]any{"Count": want}))
	}
	return out[:want], nil
}

// credentials returns the --user name and its password.
func (c *ctx) credentials() (string, string, error) {
	if c.user == "" {
		return "", "", errors.New(i18n.L("cli.user_missing"))
	}
	pw, err := c.passwords(1)
	if err != nil {
		return "", "", err
	}
	return c.user, pw[0], nil
}

// signIn opens an existing workspace and signs in as --user; the caller
// closes it. A missing file is an argument error, never a new workspace.
func (c *ctx) signIn(ctx context.Context) (*review.Workspace, *account.Session, int) {
	if _, err := os.Stat(c.db); err != nil {
		return nil, nil, c.usageError(errors.New(i18n.L("cli.no_workspace", map[string]any{"Path": c.db})))
	}
	name, pw, err := c.credentials()
	if err != nil {
		return nil, nil, c.usageError(err)
	}
	w, err := c.open()
	if err != nil {
		return nil, nil, c.fail(err)
	}
	sess, err := w.Accounts.SignIn(ctx, name, pw)
	if err != nil {
		w.Close()
		return nil, nil, c.fail(err)
	}
	return w, sess, ExitOK
}

func (c *ctx) open() (*review.Workspace, error) {
	return review.Open(c.db)
}
