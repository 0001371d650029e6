package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The theme choice is kept in the app preferences (it belongs to this computer, not the data).
const prefTheme = "theme"

// themeChoices are the labels shown in Settings, in order; the first follows the system.
var themeChoices = []string{"System", "Light", "Dark"}

// amendsTheme is Fyne's default theme with colours that read: every colour used for
// text is at least 4.5:1 against the backgrounds it is drawn on, in both variants
// (WCAG AA; TestThemeContrast measures each pair). Fyne's own light theme has a green
// of 1.4:1 and an orange of 2:1 on white, and draws disabled and low-importance text
// in a grey of 1.3:1, which is how "Lost" and "Let go" vanished.
//
// Disabled text keeps 4.5:1 as well, because Fyne draws low-importance labels (hints,
// "Saved 10:42") in the disabled colour; the foreground is darker than Fyne's in the
// light variant, so that disabled buttons and fields still look disabled beside it.
type amendsTheme struct {
	fyne.Theme
	forced  bool // the variant is the user's choice, not the system's
	variant fyne.ThemeVariant
}

// palette holds the colours amendsTheme changes, per variant; the rest are Fyne's.
var palette = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantLight: {
		theme.ColorNameForeground:          color.NRGBA{R: 0x1f, G: 0x1f, B: 0x1f, A: 0xff},
		theme.ColorNameDisabled:            color.NRGBA{R: 0x62, G: 0x62, B: 0x62, A: 0xff},
		theme.ColorNamePlaceHolder:         color.NRGBA{R: 0x62, G: 0x62, B: 0x62, A: 0xff},
		theme.ColorNamePrimary:             color.NRGBA{R: 0x22, G: 0x5c, B: 0xcc, A: 0xff},
		theme.ColorNameHyperlink:           color.NRGBA{R: 0x22, G: 0x5c, B: 0xcc, A: 0xff},
		theme.ColorNameError:               color.NRGBA{R: 0xb5, G: 0x32, B: 0x28, A: 0xff},
		theme.ColorNameWarning:             color.NRGBA{R: 0x8f, G: 0x55, B: 0x00, A: 0xff},
		theme.ColorNameSuccess:             color.NRGBA{R: 0x1f, G: 0x70, B: 0x19, A: 0xff},
		theme.ColorNameForegroundOnPrimary: color.White,
		theme.ColorNameForegroundOnError:   color.White,
		theme.ColorNameForegroundOnWarning: color.White,
		theme.ColorNameForegroundOnSuccess: color.White,
		theme.ColorNameSelection:           color.NRGBA{R: 0x00, G: 0x6c, B: 0xff, A: 0x30},
		theme.ColorNameInputBorder:         color.NRGBA{R: 0x8a, G: 0x8a, B: 0x8a, A: 0xff},
	},
	theme.VariantDark: {
		theme.ColorNameDisabled:            color.NRGBA{R: 0x92, G: 0x92, B: 0x93, A: 0xff},
		theme.ColorNamePrimary:             color.NRGBA{R: 0x58, G: 0x8f, B: 0xf8, A: 0xff},
		theme.ColorNameHyperlink:           color.NRGBA{R: 0x58, G: 0x8f, B: 0xf8, A: 0xff},
		theme.ColorNameError:               color.NRGBA{R: 0xf8, G: 0x6e, B: 0x64, A: 0xff},
		theme.ColorNameForegroundOnPrimary: color.NRGBA{R: 0x11, G: 0x11, B: 0x12, A: 0xff},
		theme.ColorNameForegroundOnError:   color.NRGBA{R: 0x11, G: 0x11, B: 0x12, A: 0xff},
		theme.ColorNameForegroundOnWarning: color.NRGBA{R: 0x11, G: 0x11, B: 0x12, A: 0xff},
		theme.ColorNameForegroundOnSuccess: color.NRGBA{R: 0x11, G: 0x11, B: 0x12, A: 0xff},
		theme.ColorNameSelection:           color.NRGBA{R: 0x00, G: 0x6c, B: 0xff, A: 0x30},
		theme.ColorNameInputBorder:         color.NRGBA{R: 0x6a, G: 0x6a, B: 0x6c, A: 0xff},
	},
}

func (t amendsTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced {
		v = t.variant
	}
	if c, ok := palette[v][n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}

// themeFor gives the theme for a choice ("System", "Light" or "Dark"; anything else is System).
func themeFor(choice string) fyne.Theme {
	switch choice {
	case "Light":
		return amendsTheme{Theme: theme.DefaultTheme(), forced: true, variant: theme.VariantLight}
	case "Dark":
		return amendsTheme{Theme: theme.DefaultTheme(), forced: true, variant: theme.VariantDark}
	default:
		return amendsTheme{Theme: theme.DefaultTheme()}
	}
}

// applyTheme sets the theme the user chose last (the system's variant by default).
func (u *UI) applyTheme() {
	u.app.Settings().SetTheme(themeFor(u.app.Preferences().StringWithFallback(prefTheme, themeChoices[0])))
}

// themeFormItem is the Settings row that picks the theme; it applies at once.
func (u *UI) themeFormItem() *widget.FormItem {
	sel := widget.NewRadioGroup(themeChoices, func(choice string) {
		if choice == "" {
			return
		}
		u.app.Preferences().SetString(prefTheme, choice)
		u.app.Settings().SetTheme(themeFor(choice))
	})
	sel.Horizontal = true
	sel.Required = true
	sel.SetSelected(u.app.Preferences().StringWithFallback(prefTheme, themeChoices[0]))
	return &widget.FormItem{Text: "Theme", Widget: sel, HintText: "Applies at once, on this computer"}
}

// readFontFaces has Fyne read the faces the first frame draws with, regular and bold,
// by measuring a letter in each.
func readFontFaces() {
	for _, s := range []fyne.TextStyle{{}, {Bold: true}} {
		fyne.MeasureText("A", theme.TextSize(), s)
	}
}

// tint is c made translucent, for the background of a row or a strip that must read on
// both variants (an overdue follow-up, the sample-data banner).
func tint(c color.Color, alpha uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return color.NRGBA{R: n.R, G: n.G, B: n.B, A: alpha}
}

// overdueTint is the background of an overdue follow-up's row; its text keeps 4.5:1 on it.
func overdueTint() color.Color { return tint(theme.Color(theme.ColorNameError), 0x30) }
