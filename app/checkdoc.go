package app

import (
	"slices"

	"shenfa/sensitive"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/importer"
)

// checkedDoc is one file (or pasted text) after import and check.
type checkedDoc struct {
	name  string
	doc   *importer.Document // nil when the file was refused
	err   error
	res   sensitive.Result
	text  []rune
	lines importer.LineIndex
}

// checked fills in the check of an imported document.
func (d *checkedDoc) checked(c *sensitive.Checker) *checkedDoc {
	if d.err == nil {
		d.res, d.text = c.Check(d.doc.Text), []rune(d.doc.Text)
		d.lines = importer.Lines(d.text)
	}
	return d
}

// counts returns the number of findings per severity.
func (d *checkedDoc) counts() map[finding.Severity]int {
	n := map[finding.Severity]int{}
	for _, f := range d.res.Findings {
		n[f.Severity]++
	}
	return n
}

// docRow is one line of the document view: a section title, or up to a
// view's width of characters of one paragraph.
type docRow struct {
	heading    importer.SectionKind // set for a section title row
	start, end int                  // code points into the checked text
	findings   []int                // findings overlapping the row, in text order
}

// layoutRows cuts text into rows of at most width characters at paragraph
// breaks and section starts, and files each finding under the rows it spans.
// Rows have one height, so the view can be a virtualised list (GUIDE §4).
func layoutRows(text []rune, sections []importer.Section, fs []finding.Finding, width int) []docRow {
	width = max(width, 8)
	var rows []docRow
	sec := 0
	for start := 0; start <= len(text); {
		for sec < len(sections) && sections[sec].Start <= start {
			if sections[sec].Kind != importer.Body {
				rows = append(rows, docRow{heading: sections[sec].Kind, start: start, end: start})
			}
			sec++
		}
		end := start
		for end < len(text) && text[end] != '\n' {
			end++
		}
		rows = appendParagraph(rows, start, end, width)
		start = end + 1
	}
	fileFindings(rows, fs)
	return rows
}

func appendParagraph(rows []docRow, start, end, width int) []docRow {
	if start == end {
		return append(rows, docRow{start: start, end: end})
	}
	for s := start; s < end; s += width {
		rows = append(rows, docRow{start: s, end: min(s+width, end)})
	}
	return rows
}

// fileFindings records, on each row, the findings that overlap it.
func fileFindings(rows []docRow, fs []finding.Finding) {
	for i, f := range fs {
		r := rowAt(rows, f.Start)
		for ; r < len(rows) && rows[r].start < max(f.End, f.Start+1); r++ {
			if rows[r].heading == "" && rows[r].end > f.Start {
				rows[r].findings = append(rows[r].findings, i)
			}
		}
	}
}

// rowAt returns the first text row containing offset (or the last row before it).
func rowAt(rows []docRow, offset int) int {
	i, _ := slices.BinarySearchFunc(rows, offset, func(r docRow, t int) int {
		if r.end <= t && !(r.start == r.end && r.start == t) {
			return -1
		}
		return 1
	})
	return min(i, max(len(rows)-1, 0))
}

// piece is a run of a row's text with the most serious finding over it.
type piece struct {
	start, end int
	finding    int // index into findings, -1 if none
}

// pieces splits a row at finding boundaries.
func pieces(row docRow, fs []finding.Finding) []piece {
	cuts := []int{row.start, row.end}
	for _, i := range row.findings {
		cuts = append(cuts, max(fs[i].Start, row.start), min(fs[i].End, row.end))
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var ps []piece
	for k := 0; k+1 < len(cuts); k++ {
		ps = append(ps, piece{cuts[k], cuts[k+1], worst(row, fs, cuts[k], cuts[k+1])})
	}
	return ps
}

// worst returns the most serious finding covering [a, b), or -1.
func worst(row docRow, fs []finding.Finding, a, b int) int {
	best := -1
	for _, i := range row.findings {
		if fs[i].Start <= a && b <= fs[i].End && (best < 0 || fs[i].Severity.Rank() > fs[best].Severity.Rank()) {
			best = i
		}
	}
	return best
}
