package app

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// Channels offered for follow-ups and feedback; any text is allowed.
var followUpChannels = []string{"call", "email", "meeting", "in person", "letter", "video call"}

// doneDialog asks for the note and the hours when a follow-up is marked done.
type doneDialog struct {
	note  *widget.Entry
	hours *widget.Entry
	ok    *widget.Button
	d     *dialog.CustomDialog
}

// askDone shows the "mark done" dialog for f and calls done with what was entered.
func (d deps) askDone(f data.FollowUp, done func(note string, hours float64)) *doneDialog {
	dd := &doneDialog{note: widget.NewMultiLineEntry(), hours: widget.NewEntry()}
	dd.note.PlaceHolder = "What happened? This goes to the client's timeline."
	dd.note.Wrapping = fyne.TextWrapWord
	dd.note.SetMinRowsVisible(4)
	dd.hours.PlaceHolder = "e.g. 0.5"
	dd.hours.Validator = func(s string) error { _, err := parseHours(s); return err }
	form := widget.NewForm(widget.NewFormItem("Note", dd.note),
		&widget.FormItem{Text: "Hours spent", Widget: dd.hours, HintText: "Counts as recovery cost in Keep or cut"})
	heading := widget.NewLabel(f.ClientName + ": " + f.What)
	heading.Wrapping = fyne.TextWrapWord
	dd.d = dialog.NewCustomWithoutButtons("Mark follow-up done", container.NewBorder(heading, nil, nil, nil, form), d.win)
	cancel := widget.NewButton("Cancel", func() { dd.d.Hide() })
	dd.ok = widget.NewButtonWithIcon("Mark done", theme.ConfirmIcon(), func() {
		h, err := parseHours(dd.hours.Text)
		if err != nil {
			dd.hours.SetValidationError(err)
			return
		}
		dd.d.Hide()
		done(strings.TrimSpace(dd.note.Text), h)
	})
	dd.ok.Importance = widget.HighImportance
	dd.hours.OnChanged = func(s string) {
		if _, err := parseHours(s); err != nil {
			dd.ok.Disable()
		} else {
			dd.ok.Enable()
		}
	}
	dd.d.SetButtons([]fyne.CanvasObject{cancel, dd.ok})
	dd.d.Resize(dialogSize(d.win, fyne.NewSize(520, 320)))
	dd.d.Show()
	d.win.Canvas().Focus(dd.note)
	return dd
}

// snoozeChoice is one entry of the snooze menu.
type snoozeChoice struct {
	label string
	until func(now time.Time) time.Time
}

// snoozeChoices are the snooze times offered, relative to now (local time).
var snoozeChoices = []snoozeChoice{
	{"1 hour", func(now time.Time) time.Time { return now.Add(time.Hour).Truncate(time.Minute) }},
	{"Tomorrow 9:00", func(now time.Time) time.Time { return at9(now.AddDate(0, 0, 1)) }},
	{"In 3 days", func(now time.Time) time.Time { return at9(now.AddDate(0, 0, 3)) }},
	{"Next week", func(now time.Time) time.Time { return at9(now.AddDate(0, 0, 7)) }},
}

func at9(t time.Time) time.Time {
	t = t.Local()
	return time.Date(t.Year(), t.Month(), t.Day(), 9, 0, 0, 0, time.Local)
}

// showSnoozeMenu pops up the snooze choices under anchor; pick gets the chosen time.
func (d deps) showSnoozeMenu(anchor fyne.CanvasObject, f data.FollowUp, pick func(time.Time)) *widget.PopUpMenu {
	var items []*fyne.MenuItem
	for _, c := range snoozeChoices {
		c := c
		items = append(items, fyne.NewMenuItem(c.label, func() { pick(c.until(d.store.Now())) }))
	}
	items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Pick a day…", func() { d.askSnoozeDay(f, pick) }))
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(anchor).Add(fyne.NewPos(0, anchor.Size().Height))
	m := widget.NewPopUpMenu(fyne.NewMenu("", items...), d.win.Canvas())
	m.ShowAtPosition(pos)
	return m
}

// askSnoozeDay asks for a day and time to move the follow-up to.
func (d deps) askSnoozeDay(f data.FollowUp, pick func(time.Time)) {
	day := newDateEntry()
	day.set(data.DateOf(f.Due.Local().AddDate(0, 0, 1)))
	clock := timeEntry(f.Due.Local().Format("15:04"))
	items := []*widget.FormItem{widget.NewFormItem("Day", day), widget.NewFormItem("Time", clock)}
	dlg := dialog.NewForm("Snooze until", "Snooze", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		t, err := localTime(day.value(), clock.Text)
		if err != nil {
			d.showError("Snoozing", err)
			return
		}
		pick(t)
	}, d.win)
	dlg.Resize(dialogSize(d.win, fyne.NewSize(420, 220)))
	dlg.Show()
}

func timeEntry(text string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	e.PlaceHolder = "14:30"
	e.Validator = func(v string) error {
		if _, err := time.Parse("15:04", strings.TrimSpace(v)); err != nil {
			return errors.New("a time like 14:30")
		}
		return nil
	}
	return e
}

// localTime joins a day and a "15:04" time in the local time zone.
func localTime(day data.Date, clock string) (time.Time, error) {
	if day.IsZero() {
		return time.Time{}, &data.FieldError{Field: "day", Msg: "choose a day"}
	}
	c, err := time.Parse("15:04", strings.TrimSpace(clock))
	if err != nil {
		return time.Time{}, &data.FieldError{Field: "time", Msg: "a time like 14:30"}
	}
	return time.Date(day.Year(), day.Month(), day.Day(), c.Hour(), c.Minute(), 0, 0, time.Local), nil
}

// reminderForm holds the fields of "New reminder".
type reminderForm struct {
	what    *widget.Entry
	day     *dateEntry
	clock   *widget.Entry
	channel *widget.SelectEntry
}

func newReminderForm(now time.Time) *reminderForm {
	f := &reminderForm{what: widget.NewEntry(), day: newDateEntry(), clock: timeEntry("09:00"),
		channel: widget.NewSelectEntry(followUpChannels)}
	f.what.PlaceHolder = "e.g. Call to ask how the new schedule works"
	f.what.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("say what is due")
		}
		return nil
	}
	f.day.set(data.DateOf(now.Local().AddDate(0, 0, 1)))
	f.channel.SetText("call")
	return f
}

func (f *reminderForm) items() []*widget.FormItem {
	what := widget.NewFormItem("What", f.what)
	what.Required = true
	return []*widget.FormItem{what, widget.NewFormItem("Day", f.day), widget.NewFormItem("Time", f.clock),
		widget.NewFormItem("How", f.channel)}
}

func (f *reminderForm) followUp(clientID int64) (data.FollowUp, error) {
	due, err := localTime(f.day.value(), f.clock.Text)
	if err != nil {
		return data.FollowUp{}, err
	}
	return data.FollowUp{ClientID: clientID, Source: data.SourceManual, What: strings.TrimSpace(f.what.Text),
		Due: due, Channel: strings.TrimSpace(f.channel.Text)}, nil
}

// askReminder asks for a manual reminder on client c and saves it.
func (d deps) askReminder(c data.Client) {
	f := newReminderForm(d.store.Now())
	dlg := dialog.NewForm("New reminder for "+c.Name, "Add", "Cancel", f.items(), func(ok bool) {
		if !ok {
			return
		}
		fu, err := f.followUp(c.ID)
		if err == nil {
			_, err = d.store.AddFollowUp(d.ctx, fu)
		}
		if err != nil {
			d.showError("Adding the reminder", err)
		}
	}, d.win)
	dlg.Resize(dialogSize(d.win, fyne.NewSize(520, 300)))
	dlg.Show()
	d.win.Canvas().Focus(f.what)
}

// pickClient asks the user to find a client by name and calls chosen with it.
func (d deps) pickClient(title string, chosen func(data.Client)) {
	var results []data.Client
	var picked data.Client
	search := widget.NewEntry()
	search.PlaceHolder = "Type a name, company or email"
	list := widget.NewList(func() int { return len(results) },
		func() fyne.CanvasObject { return widget.NewLabel("Client name · Company") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := results[i]
			t := c.Name
			if c.Company != "" {
				t += " · " + c.Company
			}
			o.(*widget.Label).SetText(t)
		})
	var dlg *dialog.CustomDialog
	next := widget.NewButton("Next", func() { dlg.Hide(); chosen(picked) })
	next.Importance = widget.HighImportance
	next.Disable()
	list.OnSelected = func(i widget.ListItemID) { picked = results[i]; next.Enable() }
	load := func(q string) {
		var err error
		results, err = d.store.SearchClients(d.ctx, q, data.ClientFilter{}, 50)
		if err != nil {
			d.showError("Searching your clients", err)
		}
		list.UnselectAll()
		next.Disable()
		list.Refresh()
	}
	search.OnChanged = load
	load("")
	dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(search, nil, nil, nil, list), d.win)
	dlg.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", func() { dlg.Hide() }), next})
	dlg.Resize(dialogSize(d.win, fyne.NewSize(480, 420)))
	dlg.Show()
	d.win.Canvas().Focus(search)
}

// dueText shows a due time for a list: "Tue 24 Nov 14:00".
func dueText(t time.Time) string {
	return currentFormats().weekdayDateTime(t)
}

func plainCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
