package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func newTestClient(t *testing.T, d *DB, name string, s Status) Client {
	t.Helper()
	c, err := d.CreateClient(context.Background(), Client{Name: name, Status: s})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLogAlertMarksAtRiskAndWritesTimeline(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c := newTestClient(t, d, "Zoë Dubois", StatusActive)
	received := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	a, err := d.LogAlert(ctx, Alert{ClientID: c.ID, Kind: AlertComplaint, Received: received, Channel: "Phone",
		Severity: SeveritySerious, Note: "  Report was late and wrong  "}, AlertOptions{MarkAtRisk: true})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || a.Note != "Report was late and wrong" || !a.Open() || a.ClientName != "Zoë Dubois" {
		t.Fatalf("logged %+v", a)
	}
	got, _ := d.Client(ctx, c.ID)
	if got.Status != StatusAtRisk {
		t.Errorf("status = %s, want at risk", got.Status)
	}
	tl, _ := d.Timeline(ctx, c.ID)
	var alertEntry *Entry
	for i := range tl {
		if tl[i].Kind == KindAlert {
			alertEntry = &tl[i]
		}
	}
	if alertEntry == nil || alertEntry.Ref != "alert:1" || !alertEntry.At.Equal(received) ||
		!strings.Contains(alertEntry.Body, "Report was late") || !strings.Contains(alertEntry.Summary, "serious") {
		t.Fatalf("timeline: %+v", tl)
	}
	if len(tl) != 2 {
		t.Errorf("want alert and status entries, got %d", len(tl))
	}

	// Without the option, or for a lost client, the status stays.
	lost := newTestClient(t, d, "Lost Ltd", StatusLost)
	if _, err := d.LogAlert(ctx, Alert{ClientID: lost.ID, Kind: AlertBadReview, Received: received, Severity: SeverityMinor},
		AlertOptions{MarkAtRisk: true}); err != nil {
		t.Fatal(err)
	}
	other := newTestClient(t, d, "Other GmbH", StatusActive)
	if _, err := d.LogAlert(ctx, Alert{ClientID: other.ID, Kind: AlertGoneSilent, Received: received, Severity: SeverityMinor},
		AlertOptions{}); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]Status{lost.ID: StatusLost, other.ID: StatusActive} {
		if c, _ := d.Client(ctx, id); c.Status != want {
			t.Errorf("client %d status %s, want %s", id, c.Status, want)
		}
	}
}

func TestLogAlertValidation(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c := newTestClient(t, d, "Ann", StatusActive)
	ok := Alert{ClientID: c.ID, Kind: AlertLatePayment, Received: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Severity: SeverityMinor}
	tests := []struct {
		name  string
		edit  func(*Alert)
		field string
	}{
		{"no client", func(a *Alert) { a.ClientID = 0 }, "client"},
		{"bad kind", func(a *Alert) { a.Kind = "rumour" }, "kind"},
		{"no severity", func(a *Alert) { a.Severity = "" }, "severity"},
		{"no date", func(a *Alert) { a.Received = time.Time{} }, "received"},
		{"future", func(a *Alert) { a.Received = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC) }, "received"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ok
			tt.edit(&a)
			_, err := d.LogAlert(ctx, a, AlertOptions{})
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("err = %v, want field error on %s", err, tt.field)
			}
		})
	}
	if _, err := d.LogAlert(ctx, Alert{ClientID: 999, Kind: AlertOther, Received: ok.Received, Severity: SeverityMinor}, AlertOptions{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown client: %v", err)
	}
	if n, _ := d.CountOpenAlerts(ctx); n != 0 {
		t.Errorf("failed logs left %d alerts", n)
	}
}

func TestOpenAlertsOrderAndResolve(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c := newTestClient(t, d, "Ann", StatusActive)
	day := func(n int) time.Time { return time.Date(2026, 11, n, 12, 0, 0, 0, time.UTC) }
	log := func(s Severity, received time.Time) Alert {
		a, err := d.LogAlert(ctx, Alert{ClientID: c.ID, Kind: AlertComplaint, Received: received, Severity: s}, AlertOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	minorOld := log(SeverityMinor, day(1))
	critNew := log(SeverityCritical, day(20))
	seriousNew := log(SeveritySerious, day(15))
	critOld := log(SeverityCritical, day(3))
	list, err := d.OpenAlerts(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, a := range list {
		got = append(got, a.ID)
	}
	want := []int64{critOld.ID, critNew.ID, seriousNew.ID, minorOld.ID}
	if len(got) != len(want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
	if n, _ := d.CountOpenAlerts(ctx); n != 4 {
		t.Errorf("open = %d", n)
	}

	var fe *FieldError
	if err := d.ResolveAlert(ctx, critNew.ID, day(19), "too early"); !errors.As(err, &fe) {
		t.Errorf("resolving before received: %v", err)
	}
	if err := d.ResolveAlert(ctx, critNew.ID, day(22), "Called back, sent the corrected report"); err != nil {
		t.Fatal(err)
	}
	if err := d.ResolveAlert(ctx, critNew.ID, day(22), "again"); !errors.Is(err, ErrAlertResolved) {
		t.Errorf("resolving twice: %v", err)
	}
	a, _ := d.Alert(ctx, critNew.ID)
	if a.Open() || a.TimeToResolution() != 48*time.Hour || a.Resolution != "Called back, sent the corrected report" {
		t.Fatalf("resolved %+v, ttr %v", a, a.TimeToResolution())
	}
	if n, _ := d.CountOpenAlerts(ctx); n != 3 {
		t.Errorf("open after resolve = %d", n)
	}
	if res, _ := d.RecentlyResolvedAlerts(ctx, 10); len(res) != 1 || res[0].ID != critNew.ID {
		t.Errorf("recently resolved: %+v", res)
	}
	tl, _ := d.Timeline(ctx, c.ID)
	found := false
	for _, e := range tl {
		if e.Ref == alertRef(critNew.ID) {
			found = strings.HasSuffix(e.Summary, "resolved") && strings.Contains(e.Body, "corrected report")
		}
	}
	if !found {
		t.Errorf("timeline entry not updated on resolve: %+v", tl)
	}
	// Archived clients' alerts leave the list and the badge.
	if err := d.SetArchived(ctx, c.ID, true); err != nil {
		t.Fatal(err)
	}
	if n, _ := d.CountOpenAlerts(ctx); n != 0 {
		t.Errorf("archived client's alerts counted: %d", n)
	}
	if all, _ := d.ClientAlerts(ctx, c.ID); len(all) != 4 {
		t.Errorf("client alerts = %d", len(all))
	}
}

func TestAlertLabelsRoundTrip(t *testing.T) {
	for _, k := range AlertKinds() {
		if got, ok := AlertKindFromLabel(k.Label()); !ok || got != k {
			t.Errorf("kind %s", k)
		}
	}
	for _, s := range Severities() {
		if got, ok := SeverityFromLabel(s.Label()); !ok || got != s {
			t.Errorf("severity %s", s)
		}
	}
}

func TestChannelPhrase(t *testing.T) {
	for in, want := range map[string]string{"Phone": "via phone", "Noticed ourselves": "noticed by us",
		"In person": "in person", "Review site": "via review site", " ": ""} {
		if got := ChannelPhrase(in); got != want {
			t.Errorf("ChannelPhrase(%q) = %q, want %q", in, got, want)
		}
	}
}
