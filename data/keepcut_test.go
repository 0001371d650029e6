package data

import (
	"context"
	"strings"
	"testing"
	"time"
)

func months(hours []float64, concessions []int64) []MonthCost {
	out := make([]MonthCost, 12)
	for i := range out {
		if i < len(hours) {
			out[i].Hours = hours[i]
		}
		if i < len(concessions) {
			out[i].Concessions = concessions[i]
		}
	}
	return out
}

func TestDecideKeepOrCutHandComputed(t *testing.T) {
	// Rate 80.00/h. Figures worked out by hand in the comments.
	const rate = 8000
	for _, tc := range []struct {
		name      string
		in        KeepOrCutInput
		value     int64
		cost      int64
		rising    bool
		verdict   Verdict
		reasonHas string
	}{
		{
			// 10 h × 80 = 800.00; concessions 500.00 → cost 1,300.00 against 24,000.00.
			name: "profitable client is worth recovering",
			in: KeepOrCutInput{YearlyIncome: 2_000_000, ReferralIncome: 400_000, HourlyRate: rate,
				Months: months([]float64{4, 0, 0, 0, 0, 6}, []int64{50_000})},
			value: 2_400_000, cost: 130_000, verdict: Recover, reasonHas: "worth the effort",
		},
		{
			// 40 h × 80 = 3,200.00 + 1,000.00 refund = 4,200.00 ≥ half of 8,000.00 → keep an eye on.
			name: "half the income goes on recovery",
			in: KeepOrCutInput{YearlyIncome: 800_000, HourlyRate: rate,
				Months: months([]float64{20, 20}, []int64{0, 100_000})},
			value: 800_000, cost: 420_000, verdict: KeepAnEye, reasonHas: "half or more",
		},
		{
			// 100 h × 80 = 8,000.00 + 2,500.00 = 10,500.00 ≥ 10,000.00 → let go.
			name: "costs more than they bring",
			in: KeepOrCutInput{YearlyIncome: 1_000_000, HourlyRate: rate,
				Months: months([]float64{0, 0, 0, 0, 0, 0, 50, 50}, []int64{0, 0, 0, 0, 0, 0, 0, 250_000})},
			value: 1_000_000, cost: 1_050_000, rising: true, verdict: LetGoThem, reasonHas: "more than they bring",
		},
		{
			// First six months 1 h = 80.00; last six 5 h = 400.00 > 1.5 × 80 and ≥ 5% of 6,000.00 (300.00).
			name: "rising costs on a small cost base",
			in: KeepOrCutInput{YearlyIncome: 600_000, HourlyRate: rate,
				Months: months([]float64{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3}, nil)},
			value: 600_000, cost: 48_000, rising: true, verdict: KeepAnEye, reasonHas: "Costs are rising",
		},
		{
			// Rising but below 5% of value: 0 → 2 h = 160.00 < 5% of 100,000.00 → not flagged.
			name: "small rise on a big client is noise",
			in: KeepOrCutInput{YearlyIncome: 10_000_000, HourlyRate: rate,
				Months: months([]float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}, nil)},
			value: 10_000_000, cost: 16_000, verdict: Recover,
		},
		{
			name:  "three complaints in a year",
			in:    KeepOrCutInput{YearlyIncome: 5_000_000, HourlyRate: rate, Months: months(nil, nil), Complaints: 3},
			value: 5_000_000, cost: 0, verdict: KeepAnEye, reasonHas: "3 complaints",
		},
		{
			name:  "no income recorded",
			in:    KeepOrCutInput{Months: months(nil, nil)},
			value: 0, cost: 0, verdict: KeepAnEye, reasonHas: "No yearly income",
		},
		{
			// 1.5 h at 33.33 = 49.995 → rounds to 50.00.
			name:  "cents rounded per month",
			in:    KeepOrCutInput{YearlyIncome: 100_000, HourlyRate: 3333, Months: months([]float64{1.5}, nil)},
			value: 100_000, cost: 5_000, verdict: Recover,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := DecideKeepOrCut(tc.in)
			if k.Value != tc.value || k.Cost != tc.cost || k.Rising != tc.rising || k.Verdict != tc.verdict {
				t.Fatalf("value %d cost %d rising %v verdict %q; want %d %d %v %q\n%v",
					k.Value, k.Cost, k.Rising, k.Verdict, tc.value, tc.cost, tc.rising, tc.verdict, k.Reasons)
			}
			if len(k.Trend) != 12 || k.HoursCost+k.Concessions != k.Cost {
				t.Fatalf("trend %v, hours cost %d + concessions %d", k.Trend, k.HoursCost, k.Concessions)
			}
			if tc.reasonHas != "" && !strings.Contains(strings.Join(k.Reasons, " "), tc.reasonHas) {
				t.Fatalf("reasons %q lack %q", k.Reasons, tc.reasonHas)
			}
		})
	}
}

func TestKeepOrCutInputFromStore(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c := mustClient(t, d, "Søren Hansen")
	if err := d.SetHourlyRate(ctx, 9000); err != nil {
		t.Fatal(err)
	}
	f, _ := d.AddFollowUp(ctx, FollowUp{ClientID: c.ID, What: "Call", Due: d.Now()})
	if _, err := d.MarkDone(ctx, f.ID, "ok", 2.5); err != nil {
		t.Fatal(err)
	}
	now := d.Now()
	in, err := d.KeepOrCutInputFor(ctx, c.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	if in.HourlyRate != 9000 || len(in.Months) != 12 || in.Months[11].Hours != 2.5 ||
		in.Months[11].Month != now.Format("2006-01") || in.YearlyIncome != 1200000 {
		t.Fatalf("input %+v", in)
	}
	k := DecideKeepOrCut(in)
	if k.Cost != 22500 {
		t.Fatalf("cost %d, want 225.00", k.Cost)
	}
	// Hours and concessions from complaints and their remedies count too.
	exec(t, d, `INSERT INTO complaints (client_id, hours, root_cause, outcome, outcome_at, created, updated) VALUES (?, 4, 'missed deadline', 'retained', ?, ?, ?)`,
		c.ID, fmtTime(now), fmtTime(now.Add(-48*time.Hour)), fmtTime(now))
	exec(t, d, `INSERT INTO remedies (complaint_id, kind, value, accepted, created) VALUES (1, 'refund', 30000, 1, ?), (1, 'discount_percent', 10, 1, ?), (1, 'credit', 99999, 0, ?)`,
		fmtTime(now), fmtTime(now), fmtTime(now))
	in, err = d.KeepOrCutInputFor(ctx, c.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	// Hours 2.5 + 4; concessions 300.00 refund + 10% of a month of 12,000.00 = 100.00; the credit was not accepted.
	if in.Months[11].Hours != 6.5 || in.Months[11].Concessions != 40000 || in.Complaints != 1 {
		t.Fatalf("with complaints %+v", in.Months[11])
	}
}
