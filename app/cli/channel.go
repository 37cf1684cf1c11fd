package cli

import (
	"context"
	"errors"
	"strings"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

// runChannel is `shenfa channel list|add`: the unit's publication channels
// (发布渠道). Anyone signed in lists them; only secadmin adds one.
func runChannel(c *ctx, args []string) int {
	if len(args) == 0 || (args[0] != "list" && args[0] != "add") {
		return c.usageOf("channel", nil)
	}
	fs := newFlags("channel " + args[0])
	name, platform, unit := fs.String("name", "", ""), fs.String("platform", "", ""), fs.String("unit", "", "")
	asJSON := fs.Bool("json", false, "")
	rest, err := parseFlags(fs, args[1:])
	if err != nil || len(rest) != 0 {
		return c.usageOf("channel", err)
	}
	if args[0] == "list" {
		return c.signedIn(func(ctx context.Context, w *review.Workspace, _ *account.Session) int {
			return c.channelList(ctx, w, *asJSON)
		})
	}
	ch := drafts.Channel{Name: strings.TrimSpace(*name), Platform: strings.TrimSpace(*platform), Unit: strings.TrimSpace(*unit)}
	if ch.Name == "" || ch.Platform == "" || ch.Unit == "" {
		return c.usageOf("channel", errors.New(i18n.L("cli.channel.add_needs")))
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		id, err := w.Drafts.AddChannel(ctx, sess, ch)
		if err != nil {
			return c.fail(err)
		}
		c.printf("%s\n", i18n.L("cli.channel.added", map[string]any{"ID": id, "Name": ch.Name, "Platform": ch.Platform, "Unit": ch.Unit}))
		return ExitOK
	})
}

func (c *ctx) channelList(ctx context.Context, w *review.Workspace, asJSON bool) int {
	cs, err := w.Drafts.Channels(ctx)
	if err != nil {
		return c.fail(err)
	}
	if asJSON {
		out := struct {
			Channels []channelJSON `json:"channels"`
		}{[]channelJSON{}}
		for _, ch := range cs {
			out.Channels = append(out.Channels, toChannelJSON(ch))
		}
		return c.writeJSON(out)
	}
	for _, ch := range cs {
		c.printf("%s\n", i18n.L("cli.channel.row", map[string]any{"ID": ch.ID, "Name": ch.Name, "Platform": ch.Platform, "Unit": ch.Unit}))
	}
	c.printf("%s\n", i18n.L("cli.channel.count", map[string]any{"Count": len(cs)}))
	return ExitOK
}
