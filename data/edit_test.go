package data

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestSaveClientEditWritesOnlyWhatTheFormChanged(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	base, err := d.CreateClient(ctx, Client{Name: "Aoife Byrne", Phone: "+353 1 234 5678", Status: StatusAtRisk})
	if err != nil {
		t.Fatal(err)
	}
	// Underneath, while the form is open: an interview resolves the complaint (status)
	// and someone corrects the phone.
	if err := d.SetStatus(ctx, base.ID, StatusActive); err != nil {
		t.Fatal(err)
	}
	under, _ := d.Client(ctx, base.ID)
	under.Phone = "+353 1 999 0000"
	if _, err := d.UpdateClient(ctx, under); err != nil {
		t.Fatal(err)
	}
	entries := func() int {
		es, err := d.Timeline(ctx, base.ID)
		if err != nil {
			t.Fatal(err)
		}
		return len(es)
	}
	before := entries()

	edited := base
	edited.Notes = "prefers calls after 10"
	saved, err := d.SaveClientEdit(ctx, base, edited)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Status != StatusActive || saved.Phone != "+353 1 999 0000" || saved.Notes != "prefers calls after 10" {
		t.Fatalf("saved %q %q %q: a field the form did not change was written back", saved.Status, saved.Phone, saved.Notes)
	}
	if n := entries(); n != before {
		t.Fatalf("%d timeline entries, want %d: the stale status made a new status entry", n, before)
	}
	if saved.Version <= under.Version {
		t.Fatalf("version %d after the save, was %d", saved.Version, under.Version)
	}
}

func TestSaveClientEditConflict(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	base, err := d.CreateClient(ctx, Client{Name: "Bernd Vogel", Phone: "+49 30 1234567", Address: Address{City: "Berlin"}})
	if err != nil {
		t.Fatal(err)
	}
	_ = base
	under := base
	under.Phone = "+49 30 7654321"
	if _, err := d.UpdateClient(ctx, under); err != nil {
		t.Fatal(err)
	}
	edited := base
	edited.Phone = "+49 30 5555555"
	edited.Notes = "new notes"
	_, err = d.SaveClientEdit(ctx, base, edited)
	var c *Conflict[Client]
	if !errors.As(err, &c) {
		t.Fatalf("err %v, want a conflict", err)
	}
	if !reflect.DeepEqual(c.Fields, []string{"phone"}) || c.Current.Phone != "+49 30 7654321" {
		t.Fatalf("conflict %v, current phone %q", c.Fields, c.Current.Phone)
	}
	if got, _ := d.Client(ctx, base.ID); got.Notes != "" || got.Phone != "+49 30 7654321" {
		t.Fatalf("a conflicting save wrote: notes %q phone %q", got.Notes, got.Phone)
	}
	// The user keeps theirs: saved again with the store's record as the base.
	saved, err := d.SaveClientEdit(ctx, c.Current, edited)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Phone != "+49 30 5555555" || saved.Notes != "new notes" {
		t.Fatalf("after choosing: %q %q", saved.Phone, saved.Notes)
	}
	// The same value on both sides is no conflict.
	again := saved
	again.Address.City = "Potsdam"
	under2 := saved
	under2.Address.City = "Potsdam"
	if _, err := d.UpdateClient(ctx, under2); err != nil {
		t.Fatal(err)
	}
	if _, err := d.SaveClientEdit(ctx, saved, again); err != nil {
		t.Fatalf("both sides typed the same city: %v", err)
	}
}

func TestSaveInterviewEditKeepsChangesMadeUnderneath(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, err := d.CreateClient(ctx, Client{Name: "Chiara Rossi"})
	if err != nil {
		t.Fatal(err)
	}
	k, err := d.StartComplaint(ctx, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	base := k
	under := k
	under.RootCause = "Communication"
	if err := d.SaveInterview(ctx, under); err != nil {
		t.Fatal(err)
	}
	edited := base
	edited.Account = "The report came two weeks late."
	saved, err := d.SaveInterviewEdit(ctx, base, edited)
	if err != nil {
		t.Fatal(err)
	}
	if saved.RootCause != "Communication" || saved.Account != edited.Account {
		t.Fatalf("saved root cause %q account %q", saved.RootCause, saved.Account)
	}
	// Typed on both sides.
	mine := saved
	mine.RootCause = "Missed deadline"
	theirs := saved
	theirs.RootCause = "Quality of work"
	if err := d.SaveInterview(ctx, theirs); err != nil {
		t.Fatal(err)
	}
	_, err = d.SaveInterviewEdit(ctx, saved, mine)
	var cf *Conflict[Complaint]
	if !errors.As(err, &cf) || !reflect.DeepEqual(cf.Fields, []string{"root_cause"}) || cf.Current.RootCause != "Quality of work" {
		t.Fatalf("err %v, want a root_cause conflict", err)
	}
	// A save of the outcome note typed in the Outcome step is kept (it was lost before).
	note := cf.Current
	note.OutcomeNote = "Accepted the discount"
	if _, err := d.SaveInterviewEdit(ctx, cf.Current, note); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.Complaint(ctx, k.ID); got.OutcomeNote != "Accepted the discount" {
		t.Fatalf("outcome note %q", got.OutcomeNote)
	}
}

func TestSaveSettingsAndLetterheadEdits(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	// The form shows the default currency and the default root causes; the interview
	// edits the root causes meanwhile; the form saves a new currency only.
	base := map[string]string{SettingCurrency: "EUR", SettingRootCauses: "Communication"}
	if err := d.SetSetting(ctx, SettingRootCauses, "Communication\nBilling"); err != nil {
		t.Fatal(err)
	}
	edited := map[string]string{SettingCurrency: "GBP", SettingRootCauses: "Communication"}
	if err := d.SaveSettingsEdit(ctx, base, edited); err != nil {
		t.Fatal(err)
	}
	if v, _ := d.Setting(ctx, SettingRootCauses, ""); v != "Communication\nBilling" {
		t.Fatalf("root causes %q: written back from a form that did not change them", v)
	}
	if v, _ := d.Currency(ctx); v != "GBP" {
		t.Fatalf("currency %q", v)
	}
	edited[SettingRootCauses] = "Communication\nScope"
	var c *Conflict[map[string]string]
	if err := d.SaveSettingsEdit(ctx, base, edited); !errors.As(err, &c) || c.Fields[0] != SettingRootCauses {
		t.Fatalf("err %v, want a conflict on the root causes", err)
	}

	lh := Letterhead{Name: "Dana Kim", Phone: "+1 415 555 0100", Paper: "A4"}
	if err := d.SaveLetterhead(ctx, lh); err != nil {
		t.Fatal(err)
	}
	under := lh
	under.Phone = "+1 415 555 0199"
	if err := d.SaveLetterhead(ctx, under); err != nil {
		t.Fatal(err)
	}
	mine := lh
	mine.Business = "Kim Advisory"
	if err := d.SaveLetterheadEdit(ctx, lh, mine); err != nil {
		t.Fatal(err)
	}
	got, err := d.Letterhead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Phone != "+1 415 555 0199" || got.Business != "Kim Advisory" {
		t.Fatalf("letterhead phone %q business %q", got.Phone, got.Business)
	}
	mine.Phone = "+1 415 555 0111"
	var lc *Conflict[Letterhead]
	if err := d.SaveLetterheadEdit(ctx, lh, mine); !errors.As(err, &lc) || !reflect.DeepEqual(lc.Fields, []string{"phone"}) ||
		lc.Current.Phone != "+1 415 555 0199" {
		t.Fatalf("err %v, want a phone conflict", err)
	}
}
