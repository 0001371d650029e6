package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// cutLabel is a one-line label that ends in "…" where its text is wider than its place,
// as a Label with TextTruncateEllipsis does, for the rows of long lists. Fyne's own
// truncation shapes the whole text with a new shaper on every refresh, about a fifth of
// a millisecond a label: three quarters of the time a list took to show a page. This
// measures with Fyne's cached text sizes and cuts only a text that does not fit, and
// setting the text it already shows costs nothing.
type cutLabel struct {
	widget.Label
	whole string  // the text as given; Text is what is shown
	room  float32 // the width Text was cut for
}

func newCutLabel(text string) *cutLabel {
	l := &cutLabel{whole: text}
	l.Text = text
	l.ExtendBaseWidget(l)
	return l
}

func newCutLabelWithStyle(text string, style fyne.TextStyle) *cutLabel {
	l := newCutLabel(text)
	l.TextStyle = style
	return l
}

// Whole is the label's text before it was cut to fit.
func (l *cutLabel) Whole() string { return l.whole }

// SetText shows s, cut to the label's width.
func (l *cutLabel) SetText(s string) {
	if s == l.whole {
		return
	}
	l.whole = s
	l.Refresh()
}

// setLabel shows text in the colour of imp, redrawing l only if either changed: a list
// brought up to date redraws every row, and most rows show what they showed.
func setLabel(l *widget.Label, text string, imp widget.Importance) {
	if l.Text == text && l.Importance == imp {
		return
	}
	l.Text, l.Importance = text, imp
	l.Refresh()
}

// setCutLabel shows text in the colour of imp, redrawing l only if either changed.
func setCutLabel(l *cutLabel, text string, imp widget.Importance) {
	if l.Importance != imp {
		l.Importance = imp
		l.whole = text
		l.Refresh()
		return
	}
	l.SetText(text)
}

// Refresh cuts the text again, for a new text, style or theme, and redraws it.
func (l *cutLabel) Refresh() {
	l.Text = l.cut(l.Size().Width)
	l.room = l.Size().Width
	l.Label.Refresh()
}

// Resize cuts the text to the new width.
func (l *cutLabel) Resize(s fyne.Size) {
	if s.Width == l.room {
		l.Label.Resize(s)
		return
	}
	l.room = s.Width
	shown := l.cut(s.Width)
	l.Label.Resize(s)
	if shown != l.Text {
		l.Text = shown
		l.Label.Refresh()
	}
}

// MinSize is a line high and as narrow as an ellipsis, as a truncated label's.
func (l *cutLabel) MinSize() fyne.Size {
	th := l.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(fyne.MeasureText("…", l.textSize(), l.TextStyle).Width+2*pad, l.Label.MinSize().Height)
}

func (l *cutLabel) textSize() float32 {
	name := l.SizeName
	if name == "" {
		name = theme.SizeNameText
	}
	return l.Theme().Size(name)
}

// cut is the whole text if it fits width, else its longest start that fits with "…".
func (l *cutLabel) cut(width float32) string {
	if width <= 0 || l.whole == "" {
		return l.whole // not laid out yet
	}
	size := l.textSize()
	room := width - 2*l.Theme().Size(theme.SizeNameInnerPadding)
	fits := func(s string) bool { return fyne.MeasureText(s, size, l.TextStyle).Width <= room }
	if fits(l.whole) {
		return l.whole
	}
	runes := []rune(l.whole)
	lo, hi := 0, len(runes)-1 // the most runes that fit before the ellipsis
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(string(runes[:mid]) + "…") {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(runes[:lo]), " ") + "…"
}
