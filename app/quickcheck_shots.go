//go:build shots

package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"shenfa/app/i18n"
)

// scriptActions lets screenshot scripts (shots.go) check files and text and
// pick a finding, as the open and paste buttons and the list do:
//
//	open FILE|FOLDER   check it as if chosen in the file or folder dialog
//	action paste TEXT  check TEXT as if pasted ("…\n…" for several lines)
//	action finding N   select the N-th finding of the list
//	action extras      open the panel of hidden, revised and attached content
func (s *quickCheck) scriptActions() (fyne.CanvasObject, map[string]func(string) error) {
	return s.summary, map[string]func(string) error{
		"open": func(arg string) error {
			path, err := filepath.Abs(arg)
			if err != nil {
				return err
			}
			info, err := os.Stat(path)
			if err != nil {
				return fmt.Errorf("open: %w", err)
			}
			paths := []string{path}
			if info.IsDir() {
				paths = folderFiles(path)
			}
			s.run(paths)
			return nil
		},
		"paste": func(text string) error {
			s.checkText(i18n.L("check.pasted"), text)
			return nil
		},
		"extras": func(string) error {
			if !s.extras.box.Visible() {
				return errors.New("the draft on view has no hidden, revised or attached content")
			}
			s.extras.box.Open(0)
			return nil
		},
		"finding": func(arg string) error {
			i, err := scriptIndex(arg, len(s.list.shown))
			if err == nil {
				s.list.list.Select(i)
			}
			return err
		},
	}
}
