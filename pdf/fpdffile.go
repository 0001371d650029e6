package pdf

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"sort"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/amends/amends/pdf/fonts"
)

// pdfFile is one document being written with fpdf, the PDF library of the design card.
// Coordinates are in mm from the top-left corner of the page. It registers each face
// of the family with fpdf when a document first uses it; fpdf cuts the subset of the
// glyphs the document uses and writes it with its Unicode map.
type pdfFile struct {
	f          *fpdf.Fpdf
	fam        *fonts.Parsed
	family     string // the family's name inside fpdf, see subsetFamily
	registered map[fonts.Style]bool
	creator    string
}

// subsetPrefix starts the name every family is registered under with fpdf. fpdf names an
// embedded font "utf8" and the name; Output turns that into a six-letter subset tag
// and "+", as the PDF standard names a subset font ("AMNDSA+liberationsans"), in the
// same number of bytes, so no offset of the file moves.
const subsetPrefix = "sub"

func newPDFFile(wMM, hMM float64, fam *fonts.Parsed, created time.Time) *pdfFile {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: wMM, Ht: hMM}})
	f.SetMargins(0, 0, 0)
	f.SetCellMargin(0)
	f.SetAutoPageBreak(false, 0) // we paginate ourselves, so page counts are known before drawing
	f.SetCompression(true)
	// Fixed dates and a sorted catalog make the same input give the same bytes.
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetCatalogSort(true)
	return &pdfFile{f: f, fam: fam, family: subsetPrefix + fam.Name, registered: map[fonts.Style]bool{}}
}

// Error returns the first error met while writing, if any.
func (p *pdfFile) Error() error { return p.f.Error() }

// AddPage starts a new page; drawing goes to it from now on.
func (p *pdfFile) AddPage() { p.f.AddPage() }

func (p *pdfFile) SetTextColor(r, g, b int) { p.f.SetTextColor(r, g, b) }
func (p *pdfFile) SetFillColor(r, g, b int) { p.f.SetFillColor(r, g, b) }
func (p *pdfFile) SetDrawColor(r, g, b int) { p.f.SetDrawColor(r, g, b) }
func (p *pdfFile) SetLineWidth(w float64)   { p.f.SetLineWidth(w) }
func (p *pdfFile) SetTitle(s string)        { p.f.SetTitle(s, true) }
func (p *pdfFile) SetAuthor(s string)       { p.f.SetAuthor(s, true) }
func (p *pdfFile) SetLang(s string)         { p.f.SetLang(s) }

// SetDashPattern draws lines dashed: dash and gap lengths in mm; nil for solid lines.
func (p *pdfFile) SetDashPattern(dashes []float64, phase float64) { p.f.SetDashPattern(dashes, phase) }

func (p *pdfFile) Line(x1, y1, x2, y2 float64)           { p.f.Line(x1, y1, x2, y2) }
func (p *pdfFile) Rect(x, y, w, h float64, style string) { p.f.Rect(x, y, w, h, style) }
func (p *pdfFile) Circle(x, y, r float64, style string)  { p.f.Circle(x, y, r, style) }

// SetFont selects a face of the family and a size in pt, registering the face with
// fpdf on its first use in the document.
func (p *pdfFile) SetFont(style fonts.Style, size float64) {
	if !p.registered[style] {
		ttf := p.fam.Faces[style]
		if ttf == nil {
			p.f.SetError(fmt.Errorf("the font has no %q style", style))
			return
		}
		p.f.AddUTF8FontFromBytes(p.family, string(style), ttf)
		p.registered[style] = true
	}
	p.f.SetFont(p.family, string(style), size)
}

// StringWidth is the width of s in mm in the current font and size.
func (p *pdfFile) StringWidth(s string) float64 { return p.f.GetStringWidth(s) }

// Text draws s with its baseline starting at (x, y).
func (p *pdfFile) Text(x, y float64, s string) { p.f.Text(x, y, s) }

// RegisterImage adds a decoded picture under key. fpdf reads JPEG and plain PNG data
// as it is; a 16-bit or interlaced PNG, which it cannot read, is encoded again.
func (p *pdfFile) RegisterImage(key string, img image.Image, format string, raw []byte) {
	typ := "JPG"
	if format == "png" {
		typ = "PNG"
		if !plainPNG(raw) {
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				p.f.SetError(fmt.Errorf("re-encode the picture: %w", err))
				return
			}
			raw = buf.Bytes()
		}
	}
	p.f.RegisterImageOptionsReader(key, fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(raw))
}

// plainPNG reports whether a PNG header says 8-bit or less, not interlaced.
func plainPNG(b []byte) bool {
	// Signature (8) + IHDR length and type (8) + width, height (8), then
	// bit depth, colour type, compression, filter, interlace.
	if len(b) < 29 || string(b[12:16]) != "IHDR" {
		return false
	}
	return b[24] <= 8 && b[28] == 0
}

// Image draws the picture registered under key in the box given, in mm.
func (p *pdfFile) Image(key string, x, y, w, h float64) {
	p.f.ImageOptions(key, x, y, w, h, false, fpdf.ImageOptions{}, 0, "")
}

// Output writes the whole document to w, with its fonts named as subsets.
func (p *pdfFile) Output(w io.Writer) error {
	if p.creator != "" {
		p.f.SetCreator(p.creator, true)
	}
	var buf bytes.Buffer
	if err := p.f.Output(&buf); err != nil {
		return err
	}
	b := buf.Bytes()
	// Longest names first: "sansBI" before "sansB" before "sans", each its own tag.
	keys := make([]string, 0, len(p.registered))
	for s := range p.registered {
		keys = append(keys, fpdfFontKey(p.family, string(s)))
	}
	sort.Slice(keys, func(i, j int) bool {
		return len(keys[i]) > len(keys[j]) || (len(keys[i]) == len(keys[j]) && keys[i] < keys[j])
	})
	for _, key := range keys {
		name := []byte("/utf8" + key)
		// "utf8sub" and "ABCDEF+" have the same length: the file's offsets stay right, and
		// the names are replaced in place.
		tagged := append([]byte("/"+subsetTag(string(name))+"+"), name[len("/utf8"+subsetPrefix):]...)
		for rest := b; ; {
			i := bytes.Index(rest, name)
			if i < 0 {
				break
			}
			copy(rest[i:], tagged)
			rest = rest[i+len(name):]
		}
	}
	_, err := w.Write(b)
	return err
}

// fpdfFontKey is the key fpdf files a font under: the family in lower case and the
// style in upper case, "IB" written "BI".
func fpdfFontKey(family, style string) string {
	k := []byte(family)
	for i, c := range k {
		if c >= 'A' && c <= 'Z' {
			k[i] = c + 'a' - 'A'
		}
	}
	if style == "IB" {
		style = "BI"
	}
	return string(k) + style
}

// subsetTag is six capital letters made from name, the same for the same font.
func subsetTag(name string) string {
	h := crc32.ChecksumIEEE([]byte(name))
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(h%26)
		h /= 26
	}
	return string(tag)
}
