package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/amends/amends/data"
)

func TestFollowUpComingDueSendsANotification(t *testing.T) {
	now := time.Date(2026, 11, 23, 13, 50, 0, 0, time.Local)
	clock := now
	var c data.Client
	u, store, _ := newRecordingUI(t, time.Time{}, func(s *data.DB) {
		s.Now = func() time.Time { return clock }
		c = addTestClient(t, s, "Priya Raman")
		if _, err := s.AddFollowUp(context.Background(), data.FollowUp{ClientID: c.ID, What: "Email the revised report",
			Due: now.Add(10 * time.Minute), Channel: "email"}); err != nil {
			t.Fatal(err)
		}
	})
	_ = store
	// Not due yet: nothing is told.
	test.AssertNotificationSent(t, nil, func() { <-u.remind() })
	// Ten minutes on, the minute's tick finds it due.
	clock = now.Add(11 * time.Minute)
	test.AssertNotificationSent(t, fyne.NewNotification("Follow-up due: Priya Raman", "Email the revised report (14:00, email)"),
		func() { u.tick(false) })
	// Told once only.
	clock = clock.Add(time.Minute)
	test.AssertNotificationSent(t, nil, func() { <-u.remind() })
}

func TestTrayMenuHoldsTodaysFollowUps(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local)
	var today data.Client
	u, _, a := newRecordingUI(t, now, func(s *data.DB) {
		ctx := context.Background()
		today = addTestClient(t, s, "Tomás Ruiz")
		other := addTestClient(t, s, "Mei Lin")
		for _, f := range []data.FollowUp{
			{ClientID: today.ID, What: "Call about the invoice", Due: now.Add(5 * time.Hour)},
			{ClientID: other.ID, What: "Send the workshop notes", Due: now.AddDate(0, 0, 1)},
			{ClientID: other.ID, What: "Check in after the fix", Due: now.AddDate(0, 0, -3)},
		} {
			if _, err := s.AddFollowUp(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
	})
	if a.tray == nil {
		t.Fatal("no tray menu was set")
	}
	var labels []string
	for _, it := range a.tray.Items {
		labels = append(labels, it.Label)
	}
	all := strings.Join(labels, "\n")
	if !strings.Contains(all, "Today: 1 follow-up") || !strings.Contains(all, "14:00  Tomás Ruiz: Call about the invoice") {
		t.Fatalf("tray menu:\n%s", all)
	}
	if strings.Contains(all, "workshop") || strings.Contains(all, "Check in") {
		t.Fatalf("the tray lists follow-ups not due today:\n%s", all)
	}
	for _, want := range []string{"Log red alert…", "Open Amends", "Quit Amends"} {
		if !strings.Contains(all, want) {
			t.Fatalf("no %q in the tray menu:\n%s", want, all)
		}
	}
	// A follow-up opens its client; marking it done takes it off the menu.
	for _, it := range a.tray.Items {
		if strings.Contains(it.Label, "Tomás Ruiz") {
			it.Action()
		}
	}
	if u.client.current.ID != today.ID {
		t.Fatal("the tray item did not open the client")
	}
	fs, _ := u.store.OpenFollowUpsDue(context.Background(), now, now.Add(24*time.Hour))
	if _, err := u.store.MarkDone(context.Background(), fs[0].ID, "called", 0.2); err != nil {
		t.Fatal(err)
	}
	<-u.remind()
	if got := a.tray.Items[0].Label; got != "Nothing due today" {
		t.Fatalf("after done, the tray says %q", got)
	}
}

func TestKeepInTrayHidesTheWindowInsteadOfQuitting(t *testing.T) {
	u, _, a := newRecordingUI(t, time.Time{}, nil)
	a.Preferences().SetBool(prefKeepInTray, true)
	closed := false
	u.win.SetOnClosed(func() { closed = true })
	u.onCloseWindow()
	if closed {
		t.Fatal("the window closed although Amends keeps to the tray")
	}
	a.Preferences().SetBool(prefKeepInTray, false)
	u.onCloseWindow()
	if !closed {
		t.Fatal("the window stayed open with the setting off")
	}
}

// Without the setting there is no tray: it would cost a hidden window before the first
// frame. Notifications still come (TestFollowUpComingDueSendsANotification).
func TestNoTrayUnlessKeptThere(t *testing.T) {
	a := &recordingApp{App: test.NewTempApp(t)}
	store, err := data.Open(filepath.Join(t.TempDir(), "amends.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	u := New(a, store, Info{Version: "test"})
	t.Cleanup(u.run.stop)
	if a.tray != nil || u.reminders.tray != nil {
		t.Fatal("a tray was set up although the setting is off")
	}
	u.win.SetOnClosed(func() {})
	a.Preferences().SetBool(prefKeepInTray, true) // turned on now: the tray comes at the next start
	if u.keepInTray() {
		t.Fatal("closing would hide the window with no tray to bring it back")
	}
}
