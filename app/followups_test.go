package app

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

func TestMain(m *testing.M) {
	os.Setenv("LANG", "en_US.UTF-8")
	os.Exit(m.Run())
}

// newTestUI builds the whole window on a fresh store whose clock stands still at now.
func newClockUI(t *testing.T, now time.Time, fill func(*data.DB)) *UI {
	t.Helper()
	u, _ := newTestUIWith(t, Info{Version: "test"}, func(store *data.DB) {
		store.Now = func() time.Time { return now }
		if fill != nil {
			fill(store)
		}
	})
	return u
}

func addTestClient(t *testing.T, d *data.DB, name string) data.Client {
	t.Helper()
	c, err := d.CreateClient(context.Background(), data.Client{Name: name, Since: data.NewDate(2021, 5, 1), YearlyIncome: 2_400_000})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func addTestFollowUp(t *testing.T, d *data.DB, c data.Client, what string, due time.Time) data.FollowUp {
	t.Helper()
	f, err := d.AddFollowUp(context.Background(), data.FollowUp{ClientID: c.ID, What: what, Due: due, Channel: "call"})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// rowView builds a list row for the follow-up with id the way the list does, so tapping
// its buttons runs the same handlers.
func rowView(t *testing.T, s *followUpsScreen, id int64) *followUpRowView {
	t.Helper()
	for i, r := range s.rows {
		if r.heading == "" && r.f.ID == id {
			v := s.createRow().(*followUpRowView)
			s.updateRow(i, v)
			return v
		}
	}
	t.Fatalf("follow-up %d not listed: %+v", id, s.rows)
	return nil
}

func headings(s *followUpsScreen) string {
	var hs []string
	for _, r := range s.rows {
		if r.heading != "" {
			hs = append(hs, r.heading)
		}
	}
	return strings.Join(hs, " | ")
}

func TestFollowUpsMarkDone(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	var late, today data.FollowUp
	u := newClockUI(t, now, func(d *data.DB) {
		c := addTestClient(t, d, "Jörg Müller")
		late = addTestFollowUp(t, d, c, "Send the revised report", now.Add(-26*time.Hour))
		today = addTestFollowUp(t, d, c, "Call about the invoice", now.Add(3*time.Hour))
		addTestFollowUp(t, d, c, "Quarterly review", now.AddDate(0, 1, 0))
	})
	// The start-up dialog and the badge say one is overdue.
	if top := u.win.Canvas().Overlays().Top(); top == nil {
		t.Fatal("no overdue announcement at start")
	}
	u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
	fu := u.sectionIndex("Follow-ups")
	if u.badges[fu] != 1 {
		t.Fatalf("badge %d, want 1", u.badges[fu])
	}
	u.showSection(fu)
	s := u.followups
	if got := headings(s); got != "Overdue (1) | Today (1) | Later (1)" {
		t.Fatalf("groups %q", got)
	}
	if !s.banner.Visible() || !strings.Contains(s.banner.Text, "1 follow-up is overdue") {
		t.Fatalf("banner %q", s.banner.Text)
	}
	v := rowView(t, s, late.ID)
	if v.due.Importance != widget.DangerImportance || v.undo.Visible() {
		t.Fatal("overdue row not highlighted")
	}
	test.Tap(v.done)
	if s.lastDone == nil {
		t.Fatal("no done dialog")
	}
	test.Type(s.lastDone.note, "Sent by email, she confirmed receipt")
	test.Type(s.lastDone.hours, "x")
	if !s.lastDone.ok.Disabled() {
		t.Fatal("bad hours accepted")
	}
	s.lastDone.hours.SetText("")
	test.Type(s.lastDone.hours, "1,5")
	test.Tap(s.lastDone.ok)
	f, err := u.store.FollowUp(u.ctx, late.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Done() || f.DoneNote != "Sent by email, she confirmed receipt" || f.Hours != 1.5 {
		t.Fatalf("stored %+v", f)
	}
	tl, _ := u.store.Timeline(u.ctx, f.ClientID)
	if len(tl) == 0 || tl[0].Summary != "Done: Send the revised report" {
		t.Fatalf("timeline %+v", tl)
	}
	if got := headings(s); got != "Today (1) | Later (1) | Done in the last 7 days (1)" {
		t.Fatalf("groups after done %q", got)
	}
	if s.banner.Visible() || u.badges[fu] != 0 {
		t.Fatalf("still announced overdue: banner %v badge %d", s.banner.Visible(), u.badges[fu])
	}
	// Undo from the done group brings it back as overdue.
	test.Tap(rowView(t, s, late.ID).undo)
	if f, _ := u.store.FollowUp(u.ctx, late.ID); f.Done() {
		t.Fatal("undo did not reopen")
	}
	if u.badges[fu] != 1 {
		t.Fatalf("badge after undo %d", u.badges[fu])
	}
	_ = today
}

func TestFollowUpsSnooze(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	var late data.FollowUp
	u := newClockUI(t, now, func(d *data.DB) {
		c := addTestClient(t, d, "Zoë Dubois")
		late = addTestFollowUp(t, d, c, "Ask how the new schedule works", now.Add(-2*time.Hour))
	})
	u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
	u.showSection(u.sectionIndex("Follow-ups"))
	s := u.followups
	v := rowView(t, s, late.ID)
	test.Tap(v.snooze)
	menu := s.lastSnooze
	if menu == nil || !menu.Visible() {
		t.Fatal("no snooze menu")
	}
	// Items: 1 hour, Tomorrow 9:00, In 3 days, Next week, separator, Pick a day…
	test.Tap(menu.Items[1].(fyne.Tappable))
	f, _ := u.store.FollowUp(u.ctx, late.ID)
	want := time.Date(2026, 11, 24, 9, 0, 0, 0, time.Local)
	if !f.Due.Equal(want) || f.Done() {
		t.Fatalf("due %v, want %v", f.Due.Local(), want)
	}
	if got := headings(s); got != "This week (1)" {
		t.Fatalf("groups after snooze %q", got)
	}
	if u.badges[u.sectionIndex("Follow-ups")] != 0 {
		t.Fatal("badge still counts it")
	}
}

func TestFollowUpsExportICS(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	u := newClockUI(t, now, func(d *data.DB) {
		c := addTestClient(t, d, "Ana")
		addTestFollowUp(t, d, c, "Call", now.Add(time.Hour))
	})
	u.showSection(u.sectionIndex("Follow-ups"))
	s := u.followups
	// Events by default (what Google Calendar and Outlook show); the choice is kept.
	s.onExport()
	if s.calendar.kind.Selected != calendarEvents {
		t.Fatalf("first choice %q", s.calendar.kind.Selected)
	}
	s.calendar.kind.SetSelected(calendarTodos)
	test.Tap(s.calendar.next)
	s.onExport()
	if s.calendar.kind.Selected != calendarTodos {
		t.Fatalf("the choice was not kept: %q", s.calendar.kind.Selected)
	}
	for _, c := range []struct {
		events bool
		want   string
	}{{false, "BEGIN:VTODO\r\n"}, {true, "BEGIN:VEVENT\r\n"}} {
		var buf bytes.Buffer
		n, err := s.exportTo(&buf, c.events)
		if err != nil || n != 1 || !strings.Contains(buf.String(), c.want) {
			t.Fatalf("%d %v %q", n, err, buf.String())
		}
	}
}

func TestOfferCheckIns(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	var c data.Client
	u := newClockUI(t, now, func(d *data.DB) { c = addTestClient(t, d, "Mei Wang") })
	u.showSection(u.sectionIndex("Follow-ups"))
	o := u.offerCheckIns(c, 0, now)
	test.Tap(o.ok)
	if got := headings(u.followups); got != "This week (1) | Later (1)" {
		t.Fatalf("groups %q", got)
	}
	fs, _ := u.store.ClientFollowUps(u.ctx, c.ID)
	if len(fs) != 2 || fs[0].Source != data.SourceCheckIn || !fs[1].Due.Equal(now.AddDate(0, 3, 0)) {
		t.Fatalf("check-ins %+v", fs)
	}
	// Unticking one schedules only the other.
	o = u.offerCheckIns(c, 0, now)
	test.Tap(o.checks[1])
	test.Tap(o.ok)
	if fs, _ := u.store.ClientFollowUps(u.ctx, c.ID); len(fs) != 3 {
		t.Fatalf("%d follow-ups, want 3", len(fs))
	}
}

func TestComplaintOutcomeFollowUps(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	var c data.Client
	var k data.Complaint
	u := newClockUI(t, now, func(d *data.DB) {
		c = addTestClient(t, d, "Hélène Girard")
		var err error
		if k, err = d.StartComplaint(context.Background(), c.ID, 0); err != nil {
			t.Fatal(err)
		}
	})
	// Resolved and retained: the check-ins are offered and tied to the complaint.
	u.afterOutcome(c, k.ID, data.OutcomeOpen, data.OutcomeRetained, "")
	if u.seen.checkIns == nil {
		t.Fatal("no check-ins offered")
	}
	test.Tap(u.seen.checkIns.ok)
	fs, _ := u.store.ClientFollowUps(u.ctx, c.ID)
	if len(fs) != 2 || fs[0].ComplaintID != k.ID || fs[0].Source != data.SourceCheckIn {
		t.Fatalf("check-ins %+v", fs)
	}
	// Lost: asked why, with the root cause preselected when it is also a loss reason.
	u.afterOutcome(c, k.ID, data.OutcomeRetained, data.OutcomeLost, "Missed deadline")
	if u.seen.lost == nil || u.seen.lost.reason.Selected != "missed deadline" {
		t.Fatalf("lost dialog %+v", u.seen.lost)
	}
	// Setting the same outcome again asks nothing.
	u.seen.checkIns = nil
	u.afterOutcome(c, k.ID, data.OutcomeRetained, data.OutcomeRetained, "")
	if u.seen.checkIns != nil {
		t.Fatal("asked again for an unchanged outcome")
	}
}

// A follow-up that falls due while the app sits open is counted within the minute, and
// the list moves it to Overdue when the hour turns or the screen is shown again.
func TestFollowUpFallingDueWhileOpen(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	clock := now
	u := newClockUI(t, now, func(d *data.DB) {
		c := addTestClient(t, d, "Ana")
		addTestFollowUp(t, d, c, "Call back", now.Add(30*time.Minute))
	})
	u.store.Now = func() time.Time { return clock }
	fu := u.sectionIndex("Follow-ups")
	u.showSection(fu)
	if got := headings(u.followups); !strings.HasPrefix(got, "Today") || u.badges[fu] != 0 {
		t.Fatalf("at 10:00: %q, badge %d", got, u.badges[fu])
	}
	clock = now.Add(45 * time.Minute)
	u.tick(false)
	if u.badges[fu] != 1 {
		t.Fatalf("badge %d a minute after it fell due", u.badges[fu])
	}
	if got := headings(u.followups); !strings.HasPrefix(got, "Today") {
		t.Fatalf("the list moved before the hour turned: %q", got)
	}
	u.tick(true)
	if got := headings(u.followups); !strings.HasPrefix(got, "Overdue") {
		t.Fatalf("after the hour turned: %q", got)
	}
	// Shown again after a while elsewhere: current at once.
	clock = now
	u.showSection(u.sectionIndex("Clients"))
	u.showSection(fu)
	if got := headings(u.followups); !strings.HasPrefix(got, "Today") {
		t.Fatalf("shown again: %q", got)
	}
}
