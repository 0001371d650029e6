package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// labelText is the text a label was given (a cut label's whole text), for tests that
// look for words on a screen.
func labelText(o fyne.CanvasObject) (string, bool) {
	switch l := o.(type) {
	case *widget.Label:
		return l.Text, true
	case *cutLabel:
		return l.Whole(), true
	}
	return "", false
}

func TestCutLabelFitsItsPlace(t *testing.T) {
	test.NewTempApp(t)
	long := "Bäckerei Müller-Lüdenscheidt · Consulting and Accounting Services for the Whole Family"
	l := newCutLabel(long)
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(900, 100))
	l.Resize(fyne.NewSize(900, l.MinSize().Height))
	if l.Text != long {
		t.Fatalf("with room for it, shown %q, want the whole text", l.Text)
	}
	l.Resize(fyne.NewSize(200, l.MinSize().Height))
	if !strings.HasSuffix(l.Text, "…") || !strings.HasPrefix(long, strings.TrimSuffix(l.Text, "…")) {
		t.Fatalf("in 200 px shown %q, want a start of the text and an ellipsis", l.Text)
	}
	room := 200 - 2*theme.InnerPadding()
	if got := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width; got > room {
		t.Errorf("the cut text is %.1f wide in %.1f of room", got, room)
	}
	// One more letter would not have fitted: the cut is as long as it can be.
	kept := []rune(strings.TrimSuffix(l.Text, "…"))
	longer := string([]rune(long)[:len(kept)+1]) + "…"
	if fyne.MeasureText(longer, theme.TextSize(), l.TextStyle).Width <= room && !strings.HasSuffix(string(kept), " ") {
		t.Errorf("cut to %q although %q fits too", l.Text, longer)
	}
	if l.Whole() != long {
		t.Errorf("Whole = %q", l.Whole())
	}
	if min := l.MinSize().Width; min > 60 {
		t.Errorf("MinSize is %.0f wide: a long text must not widen its column", min)
	}
	l.SetText("Ann")
	if l.Text != "Ann" {
		t.Errorf("a short text after a long one shows %q", l.Text)
	}
	l.Resize(fyne.NewSize(900, l.MinSize().Height))
	l.SetText(long)
	if l.Text != long {
		t.Errorf("widened again, shown %q", l.Text)
	}
}

func TestSetCutLabelRecoloursWithTheSameText(t *testing.T) {
	test.NewTempApp(t)
	l := newCutLabel("not recorded")
	setCutLabel(l, "not recorded", widget.WarningImportance)
	if l.Importance != widget.WarningImportance || l.Text != "not recorded" {
		t.Errorf("Importance %v, Text %q", l.Importance, l.Text)
	}
	setCutLabel(l, "Lost to a competitor", widget.MediumImportance)
	if l.Importance != widget.MediumImportance || l.Whole() != "Lost to a competitor" {
		t.Errorf("Importance %v, Whole %q", l.Importance, l.Whole())
	}
}
