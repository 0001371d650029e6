package pdf

import (
	"bytes"
	"strings"
	"testing"
)

func TestCalibration(t *testing.T) {
	for _, p := range []Paper{A4, USLetter} {
		for _, off := range []Offset{{}, {X: -2.5, Y: 4}} {
			var buf bytes.Buffer
			if err := Calibration(&buf, p, off, "en"); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			data := buf.Bytes()
			if got := pdfInfo(t, data)["Pages"]; got != "1" {
				t.Errorf("%s: %s pages", p, got)
			}
			text := pdfText(t, data, 0, 0)
			for _, s := range []string{"100 %", "fold", "window envelopes", "Settings", "Sample Recipient"} {
				if !strings.Contains(text, s) {
					t.Errorf("%s: text lacks %q", p, s)
				}
			}
			win := p.Geometry().Window.shifted(off)
			n := 0
			for _, w := range words(t, data) {
				if strings.HasPrefix(w.text, "Sample") {
					n++
					if !w.inside(win, 0.3) {
						t.Errorf("%s %+v: sample word %q outside the window", p, off, w.text)
					}
				}
			}
			if n < 2 {
				t.Errorf("%s: sample address not found", p)
			}
		}
	}
	var de bytes.Buffer
	if err := Calibration(&de, A4, Offset{Y: 1.5}, "de"); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, de.Bytes(), 0, 0); !strings.Contains(text, "Y +1.5 mm") || !strings.Contains(text, "Fensterumschläge") {
		t.Errorf("German page lacks offset or title:\n%s", text)
	}
	if err := Calibration(&bytes.Buffer{}, A4, Offset{X: 30}, "en"); err == nil {
		t.Error("offset 30 mm: no error")
	}
}
