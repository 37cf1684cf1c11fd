package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/account"
)

// destination is one entry of the navigation.
type destination struct {
	key    string // translation key suffix and identity
	icon   fyne.Resource
	allow  []account.Permission // any of these shows the entry
	screen func(u *ui) fyne.CanvasObject
}

func destinations() []destination {
	content := []account.Permission{account.ReadDrafts, account.WriteDraft}
	check := append([]account.Permission{account.ReviewSecrecy, account.ReviewTier1, account.ManageArchive}, content...)
	return []destination{
		{"check", theme.SearchIcon(), check, (*ui).quickCheckScreen},
		{"inbox", theme.MailComposeIcon(), content, (*ui).inboxScreen},
		{"drafts", theme.DocumentIcon(), content, (*ui).draftsScreen},
		{"archive", theme.StorageIcon(), []account.Permission{account.ReadArchive, account.ManageArchive}, (*ui).archiveScreen},
		{"lexicons", theme.ListIcon(), []account.Permission{account.ManageLexicons}, (*ui).lexiconsScreen},
		{"channels", theme.UploadIcon(), []account.Permission{account.ManageChannels}, (*ui).channelsScreen},
		{"stats", theme.GridIcon(), []account.Permission{account.ReadStatistics}, (*ui).statsScreen},
		{"users", theme.AccountIcon(), []account.Permission{account.ManageAccounts, account.ManageRoles}, (*ui).usersScreen},
		{"audit", theme.VisibilityIcon(), []account.Permission{account.ReadAudit}, (*ui).auditScreen},
		{"settings", theme.SettingsIcon(), nil, (*ui).settingsScreen},
	}
}

// visibleTo returns the destinations the user's roles allow.
func visibleTo(user account.User) []destination {
	var out []destination
	for _, d := range destinations() {
		if len(d.allow) == 0 || anyAllowed(user, d.allow) {
			out = append(out, d)
		}
	}
	return out
}

func anyAllowed(user account.User, ps []account.Permission) bool {
	for _, p := range ps {
		if user.Can(p) {
			return true
		}
	}
	return false
}

// showMain shows the navigation and the first screen the user may use.
func (u *ui) showMain() {
	dests := visibleTo(u.sess.User)
	body := container.NewStack()
	nav := widget.NewList(func() int { return len(dests) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.DocumentIcon()), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(dests[i].icon)
			row.Objects[1].(*widget.Label).SetText(u.navLabel(dests[i].key)) // 待办 carries its count (inbox.go)
		})
	nav.OnSelected = func(i widget.ListItemID) {
		u.touch()
		u.win.SetOnDropped(nil) // only the quick-check screen takes dropped files
		body.Objects = []fyne.CanvasObject{dests[i].screen(u)}
		body.Refresh()
	}
	u.navigate = func(key string) {
		for i, d := range dests {
			if d.key == key {
				nav.Select(i)
			}
		}
	}
	u.badge.refresh = nav.Refresh
	u.countInbox()
	split := container.NewHSplit(nav, body)
	split.Offset = 0.16
	u.win.SetTitle(i18n.L("app.title") + " — " + u.sess.User.FullName)
	top := u.topBar()
	u.noticeAtRisk(top) // channels about to break the update rule (stats.go)
	u.win.SetContent(u.watchActivity(container.NewBorder(top, nil, nil, nil, split)))
	nav.Select(0)
	u.startIdleLock()
}

// topBar names the user and their roles and offers lock and sign-out.
func (u *ui) topBar() fyne.CanvasObject {
	var roles []string
	for _, r := range u.sess.User.Roles {
		roles = append(roles, i18n.L("role."+string(r)))
	}
	who := widget.NewLabel(u.sess.User.FullName + "（" + u.sess.User.Name + "）  " + strings.Join(roles, "、"))
	lock := widget.NewButtonWithIcon(i18n.L("action.lock"), theme.VisibilityOffIcon(), u.lock)
	out := widget.NewButtonWithIcon(i18n.L("action.sign_out"), theme.LogoutIcon(), u.signOut)
	title := container.NewHBox(iconImage(28), widget.NewLabelWithStyle(i18n.L("app.name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if u.ws.IsDemo(u.ctx()) {
		demo := widget.NewLabel(i18n.L("demo.badge"))
		demo.Importance = widget.WarningImportance
		title.Add(demo)
	}
	return container.NewVBox(container.NewBorder(nil, nil, title, container.NewHBox(who, lock, out)), widget.NewSeparator())
}

func (u *ui) signOut() {
	u.stopIdleLock()
	u.ws.SignOut(u.ctx(), u.sess)
	u.sess = nil
	u.showSignIn()
}
