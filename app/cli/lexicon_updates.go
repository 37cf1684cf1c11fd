package cli

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/lexicons"
	"shenfa/sensitive"
	"shenfa/sensitive/lexicon"
)

// shippedLexicons returns the default lexicons of this Shenfa, which are
// offered to workspaces made by an older one; tests stand in a newer set.
var shippedLexicons = sensitive.DefaultLexicons

// defaultUpdates computes what this Shenfa's defaults would change.
func (c *ctx) defaultUpdates(w *review.Workspace, sess *account.Session) ([]lexicons.Update, error) {
	shipped, err := shippedLexicons()
	if err != nil {
		return nil, err
	}
	return w.Lexicons.Updates(context.Background(), sess, shipped)
}

// lexiconUpdates prints what accepting the default lexicons' updates
// would change, as text or as JSON.
func (c *ctx) lexiconUpdates(w *review.Workspace, sess *account.Session, _ []string, o lexiconOpts) int {
	ups, err := c.defaultUpdates(w, sess)
	if err != nil {
		return c.fail(err)
	}
	if o.json {
		return c.printJSON(map[string]any{"updates": jsonUpdates(ups)})
	}
	if len(ups) == 0 {
		c.printf("%s\n", i18n.L("cli.lexicon.no_updates"))
		return ExitOK
	}
	c.printf("%s\n", i18n.L("cli.lexicon.updates_count", map[string]any{"Count": len(ups)}))
	for _, u := range ups {
		c.printUpdate(u)
	}
	c.printf("\n%s\n", i18n.L("cli.lexicon.updates_hint"))
	return ExitOK
}

// lexiconUpdate applies the default lexicons' updates: all of them, or the
// lexicons named with --accept (and as arguments), declining those named
// with --decline. Changes that overwrite the workspace's own edits need
// --conflicts to say which side wins.
func (c *ctx) lexiconUpdate(w *review.Workspace, sess *account.Session, args []string, o lexiconOpts) int {
	ups, err := c.defaultUpdates(w, sess)
	if err != nil {
		return c.fail(err)
	}
	if len(ups) == 0 {
		c.printf("%s\n", i18n.L("cli.lexicon.no_updates"))
		return ExitOK
	}
	chosen, err := chooseUpdates(ups, append(slices.Clone(o.accept), args...), o.decline)
	if err != nil {
		return c.usageError(err)
	}
	if code, ok := c.resolveConflicts(chosen, o.conflicts); !ok {
		return code
	}
	if err := w.Lexicons.ApplyUpdates(context.Background(), sess, chosen); err != nil {
		return c.fail(err)
	}
	c.printApplied(w, chosen)
	return ExitOK
}

// chooseUpdates marks the updates to accept or decline and returns them;
// updates named in neither list stay waiting, unless accept is empty or
// "all", which takes every update not declined.
func chooseUpdates(ups []lexicons.Update, accept, decline []string) ([]lexicons.Update, error) {
	all := len(accept) == 0 || slices.Contains(accept, "all")
	known := map[string]bool{}
	for _, u := range ups {
		known[u.Name] = true
	}
	for _, n := range append(slices.Clone(accept), decline...) {
		if n != "all" && !known[n] {
			return nil, errors.New(i18n.L("cli.lexicon.no_update_for", map[string]any{"Name": n}))
		}
		if slices.Contains(accept, n) && slices.Contains(decline, n) {
			return nil, errors.New(i18n.L("cli.lexicon.accept_decline_both", map[string]any{"Name": n}))
		}
	}
	var out []lexicons.Update
	for _, u := range ups {
		declined := slices.Contains(decline, u.Name)
		if u.Clash || (!declined && !all && !slices.Contains(accept, u.Name)) {
			continue
		}
		for i := range u.Changes {
			u.Changes[i].Accept = !declined
		}
		out = append(out, u)
	}
	return out, nil
}

// resolveConflicts applies --conflicts to the accepted changes that would
// overwrite the workspace's own edits; without it, it lists them and
// refuses, so that no edit is lost or kept by default.
func (c *ctx) resolveConflicts(ups []lexicons.Update, choice string) (int, bool) {
	n := 0
	for i := range ups {
		for j := range ups[i].Changes {
			ch := &ups[i].Changes[j]
			if !ch.Conflict || !ch.Accept {
				continue
			}
			n++
			ch.Accept = choice == "take"
			if choice == "" {
				c.printf("%s: %s\n", ups[i].Name, changeLine(*ch))
			}
		}
	}
	if n > 0 && choice == "" {
		return c.fail(errors.New(i18n.L("cli.lexicon.conflicts_need_choice", map[string]any{"Count": n}))), false
	}
	return ExitOK, true
}

// printApplied says what became of each update.
func (c *ctx) printApplied(w *review.Workspace, ups []lexicons.Update) {
	for _, u := range ups {
		data := map[string]any{"Name": u.Name, "From": u.Version, "To": u.NewVersion, "Total": len(u.Changes),
			"Accepted": u.Accepted()}
		key := "cli.lexicon.declined"
		if len(u.Changes) == 0 {
			key = "cli.lexicon.unchanged"
		}
		if u.Accepted() > 0 {
			i, err := w.Lexicons.Get(context.Background(), u.Name)
			if err != nil {
				c.fail(err)
				continue
			}
			data["To"], data["Entries"] = i.Version, i.Entries
			key = "cli.lexicon.updated"
			if u.New {
				key = "cli.lexicon.added"
			}
		}
		c.printf("%s\n", i18n.L(key, data))
	}
}

// printUpdate lists one update: a heading, then a line per change.
func (c *ctx) printUpdate(u lexicons.Update) {
	c.printf("\n%s\n", updateHeading(u))
	if !u.BaseKnown && !u.Clash {
		c.printf("%s\n", i18n.L("cli.lexicon.base_unknown"))
	}
	if u.New {
		return // every entry is new: the heading counts them
	}
	for _, ch := range u.Changes {
		c.printf("  %s\n", changeLine(ch))
	}
}

func updateHeading(u lexicons.Update) string {
	a, r, ch, k := u.Counts()
	data := map[string]any{"Name": u.Name, "From": u.Version, "To": u.NewVersion, "Added": a, "Removed": r,
		"Changed": ch, "Conflicts": k, "Entries": u.Entries(), "Allows": len(u.Changes) - u.Entries()}
	switch {
	case u.Clash:
		return i18n.L("cli.lexicon.update_clash", data)
	case u.New && u.Declined:
		return i18n.L("cli.lexicon.update_new", data) + i18n.L("cli.lexicon.update_declined")
	case u.New:
		return i18n.L("cli.lexicon.update_new", data)
	}
	return i18n.L("cli.lexicon.update_head", data)
}

// changeLine writes one change: + added, - removed, ~ changed, ! conflict.
func changeLine(ch lexicons.Change) string {
	if ch.Property != "" {
		return "~ " + i18n.LexiconProperty(ch.Property) + "：" + propertyValue(ch.Property, ch.From) +
			" → " + propertyValue(ch.Property, ch.To)
	}
	word := ch.Word
	if ch.Allow {
		word = i18n.L("lexicons.col_phrase") + " " + word
	}
	if ch.Conflict {
		return "! " + i18n.L("lexicons.change_conflict") + " " + word + "：" + i18n.L("lexicons.change_local") + " " +
			entryText(ch.Local, ch.Allow) + "；" + i18n.L("lexicons.change_incoming") + " " + entryText(ch.Incoming, ch.Allow)
	}
	switch ch.Kind {
	case lexicons.Added:
		return "+ " + word + "  " + entryText(ch.Incoming, ch.Allow)
	case lexicons.Removed:
		return "- " + word
	}
	var parts []string
	for _, f := range ch.Fields {
		parts = append(parts, i18n.LexiconField(f)+" "+fieldValue(f, *ch.Local)+" → "+fieldValue(f, *ch.Incoming))
	}
	return "~ " + word + "：" + strings.Join(parts, "；")
}

// entryText describes an entry (or allow phrase) for a change line.
func entryText(e *lexicon.Entry, allow bool) string {
	if e == nil {
		return i18n.L("lexicons.change_absent")
	}
	parts := []string{}
	fields := []string{"category", "severity", "suggestion", "note"}
	if allow {
		fields = []string{"note"}
	}
	for _, f := range fields {
		if v := fieldValue(f, *e); v != "“”" {
			parts = append(parts, i18n.LexiconField(f)+" "+v)
		}
	}
	return "[" + strings.Join(parts, "，") + "]"
}

func fieldValue(field string, e lexicon.Entry) string {
	switch field {
	case "category":
		return i18n.L("category." + string(e.Category))
	case "severity":
		return i18n.L("severity." + string(e.Severity))
	case "suggestion":
		return "“" + e.Suggestion + "”"
	}
	return "“" + e.Note + "”"
}

func propertyValue(property, v string) string {
	if property == lexicons.PropertyKind {
		if v == string(lexicon.Protected) {
			return i18n.L("lexicons.kind_protected")
		}
		return i18n.L("lexicons.kind_words")
	}
	return i18n.L("category." + v)
}

func (c *ctx) printJSON(v any) int {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return c.fail(err)
	}
	c.printf("%s\n", b)
	return ExitOK
}

type jsonEntry struct {
	Word       string `json:"word"`
	Category   string `json:"category,omitempty"`
	Severity   string `json:"severity,omitempty"`
	Suggestion string `json:"suggestion,omitempty"`
	Note       string `json:"note,omitempty"`
}

type jsonChange struct {
	Kind     string     `json:"kind"`
	Allow    bool       `json:"allow,omitempty"`
	Property string     `json:"property,omitempty"`
	Word     string     `json:"word,omitempty"`
	From     string     `json:"from,omitempty"`
	To       string     `json:"to,omitempty"`
	Fields   []string   `json:"fields,omitempty"`
	Conflict bool       `json:"conflict"`
	Local    *jsonEntry `json:"local,omitempty"`
	Incoming *jsonEntry `json:"incoming,omitempty"`
	Base     *jsonEntry `json:"base,omitempty"`
}

type jsonUpdate struct {
	Name       string       `json:"name"`
	Source     string       `json:"source"`
	New        bool         `json:"new"`
	Declined   bool         `json:"declined,omitempty"`
	Clash      bool         `json:"clash,omitempty"`
	Version    string       `json:"version"`
	NewVersion string       `json:"new_version"`
	BaseKnown  bool         `json:"base_known"`
	Edited     bool         `json:"edited"`
	Changes    []jsonChange `json:"changes"`
}

func jsonUpdates(ups []lexicons.Update) []jsonUpdate {
	out := []jsonUpdate{}
	for _, u := range ups {
		j := jsonUpdate{Name: u.Name, Source: "builtin", New: u.New, Declined: u.Declined, Clash: u.Clash,
			Version: u.Version, NewVersion: u.NewVersion, BaseKnown: u.BaseKnown, Edited: u.Edited, Changes: []jsonChange{}}
		if !u.Source.Builtin {
			j.Source = "package"
		}
		for _, c := range u.Changes {
			j.Changes = append(j.Changes, jsonChange{Kind: string(c.Kind), Allow: c.Allow, Property: c.Property, Word: c.Word,
				From: c.From, To: c.To, Fields: c.Fields, Conflict: c.Conflict,
				Local: toJSONEntry(c.Local), Incoming: toJSONEntry(c.Incoming), Base: toJSONEntry(c.Base)})
		}
		out = append(out, j)
	}
	return out
}

func toJSONEntry(e *lexicon.Entry) *jsonEntry {
	if e == nil {
		return nil
	}
	return &jsonEntry{Word: e.Word, Category: string(e.Category), Severity: string(e.Severity), Suggestion: e.Suggestion, Note: e.Note}
}
