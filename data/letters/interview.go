package letters

import (
	"time"

	"github.com/amends/amends/data"
)

// FromInterview is what an apology or follow-up is written from, taken from a complaint's
// interview file: the confirmed restatement with its parts, the feeling, the errors, the
// remedies (money in currency) and the commitments with whether each was kept. Times are
// in the local zone, as the consultant promised them.
func FromInterview(f data.InterviewFile, currency string) *Complaint {
	k := f.Complaint
	out := &Complaint{
		InterviewOn: k.InterviewOn.Time, Confirmed: k.RestateState == data.RestateConfirmed, Record: k.Record,
		Parts: k.RecordParts, Account: k.Account, Feeling: k.Feeling, Responsible: k.Responsibility, Regret: k.Regret,
		ClientFix: k.ClientFix, Explanation: k.RootCauseText, Change: k.ProcedureChange,
	}
	if f.Alert != nil {
		out.Received = f.Alert.Received.Local()
	}
	if out.InterviewOn.IsZero() {
		out.InterviewOn = k.Created.Local()
	}
	for _, e := range f.Errors {
		out.Errors = append(out.Errors, e.Text)
	}
	for _, r := range f.Remedies {
		lr := Remedy{Kind: string(r.Kind), Description: r.Description, Due: r.Due.Time, Accepted: r.Accepted}
		if r.Kind.Percent() {
			lr.Percent = int(r.Value)
		} else {
			lr.Amount, lr.Currency = r.Value, currency
		}
		out.Remedies = append(out.Remedies, lr)
	}
	for _, c := range f.Commitments {
		var done time.Time
		if !c.Done.IsZero() {
			done = c.Done.Local()
		}
		out.Commitments = append(out.Commitments, Commitment{What: c.What, Due: c.Due.Local(), Channel: c.Channel, Done: done})
	}
	return out
}
