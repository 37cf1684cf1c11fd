package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
)

// background runs work off the UI goroutine and hands its error to done on
// the UI goroutine; argon2 and database writes must not freeze the window.
// Headless tests replace it with a synchronous call, because the test
// driver runs fyne.Do on the calling goroutine.
var background = func(work func() error, done func(error)) {
	go func() {
		err := work()
		fyne.Do(func() { done(err) })
	}()
}

// errorLabel is a wrapped label for messages in the block colour.
func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = wrapping()
	l.Hide()
	return l
}

func showError(l *widget.Label, err error) {
	if err == nil {
		l.Hide()
		return
	}
	l.SetText(i18n.Message(err))
	l.Show()
}

// heading is a large title line.
func heading(text string) *canvas.Text {
	t := canvas.NewText(text, theme.Color(theme.ColorNameForeground))
	t.TextSize = theme.TextHeadingSize()
	return t
}

// card centres content in a fixed-width column.
func card(width float32, content fyne.CanvasObject) fyne.CanvasObject {
	spacer := canvas.NewRectangle(nil)
	spacer.SetMinSize(fyne.NewSize(width, 0))
	return container.NewCenter(container.NewStack(spacer, content))
}

// passwordEntry is a masked entry.
func passwordEntry() *widget.Entry {
	e := widget.NewPasswordEntry()
	e.SetPlaceHolder(i18n.L("field.password"))
	return e
}

// formRow lays a label and its field side by side.
func formRow(label string, field fyne.CanvasObject) *widget.FormItem {
	return widget.NewFormItem(label, field)
}

// wrapping breaks Chinese anywhere (it has no spaces) and English at words.
func wrapping() fyne.TextWrap {
	if i18n.Current() == i18n.English {
		return fyne.TextWrapWord
	}
	return fyne.TextWrapBreak
}
