package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// LossReason is one entry of the editable list of reasons clients leave.
type LossReason struct {
	ID       int64
	Name     string
	Position int
}

// LossReasons lists the reasons in the user's order.
func (d *DB) LossReasons(ctx context.Context) ([]LossReason, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT id, name, position FROM loss_reasons ORDER BY position, name`)
	if err != nil {
		return nil, fmt.Errorf("load loss reasons: %w", err)
	}
	defer rows.Close()
	var out []LossReason
	for rows.Next() {
		var r LossReason
		if err := rows.Scan(&r.ID, &r.Name, &r.Position); err != nil {
			return nil, fmt.Errorf("load loss reasons: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// AddLossReason appends a reason to the list.
func (d *DB) AddLossReason(ctx context.Context, name string) (LossReason, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return LossReason{}, &FieldError{"reason", "a reason needs a name"}
	}
	r := LossReason{Name: name}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) + 1 FROM loss_reasons`).Scan(&r.Position); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO loss_reasons (name, position) VALUES (?, ?)`, name, r.Position)
		if err != nil {
			return err
		}
		r.ID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return r, &FieldError{"reason", fmt.Sprintf("%q is already in the list", name)}
		}
		return r, fmt.Errorf("add loss reason %q: %w", name, err)
	}
	d.Announce(Change{Kind: ChangedLosses})
	return r, nil
}

// RenameLossReason renames a reason; losses recorded with it follow.
func (d *DB) RenameLossReason(ctx context.Context, id int64, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return &FieldError{"reason", "a reason needs a name"}
	}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE loss_reasons SET name=? WHERE id=?`, name, id)
		return err
	})
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return &FieldError{"reason", fmt.Sprintf("%q is already in the list", name)}
		}
		return fmt.Errorf("rename loss reason: %w", err)
	}
	d.Announce(Change{Kind: ChangedLosses})
	return nil
}

// ErrReasonInUse is returned when a reason still has losses recorded against it.
var ErrReasonInUse = errors.New("reason is in use")

// DeleteLossReason removes a reason that no loss uses.
func (d *DB) DeleteLossReason(ctx context.Context, id int64) error {
	err := d.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM losses WHERE reason_id=?`, id).Scan(&n); err != nil {
			return fmt.Errorf("delete loss reason: %w", err)
		}
		if n > 0 {
			return fmt.Errorf("%w: %d lost clients were recorded with it; rename it instead", ErrReasonInUse, n)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM loss_reasons WHERE id=?`, id); err != nil {
			return fmt.Errorf("delete loss reason: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	d.Announce(Change{Kind: ChangedLosses})
	return nil
}

// Loss is one time a client left us.
type Loss struct {
	ID            int64
	ClientID      int64
	LostOn        Date
	ReasonID      int64
	Reason        string // name of the reason, filled when loaded
	Story         string // what happened, in the user's words
	ExitInterview bool   // an exit interview is planned
	ExitBy        string // who will hold it
	KeepMailing   bool   // stays on the mailing list
	IncomeLost    int64  // their yearly income when lost, minor units
	TenureDays    int    // days from "client since" to the day lost
	WonBackOn     Date   // zero while still lost
	Created       time.Time
}

// Tenure is a length of relationship in whole years and months.
type Tenure struct{ Years, Months int }

// TenureBetween counts whole months from since to until.
func TenureBetween(since, until Date) Tenure {
	if since.IsZero() || until.Before(since.Time) {
		return Tenure{}
	}
	months := (until.Year()-since.Year())*12 + int(until.Month()) - int(since.Month())
	if until.Day() < since.Day() {
		months--
	}
	return Tenure{months / 12, months % 12}
}

// String says the tenure in words: "3 years 2 months", "5 months", "less than a month".
func (t Tenure) String() string {
	var parts []string
	switch t.Years {
	case 0:
	case 1:
		parts = append(parts, "1 year")
	default:
		parts = append(parts, fmt.Sprintf("%d years", t.Years))
	}
	switch t.Months {
	case 0:
	case 1:
		parts = append(parts, "1 month")
	default:
		parts = append(parts, fmt.Sprintf("%d months", t.Months))
	}
	if len(parts) == 0 {
		return "less than a month"
	}
	return strings.Join(parts, " ")
}

// TenureBands are the bands the loss patterns group tenure into.
func TenureBands() []string {
	return []string{"under 1 year", "1–2 years", "2–5 years", "5 years or more"}
}

// TenureBand returns the index into TenureBands for a tenure of days.
func TenureBand(days int) int {
	switch {
	case days < 365:
		return 0
	case days < 2*365:
		return 1
	case days < 5*365:
		return 2
	}
	return 3
}

// clientStart is the day a client relationship began: "client since", else when the file was made.
func clientStart(c Client) Date {
	if !c.Since.IsZero() {
		return c.Since
	}
	return DateOf(c.Created)
}

// MarkLost records that a client left: the loss with its reason and story, the status
// "lost" and a timeline entry, all in one transaction. Income and tenure are taken from
// the client file as it stands.
func (d *DB) MarkLost(ctx context.Context, l Loss) (Loss, error) {
	if l.LostOn.IsZero() {
		return l, &FieldError{"date", "the day the client was lost is missing"}
	}
	if l.LostOn.After(d.Now()) {
		return l, &FieldError{"date", "the day lost cannot be in the future"}
	}
	if l.ReasonID == 0 {
		return l, &FieldError{"reason", "choose a reason (\"unknown\" if you do not know)"}
	}
	l.ExitBy = strings.TrimSpace(l.ExitBy)
	if !l.ExitInterview {
		l.ExitBy = ""
	}
	now := d.now()
	err := d.tx(ctx, func(tx *sql.Tx) error {
		c, err := getClient(ctx, tx, l.ClientID)
		if err != nil {
			return err
		}
		start := clientStart(c)
		if l.LostOn.Before(start.Time) {
			return &FieldError{"date", "the day lost is before they became a client (" + start.String() + ")"}
		}
		if err := tx.QueryRowContext(ctx, `SELECT name FROM loss_reasons WHERE id=?`, l.ReasonID).Scan(&l.Reason); err != nil {
			return fmt.Errorf("reason %d: %w", l.ReasonID, err)
		}
		l.IncomeLost = c.YearlyIncome
		l.TenureDays = int(l.LostOn.Sub(start.Time).Hours() / 24)
		l.Created = now
		res, err := tx.ExecContext(ctx, `INSERT INTO losses (client_id, lost_on, reason_id, story, exit_interview,
			exit_by, keep_mailing, income_lost, tenure_days, created) VALUES (?,?,?,?,?,?,?,?,?,?)`,
			l.ClientID, l.LostOn.String(), l.ReasonID, strings.TrimSpace(l.Story), l.ExitInterview, l.ExitBy,
			l.KeepMailing, l.IncomeLost, l.TenureDays, fmtTime(now))
		if err != nil {
			return err
		}
		if l.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if c.Status != StatusLost {
			if err := setStatusTx(ctx, tx, c, StatusLost, now); err != nil {
				return err
			}
		}
		body := strings.TrimSpace(l.Story)
		if l.ExitInterview {
			body = strings.TrimSpace(body + "\nExit interview planned" + byWhom(l.ExitBy) + ".")
		}
		if l.KeepMailing {
			body = strings.TrimSpace(body + "\nStays on the mailing list.")
		}
		return addEntry(ctx, tx, Entry{ClientID: l.ClientID, At: l.LostOn.Add(12 * time.Hour), Kind: KindNote,
			Summary: "Client lost: " + l.Reason + " (after " + TenureBetween(start, l.LostOn).String() + ")",
			Body:    body, Ref: fmt.Sprintf("loss:%d", l.ID)}, now)
	})
	if err != nil {
		var fe *FieldError
		if errors.As(err, &fe) {
			return l, fe
		}
		return l, fmt.Errorf("mark client %d lost: %w", l.ClientID, err)
	}
	d.Announce(standingChanges(l.ClientID)...)
	return l, nil
}

func byWhom(s string) string {
	if s == "" {
		return ""
	}
	return " (by " + s + ")"
}

// MarkWonBack closes the client's open loss on day on and sets the status "won back".
func (d *DB) MarkWonBack(ctx context.Context, clientID int64, on Date) error {
	if on.IsZero() {
		return &FieldError{"date", "the day they came back is missing"}
	}
	now := d.now()
	err := d.tx(ctx, func(tx *sql.Tx) error {
		c, err := getClient(ctx, tx, clientID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE losses SET won_back_on=? WHERE client_id=? AND won_back_on=''`,
			on.String(), clientID); err != nil {
			return err
		}
		if err := setStatusTx(ctx, tx, c, StatusWonBack, now); err != nil {
			return err
		}
		return addEntry(ctx, tx, Entry{ClientID: clientID, At: on.Add(12 * time.Hour), Kind: KindNote,
			Summary: "Won back"}, now)
	})
	if err != nil {
		return fmt.Errorf("mark client %d won back: %w", clientID, err)
	}
	d.Announce(standingChanges(clientID)...)
	return nil
}

// LetGo ends the relationship by the consultant's choice: status "let go" and a note
// with the reasons on the timeline.
func (d *DB) LetGo(ctx context.Context, clientID int64, why string) error {
	now := d.now()
	err := d.tx(ctx, func(tx *sql.Tx) error {
		c, err := getClient(ctx, tx, clientID)
		if err != nil {
			return err
		}
		if err := setStatusTx(ctx, tx, c, StatusLetGo, now); err != nil {
			return err
		}
		return addEntry(ctx, tx, Entry{ClientID: clientID, At: now, Kind: KindNote,
			Summary: "Decided to let the client go", Body: strings.TrimSpace(why)}, now)
	})
	if err != nil {
		return fmt.Errorf("let client %d go: %w", clientID, err)
	}
	d.Announce(standingChanges(clientID)...)
	return nil
}

const lossCols = `l.id, l.client_id, l.lost_on, l.reason_id, r.name, l.story, l.exit_interview, l.exit_by,
	l.keep_mailing, l.income_lost, l.tenure_days, l.won_back_on, l.created`

func scanLoss(s scanner, extra ...any) (Loss, error) {
	var l Loss
	var lost, won, created string
	dst := append([]any{&l.ID, &l.ClientID, &lost, &l.ReasonID, &l.Reason, &l.Story, &l.ExitInterview, &l.ExitBy,
		&l.KeepMailing, &l.IncomeLost, &l.TenureDays, &won, &created}, extra...)
	if err := s.Scan(dst...); err != nil {
		return l, err
	}
	var err error
	if l.LostOn, err = ParseDate(lost); err != nil {
		return l, err
	}
	if l.WonBackOn, err = ParseDate(won); err != nil {
		return l, err
	}
	l.Created, err = parseTime(created)
	return l, err
}

// Losses lists a client's losses, newest first.
func (d *DB) Losses(ctx context.Context, clientID int64) ([]Loss, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT `+lossCols+` FROM losses l JOIN loss_reasons r ON r.id = l.reason_id
		WHERE l.client_id=? ORDER BY l.lost_on DESC, l.id DESC`, clientID)
	if err != nil {
		return nil, fmt.Errorf("load losses of client %d: %w", clientID, err)
	}
	defer rows.Close()
	var out []Loss
	for rows.Next() {
		l, err := scanLoss(rows)
		if err != nil {
			return nil, fmt.Errorf("load losses of client %d: %w", clientID, err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// LostClient is a row of the Lost clients folder. Loss.ID is 0 when the client's status
// was set to lost without the reason being recorded.
type LostClient struct {
	Client Client
	Loss   Loss
}

// LostClients lists the clients whose status is lost, most recently lost first,
// each with its open loss (the newest not won back).
func (d *DB) LostClients(ctx context.Context) ([]LostClient, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT `+clientCols("c.")+`,
		coalesce(l.id, 0), coalesce(l.lost_on, substr(c.status_changed, 1, 10)), coalesce(l.reason_id, 0),
		coalesce(r.name, 'not recorded'), coalesce(l.story, ''), coalesce(l.exit_interview, 0), coalesce(l.exit_by, ''),
		coalesce(l.keep_mailing, 0), coalesce(l.income_lost, c.yearly_income), coalesce(l.tenure_days, -1),
		coalesce(l.won_back_on, ''), coalesce(l.created, '')
		FROM clients c
		LEFT JOIN losses l ON l.id = (SELECT id FROM losses WHERE client_id = c.id AND won_back_on = ''
		                              ORDER BY lost_on DESC, id DESC LIMIT 1)
		LEFT JOIN loss_reasons r ON r.id = l.reason_id
		WHERE c.status = 'lost' AND c.archived = 0`)
	if err != nil {
		return nil, fmt.Errorf("list lost clients: %w", err)
	}
	defer rows.Close()
	var out []LostClient
	for rows.Next() {
		var lc LostClient
		var lost, won, lcreated string
		l := &lc.Loss
		c, err := scanClient(rows, &l.ID, &lost, &l.ReasonID, &l.Reason, &l.Story, &l.ExitInterview, &l.ExitBy,
			&l.KeepMailing, &l.IncomeLost, &l.TenureDays, &won, &lcreated)
		if err != nil {
			return nil, fmt.Errorf("list lost clients: %w", err)
		}
		lc.Client = c
		l.ClientID = c.ID
		if l.LostOn, err = ParseDate(lost); err != nil {
			return nil, fmt.Errorf("list lost clients: client %d: %w", c.ID, err)
		}
		if l.WonBackOn, err = ParseDate(won); err != nil {
			return nil, fmt.Errorf("list lost clients: client %d: %w", c.ID, err)
		}
		if l.Created, err = parseTime(lcreated); err != nil {
			return nil, fmt.Errorf("list lost clients: client %d: %w", c.ID, err)
		}
		if l.TenureDays < 0 {
			l.TenureDays = int(l.LostOn.Sub(clientStart(c).Time).Hours() / 24)
		}
		out = append(out, lc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list lost clients: %w", err)
	}
	sortLost(out)
	return out, nil
}

// sortLost orders the folder: most recently lost first, then by name.
func sortLost(ls []LostClient) {
	sort.Slice(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		if !a.Loss.LostOn.Equal(b.Loss.LostOn.Time) {
			return a.Loss.LostOn.After(b.Loss.LostOn.Time)
		}
		return strings.ToLower(a.Client.Name) < strings.ToLower(b.Client.Name)
	})
}

// standingChanges is what losing, winning back or letting go a client changes: its
// status, its losses and its timeline.
func standingChanges(client int64) []Change {
	return []Change{clientChange(client), {Kind: ChangedLosses, Client: client}, timelineChange(client)}
}
