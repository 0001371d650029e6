package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// openUI builds the main window on the store at path, as main.go does.
func openUI(t *testing.T, path string) (*UI, *data.DB) {
	t.Helper()
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	u := New(test.NewTempApp(t), store, Info{Version: "test"})
	u.win.Resize(fyne.NewSize(1200, 760))
	t.Cleanup(u.run.stop) // before the store closes: no timer of this test outlives it
	return u, store
}

// visibleButton finds a visible button by its text anywhere in o (rows of lists included).
func visibleButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// findEntry finds an entry by its placeholder in o.
func findEntry(t *testing.T, o fyne.CanvasObject, placeholder string) *widget.Entry {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if e, ok := x.(*widget.Entry); ok && e.PlaceHolder == placeholder {
			return e
		}
	}
	t.Fatalf("no entry %q", placeholder)
	return nil
}

func topOverlay(t *testing.T, u *UI) fyne.CanvasObject {
	t.Helper()
	o := u.win.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no dialog open")
	}
	return o
}

func TestInterviewFromAlertToAgreedRemedy(t *testing.T) {
	u, store := openUI(t, filepath.Join(t.TempDir(), "amends.db"))
	ctx := context.Background()
	c, err := store.CreateClient(ctx, data.Client{Name: "Jörg Müller", Company: "Müller Logistik"})
	if err != nil {
		t.Fatal(err)
	}

	// Log the alert with the quick form: search the client, pick, note, log.
	f := newAlertForm(u.deps, 0)
	test.Type(f.search, "Müll")
	if len(f.matches) != 1 {
		t.Fatalf("search found %d clients", len(f.matches))
	}
	f.results.Select(0)
	f.kind.SetSelected(data.AlertComplaint.Label())
	f.severity.SetSelected(data.SeverityCritical.Label())
	f.channel.SetText("Phone")
	test.Type(f.note, "Report late, Köln figures missing")
	a, err := f.submit()
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := store.Client(ctx, c.ID); got.Status != data.StatusAtRisk {
		t.Errorf("client status %s after alert", got.Status)
	}
	if u.badges[u.sectionIndex(sectionAlerts)] != 1 {
		t.Errorf("alert badge = %v", u.badges)
	}

	// Start the interview with one click from the Red alerts list.
	u.showSection(u.sectionIndex(sectionAlerts))
	test.Tap(visibleButton(t, u.alerts.view, "Start interview"))
	iv := u.interviews.wizard
	if iv.f.Complaint.AlertID != a.ID || iv.step != data.StepSetup {
		t.Fatalf("wizard at %v for %+v", iv.step, iv.f.Complaint)
	}
	iv.how.SetSelected(data.HowVideo.Label())
	test.Type(iv.conductedBy, "Me")
	test.Tap(iv.next)
	if iv.step != data.StepListen {
		t.Fatalf("step %v after Next", iv.step)
	}
	test.Type(iv.account, "Der Bericht kam zwei Wochen zu spät.")
	test.Type(iv.feeling, "blamiert vor dem Vorstand")
	test.Tap(iv.next)
	if iv.step != data.StepRestate {
		t.Fatalf("step %v", iv.step)
	}
	// What the client said stays in view while the restatement is written.
	if !iv.heardCard.Visible() || iv.heard.Text != "Der Bericht kam zwei Wochen zu spät.\nHow they feel: blamiert vor dem Vorstand" {
		t.Fatalf("heard card shown %v: %q", iv.heardCard.Visible(), iv.heard.Text)
	}

	// Next is blocked until the client confirms, and so are the later steps in the list.
	if !iv.next.Disabled() {
		t.Fatal("Next enabled before the restatement is confirmed")
	}
	test.Tap(iv.next)
	iv.steps.Select(int(data.StepAgree))
	if iv.step != data.StepRestate {
		t.Fatalf("left Restate before confirmation: %v", iv.step)
	}
	if !iv.confirmed.Disabled() {
		t.Error("Confirmed enabled with nothing restated")
	}

	// Round 1: partly right, with the client's correction.
	test.Type(iv.draft, "So what I'm hearing is that the report was late.")
	test.Tap(iv.partly) // without a correction: refused, nothing lost
	if rs, _ := store.Rounds(ctx, iv.f.Complaint.ID); len(rs) > 1 || (len(rs) == 1 && rs[0].Answered()) {
		t.Fatalf("partly right without correction: %+v", rs)
	}
	test.Type(iv.correction, "Late, and the Köln figures were missing.")
	test.Tap(iv.partly)
	rs, _ := store.Rounds(ctx, iv.f.Complaint.ID)
	if len(rs) != 1 || rs[0].Answer != data.AnswerPartly || rs[0].Correction != "Late, and the Köln figures were missing." {
		t.Fatalf("round 1: %+v", rs)
	}
	if !iv.next.Disabled() {
		t.Fatal("Next enabled after partly right")
	}
	if iv.draft.Text != rs[0].Text || iv.correction.Text != "" {
		t.Errorf("round 2 should start from round 1's words: %q / %q", iv.draft.Text, iv.correction.Text)
	}

	// Round 2: revised and confirmed.
	iv.draft.SetText("")
	test.Type(iv.draft, "So the report was late and the Köln figures were missing.")
	test.Tap(iv.confirmed)
	rs, _ = store.Rounds(ctx, iv.f.Complaint.ID)
	if len(rs) != 2 || rs[1].Answer != data.AnswerConfirmed || rs[1].Text != "So the report was late and the Köln figures were missing." {
		t.Fatalf("rounds: %+v", rs)
	}
	if iv.next.Disabled() || iv.draftBox.Visible() || iv.heardCard.Visible() {
		t.Fatal("after confirmation Next should be enabled and the draft and notes gone")
	}
	if !strings.Contains(test.RenderObjectToMarkup(iv.recordBox), "Köln figures were missing") {
		t.Error("complaint of record not shown")
	}

	// Acknowledge: one error, typed.
	test.Tap(iv.next)
	test.Tap(iv.addError)
	if len(iv.errorEntries) != 1 {
		t.Fatalf("%d error entries", len(iv.errorEntries))
	}
	test.Type(iv.errorEntries[0], "The report was two weeks late")
	test.Tap(iv.next) // leaving the step writes what was typed
	if iv.step != data.StepAsk {
		t.Fatalf("step %v", iv.step)
	}
	if es, _ := store.AckErrors(ctx, iv.f.Complaint.ID); len(es) != 1 || es[0].Text != "The report was two weeks late" {
		t.Fatalf("errors %+v", es)
	}
	test.Type(iv.clientFix, "Send the figures and reduce the invoice")
	test.Tap(iv.next)

	// Agree: a remedy through its dialog, then a commitment.
	test.Tap(iv.addRemedy)
	dlg := topOverlay(t, u)
	for _, x := range test.LaidOutObjects(dlg) {
		if s, ok := x.(*widget.Select); ok {
			s.SetSelected(data.RemedyDiscountPercent.Label())
		}
		if c, ok := x.(*widget.Check); ok {
			c.SetChecked(true)
		}
	}
	test.Type(findEntry(t, dlg, "e.g. 15 (percent)"), "15")
	test.Tap(visibleButton(t, dlg, "Save"))
	rems, _ := store.Remedies(ctx, iv.f.Complaint.ID)
	if len(rems) != 1 || rems[0].Kind != data.RemedyDiscountPercent || rems[0].Value != 15 || !rems[0].Accepted {
		t.Fatalf("remedies %+v", rems)
	}
	test.Tap(iv.addCommitment)
	dlg = topOverlay(t, u)
	test.Type(findEntry(t, dlg, "e.g. Email the revised report"), "Email the Köln figures")
	clock := findEntry(t, dlg, "16:00")
	clock.SetText("16:00")
	test.Tap(visibleButton(t, dlg, "Save"))
	ms, _ := store.Commitments(ctx, iv.f.Complaint.ID)
	if len(ms) != 1 || ms[0].What != "Email the Köln figures" || ms[0].Due.Local().Format("15:04") != "16:00" || ms[0].FollowUpID == 0 {
		t.Fatalf("commitments %+v", ms)
	}
	if !iv.f.Done(data.StepAgree) {
		t.Error("Agree not marked done")
	}

	// Outcome: resolved and retained resolves the alert.
	iv.goTo(data.StepOutcome)
	setOutcome(t, u, iv, data.OutcomeRetained)
	if got, _ := store.Alert(ctx, a.ID); got.Open() {
		t.Error("alert still open after the outcome was set")
	}
	if got, _ := store.Client(ctx, c.ID); got.Status != data.StatusActive {
		t.Errorf("client status %s after retained", got.Status)
	}
	u.refreshBadges()
	if u.badges[u.sectionIndex(sectionAlerts)] != 0 {
		t.Errorf("badge after resolve %v", u.badges)
	}
	k, _ := store.Complaint(ctx, iv.f.Complaint.ID)
	if k.How != data.HowVideo || k.ConductedBy != "Me" || k.Account != "Der Bericht kam zwei Wochen zu spät." ||
		k.ClientFix != "Send the figures and reduce the invoice" {
		t.Errorf("interview fields %+v", k)
	}
}

// setOutcome chooses an outcome in the wizard and confirms it, as the user does.
func setOutcome(t *testing.T, u *UI, iv *interviewScreen, o data.Outcome) {
	t.Helper()
	iv.outcome.SetSelected(o.Label())
	test.Tap(visibleButton(t, topOverlay(t, u), "Set the outcome"))
}

func TestEndAsNotConfirmedShowsOnLaterSteps(t *testing.T) {
	u, store := openUI(t, filepath.Join(t.TempDir(), "amends.db"))
	ctx := context.Background()
	c, _ := store.CreateClient(ctx, data.Client{Name: "Ann"})
	u.onStartInterview(c.ID)
	iv := u.interviews.wizard
	iv.goTo(data.StepRestate)
	test.Type(iv.draft, "So you feel overcharged")
	test.Type(iv.correction, "No.")
	test.Tap(iv.notRight)
	test.Tap(iv.endNotConf)
	dlg := topOverlay(t, u)
	test.Type(findEntry(t, dlg, "e.g. The client would not agree to any summary and ended the call"), "Client hung up")
	test.Tap(visibleButton(t, dlg, "End as not confirmed"))
	k, _ := store.Complaint(ctx, iv.f.Complaint.ID)
	if k.RestateState != data.RestateNotConfirmed || k.RestateReason != "Client hung up" {
		t.Fatalf("complaint %+v", k)
	}
	if iv.next.Disabled() {
		t.Fatal("Next blocked after ending as not confirmed")
	}
	test.Tap(iv.next)
	if !iv.banner.Visible() || !strings.Contains(iv.banner.Text, "Client hung up") {
		t.Errorf("later step does not show the not-confirmed state: %q", iv.banner.Text)
	}
	if !strings.Contains(iv.stateTag.Text, "not confirmed") {
		t.Errorf("state tag %q", iv.stateTag.Text)
	}
}

func TestClosingMidStepKeepsWhatWasTyped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "amends.db")
	u, store := openUI(t, path)
	ctx := context.Background()
	c, _ := store.CreateClient(ctx, data.Client{Name: "Łukasz Nowak"})
	u.onStartInterview(c.ID)
	iv := u.interviews.wizard
	id := iv.f.Complaint.ID
	iv.save.delay = time.Hour // nothing written by the timer: only closing can save it
	iv.goTo(data.StepListen)
	test.Type(iv.account, "Zażółć gęślą jaźń: the invoice was wrong twice")
	iv.goTo(data.StepRestate)
	test.Type(iv.draft, "So what I'm hearing is the invoice was wrong")
	if k, _ := store.Complaint(ctx, id); k.Account != "Zażółć gęślą jaźń: the invoice was wrong twice" {
		t.Fatalf("leaving Listen did not save: %q", k.Account)
	}
	if rs, _ := store.Rounds(ctx, id); len(rs) != 0 {
		t.Fatalf("written before close: %+v", rs)
	}
	// The window's close button runs guard(Close), which writes what is pending.
	u.guard(u.win.Close)
	store.Close()

	u2, _ := openUI(t, path)
	u2.showInterview(id)
	iv2 := u2.interviews.wizard
	if iv2.account.Text != "Zażółć gęślą jaźń: the invoice was wrong twice" {
		t.Errorf("account after reopen: %q", iv2.account.Text)
	}
	if iv2.step != data.StepRestate || iv2.draft.Text != "So what I'm hearing is the invoice was wrong" {
		t.Errorf("reopened at %v with draft %q", iv2.step, iv2.draft.Text)
	}
}

func TestTypingIsWrittenWithoutClosing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "amends.db")
	u, store := openUI(t, path)
	ctx := context.Background()
	c, _ := store.CreateClient(ctx, data.Client{Name: "Ann"})
	u.onStartInterview(c.ID)
	iv := u.interviews.wizard
	iv.save.delay = 20 * time.Millisecond
	// The test driver runs fyne.Do at once on the timer's goroutine (the real one queues it on
	// the UI thread), so the "Saved" note would race with this test: leave it out here.
	iv.save.done = nil
	iv.goTo(data.StepListen)
	test.Type(iv.feeling, "let down")
	// As after a crash: another connection reads the file while the app still runs.
	other, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		k, err := other.Complaint(ctx, iv.f.Complaint.ID)
		if err == nil && k.Feeling == "let down" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("typing not written within the save delay: %q %v", k.Feeling, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestLogAlertFormNeedsAClient(t *testing.T) {
	u, store := openUI(t, filepath.Join(t.TempDir(), "amends.db"))
	f := newAlertForm(u.deps, 0)
	if _, err := f.submit(); err == nil {
		t.Fatal("logged an alert without a client")
	}
	if n, _ := store.CountOpenAlerts(context.Background()); n != 0 {
		t.Errorf("%d alerts", n)
	}
}

func TestCtrlShiftALogsAlertForOpenClient(t *testing.T) {
	u, store := openUI(t, filepath.Join(t.TempDir(), "amends.db"))
	c, _ := store.CreateClient(context.Background(), data.Client{Name: "Søren Ørsted"})
	u.client.open(c.ID)
	pressMenuShortcut(t, u, &desktop.CustomShortcut{KeyName: fyne.KeyA, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	dlg := topOverlay(t, u)
	if !strings.Contains(test.RenderObjectToMarkup(dlg), "Søren Ørsted") {
		t.Fatal("the open client is not preselected")
	}
	test.Tap(visibleButton(t, dlg, "Log alert"))
	if as, _ := store.ClientAlerts(context.Background(), c.ID); len(as) != 1 || as[0].Severity != data.SeveritySerious {
		t.Fatalf("alerts %+v", as)
	}
	// The client file's tab lists it.
	if got := u.client.tabs.label(2); got != "Alerts (1)" {
		t.Errorf("tab title %q", got)
	}
}

func TestSummaryPDFFromTheWizard(t *testing.T) {
	u, store := openUI(t, filepath.Join(t.TempDir(), "amends.db"))
	ctx := context.Background()
	c, _ := store.CreateClient(ctx, data.Client{Name: "Zoë Dubois"})
	u.onStartInterview(c.ID)
	iv := u.interviews.wizard
	iv.goTo(data.StepRestate)
	test.Type(iv.draft, "So the invoice was wrong twice")
	test.Tap(iv.confirmed)
	path := filepath.Join(t.TempDir(), iv.summaryName())
	if err := iv.writeSummary(path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("summary file: %v", err)
	}
	if !strings.Contains(iv.summaryName(), "Zoë Dubois") {
		t.Errorf("file name %q", iv.summaryName())
	}
}

// The Interviews list gives what the client said, not the consultant's lead-in to it.
func TestComplaintGistLeavesOutTheLeadIn(t *testing.T) {
	k := data.Complaint{Record: "So what I'm hearing is that the report came\ntwo weeks late. Did I get that right?"}
	if got, want := complaintGist(k), "The report came two weeks late."; got != want {
		t.Errorf("complaintGist = %q, want %q", got, want)
	}
}
