package app

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// remedyForm holds the fields of "Add remedy" / "Edit the remedy".
type remedyForm struct {
	id          int64
	kind        *widget.Select
	description *widget.Entry
	value       *widget.Entry
	valueItem   *widget.FormItem
	due         *dateEntry
	accepted    *widget.Check
	currency    string
}

func newRemedyForm(r data.Remedy, currency string) *remedyForm {
	f := &remedyForm{id: r.ID, currency: currency}
	var kinds []string
	for _, k := range data.RemedyKinds() {
		kinds = append(kinds, k.Label())
	}
	f.description = widget.NewMultiLineEntry()
	f.description.Wrapping = fyne.TextWrapWord
	f.description.SetMinRowsVisible(2)
	f.description.PlaceHolder = "What exactly the client gets"
	f.value = widget.NewEntry()
	f.value.Validator = f.checkValue
	f.due = newDateEntry()
	f.accepted = widget.NewCheck("The client accepted it", nil)
	f.valueItem = &widget.FormItem{Text: "Value", Widget: f.value}
	f.kind = widget.NewSelect(kinds, func(string) { f.onKind() })
	// No kind is chosen for the consultant: what the client asked for comes first, and
	// a discount is not the default answer to every complaint.
	f.kind.PlaceHolder = "Choose what the client gets"
	if r.Kind != "" {
		f.kind.SetSelected(r.Kind.Label())
	} else {
		f.onKind()
	}
	f.description.SetText(r.Description)
	switch {
	case r.Value == 0:
	case r.Kind.Percent():
		f.value.SetText(strconv.FormatInt(r.Value, 10))
	default:
		f.value.SetText(moneyText(r.Value))
	}
	f.due.set(r.Due)
	f.accepted.SetChecked(r.Accepted)
	return f
}

func (f *remedyForm) selected() data.RemedyKind {
	k, _ := data.RemedyKindFromLabel(f.kind.Selected)
	return k
}

func (f *remedyForm) onKind() {
	if f.selected().Percent() {
		f.value.PlaceHolder = "e.g. 15 (percent)"
		f.valueItem.HintText = "Percent off"
	} else {
		f.value.PlaceHolder = "0.00"
		f.valueItem.HintText = "Amount in " + f.currency + " (leave empty if none)"
	}
	f.value.Refresh()
	if f.value.Text != "" {
		f.value.Validate()
	}
}

func (f *remedyForm) checkValue(v string) error {
	_, err := f.parseValue(v)
	return err
}

func (f *remedyForm) parseValue(v string) (int64, error) {
	v = strings.TrimSpace(v)
	if f.selected().Percent() {
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(v, "%")), " "))
		if err != nil || n < 1 || n > 100 {
			return 0, errors.New("enter a percentage between 1 and 100, e.g. 15")
		}
		return int64(n), nil
	}
	m, err := data.ParseMoney(v)
	if err == nil && m < 0 {
		err = errors.New("cannot be negative")
	}
	return m, err
}

func (f *remedyForm) items() []*widget.FormItem {
	return []*widget.FormItem{widget.NewFormItem("Kind", f.kind), widget.NewFormItem("What", f.description),
		f.valueItem, widget.NewFormItem("Due", f.due), widget.NewFormItem("", f.accepted)}
}

// remedy reads the form, or names the field that is wrong.
func (f *remedyForm) remedy() (data.Remedy, error) {
	r := data.Remedy{ID: f.id, Kind: f.selected(), Description: f.description.Text, Accepted: f.accepted.Checked}
	var err error
	if r.Value, err = f.parseValue(f.value.Text); err != nil {
		return r, &data.FieldError{Field: "value", Msg: err.Error()}
	}
	if err := f.due.Validate(); err != nil {
		return r, &data.FieldError{Field: "due", Msg: err.Error()}
	}
	r.Due = f.due.value()
	return r, r.Validate()
}

// commitmentForm holds the fields of "Add commitment" / "Edit the commitment".
type commitmentForm struct {
	id      int64
	what    *widget.Entry
	date    *dateEntry
	clock   *widget.Entry
	channel *widget.SelectEntry
}

func newCommitmentForm(c data.Commitment, now time.Time) *commitmentForm {
	f := &commitmentForm{id: c.ID, what: widget.NewEntry(), date: newDateEntry(), clock: widget.NewEntry(),
		channel: widget.NewSelectEntry(data.CommitmentChannels())}
	f.what.PlaceHolder = "e.g. Email the revised report"
	f.what.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("say what you will do")
		}
		return nil
	}
	f.clock.Validator = func(v string) error { _, err := parseClock(v); return err }
	f.clock.PlaceHolder = "16:00"
	due := c.Due
	if due.IsZero() {
		// Tomorrow at 10:00, or the next working day: a promise kept in working hours,
		// not at the hour the form happened to be opened (01:00 after midnight).
		due = data.CheckInTime(now.Add(24 * time.Hour))
	}
	f.what.SetText(c.What)
	f.date.set(data.DateOf(due.Local()))
	f.clock.SetText(due.Local().Format("15:04"))
	f.channel.SetText(c.Channel)
	if c.Channel == "" {
		f.channel.SetText("Email")
	}
	return f
}

func parseClock(v string) (time.Time, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(v))
	if err != nil {
		return t, errors.New("a time of day like 16:00")
	}
	return t, nil
}

func (f *commitmentForm) items() []*widget.FormItem {
	what := widget.NewFormItem("What", f.what)
	what.Required = true
	return []*widget.FormItem{what, widget.NewFormItem("Day", f.date), widget.NewFormItem("Time", f.clock),
		&widget.FormItem{Text: "By", Widget: f.channel, HintText: "How you will do it: email, phone, …"}}
}

// commitment reads the form, or names the field that is wrong.
func (f *commitmentForm) commitment() (data.Commitment, error) {
	c := data.Commitment{ID: f.id, What: f.what.Text, Channel: f.channel.Text}
	if err := f.date.Validate(); err != nil {
		return c, &data.FieldError{Field: "day", Msg: err.Error()}
	}
	day := f.date.value()
	if day.IsZero() {
		return c, &data.FieldError{Field: "day", Msg: "choose the day you promised"}
	}
	clock, err := parseClock(f.clock.Text)
	if err != nil {
		return c, &data.FieldError{Field: "time", Msg: err.Error()}
	}
	c.Due = time.Date(day.Year(), day.Month(), day.Day(), clock.Hour(), clock.Minute(), 0, 0, time.Local)
	return c, c.Validate()
}
