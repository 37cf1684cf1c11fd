package drafts

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
)

// bigWorkspace fills e with n drafts of five versions each, spread over the
// statuses and steps, written directly in one transaction.
func bigWorkspace(b *testing.B, e *env, n int) {
	b.Helper()
	ctx := context.Background()
	author := e.users["author"].User.ID
	statuses := []struct {
		status Status
		step   Step
	}{{InReview, Tier1}, {InReview, Tier2}, {InReview, Secrecy}, {InReview, Tier3}, {Returned, ""}, {Approved, ""}, {Published, ""}, {Editing, ""}}
	err := e.db.Write(ctx, func(tx *sql.Tx) error {
		for i := range n {
			st := statuses[i%len(statuses)]
			at := fmt.Sprintf("2026-%02d-%02dT%02d:00:00Z", 1+i%12, 1+i%28, i%24)
			res, err := tx.Exec(`INSERT INTO drafts(title, channel_id, grade, kind, author_id, planned_at, status, step,
				current_version, created_at, updated_at) VALUES(?, ?, 'B', 'original', ?, ?, ?, ?, 5, ?, ?)`,
				fmt.Sprintf("第%d号稿件：关于做好冬季安全生产工作的通知", i), e.ch, author, at, st.status, st.step, at, at)
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			for v := 1; v <= 5; v++ {
				if _, err := tx.Exec(`INSERT INTO versions(draft_id, number, author_id, created_at, text, file, file_name,
					report, check_result, text_sm3, file_sm3) VALUES(?, ?, ?, ?, ?, ?, 'a.txt', '{}', '{}', '', '')`,
					id, v, author, at, cleanText, []byte(cleanText)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkList: a page of the draft list among 10,000 drafts and 50,000
// versions; target under 20 ms.
func BenchmarkList(b *testing.B) {
	e := newEnv(b)
	bigWorkspace(b, e, 10_000)
	ctx := context.Background()
	for _, f := range []struct {
		name string
		f    Filter
	}{{"all", Filter{}}, {"status", Filter{Status: InReview}}, {"title", Filter{Title: "第42"}}, {"page100", Filter{Offset: 5000}}} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := e.s.List(ctx, e.users["head"], f.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkInbox: an approver's 待办 among 10,000 drafts; target under 20 ms.
func BenchmarkInbox(b *testing.B) {
	e := newEnv(b)
	bigWorkspace(b, e, 10_000)
	ctx := context.Background()
	for _, user := range []string{"editor", "author"} {
		b.Run(user, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := e.s.Inbox(ctx, e.users[user], 0, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSignOff: one 初审 sign-off with the key already unwrapped (the
// password's argon2 excluded); target under 20 ms.
func BenchmarkSignOff(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	sess := e.users["editor"]
	priv, kid, err := e.acc.SigningKey(ctx, sess, password)
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]int64, 0, 64)
	for b.Loop() {
		b.StopTimer()
		if len(ids) == 0 {
			for range 16 {
				id := e.create("author", "B", cleanText)
				e.submit("author", id)
				ids = append(ids, id)
			}
		}
		id := ids[0]
		ids = ids[1:]
		b.StartTimer()
		if _, err := e.s.SignWith(ctx, sess, Key{priv, kid}, SignRequest{Draft: id, Version: 1, Step: Tier1,
			Decision: Approve, Opinion: "同意。"}); err != nil {
			b.Fatal(err)
		}
	}
}
