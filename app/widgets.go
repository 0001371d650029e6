package app

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// focusHook tells the form around a field that the field got the focus, so that the
// form can scroll it into view: Tab moved the focus to fields below the window's edge,
// and what was typed there went out of sight.
type focusHook struct {
	onFocus func()
}

func (h *focusHook) focused() {
	if h.onFocus != nil {
		h.onFocus()
	}
}

// fieldEntry is a one-line field of a form that scrolls: it says when it gets the focus.
type fieldEntry struct {
	widget.Entry
	focusHook
}

// newFieldEntry is a field with a plain check from data/ (nil for none), see setCheck.
func newFieldEntry(check func(string) error, placeholder string) *fieldEntry {
	e := &fieldEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	setCheck(&e.Entry, check, placeholder)
	return e
}

func (e *fieldEntry) FocusGained() {
	e.Entry.FocusGained()
	e.focused()
}

// fieldSelect is a choice in a form that scrolls: it says when it gets the focus.
type fieldSelect struct {
	widget.Select
	focusHook
}

func newFieldSelect(options []string) *fieldSelect {
	s := &fieldSelect{}
	s.Options = options
	s.PlaceHolder = "(Select one)"
	s.ExtendBaseWidget(s)
	return s
}

func (s *fieldSelect) FocusGained() {
	s.Select.FocusGained()
	s.focused()
}

// dateEntry is a field for an optional day, written as every date on screen is
// (currentFormats): empty is valid, a typo gets a message with an example, and an empty
// field shows the pattern ("DD.MM.YYYY"), which cannot pass for a date. The calendar
// opens from the icon at its right, which Tab passes over: Tab goes from field to field.
//
// Fyne's DateEntry could do neither: its calendar button takes a Tab stop (typing an
// amount after Tab went into the button, and every later field got the one before it),
// and it writes the locale's short date whatever the rest of the app shows.
type dateEntry struct {
	widget.Entry
	focusHook
	Date      *time.Time       // the day typed, nil when empty or not a date
	OnChanged func(*time.Time) // called on every change of the text, with Date
	popUp     *widget.PopUp
}

func newDateEntry() *dateEntry {
	e := &dateEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.PlaceHolder = currentFormats().dates.pattern
	// The mark shows what the text is now, also while typing: a ✓ only for a date.
	e.AlwaysShowValidationError = true
	e.Validator = func(s string) error {
		_, err := currentFormats().parseDate(s)
		return err
	}
	e.Entry.OnChanged = e.typed
	e.ActionItem = newCalendarButton(e)
	return e
}

// MinSize is wide enough for any date and the pattern, beside the mark and the calendar:
// a date field in a small dialog showed "1 Dec".
func (e *dateEntry) MinSize() fyne.Size {
	m := e.Entry.MinSize()
	f := currentFormats()
	var text float32
	for _, t := range []string{f.date(data.NewDate(2026, 9, 28)), f.dates.pattern} {
		text = fyne.Max(text, fyne.MeasureText(t, theme.TextSize(), e.TextStyle).Width)
	}
	icons := 2 * (theme.IconInlineSize() + 2*theme.InnerPadding())
	return fyne.NewSize(fyne.Max(m.Width, text+2*theme.InnerPadding()+icons), m.Height)
}

// typed follows the text into Date and tells OnChanged.
func (e *dateEntry) typed(s string) {
	e.Date = nil
	if d, err := currentFormats().parseDate(s); err == nil && !d.IsZero() {
		t := d.Time
		e.Date = &t
	}
	if e.OnChanged != nil {
		e.OnChanged(e.Date)
	}
}

func (e *dateEntry) FocusGained() {
	e.Entry.FocusGained()
	e.focused()
}

// FocusLost writes a date typed another way ("1.12.26", "1 dec") as every date is written.
func (e *dateEntry) FocusLost() {
	e.Entry.FocusLost()
	if d, err := currentFormats().parseDate(e.Text); err == nil && !d.IsZero() {
		if text := currentFormats().date(d); text != e.Text {
			e.SetText(text)
		}
	}
}

// value is the entered date, or the zero Date when empty or not a date.
func (e *dateEntry) value() data.Date {
	d, err := currentFormats().parseDate(e.Text)
	if err != nil {
		return data.Date{}
	}
	return d
}

// canonical is the date as a form compares it: YYYY-MM-DD, empty for none, or the text
// as typed while it is not a date. It checks the text without Validate, which would
// call the form back.
func (e *dateEntry) canonical() string {
	d, err := currentFormats().parseDate(e.Text)
	if err != nil {
		return e.Text
	}
	return d.String()
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

// set shows day d, or empties the field for the zero Date.
func (e *dateEntry) set(d data.Date) {
	e.SetText(currentFormats().date(d))
}

// reformat writes the date again after the format was changed in Settings.
func (e *dateEntry) reformat() {
	e.PlaceHolder = currentFormats().dates.pattern
	if d := e.value(); !d.IsZero() {
		e.set(d)
	}
	e.Refresh()
}

// showCalendar opens the calendar under the field, on the day typed or today.
func (e *dateEntry) showCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil || e.Disabled() {
		return
	}
	start := time.Now()
	if e.Date != nil {
		start = *e.Date
	}
	cal := widget.NewCalendar(start, func(t time.Time) {
		if e.popUp != nil {
			e.popUp.Hide()
		}
		e.set(data.DateOf(t))
		c.Focus(e)
	})
	e.popUp = widget.NewPopUp(cal, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).AddXY(0, e.Size().Height)
	size := fyne.NewSize(fyne.Max(e.Size().Width, cal.MinSize().Width), cal.MinSize().Height)
	// Above the field when there is no room below it.
	if pos.Y+size.Height > c.Size().Height {
		pos.Y = fyne.Max(0, pos.Y-e.Size().Height-size.Height)
	}
	pos.X = fyne.Max(0, fyne.Min(pos.X, c.Size().Width-size.Width))
	e.popUp.ShowAtPosition(pos)
	e.popUp.Resize(size)
}

// calendarButton is the calendar icon inside a date field. It takes taps but not the
// keyboard focus, so Tab goes from the date to the next field.
type calendarButton struct {
	widget.BaseWidget
	entry *dateEntry
	icon  *canvas.Image
}

var _ fyne.Tappable = (*calendarButton)(nil)

func newCalendarButton(e *dateEntry) *calendarButton {
	b := &calendarButton{entry: e, icon: canvas.NewImageFromResource(theme.CalendarIcon())}
	b.ExtendBaseWidget(b)
	return b
}

func (b *calendarButton) Tapped(*fyne.PointEvent) { b.entry.showCalendar() }

func (b *calendarButton) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (b *calendarButton) CreateRenderer() fyne.WidgetRenderer {
	return &calendarButtonRenderer{WidgetRenderer: widget.NewSimpleRenderer(b.icon), b: b}
}

type calendarButtonRenderer struct {
	fyne.WidgetRenderer
	b *calendarButton
}

func (r *calendarButtonRenderer) Layout(size fyne.Size) {
	s := theme.IconInlineSize()
	r.b.icon.Resize(fyne.NewSquareSize(s))
	r.b.icon.Move(fyne.NewPos((size.Width-s)/2, (size.Height-s)/2))
}

func (r *calendarButtonRenderer) MinSize() fyne.Size {
	return fyne.NewSquareSize(theme.IconInlineSize() + 2*theme.InnerPadding())
}

func (r *calendarButtonRenderer) Refresh() {
	r.b.icon.Resource = theme.CalendarIcon()
	if r.b.entry.Disabled() {
		r.b.icon.Resource = theme.NewDisabledResource(r.b.icon.Resource)
	}
	r.b.icon.Refresh()
}

// amountEntry is a field for an amount of money, written as all money is
// (currentFormats). A prefilled amount is selected when the field gets the focus, so
// that typing replaces it; leaving the field writes the amount in the usual way.
type amountEntry struct {
	widget.Entry
	focusHook
}

func newAmountEntry() *amountEntry {
	e := &amountEntry{}
	e.ExtendBaseWidget(e)
	e.Validator = func(s string) error { _, err := data.ParseMoney(s); return err }
	e.AlwaysShowValidationError = true
	e.PlaceHolder = currentFormats().amount(0)
	return e
}

// FocusGained selects the amount, as a spreadsheet cell does.
func (e *amountEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.Text != "" {
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
	e.focused()
}

// FocusLost writes the amount typed ("18000") as amounts are written ("18,000.00").
func (e *amountEntry) FocusLost() {
	e.Entry.FocusLost()
	if v, err := data.ParseMoney(e.Text); err == nil && e.Text != "" {
		if text := currentFormats().amount(v); text != e.Text {
			e.SetText(text)
		}
	}
}

// setCents shows an amount, or empties the field for none.
func (e *amountEntry) setCents(v int64) {
	if v == 0 {
		e.SetText("")
		return
	}
	e.SetText(currentFormats().amount(v))
}

// reformat writes the amount again after the format was changed in Settings.
func (e *amountEntry) reformat() {
	e.PlaceHolder = currentFormats().amount(0)
	if v, err := data.ParseMoney(e.Text); err == nil && e.Text != "" {
		e.setCents(v)
	}
	e.Refresh()
}

// numberEntry is a field for a count; like amounts, a prefilled number is selected when
// the field gets the focus.
type numberEntry struct {
	widget.Entry
	focusHook
}

func newNumberEntry(check func(string) error, placeholder string) *numberEntry {
	e := &numberEntry{}
	e.ExtendBaseWidget(e)
	setCheck(&e.Entry, check, placeholder)
	return e
}

// FocusGained selects the number, so that typing replaces it.
func (e *numberEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.Text != "" {
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
	e.focused()
}

// moneyEntry validates amounts as the user types them. (Forms of this package use
// amountEntry, which also selects and writes the amount; the interview still uses this.)
func newMoneyEntry() *widget.Entry {
	e := widget.NewEntry()
	e.Validator = func(s string) error { _, err := data.ParseMoney(s); return err }
	e.AlwaysShowValidationError = true
	e.PlaceHolder = currentFormats().amount(0)
	return e
}

// validatedEntry is an entry whose validator is a plain check from data/. Its mark
// follows the text as it is typed: a ✓ only for a value that passed.
func validatedEntry(check func(string) error, placeholder string) *widget.Entry {
	e := widget.NewEntry()
	setCheck(e, check, placeholder)
	return e
}

// setCheck gives e its check (nil for none) and placeholder. The mark then follows the
// text as it is typed, a ✓ only for a value that passed: Fyne keeps the last verdict
// while a field has the focus, and showed a ✓ for "Tue" in a date. A field that may stay
// empty shows its mark at once; one that must be filled in (a name) waits until it has
// been left, so a new form does not start with errors.
func setCheck(e *widget.Entry, check func(string) error, placeholder string) {
	if check != nil {
		e.Validator = check
		e.AlwaysShowValidationError = check("") == nil
	}
	e.PlaceHolder = placeholder
}

// multiLineEntry is a field of several lines that Tab leaves, like every other field:
// Fyne's multi-line entry takes Tab as a character, and a postcode, city and country
// typed after Tab all went into the address. Enter starts a new line, as the field's
// hint says.
type multiLineEntry struct {
	widget.Entry
	focusHook
}

func newMultiLineEntry() *multiLineEntry {
	e := &multiLineEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false: Tab moves the focus on.
func (e *multiLineEntry) AcceptsTab() bool { return false }

func (e *multiLineEntry) FocusGained() {
	e.Entry.FocusGained()
	e.focused()
}

// reveal scrolls s so that o, a part of its content, is in view.
func reveal(s *container.Scroll, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s).Y + s.Offset.Y
	bottom := top + o.Size().Height
	pad := theme.Padding() * 2
	off := s.Offset
	switch {
	case top-pad < off.Y:
		off.Y = fyne.Max(0, top-pad)
	case bottom+pad > off.Y+s.Size().Height:
		off.Y = bottom + pad - s.Size().Height
	default:
		return
	}
	s.ScrollToOffset(off)
}

// wrapped makes a label break its words onto more lines rather than widen what holds it.
func wrapped(l *widget.Label) *widget.Label {
	l.Wrapping = fyne.TextWrapWord
	return l
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
