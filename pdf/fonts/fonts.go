// Package fonts holds the TrueType fonts that Amends embeds in its PDFs and
// tells which characters they can draw.
//
// Every family covers Latin, Greek and Cyrillic; anything else (CJK, emoji,
// Arabic...) has to be replaced by the caller before printing.
package fonts

import (
	"fmt"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
)

// Style names one face of a family, spelled the way fpdf's SetFont wants it.
type Style string

// The four faces every Family has.
const (
	Regular    Style = ""
	Bold       Style = "B"
	Italic     Style = "I"
	BoldItalic Style = "BI"
)

// Family is a set of four TrueType faces. The byte slices are shared with the
// font modules and must not be modified.
type Family struct {
	Name                              string // family name used inside the PDF
	Regular, Bold, Italic, BoldItalic []byte
}

// Face returns the TTF data of one style.
func (f Family) Face(s Style) []byte {
	switch s {
	case Bold:
		return f.Bold
	case Italic:
		return f.Italic
	case BoldItalic:
		return f.BoldItalic
	default:
		return f.Regular
	}
}

// Go returns the Go fonts: a clean sans-serif, the default.
func Go() Family {
	return Family{
		Name:       "go",
		Regular:    goregular.TTF,
		Bold:       gobold.TTF,
		Italic:     goitalic.TTF,
		BoldItalic: gobolditalic.TTF,
	}
}

// Serif returns Liberation Serif, metric-compatible with Times New Roman,
// for users who want a traditional letter.
func Serif() Family {
	return Family{
		Name:       "serif",
		Regular:    liberationserifregular.TTF,
		Bold:       liberationserifbold.TTF,
		Italic:     liberationserifitalic.TTF,
		BoldItalic: liberationserifbolditalic.TTF,
	}
}

// ByName maps a settings value ("sans", "serif"; empty means sans) to a family.
func ByName(name string) (Family, error) {
	switch name {
	case "", "sans", "go":
		return Go(), nil
	case "serif":
		return Serif(), nil
	}
	return Family{}, fmt.Errorf("unknown font family %q (want sans or serif)", name)
}
