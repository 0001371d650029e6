package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// MaxAttachmentSize is the largest file Amends keeps inside the data file. Every file
// goes into each backup and export: 25 MB holds a contract, a scanned report or an
// email with photos, and keeps a year of backups of a busy practice on an ordinary disk.
const MaxAttachmentSize = 25 << 20

// Attachment is a file kept with a client: attached on its own, or with an email.
type Attachment struct {
	ID       int64
	ClientID int64
	EntryID  int64 // the email it came with; 0 for a file attached on its own
	Name     string
	Type     string // MIME type; empty when not known
	Size     int64
	Added    time.Time
	Content  []byte // only where asked for (AttachmentContent, Undo); nil in lists
}

// File is a file to attach: its name, type and bytes.
type File struct {
	Name    string
	Type    string
	Content []byte
}

// TooLargeError refuses a file over MaxAttachmentSize.
type TooLargeError struct {
	Name string
	Size int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is %s: Amends keeps files of up to %s inside your data file. Attach a smaller copy (a PDF instead of a scan, say), or note in the timeline where the file is",
		e.Name, FormatSize(e.Size), FormatSize(MaxAttachmentSize))
}

// CheckAttachmentSize refuses a file too large to keep, before its bytes are read.
func CheckAttachmentSize(name string, size int64) error {
	if size > MaxAttachmentSize {
		return &TooLargeError{Name: name, Size: size}
	}
	return nil
}

// FormatSize shows a file size as people read it: 812 bytes, 48 KB, 3.2 MB.
func FormatSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d bytes", n)
	case n < 1024*1024:
		return fmt.Sprintf("%d KB", (n+512)/1024)
	case n%(1024*1024) == 0:
		return fmt.Sprintf("%d MB", n/(1024*1024))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1024*1024))
}

func (f File) attachment(clientID, entryID int64, now time.Time) (Attachment, error) {
	name := strings.TrimSpace(filepath.Base(strings.ReplaceAll(f.Name, `\`, "/")))
	if name == "" || name == "." || name == "/" {
		name = "attachment"
	}
	if err := CheckAttachmentSize(name, int64(len(f.Content))); err != nil {
		return Attachment{}, err
	}
	content := f.Content
	if content == nil {
		content = []byte{} // an empty file is a file, not NULL
	}
	return Attachment{ClientID: clientID, EntryID: entryID, Name: name, Type: f.Type, Size: int64(len(content)),
		Added: now, Content: content}, nil
}

func insertAttachment(ctx context.Context, tx Execer, a Attachment) (int64, error) {
	var id, entry any
	if a.ID != 0 {
		id = a.ID // Undo puts a removed file back as it was
	}
	if a.EntryID != 0 {
		entry = a.EntryID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO attachments (id, client_id, entry_id, name, type, size, added, content)
		VALUES (?,?,?,?,?,?,?,?)`, id, a.ClientID, entry, a.Name, a.Type, a.Size, fmtTime(a.Added), a.Content)
	if err != nil {
		return 0, fmt.Errorf("store %s: %w", a.Name, err)
	}
	return res.LastInsertId()
}

// AttachFiles keeps files with a client, in one transaction: all of them or none.
func (d *DB) AttachFiles(ctx context.Context, clientID int64, files []File) ([]Attachment, error) {
	now := d.now()
	var out []Attachment
	for _, f := range files {
		a, err := f.attachment(clientID, 0, now)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getClient(ctx, tx, clientID); err != nil {
			return err
		}
		for i := range out {
			id, err := insertAttachment(ctx, tx, out[i])
			if err != nil {
				return err
			}
			out[i].ID = id
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("attach files to client %d: %w", clientID, err)
	}
	d.Announce(timelineChange(clientID))
	return out, nil
}

const attachmentCols = `id, client_id, coalesce(entry_id, 0), name, type, size, added`

// attachmentsWhere lists attachments by a condition, newest first, with their content
// when asked.
func attachmentsWhere(ctx context.Context, q Querier, content bool, where string, args ...any) ([]Attachment, error) {
	cols := attachmentCols
	if content {
		cols += `, content`
	}
	rows, err := q.QueryContext(ctx, `SELECT `+cols+` FROM attachments WHERE `+where+` ORDER BY added DESC, id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		var a Attachment
		var added string
		dest := []any{&a.ID, &a.ClientID, &a.EntryID, &a.Name, &a.Type, &a.Size, &added}
		if content {
			dest = append(dest, &a.Content)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if a.Added, err = parseTime(added); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Attachments lists a client's files (those that came with emails too), newest first,
// without their content.
func (d *DB) Attachments(ctx context.Context, clientID int64) ([]Attachment, error) {
	as, err := attachmentsWhere(ctx, d.sql, false, `client_id = ?`, clientID)
	if err != nil {
		return nil, fmt.Errorf("load the files of client %d: %w", clientID, err)
	}
	return as, nil
}

// AttachmentContent reads one attachment with its content.
func (d *DB) AttachmentContent(ctx context.Context, id int64) (Attachment, error) {
	as, err := attachmentsWhere(ctx, d.sql, true, `id = ?`, id)
	if err != nil {
		return Attachment{}, fmt.Errorf("read file %d: %w", id, err)
	}
	if len(as) == 0 {
		return Attachment{}, fmt.Errorf("file %d: %w", id, ErrNotFound)
	}
	return as[0], nil
}

// RemoveAttachment deletes a file and returns it, content included, for Undo (RestoreDeleted).
func (d *DB) RemoveAttachment(ctx context.Context, id int64) (Deleted, error) {
	var del Deleted
	err := d.tx(ctx, func(tx *sql.Tx) error {
		as, err := attachmentsWhere(ctx, tx, true, `id = ?`, id)
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return ErrNotFound
		}
		del.Attachments = as
		return execOneTx(ctx, tx, `DELETE FROM attachments WHERE id=?`, id)
	})
	if err != nil {
		return del, fmt.Errorf("remove file %d: %w", id, err)
	}
	d.Announce(timelineChange(del.Attachments[0].ClientID))
	return del, nil
}

// Email is an email to keep on a client's timeline, as read from a file.
type Email struct {
	At            time.Time // the Date header; when the file has none, the time it was read
	From, To, Cc  string
	Subject, Text string
	MessageID     string
	Files         []File
}

// DuplicateEmailError says the email is already on the client's timeline.
type DuplicateEmailError struct {
	Subject string
	At      time.Time
}

func (e *DuplicateEmailError) Error() string {
	return fmt.Sprintf("the email %q of %s is already on this client's timeline", e.Subject, e.At.Local().Format("2 Jan 2006 15:04"))
}

// ErrDuplicateEmail is matched by a *DuplicateEmailError.
var ErrDuplicateEmail = errors.New("email already on the timeline")

func (e *DuplicateEmailError) Is(target error) bool { return target == ErrDuplicateEmail }

// AddEmail writes an email to a client's timeline with the files that came with it, in
// one transaction. The same email (same Message-ID) twice for a client is refused with
// a *DuplicateEmailError.
func (d *DB) AddEmail(ctx context.Context, clientID int64, m Email) (Entry, error) {
	now := d.now()
	if m.At.IsZero() {
		m.At = now
	}
	subject := strings.TrimSpace(m.Subject)
	if subject == "" {
		subject = "(no subject)"
	}
	e := Entry{ClientID: clientID, At: m.At, Kind: KindEmail, Summary: subject, Body: m.Text,
		From: m.From, To: m.To, Cc: m.Cc, MessageID: strings.TrimSpace(m.MessageID), Created: now}
	var files []Attachment
	for _, f := range m.Files {
		a, err := f.attachment(clientID, 0, now)
		if err != nil {
			return e, err
		}
		files = append(files, a)
	}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := getClient(ctx, tx, clientID); err != nil {
			return err
		}
		if e.MessageID != "" {
			var at string
			err := tx.QueryRowContext(ctx, `SELECT at FROM timeline WHERE client_id=? AND message_id=?`, clientID, e.MessageID).Scan(&at)
			if err == nil {
				t, _ := parseTime(at)
				return &DuplicateEmailError{Subject: subject, At: t}
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		id, err := insertEntry(ctx, tx, e, now)
		if err != nil {
			return err
		}
		e.ID = id
		for _, a := range files {
			a.EntryID = id
			if _, err := insertAttachment(ctx, tx, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return e, fmt.Errorf("add email to client %d: %w", clientID, err)
	}
	d.Announce(timelineChange(clientID), clientChange(clientID))
	return e, nil
}
