package data

import (
	"context"
	"fmt"
	"time"
)

// Spans loads every client's history for the retention report: the start from
// "client since" (else when the file was made), the departures from the recorded losses,
// and for lost or let-go clients without an open loss, the day their status changed.
func (d *DB) Spans(ctx context.Context) ([]Span, error) {
	byClient := map[int64][]Departure{}
	open := map[int64]bool{}
	rows, err := d.sql.QueryContext(ctx, `SELECT client_id, lost_on, won_back_on FROM losses ORDER BY client_id, lost_on`)
	if err != nil {
		return nil, fmt.Errorf("load losses: %w", err)
	}
	for rows.Next() {
		var id int64
		var lost, won string
		if err := rows.Scan(&id, &lost, &won); err != nil {
			rows.Close()
			return nil, fmt.Errorf("load losses: %w", err)
		}
		l, _ := ParseDate(lost)
		w, _ := ParseDate(won)
		byClient[id] = append(byClient[id], Departure{Left: l, Returned: w})
		if w.IsZero() {
			open[id] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load losses: %w", err)
	}
	rows, err = d.sql.QueryContext(ctx, `SELECT id, client_since, created, status, status_changed FROM clients`)
	if err != nil {
		return nil, fmt.Errorf("load clients for retention: %w", err)
	}
	defer rows.Close()
	var out []Span
	for rows.Next() {
		var id int64
		var since, created, status, changed string
		if err := rows.Scan(&id, &since, &created, &status, &changed); err != nil {
			return nil, fmt.Errorf("load clients for retention: %w", err)
		}
		s := Span{Departures: byClient[id]}
		s.Start, _ = ParseDate(since)
		if s.Start.IsZero() {
			t, _ := parseTime(created)
			s.Start = DateOf(t)
		}
		if (status == string(StatusLost) || status == string(StatusLetGo)) && !open[id] {
			t, _ := parseTime(changed)
			if !t.IsZero() {
				s.Departures = append(s.Departures, Departure{Left: DateOf(t)})
			}
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// LossFacts loads every recorded loss, plus lost clients whose reason was never recorded.
// Each says whether the client came back since, and whether it is one of the rows of the
// Lost clients list now (LostClients: the client's open loss, lost and not archived).
func (d *DB) LossFacts(ctx context.Context) ([]LossFact, error) {
	rows, err := d.sql.QueryContext(ctx, `
		SELECT r.name, l.lost_on, l.tenure_days, l.income_lost, l.won_back_on <> '',
		       c.status = 'lost' AND c.archived = 0 AND l.id = (SELECT o.id FROM losses o
		           WHERE o.client_id = c.id AND o.won_back_on = '' ORDER BY o.lost_on DESC, o.id DESC LIMIT 1)
		FROM losses l JOIN loss_reasons r ON r.id = l.reason_id JOIN clients c ON c.id = l.client_id
		UNION ALL
		SELECT 'not recorded', substr(c.status_changed, 1, 10),
		       CAST(julianday(substr(c.status_changed, 1, 10)) - julianday(coalesce(nullif(c.client_since, ''), substr(c.created, 1, 10))) AS INTEGER),
		       c.yearly_income, 0, c.archived = 0
		FROM clients c WHERE c.status = 'lost'
		  AND NOT EXISTS (SELECT 1 FROM losses l WHERE l.client_id = c.id AND l.won_back_on = '')`)
	if err != nil {
		return nil, fmt.Errorf("load losses: %w", err)
	}
	defer rows.Close()
	var out []LossFact
	for rows.Next() {
		var f LossFact
		var lost string
		if err := rows.Scan(&f.Reason, &lost, &f.TenureDays, &f.Income, &f.Returned, &f.Listed); err != nil {
			return nil, fmt.Errorf("load losses: %w", err)
		}
		f.LostOn, _ = ParseDate(lost)
		out = append(out, f)
	}
	return out, rows.Err()
}

// ComplaintFacts loads every complaint's root cause, dates and outcome.
func (d *DB) ComplaintFacts(ctx context.Context) (facts []ComplaintFact, err error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT k.root_cause, coalesce(a.received, k.created), k.outcome_at, k.outcome
		FROM complaints k LEFT JOIN alerts a ON a.id = k.alert_id`)
	if err != nil {
		return nil, fmt.Errorf("load complaints: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f ComplaintFact
		var rec, res string
		if err := rows.Scan(&f.RootCause, &rec, &res, &f.Outcome); err != nil {
			return nil, fmt.Errorf("load complaints: %w", err)
		}
		f.Received, _ = parseTime(rec)
		f.Resolved, _ = parseTime(res)
		facts = append(facts, f)
	}
	return facts, rows.Err()
}

// AlertYears counts red alerts received per year from first on, open vs resolved.
func (d *DB) AlertYears(ctx context.Context, first, last int) (out []AlertYear, err error) {
	counts := map[int]*AlertYear{}
	for y := first; y <= last; y++ {
		counts[y] = &AlertYear{Year: y}
	}
	rows, err := d.sql.QueryContext(ctx, `SELECT CAST(substr(received, 1, 4) AS INTEGER), resolved_at = '', count(*)
		FROM alerts WHERE received >= ? GROUP BY 1, 2`, fmt.Sprintf("%04d", first))
	if err != nil {
		return nil, fmt.Errorf("count alerts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var y, n int
		var open bool
		if err := rows.Scan(&y, &open, &n); err != nil {
			return nil, fmt.Errorf("count alerts: %w", err)
		}
		a := counts[y]
		if a == nil {
			continue
		}
		if open {
			a.Open += n
		} else {
			a.Resolved += n
		}
	}
	for y := first; y <= last; y++ {
		out = append(out, *counts[y])
	}
	return out, rows.Err()
}

// Report is everything the Reports screen and the PDF show.
type Report struct {
	Made           time.Time
	Years          []YearRetention // the last five years, the current one to date
	Survival       Survival        // of the clients at the start of the first year, how many are still here
	Losses         LossPatterns
	HaveComplaints bool // any complaint on record
	Complaints     ComplaintStats
	Repeats        []Tally // root causes found three times or more this year
	HaveAlerts     bool    // any red alert in these years
	Alerts         []AlertYear
	Satisfaction   []Satisfaction // by quarter, the last five years
	Speed          SpeedStats     // the speed clock of the alerts of these years
	Promises       PromiseTally   // every promise made to a client, kept on time or not
}

// RepeatThreshold is how often a root cause must recur in a year to be flagged.
const RepeatThreshold = 3

// BuildReport gathers the report as of now.
func (d *DB) BuildReport(ctx context.Context, now time.Time) (Report, error) {
	r := Report{Made: now}
	last := now.Year()
	first := last - 4
	spans, err := d.Spans(ctx)
	if err != nil {
		return r, err
	}
	r.Years = RetentionByYear(spans, first, last)
	// From the first day of the table, so that the sentence and the table's first "at
	// start" count the same clients.
	r.Survival = SurvivalOf(spans, NewDate(first, 1, 1), DateOf(now))
	facts, err := d.LossFacts(ctx)
	if err != nil {
		return r, err
	}
	r.Losses = PatternsOf(facts)
	cf, err := d.ComplaintFacts(ctx)
	if err != nil {
		return r, err
	}
	r.HaveComplaints = len(cf) > 0
	r.Complaints = ComplaintStatsOf(cf)
	r.Repeats = RepeatedRootCauses(cf, last, RepeatThreshold)
	if r.Alerts, err = d.AlertYears(ctx, first, last); err != nil {
		return r, err
	}
	for _, y := range r.Alerts {
		r.HaveAlerts = r.HaveAlerts || y.Open+y.Resolved > 0
	}
	if r.Satisfaction, err = d.SatisfactionQuarters(ctx, NewDate(first, 1, 1)); err != nil {
		return r, err
	}
	if r.Speed, err = d.SpeedReport(ctx, time.Date(first, 1, 1, 0, 0, 0, 0, time.Local), now); err != nil {
		return r, err
	}
	if r.Promises, err = d.PromiseTally(ctx, 0, now); err != nil {
		return r, err
	}
	return r, nil
}
