// amends patch: this file is Amends' (see PATCHES.md), under fpdf's MIT license (LICENSE).

package fpdf

import (
	"crypto/sha1"
	"crypto/sha256"
	"fmt"
	"sync"
)

// amends patch: a UTF-8 font is parsed once per process, not once per document and again
// when Output cuts its subset. Parsed fonts are kept by their bytes: the map's key is a
// copy of the font, which the runtime hashes and compares in full, so another font under
// the same name is never taken for it, and finding it costs a few microseconds (SHA-256
// of a 400 KB font takes 0.26 ms). What is kept is never changed once parsed: every
// document gets its own utf8FontFile (its own reader and the state of its subset) that
// shares the parsed tables, so any number of documents may use a font at once.
var utf8Fonts = struct {
	sync.Mutex
	byBytes map[string]*utf8FontEntry
}{byBytes: map[string]*utf8FontEntry{}}

type utf8FontEntry struct {
	once sync.Once
	font *utf8FontFile // parsed, with the tables GenerateCutFont reads (readCutTables)
	sum  [sha256.Size]byte
	err  error
}

// parseUTF8FontCached returns a document's own utf8FontFile for the TrueType font in b,
// parsed at most once per process, and the font's SHA-256.
func parseUTF8FontCached(b []byte) (*utf8FontFile, [sha256.Size]byte, error) {
	utf8Fonts.Lock()
	e := utf8Fonts.byBytes[string(b)]
	if e == nil {
		e = new(utf8FontEntry)
		utf8Fonts.byBytes[string(b)] = e // the key is a copy: b may change after
	}
	utf8Fonts.Unlock()
	e.once.Do(func() {
		e.sum = sha256.Sum256(b)
		font := newUTF8Font(&fileReader{array: b})
		if e.err = font.parseFile(); e.err != nil {
			return
		}
		// A font without a Unicode cmap fails here as it does in GenerateCutFont, where
		// the document's copy tries again and cuts nothing, as before.
		font.readCutTables()
		font.fileReader = nil // each document reads its own bytes (the same, as the key says)
		e.font = font
	})
	if e.err != nil {
		return nil, e.sum, e.err
	}
	doc := *e.font // shares the parsed maps and slices, which no document changes
	doc.fileReader = &fileReader{array: b}
	doc.outTablesData = nil // GenerateCutFont makes the document's own
	return &doc, e.sum, nil
}

// utf8FontID is a UTF-8 font's id in a document (its resource name, /F<id>): 40 hex
// digits, as generateFontID's, made from the font's SHA-256 and its key, which is all
// generateFontID's JSON of the definition depended on.
//
// amends patch: generateFontID marshalled the whole definition, its 65,536 widths
// included, for every document: a third of a letter's time.
func utf8FontID(sum [sha256.Size]byte, fontKey string) string {
	h := sha1.New()
	h.Write(sum[:])
	h.Write([]byte(fontKey))
	return fmt.Sprintf("%x", h.Sum(nil))
}
