package drafts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"shenfa/review/account"
	"shenfa/review/diff"
)

// Comment is a 批注 on a span of a version, with its replies.
type Comment struct {
	ID         int64
	Draft      int64
	Parent     int64 // 0 for a thread's first comment
	Version    int   // the version it was made on
	Start, End int   // code points in the version it is shown on
	Quote      string
	Body       string
	Must       bool // 必须处理: approval waits until it is resolved
	Author     string
	AuthorName string
	CreatedAt  time.Time
	ResolvedBy string
	ResolvedAt time.Time
	// Changed is set when the commented text was changed in the version the
	// comment is shown on: the comment is listed, not placed.
	Changed bool
	Replies []Comment
}

// Comment errors.
var (
	ErrNoComment     = errors.New("no such comment")
	ErrCommentSpan   = errors.New("the comment's span is not in the text")
	ErrEmptyComment  = errors.New("a comment needs some text")
	ErrNotOpener     = errors.New("only the one who opened a comment resolves it")
	ErrMayNotComment = errors.New("only the draft's author and its approvers comment on it")
)

// AddComment opens a thread on text[start:end] of a version (approvers,
// and the author). Only an approver can mark it 必须处理.
func (s *Store) AddComment(ctx context.Context, sess *account.Session, draft int64, version, start, end int, body string, must bool) (int64, error) {
	body = strings.TrimSpace(body)
	if body == "" {
		return 0, ErrEmptyComment
	}
	var id int64
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		d, u, err := s.loadFor(ctx, tx, sess, draft)
		if err != nil {
			return err
		}
		reviewer := isReviewer(u)
		if !reviewer && u.ID != d.AuthorID {
			return ErrMayNotComment
		}
		v, err := loadVersion(ctx, tx, draft, version)
		if err != nil {
			return err
		}
		text := []rune(v.Text)
		if start < 0 || end < start || end > len(text) {
			return ErrCommentSpan
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO comments(draft_id, version, start_at, end_at, quote, body, must,
			author_id, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)`, draft, version, start, end, string(text[start:end]),
			body, must && reviewer, u.ID, s.stamp())
		if err != nil {
			return fmt.Errorf("add comment: %w", err)
		}
		id, _ = res.LastInsertId()
		return s.record(ctx, tx, u, ActionComment, draft, fmt.Sprintf("comment %d on v%d [%d,%d) must=%v", id, version, start, end, must && reviewer))
	})
	return id, err
}

func isReviewer(u account.User) bool {
	for _, s := range []Step{Tier1, Tier2, Tier3, Secrecy} {
		if u.Can(s.Permission()) {
			return true
		}
	}
	return false
}

// Reply answers a thread.
func (s *Store) Reply(ctx context.Context, sess *account.Session, parent int64, body string) (int64, error) {
	body = strings.TrimSpace(body)
	if body == "" {
		return 0, ErrEmptyComment
	}
	var id int64
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var draft int64
		var version int
		var top int64
		err := tx.QueryRowContext(ctx, `SELECT draft_id, version, parent_id FROM comments WHERE id = ?`, parent).Scan(&draft, &version, &top)
		if err == sql.ErrNoRows {
			return ErrNoComment
		}
		if err != nil {
			return err
		}
		if top != 0 {
			parent = top // replies thread under the first comment
		}
		d, u, err := s.loadFor(ctx, tx, sess, draft)
		if err != nil {
			return err
		}
		if !isReviewer(u) && u.ID != d.AuthorID {
			return ErrMayNotComment
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO comments(draft_id, parent_id, version, body, author_id, created_at)
			VALUES(?, ?, ?, ?, ?, ?)`, draft, parent, version, body, u.ID, s.stamp())
		if err != nil {
			return fmt.Errorf("reply: %w", err)
		}
		id, _ = res.LastInsertId()
		return s.record(ctx, tx, u, ActionComment, draft, fmt.Sprintf("reply %d to comment %d", id, parent))
	})
	return id, err
}

// Resolve closes a thread (its opener only).
func (s *Store) Resolve(ctx context.Context, sess *account.Session, id int64) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var draft, author, parent int64
		var resolved string
		err := tx.QueryRowContext(ctx, `SELECT draft_id, author_id, parent_id, resolved_at FROM comments WHERE id = ?`, id).
			Scan(&draft, &author, &parent, &resolved)
		if err == sql.ErrNoRows || err == nil && parent != 0 {
			return ErrNoComment
		}
		if err != nil {
			return err
		}
		_, u, err := s.loadFor(ctx, tx, sess, draft)
		if err != nil {
			return err
		}
		if u.ID != author {
			return ErrNotOpener
		}
		if resolved != "" {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE comments SET resolved_by = ?, resolved_at = ? WHERE id = ?`, u.ID, s.stamp(), id); err != nil {
			return fmt.Errorf("resolve comment %d: %w", id, err)
		}
		return s.record(ctx, tx, u, ActionResolve, draft, fmt.Sprintf("comment %d", id))
	})
}

// carryComments anchors the open threads of version from on version to,
// at the place the diff maps them to, or as changed when their text was.
func carryComments(ctx context.Context, tx *sql.Tx, draft int64, from int, oldText, newText string, to int) error {
	anchors, err := openAnchors(ctx, tx, draft, from)
	if err != nil || len(anchors) == 0 {
		return err
	}
	r := diff.Compute(oldText, newText)
	for _, a := range anchors {
		start, end, ok := r.MapRange(a.start, a.end)
		if !ok {
			start, _ = r.MapOffset(a.start)
			end = start
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO comment_anchors(comment_id, version, start_at, end_at, changed)
			VALUES(?, ?, ?, ?, ?)`, a.id, to, start, end, !ok || a.changed)
		if err != nil {
			return fmt.Errorf("carry comment %d to v%d: %w", a.id, to, err)
		}
	}
	return nil
}

type anchor struct {
	id         int64
	start, end int
	changed    bool
}

// openAnchors returns where the open threads of a draft sit on a version.
func openAnchors(ctx context.Context, q Querier, draft int64, version int) ([]anchor, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.start_at, c.end_at, 0 FROM comments c
		WHERE c.draft_id = ? AND c.parent_id = 0 AND c.resolved_at = '' AND c.version = ?
		UNION ALL SELECT a.comment_id, a.start_at, a.end_at, a.changed FROM comment_anchors a
		JOIN comments c ON c.id = a.comment_id WHERE c.draft_id = ? AND c.resolved_at = '' AND a.version = ?`,
		draft, version, draft, version)
	if err != nil {
		return nil, fmt.Errorf("comments of draft %d: %w", draft, err)
	}
	defer rows.Close()
	var as []anchor
	for rows.Next() {
		var a anchor
		if err := rows.Scan(&a.id, &a.start, &a.end, &a.changed); err != nil {
			return nil, err
		}
		as = append(as, a)
	}
	return as, rows.Err()
}

// Comments lists the threads shown on a version: those made on it and the
// open ones carried to it, oldest first, each with its replies.
func (s *Store) Comments(ctx context.Context, draft int64, version int) ([]Comment, error) {
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT c.id, c.parent_id, c.version, coalesce(a.start_at, c.start_at),
		coalesce(a.end_at, c.end_at), c.quote, c.body, c.must, u.name, u.full_name, c.created_at,
		coalesce(r.name, ''), c.resolved_at, coalesce(a.changed, 0)
		FROM comments c JOIN users u ON u.id = c.author_id LEFT JOIN users r ON r.id = c.resolved_by
		LEFT JOIN comment_anchors a ON a.comment_id = c.id AND a.version = ?
		WHERE c.draft_id = ? AND (c.parent_id <> 0 OR c.version = ? OR a.version IS NOT NULL) ORDER BY c.id`,
		version, draft, version)
	if err != nil {
		return nil, fmt.Errorf("comments of draft %d: %w", draft, err)
	}
	defer rows.Close()
	var threads []Comment
	index := map[int64]int{}
	for rows.Next() {
		var c Comment
		var created, resolved string
		if err := rows.Scan(&c.ID, &c.Parent, &c.Version, &c.Start, &c.End, &c.Quote, &c.Body, &c.Must, &c.Author,
			&c.AuthorName, &created, &c.ResolvedBy, &resolved, &c.Changed); err != nil {
			return nil, err
		}
		c.Draft = draft
		c.CreatedAt, _ = time.Parse(timeFormat, created)
		c.ResolvedAt, _ = time.Parse(timeFormat, resolved)
		if c.Parent == 0 {
			index[c.ID] = len(threads)
			threads = append(threads, c)
		} else if i, ok := index[c.Parent]; ok {
			threads[i].Replies = append(threads[i].Replies, c)
		}
	}
	return threads, rows.Err()
}
