package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode"
)

// Status is where a client stands with us.
type Status string

// The client statuses, in the order the UI offers them.
const (
	StatusActive  Status = "active"
	StatusAtRisk  Status = "at_risk"
	StatusLost    Status = "lost"
	StatusWonBack Status = "won_back"
	StatusLetGo   Status = "let_go"
)

// Statuses lists every status in display order.
func Statuses() []Status {
	return []Status{StatusActive, StatusAtRisk, StatusLost, StatusWonBack, StatusLetGo}
}

// Label is the status as the user reads it.
func (s Status) Label() string {
	switch s {
	case StatusActive:
		return "Active"
	case StatusAtRisk:
		return "At risk"
	case StatusLost:
		return "Lost"
	case StatusWonBack:
		return "Won back"
	case StatusLetGo:
		return "Let go"
	}
	return string(s)
}

// StatusFromLabel is the inverse of Label.
func StatusFromLabel(l string) (Status, bool) { return fromLabel(Statuses(), l) }

// fromLabel finds the value among all whose Label is l: the inverse of Label for the
// closed lists the UI offers in selects.
func fromLabel[T interface {
	~string
	Label() string
}](all []T, l string) (T, bool) {
	for _, v := range all {
		if v.Label() == l {
			return v, true
		}
	}
	var zero T
	return zero, false
}

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	for _, v := range Statuses() {
		if v == s {
			return true
		}
	}
	return false
}

// Address is a postal address as printed on letters.
type Address struct {
	Lines    string // street, building, c/o: one per line
	Postcode string
	City     string
	Country  string
}

// Client is one client file. Money is in minor units (cents).
type Client struct {
	ID             int64
	Name           string
	Company        string
	Email          string
	Phone          string
	Address        Address
	Salutation     string // preferred form of address, e.g. "Dear Dr Papadopoulos"
	Since          Date
	YearlyIncome   int64
	Referrals      int
	ReferralIncome int64
	Status         Status
	StatusChanged  time.Time
	Notes          string
	Archived       bool
	LastContact    time.Time
	Created        time.Time
	Updated        time.Time
	Version        int64 // counts the saves of the row, to tell a change made underneath
}

// FieldError names the field that failed validation, so the UI can show it beside the field.
type FieldError struct {
	Field string
	Msg   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// ValidateEmail accepts empty or one plain address.
func ValidateEmail(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndex(s, "@"):], ".") {
		return errors.New("enter an email address like name@example.com")
	}
	return nil
}

// ValidatePhone accepts empty or digits with the usual separators and an optional leading +.
func ValidatePhone(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	digits := 0
	for i, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == '+' && i == 0:
		case strings.ContainsRune(" -./()", r):
		default:
			return fmt.Errorf("a phone number may hold digits, spaces and + - . / ( ), not %q", r)
		}
	}
	if digits < 5 || digits > 20 {
		return errors.New("a phone number has between 5 and 20 digits")
	}
	return nil
}

// Validate checks a client before it is saved.
func (c *Client) Validate() error {
	if strings.TrimSpace(c.Name) == "" {
		return &FieldError{"name", "a client needs a name"}
	}
	if err := ValidateEmail(c.Email); err != nil {
		return &FieldError{"email", err.Error()}
	}
	if err := ValidatePhone(c.Phone); err != nil {
		return &FieldError{"phone", err.Error()}
	}
	if c.Status == "" {
		c.Status = StatusActive
	}
	if !c.Status.Valid() {
		return &FieldError{"status", fmt.Sprintf("unknown status %q", c.Status)}
	}
	if c.Referrals < 0 {
		return &FieldError{"referrals", "cannot be negative"}
	}
	return nil
}

var clientColumns = []string{"id", "name", "company", "email", "phone", "address_lines", "postcode",
	"city", "country", "salutation", "client_since", "yearly_income", "referrals", "referral_income",
	"status", "status_changed", "notes", "archived", "last_contact", "created", "updated", "version"}

// clientCols lists the client columns for a SELECT, qualified with alias (e.g. "c.") if given.
func clientCols(alias string) string {
	return alias + strings.Join(clientColumns, ", "+alias)
}

type scanner interface{ Scan(...any) error }

// scanClient reads a row of clientCols followed by the extra destinations, if any: the
// one place that parses a client's dates and times, so a damaged one is always an error.
func scanClient(s scanner, extra ...any) (Client, error) {
	var c Client
	var since, changed, last, created, updated string
	dst := append([]any{&c.ID, &c.Name, &c.Company, &c.Email, &c.Phone, &c.Address.Lines, &c.Address.Postcode,
		&c.Address.City, &c.Address.Country, &c.Salutation, &since, &c.YearlyIncome, &c.Referrals,
		&c.ReferralIncome, &c.Status, &changed, &c.Notes, &c.Archived, &last, &created, &updated, &c.Version}, extra...)
	err := s.Scan(dst...)
	if err != nil {
		return c, err
	}
	if c.Since, err = ParseDate(since); err != nil {
		return c, err
	}
	for _, p := range []struct {
		dst *time.Time
		src string
	}{{&c.StatusChanged, changed}, {&c.LastContact, last}, {&c.Created, created}, {&c.Updated, updated}} {
		if *p.dst, err = parseTime(p.src); err != nil {
			return c, err
		}
	}
	return c, nil
}

// CreateClient saves a new client and returns it with its ID and times set.
func (d *DB) CreateClient(ctx context.Context, c Client) (Client, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	now := d.now()
	c.Created, c.Updated = now, now
	if c.StatusChanged.IsZero() {
		c.StatusChanged = now
	}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		id, err := insertClient(ctx, tx, c)
		c.ID = id
		return err
	})
	if err != nil {
		return c, fmt.Errorf("create client %q: %w", c.Name, err)
	}
	d.Announce(clientChange(c.ID))
	return c, nil
}

// insertClient writes c as given (times included); used by CreateClient, import and demo data.
func insertClient(ctx context.Context, tx Execer, c Client) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO clients (name, company, email, phone, address_lines,
		postcode, city, country, salutation, client_since, yearly_income, referrals, referral_income,
		status, status_changed, notes, archived, created, updated)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		strings.TrimSpace(c.Name), c.Company, strings.TrimSpace(c.Email), c.Phone, c.Address.Lines,
		c.Address.Postcode, c.Address.City, c.Address.Country, c.Salutation, c.Since.String(),
		c.YearlyIncome, c.Referrals, c.ReferralIncome, string(c.Status), fmtTime(c.StatusChanged),
		c.Notes, c.Archived, fmtTime(c.Created), fmtTime(c.Updated))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// InsertClientTx writes a fully specified client inside an existing transaction
// (demo data and import keep their own times).
func InsertClientTx(ctx context.Context, tx Execer, c Client) (int64, error) {
	if err := c.Validate(); err != nil {
		return 0, err
	}
	return insertClient(ctx, tx, c)
}

// UpdateClient saves every field of c, an existing client, as given. A status change
// records its date and a timeline entry. Forms save with SaveClientEdit instead, which
// writes only what the user changed.
func (d *DB) UpdateClient(ctx context.Context, c Client) (Client, error) {
	return d.saveClient(ctx, nil, c)
}

// SaveClientEdit saves what the user changed in a client form: base is the client as
// the form was loaded, edited as it is now. Only the fields that differ between them are
// written; a field changed in the store meanwhile and not in the form keeps the store's
// value. A field changed on both sides to different values gives a *Conflict and
// nothing is written.
func (d *DB) SaveClientEdit(ctx context.Context, base, edited Client) (Client, error) {
	return d.saveClient(ctx, &base, edited)
}

// clientFields are the fields a client form edits, as they are stored.
func clientFields(c Client) fields {
	var f fields
	f.add("name", strings.TrimSpace(c.Name))
	f.add("company", c.Company)
	f.add("email", strings.TrimSpace(c.Email))
	f.add("phone", c.Phone)
	f.add("address_lines", c.Address.Lines)
	f.add("postcode", c.Address.Postcode)
	f.add("city", c.Address.City)
	f.add("country", c.Address.Country)
	f.add("salutation", c.Salutation)
	f.add("client_since", c.Since.String())
	f.add("yearly_income", c.YearlyIncome)
	f.add("referrals", int64(c.Referrals))
	f.add("referral_income", c.ReferralIncome)
	f.add("status", string(c.Status))
	f.add("notes", c.Notes)
	f.add("archived", c.Archived)
	return f
}

// saveClient writes edited over the stored client: the fields changed from base, or
// every field when base is nil.
func (d *DB) saveClient(ctx context.Context, base *Client, edited Client) (Client, error) {
	if err := edited.Validate(); err != nil {
		return edited, err
	}
	statusChanged := false
	err := d.tx(ctx, func(tx *sql.Tx) error {
		cur, err := getClient(ctx, tx, edited.ID)
		if err != nil {
			return err
		}
		from := cur // every field that differs is written
		if base != nil {
			from = *base
		}
		write, conflicts, err := merge(clientFields(from), clientFields(edited), clientFields(cur))
		if err != nil {
			return err
		}
		if len(conflicts) > 0 {
			return &Conflict[Client]{Fields: conflicts, Current: cur}
		}
		if len(write) == 0 {
			return nil
		}
		now := d.now()
		vals := clientFields(edited)
		var set []string
		var args []any
		for _, i := range write {
			if vals.names[i] == "status" {
				statusChanged = true
				continue // with its date and timeline entry, below
			}
			set = append(set, vals.names[i]+"=?")
			args = append(args, vals.vals[i])
		}
		if len(set) > 0 {
			// The version in the WHERE clause is a second guard: inside this immediate
			// transaction nobody can have saved since cur was read.
			q := `UPDATE clients SET ` + strings.Join(set, ", ") + `, version=version+1, updated=? WHERE id=? AND version=?`
			args = append(args, fmtTime(now), cur.ID, cur.Version)
			if err := execOneTx(ctx, tx, q, args...); err != nil {
				return err
			}
		}
		if statusChanged {
			return setStatusTx(ctx, tx, cur, edited.Status, now)
		}
		return nil
	})
	if err != nil {
		return edited, fmt.Errorf("save client %q: %w", edited.Name, err)
	}
	changes := []Change{clientChange(edited.ID)}
	if statusChanged {
		changes = append(changes, timelineChange(edited.ID))
	}
	d.Announce(changes...)
	return d.Client(ctx, edited.ID)
}

// setStatusTx changes a client's status inside tx and writes the status entry.
func setStatusTx(ctx context.Context, tx *sql.Tx, c Client, s Status, now time.Time) error {
	if c.Status == s {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE clients SET status=?, status_changed=?, updated=?, version=version+1 WHERE id=?`,
		string(s), fmtTime(now), fmtTime(now), c.ID); err != nil {
		return fmt.Errorf("set status of client %d: %w", c.ID, err)
	}
	return addEntry(ctx, tx, Entry{ClientID: c.ID, At: now, Kind: KindStatus,
		Summary: fmt.Sprintf("Status changed from %s to %s", c.Status.Label(), s.Label())}, now)
}

// SetStatus changes only a client's status (with its date and a timeline entry).
func (d *DB) SetStatus(ctx context.Context, id int64, s Status) error {
	c, err := d.Client(ctx, id)
	if err != nil {
		return err
	}
	if c.Status == s {
		return nil
	}
	c.Status = s
	_, err = d.UpdateClient(ctx, c)
	return err
}

// SetArchived hides a client from the lists (or shows it again) without deleting anything.
func (d *DB) SetArchived(ctx context.Context, id int64, archived bool) error {
	if err := d.execOne(ctx, fmt.Sprintf("archive client %d", id),
		`UPDATE clients SET archived=?, updated=?, version=version+1 WHERE id=?`, archived, fmtTime(d.now()), id); err != nil {
		return err
	}
	d.Announce(clientChange(id))
	return nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

func getClient(ctx context.Context, q queryer, id int64) (Client, error) {
	c, err := scanClient(q.QueryRowContext(ctx, `SELECT `+clientCols("")+` FROM clients WHERE id=?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("client %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("load client %d: %w", id, err)
	}
	return c, nil
}

// Client loads one client by ID.
func (d *DB) Client(ctx context.Context, id int64) (Client, error) {
	return getClient(ctx, d.sql, id)
}

// FileCounts are the counts the tabs of a client's file show.
type FileCounts struct {
	OpenAlerts     int // red alerts not resolved
	OpenComplaints int // complaints without an outcome
	OpenFollowUps  int // follow-ups not done
	Feedback       int // requests for feedback, answered or not
	Letters        int // letters saved or printed
}

// ClientFileCounts counts what the tabs of client id's file hold, in one read.
func (d *DB) ClientFileCounts(ctx context.Context, id int64) (FileCounts, error) {
	var n FileCounts
	err := d.sql.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM alerts WHERE client_id = ?1 AND resolved_at = ''),
		(SELECT count(*) FROM complaints WHERE client_id = ?1 AND outcome = 'open'),
		(SELECT count(*) FROM followups WHERE client_id = ?1 AND done_at = ''),
		(SELECT count(*) FROM feedback WHERE client_id = ?1),
		(SELECT count(*) FROM letters WHERE client_id = ?1)`, id).Scan(
		&n.OpenAlerts, &n.OpenComplaints, &n.OpenFollowUps, &n.Feedback, &n.Letters)
	if err != nil {
		return n, fmt.Errorf("count the file of client %d: %w", id, err)
	}
	return n, nil
}

// ClientSort orders the client list.
type ClientSort int

// The orders the client list offers.
const (
	SortByName ClientSort = iota
	SortByLastContact
)

// ClientFilter narrows the client list. A zero filter lists all clients that are not archived.
type ClientFilter struct {
	Status   Status // empty: any
	Archived bool   // true: list archived clients instead
	Sort     ClientSort
}

func (f ClientFilter) where(alias string) (string, []any) {
	w := alias + "archived = ?"
	args := []any{f.Archived}
	if f.Status != "" {
		w += " AND " + alias + "status = ?"
		args = append(args, string(f.Status))
	}
	return w, args
}

// CountClients counts the clients a filter matches.
func (d *DB) CountClients(ctx context.Context, f ClientFilter) (int, error) {
	w, args := f.where("")
	var n int
	if err := d.sql.QueryRowContext(ctx, `SELECT coalesce(sum(n), 0) FROM client_counts WHERE `+w, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count clients: %w", err)
	}
	return n, nil
}

// ListClients returns one page of the clients a filter matches.
func (d *DB) ListClients(ctx context.Context, f ClientFilter, offset, limit int) ([]Client, error) {
	w, args := f.where("")
	args = append(args, limit, offset)
	return d.queryClients(ctx, `SELECT `+clientCols("")+` FROM clients WHERE `+w+` ORDER BY `+f.order()+` LIMIT ? OFFSET ?`, args...)
}

// PageKey is where a page of the client list starts: the first client's place in the
// list's order.
type PageKey struct {
	Name        string
	LastContact string // as stored, so it compares as the order does
	ID          int64
}

// order is the ORDER BY of the filter's sort, the same in every list query.
func (f ClientFilter) order() string {
	if f.Sort == SortByLastContact {
		return "last_contact DESC, id"
	}
	return "name COLLATE NOCASE, id"
}

// ClientPageKeys returns the key of the first client of every page of size clients, in
// the filter's order. With them ListClientsFrom reads any page by key, through the
// list's index, as fast deep down the list as at its top; the keys are read in one pass
// over the index.
func (d *DB) ClientPageKeys(ctx context.Context, f ClientFilter, size int) ([]PageKey, error) {
	if size < 1 {
		return nil, fmt.Errorf("page keys: page size %d", size)
	}
	w, args := f.where("")
	args = append(args, size)
	// Only the columns of the list's index are read, so the pass never leaves the index.
	col := "name"
	if f.Sort == SortByLastContact {
		col = "last_contact"
	}
	rows, err := d.sql.QueryContext(ctx, `SELECT `+col+`, id FROM (
		SELECT `+col+`, id, row_number() OVER (ORDER BY `+f.order()+`) - 1 AS rn
		FROM clients WHERE `+w+`) WHERE rn % ? = 0 ORDER BY rn`, args...)
	if err != nil {
		return nil, fmt.Errorf("page keys of the client list: %w", err)
	}
	defer rows.Close()
	var keys []PageKey
	for rows.Next() {
		var k PageKey
		v := &k.Name
		if f.Sort == SortByLastContact {
			v = &k.LastContact
		}
		if err := rows.Scan(v, &k.ID); err != nil {
			return nil, fmt.Errorf("page keys of the client list: %w", err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("page keys of the client list: %w", err)
	}
	return keys, nil
}

// ListClientsFrom returns up to limit clients the filter matches, from the one at key
// on, in the filter's order.
func (d *DB) ListClientsFrom(ctx context.Context, f ClientFilter, key PageKey, limit int) ([]Client, error) {
	w, args := f.where("")
	// The first condition is the index's range, where the page starts; the second skips
	// the clients before key that share its name or time.
	if f.Sort == SortByLastContact {
		w += " AND last_contact <= ? AND (last_contact < ? OR id >= ?)"
		args = append(args, key.LastContact, key.LastContact, key.ID)
	} else {
		w += " AND name COLLATE NOCASE >= ? AND (name COLLATE NOCASE > ? OR id >= ?)"
		args = append(args, key.Name, key.Name, key.ID)
	}
	args = append(args, limit)
	return d.queryClients(ctx, `SELECT `+clientCols("")+` FROM clients WHERE `+w+` ORDER BY `+f.order()+` LIMIT ?`, args...)
}

func (d *DB) queryClients(ctx context.Context, q string, args ...any) ([]Client, error) {
	rows, err := d.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list clients: %w", err)
	}
	defer rows.Close()
	var out []Client
	for rows.Next() {
		c, err := scanClient(rows)
		if err != nil {
			return nil, fmt.Errorf("list clients: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list clients: %w", err)
	}
	return out, nil
}
