package cli

import (
	"context"
	"errors"
	"strings"

	"shenfa/app/i18n"
	"shenfa/archive"
	"shenfa/archive/search"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/drafts"
)

func init() {
	archiveCommands["seal"] = runArchiveSeal
	archiveCommands["list"] = runArchiveList
	archiveCommands["search"] = runArchiveSearch
}

// runArchiveSeal is `shenfa archive seal DRAFT`: the archivist seals an
// approved draft into a record signed with the key the password unwraps.
func runArchiveSeal(c *ctx, args []string) int {
	fs := newFlags("archive seal")
	rest, err := parseFlags(fs, args)
	if err != nil || len(rest) != 1 {
		return c.usageOf("archive", err)
	}
	id, err := parseID(rest[0])
	if err != nil {
		return c.usageError(err)
	}
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		pw, err := c.passwords(1) // the signing key is unwrapped with the sign-in password
		if err != nil {
			return c.usageError(err)
		}
		code, err := w.Archive.Seal(ctx, sess, pw[0], id)
		if err != nil {
			return c.sealFailed(id, err)
		}
		c.printf("%s\n", i18n.L("cli.archive.sealed", map[string]any{"ID": id, "Code": code}))
		return ExitOK
	})
}

// sealFailed says why a draft cannot be sealed.
func (c *ctx) sealFailed(id int64, err error) int {
	var unverified *archive.UnverifiedError
	key := ""
	switch {
	case errors.As(err, &unverified):
		return c.fail(i18n.Errorf("cli.archive.seal.unverified", map[string]any{"ID": id,
			"Problem": problemText(unverified.V.Problem, unverified.V.FirstBad)}))
	case errors.Is(err, archive.ErrNotApproved):
		key = "cli.archive.seal.not_approved"
	case errors.Is(err, archive.ErrSealed):
		key = "cli.archive.seal.sealed"
	case errors.Is(err, archive.ErrChanged):
		key = "cli.archive.seal.changed"
	case errors.Is(err, drafts.ErrNotFound):
		key = "cli.archive.seal.no_draft"
	}
	if key == "" {
		return c.fail(err)
	}
	return c.fail(i18n.Errorf(key, map[string]any{"ID": id}))
}

// pageFlags are the paging options of list and search.
type pageFlags struct {
	page, size *int
	asJSON     *bool
}

func (p pageFlags) query(q *search.Query) error {
	if *p.page < 1 || *p.size < 1 || *p.size > 500 {
		return errors.New(i18n.L("cli.archive.bad_page"))
	}
	q.Offset, q.Limit = (*p.page-1)**p.size, *p.size
	return nil
}

// runArchiveList is `shenfa archive list [--page N] [--size N] [--json]`:
// the records, newest first.
func runArchiveList(c *ctx, args []string) int {
	fs := newFlags("archive list")
	p := pageFlags{fs.Int("page", 1, ""), fs.Int("size", 20, ""), fs.Bool("json", false, "")}
	rest, err := parseFlags(fs, args)
	if err != nil || len(rest) != 0 {
		return c.usageOf("archive", err)
	}
	var q search.Query
	if err := p.query(&q); err != nil {
		return c.usageError(err)
	}
	return c.searching(q, p)
}

// runArchiveSearch is `shenfa archive search QUERY [filters]`.
func runArchiveSearch(c *ctx, args []string) int {
	fs := newFlags("archive search")
	p := pageFlags{fs.Int("page", 1, ""), fs.Int("size", 20, ""), fs.Bool("json", false, "")}
	var q search.Query
	fs.IntVar(&q.Year, "year", 0, "")
	fs.Int64Var(&q.Channel, "channel", 0, "")
	fs.StringVar(&q.Grade, "grade", "", "")
	fs.StringVar(&q.Retention, "retention", "", "")
	fs.StringVar(&q.Signer, "signer", "", "")
	fs.BoolVar(&q.Waived, "waived", false, "")
	rest, err := parseFlags(fs, args)
	if err != nil || len(rest) == 0 {
		return c.usageOf("archive", err)
	}
	q.Text = strings.Join(rest, " ")
	if err := p.query(&q); err != nil {
		return c.usageError(err)
	}
	return c.searching(q, p)
}

type hitJSON struct {
	ID       int64  `json:"id"`
	Code     string `json:"code"`
	Title    string `json:"title"`
	SealedAt string `json:"sealed_at"`
	Snippet  string `json:"snippet,omitempty"` // matches in 【】
}

type hitsJSON struct {
	Total int       `json:"total"`
	More  bool      `json:"more"` // a next page exists
	Page  int       `json:"page"`
	Hits  []hitJSON `json:"hits"`
}

func (c *ctx) searching(q search.Query, p pageFlags) int {
	return c.signedIn(func(ctx context.Context, w *review.Workspace, sess *account.Session) int {
		res, err := w.Archive.Search(ctx, sess, q)
		if err != nil {
			return c.fail(err)
		}
		more := res.More || q.Offset+len(res.Hits) < res.Total // res.More: the count is capped
		out := hitsJSON{Total: res.Total, More: more, Page: *p.page, Hits: []hitJSON{}}
		for _, h := range res.Hits {
			out.Hits = append(out.Hits, hitJSON{ID: h.ID, Code: h.Code, Title: h.Title, SealedAt: jsonTime(h.SealedAt), Snippet: snippet(h.Snippet)})
		}
		if *p.asJSON {
			return c.writeJSON(out)
		}
		if len(out.Hits) == 0 {
			c.printf("%s\n", i18n.L("cli.archive.none"))
			return ExitOK
		}
		for _, h := range res.Hits {
			c.printf("%s\n", i18n.L("cli.archive.row", map[string]any{"ID": h.ID, "Code": h.Code, "Title": h.Title,
				"At": localTime(h.SealedAt)}))
			if s := snippet(h.Snippet); s != "" && q.Text != "" {
				c.printf("    %s\n", s)
			}
		}
		c.printf("%s\n", i18n.L("cli.archive.page", map[string]any{"Page": *p.page, "Shown": len(res.Hits), "Total": res.Total,
			"More": more}))
		return ExitOK
	})
}

// snippet writes a snippet with the words found in 【】.
func snippet(ps []search.Piece) string {
	var b strings.Builder
	for _, p := range ps {
		if p.Match {
			b.WriteString("【" + p.Text + "】")
		} else {
			b.WriteString(p.Text)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
