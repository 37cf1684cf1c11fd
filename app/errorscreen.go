package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/workspace"
)

// errorScreen says why the workspace cannot be opened and what to do. The
// file itself is left exactly as it was.
func (u *ui) errorScreen(err error) fyne.CanvasObject {
	msg := widget.NewLabel(i18n.Message(err))
	msg.Wrapping = wrapping()
	msg.Importance = widget.DangerImportance
	advice := widget.NewLabel(i18n.L(adviceFor(err), map[string]any{"Path": u.path}))
	advice.Wrapping = wrapping()
	path := widget.NewLabel(i18n.L("workspace.path", map[string]any{"Path": u.path}))
	path.Wrapping = fyne.TextWrapBreak
	quit := widget.NewButton(i18n.L("action.quit"), u.app.Quit)
	return card(560, container.NewVBox(
		container.NewHBox(iconImage(64), heading(i18n.L("workspace.cannot_open"))),
		msg, path, advice, container.NewHBox(quit)))
}

func adviceFor(err error) string {
	var newer *workspace.TooNewError
	if errors.As(err, &newer) {
		return "workspace.advice_newer"
	}
	return "workspace.advice_restore"
}
