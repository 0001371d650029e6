// Package fonts holds the TrueType fonts that Amends embeds in its PDFs and tells,
// reading them once per process, which characters they can draw.
//
// Every family covers Latin, Greek and Cyrillic; anything else (CJK, emoji,
// Arabic...) has to be replaced by the caller before printing.
package fonts

import (
	"fmt"
	"sync"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// Style names one face of a family.
type Style string

// The four faces every Family has.
const (
	Regular    Style = ""
	Bold       Style = "B"
	Italic     Style = "I"
	BoldItalic Style = "BI"
)

// Styles lists the four styles in a fixed order.
func Styles() []Style { return []Style{Regular, Bold, Italic, BoldItalic} }

// Family is a set of four TrueType faces. The byte slices are shared with the
// font modules and must not be modified.
type Family struct {
	Name                              string // family name, also the settings value ("sans", "serif")
	Regular, Bold, Italic, BoldItalic []byte
	// parsed, for the families Amends ships, reads the faces once per process; a family
	// made by hand is read each time it is used.
	parsed func() (*Parsed, error)
}

// Parsed is a family ready for layout: its four faces' TTF data and the characters all
// four can draw. It is never changed once made and may be shared by any number of
// documents at once.
type Parsed struct {
	Name     string
	Faces    map[Style][]byte
	Coverage Coverage
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

// Parse reads the family's four faces, once per process for the families Amends ships.
func (f Family) Parse() (*Parsed, error) {
	if f.parsed != nil {
		return f.parsed()
	}
	return parse(f)
}

func parse(f Family) (*Parsed, error) {
	p := &Parsed{Name: f.Name, Faces: map[Style][]byte{}}
	for i, s := range Styles() {
		c, err := ParseCoverage(f.Face(s))
		if err != nil {
			return nil, fmt.Errorf("font %s style %q: %w", f.Name, s, err)
		}
		p.Faces[s] = f.Face(s)
		if i == 0 {
			p.Coverage = c
		} else {
			p.Coverage = p.Coverage.Intersect(c)
		}
	}
	return p, nil
}

// Coverage returns the characters that all four faces of f can draw.
func (f Family) Coverage() (Coverage, error) {
	p, err := f.Parse()
	if err != nil {
		return Coverage{}, err
	}
	return p.Coverage, nil
}

// The families Amends ships, each read at most once per process for what they can draw
// (fpdf, as patched in third_party/fpdf, parses the faces it embeds once per process too).
var (
	sansOnce  = sync.OnceValues(func() (*Parsed, error) { return parse(sansFamily()) })
	serifOnce = sync.OnceValues(func() (*Parsed, error) { return parse(serifFamily()) })
)

func sansFamily() Family {
	return Family{Name: "sans", Regular: liberationsansregular.TTF, Bold: liberationsansbold.TTF,
		Italic: liberationsansitalic.TTF, BoldItalic: liberationsansbolditalic.TTF}
}

func serifFamily() Family {
	return Family{Name: "serif", Regular: liberationserifregular.TTF, Bold: liberationserifbold.TTF,
		Italic: liberationserifitalic.TTF, BoldItalic: liberationserifbolditalic.TTF}
}

// Sans returns Liberation Sans, metric-compatible with Arial: the default for letters
// and documents. Its hyphen is a hyphen (the Go font's looked like a dash).
func Sans() Family {
	f := sansFamily()
	f.parsed = sansOnce
	return f
}

// Serif returns Liberation Serif, metric-compatible with Times New Roman, for users
// who want a traditional letter.
func Serif() Family {
	f := serifFamily()
	f.parsed = serifOnce
	return f
}

// Names lists the settings values ByName knows, in the order Settings offers them.
func Names() []string { return []string{"sans", "serif"} }

// ByName maps a settings value ("sans", "serif"; empty means sans) to a family.
func ByName(name string) (Family, error) {
	switch name {
	case "", "sans", "go":
		return Sans(), nil
	case "serif":
		return Serif(), nil
	}
	return Family{}, fmt.Errorf("unknown font family %q (want sans or serif)", name)
}
