package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"regexp"
	"strconv"
	"strings"
	"time"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
)

// parseFlags parses fs from args, letting options stand before or after the
// positional arguments (`draft show 12 --json` and `draft show --json 12`);
// after "--" every argument is positional. Errors are in the user's language.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, flagError(err)
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, nil
		}
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" {
			return append(rest, left...), nil
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}

var (
	undefinedFlag = regexp.MustCompile(`^flag provided but not defined: (\S+)`)
	missingValue  = regexp.MustCompile(`^flag needs an argument: (\S+)`)
	badValue      = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?(\S+?):`)
)

// flagError says what the flag package refused, in the user's language.
func flagError(err error) error {
	s := err.Error()
	if m := undefinedFlag.FindStringSubmatch(s); m != nil {
		return errors.New(i18n.L("cli.unknown_option", map[string]any{"Flag": dashes(m[1])}))
	}
	if m := missingValue.FindStringSubmatch(s); m != nil {
		return errors.New(i18n.L("cli.flag_needs_value", map[string]any{"Flag": dashes(m[1])}))
	}
	if m := badValue.FindStringSubmatch(s); m != nil {
		return errors.New(i18n.L("cli.bad_option_value", map[string]any{"Flag": dashes(m[2]), "Value": m[1]}))
	}
	return err
}

// dashes writes an option the way the usage texts do: --name.
func dashes(name string) string { return "--" + strings.TrimLeft(name, "-") }

// usageOf is a usage error: err says what is wrong; without one, the
// arguments did not fit and the command's usage is shown.
func (c *ctx) usageOf(command string, err error) int {
	if err != nil {
		return c.usageError(err)
	}
	return c.usageError(errors.New(i18n.L("cli.usage." + command)))
}

// parseID reads a draft (or other record) number.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errors.New(i18n.L("cli.bad_id", map[string]any{"Value": s}))
	}
	return id, nil
}

// timeLayouts are the ways a time may be written, in local time unless it
// says otherwise.
var timeLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05",
	"2006-01-02 15:04", "2006-01-02"}

// parseTime reads a time such as 2026-12-05T09:00 (local time).
func parseTime(flagName, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New(i18n.L("cli.bad_time", map[string]any{"Flag": flagName, "Value": s}))
}

// localTime prints a time for people: local, to the minute; "" when unset.
func localTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04")
}

// localSeconds prints a time for people, to the second, as signed.
func localSeconds(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

// jsonTime is the --json form of a time: RFC 3339 in UTC, "" when unset.
func jsonTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// writeJSON prints v as indented JSON; stdout carries nothing else.
func (c *ctx) writeJSON(v any) int {
	enc := json.NewEncoder(c.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return c.fail(err)
	}
	return ExitOK
}

// signedIn signs in as --user and runs f on the open workspace.
func (c *ctx) signedIn(f func(ctx context.Context, w *review.Workspace, sess *account.Session) int) int {
	ctx := context.Background()
	w, sess, code := c.signIn(ctx)
	if code != ExitOK {
		return code
	}
	defer w.Close()
	return f(ctx, w, sess)
}

// label translates prefix+code, or gives the code itself when the
// translation files do not have it (a value from a newer build, say).
func label(prefix, code string) string {
	if key := prefix + code; translated()[key] {
		return i18n.L(key)
	}
	return code
}

// oneOf reports whether s is one of the values, or the translated label of
// one of them, and returns that value.
func oneOf[T ~string](s, prefix string, values []T) (T, bool) {
	s = strings.TrimSpace(s)
	for _, v := range values {
		if strings.EqualFold(s, string(v)) || s == label(prefix, string(v)) {
			return v, true
		}
	}
	return "", false
}
