package pdf

import (
	"fmt"
	"strings"
)

const mmPerInch = 25.4

// Paper is a sheet format with its window-envelope geometry. The zero value
// is A4.
type Paper int

const (
	// A4 is 210 x 297 mm laid out for DIN 5008 form B and DL/C5/C6 window
	// envelopes.
	A4 Paper = iota
	// USLetter is 8.5 x 11 in in block format for a #10 window envelope.
	USLetter
)

// ParsePaper reads a settings value: "A4" or "Letter" (any case).
func ParsePaper(s string) (Paper, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "a4", "":
		return A4, nil
	case "letter", "us letter", "usletter":
		return USLetter, nil
	}
	return 0, fmt.Errorf("unknown paper %q (want A4 or Letter)", s)
}

func (p Paper) String() string {
	switch p {
	case A4:
		return "A4"
	case USLetter:
		return "Letter"
	}
	return fmt.Sprintf("Paper(%d)", int(p))
}

// Rect is a rectangle on the sheet in mm, measured from the top-left corner.
type Rect struct{ X, Y, W, H float64 }

// Offset moves the printed address in mm (positive: right, down) to make up
// for a printer or envelope that is a little off.
type Offset struct{ X, Y float64 }

// MaxOffset bounds Offset on either axis: more than that means the settings
// are wrong rather than the printer.
const MaxOffset = 20.0

// Geometry is where things go on a sheet, all in mm from the top-left corner.
type Geometry struct {
	Width, Height            float64
	Left, Right, Top, Bottom float64 // text margins

	// Window is the area that shows through the envelope window.
	Window Rect
	// ReturnZone is the height at the top of Window kept for the one-line
	// sender (return) address; 0 means the paper has none.
	ReturnZone float64
	// AddressInset is where the first recipient line starts inside Window.
	AddressInset Offset
	// AddressLines is how many recipient lines the window is meant for;
	// more are squeezed in while they fit.
	AddressLines int

	Folds []float64 // fold marks, mm from the top
	Hole  float64   // punch-hole mark, mm from the top; 0 for none
}

// Geometry returns the layout measures of p.
func (p Paper) Geometry() Geometry {
	if p == USLetter {
		in := mmPerInch
		return Geometry{
			Width: 8.5 * in, Height: 11 * in,
			Left: in, Right: in, Top: in, Bottom: in,
			// The #10 window is 4.5 x 1.125 in; a block starting 1 in from the
			// left edge, 2.1 in from the top and at most 3.25 in wide shows
			// through it wherever the letter slides in the envelope.
			Window:       Rect{X: 0.875 * in, Y: 2.0 * in, W: 3.5 * in, H: 1.125 * in},
			AddressInset: Offset{X: 0.125 * in, Y: 0.1 * in},
			AddressLines: 5,
			Folds:        []float64{3.667 * in, 7.333 * in},
		}
	}
	return Geometry{
		Width: 210, Height: 297,
		Left: 25, Right: 20, Top: 15, Bottom: 25,
		// DIN 5008 form B: address field 85 x 45 mm at 20/45 mm. Its top
		// 17.7 mm is the notes zone with the return address in its first
		// 5 mm; the recipient zone below holds six lines, text starting at
		// 25 mm like the body.
		Window:       Rect{X: 20, Y: 45, W: 85, H: 45},
		ReturnZone:   5,
		AddressInset: Offset{X: 5, Y: 17.7},
		AddressLines: 6,
		Folds:        []float64{105, 210},
		Hole:         148.5,
	}
}

func (p Paper) valid() error {
	if p != A4 && p != USLetter {
		return fmt.Errorf("unknown paper %d", int(p))
	}
	return nil
}

func (o Offset) valid() error {
	if o.X != o.X || o.Y != o.Y || o.X < -MaxOffset || o.X > MaxOffset || o.Y < -MaxOffset || o.Y > MaxOffset {
		return fmt.Errorf("address offset %+.1f/%+.1f mm is outside ±%.0f mm; check the envelope settings", o.X, o.Y, MaxOffset)
	}
	return nil
}

// shifted returns r moved by o.
func (r Rect) shifted(o Offset) Rect {
	return Rect{X: r.X + o.X, Y: r.Y + o.Y, W: r.W, H: r.H}
}
