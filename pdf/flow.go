package pdf

import (
	"strings"

	"github.com/amends/amends/pdf/fonts"
)

// box is one unbreakable piece of a flowing document: a line of text, a
// table row, a chart. Pages are worked out before anything is drawn, so
// "Page N of M" is known when the first page is drawn.
type box struct {
	h    float64 // height in mm
	gap  float64 // space above; dropped at the top of a page
	keep bool    // keep on the same page as the next box
	// head, if set, is drawn first when this box starts a page (a table
	// header repeated after a page break).
	head *box
	draw func(y float64)
}

// area is the vertical room for flowing content on a page.
type area struct{ top, bottom float64 }

// placed is a box positioned on a page (0-based).
type placed struct {
	box  *box
	page int
	y    float64
}

// paginate assigns boxes to pages. A box that does not fit starts a new page
// together with the run of preceding boxes marked keep, unless that run
// already fills a whole page. A box taller than a page gets a page of its
// own and is clipped by the caller's design limits, never lost.
func paginate(boxes []box, pageArea func(page int) area) []placed {
	out := make([]placed, 0, len(boxes))
	page, start := 0, 0 // start: index in out of the first box on this page
	a := pageArea(0)
	y := a.top
	for i := 0; i < len(boxes); i++ {
		b := &boxes[i]
		gap := b.gap
		if len(out) == start {
			gap = 0
		}
		h := gap + b.h
		if len(out) == start && b.head != nil {
			h += b.head.h
		}
		if y+h > a.bottom+1e-6 && len(out) > start {
			// Pull back the chain of boxes that must stay with this one.
			j := len(out)
			for j > start && out[j-1].box.keep {
				j--
			}
			if j > start {
				i -= len(out) - j
				out = out[:j]
			}
			page++
			start = len(out)
			a = pageArea(page)
			y = a.top
			i--
			continue
		}
		y += gap
		if len(out) == start && b.head != nil {
			out = append(out, placed{box: b.head, page: page, y: y})
			start++ // the repeated header does not count as content
			y += b.head.h
		}
		out = append(out, placed{box: b, page: page, y: y})
		y += b.h
	}
	return out
}

// pageCount is the number of pages a placement uses (at least one).
func pageCount(ps []placed) int {
	n := 1
	for _, p := range ps {
		n = max(n, p.page+1)
	}
	return n
}

// lines wraps text and returns one box per line, with widow and orphan
// control: the first two and the last two lines of a paragraph stay together.
func (w *writer) lines(s string, st fonts.Style, size, x, width float64, align byte, gap float64) []box {
	return w.linesLH(s, st, size, w.lineH(size), x, width, align, gap)
}

// linesLH is lines with the leading lh (mm) given.
func (w *writer) linesLH(s string, st fonts.Style, size, lh, x, width float64, align byte, gap float64) []box {
	w.setFont(st, size)
	ls := w.wrap(s, width)
	out := make([]box, len(ls))
	for i, text := range ls {
		out[i] = box{h: lh, keep: i < len(ls)-1 && (i == 0 || i >= len(ls)-2), draw: func(y float64) {
			w.setFont(st, size)
			w.text(x, y, width, lh, align, text)
		}}
	}
	if len(out) > 0 {
		out[0].gap = gap
	}
	return out
}

// keepAll keeps every box of bs on the same page as the next one.
func keepAll(bs []box) []box {
	for i := range bs {
		bs[i].keep = true
	}
	return bs
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}
