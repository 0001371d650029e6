package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The speed clock: how long a red alert took to reach the client, the interview, the
// apology and the resolution, against targets counted in working days (Monday to
// Friday). ISO 10002 and the service-recovery research agree: act at once.

// Stage is one step of the speed clock.
type Stage int

// The stages, in the order they are normally reached.
const (
	StageContact Stage = iota
	StageInterview
	StageLetter
	StageResolution
)

// Stages lists every stage in order.
func Stages() []Stage { return []Stage{StageContact, StageInterview, StageLetter, StageResolution} }

// Label is the stage as the user reads it.
func (s Stage) Label() string {
	switch s {
	case StageContact:
		return "First contact"
	case StageInterview:
		return "Interview"
	case StageLetter:
		return "Apology letter"
	case StageResolution:
		return "Resolution"
	}
	return "stage " + strconv.Itoa(int(s))
}

// Targets are the working days each stage should be reached in, after the alert.
type Targets [4]int

// DefaultTargets: first contact within one working day, the interview within two, the
// apology within three, the resolution within ten.
func DefaultTargets() Targets { return Targets{1, 2, 3, 10} }

// TargetSetting is the settings key of a stage's target.
func TargetSetting(s Stage) string {
	return [...]string{"target.contact_days", "target.interview_days", "target.letter_days", "target.resolution_days"}[s]
}

// MaxTargetDays bounds a target: beyond three months a clock says nothing.
const MaxTargetDays = 60

// ParseTargetDays reads a target as typed: whole working days from 1 to MaxTargetDays.
func ParseTargetDays(v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 || n > MaxTargetDays {
		return 0, &FieldError{"target", fmt.Sprintf("enter whole working days from 1 to %d", MaxTargetDays)}
	}
	return n, nil
}

// Targets reads the targets from the settings; a stage never set, or set to something
// unreadable, has its default.
func (d *DB) Targets(ctx context.Context) (Targets, error) {
	t := DefaultTargets()
	for _, s := range Stages() {
		v, err := d.Setting(ctx, TargetSetting(s), "")
		if err != nil {
			return t, err
		}
		if n, err := ParseTargetDays(v); err == nil {
			t[s] = n
		}
	}
	return t, nil
}

// NextWorkingDay is t, or the same time on the Monday after when t falls on a weekend.
func NextWorkingDay(t time.Time) time.Time {
	switch t.Weekday() {
	case time.Saturday:
		return t.AddDate(0, 0, 2)
	case time.Sunday:
		return t.AddDate(0, 0, 1)
	}
	return t
}

// AddWorkingDays moves t on by n working days at the same time of day, skipping
// Saturdays and Sundays. Something that arrives at the weekend counts from Monday at
// 09:00, when the week's work starts.
func AddWorkingDays(t time.Time, n int) time.Time {
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		m := NextWorkingDay(t)
		t = time.Date(m.Year(), m.Month(), m.Day(), 9, 0, 0, 0, t.Location())
	}
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return t
}

// SpeedClock is when an alert reached each stage; a zero time: not yet.
type SpeedClock struct {
	AlertID     int64
	ComplaintID int64 // the complaint taken up from the alert; 0 for none
	Received    time.Time
	At          [4]time.Time
}

// ClockState is where a stage stands against its target.
type ClockState int

// The states of a stage.
const (
	ClockRunning ClockState = iota // not reached, the target not yet passed
	ClockOverdue                   // not reached, the target passed
	ClockMet                       // reached within the target
	ClockLate                      // reached after the target
)

// Due is when stage s should be reached by.
func (c SpeedClock) Due(s Stage, t Targets) time.Time {
	return AddWorkingDays(c.Received.Local(), t[s])
}

// Took is how long the alert took to reach s; 0 while it has not.
func (c SpeedClock) Took(s Stage) time.Duration {
	if c.At[s].IsZero() {
		return 0
	}
	return max(c.At[s].Sub(c.Received), 0)
}

// State says where stage s stands at now against target t.
func (c SpeedClock) State(s Stage, t Targets, now time.Time) ClockState {
	due := c.Due(s, t)
	switch at := c.At[s]; {
	case at.IsZero() && now.After(due):
		return ClockOverdue
	case at.IsZero():
		return ClockRunning
	case at.After(due):
		return ClockLate
	}
	return ClockMet
}

// Next is the first stage not yet reached, or false when every one is.
func (c SpeedClock) Next() (Stage, bool) {
	for _, s := range Stages() {
		if c.At[s].IsZero() {
			return s, true
		}
	}
	return 0, false
}

// speedClockSQL reads each alert's clock. A contact is a call, meeting, visit or letter in
// the timeline after the alert came in, or an email of ours: one typed in, or imported
// from the letterhead's address (not one the client sent).
const speedClockSQL = `SELECT a.id, a.received, a.resolved_at, coalesce(k.id, 0), coalesce(k.created, ''),
	coalesce(k.outcome_at, ''),
	coalesce((SELECT min(t.at) FROM timeline t WHERE t.client_id = a.client_id AND t.at >= a.received
		AND (t.kind IN ('call', 'meeting', 'in_person', 'letter')
		  OR (t.kind = 'email' AND (t.mail_from = '' OR instr(lower(t.mail_from),
		      lower(coalesce((SELECT value FROM settings WHERE key = 'letterhead.email'), '-'))) > 0)))), ''),
	coalesce((SELECT min(f.done_at) FROM followups f WHERE f.alert_id = a.id AND f.purpose = 'callback' AND f.done_at <> ''), ''),
	coalesce((SELECT min(r.asked_at) FROM restatements r WHERE r.complaint_id = k.id), ''),
	coalesce((SELECT min(l.created) FROM letters l WHERE l.complaint_id = k.id AND l.kind = 'apology'), '')
	FROM alerts a LEFT JOIN complaints k ON k.id = (SELECT min(x.id) FROM complaints x WHERE x.alert_id = a.id)`

func scanSpeedClock(rows *sql.Rows) (SpeedClock, error) {
	var c SpeedClock
	var received, resolved, started, outcome, entry, callback, round, letter string
	if err := rows.Scan(&c.AlertID, &received, &resolved, &c.ComplaintID, &started, &outcome, &entry, &callback, &round, &letter); err != nil {
		return c, err
	}
	ts := map[*string]time.Time{}
	for _, p := range []*string{&received, &resolved, &started, &outcome, &entry, &callback, &round, &letter} {
		t, err := parseTime(*p)
		if err != nil {
			return c, err
		}
		ts[p] = t
	}
	c.Received = ts[&received]
	// First contact: a call, meeting, visit, letter or email of ours, the call back done,
	// or the interview itself (it is a conversation with the client).
	c.At[StageInterview] = earliest(ts[&started], ts[&round])
	c.At[StageContact] = earliest(ts[&entry], ts[&callback], c.At[StageInterview])
	c.At[StageLetter] = ts[&letter]
	c.At[StageResolution] = earliest(ts[&resolved], ts[&outcome])
	for s := range c.At {
		if !c.At[s].IsZero() && c.At[s].Before(c.Received) {
			c.At[s] = c.Received // entered for a day, before the alert's time on it
		}
	}
	return c, nil
}

// earliest is the earliest of the times that are set, or zero.
func earliest(ts ...time.Time) time.Time {
	var e time.Time
	for _, t := range ts {
		if !t.IsZero() && (e.IsZero() || t.Before(e)) {
			e = t
		}
	}
	return e
}

func (d *DB) speedClocks(ctx context.Context, where string, args ...any) ([]SpeedClock, error) {
	rows, err := d.sql.QueryContext(ctx, speedClockSQL+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read the speed clocks: %w", err)
	}
	defer rows.Close()
	var out []SpeedClock
	for rows.Next() {
		c, err := scanSpeedClock(rows)
		if err != nil {
			return nil, fmt.Errorf("read the speed clocks: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the speed clocks: %w", err)
	}
	return out, nil
}

// SpeedClocks reads the clocks of the given alerts, by alert ID.
func (d *DB) SpeedClocks(ctx context.Context, alertIDs []int64) (map[int64]SpeedClock, error) {
	out := make(map[int64]SpeedClock, len(alertIDs))
	for len(alertIDs) > 0 {
		n := min(len(alertIDs), 500) // under SQLite's limit of bound parameters
		args := make([]any, n)
		for i, id := range alertIDs[:n] {
			args[i] = id
		}
		cs, err := d.speedClocks(ctx, ` WHERE a.id IN (?`+strings.Repeat(",?", n-1)+`)`, args...)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			out[c.AlertID] = c
		}
		alertIDs = alertIDs[n:]
	}
	return out, nil
}

// SpeedStats are the clocks of many alerts: per stage, the median time taken by those
// that reached it, and how many reached it within the target.
type SpeedStats struct {
	Targets Targets
	Reached [4]int           // alerts that reached the stage
	OnTime  [4]int           // of those, within the target
	Median  [4]time.Duration // median time taken, of those that reached it
	Overdue [4]int           // not reached and past the target
}

// OnTimeShare is the share of the alerts that reached stage s within its target.
func (s SpeedStats) OnTimeShare(st Stage) float64 { return ratio(s.OnTime[st], s.Reached[st]) }

// SpeedStatsOf sums up clocks at now.
func SpeedStatsOf(clocks []SpeedClock, t Targets, now time.Time) SpeedStats {
	s := SpeedStats{Targets: t}
	var took [4][]time.Duration
	for _, c := range clocks {
		for _, st := range Stages() {
			switch c.State(st, t, now) {
			case ClockMet:
				s.OnTime[st]++
				fallthrough
			case ClockLate:
				s.Reached[st]++
				took[st] = append(took[st], c.Took(st))
			case ClockOverdue:
				s.Overdue[st]++
			}
		}
	}
	for st := range took {
		s.Median[st] = Median(took[st])
	}
	return s
}

// SpeedReport reads every alert's clock since from and sums them up at now.
func (d *DB) SpeedReport(ctx context.Context, from, now time.Time) (SpeedStats, error) {
	t, err := d.Targets(ctx)
	if err != nil {
		return SpeedStats{Targets: t}, err
	}
	cs, err := d.speedClocks(ctx, ` WHERE a.received >= ?`, fmtTime(from))
	if err != nil {
		return SpeedStats{Targets: t}, err
	}
	return SpeedStatsOf(cs, t, now), nil
}
