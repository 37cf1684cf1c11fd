package stats

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"shenfa/review/policy"
)

// signedRange selects the sign-offs of [?1, ?2) in channel ?3 (0: all).
const signedRange = ` FROM stats_signoffs WHERE signed_at >= ?1 AND signed_at < ?2 AND (?3 = 0 OR channel_id = ?3) `

// signedQuery groups the sign-offs of the period in one pass, so that a
// year of them comes back as a few rows: per channel, signer and step (one
// person signs at most one step of a draft, so drafts add up across
// groups), with waits as lists of seconds and return opinions joined by
// the unit separator.
const signedQuery = `SELECT channel_id, signer_id, step, count(DISTINCT draft_id), count(*),
	total(decision IN ('return', 'redact')), total(decision = 'exempt'), total(decision = 'escalate'), total(approved),
	coalesce(group_concat(wait), ''), coalesce(group_concat(CASE WHEN approved THEN run END), ''),
	coalesce(group_concat(CASE WHEN decision IN ('return', 'redact') THEN opinion END, char(31)), '')` +
	signedRange + `GROUP BY 1, 2, 3`

// stepWaits are the waits at one step of one channel.
type stepWaits struct {
	channel int64
	step    policy.Step
	waits   []time.Duration
}

// decided is what one channel's sign-offs decided.
type decided struct {
	returned, refused, escalated, approved int
	runs                                   []time.Duration // first submission to approval
}

// reasonCount is how often one channel's returns gave one opinion.
type reasonCount struct {
	channel int64
	text    string
	n       int
}

// signerWork is one signer's sign-offs and waits.
type signerWork struct {
	Approver
	waits []time.Duration
}

// signedOf are the sign-offs of a period, grouped.
type signedOf struct {
	steps   []stepWaits
	decided map[int64]*decided
	reasons []reasonCount
	signers []signerWork
}

// signedIn groups the sign-offs of a period in channel (0: all).
func (s *Store) signedIn(ctx context.Context, p Period, channel int64) (signedOf, error) {
	a, b := p.bounds()
	out := signedOf{decided: map[int64]*decided{}}
	signers := map[int64]*signerWork{}
	err := s.each(ctx, signedQuery, []any{a, b, channel}, func(scan func(...any) error) error {
		var ch, signer int64
		var step, waits, runs, opinions string
		var drafted, count int
		var returned, refused, escalated, approved float64
		if err := scan(&ch, &signer, &step, &drafted, &count, &returned, &refused, &escalated, &approved, &waits, &runs,
			&opinions); err != nil {
			return err
		}
		ws := seconds(waits)
		out.steps = append(out.steps, stepWaits{ch, policy.Step(step), ws})
		d := out.decided[ch]
		if d == nil {
			d = &decided{}
			out.decided[ch] = d
		}
		d.returned += int(returned)
		d.refused += int(refused)
		d.escalated += int(escalated)
		d.approved += int(approved)
		d.runs = append(d.runs, seconds(runs)...)
		if opinions != "" {
			for _, o := range strings.Split(opinions, "\x1f") {
				out.reasons = append(out.reasons, reasonCount{ch, o, 1})
			}
		}
		sw := signers[signer]
		if sw == nil {
			sw = &signerWork{Approver: Approver{UserID: signer}}
			signers[signer] = sw
		}
		sw.Signed += drafted
		sw.SignOffs += count
		sw.Returns += int(returned)
		sw.waits = append(sw.waits, ws...)
		if !slices.Contains(sw.Steps, policy.Step(step)) {
			sw.Steps = append(sw.Steps, policy.Step(step))
		}
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("sign-offs of %s – %s: %w", p.From, p.To, err)
	}
	for _, sw := range signers {
		out.signers = append(out.signers, *sw)
	}
	return out, nil
}

// each runs q and calls row for every row.
func (s *Store) each(ctx context.Context, q string, args []any, row func(scan func(...any) error) error) error {
	rows, err := s.db.SQL.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// seconds reads a group_concat list of seconds.
func seconds(list string) []time.Duration {
	if list == "" {
		return nil
	}
	parts := strings.Split(list, ",")
	out := make([]time.Duration, 0, len(parts))
	for _, p := range parts {
		if n, err := strconv.ParseInt(p, 10, 64); err == nil {
			out = append(out, time.Duration(n)*time.Second)
		}
	}
	return out
}

// person is a signer's names.
type person struct{ name, fullName string }

func (s *Store) people(ctx context.Context) (map[int64]person, error) {
	out := map[int64]person{}
	err := s.each(ctx, `SELECT id, name, full_name FROM users`, nil, func(scan func(...any) error) error {
		var id int64
		var p person
		if err := scan(&id, &p.name, &p.fullName); err != nil {
			return err
		}
		out[id] = p
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	return out, nil
}

// submitted is a channel's submissions of the period.
type submitted struct {
	submissions, drafts, versions, chars int
}

// submittedQuery are the distinct versions submitted in [?1, ?2) in
// channel ?3 (0: all).
const submittedQuery = `WITH sub AS (SELECT DISTINCT draft_id, version, channel_id FROM stats_submits
	WHERE at >= ?1 AND at < ?2 AND (?3 = 0 OR channel_id = ?3)) `

// submittedIn counts the submissions of a period per channel.
func (s *Store) submittedIn(ctx context.Context, p Period, channel int64) (map[int64]*submitted, error) {
	a, b := p.bounds()
	out := map[int64]*submitted{}
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT channel_id, count(*), count(DISTINCT draft_id) FROM stats_submits
		WHERE at >= ?1 AND at < ?2 AND (?3 = 0 OR channel_id = ?3) GROUP BY 1`, a, b, channel)
	if err != nil {
		return nil, fmt.Errorf("submissions of %s – %s: %w", p.From, p.To, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c int64
		x := &submitted{}
		if err := rows.Scan(&c, &x.submissions, &x.drafts); err != nil {
			return nil, err
		}
		out[c] = x
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	vrows, err := s.db.SQL.QueryContext(ctx, submittedQuery+`SELECT sub.channel_id, count(*), coalesce(sum(v.chars), 0)
		FROM sub JOIN stats_versions v ON v.draft_id = sub.draft_id AND v.number = sub.version GROUP BY 1`, a, b, channel)
	if err != nil {
		return nil, fmt.Errorf("submitted versions: %w", err)
	}
	defer vrows.Close()
	for vrows.Next() {
		var c int64
		var n, chars int
		if err := vrows.Scan(&c, &n, &chars); err != nil {
			return nil, err
		}
		if x := out[c]; x != nil {
			x.versions, x.chars = n, chars
		}
	}
	return out, vrows.Err()
}

// counted is a count of one channel and category.
type counted struct {
	channel  int64
	category string
	n        int
}

// Per category and channel, findings (in the order of foundSubmitted …) in:
// the versions submitted in the period; the versions first submitted and
// finally approved of the approvals of the period; the versions returned in
// the period (one per return that had the category).
var findingQueries = [...]string{
	submittedQuery + `SELECT sub.channel_id, f.category, sum(f.n), 0, 0, 0 FROM sub
		JOIN stats_findings f ON f.draft_id = sub.draft_id AND f.number = sub.version GROUP BY 1, 2`,
	`SELECT channel_id, category, 0, total(first), total(final), total(returned) FROM stats_signoff_findings
	WHERE signed_at >= ?1 AND signed_at < ?2 AND (?3 = 0 OR channel_id = ?3) GROUP BY 1, 2`,
}

// The uses of findingQueries.
const (
	foundSubmitted = iota
	foundFirst
	foundApproved
	foundReturned
)

// findingsIn runs findingQueries for the period.
func (s *Store) findingsIn(ctx context.Context, p Period, channel int64) ([4][]counted, error) {
	a, b := p.bounds()
	var out [4][]counted
	for _, q := range findingQueries {
		err := s.each(ctx, q, []any{a, b, channel}, func(scan func(...any) error) error {
			var ch int64
			var cat string
			var n [4]float64
			if err := scan(&ch, &cat, &n[0], &n[1], &n[2], &n[3]); err != nil {
				return err
			}
			for i, v := range n {
				if v > 0 {
					out[i] = append(out[i], counted{ch, cat, int(v)})
				}
			}
			return nil
		})
		if err != nil {
			return out, fmt.Errorf("findings of %s – %s: %w", p.From, p.To, err)
		}
	}
	return out, nil
}

// waiver is the count of waivers of one category at one step.
type waiver struct {
	channel  int64
	step     policy.Step
	category string
	n        int
}

// waiversIn loads the waivers made at sign-offs of the period.
func (s *Store) waiversIn(ctx context.Context, p Period, channel int64) ([]waiver, error) {
	a, b := p.bounds()
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT s.channel_id, s.step, w.category, sum(w.n)
		FROM stats_signoffs s JOIN stats_waivers w ON w.signoff_id = s.signoff_id
		WHERE s.signed_at >= ?1 AND s.signed_at < ?2 AND (?3 = 0 OR s.channel_id = ?3) GROUP BY 1, 2, 3`, a, b, channel)
	if err != nil {
		return nil, fmt.Errorf("waivers: %w", err)
	}
	defer rows.Close()
	var out []waiver
	for rows.Next() {
		var w waiver
		if err := rows.Scan(&w.channel, &w.step, &w.category, &w.n); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// published is the count of one channel's publications of a kind and grade.
type published struct {
	kind, grade string
	n           int
}

// publishedIn counts a channel's publications in the period.
func (s *Store) publishedIn(ctx context.Context, p Period, channel int64) ([]published, error) {
	a, b := p.bounds()
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT kind, grade, count(*) FROM drafts
		WHERE channel_id = ? AND published_at >= ? AND published_at < ? GROUP BY 1, 2`, channel, a, b)
	if err != nil {
		return nil, fmt.Errorf("publications of channel %d: %w", channel, err)
	}
	defer rows.Close()
	var out []published
	for rows.Next() {
		var x published
		if err := rows.Scan(&x.kind, &x.grade, &x.n); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
