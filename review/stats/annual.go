package stats

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"

	"shenfa/review/account"
	"shenfa/review/policy"
)

// Annual is the figures of the 政府网站与政务新媒体工作年度报表 for one year:
// one row per channel and the unit's total.
type Annual struct {
	Year     int
	Grades   []policy.Grade // the grades of the policy in force, then any others the year used
	Workload Workload
}

// Annual computes the year's figures, for every channel or the named one.
func (s *Store) Annual(ctx context.Context, sess *account.Session, year int, channel string) (Annual, error) {
	if year < 1 || year > 9999 {
		return Annual{}, fmt.Errorf("%w: %d", ErrBadPeriod, year)
	}
	w, err := s.Workload(ctx, sess, Year(year), channel)
	if err != nil {
		return Annual{}, err
	}
	p, err := s.policy(ctx, 0)
	if err != nil {
		return Annual{}, err
	}
	a := Annual{Year: year, Grades: slices.Clone(p.Grades), Workload: w}
	for g := range w.Total.ByGrade {
		if !slices.ContainsFunc(a.Grades, func(x policy.Grade) bool { return x.ID == g }) {
			a.Grades = append(a.Grades, policy.Grade{ID: g, Label: g})
		}
	}
	return a, nil
}

// CSV columns of the 年度报表, by key; WriteCSV asks for their headings.
var CSVColumns = []string{"channel", "platform", "unit", "published", "original", "repost", "grades",
	"submitted", "approved", "returned", "refused", "to_approval_median_hours", "to_approval_p90_hours"}

// WriteCSV writes the year's table: a heading row, one row per channel and
// the total. heading gives a column's heading from its key (one of
// CSVColumns, or "grade" with the grade's label for each grade's column)
// and the total row's name from "total".
func (a Annual) WriteCSV(out io.Writer, heading func(key, arg string) string) error {
	w := csv.NewWriter(out)
	var head []string
	for _, c := range CSVColumns {
		if c != "grades" {
			head = append(head, heading(c, ""))
			continue
		}
		for _, g := range a.Grades {
			head = append(head, heading("grade", g.Label))
		}
	}
	if err := w.Write(head); err != nil {
		return err
	}
	for _, ch := range a.Workload.Channels {
		if err := w.Write(a.row(ch.Channel.Name, ch.Channel.Platform, ch.Channel.Unit, ch.Work)); err != nil {
			return err
		}
	}
	if err := w.Write(a.row(heading("total", ""), "", "", a.Workload.Total)); err != nil {
		return err
	}
	w.Flush()
	return w.Error()
}

func (a Annual) row(name, platform, unit string, w Work) []string {
	r := []string{csvSafe(name), csvSafe(platform), csvSafe(unit), strconv.Itoa(w.Published),
		strconv.Itoa(w.Original), strconv.Itoa(w.Repost)}
	for _, g := range a.Grades {
		r = append(r, strconv.Itoa(w.ByGrade[g.ID]))
	}
	r = append(r, strconv.Itoa(w.Submitted), strconv.Itoa(w.Approved), strconv.Itoa(w.Returned), strconv.Itoa(w.Refused))
	if w.ToApproval.Count == 0 {
		return append(r, "", "") // nothing approved: no wait to tell
	}
	return append(r, Hours(w.ToApproval.Median), Hours(w.ToApproval.P90))
}

// csvSafe keeps a spreadsheet from reading a channel name as a formula.
func csvSafe(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}
