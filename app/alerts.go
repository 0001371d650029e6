package app

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

const (
	alertsOpen     = "Open"
	alertsResolved = "Recently resolved"
	alertListLimit = 1000
	sectionAlerts  = "Red alerts"
)

// alertsScreen lists red alerts: open ones by severity and age, or the recently resolved.
type alertsScreen struct {
	deps
	show   *widget.RadioGroup
	count  *widget.Label
	list   *widget.List
	alerts []data.Alert
	view   fyne.CanvasObject
}

// alertsView builds the Red alerts screen when it is first shown.
func (u *UI) alertsView() fyne.CanvasObject {
	if u.alerts == nil {
		u.alerts = newAlertsScreen(u.deps)
	}
	return u.alerts.view
}

func newAlertsScreen(d deps) *alertsScreen {
	s := &alertsScreen{deps: d}
	s.count = widget.NewLabel("")
	s.show = widget.NewRadioGroup([]string{alertsOpen, alertsResolved}, func(string) { s.reload() })
	s.show.Horizontal = true
	s.list = widget.NewList(func() int { return len(s.alerts) }, s.createRow, s.updateRow)
	s.list.OnSelected = func(i widget.ListItemID) { s.list.Unselect(i) }
	logBtn := widget.NewButtonWithIcon("Log red alert", theme.WarningIcon(), func() { s.onLogAlert(0) })
	logBtn.Importance = widget.DangerImportance
	top := container.NewBorder(nil, nil, s.show, container.NewHBox(s.count, logBtn))
	s.view = container.NewBorder(top, nil, nil, nil, s.list)
	s.show.SetSelected(alertsOpen)
	return s
}

// reload asks the store for the alerts shown, off the UI thread; the channel closes
// when they are shown.
func (s *alertsScreen) reload() <-chan struct{} {
	resolved := s.show.Selected == alertsResolved
	var alerts []data.Alert
	var err error
	return s.run.run(func() {
		if resolved {
			alerts, err = s.store.RecentlyResolvedAlerts(s.ctx, alertListLimit)
		} else {
			alerts, err = s.store.OpenAlerts(s.ctx, alertListLimit)
		}
	}, func() {
		if resolved != (s.show.Selected == alertsResolved) {
			return // the other list was asked for meanwhile
		}
		if err != nil {
			s.showError("Loading the red alerts", err)
		}
		s.alerts = alerts
		if resolved {
			s.count.SetText(plural(len(s.alerts), "resolved alert", "resolved alerts"))
		} else {
			s.count.SetText(plural(len(s.alerts), "open alert", "open alerts"))
		}
		s.list.Refresh()
	})
}

// changed asks again when an alert was logged or resolved, or a client renamed.
func (s *alertsScreen) changed(n data.Notice) {
	if n.Has(data.ChangedAlerts) || n.Has(data.ChangedClient) {
		s.reload()
	}
}

func (s *alertsScreen) createRow() fyne.CanvasObject {
	sev := widget.NewLabelWithStyle("Critical", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	age := widget.NewLabel("open 12 days")
	title := widget.NewLabelWithStyle("Client name · Kind", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("note")
	detail.Truncation = fyne.TextTruncateEllipsis
	interview := widget.NewButtonWithIcon("Start interview", theme.DocumentCreateIcon(), nil)
	resolve := widget.NewButtonWithIcon("Resolve…", theme.ConfirmIcon(), nil)
	file := widget.NewButtonWithIcon("", theme.AccountIcon(), nil)
	left := container.NewVBox(sev, age)
	return container.NewBorder(nil, nil, left, container.NewHBox(interview, resolve, file),
		container.NewVBox(title, detail))
}

func (s *alertsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.alerts) {
		return
	}
	a := s.alerts[i]
	row := o.(*fyne.Container)
	mid := row.Objects[0].(*fyne.Container)
	left := row.Objects[1].(*fyne.Container)
	right := row.Objects[2].(*fyne.Container)
	sev, age := left.Objects[0].(*widget.Label), left.Objects[1].(*widget.Label)
	sev.SetText(a.Severity.Label())
	sev.Importance = severityImportance(a.Severity)
	sev.Refresh()
	now := s.store.Now()
	if a.Open() {
		age.SetText("open " + ageText(now.Sub(a.Received)))
	} else {
		age.SetText("took " + ageText(a.TimeToResolution()))
	}
	title, detail := mid.Objects[0].(*widget.Label), mid.Objects[1].(*widget.Label)
	title.SetText(a.ClientName + " · " + a.Kind.Label())
	var parts []string
	parts = append(parts, "received "+currentFormats().dateTime(a.Received))
	if a.Channel != "" {
		parts = append(parts, data.ChannelPhrase(a.Channel))
	}
	if a.Open() {
		if a.Note != "" {
			parts = append(parts, strings.ReplaceAll(a.Note, "\n", " "))
		}
	} else {
		parts = append(parts, "resolved "+currentFormats().day(a.ResolvedAt)+": "+a.Resolution)
	}
	detail.SetText(strings.Join(parts, " · "))
	interview, resolve, file := right.Objects[0].(*widget.Button), right.Objects[1].(*widget.Button), right.Objects[2].(*widget.Button)
	interview.OnTapped = func() { s.onInterviewForAlert(a) }
	if a.ComplaintID != 0 {
		interview.SetText("Open interview")
	} else {
		interview.SetText("Start interview")
	}
	resolve.OnTapped = func() { s.onResolveAlert(a) }
	file.OnTapped = func() { s.showClient(a.ClientID) }
	if a.Open() {
		resolve.Show()
	} else {
		resolve.Hide()
	}
}

func severityImportance(s data.Severity) widget.Importance {
	switch s {
	case data.SeverityCritical:
		return widget.DangerImportance
	case data.SeveritySerious:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// ageText says how long something took or has lasted, in the largest sensible unit.
func ageText(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute", "minutes")
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour", "hours")
	}
	return plural(int(d/(24*time.Hour)), "day", "days")
}

// --- logging an alert ---

// alertForm is the quick "Log red alert" form: a client picked by search, kind, date, channel,
// severity and a note.
type alertForm struct {
	deps
	client   data.Client
	search   *widget.Entry
	matches  []data.Client
	results  *widget.List
	picked   *widget.Label
	kind     *widget.Select
	received *dateEntry
	channel  *widget.SelectEntry
	severity *widget.RadioGroup
	note     *widget.Entry
	atRisk   *widget.Check
	content  fyne.CanvasObject
}

func newAlertForm(d deps, clientID int64) *alertForm {
	f := &alertForm{deps: d}
	f.picked = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.search = widget.NewEntry()
	f.search.PlaceHolder = "Type a name, company or email"
	f.results = widget.NewList(func() int { return len(f.matches) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("name")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(f.matches) {
				c := f.matches[i]
				t := c.Name
				if c.Company != "" {
					t += " · " + c.Company
				}
				o.(*widget.Label).SetText(t + " (" + c.Status.Label() + ")")
			}
		})
	f.results.OnSelected = func(i widget.ListItemID) {
		if i < len(f.matches) {
			f.pick(f.matches[i])
		}
	}
	f.search.OnChanged = func(q string) { f.onSearch(q) }
	f.search.OnSubmitted = func(string) {
		if len(f.matches) > 0 {
			f.pick(f.matches[0])
		}
	}
	var kinds []string
	for _, k := range data.AlertKinds() {
		kinds = append(kinds, k.Label())
	}
	f.kind = widget.NewSelect(kinds, nil)
	f.kind.SetSelected(data.AlertComplaint.Label())
	f.received = newDateEntry()
	f.received.set(data.DateOf(d.store.Now().Local()))
	f.channel = widget.NewSelectEntry(data.AlertChannels())
	f.channel.PlaceHolder = "How it reached you"
	var sevs []string
	for _, s := range data.Severities() {
		sevs = append(sevs, s.Label())
	}
	f.severity = widget.NewRadioGroup(sevs, nil)
	f.severity.Horizontal = true
	f.severity.Required = true
	f.severity.SetSelected(data.SeveritySerious.Label())
	f.note = widget.NewMultiLineEntry()
	f.note.Wrapping = fyne.TextWrapWord
	f.note.SetMinRowsVisible(3)
	f.note.PlaceHolder = "What happened, in a sentence or two"
	f.atRisk = widget.NewCheck("Mark the client at risk", nil)
	f.atRisk.SetChecked(true)

	resultsBox := container.NewGridWrap(fyne.NewSize(440, 130), f.results)
	form := widget.NewForm(
		widget.NewFormItem("Client", container.NewVBox(f.picked, f.search, resultsBox)),
		widget.NewFormItem("Kind", f.kind),
		widget.NewFormItem("Received", f.received),
		widget.NewFormItem("How", f.channel),
		widget.NewFormItem("Severity", f.severity),
		widget.NewFormItem("Note", f.note),
		widget.NewFormItem("", f.atRisk),
	)
	f.content = form
	if clientID != 0 {
		c, err := d.store.Client(d.ctx, clientID)
		if err != nil {
			d.showError("Reading the client", err)
		} else {
			f.pick(c)
		}
	}
	if f.client.ID == 0 {
		f.picked.SetText("No client chosen yet")
		f.onSearch("")
	}
	return f
}

func (f *alertForm) onSearch(q string) {
	var err error
	f.matches, err = f.store.SearchClients(f.ctx, q, data.ClientFilter{}, 20)
	if err != nil {
		f.matches = nil
		f.showError("Searching your clients", err)
	}
	f.results.UnselectAll()
	f.results.Refresh()
}

func (f *alertForm) pick(c data.Client) {
	f.client = c
	t := c.Name
	if c.Company != "" {
		t += " · " + c.Company
	}
	f.picked.SetText(t)
}

// alert reads the form, or names the field that is wrong.
func (f *alertForm) alert() (data.Alert, error) {
	a := data.Alert{ClientID: f.client.ID, Channel: f.channel.Text, Note: f.note.Text}
	if a.ClientID == 0 {
		return a, &data.FieldError{Field: "client", Msg: "search for the client and pick them from the list"}
	}
	a.Kind, _ = data.AlertKindFromLabel(f.kind.Selected)
	a.Severity, _ = data.SeverityFromLabel(f.severity.Selected)
	if err := f.received.Validate(); err != nil {
		return a, &data.FieldError{Field: "received", Msg: err.Error()}
	}
	day := f.received.value()
	if day.IsZero() {
		return a, &data.FieldError{Field: "received", Msg: "enter the day it reached you"}
	}
	now := f.store.Now().Local()
	if day == data.DateOf(now) {
		a.Received = now
	} else {
		// A past day without a time: count its age from the middle of that day.
		a.Received = time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, time.Local)
	}
	return a, nil
}

// submit logs the alert in the form.
func (f *alertForm) submit() (data.Alert, error) {
	a, err := f.alert()
	if err != nil {
		return a, err
	}
	return f.store.LogAlert(f.ctx, a, data.AlertOptions{MarkAtRisk: f.atRisk.Checked})
}

// onLogAlert opens the quick "Log red alert" form, for clientID if given (0: pick one).
func (d deps) onLogAlert(clientID int64) {
	f := newAlertForm(d, clientID)
	var dlg *dialog.CustomDialog
	done := func(start bool) {
		a, err := f.submit()
		if err != nil {
			d.showError("Logging the red alert", err)
			return
		}
		dlg.Hide()
		if start {
			d.onInterviewForAlert(a)
		}
	}
	cancel := widget.NewButton("Cancel", func() { dlg.Hide() })
	logBtn := widget.NewButtonWithIcon("Log alert", theme.ConfirmIcon(), func() { done(false) })
	logBtn.Importance = widget.HighImportance
	startBtn := widget.NewButtonWithIcon("Log and start interview", theme.DocumentCreateIcon(), func() { done(true) })
	dlg = dialog.NewCustomWithoutButtons("Log red alert", f.content, d.win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, startBtn, logBtn})
	dlg.Resize(dialogSize(d.win, fyne.NewSize(640, 620)))
	dlg.Show()
	if f.client.ID == 0 {
		d.win.Canvas().Focus(f.search)
	} else {
		d.win.Canvas().Focus(f.note)
	}
}

// onResolveAlert asks how and when an alert was resolved and records it.
func (d deps) onResolveAlert(a data.Alert) {
	how := widget.NewMultiLineEntry()
	how.Wrapping = fyne.TextWrapWord
	how.SetMinRowsVisible(3)
	how.PlaceHolder = "e.g. Called back, they were happy with the corrected invoice"
	how.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("say how it was resolved")
		}
		return nil
	}
	when := newDateEntry()
	when.set(data.DateOf(d.store.Now().Local()))
	items := []*widget.FormItem{widget.NewFormItem("How", how), widget.NewFormItem("When", when)}
	dlg := dialog.NewForm(fmt.Sprintf("Resolve: %s · %s", a.ClientName, a.Kind.Label()), "Resolve", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		at, err := resolvedAt(when, a, d.store.Now())
		if err == nil {
			err = d.store.ResolveAlert(d.ctx, a.ID, at, how.Text)
		}
		if err != nil {
			d.showError("Resolving the alert", err)
		}
	}, d.win)
	dlg.Resize(dialogSize(d.win, fyne.NewSize(560, 320)))
	dlg.Show()
}

// resolvedAt is now for today, else the end of the chosen working day (never before received).
func resolvedAt(when *dateEntry, a data.Alert, now time.Time) (time.Time, error) {
	if err := when.Validate(); err != nil {
		return time.Time{}, &data.FieldError{Field: "when", Msg: err.Error()}
	}
	day := when.value()
	if day.IsZero() || day == data.DateOf(now.Local()) {
		return now, nil
	}
	at := time.Date(day.Year(), day.Month(), day.Day(), 17, 0, 0, 0, time.Local)
	if at.Before(a.Received) && data.DateOf(a.Received.Local()) == day {
		at = a.Received
	}
	return at, nil
}

// onInterviewForAlert opens the interview taken up from an alert, starting it if there is none.
func (d deps) onInterviewForAlert(a data.Alert) {
	k, ok, err := d.store.ComplaintForAlert(d.ctx, a.ID)
	if err == nil && !ok {
		k, err = d.store.StartComplaint(d.ctx, a.ClientID, a.ID)
	}
	if err != nil {
		d.showError("Starting the interview", err)
		return
	}
	d.showInterview(k.ID)
}

// logAlertMenuItem is File ▸ Log red alert (Ctrl+Shift+A): in the menu, so the key works
// while a text field has focus.
func (u *UI) logAlertMenuItem() *fyne.MenuItem {
	it := fyne.NewMenuItem("Log red alert…", func() { u.onLogAlert(u.openClientID()) })
	it.Icon = theme.WarningIcon()
	it.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyA, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	return it
}

// openClientID is the client whose file is open, or 0.
func (u *UI) openClientID() int64 {
	if u.client.visible() && u.current == u.sectionIndex("Clients") {
		return u.client.current.ID
	}
	return 0
}

// alertNavButton is the "Log red alert" button above the navigation.
func (u *UI) alertNavButton() fyne.CanvasObject {
	b := widget.NewButtonWithIcon("Log red alert", theme.WarningIcon(), func() { u.onLogAlert(u.openClientID()) })
	b.Importance = widget.DangerImportance
	return container.NewPadded(b)
}

// openAlertCount is the badge of the Red alerts section.
func (u *UI) openAlertCount() (int, error) {
	n, err := u.store.CountOpenAlerts(u.ctx)
	if err != nil {
		return 0, fmt.Errorf("count the open red alerts: %w", err)
	}
	return n, nil
}
