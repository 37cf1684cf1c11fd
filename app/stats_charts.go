package app

import (
	"errors"
	"image"
	"image/color"
	"image/png"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shenfa/app/i18n"
)

// The charts of the 统计 screen are plain canvas rectangles whose colour is
// asked of the theme on every refresh, so that they follow a switch between
// light and dark, and whose exact figure is shown when the pointer rests on
// them (Fyne has no tooltips) and in the table beside each chart.

// cell is one coloured rectangle of a chart: a bar or a week of a heat
// strip. Strength (0–1) fades the colour; 0 draws the empty-cell colour.
type cell struct {
	widget.BaseWidget
	colour   fyne.ThemeColorName
	strength float32
	tip      string
	hover    func(tip string) // the chart's label that shows tip; nil for none
}

func newCell(colour fyne.ThemeColorName, strength float32, tip string, hover func(string)) *cell {
	c := &cell{colour: colour, strength: strength, tip: tip, hover: hover}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer draws the cell as one rectangle.
func (c *cell) CreateRenderer() fyne.WidgetRenderer {
	r := &cellRenderer{c: c, rect: canvas.NewRectangle(color.Transparent)}
	r.rect.CornerRadius = 2
	r.Refresh()
	return r
}

// MouseIn shows the cell's figure.
func (c *cell) MouseIn(*desktop.MouseEvent) {
	if c.hover != nil {
		c.hover(c.tip)
	}
}

// MouseMoved is needed for desktop.Hoverable.
func (c *cell) MouseMoved(*desktop.MouseEvent) {}

// MouseOut clears the figure.
func (c *cell) MouseOut() {
	if c.hover != nil {
		c.hover("")
	}
}

type cellRenderer struct {
	c    *cell
	rect *canvas.Rectangle
}

func (r *cellRenderer) Layout(s fyne.Size)           { r.rect.Resize(s) }
func (r *cellRenderer) MinSize() fyne.Size           { return fyne.NewSize(4, 4) }
func (r *cellRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *cellRenderer) Destroy()                     {}
func (r *cellRenderer) Refresh()                     { r.rect.FillColor = cellColour(r.c); r.rect.Refresh() }
func cellColour(c *cell) color.Color {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := fyne.CurrentApp().Settings().Theme()
	if c.strength <= 0 {
		return th.Color(theme.ColorNameDisabledButton, v) // an empty week, visible in light and dark
	}
	r, g, b, _ := th.Color(c.colour, v).RGBA()
	a := 0.3 + 0.7*min(c.strength, 1) // even a single item must be visible
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a * 255)}
}

// barLayout gives its one object the share frac of the width.
type barLayout struct{ frac float32 }

func (l barLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	for _, o := range objs {
		h := min(s.Height, theme.TextSize()+2)
		o.Move(fyne.NewPos(0, (s.Height-h)/2))
		o.Resize(fyne.NewSize(max(2, s.Width*l.frac), h))
	}
}

func (l barLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(160, theme.TextSize()+2)
}

// bar is one bar of a chart: its label, its value, and how the value is
// written.
type bar struct {
	label string
	value float64
	text  string
}

// barChart draws horizontal bars, the longest for the largest value, each
// with its label and its figure written beside it.
func barChart(colour fyne.ThemeColorName, bars []bar) fyne.CanvasObject {
	if len(bars) == 0 {
		return widget.NewLabel(i18n.L("stats.no_data"))
	}
	top := 0.0
	for _, b := range bars {
		top = max(top, b.value)
	}
	hint := widget.NewLabel("")
	hint.Importance = widget.LowImportance
	var rows []fyne.CanvasObject
	for _, b := range bars {
		frac := float32(0)
		if top > 0 {
			frac = float32(b.value / top)
		}
		tip := b.label + "：" + b.text
		c := newCell(colour, 1, tip, func(s string) { hint.SetText(s) })
		rows = append(rows, widget.NewLabel(b.label),
			container.NewBorder(nil, nil, nil, widget.NewLabel(b.text), container.New(barLayout{frac}, c)))
	}
	return container.NewVBox(container.New(layout2Cols{}, rows...), hint)
}

// layout2Cols lays objects out in rows of two: the first column as wide as
// its widest object, the second taking the rest.
type layout2Cols struct{}

func (layout2Cols) widths(objs []fyne.CanvasObject) float32 {
	w := float32(0)
	for i := 0; i < len(objs); i += 2 {
		w = max(w, objs[i].MinSize().Width)
	}
	return w
}

func (l layout2Cols) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	first := l.widths(objs)
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		h := max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(first, h))
		objs[i+1].Move(fyne.NewPos(first, y))
		objs[i+1].Resize(fyne.NewSize(max(0, s.Width-first), h))
		y += h
	}
}

func (l layout2Cols) MinSize(objs []fyne.CanvasObject) fyne.Size {
	first, second, h := l.widths(objs), float32(0), float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		second = max(second, objs[i+1].MinSize().Width)
		h += max(objs[i].MinSize().Height, objs[i+1].MinSize().Height)
	}
	return fyne.NewSize(first+second, h)
}

// grid is a table of labels: a heading row, then the rows. It is the table
// view beside each chart: the same figures, exact and selectable by eye.
func grid(head []string, rows [][]string) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, h := range head {
		objs = append(objs, widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for _, r := range rows {
		for i := range head {
			text := ""
			if i < len(r) {
				text = r[i]
			}
			objs = append(objs, widget.NewLabel(text))
		}
	}
	table := container.New(columnsLayout{len(head)}, objs...)
	if len(rows) == 0 {
		return container.NewVBox(table, widget.NewLabel(i18n.L("stats.no_data")))
	}
	return table
}

// columnsLayout lays objects out in rows of n, each column as wide as its
// widest cell, so that a table is no wider than its figures need.
type columnsLayout struct{ n int }

func (l columnsLayout) sizes(objs []fyne.CanvasObject) ([]float32, []float32) {
	widths := make([]float32, l.n)
	var heights []float32
	for i, o := range objs {
		m := o.MinSize()
		widths[i%l.n] = max(widths[i%l.n], m.Width)
		if i%l.n == 0 {
			heights = append(heights, 0)
		}
		heights[len(heights)-1] = max(heights[len(heights)-1], m.Height)
	}
	return widths, heights
}

func (l columnsLayout) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	widths, heights := l.sizes(objs)
	x, y := float32(0), float32(0)
	for i, o := range objs {
		c := i % l.n
		if c == 0 {
			x = 0
			if i > 0 {
				y += heights[i/l.n-1]
			}
		}
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(widths[c], heights[i/l.n]))
		x += widths[c]
	}
}

func (l columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	widths, heights := l.sizes(objs)
	var s fyne.Size
	for _, w := range widths {
		s.Width += w
	}
	for _, h := range heights {
		s.Height += h
	}
	return s
}

// chartCard is a chart with its title, its table and a button that saves
// the chart as PNG.
func (s *statsScreen) chartCard(title, file string, chart, table fyne.CanvasObject) fyne.CanvasObject {
	save := widget.NewButtonWithIcon(i18n.L("stats.export_png"), theme.DownloadIcon(), nil)
	// The table goes under its chart: beside it, a wide table would make
	// the window wider than a laptop's screen.
	body := container.NewVBox(chart, container.NewHScroll(table))
	framed := container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), body)
	save.OnTapped = func() { s.savePNG(file, framed) }
	return container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(save), framed), widget.NewSeparator())
}

// capture is the part of the window's drawn frame that obj covers: what the
// user sees is what the PNG holds, in the theme on view. It works with
// every driver, the headless one of the tests included.
func capture(win fyne.Window, obj fyne.CanvasObject) (image.Image, error) {
	c := win.Canvas()
	frame := c.Capture()
	if frame == nil {
		return nil, errors.New("the window could not be captured")
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(obj)
	size := obj.Size()
	sc := c.Scale()
	// The frame may be drawn at a pixel scale other than the canvas's.
	if w := c.Size().Width; w > 0 {
		sc = float32(frame.Bounds().Dx()) / w
	}
	r := image.Rect(int(pos.X*sc), int(pos.Y*sc), int((pos.X+size.Width)*sc), int((pos.Y+size.Height)*sc)).
		Intersect(frame.Bounds())
	if r.Empty() {
		return nil, errors.New("the chart is not on view")
	}
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			out.Set(x-r.Min.X, y-r.Min.Y, frame.At(x, y))
		}
	}
	return out, nil
}

// savePNG asks where to save the chart obj and writes it there.
func (s *statsScreen) savePNG(file string, obj fyne.CanvasObject) {
	s.u.touch()
	img, err := capture(s.u.win, obj)
	if err != nil {
		dialog.ShowError(i18n.Errorf("stats.png_failed", map[string]any{"Error": err.Error()}), s.u.win)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		err = png.Encode(w, img)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			dialog.ShowError(i18n.Errorf("stats.png_failed", map[string]any{"Error": err.Error()}), s.u.win)
		}
	}, s.u.win)
	d.SetFileName(file + ".png")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png"}))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// fileSafe keeps a channel name usable as part of a file name.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|@ `, r) {
			return '_'
		}
		return r
	}, s)
}
