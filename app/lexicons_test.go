package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/audit"
	"shenfa/review/lexicons"
	"shenfa/review/workspace"
	"shenfa/sensitive/lexicon"
)

// testLexicons stand in for the defaults, so that the screen (and its
// markup master) does not change whenever a default lexicon does.
func testLexicons(t *testing.T) []*lexicon.Lexicon {
	small, err := lexicon.Parse("a.toml", []byte(`name = "示例词库"
version = "2026-11-01"
[[entry]]
word = "示例词"
note = "依据"
[[entry]]
word = "按装"
category = "typo"
suggestion = "安装"
[[allow]]
word = "示例词典"
`), "")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range 450 {
		fmt.Fprintf(&b, "大词%03d\n", i)
	}
	big, err := lexicon.Parse("大词库.txt", []byte(b.String()), "")
	if err != nil {
		t.Fatal(err)
	}
	big.Version = "2026-10-01"
	return []*lexicon.Lexicon{small, big}
}

// lexiconsUI signs secadmin in on a demo workspace seeded with testLexicons
// and returns the lexicons screen shown in the window. This Shenfa "ships"
// the same lexicons, so no update is waiting.
func lexiconsUI(t *testing.T) (*ui, *lexiconsScreen) {
	return lexiconsUIShipping(t, func() ([]*lexicon.Lexicon, error) { return testLexicons(t), nil })
}

// lexiconsUIShipping is lexiconsUI where shipped stands in the defaults of
// the running Shenfa.
func lexiconsUIShipping(t *testing.T, shipped func() ([]*lexicon.Lexicon, error)) (*ui, *lexiconsScreen) {
	t.Helper()
	old := shippedLexicons
	shippedLexicons = shipped
	t.Cleanup(func() { shippedLexicons = old })
	u := demoUIWith(t, func(path string) {
		db, err := workspace.Open(path, review.Migrations)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := lexicons.New(db).Seed(context.Background(), testLexicons(t)); err != nil {
			t.Fatal(err)
		}
	})
	signInAs(t, u, "secadmin", "Secadmin@2026")
	eventually(t, "sign-in", func() bool { return u.sess != nil })
	u.navigate("lexicons")
	s := newLexiconsScreen(u)
	u.win.SetContent(s.view)
	return u, s
}

func overlay(t *testing.T, u *ui) fyne.CanvasObject {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	return top
}

func tapOverlayButton(t *testing.T, u *ui, text string) {
	t.Helper()
	b := findIn(t, overlay(t, u), func(b *widget.Button) bool { return b.Text == text })
	if b == nil {
		t.Fatalf("the dialog has no %q button", text)
	}
	test.Tap(b)
}

func tableWithColumns(t *testing.T, u *ui, cols int) *widget.Table {
	return find(t, u, func(tb *widget.Table) bool { _, c := tb.Length(); return c == cols && tb.Visible() })
}

func rowsOf(tb *widget.Table) int { r, _ := tb.Length(); return r }

func auditCount(t *testing.T, u *ui, action string) int {
	n, err := audit.Count(u.ctx(), u.ws.DB.SQL, audit.Filter{Action: action, Actor: "secadmin"})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLexiconsScreenForSecadmin(t *testing.T) {
	u, _ := lexiconsUI(t)
	list := tableWithColumns(t, u, len(lexiconWidths))
	if list == nil || rowsOf(list) != 2 {
		t.Fatal("the lexicon table does not show the two lexicons")
	}
	list.Select(widget.TableCellID{Row: 0, Col: 0}) // 大词库, by name
	test.AssertRendersToMarkup(t, "lexicons_secadmin.xml", u.win.Canvas())
	test.Tap(button(t, u, i18n.L("lexicons.disable")))
	tapOverlayButton(t, u, lang.L("Yes"))
	if i, _ := u.ws.Lexicons.Get(u.ctx(), "大词库"); i.Enabled {
		t.Fatal("disabling did not reach the store")
	}
	if auditCount(t, u, audit.ActionLexiconDisable) != 1 {
		t.Fatal("disabling left no audit row")
	}
	if button(t, u, i18n.L("lexicons.enable")) == nil || button(t, u, i18n.L("lexicons.delete")) != nil {
		t.Fatal("a disabled built-in lexicon must offer enable and no delete")
	}
}

func TestLexiconEntriesPageAndSearch(t *testing.T) {
	u, s := lexiconsUI(t)
	tableWithColumns(t, u, len(lexiconWidths)).Select(widget.TableCellID{Row: 0, Col: 0}) // 大词库
	entries := tableWithColumns(t, u, len(entryHeads))
	if rowsOf(entries) != entryPage {
		t.Fatalf("first page has %d rows, want %d", rowsOf(entries), entryPage)
	}
	next := s.entries.next
	test.Tap(next)
	test.Tap(next)
	if rowsOf(entries) != 50 || label(t, u, i18n.L("lexicons.page", map[string]any{"From": 401, "To": 450, "Total": 450})) == nil {
		t.Fatalf("third page has %d rows", rowsOf(entries))
	}
	test.Type(entry(t, u, i18n.L("lexicons.search")), "大词04")
	if rowsOf(entries) != 10 {
		t.Fatalf("search 大词04 shows %d rows, want 10", rowsOf(entries))
	}
}

func TestLexiconAddEntry(t *testing.T) {
	u, _ := lexiconsUI(t)
	tableWithColumns(t, u, len(lexiconWidths)).Select(widget.TableCellID{Row: 1, Col: 0}) // 示例词库
	test.Tap(button(t, u, i18n.L("lexicons.add_entry")))
	word := findIn(t, overlay(t, u), func(e *widget.Entry) bool { return e.PlaceHolder == i18n.L("lexicons.word_hint") })
	test.Type(word, "新词")
	tapOverlayButton(t, u, i18n.L("action.save"))
	es, _, err := u.ws.Lexicons.Search(u.ctx(), "示例词库", "新词", 10, 0)
	if err != nil || len(es) != 1 || es[0].Severity != "block" {
		t.Fatalf("added entry: %+v, %v", es, err)
	}
	if i, _ := u.ws.Lexicons.Get(u.ctx(), "示例词库"); i.Version != "2026-11-01+1" {
		t.Fatalf("version after the edit: %s", i.Version)
	}
	if auditCount(t, u, audit.ActionEntryAdd) != 1 {
		t.Fatal("adding left no audit row")
	}
	if rowsOf(tableWithColumns(t, u, len(entryHeads))) != 3 {
		t.Fatal("the entry list did not refresh")
	}
	// The same word again is refused, and the dialog comes back saying why.
	test.Tap(button(t, u, i18n.L("lexicons.add_entry")))
	test.Type(findIn(t, overlay(t, u), func(e *widget.Entry) bool { return e.PlaceHolder == i18n.L("lexicons.word_hint") }), "新词")
	tapOverlayButton(t, u, i18n.L("action.save"))
	if findIn(t, overlay(t, u), func(l *widget.Label) bool { return l.Text == i18n.Message(lexicons.ErrEntryExists) }) == nil {
		t.Fatal("a duplicate word is not explained in the dialog")
	}
}

func TestLexiconImportShowsLine(t *testing.T) {
	u, s := lexiconsUI(t)
	tableWithColumns(t, u, len(lexiconWidths)).Select(widget.TableCellID{Row: 1, Col: 0}) // its entries reload too
	s.importOptions("坏.toml", []byte("name = \"x\"\n[[entry]]\nwrod = \"a\"\n"))
	if !s.message.Visible() || !strings.Contains(s.message.Text, "坏.toml") || !strings.Contains(s.message.Text, "第 3 行") {
		t.Fatalf("parse error shown as %q", s.message.Text)
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("a file that does not parse still asks how to import it")
	}
	s.importOptions("本单位.txt", []byte("甲词\n乙词\t乙\n"))
	tapOverlayButton(t, u, i18n.L("lexicons.import"))
	if i, err := u.ws.Lexicons.Get(u.ctx(), "本单位"); err != nil || i.Entries != 2 || i.Builtin {
		t.Fatalf("imported %+v, %v", i, err)
	}
	if s.selected != "本单位" || auditCount(t, u, audit.ActionLexiconImport) != 1 {
		t.Fatal("the import is not selected or not audited")
	}
	test.Tap(button(t, u, i18n.L("lexicons.delete")))
	tapOverlayButton(t, u, lang.L("Yes"))
	if _, err := u.ws.Lexicons.Get(u.ctx(), "本单位"); err == nil || auditCount(t, u, audit.ActionLexiconDelete) != 1 {
		t.Fatalf("delete: %v", err)
	}
}
