package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	streamRe = regexp.MustCompile(`(?s)stream\n(.*?)\nendstream`)
	tfRe     = regexp.MustCompile(`/F\w+ ([\d.]+) Tf`)
)

// bodySizes lists the type sizes (pt) of the text a PDF draws at 9 pt or more: the
// letter's own text, not the letterhead's small print.
func bodySizes(t *testing.T, data []byte) map[float64]bool {
	t.Helper()
	sizes := map[float64]bool{}
	for _, m := range streamRe.FindAllSubmatch(data, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		b, err := io.ReadAll(r)
		if err != nil {
			continue
		}
		for _, tf := range tfRe.FindAllSubmatch(b, -1) {
			if v, _ := strconv.ParseFloat(string(tf[1]), 64); v >= 10.4 && v < 12 {
				sizes[v] = true
			}
		}
	}
	return sizes
}

// normalPages is how many pages the letter takes at the normal setting.
func normalPages(t *testing.T, l Letter) int {
	t.Helper()
	w, err := newWriter(l.Paper, l.Font, l.Date)
	if err != nil {
		t.Fatal(err)
	}
	g := w.g
	win := g.Window.shifted(l.Offset)
	head, err := letterhead(w, l.Sender, win.Y-3)
	if err != nil {
		t.Fatal(err)
	}
	top := max(win.Y+win.H, head.bottom) + 8.5
	return pageCount(paginate(flowLetter(w, l, nil, fits[0], g.Width-g.Left-g.Right), func(int) area {
		return area{top, g.Height - g.Bottom}
	}))
}

const filler = "Ich habe mir Ihre Hinweise genau angesehen und werde sie Punkt für Punkt umsetzen, damit es nicht wieder vorkommt."

func TestLetterFitting(t *testing.T) {
	for _, p := range []Paper{A4, USLetter} {
		t.Run(p.String(), func(t *testing.T) {
			l := sampleLetter(p)
			// Grow the letter a sentence at a time: while it fits one page at the normal
			// size it is printed at it; the first sentences too many are fitted onto one
			// page by tightening, never more than half a point smaller.
			fitted := 0
			for n := 0; n < 40 && fitted < 3; n++ {
				l.Body = append(l.Body, filler)
				data, res := render(t, l)
				sizes := bodySizes(t, data)
				switch normalPages(t, l) {
				case 1:
					if res.Pages != 1 || len(sizes) != 1 || !sizes[bodySize] {
						t.Fatalf("%d sentences fit one page at %v pt but printed on %d pages at %v", n+1, bodySize, res.Pages, sizes)
					}
				default:
					if res.Pages != 1 {
						if fitted == 0 {
							t.Fatalf("%d sentences, one more than fit at the normal size, were not fitted onto one page", n+1)
						}
						fitted = 3
						break
					}
					fitted++
					for s := range sizes {
						if s < bodySize-0.5 {
							t.Errorf("%d sentences were fitted at %v pt, more than half a point smaller", n+1, s)
						}
					}
				}
			}
			if fitted == 0 {
				t.Fatal("the letter never grew past one page")
			}
		})
	}
}

// A second page never holds only the closing and the signature: at least lastPageLines
// lines of the body go with them.
func TestSecondPageIsNeverOnlyTheClosing(t *testing.T) {
	for _, p := range []Paper{A4, USLetter} {
		l := sampleLetter(p)
		l.Lang = "en"
		for n := 0; n < 70; n += 2 {
			l.Body = append(l.Body, filler, filler)
			data, res := render(t, l)
			if res.Pages < 2 {
				continue
			}
			last := pdfText(t, data, res.Pages, res.Pages)
			body := 0
			for _, line := range strings.Split(last, "\n") {
				if strings.Contains(line, filler[:20]) || strings.Contains(line, "umsetzen") || strings.Contains(line, "vorkommt") ||
					strings.Contains(line, "Punkt für Punkt") || strings.Contains(line, "angesehen") {
					body++
				}
			}
			if body < lastPageLines-1 {
				t.Fatalf("%s, %d sentences: the last page holds %d lines of the body:\n%s", p, n+1, body, last)
			}
		}
	}
}

// However the page break falls, the closing takes lastPageLines lines of the body with it.
func TestClosingTakesBodyLinesAlong(t *testing.T) {
	l := sampleLetter(A4)
	w, err := newWriter(l.Paper, l.Font, l.Date)
	if err != nil {
		t.Fatal(err)
	}
	g := w.g
	textW := g.Width - g.Left - g.Right
	pageArea := func(int) area { return area{100, g.Height - g.Bottom} }
	breaks := 0
	for n := 0; n < 60; n++ {
		l.Body = append(l.Body, filler)
		boxes := flowLetter(w, l, nil, fits[0], textW)
		placed := paginate(boxes, pageArea)
		last := pageCount(placed) - 1
		if last == 0 {
			continue
		}
		breaks++
		onLast := 0
		for _, p := range placed {
			if p.page == last {
				onLast++
			}
		}
		// The closing, the room to sign and the signer's name are three boxes.
		if body := onLast - 3; body < lastPageLines {
			t.Fatalf("%d sentences: the last page holds %d lines of the body", n+1, body)
		}
	}
	if breaks < 20 {
		t.Fatalf("only %d of the letters ran onto a second page", breaks)
	}
}
