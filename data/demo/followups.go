package demo

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/amends/amends/data"
)

// reasonWeights is how often each default loss reason comes up in the sample data.
var reasonWeights = []struct {
	name   string
	weight int
	story  []string
}{
	{"price", 20, []string{"Found a cheaper consultant for the routine work.", "Budget cut by their board; our day rate was the first thing to go."}},
	{"quality", 14, []string{"Unhappy with the depth of the last two reports.", "Said the recommendations were too generic for their business."}},
	{"missed deadline", 16, []string{"The audit report arrived three weeks late, after their board meeting.", "We missed the tender deadline we had promised to help with."}},
	{"communication", 12, []string{"Felt we did not return calls quickly enough.", "Did not hear from us for two months after the project ended."}},
	{"changed needs", 12, []string{"They now have an in-house team for this.", "Changed their strategy; our field is no longer a priority."}},
	{"moved to competitor", 12, []string{"A larger firm offered a bundle with IT services.", "Their new managing director brought her own consultant."}},
	{"out of our control", 8, []string{"The company was sold.", "The owner retired and closed the business."}},
	{"unknown", 6, []string{"Stopped replying; no reason given.", ""}},
}

var followUpTexts = []string{
	"Call to ask how the new reporting schedule works for them",
	"Email the revised project plan",
	"Send the summary of the workshop",
	"Check that the corrected invoice arrived",
	"Ask whether the new contact person has everything she needs",
	"Book the quarterly review meeting",
}

var feedbackComments = map[int][]string{
	1: {"Very disappointed with the last project.", "Too slow, too expensive."},
	2: {"The reports keep coming late.", "Hard to reach you when it matters."},
	3: {"Fine, but nothing special.", "Good work, communication could be better."},
	4: {"Good work as usual.", "Helpful and quick to respond."},
	5: {"Excellent, we recommend you to everyone.", "The best consultant we have worked with."},
}

// FollowUps adds follow-ups (overdue, due today, later and done), feedback requests and
// answers over the years, and the losses of the lost and won-back clients with reasons,
// so the Follow-ups, Lost clients and Reports screens show real shapes.
func FollowUps(ctx context.Context, tx *sql.Tx, g *Gen, clients []Made) error {
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO settings (key, value) VALUES (?, '9000')`, data.SettingHourlyRate); err != nil {
		return fmt.Errorf("hourly rate: %w", err)
	}
	reasons := map[string]int64{}
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM loss_reasons`)
	if err != nil {
		return fmt.Errorf("loss reasons: %w", err)
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return err
		}
		reasons[name] = id
	}
	rows.Close()
	total := 0
	for _, r := range reasonWeights {
		total += r.weight
	}
	lossStmt, err := tx.PrepareContext(ctx, `INSERT INTO losses (client_id, lost_on, reason_id, story, exit_interview,
		exit_by, keep_mailing, income_lost, tenure_days, won_back_on, created) VALUES (?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer lossStmt.Close()
	bulk, err := data.NewFollowUpBulk(ctx, tx)
	if err != nil {
		return err
	}
	defer bulk.Close()
	now := g.Now
	for _, m := range clients {
		// Follow-ups: about one client in ten who is still a client has something open.
		current := m.Status == data.StatusActive || m.Status == data.StatusAtRisk || m.Status == data.StatusWonBack
		if current && g.R.IntN(10) == 0 {
			var due time.Time
			switch r := g.R.IntN(10); {
			case r < 2: // overdue
				due = now.AddDate(0, 0, -1-g.R.IntN(10)).Add(time.Duration(9+g.R.IntN(8)) * time.Hour)
			case r < 3: // today
				due = now.Add(time.Duration(9+g.R.IntN(9)) * time.Hour)
			case r < 6: // this week
				due = now.AddDate(0, 0, 1+g.R.IntN(6)).Add(time.Duration(9+g.R.IntN(8)) * time.Hour)
			default:
				due = now.AddDate(0, 0, 7+g.R.IntN(90)).Add(time.Duration(9+g.R.IntN(8)) * time.Hour)
			}
			src := data.SourceManual
			if g.R.IntN(3) == 0 {
				src, due = data.SourceCheckIn, data.CheckInTime(due) // a call at 10:00 on a working day
			}
			if _, err := bulk.FollowUp(data.FollowUp{ClientID: m.ID, Source: src, What: Pick(g, followUpTexts),
				Due: due, Channel: Pick(g, []string{"call", "email", "meeting"}), Created: now.AddDate(0, 0, -g.R.IntN(30))}); err != nil {
				return fmt.Errorf("follow-up: %w", err)
			}
		}
		// Done follow-ups in the past year, with hours: what recovery cost.
		if g.R.IntN(8) == 0 {
			for i, n := 0, 1+g.R.IntN(3); i < n; i++ {
				done := g.Between(maxTime(m.Since, now.AddDate(-1, 0, 0)), now)
				f := data.FollowUp{ClientID: m.ID, Source: data.SourceManual, What: Pick(g, followUpTexts),
					Due: done.Add(-time.Duration(g.R.IntN(72)) * time.Hour), Channel: "call", DoneAt: done,
					DoneNote: "Done as promised.", Hours: float64(1+g.R.IntN(8)) / 4, Created: done.AddDate(0, 0, -7)}
				id, err := bulk.FollowUp(f)
				if err != nil {
					return fmt.Errorf("done follow-up: %w", err)
				}
				if _, err := bulk.Entry(data.Entry{ClientID: m.ID, At: done, Kind: data.KindFollowUp, Summary: "Done: " + f.What,
					Body: f.DoneNote, Ref: fmt.Sprintf("followup:%d", id)}); err != nil {
					return err
				}
			}
		}
		// A few costly clients: many hours of recovery work against little income, so
		// Keep or cut has clients to keep an eye on and to let go.
		if current && m.ID%40 == 7 {
			for i, n := 0, 4+g.R.IntN(5); i < n; i++ {
				done := g.Between(now.AddDate(0, -11, 0), now)
				f := data.FollowUp{ClientID: m.ID, Source: data.SourceManual, What: Pick(g, followUpTexts),
					Due: done, Channel: "meeting", DoneAt: done, DoneNote: "Long meeting to settle the open points.",
					Hours: float64(3 + g.R.IntN(6)), Created: done.AddDate(0, 0, -7)}
				if _, err := bulk.FollowUp(f); err != nil {
					return fmt.Errorf("costly follow-up: %w", err)
				}
			}
		}
		// Feedback: asked about once a year for a third of the clients; satisfaction improves over the years.
		if g.R.IntN(3) == 0 {
			for asked := m.Since.AddDate(0, 3+g.R.IntN(9), 0); asked.Before(now); asked = asked.AddDate(1, g.R.IntN(3), 0) {
				if asked.Before(now.AddDate(-6, 0, 0)) {
					continue
				}
				f := data.Feedback{ClientID: m.ID, Asked: data.DateOf(asked), Channel: Pick(g, []string{"email", "call", "survey"}),
					Satisfaction: data.NoScore, Recommend: data.NoScore, Created: asked}
				if g.R.IntN(10) < 7 {
					years := float64(asked.Sub(now.AddDate(-6, 0, 0)).Hours()) / (24 * 365)
					s := 2 + int(years/2.5) + g.R.IntN(3) - 1
					s = min(5, max(1, s))
					f.Satisfaction = s
					f.Recommend = min(10, max(0, 2*s-1+g.R.IntN(3)))
					f.Answered = data.DateOf(asked.AddDate(0, 0, 1+g.R.IntN(14)))
					if f.Answered.After(now) {
						f.Answered = data.DateOf(now)
					}
					f.Comment = Pick(g, feedbackComments[s])
				}
				if _, err := bulk.Feedback(f); err != nil {
					return fmt.Errorf("feedback: %w", err)
				}
			}
		}
	}
	// Losses for the lost and won-back clients, dated by their status change.
	type lostRow struct {
		id             int64
		since, changed string
		income         int64
		status         string
	}
	var lost []lostRow
	rows, err = tx.QueryContext(ctx, `SELECT id, client_since, status_changed, yearly_income, status FROM clients
		WHERE status IN ('lost', 'won_back') ORDER BY id`)
	if err != nil {
		return fmt.Errorf("lost clients: %w", err)
	}
	for rows.Next() {
		var r lostRow
		if err := rows.Scan(&r.id, &r.since, &r.changed, &r.income, &r.status); err != nil {
			rows.Close()
			return err
		}
		lost = append(lost, r)
	}
	rows.Close()
	for _, r := range lost {
		since, _ := data.ParseDate(r.since)
		changed, _ := time.Parse(time.RFC3339Nano, r.changed)
		lostOn, wonBack := data.DateOf(changed), ""
		if r.status == string(data.StatusWonBack) {
			lostOn = data.DateOf(g.Between(since.Time, changed))
			wonBack = data.DateOf(changed).String()
		}
		pick := g.R.IntN(total)
		reason := reasonWeights[0]
		for _, w := range reasonWeights {
			if pick < w.weight {
				reason = w
				break
			}
			pick -= w.weight
		}
		story := Pick(g, reason.story)
		exit, by := g.R.IntN(10) < 3, ""
		if exit {
			by = Pick(g, []string{"me", "my partner", "an independent colleague"})
		}
		tenure := int(lostOn.Sub(since.Time).Hours() / 24)
		if _, err := lossStmt.ExecContext(ctx, r.id, lostOn.String(), reasons[reason.name], story, exit, by,
			g.R.IntN(10) < 6, r.income, tenure, wonBack, r.changed); err != nil {
			return fmt.Errorf("loss of client %d: %w", r.id, err)
		}
		if _, err := bulk.Entry(data.Entry{ClientID: r.id, At: lostOn.Add(12 * time.Hour), Kind: data.KindNote,
			Summary: "Client lost: " + reason.name, Body: story}); err != nil {
			return err
		}
	}
	return nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
