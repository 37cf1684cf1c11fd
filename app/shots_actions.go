//go:build shots

package app

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
)

// scriptable is a screen that offers named actions to screenshot scripts,
// run by `action NAME ARG` (`open FILE` is `action open FILE`). A screen
// implements it in a file of its own built only with -tags shots, and calls
// u.offerActions(s) when it is made.
type scriptable interface {
	// scriptActions returns an object that is on view exactly when the
	// screen is, and the actions by name. An action runs on the UI goroutine
	// with the rest of the script line; the script then waits for any
	// work it started through background.
	scriptActions() (anchor fyne.CanvasObject, actions map[string]func(arg string) error)
}

// offer is a screen made for a window.
type offer struct {
	u *ui
	s scriptable
}

// maxOffers bounds the screens remembered: each navigation makes a new one.
const maxOffers = 32

var offers []offer // used on the UI goroutine only

// offerActions remembers a screen that offers script actions.
func (u *ui) offerActions(s any) {
	sc, ok := s.(scriptable)
	if !ok {
		return
	}
	offers = append(offers, offer{u, sc})
	if len(offers) > maxOffers {
		offers = slices.Delete(offers, 0, len(offers)-maxOffers)
	}
}

// runOffered runs the action name of the newest screen on view that offers it.
func runOffered(u *ui, name, arg string) error {
	var names []string
	for i := len(offers) - 1; i >= 0; i-- {
		o := offers[i]
		if o.u != u {
			continue
		}
		anchor, actions := o.s.scriptActions()
		if !onView(u.win.Canvas(), anchor) {
			continue
		}
		if f, ok := actions[name]; ok {
			return f(arg)
		}
		for n := range actions {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return fmt.Errorf("no screen on view offers actions (%s needs one that does)", name)
	}
	slices.Sort(names)
	return fmt.Errorf("no screen on view offers %q (offered: %s)", name, strings.Join(slices.Compact(names), ", "))
}

// scriptIndex reads a 1-based position among n things, as scripts count.
func scriptIndex(arg string, n int) (int, error) {
	i, err := strconv.Atoi(strings.TrimSpace(arg))
	switch {
	case err != nil:
		return 0, fmt.Errorf("want a number, not %q", arg)
	case n == 0:
		return 0, errors.New("there is nothing to choose from")
	case i < 1 || i > n:
		return 0, fmt.Errorf("want 1 to %d, not %d", n, i)
	}
	return i - 1, nil
}
