// amends patch: this file is Amends' (see PATCHES.md), under fpdf's MIT license (LICENSE).

package fpdf

import "sort"

// compressCIDToGIDMap returns the CIDToGIDMap stream of a UTF-8 font, zlib-compressed, for
// the glyph indices gids holds by CID: two bytes for every CID from 0 to 65535, the glyph
// index high byte first, zero for a CID not in gids (putfonts' map, the same bytes once
// inflated). It writes the CIDs used and the runs of zeros between them as they go, in a
// block of fixed Huffman codes, and the long run of zeros after the last in a block of its
// own, in which a copy of 258 zeros takes two bits; it does not make the 128 KB map.
//
// amends patch: compressing the mostly zero map took a sixth of a letter's time.
func compressCIDToGIDMap(gids map[int]int) []byte {
	cids := make([]int, 0, len(gids))
	for cid := range gids {
		if cid >= 0 && cid <= 0xFFFF {
			cids = append(cids, cid)
		}
	}
	sort.Ints(cids)
	z := sparseZlib{out: []byte{0x78, 0x01}, s1: 1} // zlib header: deflate, 32 KB window
	z.put(0, 1)                                     // a block, not the last,
	z.put(1, 2)                                     // of fixed Huffman codes
	written := 0
	for _, cid := range cids {
		z.zeros(2*cid - written)
		z.literal(byte(gids[cid] >> 8))
		z.literal(byte(gids[cid]))
		written = 2*cid + 2
	}
	// The zeros after the last CID: some here, so that a zero precedes the copies, and
	// copies of 258 zeros in the last block.
	tail := 256*256*2 - written
	copies := max(tail-1, 0) / 258
	z.zeros(tail - 258*copies)
	z.code(0, 7) // end of block
	z.zeroCopies(copies)
	if z.nbits > 0 {
		z.out = append(z.out, byte(z.bits))
	}
	adler := z.s2<<16 | z.s1
	return append(z.out, byte(adler>>24), byte(adler>>16), byte(adler>>8), byte(adler))
}

// zeroCopies writes the last block: n copies of the 258 zeros before, in dynamic Huffman
// codes of one bit for the two codes it uses (length 258 and end of block) and for
// distance 1 (RFC 1951, 3.2.7).
func (z *sparseZlib) zeroCopies(n int) {
	z.put(1, 1)  // the last block,
	z.put(2, 2)  // of dynamic Huffman codes:
	z.put(29, 5) // 286 literal and length codes,
	z.put(0, 5)  // 1 distance code,
	z.put(14, 4) // 18 code length codes, in the order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1,
	for _, l := range [18]uint64{0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1} {
		z.put(l, 3) // of which only 18 (zeros repeated) and 1 (length one) have a code: 1 and 0.
	}
	z.put(1, 1) // literals 0 to 255: 138 zeros
	z.put(138-11, 7)
	z.put(1, 1) // and 118
	z.put(118-11, 7)
	z.put(0, 1) // end of block: length 1 (code 0)
	z.put(1, 1) // lengths 3 to 257: 28 zeros
	z.put(28-11, 7)
	z.put(0, 1) // length 258: length 1 (code 1)
	z.put(0, 1) // distance 1: length 1 (code 0)
	for range n {
		z.put(1, 1) // length 258
		z.put(0, 1) // distance 1
	}
	z.put(0, 1) // end of block
	z.s2 = (z.s2 + uint64(258*n)%adlerMod*z.s1) % adlerMod
	z.n += 258 * n
}

// sparseZlib writes a deflate block of literals and runs of zeros (matches at distance
// one) with the fixed Huffman codes of RFC 1951, 3.2.6, and keeps the Adler-32 of what it
// encodes.
type sparseZlib struct {
	out    []byte
	bits   uint64 // not yet written, the first in the lowest bit
	nbits  uint
	s1, s2 uint64 // Adler-32
	n      int    // bytes encoded
	last   byte   // the last of them
}

// Deflate's lengths 3 to 258: the first length of codes 257 to 285, and their extra bits.
var (
	deflateLenBase  = [...]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	deflateLenExtra = [...]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
)

const adlerMod = 65521

// put appends the n low bits of v, lowest first.
func (z *sparseZlib) put(v uint64, n uint) {
	z.bits |= v << z.nbits
	z.nbits += n
	for z.nbits >= 8 {
		z.out = append(z.out, byte(z.bits))
		z.bits >>= 8
		z.nbits -= 8
	}
}

// code appends a Huffman code of n bits, which deflate writes highest bit first.
func (z *sparseZlib) code(c int, n uint) {
	var r uint64
	for i := range n {
		r |= uint64(c>>i&1) << (n - 1 - i)
	}
	z.put(r, n)
}

func (z *sparseZlib) literal(b byte) {
	if b < 144 {
		z.code(0x30+int(b), 8)
	} else {
		z.code(0x190+int(b)-144, 9)
	}
	z.s1 = (z.s1 + uint64(b)) % adlerMod
	z.s2 = (z.s2 + z.s1) % adlerMod
	z.n++
	z.last = b
}

// zeros appends n zero bytes: as literals until a zero precedes, then as copies of it.
func (z *sparseZlib) zeros(n int) {
	for n > 0 {
		if z.n == 0 || z.last != 0 || n < 3 {
			z.literal(0)
			n--
			continue
		}
		l := min(n, 258)
		k := len(deflateLenBase) - 1
		for deflateLenBase[k] > l {
			k--
		}
		if c := 257 + k; c < 280 {
			z.code(c-256, 7)
		} else {
			z.code(0xC0+c-280, 8)
		}
		z.put(uint64(l-deflateLenBase[k]), deflateLenExtra[k])
		z.code(0, 5) // distance 1
		z.s2 = (z.s2 + uint64(l)*z.s1) % adlerMod
		z.n += l
		n -= l
	}
}
