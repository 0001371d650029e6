package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// LetterLanguages are the languages letters are written in, by code.
func LetterLanguages() []string { return []string{"en", "de", "fr", "es", "it", "nl"} }

func validLetterLang(lang string) bool {
	for _, l := range LetterLanguages() {
		if l == lang {
			return true
		}
	}
	return false
}

// LetterDraft is a letter as typed in the editor and not yet sent out: one per client,
// complaint (0 for none) and kind, so closing the editor never loses the text.
type LetterDraft struct {
	ClientID    int64
	ComplaintID int64
	Kind        string
	Lang        string
	Paper       string
	Subject     string
	Salutation  string
	Body        string // as typed: paragraphs separated by blank lines
	Closing     string
	Signer      string
	Updated     time.Time
}

// SaveLetterDraft keeps the draft as typed, replacing the one before.
func (d *DB) SaveLetterDraft(ctx context.Context, l LetterDraft) error {
	if _, ok := letterKinds[l.Kind]; !ok {
		return &FieldError{"kind", fmt.Sprintf("unknown letter kind %q", l.Kind)}
	}
	l.Updated = d.now()
	_, err := d.sql.ExecContext(ctx, `INSERT INTO letter_drafts (client_id, complaint_id, kind, lang, paper, subject,
		salutation, body, closing, signer, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (client_id, complaint_id, kind) DO UPDATE SET lang=excluded.lang, paper=excluded.paper,
		subject=excluded.subject, salutation=excluded.salutation, body=excluded.body, closing=excluded.closing,
		signer=excluded.signer, updated=excluded.updated`,
		l.ClientID, l.ComplaintID, l.Kind, l.Lang, l.Paper, l.Subject, l.Salutation, l.Body, l.Closing, l.Signer, fmtTime(l.Updated))
	if err != nil {
		return fmt.Errorf("save letter draft for client %d: %w", l.ClientID, err)
	}
	d.Announce(Change{Kind: ChangedLetterPrefs})
	return nil
}

// LetterDraftFor returns the draft kept for a client, complaint and kind; ok is false when
// there is none.
func (d *DB) LetterDraftFor(ctx context.Context, clientID, complaintID int64, kind string) (l LetterDraft, ok bool, err error) {
	var updated string
	err = d.sql.QueryRowContext(ctx, `SELECT client_id, complaint_id, kind, lang, paper, subject, salutation, body, closing,
		signer, updated FROM letter_drafts WHERE client_id=? AND complaint_id=? AND kind=?`, clientID, complaintID, kind).Scan(
		&l.ClientID, &l.ComplaintID, &l.Kind, &l.Lang, &l.Paper, &l.Subject, &l.Salutation, &l.Body, &l.Closing, &l.Signer, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return LetterDraft{}, false, nil
	}
	if err != nil {
		return LetterDraft{}, false, fmt.Errorf("load letter draft for client %d: %w", clientID, err)
	}
	if l.Updated, err = parseTime(updated); err != nil {
		return LetterDraft{}, false, fmt.Errorf("load letter draft for client %d: %w", clientID, err)
	}
	return l, true, nil
}

// DeleteLetterDraft drops the draft kept for a client, complaint and kind (none is fine).
func (d *DB) DeleteLetterDraft(ctx context.Context, clientID, complaintID int64, kind string) error {
	if _, err := d.sql.ExecContext(ctx, `DELETE FROM letter_drafts WHERE client_id=? AND complaint_id=? AND kind=?`,
		clientID, complaintID, kind); err != nil {
		return fmt.Errorf("delete letter draft for client %d: %w", clientID, err)
	}
	d.Announce(Change{Kind: ChangedLetterPrefs})
	return nil
}

// SetClientLetterLang remembers the language chosen for a client's letters.
func (d *DB) SetClientLetterLang(ctx context.Context, clientID int64, lang string) error {
	lang = strings.TrimSpace(lang)
	if !validLetterLang(lang) {
		return &FieldError{"language", fmt.Sprintf("letters are not written in %q", lang)}
	}
	if err := setClientLetterLang(ctx, d.sql, clientID, lang); err != nil {
		return err
	}
	d.Announce(Change{Kind: ChangedLetterPrefs})
	return nil
}

// SetClientLetterLangTx remembers the language of a client's letters within tx, for the
// sample data (which announces nothing: it is written before the app opens the file).
func SetClientLetterLangTx(ctx context.Context, tx *sql.Tx, clientID int64, lang string) error {
	if !validLetterLang(lang) {
		return &FieldError{"language", fmt.Sprintf("letters are not written in %q", lang)}
	}
	return setClientLetterLang(ctx, tx, clientID, lang)
}

func setClientLetterLang(ctx context.Context, q interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, clientID int64, lang string) error {
	if _, err := q.ExecContext(ctx, `INSERT INTO client_letter_lang (client_id, lang) VALUES (?, ?)
		ON CONFLICT (client_id) DO UPDATE SET lang=excluded.lang`, clientID, lang); err != nil {
		return fmt.Errorf("remember the letter language of client %d: %w", clientID, err)
	}
	return nil
}

// ClientLetterLang is the language chosen for a client's letters, or "" when none was.
func (d *DB) ClientLetterLang(ctx context.Context, clientID int64) (string, error) {
	var lang string
	err := d.sql.QueryRowContext(ctx, `SELECT lang FROM client_letter_lang WHERE client_id=?`, clientID).Scan(&lang)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("load the letter language of client %d: %w", clientID, err)
	}
	return lang, nil
}
