package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/amends/amends/data"
)

// The outcome of an interview asks before it is set, can be undone, and the check-ins
// it offers fall at 10:00 on a working day, not at the minute the complaint was resolved.
func TestOutcomeAsksFirstCanBeUndoneAndChecksInInWorkingHours(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 12, 4, 19, 42, 0, 0, time.Local) // a Friday evening
	var c data.Client
	var a data.Alert
	var k data.Complaint
	u := newClockUI(t, now, func(d *data.DB) {
		c = addTestClient(t, d, "Hélène Girard")
		var err error
		if a, err = d.LogAlert(ctx, data.Alert{ClientID: c.ID, Kind: data.AlertComplaint, Severity: data.SeveritySerious,
			Received: now.Add(-2 * time.Hour)}, data.AlertOptions{MarkAtRisk: true}); err != nil {
			t.Fatal(err)
		}
		if k, err = d.StartComplaint(ctx, c.ID, a.ID); err != nil {
			t.Fatal(err)
		}
	})
	u.showInterview(k.ID)
	closeOverlays(u)
	iv := u.interviews.wizard
	iv.goTo(data.StepOutcome)
	state := func() (data.Complaint, data.Alert, data.Client) {
		t.Helper()
		k2, err := u.store.Complaint(ctx, k.ID)
		if err != nil {
			t.Fatal(err)
		}
		a2, err := u.store.Alert(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		c2, err := u.store.Client(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return k2, a2, c2
	}
	dialogText := func(o fyne.CanvasObject) string {
		var b strings.Builder
		for _, x := range test.LaidOutObjects(o) {
			if s, ok := labelText(x); ok {
				b.WriteString(s + "\n")
			}
		}
		return b.String()
	}

	// Choosing an outcome asks first, saying what it does; Cancel sets nothing.
	iv.outcome.SetSelected(data.OutcomeRetained.Label())
	dlg := topOverlay(t, u)
	if txt := dialogText(dlg); !strings.Contains(txt, "“"+data.OutcomeRetained.Label()+"”?") ||
		!strings.Contains(txt, "This resolves the red alert") || !strings.Contains(txt, "You can undo it.") {
		t.Errorf("the question does not say what the outcome does:\n%s", txt)
	}
	if k2, a2, _ := state(); k2.Outcome != data.OutcomeOpen || !a2.Open() {
		t.Fatalf("set before it was confirmed: outcome %s, alert open %v", k2.Outcome, a2.Open())
	}
	test.Tap(visibleButton(t, dlg, "Cancel"))
	if k2, a2, _ := state(); k2.Outcome != data.OutcomeOpen || !a2.Open() || iv.outcome.Selected != data.OutcomeOpen.Label() {
		t.Fatalf("after Cancel: outcome %s, alert open %v, %q chosen", k2.Outcome, a2.Open(), iv.outcome.Selected)
	}
	if iv.undoBox.Visible() {
		t.Error("Undo offered for an outcome that was not set")
	}

	// Confirmed, it is set, and can be undone from the step.
	iv.outcome.SetSelected(data.OutcomeRetained.Label())
	test.Tap(visibleButton(t, topOverlay(t, u), "Set the outcome"))
	k2, a2, c2 := state()
	if k2.Outcome != data.OutcomeRetained || a2.Open() || c2.Status != data.StatusActive {
		t.Fatalf("after confirming: outcome %s, alert open %v, status %s", k2.Outcome, a2.Open(), c2.Status)
	}
	if !iv.undoBox.Visible() || !iv.undoBtn.Visible() {
		t.Fatal("no Undo after the outcome was set")
	}

	// The check-ins offered are at 10:00 on working days, as the offer says.
	o := u.seen.checkIns
	if o == nil {
		t.Fatal("no check-ins offered for a client kept")
	}
	for _, ch := range o.checks {
		if !strings.Contains(ch.Text, "10:00") {
			t.Errorf("check-in offered as %q", ch.Text)
		}
	}
	test.Tap(o.ok)
	fs, err := u.store.ClientFollowUps(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != len(data.DefaultCheckIns()) {
		t.Fatalf("%d check-ins, want %d", len(fs), len(data.DefaultCheckIns()))
	}
	for i, f := range fs {
		due := f.Due.Local()
		if f.Source != data.SourceCheckIn || due.Hour() != 10 || due.Minute() != 0 ||
			due.Weekday() == time.Saturday || due.Weekday() == time.Sunday || due.Before(data.DefaultCheckIns()[i].After(now).Truncate(24*time.Hour)) {
			t.Errorf("check-in %d is due %s (%s), not at 10:00 on a working day after %s", i, due.Format("Mon 2 Jan 2006 15:04"), f.Source, data.DefaultCheckIns()[i].Label())
		}
	}

	// Undo puts the complaint, the alert and the client back, and takes the check-ins away.
	test.Tap(iv.undoBtn)
	k2, a2, c2 = state()
	if k2.Outcome != data.OutcomeOpen || !a2.Open() || c2.Status != data.StatusAtRisk {
		t.Fatalf("after Undo: outcome %s, alert open %v, status %s", k2.Outcome, a2.Open(), c2.Status)
	}
	if iv.outcome.Selected != data.OutcomeOpen.Label() || iv.undoBox.Visible() {
		t.Errorf("after Undo the step shows %q, Undo still offered %v", iv.outcome.Selected, iv.undoBox.Visible())
	}
	if fs, _ := u.store.ClientFollowUps(ctx, c.ID); len(fs) != 0 {
		t.Errorf("check-ins left after Undo: %d", len(fs))
	}
}

// A promise made in Agree, or given a new date in the letter editor, is first suggested
// for 10:00 on the next working day, not at the hour the form was opened.
func TestPromiseSuggestedInWorkingHours(t *testing.T) {
	now := time.Date(2026, 12, 4, 0, 45, 0, 0, time.Local) // a Friday, after midnight
	f := newCommitmentForm(data.Commitment{}, now)
	if f.clock.Text != "10:00" {
		t.Errorf("a new promise is suggested for %s", f.clock.Text)
	}
	if got, want := f.date.Text, currentFormats().date(data.NewDate(2026, 12, 7)); got != want { // Saturday: on to Monday
		t.Errorf("a new promise is suggested for %s, want %s", got, want)
	}
}
