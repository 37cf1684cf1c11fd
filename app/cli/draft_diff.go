package cli

import (
	"context"
	"errors"
	"strings"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/diff"
	"shenfa/review/drafts"
)

// Inline marks of the readable diff, which keep their meaning without colour
// and survive copying into an e-mail or a 审批表.
const (
	insOpen, insClose = "【+", "+】"
	delOpen, delClose = "【-", "-】"
)

// diffJSON is `draft diff --json`.
type diffJSON struct {
	Draft       int64           `json:"draft"`
	From        int             `json:"from"`
	To          int             `json:"to"`
	Approximate bool            `json:"approximate"`
	Summary     diffSummaryJSON `json:"summary"`
	Paragraphs  []paragraphJSON `json:"paragraphs"` // changed ones only, unless --all
}

type diffSummaryJSON struct {
	Changes            int `json:"changes"`
	Inserted           int `json:"inserted"` // code points
	Deleted            int `json:"deleted"`
	ChangedParagraphs  int `json:"changed_paragraphs"`
	InsertedParagraphs int `json:"inserted_paragraphs"`
	DeletedParagraphs  int `json:"deleted_paragraphs"`
}

// paragraphJSON is one paragraph: its 1-based number in each version (0
// where it is absent), and its spans with code point offsets into the old
// and the new text (end exclusive).
type paragraphJSON struct {
	Old         int        `json:"old"`
	New         int        `json:"new"`
	Changed     bool       `json:"changed"`
	Approximate bool       `json:"approximate"`
	Spans       []spanJSON `json:"spans"`
}

type spanJSON struct {
	Op       string `json:"op"` // equal, insert, delete
	Text     string `json:"text"`
	OldStart int    `json:"old_start"`
	OldEnd   int    `json:"old_end"`
	NewStart int    `json:"new_start"`
	NewEnd   int    `json:"new_end"`
}

// draftDiff is `draft diff`: the tracked changes between two versions. By
// default it compares the current version with the one the signed-in user
// last signed, or else with the version before it — what an approver wants
// to read before signing again.
func (c *ctx) draftDiff(args []string) int {
	fs := newFlags("draft diff")
	from, to := fs.Int("from", 0, ""), fs.Int("to", 0, "")
	all, asJSON := fs.Bool("all", false, ""), fs.Bool("json", false, "")
	rest, err := parseFlags(fs, args)
	if err != nil || len(rest) != 1 {
		return c.usageOf("draft", err)
	}
	id, err := parseID(rest[0])
	if err != nil {
		return c.usageOf("draft", err)
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		if !sess.User.Can(account.ReadDrafts) {
			return c.fail(account.ErrForbidden)
		}
		d, err := w.Drafts.Get(ctx, id)
		if err != nil {
			return c.fail(err)
		}
		newN, oldN, mine, err := c.diffVersions(ctx, w, sess, d, *from, *to)
		if err != nil {
			return c.usageOf("draft", err)
		}
		oldV, err := w.Drafts.Version(ctx, id, oldN)
		if err != nil {
			return c.fail(err)
		}
		newV, err := w.Drafts.Version(ctx, id, newN)
		if err != nil {
			return c.fail(err)
		}
		res := diff.Compute(oldV.Text, newV.Text)
		if *asJSON {
			return c.writeJSON(diffOut(id, oldN, newN, res, *all))
		}
		c.printDiff(oldN, newN, mine, res, *all)
		return ExitOK
	})
}

// diffVersions settles which versions to compare; mine reports that the
// old one is the user's own last signed version.
func (c *ctx) diffVersions(ctx context.Context, w *review.Workspace, sess *account.Session, d drafts.Draft, from, to int) (newN, oldN int, mine bool, err error) {
	newN = to
	if newN == 0 {
		newN = d.Version
	}
	if newN < 1 || newN > d.Version {
		return 0, 0, false, errors.New(i18n.L("cli.draft.no_version", map[string]any{"Version": newN, "Last": d.Version}))
	}
	oldN = from
	if oldN == 0 {
		oldN = newN - 1
		sos, err := w.Drafts.SignOffs(ctx, d.ID)
		if err != nil {
			return 0, 0, false, err
		}
		signed := 0 // the latest version before newN the user signed
		for _, so := range sos {
			if so.SignerID == sess.User.ID && so.Version < newN {
				signed = max(signed, so.Version)
			}
		}
		if signed > 0 {
			oldN, mine = signed, true
		}
	}
	switch {
	case oldN < 1 && from == 0:
		return 0, 0, false, errors.New(i18n.L("cli.draft.no_earlier", map[string]any{"Version": newN}))
	case oldN < 1 || oldN > d.Version:
		return 0, 0, false, errors.New(i18n.L("cli.draft.no_version", map[string]any{"Version": oldN, "Last": d.Version}))
	}
	return newN, oldN, mine, nil
}

func diffOut(id int64, from, to int, res diff.Result, all bool) diffJSON {
	s := res.Summary()
	out := diffJSON{Draft: id, From: from, To: to, Approximate: res.Approximate, Paragraphs: []paragraphJSON{},
		Summary: diffSummaryJSON{Changes: s.Changes, Inserted: s.Inserted, Deleted: s.Deleted,
			ChangedParagraphs: s.ChangedParagraphs, InsertedParagraphs: s.InsertedParagraphs, DeletedParagraphs: s.DeletedParagraphs}}
	for _, p := range res.Paragraphs {
		if !p.Changed && !all {
			continue
		}
		pj := paragraphJSON{Old: p.Old + 1, New: p.New + 1, Changed: p.Changed, Approximate: p.Approximate, Spans: []spanJSON{}}
		for _, sp := range p.Spans {
			pj.Spans = append(pj.Spans, spanJSON{Op: sp.Op.String(), Text: sp.Text, OldStart: sp.OldStart, OldEnd: sp.OldEnd,
				NewStart: sp.NewStart, NewEnd: sp.NewEnd})
		}
		out.Paragraphs = append(out.Paragraphs, pj)
	}
	return out
}

// printDiff writes the tracked changes paragraph by paragraph, numbered as
// in the new version (a deleted paragraph by its old number), with
// insertions in 【+…+】 and deletions in 【-…-】.
func (c *ctx) printDiff(from, to int, mine bool, res diff.Result, all bool) {
	s := res.Summary()
	key := "cli.draft.diff_head"
	if mine {
		key = "cli.draft.diff_head_mine"
	}
	c.printf("%s\n", i18n.L(key, map[string]any{"From": from, "To": to, "Changes": s.Changes, "Inserted": s.Inserted,
		"Deleted": s.Deleted, "Paragraphs": s.ChangedParagraphs}))
	if res.Approximate {
		c.printf("%s\n", i18n.L("cli.draft.diff_approximate"))
	}
	if s.Changes == 0 && s.ChangedParagraphs == 0 {
		c.printf("%s\n", i18n.L("cli.draft.diff_none"))
	}
	for _, p := range res.Paragraphs {
		if !p.Changed && !all {
			continue
		}
		c.printf("%s %s\n", paragraphLabel(p), markedText(p))
	}
}

func paragraphLabel(p diff.Paragraph) string {
	switch {
	case p.New < 0:
		return i18n.L("cli.draft.diff_deleted", map[string]any{"N": p.Old + 1})
	case p.Old < 0:
		return i18n.L("cli.draft.diff_inserted", map[string]any{"N": p.New + 1})
	}
	return i18n.L("cli.draft.diff_paragraph", map[string]any{"N": p.New + 1})
}

// markedText is a paragraph with its changes marked inline.
func markedText(p diff.Paragraph) string {
	var b strings.Builder
	for _, s := range p.Spans {
		switch s.Op {
		case diff.Insert:
			b.WriteString(insOpen + s.Text + insClose)
		case diff.Delete:
			b.WriteString(delOpen + s.Text + delClose)
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}
