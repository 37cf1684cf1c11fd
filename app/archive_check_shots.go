//go:build shots

package app

import (
	"errors"

	"fyne.io/fyne/v2"

	"shenfa/review"
	"shenfa/sensitive/finding"
	"shenfa/sensitive/lexicon"
)

// scriptActions lets screenshot scripts run the 四性检测 tab:
//
//	action verify [REFS]   verify the records REFS name (档号 or numbers), or all
//	action check-record N  open the N-th record of the report's list
func (t *checkTab) scriptActions() (fyne.CanvasObject, map[string]func(string) error) {
	return t.summary, map[string]func(string) error{
		"verify": func(refs string) error {
			t.scope.SetText(refs)
			t.start()
			return nil
		},
		"check-record": func(arg string) error {
			i, err := scriptIndex(arg, t.recordCount())
			if err == nil {
				t.records.Select(i)
			}
			return err
		},
	}
}

// scriptActions lets screenshot scripts run the 回头看 tab:
//
//	action rescan              start a re-scan with the lexicons enabled now
//	action rescan-record N     open the N-th flagged record of the report on view
//	action lexicon-word WORD   add WORD as a block entry to the first enabled
//	                           lexicon, as secadmin would on 词库 (demo workspaces only:
//	                           it signs secadmin in with the demo password)
func (t *rescanTab) scriptActions() (fyne.CanvasObject, map[string]func(string) error) {
	return t.status, map[string]func(string) error{
		"rescan": func(string) error {
			t.start()
			return nil
		},
		"rescan-record": func(arg string) error {
			i, err := scriptIndex(arg, t.resultCount())
			if err == nil {
				t.results.Select(i)
			}
			return err
		},
		"lexicon-word": func(word string) error { return demoLexiconWord(t.u, word) },
	}
}

// demoLexiconWord adds word to the first enabled lexicon in secadmin's name.
func demoLexiconWord(u *ui, word string) error {
	if !u.ws.IsDemo(u.ctx()) {
		return errors.New("lexicon-word works on demo workspaces only")
	}
	var password string
	for _, a := range review.DemoAccounts {
		if a.Name == "secadmin" {
			password = a.Password
		}
	}
	sec, err := u.ws.Accounts.SignIn(u.ctx(), "secadmin", password)
	if err != nil {
		return err
	}
	infos, err := u.ws.Lexicons.List(u.ctx())
	if err != nil {
		return err
	}
	for _, i := range infos {
		if i.Enabled {
			return u.ws.Lexicons.PutEntry(u.ctx(), sec, i.Name, "", lexicon.Entry{Word: word, Category: finding.Sensitive,
				Severity: finding.Block, Note: "回头看示例"})
		}
	}
	return errors.New("no lexicon is enabled")
}
