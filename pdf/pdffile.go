package pdf

// A small PDF 1.7 writer for what Amends prints: pages of text in embedded TrueType
// fonts, lines, filled rectangles and circles, and PNG or JPEG pictures. Fonts are
// embedded as subsets holding only the glyphs used, each with a ToUnicode map so
// that text can be searched and copied; the faces themselves are read once per
// process (package fonts), so a letter costs no font parsing.

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/amends/amends/pdf/fonts"
)

// zlibs keeps deflate writers between documents: each one holds about a megabyte of
// tables, which would otherwise be allocated anew for every letter.
var zlibs = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(io.Discard, zlib.BestSpeed)
	return w
}}

// deflate compresses b for a FlateDecode stream.
func deflate(dst *bytes.Buffer, b []byte) {
	z := zlibs.Get().(*zlib.Writer)
	z.Reset(dst)
	z.Write(b)
	z.Close()
	zlibs.Put(z)
}

// usedFont is a face as one document uses it: the glyphs drawn and their characters.
type usedFont struct {
	face   *fonts.Face
	name   string // resource name in the content streams: F1, F2 …
	glyphs map[uint16]rune
}

// pdfImage is a picture registered once and drawn wherever it is needed.
type pdfImage struct {
	name         string // resource name: Im1 …
	w, h         int
	filter       string // "DCTDecode" for JPEG, "FlateDecode" otherwise
	colorSpace   string
	bits         int
	data, smask  []byte // smask: the alpha channel, deflated; nil for opaque pictures
	decodeInvert bool   // Adobe CMYK JPEGs store inverted values
}

// pdfFile is one document being written. Coordinates are in mm from the top-left
// corner of the page; the writer turns them into PDF points.
type pdfFile struct {
	w, h    float64 // page size in mm
	pages   []*bytes.Buffer
	page    *bytes.Buffer
	fam     *fonts.Parsed
	used    map[fonts.Style]*usedFont
	order   []fonts.Style
	font    *usedFont
	size    float64 // pt
	images  map[string]*pdfImage
	imgSeq  []*pdfImage
	fill    string // the colour operators set on the current page
	stroke  string
	text    string
	lineW   float64
	dash    string
	lang    string
	title   string
	author  string
	creator string
	created time.Time
	err     error
	num     []byte // scratch for number formatting
}

const ptPerMM = 72 / mmPerInch

func newPDFFile(wMM, hMM float64, fam *fonts.Parsed, created time.Time) *pdfFile {
	return &pdfFile{w: wMM, h: hMM, fam: fam, used: map[fonts.Style]*usedFont{}, images: map[string]*pdfImage{},
		created: created, size: 11}
}

// Error returns the first error met while writing, if any.
func (f *pdfFile) Error() error { return f.err }

// AddPage starts a new page; drawing goes to it from now on.
func (f *pdfFile) AddPage() {
	f.page = &bytes.Buffer{}
	f.pages = append(f.pages, f.page)
	f.fill, f.stroke, f.text, f.lineW = "", "", "", 0
	// Each page's stream starts in the default state: colours are set again when drawn.
}

// n writes a number with at most two decimals, as PDF content wants it.
func (f *pdfFile) n(v float64) {
	f.num = strconv.AppendFloat(f.num[:0], math.Round(v*100)/100, 'f', -1, 64)
	f.page.Write(f.num)
}

// colour is the operator that sets a 0–255 RGB colour: "0.5 g" for greys, "r g b rg"
// otherwise; for lines (stroke) the same in capitals.
func colour(r, g, b int, stroke bool) string {
	var s string
	if r == g && g == b {
		s = strconv.FormatFloat(float64(r)/255, 'f', 3, 64) + " g"
	} else {
		s = fmt.Sprintf("%.3f %.3f %.3f rg", float64(r)/255, float64(g)/255, float64(b)/255)
	}
	if stroke {
		return strings.ToUpper(s)
	}
	return s
}

// SetTextColor, SetFillColor and SetDrawColor set 0–255 RGB colours for text, fills and lines.
func (f *pdfFile) SetTextColor(r, g, b int) { f.text = colour(r, g, b, false) }
func (f *pdfFile) SetFillColor(r, g, b int) { f.fill = colour(r, g, b, false) }
func (f *pdfFile) SetDrawColor(r, g, b int) { f.stroke = colour(r, g, b, true) }

// SetLineWidth sets the width of lines in mm.
func (f *pdfFile) SetLineWidth(w float64) { f.lineW = w }

// SetDashPattern draws lines dashed: dash and gap lengths in mm; nil for solid lines.
func (f *pdfFile) SetDashPattern(dashes []float64, phase float64) {
	if len(dashes) == 0 {
		f.dash = ""
		return
	}
	var b strings.Builder
	b.WriteString("[")
	for i, d := range dashes {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatFloat(d*ptPerMM, 'f', 2, 64))
	}
	b.WriteString("] " + strconv.FormatFloat(phase*ptPerMM, 'f', 2, 64) + " d")
	f.dash = b.String()
}

// SetTitle, SetAuthor and SetLang fill in the document's metadata and language.
func (f *pdfFile) SetTitle(s string)  { f.title = s }
func (f *pdfFile) SetAuthor(s string) { f.author = s }
func (f *pdfFile) SetLang(s string)   { f.lang = s }

func (f *pdfFile) strokeState() {
	f.page.WriteString("q ")
	if f.stroke != "" {
		f.page.WriteString(f.stroke + " ")
	}
	if f.dash != "" {
		f.page.WriteString(f.dash + " ")
	}
	f.n(f.lineW * ptPerMM)
	f.page.WriteString(" w ")
}

// Line draws a straight line.
func (f *pdfFile) Line(x1, y1, x2, y2 float64) {
	if f.page == nil {
		return
	}
	f.strokeState()
	f.n(x1 * ptPerMM)
	f.page.WriteByte(' ')
	f.n((f.h - y1) * ptPerMM)
	f.page.WriteString(" m ")
	f.n(x2 * ptPerMM)
	f.page.WriteByte(' ')
	f.n((f.h - y2) * ptPerMM)
	f.page.WriteString(" l S Q\n")
}

func (f *pdfFile) fillState() {
	f.page.WriteString("q ")
	if f.fill != "" {
		f.page.WriteString(f.fill + " ")
	}
}

// paint starts a filled (style "F") or stroked shape and returns its painting operator.
func (f *pdfFile) paint(style string) string {
	if style == "F" {
		f.fillState()
		return "f"
	}
	f.strokeState()
	return "S"
}

// Rect fills a rectangle (style "F"; anything else strokes it).
func (f *pdfFile) Rect(x, y, w, h float64, style string) {
	if f.page == nil {
		return
	}
	op := f.paint(style)
	f.n(x * ptPerMM)
	f.page.WriteByte(' ')
	f.n((f.h - y - h) * ptPerMM)
	f.page.WriteByte(' ')
	f.n(w * ptPerMM)
	f.page.WriteByte(' ')
	f.n(h * ptPerMM)
	f.page.WriteString(" re " + op + " Q\n")
}

// Circle fills a circle (style "F"; anything else strokes it), drawn as four Bézier arcs.
func (f *pdfFile) Circle(x, y, r float64, style string) {
	if f.page == nil {
		return
	}
	op := f.paint(style)
	const k = 0.5523
	cx, cy, rr := x*ptPerMM, (f.h-y)*ptPerMM, r*ptPerMM
	pts := [][6]float64{
		{cx + rr, cy + k*rr, cx + k*rr, cy + rr, cx, cy + rr},
		{cx - k*rr, cy + rr, cx - rr, cy + k*rr, cx - rr, cy},
		{cx - rr, cy - k*rr, cx - k*rr, cy - rr, cx, cy - rr},
		{cx + k*rr, cy - rr, cx + rr, cy - k*rr, cx + rr, cy},
	}
	f.n(cx + rr)
	f.page.WriteByte(' ')
	f.n(cy)
	f.page.WriteString(" m")
	for _, p := range pts {
		for _, v := range p {
			f.page.WriteByte(' ')
			f.n(v)
		}
		f.page.WriteString(" c")
	}
	f.page.WriteString(" " + op + " Q\n")
}

// SetFont selects a face of the family and a size in pt.
func (f *pdfFile) SetFont(style fonts.Style, size float64) {
	u := f.used[style]
	if u == nil {
		face := f.fam.Faces[style]
		if face == nil {
			f.err = fmt.Errorf("the font has no %q style", style)
			return
		}
		u = &usedFont{face: face, name: "F" + strconv.Itoa(len(f.used)+1), glyphs: map[uint16]rune{}}
		f.used[style] = u
		f.order = append(f.order, style)
	}
	f.font, f.size = u, size
}

// StringWidth is the width of s in mm in the current font and size.
func (f *pdfFile) StringWidth(s string) float64 {
	if f.font == nil {
		return 0
	}
	return float64(f.units(s)) * f.size / float64(f.font.face.UnitsPerEm) / ptPerMM
}

// units is the advance of s in font units.
func (f *pdfFile) units(s string) int {
	face := f.font.face
	w := 0
	for _, r := range s {
		w += face.Advance(face.Glyph(r))
	}
	return w
}

// Text draws s with its baseline starting at (x, y).
func (f *pdfFile) Text(x, y float64, s string) {
	if f.page == nil || f.font == nil || s == "" {
		return
	}
	f.page.WriteString("BT ")
	if f.text != "" {
		f.page.WriteString(f.text + " ")
	}
	f.page.WriteString("/" + f.font.name + " ")
	f.n(f.size)
	f.page.WriteString(" Tf ")
	f.n(x * ptPerMM)
	f.page.WriteByte(' ')
	f.n((f.h - y) * ptPerMM)
	f.page.WriteString(" Td <")
	face := f.font.face
	const hex = "0123456789ABCDEF"
	for _, r := range s {
		g := face.Glyph(r)
		if _, ok := f.font.glyphs[g]; !ok {
			f.font.glyphs[g] = r
		}
		f.page.Write([]byte{hex[g>>12], hex[g>>8&15], hex[g>>4&15], hex[g&15]})
	}
	f.page.WriteString("> Tj ET\n")
}

// RegisterImage adds a decoded picture under key; JPEG data is embedded as it is.
func (f *pdfFile) RegisterImage(key string, img image.Image, format string, raw []byte) {
	if _, ok := f.images[key]; ok {
		return
	}
	b := img.Bounds()
	p := &pdfImage{name: "Im" + strconv.Itoa(len(f.images)+1), w: b.Dx(), h: b.Dy(), bits: 8}
	if format == "jpeg" {
		p.filter, p.data = "DCTDecode", raw
		switch img.(type) {
		case *image.Gray:
			p.colorSpace = "DeviceGray"
		case *image.CMYK:
			p.colorSpace, p.decodeInvert = "DeviceCMYK", true
		default:
			p.colorSpace = "DeviceRGB"
		}
	} else {
		rgb := make([]byte, 0, 3*p.w*p.h)
		var alpha []byte
		opaque := true
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
				rgb = append(rgb, c.R, c.G, c.B)
				alpha = append(alpha, c.A)
				opaque = opaque && c.A == 255
			}
		}
		var buf bytes.Buffer
		deflate(&buf, rgb)
		p.filter, p.colorSpace, p.data = "FlateDecode", "DeviceRGB", buf.Bytes()
		if !opaque {
			var ab bytes.Buffer
			deflate(&ab, alpha)
			p.smask = ab.Bytes()
		}
	}
	f.images[key] = p
	f.imgSeq = append(f.imgSeq, p)
}

// Image draws a registered picture into the box at (x, y) of w × h mm.
func (f *pdfFile) Image(key string, x, y, w, h float64) {
	p := f.images[key]
	if p == nil || f.page == nil {
		return
	}
	f.page.WriteString("q ")
	f.n(w * ptPerMM)
	f.page.WriteString(" 0 0 ")
	f.n(h * ptPerMM)
	f.page.WriteByte(' ')
	f.n(x * ptPerMM)
	f.page.WriteByte(' ')
	f.n((f.h - y - h) * ptPerMM)
	f.page.WriteString(" cm /" + p.name + " Do Q\n")
}

// out collects the objects of the file and their offsets.
type out struct {
	b    bytes.Buffer
	offs []int
}

func (o *out) obj(n int) {
	for len(o.offs) < n {
		o.offs = append(o.offs, 0)
	}
	o.offs[n-1] = o.b.Len()
	fmt.Fprintf(&o.b, "%d 0 obj\n", n)
}

func (o *out) stream(dict string, data []byte) {
	fmt.Fprintf(&o.b, "<<%s /Length %d>>\nstream\n", dict, len(data))
	o.b.Write(data)
	o.b.WriteString("\nendstream\nendobj\n")
}

// pdfString writes s as a PDF text string (UTF-16 with a byte order mark).
func pdfString(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

func pdfDate(t time.Time) string { return "(D:" + t.UTC().Format("20060102150405") + "Z)" }

// Output writes the whole document to w.
func (f *pdfFile) Output(w io.Writer) error {
	if f.err != nil {
		return f.err
	}
	if len(f.pages) == 0 {
		f.AddPage()
	}
	var o out
	o.b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	// Objects: 1 catalog, 2 page tree, 3 info, then per page its page and content
	// objects, then 6 per font, then 1 or 2 per image.
	nPages := len(f.pages)
	pageObj := func(i int) int { return 4 + 2*i }
	next := 4 + 2*nPages
	fontObj := map[*usedFont]int{}
	for _, s := range f.order {
		fontObj[f.used[s]] = next
		next += 6
	}
	imgObj := map[*pdfImage]int{}
	for _, p := range f.imgSeq {
		imgObj[p] = next
		next++
		if p.smask != nil {
			next++
		}
	}

	o.obj(1)
	cat := "<</Type /Catalog /Pages 2 0 R"
	if f.lang != "" {
		cat += " /Lang " + pdfString(f.lang)
	}
	o.b.WriteString(cat + ">>\nendobj\n")

	o.obj(2)
	o.b.WriteString("<</Type /Pages /Kids [")
	for i := range nPages {
		fmt.Fprintf(&o.b, "%d 0 R ", pageObj(i))
	}
	fmt.Fprintf(&o.b, "] /Count %d>>\nendobj\n", nPages)

	o.obj(3)
	o.b.WriteString("<<")
	if f.title != "" {
		o.b.WriteString("/Title " + pdfString(f.title) + " ")
	}
	if f.author != "" {
		o.b.WriteString("/Author " + pdfString(f.author) + " ")
	}
	if f.creator != "" {
		o.b.WriteString("/Creator " + pdfString(f.creator) + " /Producer " + pdfString(f.creator) + " ")
	}
	o.b.WriteString("/CreationDate " + pdfDate(f.created) + " /ModDate " + pdfDate(f.created) + ">>\nendobj\n")

	var res bytes.Buffer
	res.WriteString("/Resources <</ProcSet [/PDF /Text /ImageB /ImageC]")
	if len(f.order) > 0 {
		res.WriteString(" /Font <<")
		for _, s := range f.order {
			u := f.used[s]
			fmt.Fprintf(&res, "/%s %d 0 R ", u.name, fontObj[u])
		}
		res.WriteString(">>")
	}
	if len(f.imgSeq) > 0 {
		res.WriteString(" /XObject <<")
		for _, p := range f.imgSeq {
			fmt.Fprintf(&res, "/%s %d 0 R ", p.name, imgObj[p])
		}
		res.WriteString(">>")
	}
	res.WriteString(">>")
	var z bytes.Buffer
	for i, p := range f.pages {
		o.obj(pageObj(i))
		fmt.Fprintf(&o.b, "<</Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] %s /Contents %d 0 R>>\nendobj\n",
			f.w*ptPerMM, f.h*ptPerMM, res.String(), pageObj(i)+1)
		o.obj(pageObj(i) + 1)
		z.Reset()
		deflate(&z, p.Bytes())
		o.stream("/Filter /FlateDecode", z.Bytes())
	}
	for _, s := range f.order {
		f.writeFont(&o, f.used[s], fontObj[f.used[s]])
	}
	for _, p := range f.imgSeq {
		n := imgObj[p]
		o.obj(n)
		dict := fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent %d /Filter /%s",
			p.w, p.h, p.colorSpace, p.bits, p.filter)
		if p.decodeInvert {
			dict += " /Decode [1 0 1 0 1 0 1 0]"
		}
		if p.smask != nil {
			dict += fmt.Sprintf(" /SMask %d 0 R", n+1)
		}
		o.stream(dict, p.data)
		if p.smask != nil {
			o.obj(n + 1)
			o.stream(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
				p.w, p.h), p.smask)
		}
	}

	xref := o.b.Len()
	fmt.Fprintf(&o.b, "xref\n0 %d\n0000000000 65535 f \n", len(o.offs)+1)
	for _, off := range o.offs {
		fmt.Fprintf(&o.b, "%010d 00000 n \n", off)
	}
	id := sha256.Sum256(o.b.Bytes())
	fmt.Fprintf(&o.b, "trailer\n<</Size %d /Root 1 0 R /Info 3 0 R /ID [<%x> <%x>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(o.offs)+1, id[:16], id[:16], xref)
	_, err := w.Write(o.b.Bytes())
	return err
}

// writeFont writes a used face as six objects from n: the Type0 font, its CID font,
// the descriptor, the subset font file, the ToUnicode map and the CID-to-glyph map.
func (f *pdfFile) writeFont(o *out, u *usedFont, n int) {
	face := u.face
	gids := make([]uint16, 0, len(u.glyphs))
	for g := range u.glyphs {
		gids = append(gids, g)
	}
	sort.Slice(gids, func(i, j int) bool { return gids[i] < gids[j] })
	// The subset tag names the glyphs kept, so the same text gives the same bytes.
	h := sha256.New()
	for _, g := range gids {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	h.Write([]byte(face.PostScriptName))
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	base := string(tag) + "+" + face.PostScriptName
	scale := func(v int) int { return int(math.Round(float64(v) * 1000 / float64(face.UnitsPerEm))) }

	o.obj(n)
	fmt.Fprintf(&o.b, "<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>\nendobj\n",
		base, n+1, n+4)

	o.obj(n + 1)
	var wa bytes.Buffer
	for _, g := range gids {
		fmt.Fprintf(&wa, "%d [%d] ", g, scale(face.Advance(g)))
	}
	fmt.Fprintf(&o.b, "<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap %d 0 R /DW %d /W [%s]>>\nendobj\n",
		base, n+2, n+5, scale(face.Advance(0)), bytes.TrimSpace(wa.Bytes()))

	o.obj(n + 2)
	flags := 32 // non-symbolic
	if face.Serif {
		flags |= 2
	}
	if face.Italic {
		flags |= 64
	}
	fmt.Fprintf(&o.b, "<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %g /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R>>\nendobj\n",
		base, flags, scale(face.BBox[0]), scale(face.BBox[1]), scale(face.BBox[2]), scale(face.BBox[3]),
		face.ItalicAngle, scale(face.Ascent), scale(face.Descent), scale(face.CapHeight), n+3)

	o.obj(n + 3)
	sub, newID := face.Subset(gids)
	var z bytes.Buffer
	deflate(&z, sub)
	o.stream(fmt.Sprintf("/Length1 %d /Filter /FlateDecode", len(sub)), z.Bytes())

	o.obj(n + 4)
	var cm bytes.Buffer
	cm.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(gids); i += 100 {
		chunk := gids[i:min(i+100, len(gids))]
		fmt.Fprintf(&cm, "%d beginbfchar\n", len(chunk))
		for _, g := range chunk {
			fmt.Fprintf(&cm, "<%04X> <", g)
			for _, c := range utf16.Encode([]rune{u.glyphs[g]}) {
				fmt.Fprintf(&cm, "%04X", c)
			}
			cm.WriteString(">\n")
		}
		cm.WriteString("endbfchar\n")
	}
	cm.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	z.Reset()
	deflate(&z, cm.Bytes())
	o.stream("/Filter /FlateDecode", z.Bytes())

	// The text addresses glyphs by their numbers in the whole font; the subset has them
	// numbered anew.
	o.obj(n + 5)
	var last uint16
	if len(gids) > 0 {
		last = gids[len(gids)-1]
	}
	m := make([]byte, 2*(int(last)+1))
	for old, id := range newID {
		if old <= last {
			m[2*int(old)], m[2*int(old)+1] = byte(id>>8), byte(id)
		}
	}
	z.Reset()
	deflate(&z, m)
	o.stream("/Filter /FlateDecode", z.Bytes())
}
