// Package rescan is the 回头看 of the archive: when the lexicons change, it
// checks the final text of every sealed record again with the current
// checker, on all cores, and keeps a report of the records that now have
// block or warn findings they did not have when they were sealed, each with
// its record id and 档号. Records are only read; the report is stored in
// tables that, like the records, refuse to be changed or removed.
package rescan

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/review/drafts"
	"shenfa/review/workspace"
	"shenfa/sensitive"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

// ActionRescan is the audit action of a stored re-scan.
const ActionRescan = "archive.rescan"

// Schema creates the re-scan tables; it belongs in a workspace migration
// after the archive's. A report and its results are written once, in the
// transaction of the audit row, and never changed.
const Schema = `
CREATE TABLE rescan_reports (
	id          INTEGER PRIMARY KEY,
	started_at  TEXT NOT NULL,
	finished_at TEXT NOT NULL,
	by_user     TEXT NOT NULL,
	lexicons    TEXT NOT NULL,
	checked     INTEGER NOT NULL,
	flagged     INTEGER NOT NULL,
	block       INTEGER NOT NULL,
	warn        INTEGER NOT NULL
);
CREATE TABLE rescan_results (
	report_id INTEGER NOT NULL REFERENCES rescan_reports(id),
	record_id INTEGER NOT NULL REFERENCES records(id),
	code      TEXT NOT NULL,
	title     TEXT NOT NULL,
	block     INTEGER NOT NULL,
	warn      INTEGER NOT NULL,
	findings  TEXT NOT NULL,
	PRIMARY KEY (report_id, record_id)
);
CREATE TRIGGER rescan_reports_no_update BEFORE UPDATE ON rescan_reports
BEGIN SELECT RAISE(ABORT, 're-scan reports cannot be changed'); END;
CREATE TRIGGER rescan_reports_no_delete BEFORE DELETE ON rescan_reports
BEGIN SELECT RAISE(ABORT, 're-scan reports cannot be deleted'); END;
CREATE TRIGGER rescan_results_no_update BEFORE UPDATE ON rescan_results
BEGIN SELECT RAISE(ABORT, 're-scan reports cannot be changed'); END;
CREATE TRIGGER rescan_results_no_delete BEFORE DELETE ON rescan_results
BEGIN SELECT RAISE(ABORT, 're-scan reports cannot be deleted'); END;
`

// Checker checks a text with a fixed set of lexicons; *sensitive.Checker
// (the workspace's current one, review.Workspace.Checker) is one. CheckAt
// reads the text on the day now: the re-scan passes the day the record was
// sealed, so that a date written without a year is read in that year.
type Checker interface {
	CheckAt(text string, now time.Time) sensitive.Result
	Versions() []lexicon.Version
}

// Result is a record that now has block or warn findings.
type Result struct {
	RecordID int64               `json:"record_id"`
	Code     string              `json:"code"` // 档号
	Title    string              `json:"title"`
	Block    int                 `json:"block"`
	Warn     int                 `json:"warn"`
	Findings []sensitive.Finding `json:"findings"` // the new block and warn findings, in text order
}

// Report is one re-scan.
type Report struct {
	ID       int64             `json:"id"`
	Started  time.Time         `json:"started"`
	Finished time.Time         `json:"finished"`
	By       string            `json:"by"`
	Lexicons []lexicon.Version `json:"lexicons"`
	Checked  int               `json:"checked"` // records checked
	Flagged  int               `json:"flagged"` // records with new block or warn findings
	Block    int               `json:"block"`   // new block findings in all
	Warn     int               `json:"warn"`
	Results  []Result          `json:"results"` // by record id
}

// Options tune a run.
type Options struct {
	Workers  int                   // 0 means runtime.NumCPU()
	Progress func(done, total int) // after each record, from one goroutine at a time
	Now      func() time.Time      // nil means time.Now
	// Model re-runs the statistical typo model too. It belongs to the
	// program and does not change with the lexicons, and it is three
	// quarters of a check's cost, so a re-scan after a lexicon change
	// leaves it out unless asked (after upgrading Shenfa, say).
	Model bool
}

// modelFree is a checker that can leave the typo model out (sensitive.Checker).
type modelFree interface {
	WithoutModel() *sensitive.Checker
}

// Run re-checks every record with c and stores the report (archivist).
// A cancelled run stores nothing and returns ctx's error.
func Run(ctx context.Context, db *workspace.DB, sess *account.Session, c Checker, opt Options) (*Report, error) {
	if sess == nil || !sess.User.Can(account.ManageArchive) {
		return nil, account.ErrForbidden
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	if m, ok := c.(modelFree); ok && !opt.Model {
		c = m.WithoutModel()
	}
	rep := &Report{Started: now().UTC(), By: sess.User.Name, Lexicons: c.Versions(), Results: []Result{}}
	if err := scan(ctx, db.SQL, c, opt, rep); err != nil {
		return nil, err
	}
	rep.Finished = now().UTC()
	if err := store(ctx, db, sess, rep); err != nil {
		return nil, err
	}
	return rep, nil
}

type job struct {
	id     int64
	text   string
	sealed time.Time // the day the record is re-checked as of
}

// scan runs the worker pool: one reader streams the texts, the workers
// check them, and the caller's goroutine gathers results and progress.
func scan(ctx context.Context, q *sql.DB, c Checker, opt Options, rep *Report) error {
	var total int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM records`).Scan(&total); err != nil {
		return fmt.Errorf("re-scan: count records: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	jobs := make(chan job, 4*workers)
	out := make(chan *Result, 4*workers)
	errc := make(chan error, workers+1)
	go func() {
		defer close(jobs)
		if err := read(ctx, q, jobs); err != nil {
			errc <- err
			cancel()
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r, err := recheck(ctx, q, c, j)
				if err != nil {
					errc <- err
					cancel()
					return
				}
				select {
				case out <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	for r := range out {
		rep.Checked++
		if r != nil {
			rep.Results = append(rep.Results, *r)
		}
		if opt.Progress != nil {
			opt.Progress(rep.Checked, total)
		}
	}
	select {
	case err := <-errc:
		return err
	default:
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	sort.Slice(rep.Results, func(i, j int) bool { return rep.Results[i].RecordID < rep.Results[j].RecordID })
	for _, r := range rep.Results {
		rep.Flagged++
		rep.Block += r.Block
		rep.Warn += r.Warn
	}
	return nil
}

// read streams every record's final text and sealing time, oldest first.
func read(ctx context.Context, q *sql.DB, jobs chan<- job) error {
	rows, err := q.QueryContext(ctx, `SELECT id, text, sealed_at FROM records ORDER BY id`)
	if err != nil {
		return fmt.Errorf("re-scan: read records: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var j job
		var sealed string
		if err := rows.Scan(&j.id, &j.text, &sealed); err != nil {
			return fmt.Errorf("re-scan: read records: %w", err)
		}
		if j.sealed, err = time.Parse(time.RFC3339, sealed); err != nil {
			return fmt.Errorf("re-scan: record %d: sealing time %q: %w", j.id, sealed, err)
		}
		select {
		case jobs <- j:
		case <-ctx.Done():
			return nil
		}
	}
	if err := rows.Err(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("re-scan: read records: %w", err)
	}
	return nil
}

// sealedFinding is what the comparison needs of a finding the record was
// sealed with.
type sealedFinding struct {
	ID       string           `json:"id"`
	Severity finding.Severity `json:"severity"`
}

// recheck checks one record; nil means no new block or warn finding. The
// findings the record was sealed with are read only when needed: most
// texts have no block or warn finding at all.
func recheck(ctx context.Context, q *sql.DB, c Checker, j job) (*Result, error) {
	var fresh []sensitive.Finding
	// The sealing day as the unit's clock read it, not UTC's.
	for _, f := range c.CheckAt(j.text, j.sealed.Local()).Findings {
		if f.Severity == finding.Block || f.Severity == finding.Warn {
			fresh = append(fresh, f)
		}
	}
	if len(fresh) == 0 {
		return nil, nil
	}
	var raw sql.NullString
	r := &Result{RecordID: j.id}
	err := q.QueryRowContext(ctx, `SELECT code, title, json_extract(manifest, '$.findings') FROM records WHERE id = ?`,
		j.id).Scan(&r.Code, &r.Title, &raw)
	if err != nil {
		return nil, fmt.Errorf("re-scan: record %d: %w", j.id, err)
	}
	var sealed []sealedFinding
	if raw.Valid && raw.String != "" {
		if err := json.Unmarshal([]byte(raw.String), &sealed); err != nil {
			return nil, fmt.Errorf("re-scan: record %d: findings at sealing: %w", j.id, err)
		}
	}
	had := map[string]finding.Severity{}
	for _, f := range sealed {
		had[f.ID] = f.Severity
	}
	for _, f := range fresh {
		if old, ok := had[drafts.FindingID(f)]; ok && old.Rank() >= f.Severity.Rank() {
			continue // known when it was approved, and dealt with then
		}
		r.Findings = append(r.Findings, f)
		if f.Severity == finding.Block {
			r.Block++
		} else {
			r.Warn++
		}
	}
	if len(r.Findings) == 0 {
		return nil, nil
	}
	return r, nil
}

// store writes the report and its audit row in one transaction.
func store(ctx context.Context, db *workspace.DB, sess *account.Session, rep *Report) error {
	lex, err := json.Marshal(rep.Lexicons)
	if err != nil {
		return err
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		u, err := account.Authorize(ctx, tx, sess, account.ManageArchive)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO rescan_reports(started_at, finished_at, by_user, lexicons, checked,
			flagged, block, warn) VALUES(?, ?, ?, ?, ?, ?, ?, ?)`, rep.Started.Format(time.RFC3339Nano),
			rep.Finished.Format(time.RFC3339Nano), u.Name, string(lex), rep.Checked, rep.Flagged, rep.Block, rep.Warn)
		if err != nil {
			return fmt.Errorf("store re-scan report: %w", err)
		}
		if rep.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		for _, r := range rep.Results {
			fs, err := json.Marshal(r.Findings)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO rescan_results(report_id, record_id, code, title, block, warn, findings)
				VALUES(?, ?, ?, ?, ?, ?, ?)`, rep.ID, r.RecordID, r.Code, r.Title, r.Block, r.Warn, string(fs)); err != nil {
				return fmt.Errorf("store re-scan report: %w", err)
			}
		}
		_, err = audit.Append(ctx, tx, audit.Event{Actor: u.Name, Action: ActionRescan, Target: fmt.Sprintf("rescan %d", rep.ID),
			Detail: fmt.Sprintf("checked %d records, %d flagged (block %d, warn %d); lexicons %s", rep.Checked, rep.Flagged,
				rep.Block, rep.Warn, lexiconList(rep.Lexicons))})
		return err
	})
}

func lexiconList(ls []lexicon.Version) string {
	s := ""
	for i, l := range ls {
		if i > 0 {
			s += ", "
		}
		s += l.Name + "@" + l.Version
	}
	return s
}
