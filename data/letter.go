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

// LetterSender is the letterhead text printed on a letter, kept with it so a
// reprint shows the same sender even after the settings change.
type LetterSender struct {
	Name     string   `json:"name,omitempty"`
	Business string   `json:"business,omitempty"`
	Address  []string `json:"address,omitempty"`
	Phone    string   `json:"phone,omitempty"`
	Email    string   `json:"email,omitempty"`
	Website  string   `json:"website,omitempty"`
}

// Letter is one letter as printed or saved: the edited text exactly as it went out.
type Letter struct {
	ID          int64
	ClientID    int64
	ComplaintID int64  // 0: not about a complaint
	Kind        string // apology, thanks, winback, followup, closing
	Paper       string // "A4" or "Letter"
	Lang        string // one of LetterLanguages
	Date        Date   // printed in the date line
	Place       string
	// DateLine is the date line as printed ("Berlin, 1. Dezember 2026") and DateRight
	// whether it is set flush right; "" for letters recorded before they were kept.
	DateLine   string
	DateRight  bool
	Recipient  []string
	Sender     LetterSender
	Subject    string
	Salutation string
	Body       []string // paragraphs
	Closing    string
	Signer     string
	Created    time.Time
	Printed    time.Time // zero when only saved as a file
	Emailed    time.Time // when it was last made into an email draft; zero if never
}

// letterKinds names the kinds for the timeline.
var letterKinds = map[string]string{
	"apology": "Apology letter", "thanks": "Thank-you letter", "winback": "Win-back letter",
	"followup": "Follow-up letter", "closing": "Closing letter",
}

// KindLabel is the kind as the timeline names it.
func (l Letter) KindLabel() string {
	if s, ok := letterKinds[l.Kind]; ok {
		return s
	}
	return "Letter"
}

// Text is the letter as plain text, as the timeline shows it.
func (l Letter) Text() string {
	var parts []string
	for _, s := range []string{l.Subject, l.Salutation, strings.Join(l.Body, "\n\n"), l.Closing, l.Signer} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n\n")
}

// Validate checks a letter before it is recorded.
func (l *Letter) Validate() error {
	if _, ok := letterKinds[l.Kind]; !ok {
		return &FieldError{"kind", fmt.Sprintf("unknown letter kind %q", l.Kind)}
	}
	if l.Paper != "A4" && l.Paper != "Letter" {
		return &FieldError{"paper", "choose A4 or Letter"}
	}
	if !validLetterLang(l.Lang) {
		return &FieldError{"language", "choose English, German, French, Spanish, Italian or Dutch"}
	}
	if l.ClientID == 0 {
		return &FieldError{"client", "the letter has no client"}
	}
	if strings.TrimSpace(l.Subject) == "" && len(l.Body) == 0 {
		return &FieldError{"body", "the letter is empty"}
	}
	if l.Date.IsZero() {
		return &FieldError{"date", "the letter has no date"}
	}
	return nil
}

func letterRef(id int64) string { return fmt.Sprintf("letter:%d", id) }

// SaveLetter records a letter that was printed or saved as a file (printed says
// which) and writes its timeline entry with the full text, in one transaction.
func (d *DB) SaveLetter(ctx context.Context, l Letter, printed bool) (Letter, error) {
	if err := l.Validate(); err != nil {
		return l, err
	}
	now := d.now()
	l.Created = now
	if printed {
		l.Printed = now
	}
	return d.saveLetter(ctx, l, now)
}

// SaveEmailedLetter records a letter that was made into an email draft in the user's
// mail program, with a timeline entry that says so.
func (d *DB) SaveEmailedLetter(ctx context.Context, l Letter) (Letter, error) {
	if err := l.Validate(); err != nil {
		return l, err
	}
	now := d.now()
	l.Created, l.Emailed = now, now
	return d.saveLetter(ctx, l, now)
}

// MarkLetterEmailed notes that a recorded letter was made into an email draft again,
// in the letter and in the client's timeline.
func (d *DB) MarkLetterEmailed(ctx context.Context, id int64) error {
	now := d.now()
	var l Letter
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if err := execOneTx(ctx, tx, `UPDATE letters SET emailed=? WHERE id=?`, fmtTime(now), id); err != nil {
			return err
		}
		var err error
		if l, err = scanLetter(tx.QueryRowContext(ctx, `SELECT `+letterCols+` FROM letters WHERE id=?`, id)); err != nil {
			return err
		}
		e := letterEntry(l, now)
		e.Ref = ""
		return addEntry(ctx, tx, e, now)
	})
	if err != nil {
		return fmt.Errorf("mark letter %d emailed: %w", id, err)
	}
	d.Announce(letterChanges(l)...)
	return nil
}

func (d *DB) saveLetter(ctx context.Context, l Letter, now time.Time) (Letter, error) {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var err error
		l.ID, err = insertLetter(ctx, tx, l)
		if err != nil {
			return err
		}
		return addEntry(ctx, tx, letterEntry(l, now), now)
	})
	if err != nil {
		return l, fmt.Errorf("record letter for client %d: %w", l.ClientID, err)
	}
	d.Announce(letterChanges(l)...)
	return l, nil
}

// SaveLetters records several letters that went out together (a batch printed as one
// PDF) with their timeline entries, in one transaction: all of them or none.
func (d *DB) SaveLetters(ctx context.Context, ls []Letter, printed bool) ([]Letter, error) {
	out := make([]Letter, len(ls))
	for i, l := range ls {
		if err := l.Validate(); err != nil {
			return nil, fmt.Errorf("letter %d of %d (client %d): %w", i+1, len(ls), l.ClientID, err)
		}
	}
	now := d.now()
	err := d.tx(ctx, func(tx *sql.Tx) error {
		for i, l := range ls {
			l.Created = now
			if printed {
				l.Printed = now
			}
			var err error
			if l.ID, err = insertLetter(ctx, tx, l); err != nil {
				return fmt.Errorf("client %d: %w", l.ClientID, err)
			}
			if err := addEntry(ctx, tx, letterEntry(l, now), now); err != nil {
				return fmt.Errorf("client %d: %w", l.ClientID, err)
			}
			out[i] = l
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("record %d letters: %w", len(ls), err)
	}
	var changes []Change
	for _, l := range out {
		changes = append(changes, letterChanges(l)...)
	}
	d.Announce(changes...)
	return out, nil
}

// MarkLettersPrinted notes that recorded letters were sent to the printer or viewer, in one transaction.
func (d *DB) MarkLettersPrinted(ctx context.Context, ids []int64) error {
	at := fmtTime(d.now())
	var changes []Change
	err := d.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if err := execOneTx(ctx, tx, `UPDATE letters SET printed=? WHERE id=?`, at, id); err != nil {
				return fmt.Errorf("mark letter %d printed: %w", id, err)
			}
			l, err := scanLetter(tx.QueryRowContext(ctx, `SELECT `+letterCols+` FROM letters WHERE id=?`, id))
			if err != nil {
				return fmt.Errorf("mark letter %d printed: %w", id, err)
			}
			changes = append(changes, letterChanges(l)...)
		}
		return nil
	})
	if err != nil {
		return err
	}
	d.Announce(changes...)
	return nil
}

// letterChanges is what recording or printing letter l changes.
func letterChanges(l Letter) []Change {
	return []Change{{Kind: ChangedLetters, Client: l.ClientID, ID: l.ID}, timelineChange(l.ClientID)}
}

func letterEntry(l Letter, at time.Time) Entry {
	summary := l.KindLabel()
	if !l.Emailed.IsZero() {
		summary += " emailed (draft)"
	}
	if s := strings.TrimSpace(l.Subject); s != "" {
		summary += ": " + s
	}
	return Entry{ClientID: l.ClientID, At: at, Kind: KindLetter, Summary: summary, Body: l.Text(), Ref: letterRef(l.ID)}
}

func insertLetter(ctx context.Context, tx *sql.Tx, l Letter) (int64, error) {
	if _, err := getClient(ctx, tx, l.ClientID); err != nil {
		return 0, err
	}
	var complaint any
	if l.ComplaintID != 0 {
		complaint = l.ComplaintID
	}
	recipient, _ := json.Marshal(nonNil(l.Recipient))
	sender, _ := json.Marshal(l.Sender)
	body, _ := json.Marshal(nonNil(l.Body))
	res, err := tx.ExecContext(ctx, `INSERT INTO letters (client_id, complaint_id, kind, paper, lang, letter_date, place,
		recipient, sender, subject, salutation, body, closing, signer, created, printed, date_line, date_right, emailed)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		l.ClientID, complaint, l.Kind, l.Paper, l.Lang, l.Date.String(), l.Place, string(recipient), string(sender),
		l.Subject, l.Salutation, string(body), l.Closing, l.Signer, fmtTime(l.Created), fmtTime(l.Printed),
		l.DateLine, l.DateRight, fmtTime(l.Emailed))
	if err != nil {
		return 0, fmt.Errorf("insert letter: %w", err)
	}
	return res.LastInsertId()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// InsertLetterTx writes a sample letter and its timeline entry inside tx.
func InsertLetterTx(ctx context.Context, tx *sql.Tx, l Letter) (int64, error) {
	if err := l.Validate(); err != nil {
		return 0, err
	}
	id, err := insertLetter(ctx, tx, l)
	if err != nil {
		return 0, err
	}
	l.ID = id
	return id, addEntry(ctx, tx, letterEntry(l, l.Created), l.Created)
}

// MarkLetterPrinted notes that a recorded letter was sent to the printer or viewer again.
func (d *DB) MarkLetterPrinted(ctx context.Context, id int64) error {
	return d.MarkLettersPrinted(ctx, []int64{id})
}

const letterCols = `id, client_id, coalesce(complaint_id, 0), kind, paper, lang, letter_date, place, recipient, sender,
	subject, salutation, body, closing, signer, created, printed, date_line, date_right, emailed`

func scanLetter(s scanner) (Letter, error) {
	var l Letter
	var date, recipient, sender, body, created, printed, emailed string
	err := s.Scan(&l.ID, &l.ClientID, &l.ComplaintID, &l.Kind, &l.Paper, &l.Lang, &date, &l.Place, &recipient, &sender,
		&l.Subject, &l.Salutation, &body, &l.Closing, &l.Signer, &created, &printed, &l.DateLine, &l.DateRight, &emailed)
	if err != nil {
		return l, err
	}
	if l.Date, err = ParseDate(date); err != nil {
		return l, err
	}
	if err := json.Unmarshal([]byte(recipient), &l.Recipient); err != nil {
		return l, fmt.Errorf("letter %d recipient: %w", l.ID, err)
	}
	if err := json.Unmarshal([]byte(sender), &l.Sender); err != nil {
		return l, fmt.Errorf("letter %d sender: %w", l.ID, err)
	}
	if err := json.Unmarshal([]byte(body), &l.Body); err != nil {
		return l, fmt.Errorf("letter %d body: %w", l.ID, err)
	}
	if l.Created, err = parseTime(created); err != nil {
		return l, err
	}
	if l.Printed, err = parseTime(printed); err != nil {
		return l, err
	}
	l.Emailed, err = parseTime(emailed)
	return l, err
}

// Letter loads one recorded letter.
func (d *DB) Letter(ctx context.Context, id int64) (Letter, error) {
	l, err := scanLetter(d.sql.QueryRowContext(ctx, `SELECT `+letterCols+` FROM letters WHERE id=?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return l, fmt.Errorf("letter %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return l, fmt.Errorf("load letter %d: %w", id, err)
	}
	return l, nil
}

// ClientLetters lists a client's letters, newest first.
func (d *DB) ClientLetters(ctx context.Context, clientID int64) ([]Letter, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT `+letterCols+` FROM letters WHERE client_id=? ORDER BY created DESC, id DESC`, clientID)
	if err != nil {
		return nil, fmt.Errorf("list letters of client %d: %w", clientID, err)
	}
	defer rows.Close()
	var out []Letter
	for rows.Next() {
		l, err := scanLetter(rows)
		if err != nil {
			return nil, fmt.Errorf("list letters of client %d: %w", clientID, err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// LatestLetter finds the newest recorded letter of a kind for a complaint
// (complaintID != 0) or else for a client.
func (d *DB) LatestLetter(ctx context.Context, clientID, complaintID int64, kind string) (Letter, bool, error) {
	q := `SELECT ` + letterCols + ` FROM letters WHERE client_id=? AND kind=? ORDER BY created DESC, id DESC LIMIT 1`
	args := []any{clientID, kind}
	if complaintID != 0 {
		q = `SELECT ` + letterCols + ` FROM letters WHERE complaint_id=? AND kind=? ORDER BY created DESC, id DESC LIMIT 1`
		args = []any{complaintID, kind}
	}
	l, err := scanLetter(d.sql.QueryRowContext(ctx, q, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return l, false, nil
	}
	if err != nil {
		return l, false, fmt.Errorf("find %s letter: %w", kind, err)
	}
	return l, true, nil
}
