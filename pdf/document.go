package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/amends/amends/pdf/fonts"
)

// Doc is a plain multi-section document: an interview summary for the client
// to sign, a report with tables and charts.
type Doc struct {
	Paper    Paper
	Font     fonts.Family // zero value: Liberation Sans
	Lang     string       // "en" or "de", for page numbers
	Title    string
	Subtitle string    // e.g. client and date
	Date     time.Time // stored as the PDF's date; zero gives a fixed one
	Sections []Section
	// Signatures adds a line to sign on for each label, at the end
	// ("Client signature / date").
	Signatures []string
	// OnePage asks for the document on one page: text that runs over is set smaller
	// and closer, down to 80 % of the normal size, before a second page is used.
	OnePage bool
}

// Section is a heading followed by any of its parts, in field order.
type Section struct {
	Heading    string
	Paragraphs []string
	Rows       []KV
	Bullets    []string
	// Checkboxes are statements with an empty box before each, to tick by hand
	// ("I feel heard").
	Checkboxes []string
	Table      *Table
	Chart      *Chart
}

// KV is one key/value row ("Client: Ñúñez GmbH").
type KV struct{ Key, Value string }

// Table is a simple grid. Cells wrap; the header repeats after a page break.
type Table struct {
	Header []string
	Rows   [][]string
	// Widths are relative column widths; nil shares the width by content.
	Widths []float64
}

// Doc font sizes in pt.
const (
	docSize     = 10.5
	titleSize   = 17.0
	headingSize = 12.5
	cellSize    = 9.5
)

// RenderDoc lays out d and writes the PDF to out. Nothing is written unless
// the whole document succeeds.
func RenderDoc(out io.Writer, d Doc) (res Result, err error) {
	defer guard(&err, "render document")
	lg, err := parseLang(d.Lang)
	if err != nil {
		return Result{}, fmt.Errorf("render document: %w", err)
	}
	return renderWith(out, "render document", d.Paper, d.Font, d.Date, func(w *writer) (int, error) { return layoutDoc(w, lg, d) })
}

// docScales are the sizes a one-page document is tried at, in turn.
var docScales = []float64{1, 0.95, 0.9, 0.85, 0.8}

func layoutDoc(w *writer, lg lang, d Doc) (int, error) {
	g := w.g
	x, textW := g.Left, g.Width-g.Left-g.Right
	title := w.line(d.Title)
	w.f.SetLang(lg.code)
	w.f.SetTitle(title)
	slh := lineHeight(smallSize)
	bottom := g.Height - g.Bottom
	pageArea := func(page int) area {
		if page == 0 {
			return area{g.Top, bottom}
		}
		return area{g.Top + slh + 5, bottom}
	}
	scales := docScales[:1]
	if d.OnePage {
		scales = docScales
	}
	var placed []placed
	chosen := 1.0
	for i, sc := range scales {
		w.scale, chosen = sc, sc
		boxes, err := docBoxes(w, d, title)
		if err != nil {
			return 0, err
		}
		if placed = paginate(boxes, pageArea); pageCount(placed) == 1 {
			break
		}
		if i == len(scales)-1 && i > 0 {
			// Even the smallest setting does not fit: the normal one reads best on two pages.
			w.scale, chosen = 1, 1
			if boxes, err = docBoxes(w, d, title); err != nil {
				return 0, err
			}
			placed = paginate(boxes, pageArea)
		}
	}
	return drawPages(w, placed, func(page, total int) {
		w.scale = 1
		w.setFont(fonts.Regular, smallSize)
		w.f.SetTextColor(90, 90, 90)
		if page > 0 && title != "" {
			w.text(x, g.Top, textW, slh, 'L', title)
			w.hline(x, x+textW, g.Top+slh+1, 0.2, 150)
		}
		if total > 1 {
			w.text(x, bottom+6, textW, slh, 'R', fmt.Sprintf(lg.pageOf, page+1, total))
		}
		w.scale = chosen
	})
}

// docBoxes lays out a document's title, sections and signature lines at the writer's scale.
func docBoxes(w *writer, d Doc, title string) ([]box, error) {
	g := w.g
	x, textW := g.Left, g.Width-g.Left-g.Right
	lh := w.lineH(docSize)
	k := w.scale

	var boxes []box
	if title != "" {
		boxes = append(boxes, keepAll(w.lines(title, fonts.Bold, titleSize, x, textW, 'L', 0))...)
	}
	if s := w.line(d.Subtitle); s != "" {
		sub := w.lines(s, fonts.Regular, 10, x, textW, 'L', 1)
		for i := range sub {
			draw := sub[i].draw
			sub[i].draw = func(y float64) {
				w.f.SetTextColor(90, 90, 90)
				draw(y)
				w.f.SetTextColor(0, 0, 0)
			}
		}
		boxes = append(boxes, keepAll(sub)...)
	}
	if len(boxes) > 0 {
		boxes = append(boxes, box{h: 4 * k, draw: func(y float64) { w.hline(x, x+textW, y+1.5*k, 0.3, 120) }})
	}

	for i, s := range d.Sections {
		gap := 5.5 * k
		if i == 0 {
			gap = 2 * k
		}
		if h := w.line(s.Heading); h != "" {
			boxes = append(boxes, keepAll(w.lines(h, fonts.Bold, headingSize, x, textW, 'L', gap))...)
			gap = 1.5 * k
		}
		for _, p := range s.Paragraphs {
			if p = strings.TrimSpace(w.clean(p, true)); p != "" {
				boxes = append(boxes, w.lines(p, fonts.Regular, docSize, x, textW, 'L', gap)...)
				gap = lh / 2
			}
		}
		if len(s.Rows) > 0 {
			boxes = append(boxes, kvRows(w, s.Rows, x, textW, gap)...)
			gap = lh / 2
		}
		for _, b := range s.Bullets {
			if b = strings.TrimSpace(w.clean(b, true)); b != "" {
				ls := w.lines(b, fonts.Regular, docSize, x+5, textW-5, 'L', gap)
				first := ls[0].draw
				ls[0].draw = func(y float64) {
					first(y)
					w.text(x+1, y, 4, lh, 'L', "•")
				}
				boxes = append(boxes, ls...)
				gap = 1
			}
		}
		if len(s.Checkboxes) > 0 {
			if s.Heading == "" {
				gap = 3 * k // a line to tick, close to what it is about
			}
			boxes = append(boxes, checkboxes(w, s.Checkboxes, x, textW, gap)...)
			gap = lh / 2
		}
		if s.Table != nil {
			tb, err := tableBoxes(w, *s.Table, x, textW, gap+1)
			if err != nil {
				return nil, fmt.Errorf("section %q: %w", s.Heading, err)
			}
			boxes = append(boxes, tb...)
			gap = lh / 2
		}
		if s.Chart != nil {
			cb, err := chartBox(w, *s.Chart, x, textW)
			if err != nil {
				return nil, fmt.Errorf("section %q: %w", s.Heading, err)
			}
			cb.gap = gap + 2
			boxes = append(boxes, cb)
		}
	}
	if sb, ok := signatureBox(w, d.Signatures, x, textW); ok {
		if len(boxes) > 0 {
			boxes[len(boxes)-1].keep = true
		}
		boxes = append(boxes, sb)
	}

	return boxes, nil
}

// maxBlockLines is the most lines one unbreakable box holds; taller table
// rows and values are cut into pieces so that each fits on a page.
const maxBlockLines = 30

// chunks splits n lines into ranges [from, to) of at most maxBlockLines.
func chunks(n int) [][2]int {
	var out [][2]int
	for from := 0; from < n; from += maxBlockLines {
		out = append(out, [2]int{from, min(n, from+maxBlockLines)})
	}
	return out
}

// kvRows lays key/value pairs out in two columns, the key in bold.
func kvRows(w *writer, rows []KV, x, width, gap float64) []box {
	keyW := width * 0.32
	lh := w.lineH(docSize)
	var out []box
	for _, r := range rows {
		w.setFont(fonts.Bold, docSize)
		keys := w.wrap(w.line(r.Key), keyW-3)
		w.setFont(fonts.Regular, docSize)
		vals := w.wrap(strings.TrimSpace(w.clean(r.Value, true)), width-keyW)
		for _, c := range chunks(max(len(keys), len(vals))) {
			out = append(out, box{h: float64(c[1]-c[0])*lh + 0.8, gap: gap, draw: func(y float64) {
				w.setFont(fonts.Bold, docSize)
				for i := c[0]; i < min(c[1], len(keys)); i++ {
					w.text(x, y+float64(i-c[0])*lh, keyW, lh, 'L', keys[i])
				}
				w.setFont(fonts.Regular, docSize)
				for i := c[0]; i < min(c[1], len(vals)); i++ {
					w.text(x+keyW, y+float64(i-c[0])*lh, width-keyW, lh, 'L', vals[i])
				}
			}})
			gap = 0
		}
		gap = 0
	}
	return out
}

// tableBoxes returns the header row and one box per row; every row carries
// the header so it is repeated at the top of a new page.
func tableBoxes(w *writer, t Table, x, width, gap float64) ([]box, error) {
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return nil, nil
	}
	if t.Widths != nil && len(t.Widths) != cols {
		return nil, fmt.Errorf("table has %d columns but %d widths", cols, len(t.Widths))
	}
	cell := func(r []string, i int) string {
		if i < len(r) {
			return strings.TrimSpace(w.clean(r[i], true))
		}
		return ""
	}
	pad := 1.5 * max(w.scale, 0.5)
	header := make([]string, cols)
	for i := range cols {
		header[i] = w.line(cell(t.Header, i))
	}
	rows := make([][]string, len(t.Rows))
	for j, r := range t.Rows {
		rows[j] = make([]string, cols)
		for i := range cols {
			rows[j][i] = cell(r, i)
		}
	}

	// Column widths: given weights, or each column's widest text (capped so
	// one long cell cannot starve the others), scaled to the full width.
	weights := make([]float64, cols)
	numeric := make([]bool, cols)
	for i := range cols {
		if t.Widths != nil {
			if !(t.Widths[i] > 0) {
				return nil, fmt.Errorf("table column %d has width %v", i+1, t.Widths[i])
			}
			weights[i] = t.Widths[i]
			continue
		}
		w.setFont(fonts.Bold, cellSize)
		weights[i] = w.width(header[i])
		w.setFont(fonts.Regular, cellSize)
		numeric[i] = len(rows) > 0
		for _, r := range rows {
			weights[i] = max(weights[i], w.width(r[i]))
			if _, err := strconv.ParseFloat(strings.ReplaceAll(r[i], ",", "."), 64); r[i] != "" && err != nil {
				numeric[i] = false
			}
		}
		weights[i] = min(max(weights[i], 8)+2*pad, width*0.6)
	}
	total := 0.0
	for _, v := range weights {
		total += v
	}
	widths := make([]float64, cols)
	for i, v := range weights {
		widths[i] = width * v / total
	}

	lh := w.lineH(cellSize)
	row := func(cells []string, st fonts.Style, fill bool) []box {
		w.setFont(st, cellSize)
		wrapped := make([][]string, cols)
		n := 1
		for i, c := range cells {
			wrapped[i] = w.wrap(c, widths[i]-2*pad)
			n = max(n, len(wrapped[i]))
		}
		var out []box
		for _, c := range chunks(n) {
			h := float64(c[1]-c[0])*lh + 2*pad
			out = append(out, box{h: h, draw: func(y float64) {
				if fill {
					w.f.SetFillColor(232, 236, 241)
					w.f.Rect(x, y, width, h, "F")
				}
				w.setFont(st, cellSize)
				cx := x
				for i, ls := range wrapped {
					align := byte('L')
					if numeric[i] {
						align = 'R'
					}
					for k := c[0]; k < min(c[1], len(ls)); k++ {
						w.text(cx+pad, y+pad+float64(k-c[0])*lh, widths[i]-2*pad, lh, align, ls[k])
					}
					cx += widths[i]
				}
				w.hline(x, x+width, y+h, 0.15, 170)
			}})
		}
		return out
	}

	var out []box
	var head *box
	if len(t.Header) > 0 {
		hb := row(header, fonts.Bold, true)
		head = &hb[0]
		hb[0].gap = gap
		out = append(out, keepAll(hb)...)
		gap = 0
	}
	for _, r := range rows {
		for _, b := range row(r, fonts.Regular, false) {
			b.head, b.gap = head, gap
			gap = 0
			out = append(out, b)
		}
	}
	if len(out) > 1 && len(rows) > 1 {
		out[len(out)-2].keep = true // no single row alone on a page
	}
	return out, nil
}

// signatureBox draws a line to sign on above each label, two per row.
func signatureBox(w *writer, labels []string, x, width float64) (box, bool) {
	colW := (width - 12) / 2
	w.setFont(fonts.Regular, smallSize)
	var ls [][]string
	most := 1
	for _, l := range labels {
		if l = w.line(l); l != "" {
			wrapped := w.wrap(l, colW)
			ls = append(ls, wrapped)
			most = max(most, len(wrapped))
		}
	}
	if len(ls) == 0 {
		return box{}, false
	}
	slh := lineHeight(smallSize)
	k := max(w.scale, 0.8)
	above := 14 * k // room to sign above the line
	rowH := above + 1 + float64(most)*slh + 5*k
	rows := (len(ls) + 1) / 2
	return box{h: float64(rows) * rowH, gap: 10 * k, draw: func(y float64) {
		w.setFont(fonts.Regular, smallSize)
		w.f.SetTextColor(80, 80, 80)
		for i, l := range ls {
			cx := x + float64(i%2)*(colW+12)
			ly := y + float64(i/2)*rowH + above
			w.hline(cx, cx+colW, ly, 0.3, 0)
			for k, s := range l {
				w.text(cx, ly+1+float64(k)*slh, colW, slh, 'L', s)
			}
		}
		w.f.SetTextColor(0, 0, 0)
	}}, true
}

// checkboxes draws each statement after an empty box to tick by hand: side by side in
// two columns when each fits on one line of its column, else one a line.
func checkboxes(w *writer, items []string, x, width, gap float64) []box {
	k := w.scale
	lh := w.lineH(docSize)
	side := 4.2 * k
	colW := (width - 12) / 2
	var texts []string
	oneLine := true
	w.setFont(fonts.Regular, docSize)
	for _, c := range items {
		if c = strings.TrimSpace(w.clean(c, true)); c != "" {
			texts = append(texts, c)
			oneLine = oneLine && len(w.wrap(c, colW-8)) == 1
		}
	}
	tick := func(bx, y float64) {
		w.f.SetLineWidth(0.3)
		w.f.SetDrawColor(0, 0, 0)
		w.f.Rect(bx+0.5, y+(lh-side)/2, side, side, "D")
	}
	if oneLine && len(texts) <= 2 {
		return []box{{h: lh, gap: gap, draw: func(y float64) {
			w.setFont(fonts.Regular, docSize)
			for i, c := range texts {
				cx := x + float64(i)*(colW+12)
				tick(cx, y)
				w.text(cx+8, y, colW-8, lh, 'L', c)
			}
		}}}
	}
	var out []box
	for _, c := range texts {
		ls := w.lines(c, fonts.Regular, docSize, x+8, width-8, 'L', gap)
		first := ls[0].draw
		ls[0].draw = func(y float64) {
			first(y)
			tick(x, y)
		}
		out = append(out, ls...)
		gap = 2.5 * k
	}
	return out
}
