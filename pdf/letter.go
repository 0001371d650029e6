package pdf

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/amends/amends/pdf/fonts"
)

// Letterhead is the sender as printed at the top of the first page.
type Letterhead struct {
	Name     string
	Business string
	Address  []string // street, postcode and city, ...
	Phone    string
	Email    string
	Website  string
	Logo     []byte // PNG or JPEG, printed top right; optional
	// Signature is a scan of the signature (PNG or JPEG); without it room
	// is left for signing by hand.
	Signature []byte
}

// Letter is everything printed in one letter.
type Letter struct {
	Paper  Paper
	Offset Offset       // moves the address to suit the user's printer and envelopes
	Font   fonts.Family // zero value: Liberation Sans
	Sender Letterhead
	// Recipient holds the address lines as printed: name, company,
	// street, postcode and city, country. Empty lines are skipped.
	Recipient []string
	// DateLine is printed above the subject as it stands ("Berlin, 1. Dezember 2026"),
	// flush right when DateRight is set, else flush left.
	DateLine  string
	DateRight bool
	Date      time.Time // the document's date in the PDF's metadata
	Lang      string    // en, de, fr, es, it or nl

	Subject    string
	Salutation string
	Body       []string // paragraphs; a line break inside one is kept
	Closing    string
	SignerName string
	// Email lays the letter out to be attached to an email: no envelope window, no fold
	// or hole marks, the text starting below the letterhead; Recipient may be empty.
	Email bool
}

// Font sizes in pt.
const (
	bodySize    = 11.0
	addressSize = 10.0
	returnSize  = 7.0
	nameSize    = 15.0
	smallSize   = 8.5
)

// minHeadTop is the highest the letterhead may start, in mm: closer to the
// edge many printers cannot print.
const minHeadTop = 10.0

// Render lays out l and writes the PDF to out. Nothing is written unless the
// whole document succeeds.
func Render(out io.Writer, l Letter) (res Result, err error) {
	defer guard(&err, "render letter")
	lg, err := parseLang(l.Lang)
	if err != nil {
		return Result{}, fmt.Errorf("render letter: %w", err)
	}
	if err := l.Offset.valid(); err != nil {
		return Result{}, fmt.Errorf("render letter: %w", err)
	}
	return renderWith(out, "render letter", l.Paper, l.Font, l.Date, func(w *writer) (int, error) { return layoutLetter(w, lg, l) })
}

// renderWith runs layout on a new writer and writes the PDF to out only when it all succeeded.
func renderWith(out io.Writer, what string, p Paper, font fonts.Family, date time.Time, layout func(*writer) (int, error)) (Result, error) {
	w, err := newWriter(p, font, date)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", what, err)
	}
	pages, err := layout(w)
	if err != nil {
		return Result{Missing: w.missing}, fmt.Errorf("%s: %w", what, err)
	}
	if err := w.finish(out); err != nil {
		return Result{Missing: w.missing}, fmt.Errorf("%s: %w", what, err)
	}
	return Result{Pages: pages, Missing: w.missing}, nil
}

func layoutLetter(w *writer, lg lang, l Letter) (int, error) {
	g := w.g
	win := g.Window.shifted(l.Offset)
	textW := g.Width - g.Left - g.Right

	w.f.SetLang(lg.code)
	w.f.SetTitle(w.line(l.Subject))
	w.f.SetAuthor(w.line(l.Sender.Name))

	limit := win.Y - 3
	if l.Email {
		limit = g.Height / 3
	}
	head, err := letterhead(w, l.Sender, limit)
	if err != nil {
		return 0, err
	}
	addr := func() {}
	if !l.Email {
		if addr, err = address(w, l, win); err != nil {
			return 0, err
		}
	}
	var sig *picture
	if len(l.Sender.Signature) > 0 {
		p, err := w.image("signature", l.Sender.Signature)
		if err != nil {
			return 0, err
		}
		sig = &p
	}

	firstTop := max(win.Y+win.H, head.bottom) + 8.5
	if l.Email {
		firstTop = head.bottom + 12
	}
	bottom := g.Height - g.Bottom
	contLines, contH := continuation(w, lg, l, textW)
	pageArea := func(page int) area {
		if page == 0 {
			return area{firstTop, bottom}
		}
		return area{g.Top + contH + 6, bottom}
	}
	// A letter that fits one page at the normal size is laid out at it. One that runs over
	// by a few lines is fitted: first the spacing is tightened, then the type made at most
	// half a point smaller. Only a letter that does not fit even so goes on to a second
	// page, which then carries more than the closing.
	var placed []placed
	for i, fit := range fits {
		placed = paginate(flowLetter(w, l, sig, fit, textW), pageArea)
		if pageCount(placed) == 1 {
			break
		}
		if i == len(fits)-1 {
			placed = paginate(flowLetter(w, l, sig, fits[0], textW), pageArea)
		}
	}
	slh := lineHeight(smallSize)
	return drawPages(w, placed, func(page, total int) {
		pageNo := fmt.Sprintf(lg.pageOf, page+1, total)
		if page == 0 {
			if !l.Email {
				marks(w)
			}
			head.draw()
			addr()
			if total > 1 {
				w.setFont(fonts.Regular, smallSize)
				w.f.SetTextColor(90, 90, 90)
				w.text(g.Left, bottom+6, textW, slh, 'R', pageNo)
			}
		} else {
			w.setFont(fonts.Regular, smallSize)
			w.f.SetTextColor(90, 90, 90)
			for i, s := range contLines {
				w.text(g.Left, g.Top+float64(i)*slh, textW, slh, 'L', s)
			}
			w.text(g.Left, g.Top, textW, slh, 'R', pageNo)
			w.hline(g.Left, g.Width-g.Right, g.Top+contH, 0.2, 150)
		}
	})
}

// fit is how tightly a letter's text is set: type size and leading in pt and mm, and the
// space before paragraphs and before the subject in lines.
type fit struct {
	size, leading   float64
	paraGap, subGap float64
}

// fits are tried in turn until the letter fits one page: the normal setting, then
// tighter spacing, then at most half a point smaller type.
var fits = []fit{
	{size: bodySize, leading: 1.32, paraGap: 1, subGap: 2},
	{size: bodySize, leading: 1.25, paraGap: 0.8, subGap: 1.6},
	{size: bodySize, leading: 1.2, paraGap: 0.65, subGap: 1.3},
	{size: bodySize - 0.25, leading: 1.2, paraGap: 0.6, subGap: 1.2},
	{size: bodySize - 0.5, leading: 1.18, paraGap: 0.55, subGap: 1.1},
}

// lastPageLines is how many lines of the body go to a second page with the closing, at
// least: a page holding only the sign-off and the signature looks like a mistake.
const lastPageLines = 6

// flowLetter lays out the flowing part of a letter, from the date line to the signer's
// name, as boxes set with fit.
func flowLetter(w *writer, l Letter, sig *picture, ft fit, textW float64) []box {
	g := w.g
	size := ft.size
	lh := size * ft.leading * ptToMM
	set := func(s string, st fonts.Style, align byte, gap float64) []box {
		return w.linesLH(s, st, size, lh, g.Left, textW, align, gap)
	}
	var boxes []box
	dateAlign := byte('L')
	if l.DateRight {
		dateAlign = 'R'
	}
	if d := w.line(l.DateLine); d != "" {
		boxes = append(boxes, set(d, fonts.Regular, dateAlign, 0)...)
	}
	if s := w.line(l.Subject); s != "" {
		boxes = append(boxes, keepAll(set(s, fonts.Bold, 'L', ft.subGap*lh))...)
	}
	if s := w.line(l.Salutation); s != "" {
		boxes = append(boxes, keepAll(set(s, fonts.Regular, 'L', ft.paraGap*lh))...)
	}
	body := len(boxes)
	for _, p := range l.Body {
		p = strings.TrimSpace(w.clean(p, true))
		if p == "" {
			continue
		}
		boxes = append(boxes, set(p, fonts.Regular, 'L', ft.paraGap*lh)...)
	}
	var ending []box
	if s := w.line(l.Closing); s != "" {
		ending = append(ending, set(s, fonts.Regular, 'L', ft.paraGap*lh)...)
	}
	// Room for the signature: the scan, or space to sign by hand.
	sigH := 15.0
	if sig != nil {
		sw, sh := sig.fit(60, 18)
		sigH = sh + 2
		img := *sig
		ending = append(ending, box{h: sigH, draw: func(y float64) { w.draw(img, g.Left, y+1, sw, sh) }})
	} else if len(ending) > 0 || l.SignerName != "" {
		ending = append(ending, box{h: sigH, draw: func(float64) {}})
	}
	if s := w.line(l.SignerName); s != "" {
		ending = append(ending, set(s, fonts.Regular, 'L', 0)...)
	}
	if len(ending) > 0 {
		// Never leave the closing alone: the last lines of the body go with it.
		for i := max(body, len(boxes)-lastPageLines); i < len(boxes); i++ {
			boxes[i].keep = true
		}
		boxes = append(boxes, keepAll(ending)...)
	}
	return boxes
}

// continuation is the header of pages after the first: who wrote to whom and when,
// wrapped beside the page number, and its height.
func continuation(w *writer, lg lang, l Letter, textW float64) ([]string, float64) {
	contLeft := w.line(l.Sender.Name)
	if len(l.Recipient) > 0 {
		if r := w.line(l.Recipient[0]); r != "" {
			contLeft = joinNonEmpty(" · ", contLeft, fmt.Sprintf(lg.letterTo, r))
		}
	}
	contLeft = joinNonEmpty(" · ", contLeft, w.line(l.DateLine))
	w.setFont(fonts.Regular, smallSize)
	numW := w.width(fmt.Sprintf(lg.pageOf, 99, 99))
	contLines := w.wrap(contLeft, textW-numW-5)
	return contLines, float64(len(contLines))*lineHeight(smallSize) + 2
}

// drawPages adds a page for each page the boxes were placed on, lets decorate draw what
// the page carries besides them (header, page number, marks), then draws its boxes.
// It returns the number of pages.
func drawPages(w *writer, placed []placed, decorate func(page, total int)) (int, error) {
	total := pageCount(placed)
	next := 0
	for page := range total {
		w.f.AddPage()
		decorate(page, total)
		w.f.SetTextColor(0, 0, 0)
		for ; next < len(placed) && placed[next].page == page; next++ {
			placed[next].box.draw(placed[next].y)
		}
		if err := w.f.Error(); err != nil {
			return 0, err
		}
	}
	return total, nil
}

// marks draws the fold marks and the hole mark short at the left edge, where
// no text ever goes.
func marks(w *writer) {
	for _, y := range w.g.Folds {
		w.hline(4, 9, y, 0.25, 110)
	}
	if w.g.Hole > 0 {
		w.hline(4, 12, w.g.Hole, 0.25, 110)
	}
}

// header is the laid-out letterhead.
type header struct {
	bottom float64
	draw   func()
}

// letterhead lays out the sender block above limit (mm from the top).
func letterhead(w *writer, s Letterhead, limit float64) (header, error) {
	g := w.g
	x, width := g.Left, g.Width-g.Left-g.Right
	var drawLogo func()
	if len(s.Logo) > 0 {
		logo, err := w.image("logo", s.Logo)
		if err != nil {
			return header{}, err
		}
		lw, lh := logo.fit(50, min(22, limit-minHeadTop))
		if lh <= 0 {
			return header{}, errors.New("no room for the logo above the address window; reduce the address offset")
		}
		lx := g.Width - g.Right - lw
		ly := min(g.Top, limit-lh)
		drawLogo = func() { w.draw(logo, lx, ly, lw, lh) }
		width -= lw + 6
	}

	type row struct {
		text string
		st   fonts.Style
		size float64
		grey int
	}
	title, sub := w.line(s.Name), w.line(s.Business)
	if title == "" {
		title, sub = sub, ""
	}
	var addr []string
	for _, a := range s.Address {
		addr = append(addr, w.line(a))
	}
	var rows []row
	add := func(text string, st fonts.Style, size float64, grey int) {
		if text == "" {
			return
		}
		w.setFont(st, size)
		for _, l := range w.wrap(text, width) {
			rows = append(rows, row{l, st, size, grey})
		}
	}
	add(title, fonts.Bold, nameSize, 0)
	add(sub, fonts.Regular, 10, 40)
	add(joinNonEmpty(" · ", addr...), fonts.Regular, smallSize, 80)
	add(joinNonEmpty(" · ", w.line(s.Phone), w.line(s.Email), w.line(s.Website)), fonts.Regular, smallSize, 80)

	need := 0.0
	for _, r := range rows {
		need += lineHeight(r.size)
	}
	// A window moved up by the offset may push the letterhead into the top
	// margin, but not into the edge printers cannot reach.
	y := min(g.Top, limit-need)
	if y < minHeadTop {
		return header{}, fmt.Errorf("the letterhead needs %.0f mm but only %.0f mm fit above the address window; shorten the business, address or contact lines", need, limit-minHeadTop)
	}
	tops := make([]float64, len(rows))
	for i, r := range rows {
		tops[i] = y
		y += lineHeight(r.size)
	}
	return header{bottom: y, draw: func() {
		if drawLogo != nil {
			drawLogo()
		}
		for i, r := range rows {
			w.setFont(r.st, r.size)
			w.f.SetTextColor(r.grey, r.grey, r.grey)
			w.text(x, tops[i], width, lineHeight(r.size), 'L', r.text)
		}
		w.f.SetTextColor(0, 0, 0)
	}}, nil
}

// address lays out the return line and the recipient inside the (shifted)
// window, shrinking the type for long or many lines rather than letting
// anything show outside the window.
func address(w *writer, l Letter, win Rect) (func(), error) {
	g := w.g
	x := win.X + g.AddressInset.X
	width := win.W - 2*g.AddressInset.X

	var lines []string
	for _, r := range l.Recipient {
		if s := w.line(r); s != "" {
			lines = append(lines, s)
		}
	}
	if len(lines) == 0 {
		return nil, errors.New("the letter has no recipient address")
	}

	size := addressSize
	w.setFont(fonts.Regular, size)
	widest := 0.0
	for _, s := range lines {
		widest = max(widest, w.width(s))
	}
	if widest > width {
		size = max(7, float64(int(size*width/widest*10))/10)
	}
	w.setFont(fonts.Regular, size)
	var wrapped []string
	for _, s := range lines {
		wrapped = append(wrapped, w.wrap(s, width)...)
	}
	n := float64(len(wrapped))
	lh := 4.5 * size / addressSize
	top := win.Y + g.AddressInset.Y
	bottom := win.Y + win.H - 1
	zoneTop := win.Y + g.ReturnZone + 1
	if top+n*lh > bottom {
		top = max(zoneTop, bottom-n*lh)
		if top+n*lh > bottom {
			lh = (bottom - top) / n
			if lh < 3.2 {
				return nil, fmt.Errorf("the recipient address has %d lines, more than the envelope window can show", len(wrapped))
			}
			size = min(size, lh/4.5*addressSize)
		}
	}

	var ret string
	retSize := returnSize
	if g.ReturnZone > 0 {
		var parts []string
		parts = append(parts, w.line(l.Sender.Name))
		if l.Sender.Name == "" {
			parts[0] = w.line(l.Sender.Business)
		}
		for _, a := range l.Sender.Address {
			parts = append(parts, w.line(a))
		}
		ret = joinNonEmpty(" · ", parts...)
		w.setFont(fonts.Regular, retSize)
		if rw := w.width(ret); rw > width {
			retSize = retSize * width / rw
			if retSize < 4.5 {
				return nil, errors.New("the sender address is too long for the return line in the envelope window; shorten it")
			}
		}
	}

	return func() {
		if ret != "" {
			rlh := g.ReturnZone - 1
			w.setFont(fonts.Regular, retSize)
			w.f.SetTextColor(60, 60, 60)
			w.text(x, win.Y+0.5, width, rlh, 'L', ret)
			under := baseline(win.Y+0.5, rlh, retSize) + 0.7
			w.hline(x, x+w.width(ret), under, 0.1, 60)
			w.f.SetTextColor(0, 0, 0)
		}
		w.setFont(fonts.Regular, size)
		for i, s := range wrapped {
			w.text(x, top+float64(i)*lh, width, lh, 'L', s)
		}
	}, nil
}
