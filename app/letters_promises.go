package app

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// The letter editor and the complaint's promises: an apology lists the six parts it
// has, and a promise whose time has passed is never left in a letter as one still to
// come: the editor offers to set a new date or to say it was done, and puts the new
// sentence in the letter.

// showParts ticks the six parts of an apology as the letter has them.
func (e *letterEditor) showParts(parts []letters.PartCheck) {
	e.parts.RemoveAll()
	if e.kind != letters.Apology {
		return
	}
	e.parts.Add(widget.NewSeparator())
	e.parts.Add(widget.NewLabelWithStyle("The six parts of an apology", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, p := range parts {
		l := widget.NewLabel("✓ " + p.Part.Label())
		if !p.OK {
			l.SetText("✗ " + p.Part.Label())
			l.Importance = widget.WarningImportance
		}
		l.Wrapping = fyne.TextWrapWord
		e.parts.Add(l)
	}
	e.parts.Refresh()
}

// promiseButtons are the two ways to put a past promise right.
func (e *letterEditor) promiseButtons(i int) fyne.CanvasObject {
	return container.NewHBox(
		widget.NewButton("Set a new date…", func() { e.onNewDate(i) }),
		widget.NewButton("It was done", func() { e.onPromiseDone(i) }))
}

// commitment is the stored commitment behind the i-th promise of the letter's source
// (both listed by due time, as the store keeps them).
func (e *letterEditor) commitment(i int) (data.Commitment, bool) {
	cs, err := e.store.Commitments(e.ctx, e.src.ComplaintID)
	if err != nil {
		errorDialog(e.win, "Reading the promises", err)
		return data.Commitment{}, false
	}
	if i < 0 || i >= len(cs) || i >= len(e.src.Commitments) || strings.TrimSpace(cs[i].What) != strings.TrimSpace(e.src.Commitments[i].What) {
		e.status.SetText("The promises changed meanwhile: choose “New draft” to write them again.")
		return data.Commitment{}, false
	}
	return cs[i], true
}

// onNewDate sets a new date for the promise, and writes it into the letter. A day
// already past is refused next to the field; a time today already past is refused with
// the form shown again as typed.
func (e *letterEditor) onNewDate(i int) {
	c, ok := e.commitment(i)
	if !ok {
		return
	}
	old := e.src.Commitments[i]
	now := e.store.Now()
	c.Due = time.Time{} // the form suggests tomorrow
	f := newCommitmentForm(c, now)
	today := data.DateOf(now.Local())
	parse := f.date.Validator
	f.date.Validator = func(v string) error {
		if err := parse(v); err != nil {
			return err
		}
		if d := f.date.value(); !d.IsZero() && d.Before(today.Time) {
			return errors.New("choose a day still to come")
		}
		return nil
	}
	var d dialog.Dialog
	d = dialog.NewForm("A new date for “"+c.What+"”", "Set the new date", "Cancel", f.items(), func(ok bool) {
		if !ok {
			return
		}
		nc, err := f.commitment()
		if err == nil && !nc.Due.After(e.store.Now()) {
			err = &data.FieldError{Field: "time", Msg: "choose a time still to come"}
		}
		if err == nil {
			err = e.store.UpdateCommitment(e.ctx, nc)
		}
		if err != nil {
			d.Show() // what was typed is kept
			errorDialog(e.win, "Setting the new date", err)
			return
		}
		now := old
		now.What, now.Due, now.Channel = nc.What, nc.Due.Local(), nc.Channel
		e.promiseChanged(old, now)
	}, e.win)
	d.Resize(dialogSize(e.win, fyne.NewSize(560, 380)))
	d.Show()
}

// onPromiseDone records that the promise was kept, and says so in the letter.
func (e *letterEditor) onPromiseDone(i int) {
	c, ok := e.commitment(i)
	if !ok {
		return
	}
	if c.FollowUpID == 0 {
		e.status.SetText("This promise has no follow-up to mark done: set a new date instead.")
		return
	}
	f, err := e.store.MarkDone(e.ctx, c.FollowUpID, "Done, as promised (noted while writing the letter)", 0)
	if err != nil {
		errorDialog(e.win, "Marking the promise done", err)
		return
	}
	old := e.src.Commitments[i]
	now := old
	now.Done = f.DoneAt.Local()
	e.promiseChanged(old, now)
}

// promiseChanged reads the promises again for the check (off the UI thread: gathering
// reads the whole letter's source), then puts the promise's new sentence where the
// letter said the old one.
func (e *letterEditor) promiseChanged(old, now letters.Commitment) {
	var src letters.Source
	var err error
	kind, clientID, complaintID, today := e.kind, e.src.Client.ID, e.src.ComplaintID, e.today
	e.run.run(func() { _, src, err = documents.Gather(e.ctx, e.store, kind, clientID, complaintID, today) }, func() {
		if err == nil && e.src.ComplaintID == complaintID {
			e.src.Commitments = src.Commitments
		}
		e.showPromise(old, now)
	})
}

// showPromise puts the promise's new sentence where the letter said the old one.
func (e *letterEditor) showPromise(old, now letters.Commitment) {
	lang, we, at := e.language(), e.src.Letterhead.We(), e.store.Now()
	want := letters.PromiseLine(lang, we, now, at)
	text := e.body.Text
	replaced := false
	for _, line := range []string{letters.PromiseLine(lang, we, old, at), letters.PromiseLine(lang, we, old, time.Time{})} {
		if line != want && strings.Contains(text, line) {
			text, replaced = strings.ReplaceAll(text, line, want), true
		}
	}
	if replaced {
		e.body.SetText(text) // kept as a draft, and checked again
		e.status.SetText("The letter now says: " + want)
	} else {
		e.status.SetText(fmt.Sprintf("Saved. The letter does not say it in the drafted words: write it yourself, e.g. “%s”", want))
		e.refreshCheck()
	}
}
