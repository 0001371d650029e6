package data

import (
	"context"
	"math"
	"testing"
	"time"
)

func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// handSpans is the worked example of the retention tests (see the comments in TestRetentionByYear).
func handSpans() []Span {
	return []Span{
		{Start: day("2020-05-01")}, // A: stays throughout
		{Start: day("2021-03-01"), Departures: []Departure{{Left: day("2024-06-15")}}}, // B: lost 2024
		{Start: day("2024-02-01")}, // C: new 2024
		{Start: day("2022-01-01"), Departures: []Departure{{Left: day("2023-11-01"), Returned: day("2024-09-01")}}}, // D: won back 2024
		{Start: day("2024-03-01"), Departures: []Departure{{Left: day("2024-10-01")}}},                              // E: new and lost 2024
		{Start: day("2019-01-01"), Departures: []Departure{{Left: day("2025-01-01")}}},                              // F: lost on 1 Jan 2025
		{Start: day("2025-01-01")}, // G: new on 1 Jan 2025
	}
}

func TestRetentionByYear(t *testing.T) {
	got := RetentionByYear(handSpans(), 2024, 2025)
	want := []YearRetention{
		// 1 Jan 2024: A, B, F (D had left in 2023). New C, E; lost B, E; won back D.
		// 1 Jan 2025 (start of day): A, C, D, F → 4 = 3 + 2 − 2 + 1. Rate (4 − 2) / 3.
		{Year: 2024, Start: 3, New: 2, Lost: 2, WonBack: 1, End: 4},
		// New G, lost F; at the end A, C, D, G. Rate (4 − 1) / 4.
		{Year: 2025, Start: 4, New: 1, Lost: 1, WonBack: 0, End: 4},
	}
	if len(got) != len(want) {
		t.Fatalf("%d years", len(got))
	}
	rates := []float64{2.0 / 3.0, 0.75}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("year %d: %+v, want %+v", want[i].Year, got[i], want[i])
		}
		if got[i].End != got[i].Start+got[i].New-got[i].Lost+got[i].WonBack {
			t.Errorf("year %d does not balance: %+v", want[i].Year, got[i])
		}
		r, ok := got[i].Rate()
		if !ok || math.Abs(r-rates[i]) > 1e-9 {
			t.Errorf("year %d rate %v, want %v", want[i].Year, r, rates[i])
		}
	}
	if _, ok := RetentionByYear(handSpans(), 2018, 2018)[0].Rate(); ok {
		t.Error("a year that starts without clients has no retention rate")
	}
	// The classic case: 10 clients, 5 leave over five years, none new → half retained.
	var ten []Span
	for i := 0; i < 10; i++ {
		s := Span{Start: day("2015-06-01")}
		if i < 5 {
			s.Departures = []Departure{{Left: NewDate(2020+i, 3, 1)}}
		}
		ten = append(ten, s)
	}
	years := RetentionByYear(ten, 2020, 2024)
	for i, y := range years {
		r, _ := y.Rate()
		if want := float64(9-i) / float64(10-i); y.Lost != 1 || math.Abs(r-want) > 1e-9 {
			t.Errorf("%d: %+v rate %v, want %v", y.Year, y, r, want)
		}
	}
	if s := SurvivalOf(ten, day("2020-01-01"), day("2025-01-01")); s.Had != 10 || s.Still != 5 || s.Share() != 0.5 {
		t.Errorf("five-year survival %+v", s)
	}
}

func TestSurvivalOf(t *testing.T) {
	// On 1 Jan 2024: A, B, F. On 1 Jan 2026: of those only A (B and F left).
	s := SurvivalOf(handSpans(), day("2024-01-01"), day("2026-01-01"))
	if s.Had != 3 || s.Still != 1 {
		t.Fatalf("%+v", s)
	}
}

func TestPatternsOf(t *testing.T) {
	facts := []LossFact{
		{Reason: "price", LostOn: day("2022-04-01"), TenureDays: 100, Income: 100_000},
		{Reason: "missed deadline", LostOn: day("2024-01-10"), TenureDays: 400, Income: 250_000},
		{Reason: "missed deadline", LostOn: day("2024-07-10"), TenureDays: 800, Income: 50_000},
		{Reason: "quality", LostOn: day("2024-09-01"), TenureDays: 2000, Income: 10_000},
	}
	p := PatternsOf(facts)
	if p.Total.Count != 4 || p.Total.Income != 410_000 {
		t.Errorf("total %+v", p.Total)
	}
	if len(p.ByReason) != 3 || p.ByReason[0] != (Tally{"missed deadline", 2, 300_000}) ||
		p.ByReason[1].Key != "price" || p.ByReason[2].Key != "quality" {
		t.Errorf("by reason %+v", p.ByReason)
	}
	wantBands := []Tally{{"under 1 year", 1, 100_000}, {"1–2 years", 1, 250_000}, {"2–5 years", 1, 50_000}, {"5 years or more", 1, 10_000}}
	for i, b := range wantBands {
		if p.ByTenure[i] != b {
			t.Errorf("band %d %+v, want %+v", i, p.ByTenure[i], b)
		}
	}
	if len(p.ByYear) != 3 || p.ByYear[0] != (Tally{"2022", 1, 100_000}) || p.ByYear[1] != (Tally{"2023", 0, 0}) ||
		p.ByYear[2] != (Tally{"2024", 3, 310_000}) {
		t.Errorf("by year %+v", p.ByYear)
	}
}

func TestTenure(t *testing.T) {
	for _, tc := range []struct {
		since, until string
		want         string
	}{
		{"2020-03-15", "2026-05-14", "6 years 1 month"},
		{"2020-03-15", "2026-05-15", "6 years 2 months"},
		{"2026-01-31", "2026-02-28", "less than a month"},
		{"2025-11-01", "2026-11-01", "1 year"},
		{"2026-05-01", "2026-01-01", "less than a month"},
	} {
		if got := TenureBetween(day(tc.since), day(tc.until)).String(); got != tc.want {
			t.Errorf("%s → %s: %q, want %q", tc.since, tc.until, got, tc.want)
		}
	}
	for days, band := range map[int]int{0: 0, 364: 0, 365: 1, 729: 1, 730: 2, 1824: 2, 1825: 3} {
		if got := TenureBand(days); got != band {
			t.Errorf("%d days: band %d, want %d", days, got, band)
		}
	}
}

func TestComplaintStats(t *testing.T) {
	at := func(s string) time.Time { return day(s).Time }
	facts := []ComplaintFact{
		{RootCause: "missed deadline", Received: at("2026-01-01"), Resolved: at("2026-01-03"), Outcome: "retained"},
		{RootCause: "missed deadline", Received: at("2026-02-01"), Resolved: at("2026-02-05"), Outcome: "retained"},
		{RootCause: "missed deadline", Received: at("2026-03-01"), Resolved: at("2026-03-11"), Outcome: "lost"},
		{RootCause: "quality", Received: at("2026-04-01"), Outcome: "open"},
		{RootCause: "quality", Received: at("2025-04-01"), Resolved: at("2025-04-07"), Outcome: "retained"},
		{Received: at("2026-05-01"), Outcome: "open"},
	}
	s := ComplaintStatsOf(facts)
	// Resolved in 2, 4, 10 and 6 days → median (4 + 6) / 2 = 5 days.
	if s.Total != 6 || s.Resolved != 4 || s.Retained != 3 || s.MedianResolution != 5*24*time.Hour {
		t.Fatalf("%+v", s)
	}
	if s.ResolvedShare() != 4.0/6.0 || s.RetainedShare() != 0.75 {
		t.Errorf("shares %v %v", s.ResolvedShare(), s.RetainedShare())
	}
	if s.ByRootCause[0] != (Tally{Key: "missed deadline", Count: 3}) || s.ByRootCause[1] != (Tally{Key: "quality", Count: 2}) ||
		s.ByRootCause[2] != (Tally{Key: "not found yet", Count: 1}) {
		t.Errorf("by cause %+v", s.ByRootCause)
	}
	rep := RepeatedRootCauses(facts, 2026, 3)
	if len(rep) != 1 || rep[0].Key != "missed deadline" || rep[0].Count != 3 {
		t.Errorf("repeats %+v", rep)
	}
	if Median([]time.Duration{3, 1, 2}) != 2 || Median(nil) != 0 {
		t.Error("median")
	}
}

func TestSatisfactionByQuarter(t *testing.T) {
	fb := []Feedback{
		{Answered: day("2026-01-15"), Satisfaction: 4, Recommend: 8},
		{Answered: day("2026-03-31"), Satisfaction: 2, Recommend: NoScore},
		{Answered: day("2026-04-01"), Satisfaction: NoScore, Recommend: 10},
		{Asked: day("2026-04-01"), Satisfaction: NoScore, Recommend: NoScore}, // unanswered
	}
	got := SatisfactionByQuarter(fb)
	want := []Satisfaction{{Period: "2026 Q1", Answers: 2, Satisfaction: 3, Recommend: 8}, {Period: "2026 Q2", Answers: 1, Recommend: 10}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("%+v", got)
	}
}

func TestBuildReportFromStore(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	reasons, _ := d.LossReasons(ctx)
	c1 := mustClient(t, d, "Ana")   // since 2020-01-01
	c2 := mustClient(t, d, "Bruno") // since 2020-01-01, lost 2024
	c3 := mustClient(t, d, "Clara") // since 2020-01-01, status set to lost without the dialog
	if _, err := d.MarkLost(ctx, Loss{ClientID: c2.ID, LostOn: day("2024-06-01"), ReasonID: reasons[2].ID}); err != nil {
		t.Fatal(err)
	}
	if err := d.SetStatus(ctx, c3.ID, StatusLost); err != nil {
		t.Fatal(err)
	}
	r, err := d.BuildReport(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Years) != 5 || r.Years[0].Year != 2022 || r.Years[4].Year != 2026 {
		t.Fatalf("years %+v", r.Years)
	}
	y2024 := r.Years[2]
	if y2024.Start != 3 || y2024.Lost != 1 || y2024.End != 2 {
		t.Errorf("2024 %+v", y2024)
	}
	// Clara's status changed on the test clock's day (2026-11-23): lost in 2026, but still a client on 1 Jan.
	if y := r.Years[4]; y.Start != 2 || y.Lost != 1 {
		t.Errorf("2026 %+v", y)
	}
	if r.Losses.Total.Count != 2 || r.Losses.ByReason[0].Key != "missed deadline" && r.Losses.ByReason[1].Key != "missed deadline" {
		t.Errorf("losses %+v", r.Losses)
	}
	_ = c1
	for i := 0; i < 3; i++ {
		exec(t, d, `INSERT INTO alerts (client_id, kind, received, severity, resolved_at, created, updated) VALUES (?, 'complaint', ?, 'serious', ?, ?, ?)`,
			c1.ID, fmtTime(now.AddDate(0, -i-1, 0)), map[bool]string{true: fmtTime(now.AddDate(0, -i-1, 2)), false: ""}[i > 0],
			fmtTime(now), fmtTime(now))
		exec(t, d, `INSERT INTO complaints (client_id, alert_id, root_cause, outcome, outcome_at, created, updated) VALUES (?, ?, 'missed deadline', ?, ?, ?, ?)`,
			c1.ID, i+1, map[bool]string{true: "retained", false: "open"}[i > 0], map[bool]string{true: fmtTime(now.AddDate(0, -i-1, 2)), false: ""}[i > 0],
			fmtTime(now), fmtTime(now))
	}
	r, err = d.BuildReport(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if !r.HaveComplaints || r.Complaints.Total != 3 || r.Complaints.Resolved != 2 || r.Complaints.Retained != 2 ||
		r.Complaints.MedianResolution != 2*24*time.Hour {
		t.Errorf("complaints %+v", r.Complaints)
	}
	if len(r.Repeats) != 1 || r.Repeats[0].Count != 3 {
		t.Errorf("repeats %+v", r.Repeats)
	}
	if !r.HaveAlerts || r.Alerts[4] != (AlertYear{Year: 2026, Open: 1, Resolved: 2}) {
		t.Errorf("alerts %+v", r.Alerts)
	}
}
