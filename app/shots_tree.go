//go:build shots

package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test" // WidgetRenderer: the one public way to the parts of a live widget
	"fyne.io/fyne/v2/widget"
)

// windowRoots are the trees a canvas draws, topmost first: pop-ups and
// dialogs, then the content.
func windowRoots(c fyne.Canvas) []fyne.CanvasObject {
	list := c.Overlays().List()
	roots := make([]fyne.CanvasObject, 0, len(list)+1)
	for i := len(list) - 1; i >= 0; i-- {
		roots = append(roots, list[i])
	}
	return append(roots, c.Content())
}

// parts are the objects o draws: a container's, or a widget renderer's.
func parts(o fyne.CanvasObject) []fyne.CanvasObject {
	switch t := o.(type) {
	case *fyne.Container:
		return t.Objects
	case fyne.Widget:
		if r := test.WidgetRenderer(t); r != nil {
			return r.Objects()
		}
	}
	return nil
}

// findObject returns the first visible object under root that match
// accepts, innermost first: a row's button before the row. Hidden objects
// and everything inside them are skipped. A match that always says no
// visits every visible object.
func findObject(root fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	if root == nil || !root.Visible() {
		return nil
	}
	for _, p := range parts(root) {
		if o := findObject(p, match); o != nil {
			return o
		}
	}
	if match(root) {
		return root
	}
	return nil
}

// onView reports whether o and everything around it are shown in the window.
func onView(c fyne.Canvas, o fyne.CanvasObject) bool {
	for _, root := range windowRoots(c) {
		if findObject(root, func(x fyne.CanvasObject) bool { return x == o }) != nil {
			return true
		}
	}
	return false
}

// clickText taps the first visible tappable object labelled text, at the
// label, as a mouse click there would.
func clickText(c fyne.Canvas, text string) error {
	for _, root := range windowRoots(c) {
		var label fyne.CanvasObject
		hit := findObject(root, func(o fyne.CanvasObject) bool {
			if _, ok := o.(fyne.Tappable); ok {
				label = labelOf(o, text)
			}
			return label != nil
		})
		if hit != nil {
			return tap(c, hit.(fyne.Tappable), label, text)
		}
	}
	return fmt.Errorf("nothing visible to click is labelled %q (labels on view: %s)", text, strings.Join(clickLabels(c), " | "))
}

// labelOf returns the part of o that shows text (o itself for a button),
// or nil when o is not labelled text.
func labelOf(o fyne.CanvasObject, text string) fyne.CanvasObject {
	switch t := o.(type) {
	case *widget.Button:
		return labelIf(o, t.Text == text)
	case *widget.Check:
		return labelIf(o, t.Text == text)
	}
	return findObject(o, func(x fyne.CanvasObject) bool {
		t, ok := x.(*canvas.Text)
		return ok && strings.TrimSpace(t.Text) == text
	})
}

func labelIf(o fyne.CanvasObject, ok bool) fyne.CanvasObject {
	if ok {
		return o
	}
	return nil
}

// tap sends a tap at the middle of label to t, which contains it, and
// unfocuses as the desktop driver does for a click outside the focused entry.
func tap(c fyne.Canvas, t fyne.Tappable, label fyne.CanvasObject, text string) error {
	if d, ok := t.(fyne.Disableable); ok && d.Disabled() {
		return fmt.Errorf("%q is disabled", text)
	}
	drv := fyne.CurrentApp().Driver()
	abs := drv.AbsolutePositionForObject(label).Add(fyne.NewPos(label.Size().Width/2, label.Size().Height/2))
	pos := abs.Subtract(drv.AbsolutePositionForObject(t.(fyne.CanvasObject)))
	if f, ok := t.(fyne.Focusable); !ok || f != c.Focused() {
		c.Unfocus()
	}
	t.Tapped(&fyne.PointEvent{Position: pos, AbsolutePosition: abs})
	return nil
}

// clickLabels lists the labels of visible tappable objects, for the message
// of a click that found nothing.
func clickLabels(c fyne.Canvas) []string {
	var out []string
	for _, root := range windowRoots(c) {
		findObject(root, func(o fyne.CanvasObject) bool {
			if _, ok := o.(fyne.Tappable); !ok {
				return false
			}
			text := ""
			if b, ok := o.(*widget.Button); ok {
				text = b.Text
			} else if l := findObject(o, func(x fyne.CanvasObject) bool {
				t, ok := x.(*canvas.Text)
				return ok && strings.TrimSpace(t.Text) != ""
			}); l != nil {
				text = strings.TrimSpace(l.(*canvas.Text).Text)
			}
			if text != "" && !slices.Contains(out, text) && len(out) < 40 {
				out = append(out, text)
			}
			return false
		})
	}
	return out
}
