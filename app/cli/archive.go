package cli

import (
	"errors"

	"shenfa/app/i18n"
)

// archiveCommands are the subcommands of `shenfa archive`, by name. Each
// file that implements some registers them from its own init function, so
// that the subcommands (seal, list, show, search, export-pdf, export-bag,
// verify, verify-bag, rescan) can be written side by side.
var archiveCommands = map[string]func(c *ctx, args []string) int{}

// runArchive is `shenfa archive SUBCOMMAND …`.
func runArchive(c *ctx, args []string) int {
	if len(args) == 0 {
		return c.usageOf("archive", nil)
	}
	run, ok := archiveCommands[args[0]]
	if !ok {
		return c.usageOf("archive", errors.New(i18n.L("cli.archive.unknown", map[string]any{"Name": args[0]})))
	}
	return run(c, args[1:])
}
