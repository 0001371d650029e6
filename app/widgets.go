package app

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// dateEntry is widget.DateEntry for optional dates: empty is valid, and a typo gets
// a message with an example instead of Go's parse error.
type dateEntry struct {
	widget.DateEntry
	example string
}

func newDateEntry() *dateEntry {
	e := &dateEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.example = dateExample()
	e.PlaceHolder = e.example
	return e
}

// dateExample shows the locale's date format with a real date.
func dateExample() string {
	tmp := widget.NewDateEntry()
	d := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	tmp.SetDate(&d)
	return tmp.Text
}

func (e *dateEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.DateEntry.CreateRenderer()
	parse := e.Validator
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if parse != nil && parse(s) != nil {
			return errors.New("use the calendar or type a date like " + e.example)
		}
		return nil
	}
	return r
}

// value is the entered date, or the zero Date when empty.
func (e *dateEntry) value() data.Date {
	if strings.TrimSpace(e.Text) == "" || e.Date == nil {
		return data.Date{}
	}
	return data.DateOf(*e.Date)
}

// canonical is the date as a form compares it: YYYY-MM-DD, empty for none, or the text
// as typed while it is not a date. It checks the text without Validate, which would
// call the form back.
func (e *dateEntry) canonical() string {
	if strings.TrimSpace(e.Text) != "" && e.Validator != nil && e.Validator(e.Text) != nil {
		return e.Text
	}
	return e.value().String()
}

// setCanonical shows a date given as canonical gives it.
func (e *dateEntry) setCanonical(v string) {
	d, err := data.ParseDate(v)
	if err != nil {
		e.SetText(v)
		return
	}
	e.set(d)
}

func (e *dateEntry) set(d data.Date) {
	if d.IsZero() {
		e.SetDate(nil)
		return
	}
	t := d.Time
	e.SetDate(&t)
}

// moneyEntry validates amounts as the user types them.
func newMoneyEntry() *widget.Entry {
	e := widget.NewEntry()
	e.Validator = func(s string) error { _, err := data.ParseMoney(s); return err }
	e.PlaceHolder = "0.00"
	return e
}

// validatedEntry is an entry whose validator is a plain check from data/.
func validatedEntry(check func(string) error, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	e.Validator = check
	e.PlaceHolder = placeholder
	return e
}

// userMessage turns an error into a sentence for a dialog; field errors are shown at the field.
func userMessage(action string, err error) string {
	var fe *data.FieldError
	if errors.As(err, &fe) {
		return "Please check " + fe.Field + ": " + fe.Msg + "."
	}
	if a := advice(err); a != "" {
		return action + " did not work: " + err.Error() + ". " + a
	}
	return action + " did not work. Nothing you typed is lost; you can try again.\n\nDetails: " + err.Error()
}
