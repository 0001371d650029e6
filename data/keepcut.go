package data

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"
)

// Verdict is the plain recommendation of keep or cut.
type Verdict string

// The three recommendations.
const (
	Recover    Verdict = "recover"
	KeepAnEye  Verdict = "keep an eye on"
	LetGoThem  Verdict = "let go"
	monthsBack         = 12
)

// MonthCost is what recovering a client cost in one month.
type MonthCost struct {
	Month       string  // YYYY-MM
	Hours       float64 // on complaints and follow-ups
	Concessions int64   // discounts, refunds, credits and free work given, minor units
}

// KeepOrCutInput is what the recommendation is computed from.
type KeepOrCutInput struct {
	Currency       string
	YearlyIncome   int64 // minor units
	ReferralIncome int64 // yearly income from clients they referred
	HourlyRate     int64 // the consultant's rate, minor units per hour
	Months         []MonthCost
	Complaints     int // complaints in the last 12 months
	// Money writes an amount in Currency as the user reads money (nil: FormatMoney), so
	// the reasons read as the figures beside them.
	Money func(cents int64) string
}

// KeepOrCut is the answer: the figures, the trend and the recommendation with reasons.
type KeepOrCut struct {
	Value       int64 // yearly income + referral income
	Hours       float64
	HoursCost   int64
	Concessions int64
	Cost        int64   // HoursCost + Concessions
	Trend       []int64 // cost per month, oldest first
	Rising      bool    // the last six months cost clearly more than the six before
	Verdict     Verdict
	Reasons     []string
}

// monthCost is one month's hours at the rate (rounded to the cent) plus its concessions.
func monthCost(m MonthCost, rate int64) int64 {
	return int64(math.Round(m.Hours*float64(rate))) + m.Concessions
}

// DecideKeepOrCut weighs what a client brings against what keeping them costs:
//   - let go when the last 12 months cost as much as they bring in a year, or more;
//   - keep an eye on when the cost is half of what they bring or more, when costs are
//     rising (the last six months more than one and a half times the six before, and at
//     least 5% of what they bring), or after three complaints or more in 12 months;
//   - recover otherwise: they are worth the effort of putting things right.
func DecideKeepOrCut(in KeepOrCutInput) KeepOrCut {
	k := KeepOrCut{Value: in.YearlyIncome + in.ReferralIncome}
	var first, second int64
	half := len(in.Months) / 2
	for i, m := range in.Months {
		c := monthCost(m, in.HourlyRate)
		k.Trend = append(k.Trend, c)
		k.Hours += m.Hours
		k.Concessions += m.Concessions
		k.Cost += c
		if i < len(in.Months)-half {
			first += c
		} else {
			second += c
		}
	}
	k.HoursCost = k.Cost - k.Concessions
	money := in.Money
	if money == nil {
		money = func(v int64) string { return FormatMoney(v, in.Currency) }
	}
	k.Rising = second > 0 && 2*second > 3*first && 20*second >= k.Value
	brings := "They bring " + money(k.Value) + " a year"
	if in.ReferralIncome > 0 {
		brings += " (" + money(in.ReferralIncome) + " of it through their referrals)"
	}
	costs := "keeping them cost " + money(k.Cost) + " in the last 12 months (" +
		hoursText(k.Hours) + " worth " + money(k.HoursCost) +
		", concessions " + money(k.Concessions) + ")."
	k.Reasons = append(k.Reasons, brings+"; "+costs)
	switch {
	case k.Cost > 0 && k.Cost >= k.Value:
		k.Verdict = LetGoThem
		k.Reasons = append(k.Reasons, "They cost you more than they bring.")
	case k.Value <= 0:
		k.Verdict = KeepAnEye
		k.Reasons = append(k.Reasons, "No yearly income is recorded for them: enter it in the client file.")
	case 2*k.Cost >= k.Value:
		k.Verdict = KeepAnEye
		k.Reasons = append(k.Reasons, "Recovery takes half or more of what they bring.")
	default:
		k.Verdict = Recover
	}
	if k.Rising {
		k.Reasons = append(k.Reasons, "Costs are rising: "+money(second)+" in the last six months against "+
			money(first)+" in the six before.")
		if k.Verdict == Recover {
			k.Verdict = KeepAnEye
		}
	}
	if in.Complaints >= 3 {
		k.Reasons = append(k.Reasons, strconv.Itoa(in.Complaints)+" complaints in the last 12 months.")
		if k.Verdict == Recover {
			k.Verdict = KeepAnEye
		}
	}
	if k.Verdict == Recover {
		k.Reasons = append(k.Reasons, "What they bring is well worth the effort of putting things right.")
	}
	if in.HourlyRate == 0 && k.Hours > 0 {
		k.Reasons = append(k.Reasons, "Your hourly rate is not set, so the hours count as nothing; set it to see the real cost.")
	}
	return k
}

// HourlyRate is the consultant's hourly rate setting in minor units (0 when not set).
func (d *DB) HourlyRate(ctx context.Context) (int64, error) {
	v, err := d.Setting(ctx, SettingHourlyRate, "0")
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, nil
	}
	return n, nil
}

// SetHourlyRate stores the hourly rate in minor units.
func (d *DB) SetHourlyRate(ctx context.Context, cents int64) error {
	if cents < 0 {
		return &FieldError{"hourly rate", "cannot be negative"}
	}
	return d.SetSetting(ctx, SettingHourlyRate, strconv.FormatInt(cents, 10))
}

// KeepOrCutInputFor gathers a client's figures for the 12 months up to now: income from
// the client file, hours logged on follow-ups and (where the complaints store exists) on
// complaints, and the concessions of accepted remedies.
func (d *DB) KeepOrCutInputFor(ctx context.Context, clientID int64, now time.Time) (KeepOrCutInput, error) {
	c, err := d.Client(ctx, clientID)
	if err != nil {
		return KeepOrCutInput{}, err
	}
	in := KeepOrCutInput{YearlyIncome: c.YearlyIncome, ReferralIncome: c.ReferralIncome}
	if in.Currency, err = d.Currency(ctx); err != nil {
		return in, err
	}
	if in.HourlyRate, err = d.HourlyRate(ctx); err != nil {
		return in, err
	}
	start := time.Date(now.Year(), now.Month()-monthsBack+1, 1, 0, 0, 0, 0, time.UTC)
	idx := map[string]int{}
	for i := 0; i < monthsBack; i++ {
		m := start.AddDate(0, i, 0).Format("2006-01")
		idx[m] = i
		in.Months = append(in.Months, MonthCost{Month: m})
	}
	from := start.Format(DateLayout)
	add := func(q string, f func(m *MonthCost, h float64, v int64), args ...any) error {
		rows, err := d.sql.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var month string
			var h float64
			var v int64
			if err := rows.Scan(&month, &h, &v); err != nil {
				return err
			}
			if i, ok := idx[month]; ok {
				f(&in.Months[i], h, v)
			}
		}
		return rows.Err()
	}
	addHours := func(m *MonthCost, h float64, _ int64) { m.Hours += h }
	if err := add(`SELECT substr(done_at, 1, 7), sum(hours), 0 FROM followups
		WHERE client_id = ? AND done_at >= ? GROUP BY 1`, addHours, clientID, from); err != nil {
		return in, fmt.Errorf("sum follow-up hours: %w", err)
	}
	{
		day := `coalesce(nullif(interview_on, ''), substr(created, 1, 10))`
		if err := add(`SELECT substr(`+day+`, 1, 7), sum(hours), 0 FROM complaints
			WHERE client_id = ? AND `+day+` >= ? GROUP BY 1`, addHours, clientID, from); err != nil {
			return in, fmt.Errorf("sum complaint hours: %w", err)
		}
		if err := d.sql.QueryRowContext(ctx, `SELECT count(*) FROM complaints WHERE client_id = ? AND created >= ?`,
			clientID, from).Scan(&in.Complaints); err != nil {
			return in, fmt.Errorf("count complaints: %w", err)
		}
	}
	{
		// A percentage discount is counted on one month of the client's yearly income.
		day := `coalesce(nullif(r.due, ''), substr(r.created, 1, 10))`
		if err := add(`SELECT substr(`+day+`, 1, 7), 0, sum(CASE WHEN r.kind = 'discount_percent'
			THEN r.value * ? / 1200 ELSE r.value END)
			FROM remedies r JOIN complaints k ON k.id = r.complaint_id
			WHERE k.client_id = ? AND r.accepted = 1 AND `+day+` >= ? GROUP BY 1`,
			func(m *MonthCost, _ float64, v int64) { m.Concessions += v }, c.YearlyIncome, clientID, from); err != nil {
			return in, fmt.Errorf("sum concessions: %w", err)
		}
	}
	return in, nil
}

// hoursText is a number of hours in words: "1 hour", "2.5 hours".
func hoursText(h float64) string {
	if h == 1 {
		return "1 hour"
	}
	return strconv.FormatFloat(h, 'f', -1, 64) + " hours"
}
