package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// Coverage is the set of characters a font maps to a real glyph (glyph 0 is
// the .notdef box, which counts as missing).
type Coverage struct {
	spans []span // sorted, non-overlapping
}

type span struct{ lo, hi rune } // inclusive

// Has reports whether r has a glyph.
func (c Coverage) Has(r rune) bool {
	i := sort.Search(len(c.spans), func(i int) bool { return c.spans[i].hi >= r })
	return i < len(c.spans) && c.spans[i].lo <= r
}

// Len returns the number of covered characters.
func (c Coverage) Len() int {
	n := 0
	for _, s := range c.spans {
		n += int(s.hi-s.lo) + 1
	}
	return n
}

// Intersect returns the characters covered by both c and d, so that text
// checked against it prints in every style.
func (c Coverage) Intersect(d Coverage) Coverage {
	var out []span
	i, j := 0, 0
	for i < len(c.spans) && j < len(d.spans) {
		a, b := c.spans[i], d.spans[j]
		lo, hi := max(a.lo, b.lo), min(a.hi, b.hi)
		if lo <= hi {
			out = append(out, span{lo, hi})
		}
		if a.hi < b.hi {
			i++
		} else {
			j++
		}
	}
	return Coverage{spans: out}
}

var errShort = errors.New("truncated font data")

// ParseCoverage reads the cmap table of a TrueType font. It understands the
// Unicode subtables in formats 4 (BMP) and 12 (full range), which is what
// every current TTF carries.
func ParseCoverage(ttf []byte) (Coverage, error) {
	cmap, err := table(ttf, "cmap")
	if err != nil {
		return Coverage{}, err
	}
	if len(cmap) < 4 {
		return Coverage{}, errShort
	}
	n := int(u16(cmap[2:]))
	if len(cmap) < 4+8*n {
		return Coverage{}, errShort
	}
	// Prefer the full-range subtable; fall back to the BMP one.
	best, bestRank := -1, 0
	for i := range n {
		rec := cmap[4+8*i:]
		platform, encoding, off := u16(rec), u16(rec[2:]), int(u32(rec[4:]))
		rank := 0
		switch {
		case platform == 3 && encoding == 10, platform == 0 && (encoding == 4 || encoding == 6):
			rank = 2
		case platform == 3 && encoding == 1, platform == 0 && encoding <= 3:
			rank = 1
		}
		if rank > bestRank && off+2 <= len(cmap) {
			format := u16(cmap[off:])
			if format == 4 || format == 12 {
				best, bestRank = off, rank
			}
		}
	}
	if best < 0 {
		return Coverage{}, errors.New("font has no Unicode cmap subtable")
	}
	sub := cmap[best:]
	if u16(sub) == 12 {
		return parseFormat12(sub)
	}
	return parseFormat4(sub)
}

func parseFormat4(b []byte) (Coverage, error) {
	if len(b) < 14 {
		return Coverage{}, errShort
	}
	segs := int(u16(b[6:])) / 2
	ends := 14
	starts := ends + 2*segs + 2
	deltas := starts + 2*segs
	offsets := deltas + 2*segs
	if len(b) < offsets+2*segs {
		return Coverage{}, errShort
	}
	var sp []span
	add := func(r rune) {
		if n := len(sp); n > 0 && sp[n-1].hi == r-1 {
			sp[n-1].hi = r
			return
		}
		sp = append(sp, span{r, r})
	}
	for i := range segs {
		end, start := int(u16(b[ends+2*i:])), int(u16(b[starts+2*i:]))
		delta, roff := int(u16(b[deltas+2*i:])), int(u16(b[offsets+2*i:]))
		for c := start; c <= end && c < 0xFFFF; c++ {
			var g int
			if roff == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				// idRangeOffset is relative to its own position in the table.
				at := offsets + 2*i + roff + 2*(c-start)
				if at+2 > len(b) {
					return Coverage{}, errShort
				}
				if g = int(u16(b[at:])); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 {
				add(rune(c))
			}
		}
	}
	return Coverage{spans: normalize(sp)}, nil
}

func parseFormat12(b []byte) (Coverage, error) {
	if len(b) < 16 {
		return Coverage{}, errShort
	}
	n := int(u32(b[12:]))
	if n < 0 || len(b) < 16+12*n {
		return Coverage{}, errShort
	}
	sp := make([]span, 0, n)
	for i := range n {
		g := b[16+12*i:]
		lo, hi, glyph := rune(u32(g)), rune(u32(g[4:])), u32(g[8:])
		if glyph == 0 {
			lo++ // only the first character of a group maps to .notdef
		}
		if lo <= hi && lo >= 0 {
			sp = append(sp, span{lo, hi})
		}
	}
	return Coverage{spans: normalize(sp)}, nil
}

// normalize sorts spans and merges overlapping or adjacent ones.
func normalize(sp []span) []span {
	sort.Slice(sp, func(i, j int) bool { return sp[i].lo < sp[j].lo })
	out := sp[:0]
	for _, s := range sp {
		if n := len(out); n > 0 && s.lo <= out[n-1].hi+1 {
			out[n-1].hi = max(out[n-1].hi, s.hi)
			continue
		}
		out = append(out, s)
	}
	return out
}

// tables reads the table directory of a TrueType font: each table's bytes by tag.
func tables(ttf []byte) (map[string][]byte, error) {
	if len(ttf) < 12 {
		return nil, errShort
	}
	n := int(u16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, errShort
	}
	out := make(map[string][]byte, n)
	for i := range n {
		rec := ttf[12+16*i:]
		off, length := int(u32(rec[8:])), int(u32(rec[12:]))
		if off < 0 || length < 0 || off+length > len(ttf) {
			return nil, fmt.Errorf("table %s: %w", rec[:4], errShort)
		}
		out[string(rec[:4])] = ttf[off : off+length]
	}
	return out, nil
}

// table returns the bytes of the named top-level table.
func table(ttf []byte, tag string) ([]byte, error) {
	ts, err := tables(ttf)
	if err != nil {
		return nil, err
	}
	if t, ok := ts[tag]; ok {
		return t, nil
	}
	return nil, fmt.Errorf("font has no %s table", tag)
}

func u16(b []byte) uint16 { return binary.BigEndian.Uint16(b) }
func u32(b []byte) uint32 { return binary.BigEndian.Uint32(b) }
