package pdf

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/amends/amends/pdf/fonts"
)

func benchLetter(b *testing.B, fam fonts.Family) {
	l := sampleLetter(A4)
	l.Font = fam
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		res, err := Render(&buf, l)
		if err != nil {
			b.Fatal(err)
		}
		if res.Pages != 1 {
			b.Fatalf("Pages = %d", res.Pages)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}

// BenchmarkLetter renders one one-page letter with embedded (subset) fonts; the faces
// are read once per process, so this is the cost of every letter after the first.
func BenchmarkLetter(b *testing.B) { benchLetter(b, fonts.Sans()) }

// BenchmarkLetterSerif is the same letter in Liberation Serif.
func BenchmarkLetterSerif(b *testing.B) { benchLetter(b, fonts.Serif()) }

// BenchmarkLetterBatch1000 renders a mailing of 1000 letters to different
// recipients, as a batch print would.
func BenchmarkLetterBatch1000(b *testing.B) {
	base := sampleLetter(A4)
	var buf bytes.Buffer
	total := 0
	for b.Loop() {
		total = 0
		for i := range 1000 {
			l := base
			l.Recipient = []string{fmt.Sprintf("Client %d", i), "Hauptstraße 5", "80331 München"}
			buf.Reset()
			if _, err := Render(&buf, l); err != nil {
				b.Fatal(err)
			}
			total += buf.Len()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/1000, "ms/letter")
	b.ReportMetric(float64(total)/1000, "pdf-bytes/letter")
}

// BenchmarkRenderLetters100 lays out 100 letters in one PDF, as a batch of win-back
// letters is printed: fonts and logo are embedded once for all of them.
func BenchmarkRenderLetters100(b *testing.B) {
	base := sampleLetter(A4)
	ls := make([]Letter, 100)
	for i := range ls {
		ls[i] = base
		ls[i].Recipient = []string{fmt.Sprintf("Client %d", i), "Hauptstraße 5", "80331 München"}
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if _, err := RenderLetters(&buf, ls, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)/100, "ms/letter")
}
