package pdf

import (
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/amends/amends/pdf/fonts"
)

// ChartKind selects how a Chart draws its series.
type ChartKind int

const (
	// BarChart draws grouped bars, one group per label.
	BarChart ChartKind = iota
	// LineChart draws one line with point markers per series.
	LineChart
)

// Chart is a small bar or line chart drawn with plain PDF lines, so it stays
// sharp when printed.
type Chart struct {
	Kind   ChartKind
	Labels []string // categories along the x axis
	Series []Series // each with one value per label
	Unit   string   // caption of the value axis; optional
	Height float64  // plot height in mm; 0 means 55
}

// Series is one named row of values.
type Series struct {
	Name   string
	Values []float64
}

// palette keeps neighbouring series apart in colour and in grey print.
var palette = [][3]int{{31, 78, 121}, {230, 140, 60}, {90, 160, 110}, {190, 70, 80}, {130, 110, 180}, {120, 120, 120}}

func seriesColor(i int) (r, g, b int) {
	c := palette[i%len(palette)]
	return c[0], c[1], c[2]
}

// chartBox validates c and returns one unbreakable box drawing it.
func chartBox(w *writer, c Chart, x, width float64) (box, error) {
	n := len(c.Labels)
	if n == 0 {
		return box{}, errors.New("chart has no labels")
	}
	if len(c.Series) == 0 {
		return box{}, errors.New("chart has no series")
	}
	lo, hi := 0.0, 0.0
	for _, s := range c.Series {
		if len(s.Values) != n {
			return box{}, fmt.Errorf("chart series %q has %d values for %d labels", s.Name, len(s.Values), n)
		}
		for i, v := range s.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e12 {
				return box{}, fmt.Errorf("chart series %q value %d (%v) cannot be charted", s.Name, i+1, v)
			}
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	step := niceStep((hi - lo) / 5)
	lo = math.Floor(lo/step) * step
	hi = math.Ceil(hi/step) * step
	if hi == lo {
		hi = lo + step
	}

	plotH := c.Height
	if plotH <= 0 {
		plotH = 55
	}
	plotH = min(max(plotH, 25), 150)
	const tickSize, labelSize = 7.0, 7.5
	tlh, llh := lineHeight(tickSize), lineHeight(labelSize)

	// Value labels on the left decide where the plot starts.
	var ticks []float64
	var tickText []string
	w.setFont(fonts.Regular, tickSize)
	axisW := 0.0
	for v := lo; v <= hi+step/2; v += step {
		s := formatTick(v, step)
		ticks = append(ticks, v)
		tickText = append(tickText, s)
		axisW = max(axisW, w.width(s))
	}
	px := x + axisW + 2
	pw := width - (px - x)
	groupW := pw / float64(n)

	w.setFont(fonts.Regular, labelSize)
	labels := make([][]string, n)
	labelLines := 1
	for i, l := range c.Labels {
		labels[i] = w.wrap(w.line(l), groupW-1)
		labelLines = max(labelLines, len(labels[i]))
	}
	if labelLines > 4 {
		return box{}, fmt.Errorf("chart labels need %d lines at this width; shorten them or use fewer", labelLines)
	}
	unit := w.line(c.Unit)
	var names []string
	for _, s := range c.Series {
		names = append(names, w.line(s.Name))
	}
	showLegend := len(c.Series) > 1 || names[0] != ""

	top := 0.0
	if unit != "" {
		top = tlh + 2.5
	}
	h := top + plotH + 1.5 + float64(labelLines)*llh
	if showLegend {
		h += llh + 2
	}

	return box{h: h, draw: func(y float64) {
		f := w.f
		py := y + top
		yOf := func(v float64) float64 { return py + plotH - (v-lo)/(hi-lo)*plotH }

		w.setFont(fonts.Regular, tickSize)
		f.SetTextColor(80, 80, 80)
		if unit != "" {
			w.text(x, y, width, tlh, 'L', unit)
		}
		for i, v := range ticks {
			ty := yOf(v)
			grey := 225
			if v == 0 {
				grey = 120
			}
			w.hline(px, px+pw, ty, 0.15, grey)
			w.text(x, ty-tlh/2, axisW, tlh, 'R', tickText[i])
		}
		w.hline(px, px, py, 0.2, 120)
		f.Line(px, py, px, py+plotH)

		for si, s := range c.Series {
			r, g, b := seriesColor(si)
			f.SetFillColor(r, g, b)
			f.SetDrawColor(r, g, b)
			switch c.Kind {
			case LineChart:
				f.SetLineWidth(0.6)
				var pts []struct{ X, Y float64 }
				for i, v := range s.Values {
					pts = append(pts, struct{ X, Y float64 }{X: px + groupW*(float64(i)+0.5), Y: yOf(v)})
				}
				for i := 1; i < len(pts); i++ {
					f.Line(pts[i-1].X, pts[i-1].Y, pts[i].X, pts[i].Y)
				}
				for _, p := range pts {
					f.Circle(p.X, p.Y, 0.8, "F")
				}
			default:
				barW := groupW * 0.75 / float64(len(c.Series))
				for i, v := range s.Values {
					bx := px + groupW*float64(i) + groupW*0.125 + barW*float64(si)
					y0, y1 := yOf(max(v, 0)), yOf(min(v, 0))
					if y1-y0 > 0.01 {
						f.Rect(bx+0.15, y0, barW-0.3, y1-y0, "F")
					}
				}
			}
		}

		w.setFont(fonts.Regular, labelSize)
		f.SetTextColor(40, 40, 40)
		ly := py + plotH + 1.5
		for i, ls := range labels {
			for k, l := range ls {
				w.text(px+groupW*float64(i), ly+float64(k)*llh, groupW, llh, 'C', l)
			}
		}
		if showLegend {
			lx := px
			gy := ly + float64(labelLines)*llh + 2
			for si, name := range names {
				if name == "" {
					name = fmt.Sprintf("%d", si+1)
				}
				r, g, b := seriesColor(si)
				f.SetFillColor(r, g, b)
				f.Rect(lx, gy+llh/2-1.3, 2.6, 2.6, "F")
				w.text(lx+4, gy, width, llh, 'L', name)
				lx += 4 + w.width(name) + 6
			}
		}
		f.SetTextColor(0, 0, 0)
		f.SetDrawColor(0, 0, 0)
	}}, nil
}

// niceStep rounds a raw tick step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if !(raw > 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// formatTick prints v with as many decimals as the step needs.
func formatTick(v, step float64) string {
	dec := 0
	if step < 1 {
		dec = int(math.Ceil(-math.Log10(step)))
	}
	if math.Abs(v) < step/1e6 {
		v = 0 // avoid "-0"
	}
	return strconv.FormatFloat(v, 'f', dec, 64)
}
