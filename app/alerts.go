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
	show    *widget.RadioGroup
	count   *widget.Label
	list    *widget.List
	alerts  []data.Alert
	clocks  map[int64]data.SpeedClock // each alert's speed clock, by alert ID
	targets data.Targets
	view    fyne.CanvasObject
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
	var clocks map[int64]data.SpeedClock
	var targets data.Targets
	var err error
	return s.run.run(func() {
		if resolved {
			alerts, err = s.store.RecentlyResolvedAlerts(s.ctx, alertListLimit)
		} else {
			alerts, err = s.store.OpenAlerts(s.ctx, alertListLimit)
		}
		if err == nil {
			ids := make([]int64, len(alerts))
			for i, a := range alerts {
				ids[i] = a.ID
			}
			if targets, err = s.store.Targets(s.ctx); err == nil {
				clocks, err = s.store.SpeedClocks(s.ctx, ids)
			}
		}
	}, func() {
		if resolved != (s.show.Selected == alertsResolved) {
			return // the other list was asked for meanwhile
		}
		if err != nil {
			s.showError("Loading the red alerts", err)
		}
		s.alerts, s.clocks, s.targets = alerts, clocks, targets
		if resolved {
			s.count.SetText(plural(len(s.alerts), "resolved alert", "resolved alerts"))
		} else {
			s.count.SetText(plural(len(s.alerts), "open alert", "open alerts"))
		}
		s.list.Refresh()
	})
}

// changed asks again when an alert was logged or resolved, a client renamed, or a stage
// of a clock reached (a call back done, an interview begun, a letter, a target changed).
func (s *alertsScreen) changed(n data.Notice) {
	if n.Has(data.ChangedAlerts) || n.Has(data.ChangedClient) || n.Has(data.ChangedFollowUps) ||
		n.Has(data.ChangedComplaint) || n.Has(data.ChangedLetters) || n.Has(data.ChangedTimeline) || targetChanged(n) {
		s.reload()
	}
}

func targetChanged(n data.Notice) bool {
	for _, st := range data.Stages() {
		if n.Setting(data.TargetSetting(st)) {
			return true
		}
	}
	return false
}

func (s *alertsScreen) createRow() fyne.CanvasObject {
	sev := widget.NewLabelWithStyle("Critical", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	age := widget.NewLabel("open 12 days")
	title := newCutLabelWithStyle("Client name · Kind", fyne.TextStyle{Bold: true})
	detail := newCutLabel("note")
	clock := newCutLabel("first contact due in 3 hours")
	interview := widget.NewButtonWithIcon("Start interview", theme.DocumentCreateIcon(), nil)
	resolve := widget.NewButtonWithIcon("Resolve…", theme.ConfirmIcon(), nil)
	file := widget.NewButtonWithIcon("Client file", theme.AccountIcon(), nil)
	left := container.NewVBox(sev, age)
	// The actions one under the other, beside the row's three lines: side by side they
	// took the width the note and the clock need, and the last went under the scroll bar
	// of a 1024-pixel window.
	return container.NewBorder(nil, nil, left, container.NewVBox(interview, resolve, file),
		container.NewVBox(title, detail, clock))
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
	setLabel(sev, a.Severity.Label(), severityImportance(a.Severity))
	now := s.store.Now()
	if a.Open() {
		age.SetText("open " + ageText(now.Sub(a.Received)))
	} else {
		age.SetText("took " + ageText(a.TimeToResolution()))
	}
	title, detail := mid.Objects[0].(*cutLabel), mid.Objects[1].(*cutLabel)
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
	clock, imp := "", widget.MediumImportance
	if c, ok := s.clocks[a.ID]; ok {
		clock, imp = clockText(c, s.targets, now)
	}
	setCutLabel(mid.Objects[2].(*cutLabel), clock, imp)
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

// clockText is the speed clock of an alert against the targets: the next stage first,
// with the time left or how far it is overdue (what to act on, still in view where a
// narrow row cuts the line), then the stages reached with how long they took.
func clockText(c data.SpeedClock, t data.Targets, now time.Time) (string, widget.Importance) {
	var parts []string
	var next string
	imp := widget.SuccessImportance
	for _, st := range data.Stages() {
		if c.At[st].IsZero() {
			continue
		}
		p := fmt.Sprintf("%s after %s", st.Label(), ageText(c.Took(st)))
		if c.State(st, t, now) == data.ClockLate {
			p += fmt.Sprintf(" (late: target %s)", workingDays(t[st]))
			imp = widget.WarningImportance
		}
		parts = append(parts, p)
	}
	if st, ok := c.Next(); ok && c.At[data.StageResolution].IsZero() {
		due := c.Due(st, t)
		if now.After(due) {
			next = fmt.Sprintf("%s overdue by %s (target %s)", st.Label(), ageText(now.Sub(due)), workingDays(t[st]))
			imp = widget.DangerImportance
		} else {
			next = fmt.Sprintf("%s due in %s (by %s)", st.Label(), ageText(due.Sub(now)), currentFormats().weekdayDateTime(due))
			if imp == widget.SuccessImportance {
				imp = widget.MediumImportance
			}
		}
		parts = append([]string{next}, parts...)
	}
	if len(parts) == 0 {
		return "", widget.MediumImportance
	}
	return "⏱ " + strings.Join(parts, " · "), imp
}

func workingDays(n int) string { return plural(n, "working day", "working days") }

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
	callBack *widget.Check // a quick "I will call you back by …" promise
	cbDay    *dateEntry
	cbTime   *widget.Entry
	content  fyne.CanvasObject
}

func newAlertForm(d deps, clientID int64) *alertForm {
	f := &alertForm{deps: d}
	f.picked = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.search = widget.NewEntry()
	f.search.PlaceHolder = "Type a name, company or email"
	f.results = widget.NewList(func() int { return len(f.matches) },
		func() fyne.CanvasObject {
			return newCutLabel("name")
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(f.matches) {
				c := f.matches[i]
				t := c.Name
				if c.Company != "" {
					t += " · " + c.Company
				}
				o.(*cutLabel).SetText(t + " (" + c.Status.Label() + ")")
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
	f.cbDay, f.cbTime = newDateEntry(), widget.NewEntry()
	f.cbTime.Validator = func(v string) error { _, err := parseClock(v); return err }
	by := callBackBy(d.store.Now())
	f.cbDay.set(data.DateOf(by))
	f.cbTime.SetText(by.Format("15:04"))
	f.callBack = widget.NewCheck("I promised to call back by", func(on bool) {
		if on {
			f.cbDay.Enable()
			f.cbTime.Enable()
		} else {
			f.cbDay.Disable()
			f.cbTime.Disable()
		}
	})
	// Offered, not assumed: a promise the client never heard is not one.
	f.callBack.SetChecked(false)
	f.callBack.OnChanged(false)
	cbTime := container.NewGridWrap(fyne.NewSize(90, f.cbTime.MinSize().Height), f.cbTime)

	resultsBox := container.NewGridWrap(fyne.NewSize(440, 130), f.results)
	form := widget.NewForm(
		widget.NewFormItem("Client", container.NewVBox(f.picked, f.search, resultsBox)),
		widget.NewFormItem("Kind", f.kind),
		widget.NewFormItem("Received", f.received),
		widget.NewFormItem("How", f.channel),
		widget.NewFormItem("Severity", f.severity),
		widget.NewFormItem("Note", f.note),
		widget.NewFormItem("", f.atRisk),
		&widget.FormItem{Text: "Call back", Widget: container.NewBorder(nil, nil, f.callBack, cbTime, f.cbDay),
			HintText: "A promise made now: it becomes a follow-up, and keeping it starts the speed clock's first contact"},
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
	o := data.AlertOptions{MarkAtRisk: f.atRisk.Checked}
	if f.callBack.Checked {
		at, err := dayAndClock(f.cbDay, f.cbTime)
		if err != nil {
			return a, err
		}
		o.CallBackBy = at
	}
	return f.store.LogAlert(f.ctx, a, o)
}

// callBackBy is the call back to offer when an alert comes in at now: two hours on, in
// working hours (09:00 to 17:00, Monday to Friday), else 10:00 on the next working day.
func callBackBy(now time.Time) time.Time {
	l := now.Local().Add(2 * time.Hour).Truncate(time.Hour).Add(time.Hour)
	if wd := l.Weekday(); wd != time.Saturday && wd != time.Sunday && l.Hour() >= 9 && l.Hour() <= 17 && l.Day() == now.Local().Day() {
		return l
	}
	next := now.Local()
	if next.Hour() >= 9 || next.Weekday() == time.Saturday || next.Weekday() == time.Sunday {
		next = next.AddDate(0, 0, 1)
	}
	return data.NextWorkingDay(time.Date(next.Year(), next.Month(), next.Day(), 10, 0, 0, 0, time.Local))
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
	dlg.Resize(dialogSize(d.win, fyne.NewSize(640, 660)))
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
