package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Outcome is how a complaint ended.
type Outcome string

// The outcomes, in the order the UI offers them.
const (
	OutcomeOpen     Outcome = "open"
	OutcomeRetained Outcome = "retained"
	OutcomeLost     Outcome = "lost"
	OutcomeLetGo    Outcome = "let_go"
)

// Outcomes lists every outcome in display order.
func Outcomes() []Outcome {
	return []Outcome{OutcomeOpen, OutcomeRetained, OutcomeLost, OutcomeLetGo}
}

// Label is the outcome as the user reads it.
func (o Outcome) Label() string {
	switch o {
	case OutcomeOpen:
		return "Open"
	case OutcomeRetained:
		return "Resolved and retained"
	case OutcomeLost:
		return "Lost"
	case OutcomeLetGo:
		return "Let go"
	}
	return string(o)
}

// OutcomeFromLabel is the inverse of Label.
func OutcomeFromLabel(l string) (Outcome, bool) { return fromLabel(Outcomes(), l) }

// InterviewHow is how the interview is held.
type InterviewHow string

// The ways an interview is held.
const (
	HowInPerson InterviewHow = "in_person"
	HowPhone    InterviewHow = "phone"
	HowVideo    InterviewHow = "video"
)

// InterviewHows lists the ways in display order.
func InterviewHows() []InterviewHow {
	return []InterviewHow{HowInPerson, HowPhone, HowVideo}
}

// Label is the way as the user reads it.
func (h InterviewHow) Label() string {
	switch h {
	case HowInPerson:
		return "In person"
	case HowPhone:
		return "Phone"
	case HowVideo:
		return "Video call"
	}
	return string(h)
}

// InterviewHowFromLabel is the inverse of Label.
func InterviewHowFromLabel(l string) (InterviewHow, bool) { return fromLabel(InterviewHows(), l) }

// Mood is how the client comes across, from calm to furious; MoodUnknown when not noted.
type Mood int

// The moods, calm to furious.
const (
	MoodUnknown Mood = iota
	MoodCalm
	MoodUneasy
	MoodUpset
	MoodAngry
	MoodFurious
)

// Moods lists the moods, calm to furious.
func Moods() []Mood { return []Mood{MoodCalm, MoodUneasy, MoodUpset, MoodAngry, MoodFurious} }

// Label is the mood as the user reads it.
func (m Mood) Label() string {
	switch m {
	case MoodCalm:
		return "Calm"
	case MoodUneasy:
		return "Uneasy"
	case MoodUpset:
		return "Upset"
	case MoodAngry:
		return "Angry"
	case MoodFurious:
		return "Furious"
	}
	return "Not noted"
}

// MoodFromLabel is the inverse of Label.
func MoodFromLabel(l string) (Mood, bool) {
	for _, m := range Moods() {
		if m.Label() == l {
			return m, true
		}
	}
	return MoodUnknown, false
}

// RestateState is where the restate step stands.
type RestateState string

// The restate states.
const (
	RestateOpen         RestateState = "open"
	RestateConfirmed    RestateState = "confirmed"
	RestateNotConfirmed RestateState = "not_confirmed"
)

// Label is the state as the user reads it.
func (s RestateState) Label() string {
	switch s {
	case RestateOpen:
		return "Not yet confirmed"
	case RestateConfirmed:
		return "Confirmed by the client"
	case RestateNotConfirmed:
		return "Ended as not confirmed"
	}
	return string(s)
}

// Complaint is the case opened when a client's problem is taken up, with its interview.
// The interview fields (set-up, listen, acknowledge, ask, prevent, hours) are saved as
// typed with SaveInterview; the restate step and the outcome have their own methods.
type Complaint struct {
	ID          int64
	ClientID    int64
	ClientName  string // filled when loaded
	AlertID     int64  // 0: not started from an alert
	Outcome     Outcome
	OutcomeAt   time.Time
	OutcomeNote string

	// Set-up
	InterviewOn     Date
	How             InterviewHow
	ConductedBy     string
	IndependentNote string // lost or leaving clients: why nobody independent could conduct it
	MoodStart       Mood   // how the client came across at the start
	MoodEnd         Mood   // and at the end
	// Listen
	Account  string
	Expected string
	Happened string
	Feeling  string
	// Restate (read-only here: see OpenRound, AnswerRound, EndNotConfirmed)
	RestateState  RestateState
	RestateReason string
	RestateEnded  time.Time
	Record        string // the complaint of record: the confirmed round's text
	RecordParts   RoundParts
	// Acknowledge (the errors are AckErrors)
	Responsibility bool
	Regret         string
	// Ask
	ClientFix string
	// Prevent
	RootCause       string // category from RootCauses
	RootCauseText   string
	ProcedureChange string
	ClientTold      bool
	ClientToldOn    Date
	// Time spent on the complaint, for keep-or-cut decisions.
	Hours float64
	// Thanked: the consultant thanked the client for raising it (Outcome).
	Thanked bool

	Created time.Time
	Updated time.Time
	Version int64 // counts the saves of the interview fields, to tell a change made underneath
}

func complaintRef(id int64) string { return fmt.Sprintf("complaint:%d", id) }

const complaintCols = `k.id, k.client_id, c.name, coalesce(k.alert_id, 0), k.outcome, k.outcome_at, k.outcome_note,
	k.interview_on, k.interview_how, k.conducted_by, k.independent_note,
	k.account, k.expected, k.happened, k.feeling,
	k.restate_state, k.restate_reason, k.restate_ended,
	coalesce((SELECT r.text || char(31) || r.what || char(31) || r.impact || char(31) || r.feeling
		FROM restatements r WHERE r.complaint_id = k.id AND r.answer = 'confirmed'), ''),
	k.responsibility, k.regret, k.client_fix,
	k.root_cause, k.root_cause_text, k.procedure_change, k.client_told, k.client_told_on,
	k.hours, k.created, k.updated, k.version, k.mood_start, k.mood_end, k.thanked`

func scanComplaint(s scanner) (Complaint, error) {
	var k Complaint
	var outcomeAt, on, ended, toldOn, created, updated, record string
	err := s.Scan(&k.ID, &k.ClientID, &k.ClientName, &k.AlertID, &k.Outcome, &outcomeAt, &k.OutcomeNote,
		&on, &k.How, &k.ConductedBy, &k.IndependentNote,
		&k.Account, &k.Expected, &k.Happened, &k.Feeling,
		&k.RestateState, &k.RestateReason, &ended, &record,
		&k.Responsibility, &k.Regret, &k.ClientFix,
		&k.RootCause, &k.RootCauseText, &k.ProcedureChange, &k.ClientTold, &toldOn,
		&k.Hours, &created, &updated, &k.Version, &k.MoodStart, &k.MoodEnd, &k.Thanked)
	if err != nil {
		return k, err
	}
	// The confirmed round's text and parts, separated by the unit separator.
	if p := strings.Split(record, "\x1f"); len(p) == 4 {
		k.Record, k.RecordParts = p[0], RoundParts{What: p[1], Impact: p[2], Feeling: p[3]}
	} else {
		k.Record = record
	}
	if k.InterviewOn, err = ParseDate(on); err != nil {
		return k, err
	}
	if k.ClientToldOn, err = ParseDate(toldOn); err != nil {
		return k, err
	}
	for _, p := range []struct {
		dst *time.Time
		src string
	}{{&k.OutcomeAt, outcomeAt}, {&k.RestateEnded, ended}, {&k.Created, created}, {&k.Updated, updated}} {
		if *p.dst, err = parseTime(p.src); err != nil {
			return k, err
		}
	}
	return k, nil
}

func getComplaint(ctx context.Context, q queryer, id int64) (Complaint, error) {
	k, err := scanComplaint(q.QueryRowContext(ctx, `SELECT `+complaintCols+`
		FROM complaints k JOIN clients c ON c.id = k.client_id WHERE k.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return k, fmt.Errorf("complaint %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return k, fmt.Errorf("load complaint %d: %w", id, err)
	}
	return k, nil
}

// Complaint loads one complaint by ID.
func (d *DB) Complaint(ctx context.Context, id int64) (Complaint, error) {
	return getComplaint(ctx, d.sql, id)
}

// StartComplaint opens a complaint for a client, optionally taken up from one of its alerts,
// with the interview set for today, conducted by the letterhead's name, and an entry in
// the client's timeline. A call back promised when the alert was logged becomes one of
// the complaint's promises.
func (d *DB) StartComplaint(ctx context.Context, clientID, alertID int64) (Complaint, error) {
	now := d.now()
	var id int64
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getClient(ctx, tx, clientID); err != nil {
			return err
		}
		var alert any
		if alertID != 0 {
			a, err := getAlert(ctx, tx, alertID)
			if err != nil {
				return err
			}
			if a.ClientID != clientID {
				return fmt.Errorf("alert %d is about another client", alertID)
			}
			alert = alertID
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO complaints (client_id, alert_id, interview_on, conducted_by, created, updated)
			VALUES (?,?,?,coalesce((SELECT trim(value) FROM settings WHERE key = ?), ''),?,?)`,
			clientID, alert, DateOf(now.Local()).String(), settingLHName, fmtTime(now), fmtTime(now))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		if alertID != 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE followups SET complaint_id=? WHERE alert_id=? AND complaint_id IS NULL`,
				id, alertID); err != nil {
				return err
			}
		}
		return writeComplaintEntry(ctx, tx, id, now, true)
	})
	if err != nil {
		return Complaint{}, fmt.Errorf("start complaint for client %d: %w", clientID, err)
	}
	d.Announce(complaintChange(clientID, id), timelineChange(clientID))
	return d.Complaint(ctx, id)
}

// ComplaintForAlert returns the complaint taken up from an alert, if there is one.
func (d *DB) ComplaintForAlert(ctx context.Context, alertID int64) (Complaint, bool, error) {
	k, err := scanComplaint(d.sql.QueryRowContext(ctx, `SELECT `+complaintCols+`
		FROM complaints k JOIN clients c ON c.id = k.client_id WHERE k.alert_id = ? ORDER BY k.id LIMIT 1`, alertID))
	if errors.Is(err, sql.ErrNoRows) {
		return k, false, nil
	}
	if err != nil {
		return k, false, fmt.Errorf("find complaint of alert %d: %w", alertID, err)
	}
	return k, true, nil
}

// Validate checks the interview fields a consultant types.
func (k *Complaint) Validate() error {
	if k.How != "" && k.How.Label() == string(k.How) {
		return &FieldError{"how", fmt.Sprintf("unknown way of holding the interview %q", k.How)}
	}
	if k.Hours < 0 || k.Hours > 10000 {
		return &FieldError{"hours", "enter the hours spent, e.g. 2.5"}
	}
	for _, m := range []Mood{k.MoodStart, k.MoodEnd} {
		if m < MoodUnknown || m > MoodFurious {
			return &FieldError{"mood", fmt.Sprintf("unknown mood %d", m)}
		}
	}
	return nil
}

// SaveInterview stores every interview field of k (set-up, listen, acknowledge, ask,
// prevent, the outcome note and hours) and refreshes the client's timeline entry, in one
// transaction. It leaves the restate step and the outcome alone, so a late save cannot
// undo them. The interview screen saves with SaveInterviewEdit, which writes only what
// was typed.
func (d *DB) SaveInterview(ctx context.Context, k Complaint) error {
	_, err := d.saveInterview(ctx, nil, k)
	return err
}

// SaveInterviewEdit saves the interview fields the user changed: base is the complaint
// as the screen loaded (or last saved) it, edited as typed now. A field changed in the
// store meanwhile and not on the screen keeps the store's value; one changed on both
// sides to different values gives a *Conflict and nothing is written. It returns the
// complaint as stored.
func (d *DB) SaveInterviewEdit(ctx context.Context, base, edited Complaint) (Complaint, error) {
	return d.saveInterview(ctx, &base, edited)
}

// interviewFields are the interview fields typed on the interview screen, as stored.
func interviewFields(k Complaint) fields {
	var f fields
	f.add("interview_on", k.InterviewOn.String())
	f.add("interview_how", string(k.How))
	f.add("conducted_by", k.ConductedBy)
	f.add("independent_note", k.IndependentNote)
	f.add("account", k.Account)
	f.add("expected", k.Expected)
	f.add("happened", k.Happened)
	f.add("feeling", k.Feeling)
	f.add("responsibility", k.Responsibility)
	f.add("regret", k.Regret)
	f.add("client_fix", k.ClientFix)
	f.add("root_cause", k.RootCause)
	f.add("root_cause_text", k.RootCauseText)
	f.add("procedure_change", k.ProcedureChange)
	f.add("client_told", k.ClientTold)
	f.add("client_told_on", k.ClientToldOn.String())
	f.add("outcome_note", strings.TrimSpace(k.OutcomeNote))
	f.add("hours", k.Hours)
	f.add("mood_start", int(k.MoodStart))
	f.add("mood_end", int(k.MoodEnd))
	f.add("thanked", k.Thanked)
	return f
}

func (d *DB) saveInterview(ctx context.Context, base *Complaint, edited Complaint) (Complaint, error) {
	if err := edited.Validate(); err != nil {
		return edited, err
	}
	var client int64
	wrote, promised := false, false
	err := d.tx(ctx, func(tx *sql.Tx) error {
		cur, err := getComplaint(ctx, tx, edited.ID)
		if err != nil {
			return err
		}
		client = cur.ClientID
		from := cur
		if base != nil {
			from = *base
		}
		write, conflicts, err := merge(interviewFields(from), interviewFields(edited), interviewFields(cur))
		if err != nil {
			return err
		}
		if len(conflicts) > 0 {
			return &Conflict[Complaint]{Fields: conflicts, Current: cur}
		}
		if len(write) == 0 {
			return nil
		}
		wrote = true
		now := d.now()
		vals := interviewFields(edited)
		set := make([]string, len(write))
		args := make([]any, 0, len(write)+3)
		for j, i := range write {
			set[j] = vals.names[i] + "=?"
			args = append(args, vals.vals[i])
		}
		args = append(args, fmtTime(now), cur.ID, cur.Version)
		// The version is a second guard: inside this immediate transaction nobody can
		// have saved since cur was read.
		if err := execOneTx(ctx, tx, `UPDATE complaints SET `+strings.Join(set, ", ")+
			`, version=version+1, updated=? WHERE id=? AND version=?`, args...); err != nil {
			return err
		}
		saved, err := getComplaint(ctx, tx, cur.ID)
		if err != nil {
			return err
		}
		if promised, err = syncToldTx(ctx, tx, saved, now); err != nil {
			return err
		}
		return writeComplaintEntry(ctx, tx, cur.ID, now, false)
	})
	if err != nil {
		return edited, fmt.Errorf("save interview of complaint %d: %w", edited.ID, err)
	}
	if wrote {
		changes := []Change{complaintChange(client, edited.ID), timelineChange(client)}
		if promised {
			changes = append(changes, Change{Kind: ChangedFollowUps, Client: client})
		}
		d.Announce(changes...)
	}
	return d.Complaint(ctx, edited.ID)
}

// syncToldTx keeps the promise to tell the client what changed (Prevent) in step with the
// complaint: a day still to come makes it a follow-up on that day at 10:00 (a working
// day); told today or earlier (Client told ticked) marks it done; no day, or not told on
// a past day, takes it away. It reports whether a follow-up was written.
func syncToldTx(ctx context.Context, tx *sql.Tx, k Complaint, now time.Time) (bool, error) {
	var id int64
	var due, done, what string
	err := tx.QueryRowContext(ctx, `SELECT id, due, done_at, what FROM followups WHERE complaint_id=? AND purpose='told'
		ORDER BY done_at = '' DESC, id DESC LIMIT 1`, k.ID).Scan(&id, &due, &done, &what)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, err
	}
	found, open := err == nil, err == nil && done == ""
	today := DateOf(now.Local())
	change := strings.Join(strings.Fields(k.ProcedureChange), " ")
	if r := []rune(change); len(r) > 90 {
		change = string(r[:89]) + "…"
	}
	wantWhat := "Tell the client what changed so it does not happen again"
	if change != "" {
		wantWhat += ": " + change
	}
	switch {
	case !k.ClientToldOn.IsZero() && k.ClientToldOn.After(today.Time):
		d := k.ClientToldOn
		at := CheckInTime(time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, time.Local))
		if open {
			if due == fmtTime(at) && what == wantWhat {
				return false, nil
			}
			_, err := tx.ExecContext(ctx, `UPDATE followups SET due=?, what=? WHERE id=?`, fmtTime(at), wantWhat, id)
			return err == nil, err
		}
		if found && done != "" && due == fmtTime(at) {
			return false, nil // kept already
		}
		_, err := insertFollowUp(ctx, tx, FollowUp{ClientID: k.ClientID, ComplaintID: k.ID, Source: SourceCommitment,
			Purpose: PurposeTold, What: wantWhat, Due: at, Channel: "Phone", Created: now})
		return err == nil, err
	case open && k.ClientTold && !k.ClientToldOn.IsZero():
		_, err := tx.ExecContext(ctx, `UPDATE followups SET done_at=? WHERE id=?`, fmtTime(now), id)
		return err == nil, err
	case open:
		_, err := tx.ExecContext(ctx, `DELETE FROM followups WHERE id=?`, id)
		return err == nil, err
	}
	return false, nil
}

// OutcomeUndo is what setting an outcome changed, for UndoOutcome to put back.
type OutcomeUndo struct {
	ComplaintID int64
	Outcome     Outcome // the outcome set
	At          time.Time
	Before      Outcome
	BeforeAt    time.Time
	BeforeNote  string
	// AlertID is the alert the outcome resolved (0: none was resolved by it).
	AlertID int64
	// StatusBefore is the client's status before the outcome moved it ("" when it did not).
	ClientID          int64
	StatusBefore      Status
	StatusChangedFrom time.Time
	StatusEntry       int64 // the timeline entry of the status change
}

// ErrOutcomeMoved is returned by UndoOutcome when the complaint was changed again after
// the outcome was set.
var ErrOutcomeMoved = errors.New("the outcome was changed again since; set it by hand")

// SetOutcome records how the complaint ended. Any outcome but open resolves the alert it
// was taken up from and moves the client's status along (lost, let go, or back to active).
// It returns what it changed, for UndoOutcome.
func (d *DB) SetOutcome(ctx context.Context, id int64, o Outcome, note string) (OutcomeUndo, error) {
	if o.Label() == string(o) {
		return OutcomeUndo{}, &FieldError{"outcome", fmt.Sprintf("unknown outcome %q", o)}
	}
	now := d.now()
	var changes []Change
	u := OutcomeUndo{ComplaintID: id, Outcome: o}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		k, err := getComplaint(ctx, tx, id)
		if err != nil {
			return err
		}
		u.Before, u.BeforeAt, u.BeforeNote, u.ClientID = k.Outcome, k.OutcomeAt, k.OutcomeNote, k.ClientID
		changes = []Change{complaintChange(k.ClientID, id), timelineChange(k.ClientID), clientChange(k.ClientID),
			{Kind: ChangedAlerts, Client: k.ClientID, ID: k.AlertID}}
		at := ""
		if o != OutcomeOpen {
			at = fmtTime(now)
			if k.Outcome == o && !k.OutcomeAt.IsZero() {
				at = fmtTime(k.OutcomeAt)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE complaints SET outcome=?, outcome_at=?, outcome_note=?, updated=?, version=version+1 WHERE id=?`,
			string(o), at, strings.TrimSpace(note), fmtTime(now), id); err != nil {
			return err
		}
		u.At, _ = parseTime(at)
		if o != OutcomeOpen && k.AlertID != 0 {
			a, err := getAlert(ctx, tx, k.AlertID)
			if err != nil {
				return err
			}
			if a.Open() {
				how := fmt.Sprintf("Complaint %d: %s", id, o.Label())
				if n := strings.TrimSpace(note); n != "" {
					how += ". " + n
				}
				if err := resolveAlertTx(ctx, tx, a.ID, maxTime(now, a.Received), how, now); err != nil {
					return err
				}
				u.AlertID = a.ID
			}
		}
		if o != k.Outcome {
			c, err := getClient(ctx, tx, k.ClientID)
			if err != nil {
				return err
			}
			var s Status
			switch {
			case o == OutcomeLost:
				s = StatusLost
			case o == OutcomeLetGo:
				s = StatusLetGo
			case o == OutcomeRetained && c.Status == StatusAtRisk:
				s = StatusActive
			}
			if s != "" && s != c.Status {
				if err := setStatusTx(ctx, tx, c, s, now); err != nil {
					return err
				}
				u.StatusBefore, u.StatusChangedFrom = c.Status, c.StatusChanged
				if err := tx.QueryRowContext(ctx, `SELECT max(id) FROM timeline WHERE client_id=? AND kind='status'`,
					c.ID).Scan(&u.StatusEntry); err != nil {
					return err
				}
			}
		}
		return writeComplaintEntry(ctx, tx, id, now, false)
	})
	if err != nil {
		return OutcomeUndo{}, fmt.Errorf("set outcome of complaint %d: %w", id, err)
	}
	d.Announce(changes...)
	return u, nil
}

// UndoOutcome puts back what SetOutcome changed: the complaint's outcome, the alert it
// resolved (open again) and the client's status, with their timeline entries; check-ins
// not yet done that were added for the complaint since, and a loss recorded since, are
// taken away too. It refuses when the outcome was changed again meanwhile.
func (d *DB) UndoOutcome(ctx context.Context, u OutcomeUndo) error {
	now := d.now()
	var client int64
	err := d.tx(ctx, func(tx *sql.Tx) error {
		k, err := getComplaint(ctx, tx, u.ComplaintID)
		if err != nil {
			return err
		}
		client = k.ClientID
		if k.Outcome != u.Outcome || !k.OutcomeAt.Equal(u.At) {
			return ErrOutcomeMoved
		}
		if _, err := tx.ExecContext(ctx, `UPDATE complaints SET outcome=?, outcome_at=?, outcome_note=?, updated=?,
			version=version+1 WHERE id=?`, string(u.Before), fmtTime(u.BeforeAt), u.BeforeNote, fmtTime(now), u.ComplaintID); err != nil {
			return err
		}
		if u.AlertID != 0 {
			a, err := getAlert(ctx, tx, u.AlertID)
			if err != nil {
				return err
			}
			a.ResolvedAt, a.Resolution = time.Time{}, ""
			if _, err := tx.ExecContext(ctx, `UPDATE alerts SET resolved_at='', resolution='', updated=? WHERE id=?`,
				fmtTime(now), a.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE timeline SET summary=?, body=? WHERE client_id=? AND ref=?`,
				a.Summary(), alertBody(a), a.ClientID, alertRef(a.ID)); err != nil {
				return err
			}
		}
		if u.StatusBefore != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE clients SET status=?, status_changed=?, updated=?, version=version+1 WHERE id=?`,
				string(u.StatusBefore), fmtTime(u.StatusChangedFrom), fmtTime(now), u.ClientID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM timeline WHERE id=? AND kind='status'`, u.StatusEntry); err != nil {
				return err
			}
		}
		if !u.At.IsZero() {
			// What the outcome's own questions added: the check-ins offered, the loss recorded.
			if _, err := tx.ExecContext(ctx, `DELETE FROM followups WHERE complaint_id=? AND source='checkin'
				AND done_at='' AND created>=?`, u.ComplaintID, fmtTime(u.At)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM timeline WHERE client_id=? AND ref IN
				(SELECT 'loss:' || id FROM losses WHERE client_id=? AND created>=? AND won_back_on='')`,
				u.ClientID, u.ClientID, fmtTime(u.At)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM losses WHERE client_id=? AND created>=? AND won_back_on=''`,
				u.ClientID, fmtTime(u.At)); err != nil {
				return err
			}
		}
		return writeComplaintEntry(ctx, tx, u.ComplaintID, now, false)
	})
	if err != nil {
		return fmt.Errorf("undo the outcome of complaint %d: %w", u.ComplaintID, err)
	}
	d.Announce(complaintChange(client, u.ComplaintID), timelineChange(client), clientChange(client),
		Change{Kind: ChangedAlerts, Client: client, ID: u.AlertID}, Change{Kind: ChangedFollowUps, Client: client},
		Change{Kind: ChangedLosses, Client: client})
	return nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// ComplaintFilter narrows the complaint list; the zero filter lists all.
type ComplaintFilter struct {
	Outcome  Outcome      // empty: any
	Restate  RestateState // empty: any
	ClientID int64        // 0: any
}

// ListComplaints lists complaints, most recently worked on first.
func (d *DB) ListComplaints(ctx context.Context, f ComplaintFilter, limit int) ([]Complaint, error) {
	var where []string
	var args []any
	if f.Outcome != "" {
		where, args = append(where, "k.outcome = ?"), append(args, string(f.Outcome))
	}
	if f.Restate != "" {
		where, args = append(where, "k.restate_state = ?"), append(args, string(f.Restate))
	}
	if f.ClientID != 0 {
		where, args = append(where, "k.client_id = ?"), append(args, f.ClientID)
	}
	q := `SELECT ` + complaintCols + ` FROM complaints k JOIN clients c ON c.id = k.client_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY k.updated DESC, k.id DESC LIMIT ?"
	rows, err := d.sql.QueryContext(ctx, q, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("list complaints: %w", err)
	}
	defer rows.Close()
	var out []Complaint
	for rows.Next() {
		k, err := scanComplaint(rows)
		if err != nil {
			return nil, fmt.Errorf("list complaints: %w", err)
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list complaints: %w", err)
	}
	return out, nil
}

// CountOpenComplaints counts complaints whose outcome is still open.
func (d *DB) CountOpenComplaints(ctx context.Context) (int, error) {
	var n int
	if err := d.sql.QueryRowContext(ctx, `SELECT count(*) FROM complaints WHERE outcome = 'open'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count open complaints: %w", err)
	}
	return n, nil
}

// writeComplaintEntry keeps the one timeline entry of a complaint up to date with its interview.
func writeComplaintEntry(ctx context.Context, tx *sql.Tx, id int64, now time.Time, create bool) error {
	k, err := getComplaint(ctx, tx, id)
	if err != nil {
		return err
	}
	summary, body := complaintEntryText(k)
	if create {
		return addEntry(ctx, tx, Entry{ClientID: k.ClientID, At: k.Created, Kind: KindInterview,
			Summary: summary, Body: body, Ref: complaintRef(id)}, now)
	}
	res, err := tx.ExecContext(ctx, `UPDATE timeline SET summary=?, body=? WHERE client_id=? AND ref=?`,
		summary, body, k.ClientID, complaintRef(id))
	if err != nil {
		return fmt.Errorf("update timeline entry of complaint %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return addEntry(ctx, tx, Entry{ClientID: k.ClientID, At: k.Created, Kind: KindInterview,
			Summary: summary, Body: body, Ref: complaintRef(id)}, now)
	}
	return nil
}

// complaintEntryText is the timeline's view of a complaint: its state in a line, the gist below.
func complaintEntryText(k Complaint) (string, string) {
	summary := fmt.Sprintf("Complaint interview %d · %s · %s", k.ID, k.RestateState.Label(), k.Outcome.Label())
	var body []string
	switch {
	case k.Record != "":
		body = append(body, "Complaint of record: "+k.Record)
	case k.RestateState == RestateNotConfirmed:
		body = append(body, "Not confirmed: "+k.RestateReason)
	}
	if k.Account != "" {
		body = append(body, "Client's account: "+k.Account)
	}
	if k.RootCause != "" {
		body = append(body, "Root cause: "+k.RootCause)
	}
	return summary, strings.Join(body, "\n")
}

// InsertComplaintTx writes a fully specified complaint (times, restate state and outcome
// included) with its timeline entry; for sample data inside its transaction. Rounds,
// errors, remedies and commitments are added with their own Insert…Tx functions.
func InsertComplaintTx(ctx context.Context, tx *sql.Tx, k Complaint) (int64, error) {
	var alert any
	if k.AlertID != 0 {
		alert = k.AlertID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO complaints (client_id, alert_id, outcome, outcome_at, outcome_note,
		hours, interview_on, interview_how, conducted_by, independent_note, account, expected, happened, feeling,
		responsibility, regret, client_fix, root_cause, root_cause_text, procedure_change, client_told,
		client_told_on, created, updated, mood_start, mood_end, thanked) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		k.ClientID, alert, string(k.Outcome), fmtTime(k.OutcomeAt), k.OutcomeNote, k.Hours, k.InterviewOn.String(),
		string(k.How), k.ConductedBy, k.IndependentNote, k.Account, k.Expected, k.Happened, k.Feeling,
		k.Responsibility, k.Regret, k.ClientFix, k.RootCause, k.RootCauseText, k.ProcedureChange, k.ClientTold,
		k.ClientToldOn.String(), fmtTime(k.Created), fmtTime(k.Updated), int(k.MoodStart), int(k.MoodEnd), k.Thanked)
	if err != nil {
		return 0, fmt.Errorf("insert complaint: %w", err)
	}
	return res.LastInsertId()
}

// FinishComplaintTx sets the restate state a sample complaint ended in (after its rounds are
// written) and writes its timeline entry.
func FinishComplaintTx(ctx context.Context, tx *sql.Tx, id int64, s RestateState, reason string, ended time.Time) error {
	if s != RestateOpen {
		if _, err := tx.ExecContext(ctx, `UPDATE complaints SET restate_state=?, restate_reason=?, restate_ended=? WHERE id=?`,
			string(s), reason, fmtTime(ended), id); err != nil {
			return fmt.Errorf("finish complaint %d: %w", id, err)
		}
	}
	return writeComplaintEntry(ctx, tx, id, ended, true)
}
