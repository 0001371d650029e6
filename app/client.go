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

// clientScreen is one client file: the editable details, the timeline and the tabs of
// the other features. It refreshes itself from the store's notices: a field the user
// has not touched shows what the store holds now, and a save writes only what the user
// changed (data.SaveClientEdit).
type clientScreen struct {
	deps
	current  data.Client // as last read from the store; ID 0 for a new client
	fields   edits       // the form's fields against what they were loaded with
	onOpened func(id int64)
	round    int  // numbers the reads of the client: only the newest is shown
	loading  bool // the fields are being set from the store, not typed in

	heading   *widget.Label
	statusTag *widget.Label
	name      *fieldEntry
	company   *fieldEntry
	email     *fieldEntry
	phone     *fieldEntry
	address   *multiLineEntry
	postcode  *fieldEntry
	city      *fieldEntry
	country   *fieldEntry
	salut     *fieldEntry
	since     *dateEntry
	income    *amountEntry
	referrals *numberEntry
	refIncome *amountEntry
	status    *fieldSelect
	notes     *multiLineEntry
	form      *widget.Form
	details   *container.Scroll // the form's scroll: a newly opened file starts at the top
	save      *widget.Button
	cancel    *widget.Button
	archive   *widget.Button

	timeline *timelineTab

	tabs     *fileTabs
	parts    []clientPart
	partTabs []*container.TabItem // the parts' tabs, kept until build makes the tabs
	empty    fyne.CanvasObject
	body     fyne.CanvasObject
	view     *fyne.Container
}

// newClientScreen shows the hint for an empty file; the form itself is built when the
// first client is opened (build), which keeps it out of the way of the first frame.
func newClientScreen(d deps) *clientScreen {
	s := &clientScreen{deps: d, onOpened: func(int64) {}}
	s.empty = container.NewCenter(widget.NewLabel("Select a client on the left, or press Ctrl+N for a new client."))
	s.view = container.NewStack(s.empty)
	return s
}

// build makes the form, the timeline and the tabs of the parts, when the first client
// is opened: not before the first frame.
func (s *clientScreen) build() {
	for _, p := range []clientPart{newComplaintsPart(s.deps), newClientFollowUpsPart(s.deps), newFeedbackPart(s.deps),
		newKeepCutPart(s.deps), newLettersPart(s.deps), newPrivacyPart(s.deps, s.close)} {
		s.addPart(p)
	}
	s.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.heading.SizeName = theme.SizeNameSubHeadingText
	s.heading.Wrapping = fyne.TextWrapWord // the whole name, on two lines beside the buttons in a narrow window
	s.statusTag = widget.NewLabel("")
	s.name = newFieldEntry(func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("a client needs a name")
		}
		return nil
	}, "Full name as it goes on letters")
	s.company = newFieldEntry(nil, "")
	s.email = newFieldEntry(data.ValidateEmail, "name@example.com")
	s.phone = newFieldEntry(data.ValidatePhone, "+44 20 7946 0000")
	s.address = newMultiLineEntry()
	s.address.Wrapping = fyne.TextWrapOff
	s.address.SetMinRowsVisible(2)
	s.address.PlaceHolder = "Street and number\n(Enter starts a new line)"
	s.postcode = newFieldEntry(nil, "")
	s.city = newFieldEntry(nil, "")
	s.country = newFieldEntry(nil, "")
	s.salut = newFieldEntry(nil, "")
	s.salut.PlaceHolder = "e.g. Dear Dr Papadopoulos"
	s.since = newDateEntry()
	s.income = newAmountEntry()
	s.referrals = newNumberEntry(func(v string) error {
		if _, err := parseReferrals(v); err != nil {
			return err
		}
		return nil
	}, "0")
	s.refIncome = newAmountEntry()
	var labels []string
	for _, st := range data.Statuses() {
		labels = append(labels, st.Label())
	}
	s.status = newFieldSelect(labels)
	s.notes = newMultiLineEntry()
	s.notes.SetMinRowsVisible(3)
	s.notes.PlaceHolder = "Anything worth remembering (Enter starts a new line)"

	// Not FormItem.Required: Fyne then says "item is required" under an empty new form;
	// the name's own check says what is missing once the field has been left.
	nameItem := &widget.FormItem{Text: "Name", Widget: s.name, HintText: "Required"}
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
	s.fields = edits{fields: s.editFields()}
	s.refreshCurrency()
	s.form.SetOnValidationChanged(func(err error) { s.updateSave() })

	s.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { s.onSave() })
	s.save.Importance = widget.HighImportance
	s.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), s.discard)
	s.archive = widget.NewButtonWithIcon("Archive", theme.FolderIcon(), s.onArchive)

	s.timeline = newTimelineTab(s.deps, func(n int) { s.tabs.setLabel(1, countedLabel("Timeline", n)) })

	s.details = container.NewVScroll(s.form)
	s.tabs = newFileTabs(
		container.NewTabItemWithIcon("Details", theme.DocumentIcon(), s.details),
		container.NewTabItemWithIcon("Timeline", theme.HistoryIcon(), s.timeline.view),
	)
	for _, tab := range s.partTabs {
		s.tabs.Append(tab)
	}
	header := container.NewBorder(nil, nil, nil, container.NewCenter(container.NewHBox(s.statusTag, s.archive, s.cancel, s.save)), s.heading)
	s.body = container.NewBorder(header, nil, nil, nil, s.tabs.view)
	for _, e := range []*widget.Entry{&s.name.Entry, &s.company.Entry, &s.email.Entry, &s.phone.Entry, &s.address.Entry,
		&s.postcode.Entry, &s.city.Entry, &s.country.Entry, &s.salut.Entry, &s.income.Entry, &s.referrals.Entry,
		&s.refIncome.Entry, &s.notes.Entry} {
		e.OnChanged = func(string) { s.updateSave() }
	}
	// A field Tab moves to below the window's edge scrolls into view.
	for _, f := range []struct {
		hook *focusHook
		o    fyne.CanvasObject
	}{{&s.name.focusHook, s.name}, {&s.company.focusHook, s.company}, {&s.email.focusHook, s.email},
		{&s.phone.focusHook, s.phone}, {&s.address.focusHook, s.address}, {&s.postcode.focusHook, s.postcode},
		{&s.city.focusHook, s.city}, {&s.country.focusHook, s.country}, {&s.salut.focusHook, s.salut},
		{&s.since.focusHook, s.since}, {&s.income.focusHook, s.income}, {&s.referrals.focusHook, s.referrals},
		{&s.refIncome.focusHook, s.refIncome}, {&s.status.focusHook, s.status}, {&s.notes.focusHook, s.notes}} {
		f.hook.onFocus = func() { reveal(s.details, f.o) }
	}
	s.since.OnChanged = func(*time.Time) { s.updateSave() }
	s.status.OnChanged = func(string) { s.updateSave() }
}

// editFields are the form's fields, named as the store names them (data.SaveClientEdit)
// and read in the canonical text clientValues gives.
func (s *clientScreen) editFields() []editField {
	text := entryField
	// Amounts compare as moneyText writes them, whatever the format they are shown in.
	money := func(key, label string, e *amountEntry) editField {
		return editField{key: key, label: label, set: func(v string) {
			if cents, err := data.ParseMoney(v); err == nil {
				e.setCents(cents)
			} else {
				e.SetText(v)
			}
		}, get: func() string {
			if v, err := data.ParseMoney(e.Text); err == nil {
				return moneyText(v)
			}
			return e.Text
		}}
	}
	return []editField{
		text("name", "Name", &s.name.Entry), text("company", "Company", &s.company.Entry), text("email", "Email", &s.email.Entry),
		text("phone", "Phone", &s.phone.Entry), text("address_lines", "Address", &s.address.Entry),
		text("postcode", "Postcode", &s.postcode.Entry), text("city", "City", &s.city.Entry), text("country", "Country", &s.country.Entry),
		text("salutation", "Salutation", &s.salut.Entry),
		{key: "client_since", label: "Client since", get: s.since.canonical, set: s.since.setCanonical},
		money("yearly_income", "Yearly income", s.income),
		{key: "referrals", label: "Referrals", set: s.referrals.SetText, get: func() string {
			if n, err := parseReferrals(s.referrals.Text); err == nil {
				return strconv.Itoa(n)
			}
			return s.referrals.Text
		}},
		money("referral_income", "Referral income", s.refIncome),
		{key: "status", label: "Status", get: func() string {
			st, _ := data.StatusFromLabel(s.status.Selected)
			return string(st)
		}, set: func(v string) { s.status.SetSelected(data.Status(v).Label()) }},
		text("notes", "Notes", &s.notes.Entry),
	}
}

// clientValues is a client as the form's fields show it, by field key.
func clientValues(c data.Client) map[string]string {
	if c.Status == "" {
		c.Status = data.StatusActive
	}
	return map[string]string{"name": c.Name, "company": c.Company, "email": c.Email, "phone": c.Phone,
		"address_lines": c.Address.Lines, "postcode": c.Address.Postcode, "city": c.Address.City,
		"country": c.Address.Country, "salutation": c.Salutation, "client_since": c.Since.String(),
		"yearly_income": moneyText(c.YearlyIncome), "referrals": strconv.Itoa(c.Referrals),
		"referral_income": moneyText(c.ReferralIncome), "status": string(c.Status), "notes": c.Notes}
}

// clientFrom reads field values into a copy of on (which keeps what the form does not
// show: ID, archived, version), or names the first field that is wrong.
func clientFrom(on data.Client, v map[string]string) (data.Client, error) {
	c := on
	c.Name = strings.TrimSpace(v["name"])
	c.Company = strings.TrimSpace(v["company"])
	c.Email = strings.TrimSpace(v["email"])
	c.Phone = strings.TrimSpace(v["phone"])
	c.Address = data.Address{Lines: strings.TrimSpace(v["address_lines"]), Postcode: strings.TrimSpace(v["postcode"]),
		City: strings.TrimSpace(v["city"]), Country: strings.TrimSpace(v["country"])}
	c.Salutation = strings.TrimSpace(v["salutation"])
	var err error
	if c.Since, err = data.ParseDate(v["client_since"]); err != nil {
		return c, &data.FieldError{Field: "client since", Msg: currentFormats().errDate().Error()}
	}
	if c.YearlyIncome, err = data.ParseMoney(v["yearly_income"]); err != nil {
		return c, &data.FieldError{Field: "yearly income", Msg: err.Error()}
	}
	if c.ReferralIncome, err = data.ParseMoney(v["referral_income"]); err != nil {
		return c, &data.FieldError{Field: "referral income", Msg: err.Error()}
	}
	if c.Referrals, err = parseReferrals(v["referrals"]); err != nil {
		return c, &data.FieldError{Field: "referrals", Msg: "enter a whole number, e.g. 2"}
	}
	c.Status = data.Status(v["status"])
	c.Notes = v["notes"]
	return c, c.Validate()
}

// parseReferrals reads how many clients they referred; empty is none.
func parseReferrals(v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, errors.New("enter how many clients they referred, e.g. 2")
	}
	return n, nil
}

// refreshCurrency names the currency from the settings next to the money fields.
func (s *clientScreen) refreshCurrency() {
	if s.form == nil {
		return // not built yet: build names it
	}
	cur := s.currency()
	s.form.Items[10].HintText = "What they pay you a year, in " + cur
	s.form.Items[12].HintText = "Yearly income from clients they referred, in " + cur
	s.form.Refresh()
}

// clientPart is a tab of the client file for another feature (alerts, letters,
// follow-ups, feedback): it is shown the client whenever one is loaded, and told the
// store's notices while the file is open.
type clientPart interface {
	tab() *container.TabItem
	show(c data.Client) // c.ID is 0 for a client not saved yet
	changed(n data.Notice)
}

// addPart appends a feature's tab to the client file; the tabs themselves are made
// when the file is first shown (build). Every part fits the width it is given (its text
// wraps), so nothing runs off the edge of a 1024-pixel screen and Save stays in view.
func (s *clientScreen) addPart(p clientPart) {
	s.parts = append(s.parts, p)
	tab := p.tab()
	s.partTabs = append(s.partTabs, tab)
	if s.tabs != nil {
		s.tabs.Append(tab)
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

// open reads client id from the store and shows its file.
func (s *clientScreen) open(id int64) {
	s.round++
	round := s.round
	var c data.Client
	var err error
	s.run.run(func() { c, err = s.store.Client(s.ctx, id) }, func() {
		if round != s.round {
			return
		}
		if err != nil {
			s.showError("Opening the client", err)
			return
		}
		s.load(c)
	})
}

// load fills the form with c and shows its timeline.
func (s *clientScreen) load(c data.Client) {
	if s.body == nil {
		s.build()
	}
	s.round++ // a read asked for before this load is older than c
	opened := s.current.ID
	s.current = c
	s.loading = true // the fields set below each ask for the buttons: they are set once, after
	s.fields.load(clientValues(c))
	s.loading = false
	s.timeline.show(c)
	for _, p := range s.parts {
		p.show(c)
	}
	s.updateHeader()
	s.updateSave()
	s.recount()
	// Every field and part refreshed itself as it was set: the whole file is refreshed
	// only when it takes the place of the empty one (a whole refresh is most of the
	// time opening a client took).
	if len(s.view.Objects) != 1 || s.view.Objects[0] != s.body {
		s.view.Objects = []fyne.CanvasObject{s.body}
		s.view.Refresh()
	}
	if c.ID == 0 || c.ID != opened {
		s.details.ScrollToTop() // another client's form starts at its name
	}
	if c.ID == 0 {
		s.tabs.SelectIndex(0)
	}
	s.onOpened(c.ID)
}

// changed brings the open file up to date with what the store says changed.
func (s *clientScreen) changed(n data.Notice) {
	if s.form != nil && n.Has(data.ChangedSettings) && n.Setting(data.SettingCurrency) {
		s.refreshCurrency()
	}
	id := s.current.ID
	if !s.visible() || id == 0 {
		return
	}
	for _, p := range s.parts {
		p.changed(n) // each part knows what concerns it (the hourly rate, say)
	}
	if !n.Touches(id) {
		return
	}
	s.recount()
	if n.About(data.ChangedClient, id) {
		s.round++
		round := s.round
		var c data.Client
		var err error
		s.run.run(func() { c, err = s.store.Client(s.ctx, id) }, func() {
			if round != s.round || s.current.ID != id {
				return // another client was opened meanwhile
			}
			switch {
			case errors.Is(err, data.ErrNotFound):
				s.close() // erased
			case err != nil:
				s.showError("Reading the client again", err)
			default:
				s.refreshFrom(c)
			}
		})
	}
	if n.About(data.ChangedTimeline, id) {
		s.timeline.reload()
	}
}

// recount puts the counts of what the tabs hold in their labels, read off the UI thread.
func (s *clientScreen) recount() {
	id := s.current.ID
	if id == 0 {
		for i := range s.tabs.Items {
			if i > 0 {
				s.tabs.setLabel(i, s.tabs.Items[i].Text)
			}
		}
		return
	}
	var n data.FileCounts
	var err error
	s.run.run(func() { n, err = s.store.ClientFileCounts(s.ctx, id) }, func() {
		if s.current.ID != id {
			return // another client's file was opened meanwhile
		}
		if err != nil {
			s.showError("Counting what the client's file holds", err)
			return
		}
		for i, p := range s.parts {
			tab := s.tabs.Items[i+2] // after Details and Timeline
			switch p.(type) {
			case *complaintsPart:
				s.tabs.setLabel(i+2, countedLabel(tab.Text, n.OpenAlerts))
			case *clientFollowUpsPart:
				s.tabs.setLabel(i+2, countedLabel(tab.Text, n.OpenFollowUps))
			case *feedbackPart:
				s.tabs.setLabel(i+2, countedLabel(tab.Text, n.Feedback))
			case *lettersPart:
				s.tabs.setLabel(i+2, countedLabel(tab.Text, n.Letters))
			}
		}
	})
}

// countedLabel is a tab's title with how many it holds, "Letters (2)"; nothing is added
// for none. Alerts and follow-ups count the open ones, as a mail folder counts the unread.
func countedLabel(title string, n int) string {
	if n <= 0 {
		return title
	}
	return fmt.Sprintf("%s (%d)", title, n)
}

// refreshFrom shows c, as the store holds it now, without losing what the user typed.
func (s *clientScreen) refreshFrom(c data.Client) {
	s.current = c
	s.fields.refresh(clientValues(c))
	for _, p := range s.parts {
		p.show(c)
	}
	s.updateHeader()
	s.updateSave()
}

// reformat writes the dates and amounts of the form again, after the formats changed.
func (s *clientScreen) reformat() {
	if s.form == nil {
		return
	}
	s.since.reformat()
	s.income.reformat()
	s.refIncome.reformat()
}

// close shows no client file.
func (s *clientScreen) close() {
	s.round++
	s.current = data.Client{}
	s.fields.base = nil
	s.view.Objects = []fyne.CanvasObject{s.empty}
	s.view.Refresh()
	s.onOpened(0)
}

// moneyText is an amount as forms compare it: no currency, no thousands separators.
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
}

// dirty reports unsaved changes in an open client file.
func (s *clientScreen) dirty() bool {
	return s.visible() && s.fields.dirty()
}

func (s *clientScreen) updateSave() {
	if s.save == nil || s.form == nil || s.loading {
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

// checkedField is a field of the form with a check, and what takes the focus for it.
type checkedField struct {
	e     *widget.Entry
	focus fyne.Focusable
}

// checked lists the fields with a check, in the order of the form.
func (s *clientScreen) checked() []checkedField {
	return []checkedField{{&s.name.Entry, s.name}, {&s.email.Entry, s.email}, {&s.phone.Entry, s.phone}, {&s.since.Entry, s.since},
		{&s.income.Entry, s.income}, {&s.referrals.Entry, s.referrals}, {&s.refIncome.Entry, s.refIncome}}
}

// invalid runs every field's check on its text without touching the widgets' error state:
// calling Form.Validate here would re-enter this function through the form's callbacks.
func (s *clientScreen) invalid() error {
	for _, f := range s.checked() {
		if err := f.e.Validator(f.e.Text); err != nil {
			return err
		}
	}
	return nil
}

// onSave writes what the user changed to the store. It reports success; on failure, or
// when a field was changed meanwhile elsewhere too (the user is asked), everything
// typed stays.
func (s *clientScreen) onSave() bool {
	if !s.visible() {
		return false
	}
	edited, err := clientFrom(s.current, s.fields.values())
	if err != nil {
		s.showError("Saving", err)
		return false
	}
	// Read before the save: the store's notice of it refreshes the fields' base.
	wasLost := s.current.ID != 0 && s.fields.base["status"] == string(data.StatusLost)
	var saved data.Client
	if edited.ID == 0 {
		saved, err = s.store.CreateClient(s.ctx, edited)
	} else {
		base, berr := clientFrom(s.current, s.fields.base)
		if berr != nil {
			base = s.current // a stored value the form cannot read: compare with the store's
		}
		saved, err = s.store.SaveClientEdit(s.ctx, base, edited)
	}
	var conflict *data.Conflict[data.Client]
	if errors.As(err, &conflict) {
		s.askAboutConflict(conflict)
		return false
	}
	if err != nil {
		s.showError("Saving "+edited.Name, err)
		return false
	}
	s.load(saved)
	if saved.Status == data.StatusLost && !wasLost {
		// The status is saved; why they left is asked for now.
		s.seen.lost = s.askLost(saved, nil)
	}
	return true
}

// saveByKey is Ctrl+S: it saves, or, while a field is wrong, goes to that field, whose
// message says why; nothing to save is nothing to do.
func (s *clientScreen) saveByKey() {
	if s.save == nil || !s.dirty() {
		return
	}
	for _, f := range s.checked() {
		if f.e.Validator(f.e.Text) != nil {
			s.tabs.SelectIndex(0)
			if c := fyne.CurrentApp().Driver().CanvasForObject(s.form); c != nil {
				c.Focus(f.focus)
			}
			return
		}
	}
	s.onSave()
}

// askAboutConflict shows the fields changed both here and in the store, and saves the
// user's choice.
func (s *clientScreen) askAboutConflict(c *data.Conflict[data.Client]) {
	theirs := clientValues(c.Current)
	show := func(key, v string) string {
		switch key {
		case "status":
			return data.Status(v).Label()
		case "client_since":
			if d, err := data.ParseDate(v); err == nil && !d.IsZero() {
				return currentFormats().date(d)
			}
		}
		return v
	}
	s.askConflict(s.displayName(), s.fields.conflicts(c.Fields, theirs, show), func(mine map[string]bool) {
		s.current = c.Current
		s.fields.resolve(mine, theirs)
		s.updateHeader()
		s.updateSave()
		if s.fields.dirty() {
			s.onSave()
		}
	})
}

// discard throws away unsaved edits (a new client is closed).
func (s *clientScreen) discard() {
	if s.current.ID == 0 {
		s.close()
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
		if err := s.store.SetArchived(s.ctx, c.ID, !c.Archived); err != nil {
			s.showError("Archiving", err)
		}
	}
	if c.Archived {
		act()
		return
	}
	dialog.ShowConfirm("Archive client",
		fmt.Sprintf("Archive %s? The client file is kept and can be found under the Archived filter.", c.Name),
		func(ok bool) {
			if ok {
				s.guard(act)
			}
		}, s.win)
}

// dropFiles attaches files dropped on the window to the client shown, and shows them on
// the timeline.
func (s *clientScreen) dropFiles(uris []fyne.URI) {
	if len(uris) == 0 || !s.visible() || s.current.ID == 0 {
		dialog.ShowInformation("Open a client first",
			"Files and emails dropped on the window are attached to the client whose file is open. "+
				"Open (or save) a client, then drop them again.", s.win)
		return
	}
	s.tabs.SelectIndex(1)
	s.timeline.addFiles(uris)
}
