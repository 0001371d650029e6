package data

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/amends/amends/data/ics"
)

func mustClient(t *testing.T, d *DB, name string) Client {
	t.Helper()
	c, err := d.CreateClient(context.Background(), Client{Name: name, Since: NewDate(2020, 1, 1), YearlyIncome: 1200000})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestFollowUpLifecycle(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c := mustClient(t, d, "Anna Schmidt")
	now := d.Now()
	if _, err := d.AddFollowUp(ctx, FollowUp{ClientID: c.ID, Due: now}); err == nil {
		t.Fatal("follow-up without text saved")
	} else if fe := (*FieldError)(nil); !errors.As(err, &fe) || fe.Field != "what" {
		t.Fatalf("want field error on what, got %v", err)
	}
	late, err := d.AddFollowUp(ctx, FollowUp{ClientID: c.ID, What: "Send the revised plan", Due: now.Add(-2 * time.Hour), Channel: "email"})
	if err != nil {
		t.Fatal(err)
	}
	if late.Source != SourceManual || late.ClientName != "Anna Schmidt" || late.ComplaintID != 0 {
		t.Fatalf("added %+v", late)
	}
	soon, err := d.AddFollowUp(ctx, FollowUp{ClientID: c.ID, What: "Call", Due: now.Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := d.CountOverdue(ctx, d.Now()); n != 1 {
		t.Fatalf("overdue = %d, want 1", n)
	}
	done, err := d.MarkDone(ctx, late.ID, "Sent it; she was pleased", 1.5)
	if err != nil {
		t.Fatal(err)
	}
	if !done.Done() || done.DoneNote != "Sent it; she was pleased" || done.Hours != 1.5 {
		t.Fatalf("done %+v", done)
	}
	if _, err := d.MarkDone(ctx, late.ID, "again", 0); err == nil {
		t.Fatal("marked done twice")
	}
	tl, _ := d.Timeline(ctx, c.ID)
	if len(tl) != 1 || tl[0].Kind != KindFollowUp || tl[0].Summary != "Done: Send the revised plan" ||
		!strings.Contains(tl[0].Body, "she was pleased") || !strings.Contains(tl[0].Body, "1.5 h") {
		t.Fatalf("timeline %+v", tl)
	}
	if n, _ := d.CountOverdue(ctx, d.Now()); n != 0 {
		t.Fatalf("overdue after done = %d", n)
	}
	h, _ := d.FollowUpHours(ctx, c.ID, now.AddDate(-1, 0, 0), now.AddDate(0, 0, 1))
	if h != 1.5 {
		t.Fatalf("hours %v", h)
	}
	open, _ := d.OpenFollowUps(ctx)
	if len(open) != 1 || open[0].ID != soon.ID {
		t.Fatalf("open %+v", open)
	}
	// Undo brings it back and takes its entry off the timeline.
	if _, err := d.UndoDone(ctx, late.ID); err != nil {
		t.Fatal(err)
	}
	if tl, _ := d.Timeline(ctx, c.ID); len(tl) != 0 {
		t.Fatalf("timeline after undo %+v", tl)
	}
	if open, _ := d.OpenFollowUps(ctx); len(open) != 2 || open[0].ID != late.ID {
		t.Fatalf("open after undo %+v", open)
	}
	// Snooze moves it into the future; the past is refused.
	if _, err := d.Snooze(ctx, late.ID, now.Add(-time.Hour)); err == nil {
		t.Fatal("snoozed into the past")
	}
	until := d.Now().Add(24 * time.Hour).Truncate(time.Second)
	sn, err := d.Snooze(ctx, late.ID, until)
	if err != nil {
		t.Fatal(err)
	}
	if !sn.Due.Equal(until) {
		t.Fatalf("due after snooze %v, want %v", sn.Due, until)
	}
	if n, _ := d.CountOverdue(ctx, d.Now()); n != 0 {
		t.Fatalf("overdue after snooze = %d", n)
	}
	list, _ := d.ClientFollowUps(ctx, c.ID)
	if len(list) != 2 || list[0].ID != late.ID {
		t.Fatalf("client list %+v", list)
	}
	if err := d.DeleteFollowUp(ctx, soon.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := d.FollowUp(ctx, soon.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted follow-up still there: %v", err)
	}
}

func TestScheduleCheckIns(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c := mustClient(t, d, "Jörg Müller")
	resolved := time.Date(2026, 1, 31, 14, 0, 0, 0, time.UTC)
	fs, err := d.ScheduleCheckIns(ctx, c.ID, 0, resolved, DefaultCheckIns())
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 {
		t.Fatalf("%d check-ins", len(fs))
	}
	// A week after Saturday 31 January is a Saturday: the call is on Monday, at 10:00.
	if !fs[0].Due.Equal(time.Date(2026, 2, 9, 10, 0, 0, 0, time.Local)) || fs[0].Source != SourceCheckIn ||
		!strings.Contains(fs[0].What, "1 week") {
		t.Errorf("first check-in %+v", fs[0])
	}
	// 31 Jan + 3 months normalises like time.AddDate: 1 May, a Friday.
	if !fs[1].Due.Equal(time.Date(2026, 5, 1, 10, 0, 0, 0, time.Local)) || !strings.Contains(fs[1].What, "3 months") {
		t.Errorf("second check-in %+v", fs[1])
	}
}

// Check-ins fall in working hours: never at the minute the complaint was resolved
// (19:42), never on a weekend.
func TestCheckInTimes(t *testing.T) {
	for _, c := range []struct{ resolved, want time.Time }{
		{time.Date(2026, 12, 1, 19, 42, 0, 0, time.Local), time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local)},   // Tuesday evening
		{time.Date(2026, 12, 4, 7, 5, 0, 0, time.Local), time.Date(2026, 12, 4, 10, 0, 0, 0, time.Local)},     // Friday morning
		{time.Date(2026, 12, 5, 11, 0, 0, 0, time.Local), time.Date(2026, 12, 7, 10, 0, 0, 0, time.Local)},    // Saturday: Monday
		{time.Date(2026, 12, 6, 23, 59, 0, 0, time.Local), time.Date(2026, 12, 7, 10, 0, 0, 0, time.Local)},   // Sunday: Monday
		{time.Date(2026, 12, 31, 16, 30, 0, 0, time.Local), time.Date(2026, 12, 31, 10, 0, 0, 0, time.Local)}, // Thursday
	} {
		if got := CheckInTime(c.resolved); !got.Equal(c.want) {
			t.Errorf("CheckInTime(%v) = %v, want %v", c.resolved, got, c.want)
		}
	}
	d := openTest(t)
	c := mustClient(t, d, "Ana Ruiz")
	fs, err := d.ScheduleCheckIns(context.Background(), c.ID, 0, time.Date(2026, 12, 1, 19, 42, 0, 0, time.Local), DefaultCheckIns())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		l := f.Due.Local()
		if l.Hour() != 10 || l.Minute() != 0 || l.Weekday() == time.Saturday || l.Weekday() == time.Sunday {
			t.Errorf("check-in at %v", l)
		}
	}
	if got := fs[0].Due.Local(); !got.Equal(time.Date(2026, 12, 8, 10, 0, 0, 0, time.Local)) {
		t.Errorf("a week after Tuesday 1 December: %v", got)
	}
}

func TestPeriodLabel(t *testing.T) {
	for p, want := range map[Period]string{{Days: 7}: "1 week", {Months: 3}: "3 months", {Months: 12}: "1 year",
		{Days: 10}: "10 days", {Months: 1, Days: 14}: "1 month and 2 weeks", {}: "right away"} {
		if got := p.Label(); got != want {
			t.Errorf("%+v: %q, want %q", p, got, want)
		}
	}
}

func TestBucketOf(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) // a Monday
	for _, tc := range []struct {
		due  time.Time
		want Bucket
	}{
		{now.Add(-time.Minute), Overdue},
		{now.AddDate(0, 0, -3), Overdue},
		{now, DueToday},
		{time.Date(2026, 11, 23, 23, 59, 0, 0, time.UTC), DueToday},
		{time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), DueThisWeek},
		{time.Date(2026, 11, 30, 23, 59, 0, 0, time.UTC), DueThisWeek},
		{time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), DueLater},
	} {
		if got := BucketOf(tc.due, now); got != tc.want {
			t.Errorf("due %v: %v, want %v", tc.due, got, tc.want)
		}
	}
}

func TestDueAcceptsBareDate(t *testing.T) {
	got, err := parseDue("2026-12-01")
	if err != nil || !got.Equal(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)) {
		t.Fatalf("%v %v", got, err)
	}
}

func TestExportFollowUpsICS(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c := mustClient(t, d, "Zoë Dubois, Lefèvre; Partners")
	due := time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC)
	a, _ := d.AddFollowUp(ctx, FollowUp{ClientID: c.ID, What: "Email the revised report\nwith the new figures", Due: due, Channel: "email"})
	b, _ := d.AddFollowUp(ctx, FollowUp{ClientID: c.ID, What: "Done already", Due: due})
	if _, err := d.MarkDone(ctx, b.ID, "", 0); err != nil {
		t.Fatal(err)
	}
	export := func() *ics.Component {
		var buf bytes.Buffer
		n, err := d.ExportFollowUps(ctx, &buf, false)
		if err != nil || n != 1 {
			t.Fatalf("exported %d, %v", n, err)
		}
		root, err := ics.Parse(&buf)
		if err != nil {
			t.Fatal(err)
		}
		return root
	}
	first := export()
	if len(first.Components) != 1 {
		t.Fatalf("%d to-dos, want only the open one", len(first.Components))
	}
	todo := first.Components[0]
	if todo.Text("UID") != "followup-"+itoa(a.ID)+"@amends.app" || todo.Text("DUE") != "20261130T160000Z" ||
		todo.Text("SUMMARY") != "Zoë Dubois, Lefèvre; Partners: Email the revised report\nwith the new figures" ||
		!strings.Contains(todo.Text("DESCRIPTION"), "Reminder by email") {
		t.Fatalf("to-do %+v", todo.Props)
	}
	// Snoozing and exporting again keeps the UID, so calendars update the same to-do.
	if _, err := d.Snooze(ctx, a.ID, due.AddDate(0, 0, 2)); err != nil {
		t.Fatal(err)
	}
	second := export().Components[0]
	if second.Text("UID") != todo.Text("UID") || second.Text("DUE") != "20261202T160000Z" {
		t.Fatalf("re-export %+v", second.Props)
	}
	if second.Name != "VTODO" {
		t.Fatalf("component %s, want VTODO", second.Name)
	}
}

// For calendars that ignore to-dos (Google Calendar) follow-ups go out as events at the
// due time, with their own stable UID and the alarm before the start.
func TestExportFollowUpsAsEvents(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c := mustClient(t, d, "Łukasz Wiśniewski")
	due := time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC)
	a, _ := d.AddFollowUp(ctx, FollowUp{ClientID: c.ID, What: "Call about the refund", Due: due, Channel: "phone"})
	export := func() *ics.Component {
		var buf bytes.Buffer
		if n, err := d.ExportFollowUps(ctx, &buf, true); err != nil || n != 1 {
			t.Fatalf("exported %d, %v", n, err)
		}
		root, err := ics.Parse(&buf)
		if err != nil || len(root.Components) != 1 {
			t.Fatalf("%v, %+v", err, root)
		}
		return root.Components[0]
	}
	ev := export()
	if ev.Name != "VEVENT" || ev.Text("UID") != "followup-"+itoa(a.ID)+"-event@amends.app" ||
		ev.Text("DTSTART") != "20261130T160000Z" || ev.Text("DURATION") != "PT30M" ||
		ev.Text("TRANSP") != "TRANSPARENT" || ev.Text("SUMMARY") != "Łukasz Wiśniewski: Call about the refund" {
		t.Fatalf("event %s %+v", ev.Name, ev.Props)
	}
	if _, ok := ev.Get("DUE"); ok {
		t.Error("an event may not have DUE")
	}
	if _, ok := ev.Get("STATUS"); ok {
		t.Error("NEEDS-ACTION is a to-do status, not an event's")
	}
	if len(ev.Components) != 1 || ev.Components[0].Text("TRIGGER") != "-PT15M" {
		t.Fatalf("alarm %+v", ev.Components)
	}
	if p, _ := ev.Components[0].Get("TRIGGER"); p.Params["RELATED"] != "" {
		t.Errorf("event alarm related to %q, want the start", p.Params["RELATED"])
	}
	if _, err := d.Snooze(ctx, a.ID, due.AddDate(0, 0, 1)); err != nil {
		t.Fatal(err)
	}
	if again := export(); again.Text("UID") != ev.Text("UID") || again.Text("DTSTART") != "20261201T160000Z" {
		t.Fatalf("re-export %+v", again.Props)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func exec(t *testing.T, d *DB, q string, args ...any) {
	t.Helper()
	if _, err := d.SQL().Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
