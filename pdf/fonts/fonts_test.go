package fonts

import (
	"testing"
)

func TestCoverage(t *testing.T) {
	for _, fam := range []Family{Sans(), Serif()} {
		t.Run(fam.Name, func(t *testing.T) {
			c, err := fam.Coverage()
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range "AzÄöüßZoëŁukaszØrstedÑúñezΠαπαδόπουλοςДмитрий€–„“”‘’…" {
				if !c.Has(r) {
					t.Errorf("%q (U+%04X) not covered", r, r)
				}
			}
			for _, r := range "漢字😀\uFFFF" {
				if c.Has(r) {
					t.Errorf("%q (U+%04X) unexpectedly covered", r, r)
				}
			}
			if n := c.Len(); n < 500 {
				t.Errorf("only %d characters covered", n)
			}
		})
	}
}

func TestParseCoverageRejectsGarbage(t *testing.T) {
	good := Sans().Regular
	for name, b := range map[string][]byte{
		"empty":     nil,
		"short":     []byte("\x00\x01\x00\x00"),
		"truncated": good[:200],
		"text":      []byte("this is not a font at all, just some text to parse"),
	} {
		if _, err := ParseCoverage(b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestIntersect(t *testing.T) {
	a := Coverage{spans: []span{{'a', 'f'}, {'x', 'z'}}}
	b := Coverage{spans: []span{{'c', 'y'}}}
	got := a.Intersect(b)
	for _, r := range "cdefxy" {
		if !got.Has(r) {
			t.Errorf("missing %q", r)
		}
	}
	for _, r := range "abgwz" {
		if got.Has(r) {
			t.Errorf("unexpected %q", r)
		}
	}
}

func TestByName(t *testing.T) {
	if f, err := ByName(""); err != nil || f.Name != "sans" {
		t.Errorf("ByName(\"\") = %q, %v", f.Name, err)
	}
	if f, err := ByName("serif"); err != nil || f.Name != "serif" {
		t.Errorf("ByName(serif) = %q, %v", f.Name, err)
	}
	if _, err := ByName("comic"); err == nil {
		t.Error("ByName(comic): no error")
	}
}

func TestParsedOncePerProcess(t *testing.T) {
	for _, fam := range []Family{Sans(), Serif()} {
		a, err := fam.Parse()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := fam.Parse()
		if a != b {
			t.Errorf("%s was read twice", fam.Name)
		}
	}
	// A family made by hand is read each time, and its errors are reported.
	if _, err := (Family{Name: "x", Regular: []byte("nope")}).Parse(); err == nil {
		t.Error("a broken family was read")
	}
}

func TestSubsetKeepsGlyphsAndMetrics(t *testing.T) {
	p, err := Sans().Parse()
	if err != nil {
		t.Fatal(err)
	}
	face := p.Faces[Regular]
	var gids []uint16
	for _, r := range "Zoë Ørsted – berger-consulting.example €" {
		gids = append(gids, face.Glyph(r))
	}
	font, newID := face.Subset(gids)
	sub, err := ParseFace(font)
	if err != nil {
		t.Fatalf("the subset cannot be read back: %v", err)
	}
	if sub.NumGlyphs() != len(newID) || sub.NumGlyphs() >= face.NumGlyphs()/4 {
		t.Fatalf("subset has %d glyphs (%d mapped) of %d", sub.NumGlyphs(), len(newID), face.NumGlyphs())
	}
	for _, g := range gids {
		n, ok := newID[g]
		if !ok {
			t.Fatalf("glyph %d left out", g)
		}
		if sub.Advance(n) != face.Advance(g) {
			t.Errorf("glyph %d: advance %d in the subset, %d in the font", g, sub.Advance(n), face.Advance(g))
		}
		if face.loca[g+1]-face.loca[g] != sub.loca[n+1]-sub.loca[n] && (face.loca[g+1]-face.loca[g])%4 == 0 {
			t.Errorf("glyph %d: outline of %d bytes became %d", g, face.loca[g+1]-face.loca[g], sub.loca[n+1]-sub.loca[n])
		}
	}
	if len(font) > 20000 {
		t.Errorf("a subset of %d characters is %d bytes", len(gids), len(font))
	}
}

func TestHyphenIsAHyphen(t *testing.T) {
	// The Go font drew U+002D nearly as wide as an en dash; a hyphen is about a third of one.
	for _, fam := range []Family{Sans(), Serif()} {
		p, _ := fam.Parse()
		f := p.Faces[Regular]
		hy, en := f.Advance(f.Glyph('-')), f.Advance(f.Glyph('–'))
		if float64(hy) > 0.7*float64(en) {
			t.Errorf("%s: hyphen %d units wide, en dash %d", fam.Name, hy, en)
		}
	}
}
