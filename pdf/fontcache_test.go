package pdf

import (
	"bytes"
	"encoding/binary"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/amends/amends/pdf/fonts"
)

// fpdf (as patched in third_party/fpdf) parses each font once per process and shares what
// it parsed between documents. These tests give it fonts no other test has used, so that
// the first document on them really parses them.

// freshFamily is fam with every face copied and its head table's checksum adjustment set
// to n: fpdf has not seen these bytes (it keeps parsed fonts by their bytes), yet they draw
// and subset exactly as fam's do (the subset is written with that field cleared).
func freshFamily(t testing.TB, fam fonts.Family, n uint32) fonts.Family {
	t.Helper()
	fresh := func(ttf []byte) []byte {
		b := bytes.Clone(ttf)
		tables := int(binary.BigEndian.Uint16(b[4:]))
		for i := range tables {
			rec := b[12+16*i:]
			if string(rec[:4]) == "head" {
				binary.BigEndian.PutUint32(b[binary.BigEndian.Uint32(rec[8:])+8:], n)
				return b
			}
		}
		t.Fatal("the font has no head table")
		return nil
	}
	// A family made by hand, so that its own faces are used, not those fam was read from.
	return fonts.Family{Name: fam.Name, Regular: fresh(fam.Regular), Bold: fresh(fam.Bold),
		Italic: fresh(fam.Italic), BoldItalic: fresh(fam.BoldItalic)}
}

func renderBytes(l Letter) ([]byte, error) {
	var buf bytes.Buffer
	_, err := Render(&buf, l)
	return buf.Bytes(), err
}

// Documents rendered at the same time, on fonts none of them has parsed yet, come out
// exactly as each does alone: they share the parsed fonts and nothing else. Run with
// -race (make test does) to have the race detector watch the sharing.
func TestConcurrentDocumentsShareOnlyTheParsedFonts(t *testing.T) {
	sans, serif := freshFamily(t, fonts.Sans(), 1), freshFamily(t, fonts.Serif(), 1)
	withFont := func(l Letter, fam fonts.Family) Letter { l.Font = fam; return l }
	english := withFont(sampleLetter(USLetter), serif)
	english.Body = []string{"Thank you for your letter."} // fewer glyphs than the others
	doc := sampleDoc(A4)
	doc.Font = serif
	docs := map[string]func() ([]byte, error){
		"sans letter":    func() ([]byte, error) { return renderBytes(withFont(sampleLetter(A4), sans)) },
		"long letter":    func() ([]byte, error) { return renderBytes(withFont(longLetter(A4), sans)) },
		"serif letter":   func() ([]byte, error) { return renderBytes(english) },
		"serif document": func() ([]byte, error) { var b bytes.Buffer; _, err := RenderDoc(&b, doc); return b.Bytes(), err },
	}
	const each = 3
	var (
		mu   sync.Mutex
		got  = map[string][][]byte{}
		wg   sync.WaitGroup
		both = make(chan struct{})
	)
	for name, render := range docs {
		for range each {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-both // all start together, so that they parse the fonts at the same time
				b, err := render()
				if err != nil {
					t.Errorf("%s: %v", name, err)
				}
				mu.Lock()
				got[name] = append(got[name], b)
				mu.Unlock()
			}()
		}
	}
	close(both)
	wg.Wait()
	for name, render := range docs {
		alone, err := render()
		if err != nil {
			t.Fatalf("%s alone: %v", name, err)
		}
		for i, b := range got[name] {
			if !bytes.Equal(b, alone) {
				t.Errorf("%s rendered with the others (%d) differs from it rendered alone", name, i+1)
			}
		}
	}
}

// A letter set in a font that other documents, with other characters, have used before is
// the same, byte for byte, as the letter set as the first document on that font: nothing
// of one document's subset stays for the next. Its names print as text, and its fonts are
// embedded subsets with Unicode maps.
func TestCachedFontKeepsNothingOfEarlierDocuments(t *testing.T) {
	for i, base := range []fonts.Family{fonts.Sans(), fonts.Serif()} {
		t.Run(base.Name, func(t *testing.T) {
			fam := freshFamily(t, base, uint32(10+i))
			names := sampleLetter(A4)
			names.Font = fam
			names.Body = append(names.Body, strings.Join(hardNames, ", "))
			first, err := renderBytes(names) // parses the fonts
			if err != nil {
				t.Fatal(err)
			}
			others := []Letter{longLetter(USLetter), sampleLetter(USLetter)}
			others[1].Body = []string{"Only Latin letters here, and “quotes” – dashes…"}
			for _, l := range others {
				l.Font = fam
				if _, err := renderBytes(l); err != nil {
					t.Fatal(err)
				}
			}
			again, err := renderBytes(names)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first, again) {
				t.Fatal("the letter on the cached font differs from the letter that parsed it")
			}
			text := pdfText(t, again, 0, 0)
			for _, n := range append(hardNames, "Friedrichstraße", "Mit freundlichen Grüßen") {
				if !strings.Contains(text, n) {
					t.Errorf("text lacks %q", n)
				}
			}
			out := run(t, "pdffonts", tempPDF(t, again))
			lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
			if len(lines) < 2 {
				t.Fatalf("expected at least two fonts:\n%s", out)
			}
			for _, l := range lines {
				f := strings.Fields(l)
				if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
					t.Errorf("font not embedded as a subset with a Unicode map: %q", l)
				}
			}
		})
	}
}

// mallocs counts the heap allocations f makes.
func mallocs(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs
}

// The fonts are parsed once per process: the first letter on a font parses it, the next
// ones do not. Parsing a face takes thousands of allocations, laying out a letter far
// fewer, so a second letter that parsed its fonts again would allocate as much as the
// first. (Allocations, not time: they do not depend on the machine's load.)
func TestSecondLetterDoesNotParseTheFonts(t *testing.T) {
	l := sampleLetter(A4)
	l.Font = freshFamily(t, fonts.Sans(), 20)
	var err error
	render := func() { _, err = renderBytes(l) }
	first := mallocs(render)
	if err != nil {
		t.Fatal(err)
	}
	next := testing.AllocsPerRun(5, render)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("allocations: first letter %d, each next one %.0f", first, next)
	if next > float64(first)/2 {
		t.Errorf("a second letter makes %.0f allocations, the first made %d: the fonts are parsed again", next, first)
	}
}
