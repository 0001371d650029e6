package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// FollowUpBulk writes many follow-ups, feedback records and timeline entries inside one
// transaction through prepared statements (sample data, imports): several times faster
// than preparing each statement again.
type FollowUpBulk struct {
	ctx                     context.Context
	followUp, feedback, ent *sql.Stmt
}

// NewFollowUpBulk prepares the statements in tx. Close it before the transaction ends.
func NewFollowUpBulk(ctx context.Context, tx *sql.Tx) (*FollowUpBulk, error) {
	b := &FollowUpBulk{ctx: ctx}
	var err error
	if b.followUp, err = tx.PrepareContext(ctx, `INSERT INTO followups (client_id, complaint_id, source, what, due,
		channel, done_at, done_note, hours, created) VALUES (?,?,?,?,?,?,?,?,?,?)`); err != nil {
		return nil, fmt.Errorf("prepare follow-ups: %w", err)
	}
	if b.feedback, err = tx.PrepareContext(ctx, `INSERT INTO feedback (client_id, asked, channel, answered,
		satisfaction, recommend, comment, created) VALUES (?,?,?,?,?,?,?,?)`); err != nil {
		b.Close()
		return nil, fmt.Errorf("prepare feedback: %w", err)
	}
	if b.ent, err = tx.PrepareContext(ctx, `INSERT INTO timeline (client_id, at, kind, summary, body, ref, created)
		VALUES (?,?,?,?,?,?,?)`); err != nil {
		b.Close()
		return nil, fmt.Errorf("prepare timeline: %w", err)
	}
	return b, nil
}

// Close releases the prepared statements.
func (b *FollowUpBulk) Close() {
	for _, s := range []*sql.Stmt{b.followUp, b.feedback, b.ent} {
		if s != nil {
			s.Close()
		}
	}
}

func lastID(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// FollowUp writes f as given (times included).
func (b *FollowUpBulk) FollowUp(f FollowUp) (int64, error) {
	if err := f.Validate(); err != nil {
		return 0, err
	}
	var complaint any
	if f.ComplaintID != 0 {
		complaint = f.ComplaintID
	}
	return lastID(b.followUp.ExecContext(b.ctx, f.ClientID, complaint, string(f.Source), f.What, fmtTime(f.Due),
		f.Channel, fmtTime(f.DoneAt), f.DoneNote, f.Hours, fmtTime(f.Created)))
}

// Feedback writes f as given.
func (b *FollowUpBulk) Feedback(f Feedback) (int64, error) {
	if err := f.Validate(); err != nil {
		return 0, err
	}
	return lastID(b.feedback.ExecContext(b.ctx, f.ClientID, f.Asked.String(), f.Channel, f.Answered.String(),
		nullScore(f.Satisfaction), nullScore(f.Recommend), f.Comment, fmtTime(f.Created)))
}

// Entry writes a timeline entry; its creation time is its own time.
func (b *FollowUpBulk) Entry(e Entry) (int64, error) {
	if err := e.validate(); err != nil {
		return 0, err
	}
	return lastID(b.ent.ExecContext(b.ctx, e.ClientID, fmtTime(e.At), string(e.Kind), strings.TrimSpace(e.Summary),
		e.Body, e.Ref, fmtTime(e.At)))
}
