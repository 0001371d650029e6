package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// conflictField is one field changed in a form and, meanwhile, in the store.
type conflictField struct {
	key    string // the store's name for it
	label  string // as the form calls it
	mine   string // as typed in the form
	theirs string // as the store holds it now
}

// Answers of the conflict dialog, per field.
const (
	keepMine   = "Keep what I typed"
	takeTheirs = "Use the saved one"
)

// conflictDialog asks, field by field, which of two values to keep.
type conflictDialog struct {
	choices map[string]*widget.RadioGroup
	ok      *widget.Button
	d       *dialog.CustomDialog
}

// askConflict shows the fields changed both in a form (what) and in the store, with both
// values; done learns, per field key, whether the user keeps what they typed. Closing
// the dialog without choosing keeps the form as typed and saves nothing.
func (d deps) askConflict(what string, fields []conflictField, done func(mine map[string]bool)) *conflictDialog {
	c := &conflictDialog{choices: map[string]*widget.RadioGroup{}}
	intro := widget.NewLabel(fmt.Sprintf("While you were editing %s, these fields were changed and saved elsewhere "+
		"(another screen or an action such as an interview outcome). Choose which value to keep; "+
		"everything else you typed is saved as it is.", what))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm()
	for _, f := range fields {
		r := widget.NewRadioGroup([]string{keepMine, takeTheirs}, nil)
		r.Required = true
		r.SetSelected(keepMine)
		c.choices[f.key] = r
		vals := widget.NewLabel(fmt.Sprintf("You typed: %s\nSaved meanwhile: %s", shown(f.mine), shown(f.theirs)))
		vals.Wrapping = fyne.TextWrapWord
		form.Append(f.label, container.NewVBox(vals, r))
	}
	cancel := widget.NewButton("Back to the form", func() { c.d.Hide() })
	c.ok = widget.NewButton("Save my choice", func() {
		c.d.Hide()
		mine := map[string]bool{}
		for k, r := range c.choices {
			mine[k] = r.Selected == keepMine
		}
		done(mine)
	})
	c.ok.Importance = widget.HighImportance
	c.d = dialog.NewCustomWithoutButtons("Changed meanwhile", container.NewBorder(intro, nil, nil, nil, container.NewVScroll(form)), d.win)
	c.d.SetButtons([]fyne.CanvasObject{cancel, c.ok})
	c.d.Resize(dialogSize(d.win, fyne.NewSize(600, 420)))
	if d.seen != nil {
		d.seen.conflict = c
	}
	c.d.Show()
	return c
}

// shown is a value as the dialog shows it: empty values say so.
func shown(v string) string {
	if v == "" {
		return "(empty)"
	}
	return "“" + v + "”"
}
