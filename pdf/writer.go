package pdf

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"image"
	_ "image/jpeg" // logos and signatures may be JPEG
	_ "image/png"  // logos and signatures may be PNG
	"io"
	"strings"
	"time"

	"github.com/amends/amends/pdf/fonts"
)

// Result tells what a render produced.
type Result struct {
	Pages int
	// Missing lists characters that no embedded font can draw, once each in
	// order of appearance. They were printed as a replacement mark (U+FFFD
	// or "?"), so the caller can warn the user.
	Missing []rune
}

const ptToMM = mmPerInch / 72

// fixedDate stands in for a missing document date so output stays
// reproducible.
var fixedDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// writer is one document being laid out: its PDF file, the page geometry and the
// family's faces, with all text passed through the coverage check.
type writer struct {
	f       *pdfFile
	g       Geometry
	fam     *fonts.Parsed
	cov     fonts.Coverage
	repl    rune
	missing []rune
	seen    map[rune]bool
	style   fonts.Style
	size    float64            // the size set, scaled
	scale   float64            // documents fitted onto one page are set smaller; 0 or 1: as given
	pics    map[string]picture // images registered so far, by name: a batch of letters embeds its logo once
}

func newWriter(p Paper, fam fonts.Family, created time.Time) (*writer, error) {
	if err := p.valid(); err != nil {
		return nil, err
	}
	if fam.Name == "" {
		fam = fonts.Sans()
	}
	parsed, err := fam.Parse()
	if err != nil {
		return nil, fmt.Errorf("read font: %w", err)
	}
	g := p.Geometry()
	// Fixed dates make the same input give the same bytes.
	if created.IsZero() {
		created = fixedDate
	}
	f := newPDFFile(g.Width, g.Height, parsed, created.UTC())
	f.creator = "Amends"
	repl := '?'
	if parsed.Coverage.Has('\uFFFD') {
		repl = '\uFFFD'
	}
	return &writer{f: f, g: g, fam: parsed, cov: parsed.Coverage, repl: repl, seen: map[rune]bool{}, size: -1}, nil
}

// clean makes s printable: CR and tabs become plain whitespace, line breaks
// are kept only if multiline, and every character the fonts lack (the writer
// handles only the Basic Multilingual Plane) is replaced and recorded.
func (w *writer) clean(s string, multiline bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		if r == '\r' {
			if strings.HasPrefix(s[i+1:], "\n") {
				continue // CRLF: the LF follows
			}
			r = '\n'
		}
		switch r {
		case '\n':
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
			continue
		case '\t':
			b.WriteByte(' ')
			continue
		}
		if r < 0x20 || (r >= 0x7F && r < 0xA0) || r > 0xFFFF || !w.cov.Has(r) {
			if !w.seen[r] {
				w.seen[r] = true
				w.missing = append(w.missing, r)
			}
			r = w.repl
		}
		b.WriteRune(r)
	}
	return b.String()
}

// line cleans a single-line field and trims it.
func (w *writer) line(s string) string { return strings.TrimSpace(w.clean(s, false)) }

// setFont selects a style and size in pt (times the writer's scale).
func (w *writer) setFont(s fonts.Style, size float64) {
	if w.scale > 0 {
		size *= w.scale
	}
	if s != w.style || size != w.size {
		w.f.SetFont(s, size)
		w.style, w.size = s, size
	}
}

// lineH is the leading for a font size at the writer's scale, in mm.
func (w *writer) lineH(size float64) float64 {
	if w.scale > 0 {
		size *= w.scale
	}
	return lineHeight(size)
}

// width is the width of s in mm in the current font.
func (w *writer) width(s string) float64 { return w.f.StringWidth(s) }

// wrap breaks already cleaned text into lines no wider than width mm in the
// current font; explicit line breaks are kept and empty lines survive.
func (w *writer) wrap(s string, width float64) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		para = strings.TrimRight(para, " ")
		if para == "" {
			out = append(out, "")
			continue
		}
		out = w.splitLine(out, para, width)
	}
	return out
}

// splitLine appends the lines one paragraph breaks into at spaces; a word wider than the
// line is broken where it has to be.
func (w *writer) splitLine(out []string, para string, width float64) []string {
	line, lineW := "", 0.0
	space := w.width(" ")
	for _, word := range strings.Split(para, " ") {
		ww := w.width(word)
		switch {
		case line == "" && ww <= width:
			line, lineW = word, ww
		case line != "" && lineW+space+ww <= width:
			line, lineW = line+" "+word, lineW+space+ww
		default:
			if line != "" {
				out = append(out, strings.TrimRight(line, " "))
				line, lineW = "", 0
			}
			for ww > width { // a word longer than the line
				cut, cw := 0, 0.0
				for i, r := range word {
					rw := w.width(string(r))
					if cw+rw > width && i > 0 {
						break
					}
					cut, cw = i+len(string(r)), cw+rw
				}
				out = append(out, word[:cut])
				word = word[cut:]
				ww = w.width(word)
			}
			line, lineW = word, ww
		}
	}
	return append(out, strings.TrimRight(line, " "))
}

// text draws s with its top at y (mm); align is 'L', 'R' or 'C' within
// [x, x+width].
func (w *writer) text(x, y, width, lh float64, align byte, s string) {
	if s == "" {
		return
	}
	switch align {
	case 'R':
		x += width - w.width(s)
	case 'C':
		x += (width - w.width(s)) / 2
	}
	w.f.Text(x, baseline(y, lh, w.size), s)
}

// baseline places text vertically centred in a line of height lh, as table
// cells do.
func baseline(top, lh, sizePt float64) float64 {
	return top + lh/2 + 0.3*sizePt*ptToMM
}

// lineHeight is the leading used for a font size, in mm.
func lineHeight(sizePt float64) float64 { return sizePt * 1.32 * ptToMM }

// picture is a registered image with its pixel aspect ratio.
type picture struct {
	name   string
	aspect float64 // width / height
}

// image registers a PNG or JPEG. Data is decoded with the standard library
// first, so a corrupt file gives an error instead of a broken PDF.
func (w *writer) image(name string, data []byte) (picture, error) {
	// Registered under a name of its content: the same picture in several letters of a
	// batch is embedded once, another picture gets its own entry.
	key := fmt.Sprintf("%s-%08x", name, crc32.ChecksumIEEE(data))
	if p, ok := w.pics[key]; ok {
		return p, nil
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return picture{}, fmt.Errorf("%s image: not a readable PNG or JPEG: %w", name, err)
	}
	if cfg.Width == 0 || cfg.Height == 0 || cfg.Width > 10000 || cfg.Height > 10000 {
		return picture{}, fmt.Errorf("%s image: unusable size %dx%d", name, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return picture{}, fmt.Errorf("%s image: corrupt %s data: %w", name, format, err)
	}
	if format != "jpeg" && format != "png" {
		return picture{}, fmt.Errorf("%s image: %s is not supported, use PNG or JPEG", name, format)
	}
	w.f.RegisterImage(key, img, format, data)
	p := picture{name: key, aspect: float64(cfg.Width) / float64(cfg.Height)}
	if w.pics == nil {
		w.pics = map[string]picture{}
	}
	w.pics[key] = p
	return p, nil
}

// fit scales a picture into a box of maxW x maxH mm, keeping its aspect.
func (p picture) fit(maxW, maxH float64) (w, h float64) {
	w, h = maxW, maxW/p.aspect
	if h > maxH {
		h, w = maxH, maxH*p.aspect
	}
	return w, h
}

func (w *writer) draw(p picture, x, y, width, height float64) {
	w.f.Image(p.name, x, y, width, height)
}

// hline draws a horizontal rule.
func (w *writer) hline(x1, x2, y, width float64, grey int) {
	w.f.SetLineWidth(width)
	w.f.SetDrawColor(grey, grey, grey)
	w.f.Line(x1, y, x2, y)
}

// finish writes the document to out, or returns the writer's recorded error.
func (w *writer) finish(out io.Writer) error {
	if err := w.f.Error(); err != nil {
		return err
	}
	// Only a complete document reaches the caller's writer: Output writes it in one go.
	if err := w.f.Output(out); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// guard turns a panic while laying out into an error so that bad input can never
// take the application down.
func guard(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: internal layout error: %v", what, r)
	}
}
