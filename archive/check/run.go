package check

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"shenfa/review/account"
	"shenfa/review/audit"
)

// Progress is told, after each record, how many of total are done. It is
// called from one goroutine at a time.
type Progress func(done, total int)

// Verify runs the 四性检测 on the records named by number or 档号 (every
// record when refs is empty) for a reader of the archive, and records the
// run in the audit trail. Readers may verify as well as archivists: the
// checks change nothing and their result is what the record page shows.
// A cancelled run returns ctx's error with the records done so far and
// records nothing.
func (c *Checker) Verify(ctx context.Context, sess *account.Session, refs []string, progress Progress) (*Report, error) {
	if sess == nil || !(sess.User.Can(account.ManageArchive) || sess.User.Can(account.ReadArchive)) {
		return nil, account.ErrForbidden
	}
	ids, err := c.Resolve(ctx, refs...)
	if err != nil {
		return nil, err
	}
	rep, err := c.Run(ctx, ids, progress)
	if err != nil {
		return rep, err
	}
	rep.By = sess.User.Name
	target, detail := "archive", summary(rep)
	if len(refs) > 0 {
		codes := make([]string, len(rep.Records))
		for i, r := range rep.Records {
			codes[i] = r.Code
		}
		target = strings.Join(codes, " ")
	}
	err = c.ws.Write(ctx, func(tx *sql.Tx) error {
		u, err := account.Authorize(ctx, tx, sess, account.ReadArchive)
		if err != nil {
			if u, err = account.Authorize(ctx, tx, sess, account.ManageArchive); err != nil {
				return err
			}
		}
		_, err = audit.Append(ctx, tx, audit.Event{Actor: u.Name, Action: ActionVerify, Target: target, Detail: detail})
		return err
	})
	return rep, err
}

func summary(r *Report) string {
	return fmt.Sprintf("%d records: %s, pass %d warn %d fail %d skipped %d", len(r.Records), r.Status,
		r.Counts[Pass], r.Counts[Warn], r.Counts[Fail], r.Counts[Skipped])
}

// Run checks the records ids (every record when ids is empty) and the
// workspace, on all cores, without authorisation or audit row: Verify is
// the entry point for people.
func (c *Checker) Run(ctx context.Context, ids []int64, progress Progress) (*Report, error) {
	rep := &Report{Started: c.now()}
	if len(ids) == 0 {
		var err error
		if ids, err = c.allIDs(ctx); err != nil {
			return nil, err
		}
	}
	t, err := c.loadTrail(ctx)
	if err != nil {
		return nil, err
	}
	rep.Records = make([]RecordReport, len(ids))
	errs := make([]error, len(ids))
	jobs := make(chan int)
	done := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.NumCPU(), max(1, len(ids))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				rep.Records[i], errs[i] = c.record(ctx, ids[i], t)
				done <- i
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range ids {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(done) }()
	n := 0
	for range done {
		if n++; progress != nil {
			progress(n, len(ids))
		}
	}
	if err := ctx.Err(); err != nil {
		rep.Records = rep.Records[:0]
		return rep, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	rep.Workspace = []Item{c.backup(ctx, t), trailItem(t)}
	rep.Finished = c.now()
	rep.tally()
	return rep, nil
}

// Record checks one record, without authorisation or audit row.
func (c *Checker) Record(ctx context.Context, id int64) (RecordReport, error) {
	t, err := c.loadTrail(ctx)
	if err != nil {
		return RecordReport{}, err
	}
	return c.record(ctx, id, t)
}

// record checks one record against the run's audit trail t.
func (c *Checker) record(ctx context.Context, id int64, t *trail) (RecordReport, error) {
	s, err := c.load(ctx, id)
	if err != nil {
		return RecordReport{}, err
	}
	pdf := newPDFRun(c.tools, s.PDF)
	defer pdf.close()
	var is items
	c.authenticity(ctx, s, t, pdf, &is)
	c.integrity(ctx, s, &is)
	c.usability(ctx, s, pdf, &is)
	c.security(s, t, pdf, &is)
	rr := RecordReport{ID: s.ID, Code: s.Code, Title: s.Title, Status: Pass, Items: is}
	for _, it := range is {
		rr.Status = worse(rr.Status, it.Status)
	}
	return rr, nil
}

// trailItem is the audit chain as a whole, past the last sealing too.
func trailItem(t *trail) Item {
	it := Item{ID: string(Authenticity) + ".audit-trail", Property: Authenticity, Name: "审计链（全部）"}
	if t.verify.OK {
		it.Status, it.Detail = Pass, fmt.Sprintf("审计链 %d 条记录首尾相接，哈希均正确。", t.verify.Rows)
	} else {
		it.Status, it.Detail = Fail, fmt.Sprintf("审计链在第 %d 条处断开：%s。", t.verify.FirstBad, t.verify.Reason)
	}
	return it
}
