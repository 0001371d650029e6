package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// pressTab presses Tab as the desktop window handles it: a field that takes Tab as a
// character gets it, otherwise the focus moves to the next field.
func pressTab(c fyne.Canvas) {
	if f, ok := c.Focused().(fyne.Tabbable); ok && f.AcceptsTab() {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		return
	}
	c.FocusNext()
}

// tabTo presses Tab until target has the focus.
func tabTo(t *testing.T, c fyne.Canvas, target fyne.Focusable) {
	t.Helper()
	for i := 0; c.Focused() != target; i++ {
		if i == 40 {
			t.Fatalf("Tab never reaches %s", describe(target.(fyne.CanvasObject)))
		}
		pressTab(c)
	}
}

// typeText types into the field that has the focus, as a keyboard does.
func typeText(c fyne.Canvas, s string) {
	for _, r := range s {
		c.Focused().TypedRune(r)
	}
}

// fieldName names a form field of the client file by the object that has the focus.
func fieldName(s *clientScreen, o fyne.Focusable) string {
	for name, f := range map[string]fyne.Focusable{"name": s.name, "company": s.company, "email": s.email,
		"phone": s.phone, "address": s.address, "postcode": s.postcode, "city": s.city, "country": s.country,
		"salutation": s.salut, "client since": s.since, "yearly income": s.income, "referrals": s.referrals,
		"referral income": s.refIncome, "status": s.status, "notes": s.notes} {
		if f == o {
			return name
		}
	}
	if o == nil {
		return "nothing"
	}
	return describe(o.(fyne.CanvasObject))
}

// Tab goes from field to field in the order they are shown, never to the calendar icon
// of a date, and leaves the multi-line fields.
func TestClientFormTabOrder(t *testing.T) {
	u, _ := newTestUI(t)
	shortcut(t, u, fyne.KeyN)
	c := u.win.Canvas()
	want := []string{"name", "company", "email", "phone", "address", "postcode", "city", "country", "salutation",
		"client since", "yearly income", "referrals", "referral income", "status", "notes"}
	var got []string
	u.win.Resize(fyne.NewSize(1024, 700))
	for range want {
		got = append(got, fieldName(u.client, c.Focused()))
		// The field with the focus is in view: the form scrolls to it.
		o := c.Focused().(fyne.CanvasObject)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		view := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.client.details)
		if pos.Y < view.Y-1 || pos.Y+o.Size().Height > view.Y+u.client.details.Size().Height+1 {
			t.Errorf("%s has the focus but is out of view (at %.0f, the form shows %.0f to %.0f)", fieldName(u.client, c.Focused()),
				pos.Y, view.Y, view.Y+u.client.details.Size().Height)
		}
		pressTab(c)
	}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Fatalf("Tab goes\n %s\nwant\n %s", strings.Join(got, ", "), strings.Join(want, ", "))
	}
}

// What the issue saw: after a date, "18000" went nowhere and every later field got the
// value meant for the one before; in the address, Tab became part of the address.
func TestTypingAfterTabLandsInTheNextField(t *testing.T) {
	u, store := newTestUI(t)
	shortcut(t, u, fyne.KeyN)
	c := u.win.Canvas()
	s := u.client
	typeText(c, "Müller & Söhne")
	tabTo(t, c, s.address)
	typeText(c, "Hauptstraße 1")
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter: a new line, as the field says
	typeText(c, "Hinterhaus")
	pressTab(c)
	typeText(c, "10115")
	pressTab(c)
	typeText(c, "Berlin")
	tabTo(t, c, s.since)
	typeText(c, "3/14/2019")
	pressTab(c)
	typeText(c, "18000")
	pressTab(c)
	typeText(c, "2")
	pressTab(c)
	typeText(c, "95000")
	pressTab(c)

	if s.address.Text != "Hauptstraße 1\nHinterhaus" || s.postcode.Text != "10115" || s.city.Text != "Berlin" {
		t.Fatalf("address %q, postcode %q, city %q", s.address.Text, s.postcode.Text, s.city.Text)
	}
	if s.income.Text != currentFormats().amount(1800000) || s.referrals.Text != "2" || s.refIncome.Text != currentFormats().amount(9500000) {
		t.Fatalf("yearly income %q, referrals %q, referral income %q", s.income.Text, s.referrals.Text, s.refIncome.Text)
	}
	if s.save.Disabled() {
		t.Fatal("Save is disabled for a valid client")
	}
	test.Tap(s.save)
	got, err := store.ListClients(context.Background(), data.ClientFilter{}, 0, 5)
	if err != nil || len(got) != 1 {
		t.Fatalf("clients %v, %v", got, err)
	}
	if g := got[0]; g.YearlyIncome != 1800000 || g.Referrals != 2 || g.ReferralIncome != 9500000 ||
		g.Since != data.NewDate(2019, 3, 14) || g.Address.Lines != "Hauptstraße 1\nHinterhaus" {
		t.Fatalf("saved %+v", g)
	}
}

// Ctrl+N opens the new client's form at the top, on its Details tab, with the focus in
// Name, wherever the last form was scrolled to.
func TestCtrlNOpensTheFormAtTheTop(t *testing.T) {
	u, store := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	c := mustCreate(t, store, data.Client{Name: "Ines Duarte", Notes: strings.Repeat("long notes\n", 20)})
	u.showClient(c.ID)
	u.client.details.ScrollToBottom()
	u.client.tabs.SelectIndex(1)
	u.win.Canvas().Focus(u.client.notes)
	shortcut(t, u, fyne.KeyN)
	if u.client.current.ID != 0 || u.client.tabs.SelectedIndex() != 0 {
		t.Fatalf("Ctrl+N shows client %d, tab %d", u.client.current.ID, u.client.tabs.SelectedIndex())
	}
	if off := u.client.details.Offset.Y; off != 0 {
		t.Errorf("the form is scrolled %.0f pixels down", off)
	}
	if f := u.win.Canvas().Focused(); f != u.client.name {
		t.Errorf("the focus is in %s, not Name", fieldName(u.client, f))
	}
	// And Name is in view.
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.client.name)
	if pos.Y < 0 || pos.Y+u.client.name.Size().Height > u.win.Canvas().Size().Height {
		t.Errorf("Name is at %.0f, out of the window", pos.Y)
	}
}

// A prefilled amount or number is selected when the field gets the focus, so typing
// replaces it.
func TestPrefilledNumberIsSelectedOnFocus(t *testing.T) {
	u, store := newTestUI(t)
	c := mustCreate(t, store, data.Client{Name: "Ola Nordmann", YearlyIncome: 1800000, Referrals: 3, ReferralIncome: 450000})
	u.showClient(c.ID)
	s, cv := u.client, u.win.Canvas()
	cv.Focus(s.salut)
	for _, f := range []struct {
		e    fyne.Focusable
		text func() string
		typ  string
	}{
		{s.income, func() string { return s.income.Text }, "25000"},
		{s.referrals, func() string { return s.referrals.Text }, "4"},
		{s.refIncome, func() string { return s.refIncome.Text }, "1"},
	} {
		tabTo(t, cv, f.e)
		typeText(cv, f.typ)
		if f.text() != f.typ {
			t.Errorf("typing %q into %s gave %q: the prefilled value was not replaced", f.typ, fieldName(s, f.e), f.text())
		}
	}
	// The amount is written as all amounts are once the field is left.
	pressTab(cv)
	if s.refIncome.Text != currentFormats().amount(100) {
		t.Errorf("referral income shows %q", s.refIncome.Text)
	}
}

// hasMark reports whether entry e shows the ✓ of a value that passed.
func hasMark(t *testing.T, e fyne.Widget) bool {
	t.Helper()
	e.Refresh()
	return strings.Contains(test.RenderObjectToMarkup(e), "confirmIcon")
}

// The ✓ shows only for a value that passed; a date or email that did not keeps Save
// disabled and says why next to the field.
func TestValidationMarksOnlyWhatPassed(t *testing.T) {
	u, _ := newTestUI(t)
	shortcut(t, u, fyne.KeyN)
	s, cv := u.client, u.win.Canvas()
	typeText(cv, "Hans Müller")

	cv.Focus(s.since)
	typeText(cv, currentFormats().date(data.NewDate(2024, 5, 6)))
	if !hasMark(t, s.since) {
		t.Error("no ✓ for a date")
	}
	s.since.SetText("")
	typeText(cv, "Tue")
	if hasMark(t, s.since) {
		t.Error("a ✓ for \"Tue\"")
	}
	if !s.save.Disabled() {
		t.Error("Save is enabled with \"Tue\" as a date")
	}
	pressTab(cv)
	if msg := helperText(t, s.form, "Client since"); !strings.Contains(msg, "type a date like") {
		t.Errorf("next to Client since: %q", msg)
	}

	cv.Focus(s.email)
	typeText(cv, "info@mueller-soehne.de")
	if !hasMark(t, s.email) {
		t.Error("no ✓ for an email address")
	}
	typeText(cv, " KG")
	if hasMark(t, s.email) {
		t.Error("a ✓ for \"info@mueller-soehne.de KG\"")
	}
	pressTab(cv)
	if msg := helperText(t, s.form, "Email"); !strings.Contains(msg, "email address like") {
		t.Errorf("next to Email: %q", msg)
	}
	s.since.SetText("")
	if !s.save.Disabled() {
		t.Error("Save is enabled with a wrong email")
	}
	s.email.SetText("info@mueller-soehne.de")
	if s.save.Disabled() {
		t.Error("Save stays disabled once both are right")
	}
	if !hasMark(t, s.email) || hasMark(t, s.since) {
		t.Error("the marks do not follow the values: email ✓, an empty date none")
	}
}

// helperText is what the form shows under the field labelled label: its hint, or the
// problem with what was typed.
func helperText(t *testing.T, f *widget.Form, label string) string {
	t.Helper()
	f.Refresh()
	markup := test.RenderObjectToMarkup(f)
	i := strings.Index(markup, ">"+label+"<")
	if i < 0 {
		t.Fatalf("no field %q in the form", label)
	}
	// The helper text is the next text drawn in the caption size after the field.
	rest := markup[i:]
	j := strings.Index(rest, `textSize="11"`)
	if j < 0 {
		return ""
	}
	rest = rest[j:]
	k := strings.Index(rest, ">")
	e := strings.Index(rest, "</text>")
	if k < 0 || e < k {
		return ""
	}
	return rest[k+1 : e]
}

// Screens once built stay in the window, hidden: a field of the screen left behind must
// not take what is typed on the next one.
func TestTypingAfterSwitchingScreensReachesNoHiddenField(t *testing.T) {
	u, _ := newTestUI(t)
	shortcut(t, u, fyne.KeyN)
	c := u.win.Canvas()
	typeText(c, "Ada")
	u.showSection(u.sectionIndex("Reports"))
	if f := c.Focused(); f != nil {
		t.Fatalf("after switching screens %s has the focus", describe(f.(fyne.CanvasObject)))
	}
	u.showSection(u.sectionIndex("Clients"))
	if got := u.client.name.Text; got != "Ada" {
		t.Fatalf("the hidden name field took what was typed on Reports: %q", got)
	}
}
