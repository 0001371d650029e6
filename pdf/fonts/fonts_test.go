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
