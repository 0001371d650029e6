package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"unicode/utf16"
)

// Face is one TrueType face read for laying out and embedding text: glyph of each
// character, advance widths and the metrics a PDF font descriptor needs. It is read
// once and never changed, so any number of documents may use it at the same time.
type Face struct {
	PostScriptName string
	UnitsPerEm     int
	Ascent         int // in font units, as the PDF descriptor wants them
	Descent        int
	CapHeight      int
	BBox           [4]int
	ItalicAngle    float64
	Serif, Italic  bool

	data    []byte
	tables  map[string][]byte
	bmp     []uint16 // glyph of each character of the Basic Multilingual Plane; 0: none
	advance []uint16 // advance width of each glyph
	loca    []uint32 // glyph data offsets, numGlyphs+1 of them
	glyf    []byte
}

// Glyph returns the glyph of r, 0 when the face has none.
func (f *Face) Glyph(r rune) uint16 {
	if r < 0 || int(r) >= len(f.bmp) {
		return 0
	}
	return f.bmp[r]
}

// Advance returns the advance width of glyph g in font units.
func (f *Face) Advance(g uint16) int {
	if int(g) < len(f.advance) {
		return int(f.advance[g])
	}
	if len(f.advance) > 0 {
		return int(f.advance[len(f.advance)-1])
	}
	return 0
}

// NumGlyphs is how many glyphs the face has.
func (f *Face) NumGlyphs() int { return len(f.loca) - 1 }

// ParseFace reads a TrueType font (glyf outlines) for layout and embedding.
func ParseFace(ttf []byte) (*Face, error) {
	ts, err := tables(ttf)
	if err != nil {
		return nil, err
	}
	f := &Face{data: ttf, tables: ts}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf"} {
		if f.tables[t] == nil {
			return nil, fmt.Errorf("font has no %s table (only TrueType outlines can be embedded)", t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errShort
	}
	f.UnitsPerEm = int(u16(head[18:]))
	if f.UnitsPerEm == 0 {
		return nil, errors.New("font has no units per em")
	}
	f.BBox = [4]int{int(int16(u16(head[36:]))), int(int16(u16(head[38:]))), int(int16(u16(head[40:]))), int(int16(u16(head[42:])))}
	longLoca := u16(head[50:]) == 1
	f.Ascent, f.Descent = int(int16(u16(hhea[4:]))), int(int16(u16(hhea[6:])))
	f.CapHeight = f.Ascent
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && u16(os2) >= 2 {
		f.CapHeight = int(int16(u16(os2[88:])))
	}
	if post := f.tables["post"]; len(post) >= 8 {
		f.ItalicAngle = float64(int32(u32(post[4:]))) / 65536
	}
	f.Italic = f.ItalicAngle != 0 || u16(head[44:])&2 != 0
	numGlyphs := int(u16(maxp[4:]))
	numHMetrics := int(u16(hhea[34:]))
	hmtx := f.tables["hmtx"]
	if numHMetrics == 0 || numHMetrics > numGlyphs || len(hmtx) < 4*numHMetrics {
		return nil, errShort
	}
	f.advance = make([]uint16, numHMetrics)
	for i := range numHMetrics {
		f.advance[i] = u16(hmtx[4*i:])
	}
	loca := f.tables["loca"]
	f.loca = make([]uint32, numGlyphs+1)
	for i := range numGlyphs + 1 {
		if longLoca {
			if len(loca) < 4*(i+1) {
				return nil, errShort
			}
			f.loca[i] = u32(loca[4*i:])
		} else {
			if len(loca) < 2*(i+1) {
				return nil, errShort
			}
			f.loca[i] = uint32(u16(loca[2*i:])) * 2
		}
	}
	f.glyf = f.tables["glyf"]
	if int(f.loca[numGlyphs]) > len(f.glyf) {
		return nil, errShort
	}
	f.bmp = make([]uint16, 0x10000)
	if f.tables["cmap"] != nil { // a subset made for a PDF has none: its glyphs are addressed by number
		if err := f.readCmap(); err != nil {
			return nil, err
		}
	}
	f.PostScriptName = postScriptName(f.tables["name"])
	if f.PostScriptName == "" {
		f.PostScriptName = "Font"
	}
	return f, nil
}

// readCmap fills the glyph of every character in the Basic Multilingual Plane.
func (f *Face) readCmap() error {
	cmap := f.tables["cmap"]
	if len(cmap) < 4 {
		return errShort
	}
	n := int(u16(cmap[2:]))
	if len(cmap) < 4+8*n {
		return errShort
	}
	for i := range n {
		rec := cmap[4+8*i:]
		platform, encoding, off := u16(rec), u16(rec[2:]), int(u32(rec[4:]))
		if !(platform == 3 && (encoding == 1 || encoding == 10) || platform == 0) || off+2 > len(cmap) {
			continue
		}
		sub := cmap[off:]
		switch u16(sub) {
		case 4:
			return f.cmap4(sub)
		case 12:
			return f.cmap12(sub)
		}
	}
	return errors.New("font has no Unicode cmap subtable")
}

func (f *Face) cmap4(b []byte) error {
	segs := int(u16(b[6:])) / 2
	ends, starts := 14, 14+2*segs+2
	deltas, offsets := starts+2*segs, starts+4*segs
	if len(b) < offsets+2*segs {
		return errShort
	}
	for i := range segs {
		end, start := int(u16(b[ends+2*i:])), int(u16(b[starts+2*i:]))
		delta, roff := int(u16(b[deltas+2*i:])), int(u16(b[offsets+2*i:]))
		for c := start; c <= end && c < 0xFFFF; c++ {
			g := 0
			if roff == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				at := offsets + 2*i + roff + 2*(c-start)
				if at+2 > len(b) {
					return errShort
				}
				if g = int(u16(b[at:])); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g < f.NumGlyphs() {
				f.bmp[c] = uint16(g)
			}
		}
	}
	return nil
}

func (f *Face) cmap12(b []byte) error {
	if len(b) < 16 {
		return errShort
	}
	n := int(u32(b[12:]))
	if n < 0 || len(b) < 16+12*n {
		return errShort
	}
	for i := range n {
		g := b[16+12*i:]
		lo, hi, glyph := u32(g), u32(g[4:]), u32(g[8:])
		for c := lo; c <= hi && c < 0x10000; c++ {
			if gid := glyph + (c - lo); gid < uint32(f.NumGlyphs()) {
				f.bmp[c] = uint16(gid)
			}
		}
	}
	return nil
}

// postScriptName reads name ID 6 from the name table, in its Windows (UTF-16) or
// Macintosh (Roman) record.
func postScriptName(name []byte) string {
	if len(name) < 6 {
		return ""
	}
	count, strOff := int(u16(name[2:])), int(u16(name[4:]))
	for i := range count {
		rec := name[6+12*i:]
		if len(rec) < 12 {
			return ""
		}
		platform, nameID := u16(rec), u16(rec[6:])
		length, off := int(u16(rec[8:])), int(u16(rec[10:]))
		if nameID != 6 || strOff+off+length > len(name) {
			continue
		}
		s := name[strOff+off : strOff+off+length]
		if platform == 3 || platform == 0 {
			us := make([]uint16, len(s)/2)
			for j := range us {
				us[j] = binary.BigEndian.Uint16(s[2*j:])
			}
			return clean(string(utf16.Decode(us)))
		}
		return clean(string(s))
	}
	return ""
}

// clean keeps the characters a PDF name may hold without escaping.
func clean(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c > 32 && c < 127 && c != '/' && c != '(' && c != ')' && c != '[' && c != ']' && c != '<' && c != '>' && c != '%' && c != '#' {
			b = append(b, c)
		}
	}
	return string(b)
}

// Subset returns a TrueType font holding only the given glyphs, the glyphs composite
// ones are built from and glyph 0, numbered anew in the order of their old numbers, and
// the map from old to new numbers for the PDF's CIDToGIDMap.
func (f *Face) Subset(glyphs []uint16) (font []byte, newID map[uint16]uint16) {
	keep := map[uint16]bool{}
	var add func(g uint16, depth int)
	add = func(g uint16, depth int) {
		if keep[g] || int(g) >= f.NumGlyphs() || depth > 8 {
			return
		}
		keep[g] = true
		for _, c := range f.components(g) {
			add(u16(f.glyf[f.loca[g]+uint32(c):]), depth+1)
		}
	}
	add(0, 0)
	for _, g := range glyphs {
		add(g, 0)
	}
	old := make([]uint16, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Slice(old, func(i, j int) bool { return old[i] < old[j] })
	newID = make(map[uint16]uint16, len(old))
	for i, g := range old {
		newID[g] = uint16(i)
	}
	n := len(old)
	var glyf []byte
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	for i, g := range old {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		start := len(glyf)
		glyf = append(glyf, f.glyf[f.loca[g]:f.loca[g+1]]...)
		for _, c := range f.components(g) { // point composite glyphs at the new numbers
			at := start + c
			binary.BigEndian.PutUint16(glyf[at:], newID[u16(glyf[at:])])
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		binary.BigEndian.PutUint16(hmtx[4*i:], uint16(f.Advance(g)))
		binary.BigEndian.PutUint16(hmtx[4*i+2:], f.lsb(g))
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))
	head := append([]byte(nil), f.tables["head"]...)
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment: left out
	binary.BigEndian.PutUint16(head[50:], 1) // long loca offsets
	hhea := append([]byte(nil), f.tables["hhea"]...)
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	tables := map[string][]byte{"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "glyf": glyf}
	for _, t := range []string{"cvt ", "fpgm", "prep"} { // hinting, for crisp text on screen
		if b := f.tables[t]; b != nil {
			tables[t] = b
		}
	}
	return writeFont(tables), newID
}

// lsb is the left side bearing of glyph g.
func (f *Face) lsb(g uint16) uint16 {
	hmtx, n := f.tables["hmtx"], len(f.advance)
	if int(g) < n {
		return u16(hmtx[4*int(g)+2:])
	}
	if at := 4*n + 2*(int(g)-n); at+2 <= len(hmtx) {
		return u16(hmtx[at:])
	}
	return 0
}

// components lists where, in glyph g's data, the glyph numbers of its components are;
// none for a simple or empty glyph.
func (f *Face) components(g uint16) []int {
	data := f.glyf[f.loca[g]:f.loca[g+1]]
	if len(data) < 10 || int16(u16(data)) >= 0 {
		return nil
	}
	var out []int
	for p := 10; p+4 <= len(data); {
		flags := u16(data[p:])
		out = append(out, p+2)
		p += 4
		if flags&1 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&0x8 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x40 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x80 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x20 == 0 { // no MORE_COMPONENTS
			break
		}
	}
	return out
}

// writeFont lays out an sfnt file from its tables, sorted by tag as the format wants.
func writeFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	search, sel := 1, 0
	for search*2 <= n {
		search *= 2
		sel++
	}
	size := 12 + 16*n
	for _, t := range tags {
		size += (len(tables[t]) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(search*16))
	binary.BigEndian.PutUint16(out[8:], uint16(sel))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-search*16))
	for i, t := range tags {
		b := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(b))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(b)))
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
