package app

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// lettersPart is the "Letters" tab of the client file: the letters printed or
// saved for the client, to open or reprint exactly as they went out.
type lettersPart struct {
	deps
	client   data.Client
	items    []data.Letter
	selected int
	list     *widget.List
	write    *widget.Button
	open     *widget.Button
	reprint  *widget.Button
	empty    *widget.Label
	item     *container.TabItem
}

func newLettersPart(d deps) *lettersPart {
	p := &lettersPart{deps: d, selected: -1}
	p.list = widget.NewList(func() int { return len(p.items) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewLabel("2026-11-23"), widget.NewLabel("printed"), newCutLabel("Apology letter: subject"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := p.items[i]
			c := o.(*fyne.Container)
			subject := c.Objects[0].(*cutLabel)
			subject.SetText(l.KindLabel() + ": " + l.Subject)
			c.Objects[1].(*widget.Label).SetText(l.Date.String())
			state := "saved " + currentFormats().dateTime(l.Created)
			if !l.Printed.IsZero() {
				state = "printed " + currentFormats().dateTime(l.Printed)
			}
			c.Objects[2].(*widget.Label).SetText(state + " · " + l.Paper)
		})
	p.list.OnSelected = func(i widget.ListItemID) { p.selected = i; p.open.Enable(); p.reprint.Enable() }
	p.list.OnUnselected = func(widget.ListItemID) { p.selected = -1; p.open.Disable(); p.reprint.Disable() }
	p.write = widget.NewButtonWithIcon("Write letter…", theme.DocumentCreateIcon(), func() { p.writeLetter(p.client.ID, 0) })
	p.open = widget.NewButtonWithIcon("Open", theme.FileIcon(), func() { p.onOutput(false) })
	p.reprint = widget.NewButtonWithIcon("Reprint", theme.DocumentPrintIcon(), func() { p.onOutput(true) })
	p.open.Disable()
	p.reprint.Disable()
	p.empty = widget.NewLabel("No letters yet. Letters you save or print are kept here exactly as they went out.")
	p.empty.Wrapping = fyne.TextWrapWord
	top := container.NewHBox(p.write, p.open, p.reprint)
	p.item = container.NewTabItemWithIcon("Letters", theme.MailComposeIcon(), container.NewBorder(container.NewVBox(top, p.empty), nil, nil, nil, p.list))
	return p
}

func (p *lettersPart) tab() *container.TabItem { return p.item }

func (p *lettersPart) show(c data.Client) {
	p.client = c
	p.refresh()
}

// changed asks again when a letter to the client was recorded or printed.
func (p *lettersPart) changed(n data.Notice) {
	if n.About(data.ChangedLetters, p.client.ID) {
		p.refresh()
	}
}

// refresh asks the store for the client's letters, off the UI thread.
func (p *lettersPart) refresh() {
	id := p.client.ID
	fetch(p.deps, "Loading the letters", func() ([]data.Letter, error) {
		if id == 0 {
			return nil, nil
		}
		return p.store.ClientLetters(p.ctx, id)
	}, func() bool { return p.client.ID != id }, p.fill)
}

func (p *lettersPart) fill(ls []data.Letter) {
	p.items = ls
	if p.client.ID == 0 {
		p.write.Disable()
	} else {
		p.write.Enable()
	}
	p.list.UnselectAll()
	p.list.Refresh()
	if len(p.items) == 0 {
		p.empty.Show()
	} else {
		p.empty.Hide()
	}
}

// onOutput renders the selected letter exactly as stored and opens it in the
// viewer, or offers the Print… dialog (reprint).
func (p *lettersPart) onOutput(reprint bool) {
	if p.selected < 0 || p.selected >= len(p.items) {
		return
	}
	l := p.items[p.selected]
	if reprint {
		p.showPrint(p.win, printJob{
			title: strings.TrimSuffix(letters.FileName(l, p.client.Name), ".pdf"), paper: l.Paper,
			render: func(paper string) (string, error) {
				again := l
				again.Paper = paper
				return p.writeTemp(again)
			},
			printed: func(string, string) { p.markPrinted(l) },
		})
		return
	}
	path, err := p.writeTemp(l)
	if err != nil {
		p.showError("Opening the letter", err)
		return
	}
	if err := p.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}); err != nil {
		p.showError("Opening the letter in the PDF viewer", err)
	}
}

func (p *lettersPart) markPrinted(l data.Letter) {
	if err := p.store.MarkLetterPrinted(p.ctx, l.ID); err != nil {
		p.showError("Recording the reprint", err)
	}
}

func (p *lettersPart) writeTemp(l data.Letter) (string, error) {
	lh, err := p.store.Letterhead(p.ctx)
	var dmg *data.LetterheadDamage
	if errors.As(err, &dmg) {
		// The letter goes out without the damaged parts; say which.
		dialog.ShowInformation("Letterhead incomplete", letterheadDamageText(dmg), p.win)
	} else if err != nil {
		return "", err
	}
	path, err := p.temp.path(letters.FileName(l, p.client.Name))
	if err != nil {
		return "", err
	}
	res, err := documents.WriteLetterFile(path, l, lh)
	if err != nil {
		return "", err
	}
	if len(res.Missing) > 0 {
		dialog.ShowInformation("Characters replaced", fmt.Sprintf("No font has %q; they print as a replacement mark.", string(res.Missing)), p.win)
	}
	return path, nil
}
