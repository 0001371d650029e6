package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// EntryKind is what a timeline entry records.
type EntryKind string

// Kinds the user logs by hand, then kinds Amends writes itself.
const (
	KindCall      EntryKind = "call"
	KindEmail     EntryKind = "email"
	KindMeeting   EntryKind = "meeting"
	KindInPerson  EntryKind = "in_person"
	KindLetter    EntryKind = "letter"
	KindNote      EntryKind = "note"
	KindAlert     EntryKind = "alert"
	KindInterview EntryKind = "interview"
	KindFollowUp  EntryKind = "followup"
	KindFeedback  EntryKind = "feedback"
	KindStatus    EntryKind = "status"
)

// ManualKinds are the kinds offered in "Add entry".
func ManualKinds() []EntryKind {
	return []EntryKind{KindCall, KindEmail, KindMeeting, KindInPerson, KindLetter, KindNote}
}

// Label is the kind as the user reads it.
func (k EntryKind) Label() string {
	switch k {
	case KindCall:
		return "Call"
	case KindEmail:
		return "Email"
	case KindMeeting:
		return "Meeting"
	case KindInPerson:
		return "In person"
	case KindLetter:
		return "Letter"
	case KindNote:
		return "Note"
	case KindAlert:
		return "Red alert"
	case KindInterview:
		return "Interview"
	case KindFollowUp:
		return "Follow-up"
	case KindFeedback:
		return "Feedback"
	case KindStatus:
		return "Status"
	}
	return string(k)
}

// KindFromLabel is the inverse of Label for the manual kinds.
func KindFromLabel(l string) (EntryKind, bool) { return fromLabel(ManualKinds(), l) }

// Entry is one dated item in a client's timeline.
type Entry struct {
	ID       int64
	ClientID int64
	At       time.Time
	Kind     EntryKind
	Summary  string
	Body     string
	Ref      string // what Amends wrote it for, e.g. "complaint:12"; empty for manual entries
	Created  time.Time
}

func (e Entry) validate() error {
	if strings.TrimSpace(e.Summary) == "" {
		return &FieldError{"summary", "say in a few words what happened"}
	}
	if e.At.IsZero() {
		return &FieldError{"date", "an entry needs a date"}
	}
	if e.Kind.Label() == string(e.Kind) {
		return &FieldError{"kind", fmt.Sprintf("unknown kind %q", e.Kind)}
	}
	return nil
}

func addEntry(ctx context.Context, tx *sql.Tx, e Entry, now time.Time) error {
	_, err := insertEntry(ctx, tx, e, now)
	return err
}

func insertEntry(ctx context.Context, tx Execer, e Entry, now time.Time) (int64, error) {
	if err := e.validate(); err != nil {
		return 0, err
	}
	if e.Created.IsZero() {
		e.Created = now
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO timeline (client_id, at, kind, summary, body, ref, created)
		VALUES (?,?,?,?,?,?,?)`, e.ClientID, fmtTime(e.At), string(e.Kind), strings.TrimSpace(e.Summary), e.Body, e.Ref, fmtTime(e.Created))
	if err != nil {
		return 0, fmt.Errorf("add timeline entry: %w", err)
	}
	return res.LastInsertId()
}

// AddEntryTx writes a timeline entry inside a transaction other code already holds,
// so what Amends records (letters, interviews) and its entry commit together.
func (d *DB) AddEntryTx(ctx context.Context, tx Execer, e Entry) (int64, error) {
	return insertEntry(ctx, tx, e, d.now())
}

// AddEntry adds one entry to a client's timeline.
func (d *DB) AddEntry(ctx context.Context, e Entry) (Entry, error) {
	now := d.now()
	err := d.tx(ctx, func(tx *sql.Tx) error {
		id, err := insertEntry(ctx, tx, e, now)
		e.ID = id
		return err
	})
	if err != nil {
		return e, fmt.Errorf("client %d: %w", e.ClientID, err)
	}
	e.Created = now
	// The client's last contact follows its newest entry.
	d.Announce(timelineChange(e.ClientID), clientChange(e.ClientID))
	return e, nil
}

// Timeline lists a client's entries, newest first.
func (d *DB) Timeline(ctx context.Context, clientID int64) ([]Entry, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT id, client_id, at, kind, summary, body, ref, created
		FROM timeline WHERE client_id=? ORDER BY at DESC, id DESC`, clientID)
	if err != nil {
		return nil, fmt.Errorf("load timeline of client %d: %w", clientID, err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var e Entry
		var at, created string
		if err := rows.Scan(&e.ID, &e.ClientID, &at, &e.Kind, &e.Summary, &e.Body, &e.Ref, &created); err != nil {
			return nil, fmt.Errorf("load timeline of client %d: %w", clientID, err)
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, err
		}
		if e.Created, err = parseTime(created); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
