package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Answer is the client's answer to a restatement.
type Answer string

// The answers; AnswerNone while the round waits for one.
const (
	AnswerNone      Answer = ""
	AnswerConfirmed Answer = "confirmed"
	AnswerPartly    Answer = "partly"
	AnswerNotRight  Answer = "not_right"
)

// Round is one restatement round: "So what I'm hearing is…" and the client's answer.
type Round struct {
	ID          int64
	ComplaintID int64
	Number      int
	Text        string
	AskedAt     time.Time
	Answer      Answer
	Correction  string // the client's correction, in their words
	AnsweredAt  time.Time
	// Parts are the composer's slots the text was built from; empty when it was typed
	// whole. Once the client confirms the round, the apology reflects them.
	Parts RoundParts
}

// RoundParts are what a restatement says back: what happened, its impact on the
// client, and how they feel, each in a few words.
type RoundParts struct {
	What, Impact, Feeling string
}

// Empty reports whether no part was filled in.
func (p RoundParts) Empty() bool {
	return strings.TrimSpace(p.What+p.Impact+p.Feeling) == ""
}

func (p RoundParts) trimmed() RoundParts {
	return RoundParts{strings.TrimSpace(p.What), strings.TrimSpace(p.Impact), strings.TrimSpace(p.Feeling)}
}

// RoundDraft is the round being written: the sentence said back, the parts it was
// composed from, and the client's correction as typed so far.
type RoundDraft struct {
	Text       string
	Correction string
	Parts      RoundParts
}

// Answered reports whether the client has answered; answered rounds never change.
func (r Round) Answered() bool { return r.Answer != AnswerNone }

// Errors of the restate step, for the UI to explain.
var (
	ErrRoundAnswered = errors.New("this restatement round has been answered and cannot be changed")
	ErrRestateEnded  = errors.New("the restate step has ended: no more rounds")
	ErrRoundWaiting  = errors.New("the last restatement is still waiting for the client's answer")
	ErrNotLastRound  = errors.New("only the latest restatement round can be edited")
)

func scanRound(s scanner) (Round, error) {
	var r Round
	var asked, answered string
	if err := s.Scan(&r.ID, &r.ComplaintID, &r.Number, &r.Text, &asked, &r.Answer, &r.Correction, &answered,
		&r.Parts.What, &r.Parts.Impact, &r.Parts.Feeling); err != nil {
		return r, err
	}
	var err error
	if r.AskedAt, err = parseTime(asked); err != nil {
		return r, err
	}
	r.AnsweredAt, err = parseTime(answered)
	return r, err
}

const roundCols = `id, complaint_id, round, text, asked_at, answer, correction, answered_at, what, impact, feeling`

func rounds(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, complaintID int64) ([]Round, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+roundCols+` FROM restatements WHERE complaint_id=? ORDER BY round`, complaintID)
	if err != nil {
		return nil, fmt.Errorf("load restatements of complaint %d: %w", complaintID, err)
	}
	defer rows.Close()
	var out []Round
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			return nil, fmt.Errorf("load restatements of complaint %d: %w", complaintID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Rounds lists a complaint's restatement rounds in order.
func (d *DB) Rounds(ctx context.Context, complaintID int64) ([]Round, error) {
	return rounds(ctx, d.sql, complaintID)
}

// OpenRound starts the next restatement round. The first round can always be opened;
// later ones only after the client answered "partly right" or "not right".
func (d *DB) OpenRound(ctx context.Context, complaintID int64, text string) (Round, error) {
	now := d.now()
	var r Round
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		r, err = openRoundTx(ctx, tx, complaintID, RoundDraft{Text: text}, now)
		return err
	})
	if err != nil {
		return r, fmt.Errorf("open restatement round: %w", err)
	}
	d.announceComplaint(ctx, complaintID)
	return r, nil
}

func openRoundTx(ctx context.Context, tx *sql.Tx, complaintID int64, dr RoundDraft, now time.Time) (Round, error) {
	k, err := getComplaint(ctx, tx, complaintID)
	if err != nil {
		return Round{}, err
	}
	if k.RestateState != RestateOpen {
		return Round{}, ErrRestateEnded
	}
	rs, err := rounds(ctx, tx, complaintID)
	if err != nil {
		return Round{}, err
	}
	if n := len(rs); n > 0 && !rs[n-1].Answered() {
		return Round{}, ErrRoundWaiting
	}
	p := dr.Parts.trimmed()
	r := Round{ComplaintID: complaintID, Number: len(rs) + 1, Text: dr.Text, Correction: dr.Correction, AskedAt: now, Parts: p}
	res, err := tx.ExecContext(ctx, `INSERT INTO restatements (complaint_id, round, text, correction, asked_at, what, impact, feeling)
		VALUES (?,?,?,?,?,?,?,?)`, complaintID, r.Number, dr.Text, dr.Correction, fmtTime(now), p.What, p.Impact, p.Feeling)
	if err != nil {
		return r, err
	}
	r.ID, err = res.LastInsertId()
	return r, err
}

// EditRound changes the text, parts (and the draft of the client's correction) of the
// latest round while it waits for an answer. AskedAt follows the last edit.
func (d *DB) EditRound(ctx context.Context, roundID int64, dr RoundDraft) error {
	now := d.now()
	err := d.tx(ctx, func(tx *sql.Tx) error { return editRoundTx(ctx, tx, roundID, dr, now) })
	if err != nil {
		return fmt.Errorf("edit restatement round %d: %w", roundID, err)
	}
	d.announceComplaint(ctx, d.complaintOfRow(ctx, "restatements", roundID))
	return nil
}

func editRoundTx(ctx context.Context, tx *sql.Tx, roundID int64, dr RoundDraft, now time.Time) error {
	r, err := scanRound(tx.QueryRowContext(ctx, `SELECT `+roundCols+` FROM restatements WHERE id=?`, roundID))
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if r.Answered() {
		return ErrRoundAnswered
	}
	var last int
	if err := tx.QueryRowContext(ctx, `SELECT max(round) FROM restatements WHERE complaint_id=?`, r.ComplaintID).Scan(&last); err != nil {
		return err
	}
	if r.Number != last {
		return ErrNotLastRound
	}
	p := dr.Parts.trimmed()
	_, err = tx.ExecContext(ctx, `UPDATE restatements SET text=?, correction=?, asked_at=?, what=?, impact=?, feeling=? WHERE id=?`,
		dr.Text, dr.Correction, fmtTime(now), p.What, p.Impact, p.Feeling, roundID)
	return err
}

// DraftRound saves what is typed in the restate step: it edits the round waiting for an
// answer, or opens the next one (the first, or after "partly/not right").
func (d *DB) DraftRound(ctx context.Context, complaintID int64, dr RoundDraft) (Round, error) {
	now := d.now()
	var r Round
	err := d.tx(ctx, func(tx *sql.Tx) error {
		rs, err := rounds(ctx, tx, complaintID)
		if err != nil {
			return err
		}
		if n := len(rs); n > 0 && !rs[n-1].Answered() {
			r = rs[n-1]
			r.Text, r.Correction, r.AskedAt, r.Parts = dr.Text, dr.Correction, now, dr.Parts.trimmed()
			return editRoundTx(ctx, tx, r.ID, dr, now)
		}
		r, err = openRoundTx(ctx, tx, complaintID, dr, now)
		return err
	})
	if err != nil {
		return r, fmt.Errorf("save restatement: %w", err)
	}
	d.announceComplaint(ctx, complaintID)
	return r, nil
}

// AnswerRound records the client's answer to the latest round. "Partly right" and "not right"
// need the client's correction; "confirmed" makes the round's text the complaint of record
// and ends the step. The round is frozen from then on.
func (d *DB) AnswerRound(ctx context.Context, roundID int64, a Answer, correction string) (Round, error) {
	now := d.now()
	correction = strings.TrimSpace(correction)
	var r Round
	kept := 0
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		r, err = scanRound(tx.QueryRowContext(ctx, `SELECT `+roundCols+` FROM restatements WHERE id=?`, roundID))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if r.Answered() {
			return ErrRoundAnswered
		}
		k, err := getComplaint(ctx, tx, r.ComplaintID)
		if err != nil {
			return err
		}
		if k.RestateState != RestateOpen {
			return ErrRestateEnded
		}
		if strings.TrimSpace(r.Text) == "" {
			return &FieldError{"restatement", "write what you heard before the client answers"}
		}
		switch a {
		case AnswerConfirmed:
		case AnswerPartly, AnswerNotRight:
			if correction == "" {
				return &FieldError{"correction", "write down the client's correction in their words"}
			}
		default:
			return &FieldError{"answer", "choose confirmed, partly right or not right"}
		}
		r.Answer, r.Correction, r.AnsweredAt = a, correction, now
		if _, err := tx.ExecContext(ctx, `UPDATE restatements SET answer=?, correction=?, answered_at=? WHERE id=?`,
			string(a), correction, fmtTime(now), roundID); err != nil {
			return err
		}
		if a == AnswerConfirmed {
			if _, err := tx.ExecContext(ctx, `UPDATE complaints SET restate_state='confirmed', restate_ended=?, updated=? WHERE id=?`,
				fmtTime(now), fmtTime(now), r.ComplaintID); err != nil {
				return err
			}
		}
		if kept, err = keepCallBacksTx(ctx, tx, k, now); err != nil {
			return err
		}
		return writeComplaintEntry(ctx, tx, r.ComplaintID, now, false)
	})
	if err != nil {
		return r, fmt.Errorf("record the client's answer: %w", err)
	}
	if kept > 0 {
		d.announceComplaint(ctx, r.ComplaintID, ChangedFollowUps)
	} else {
		d.announceComplaint(ctx, r.ComplaintID)
	}
	return r, nil
}

// keepCallBacksTx marks done, at now, every call back still open that was promised for
// k (when its alert was logged, or the interview paused): the client has just answered a
// restatement, so the conversation is happening. It reports how many it marked.
func keepCallBacksTx(ctx context.Context, tx *sql.Tx, k Complaint, now time.Time) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, what FROM followups WHERE purpose='callback' AND done_at=''
		AND (complaint_id=? OR (? <> 0 AND alert_id=?)) ORDER BY id`, k.ID, k.AlertID, k.AlertID)
	if err != nil {
		return 0, err
	}
	type callBack struct {
		id   int64
		what string
	}
	var cbs []callBack
	for rows.Next() {
		var cb callBack
		if err := rows.Scan(&cb.id, &cb.what); err != nil {
			rows.Close()
			return 0, err
		}
		cbs = append(cbs, cb)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	const note = "Done: the client answered in the interview"
	for _, cb := range cbs {
		if _, err := tx.ExecContext(ctx, `UPDATE followups SET done_at=?, done_note=? WHERE id=?`, fmtTime(now), note, cb.id); err != nil {
			return 0, err
		}
		if err := addEntry(ctx, tx, Entry{ClientID: k.ClientID, At: now, Kind: KindFollowUp, Summary: "Done: " + cb.what,
			Body: note, Ref: followUpRef(cb.id)}, now); err != nil {
			return 0, err
		}
	}
	return len(cbs), nil
}

// EndNotConfirmed ends the restate step without an agreed understanding. A round still
// waiting for an answer is kept as said (or dropped if empty).
func (d *DB) EndNotConfirmed(ctx context.Context, complaintID int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return &FieldError{"reason", "say why the client did not confirm"}
	}
	now := d.now()
	err := d.tx(ctx, func(tx *sql.Tx) error {
		k, err := getComplaint(ctx, tx, complaintID)
		if err != nil {
			return err
		}
		if k.RestateState != RestateOpen {
			return ErrRestateEnded
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM restatements WHERE complaint_id=? AND answer='' AND trim(text)=''`, complaintID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE complaints SET restate_state='not_confirmed', restate_reason=?,
			restate_ended=?, updated=? WHERE id=?`, reason, fmtTime(now), fmtTime(now), complaintID); err != nil {
			return err
		}
		return writeComplaintEntry(ctx, tx, complaintID, now, false)
	})
	if err != nil {
		return fmt.Errorf("end restate step of complaint %d: %w", complaintID, err)
	}
	d.announceComplaint(ctx, complaintID)
	return nil
}

// InsertRoundTx writes a sample round as given (answered or not) inside tx.
func InsertRoundTx(ctx context.Context, tx *sql.Tx, r Round) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO restatements (complaint_id, round, text, asked_at, answer, correction, answered_at,
		what, impact, feeling) VALUES (?,?,?,?,?,?,?,?,?,?)`, r.ComplaintID, r.Number, r.Text, fmtTime(r.AskedAt), string(r.Answer),
		r.Correction, fmtTime(r.AnsweredAt), r.Parts.What, r.Parts.Impact, r.Parts.Feeling)
	if err != nil {
		return fmt.Errorf("insert restatement round: %w", err)
	}
	return nil
}

// AckError is one error we acknowledge, in plain words.
type AckError struct {
	ID          int64
	ComplaintID int64
	Text        string
}

// AckErrors lists a complaint's acknowledged errors in the order they were added.
func (d *DB) AckErrors(ctx context.Context, complaintID int64) ([]AckError, error) {
	return ackErrors(ctx, d.sql, complaintID)
}

func ackErrors(ctx context.Context, q Querier, complaintID int64) ([]AckError, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, complaint_id, text FROM acknowledged_errors
		WHERE complaint_id=? ORDER BY position, id`, complaintID)
	if err != nil {
		return nil, fmt.Errorf("load acknowledged errors: %w", err)
	}
	defer rows.Close()
	var out []AckError
	for rows.Next() {
		var e AckError
		if err := rows.Scan(&e.ID, &e.ComplaintID, &e.Text); err != nil {
			return nil, fmt.Errorf("load acknowledged errors: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// AddAckError appends an acknowledged error (possibly empty, to be typed into).
func (d *DB) AddAckError(ctx context.Context, complaintID int64, text string) (AckError, error) {
	e := AckError{ComplaintID: complaintID, Text: text}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO acknowledged_errors (complaint_id, position, text)
			VALUES (?, coalesce((SELECT max(position) FROM acknowledged_errors WHERE complaint_id=?), 0) + 1, ?)`,
			complaintID, complaintID, text)
		if err != nil {
			return err
		}
		e.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return e, fmt.Errorf("add acknowledged error: %w", err)
	}
	d.announceComplaint(ctx, complaintID)
	return e, nil
}

// SetAckError changes the words of an acknowledged error.
func (d *DB) SetAckError(ctx context.Context, id int64, text string) error {
	if err := d.execOne(ctx, "save acknowledged error", `UPDATE acknowledged_errors SET text=? WHERE id=?`, text, id); err != nil {
		return err
	}
	d.announceComplaint(ctx, d.complaintOfRow(ctx, "acknowledged_errors", id))
	return nil
}

// RemoveAckError deletes an acknowledged error.
func (d *DB) RemoveAckError(ctx context.Context, id int64) error {
	complaint := d.complaintOfRow(ctx, "acknowledged_errors", id)
	if err := d.execOne(ctx, "remove acknowledged error", `DELETE FROM acknowledged_errors WHERE id=?`, id); err != nil {
		return err
	}
	d.announceComplaint(ctx, complaint)
	return nil
}

// RemedyKind is what we give to put things right.
type RemedyKind string

// The remedy kinds, in the order the UI offers them.
const (
	RemedyReplacement       RemedyKind = "replacement"
	RemedyAdditionalService RemedyKind = "additional_service"
	RemedyDiscountPercent   RemedyKind = "discount_percent"
	RemedyDiscountAmount    RemedyKind = "discount_amount"
	RemedyRefund            RemedyKind = "refund"
	RemedyCredit            RemedyKind = "credit"
	RemedyOther             RemedyKind = "other"
)

// RemedyKinds lists every remedy kind in display order.
func RemedyKinds() []RemedyKind {
	return []RemedyKind{RemedyReplacement, RemedyAdditionalService, RemedyDiscountPercent,
		RemedyDiscountAmount, RemedyRefund, RemedyCredit, RemedyOther}
}

// Label is the kind as the user reads it.
func (k RemedyKind) Label() string {
	switch k {
	case RemedyReplacement:
		return "Replacement"
	case RemedyAdditionalService:
		return "Additional service"
	case RemedyDiscountPercent:
		return "Discount (percent)"
	case RemedyDiscountAmount:
		return "Discount (amount)"
	case RemedyRefund:
		return "Refund"
	case RemedyCredit:
		return "Credit"
	case RemedyOther:
		return "Other"
	}
	return string(k)
}

// RemedyKindFromLabel is the inverse of Label.
func RemedyKindFromLabel(l string) (RemedyKind, bool) { return fromLabel(RemedyKinds(), l) }

// Percent reports whether the value of this kind is a percentage rather than money.
func (k RemedyKind) Percent() bool { return k == RemedyDiscountPercent }

// Remedy is what we give to put it right. Value is in minor units, or whole percent for
// a percentage discount.
type Remedy struct {
	ID          int64
	ComplaintID int64
	Kind        RemedyKind
	Description string
	Value       int64
	Due         Date
	Accepted    bool
	Created     time.Time
}

// ValueText shows the value with its unit, or "" when there is none.
func (r Remedy) ValueText(currency string) string {
	switch {
	case r.Value == 0:
		return ""
	case r.Kind.Percent():
		return fmt.Sprintf("%d%%", r.Value)
	}
	return FormatMoney(r.Value, currency)
}

// Validate checks a remedy before it is saved.
func (r *Remedy) Validate() error {
	if r.Kind.Label() == string(r.Kind) {
		return &FieldError{"kind", "choose what kind of remedy it is"}
	}
	r.Description = strings.TrimSpace(r.Description)
	if r.Value < 0 {
		return &FieldError{"value", "cannot be negative"}
	}
	if r.Kind.Percent() && (r.Value < 1 || r.Value > 100) {
		return &FieldError{"value", "enter a percentage between 1 and 100"}
	}
	if (r.Kind == RemedyOther || r.Kind == RemedyAdditionalService || r.Kind == RemedyReplacement) && r.Description == "" {
		return &FieldError{"description", "say what the client gets"}
	}
	return nil
}

const remedyCols = `id, complaint_id, kind, description, value, due, accepted, created`

// Remedies lists a complaint's remedies in the order they were agreed.
func (d *DB) Remedies(ctx context.Context, complaintID int64) ([]Remedy, error) {
	return remedies(ctx, d.sql, complaintID)
}

func remedies(ctx context.Context, q Querier, complaintID int64) ([]Remedy, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+remedyCols+` FROM remedies WHERE complaint_id=? ORDER BY id`, complaintID)
	if err != nil {
		return nil, fmt.Errorf("load remedies: %w", err)
	}
	defer rows.Close()
	var out []Remedy
	for rows.Next() {
		var r Remedy
		var due, created string
		if err := rows.Scan(&r.ID, &r.ComplaintID, &r.Kind, &r.Description, &r.Value, &due, &r.Accepted, &created); err != nil {
			return nil, fmt.Errorf("load remedies: %w", err)
		}
		if r.Due, err = ParseDate(due); err != nil {
			return nil, err
		}
		if r.Created, err = parseTime(created); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// AddRemedy saves a new remedy for a complaint.
func (d *DB) AddRemedy(ctx context.Context, r Remedy) (Remedy, error) {
	if err := r.Validate(); err != nil {
		return r, err
	}
	now := d.now()
	r.Created = now
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		r.ID, err = insertRemedy(ctx, tx, r)
		if err != nil {
			return err
		}
		return d.touchComplaint(ctx, tx, r.ComplaintID, now)
	})
	if err != nil {
		return r, fmt.Errorf("add remedy: %w", err)
	}
	d.announceComplaint(ctx, r.ComplaintID)
	return r, nil
}

func insertRemedy(ctx context.Context, tx *sql.Tx, r Remedy) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO remedies (complaint_id, kind, description, value, due, accepted, created)
		VALUES (?,?,?,?,?,?,?)`, r.ComplaintID, string(r.Kind), r.Description, r.Value, r.Due.String(), r.Accepted, fmtTime(r.Created))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// InsertRemedyTx writes a sample remedy inside tx.
func InsertRemedyTx(ctx context.Context, tx *sql.Tx, r Remedy) error {
	if err := r.Validate(); err != nil {
		return err
	}
	_, err := insertRemedy(ctx, tx, r)
	return err
}

// UpdateRemedy saves changes to a remedy.
func (d *DB) UpdateRemedy(ctx context.Context, r Remedy) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if err := d.execOne(ctx, "save remedy", `UPDATE remedies SET kind=?, description=?, value=?, due=?, accepted=? WHERE id=?`,
		string(r.Kind), r.Description, r.Value, r.Due.String(), r.Accepted, r.ID); err != nil {
		return err
	}
	d.announceComplaint(ctx, d.complaintOfRow(ctx, "remedies", r.ID))
	return nil
}

// RemoveRemedy deletes a remedy.
func (d *DB) RemoveRemedy(ctx context.Context, id int64) error {
	complaint := d.complaintOfRow(ctx, "remedies", id)
	if err := d.execOne(ctx, "remove remedy", `DELETE FROM remedies WHERE id=?`, id); err != nil {
		return err
	}
	d.announceComplaint(ctx, complaint)
	return nil
}

// touchComplaint marks a complaint as worked on now and refreshes its timeline entry.
func (d *DB) touchComplaint(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE complaints SET updated=? WHERE id=?`, fmtTime(now), id); err != nil {
		return err
	}
	return writeComplaintEntry(ctx, tx, id, now, false)
}

// Commitment is a dated promise made in the interview; each one is a follow-up.
type Commitment struct {
	ID          int64
	ComplaintID int64
	What        string
	Due         time.Time // the day and time promised
	Channel     string    // how it will be delivered: email, phone, ...
	FollowUpID  int64     // 0 if the follow-up was deleted
	Done        time.Time // when its follow-up was done; zero while due
	Created     time.Time
}

// CommitmentChannels are suggestions for how a commitment is kept; any text is allowed.
func CommitmentChannels() []string {
	return []string{"Email", "Phone", "Video call", "In person", "Letter"}
}

// Validate checks a commitment before it is saved.
func (c *Commitment) Validate() error {
	c.What = strings.TrimSpace(c.What)
	c.Channel = strings.TrimSpace(c.Channel)
	if c.What == "" {
		return &FieldError{"what", "say what you will do, e.g. email the revised report"}
	}
	if c.Due.IsZero() {
		return &FieldError{"due", "enter the day and time you promised"}
	}
	return nil
}

// Commitments lists a complaint's commitments by due time, with whether each follow-up is done.
func (d *DB) Commitments(ctx context.Context, complaintID int64) ([]Commitment, error) {
	return commitments(ctx, d.sql, complaintID)
}

func commitments(ctx context.Context, q Querier, complaintID int64) ([]Commitment, error) {
	rows, err := q.QueryContext(ctx, `SELECT m.id, m.complaint_id, m.what, m.due, m.channel,
		coalesce(m.followup_id, 0), coalesce(f.done_at, ''), m.created
		FROM commitments m LEFT JOIN followups f ON f.id = m.followup_id
		WHERE m.complaint_id=? ORDER BY m.due, m.id`, complaintID)
	if err != nil {
		return nil, fmt.Errorf("load commitments: %w", err)
	}
	defer rows.Close()
	var out []Commitment
	for rows.Next() {
		var c Commitment
		var due, done, created string
		if err := rows.Scan(&c.ID, &c.ComplaintID, &c.What, &due, &c.Channel, &c.FollowUpID, &done, &created); err != nil {
			return nil, fmt.Errorf("load commitments: %w", err)
		}
		for _, p := range []struct {
			dst *time.Time
			src string
		}{{&c.Due, due}, {&c.Done, done}, {&c.Created, created}} {
			if *p.dst, err = parseTime(p.src); err != nil {
				return nil, err
			}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddCommitment saves a commitment and creates its follow-up, in one transaction.
func (d *DB) AddCommitment(ctx context.Context, c Commitment) (Commitment, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	now := d.now()
	c.Created = now
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if c.ID, c.FollowUpID, err = insertCommitment(ctx, tx, c); err != nil {
			return err
		}
		return d.touchComplaint(ctx, tx, c.ComplaintID, now)
	})
	if err != nil {
		return c, fmt.Errorf("add commitment: %w", err)
	}
	d.announceComplaint(ctx, c.ComplaintID, ChangedFollowUps)
	return c, nil
}

func insertCommitment(ctx context.Context, tx *sql.Tx, c Commitment) (id, followup int64, err error) {
	var clientID int64
	if err := tx.QueryRowContext(ctx, `SELECT client_id FROM complaints WHERE id=?`, c.ComplaintID).Scan(&clientID); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, 0, fmt.Errorf("complaint %d: %w", c.ComplaintID, ErrNotFound)
		}
		return 0, 0, err
	}
	followup, err = insertFollowUp(ctx, tx, FollowUp{ClientID: clientID, ComplaintID: c.ComplaintID, Source: SourceCommitment,
		What: c.What, Due: c.Due, Channel: c.Channel, DoneAt: c.Done, Created: c.Created})
	if err != nil {
		return 0, 0, fmt.Errorf("create follow-up: %w", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO commitments (complaint_id, what, due, channel, followup_id, created)
		VALUES (?,?,?,?,?,?)`, c.ComplaintID, c.What, fmtTime(c.Due), c.Channel, followup, fmtTime(c.Created))
	if err != nil {
		return 0, 0, err
	}
	id, err = res.LastInsertId()
	return id, followup, err
}

// InsertCommitmentTx writes a sample commitment and its follow-up (done if c.Done is set).
func InsertCommitmentTx(ctx context.Context, tx *sql.Tx, c Commitment) error {
	if err := c.Validate(); err != nil {
		return err
	}
	_, _, err := insertCommitment(ctx, tx, c)
	return err
}

// UpdateCommitment saves changes to a commitment and its follow-up. A follow-up that was
// deleted is made again, so a changed promise is never left without its reminder.
func (d *DB) UpdateCommitment(ctx context.Context, c Commitment) error {
	if err := c.Validate(); err != nil {
		return err
	}
	now := d.now()
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var followup sql.NullInt64
		var complaintID, clientID int64
		err := tx.QueryRowContext(ctx, `SELECT m.followup_id, m.complaint_id, k.client_id FROM commitments m
			JOIN complaints k ON k.id = m.complaint_id WHERE m.id=?`, c.ID).Scan(&followup, &complaintID, &clientID)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE commitments SET what=?, due=?, channel=? WHERE id=?`,
			c.What, fmtTime(c.Due), c.Channel, c.ID); err != nil {
			return err
		}
		n := int64(0)
		if followup.Valid {
			res, err := tx.ExecContext(ctx, `UPDATE followups SET what=?, due=?, channel=? WHERE id=?`,
				c.What, fmtTime(c.Due), c.Channel, followup.Int64)
			if err != nil {
				return err
			}
			n, _ = res.RowsAffected()
		}
		if n == 0 {
			id, err := insertFollowUp(ctx, tx, FollowUp{ClientID: clientID, ComplaintID: complaintID, Source: SourceCommitment,
				What: c.What, Due: c.Due, Channel: c.Channel, Created: now})
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE commitments SET followup_id=? WHERE id=?`, id, c.ID); err != nil {
				return err
			}
		}
		return d.touchComplaint(ctx, tx, complaintID, now)
	})
	if err != nil {
		return fmt.Errorf("save commitment: %w", err)
	}
	d.announceComplaint(ctx, d.complaintOfRow(ctx, "commitments", c.ID), ChangedFollowUps)
	return nil
}

// RemoveCommitment deletes a commitment and its follow-up.
func (d *DB) RemoveCommitment(ctx context.Context, id int64) error {
	complaint := d.complaintOfRow(ctx, "commitments", id)
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var followup sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT followup_id FROM commitments WHERE id=?`, id).Scan(&followup); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM commitments WHERE id=?`, id); err != nil {
			return err
		}
		if followup.Valid {
			_, err := tx.ExecContext(ctx, `DELETE FROM followups WHERE id=?`, followup.Int64)
			return err
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("remove commitment %d: %w", id, err)
	}
	d.announceComplaint(ctx, complaint, ChangedFollowUps)
	return nil
}

// SettingRootCauses holds the root-cause categories, one a line.
const SettingRootCauses = "root_causes"

// DefaultRootCauses are offered until the user edits the list. Each is worded as our own
// process, never as a person or as something outside us: the client hears "our planning
// of deadlines", not "the analyst" or "circumstances".
func DefaultRootCauses() []string {
	return []string{"Our communication", "Our planning of deadlines", "Our quality checks",
		"How we agreed the requirements", "Our billing", "Our staffing and handovers",
		"A procedure we did not have", "How we work with suppliers and partners"}
}

// RootCauses returns the editable list of root-cause categories.
func (d *DB) RootCauses(ctx context.Context) ([]string, error) {
	v, err := d.Setting(ctx, SettingRootCauses, strings.Join(DefaultRootCauses(), "\n"))
	if err != nil {
		return nil, err
	}
	return cleanLines(v), nil
}

// SetRootCauses stores the root-cause categories (blank and repeated lines dropped).
func (d *DB) SetRootCauses(ctx context.Context, causes []string) error {
	v, err := RootCausesSetting(causes)
	if err != nil {
		return err
	}
	return d.SetSetting(ctx, SettingRootCauses, v)
}

// RootCausesSetting is the stored value of a list of root-cause categories: one a line,
// blank and repeated lines dropped; an empty list is refused.
func RootCausesSetting(causes []string) (string, error) {
	lines := cleanLines(strings.Join(causes, "\n"))
	if len(lines) == 0 {
		return "", &FieldError{"root causes", "keep at least one category"}
	}
	return strings.Join(lines, "\n"), nil
}

func cleanLines(s string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || seen[strings.ToLower(l)] {
			continue
		}
		seen[strings.ToLower(l)] = true
		out = append(out, l)
	}
	return out
}

// Step is one step of the interview wizard.
type Step int

// The interview steps, in order.
const (
	StepSetup Step = iota
	StepListen
	StepRestate
	StepAcknowledge
	StepAsk
	StepAgree
	StepPrevent
	StepOutcome
)

// InterviewSteps lists the interview steps in order.
func InterviewSteps() []Step {
	return []Step{StepSetup, StepListen, StepRestate, StepAcknowledge, StepAsk, StepAgree, StepPrevent, StepOutcome}
}

// InterviewFile is everything recorded for one complaint: what the wizard and the summary show.
type InterviewFile struct {
	Complaint   Complaint
	Client      Client
	Alert       *Alert // nil when not started from an alert
	Rounds      []Round
	Errors      []AckError
	Remedies    []Remedy
	Commitments []Commitment
	// Promises are every promise made for this complaint, as follow-ups, soonest first:
	// the commitments' follow-ups, calls back (the interview paused, or promised when its
	// alert was logged) and telling the client what changed.
	Promises []FollowUp
}

// InterviewFile loads a complaint with its client, alert, rounds, errors, remedies and commitments.
func (d *DB) InterviewFile(ctx context.Context, complaintID int64) (InterviewFile, error) {
	return interviewFile(ctx, d.sql, complaintID)
}

// InterviewFileTx loads an interview file inside tx (sample data writing its letters).
func InterviewFileTx(ctx context.Context, tx *sql.Tx, complaintID int64) (InterviewFile, error) {
	return interviewFile(ctx, tx, complaintID)
}

func interviewFile(ctx context.Context, q interface {
	Querier
	queryer
}, complaintID int64) (InterviewFile, error) {
	var f InterviewFile
	var err error
	if f.Complaint, err = getComplaint(ctx, q, complaintID); err != nil {
		return f, err
	}
	if f.Client, err = getClient(ctx, q, f.Complaint.ClientID); err != nil {
		return f, err
	}
	if f.Complaint.AlertID != 0 {
		a, err := getAlert(ctx, q, f.Complaint.AlertID)
		if err != nil {
			return f, err
		}
		f.Alert = &a
	}
	if f.Rounds, err = rounds(ctx, q, complaintID); err != nil {
		return f, err
	}
	if f.Errors, err = ackErrors(ctx, q, complaintID); err != nil {
		return f, err
	}
	if f.Remedies, err = remedies(ctx, q, complaintID); err != nil {
		return f, err
	}
	if f.Commitments, err = commitments(ctx, q, complaintID); err != nil {
		return f, err
	}
	if f.Promises, err = queryFollowUps(ctx, q, "promises", `SELECT `+followUpCols+`
		FROM followups f JOIN clients c ON c.id = f.client_id
		WHERE f.complaint_id = ? AND f.source = 'commitment' ORDER BY f.due, f.id`, complaintID); err != nil {
		return f, err
	}
	return f, nil
}

// PendingCallBack is the call back still to be made, if any: the interview was paused.
func (f InterviewFile) PendingCallBack() (FollowUp, bool) {
	for _, p := range f.Promises {
		if p.Purpose == PurposeCallBack && !p.Done() {
			return p, true
		}
	}
	return FollowUp{}, false
}

// OpenPromises are the promises not yet done, soonest first: what the Outcome step warns
// about before the complaint is closed.
func (f InterviewFile) OpenPromises() []FollowUp {
	var out []FollowUp
	for _, p := range f.Promises {
		if !p.Done() {
			out = append(out, p)
		}
	}
	return out
}

// PauseInterview records a promise to call the client back by due to continue the
// conversation: a follow-up of the complaint (a promise, in the ledger) and a line in
// the timeline. The restate step stays as it is: its rounds stay open, and ending it as
// not confirmed stays possible.
func (d *DB) PauseInterview(ctx context.Context, complaintID int64, due time.Time, note string) (FollowUp, error) {
	if due.IsZero() {
		return FollowUp{}, &FieldError{"call back", "enter the day and time you will call back"}
	}
	if !due.After(d.Now()) {
		return FollowUp{}, &FieldError{"call back", "choose a time in the future"}
	}
	now := d.now()
	var f FollowUp
	err := d.tx(ctx, func(tx *sql.Tx) error {
		k, err := getComplaint(ctx, tx, complaintID)
		if err != nil {
			return err
		}
		what := "Call back to continue the conversation about the complaint"
		if n := strings.TrimSpace(note); n != "" {
			what += ": " + n
		}
		f = FollowUp{ClientID: k.ClientID, ComplaintID: complaintID, Source: SourceCommitment, Purpose: PurposeCallBack,
			What: what, Due: due, Channel: "Phone", Created: now}
		if err := f.Validate(); err != nil {
			return err
		}
		if f.ID, err = insertFollowUp(ctx, tx, f); err != nil {
			return err
		}
		return d.touchComplaint(ctx, tx, complaintID, now)
	})
	if err != nil {
		return f, fmt.Errorf("pause the interview of complaint %d: %w", complaintID, err)
	}
	d.announceComplaint(ctx, complaintID, ChangedFollowUps)
	return f, nil
}

// ConfirmedRound is the round the client confirmed, if any.
func (f InterviewFile) ConfirmedRound() (Round, bool) {
	for _, r := range f.Rounds {
		if r.Answer == AnswerConfirmed {
			return r, true
		}
	}
	return Round{}, false
}

// AckErrorTexts lists the acknowledged errors that have words.
func (f InterviewFile) AckErrorTexts() []string {
	var out []string
	for _, e := range f.Errors {
		if t := strings.TrimSpace(e.Text); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// Done reports whether a step has what it needs. Restate is done only when confirmed or
// ended as not confirmed; that is what the wizard's Next waits for.
func (f InterviewFile) Done(s Step) bool {
	k := f.Complaint
	switch s {
	case StepSetup:
		return !k.InterviewOn.IsZero() && k.How != "" && strings.TrimSpace(k.ConductedBy) != ""
	case StepListen:
		return strings.TrimSpace(k.Account) != ""
	case StepRestate:
		return k.RestateState != RestateOpen
	case StepAcknowledge:
		// Regret alone is not an apology: responsibility must be taken.
		return k.Responsibility && (len(f.AckErrorTexts()) > 0 || strings.TrimSpace(k.Regret) != "")
	case StepAsk:
		return strings.TrimSpace(k.ClientFix) != ""
	case StepAgree:
		return len(f.Remedies) > 0 || len(f.Commitments) > 0
	case StepPrevent:
		return k.RootCause != "" && strings.TrimSpace(k.ProcedureChange) != ""
	case StepOutcome:
		return k.Outcome != OutcomeOpen
	}
	return false
}

// LeavingClient reports whether the client is lost or leaving, when the interview is best
// conducted by someone with no direct contact with them.
func (f InterviewFile) LeavingClient() bool {
	switch f.Client.Status {
	case StatusLost, StatusLetGo:
		return true
	}
	return f.Alert != nil && f.Alert.Kind == AlertCancelledOrder
}

// complaintOfRow is the complaint a row of an interview table (restatements,
// acknowledged_errors, remedies, commitments) belongs to, or 0 when it is not there.
func (d *DB) complaintOfRow(ctx context.Context, table string, id int64) int64 {
	var k int64
	// table is one of ours, never user input.
	if err := d.sql.QueryRowContext(ctx, `SELECT complaint_id FROM `+table+` WHERE id=?`, id).Scan(&k); err != nil {
		return 0
	}
	return k
}

// announceComplaint tells the subscribers that complaint id changed, with its timeline
// entry and the kinds in more, for its client. When the client cannot be found (the
// complaint is gone), they are told that anything may have changed.
func (d *DB) announceComplaint(ctx context.Context, id int64, more ...ChangeKind) {
	var client int64
	if id == 0 || d.sql.QueryRowContext(ctx, `SELECT client_id FROM complaints WHERE id=?`, id).Scan(&client) != nil {
		d.Announce(Change{Kind: ChangedAll})
		return
	}
	changes := []Change{complaintChange(client, id), timelineChange(client)}
	for _, k := range more {
		changes = append(changes, Change{Kind: k, Client: client})
	}
	d.Announce(changes...)
}
