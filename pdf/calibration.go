package pdf

import (
	"fmt"
	"io"

	"github.com/amends/amends/pdf/fonts"
)

type calibrationText struct {
	title, offsets, window, ruler, fold, hole, sender string
	steps                                             []string
	sample                                            []string
}

var calibrationEN = calibrationText{
	title:   "Envelope window check",
	offsets: "Paper: %s · address offset X %+.1f mm, Y %+.1f mm",
	window:  "This whole box must show in the window",
	ruler:   "Hold a ruler to the paper edge: the marks should match. If they do not, the printer shifts or scales the page.",
	fold:    "fold",
	hole:    "hole",
	sender:  "Sender · 1 Street · Town",
	steps: []string{
		"Print this page at 100 % (actual size; turn off “fit to page”).",
		"Fold it at the fold marks, the short lines at the left edge, as you fold your letters.",
		"Put it in one of your window envelopes.",
		"Check that the dashed box and the sample address show completely in the window.",
		"If they do not, measure how far they are off and adjust the address offsets in Settings (positive X moves right, positive Y moves down). Print this page again to check.",
	},
	sample: []string{"Sample Recipient", "Sample Company Ltd", "1 Sample Street", "Sampletown AB1 2CD"},
}

var calibrationDE = calibrationText{
	title:   "Prüfseite für Fensterumschläge",
	offsets: "Papier: %s · Adressversatz X %+.1f mm, Y %+.1f mm",
	window:  "Dieser Rahmen muss ganz im Fenster sichtbar sein",
	ruler:   "Legen Sie ein Lineal an die Papierkante: Die Striche sollten passen. Sonst verschiebt oder skaliert der Drucker die Seite.",
	fold:    "Falz",
	hole:    "Loch",
	sender:  "Absender · Straße 1 · 12345 Ort",
	steps: []string{
		"Drucken Sie diese Seite mit 100 % (tatsächliche Größe, „an Seite anpassen“ aus).",
		"Falten Sie sie an den Falzmarken, den kurzen Strichen am linken Rand, wie Ihre Briefe.",
		"Stecken Sie sie in einen Ihrer Fensterumschläge.",
		"Prüfen Sie, ob der gestrichelte Rahmen und die Musteradresse ganz im Fenster zu sehen sind.",
		"Wenn nicht, messen Sie die Abweichung und passen Sie den Adressversatz in den Einstellungen an (positives X nach rechts, positives Y nach unten). Drucken Sie die Seite zur Kontrolle erneut.",
	},
	sample: []string{"Erika Mustermann", "Musterfirma GmbH", "Musterstraße 1", "12345 Musterstadt"},
}

// Calibration writes a one-page PDF that shows where the address window,
// fold marks and hole mark fall with the given offset, with rulers and
// instructions, so the user can check it against their own envelopes.
func Calibration(out io.Writer, p Paper, off Offset, language string) (err error) {
	defer guard(&err, "render calibration page")
	lg, err := parseLang(language)
	if err != nil {
		return fmt.Errorf("render calibration page: %w", err)
	}
	if err := off.valid(); err != nil {
		return fmt.Errorf("render calibration page: %w", err)
	}
	w, err := newWriter(p, fonts.Family{}, fixedDate)
	if err != nil {
		return fmt.Errorf("render calibration page: %w", err)
	}
	drawCalibration(w, p, off, lg.calibration)
	if err := w.finish(out); err != nil {
		return fmt.Errorf("render calibration page: %w", err)
	}
	return nil
}

func drawCalibration(w *writer, p Paper, off Offset, t calibrationText) {
	g := w.g
	f := w.f
	textW := g.Width - g.Left - g.Right
	f.SetTitle(t.title)
	f.AddPage()

	rulers(w)

	// Fold and hole marks as on a letter, drawn longer and labelled, but
	// only in the margin so they never cross the instructions.
	marks(w)
	w.setFont(fonts.Regular, 6)
	f.SetTextColor(110, 110, 110)
	f.SetDashPattern([]float64{1, 1}, 0)
	guide := func(y float64, label string) {
		w.hline(10, g.Left-2, y, 0.15, 110)
		w.text(10, y-2.8, 20, 2.6, 'L', label)
	}
	for _, y := range g.Folds {
		guide(y, fmt.Sprintf("%s %.1f mm", t.fold, y))
	}
	if g.Hole > 0 {
		guide(g.Hole, fmt.Sprintf("%s %.1f mm", t.hole, g.Hole))
	}
	f.SetDashPattern(nil, 0)

	// Title clear of the window.
	w.setFont(fonts.Bold, 15)
	f.SetTextColor(0, 0, 0)
	w.text(g.Left, g.Top, textW, lineHeight(15), 'L', t.title)
	w.setFont(fonts.Regular, 9)
	w.text(g.Left, g.Top+lineHeight(15), textW, lineHeight(9), 'L', fmt.Sprintf(t.offsets, p, off.X, off.Y))

	// The window as the address will be printed, with a sample address.
	win := g.Window.shifted(off)
	f.SetDashPattern([]float64{2, 1}, 0)
	f.SetLineWidth(0.3)
	f.SetDrawColor(0, 0, 0)
	f.Rect(win.X, win.Y, win.W, win.H, "D")
	f.SetDashPattern(nil, 0)
	ax := win.X + g.AddressInset.X
	if g.ReturnZone > 0 {
		w.hline(win.X, win.X+win.W, win.Y+g.ReturnZone, 0.1, 160)
		w.setFont(fonts.Regular, returnSize)
		f.SetTextColor(60, 60, 60)
		w.text(ax, win.Y+0.5, win.W, g.ReturnZone-1, 'L', t.sender)
	}
	w.setFont(fonts.Regular, addressSize)
	f.SetTextColor(0, 0, 0)
	for i, s := range t.sample {
		w.text(ax, win.Y+g.AddressInset.Y+float64(i)*4.5, win.W, 4.5, 'L', s)
	}
	// Cross-hairs at the corners make a small offset easy to measure.
	f.SetLineWidth(0.15)
	for _, c := range [][2]float64{{win.X, win.Y}, {win.X + win.W, win.Y}, {win.X, win.Y + win.H}, {win.X + win.W, win.Y + win.H}} {
		f.Line(c[0]-3, c[1], c[0]+3, c[1])
		f.Line(c[0], c[1]-3, c[0], c[1]+3)
	}
	w.setFont(fonts.Italic, 7.5)
	w.text(win.X, win.Y+win.H+3.5, win.W, 3.5, 'L', t.window)

	// Instructions below the window, numbered.
	y := win.Y + win.H + 14
	lh := lineHeight(10.5)
	w.setFont(fonts.Regular, 10.5)
	for i, s := range t.steps {
		num := fmt.Sprintf("%d.", i+1)
		for j, l := range w.wrap(s, textW-8) {
			if j == 0 {
				w.text(g.Left, y, 8, lh, 'L', num)
			}
			w.text(g.Left+8, y, textW-8, lh, 'L', l)
			y += lh
		}
		y += 2
	}
	y += 4
	w.setFont(fonts.Regular, 9)
	f.SetTextColor(80, 80, 80)
	for _, l := range w.wrap(t.ruler, textW) {
		w.text(g.Left, y, textW, lineHeight(9), 'L', l)
		y += lineHeight(9)
	}
	f.SetTextColor(0, 0, 0)
}

// rulers draws mm scales along the top and right edges, measured from the
// paper edge, to reveal a printer that shifts or scales the page.
func rulers(w *writer) {
	g, f := w.g, w.f
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.15)
	w.setFont(fonts.Regular, 5.5)
	f.SetTextColor(0, 0, 0)
	const edge = 6.0 // most printers cannot print closer to the edge
	tick := func(mm int) float64 {
		switch {
		case mm%10 == 0:
			return 4
		case mm%5 == 0:
			return 2.5
		}
		return 1.5
	}
	for mm := 10; float64(mm) <= g.Width-10; mm++ {
		x := float64(mm)
		f.Line(x, edge, x, edge+tick(mm))
		if mm%10 == 0 {
			s := fmt.Sprint(mm)
			w.text(x-5, edge+4.2, 10, 2.5, 'C', s)
		}
	}
	rx := g.Width - edge
	for mm := 20; float64(mm) <= g.Height-10; mm++ {
		y := float64(mm)
		f.Line(rx-tick(mm), y, rx, y)
		if mm%10 == 0 {
			s := fmt.Sprint(mm)
			w.text(rx-4.5-w.width(s), y-1.25, 10, 2.5, 'L', s)
		}
	}
	// Say what the numbers are.
	w.text(edge+1, edge+7, 10, 2.5, 'L', "mm")
}
