package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/account"
)

// usersScreen lets sysadmin manage accounts and secadmin manage roles.
type usersScreen struct {
	u        *ui
	users    []account.User
	list     *widget.List
	detail   *fyne.Container
	message  *widget.Label
	selected int64
}

func (u *ui) usersScreen() fyne.CanvasObject {
	s := &usersScreen{u: u, detail: container.NewVBox(), message: errorLabel()}
	s.list = widget.NewList(func() int { return len(s.users) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.row(s.users[i])) })
	s.list.OnSelected = func(i widget.ListItemID) {
		u.touch()
		s.selected = s.users[i].ID
		s.showDetail(s.users[i])
	}
	s.reload()
	u.offerActions(s)
	tools := container.NewHBox(heading(i18n.L("nav.users")))
	if u.sess.User.Can(account.ManageAccounts) {
		tools.Add(widget.NewButtonWithIcon(i18n.L("users.create"), theme.ContentAddIcon(), s.createDialog))
	}
	split := container.NewHSplit(s.list, container.NewVScroll(container.NewPadded(s.detail)))
	split.Offset = 0.45
	return container.NewBorder(container.NewVBox(tools, s.message), nil, nil, nil, split)
}

func (s *usersScreen) row(user account.User) string {
	return user.Name + "  " + user.FullName + "  · " + rolesText(user.Roles) + "  · " + statusText(user)
}

func rolesText(roles []account.Role) string {
	if len(roles) == 0 {
		return i18n.L("users.no_roles")
	}
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = i18n.L("role." + string(r))
	}
	return strings.Join(names, "、")
}

func statusText(user account.User) string {
	switch {
	case user.Disabled:
		return i18n.L("users.status_disabled")
	case user.Locked(time.Now()):
		return i18n.L("users.status_locked", map[string]any{"Until": user.LockedUntil.Local().Format("15:04")})
	case user.MustChange:
		return i18n.L("users.status_must_change")
	}
	return i18n.L("users.status_active")
}

// reload reads the accounts again and keeps the selection.
func (s *usersScreen) reload() {
	users, err := s.u.ws.Accounts.List(s.u.ctx())
	if err != nil {
		showError(s.message, err)
	}
	s.users = users
	s.list.Refresh()
	for i, user := range users {
		if user.ID == s.selected {
			s.list.Select(i)
			s.showDetail(user)
		}
	}
}

// done shows the outcome of an action and refreshes the list.
func (s *usersScreen) done(err error) {
	showError(s.message, err)
	s.reload()
}

func (s *usersScreen) showDetail(user account.User) {
	me := s.u.sess.User
	info := widget.NewForm(
		formRow(i18n.L("field.username"), widget.NewLabel(user.Name)),
		formRow(i18n.L("field.full_name"), widget.NewLabel(user.FullName)),
		formRow(i18n.L("users.status"), widget.NewLabel(statusText(user))),
		formRow(i18n.L("users.created"), widget.NewLabel(user.CreatedAt.Local().Format("2006-01-02 15:04"))))
	objs := []fyne.CanvasObject{heading(user.FullName), info}
	if me.Can(account.ManageAccounts) && me.ID != user.ID {
		objs = append(objs, widget.NewSeparator(), s.accountActions(user))
	}
	if me.Can(account.ManageRoles) && me.ID != user.ID {
		objs = append(objs, widget.NewSeparator(), s.roleEditor(user))
	} else {
		objs = append(objs, widget.NewLabel(i18n.L("users.roles")+"："+rolesText(user.Roles)))
	}
	s.detail.Objects = objs
	s.detail.Refresh()
}

func (s *usersScreen) accountActions(user account.User) fyne.CanvasObject {
	ctx, store, actor := s.u.ctx(), s.u.ws.Accounts, s.u.sess
	toggle := widget.NewButton(i18n.L("users.disable"), func() {
		s.confirm(i18n.L("users.confirm_disable", map[string]any{"Name": user.FullName}), func() {
			s.done(store.SetDisabled(ctx, actor, user.ID, true))
		})
	})
	if user.Disabled {
		toggle = widget.NewButton(i18n.L("users.enable"), func() { s.done(store.SetDisabled(ctx, actor, user.ID, false)) })
	}
	reset := widget.NewButton(i18n.L("users.reset"), func() { s.resetDialog(user) })
	box := container.NewHBox(toggle, reset)
	if user.Locked(time.Now()) {
		box.Add(widget.NewButton(i18n.L("users.unlock"), func() { s.done(store.Unlock(ctx, actor, user.ID)) }))
	}
	return box
}

// roleEditor shows a check per role; administrator roles exclude the rest.
func (s *usersScreen) roleEditor(user account.User) fyne.CanvasObject {
	box := container.NewVBox(widget.NewLabel(i18n.L("users.roles")))
	for _, r := range account.AllRoles {
		check := widget.NewCheck(i18n.L("role."+string(r)), nil)
		check.SetChecked(user.Has(r))
		check.OnChanged = func(on bool) {
			var err error
			if on {
				err = s.u.ws.Accounts.Grant(s.u.ctx(), s.u.sess, user.ID, r)
			} else {
				err = s.u.ws.Accounts.Revoke(s.u.ctx(), s.u.sess, user.ID, r)
			}
			s.done(err)
			if on && err == nil {
				s.afterGrant(user, r)
			}
		}
		box.Add(check)
	}
	box.Add(s.certificateRow(user))
	return box
}

func (s *usersScreen) confirm(text string, yes func()) {
	dialog.ShowConfirm(i18n.L("dialog.confirm"), text, func(ok bool) {
		if ok {
			yes()
		}
	}, s.u.win)
}
