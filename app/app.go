// Package app is Shenfa's desktop interface, built with Fyne: one file per
// screen. Domain work happens in review/; this package only shows it.
package app

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
)

// Preference keys kept per machine by Fyne.
const (
	prefLanguage = "language"
	prefTheme    = "theme" // "", "light" or "dark"
)

// ui is the state of one desktop window.
type ui struct {
	app  fyne.App
	win  fyne.Window
	ws   *review.Workspace
	sess *account.Session
	idle *idleLock
	path string
	opts []account.Option // account options; tests use a cheap KDF
	// navigate shows the destination with key, when the user may see it.
	navigate func(key string)
	badge    navBadge // the 待办 count beside its navigation entry (inbox.go)
}

// Run starts the desktop app on the workspace file at path and returns when
// the window closes.
func Run(path string) error {
	a := fyneapp.NewWithID(review.AppID)
	u := newUI(a, path)
	quitOnSignal(a)
	if os.Getenv("SHENFA_STARTUP_REPORT") != "" {
		reportFirstFrame(a, u.win)
	}
	script := startShots(u) // a screenshot script: only in builds with -tags shots (shots.go)
	u.win.ShowAndRun()
	u.close()
	return script()
}

func newUI(a fyne.App, path string, opts ...account.Option) *ui {
	a.SetIcon(Icon)
	i18n.Use(a.Preferences().StringWithFallback(prefLanguage, i18n.Chinese))
	applyTheme(a)
	u := &ui{app: a, path: path, opts: opts, win: a.NewWindow(i18n.L("app.title"))}
	u.win.SetIcon(Icon)
	u.win.Resize(fyne.NewSize(1100, 720))
	u.win.SetMaster()
	u.start()
	return u
}

// start opens the workspace and shows setup, sign-in or why it cannot open.
func (u *ui) start() {
	ws, err := review.Open(u.path, u.opts...)
	if err != nil {
		u.win.SetContent(u.errorScreen(err))
		return
	}
	u.ws = ws
	n, err := ws.Accounts.Count(context.Background())
	switch {
	case err != nil:
		u.win.SetContent(u.errorScreen(err))
	case n == 0:
		u.win.SetContent(u.setupScreen())
	default:
		u.showSignIn()
	}
}

func (u *ui) close() {
	if u.idle != nil {
		u.idle.stop()
	}
	if u.ws != nil {
		u.ws.Close()
	}
}

func applyTheme(a fyne.App) {
	var th fyne.Theme = newTheme()
	switch a.Preferences().String(prefTheme) {
	case "light":
		th = variantTheme{Theme: th, variant: theme.VariantLight}
	case "dark":
		th = variantTheme{Theme: th, variant: theme.VariantDark}
	}
	a.Settings().SetTheme(th)
}

// quitOnSignal makes SIGTERM and SIGINT a clean quit, so that the workspace
// is closed properly when the session ends.
func quitOnSignal(a fyne.App) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM, os.Interrupt)
	go func() {
		<-ch
		fyne.Do(a.Quit)
	}()
}

// ctx is the context for workspace calls made from the interface.
func (u *ui) ctx() context.Context { return context.Background() }

// reportFirstFrame prints how long after process start the first frame was
// drawn, for `make bench` and anyone checking start-up on their machine.
// Capture waits for a real render of the window.
func reportFirstFrame(a fyne.App, w fyne.Window) {
	a.Lifecycle().SetOnStarted(func() {
		go func() {
			w.Canvas().Capture()
			fmt.Fprintf(os.Stderr, "shenfa: first frame %d ms after process start\n", time.Since(processStart()).Milliseconds())
		}()
	})
}
