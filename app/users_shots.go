//go:build shots

package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"shenfa/review/account"
)

// scriptActions of 用户与权限:
//
//	action create NAME|FULL NAME|PASSWORD   create an account (as sysadmin), as the 新建账户 dialog does
//	action select NAME                      select the account NAME in the list
//	action tick LABEL                       tick (or untick) the role check box labelled LABEL, e.g. 初审人
//	action password PW                      type PW into the open dialog's password field
//
// `click` taps a check box at the middle of its whole width, outside the
// box and its label in this wide column, so Fyne ignores it: hence tick.
func (s *usersScreen) scriptActions() (fyne.CanvasObject, map[string]func(string) error) {
	return s.list, map[string]func(string) error{
		"create": func(arg string) error {
			f := strings.Split(arg, "|")
			if len(f) != 3 {
				return errors.New("create wants NAME|FULL NAME|PASSWORD")
			}
			id, err := s.u.ws.Accounts.Create(s.u.ctx(), s.u.sess, account.NewUser{Name: f[0], FullName: f[1], Password: f[2]})
			s.selected = id
			s.done(err)
			return err
		},
		"select": func(name string) error {
			for i, user := range s.users {
				if user.Name == name {
					s.list.Select(i)
					return nil
				}
			}
			return fmt.Errorf("no account %q in the list", name)
		},
		"tick": func(label string) error {
			c := findObject(s.detail, func(o fyne.CanvasObject) bool { x, ok := o.(*widget.Check); return ok && x.Text == label })
			if c == nil {
				return fmt.Errorf("no role check box %q on view", label)
			}
			c.(*widget.Check).SetChecked(!c.(*widget.Check).Checked)
			return nil
		},
		"password": func(pw string) error {
			top := s.u.win.Canvas().Overlays().Top()
			e := findObject(top, func(o fyne.CanvasObject) bool { x, ok := o.(*widget.Entry); return ok && x.Password })
			if e == nil {
				return errors.New("no dialog with a password field is open")
			}
			e.(*widget.Entry).SetText(pw)
			return nil
		},
	}
}
