package pdf

import (
	"errors"
	"fmt"
	"io"
)

// RenderLetters lays out several letters in one PDF, for printing a batch in one go:
// each letter starts on a new page and looks exactly as Render prints it alone (its own
// letterhead, address, page numbers and continuation lines). The letters must share
// paper and font; a logo or signature they share is embedded once. before, when not
// nil, is called with each letter's index before it is laid out; an error from it (a
// cancelled batch, say) stops the render. Nothing is written unless every letter succeeded.
func RenderLetters(out io.Writer, ls []Letter, before func(i int) error) (res Result, err error) {
	defer guard(&err, "render letters")
	if len(ls) == 0 {
		return Result{}, errors.New("render letters: there are no letters")
	}
	first := ls[0]
	langs := make([]lang, len(ls))
	for i, l := range ls {
		if l.Paper != first.Paper {
			return Result{}, fmt.Errorf("render letters: letter %d is on %s paper, the first on %s; print them separately", i+1, l.Paper, first.Paper)
		}
		if l.Font.Name != first.Font.Name {
			return Result{}, fmt.Errorf("render letters: letter %d has another font than the first", i+1)
		}
		if langs[i], err = parseLang(l.Lang); err != nil {
			return Result{}, fmt.Errorf("render letters: letter %d: %w", i+1, err)
		}
		if err := l.Offset.valid(); err != nil {
			return Result{}, fmt.Errorf("render letters: letter %d: %w", i+1, err)
		}
	}
	return renderWith(out, "render letters", first.Paper, first.Font, first.Date, func(w *writer) (int, error) {
		pages := 0
		for i, l := range ls {
			if before != nil {
				if err := before(i); err != nil {
					return 0, err
				}
			}
			n, err := layoutLetter(w, langs[i], l)
			if err != nil {
				return 0, fmt.Errorf("letter %d (%s): %w", i+1, recipientName(l), err)
			}
			pages += n
		}
		return pages, nil
	})
}

func recipientName(l Letter) string {
	if len(l.Recipient) > 0 {
		return l.Recipient[0]
	}
	return "no recipient"
}
