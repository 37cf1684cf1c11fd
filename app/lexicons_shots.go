//go:build shots

package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// lexiconPages are the lexicons screen's tabs by the names scripts use;
// the labels change with the language and the number of waiting updates.
var lexiconPages = []string{pageList: "list", pageUpdates: "updates", pagePackage: "package", pageTrusted: "trusted"}

// scriptActions lets screenshot scripts (shots.go) turn the screen's pages
// and choose a lexicon:
//
//	action page list|updates|package|trusted
//	action select NAME   show the lexicon NAME below the list
func (s *lexiconsScreen) scriptActions() (fyne.CanvasObject, map[string]func(string) error) {
	return s.pages, map[string]func(string) error{
		"page": func(arg string) error {
			i := slices.Index(lexiconPages, arg)
			if i < 0 {
				return fmt.Errorf("want one of %s, not %q", strings.Join(lexiconPages, ", "), arg)
			}
			s.pages.SelectIndex(i)
			return nil
		},
		"select": func(name string) error {
			for i, info := range s.infos {
				if info.Name == name {
					s.table.Select(widget.TableCellID{Row: i})
					return nil
				}
			}
			return fmt.Errorf("no lexicon is named %q", name)
		},
	}
}
