package app

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review/account"
)

// idleLock locks the window after a period without input.
type idleLock struct {
	mu    sync.Mutex
	last  time.Time
	limit time.Duration
	done  chan struct{}
}

func (l *idleLock) touch() {
	l.mu.Lock()
	l.last = time.Now()
	l.mu.Unlock()
}

func (l *idleLock) idleFor() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	return time.Since(l.last)
}

func (l *idleLock) stop() {
	if l.done != nil {
		close(l.done)
		l.done = nil
	}
}

// touch records user activity.
func (u *ui) touch() {
	if u.idle != nil {
		u.idle.touch()
	}
}

func (u *ui) startIdleLock() {
	u.stopIdleLock()
	limit := account.DefaultPolicy.Idle()
	if p, err := u.ws.Accounts.Policy(u.ctx()); err == nil {
		limit = p.Idle()
	}
	l := &idleLock{last: time.Now(), limit: limit, done: make(chan struct{})}
	u.idle = l
	go u.watchIdle(l, l.done)
}

func (u *ui) stopIdleLock() {
	if u.idle != nil {
		u.idle.stop()
		u.idle = nil
	}
}

func (u *ui) watchIdle(l *idleLock, done chan struct{}) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			if l.idleFor() >= l.limit {
				fyne.Do(u.lockIdle)
				return
			}
		}
	}
}

func (u *ui) lockIdle() {
	if u.sess != nil && u.idle != nil {
		u.ws.Lock(u.ctx(), u.sess, "idle")
		u.showLock()
	}
}

// lock is the user's own lock button.
func (u *ui) lock() {
	u.ws.Lock(u.ctx(), u.sess, "manual")
	u.showLock()
}

// showLock hides everything behind a password prompt for the same user.
func (u *ui) showLock() {
	u.stopIdleLock()
	var f *signInForm
	f = newSignInForm(i18n.L("action.unlock"), func() { u.unlock(f) })
	f.name.SetText(u.sess.User.Name)
	f.name.Disable()
	other := widget.NewButton(i18n.L("action.sign_out"), u.signOut)
	u.win.SetContent(card(420, container.NewVBox(
		container.NewHBox(iconImage(56), heading(i18n.L("lock.title"))),
		widget.NewLabel(i18n.L("lock.hint", map[string]any{"Name": u.sess.User.FullName})),
		widget.NewForm(formRow(i18n.L("field.password"), f.password)), f.button, f.progress, f.message, other)))
	u.win.Canvas().Focus(f.password)
}

func (u *ui) unlock(f *signInForm) {
	password := f.password.Text
	u.authenticate(f, func() (*account.Session, error) { return u.ws.Accounts.Resume(u.ctx(), u.sess, password) })
}

// activity sits behind the content and sees pointer movement and clicks
// that no widget takes, which is most movement over a screen.
type activity struct {
	widget.BaseWidget
	touch func()
}

func (a *activity) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack())
}
func (a *activity) MouseIn(*desktop.MouseEvent)    { a.touch() }
func (a *activity) MouseMoved(*desktop.MouseEvent) { a.touch() }
func (a *activity) MouseOut()                      {}
func (a *activity) Tapped(*fyne.PointEvent)        { a.touch() }

// watchActivity wraps content so that input resets the idle timer: pointer
// movement through the layer behind it, keys through the canvas.
func (u *ui) watchActivity(content fyne.CanvasObject) fyne.CanvasObject {
	a := &activity{touch: u.touch}
	a.ExtendBaseWidget(a)
	if dc, ok := u.win.Canvas().(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { u.touch() })
	}
	u.win.Canvas().SetOnTypedRune(func(rune) { u.touch() })
	return container.NewStack(a, content)
}
