// amends patch: this file is Amends' (see PATCHES.md), under fpdf's MIT license (LICENSE).

package fpdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"math/rand/v2"
	"testing"
)

// The stream compressCIDToGIDMap writes inflates to putfonts' map, for maps empty, full,
// sparse and dense, with glyph bytes below and above 144 (8- and 9-bit literals) and runs
// of zeros of every length; zlib checks the Adler-32 as it reads the end.
func TestAmendsCompressCIDToGIDMap(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	every := map[int]int{}
	for cid := range 1 << 16 {
		every[cid] = rnd.IntN(1 << 16)
	}
	runs := map[int]int{} // gaps of 0 to 600 CIDs between glyphs
	for cid, gap := 1, 0; cid < 1<<16; cid, gap = cid+gap+1, (gap+1)%601 {
		runs[cid] = 1 + rnd.IntN(0xFFFF)
	}
	letter := map[int]int{} // about what a letter uses
	for i, r := range []rune("Sehr geehrter Herr Παπαδόπουλος, Дмитрий Łukasz Ørsted Ñúñez „quotes“ – 0123456789 €…\uFFFD") {
		letter[int(r)] = i + 1
	}
	for name, gids := range map[string]map[int]int{
		"empty": {}, "cid 0": {0: 7}, "last cid": {0xFFFF: 0xFFFF}, "zero glyph": {40: 0, 41: 1},
		"every cid": every, "runs": runs, "letter": letter,
	} {
		want := make([]byte, 256*256*2)
		for cid, gid := range gids {
			want[2*cid], want[2*cid+1] = byte(gid>>8), byte(gid)
		}
		zr, err := zlib.NewReader(bytes.NewReader(compressCIDToGIDMap(gids)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the map inflates to %d bytes that differ from putfonts' map", name, len(got))
		}
	}
}
