package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func startTestComplaint(t *testing.T, d *DB) (Client, Alert, Complaint) {
	t.Helper()
	ctx := context.Background()
	c := newTestClient(t, d, "Jörg Müller", StatusActive)
	a, err := d.LogAlert(ctx, Alert{ClientID: c.ID, Kind: AlertComplaint, Severity: SeverityCritical,
		Received: time.Date(2026, 11, 22, 15, 0, 0, 0, time.UTC)}, AlertOptions{MarkAtRisk: true})
	if err != nil {
		t.Fatal(err)
	}
	k, err := d.StartComplaint(ctx, c.ID, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return c, a, k
}

func interviewEntries(t *testing.T, d *DB, clientID int64) []Entry {
	t.Helper()
	tl, err := d.Timeline(context.Background(), clientID)
	if err != nil {
		t.Fatal(err)
	}
	var out []Entry
	for _, e := range tl {
		if e.Kind == KindInterview {
			out = append(out, e)
		}
	}
	return out
}

func TestStartComplaintAndSaveInterview(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, a, k := startTestComplaint(t, d)
	if k.AlertID != a.ID || k.Outcome != OutcomeOpen || k.RestateState != RestateOpen || k.InterviewOn.IsZero() {
		t.Fatalf("started %+v", k)
	}
	if got, ok, err := d.ComplaintForAlert(ctx, a.ID); err != nil || !ok || got.ID != k.ID {
		t.Fatalf("complaint for alert: %v %v %v", got.ID, ok, err)
	}
	k.How, k.ConductedBy = HowVideo, "Me"
	k.Account = "Der Bericht kam zwei Wochen zu spät, und die Zahlen für Köln fehlten."
	k.Feeling = "Let down"
	k.Responsibility, k.Regret = true, "I am sorry"
	k.RootCause, k.ProcedureChange = "Missed deadline", "Weekly status mail"
	k.ClientTold, k.ClientToldOn = true, NewDate(2026, 12, 1)
	k.Hours = 2.5
	k.RestateState = RestateConfirmed // ignored: the restate step has its own methods
	k.Outcome = OutcomeLost           // ignored as well
	if err := d.SaveInterview(ctx, k); err != nil {
		t.Fatal(err)
	}
	got, err := d.Complaint(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Account != k.Account || got.How != HowVideo || !got.Responsibility || got.Hours != 2.5 ||
		got.ClientToldOn != k.ClientToldOn || got.RootCause != "Missed deadline" || got.ClientName != c.Name {
		t.Fatalf("read back %+v", got)
	}
	if got.RestateState != RestateOpen || got.Outcome != OutcomeOpen {
		t.Fatalf("SaveInterview changed restate/outcome: %+v", got)
	}
	// Saved many times, it is still one timeline entry, carrying the latest words.
	for i := 0; i < 3; i++ {
		k.Feeling = strings.Repeat("angry ", i+1)
		if err := d.SaveInterview(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	es := interviewEntries(t, d, c.ID)
	if len(es) != 1 || es[0].Ref != complaintRef(k.ID) || !strings.Contains(es[0].Body, "zwei Wochen") {
		t.Fatalf("interview entries: %+v", es)
	}
	// The interview text is searchable through the client's timeline.
	if res, _ := d.SearchClients(ctx, "Köln", ClientFilter{}, 10); len(res) != 1 {
		t.Errorf("search found %d", len(res))
	}
	var fe *FieldError
	if err := d.SaveInterview(ctx, Complaint{ID: k.ID, Hours: -1}); !errors.As(err, &fe) || fe.Field != "hours" {
		t.Errorf("negative hours: %v", err)
	}
	if err := d.SaveInterview(ctx, Complaint{ID: 999}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing complaint: %v", err)
	}
	if _, err := d.StartComplaint(ctx, newTestClient(t, d, "Other", StatusActive).ID, a.ID); err == nil {
		t.Errorf("started a complaint from another client's alert")
	}
}

func TestRestatementRoundsTwoRoundsToConfirmed(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, _, k := startTestComplaint(t, d)

	// Round 1 is drafted as typed, then answered "partly right".
	r1, err := d.DraftRound(ctx, k.ID, RoundDraft{Text: "So what I'm hearing is"})
	if err != nil {
		t.Fatal(err)
	}
	if r1.Number != 1 {
		t.Fatalf("first round numbered %d", r1.Number)
	}
	r1b, err := d.DraftRound(ctx, k.ID, RoundDraft{Text: "So what I'm hearing is the report was late."})
	if err != nil || r1b.ID != r1.ID {
		t.Fatalf("drafting again made a new round: %v %v", r1b, err)
	}
	if _, err := d.OpenRound(ctx, k.ID, "too soon"); !errors.Is(err, ErrRoundWaiting) {
		t.Errorf("opened a round while one waits: %v", err)
	}
	var fe *FieldError
	if _, err := d.AnswerRound(ctx, r1.ID, AnswerPartly, "  "); !errors.As(err, &fe) || fe.Field != "correction" {
		t.Errorf("partly right without correction: %v", err)
	}
	if _, err := d.AnswerRound(ctx, r1.ID, AnswerPartly, "Late, and the Köln figures were missing."); err != nil {
		t.Fatal(err)
	}
	// Answered rounds are frozen, in the store and in SQL.
	if err := d.EditRound(ctx, r1.ID, RoundDraft{Text: "rewritten history"}); !errors.Is(err, ErrRoundAnswered) {
		t.Errorf("edited an answered round: %v", err)
	}
	if _, err := d.AnswerRound(ctx, r1.ID, AnswerConfirmed, ""); !errors.Is(err, ErrRoundAnswered) {
		t.Errorf("answered twice: %v", err)
	}
	if _, err := d.SQL().Exec(`UPDATE restatements SET text='x' WHERE id=?`, r1.ID); err == nil {
		t.Errorf("SQL trigger let an answered round change")
	}
	if _, err := d.SQL().Exec(`DELETE FROM restatements WHERE id=?`, r1.ID); err == nil {
		t.Errorf("SQL trigger let an answered round be deleted")
	}

	// Round 2 opens after "partly right"; drafting the correction early is kept too.
	r2, err := d.DraftRound(ctx, k.ID, RoundDraft{Text: "So the report was late and incomplete: Köln was missing."})
	if err != nil || r2.Number != 2 {
		t.Fatalf("round 2: %+v %v", r2, err)
	}
	if err := d.EditRound(ctx, r1.ID, RoundDraft{Text: "x"}); !errors.Is(err, ErrRoundAnswered) {
		t.Errorf("edited round 1 after round 2 opened: %v", err)
	}
	if _, err := d.AnswerRound(ctx, r2.ID, AnswerConfirmed, ""); err != nil {
		t.Fatal(err)
	}
	got, _ := d.Complaint(ctx, k.ID)
	if got.RestateState != RestateConfirmed || got.Record != "So the report was late and incomplete: Köln was missing." || got.RestateEnded.IsZero() {
		t.Fatalf("after confirm %+v", got)
	}
	// Confirmed ends the step: no more rounds, no way back.
	if _, err := d.DraftRound(ctx, k.ID, RoundDraft{Text: "one more"}); !errors.Is(err, ErrRestateEnded) {
		t.Errorf("round after confirm: %v", err)
	}
	if _, err := d.SQL().Exec(`INSERT INTO restatements (complaint_id, round, text, asked_at) VALUES (?, 3, 'x', 'now')`, k.ID); err == nil {
		t.Errorf("SQL trigger let a round follow a confirmed one")
	}
	if err := d.EndNotConfirmed(ctx, k.ID, "changed my mind"); !errors.Is(err, ErrRestateEnded) {
		t.Errorf("not confirmed after confirmed: %v", err)
	}
	if _, err := d.SQL().Exec(`UPDATE complaints SET restate_state='open' WHERE id=?`, k.ID); err == nil {
		t.Errorf("SQL trigger let the restate step reopen")
	}
	rs, _ := d.Rounds(ctx, k.ID)
	if len(rs) != 2 || rs[0].Number != 1 || rs[1].Number != 2 || rs[0].Answer != AnswerPartly ||
		rs[0].Correction != "Late, and the Köln figures were missing." || rs[1].Answer != AnswerConfirmed ||
		!rs[0].AnsweredAt.Before(rs[1].AnsweredAt) || rs[0].AskedAt.IsZero() {
		t.Fatalf("rounds %+v", rs)
	}
	f, err := d.InterviewFile(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := f.ConfirmedRound(); !ok || r.ID != r2.ID || !f.Done(StepRestate) {
		t.Errorf("file: confirmed %v %v", r, ok)
	}
	es := interviewEntries(t, d, c.ID)
	if len(es) != 1 || !strings.Contains(es[0].Summary, "Confirmed") || !strings.Contains(es[0].Body, "Complaint of record") {
		t.Errorf("timeline after confirm: %+v", es)
	}
}

func TestRestatementNotConfirmed(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	_, _, k := startTestComplaint(t, d)
	r1, err := d.OpenRound(ctx, k.ID, "So you feel we overcharged you.")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.AnswerRound(ctx, r1.ID, AnswerNotRight, "It is not about money."); err != nil {
		t.Fatal(err)
	}
	// An empty round waiting for an answer is dropped when the step ends.
	if _, err := d.OpenRound(ctx, k.ID, ""); err != nil {
		t.Fatal(err)
	}
	var fe *FieldError
	if err := d.EndNotConfirmed(ctx, k.ID, " "); !errors.As(err, &fe) || fe.Field != "reason" {
		t.Errorf("ending without a reason: %v", err)
	}
	if err := d.EndNotConfirmed(ctx, k.ID, "Client ended the call"); err != nil {
		t.Fatal(err)
	}
	f, _ := d.InterviewFile(ctx, k.ID)
	if f.Complaint.RestateState != RestateNotConfirmed || f.Complaint.Record != "" || f.Complaint.RestateReason != "Client ended the call" {
		t.Fatalf("complaint %+v", f.Complaint)
	}
	if _, ok := f.ConfirmedRound(); ok || len(f.Rounds) != 1 || !f.Done(StepRestate) {
		t.Errorf("rounds %+v", f.Rounds)
	}
	if _, err := d.OpenRound(ctx, k.ID, "again"); !errors.Is(err, ErrRestateEnded) {
		t.Errorf("round after not confirmed: %v", err)
	}
	// The SQL schema refuses a not-confirmed state without a reason.
	if _, err := d.SQL().Exec(`INSERT INTO complaints (client_id, restate_state, created, updated) VALUES (?, 'not_confirmed', 'x', 'x')`, f.Client.ID); err == nil {
		t.Errorf("not confirmed without reason accepted by SQL")
	}
}

func TestAnswerNeedsText(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	_, _, k := startTestComplaint(t, d)
	r, _ := d.OpenRound(ctx, k.ID, "  ")
	var fe *FieldError
	if _, err := d.AnswerRound(ctx, r.ID, AnswerConfirmed, ""); !errors.As(err, &fe) {
		t.Errorf("confirmed an empty restatement: %v", err)
	}
}

func TestAckErrorsRemediesCommitments(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, _, k := startTestComplaint(t, d)

	e1, err := d.AddAckError(ctx, k.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	e2, _ := d.AddAckError(ctx, k.ID, "We did not call when the deadline slipped")
	if err := d.SetAckError(ctx, e1.ID, "The report was two weeks late"); err != nil {
		t.Fatal(err)
	}
	es, _ := d.AckErrors(ctx, k.ID)
	if len(es) != 2 || es[0].Text != "The report was two weeks late" || es[1].ID != e2.ID {
		t.Fatalf("errors %+v", es)
	}
	if err := d.RemoveAckError(ctx, e1.ID); err != nil {
		t.Fatal(err)
	}
	if err := d.RemoveAckError(ctx, e1.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing twice: %v", err)
	}

	var fe *FieldError
	for _, bad := range []Remedy{
		{ComplaintID: k.ID, Kind: "gift"},
		{ComplaintID: k.ID, Kind: RemedyDiscountPercent, Value: 150},
		{ComplaintID: k.ID, Kind: RemedyRefund, Value: -5},
		{ComplaintID: k.ID, Kind: RemedyReplacement},
	} {
		if _, err := d.AddRemedy(ctx, bad); !errors.As(err, &fe) {
			t.Errorf("accepted %+v: %v", bad, err)
		}
	}
	r, err := d.AddRemedy(ctx, Remedy{ComplaintID: k.ID, Kind: RemedyDiscountPercent, Value: 15,
		Description: "on the next invoice", Due: NewDate(2026, 12, 15)})
	if err != nil {
		t.Fatal(err)
	}
	r.Accepted = true
	if err := d.UpdateRemedy(ctx, r); err != nil {
		t.Fatal(err)
	}
	if _, err := d.AddRemedy(ctx, Remedy{ComplaintID: k.ID, Kind: RemedyRefund, Value: 25000}); err != nil {
		t.Fatal(err)
	}
	rs, _ := d.Remedies(ctx, k.ID)
	if len(rs) != 2 || !rs[0].Accepted || rs[0].Due != NewDate(2026, 12, 15) || rs[0].ValueText("EUR") != "15%" ||
		rs[1].ValueText("EUR") != "250.00 EUR" {
		t.Fatalf("remedies %+v", rs)
	}
	if err := d.RemoveRemedy(ctx, rs[1].ID); err != nil {
		t.Fatal(err)
	}

	if _, err := d.AddCommitment(ctx, Commitment{ComplaintID: k.ID, What: " "}); !errors.As(err, &fe) {
		t.Errorf("empty commitment: %v", err)
	}
	due := time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC)
	m, err := d.AddCommitment(ctx, Commitment{ComplaintID: k.ID, What: "Email the revised report", Due: due, Channel: "Email"})
	if err != nil {
		t.Fatal(err)
	}
	if m.FollowUpID == 0 {
		t.Fatal("no follow-up made")
	}
	var fClient, fComplaint int64
	var source, what, fdue, channel string
	if err := d.SQL().QueryRow(`SELECT client_id, complaint_id, source, what, due, channel FROM followups WHERE id=?`, m.FollowUpID).
		Scan(&fClient, &fComplaint, &source, &what, &fdue, &channel); err != nil {
		t.Fatal(err)
	}
	if fClient != c.ID || fComplaint != k.ID || source != "commitment" || what != "Email the revised report" ||
		fdue != fmtTime(due) || channel != "Email" {
		t.Fatalf("follow-up %d %d %s %s %s %s", fClient, fComplaint, source, what, fdue, channel)
	}
	// Editing the commitment edits its follow-up.
	m.What, m.Due = "Email the revised report with Köln", due.Add(24*time.Hour)
	if err := d.UpdateCommitment(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := d.SQL().QueryRow(`SELECT what, due FROM followups WHERE id=?`, m.FollowUpID).Scan(&what, &fdue); err != nil {
		t.Fatal(err)
	}
	if what != m.What || fdue != fmtTime(m.Due) {
		t.Errorf("follow-up not kept in sync: %s %s", what, fdue)
	}
	// A follow-up removed elsewhere is made again when the commitment changes.
	if _, err := d.SQL().Exec(`DELETE FROM followups WHERE id=?`, m.FollowUpID); err != nil {
		t.Fatal(err)
	}
	if err := d.UpdateCommitment(ctx, m); err != nil {
		t.Fatal(err)
	}
	ms, _ := d.Commitments(ctx, k.ID)
	if len(ms) != 1 || ms[0].FollowUpID == 0 || !ms[0].Due.Equal(m.Due) {
		t.Fatalf("commitments %+v", ms)
	}
	if err := d.SQL().QueryRow(`SELECT what FROM followups WHERE id=?`, ms[0].FollowUpID).Scan(&what); err != nil || what != m.What {
		t.Fatalf("follow-up not made again: %q %v", what, err)
	}
	// Done elsewhere shows here.
	if _, err := d.SQL().Exec(`UPDATE followups SET done_at=? WHERE id=?`, fmtTime(due), ms[0].FollowUpID); err != nil {
		t.Fatal(err)
	}
	ms, _ = d.Commitments(ctx, k.ID)
	if !ms[0].Done.Equal(due) {
		t.Errorf("done = %v", ms[0].Done)
	}
	if err := d.RemoveCommitment(ctx, ms[0].ID); err != nil {
		t.Fatal(err)
	}
	var n int
	d.SQL().QueryRow(`SELECT count(*) FROM followups`).Scan(&n)
	if n != 0 {
		t.Errorf("%d follow-ups left after removing the commitment", n)
	}
	f, _ := d.InterviewFile(ctx, k.ID)
	if f.Done(StepAcknowledge) || !f.Done(StepAgree) || f.Done(StepAsk) {
		t.Errorf("steps done: ack %v agree %v ask %v", f.Done(StepAcknowledge), f.Done(StepAgree), f.Done(StepAsk))
	}
}

// An error named and a regret are not an apology until responsibility is taken.
func TestAcknowledgeNeedsResponsibility(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	_, _, k := startTestComplaint(t, d)
	if _, err := d.AddAckError(ctx, k.ID, "The report was two weeks late"); err != nil {
		t.Fatal(err)
	}
	edited := k
	edited.Regret = "I am sorry the board saw the report without the regional figures."
	k2, err := d.SaveInterviewEdit(ctx, k, edited)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := d.InterviewFile(ctx, k.ID)
	if f.Done(StepAcknowledge) {
		t.Fatal("Acknowledge done with an error and a regret but no responsibility")
	}
	taken := k2
	taken.Responsibility = true
	if _, err := d.SaveInterviewEdit(ctx, k2, taken); err != nil {
		t.Fatal(err)
	}
	f, _ = d.InterviewFile(ctx, k.ID)
	if !f.Done(StepAcknowledge) {
		t.Fatal("Acknowledge not done with responsibility taken and an error named")
	}
	// Responsibility alone, with nothing named, is not enough either.
	f.Errors, f.Complaint.Regret = nil, ""
	if f.Done(StepAcknowledge) {
		t.Error("Acknowledge done with nothing acknowledged")
	}
}

func TestSetOutcomeResolvesAlertAndMovesStatus(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, a, k := startTestComplaint(t, d)
	if got, _ := d.Client(ctx, c.ID); got.Status != StatusAtRisk {
		t.Fatalf("status %s", got.Status)
	}
	if _, err := d.SetOutcome(ctx, k.ID, "maybe", ""); err == nil {
		t.Errorf("unknown outcome accepted")
	}
	if _, err := d.SetOutcome(ctx, k.ID, OutcomeRetained, "Discount agreed"); err != nil {
		t.Fatal(err)
	}
	got, _ := d.Alert(ctx, a.ID)
	if got.Open() || !strings.Contains(got.Resolution, "Resolved and retained") || got.TimeToResolution() <= 0 {
		t.Fatalf("alert after outcome: %+v", got)
	}
	if cl, _ := d.Client(ctx, c.ID); cl.Status != StatusActive {
		t.Errorf("retained client status %s", cl.Status)
	}
	k2, _ := d.Complaint(ctx, k.ID)
	if k2.Outcome != OutcomeRetained || k2.OutcomeAt.IsZero() || k2.OutcomeNote != "Discount agreed" {
		t.Errorf("complaint %+v", k2)
	}
	// Changing the outcome later does not resolve the alert again.
	if _, err := d.SetOutcome(ctx, k.ID, OutcomeLost, ""); err != nil {
		t.Fatal(err)
	}
	if cl, _ := d.Client(ctx, c.ID); cl.Status != StatusLost {
		t.Errorf("lost client status %s", cl.Status)
	}
	if l, _ := d.ListComplaints(ctx, ComplaintFilter{Outcome: OutcomeLost}, 10); len(l) != 1 {
		t.Errorf("list by outcome: %d", len(l))
	}
	if l, _ := d.ListComplaints(ctx, ComplaintFilter{Outcome: OutcomeOpen}, 10); len(l) != 0 {
		t.Errorf("list open: %d", len(l))
	}
	if n, _ := d.CountOpenComplaints(ctx); n != 0 {
		t.Errorf("open complaints %d", n)
	}
}

func TestDeletingClientTakesItsComplaints(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, _, k := startTestComplaint(t, d)
	r, _ := d.OpenRound(ctx, k.ID, "So what I hear is…")
	if _, err := d.AnswerRound(ctx, r.ID, AnswerConfirmed, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := d.AddCommitment(ctx, Commitment{ComplaintID: k.ID, What: "Call", Due: time.Now()}); err != nil {
		t.Fatal(err)
	}
	// Answered rounds may not be deleted on their own, but the cascade from the client goes through.
	if _, err := d.SQL().Exec(`DELETE FROM clients WHERE id=?`, c.ID); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"complaints", "restatements", "commitments", "followups", "alerts"} {
		var n int
		d.SQL().QueryRow(`SELECT count(*) FROM ` + table).Scan(&n)
		if n != 0 {
			t.Errorf("%s: %d rows left", table, n)
		}
	}
}

func TestRootCauses(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	rc, err := d.RootCauses(ctx)
	if err != nil || len(rc) != len(DefaultRootCauses()) {
		t.Fatalf("defaults %v %v", rc, err)
	}
	if err := d.SetRootCauses(ctx, []string{" Late delivery ", "", "late delivery", "Wrong data"}); err != nil {
		t.Fatal(err)
	}
	rc, _ = d.RootCauses(ctx)
	if strings.Join(rc, "|") != "Late delivery|Wrong data" {
		t.Errorf("stored %q", rc)
	}
	var fe *FieldError
	if err := d.SetRootCauses(ctx, []string{" "}); !errors.As(err, &fe) {
		t.Errorf("empty list accepted: %v", err)
	}
}
