//go:build shots

package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"shenfa/archive/search"
)

// scriptActions lets screenshot scripts (shots.go) use the 归档 screen:
//
//	action search TEXT        search the archive for TEXT (检索 tab)
//	action record TITLE|CODE  open the record of that title or 档号
//	action seal TITLE         open the 封存 dialog of the queued draft with that title
//	action password PW        type the password into the 封存 dialog
func (s *archiveScreen) scriptActions() (fyne.CanvasObject, map[string]func(string) error) {
	return s.tabs, map[string]func(string) error{
		"search": func(text string) error {
			s.tabs.SelectIndex(slices.IndexFunc(s.tabs.Items, func(it *container.TabItem) bool { return it.Content == s.search.root }))
			s.search.text.SetText(text)
			s.search.find()
			return messageErr(s.search.message)
		},
		"record": func(ref string) error {
			res, err := s.u.ws.Archive.Search(s.u.ctx(), s.u.sess, search.Query{Limit: 1000})
			if err != nil {
				return err
			}
			for _, h := range res.Hits {
				if h.Title == ref || h.Code == ref {
					s.open(itoa(h.ID))
					return nil
				}
			}
			return fmt.Errorf("no record is titled or coded %q", ref)
		},
		"seal": func(title string) error {
			if s.queue == nil {
				return errors.New("the user is not an archivist: there is no queue")
			}
			for _, r := range s.queue.rows {
				if r.d.Title == title {
					if r.why != nil {
						return fmt.Errorf("the archive refuses %q: %s", title, archiveMessage(r.why))
					}
					s.queue.sealDialog(r.d)
					return nil
				}
			}
			return fmt.Errorf("no queued draft is titled %q", title)
		},
		"password": func(pw string) error {
			if s.queue == nil || s.queue.seal == nil {
				return errors.New("no 封存 dialog is open (action seal)")
			}
			s.queue.seal.password.SetText(pw)
			return nil
		},
	}
}

// recordTabNames are the record page's tabs by the names scripts use.
var recordTabNames = []string{recordTabText: "text", recordTabApprovals: "approvals", recordTabHistory: "history",
	recordTabFindings: "findings"}

// scriptActions lets screenshot scripts act on the record on view:
//
//	action tab text|approvals|history|findings
//	action back               return to the screen's tabs
func (p *recordPage) scriptActions() (fyne.CanvasObject, map[string]func(string) error) {
	return p.title, map[string]func(string) error{
		"tab": func(arg string) error {
			i := slices.Index(recordTabNames, arg)
			if i < 0 || i >= len(p.tabs.Items) {
				return fmt.Errorf("want one of %s, not %q", strings.Join(recordTabNames, ", "), arg)
			}
			p.tabs.SelectIndex(i)
			return nil
		},
		"back": func(string) error {
			p.back()
			return nil
		},
	}
}
