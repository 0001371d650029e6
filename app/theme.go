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

// variantTheme is the default theme with its light/dark variant forced.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// themeFor gives the theme for a choice ("System", "Light" or "Dark"; anything else is System).
func themeFor(choice string) fyne.Theme {
	switch choice {
	case "Light":
		return variantTheme{theme.DefaultTheme(), theme.VariantLight}
	case "Dark":
		return variantTheme{theme.DefaultTheme(), theme.VariantDark}
	default:
		return theme.DefaultTheme()
	}
}

// applyTheme sets the theme the user chose last (the system's by default).
func (u *UI) applyTheme() {
	choice := u.app.Preferences().StringWithFallback(prefTheme, themeChoices[0])
	if choice == themeChoices[0] {
		// Leave the system theme in place; Fyne follows the system's light/dark setting.
		if _, forced := u.app.Settings().Theme().(variantTheme); !forced {
			return
		}
	}
	u.app.Settings().SetTheme(themeFor(choice))
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
