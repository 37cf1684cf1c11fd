package app

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
	"shenfa/review"
	"shenfa/review/account"
)

var cheap = account.WithKDF(account.KDF{Time: 1, MemoryKiB: 64, Threads: 1})

// demoUI starts the interface on a fresh demo workspace with a test driver.
func demoUI(t testing.TB) *ui { return demoUIWith(t, nil) }

// demoUIWith is demoUI where seed, when set, fills the new workspace file
// before the demo accounts are made (for example with test lexicons).
func demoUIWith(t testing.TB, seed func(path string)) *ui {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ws.db")
	if seed != nil {
		seed(path)
		w, err := review.Open(path, cheap)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.SetupDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
		w.Close()
	} else {
		copyDemo(t, path)
	}
	a := test.NewTempApp(t)
	u := newUI(a, path, cheap)
	a.Settings().SetTheme(variantTheme{Theme: newTheme(), variant: 0}) // dark, as golden files expect
	u.win.Resize(fyne.NewSize(1100, 720))
	t.Cleanup(u.close)
	return u
}

// find returns the first object of type T on the window for which ok holds.
func find[T fyne.CanvasObject](t testing.TB, u *ui, ok func(T) bool) T {
	return findIn(t, u.win.Content(), ok)
}

// findIn is find below any root, such as a dialog's overlay.
func findIn[T fyne.CanvasObject](t testing.TB, root fyne.CanvasObject, ok func(T) bool) T {
	var found T
	var walk func(o fyne.CanvasObject) bool
	walk = func(o fyne.CanvasObject) bool {
		if v, is := o.(T); is && ok(v) {
			found = v
			return true
		}
		var children []fyne.CanvasObject
		if c, is := o.(*fyne.Container); is {
			children = c.Objects
		} else if w, is := o.(fyne.Widget); is {
			children = test.WidgetRenderer(w).Objects()
		}
		for _, child := range children {
			if walk(child) {
				return true
			}
		}
		return false
	}
	walk(root)
	return found
}

func button(t testing.TB, u *ui, label string) *widget.Button {
	return find(t, u, func(b *widget.Button) bool { return b.Text == label })
}

func label(t testing.TB, u *ui, text string) *widget.Label {
	return find(t, u, func(l *widget.Label) bool { return l.Text == text && l.Visible() })
}

func entry(t testing.TB, u *ui, placeholder string) *widget.Entry {
	return find(t, u, func(e *widget.Entry) bool { return e.PlaceHolder == placeholder })
}

// eventually waits for background work (argon2) to reach the UI.
func eventually(t testing.TB, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func signInAs(t testing.TB, u *ui, name, password string) {
	t.Helper()
	test.Type(entry(t, u, i18n.L("field.username")), name)
	test.Type(entry(t, u, i18n.L("field.password")), password)
	test.Tap(button(t, u, i18n.L("action.sign_in")))
}

func TestMain(m *testing.M) {
	i18n.Use(i18n.Chinese)
	background = func(work func() error, done func(error)) { done(work()) }
	code := m.Run()
	if demo.dir != "" {
		os.RemoveAll(demo.dir)
	}
	os.Exit(code)
}

// demo is the demo workspace made once per test run: with its history and
// signed records it takes seconds to make (much longer under -race), and
// most tests only need a fresh copy of it.
var demo struct {
	once      sync.Once
	dir, path string
	err       error
}

// copyDemo writes a fresh copy of the demo workspace to path.
func copyDemo(t testing.TB, path string) {
	t.Helper()
	demo.once.Do(func() {
		if demo.dir, demo.err = os.MkdirTemp("", "shenfa-app-demo-"); demo.err != nil {
			return
		}
		demo.path = filepath.Join(demo.dir, "ws.db")
		w, err := review.Open(demo.path, cheap)
		if err != nil {
			demo.err = err
			return
		}
		demo.err = w.SetupDemo(context.Background())
		if err := w.Close(); demo.err == nil {
			demo.err = err
		}
	})
	if demo.err != nil {
		t.Fatal(demo.err)
	}
	data, err := os.ReadFile(demo.path)
	if err == nil {
		err = os.WriteFile(path, data, 0o600)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// findAll returns every entry on the window in layout order.
func findAll(t *testing.T, u *ui) []*widget.Entry {
	var out []*widget.Entry
	find(t, u, func(e *widget.Entry) bool {
		out = append(out, e)
		return false
	})
	return out
}
