package assets

import (
	"strings"
	"testing"
)

func TestFontLicensesShipTheirTexts(t *testing.T) {
	want := map[string]string{
		"Liberation Sans and Liberation Serif": "SIL OPEN FONT LICENSE Version 1.1",
		"Noto Sans":                            "SIL OPEN FONT LICENSE Version 1.1",
	}
	for _, f := range FontLicenses() {
		text, err := f.Text()
		if err != nil {
			t.Fatal(err)
		}
		if len(text) < 500 {
			t.Errorf("%s: licence text is only %d bytes", f.Font, len(text))
		}
		if w, ok := want[f.Font]; ok && !strings.Contains(text, w) {
			t.Errorf("%s: licence text does not mention %q", f.Font, w)
		}
		delete(want, f.Font)
	}
	if len(want) > 0 {
		t.Errorf("fonts missing from the list: %v", want)
	}
}
