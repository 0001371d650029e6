package pdf

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

func renderDoc(t testing.TB, d Doc) ([]byte, Result) {
	t.Helper()
	var buf bytes.Buffer
	res, err := RenderDoc(&buf, d)
	if err != nil {
		t.Fatalf("RenderDoc: %v", err)
	}
	return buf.Bytes(), res
}

func TestRenderDoc(t *testing.T) {
	for _, p := range []Paper{A4, USLetter} {
		t.Run(p.String(), func(t *testing.T) {
			data, res := renderDoc(t, sampleDoc(p))
			if got := pdfInfo(t, data)["Pages"]; got != fmt.Sprint(res.Pages) {
				t.Errorf("pdfinfo pages %s, result %d", got, res.Pages)
			}
			text := pdfText(t, data, 0, 0)
			for _, s := range []string{
				"Interview summary", "What happened", "Παπαδόπουλος", "Дмитрий", "Ñúñez GmbH", "Łukasz",
				"Weekly status note every Friday", "Hours", "Call Zoë", "Jul", "Nov", "Score", "Target",
				"Open complaints", "Client signature / date", "Consultant signature / date",
			} {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q", s)
				}
			}
			g := p.Geometry()
			for _, w := range words(t, data) {
				if w.xMin < g.Left-0.3 || w.xMax > g.Width-g.Right+0.3 || w.yMin < g.Top-0.3 || w.yMax > g.Height-g.Bottom/2 {
					t.Errorf("word %q (page %d) at %.1f,%.1f-%.1f,%.1f outside margins", w.text, w.page, w.xMin, w.yMin, w.xMax, w.yMax)
				}
			}
		})
	}
}

func TestDocTableRepeatsHeader(t *testing.T) {
	var rows [][]string
	for i := range 120 {
		rows = append(rows, []string{fmt.Sprintf("2026-%02d-%02d", i%12+1, i%28+1), fmt.Sprintf("Action %d for Zoë", i), fmt.Sprint(i)})
	}
	d := Doc{Title: "Report", Sections: []Section{{Heading: "Log", Table: &Table{Header: []string{"Datecol", "Actioncol", "Hourscol"}, Rows: rows}}}}
	data, res := renderDoc(t, d)
	if res.Pages < 3 {
		t.Fatalf("Pages = %d, want 3+", res.Pages)
	}
	for n := 1; n <= res.Pages; n++ {
		if text := pdfText(t, data, n, n); !strings.Contains(text, "Actioncol") {
			t.Errorf("page %d lacks the table header", n)
		}
	}
	text := pdfText(t, data, 0, 0)
	for i := range rows {
		if !strings.Contains(text, rows[i][1]+"\n") && !strings.Contains(text, rows[i][1]+" ") {
			t.Errorf("row %d missing", i)
		}
	}
	// Numbers are right-aligned: the right edges of the last column match.
	var edges []float64
	for _, w := range words(t, data) {
		inLastCol := w.xMin > 150 && w.yMax < A4.Geometry().Height-A4.Geometry().Bottom
		if w.page == 1 && inLastCol && strings.Trim(w.text, "0123456789") == "" {
			edges = append(edges, math.Round(w.xMax*10)/10)
		}
	}
	if len(edges) < 10 || slices.Min(edges) < slices.Max(edges)-0.2 {
		t.Errorf("numeric column not right-aligned: right edges %v", edges)
	}
}

func TestDocMissingAndErrors(t *testing.T) {
	d := sampleDoc(A4)
	d.Sections[0].Paragraphs = append(d.Sections[0].Paragraphs, "Kunde 漢")
	_, res := renderDoc(t, d)
	if !slices.Equal(res.Missing, []rune{'漢'}) {
		t.Errorf("Missing = %q", res.Missing)
	}

	for name, c := range map[string]*Chart{
		"no labels":  {Series: []Series{{Values: nil}}},
		"no series":  {Labels: []string{"a"}},
		"mismatch":   {Labels: []string{"a", "b"}, Series: []Series{{Name: "s", Values: []float64{1}}}},
		"NaN":        {Labels: []string{"a"}, Series: []Series{{Values: []float64{math.NaN()}}}},
		"infinite":   {Labels: []string{"a"}, Series: []Series{{Values: []float64{math.Inf(1)}}}},
		"overflowed": {Labels: []string{"a", "b"}, Series: []Series{{Values: []float64{-math.MaxFloat64, math.MaxFloat64}}}},
	} {
		d := Doc{Title: "x", Sections: []Section{{Heading: "Chart", Chart: c}}}
		var buf bytes.Buffer
		if _, err := RenderDoc(&buf, d); err == nil {
			t.Errorf("%s: no error", name)
		} else if buf.Len() != 0 {
			t.Errorf("%s: output written despite error", name)
		}
	}
	bad := Doc{Sections: []Section{{Table: &Table{Header: []string{"a", "b"}, Widths: []float64{1}}}}}
	if _, err := RenderDoc(&bytes.Buffer{}, bad); err == nil {
		t.Error("table widths mismatch: no error")
	}
}

func TestCharts(t *testing.T) {
	// Negative values, a single point and a flat series all draw.
	for _, c := range []Chart{
		{Kind: BarChart, Labels: []string{"a", "b", "c"}, Series: []Series{{Name: "delta", Values: []float64{-3, 0, 4.5}}}},
		{Kind: LineChart, Labels: []string{"only"}, Series: []Series{{Values: []float64{2}}}},
		{Kind: LineChart, Labels: []string{"a", "b"}, Series: []Series{{Values: []float64{0, 0}}}, Height: 30},
		{Kind: BarChart, Labels: []string{"tiny"}, Series: []Series{{Values: []float64{0.0003}}}},
	} {
		d := Doc{Title: "Charts", Sections: []Section{{Heading: "c", Chart: &c}}}
		data, _ := renderDoc(t, d)
		if !strings.Contains(pdfText(t, data, 0, 0), c.Labels[0]) {
			t.Errorf("chart %v: label missing", c.Labels)
		}
	}
}

func TestNiceStep(t *testing.T) {
	for raw, want := range map[float64]float64{0.9: 1, 1.6: 2, 3: 5, 7: 10, 0.013: 0.02, 450: 500, 0: 1} {
		if got := niceStep(raw); math.Abs(got-want) > 1e-12 {
			t.Errorf("niceStep(%v) = %v, want %v", raw, got, want)
		}
	}
	if got := formatTick(-1e-17, 0.2); got != "0.0" {
		t.Errorf("formatTick(-0) = %q", got)
	}
}

// TestDocTallCells: a cell or value longer than a page is split across pages
// rather than running off the bottom, and no word is lost.
func TestDocTallCells(t *testing.T) {
	long := strings.Repeat("Tallword ", 900)
	d := Doc{Title: "Tall", Sections: []Section{
		{Heading: "Values", Rows: []KV{{"Notes", long}}},
		{Heading: "Table", Table: &Table{Header: []string{"Key", "Text"}, Rows: [][]string{{"one", long}}}},
	}}
	data, res := renderDoc(t, d)
	if res.Pages < 4 {
		t.Errorf("Pages = %d, want 4+", res.Pages)
	}
	g := A4.Geometry()
	n := 0
	for _, w := range words(t, data) {
		if w.text == "Tallword" {
			n++
		}
		if w.yMax > g.Height-g.Bottom+0.3 && !strings.HasPrefix(w.text, "Page") && strings.Trim(w.text, "0123456789of ") != "" {
			t.Errorf("word %q on page %d runs into the bottom margin (y %.1f)", w.text, w.page, w.yMax)
		}
	}
	if n != 1800 {
		t.Errorf("found %d of 1800 words", n)
	}
	bad := Doc{Sections: []Section{{Chart: &Chart{Labels: []string{strings.Repeat("very long label ", 60)}, Series: []Series{{Values: []float64{1}}}}}}}
	if _, err := RenderDoc(&bytes.Buffer{}, bad); err == nil {
		t.Error("chart with a label of many lines: no error")
	}
}
