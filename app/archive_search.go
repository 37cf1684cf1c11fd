package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/archive/search"
	"shenfa/review/account"
	"shenfa/review/policy"
)

// archivePage is how many records a page of search results shows.
const archivePage = 20

// archiveSearch is 检索: full-text search of the archive (one- and
// two-character Chinese words work) with filters by year, channel, grade,
// retention, signer and waived findings; hits newest first, with the
// words found marked in a snippet, a page at a time.
type archiveSearch struct {
	s         *archiveScreen
	text      *widget.Entry
	year      *widget.Entry
	channel   *widget.Select
	grade     *widget.Select
	retention *widget.Select
	signer    *widget.Select
	signers   []account.User
	waived    *widget.Check
	result    search.Result
	offset    int
	list      *widget.List
	pageInfo  *widget.Label
	message   *widget.Label
	prev      *widget.Button
	next      *widget.Button
	root      fyne.CanvasObject
}

func newArchiveSearch(s *archiveScreen) *archiveSearch {
	a := &archiveSearch{s: s, text: widget.NewEntry(), year: widget.NewEntry(), pageInfo: widget.NewLabel(""), message: errorLabel()}
	a.text.SetPlaceHolder(i18n.L("archive.search_hint"))
	a.text.OnSubmitted = func(string) { a.find() }
	a.year.SetPlaceHolder(i18n.L("archive.search_year"))
	a.year.OnSubmitted = func(string) { a.find() }
	a.makeFilters()
	a.list = widget.NewList(func() int { return len(a.result.Hits) }, newHitRow, func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(a.result.Hits) {
			fillHitRow(a.result.Hits[i], o.(*fyne.Container), charsPerRow(a.list.Size().Width))
		}
	})
	a.list.OnSelected = func(i widget.ListItemID) {
		a.list.UnselectAll()
		if i < len(a.result.Hits) {
			a.s.open(itoa(a.result.Hits[i].ID))
		}
	}
	find := widget.NewButtonWithIcon(i18n.L("action.search"), theme.SearchIcon(), a.find)
	find.Importance = widget.HighImportance
	filters := container.NewGridWithColumns(5, a.year, a.channel, a.grade, a.retention, a.signer)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(a.waived, find), a.text), filters, a.message)
	a.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { a.offset -= archivePage; a.load() })
	a.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { a.offset += archivePage; a.load() })
	export := widget.NewButtonWithIcon(i18n.L("archive_export.action"), theme.DocumentSaveIcon(), a.exportPage)
	if !a.s.manage {
		export.Hide()
	}
	a.root = container.NewBorder(top, container.NewHBox(a.prev, a.pageInfo, a.next, layout.NewSpacer(), export), nil, nil, a.list)
	a.load()
	return a
}

func (a *archiveSearch) object() fyne.CanvasObject { return a.root }

// makeFilters fills the selects: channels, the policy's grades, the
// retention periods and the people who sign approvals.
func (a *archiveSearch) makeFilters() {
	channels := []string{i18n.L("drafts.all_channels")}
	for _, c := range a.s.channels {
		channels = append(channels, c.Name)
	}
	grades := []string{i18n.L("drafts.all_grades")}
	if p := a.s.policy; p != nil {
		for _, g := range p.Grades {
			grades = append(grades, g.ID+" "+g.Label)
		}
	}
	retentions := []string{i18n.L("archive.all_retentions")}
	for _, r := range policy.Retentions {
		retentions = append(retentions, i18n.L(r.LabelKey()))
	}
	users, _ := a.s.u.ws.Accounts.List(a.s.u.ctx())
	signers := []string{i18n.L("archive.all_signers")}
	for _, user := range users {
		if reviewer(user) {
			a.signers = append(a.signers, user)
			signers = append(signers, user.FullName+"（"+user.Name+"）")
		}
	}
	pick := func(opts []string) *widget.Select {
		sel := widget.NewSelect(opts, func(string) { a.find() })
		sel.SetSelectedIndex(0)
		return sel
	}
	a.channel, a.grade, a.retention, a.signer = pick(channels), pick(grades), pick(retentions), pick(signers)
	a.waived = widget.NewCheck(i18n.L("archive.search_waived"), func(bool) { a.find() })
}

// query reads the search fields.
func (a *archiveSearch) query() (search.Query, error) {
	q := search.Query{Text: strings.TrimSpace(a.text.Text), Waived: a.waived.Checked, Offset: a.offset, Limit: archivePage}
	if y := strings.TrimSpace(a.year.Text); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 9999 {
			return q, i18n.Errorf("archive.bad_year", map[string]any{"Value": y})
		}
		q.Year = n
	}
	if i := a.channel.SelectedIndex(); i > 0 {
		q.Channel = a.s.channels[i-1].ID
	}
	if i := a.grade.SelectedIndex(); i > 0 && a.s.policy != nil {
		q.Grade = a.s.policy.Grades[i-1].ID
	}
	if i := a.retention.SelectedIndex(); i > 0 {
		q.Retention = string(policy.Retentions[i-1])
	}
	if i := a.signer.SelectedIndex(); i > 0 {
		q.Signer = a.signers[i-1].Name
	}
	return q, nil
}

// find starts again at the first page.
func (a *archiveSearch) find() {
	a.offset = 0
	a.load()
}

func (a *archiveSearch) load() {
	if a.list == nil || a.waived == nil { // the filters fire while the tab is being made
		return
	}
	a.s.u.touch()
	a.offset = max(0, a.offset)
	q, err := a.query()
	if err != nil {
		showError(a.message, err)
		return
	}
	a.result, err = a.s.u.ws.Archive.Search(a.s.u.ctx(), a.s.u.sess, q)
	showArchiveError(a.message, err)
	a.list.Refresh()
	a.list.ScrollToTop()
	total := strconv.Itoa(a.result.Total)
	if a.result.More {
		total += "+"
	}
	switch {
	case a.result.Total == 0 && q.Text != "":
		a.pageInfo.SetText(i18n.L("archive.search_none", map[string]any{"Text": q.Text}))
	case a.result.Total == 0:
		a.pageInfo.SetText(i18n.L("archive.search_empty"))
	default:
		a.pageInfo.SetText(i18n.L("archive.search_page", map[string]any{"From": a.offset + 1,
			"To": a.offset + len(a.result.Hits), "Total": total}))
	}
	setEnabled(a.prev, a.offset > 0)
	setEnabled(a.next, a.offset+len(a.result.Hits) < a.result.Total)
}

// newHitRow is a hit: 档号 and title, when it was sealed, and the snippet.
func newHitRow() fyne.CanvasObject {
	head := widget.NewLabel("")
	head.TextStyle = fyne.TextStyle{Bold: true}
	head.Truncation = fyne.TextTruncateEllipsis
	snippet := widget.NewRichText()
	snippet.Wrapping = fyne.TextWrapOff
	snippet.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(head, snippet)
}

func fillHitRow(h search.Hit, o *fyne.Container, width int) {
	o.Objects[0].(*widget.Label).SetText(i18n.L("archive.hit_head", map[string]any{"Code": h.Code, "Title": h.Title,
		"Sealed": when(h.SealedAt)}))
	t := o.Objects[1].(*widget.RichText)
	t.Segments = snippetSegments(cutPieces(h.Snippet, width-1))
	t.Refresh()
}

// cutPieces keeps the first n characters of a snippet and marks the cut
// with an ellipsis, so that a snippet wider than the list does not run off
// its edge.
func cutPieces(ps []search.Piece, n int) []search.Piece {
	var out []search.Piece
	for _, p := range ps {
		r := []rune(strings.ReplaceAll(p.Text, "\n", " "))
		if len(r) > n {
			out = append(out, search.Piece{Text: string(r[:max(n, 0)]), Match: p.Match}, search.Piece{Text: "…"})
			return out
		}
		n -= len(r)
		out = append(out, search.Piece{Text: string(r), Match: p.Match})
	}
	return out
}

// snippetSegments draws the words found in bold in the primary colour.
func snippetSegments(ps []search.Piece) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	for _, p := range ps {
		style := widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder}
		if p.Match {
			style = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}
		}
		segs = append(segs, &widget.TextSegment{Text: strings.ReplaceAll(p.Text, "\n", " "), Style: style})
	}
	if len(segs) == 0 {
		segs = append(segs, &widget.TextSegment{Text: " ", Style: widget.RichTextStyle{Inline: true}})
	}
	return segs
}

// exportPage exports the records of the page on view.
func (a *archiveSearch) exportPage() {
	ids := make([]int64, len(a.result.Hits))
	for i, h := range a.result.Hits {
		ids[i] = h.ID
	}
	a.s.u.exportRecordsDialog(ids)
}
