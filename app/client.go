package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// clientScreen is one client file: the editable details and the timeline.
type clientScreen struct {
	u       *UI
	current data.Client // as last loaded or saved; ID 0 for a new client
	saved   []string    // field texts at load, to tell unsaved changes

	heading   *widget.Label
	statusTag *widget.Label
	name      *widget.Entry
	company   *widget.Entry
	email     *widget.Entry
	phone     *widget.Entry
	address   *widget.Entry
	postcode  *widget.Entry
	city      *widget.Entry
	country   *widget.Entry
	salut     *widget.Entry
	since     *dateEntry
	income    *widget.Entry
	referrals *widget.Entry
	refIncome *widget.Entry
	status    *widget.Select
	notes     *widget.Entry
	form      *widget.Form
	save      *widget.Button
	cancel    *widget.Button
	archive   *widget.Button

	timeline *widget.List
	entries  []data.Entry
	addEntry *widget.Button

	tabs     *container.AppTabs
	parts    []clientPart
	partTabs []*container.TabItem // the parts' tabs, kept until build makes the tabs
	empty    fyne.CanvasObject
	body     fyne.CanvasObject
	view     *fyne.Container
}

// newClientScreen shows the hint for an empty file; the form itself is built when the
// first client is opened (build), which keeps it out of the way of the first frame.
func newClientScreen(u *UI) *clientScreen {
	s := &clientScreen{u: u}
	s.empty = container.NewCenter(widget.NewLabel("Select a client on the left, or press Ctrl+N for a new client."))
	s.view = container.NewStack(s.empty)
	return s
}

// build makes the form, the timeline and the tabs the features added.
func (s *clientScreen) build() {
	s.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.heading.SizeName = theme.SizeNameSubHeadingText
	s.heading.Truncation = fyne.TextTruncateEllipsis
	s.statusTag = widget.NewLabel("")
	s.name = validatedEntry(func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("a client needs a name")
		}
		return nil
	}, "Full name as it goes on letters")
	s.company = widget.NewEntry()
	s.email = validatedEntry(data.ValidateEmail, "name@example.com")
	s.phone = validatedEntry(data.ValidatePhone, "+44 20 7946 0000")
	s.address = widget.NewMultiLineEntry()
	s.address.SetMinRowsVisible(2)
	s.address.PlaceHolder = "Street and number\n(one line each)"
	s.postcode = widget.NewEntry()
	s.city = widget.NewEntry()
	s.country = widget.NewEntry()
	s.salut = widget.NewEntry()
	s.salut.PlaceHolder = "e.g. Dear Dr Papadopoulos"
	s.since = newDateEntry()
	s.income = newMoneyEntry()
	s.referrals = validatedEntry(func(v string) error {
		if strings.TrimSpace(v) == "" {
			return nil
		}
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err != nil || n < 0 {
			return errors.New("enter how many clients they referred, e.g. 2")
		}
		return nil
	}, "0")
	s.refIncome = newMoneyEntry()
	var labels []string
	for _, st := range data.Statuses() {
		labels = append(labels, st.Label())
	}
	s.status = widget.NewSelect(labels, nil)
	s.notes = widget.NewMultiLineEntry()
	s.notes.SetMinRowsVisible(3)
	s.notes.Wrapping = fyne.TextWrapWord

	nameItem := widget.NewFormItem("Name", s.name)
	nameItem.Required = true
	s.form = widget.NewForm(
		nameItem,
		widget.NewFormItem("Company", s.company),
		&widget.FormItem{Text: "Email", Widget: s.email},
		&widget.FormItem{Text: "Phone", Widget: s.phone},
		&widget.FormItem{Text: "Address", Widget: s.address, HintText: "Printed in the window of your letters"},
		widget.NewFormItem("Postcode", s.postcode),
		widget.NewFormItem("City", s.city),
		widget.NewFormItem("Country", s.country),
		&widget.FormItem{Text: "Salutation", Widget: s.salut, HintText: "How they like to be addressed in letters"},
		widget.NewFormItem("Client since", s.since),
		&widget.FormItem{Text: "Yearly income", Widget: s.income},
		widget.NewFormItem("Referrals", s.referrals),
		&widget.FormItem{Text: "Referral income", Widget: s.refIncome},
		widget.NewFormItem("Status", s.status),
		widget.NewFormItem("Notes", s.notes),
	)
	s.refreshCurrency()
	s.form.SetOnValidationChanged(func(err error) { s.updateSave() })

	s.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { s.onSave() })
	s.save.Importance = widget.HighImportance
	s.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), s.discard)
	s.archive = widget.NewButtonWithIcon("Archive", theme.FolderIcon(), s.onArchive)

	s.timeline = widget.NewList(func() int { return len(s.entries) }, s.createEntryRow, s.updateEntryRow)
	s.addEntry = widget.NewButtonWithIcon("Add entry", theme.ContentAddIcon(), s.onAddEntry)

	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Details", theme.DocumentIcon(), container.NewVScroll(s.form)),
		container.NewTabItemWithIcon("Timeline", theme.HistoryIcon(),
			container.NewBorder(container.NewHBox(s.addEntry), nil, nil, nil, s.timeline)),
	)
	s.tabs.Items = append(s.tabs.Items, s.partTabs...)
	header := container.NewBorder(nil, nil, nil, container.NewHBox(s.statusTag, s.archive, s.cancel, s.save), s.heading)
	s.body = container.NewBorder(header, nil, nil, nil, s.tabs)
	for _, e := range []*widget.Entry{s.name, s.company, s.email, s.phone, s.address, s.postcode, s.city,
		s.country, s.salut, s.income, s.referrals, s.refIncome, s.notes} {
		e.OnChanged = func(string) { s.updateSave() }
	}
	s.since.OnChanged = func(*time.Time) { s.updateSave() }
	s.status.OnChanged = func(string) { s.updateSave() }
}

// refreshCurrency names the currency from the settings next to the money fields.
func (s *clientScreen) refreshCurrency() {
	if s.form == nil {
		return // not built yet: build names it
	}
	cur := s.u.currency()
	s.form.Items[10].HintText = "What they pay you a year, in " + cur
	s.form.Items[12].HintText = "Yearly income from clients they referred, in " + cur
	s.form.Refresh()
}

// clientPart is a tab of the client file that another feature adds (alerts, letters,
// follow-ups, feedback): it is shown the client whenever one is loaded.
type clientPart interface {
	tab() *container.TabItem
	show(c data.Client) // c.ID is 0 for a client not saved yet
}

// addPart appends a feature's tab to the client file. Items are set directly: Append
// rebuilds every tab button each time (half of New's time with six parts); the tabs
// are refreshed once, when load first shows the file.
//
// Each part scrolls sideways when the window is narrower than it needs: AppTabs is as
// wide as its widest tab, and one wide part would push Save off a 1024-pixel screen.
func (s *clientScreen) addPart(p clientPart) {
	s.parts = append(s.parts, p)
	tab := p.tab()
	tab.Content = container.NewHScroll(tab.Content)
	s.partTabs = append(s.partTabs, tab)
	if s.tabs != nil {
		s.tabs.Items = append(s.tabs.Items, tab)
	}
}

// visible reports whether a client file (new or existing) is open.
func (s *clientScreen) visible() bool {
	return len(s.view.Objects) == 1 && s.view.Objects[0] == s.body
}

func (s *clientScreen) displayName() string {
	if n := strings.TrimSpace(s.name.Text); n != "" {
		return n
	}
	return "the new client"
}

// load fills the form with c and shows its timeline.
func (s *clientScreen) load(c data.Client) {
	if s.body == nil {
		s.build()
	}
	s.current = c
	s.name.SetText(c.Name)
	s.company.SetText(c.Company)
	s.email.SetText(c.Email)
	s.phone.SetText(c.Phone)
	s.address.SetText(c.Address.Lines)
	s.postcode.SetText(c.Address.Postcode)
	s.city.SetText(c.Address.City)
	s.country.SetText(c.Address.Country)
	s.salut.SetText(c.Salutation)
	s.since.set(c.Since)
	s.income.SetText(moneyText(c.YearlyIncome))
	s.referrals.SetText(strconv.Itoa(c.Referrals))
	s.refIncome.SetText(moneyText(c.ReferralIncome))
	if c.Status == "" {
		c.Status = data.StatusActive
	}
	s.status.SetSelected(c.Status.Label())
	s.notes.SetText(c.Notes)
	s.saved = s.texts()
	s.loadTimeline()
	for _, p := range s.parts {
		p.show(c)
	}
	s.updateHeader()
	s.updateSave()
	s.view.Objects = []fyne.CanvasObject{s.body}
	s.view.Refresh()
	s.body.Refresh()
	if c.ID == 0 {
		s.tabs.SelectIndex(0)
	}
}

// moneyText shows an amount for editing: no currency, no thousands separators.
func moneyText(cents int64) string {
	if cents == 0 {
		return ""
	}
	return strings.ReplaceAll(data.FormatMoney(cents, ""), ",", "")
}

func (s *clientScreen) updateHeader() {
	if s.current.ID == 0 {
		s.heading.SetText("New client")
		s.statusTag.SetText("")
		s.archive.Hide()
		s.addEntry.Disable()
		return
	}
	s.heading.SetText(s.current.Name)
	tag := s.current.Status.Label()
	if s.current.Archived {
		tag += " · archived"
		s.archive.SetText("Unarchive")
	} else {
		s.archive.SetText("Archive")
	}
	s.statusTag.SetText(tag)
	s.statusTag.Importance = statusImportance(s.current.Status)
	s.statusTag.Refresh()
	s.archive.Show()
	s.addEntry.Enable()
}

// texts is every field's text, in form order, to compare against what was loaded.
func (s *clientScreen) texts() []string {
	return []string{s.name.Text, s.company.Text, s.email.Text, s.phone.Text, s.address.Text, s.postcode.Text,
		s.city.Text, s.country.Text, s.salut.Text, s.since.Text, s.income.Text, s.referrals.Text, s.refIncome.Text,
		s.status.Selected, s.notes.Text}
}

// dirty reports unsaved changes in an open client file.
func (s *clientScreen) dirty() bool {
	if !s.visible() || s.saved == nil {
		return false
	}
	now := s.texts()
	for i := range now {
		if now[i] != s.saved[i] {
			return true
		}
	}
	return false
}

func (s *clientScreen) updateSave() {
	if s.save == nil || s.form == nil {
		return
	}
	dirty := s.dirty() // on every key press: compared once
	if s.invalid() != nil || !dirty {
		s.save.Disable()
	} else {
		s.save.Enable()
	}
	if dirty {
		s.cancel.Enable()
	} else {
		s.cancel.Disable()
	}
}

// invalid runs every field's check on its text without touching the widgets' error state:
// calling Form.Validate here would re-enter this function through the form's callbacks.
func (s *clientScreen) invalid() error {
	for _, e := range []*widget.Entry{s.name, s.email, s.phone, s.income, s.referrals, s.refIncome, &s.since.Entry} {
		if e.Validator != nil {
			if err := e.Validator(e.Text); err != nil {
				return err
			}
		}
	}
	return nil
}

// collect reads the form into a client, or names the first field that is wrong.
func (s *clientScreen) collect() (data.Client, error) {
	c := s.current
	c.Name = strings.TrimSpace(s.name.Text)
	c.Company = strings.TrimSpace(s.company.Text)
	c.Email = strings.TrimSpace(s.email.Text)
	c.Phone = strings.TrimSpace(s.phone.Text)
	c.Address = data.Address{Lines: strings.TrimSpace(s.address.Text), Postcode: strings.TrimSpace(s.postcode.Text),
		City: strings.TrimSpace(s.city.Text), Country: strings.TrimSpace(s.country.Text)}
	c.Salutation = strings.TrimSpace(s.salut.Text)
	if err := s.since.Validate(); err != nil {
		return c, &data.FieldError{Field: "client since", Msg: err.Error()}
	}
	c.Since = s.since.value()
	var err error
	if c.YearlyIncome, err = data.ParseMoney(s.income.Text); err != nil {
		return c, &data.FieldError{Field: "yearly income", Msg: err.Error()}
	}
	if c.ReferralIncome, err = data.ParseMoney(s.refIncome.Text); err != nil {
		return c, &data.FieldError{Field: "referral income", Msg: err.Error()}
	}
	c.Referrals = 0
	if t := strings.TrimSpace(s.referrals.Text); t != "" {
		if c.Referrals, err = strconv.Atoi(t); err != nil || c.Referrals < 0 {
			return c, &data.FieldError{Field: "referrals", Msg: "enter a whole number, e.g. 2"}
		}
	}
	c.Status, _ = data.StatusFromLabel(s.status.Selected)
	c.Notes = s.notes.Text
	return c, c.Validate()
}

// onSave writes the form to the store. It reports success; on failure everything typed stays.
func (s *clientScreen) onSave() bool {
	if !s.visible() {
		return false
	}
	c, err := s.collect()
	if err != nil {
		s.u.showError("Saving", err)
		return false
	}
	isNew := c.ID == 0
	before := s.current.Status
	if isNew {
		c, err = s.u.store.CreateClient(s.u.ctx, c)
	} else {
		c, err = s.u.store.UpdateClient(s.u.ctx, c)
	}
	if err != nil {
		s.u.showError("Saving "+c.Name, err)
		return false
	}
	s.load(c)
	s.u.clients.reload()
	s.u.clients.selectID(c.ID)
	s.u.refreshBadges()
	s.u.afterClientSaved(before, c)
	return true
}

// discard throws away unsaved edits (a new client is closed).
func (s *clientScreen) discard() {
	if s.current.ID == 0 {
		s.saved = nil
		s.view.Objects = []fyne.CanvasObject{s.empty}
		s.view.Refresh()
		return
	}
	s.load(s.current)
}

func (s *clientScreen) onArchive() {
	c := s.current
	if c.ID == 0 {
		return
	}
	act := func() {
		if err := s.u.store.SetArchived(s.u.ctx, c.ID, !c.Archived); err != nil {
			s.u.showError("Archiving", err)
			return
		}
		s.u.clients.reload()
		s.u.openClient(c.ID)
	}
	if c.Archived {
		act()
		return
	}
	dialog.ShowConfirm("Archive client",
		fmt.Sprintf("Archive %s? The client file is kept and can be found under the Archived filter.", c.Name),
		func(ok bool) {
			if ok {
				s.u.guard(act)
			}
		}, s.u.win)
}

func (s *clientScreen) loadTimeline() {
	if s.timeline == nil {
		return // no client file opened yet
	}
	s.entries = nil
	if s.current.ID != 0 {
		var err error
		if s.entries, err = s.u.store.Timeline(s.u.ctx, s.current.ID); err != nil {
			s.u.showError("Loading the timeline", err)
		}
	}
	s.timeline.Refresh()
	s.tabs.Items[1].Text = fmt.Sprintf("Timeline (%d)", len(s.entries))
	s.tabs.Refresh()
}

func (s *clientScreen) createEntryRow() fyne.CanvasObject {
	when := widget.NewLabel("23 Nov 2026 14:00")
	kind := widget.NewLabelWithStyle("In person", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	text := widget.NewLabel("summary")
	text.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, container.NewHBox(when, kind), nil, text)
}

func (s *clientScreen) updateEntryRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.entries) {
		return
	}
	e := s.entries[i]
	row := o.(*fyne.Container)
	left := row.Objects[1].(*fyne.Container)
	left.Objects[0].(*widget.Label).SetText(e.At.Local().Format("2 Jan 2006 15:04"))
	left.Objects[1].(*widget.Label).SetText(e.Kind.Label())
	text := e.Summary
	if e.Body != "" {
		text += " — " + strings.ReplaceAll(e.Body, "\n", " ")
	}
	row.Objects[0].(*widget.Label).SetText(text)
}

// onAddEntry asks for a call, email, meeting or note and adds it to the timeline.
func (s *clientScreen) onAddEntry() {
	if s.current.ID == 0 {
		return
	}
	f := newEntryForm(s.u.store.Now())
	d := dialog.NewForm("Add to the timeline of "+s.current.Name, "Add", "Cancel", f.items(), func(ok bool) {
		if !ok {
			return
		}
		e, err := f.entry(s.current.ID)
		if err == nil {
			_, err = s.u.store.AddEntry(s.u.ctx, e)
		}
		if err != nil {
			s.u.showError("Adding the entry", err)
			return
		}
		s.loadTimeline()
		s.u.clients.reload()
	}, s.u.win)
	d.Resize(fyne.NewSize(560, 420))
	d.Show()
}

// entryForm holds the fields of "Add entry".
type entryForm struct {
	kind    *widget.Select
	date    *dateEntry
	clock   *widget.Entry
	summary *widget.Entry
	body    *widget.Entry
}

func newEntryForm(now time.Time) *entryForm {
	var kinds []string
	for _, k := range data.ManualKinds() {
		kinds = append(kinds, k.Label())
	}
	f := &entryForm{kind: widget.NewSelect(kinds, nil), date: newDateEntry(), clock: widget.NewEntry(),
		summary: widget.NewEntry(), body: widget.NewMultiLineEntry()}
	f.kind.SetSelected(data.KindCall.Label())
	f.date.set(data.DateOf(now.Local()))
	f.clock.SetText(now.Local().Format("15:04"))
	f.clock.Validator = func(v string) error {
		if _, err := time.Parse("15:04", strings.TrimSpace(v)); err != nil {
			return errors.New("a time like 14:30")
		}
		return nil
	}
	f.summary.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("say in a few words what happened")
		}
		return nil
	}
	f.summary.PlaceHolder = "e.g. Called about the delayed report"
	f.body.SetMinRowsVisible(4)
	f.body.Wrapping = fyne.TextWrapWord
	return f
}

func (f *entryForm) items() []*widget.FormItem {
	sum := widget.NewFormItem("Summary", f.summary)
	sum.Required = true
	return []*widget.FormItem{widget.NewFormItem("Kind", f.kind), widget.NewFormItem("Date", f.date),
		widget.NewFormItem("Time", f.clock), sum, widget.NewFormItem("Details", f.body)}
}

func (f *entryForm) entry(clientID int64) (data.Entry, error) {
	kind, ok := data.KindFromLabel(f.kind.Selected)
	if !ok {
		return data.Entry{}, &data.FieldError{Field: "kind", Msg: "choose what kind of contact it was"}
	}
	if strings.TrimSpace(f.summary.Text) == "" {
		return data.Entry{}, &data.FieldError{Field: "summary", Msg: "say in a few words what happened"}
	}
	day := f.date.value()
	if day.IsZero() {
		return data.Entry{}, &data.FieldError{Field: "date", Msg: "choose the day it happened"}
	}
	clock, err := time.Parse("15:04", strings.TrimSpace(f.clock.Text))
	if err != nil {
		return data.Entry{}, &data.FieldError{Field: "time", Msg: "a time like 14:30"}
	}
	at := time.Date(day.Year(), day.Month(), day.Day(), clock.Hour(), clock.Minute(), 0, 0, time.Local)
	return data.Entry{ClientID: clientID, At: at, Kind: kind, Summary: strings.TrimSpace(f.summary.Text), Body: f.body.Text}, nil
}
