package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
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
	Summary  string // an email's subject
	Body     string // an email's text
	Ref      string // what Amends wrote it for, e.g. "complaint:12"; empty for manual entries
	Created  time.Time
	Edited   time.Time // last changed by the user; zero if never
	// An email read from a file keeps its headers; all empty for other entries.
	From, To, Cc string
	MessageID    string
}

// FromFile reports whether the entry is an email read from a file (.eml).
func (e Entry) FromFile() bool { return e.Kind == KindEmail && (e.From != "" || e.MessageID != "") }

// ReadOnly says why the user cannot edit the entry, or "" when they can. Amends' own
// entries are the record of something kept elsewhere, and change with it there.
func (e Entry) ReadOnly() string {
	switch {
	case e.Kind == KindStatus:
		return "Amends wrote this entry when the status changed. It stays as the record of that change; change the status in Details."
	case e.Kind == KindAlert:
		return "This entry is the record of a red alert and follows it; the alert itself is on the Red alerts screen."
	case e.Kind == KindInterview:
		return "Amends keeps this entry up to date with the complaint interview; open the interview to change what it says."
	case e.Kind == KindFollowUp:
		return "This entry records a follow-up marked done; undo it on the Follow-ups screen."
	case e.Kind == KindFeedback:
		return "This entry records a feedback request or answer; change it in the Feedback tab."
	case e.Kind == KindLetter && strings.HasPrefix(e.Ref, "letter:"):
		return "A letter is kept exactly as it went out, so that Reprint gives the same letter. Write a new letter to change it."
	case strings.HasPrefix(e.Ref, "loss:"):
		return "Amends wrote this entry when the client was marked lost; it stays as the record of why they left."
	case e.Ref != "":
		return "Amends wrote this entry and keeps it as the record."
	case e.FromFile():
		return "An email is kept as it was received. Delete it and add the file again to replace it."
	}
	return ""
}

// Deletable reports whether the user may delete the entry: their own entries and
// emails read from files; never Amends' own records.
func (e Entry) Deletable() bool { return e.ReadOnly() == "" || e.FromFile() }

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
	// An ID is kept when given: Undo puts a deleted entry back as it was.
	var id any
	if e.ID != 0 {
		id = e.ID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO timeline (id, client_id, at, kind, summary, body, ref, created,
		edited, mail_from, mail_to, mail_cc, message_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		id, e.ClientID, fmtTime(e.At), string(e.Kind), strings.TrimSpace(e.Summary), e.Body, e.Ref, fmtTime(e.Created),
		fmtTime(e.Edited), e.From, e.To, e.Cc, e.MessageID)
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

const entryCols = `id, client_id, at, kind, summary, body, ref, created, edited, mail_from, mail_to, mail_cc, message_id`

func scanEntry(s interface{ Scan(...any) error }) (Entry, error) {
	var e Entry
	var at, created, edited string
	if err := s.Scan(&e.ID, &e.ClientID, &at, &e.Kind, &e.Summary, &e.Body, &e.Ref, &created, &edited,
		&e.From, &e.To, &e.Cc, &e.MessageID); err != nil {
		return e, err
	}
	var err error
	if e.At, err = parseTime(at); err != nil {
		return e, err
	}
	if e.Created, err = parseTime(created); err != nil {
		return e, err
	}
	if e.Edited, err = parseTime(edited); err != nil {
		return e, err
	}
	return e, nil
}

// Entry reads one timeline entry.
func (d *DB) Entry(ctx context.Context, id int64) (Entry, error) {
	e, err := scanEntry(d.sql.QueryRowContext(ctx, `SELECT `+entryCols+` FROM timeline WHERE id=?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, fmt.Errorf("timeline entry %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return e, fmt.Errorf("read timeline entry %d: %w", id, err)
	}
	return e, nil
}

// Timeline lists a client's entries, newest first.
func (d *DB) Timeline(ctx context.Context, clientID int64) ([]Entry, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT `+entryCols+`
		FROM timeline WHERE client_id=? ORDER BY at DESC, id DESC`, clientID)
	if err != nil {
		return nil, fmt.Errorf("load timeline of client %d: %w", clientID, err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("load timeline of client %d: %w", clientID, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// EditEntry saves the user's changes to an entry of their own: when, what kind, the
// summary and details. Amends' own entries and emails read from files are refused
// with the reason (Entry.ReadOnly).
func (d *DB) EditEntry(ctx context.Context, e Entry) (Entry, error) {
	if err := e.validate(); err != nil {
		return e, err
	}
	if !slices.Contains(ManualKinds(), e.Kind) {
		return e, &FieldError{"kind", "choose a call, email, meeting, visit, letter or note"}
	}
	now := d.now()
	var saved Entry
	err := d.tx(ctx, func(tx *sql.Tx) error {
		was, err := scanEntry(tx.QueryRowContext(ctx, `SELECT `+entryCols+` FROM timeline WHERE id=?`, e.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if why := was.ReadOnly(); why != "" {
			return &FieldError{"entry", why}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE timeline SET at=?, kind=?, summary=?, body=?, edited=? WHERE id=?`,
			fmtTime(e.At), string(e.Kind), strings.TrimSpace(e.Summary), e.Body, fmtTime(now), e.ID); err != nil {
			return err
		}
		saved = was
		saved.At, saved.Kind, saved.Summary, saved.Body, saved.Edited = e.At, e.Kind, strings.TrimSpace(e.Summary), e.Body, now
		return nil
	})
	if err != nil {
		return e, fmt.Errorf("edit timeline entry %d: %w", e.ID, err)
	}
	d.Announce(timelineChange(saved.ClientID), clientChange(saved.ClientID))
	return saved, nil
}

// Deleted is what DeleteEntry or RemoveAttachment took away, complete, for Undo.
type Deleted struct {
	Entry       Entry        // zero when a file alone was removed
	Attachments []Attachment // with their content
}

// DeleteEntry removes one of the user's entries (or an email read from a file) with
// the files that came with it, and returns them for Undo (RestoreDeleted).
func (d *DB) DeleteEntry(ctx context.Context, id int64) (Deleted, error) {
	var del Deleted
	err := d.tx(ctx, func(tx *sql.Tx) error {
		e, err := scanEntry(tx.QueryRowContext(ctx, `SELECT `+entryCols+` FROM timeline WHERE id=?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if !e.Deletable() {
			return &FieldError{"entry", e.ReadOnly()}
		}
		del.Entry = e
		if del.Attachments, err = attachmentsWhere(ctx, tx, true, `entry_id = ?`, id); err != nil {
			return err
		}
		return execOneTx(ctx, tx, `DELETE FROM timeline WHERE id=?`, id)
	})
	if err != nil {
		return del, fmt.Errorf("delete timeline entry %d: %w", id, err)
	}
	d.Announce(timelineChange(del.Entry.ClientID), clientChange(del.Entry.ClientID))
	return del, nil
}

// RestoreDeleted puts back what DeleteEntry or RemoveAttachment removed, with the same IDs.
func (d *DB) RestoreDeleted(ctx context.Context, del Deleted) error {
	client := del.Entry.ClientID
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if del.Entry.ID != 0 {
			if _, err := insertEntry(ctx, tx, del.Entry, del.Entry.Created); err != nil {
				return err
			}
		}
		for _, a := range del.Attachments {
			client = a.ClientID
			if _, err := insertAttachment(ctx, tx, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("undo: %w", err)
	}
	d.Announce(timelineChange(client), clientChange(client))
	return nil
}

// Item is one row of a client's timeline as the client file shows it: an entry with
// the files that came with it, a letter with its earlier versions, or a file attached
// to the client.
type Item struct {
	Entry       Entry        // zero for a file attached on its own
	Versions    []Entry      // a letter saved more than once: every save, newest first (Entry is the newest)
	Attachments []Attachment // without content; for a file on its own, that one file
}

// At is when the item happened: the entry's time, or when the file was attached.
func (it Item) At() time.Time {
	if it.Entry.ID == 0 && len(it.Attachments) > 0 {
		return it.Attachments[0].Added
	}
	return it.Entry.At
}

// File is the attachment of an item that is a file on its own.
func (it Item) File() (Attachment, bool) {
	if it.Entry.ID == 0 && len(it.Attachments) == 1 {
		return it.Attachments[0], true
	}
	return Attachment{}, false
}

// TimelineItems is the client's timeline for the client file, newest first: entries
// with their attachments, files attached on their own, and repeated saves of one
// letter (same kind, complaint and letter date) as one item with its versions.
func (d *DB) TimelineItems(ctx context.Context, clientID int64) ([]Item, error) {
	es, err := d.Timeline(ctx, clientID)
	if err != nil {
		return nil, err
	}
	files, err := attachmentsWhere(ctx, d.sql, false, `client_id = ?`, clientID)
	if err != nil {
		return nil, fmt.Errorf("load the files of client %d: %w", clientID, err)
	}
	same, err := d.letterVersions(ctx, clientID)
	if err != nil {
		return nil, err
	}
	byEntry := map[int64][]Attachment{}
	var items []Item
	for _, a := range files {
		if a.EntryID == 0 {
			items = append(items, Item{Attachments: []Attachment{a}})
		} else {
			byEntry[a.EntryID] = append(byEntry[a.EntryID], a)
		}
	}
	group := map[string]int{} // letter key -> index in items
	for _, e := range es {
		if key, ok := same[e.Ref]; ok && e.Kind == KindLetter {
			if i, ok := group[key]; ok {
				items[i].Versions = append(items[i].Versions, e)
				continue
			}
			group[key] = len(items)
			items = append(items, Item{Entry: e, Versions: []Entry{e}, Attachments: byEntry[e.ID]})
			continue
		}
		items = append(items, Item{Entry: e, Attachments: byEntry[e.ID]})
	}
	for i := range items {
		if len(items[i].Versions) == 1 {
			items[i].Versions = nil
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].At().After(items[j].At()) })
	return items, nil
}

// letterVersions maps the timeline ref of each of the client's letters to what makes
// saves the same letter: its kind, complaint and the date printed on it.
func (d *DB) letterVersions(ctx context.Context, clientID int64) (map[string]string, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT id, kind, coalesce(complaint_id, 0), letter_date FROM letters WHERE client_id=?`, clientID)
	if err != nil {
		return nil, fmt.Errorf("load the letters of client %d: %w", clientID, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, complaint int64
		var kind, day string
		if err := rows.Scan(&id, &kind, &complaint, &day); err != nil {
			return nil, fmt.Errorf("load the letters of client %d: %w", clientID, err)
		}
		out[letterRef(id)] = fmt.Sprintf("%s/%d/%s", kind, complaint, day)
	}
	return out, rows.Err()
}
