package cli

import (
	"encoding/json"
	"errors"
	"sync"

	"shenfa/app/i18n"
	"shenfa/assets"
)

// wantsHelp reports whether a subcommand's arguments ask for its usage;
// after "--" every argument is a name (a file called -h, say).
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// helpFor answers `shenfa help NAME`.
func (c *ctx) helpFor(name string) int {
	for _, cmd := range commands {
		if cmd.name == name {
			return c.commandHelp(cmd)
		}
	}
	return c.usageError(errors.New(i18n.L("cli.unknown_command", map[string]any{"Name": name})))
}

// commandHelp prints a subcommand's own usage — its arguments and options —
// and the options every command takes: cli.usage.NAME, or the usage line
// the command prints when its arguments are wrong, or its line from the list.
func (c *ctx) commandHelp(cmd command) int {
	text := i18n.L(cmd.usage)
	for _, key := range usageKeys(cmd.name) {
		if translated()[key] {
			text = i18n.L(key)
			break
		}
	}
	c.printf("%s\n\n%s\n", text, i18n.L("cli.global_flags"))
	return ExitOK
}

// usageKeys are the translation keys that may hold a command's usage, best first.
func usageKeys(name string) []string {
	return []string{"cli.usage." + name, "cli." + name + ".usage", "cli." + name + "_usage"}
}

// translated lists the keys the translation files define; asking Fyne for a
// missing key would log a "Translation failure" on stderr.
var translated = sync.OnceValue(func() map[string]bool {
	keys := map[string]bool{}
	data, err := assets.Translations.ReadFile("translations/zh_Hans.json")
	var m map[string]json.RawMessage
	if err == nil && json.Unmarshal(data, &m) == nil {
		for k := range m {
			keys[k] = true
		}
	}
	return keys
})
