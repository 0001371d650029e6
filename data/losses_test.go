package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func reasonID(t *testing.T, d *DB, name string) int64 {
	t.Helper()
	rs, err := d.LossReasons(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Name == name {
			return r.ID
		}
	}
	t.Fatalf("no reason %q in %+v", name, rs)
	return 0
}

func TestLossReasonsEditable(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	rs, _ := d.LossReasons(ctx)
	var names []string
	for _, r := range rs {
		names = append(names, r.Name)
	}
	if strings.Join(names, ",") != "price,quality,missed deadline,communication,changed needs,moved to competitor,out of our control,unknown" {
		t.Fatalf("default reasons %v", names)
	}
	r, err := d.AddLossReason(ctx, "  retired ")
	if err != nil || r.Name != "retired" || r.Position != 9 {
		t.Fatalf("%+v %v", r, err)
	}
	var fe *FieldError
	if _, err := d.AddLossReason(ctx, "Price"); !errors.As(err, &fe) {
		t.Fatalf("duplicate reason: %v", err)
	}
	if err := d.RenameLossReason(ctx, r.ID, "retired or sold"); err != nil {
		t.Fatal(err)
	}
	c := mustClient(t, d, "Ivan")
	if _, err := d.MarkLost(ctx, Loss{ClientID: c.ID, LostOn: NewDate(2026, 10, 1), ReasonID: r.ID}); err != nil {
		t.Fatal(err)
	}
	if err := d.DeleteLossReason(ctx, r.ID); !errors.Is(err, ErrReasonInUse) {
		t.Fatalf("deleted a reason in use: %v", err)
	}
	if err := d.DeleteLossReason(ctx, reasonID(t, d, "price")); err != nil {
		t.Fatal(err)
	}
	if rs, _ := d.LossReasons(ctx); len(rs) != 8 || rs[7].Name != "retired or sold" {
		t.Fatalf("after edits %+v", rs)
	}
}

func TestMarkLostAndWonBack(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c := mustClient(t, d, "Ελένη Γεωργίου") // since 2020-01-01, 12,000.00 a year
	for _, tc := range []struct {
		l     Loss
		field string
	}{
		{Loss{ClientID: c.ID, ReasonID: 1}, "date"},
		{Loss{ClientID: c.ID, LostOn: NewDate(2030, 1, 1), ReasonID: 1}, "date"},
		{Loss{ClientID: c.ID, LostOn: NewDate(2019, 1, 1), ReasonID: 1}, "date"},
		{Loss{ClientID: c.ID, LostOn: NewDate(2026, 1, 1)}, "reason"},
	} {
		var fe *FieldError
		if _, err := d.MarkLost(ctx, tc.l); !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("%+v: %v, want a %s error", tc.l, err, tc.field)
		}
	}
	l, err := d.MarkLost(ctx, Loss{ClientID: c.ID, LostOn: NewDate(2026, 3, 15), ReasonID: reasonID(t, d, "missed deadline"),
		Story: "The audit report came three weeks late.", ExitInterview: true, ExitBy: "Maria", KeepMailing: true})
	if err != nil {
		t.Fatal(err)
	}
	// 2020-01-01 → 2026-03-15 is 2265 days.
	if l.IncomeLost != 1200000 || l.TenureDays != 2265 || l.Reason != "missed deadline" {
		t.Fatalf("loss %+v", l)
	}
	got, _ := d.Client(ctx, c.ID)
	if got.Status != StatusLost {
		t.Fatalf("status %s", got.Status)
	}
	tl, _ := d.Timeline(ctx, c.ID)
	var note string
	for _, e := range tl {
		if strings.HasPrefix(e.Summary, "Client lost") {
			note = e.Summary + "|" + e.Body
		}
	}
	if note != "Client lost: missed deadline (after 6 years 2 months)|The audit report came three weeks late.\nExit interview planned (by Maria).\nStays on the mailing list." {
		t.Fatalf("timeline note %q", note)
	}
	other := mustClient(t, d, "No Reason")
	if err := d.SetStatus(ctx, other.ID, StatusLost); err != nil {
		t.Fatal(err)
	}
	lost, err := d.LostClients(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(lost) != 2 {
		t.Fatalf("lost %+v", lost)
	}
	// The status-only one changed today (2026-11-23), so it is the most recent.
	if lost[0].Client.ID != other.ID || lost[0].Loss.ID != 0 || lost[0].Loss.Reason != "not recorded" ||
		lost[0].Loss.IncomeLost != 1200000 {
		t.Errorf("status-only loss %+v", lost[0])
	}
	if lost[1].Loss.ID != l.ID || !lost[1].Loss.ExitInterview || lost[1].Loss.ExitBy != "Maria" || lost[1].Loss.TenureDays != 2265 {
		t.Errorf("recorded loss %+v", lost[1].Loss)
	}
	if err := d.MarkWonBack(ctx, c.ID, NewDate(2026, 9, 1)); err != nil {
		t.Fatal(err)
	}
	got, _ = d.Client(ctx, c.ID)
	ls, _ := d.Losses(ctx, c.ID)
	if got.Status != StatusWonBack || len(ls) != 1 || ls[0].WonBackOn != NewDate(2026, 9, 1) {
		t.Fatalf("won back: %s %+v", got.Status, ls)
	}
	if lost, _ := d.LostClients(ctx); len(lost) != 1 {
		t.Fatalf("won-back client still in the lost folder")
	}
	if err := d.LetGo(ctx, other.ID, "costs more than they bring"); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.Client(ctx, other.ID); got.Status != StatusLetGo {
		t.Fatalf("let go: %s", got.Status)
	}
}

func TestFeedback(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	a := mustClient(t, d, "Asked Recently")
	b := mustClient(t, d, "Asked Long Ago")
	never := mustClient(t, d, "Never Asked")
	gone := mustClient(t, d, "Gone")
	_ = d.SetStatus(ctx, gone.ID, StatusLost)
	var fe *FieldError
	if _, err := d.SaveFeedback(ctx, Feedback{ClientID: a.ID, Asked: NewDate(2026, 10, 1), Satisfaction: 6, Recommend: NoScore}); !errors.As(err, &fe) {
		t.Fatalf("satisfaction 6 accepted: %v", err)
	}
	if _, err := d.SaveFeedback(ctx, Feedback{ClientID: a.ID, Asked: NewDate(2026, 10, 1), Satisfaction: NoScore, Recommend: 11}); !errors.As(err, &fe) {
		t.Fatalf("recommend 11 accepted: %v", err)
	}
	req, err := d.SaveFeedback(ctx, Feedback{ClientID: a.ID, Asked: NewDate(2026, 10, 1), Channel: "email", Satisfaction: NoScore, Recommend: NoScore})
	if err != nil {
		t.Fatal(err)
	}
	req.Satisfaction, req.Recommend, req.Comment, req.Answered = 2, 5, "Reports are always late", NewDate(2026, 10, 8)
	if req, err = d.SaveFeedback(ctx, req); err != nil {
		t.Fatal(err)
	}
	if !req.Low() || req.Scores() != "satisfaction 2/5, would recommend 5/10" {
		t.Fatalf("%+v", req)
	}
	if (Feedback{Satisfaction: 3, Recommend: 7}).Low() || !(Feedback{Satisfaction: NoScore, Recommend: 6}).Low() {
		t.Error("low thresholds")
	}
	tl, _ := d.Timeline(ctx, a.ID)
	if len(tl) != 1 || tl[0].Summary != "Feedback: satisfaction 2/5, would recommend 5/10" || tl[0].Body != "Reports are always late" {
		t.Fatalf("timeline %+v", tl)
	}
	if _, err := d.SaveFeedback(ctx, Feedback{ClientID: b.ID, Asked: NewDate(2025, 12, 1), Satisfaction: 5, Recommend: 10}); err != nil {
		t.Fatal(err)
	}
	fb, _ := d.ClientFeedback(ctx, a.ID)
	if len(fb) != 1 || fb[0].Satisfaction != 2 || fb[0].Answered != NewDate(2026, 10, 8) {
		t.Fatalf("read back %+v", fb)
	}
	months, _ := d.FeedbackMonths(ctx)
	if months != 6 {
		t.Fatalf("default months %d", months)
	}
	now := d.Now()
	list, err := d.ClientsToAsk(ctx, months, now, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := d.CountToAsk(ctx, months, now); n != 2 || len(list) != 2 || list[0].Client.ID != never.ID ||
		list[1].Client.ID != b.ID || list[1].LastAsked != NewDate(2025, 12, 1) {
		t.Fatalf("to ask %d %+v", n, list)
	}
	_ = d.SetSetting(ctx, SettingFeedbackMonths, "12")
	if m, _ := d.FeedbackMonths(ctx); m != 12 {
		t.Fatal("setting not read")
	}
	if n, _ := d.CountToAsk(ctx, 12, now); n != 1 {
		t.Fatalf("to ask within 12 months: %d", n)
	}
	// The low score logs a red alert and the client goes at risk.
	if err := d.RaiseLowScore(ctx, req); err != nil {
		t.Fatal(err)
	}
	got, _ := d.Client(ctx, a.ID)
	tl, _ = d.Timeline(ctx, a.ID)
	if got.Status != StatusAtRisk || !strings.Contains(timelineText(tl), "Red alert (serious): Other") {
		t.Fatalf("status %s, timeline %s", got.Status, timelineText(tl))
	}
	// Its kind, severity and note are stored on the alert.
	if err := d.RaiseLowScore(ctx, Feedback{ID: 9, ClientID: b.ID, Answered: NewDate(2026, 11, 1), Satisfaction: NoScore, Recommend: 4}); err != nil {
		t.Fatal(err)
	}
	var kind, sev, note string
	if err := d.SQL().QueryRow(`SELECT kind, severity, note FROM alerts WHERE client_id=?`, b.ID).Scan(&kind, &sev, &note); err != nil {
		t.Fatal(err)
	}
	if kind != "other" || sev != "minor" || note != "Low feedback score: would recommend 4/10" {
		t.Fatalf("alert %s %s %q", kind, sev, note)
	}
	if err := d.DeleteFeedback(ctx, req.ID); err != nil {
		t.Fatal(err)
	}
	if fb, _ := d.ClientFeedback(ctx, a.ID); len(fb) != 0 {
		t.Fatal("not deleted")
	}
}

func timelineText(es []Entry) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(e.Summary + " | " + e.Body + "\n")
	}
	return b.String()
}

// The list to ask for feedback, as it looked when shown: clients asked since keep their
// rows in every page, whatever the page size, and the rest are as the index orders them.
func TestClientsToAskKeepTheirPlaceSince(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	clock := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	d.Now = func() time.Time { return clock }
	var all []Client
	for i := 0; i < 23; i++ {
		c, err := d.CreateClient(ctx, Client{Name: fmt.Sprintf("%s %02d", []string{"anna", "Bo", "carl", "Dora"}[i%4], i), Status: StatusActive})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, c)
		if i%3 == 0 { // asked long ago: still due, sorted by that day
			if _, err := d.SaveFeedback(ctx, Feedback{ClientID: c.ID, Asked: NewDate(2025, time.Month(1+i%5), 1),
				Satisfaction: NoScore, Recommend: NoScore}); err != nil {
				t.Fatal(err)
			}
		}
	}
	ids := func(ts []ToAsk) []int64 {
		out := make([]int64, len(ts))
		for i, x := range ts {
			out[i] = x.Client.ID
		}
		return out
	}
	before, err := d.ClientsToAsk(ctx, 6, clock, 0, 100)
	if err != nil || len(before) != 23 {
		t.Fatalf("%d due, %v", len(before), err)
	}
	since := clock
	clock = clock.Add(time.Minute)
	for _, i := range []int{0, 7, 8, 22} { // asked now, from the list
		if _, err := d.SaveFeedback(ctx, Feedback{ClientID: before[i].Client.ID, Asked: DateOf(clock),
			Satisfaction: NoScore, Recommend: NoScore}); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := d.CountToAskSince(ctx, 6, clock, since); err != nil || n != 23 {
		t.Fatalf("count since %d, %v", n, err)
	}
	if n, _ := d.CountToAsk(ctx, 6, clock); n != 19 {
		t.Fatalf("count now %d, want 19", n)
	}
	for _, size := range []int{1, 3, 5, 100} {
		var got []ToAsk
		for off := 0; off < 23; off += size {
			page, err := d.ClientsToAskSince(ctx, 6, clock, since, off, size)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) != min(size, 23-off) {
				t.Fatalf("size %d offset %d: %d rows", size, off, len(page))
			}
			got = append(got, page...)
		}
		if fmt.Sprint(ids(got)) != fmt.Sprint(ids(before)) {
			t.Fatalf("page size %d: %v, as shown %v", size, ids(got), ids(before))
		}
		for _, i := range []int{0, 7, 8, 22} {
			if got[i].AskedSince.IsZero() {
				t.Fatalf("row %d does not say it was asked", i)
			}
		}
	}
	_ = all
}
