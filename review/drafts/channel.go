package drafts

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"shenfa/review/account"
	"shenfa/review/audit"
)

// Channel is a publication channel of the unit (发布渠道): a 公众号, 微博,
// 抖音号 … Every draft belongs to one.
type Channel struct {
	ID       int64
	Name     string // e.g. “某某发布”
	Platform string // 微信公众号, 微博, 抖音, 头条号, 网站, 客户端 …
	Unit     string // the owner unit
}

// Audit actions of the workflow.
const (
	ActionChannelAdd    = "channel.add"
	ActionDraftCreate   = "draft.create"
	ActionDraftRevise   = "draft.revise"
	ActionDraftSubmit   = "draft.submit"
	ActionDraftWithdraw = "draft.withdraw"
	ActionSignOff       = "draft.signoff"
	ActionDraftReturn   = "draft.return"
	ActionDelegate      = "draft.delegate"
	ActionAnswer        = "draft.answer"
	ActionPublish       = "draft.publish"
	ActionComment       = "draft.comment"
	ActionResolve       = "draft.resolve"
	ActionVerify        = "draft.verify"
)

// AddChannel creates a channel (secadmin).
func (s *Store) AddChannel(ctx context.Context, sess *account.Session, c Channel) (int64, error) {
	c.Name, c.Platform, c.Unit = strings.TrimSpace(c.Name), strings.TrimSpace(c.Platform), strings.TrimSpace(c.Unit)
	if c.Name == "" || c.Platform == "" || c.Unit == "" {
		return 0, ErrBadDraft
	}
	var id int64
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := account.Authorize(ctx, tx, sess, account.ManageChannels); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM channels WHERE name = ?`, c.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrChannelTaken
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO channels(name, platform, unit, created_at) VALUES(?, ?, ?, ?)`,
			c.Name, c.Platform, c.Unit, s.stamp())
		if err != nil {
			return fmt.Errorf("add channel %s: %w", c.Name, err)
		}
		id, _ = res.LastInsertId()
		_, err = audit.Append(ctx, tx, audit.Event{Actor: sess.User.Name, Action: ActionChannelAdd,
			Target: c.Name, Detail: c.Platform + " · " + c.Unit})
		return err
	})
	return id, err
}

// Channels lists every channel by name.
func (s *Store) Channels(ctx context.Context) ([]Channel, error) {
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT id, name, platform, unit FROM channels ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list channels: %w", err)
	}
	defer rows.Close()
	var cs []Channel
	for rows.Next() {
		var c Channel
		if err := rows.Scan(&c.ID, &c.Name, &c.Platform, &c.Unit); err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, rows.Err()
}

// Channel returns one channel.
func (s *Store) Channel(ctx context.Context, id int64) (Channel, error) {
	c := Channel{ID: id}
	err := s.db.SQL.QueryRowContext(ctx, `SELECT name, platform, unit FROM channels WHERE id = ?`, id).
		Scan(&c.Name, &c.Platform, &c.Unit)
	if err == sql.ErrNoRows {
		return c, ErrNoChannel
	}
	return c, err
}
