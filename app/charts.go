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
}

func (r *chartRenderer) Destroy()                     {}
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *chartRenderer) MinSize() fyne.Size           { return fyne.NewSize(260, r.c.minH) }
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
	every := 1
	for every < n && slot*float32(every) < 46 {
		every++
	}
	lines := make([][]string, n)
	twoLines := false
	for i, l := range c.labels {
		lines[i] = fitLines(l, slot*float32(every)-4, small)
		twoLines = twoLines || len(lines[i]) > 1
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
	// Legend: a swatch and the name of each series, along the top.
	x := left
	for si, se := range c.series {
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
}

// fitLines breaks a category label into at most two lines that fit width, shortening
// the last with an ellipsis when even that is too wide.
func fitLines(label string, width, size float32) []string {
	fits := func(t string) bool { return fyne.MeasureText(t, size, fyne.TextStyle{}).Width <= width }
	if fits(label) {
		return []string{label}
	}
	words := strings.Fields(label)
	var out []string
	line := ""
	for i, w := range words {
		try := strings.TrimSpace(line + " " + w)
		if fits(try) || line == "" {
			line = try
			continue
		}
		out = append(out, line)
		line = strings.Join(words[i:], " ")
		break
	}
	out = append(out, line)
	for i, l := range out {
		for !fits(l) && len([]rune(l)) > 1 {
			r := []rune(strings.TrimSuffix(l, "…"))
			l = string(r[:len(r)-1]) + "…"
		}
		out[i] = l
	}
	return out
}
