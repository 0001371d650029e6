package data

import (
	"context"
	"fmt"
	"time"
)

// The promise ledger: every promise made to a client (a commitment of the Agree step, a
// call back, telling the client what changed) is a follow-up with the source
// "commitment", and is kept on time, kept late, still open, or overdue. A recovery that
// fails a second time does more harm than the first failure.

// PromiseState is where a promise stands.
type PromiseState int

// The states of a promise.
const (
	PromiseOpen    PromiseState = iota // not done, not yet due
	PromiseOverdue                     // not done, and the time promised has passed
	PromiseOnTime                      // done by the time promised
	PromiseLate                        // done, after the time promised
)

// Label is the state as the user reads it.
func (s PromiseState) Label() string {
	switch s {
	case PromiseOverdue:
		return "overdue"
	case PromiseOnTime:
		return "kept on time"
	case PromiseLate:
		return "kept late"
	}
	return "open"
}

// Kept reports whether the promise was done, on time or late.
func (s PromiseState) Kept() bool { return s == PromiseOnTime || s == PromiseLate }

// PromiseStateOf is the state of a promise due at due and done at done (zero while not) at now.
func PromiseStateOf(due, done, now time.Time) PromiseState {
	switch {
	case !done.IsZero() && done.After(due):
		return PromiseLate
	case !done.IsZero():
		return PromiseOnTime
	case now.After(due):
		return PromiseOverdue
	}
	return PromiseOpen
}

// State is where the commitment stands at now, through its follow-up.
func (c Commitment) State(now time.Time) PromiseState { return PromiseStateOf(c.Due, c.Done, now) }

// PromiseTally counts promises by state.
type PromiseTally struct {
	OnTime, Late, Overdue, Open int
}

// Add counts one promise.
func (t *PromiseTally) Add(s PromiseState) {
	switch s {
	case PromiseOnTime:
		t.OnTime++
	case PromiseLate:
		t.Late++
	case PromiseOverdue:
		t.Overdue++
	default:
		t.Open++
	}
}

// Due counts the promises whose time has come: kept (on time or late) or overdue.
func (t PromiseTally) Due() int { return t.OnTime + t.Late + t.Overdue }

// OnTimeShare is the share of the promises due that were kept on time; 0 when none is due.
// Promises not yet due are left out: they can still be kept.
func (t PromiseTally) OnTimeShare() float64 { return ratio(t.OnTime, t.Due()) }

// Total counts every promise.
func (t PromiseTally) Total() int { return t.Due() + t.Open }

// PromiseTally counts the promises made to one client (clientID), or to all (0), at now.
func (d *DB) PromiseTally(ctx context.Context, clientID int64, now time.Time) (PromiseTally, error) {
	q := `SELECT coalesce(sum(done_at <> '' AND done_at <= due), 0), coalesce(sum(done_at <> '' AND done_at > due), 0),
		coalesce(sum(done_at = '' AND due < ?1), 0), coalesce(sum(done_at = '' AND due >= ?1), 0)
		FROM followups WHERE source = 'commitment'`
	args := []any{fmtTime(now)}
	if clientID != 0 {
		q += ` AND client_id = ?2`
		args = append(args, clientID)
	}
	var t PromiseTally
	if err := d.sql.QueryRowContext(ctx, q, args...).Scan(&t.OnTime, &t.Late, &t.Overdue, &t.Open); err != nil {
		return t, fmt.Errorf("count the promises kept: %w", err)
	}
	return t, nil
}
