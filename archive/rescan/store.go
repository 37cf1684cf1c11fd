package rescan

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"shenfa/review/account"
	"shenfa/review/workspace"
)

// ErrNoReport reports a re-scan report id that names none.
var ErrNoReport = errors.New("no such re-scan report")

// canRead reports whether the user may read re-scan reports: archivists and
// readers of the archive.
func canRead(sess *account.Session) bool {
	return sess != nil && (sess.User.Can(account.ManageArchive) || sess.User.Can(account.ReadArchive))
}

// List returns the stored re-scan reports, newest first, without their
// results.
func List(ctx context.Context, db *workspace.DB, sess *account.Session) ([]Report, error) {
	if !canRead(sess) {
		return nil, account.ErrForbidden
	}
	rows, err := db.SQL.QueryContext(ctx, `SELECT id, started_at, finished_at, by_user, lexicons, checked, flagged, block, warn
		FROM rescan_reports ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list re-scan reports: %w", err)
	}
	defer rows.Close()
	var out []Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Get returns one stored report with its results (0: the newest).
func Get(ctx context.Context, db *workspace.DB, sess *account.Session, id int64) (*Report, error) {
	if !canRead(sess) {
		return nil, account.ErrForbidden
	}
	q := `SELECT id, started_at, finished_at, by_user, lexicons, checked, flagged, block, warn FROM rescan_reports `
	var row *sql.Row
	if id == 0 {
		row = db.SQL.QueryRowContext(ctx, q+`ORDER BY id DESC LIMIT 1`)
	} else {
		row = db.SQL.QueryRowContext(ctx, q+`WHERE id = ?`, id)
	}
	r, err := scanReport(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoReport
	}
	if err != nil {
		return nil, err
	}
	rows, err := db.SQL.QueryContext(ctx, `SELECT record_id, code, title, block, warn, findings FROM rescan_results
		WHERE report_id = ? ORDER BY record_id`, r.ID)
	if err != nil {
		return nil, fmt.Errorf("re-scan report %d: %w", r.ID, err)
	}
	defer rows.Close()
	r.Results = []Result{}
	for rows.Next() {
		var res Result
		var fs string
		if err := rows.Scan(&res.RecordID, &res.Code, &res.Title, &res.Block, &res.Warn, &fs); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(fs), &res.Findings); err != nil {
			return nil, fmt.Errorf("re-scan report %d, record %d: %w", r.ID, res.RecordID, err)
		}
		r.Results = append(r.Results, res)
	}
	return &r, rows.Err()
}

type scanner interface{ Scan(dest ...any) error }

func scanReport(s scanner) (Report, error) {
	var r Report
	var started, finished, lex string
	if err := s.Scan(&r.ID, &started, &finished, &r.By, &lex, &r.Checked, &r.Flagged, &r.Block, &r.Warn); err != nil {
		return r, err
	}
	r.Started, _ = time.Parse(time.RFC3339Nano, started)
	r.Finished, _ = time.Parse(time.RFC3339Nano, finished)
	if err := json.Unmarshal([]byte(lex), &r.Lexicons); err != nil {
		return r, fmt.Errorf("re-scan report %d: lexicons: %w", r.ID, err)
	}
	return r, nil
}
