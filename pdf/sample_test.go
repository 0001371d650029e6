package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/pdf/fonts"
)

// Names that must survive into the PDF text.
var hardNames = []string{"Zoë", "Łukasz", "Ørsted", "Ñúñez", "Παπαδόπουλος", "Дмитрий"}

func sampleLetter(p Paper) Letter {
	l := Letter{
		Paper: p,
		Sender: Letterhead{
			Name:     "Zoë Łukasz-Ørsted",
			Business: "Ørsted Consulting",
			Address:  []string{"Friedrichstraße 12", "10117 Berlin"},
			Phone:    "+49 30 1234567",
			Email:    "zoe@example.com",
			Website:  "example.com",
		},
		Recipient: []string{"Дмитрий Παπαδόπουλος", "Ñúñez GmbH", "Hauptstraße 5", "80331 München"},
		DateLine:  "Berlin, 23. November 2026", DateRight: true,
		Date:       time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC),
		Lang:       "de",
		Subject:    "Ihre Beschwerde vom 12. November",
		Salutation: "Sehr geehrter Herr Παπαδόπουλος,",
		Body: []string{
			"vielen Dank für Ihre offenen Worte. Sie haben recht: Der Bericht kam zwei Wochen zu spät, und ich habe Sie nicht rechtzeitig informiert.",
			"Ich habe mit Łukasz und Ørsted besprochen, wie wir das künftig verhindern. Ab sofort erhalten Sie jeden Freitag einen kurzen Zwischenstand.",
			"Als Ausgleich berechne ich die letzte Teillieferung nicht. Ich würde mich freuen, wenn wir die Zusammenarbeit fortsetzen.",
		},
		Closing:    "Mit freundlichen Grüßen",
		SignerName: "Zoë Łukasz-Ørsted",
	}
	if p == USLetter {
		l.Lang = "en"
		l.Sender.Address = []string{"12 Market Street", "Boston, MA 02110"}
		l.Recipient = []string{"Dmitriy Ñúñez", "Ørsted Holdings LLC", "500 Main St Suite 200", "Springfield, IL 62701"}
		l.Subject = "Your complaint of November 12"
		l.Salutation = "Dear Mr. Ñúñez,"
		l.Body = []string{
			"Thank you for telling me plainly what went wrong. You are right: the report arrived two weeks late, and I did not warn you in time.",
			"I have since changed how I schedule deliveries. From now on you will receive a short status note every Friday.",
			"As an apology I will not charge for the last partial delivery. I would be glad to keep working with you.",
		}
		l.Closing = "Sincerely,"
		l.DateLine, l.DateRight = "November 23, 2026", false
	}
	return l
}

// longLetter has enough body text for three pages.
func longLetter(p Paper) Letter {
	l := sampleLetter(p)
	for i := range 24 {
		l.Body = append(l.Body, fmt.Sprintf("Absatz %d: Παπαδόπουλος und Дмитрий lesen mit. %s", i+1,
			strings.Repeat("Dieser Satz füllt die Seite mit etwas Text, damit der Umbruch geprüft werden kann. ", 3)))
	}
	return l
}

func testPNG(t testing.TB, w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(40 + x%200), 90, uint8(160 - y%100), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sampleDoc(p Paper) Doc {
	return Doc{
		Paper:    p,
		Lang:     "en",
		Title:    "Interview summary",
		Subtitle: "Zoë Ørsted · 23 November 2026",
		Date:     time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC),
		Sections: []Section{
			{Heading: "What happened", Paragraphs: []string{
				"The report for Παπαδόπουλος arrived two weeks late. Дмитрий asked for a call.",
				"We agreed on weekly status notes.",
			}},
			{Heading: "Details", Rows: []KV{{"Client", "Ñúñez GmbH"}, {"Contact", "Łukasz"}, {"Channel", "Phone"}}},
			{Heading: "Agreed next steps", Bullets: []string{"Weekly status note every Friday", "Credit for the partial delivery", "Review call in four weeks"}},
			{Heading: "Follow-ups", Table: &Table{
				Header: []string{"Date", "Action", "Hours"},
				Rows:   [][]string{{"2026-11-24", "Call Zoë", "0.5"}, {"2026-11-28", "First status note", "1"}, {"2026-12-19", "Review meeting with a rather long description that wraps", "2.25"}},
			}},
			{Heading: "Satisfaction", Chart: &Chart{
				Kind:   BarChart,
				Labels: []string{"Jul", "Aug", "Sep", "Oct", "Nov"},
				Series: []Series{{Name: "Score", Values: []float64{8, 7.5, 6, 3, 6.5}}, {Name: "Target", Values: []float64{8, 8, 8, 8, 8}}},
				Unit:   "points",
			}},
			{Heading: "Trend", Chart: &Chart{
				Kind:   LineChart,
				Labels: []string{"W1", "W2", "W3", "W4", "W5", "W6"},
				Series: []Series{{Name: "Open complaints", Values: []float64{5, 4, 4, 2, 1, 0}}},
			}},
		},
		Signatures: []string{"Client signature / date", "Consultant signature / date"},
	}
}

// TestWriteSamples writes sample PDFs for a visual check when
// AMENDS_PDF_SAMPLES names a directory:
//
//	AMENDS_PDF_SAMPLES=/tmp/pdfcheck go test -run WriteSamples ./pdf/
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("AMENDS_PDF_SAMPLES")
	if dir == "" {
		t.Skip("set AMENDS_PDF_SAMPLES to a directory to write sample PDFs")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, render func(*bytes.Buffer) error) {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []Paper{A4, USLetter} {
		l := sampleLetter(p)
		l.Sender.Logo = testPNG(t, 240, 90)
		write("letter-"+p.String()+".pdf", func(b *bytes.Buffer) error { _, err := Render(b, l); return err })
		serif := l
		serif.Font = fonts.Serif()
		serif.Sender.Signature = testPNG(t, 300, 80)
		serif.Subject += " 漢字 😀"
		write("serif-"+p.String()+".pdf", func(b *bytes.Buffer) error { _, err := Render(b, serif); return err })
		write("long-"+p.String()+".pdf", func(b *bytes.Buffer) error { _, err := Render(b, longLetter(p)); return err })
		write("calibration-"+p.String()+".pdf", func(b *bytes.Buffer) error { return Calibration(b, p, Offset{}, l.Lang) })
		write("doc-"+p.String()+".pdf", func(b *bytes.Buffer) error { _, err := RenderDoc(b, sampleDoc(p)); return err })
	}
}

func jpegOf(t testing.TB, pngData []byte) []byte {
	img, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
