package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// FollowUpSource says where a follow-up came from.
type FollowUpSource string

// The sources of follow-ups: a commitment made in an interview, a check-in after a
// resolved complaint, or a reminder the consultant set by hand.
const (
	SourceCommitment FollowUpSource = "commitment"
	SourceCheckIn    FollowUpSource = "checkin"
	SourceManual     FollowUpSource = "manual"
)

// Label is the source as the user reads it.
func (s FollowUpSource) Label() string {
	switch s {
	case SourceCommitment:
		return "Commitment"
	case SourceCheckIn:
		return "Check-in"
	case SourceManual:
		return "Reminder"
	}
	return string(s)
}

// Purpose says what a follow-up is for, beyond its source.
type Purpose string

// The purposes: none (a commitment of the Agree step, a check-in, a reminder), a call
// back (promised when an alert was logged, or when the interview was paused), telling the
// client what changed (the day the Prevent step names), after an exit interview.
const (
	PurposeNone     Purpose = ""
	PurposeCallBack Purpose = "callback"
	PurposeTold     Purpose = "told"
	PurposeExit     Purpose = "exit"
)

// FollowUp is something due on a date for a client. Done is the zero time while open.
type FollowUp struct {
	ID          int64
	ClientID    int64
	ComplaintID int64 // 0 when not tied to a complaint
	AlertID     int64 // the alert a call back was promised for; 0 for none
	Purpose     Purpose
	Source      FollowUpSource
	What        string
	Due         time.Time
	Channel     string
	DoneAt      time.Time
	DoneNote    string
	Hours       float64 // time spent on it, logged when done
	Created     time.Time

	ClientName string // filled by the lists, for display
}

// Done reports whether the follow-up has been marked done.
func (f FollowUp) Done() bool { return !f.DoneAt.IsZero() }

// Validate checks a follow-up before it is saved.
func (f *FollowUp) Validate() error {
	f.What = strings.TrimSpace(f.What)
	if f.What == "" {
		return &FieldError{"what", "say what is due, e.g. \"Call to ask how the new schedule works\""}
	}
	if f.Due.IsZero() {
		return &FieldError{"due", "a follow-up needs a due date"}
	}
	if f.Source == "" {
		f.Source = SourceManual
	}
	switch f.Source {
	case SourceCommitment, SourceCheckIn, SourceManual:
	default:
		return &FieldError{"source", fmt.Sprintf("unknown source %q", f.Source)}
	}
	switch f.Purpose {
	case PurposeNone, PurposeCallBack, PurposeTold, PurposeExit:
	default:
		return &FieldError{"purpose", fmt.Sprintf("unknown purpose %q", f.Purpose)}
	}
	if f.Hours < 0 {
		return &FieldError{"hours", "cannot be negative"}
	}
	return nil
}

// parseDue reads a due time as written by Amends, also accepting a bare date (09:00 UTC)
// in case another writer stored only the day.
func parseDue(s string) (time.Time, error) {
	if len(s) == len(DateLayout) {
		d, err := time.Parse(DateLayout, s)
		if err != nil {
			return time.Time{}, fmt.Errorf("parse due date %q: %w", s, err)
		}
		return d.Add(9 * time.Hour), nil
	}
	return parseTime(s)
}

const followUpCols = `f.id, f.client_id, coalesce(f.complaint_id, 0), coalesce(f.alert_id, 0), f.purpose, f.source,
	f.what, f.due, f.channel, f.done_at, f.done_note, f.hours, f.created, c.name`

func scanFollowUp(s scanner) (FollowUp, error) {
	var f FollowUp
	var due, done, created string
	err := s.Scan(&f.ID, &f.ClientID, &f.ComplaintID, &f.AlertID, &f.Purpose, &f.Source, &f.What, &due, &f.Channel,
		&done, &f.DoneNote, &f.Hours, &created, &f.ClientName)
	if err != nil {
		return f, err
	}
	if f.Due, err = parseDue(due); err != nil {
		return f, err
	}
	if f.DoneAt, err = parseTime(done); err != nil {
		return f, err
	}
	f.Created, err = parseTime(created)
	return f, err
}

func insertFollowUp(ctx context.Context, tx Execer, f FollowUp) (int64, error) {
	var complaint, alert any
	if f.ComplaintID != 0 {
		complaint = f.ComplaintID
	}
	if f.AlertID != 0 {
		alert = f.AlertID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO followups (client_id, complaint_id, alert_id, purpose, source, what, due,
		channel, done_at, done_note, hours, created) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		f.ClientID, complaint, alert, string(f.Purpose), string(f.Source), f.What, fmtTime(f.Due), strings.TrimSpace(f.Channel),
		fmtTime(f.DoneAt), f.DoneNote, f.Hours, fmtTime(f.Created))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// InsertFollowUpTx writes a fully specified follow-up inside an existing transaction
// (demo data, commitments saved with their interview).
func InsertFollowUpTx(ctx context.Context, tx *sql.Tx, f FollowUp) (int64, error) {
	if err := f.Validate(); err != nil {
		return 0, err
	}
	return insertFollowUp(ctx, tx, f)
}

// AddFollowUp saves a new follow-up (a manual reminder unless Source says otherwise).
func (d *DB) AddFollowUp(ctx context.Context, f FollowUp) (FollowUp, error) {
	if err := f.Validate(); err != nil {
		return f, err
	}
	f.Created = d.now()
	f.DoneAt, f.DoneNote = time.Time{}, ""
	err := d.tx(ctx, func(tx *sql.Tx) error {
		id, err := insertFollowUp(ctx, tx, f)
		f.ID = id
		return err
	})
	if err != nil {
		return f, fmt.Errorf("add follow-up for client %d: %w", f.ClientID, err)
	}
	d.Announce(followUpChanges(f)...)
	return d.FollowUp(ctx, f.ID)
}

// FollowUp loads one follow-up by ID.
func (d *DB) FollowUp(ctx context.Context, id int64) (FollowUp, error) {
	f, err := scanFollowUp(d.sql.QueryRowContext(ctx, `SELECT `+followUpCols+`
		FROM followups f JOIN clients c ON c.id = f.client_id WHERE f.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("follow-up %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return f, fmt.Errorf("load follow-up %d: %w", id, err)
	}
	return f, nil
}

func (d *DB) queryFollowUps(ctx context.Context, what, q string, args ...any) ([]FollowUp, error) {
	return queryFollowUps(ctx, d.sql, what, q, args...)
}

func queryFollowUps(ctx context.Context, db Querier, what, q string, args ...any) ([]FollowUp, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	defer rows.Close()
	var out []FollowUp
	for rows.Next() {
		f, err := scanFollowUp(rows)
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", what, err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	return out, nil
}

// OpenFollowUps lists every follow-up not yet done, soonest due first, with client names.
// Archived clients are left out.
func (d *DB) OpenFollowUps(ctx context.Context) ([]FollowUp, error) {
	return d.queryFollowUps(ctx, "open follow-ups", `SELECT `+followUpCols+`
		FROM followups f JOIN clients c ON c.id = f.client_id
		WHERE f.done_at = '' AND c.archived = 0 ORDER BY f.due, f.id`)
}

// RecentlyDone lists follow-ups done since the given time, newest first (for undo).
func (d *DB) RecentlyDone(ctx context.Context, since time.Time) ([]FollowUp, error) {
	return d.queryFollowUps(ctx, "done follow-ups", `SELECT `+followUpCols+`
		FROM followups f JOIN clients c ON c.id = f.client_id
		WHERE f.done_at >= ? ORDER BY f.done_at DESC, f.id DESC`, fmtTime(since))
}

// ClientFollowUps lists a client's follow-ups: open ones first by due date, then done ones.
func (d *DB) ClientFollowUps(ctx context.Context, clientID int64) ([]FollowUp, error) {
	return d.queryFollowUps(ctx, "follow-ups", `SELECT `+followUpCols+`
		FROM followups f JOIN clients c ON c.id = f.client_id
		WHERE f.client_id = ? ORDER BY f.done_at <> '', CASE WHEN f.done_at = '' THEN f.due END, f.done_at DESC, f.id`, clientID)
}

// CountOverdue counts open follow-ups whose due time has passed at now.
func (d *DB) CountOverdue(ctx context.Context, now time.Time) (int, error) {
	var n int
	err := d.sql.QueryRowContext(ctx, `SELECT count(*) FROM followups f JOIN clients c ON c.id = f.client_id
		WHERE f.done_at = '' AND f.due < ? AND c.archived = 0`, fmtTime(now)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count overdue follow-ups: %w", err)
	}
	return n, nil
}

func followUpRef(id int64) string { return "followup:" + strconv.FormatInt(id, 10) }

// MarkDone closes a follow-up with a note and the hours spent; the note goes to the
// client's timeline as a follow-up entry.
func (d *DB) MarkDone(ctx context.Context, id int64, note string, hours float64) (FollowUp, error) {
	if hours < 0 {
		return FollowUp{}, &FieldError{"hours", "cannot be negative"}
	}
	f, err := d.FollowUp(ctx, id)
	if err != nil {
		return f, err
	}
	if f.Done() {
		return f, fmt.Errorf("follow-up %q was already marked done on %s", f.What, f.DoneAt.Local().Format("2 Jan 2006"))
	}
	now := d.now()
	note = strings.TrimSpace(note)
	err = d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE followups SET done_at=?, done_note=?, hours=? WHERE id=?`,
			fmtTime(now), note, hours, id); err != nil {
			return err
		}
		body := note
		if hours > 0 {
			body = strings.TrimSpace(body + "\n" + "Time spent: " + FormatHours(hours))
		}
		return addEntry(ctx, tx, Entry{ClientID: f.ClientID, At: now, Kind: KindFollowUp,
			Summary: "Done: " + f.What, Body: body, Ref: followUpRef(id)}, now)
	})
	if err != nil {
		return f, fmt.Errorf("mark follow-up %q done: %w", f.What, err)
	}
	d.Announce(followUpChanges(f)...)
	return d.FollowUp(ctx, id)
}

// UndoDone reopens a follow-up marked done by mistake and removes its timeline entry.
func (d *DB) UndoDone(ctx context.Context, id int64) (FollowUp, error) {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if err := execOneTx(ctx, tx, `UPDATE followups SET done_at='', done_note='', hours=0 WHERE id=?`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM timeline WHERE kind='followup' AND ref=?`, followUpRef(id))
		return err
	})
	if err != nil {
		return FollowUp{}, fmt.Errorf("reopen follow-up %d: %w", id, err)
	}
	return d.announceFollowUp(ctx, id)
}

// Snooze moves an open follow-up's due time to until, which must lie in the future.
func (d *DB) Snooze(ctx context.Context, id int64, until time.Time) (FollowUp, error) {
	if !until.After(d.Now()) {
		return FollowUp{}, &FieldError{"due", "choose a time in the future"}
	}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		err := execOneTx(ctx, tx, `UPDATE followups SET due=? WHERE id=? AND done_at=''`, fmtTime(until), id)
		if errors.Is(err, ErrNotFound) {
			return fmt.Errorf("it is done or no longer there: %w", err)
		}
		return err
	})
	if err != nil {
		return FollowUp{}, fmt.Errorf("snooze follow-up %d: %w", id, err)
	}
	return d.announceFollowUp(ctx, id)
}

// DeleteFollowUp removes a follow-up (and the timeline entry it wrote when done).
func (d *DB) DeleteFollowUp(ctx context.Context, id int64) error {
	f, ferr := d.FollowUp(ctx, id)
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM timeline WHERE kind='followup' AND ref=?`, followUpRef(id)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM followups WHERE id=?`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete follow-up %d: %w", id, err)
	}
	if ferr == nil {
		d.Announce(followUpChanges(f)...)
	}
	return nil
}

// Period is a span of calendar time such as "1 week" or "3 months".
type Period struct {
	Months, Days int
}

// After returns t moved on by the period.
func (p Period) After(t time.Time) time.Time { return t.AddDate(0, p.Months, p.Days) }

// Label says the period in words: "1 week", "3 months", "10 days".
func (p Period) Label() string {
	plural := func(n int, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + one + "s"
	}
	var parts []string
	if p.Months%12 == 0 && p.Months > 0 {
		parts = append(parts, plural(p.Months/12, "year"))
	} else if p.Months > 0 {
		parts = append(parts, plural(p.Months, "month"))
	}
	if p.Days > 0 && p.Days%7 == 0 {
		parts = append(parts, plural(p.Days/7, "week"))
	} else if p.Days > 0 {
		parts = append(parts, plural(p.Days, "day"))
	}
	if len(parts) == 0 {
		return "right away"
	}
	return strings.Join(parts, " and ")
}

// DefaultCheckIns are the check-ins offered when a complaint is resolved.
func DefaultCheckIns() []Period {
	return []Period{{Days: 7}, {Months: 3}}
}

// CheckInTime is when a check-in due around t is made: at 10:00 local time on that day,
// or on the next working day when t falls on a Saturday or Sunday. A check-in is a call
// to the client, not a reminder at the minute the complaint was resolved.
func CheckInTime(t time.Time) time.Time {
	l := t.Local()
	at := time.Date(l.Year(), l.Month(), l.Day(), 10, 0, 0, 0, time.Local)
	return NextWorkingDay(at)
}

// ScheduleCheckIns adds one check-in follow-up per offset after a complaint was resolved
// (complaintID 0 when there is no complaint record). It returns the follow-ups written.
func (d *DB) ScheduleCheckIns(ctx context.Context, clientID, complaintID int64, resolvedAt time.Time, offsets []Period) ([]FollowUp, error) {
	if resolvedAt.IsZero() {
		return nil, &FieldError{"resolved", "the date the complaint was resolved is missing"}
	}
	now := d.now()
	var ids []int64
	err := d.tx(ctx, func(tx *sql.Tx) error {
		for _, p := range offsets {
			f := FollowUp{ClientID: clientID, ComplaintID: complaintID, Source: SourceCheckIn,
				What:    "Check in " + p.Label() + " after the complaint was resolved: is everything still right?",
				Due:     CheckInTime(p.After(resolvedAt)),
				Channel: "call", Created: now}
			if err := f.Validate(); err != nil {
				return err
			}
			id, err := insertFollowUp(ctx, tx, f)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("schedule check-ins for client %d: %w", clientID, err)
	}
	d.Announce(followUpChanges(FollowUp{ClientID: clientID, ComplaintID: complaintID})...)
	out := make([]FollowUp, 0, len(ids))
	for _, id := range ids {
		f, err := d.FollowUp(ctx, id)
		if err != nil {
			return out, err
		}
		out = append(out, f)
	}
	return out, nil
}

// FollowUpHours sums the hours logged on a client's follow-ups done in [from, to).
func (d *DB) FollowUpHours(ctx context.Context, clientID int64, from, to time.Time) (float64, error) {
	var h float64
	err := d.sql.QueryRowContext(ctx, `SELECT coalesce(sum(hours), 0) FROM followups
		WHERE client_id=? AND done_at >= ? AND done_at < ?`, clientID, fmtTime(from), fmtTime(to)).Scan(&h)
	if err != nil {
		return 0, fmt.Errorf("sum follow-up hours of client %d: %w", clientID, err)
	}
	return h, nil
}

// FormatHours shows hours as "1.5 h" / "45 min".
func FormatHours(h float64) string {
	if h > 0 && h < 1 {
		return strconv.Itoa(int(h*60+0.5)) + " min"
	}
	return strconv.FormatFloat(h, 'f', -1, 64) + " h"
}

// Bucket is where a follow-up falls on the Follow-ups screen.
type Bucket int

// The buckets in screen order.
const (
	Overdue Bucket = iota
	DueToday
	DueThisWeek
	DueLater
)

// BucketOf says whether due is overdue, later today, within the next seven days or later,
// as seen at now in now's location.
func BucketOf(due, now time.Time) Bucket {
	if due.Before(now) {
		return Overdue
	}
	y, m, d := now.Date()
	tomorrow := time.Date(y, m, d+1, 0, 0, 0, 0, now.Location())
	switch {
	case due.Before(tomorrow):
		return DueToday
	case due.Before(tomorrow.AddDate(0, 0, 7)):
		return DueThisWeek
	}
	return DueLater
}

// followUpChanges is what a change to follow-up f changes: the client's follow-ups and
// timeline and, for a commitment or check-in, its complaint.
func followUpChanges(f FollowUp) []Change {
	ch := []Change{{Kind: ChangedFollowUps, Client: f.ClientID, ID: f.ID}, timelineChange(f.ClientID)}
	if f.ComplaintID != 0 {
		ch = append(ch, complaintChange(f.ClientID, f.ComplaintID))
	}
	return ch
}

// announceFollowUp reads follow-up id after a write, tells the subscribers, and returns it.
func (d *DB) announceFollowUp(ctx context.Context, id int64) (FollowUp, error) {
	f, err := d.FollowUp(ctx, id)
	if err != nil {
		d.Announce(Change{Kind: ChangedAll}) // written, but whose is unknown now
		return f, err
	}
	d.Announce(followUpChanges(f)...)
	return f, nil
}

// OpenFollowUpsDue lists the open follow-ups due in [from, to), soonest first, with
// client names; archived clients are left out. It reads only that span of the index:
// what the tray menu shows for today, and what has fallen due since the last look.
func (d *DB) OpenFollowUpsDue(ctx context.Context, from, to time.Time) ([]FollowUp, error) {
	return d.queryFollowUps(ctx, "follow-ups due", `SELECT `+followUpCols+`
		FROM followups f JOIN clients c ON c.id = f.client_id
		WHERE f.done_at = '' AND f.due >= ? AND f.due < ? AND c.archived = 0 ORDER BY f.due, f.id`, fmtTime(from), fmtTime(to))
}
