package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// AlertKind is what sort of trouble a red alert signals.
type AlertKind string

// The alert kinds, in the order the UI offers them.
const (
	AlertComplaint      AlertKind = "complaint"
	AlertReducedOrder   AlertKind = "reduced_order"
	AlertCancelledOrder AlertKind = "cancelled_order"
	AlertLatePayment    AlertKind = "late_payment"
	AlertBadReview      AlertKind = "bad_review"
	AlertGoneSilent     AlertKind = "gone_silent"
	AlertOther          AlertKind = "other"
)

// AlertKinds lists every kind in display order.
func AlertKinds() []AlertKind {
	return []AlertKind{AlertComplaint, AlertReducedOrder, AlertCancelledOrder, AlertLatePayment,
		AlertBadReview, AlertGoneSilent, AlertOther}
}

// Label is the kind as the user reads it.
func (k AlertKind) Label() string {
	switch k {
	case AlertComplaint:
		return "Complaint"
	case AlertReducedOrder:
		return "Reduced order"
	case AlertCancelledOrder:
		return "Cancelled order"
	case AlertLatePayment:
		return "Late payment"
	case AlertBadReview:
		return "Bad review or public comment"
	case AlertGoneSilent:
		return "Gone silent"
	case AlertOther:
		return "Other"
	}
	return string(k)
}

// AlertKindFromLabel is the inverse of Label.
func AlertKindFromLabel(l string) (AlertKind, bool) { return fromLabel(AlertKinds(), l) }

// Severity is how bad an alert is.
type Severity string

// The severities, mildest first.
const (
	SeverityMinor    Severity = "minor"
	SeveritySerious  Severity = "serious"
	SeverityCritical Severity = "critical"
)

// Severities lists every severity, mildest first.
func Severities() []Severity {
	return []Severity{SeverityMinor, SeveritySerious, SeverityCritical}
}

// Label is the severity as the user reads it.
func (s Severity) Label() string {
	switch s {
	case SeverityMinor:
		return "Minor"
	case SeveritySerious:
		return "Serious"
	case SeverityCritical:
		return "Critical"
	}
	return string(s)
}

// SeverityFromLabel is the inverse of Label.
func SeverityFromLabel(l string) (Severity, bool) { return fromLabel(Severities(), l) }

// AlertChannels are suggestions for how an alert reached us; any text is allowed.
func AlertChannels() []string {
	return []string{"Phone", "Email", "In person", "Letter", "Review site", "Social media", "Noticed ourselves"}
}

// Alert is a red alert: a sign of trouble with a client, open until resolved.
type Alert struct {
	ID          int64
	ClientID    int64
	ClientName  string // filled when listed
	Kind        AlertKind
	Received    time.Time
	Channel     string
	Severity    Severity
	Note        string
	ResolvedAt  time.Time // zero while open
	Resolution  string    // how it was resolved
	ComplaintID int64     // the complaint taken up from it, 0 if none (filled when loaded)
	Created     time.Time
	Updated     time.Time
}

// Open reports whether the alert is still waiting to be resolved.
func (a Alert) Open() bool { return a.ResolvedAt.IsZero() }

// TimeToResolution is resolved − received; zero while open.
func (a Alert) TimeToResolution() time.Duration {
	if a.Open() {
		return 0
	}
	return a.ResolvedAt.Sub(a.Received)
}

// Summary is the one line shown for the alert in the timeline and lists.
func (a Alert) Summary() string {
	return fmt.Sprintf("Red alert (%s): %s", strings.ToLower(a.Severity.Label()), a.Kind.Label())
}

// Validate checks an alert before it is saved; now bounds the received date.
func (a *Alert) Validate(now time.Time) error {
	if a.ClientID == 0 {
		return &FieldError{"client", "choose the client the alert is about"}
	}
	if a.Kind.Label() == string(a.Kind) {
		return &FieldError{"kind", "choose what kind of alert it is"}
	}
	if a.Severity.Label() == string(a.Severity) {
		return &FieldError{"severity", "choose how serious it is"}
	}
	if a.Received.IsZero() {
		return &FieldError{"received", "enter the day it reached you"}
	}
	// A day of slack for time zones; later than that is a typo.
	if a.Received.After(now.Add(24 * time.Hour)) {
		return &FieldError{"received", "the date received cannot be in the future"}
	}
	a.Channel = strings.TrimSpace(a.Channel)
	a.Note = strings.TrimSpace(a.Note)
	return nil
}

// AlertOptions say what logging an alert does besides recording it.
type AlertOptions struct {
	// MarkAtRisk sets an active (or won back) client to "at risk".
	MarkAtRisk bool
	// CallBackBy, when set, is a promise made as the alert is logged: "I will call you
	// back by …". It becomes a follow-up of the alert, and doing it is the first contact
	// of the speed clock.
	CallBackBy time.Time
}

func alertRef(id int64) string { return fmt.Sprintf("alert:%d", id) }

// LogAlert records a new alert with its timeline entry and, if asked, marks the client at risk.
func (d *DB) LogAlert(ctx context.Context, a Alert, o AlertOptions) (Alert, error) {
	now := d.now()
	if err := a.Validate(now); err != nil {
		return a, err
	}
	a.ResolvedAt, a.Resolution = time.Time{}, ""
	a.Created, a.Updated = now, now
	err := d.tx(ctx, func(tx *sql.Tx) error {
		c, err := getClient(ctx, tx, a.ClientID)
		if err != nil {
			return err
		}
		a.ClientName = c.Name
		if a.ID, err = InsertAlertTx(ctx, tx, a); err != nil {
			return err
		}
		if !o.CallBackBy.IsZero() {
			if !o.CallBackBy.After(now) {
				return &FieldError{"call back", "choose a time to call back that is still to come"}
			}
			f := FollowUp{ClientID: a.ClientID, AlertID: a.ID, Source: SourceCommitment, Purpose: PurposeCallBack,
				What: "Call back about the " + strings.ToLower(a.Kind.Label()), Due: o.CallBackBy, Channel: "Phone", Created: now}
			if _, err := insertFollowUp(ctx, tx, f); err != nil {
				return fmt.Errorf("promise the call back: %w", err)
			}
		}
		if o.MarkAtRisk && (c.Status == StatusActive || c.Status == StatusWonBack) {
			return setStatusTx(ctx, tx, c, StatusAtRisk, now)
		}
		return nil
	})
	if err != nil {
		return a, fmt.Errorf("log alert for client %d: %w", a.ClientID, err)
	}
	changes := []Change{{Kind: ChangedAlerts, Client: a.ClientID, ID: a.ID}, timelineChange(a.ClientID), clientChange(a.ClientID)}
	if !o.CallBackBy.IsZero() {
		changes = append(changes, Change{Kind: ChangedFollowUps, Client: a.ClientID})
	}
	d.Announce(changes...)
	return a, nil
}

func alertBody(a Alert) string {
	var parts []string
	if a.Channel != "" {
		parts = append(parts, upperFirst(ChannelPhrase(a.Channel))+".")
	}
	if a.Note != "" {
		parts = append(parts, a.Note)
	}
	if !a.Open() {
		p := "Resolved " + a.ResolvedAt.Format(DateLayout)
		if a.Resolution != "" {
			p += ": " + a.Resolution
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "\n")
}

// ResolveAlert closes an open alert, recording when and how.
func (d *DB) ResolveAlert(ctx context.Context, id int64, at time.Time, how string) error {
	now := d.now()
	if at.IsZero() {
		at = now
	}
	err := d.tx(ctx, func(tx *sql.Tx) error { return resolveAlertTx(ctx, tx, id, at, how, now) })
	if err != nil {
		return fmt.Errorf("resolve alert %d: %w", id, err)
	}
	if a, err := d.Alert(ctx, id); err == nil {
		d.Announce(Change{Kind: ChangedAlerts, Client: a.ClientID, ID: id}, timelineChange(a.ClientID))
	} else {
		d.Announce(Change{Kind: ChangedAll})
	}
	return nil
}

// ErrAlertResolved is returned when an alert that is already resolved is resolved again.
var ErrAlertResolved = errors.New("the alert is already resolved")

func resolveAlertTx(ctx context.Context, tx *sql.Tx, id int64, at time.Time, how string, now time.Time) error {
	a, err := getAlert(ctx, tx, id)
	if err != nil {
		return err
	}
	if !a.Open() {
		return ErrAlertResolved
	}
	if at.Before(a.Received) {
		return &FieldError{"resolved", "an alert cannot be resolved before it was received (" + a.Received.Local().Format("2 Jan 2006") + ")"}
	}
	if at.After(now.Add(24 * time.Hour)) {
		return &FieldError{"resolved", "the date resolved cannot be in the future"}
	}
	a.ResolvedAt, a.Resolution = at.UTC().Truncate(time.Millisecond), strings.TrimSpace(how)
	if _, err := tx.ExecContext(ctx, `UPDATE alerts SET resolved_at=?, resolution=?, updated=? WHERE id=?`,
		fmtTime(a.ResolvedAt), a.Resolution, fmtTime(now), id); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE timeline SET summary=?, body=? WHERE client_id=? AND ref=?`,
		a.Summary()+" — resolved", alertBody(a), a.ClientID, alertRef(id))
	return err
}

const alertCols = `a.id, a.client_id, c.name, a.kind, a.received, a.channel, a.severity, a.note,
	a.resolved_at, a.resolution, coalesce((SELECT min(k.id) FROM complaints k WHERE k.alert_id = a.id), 0),
	a.created, a.updated`

func scanAlert(s scanner) (Alert, error) {
	var a Alert
	var received, resolved, created, updated string
	if err := s.Scan(&a.ID, &a.ClientID, &a.ClientName, &a.Kind, &received, &a.Channel, &a.Severity, &a.Note,
		&resolved, &a.Resolution, &a.ComplaintID, &created, &updated); err != nil {
		return a, err
	}
	var err error
	for _, p := range []struct {
		dst *time.Time
		src string
	}{{&a.Received, received}, {&a.ResolvedAt, resolved}, {&a.Created, created}, {&a.Updated, updated}} {
		if *p.dst, err = parseTime(p.src); err != nil {
			return a, err
		}
	}
	return a, nil
}

func getAlert(ctx context.Context, q queryer, id int64) (Alert, error) {
	a, err := scanAlert(q.QueryRowContext(ctx, `SELECT `+alertCols+` FROM alerts a JOIN clients c ON c.id = a.client_id
		WHERE a.id=?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("alert %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("load alert %d: %w", id, err)
	}
	return a, nil
}

// Alert loads one alert by ID.
func (d *DB) Alert(ctx context.Context, id int64) (Alert, error) { return getAlert(ctx, d.sql, id) }

// severityRank orders critical first.
const severityRank = `CASE a.severity WHEN 'critical' THEN 0 WHEN 'serious' THEN 1 ELSE 2 END`

// OpenAlerts lists open alerts of clients that are not archived: most severe first, then oldest first.
func (d *DB) OpenAlerts(ctx context.Context, limit int) ([]Alert, error) {
	// CROSS JOIN keeps SQLite on the small partial index of open alerts instead of walking all clients.
	return d.queryAlerts(ctx, `SELECT `+alertCols+` FROM alerts a CROSS JOIN clients c ON c.id = a.client_id
		WHERE a.resolved_at = '' AND c.archived = 0
		ORDER BY `+severityRank+`, a.received, a.id LIMIT ?`, limit)
}

// CountOpenAlerts counts open alerts of clients that are not archived (the navigation badge).
func (d *DB) CountOpenAlerts(ctx context.Context) (int, error) {
	var n int
	err := d.sql.QueryRowContext(ctx, `SELECT count(*) FROM alerts a CROSS JOIN clients c ON c.id = a.client_id
		WHERE a.resolved_at = '' AND c.archived = 0`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count open alerts: %w", err)
	}
	return n, nil
}

// RecentlyResolvedAlerts lists the alerts resolved most recently.
func (d *DB) RecentlyResolvedAlerts(ctx context.Context, limit int) ([]Alert, error) {
	return d.queryAlerts(ctx, `SELECT `+alertCols+` FROM alerts a JOIN clients c ON c.id = a.client_id
		WHERE a.resolved_at <> '' ORDER BY a.resolved_at DESC, a.id DESC LIMIT ?`, limit)
}

// ClientAlerts lists one client's alerts, newest first.
func (d *DB) ClientAlerts(ctx context.Context, clientID int64) ([]Alert, error) {
	return d.queryAlerts(ctx, `SELECT `+alertCols+` FROM alerts a JOIN clients c ON c.id = a.client_id
		WHERE a.client_id = ? ORDER BY a.received DESC, a.id DESC`, clientID)
}

func (d *DB) queryAlerts(ctx context.Context, q string, args ...any) ([]Alert, error) {
	rows, err := d.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, fmt.Errorf("list alerts: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	return out, nil
}

// InsertAlertTx writes a fully specified alert (times included) with its timeline entry;
// for sample data and import, inside their transaction.
func InsertAlertTx(ctx context.Context, tx *sql.Tx, a Alert) (int64, error) {
	if a.Created.IsZero() {
		a.Created = a.Received
	}
	a.Updated = a.Created
	res, err := tx.ExecContext(ctx, `INSERT INTO alerts (client_id, kind, received, channel, severity, note,
		resolved_at, resolution, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		a.ClientID, string(a.Kind), fmtTime(a.Received), a.Channel, string(a.Severity), a.Note,
		fmtTime(a.ResolvedAt), a.Resolution, fmtTime(a.Created), fmtTime(a.Updated))
	if err != nil {
		return 0, fmt.Errorf("insert alert: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	sum := a.Summary()
	if !a.Open() {
		sum += " — resolved"
	}
	_, err = insertEntry(ctx, tx, Entry{ClientID: a.ClientID, At: a.Received, Kind: KindAlert, Summary: sum,
		Body: alertBody(a), Ref: alertRef(id), Created: a.Created}, a.Created)
	return id, err
}

// ChannelPhrase says how an alert reached us, for a sentence: "via phone", "noticed by us".
func ChannelPhrase(channel string) string {
	c := strings.TrimSpace(channel)
	switch strings.ToLower(c) {
	case "":
		return ""
	case "noticed ourselves":
		return "noticed by us"
	case "in person":
		return "in person"
	}
	return "via " + strings.ToLower(c)
}

func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
