package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ExitOpening is how an exit interview starts, as the practice recommends: the client
// should know it is not a sales call, and that what they say changes something.
const ExitOpening = "This meeting is solely for the purpose of learning how we can regain your business, " +
	"and how we can do better for the clients we still have. Nothing you say will be held against you, " +
	"and I will not try to sell you anything today."

// ExitQuestions are the questions an exit interview asks, in order.
func ExitQuestions() []string {
	return []string{
		"What was the main reason you decided to leave?",
		"When did you first feel things were going wrong, and what happened then?",
		"What could we have done differently to keep you?",
		"What did we do well that we should keep doing?",
		"Is there anything that would make you consider working with us again?",
		"May we stay in touch, and if so, how?",
	}
}

// ExitAnswer is one question asked and the client's answer, in their words.
type ExitAnswer struct {
	Question string `json:"q"`
	Answer   string `json:"a"`
}

// ExitInterview is the record of an exit interview with a client who is leaving.
type ExitInterview struct {
	ID          int64
	ClientID    int64
	ComplaintID int64 // the complaint it followed; 0 for none
	HeldOn      Date
	HeldBy      string
	// Independent: held by someone with no direct contact with the client, who
	// speaks more freely to them.
	Independent bool
	Answers     []ExitAnswer
	Notes       string
	FollowUpID  int64 // the follow-up it set; 0 for none
	FollowUpDue time.Time
	Created     time.Time
	Updated     time.Time
}

const exitCols = `e.id, e.client_id, coalesce(e.complaint_id, 0), e.held_on, e.held_by, e.independent, e.answers,
	e.notes, coalesce(e.followup_id, 0), coalesce(f.due, ''), e.created, e.updated`

func scanExit(s scanner) (ExitInterview, error) {
	var e ExitInterview
	var on, answers, due, created, updated string
	if err := s.Scan(&e.ID, &e.ClientID, &e.ComplaintID, &on, &e.HeldBy, &e.Independent, &answers, &e.Notes,
		&e.FollowUpID, &due, &created, &updated); err != nil {
		return e, err
	}
	var err error
	if e.HeldOn, err = ParseDate(on); err != nil {
		return e, err
	}
	if err := json.Unmarshal([]byte(answers), &e.Answers); err != nil {
		return e, fmt.Errorf("read the answers of exit interview %d: %w", e.ID, err)
	}
	for _, p := range []struct {
		dst *time.Time
		src string
	}{{&e.FollowUpDue, due}, {&e.Created, created}, {&e.Updated, updated}} {
		if *p.dst, err = parseTime(p.src); err != nil {
			return e, err
		}
	}
	return e, nil
}

// ExitInterviewFor returns the newest exit interview of a client (of complaintID when it
// is not 0), and whether there is one.
func (d *DB) ExitInterviewFor(ctx context.Context, clientID, complaintID int64) (ExitInterview, bool, error) {
	q := `SELECT ` + exitCols + ` FROM exit_interviews e LEFT JOIN followups f ON f.id = e.followup_id WHERE e.client_id = ?`
	args := []any{clientID}
	if complaintID != 0 {
		q += ` AND e.complaint_id = ?`
		args = append(args, complaintID)
	}
	e, err := scanExit(d.sql.QueryRowContext(ctx, q+` ORDER BY e.id DESC LIMIT 1`, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, nil
	}
	if err != nil {
		return e, false, fmt.Errorf("load the exit interview of client %d: %w", clientID, err)
	}
	return e, true, nil
}

// Validate checks an exit interview before it is saved.
func (e *ExitInterview) Validate() error {
	e.HeldBy, e.Notes = strings.TrimSpace(e.HeldBy), strings.TrimSpace(e.Notes)
	if e.ClientID == 0 {
		return &FieldError{"client", "choose the client"}
	}
	return nil
}

// SaveExitInterview stores an exit interview (a new one when e.ID is 0) as typed. A
// follow-up date (e.FollowUpDue) makes or moves its follow-up, "Follow up the exit
// interview"; a cleared one takes away the follow-up if it is not done. The client's
// loss record, if open, notes that the exit interview was held, and by whom.
func (d *DB) SaveExitInterview(ctx context.Context, e ExitInterview) (ExitInterview, error) {
	if err := e.Validate(); err != nil {
		return e, err
	}
	answers, err := json.Marshal(e.Answers)
	if err != nil {
		return e, fmt.Errorf("save the exit interview: %w", err)
	}
	if e.Answers == nil {
		answers = []byte("[]")
	}
	now := d.now()
	err = d.tx(ctx, func(tx *sql.Tx) error {
		var complaint any
		if e.ComplaintID != 0 {
			complaint = e.ComplaintID
		}
		if e.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO exit_interviews (client_id, complaint_id, held_on, held_by,
				independent, answers, notes, created, updated) VALUES (?,?,?,?,?,?,?,?,?)`,
				e.ClientID, complaint, e.HeldOn.String(), e.HeldBy, e.Independent, string(answers), e.Notes, fmtTime(now), fmtTime(now))
			if err != nil {
				return err
			}
			if e.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			e.Created = now
		} else {
			if err := execOneTx(ctx, tx, `UPDATE exit_interviews SET held_on=?, held_by=?, independent=?, answers=?,
				notes=?, updated=? WHERE id=?`, e.HeldOn.String(), e.HeldBy, e.Independent, string(answers), e.Notes,
				fmtTime(now), e.ID); err != nil {
				return err
			}
			// The follow-up is the one stored: a save typed before the last came back
			// does not know it.
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(followup_id, 0) FROM exit_interviews WHERE id=?`,
				e.ID).Scan(&e.FollowUpID); err != nil {
				return err
			}
		}
		e.Updated = now
		if err := syncExitFollowUpTx(ctx, tx, &e, now); err != nil {
			return err
		}
		// The loss record keeps its own "exit interview held" and "by whom".
		_, err := tx.ExecContext(ctx, `UPDATE losses SET exit_interview=1, exit_by=? WHERE client_id=? AND won_back_on=''
			AND id=(SELECT max(id) FROM losses WHERE client_id=?)`, e.HeldBy, e.ClientID, e.ClientID)
		return err
	})
	if err != nil {
		return e, fmt.Errorf("save the exit interview: %w", err)
	}
	changes := []Change{{Kind: ChangedFollowUps, Client: e.ClientID}, {Kind: ChangedLosses, Client: e.ClientID}}
	if e.ComplaintID != 0 {
		changes = append(changes, complaintChange(e.ClientID, e.ComplaintID))
	}
	d.Announce(changes...)
	return e, nil
}

func syncExitFollowUpTx(ctx context.Context, tx *sql.Tx, e *ExitInterview, now time.Time) error {
	var done string
	if e.FollowUpID != 0 {
		err := tx.QueryRowContext(ctx, `SELECT done_at FROM followups WHERE id=?`, e.FollowUpID).Scan(&done)
		if errors.Is(err, sql.ErrNoRows) {
			e.FollowUpID = 0
		} else if err != nil {
			return err
		}
	}
	switch {
	case e.FollowUpDue.IsZero() && e.FollowUpID != 0 && done == "":
		if _, err := tx.ExecContext(ctx, `DELETE FROM followups WHERE id=?`, e.FollowUpID); err != nil {
			return err
		}
		e.FollowUpID = 0
	case e.FollowUpDue.IsZero():
	case e.FollowUpID != 0 && done == "":
		if _, err := tx.ExecContext(ctx, `UPDATE followups SET due=? WHERE id=?`, fmtTime(e.FollowUpDue), e.FollowUpID); err != nil {
			return err
		}
	case e.FollowUpID == 0:
		id, err := insertFollowUp(ctx, tx, FollowUp{ClientID: e.ClientID, ComplaintID: e.ComplaintID, Source: SourceManual,
			Purpose: PurposeExit, What: "Follow up the exit interview: say what changed since, and keep the door open",
			Due: e.FollowUpDue, Channel: "Phone", Created: now})
		if err != nil {
			return err
		}
		e.FollowUpID = id
	}
	_, err := tx.ExecContext(ctx, `UPDATE exit_interviews SET followup_id=? WHERE id=?`, nullID(e.FollowUpID), e.ID)
	return err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
