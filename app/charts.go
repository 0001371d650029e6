package app

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// chartKind says how a chart draws its series.
type chartKind int

const (
	barChart  chartKind = iota // grouped bars, one group per label
	lineChart                  // one line with point markers per series
	// hbarChart draws one row per label, its name in full at the left (on as many lines
	// as it needs) and its bars to the right: for categories with long names, which a
	// label under a bar could only cut ("Misunder… requirem…").
	hbarChart
)

// chartSeries is one named row of values, one per label.
type chartSeries struct {
	name   string
	values []float64
}

// chart is a small bar or line chart drawn with canvas primitives. Its colours come from
// the theme at every refresh, so it reads well in light and dark mode.
type chart struct {
	widget.BaseWidget
	kind   chartKind
	labels []string
	series []chartSeries
	format func(float64) string // axis and value labels; nil: whole numbers
	minH   float32
}

func newChart(kind chartKind, labels []string, series ...chartSeries) *chart {
	c := &chart{kind: kind, labels: labels, series: series, minH: 220}
	c.ExtendBaseWidget(c)
	return c
}

// set replaces the data and redraws.
func (c *chart) set(labels []string, series ...chartSeries) {
	c.labels, c.series = labels, series
	c.Refresh()
}

// seriesColor picks the theme colour for series i: primary, then warning, success, error.
func seriesColor(i int) color.Color {
	names := []fyne.ThemeColorName{theme.ColorNamePrimary, theme.ColorNameWarning, theme.ColorNameSuccess, theme.ColorNameError}
	return theme.Color(names[i%len(names)])
}

func (c *chart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	r.rebuild(fyne.NewSize(400, c.minH))
	return r
}

type chartRenderer struct {
	c       *chart
	objects []fyne.CanvasObject
	size    fyne.Size
	needH   float32 // the height a horizontal bar chart needs at the width last drawn
}

func (r *chartRenderer) Destroy()                     {}
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *chartRenderer) MinSize() fyne.Size {
	if r.c.kind == hbarChart {
		return fyne.NewSize(200, fyne.Max(r.needH, 60))
	}
	return fyne.NewSize(260, r.c.minH)
}
func (r *chartRenderer) Layout(s fyne.Size) {
	if s != r.size {
		r.rebuild(s)
	}
}
func (r *chartRenderer) Refresh() {
	r.rebuild(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *chartRenderer) label(text string, size float32, col color.Color, align fyne.TextAlign) *canvas.Text {
	t := canvas.NewText(text, col)
	t.TextSize = size
	t.Alignment = align
	return t
}

// niceMax returns the top of the value axis: four times a round step (1, 1.5, 2, 2.5, 3,
// 4, 5, 6 or 8 times a power of ten) at or above v; whole steps only when whole is set.
func niceMax(v float64, whole bool) float64 {
	if v <= 0 {
		return 4
	}
	raw := v / 4
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		step := m * p
		if whole && (step < 1 || step != math.Trunc(step)) {
			continue
		}
		if step >= raw {
			return 4 * step
		}
	}
	return 40 * p
}

func (r *chartRenderer) rebuild(s fyne.Size) {
	r.size = s
	c := r.c
	r.objects = r.objects[:0]
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	if c.kind == hbarChart {
		r.rebuildRows(s)
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	grid := theme.Color(theme.ColorNameSeparator)
	small := theme.TextSize() * 0.85
	format := c.format
	if format == nil {
		format = func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	}
	hi := 0.0
	whole := true
	for _, se := range c.series {
		for _, v := range se.values {
			hi = math.Max(hi, v)
			whole = whole && v == math.Trunc(v)
		}
	}
	hi = niceMax(hi, whole)
	legendH := small + 8
	left := float32(56)
	n := len(c.labels)
	slot := (s.Width - 8 - left) / float32(max(n, 1))
	// Label every k-th category so they do not overlap; long ones take two lines.
	// Label every k-th category, k as small as lets each label shown fit whole on at most
	// two lines: a label is never cut (categories with long names use hbarChart).
	every := 1
	lines := make([][]string, n)
	for ; every <= n; every++ {
		whole := slot*float32(every) >= 46
		for i, l := range c.labels {
			if i%every == 0 {
				lines[i] = wrapWords(l, slot*float32(every)-4, small)
				whole = whole && len(lines[i]) <= 2
			}
		}
		if whole {
			break
		}
	}
	twoLines := false
	for i := range c.labels {
		twoLines = twoLines || i%every == 0 && len(lines[i]) > 1
	}
	labelH := small + 6
	if twoLines {
		labelH = 2*small + 8
	}
	top := legendH + 4
	bottom := s.Height - labelH - 4
	right := s.Width - 8
	plotH := bottom - top
	plotW := right - left
	if plotH <= 10 || plotW <= 10 || len(c.labels) == 0 {
		r.objects = append(r.objects, r.label("No data yet", theme.TextSize(), fg, fyne.TextAlignCenter))
		r.objects[0].Move(fyne.NewPos(0, s.Height/2-10))
		r.objects[0].Resize(fyne.NewSize(s.Width, 20))
		return
	}
	y := func(v float64) float32 { return bottom - float32(v/hi)*plotH }
	// Grid lines with their values.
	for i := 0; i <= 4; i++ {
		v := hi * float64(i) / 4
		ln := canvas.NewLine(grid)
		ln.StrokeWidth = 1
		ln.Position1, ln.Position2 = fyne.NewPos(left, y(v)), fyne.NewPos(right, y(v))
		r.objects = append(r.objects, ln)
		t := r.label(format(v), small, fg, fyne.TextAlignTrailing)
		t.Move(fyne.NewPos(0, y(v)-small*0.7))
		t.Resize(fyne.NewSize(left-6, small))
		r.objects = append(r.objects, t)
	}
	for i := range c.labels {
		if i%every != 0 {
			continue
		}
		w := slot * float32(every)
		for j, line := range lines[i] {
			t := r.label(line, small, fg, fyne.TextAlignCenter)
			t.Move(fyne.NewPos(left+slot*float32(i)+slot/2-w/2, bottom+4+float32(j)*(small+2)))
			t.Resize(fyne.NewSize(w, small))
			r.objects = append(r.objects, t)
		}
	}
	switch c.kind {
	case barChart:
		groups := float32(len(c.series))
		barW := slot * 0.8 / groups
		for si, se := range c.series {
			col := seriesColor(si)
			for i, v := range se.values {
				if i >= n || v <= 0 {
					continue
				}
				b := canvas.NewRectangle(col)
				x := left + slot*float32(i) + slot*0.1 + barW*float32(si)
				b.Move(fyne.NewPos(x+1, y(v)))
				b.Resize(fyne.NewSize(barW-2, bottom-y(v)))
				r.objects = append(r.objects, b)
			}
		}
	case lineChart:
		for si, se := range c.series {
			col := seriesColor(si)
			var prev *fyne.Position
			for i, v := range se.values {
				if i >= n || math.IsNaN(v) {
					prev = nil
					continue
				}
				p := fyne.NewPos(left+slot*float32(i)+slot/2, y(v))
				if prev != nil {
					ln := canvas.NewLine(col)
					ln.StrokeWidth = 2
					ln.Position1, ln.Position2 = *prev, p
					r.objects = append(r.objects, ln)
				}
				dot := canvas.NewCircle(col)
				dot.Move(p.Subtract(fyne.NewPos(3, 3)))
				dot.Resize(fyne.NewSize(6, 6))
				r.objects = append(r.objects, dot)
				prev = &p
			}
		}
	}
	axis := canvas.NewLine(fg)
	axis.StrokeWidth = 1
	axis.Position1, axis.Position2 = fyne.NewPos(left, bottom), fyne.NewPos(right, bottom)
	r.objects = append(r.objects, axis)
	r.legend(small, fg, left)
}

// rebuildRows draws a horizontal bar chart at size s: a row per label, the label in
// full on the left, the bars and their values on the right.
func (r *chartRenderer) rebuildRows(s fyne.Size) {
	c := r.c
	fg := theme.Color(theme.ColorNameForeground)
	small := theme.TextSize() * 0.85
	format := c.format
	if format == nil {
		format = func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	}
	if len(c.labels) == 0 {
		r.needH = 40
		t := r.label("No data yet", theme.TextSize(), fg, fyne.TextAlignCenter)
		t.Move(fyne.NewPos(0, 10))
		t.Resize(fyne.NewSize(s.Width, 20))
		r.objects = append(r.objects, t)
		return
	}
	hi, valueW, labelW := 0.0, float32(0), float32(0)
	for _, se := range c.series {
		for _, v := range se.values {
			hi = math.Max(hi, v)
			valueW = fyne.Max(valueW, fyne.MeasureText(format(v), small, fyne.TextStyle{}).Width)
		}
	}
	for _, l := range c.labels {
		labelW = fyne.Max(labelW, fyne.MeasureText(l, small, fyne.TextStyle{}).Width)
	}
	labelW = fyne.Min(labelW, s.Width*0.45)
	x0 := labelW + 8
	x1 := s.Width - valueW - 8
	y := float32(0)
	if len(c.series) > 1 {
		y = r.legend(small, fg, 0) + 4
	}
	lineH := small + 3
	barH := small + 4
	for i, l := range c.labels {
		lines := wrapWords(l, labelW, small)
		rowH := fyne.Max(float32(len(lines))*lineH, barH*float32(len(c.series))) + 8
		for j, line := range lines {
			t := r.label(line, small, fg, fyne.TextAlignTrailing)
			t.Move(fyne.NewPos(0, y+4+float32(j)*lineH))
			t.Resize(fyne.NewSize(labelW, small))
			r.objects = append(r.objects, t)
		}
		for si, se := range c.series {
			if i >= len(se.values) {
				continue
			}
			v := se.values[i]
			w := float32(0)
			if hi > 0 && x1 > x0 {
				w = float32(v/hi) * (x1 - x0)
			}
			by := y + 4 + float32(si)*barH
			b := canvas.NewRectangle(seriesColor(si))
			b.Move(fyne.NewPos(x0, by))
			b.Resize(fyne.NewSize(fyne.Max(w, 1), barH-2))
			t := r.label(format(v), small, fg, fyne.TextAlignLeading)
			t.Move(fyne.NewPos(x0+w+4, by))
			t.Resize(fyne.NewSize(valueW+4, small))
			r.objects = append(r.objects, b, t)
		}
		y += rowH
	}
	axis := canvas.NewLine(fg)
	axis.StrokeWidth = 1
	axis.Position1, axis.Position2 = fyne.NewPos(x0, 0), fyne.NewPos(x0, y)
	r.objects = append(r.objects, axis)
	r.needH = y
}

// legend draws a swatch and the name of each series along the top, from x; it returns
// its height.
func (r *chartRenderer) legend(small float32, fg color.Color, x float32) float32 {
	for si, se := range r.c.series {
		sw := canvas.NewRectangle(seriesColor(si))
		sw.Move(fyne.NewPos(x, 3))
		sw.Resize(fyne.NewSize(small, small))
		t := r.label(se.name, small, fg, fyne.TextAlignLeading)
		t.Move(fyne.NewPos(x+small+4, 1))
		tw := fyne.MeasureText(se.name, small, fyne.TextStyle{}).Width
		t.Resize(fyne.NewSize(tw, small))
		r.objects = append(r.objects, sw, t)
		x += small + 4 + tw + 16
	}
	return small + 8
}

// wrapWords breaks text into lines no wider than width, on spaces where it can and inside
// a word that is wider than a line on its own: every letter is shown.
func wrapWords(text string, width, size float32) []string {
	fits := func(t string) bool { return fyne.MeasureText(t, size, fyne.TextStyle{}).Width <= width }
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		try := strings.TrimSpace(line + " " + w)
		if fits(try) {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = w
		for !fits(line) && len([]rune(line)) > 1 {
			rs := []rune(line)
			n := len(rs) - 1
			for n > 1 && !fits(string(rs[:n])) {
				n--
			}
			lines = append(lines, string(rs[:n]))
			line = string(rs[n:])
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
