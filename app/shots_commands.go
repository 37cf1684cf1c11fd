//go:build shots

package app

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
)

// destinationAliases are other names scripts may use for a destination.
var destinationAliases = map[string]string{"quickcheck": "check"}

// signIn fills in the sign-in form and presses its button, as a user would.
func (r *shotRunner) signIn(args []string) error {
	err := r.onUI(func() error {
		if r.u.sess != nil {
			return fmt.Errorf("%s is signed in already (signout first)", r.u.sess.User.Name)
		}
		var name, password *widget.Entry
		for _, root := range windowRoots(r.u.win.Canvas()) {
			findObject(root, func(o fyne.CanvasObject) bool {
				if e, ok := o.(*widget.Entry); ok && e.Password && password == nil {
					password = e
				} else if ok && !e.Password && name == nil {
					name = e
				}
				return false
			})
		}
		if name == nil || password == nil {
			return errors.New("no sign-in form on screen")
		}
		name.SetText(args[0])
		password.SetText(args[1])
		return clickText(r.u.win.Canvas(), i18n.L("action.sign_in"))
	})
	if err != nil {
		return err
	}
	if err := r.settle(); err != nil {
		return err
	}
	return r.onUI(func() error {
		if r.u.sess == nil {
			return fmt.Errorf("%s was not signed in: %s", args[0], strings.Join(r.messages(), "; "))
		}
		return nil
	})
}

func (r *shotRunner) signOut([]string) error {
	err := r.onUI(func() error {
		if r.u.sess == nil {
			return errors.New("nobody is signed in")
		}
		r.u.signOut()
		r.dest = ""
		return nil
	})
	if err != nil {
		return err
	}
	return r.settle()
}

// messages are the error texts on screen, to say why something failed.
func (r *shotRunner) messages() []string {
	var out []string
	for _, root := range windowRoots(r.u.win.Canvas()) {
		findObject(root, func(o fyne.CanvasObject) bool {
			if l, ok := o.(*widget.Label); ok && l.Importance == widget.DangerImportance && l.Text != "" {
				out = append(out, l.Text)
			}
			return false
		})
	}
	if len(out) == 0 {
		out = []string{"no message on screen"}
	}
	return out
}

// goTo selects a destination of the navigation by its key in shell.go.
func (r *shotRunner) goTo(args []string) error {
	key := args[0]
	if k, ok := destinationAliases[key]; ok {
		key = k
	}
	err := r.onUI(func() error {
		if r.u.sess == nil || r.u.navigate == nil {
			return errors.New("nobody is signed in (signin first)")
		}
		var keys []string
		for _, d := range visibleTo(r.u.sess.User) {
			keys = append(keys, d.key)
		}
		if !slices.Contains(keys, key) {
			return fmt.Errorf("%s is not a destination of %s (theirs: %s)", key, r.u.sess.User.Name, strings.Join(keys, ", "))
		}
		r.u.navigate(key)
		r.dest = key
		return nil
	})
	if err != nil {
		return err
	}
	return r.settle()
}

// action runs an action offered by a screen on view (shots_actions.go).
func (r *shotRunner) action(name, arg string) error {
	if err := r.onUI(func() error { return runOffered(r.u, name, arg) }); err != nil {
		return err
	}
	return r.settle()
}

// size resizes the window and waits until the canvas has the new size.
func (r *shotRunner) size(args []string) error {
	w, errW := strconv.Atoi(args[0])
	h, errH := strconv.Atoi(args[1])
	if errW != nil || errH != nil || w < 100 || h < 100 {
		return fmt.Errorf("want a width and a height of at least 100, not %q %q", args[0], args[1])
	}
	want := fyne.NewSize(float32(w), float32(h))
	fyne.DoAndWait(func() { r.u.win.Resize(want) })
	var got fyne.Size
	for deadline := time.Now().Add(resizeWait); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		fyne.DoAndWait(func() { got = r.u.win.Canvas().Size() })
		if got == want {
			return r.settle()
		}
	}
	return fmt.Errorf("the window is %vx%v, not %dx%d (is the screen large enough, or the content's minimum larger?)",
		got.Width, got.Height, w, h)
}

func (r *shotRunner) theme(args []string) error {
	keys := map[string]string{"light": "light", "dark": "dark", "system": ""}
	v, ok := keys[args[0]]
	if !ok {
		return fmt.Errorf("want light, dark or system, not %q", args[0])
	}
	fyne.DoAndWait(func() {
		r.u.app.Preferences().SetString(prefTheme, v)
		applyTheme(r.u.app)
	})
	return r.settle()
}

// lang switches the language as Settings does, then shows the destination
// the script was on again (setLanguage itself goes to Settings).
func (r *shotRunner) lang(args []string) error {
	codes := map[string]string{"zh": i18n.Chinese, "en": i18n.English}
	code, ok := codes[args[0]]
	if !ok {
		return fmt.Errorf("want zh or en, not %q", args[0])
	}
	fyne.DoAndWait(func() {
		if code == i18n.Current() {
			return
		}
		r.u.setLanguage(code)
		if r.u.sess != nil && r.dest != "" {
			r.u.navigate(r.dest)
		}
	})
	return r.settle()
}

func (r *shotRunner) wait(args []string) error {
	ms, err := strconv.Atoi(args[0])
	if err != nil || ms < 0 {
		return fmt.Errorf("want milliseconds, not %q", args[0])
	}
	time.Sleep(time.Duration(ms) * time.Millisecond)
	return nil
}

// shot writes what the window's canvas shows to a PNG file.
func (r *shotRunner) shot(args []string) error {
	path := strings.Join(args, " ")
	if !strings.EqualFold(filepath.Ext(path), ".png") {
		return fmt.Errorf("%s: the file must end in .png", path)
	}
	if err := r.settle(); err != nil {
		return err
	}
	var img image.Image
	fyne.DoAndWait(func() { img = r.u.win.Canvas().Capture() })
	if img == nil || img.Bounds().Empty() {
		return errors.New("the window gave no image")
	}
	out := opaque(img)
	if allBlack(out) {
		// Mesa's llvmpipe reads the front buffer back as zeros under Xvfb; softpipe does not.
		return errors.New("the captured frame is all black: with Mesa's software GL under Xvfb, run with GALLIUM_DRIVER=softpipe (make shots does)")
	}
	if err := writePNG(path, out); err != nil {
		return err
	}
	b := img.Bounds()
	fmt.Fprintf(os.Stderr, "shots: wrote %s (%dx%d)\n", path, b.Dx(), b.Dy())
	return nil
}

// opaque copies the captured frame with full alpha: the screen shows the
// colours, whatever alpha the framebuffer keeps.
func opaque(img image.Image) *image.NRGBA {
	b := img.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			out.SetNRGBA(x-b.Min.X, y-b.Min.Y, color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0xFF})
		}
	}
	return out
}

// allBlack reports whether every pixel is black, which no screen of the app
// is (even the dark theme's background is grey): the frame was not read.
func allBlack(img *image.NRGBA) bool {
	for i := 0; i < len(img.Pix); i += 4 {
		if img.Pix[i]|img.Pix[i+1]|img.Pix[i+2] != 0 {
			return false
		}
	}
	return true
}

// writePNG writes the image through a temporary file, so that a failed run
// leaves the previous screenshot in place.
func writePNG(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".shot-*.png")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	err = png.Encode(tmp, img)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// click taps the first visible button, tab or list row labelled text.
func (r *shotRunner) click(args []string) error {
	text := strings.Join(args, " ")
	if err := r.onUI(func() error { return clickText(r.u.win.Canvas(), text) }); err != nil {
		return err
	}
	return r.settle()
}
