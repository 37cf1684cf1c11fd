package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/archive/search"
)

// searchFor types text into the search field and presses 查询.
func searchFor(t *testing.T, u *ui, s *archiveScreen, text string) []string {
	t.Helper()
	s.search.text.SetText(text)
	test.Tap(button(t, u, L("action.search")))
	var titles []string
	for _, h := range s.search.result.Hits {
		titles = append(titles, h.Title)
	}
	return titles
}

func TestArchiveSearchMarkup(t *testing.T) {
	u, s := archiveUI(t, "approver3")
	if got := searchFor(t, u, s, "供暖"); !slices.Equal(got, []string{demoApproved}) {
		t.Fatalf("供暖 finds %q", got)
	}
	test.AssertRendersToMarkup(t, "archive_search_approver3.xml", u.win.Canvas())
}

// One- and two-character words find records; the filters narrow them;
// results are newest first.
func TestArchiveSearchFinds(t *testing.T) {
	u, s := archiveUI(t, "approver3")
	all := searchFor(t, u, s, "")
	if len(all) != 2 {
		t.Fatalf("the demo archive lists %q, want its two records", all)
	}
	if !s.search.result.Hits[0].SealedAt.After(s.search.result.Hits[1].SealedAt) {
		t.Errorf("results are not newest first: %v then %v", s.search.result.Hits[0].SealedAt, s.search.result.Hits[1].SealedAt)
	}
	tests := []struct {
		name, text string
		set        func()
		want       []string
	}{
		{"two characters", "供暖", nil, []string{demoApproved}},
		{"two characters, other record", "春节", nil, []string{demoDone}},
		{"one character", "暖", nil, []string{demoApproved}},
		{"not there", "火箭", nil, nil},
		{"waived findings only", "", func() { s.search.waived.SetChecked(true) }, []string{demoApproved}},
		{"year", "", func() { s.search.year.SetText("2026") }, all},
		{"other year", "", func() { s.search.year.SetText("2025") }, nil},
		{"retention 永久", "", func() { s.search.retention.SetSelected(i18n.L("retention.y")) }, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s.search.waived.SetChecked(false)
			s.search.year.SetText("")
			s.search.retention.SetSelectedIndex(0)
			if tc.set != nil {
				tc.set()
			}
			got := searchFor(t, u, s, tc.text)
			if !slices.Equal(got, tc.want) {
				t.Errorf("%q finds %q, want %q", tc.text, got, tc.want)
			}
			if len(tc.want) == 0 && !strings.Contains(s.search.pageInfo.Text, "没有") {
				t.Errorf("no word that nothing was found: %q", s.search.pageInfo.Text)
			}
		})
	}
}

// The words found are marked in the snippet.
func TestArchiveSearchMarksSnippet(t *testing.T) {
	u, s := archiveUI(t, "approver3")
	searchFor(t, u, s, "供暖")
	var marked []string
	for _, p := range s.search.result.Hits[0].Snippet {
		if p.Match {
			marked = append(marked, p.Text)
		}
	}
	if len(marked) == 0 || marked[0] != "供暖" {
		t.Fatalf("snippet marks %q", marked)
	}
	segs := snippetSegments([]search.Piece{{Text: "冬季"}, {Text: "供暖", Match: true}})
	match, plain := segs[1].(*widget.TextSegment), segs[0].(*widget.TextSegment)
	if !match.Style.TextStyle.Bold || match.Style.ColorName != theme.ColorNamePrimary || plain.Style.TextStyle.Bold {
		t.Errorf("the match is not set off: %+v after %+v", match.Style, plain.Style)
	}
}

// A year that is not a number is refused in words, and nothing searched.
func TestArchiveSearchBadYear(t *testing.T) {
	u, s := archiveUI(t, "approver3")
	s.search.year.SetText("二〇二六")
	searchFor(t, u, s, "")
	want := i18n.L("archive.bad_year", map[string]any{"Value": "二〇二六"})
	if !s.search.message.Visible() || s.search.message.Text != want {
		t.Errorf("message %q, want %q", s.search.message.Text, want)
	}
}

// A snippet wider than the list is cut with an ellipsis.
func TestCutPieces(t *testing.T) {
	ps := []search.Piece{{Text: "冬季"}, {Text: "供暖", Match: true}, {Text: "保障工作"}}
	tests := []struct {
		n    int
		want []search.Piece
	}{
		{10, ps},
		{8, ps},
		{3, []search.Piece{{Text: "冬季"}, {Text: "供", Match: true}, {Text: "…"}}},
		{2, []search.Piece{{Text: "冬季"}, {Text: "", Match: true}, {Text: "…"}}},
	}
	for _, tc := range tests {
		if got := cutPieces(ps, tc.n); !slices.Equal(got, tc.want) {
			t.Errorf("cut to %d: %+v, want %+v", tc.n, got, tc.want)
		}
	}
}
