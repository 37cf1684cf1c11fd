package audit

import (
	"context"
	"fmt"
	"time"
)

// Report is the outcome of Verify.
type Report struct {
	Rows     int    // rows in the trail
	OK       bool   // every row checks out
	FirstBad int64  // seq of the first row that fails; meaningful only when !OK
	Reason   string // why that row fails, e.g. "hash mismatch"
	Head     string // hash of the last row, Genesis when the trail is empty
}

// Verify walks the trail in seq order and reports the first row that was
// changed, or follows a removed row, or was inserted outside Append.
// Rows removed from the end go unnoticed by the chain alone: compare Head
// with a head recorded elsewhere to catch that.
func Verify(ctx context.Context, q Querier) (Report, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, at, actor, action, target, detail, prev, hash
		FROM audit ORDER BY seq`)
	if err != nil {
		return Report{}, fmt.Errorf("verify audit: %w", err)
	}
	defer rows.Close()
	rep := Report{OK: true, Head: Genesis}
	var lastSeq int64
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return Report{}, fmt.Errorf("verify audit: %w", err)
		}
		rep.Rows++
		if rep.OK {
			if reason := check(r, lastSeq, rep.Head); reason != "" {
				rep.OK, rep.FirstBad, rep.Reason = false, r.seq, reason
			}
		}
		lastSeq, rep.Head = r.seq, r.hash.String
	}
	if err := rows.Err(); err != nil {
		return Report{}, fmt.Errorf("verify audit: %w", err)
	}
	return rep, nil
}

// check returns why r cannot follow the row with seq lastSeq and hash
// prevHash, or "" when it can. Sequence and link come first because a
// removed row is the likelier story than a changed one when both fail.
func check(r row, lastSeq int64, prevHash string) string {
	switch {
	case r.seq < 1:
		return "unexpected row before genesis"
	case !r.valid():
		return "missing field"
	case r.seq > lastSeq+1:
		if r.seq == lastSeq+2 {
			return fmt.Sprintf("gap in sequence: row %d missing", lastSeq+1)
		}
		return fmt.Sprintf("gap in sequence: rows %d-%d missing", lastSeq+1, r.seq-1)
	case r.prev.String != prevHash:
		return "broken link to previous row"
	case r.hash.String != rowHash(r.seq, r.at.String, r.actor.String, r.action.String,
		r.target.String, r.detail.String, r.prev.String):
		return "hash mismatch"
	}
	if _, err := time.Parse(time.RFC3339Nano, r.at.String); err != nil {
		return "bad timestamp"
	}
	return ""
}
