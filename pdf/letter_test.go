package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/pdf/fonts"
)

func render(t testing.TB, l Letter) ([]byte, Result) {
	t.Helper()
	var buf bytes.Buffer
	res, err := Render(&buf, l)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", buf.Bytes()[:min(buf.Len(), 20)])
	}
	return buf.Bytes(), res
}

func TestPageSize(t *testing.T) {
	for _, tc := range []struct {
		paper Paper
		w, h  float64
	}{{A4, 595.28, 841.89}, {USLetter, 612, 792}} {
		t.Run(tc.paper.String(), func(t *testing.T) {
			data, res := render(t, sampleLetter(tc.paper))
			info := pdfInfo(t, data)
			var w, h float64
			if _, err := fmt.Sscanf(info["Page size"], "%g x %g pts", &w, &h); err != nil {
				t.Fatalf("page size %q: %v", info["Page size"], err)
			}
			if math.Abs(w-tc.w) > 0.5 || math.Abs(h-tc.h) > 0.5 {
				t.Errorf("page size %gx%g pt, want %gx%g", w, h, tc.w, tc.h)
			}
			if info["Pages"] != "1" || res.Pages != 1 {
				t.Errorf("pages: pdfinfo %s, result %d; want 1", info["Pages"], res.Pages)
			}
			if len(data) > 60_000 {
				t.Errorf("one-page letter is %d bytes, want under 60 KB", len(data))
			}
		})
	}
}

func TestFontsEmbedded(t *testing.T) {
	for _, fam := range []fonts.Family{fonts.Sans(), fonts.Serif()} {
		t.Run(fam.Name, func(t *testing.T) {
			l := sampleLetter(A4)
			l.Font = fam
			data, _ := render(t, l)
			out := run(t, "pdffonts", tempPDF(t, data))
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) < 4 { // header, rule, regular, bold
				t.Fatalf("expected at least two fonts:\n%s", out)
			}
			for _, l := range lines[2:] {
				f := strings.Fields(l)
				// name type... encoding emb sub uni object ID
				if len(f) < 7 {
					t.Fatalf("odd pdffonts line %q", l)
				}
				emb, sub, uni := f[len(f)-5], f[len(f)-4], f[len(f)-3]
				if emb != "yes" || sub != "yes" || uni != "yes" {
					t.Errorf("font not embedded as a subset with a Unicode map: %q", l)
				}
				if !strings.Contains(l, "CID TrueType") {
					t.Errorf("font is not a CID TrueType font: %q", l)
				}
			}
		})
	}
}

func TestHardNames(t *testing.T) {
	for _, fam := range []fonts.Family{fonts.Sans(), fonts.Serif()} {
		for _, p := range []Paper{A4, USLetter} {
			t.Run(fam.Name+"/"+p.String(), func(t *testing.T) {
				l := sampleLetter(p)
				l.Font = fam
				l.Body = append(l.Body, strings.Join(hardNames, ", "))
				l.Recipient[0] = "Zoë Παπαδόπουλος"
				data, res := render(t, l)
				if len(res.Missing) != 0 {
					t.Errorf("Missing = %q, want none", res.Missing)
				}
				text := pdfText(t, data, 0, 0)
				for _, n := range hardNames {
					if !strings.Contains(text, n) {
						t.Errorf("text lacks %q", n)
					}
				}
				if !strings.Contains(text, "Zoë Παπαδόπουλος") {
					t.Error("recipient name not in text")
				}
			})
		}
	}
}

func TestMissingCharacters(t *testing.T) {
	for _, tc := range []struct {
		fam  fonts.Family
		repl string
	}{{fonts.Sans(), "?"}, {fonts.Serif(), "?"}} { // neither face has U+FFFD
		t.Run(tc.fam.Name, func(t *testing.T) {
			l := sampleLetter(A4)
			l.Font = tc.fam
			l.Subject = "Ihr Auftrag 漢字 😀"
			l.Body = []string{"Zoë sagt 漢 und 😀 und \x07."}
			data, res := render(t, l)
			want := []rune{'漢', '字', '😀', '\x07'}
			if !slices.Equal(res.Missing, want) {
				t.Errorf("Missing = %q, want %q", res.Missing, want)
			}
			text := pdfText(t, data, 0, 0)
			for _, s := range []string{"Ihr Auftrag " + tc.repl + tc.repl + " " + tc.repl, "Zoë sagt " + tc.repl} {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q:\n%s", s, text)
				}
			}
			if strings.ContainsAny(text, "漢字😀") {
				t.Error("uncovered characters reached the PDF")
			}
		})
	}
}

// TestAddressInWindow checks with the words' boxes that the recipient lines
// lie inside the envelope window after the offset, the return line in its
// zone, and that nothing else touches the window or leaves the margins.
func TestAddressInWindow(t *testing.T) {
	recipient := []string{"Rcpname Rcpørstedova", "Rcpfirm Rcpholdings", "Rcpstreet Rcp500", "Rcptown Rcp62701", "Rcpland"}
	for _, p := range []Paper{A4, USLetter} {
		for _, off := range []Offset{{}, {X: 4, Y: -3}, {X: -3.5, Y: 5}} {
			t.Run(fmt.Sprintf("%s/%+g%+g", p, off.X, off.Y), func(t *testing.T) {
				l := longLetter(p)
				l.Lang = "en"
				l.Offset = off
				l.Recipient = recipient
				data, _ := render(t, l)
				g := p.Geometry()
				win := g.Window.shifted(off)
				var got, returns int
				for _, w := range words(t, data) {
					isAddr := strings.HasPrefix(w.text, "Rcp")
					switch {
					case isAddr && w.page > 1:
						// Only the name, in the continuation header.
						if !strings.HasPrefix(w.text, "Rcpname") && !strings.HasPrefix(w.text, "Rcpørstedova") || w.yMax > g.Top+5 {
							t.Errorf("address word %q on page %d at y %.1f", w.text, w.page, w.yMin)
						}
					case isAddr:
						got++
						zone := Rect{X: win.X, Y: win.Y + g.ReturnZone, W: win.W, H: win.H - g.ReturnZone}
						if !w.inside(zone, 0.3) {
							t.Errorf("address word %q at %.1f,%.1f-%.1f,%.1f outside window %+v", w.text, w.xMin, w.yMin, w.xMax, w.yMax, zone)
						}
					case w.page == 1 && w.yMax <= win.Y+g.ReturnZone+0.3 && w.yMin >= win.Y-0.3 && w.xMin >= win.X-0.3:
						// Return address line: inside the window's top zone.
						returns++
						if !w.inside(Rect{X: win.X, Y: win.Y, W: win.W, H: g.ReturnZone}, 0.3) {
							t.Errorf("return word %q outside the return zone", w.text)
						}
					default:
						if w.page == 1 && w.overlaps(win) {
							t.Errorf("word %q at %.1f,%.1f overlaps the window %+v", w.text, w.xMin, w.yMin, win)
						}
						if w.xMin < g.Left-0.3 || w.xMax > g.Width-g.Right+0.3 {
							t.Errorf("word %q (page %d) x %.1f-%.1f outside margins", w.text, w.page, w.xMin, w.xMax)
						}
						top := g.Top
						if w.page == 1 {
							top = minHeadTop // the letterhead may rise for a raised window
						}
						if w.yMin < top-1 || w.yMax > g.Height-g.Bottom/2 {
							t.Errorf("word %q (page %d) y %.1f-%.1f outside the page area", w.text, w.page, w.yMin, w.yMax)
						}
					}
				}
				if got != 9 {
					t.Errorf("found %d address words, want 9", got)
				}
				if g.ReturnZone > 0 && returns < 3 {
					t.Errorf("found %d return-line words, want 3+", returns)
				}
			})
		}
	}
}

func TestAddressSqueeze(t *testing.T) {
	for _, p := range []Paper{A4, USLetter} {
		t.Run(p.String(), func(t *testing.T) {
			l := sampleLetter(p)
			l.Recipient = []string{
				"Rcpname Wolfeschlegelsteinhausenbergerdorff-Ørsted-Παπαδόπουλος und Partner",
				"Rcpa", "Rcpb", "Rcpc", "Rcpd", "Rcpe", "Rcpf",
			}
			data, _ := render(t, l)
			g := p.Geometry()
			zone := g.Window
			zone.Y += g.ReturnZone
			zone.H -= g.ReturnZone
			n := 0
			for _, w := range words(t, data) {
				if w.page == 1 && (strings.HasPrefix(w.text, "Rcp") || strings.Contains(w.text, "Wolfe") || strings.Contains(w.text, "Partner")) {
					n++
					if !w.inside(zone, 0.3) {
						t.Errorf("%q at %.1f,%.1f-%.1f,%.1f outside %+v", w.text, w.xMin, w.yMin, w.xMax, w.yMax, zone)
					}
				}
			}
			if n < 7 {
				t.Errorf("only %d address words found", n)
			}
		})
	}
	l := sampleLetter(A4)
	l.Recipient = strings.Split(strings.Repeat("line\n", 20), "\n")
	if _, err := Render(&bytes.Buffer{}, l); err == nil || !strings.Contains(err.Error(), "window") {
		t.Errorf("20 address lines: err = %v, want a window error", err)
	}
}

func TestMultiPage(t *testing.T) {
	for _, p := range []Paper{A4, USLetter} {
		t.Run(p.String(), func(t *testing.T) {
			l := longLetter(p)
			l.Lang = "en"
			data, res := render(t, l)
			if res.Pages < 2 {
				t.Fatalf("Pages = %d, want 2+", res.Pages)
			}
			if got := pdfInfo(t, data)["Pages"]; got != strconv.Itoa(res.Pages) {
				t.Errorf("pdfinfo pages %s, result %d", got, res.Pages)
			}
			first := pdfText(t, data, 1, 1)
			rest := pdfText(t, data, 2, res.Pages)
			street := l.Recipient[2]
			if !strings.Contains(first, street) {
				t.Errorf("page 1 lacks the address line %q", street)
			}
			if strings.Contains(rest, street) {
				t.Errorf("address line %q repeated after page 1", street)
			}
			if !strings.Contains(first, fmt.Sprintf("Page 1 of %d", res.Pages)) {
				t.Error("page 1 lacks its page number")
			}
			for n := 2; n <= res.Pages; n++ {
				page := pdfText(t, data, n, n)
				for _, s := range []string{fmt.Sprintf("Page %d of %d", n, res.Pages), l.Sender.Name, "Letter to " + l.Recipient[0], "November"} {
					if !strings.Contains(page, s) {
						t.Errorf("page %d header lacks %q", n, s)
					}
				}
			}
			// The closing stays with the signer's name.
			last := pdfText(t, data, res.Pages, res.Pages)
			if !strings.Contains(last, l.Closing) || !strings.Contains(last, "Zoë Łukasz") {
				t.Errorf("closing and signer not together on the last page:\n%s", last)
			}
		})
	}
}

func TestGermanPageNumbers(t *testing.T) {
	data, res := render(t, longLetter(A4))
	if text := pdfText(t, data, 2, 2); !strings.Contains(text, fmt.Sprintf("Seite 2 von %d", res.Pages)) {
		t.Errorf("page 2 lacks Seite 2 von %d:\n%s", res.Pages, text)
	}
}

// The date line is printed as given, flush right or flush left as the letter's
// convention says (package letters decides which).
func TestDateLine(t *testing.T) {
	for _, tc := range []struct {
		paper Paper
		line  string
		right bool
	}{
		{A4, "Berlin, 23. November 2026", true},
		{A4, "23 November 2026", false},
		{USLetter, "November 23, 2026", false},
		{A4, "Paris, le 1er décembre 2026", true},
	} {
		l := sampleLetter(tc.paper)
		l.DateLine, l.DateRight = tc.line, tc.right
		data, _ := render(t, l)
		if text := pdfText(t, data, 0, 0); !strings.Contains(text, tc.line) {
			t.Errorf("%s: text lacks %q", tc.paper, tc.line)
		}
		g := tc.paper.Geometry()
		last := strings.Fields(tc.line)[len(strings.Fields(tc.line))-1]
		first := strings.Fields(tc.line)[0]
		// The first time the line's first and last words appear is in the date line.
		var seenFirst, seenLast bool
		for _, w := range words(t, data) {
			switch {
			case w.text == last && !seenLast:
				seenLast = true
				if tc.right && math.Abs(w.xMax-(g.Width-g.Right)) > 1 {
					t.Errorf("%q: flush right should end at %.1f mm, ends at %.1f", tc.line, g.Width-g.Right, w.xMax)
				}
			case w.text == first && !seenFirst:
				seenFirst = true
				if !tc.right && math.Abs(w.xMin-g.Left) > 1 {
					t.Errorf("%q: flush left should start at %.1f mm, starts at %.1f", tc.line, g.Left, w.xMin)
				}
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	l := longLetter(A4)
	l.Sender.Logo = testPNG(t, 120, 40)
	l.Sender.Signature = testPNG(t, 200, 60)
	a, _ := render(t, l)
	b, _ := render(t, l)
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same letter differ")
	}
	var d1, d2 bytes.Buffer
	if _, err := RenderDoc(&d1, sampleDoc(A4)); err != nil {
		t.Fatal(err)
	}
	if _, err := RenderDoc(&d2, sampleDoc(A4)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(d1.Bytes(), d2.Bytes()) {
		t.Fatal("two renders of the same document differ")
	}
	l.Subject += "!"
	if c, _ := render(t, l); bytes.Equal(a, c) {
		t.Fatal("different letters gave the same bytes")
	}
}

func TestImages(t *testing.T) {
	l := sampleLetter(A4)
	l.Sender.Logo = testPNG(t, 300, 100)
	l.Sender.Signature = jpegOf(t, testPNG(t, 200, 60))
	data, _ := render(t, l)
	out := run(t, "pdfimages", "-list", tempPDF(t, data))
	if n := len(strings.Split(strings.TrimSpace(out), "\n")) - 2; n != 2 {
		t.Errorf("pdfimages lists %d images, want 2:\n%s", n, out)
	}
}

func TestBadImages(t *testing.T) {
	good := testPNG(t, 50, 20)
	corruptIDAT := slices.Clone(good)
	corruptIDAT[len(corruptIDAT)/2] ^= 0xFF
	cases := map[string][]byte{
		"text":      []byte("this is not an image"),
		"truncated": good[:len(good)/2],
		"crc":       corruptIDAT,
		"gif":       []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
	}
	for name, img := range cases {
		for _, field := range []string{"logo", "signature"} {
			t.Run(name+"/"+field, func(t *testing.T) {
				l := sampleLetter(A4)
				if field == "logo" {
					l.Sender.Logo = img
				} else {
					l.Sender.Signature = img
				}
				var buf bytes.Buffer
				_, err := Render(&buf, l)
				if err == nil {
					t.Fatal("no error for a bad image")
				}
				if !strings.Contains(err.Error(), field) {
					t.Errorf("error %q does not name the %s", err, field)
				}
				if buf.Len() != 0 {
					t.Errorf("%d bytes written despite the error", buf.Len())
				}
			})
		}
	}
}

func TestRenderErrors(t *testing.T) {
	for name, mod := range map[string]func(*Letter){
		"no recipient": func(l *Letter) { l.Recipient = []string{"", "  "} },
		"language":     func(l *Letter) { l.Lang = "pt" },
		"offset":       func(l *Letter) { l.Offset = Offset{X: 25} },
		"offset NaN":   func(l *Letter) { l.Offset = Offset{Y: math.NaN()} },
		"paper":        func(l *Letter) { l.Paper = Paper(7) },
		"letterhead": func(l *Letter) {
			l.Sender.Address = strings.Split(strings.Repeat("Lange Straße 1 ", 40), " ")
		},
		"broken font": func(l *Letter) { l.Font = fonts.Family{Name: "x", Regular: []byte("nope")} },
	} {
		t.Run(name, func(t *testing.T) {
			l := sampleLetter(A4)
			mod(&l)
			var buf bytes.Buffer
			if _, err := Render(&buf, l); err == nil {
				t.Fatal("no error")
			} else if !strings.HasPrefix(err.Error(), "render letter: ") {
				t.Errorf("error lacks context: %v", err)
			}
			if buf.Len() != 0 {
				t.Error("output written despite the error")
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	if _, err := Render(failWriter{}, sampleLetter(A4)); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v, want the writer's error", err)
	}
}

func TestParsePaper(t *testing.T) {
	for in, want := range map[string]Paper{"A4": A4, "a4": A4, "Letter": USLetter, " letter ": USLetter} {
		if got, err := ParsePaper(in); err != nil || got != want {
			t.Errorf("ParsePaper(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParsePaper("A5"); err == nil {
		t.Error("ParsePaper(A5): no error")
	}
}

// TestConcurrentRender guards the promise of no shared mutable state: the
// app may render a batch on several goroutines.
func TestConcurrentRender(t *testing.T) {
	want, _ := render(t, sampleLetter(A4))
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			var buf bytes.Buffer
			_, err := Render(&buf, sampleLetter(A4))
			if err == nil && !bytes.Equal(buf.Bytes(), want) {
				err = errors.New("concurrent render differs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestMarks looks at the rendered pixels: fold and hole marks at the left
// edge of page 1 only, nothing else in that strip.
func TestMarks(t *testing.T) {
	for _, p := range []Paper{A4, USLetter} {
		t.Run(p.String(), func(t *testing.T) {
			data, res := render(t, longLetter(p))
			g := p.Geometry()
			first := greyPage(t, data, 1, 150)
			second := greyPage(t, data, 2, 150)
			ys := slices.Clone(g.Folds)
			if g.Hole > 0 {
				ys = append(ys, g.Hole)
			}
			for _, y := range ys {
				at := Rect{X: 4.5, Y: y - 0.6, W: 4, H: 1.2}
				if v := first(at); v > 200 {
					t.Errorf("no mark at %.1f mm on page 1 (darkest %d)", y, v)
				}
				if v := second(at); v != 255 && res.Pages > 1 {
					t.Errorf("mark at %.1f mm on page 2", y)
				}
			}
			// Between the marks the strip is blank.
			if v := first(Rect{X: 0, Y: 20, W: 14, H: ys[0] - 22}); v != 255 {
				t.Errorf("something drawn in the margin strip above the first mark (darkest %d)", v)
			}
			if g.Hole > 0 {
				if v := first(Rect{X: 0, Y: g.Folds[0] + 2, W: 14, H: g.Hole - g.Folds[0] - 4}); v != 255 {
					t.Errorf("something drawn between fold and hole mark (darkest %d)", v)
				}
			}
		})
	}
}

// The email layout has no envelope window and no marks: the text starts under the
// letterhead, and no recipient address is needed.
func TestEmailLayout(t *testing.T) {
	l := sampleLetter(A4)
	l.Email, l.Recipient = true, nil
	data, res := render(t, l)
	if res.Pages != 1 {
		t.Fatalf("Pages = %d", res.Pages)
	}
	text := pdfText(t, data, 0, 0)
	if strings.Contains(text, "Hauptstraße 5") || strings.Contains(text, "Friedrichstraße 12 · 10117 Berlin\n\n") {
		t.Errorf("the email layout prints an address block:\n%s", text)
	}
	g := A4.Geometry()
	for _, w := range words(t, data) {
		if w.text == "Ihre" && w.yMin > g.Window.Y+g.Window.H {
			t.Errorf("the subject starts at %.0f mm, below where the envelope window would end", w.yMin)
		}
	}
	page := greyPage(t, data, 1, 72)
	for _, y := range g.Folds {
		if page(Rect{X: 3, Y: y - 1, W: 7, H: 2}) < 200 {
			t.Errorf("a fold mark at %.0f mm in the email layout", y)
		}
	}
	normal, _ := render(t, sampleLetter(A4))
	if page := greyPage(t, normal, 1, 72); page(Rect{X: 3, Y: g.Folds[0] - 1, W: 7, H: 2}) >= 200 {
		t.Error("the test finds no fold mark on a letter for the post either")
	}
}

// The Go font drew U+002D nearly as wide as an en dash ("berger–consulting"); the
// letters' faces draw a hyphen about a third of one.
func TestHyphenIsAHyphen(t *testing.T) {
	for _, fam := range []fonts.Family{fonts.Sans(), fonts.Serif()} {
		w, err := newWriter(A4, fam, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		w.setFont(fonts.Regular, 11)
		if hy, en := w.width("-"), w.width("–"); hy > 0.7*en {
			t.Errorf("%s: hyphen %.2f mm wide, en dash %.2f mm", fam.Name, hy, en)
		}
	}
}
