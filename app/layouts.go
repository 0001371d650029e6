package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Layouts that fit the width they are given: what does not fit on a line goes onto the
// next, and a column too narrow for its text shortens it, so that no screen is ever
// wider than a 1024-pixel window leaves it. Their minimum width is that of their widest
// part, never the sum.

// wrapLayout places objects in rows, at their minimum size, starting a new row where
// the next would not fit. Its minimum width is the widest object's, so that it never
// holds a window wider than that (layout.RowWrapLayout keeps the width it was last laid
// out at as its minimum, and a window made narrower could not shrink past it).
type wrapLayout struct {
	width float32 // as last laid out; 0 before: one row
}

func (l *wrapLayout) rows(objects []fyne.CanvasObject, width float32) (positions []fyne.Position, height float32) {
	pad := theme.Padding()
	var x, y, rowH float32
	for _, o := range objects {
		if !o.Visible() {
			positions = append(positions, fyne.Position{})
			continue
		}
		s := o.MinSize()
		if x > 0 && width > 0 && x+s.Width > width {
			x, y = 0, y+rowH+pad
			rowH = 0
		}
		positions = append(positions, fyne.NewPos(x, y))
		x += s.Width + pad
		rowH = fyne.Max(rowH, s.Height)
	}
	return positions, y + rowH
}

func (l *wrapLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objects {
		if o.Visible() {
			w = fyne.Max(w, o.MinSize().Width)
		}
	}
	_, h := l.rows(objects, l.width)
	return fyne.NewSize(w, h)
}

func (l *wrapLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	pos, _ := l.rows(objects, size.Width)
	for i, o := range objects {
		o.Move(pos[i])
		o.Resize(o.MinSize())
	}
}

// columnsLayout shares the width between columns by weight, for a list whose rows and
// header line up: every row fits the width it is given, whatever the window.
type columnsLayout struct {
	weights []float32
}

func (l *columnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objects {
		h = fyne.Max(h, o.MinSize().Height)
	}
	// Each column at least 40 pixels: a few letters and the ellipsis.
	return fyne.NewSize(40*float32(len(objects)), h)
}

func (l *columnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for _, w := range l.weights {
		total += w
	}
	x := float32(0)
	for i, o := range objects {
		w := size.Width / float32(len(objects))
		if i < len(l.weights) && total > 0 {
			w = size.Width * l.weights[i] / total
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// flowGrid puts objects side by side in as many columns of at least minCol pixels as
// fit, up to cols, and one under the other in a narrow window.
type flowGrid struct {
	cols   int
	minCol float32
	width  float32 // as last laid out
}

func newFlowGrid(cols int, minCol float32, objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowGrid{cols: cols, minCol: minCol}, objects...)
}

func (g *flowGrid) columns(width float32, n int) int {
	c := g.cols
	for c > 1 && float32(c)*g.minCol+float32(c-1)*theme.Padding() > width {
		c--
	}
	return max(1, min(c, n))
}

func (g *flowGrid) heights(objects []fyne.CanvasObject, cols int) (rows []float32) {
	for i, o := range objects {
		if i%cols == 0 {
			rows = append(rows, 0)
		}
		rows[len(rows)-1] = fyne.Max(rows[len(rows)-1], o.MinSize().Height)
	}
	return rows
}

func (g *flowGrid) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objects {
		w = fyne.Max(w, o.MinSize().Width)
	}
	cols := g.cols
	if g.width > 0 {
		cols = g.columns(g.width, len(objects))
	}
	var h float32
	for i, r := range g.heights(objects, max(1, min(cols, len(objects)))) {
		if i > 0 {
			h += theme.Padding()
		}
		h += r
	}
	return fyne.NewSize(w, h)
}

func (g *flowGrid) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	g.width = size.Width
	cols := g.columns(size.Width, len(objects))
	pad := theme.Padding()
	w := (size.Width - float32(cols-1)*pad) / float32(cols)
	rows := g.heights(objects, cols)
	var y float32
	for i, o := range objects {
		r := i / cols
		if i%cols == 0 && r > 0 {
			y += rows[r-1] + pad
		}
		o.Move(fyne.NewPos(float32(i%cols)*(w+pad), y))
		o.Resize(fyne.NewSize(w, rows[r]))
	}
}

// tableLayout lays out cells, row by row, in cols columns as wide as their widest text;
// when that is wider than the room given, the widest columns share what is left and
// their labels end in an ellipsis.
type tableLayout struct {
	cols int
}

// naturalWidth is how wide o would like to be: a label's whole text.
func naturalWidth(o fyne.CanvasObject) float32 {
	if l, ok := o.(*widget.Label); ok && l.Truncation != fyne.TextTruncateOff {
		whole := widget.NewLabelWithStyle(l.Text, l.Alignment, l.TextStyle)
		whole.SizeName = l.SizeName
		return whole.MinSize().Width + 1
	}
	return o.MinSize().Width
}

func (t *tableLayout) widths(objects []fyne.CanvasObject, width float32) []float32 {
	nat := make([]float32, t.cols)
	for i, o := range objects {
		nat[i%t.cols] = fyne.Max(nat[i%t.cols], naturalWidth(o))
	}
	var total float32
	for _, w := range nat {
		total += w
	}
	if total <= width {
		return nat
	}
	// The columns narrower than an even share keep their width; the others share the rest.
	out := append([]float32(nil), nat...)
	fixed := make([]bool, t.cols)
	for {
		left, n := width, 0
		for i, w := range out {
			if fixed[i] {
				left -= w
			} else {
				n++
			}
		}
		if n == 0 {
			return out
		}
		share := left / float32(n)
		changed := false
		for i := range out {
			if !fixed[i] && nat[i] <= share {
				out[i], fixed[i], changed = nat[i], true, true
			}
		}
		if !changed {
			for i := range out {
				if !fixed[i] {
					out[i] = fyne.Max(share, 40)
				}
			}
			return out
		}
	}
}

func (t *tableLayout) rowHeight(objects []fyne.CanvasObject) float32 {
	var h float32
	for _, o := range objects {
		h = fyne.Max(h, o.MinSize().Height)
	}
	return h
}

func (t *tableLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	rows := (len(objects) + t.cols - 1) / t.cols
	return fyne.NewSize(40*float32(t.cols), float32(rows)*t.rowHeight(objects))
}

func (t *tableLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	ws := t.widths(objects, size.Width)
	h := t.rowHeight(objects)
	var x float32
	for i, o := range objects {
		c := i % t.cols
		if c == 0 {
			x = 0
		}
		o.Move(fyne.NewPos(x, float32(i/t.cols)*h))
		o.Resize(fyne.NewSize(ws[c], h))
		x += ws[c]
	}
}

// minWidth is an empty object w pixels wide: stacked under a shortening label, it keeps
// a list's rows as wide as their usual text.
func minWidth(w float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, 0))
	return r
}

// formRows lays out label, field pairs as a form does, the labels in a column as wide as
// the widest, and gives the field at row grow the height the window leaves over: the
// letter editor's text takes what its other fields do not need.
type formRows struct{ grow int }

// newFormRows is a form of label, field pairs whose row grow takes the height left over.
func newFormRows(grow int, labelsAndFields ...fyne.CanvasObject) *fyne.Container {
	return container.New(&formRows{grow: grow}, labelsAndFields...)
}

// formLabel is a field's label, as a form shows it.
func formLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
}

func (l *formRows) measure(objects []fyne.CanvasObject) (labelW, fieldW float32, rows []float32) {
	for i := 0; i+1 < len(objects); i += 2 {
		lm, fm := objects[i].MinSize(), objects[i+1].MinSize()
		labelW, fieldW = fyne.Max(labelW, lm.Width), fyne.Max(fieldW, fm.Width)
		rows = append(rows, fyne.Max(lm.Height, fm.Height))
	}
	return labelW, fieldW, rows
}

func (l *formRows) MinSize(objects []fyne.CanvasObject) fyne.Size {
	labelW, fieldW, rows := l.measure(objects)
	pad := theme.Padding()
	h := float32(0)
	for _, r := range rows {
		h += r
	}
	if len(rows) > 1 {
		h += pad * float32(len(rows)-1)
	}
	return fyne.NewSize(labelW+pad+fieldW, h)
}

func (l *formRows) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	labelW, _, rows := l.measure(objects)
	pad := theme.Padding()
	if extra := size.Height - l.MinSize(objects).Height; extra > 0 && l.grow >= 0 && l.grow < len(rows) {
		rows[l.grow] += extra
	}
	y := float32(0)
	for r, h := range rows {
		lab, field := objects[2*r], objects[2*r+1]
		lab.Move(fyne.NewPos(0, y))
		lab.Resize(fyne.NewSize(labelW, lab.MinSize().Height))
		field.Move(fyne.NewPos(labelW+pad, y))
		field.Resize(fyne.NewSize(fyne.Max(0, size.Width-labelW-pad), h))
		y += h + pad
	}
}
