package demo

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// story is one realistic complaint, told in every step of the interview.
type story struct {
	kind                        data.AlertKind
	note                        string
	account, expected, happened string
	feeling                     string
	first, correction           string // round 1 and the client's correction
	what, impact                string // the revised round's parts (with feeling), composed into its text
	errors                      []string
	regret, fix                 string
	remedy                      data.Remedy
	commitment                  string
	cause, causeText, change    string
}

var stories = []story{
	{data.AlertComplaint, "Called upset: the market report came two weeks late and without the regional figures.",
		"We waited two weeks past the date you promised, and when the report came the regional figures were missing. I had to present to the board without them and it made me look unprepared.",
		"The full report, with the regional figures, by the 1st.", "It came on the 15th, without the regional section.",
		"embarrassed in front of the board, and let down",
		"So what I'm hearing is that the report was late and that this caused you trouble with your board.",
		"It is not just late. The missing regional figures were the real problem.",
		"the report came two weeks late and without the regional figures", "you had to face your board without the numbers they asked for",
		[]string{"The report was two weeks late.", "The regional figures were left out.", "We did not warn you that the date was slipping."},
		"We are sorry that you had to face your board without the figures you trusted us to deliver.",
		"Send the regional figures this week and take something off the invoice.",
		data.Remedy{Kind: data.RemedyDiscountPercent, Value: 15, Description: "off the report invoice"},
		"Email the regional figures", "Our planning of deadlines", "We had no named owner for the delivery date, so nobody noticed it slipping.",
		"Every deliverable has a named owner and a status mail to the client each Friday."},
	{data.AlertLatePayment, "Invoice 2024-118 is 45 days overdue; their bookkeeper says it is disputed.",
		"You billed us for twelve days of workshops. We had eight. Nobody answered my email about it for three weeks, so we stopped paying until someone does.",
		"An invoice for the eight days we had.", "An invoice for twelve days and no answer to my email.",
		"annoyed, and ignored",
		"So what I'm hearing is that you think the invoice is too high.",
		"Partly. The main thing is that nobody answered me.",
		"you were billed for four workshop days you did not have", "your email about it went unanswered for three weeks",
		[]string{"We billed four days too many.", "Your email went unanswered for three weeks."},
		"We are sorry for the wrong invoice, and for leaving your email unanswered for three weeks.",
		"A corrected invoice and a direct phone number for billing questions.",
		data.Remedy{Kind: data.RemedyCredit, Value: 360000, Description: "four workshop days credited"},
		"Send the corrected invoice", "Our billing", "We made the invoice from the plan, not from the days held.",
		"Invoices are made from the signed attendance list; billing mail is answered within two working days."},
	{data.AlertCancelledOrder, "Cancelled the second phase of the project by email, no reason given.",
		"The new process you designed does not fit how our warehouse works. Your consultant was only on site once and did not talk to the shift leads.",
		"A process designed with the people who run the warehouse.", "A design from the head office that the shift leads cannot use.",
		"frustrated, as if the money had been wasted",
		"So what I'm hearing is that you were unhappy with the price of the second phase.",
		"No. It is about the work, not the price.",
		"the new process does not fit your warehouse because it was designed without your shift leads", "you do not want more of the same",
		[]string{"We designed the process without talking to the shift leads.", "We were on site only once."},
		"We are sorry that we designed your process without listening to the people who run it.",
		"Two days on site with the shift leads, at no charge, before they decide about phase two.",
		data.Remedy{Kind: data.RemedyAdditionalService, Description: "Two days on site with the shift leads, free of charge"},
		"Call to agree the on-site days", "How we agreed the requirements", "We cut the site visit to save travel costs.",
		"Every process design includes at least two days on site with the people who run it."},
	{data.AlertBadReview, "Two-star review on the business directory: 'slow and hard to reach'.",
		"Every time I call I get the voicemail. When I finally got through, the person did not know our project.",
		"Someone who answers and knows our project.", "Voicemail, and a colleague who had to ask me what the project was.",
		"not taken seriously",
		"So what I'm hearing is that you could not reach us and the person you reached did not know your project.",
		"", "you could not reach us by phone", "whoever answered did not know your project",
		[]string{"You could not reach us by phone.", "When you did reach us, we did not know your project."},
		"We are sorry that you had to chase us for an answer about your own project.",
		"A fixed weekly call and one person who knows the project.",
		data.Remedy{Kind: data.RemedyOther, Description: "A fixed weekly call with the project lead"},
		"Send the invitation for the weekly call", "Our communication", "Calls went to a shared voicemail that we did not check every day.",
		"The shared voicemail is checked twice a day; every client has a named contact who knows their project."},
	{data.AlertGoneSilent, "No reply to the last three emails; used to call every month.",
		"We were not sure you still had time for us after you took on the big bank project. The last two deliverables felt rushed.",
		"The same care as in the first year.", "Rushed deliverables and less contact.",
		"neglected",
		"So what I'm hearing is that you felt we had less time for you since we took on a larger client, and the last deliverables showed it.",
		"", "we had less time for you since we took on a larger client", "the last two deliverables showed it",
		[]string{"The last two deliverables were rushed.", "We called less often than before."},
		"We are sorry that the last two deliverables did not get the care you had from us before.",
		"Redo the last deliverable properly and keep the monthly call.",
		data.Remedy{Kind: data.RemedyReplacement, Description: "The last deliverable reworked in full"},
		"Deliver the reworked report", "Our staffing and handovers", "We took on more work than we had people for.",
		"New work is accepted only after checking the hours booked for existing clients."},
}

var alertChannels = []string{"Phone", "Email", "In person", "Review site", "Noticed ourselves"}
var interviewers = []string{"Anna Berger", "Anna Berger", "Anna Berger", "Jan de Vries (partner)", "Ines Moreau (associate)"}

// Complaints is the demo step for red alerts and complaint interviews: open and resolved
// alerts for about one client in twelve (at most 3,000), and interviews in every state.
func Complaints(ctx context.Context, tx *sql.Tx, g *Gen, clients []Made) error {
	if len(clients) == 0 {
		return nil
	}
	const maxAlerts = 3000
	every := len(clients) / maxAlerts
	if every < 12 {
		every = 12
	}
	if len(clients) < 60 {
		every = 3
	}
	n := 0
	for i, c := range clients {
		if i%every != 0 {
			continue
		}
		if err := g.alertAndInterview(ctx, tx, c, n); err != nil {
			return fmt.Errorf("complaints for %q: %w", c.Name, err)
		}
		n++
	}
	return nil
}

// alertAndInterview writes one alert and, for most, its complaint. n makes the first few
// cases cover every state, so even a small sample shows them all.
func (g *Gen) alertAndInterview(ctx context.Context, tx *sql.Tx, c Made, n int) error {
	st := stories[n%len(stories)]
	from := c.Since
	if min := g.Now.AddDate(-2, 0, 0); from.Before(min) {
		from = min
	}
	open := c.Status == data.StatusAtRisk || n%5 == 0
	var received time.Time
	if open {
		received = g.Between(g.Now.AddDate(0, 0, -30), g.Now.Add(-2*time.Hour))
	} else {
		received = g.Between(from, g.Now.AddDate(0, 0, -21))
	}
	received = g.DuringWork(received)
	sev := []data.Severity{data.SeverityMinor, data.SeveritySerious, data.SeveritySerious, data.SeverityCritical}[g.R.IntN(4)]
	a := data.Alert{ClientID: c.ID, Kind: st.kind, Received: received, Channel: Pick(g, alertChannels), Severity: sev, Note: st.note}

	// How far the interview got: 0 none, 1 listening, 2 confirmed in one round,
	// 3 confirmed after a correction, 4 not confirmed.
	stage := []int{2, 3, 4, 1, 0, 2, 3, 2, 2, 1}[n%10]
	if open && stage >= 2 && n%3 != 0 {
		stage = 1
	}
	if !open && stage == 1 {
		stage = 2 // an old complaint stuck at listening would be a forgotten one
	}
	outcome := data.OutcomeOpen
	if !open && stage >= 2 {
		switch c.Status {
		case data.StatusLost:
			outcome = data.OutcomeLost
		case data.StatusLetGo:
			outcome = data.OutcomeLetGo
		default:
			outcome = data.OutcomeRetained
		}
	}
	resolved := received.Add(time.Duration(1+g.R.IntN(20*24)) * time.Hour)
	if !open && (stage == 0 || outcome != data.OutcomeOpen) {
		a.ResolvedAt = resolved
		a.Resolution = "Talked it through; the client is satisfied"
		if outcome != data.OutcomeOpen {
			a.Resolution = "Complaint interview: " + outcome.Label()
		}
	}
	alertID, err := data.InsertAlertTx(ctx, tx, a)
	if err != nil {
		return err
	}
	if stage == 0 {
		return nil
	}

	// The interview is held in working hours, the same day or up to two days later.
	start := g.DuringWork(received.AddDate(0, 0, g.R.IntN(3)))
	if !start.After(received) || start.After(g.Now) {
		start = received.Add(time.Hour)
	}
	k := data.Complaint{ClientID: c.ID, AlertID: alertID, Outcome: outcome, InterviewOn: data.DateOf(start),
		How: data.InterviewHows()[g.R.IntN(3)], ConductedBy: Pick(g, interviewers),
		Account: st.account, Expected: st.expected, Happened: st.happened, Feeling: st.feeling,
		Hours: float64(1+g.R.IntN(12)) / 2, Created: start, Updated: start}
	if c.Status == data.StatusLost || c.Status == data.StatusLetGo {
		k.IndependentNote = "I work alone: there is nobody without direct contact who could do it."
	}
	if stage >= 2 {
		k.Responsibility = true // taken in every interview that got that far, confirmed or not
		k.Regret, k.ClientFix = st.regret, st.fix
		k.RootCause, k.RootCauseText, k.ProcedureChange = st.cause, st.causeText, st.change
		k.ClientTold = outcome != data.OutcomeOpen
		if k.ClientTold {
			k.ClientToldOn = data.DateOf(resolved)
		}
	}
	if outcome != data.OutcomeOpen {
		k.OutcomeAt = resolved
		k.Updated = resolved
	}
	id, err := data.InsertComplaintTx(ctx, tx, k)
	if err != nil {
		return err
	}
	said := start.Add(40 * time.Minute)
	state, reason := data.RestateOpen, ""
	// The round the client confirms was composed from its parts.
	parts := data.RoundParts{What: st.what, Impact: st.impact, Feeling: st.feeling}
	confirmed := letters.Restatement("en", parts)
	switch stage {
	case 2:
		if err := data.InsertRoundTx(ctx, tx, data.Round{ComplaintID: id, Number: 1, Text: confirmed, Parts: parts, AskedAt: said,
			Answer: data.AnswerConfirmed, AnsweredAt: said.Add(time.Minute)}); err != nil {
			return err
		}
		state = data.RestateConfirmed
	case 3, 4:
		corr := st.correction
		if corr == "" {
			corr = "That is not quite it. Let me say it again."
		}
		if err := data.InsertRoundTx(ctx, tx, data.Round{ComplaintID: id, Number: 1, Text: st.first, AskedAt: said,
			Answer: data.AnswerPartly, Correction: corr, AnsweredAt: said.Add(2 * time.Minute)}); err != nil {
			return err
		}
		second := data.Round{ComplaintID: id, Number: 2, Text: confirmed, Parts: parts, AskedAt: said.Add(6 * time.Minute),
			Answer: data.AnswerConfirmed, AnsweredAt: said.Add(7 * time.Minute)}
		state = data.RestateConfirmed
		if stage == 4 {
			second.Answer, second.Correction = data.AnswerNotRight, "You are still not getting it. I do not want to discuss it further."
			state, reason = data.RestateNotConfirmed, "The client would not agree to any summary and ended the call."
		}
		if err := data.InsertRoundTx(ctx, tx, second); err != nil {
			return err
		}
	}
	if stage >= 2 {
		for _, e := range st.errors {
			if _, err := tx.ExecContext(ctx, `INSERT INTO acknowledged_errors (complaint_id, position, text)
				VALUES (?, (SELECT count(*) + 1 FROM acknowledged_errors WHERE complaint_id = ?), ?)`, id, id, e); err != nil {
				return fmt.Errorf("acknowledged error: %w", err)
			}
		}
		r := st.remedy
		r.ComplaintID, r.Created = id, said.Add(20*time.Minute)
		r.Due, r.Accepted = data.DateOf(said.AddDate(0, 0, 7)), stage != 4
		if err := data.InsertRemedyTx(ctx, tx, r); err != nil {
			return err
		}
		due := time.Date(said.Year(), said.Month(), said.Day(), 16, 0, 0, 0, time.UTC).AddDate(0, 0, 2+g.R.IntN(5))
		for due.Weekday() == time.Saturday || due.Weekday() == time.Sunday {
			due = due.AddDate(0, 0, 1) // promised for a working day
		}
		m := data.Commitment{ComplaintID: id, What: st.commitment, Due: due, Channel: "Email", Created: r.Created}
		if due.Before(g.Now) && (outcome != data.OutcomeOpen || g.R.IntN(3) > 0) {
			m.Done = due.Add(-time.Duration(g.R.IntN(5)) * time.Hour)
		}
		if err := data.InsertCommitmentTx(ctx, tx, m); err != nil {
			return err
		}
	}
	return data.FinishComplaintTx(ctx, tx, id, state, reason, said.Add(8*time.Minute))
}
