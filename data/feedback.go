package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Setting keys for the follow-up, feedback and keep-or-cut features.
const (
	SettingFeedbackMonths = "feedback_every_months" // ask each client for feedback this often
	SettingHourlyRate     = "hourly_rate"           // minor units per hour, for keep or cut
)

// DefaultFeedbackMonths is how often clients are asked for feedback when not set.
const DefaultFeedbackMonths = 6

// NoScore marks a score the client did not give.
const NoScore = -1

// Feedback is one request for feedback and, once answered, the answer.
type Feedback struct {
	ID           int64
	ClientID     int64
	Asked        Date
	Channel      string
	Answered     Date // zero while unanswered
	Satisfaction int  // 1–5, or NoScore
	Recommend    int  // would recommend us, 0–10, or NoScore
	Comment      string
	Created      time.Time
}

// Validate checks a feedback record before it is saved.
func (f *Feedback) Validate() error {
	if f.Asked.IsZero() {
		return &FieldError{"asked", "the day you asked is missing"}
	}
	if f.Satisfaction != NoScore && (f.Satisfaction < 1 || f.Satisfaction > 5) {
		return &FieldError{"satisfaction", "satisfaction is from 1 (very unhappy) to 5 (very happy)"}
	}
	if f.Recommend != NoScore && (f.Recommend < 0 || f.Recommend > 10) {
		return &FieldError{"would recommend", "would-recommend is from 0 (not at all) to 10 (certainly)"}
	}
	answered := f.Satisfaction != NoScore || f.Recommend != NoScore || strings.TrimSpace(f.Comment) != ""
	if answered && f.Answered.IsZero() {
		f.Answered = f.Asked
	}
	if !f.Answered.IsZero() && f.Answered.Before(f.Asked.Time) {
		return &FieldError{"answered", "the answer cannot come before the question"}
	}
	return nil
}

// Low reports a score bad enough to treat as a sign of trouble:
// satisfaction 2 or less, or would-recommend 6 or less (a detractor).
func (f Feedback) Low() bool {
	return (f.Satisfaction != NoScore && f.Satisfaction <= 2) || (f.Recommend != NoScore && f.Recommend <= 6)
}

// Scores says the answer in words: "satisfaction 4/5, would recommend 9/10".
func (f Feedback) Scores() string {
	var parts []string
	if f.Satisfaction != NoScore {
		parts = append(parts, fmt.Sprintf("satisfaction %d/5", f.Satisfaction))
	}
	if f.Recommend != NoScore {
		parts = append(parts, fmt.Sprintf("would recommend %d/10", f.Recommend))
	}
	if len(parts) == 0 {
		return "no scores"
	}
	return strings.Join(parts, ", ")
}

func nullScore(n int) any {
	if n == NoScore {
		return nil
	}
	return n
}

func feedbackRef(id int64) string { return "feedback:" + strconv.FormatInt(id, 10) }

// writeFeedbackEntry records an answer on the timeline (replacing an earlier entry for it).
func writeFeedbackEntry(ctx context.Context, tx *sql.Tx, f Feedback, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM timeline WHERE kind='feedback' AND ref=?`, feedbackRef(f.ID)); err != nil {
		return err
	}
	if f.Answered.IsZero() {
		return addEntry(ctx, tx, Entry{ClientID: f.ClientID, At: f.Asked.Add(12 * time.Hour), Kind: KindFeedback,
			Summary: "Asked for feedback" + channelSuffix(f.Channel), Ref: feedbackRef(f.ID)}, now)
	}
	return addEntry(ctx, tx, Entry{ClientID: f.ClientID, At: f.Answered.Add(12 * time.Hour), Kind: KindFeedback,
		Summary: "Feedback: " + f.Scores(), Body: f.Comment, Ref: feedbackRef(f.ID)}, now)
}

func channelSuffix(ch string) string {
	if ch = strings.TrimSpace(ch); ch != "" {
		return " by " + ch
	}
	return ""
}

func insertFeedback(ctx context.Context, tx Execer, f Feedback) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO feedback (client_id, asked, channel, answered, satisfaction,
		recommend, comment, created) VALUES (?,?,?,?,?,?,?,?)`, f.ClientID, f.Asked.String(), strings.TrimSpace(f.Channel),
		f.Answered.String(), nullScore(f.Satisfaction), nullScore(f.Recommend), f.Comment, fmtTime(f.Created))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// InsertFeedbackTx writes a feedback record inside an existing transaction (demo data).
func InsertFeedbackTx(ctx context.Context, tx *sql.Tx, f Feedback) (int64, error) {
	if err := f.Validate(); err != nil {
		return 0, err
	}
	return insertFeedback(ctx, tx, f)
}

// SaveFeedback records a new request (ID 0) or an answer to an earlier one,
// with a timeline entry for the client.
func (d *DB) SaveFeedback(ctx context.Context, f Feedback) (Feedback, error) {
	if err := f.Validate(); err != nil {
		return f, err
	}
	now := d.now()
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if f.ID == 0 {
			f.Created = now
			id, err := insertFeedback(ctx, tx, f)
			if err != nil {
				return err
			}
			f.ID = id
		} else {
			err := execOneTx(ctx, tx, `UPDATE feedback SET asked=?, channel=?, answered=?, satisfaction=?,
				recommend=?, comment=? WHERE id=? AND client_id=?`, f.Asked.String(), strings.TrimSpace(f.Channel),
				f.Answered.String(), nullScore(f.Satisfaction), nullScore(f.Recommend), f.Comment, f.ID, f.ClientID)
			if err != nil {
				return err
			}
		}
		return writeFeedbackEntry(ctx, tx, f, now)
	})
	if err != nil {
		return f, fmt.Errorf("save feedback of client %d: %w", f.ClientID, err)
	}
	d.Announce(Change{Kind: ChangedFeedback, Client: f.ClientID, ID: f.ID}, timelineChange(f.ClientID))
	return f, nil
}

// DeleteFeedback removes a feedback record and its timeline entry.
func (d *DB) DeleteFeedback(ctx context.Context, id int64) error {
	var client int64
	if err := d.sql.QueryRowContext(ctx, `SELECT client_id FROM feedback WHERE id=?`, id).Scan(&client); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("delete feedback %d: %w", id, err)
	}
	err := d.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM timeline WHERE kind='feedback' AND ref=?`, feedbackRef(id)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM feedback WHERE id=?`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete feedback %d: %w", id, err)
	}
	d.Announce(Change{Kind: ChangedFeedback, Client: client, ID: id}, timelineChange(client))
	return nil
}

const feedbackCols = `id, client_id, asked, channel, answered, coalesce(satisfaction, -1), coalesce(recommend, -1), comment, created`

func scanFeedback(s scanner) (Feedback, error) {
	var f Feedback
	var asked, answered, created string
	if err := s.Scan(&f.ID, &f.ClientID, &asked, &f.Channel, &answered, &f.Satisfaction, &f.Recommend, &f.Comment, &created); err != nil {
		return f, err
	}
	var err error
	if f.Asked, err = ParseDate(asked); err != nil {
		return f, err
	}
	if f.Answered, err = ParseDate(answered); err != nil {
		return f, err
	}
	f.Created, err = parseTime(created)
	return f, err
}

// ClientFeedback lists a client's feedback, newest request first.
func (d *DB) ClientFeedback(ctx context.Context, clientID int64) ([]Feedback, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT `+feedbackCols+` FROM feedback WHERE client_id=? ORDER BY asked DESC, id DESC`, clientID)
	if err != nil {
		return nil, fmt.Errorf("load feedback of client %d: %w", clientID, err)
	}
	defer rows.Close()
	var out []Feedback
	for rows.Next() {
		f, err := scanFeedback(rows)
		if err != nil {
			return nil, fmt.Errorf("load feedback of client %d: %w", clientID, err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// FeedbackMonths is the "ask every N months" setting.
func (d *DB) FeedbackMonths(ctx context.Context) (int, error) {
	v, err := d.Setting(ctx, SettingFeedbackMonths, "")
	if err != nil {
		return DefaultFeedbackMonths, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return DefaultFeedbackMonths, nil
	}
	return n, nil
}

// ToAsk is a client due to be asked for feedback.
type ToAsk struct {
	Client    Client
	LastAsked Date // zero: never asked
	// AskedSince is the day of a request recorded since the list was first shown (see
	// ClientsToAskSince); zero when there is none.
	AskedSince Date
}

// askWhere selects the current clients (active, at risk, won back; not archived) last
// asked before the cut-off day, through the index clients_to_ask (migration 014).
const askWhere = `c.archived = 0 AND c.status IN ('active','at_risk','won_back') AND c.last_asked < ?`

// askFrom names the index: the planner would otherwise take clients_by_status_contact,
// which matches the status but reads every due client's row to compare last_asked (a
// count took 0.3 s at 100,000 clients).
const askFrom = `clients c INDEXED BY clients_to_ask`

// askKey is a client's place in the list to ask: longest ago first (never asked before
// anyone), then by name.
type askKey struct {
	last Date // as the list looked at since; zero: never asked
	name string
	id   int64
}

// askedSince are the clients asked after since who were due as the list looked then,
// by their place in it: they keep their rows (ClientsToAskSince). The requests after
// since are few (those recorded while the list is on screen), so this is quick.
func (d *DB) askedSince(ctx context.Context, cut string, since time.Time) ([]askKey, error) {
	if since.IsZero() {
		return nil, nil
	}
	bound := fmtTime(since)
	rows, err := d.sql.QueryContext(ctx, `SELECT c.id, c.name,
		coalesce((SELECT max(asked) FROM feedback b WHERE b.client_id = c.id AND b.created <= ?), '') AS before
		FROM (SELECT DISTINCT client_id FROM feedback INDEXED BY feedback_by_created WHERE created > ?) f
		CROSS JOIN clients c ON c.id = f.client_id WHERE c.archived = 0 AND c.status IN ('active','at_risk','won_back') AND before < ?`, bound, bound, cut)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []askKey
	for rows.Next() {
		var k askKey
		var last string
		if err := rows.Scan(&k.id, &k.name, &last); err != nil {
			return nil, err
		}
		if k.last, err = ParseDate(last); err != nil {
			return nil, fmt.Errorf("client %d: %w", k.id, err)
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return askKeyLess(out[i], out[j]) })
	return out, nil
}

func askKeyLess(a, b askKey) bool {
	if a.last != b.last {
		return a.last.Before(b.last.Time)
	}
	// NOCASE, as the index orders them: ASCII letters only.
	if an, bn := asciiLower(a.name), asciiLower(b.name); an != bn {
		return an < bn
	}
	return a.id < b.id
}

// CountToAsk counts the clients not asked for feedback in the last months months.
func (d *DB) CountToAsk(ctx context.Context, months int, now time.Time) (int, error) {
	return d.CountToAskSince(ctx, months, now, time.Time{})
}

// CountToAskSince is CountToAsk as the list looked at since: requests recorded after
// since do not take their clients off it (see ClientsToAskSince).
func (d *DB) CountToAskSince(ctx context.Context, months int, now, since time.Time) (int, error) {
	var n int
	cut := DateOf(now.AddDate(0, -months, 0)).String()
	if err := d.sql.QueryRowContext(ctx, `SELECT count(*) FROM `+askFrom+` WHERE `+askWhere, cut).Scan(&n); err != nil {
		return 0, fmt.Errorf("count clients to ask for feedback: %w", err)
	}
	kept, err := d.askedSince(ctx, cut, since)
	if err != nil {
		return 0, fmt.Errorf("count clients to ask for feedback: %w", err)
	}
	return n + len(kept), nil
}

// ClientsToAsk lists clients not asked for feedback in the last months months:
// never asked first, then longest ago, one page at a time.
func (d *DB) ClientsToAsk(ctx context.Context, months int, now time.Time, offset, limit int) ([]ToAsk, error) {
	return d.ClientsToAskSince(ctx, months, now, time.Time{}, offset, limit)
}

// ClientsToAskSince is ClientsToAsk as the list looked at since: a client asked after
// that (while the list is on screen) keeps its place, with AskedSince set, so that
// the rows do not move under the pointer. The clients still due are read through the
// index by place; the few asked since are put back where they stood.
func (d *DB) ClientsToAskSince(ctx context.Context, months int, now, since time.Time, offset, limit int) ([]ToAsk, error) {
	cut := DateOf(now.AddDate(0, -months, 0)).String()
	kept, err := d.askedSince(ctx, cut, since)
	if err != nil {
		return nil, fmt.Errorf("list clients to ask for feedback: %w", err)
	}
	// Where each kept client stands in the merged list: after the due clients before it
	// and the kept ones before it.
	at := make([]int, len(kept))
	for j, k := range kept {
		var before int
		err := d.sql.QueryRowContext(ctx, `SELECT count(*) FROM `+askFrom+` WHERE `+askWhere+`
			AND (c.last_asked < ? OR (c.last_asked = ? AND (c.name COLLATE NOCASE < ? OR (c.name COLLATE NOCASE = ? AND c.id < ?))))`,
			cut, k.last.String(), k.last.String(), k.name, k.name, k.id).Scan(&before)
		if err != nil {
			return nil, fmt.Errorf("list clients to ask for feedback: %w", err)
		}
		at[j] = before + j
	}
	skip := 0 // kept clients standing before the page
	var inPage []int
	for j, p := range at {
		switch {
		case p < offset:
			skip++
		case p < offset+limit:
			inPage = append(inPage, j)
		}
	}
	due, err := d.dueToAsk(ctx, cut, offset-skip, limit-len(inPage))
	if err != nil {
		return nil, fmt.Errorf("list clients to ask for feedback: %w", err)
	}
	if len(inPage) == 0 {
		return due, nil
	}
	ids := make([]any, len(inPage))
	for i, j := range inPage {
		ids[i] = kept[j].id
	}
	asked, err := d.askedRows(ctx, ids, fmtTime(since))
	if err != nil {
		return nil, fmt.Errorf("list clients to ask for feedback: %w", err)
	}
	out := make([]ToAsk, 0, len(due)+len(asked))
	for pos := offset; len(due)+len(asked) > 0; pos++ {
		if len(asked) > 0 && at[inPage[0]] == pos {
			out = append(out, asked[0])
			asked, inPage = asked[1:], inPage[1:]
			continue
		}
		if len(due) == 0 {
			out = append(out, asked...)
			break
		}
		out = append(out, due[0])
		due = due[1:]
	}
	return out, nil
}

// dueToAsk reads the clients still due, limit of them from offset, in the list's order.
func (d *DB) dueToAsk(ctx context.Context, cut string, offset, limit int) ([]ToAsk, error) {
	if limit <= 0 {
		return nil, nil
	}
	// The page is picked from the index's narrow rows and only then are its clients read.
	rows, err := d.sql.QueryContext(ctx, `SELECT `+clientCols("c.")+`, c.last_asked FROM (
		SELECT c.id FROM `+askFrom+` WHERE `+askWhere+` ORDER BY c.last_asked, c.name COLLATE NOCASE, c.id LIMIT ? OFFSET ?) p
		CROSS JOIN clients c ON c.id = p.id ORDER BY c.last_asked, c.name COLLATE NOCASE, c.id`, cut, limit, offset)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ToAsk
	for rows.Next() {
		var asked string
		c, err := scanClient(rows, &asked)
		if err != nil {
			return nil, err
		}
		t := ToAsk{Client: c}
		if t.LastAsked, err = ParseDate(asked); err != nil {
			return nil, fmt.Errorf("client %d: %w", c.ID, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// askedRows reads the clients ids (kept in place, in that order) with when they were
// last asked before bound and after it.
func (d *DB) askedRows(ctx context.Context, ids []any, bound string) ([]ToAsk, error) {
	out := make([]ToAsk, 0, len(ids))
	for _, id := range ids {
		var before, after string
		c, err := scanClient(d.sql.QueryRowContext(ctx, `SELECT `+clientCols("c.")+`,
			coalesce((SELECT max(asked) FROM feedback f WHERE f.client_id = c.id AND f.created <= ?), ''),
			coalesce((SELECT max(asked) FROM feedback f WHERE f.client_id = c.id AND f.created > ?), '')
			FROM clients c WHERE c.id = ?`, bound, bound, id), &before, &after)
		if err != nil {
			return nil, err
		}
		t := ToAsk{Client: c}
		if t.LastAsked, err = ParseDate(before); err == nil {
			t.AskedSince, err = ParseDate(after)
		}
		if err != nil {
			return nil, fmt.Errorf("client %d: %w", c.ID, err)
		}
		out = append(out, t)
	}
	return out, nil
}

// RaiseLowScore acts on a low feedback score when the user agrees: a red alert is logged
// and an active or won-back client is set at risk.
func (d *DB) RaiseLowScore(ctx context.Context, f Feedback) error {
	now := d.now()
	note := "Low feedback score: " + f.Scores()
	if c := strings.TrimSpace(f.Comment); c != "" {
		note += "\n" + c
	}
	severity := SeverityMinor
	if f.Satisfaction != NoScore && f.Satisfaction <= 2 {
		severity = SeveritySerious
	}
	received := f.Answered
	if received.IsZero() {
		received = DateOf(now)
	}
	at := received.Add(12 * time.Hour)
	if at.After(now) {
		at = now
	}
	_, err := d.LogAlert(ctx, Alert{ClientID: f.ClientID, Kind: AlertOther, Received: at, Channel: "Feedback",
		Severity: severity, Note: note}, AlertOptions{MarkAtRisk: true})
	if err != nil {
		return fmt.Errorf("raise alert for low feedback: %w", err)
	}
	return nil
}

// Satisfaction is the average answer over a period.
type Satisfaction struct {
	Period       string // "2026 Q3"
	Answers      int
	Satisfaction float64 // average of those given, 0 when none
	Recommend    float64 // average of those given, 0 when none
}

// AnsweredFeedback returns every answered feedback's day and scores, oldest first (for reports).
func (d *DB) AnsweredFeedback(ctx context.Context, from Date) ([]Feedback, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT `+feedbackCols+` FROM feedback WHERE answered >= ? AND answered <> ''
		ORDER BY answered`, from.String())
	if err != nil {
		return nil, fmt.Errorf("load feedback answers: %w", err)
	}
	defer rows.Close()
	var out []Feedback
	for rows.Next() {
		f, err := scanFeedback(rows)
		if err != nil {
			return nil, fmt.Errorf("load feedback answers: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// SatisfactionByQuarter averages the answers per calendar quarter, oldest first;
// quarters without answers are left out.
func SatisfactionByQuarter(fs []Feedback) []Satisfaction {
	type acc struct{ n, ns, nr, s, r int }
	byKey := map[string]*acc{}
	var keys []string
	for _, f := range fs {
		if f.Answered.IsZero() {
			continue
		}
		k := fmt.Sprintf("%d Q%d", f.Answered.Year(), (int(f.Answered.Month())+2)/3)
		a := byKey[k]
		if a == nil {
			a = &acc{}
			byKey[k] = a
			keys = append(keys, k)
		}
		a.n++
		if f.Satisfaction != NoScore {
			a.ns++
			a.s += f.Satisfaction
		}
		if f.Recommend != NoScore {
			a.nr++
			a.r += f.Recommend
		}
	}
	sort.Strings(keys)
	out := make([]Satisfaction, 0, len(keys))
	for _, k := range keys {
		a := byKey[k]
		s := Satisfaction{Period: k, Answers: a.n}
		if a.ns > 0 {
			s.Satisfaction = float64(a.s) / float64(a.ns)
		}
		if a.nr > 0 {
			s.Recommend = float64(a.r) / float64(a.nr)
		}
		out = append(out, s)
	}
	return out
}

// SatisfactionQuarters averages the answers per quarter from from on, like
// SatisfactionByQuarter but inside SQLite (the report reads tens of thousands of answers).
func (d *DB) SatisfactionQuarters(ctx context.Context, from Date) ([]Satisfaction, error) {
	rows, err := d.sql.QueryContext(ctx, `SELECT substr(answered, 1, 4) || ' Q' || ((CAST(substr(answered, 6, 2) AS INTEGER) + 2) / 3) AS q,
		count(*), coalesce(avg(satisfaction), 0), coalesce(avg(recommend), 0)
		FROM feedback WHERE answered >= ? AND answered <> '' GROUP BY q ORDER BY q`, from.String())
	if err != nil {
		return nil, fmt.Errorf("average feedback by quarter: %w", err)
	}
	defer rows.Close()
	var out []Satisfaction
	for rows.Next() {
		var s Satisfaction
		if err := rows.Scan(&s.Period, &s.Answers, &s.Satisfaction, &s.Recommend); err != nil {
			return nil, fmt.Errorf("average feedback by quarter: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// asciiLower lowers the ASCII letters of s, as SQLite's NOCASE compares.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
