// Package annualpdf writes the figures of the 政府网站与政务新媒体工作年度报表
// (review/stats.Annual) as a PDF table that a unit can print, sign and file:
// one column per channel and the total, one row per figure, set by
// archive/recordpdf with the same embedded fonts, cells and PDF/A
// post-process as the archive's records.
package annualpdf

import (
	"strconv"
	"time"

	"shenfa/archive/recordpdf"
	"shenfa/review/stats"
)

// Label gives the report's words in the user's language. Its keys are
// stats.CSVColumns (and "grade" with the grade's label as arg, "total"),
// the same headings as the CSV, and these:
//
//	title      the report's title; arg is the year
//	unit_line  the 填报单位 line; arg is the unit
//	period     the period line; arg is the year
//	item       the heading over the row labels
//	publishing the band over the publication figures
//	review     the band over the review figures
//	footer     every page's footer; arg is the year
//	page       the page number's format, with two %d
//	note       the note under the table
type Label func(key, arg string) string

// Render writes the year's report. unit names the reporting unit (empty
// leaves its line out); created dates the file.
func Render(a stats.Annual, unit string, label Label, created time.Time) ([]byte, error) {
	year := strconv.Itoa(a.Year)
	s := recordpdf.Sheet{
		Title:   label("title", year),
		Head:    []string{label("item", "")},
		Footer:  label("footer", year),
		Page:    label("page", ""),
		Notes:   []string{label("note", "")},
		Author:  unit,
		Subject: label("title", year),
		Created: created,
	}
	if unit != "" {
		s.Lines = append(s.Lines, label("unit_line", unit))
	}
	s.Lines = append(s.Lines, label("period", year))
	cols := make([]column, 0, len(a.Workload.Channels)+1)
	for _, ch := range a.Workload.Channels {
		s.Head = append(s.Head, ch.Channel.Name)
		cols = append(cols, column{ch.Channel.Platform, ch.Channel.Unit, ch.Work})
	}
	s.Head = append(s.Head, label("total", ""))
	cols = append(cols, column{"", "", a.Workload.Total})
	s.Rows = rows(a, cols, label)
	return recordpdf.RenderSheet(s)
}

// column is one channel's figures, or the total's.
type column struct {
	platform, unit string
	work           stats.Work
}

// rows lays out the figures in the order of the CSV's columns, under two
// bands: what was published, and how it was reviewed.
func rows(a stats.Annual, cols []column, label Label) []recordpdf.SheetRow {
	row := func(key, arg string, v func(c column) string) recordpdf.SheetRow {
		r := recordpdf.SheetRow{Label: label(key, arg)}
		for _, c := range cols {
			r.Cells = append(r.Cells, v(c))
		}
		return r
	}
	num := func(key string, f func(w stats.Work) int) recordpdf.SheetRow {
		return row(key, "", func(c column) string { return strconv.Itoa(f(c.work)) })
	}
	rs := []recordpdf.SheetRow{
		row("platform", "", func(c column) string { return c.platform }),
		row("unit", "", func(c column) string { return c.unit }),
		{Label: label("publishing", ""), Band: true},
		num("published", func(w stats.Work) int { return w.Published }),
		num("original", func(w stats.Work) int { return w.Original }),
		num("repost", func(w stats.Work) int { return w.Repost }),
	}
	for _, g := range a.Grades {
		rs = append(rs, row("grade", g.Label, func(c column) string { return strconv.Itoa(c.work.ByGrade[g.ID]) }))
	}
	rs = append(rs, recordpdf.SheetRow{Label: label("review", ""), Band: true},
		num("submitted", func(w stats.Work) int { return w.Submitted }),
		num("approved", func(w stats.Work) int { return w.Approved }),
		num("returned", func(w stats.Work) int { return w.Returned }),
		num("refused", func(w stats.Work) int { return w.Refused }),
		row("to_approval_median_hours", "", func(c column) string { return hours(c.work.ToApproval.Count, c.work.ToApproval.Median) }),
		row("to_approval_p90_hours", "", func(c column) string { return hours(c.work.ToApproval.Count, c.work.ToApproval.P90) }),
	)
	return rs
}

// hours is a wait in hours, or a dash when nothing was approved.
func hours(n int, d time.Duration) string {
	if n == 0 {
		return "—"
	}
	return stats.Hours(d)
}
