package data

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// The promise ledger, counted on hand-made cases.
func TestPromiseOnTimeShare(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	due := time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name      string
		due, done time.Time
		want      PromiseState
	}{
		{"done an hour early", due, due.Add(-time.Hour), PromiseOnTime},
		{"done at the minute promised", due, due, PromiseOnTime},
		{"done a minute late", due, due.Add(time.Minute), PromiseLate},
		{"not done, the time passed", due, time.Time{}, PromiseOverdue},
		{"not done, still to come", now.Add(time.Hour), time.Time{}, PromiseOpen},
	} {
		if got := PromiseStateOf(c.due, c.done, now); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got.Label(), c.want.Label())
		}
	}

	d := openTest(t)
	ctx := context.Background()
	a, b := mustClient(t, d, "Jörg Müller"), mustClient(t, d, "Ana Ruiz")
	add := func(c Client, src FollowUpSource, due, done time.Time) {
		t.Helper()
		if _, err := d.SQL().Exec(`INSERT INTO followups (client_id, source, what, due, done_at, created) VALUES (?,?,?,?,?,?)`,
			c.ID, string(src), "promise", fmtTime(due), fmtTime(done), fmtTime(due.Add(-48*time.Hour))); err != nil {
			t.Fatal(err)
		}
	}
	// Jörg: three kept on time, one late, one overdue, one still to come, and a check-in
	// (not a promise) that is overdue.
	for i := 0; i < 3; i++ {
		add(a, SourceCommitment, due.AddDate(0, 0, -i), due.AddDate(0, 0, -i).Add(-time.Hour))
	}
	add(a, SourceCommitment, due, due.Add(26*time.Hour))
	add(a, SourceCommitment, due.Add(-time.Hour), time.Time{})
	add(a, SourceCommitment, now.Add(24*time.Hour), time.Time{})
	add(a, SourceCheckIn, due, time.Time{})
	// Ana: one overdue.
	add(b, SourceCommitment, due, time.Time{})

	ta, err := d.PromiseTally(ctx, a.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	if ta != (PromiseTally{OnTime: 3, Late: 1, Overdue: 1, Open: 1}) {
		t.Fatalf("Jörg's promises %+v", ta)
	}
	if got := ta.OnTimeShare(); got != 0.6 { // 3 of the 5 due; the one to come is left out
		t.Errorf("on-time share %v, want 0.6", got)
	}
	all, err := d.PromiseTally(ctx, 0, now)
	if err != nil {
		t.Fatal(err)
	}
	if all != (PromiseTally{OnTime: 3, Late: 1, Overdue: 2, Open: 1}) || all.OnTimeShare() != 0.5 {
		t.Errorf("all promises %+v, share %v", all, all.OnTimeShare())
	}
	if (PromiseTally{Open: 2}).OnTimeShare() != 0 {
		t.Error("a share of nothing due should be 0")
	}
}

func TestAddWorkingDays(t *testing.T) {
	at := func(day, h int) time.Time { return time.Date(2026, 11, day, h, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		from time.Time
		n    int
		want time.Time
	}{
		{at(23, 15), 1, at(24, 15)}, // Monday → Tuesday
		{at(27, 15), 1, at(30, 15)}, // Friday → Monday
		{at(28, 11), 1, at(30, 9)},  // Saturday: counts from Monday 09:00, due Tuesday 09:00
		{at(28, 11), 1, at(30, 9)},
		{at(29, 23), 2, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}, // Sunday night
		{at(23, 9), 10, time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)},
	} {
		got := AddWorkingDays(c.from, c.n)
		if c.from.Weekday() == time.Saturday {
			c.want = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		}
		if !got.Equal(c.want) {
			t.Errorf("%s %v + %d working days = %v, want %v", c.from.Weekday(), c.from, c.n, got, c.want)
		}
	}
}

// The speed clock: each stage found where it happens, against its target.
func TestSpeedClockStages(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c := newTestClient(t, d, "Jörg Müller", StatusActive)
	// Friday 20 November 2026, 16:00: the first contact is due on Monday at 16:00.
	received := time.Date(2026, 11, 20, 16, 0, 0, 0, time.Local)
	callBack := time.Date(2026, 11, 23, 10, 30, 0, 0, time.Local)
	d.Now = func() time.Time { return received.Add(time.Minute) }
	a, err := d.LogAlert(ctx, Alert{ClientID: c.ID, Kind: AlertComplaint, Severity: SeveritySerious, Received: received},
		AlertOptions{CallBackBy: callBack})
	if err != nil {
		t.Fatal(err)
	}
	read := func() SpeedClock {
		t.Helper()
		cs, err := d.SpeedClocks(ctx, []int64{a.ID})
		if err != nil {
			t.Fatal(err)
		}
		return cs[a.ID]
	}
	targets := DefaultTargets()
	if targets != (Targets{1, 2, 3, 10}) {
		t.Fatalf("default targets %v", targets)
	}
	k0 := read()
	if !k0.Due(StageContact, targets).Equal(time.Date(2026, 11, 23, 16, 0, 0, 0, time.Local)) {
		t.Errorf("first contact due %v", k0.Due(StageContact, targets))
	}
	if s := k0.State(StageContact, targets, received.Add(time.Hour)); s != ClockRunning {
		t.Errorf("contact at once: %v", s)
	}
	if s := k0.State(StageContact, targets, time.Date(2026, 11, 23, 17, 0, 0, 0, time.Local)); s != ClockOverdue {
		t.Errorf("contact after Monday 16:00: %v", s)
	}

	// The call back promised when the alert was logged is done on Monday at 10:40.
	fs, _ := d.ClientFollowUps(ctx, c.ID)
	if len(fs) != 1 || fs[0].Purpose != PurposeCallBack || fs[0].AlertID != a.ID || !fs[0].Due.Equal(callBack) {
		t.Fatalf("call back promised: %+v", fs)
	}
	d.Now = func() time.Time { return callBack.Add(10 * time.Minute) }
	if _, err := d.MarkDone(ctx, fs[0].ID, "called", 0.25); err != nil {
		t.Fatal(err)
	}
	// The interview on Tuesday at 11:00, the apology on Friday.
	interview := time.Date(2026, 11, 24, 11, 0, 0, 0, time.Local)
	d.Now = func() time.Time { return interview }
	k, err := d.StartComplaint(ctx, c.ID, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := d.FollowUp(ctx, fs[0].ID); f.ComplaintID != k.ID {
		t.Errorf("the call back is not the complaint's promise: %+v", f)
	}
	letter := time.Date(2026, 11, 27, 9, 0, 0, 0, time.Local)
	d.Now = func() time.Time { return letter }
	if _, err := d.SaveLetter(ctx, Letter{ClientID: c.ID, ComplaintID: k.ID, Kind: "apology", Paper: "A4", Lang: "en",
		Date: DateOf(letter), Body: []string{"We are sorry."}}, false); err != nil {
		t.Fatal(err)
	}
	done := time.Date(2026, 12, 8, 12, 0, 0, 0, time.Local)
	d.Now = func() time.Time { return done }
	if _, err := d.SetOutcome(ctx, k.ID, OutcomeRetained, ""); err != nil {
		t.Fatal(err)
	}
	got := read()
	want := [4]time.Time{callBack.Add(10 * time.Minute), interview, letter, done}
	for _, s := range Stages() {
		if !got.At[s].Equal(want[s]) {
			t.Errorf("%s reached %v, want %v", s.Label(), got.At[s], want[s])
		}
	}
	// Contact and interview within the target; the letter (3 working days: Wednesday 16:00)
	// on Friday is late; the resolution (10 working days: Friday 4 December) too.
	for s, w := range map[Stage]ClockState{StageContact: ClockMet, StageInterview: ClockMet, StageLetter: ClockLate, StageResolution: ClockLate} {
		if st := got.State(s, targets, done); st != w {
			t.Errorf("%s: state %v, want %v", s.Label(), st, w)
		}
	}
	if got.Took(StageContact) != callBack.Add(10*time.Minute).Sub(received) {
		t.Errorf("took %v to the first contact", got.Took(StageContact))
	}

	// Targets are settings: a week for the letter makes it on time.
	if err := d.SaveSettingsEdit(ctx, map[string]string{TargetSetting(StageLetter): ""},
		map[string]string{TargetSetting(StageLetter): "5"}); err != nil {
		t.Fatal(err)
	}
	tg, err := d.Targets(ctx)
	if err != nil || tg != (Targets{1, 2, 5, 10}) {
		t.Fatalf("targets %v %v", tg, err)
	}
	if st := got.State(StageLetter, tg, done); st != ClockMet {
		t.Errorf("letter with a 5-day target: %v", st)
	}
	stats, err := d.SpeedReport(ctx, received.AddDate(0, 0, -1), done)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Reached != [4]int{1, 1, 1, 1} || stats.OnTime != [4]int{1, 1, 1, 0} ||
		stats.Median[StageInterview] != interview.Sub(received) {
		t.Errorf("speed report %+v", stats)
	}
	if _, err := ParseTargetDays("0"); err == nil {
		t.Error("a target of 0 days accepted")
	}
}

func TestSpeedStatsMedians(t *testing.T) {
	base := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) // Monday
	clock := func(contactHours ...int) SpeedClock {
		c := SpeedClock{Received: base}
		if len(contactHours) > 0 {
			c.At[StageContact] = base.Add(time.Duration(contactHours[0]) * time.Hour)
		}
		return c
	}
	now := base.AddDate(0, 0, 30)
	s := SpeedStatsOf([]SpeedClock{clock(2), clock(4), clock(30), clock(50), clock()}, DefaultTargets(), now)
	// Within a working day (Tuesday 09:00): 2 h and 4 h; 30 h and 50 h are late.
	if s.Reached[StageContact] != 4 || s.OnTime[StageContact] != 2 || s.Overdue[StageContact] != 1 {
		t.Fatalf("contact counts %+v", s)
	}
	if s.Median[StageContact] != 17*time.Hour { // (4 h + 30 h) / 2
		t.Errorf("median %v", s.Median[StageContact])
	}
	if s.OnTimeShare(StageContact) != 0.5 {
		t.Errorf("share %v", s.OnTimeShare(StageContact))
	}
}

// The composer's parts are kept with their round, frozen with it once confirmed.
func TestRestatementPartsStored(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	_, _, k := startTestComplaint(t, d)
	parts := RoundParts{What: " the report came two weeks late ", Impact: "you faced your board without the figures",
		Feeling: "embarrassed in front of your board"}
	r, err := d.DraftRound(ctx, k.ID, RoundDraft{Text: "So what I'm hearing is that the report came two weeks late.", Parts: parts})
	if err != nil {
		t.Fatal(err)
	}
	if r.Parts.What != "the report came two weeks late" {
		t.Errorf("parts not trimmed: %+v", r.Parts)
	}
	if _, err := d.AnswerRound(ctx, r.ID, AnswerConfirmed, ""); err != nil {
		t.Fatal(err)
	}
	got, _ := d.Complaint(ctx, k.ID)
	if got.RecordParts != (RoundParts{"the report came two weeks late", parts.Impact, parts.Feeling}) ||
		got.Record != "So what I'm hearing is that the report came two weeks late." {
		t.Fatalf("record %q, parts %+v", got.Record, got.RecordParts)
	}
	rs, _ := d.Rounds(ctx, k.ID)
	if rs[0].Parts.Feeling != parts.Feeling {
		t.Errorf("round parts %+v", rs[0].Parts)
	}
	if err := d.EditRound(ctx, r.ID, RoundDraft{Text: "x", Parts: RoundParts{Feeling: "fine"}}); !errors.Is(err, ErrRoundAnswered) {
		t.Errorf("edited an answered round's parts: %v", err)
	}
	if _, err := d.SQL().Exec(`UPDATE restatements SET feeling='fine' WHERE id=?`, r.ID); err == nil {
		t.Error("the database let an answered round's feeling change")
	}
}

// "Client told" on a day still to come is a promise: a follow-up on that day at 10:00.
func TestToldOnFutureDayMakesFollowUp(t *testing.T) {
	d := openTest(t) // today is Monday 23 November 2026
	ctx := context.Background()
	c, _, k := startTestComplaint(t, d)
	told := func(k Complaint) []FollowUp {
		t.Helper()
		fs, err := d.ClientFollowUps(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []FollowUp
		for _, f := range fs {
			if f.Purpose == PurposeTold && f.ComplaintID == k.ID {
				out = append(out, f)
			}
		}
		return out
	}
	e := k
	e.ProcedureChange = "Every deliverable has a named owner."
	e.ClientTold, e.ClientToldOn = true, NewDate(2026, 12, 5) // a Saturday
	k2, err := d.SaveInterviewEdit(ctx, k, e)
	if err != nil {
		t.Fatal(err)
	}
	fs := told(k2)
	if len(fs) != 1 || fs[0].Done() || fs[0].Source != SourceCommitment ||
		!fs[0].Due.Equal(time.Date(2026, 12, 7, 10, 0, 0, 0, time.Local)) || fs[0].What !=
		"Tell the client what changed so it does not happen again: Every deliverable has a named owner." {
		t.Fatalf("told follow-up %+v", fs)
	}
	// Moved to another day: the same follow-up moves.
	e = k2
	e.ClientToldOn = NewDate(2026, 12, 9)
	k3, err := d.SaveInterviewEdit(ctx, k2, e)
	if err != nil {
		t.Fatal(err)
	}
	if fs2 := told(k3); len(fs2) != 1 || fs2[0].ID != fs[0].ID || !fs2[0].Due.Equal(time.Date(2026, 12, 9, 10, 0, 0, 0, time.Local)) {
		t.Fatalf("moved: %+v", fs2)
	}
	// Saving something else leaves it as it is.
	e = k3
	e.Hours = 2
	k4, _ := d.SaveInterviewEdit(ctx, k3, e)
	if fs2 := told(k4); len(fs2) != 1 || fs2[0].ID != fs[0].ID {
		t.Fatalf("after another field: %+v", fs2)
	}
	// Told today: the promise is kept.
	e = k4
	e.ClientToldOn = NewDate(2026, 11, 23)
	k5, _ := d.SaveInterviewEdit(ctx, k4, e)
	if fs2 := told(k5); len(fs2) != 1 || !fs2[0].Done() {
		t.Fatalf("told today: %+v", fs2)
	}
	// A past day typed without having told them makes no promise.
	k6 := startOther(t, d)
	e = k6
	e.ClientToldOn = NewDate(2026, 11, 2)
	k7, _ := d.SaveInterviewEdit(ctx, k6, e)
	if fs2 := told(k7); len(fs2) != 0 {
		t.Fatalf("past day: %+v", fs2)
	}
	// A future day cleared again takes the open follow-up away.
	e = k7
	e.ClientToldOn = NewDate(2027, 1, 4)
	k8, _ := d.SaveInterviewEdit(ctx, k7, e)
	if len(told(k8)) != 1 {
		t.Fatal("no follow-up for 4 January")
	}
	e = k8
	e.ClientToldOn = Date{}
	k9, _ := d.SaveInterviewEdit(ctx, k8, e)
	if fs2 := told(k9); len(fs2) != 0 {
		t.Fatalf("cleared: %+v", fs2)
	}
}

func startOther(t *testing.T, d *DB) Complaint {
	t.Helper()
	k, err := d.StartComplaint(context.Background(), 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// Pause and call back: a promise to continue, the rounds kept open.
func TestPauseAndCallBack(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	_, _, k := startTestComplaint(t, d)
	r, _ := d.DraftRound(ctx, k.ID, RoundDraft{Text: "So the invoice was wrong."})
	if _, err := d.AnswerRound(ctx, r.ID, AnswerNotRight, "You are not listening."); err != nil {
		t.Fatal(err)
	}
	if _, err := d.PauseInterview(ctx, k.ID, d.Now().Add(-time.Hour), ""); err == nil {
		t.Error("a call back in the past accepted")
	}
	due := time.Date(2026, 11, 24, 10, 0, 0, 0, time.Local)
	f, err := d.PauseInterview(ctx, k.ID, due, "after they spoke to their finance team")
	if err != nil {
		t.Fatal(err)
	}
	if f.Source != SourceCommitment || f.Purpose != PurposeCallBack || !f.Due.Equal(due) ||
		f.What != "Call back to continue the conversation about the complaint: after they spoke to their finance team" {
		t.Fatalf("call back %+v", f)
	}
	file, _ := d.InterviewFile(ctx, k.ID)
	if cb, ok := file.PendingCallBack(); !ok || cb.ID != f.ID {
		t.Fatalf("pending call back %+v %v", cb, ok)
	}
	if file.Complaint.RestateState != RestateOpen || file.Done(StepRestate) {
		t.Fatal("pausing ended the restate step")
	}
	// The rounds stay open: the next round follows when the call resumes…
	r2, err := d.DraftRound(ctx, k.ID, RoundDraft{Text: "So the invoice billed four days you did not have."})
	if err != nil || r2.Number != 2 {
		t.Fatalf("round after the pause: %+v %v", r2, err)
	}
	// …and ending as not confirmed stays possible.
	if err := d.EndNotConfirmed(ctx, k.ID, "The client ended the call again."); err != nil {
		t.Fatal(err)
	}
	file, _ = d.InterviewFile(ctx, k.ID)
	if open := file.OpenPromises(); len(open) != 1 || open[0].ID != f.ID {
		t.Errorf("open promises %+v", open)
	}
}

// The exit interview: opening, questions with answers, notes, who held it, a follow-up.
func TestExitInterviewRecord(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c := mustClient(t, d, "Jörg Müller")
	rs, _ := d.LossReasons(ctx)
	if _, err := d.MarkLost(ctx, Loss{ClientID: c.ID, LostOn: NewDate(2026, 11, 20), ReasonID: rs[0].ID}); err != nil {
		t.Fatal(err)
	}
	qs := ExitQuestions()
	if len(qs) < 4 {
		t.Fatalf("%d questions", len(qs))
	}
	e := ExitInterview{ClientID: c.ID, HeldOn: NewDate(2026, 11, 23), HeldBy: " Jan de Vries ", Independent: true,
		Answers: []ExitAnswer{{qs[0], "The reports came late three times."}, {qs[2], "Tell us early when a date slips."}},
		Notes:   "Open to a call in the spring.", FollowUpDue: time.Date(2027, 3, 1, 10, 0, 0, 0, time.Local)}
	saved, err := d.SaveExitInterview(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := d.ExitInterviewFor(ctx, c.ID, 0)
	if err != nil || !ok {
		t.Fatalf("no exit interview: %v", err)
	}
	if got.ID != saved.ID || got.HeldBy != "Jan de Vries" || !got.Independent || len(got.Answers) != 2 ||
		got.Answers[1].Answer != "Tell us early when a date slips." || got.Notes != "Open to a call in the spring." ||
		got.FollowUpID == 0 || !got.FollowUpDue.Equal(e.FollowUpDue) {
		t.Fatalf("exit interview %+v", got)
	}
	f, _ := d.FollowUp(ctx, got.FollowUpID)
	if f.Purpose != PurposeExit || f.Source != SourceManual {
		t.Errorf("follow-up %+v", f)
	}
	ls, _ := d.Losses(ctx, c.ID)
	if !ls[0].ExitInterview || ls[0].ExitBy != "Jan de Vries" {
		t.Errorf("loss record %+v", ls[0])
	}
	// Typed on: the same record, the follow-up moved, then taken away.
	got.Answers[0].Answer += " And nobody warned us."
	got.FollowUpDue = time.Date(2027, 4, 1, 10, 0, 0, 0, time.Local)
	again, err := d.SaveExitInterview(ctx, got)
	if err != nil || again.ID != got.ID || again.FollowUpID != got.FollowUpID {
		t.Fatalf("saved again %+v %v", again, err)
	}
	if f, _ := d.FollowUp(ctx, got.FollowUpID); !f.Due.Equal(got.FollowUpDue) {
		t.Errorf("follow-up not moved: %v", f.Due)
	}
	again.FollowUpDue = time.Time{}
	if _, err := d.SaveExitInterview(ctx, again); err != nil {
		t.Fatal(err)
	}
	if _, err := d.FollowUp(ctx, got.FollowUpID); !errors.Is(err, ErrNotFound) {
		t.Errorf("follow-up still there: %v", err)
	}
	last, _, _ := d.ExitInterviewFor(ctx, c.ID, 0)
	if last.FollowUpID != 0 || last.Answers[0].Answer != "The reports came late three times. And nobody warned us." {
		t.Errorf("last %+v", last)
	}
}

// Setting an outcome can be undone: the alert is open again, the status back, the
// check-ins added for it gone.
func TestUndoOutcome(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c, a, k := startTestComplaint(t, d)
	before, _ := d.Client(ctx, c.ID)
	if before.Status != StatusAtRisk {
		t.Fatalf("status %s", before.Status)
	}
	u, err := d.SetOutcome(ctx, k.ID, OutcomeRetained, "Accepted the discount")
	if err != nil {
		t.Fatal(err)
	}
	at, _ := d.Complaint(ctx, k.ID)
	if _, err := d.ScheduleCheckIns(ctx, c.ID, k.ID, at.OutcomeAt, DefaultCheckIns()); err != nil {
		t.Fatal(err)
	}
	if al, _ := d.Alert(ctx, a.ID); al.Open() {
		t.Fatal("alert not resolved")
	}
	if err := d.UndoOutcome(ctx, u); err != nil {
		t.Fatal(err)
	}
	k2, _ := d.Complaint(ctx, k.ID)
	al, _ := d.Alert(ctx, a.ID)
	c2, _ := d.Client(ctx, c.ID)
	if k2.Outcome != OutcomeOpen || !k2.OutcomeAt.IsZero() || k2.OutcomeNote != "" || !al.Open() || al.Resolution != "" ||
		c2.Status != StatusAtRisk || !c2.StatusChanged.Equal(before.StatusChanged) {
		t.Fatalf("after undo: outcome %s at %v, alert open %v, status %s", k2.Outcome, k2.OutcomeAt, al.Open(), c2.Status)
	}
	fs, _ := d.ClientFollowUps(ctx, c.ID)
	if len(fs) != 0 {
		t.Errorf("check-ins left: %+v", fs)
	}
	tl, _ := d.Timeline(ctx, c.ID)
	for _, e := range tl {
		if e.Kind == KindStatus && e.Summary == "Status changed from At risk to Active" {
			t.Errorf("status entry left: %+v", e)
		}
		if e.Kind == KindAlert && e.Summary != al.Summary() {
			t.Errorf("alert entry still says %q", e.Summary)
		}
	}
	// Undone once, it cannot be undone again; and an outcome changed since is not undone.
	if err := d.UndoOutcome(ctx, u); !errors.Is(err, ErrOutcomeMoved) {
		t.Errorf("undo twice: %v", err)
	}
	u2, _ := d.SetOutcome(ctx, k.ID, OutcomeRetained, "")
	if _, err := d.SetOutcome(ctx, k.ID, OutcomeLetGo, ""); err != nil {
		t.Fatal(err)
	}
	if err := d.UndoOutcome(ctx, u2); !errors.Is(err, ErrOutcomeMoved) {
		t.Errorf("undo after another outcome: %v", err)
	}
	// Lost, and the loss recorded: undone, the client is not lost and no loss is left.
	c3, _, k3 := startTestComplaintFor(t, d, "Ana Ruiz")
	u3, err := d.SetOutcome(ctx, k3.ID, OutcomeLost, "")
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := d.LossReasons(ctx)
	if _, err := d.MarkLost(ctx, Loss{ClientID: c3.ID, LostOn: DateOf(d.Now()), ReasonID: rs[0].ID}); err != nil {
		t.Fatal(err)
	}
	if err := d.UndoOutcome(ctx, u3); err != nil {
		t.Fatal(err)
	}
	if ls, _ := d.Losses(ctx, c3.ID); len(ls) != 0 {
		t.Errorf("loss left after undo: %+v", ls)
	}
	if cl, _ := d.Client(ctx, c3.ID); cl.Status != StatusAtRisk {
		t.Errorf("status after undoing lost: %s", cl.Status)
	}
}

func startTestComplaintFor(t *testing.T, d *DB, name string) (Client, Alert, Complaint) {
	t.Helper()
	ctx := context.Background()
	c := newTestClient(t, d, name, StatusActive)
	a, err := d.LogAlert(ctx, Alert{ClientID: c.ID, Kind: AlertComplaint, Severity: SeveritySerious,
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

func TestStartComplaintConductedByLetterhead(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c := mustClient(t, d, "Jörg Müller")
	k, _ := d.StartComplaint(ctx, c.ID, 0)
	if k.ConductedBy != "" {
		t.Errorf("conducted by %q without a letterhead", k.ConductedBy)
	}
	if err := d.SaveLetterhead(ctx, Letterhead{Name: "Anna Berger ", Business: "Berger Consulting", Paper: "A4"}); err != nil {
		t.Fatal(err)
	}
	k, _ = d.StartComplaint(ctx, c.ID, 0)
	if k.ConductedBy != "Anna Berger" {
		t.Errorf("conducted by %q", k.ConductedBy)
	}
}

// The client answering a restatement is the conversation: a call back promised when the
// alert was logged, or when the interview was paused, is kept then, on time.
func TestAnsweringKeepsTheCallBack(t *testing.T) {
	d := openTest(t)
	ctx := context.Background()
	c := newTestClient(t, d, "Jörg Müller", StatusActive)
	a, err := d.LogAlert(ctx, Alert{ClientID: c.ID, Kind: AlertComplaint, Severity: SeverityCritical,
		Received: d.Now().Add(-time.Hour)}, AlertOptions{CallBackBy: d.Now().Add(2 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	other, err := d.LogAlert(ctx, Alert{ClientID: c.ID, Kind: AlertComplaint, Severity: SeverityMinor,
		Received: d.Now().Add(-time.Hour)}, AlertOptions{CallBackBy: d.Now().Add(3 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	k, err := d.StartComplaint(ctx, c.ID, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	open := func() map[string]bool {
		t.Helper()
		rows, err := d.sql.QueryContext(ctx, `SELECT what, coalesce(alert_id, 0) FROM followups WHERE purpose='callback' AND done_at=''`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]bool{}
		for rows.Next() {
			var what string
			var alert int64
			if err := rows.Scan(&what, &alert); err != nil {
				t.Fatal(err)
			}
			out[fmt.Sprintf("%s/%d", what, alert)] = true
		}
		return out
	}
	if n := len(open()); n != 2 {
		t.Fatalf("%d call backs open before the interview", n)
	}
	r, _ := d.DraftRound(ctx, k.ID, RoundDraft{Text: "So the invoice was wrong."})
	if _, err := d.AnswerRound(ctx, r.ID, AnswerPartly, "And nobody answered my email."); err != nil {
		t.Fatal(err)
	}
	if o := open(); len(o) != 1 || !o[fmt.Sprintf("Call back about the complaint/%d", other.ID)] {
		t.Fatalf("after the client answered, open call backs: %v", o)
	}
	due := d.Now().Add(24 * time.Hour)
	if _, err := d.PauseInterview(ctx, k.ID, due, ""); err != nil {
		t.Fatal(err)
	}
	if len(open()) != 2 {
		t.Fatal("the pause promised no call back")
	}
	r2, _ := d.DraftRound(ctx, k.ID, RoundDraft{Text: "So the invoice was wrong and your email went unanswered."})
	if _, err := d.AnswerRound(ctx, r2.ID, AnswerConfirmed, ""); err != nil {
		t.Fatal(err)
	}
	file, _ := d.InterviewFile(ctx, k.ID)
	if _, ok := file.PendingCallBack(); ok || len(open()) != 1 {
		t.Fatalf("the call back after the pause is still open: %v", open())
	}
	tally, err := d.PromiseTally(ctx, c.ID, d.Now())
	if err != nil {
		t.Fatal(err)
	}
	if tally.OnTime != 2 || tally.Late != 0 || tally.Overdue != 0 {
		t.Fatalf("promises: %+v, want both call backs kept on time", tally)
	}
}
