package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"shenfa/assets"
)

// Colour names for findings and tracked changes; every screen asks the
// theme for these instead of hard-coding colours.
const (
	ColorBlock    fyne.ThemeColorName = "shenfa.block"    // must be fixed
	ColorWarn     fyne.ThemeColorName = "shenfa.warn"     // must be looked at
	ColorInfo     fyne.ThemeColorName = "shenfa.info"     // shown only
	ColorInserted fyne.ThemeColorName = "shenfa.inserted" // text added by a revision
	ColorDeleted  fyne.ThemeColorName = "shenfa.deleted"  // text removed by a revision
)

var uiFont = fyne.NewStaticResource("DroidSansFallbackFull.ttf", assets.UIFont)

// Icon is the application icon.
var Icon = fyne.NewStaticResource("icon.png", assets.Icon)

// shenfaTheme renders Chinese with the embedded font on machines without
// CJK fonts and adds the severity and change colours. Bold is not drawn for
// CJK glyphs, so emphasis uses these colours instead.
type shenfaTheme struct{ fyne.Theme }

func newTheme() fyne.Theme { return &shenfaTheme{Theme: theme.DefaultTheme()} }

var palette = map[fyne.ThemeColorName][2]color.NRGBA{ // light, dark
	ColorBlock:    {{0xC6, 0x28, 0x28, 0xFF}, {0xFF, 0x6B, 0x6B, 0xFF}},
	ColorWarn:     {{0xB2, 0x6A, 0x00, 0xFF}, {0xFF, 0xB7, 0x4D, 0xFF}},
	ColorInfo:     {{0x1E, 0x63, 0xB5, 0xFF}, {0x7F, 0xB8, 0xFF, 0xFF}},
	ColorInserted: {{0x1B, 0x7F, 0x3B, 0xFF}, {0x6F, 0xD8, 0x8A, 0xFF}},
	ColorDeleted:  {{0xA3, 0x1F, 0x1F, 0xFF}, {0xFF, 0x8A, 0x80, 0xFF}},
	// A seal red for the primary colour suits a government approval tool.
	theme.ColorNamePrimary: {{0xC8, 0x10, 0x2E, 0xFF}, {0xE5, 0x4B, 0x5C, 0xFF}},
}

func (t *shenfaTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := palette[n]; ok {
		if v == theme.VariantDark {
			return c[1]
		}
		return c[0]
	}
	return t.Theme.Color(n, v)
}

func (t *shenfaTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return t.Theme.Font(s)
	}
	return uiFont
}

// variantTheme forces light or dark regardless of the system setting.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}
