package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// In the running app the client list, search and badges ask the store off the UI
// thread; these tests run that path and wait for the answers to be shown.
func newAsyncUI(t *testing.T) (*UI, *data.DB) {
	t.Helper()
	ui := make(chan func(), 100) // the UI thread's queue, run by the test goroutine
	u, store := newTestUIWith(t, Info{Version: "test", post: func(f func()) { ui <- f }}, func(store *data.DB) {
		for i := 0; i < 250; i++ {
			mustCreate(t, store, data.Client{Name: fmt.Sprintf("Client %03d", i), Status: data.StatusActive})
		}
		mustCreate(t, store, data.Client{Name: "Zoë Ørsted", Status: data.StatusAtRisk})
	})
	uiQueue[u] = ui
	t.Cleanup(func() { delete(uiQueue, u) })
	return u, store
}

var uiQueue = map[*UI]chan func(){}

// settle runs what the UI thread was handed so far, and what that hands on, until
// nothing is left: the notices of writes a test made, with the reloads they start.
func settle(t *testing.T, u *UI) {
	t.Helper()
	for {
		select {
		case f := <-uiQueue[u]:
			f()
		case <-time.After(200 * time.Millisecond):
			return
		}
	}
}

// answered runs what the UI thread is handed until done closes.
func answered(t *testing.T, u *UI, done <-chan struct{}) {
	t.Helper()
	for {
		select {
		case <-done:
			return
		case f := <-uiQueue[u]:
			f()
		case <-time.After(10 * time.Second):
			t.Fatal("the answer never came")
		}
	}
}

func TestSearchAnswersOffTheUIThread(t *testing.T) {
	u, _ := newAsyncUI(t)
	s := u.clients
	answered(t, u, u.refreshBadges()) // New counted too: let that answer come first
	if s.count.Text != "251 clients" {
		t.Fatalf("first frame count %q, want the list there at once", s.count.Text)
	}
	// Two queries typed quickly: only the answer to the newer one is shown.
	s.query = "client"
	older := s.reload()
	s.query = "zoe"
	if s.count.Text != "251 clients" {
		t.Fatalf("the list changed before the answer came: %q", s.count.Text)
	}
	answered(t, u, s.reload())
	answered(t, u, older)
	if s.count.Text != "1 match" || len(s.results) != 1 || s.results[0].Name != "Zoë Ørsted" {
		t.Fatalf("count %q, results %v", s.count.Text, s.results)
	}
}

func TestListPagesLoadOffTheUIThread(t *testing.T) {
	u, _ := newAsyncUI(t)
	s := u.clients
	if _, ok := s.at(2*pageSize + 10); ok {
		t.Fatal("a page not loaded yet was answered on the UI thread")
	}
	if _, ok := s.rows.pending[2]; !ok {
		t.Fatal("page 2 not asked for")
	}
	answered(t, u, s.rows.loadPage(2)) // asked for again: answers the same channel's page
	c, ok := s.at(2*pageSize + 10)
	if !ok || c.Name != "Client 210" {
		t.Fatalf("row 210 shows %q (%v)", c.Name, ok)
	}
}

func TestBadgesCountedOffTheUIThread(t *testing.T) {
	u, store := newAsyncUI(t)
	c := mustCreate(t, store, data.Client{Name: "Ana Ruiz", Status: data.StatusActive})
	if _, err := store.LogAlert(context.Background(), data.Alert{ClientID: c.ID, Kind: data.AlertComplaint,
		Received: time.Now(), Severity: data.SeveritySerious, Note: "invoice wrong"}, data.AlertOptions{}); err != nil {
		t.Fatal(err)
	}
	settle(t, u)
	counted := false
	u.whenBadgesCounted(func() { counted = true })
	answered(t, u, u.refreshBadges())
	if got := u.badges[u.sectionIndex(sectionAlerts)]; got != 1 || !counted {
		t.Fatalf("alerts badge %d, counted %v", got, counted)
	}
}

// A badge that cannot be counted is shown as an error once, not hidden as "0" and not
// repeated on every click.
func TestBadgeCountFailureIsShownOnce(t *testing.T) {
	u, store := newTestUI(t)
	overlays := len(u.win.Canvas().Overlays().List())
	store.Close()
	u.refreshBadges()
	if n := len(u.win.Canvas().Overlays().List()); n != overlays+1 || !u.badgeFailed {
		t.Fatalf("after a failed count: %d dialogs (had %d), failed %v", n, overlays, u.badgeFailed)
	}
	u.refreshBadges()
	if n := len(u.win.Canvas().Overlays().List()); n != overlays+1 {
		t.Fatalf("the failure was told again: %d dialogs", n)
	}
}

// Reports and Lost clients work out their figures off the UI thread; what was shown
// stays until the newest answer comes.
func TestReportsAndLostOffTheUIThread(t *testing.T) {
	u, store := newAsyncUI(t)
	fillDemo(t, store, 60)
	settle(t, u)
	u.showSection(u.sectionIndex("Reports"))
	r := u.reports
	if len(r.body.Objects) != 1 || r.body.Objects[0].(*widget.Label).Text != "Working out the figures…" || !r.refresh.Disabled() {
		t.Fatalf("before the figures came: %d objects, refresh disabled %v", len(r.body.Objects), r.refresh.Disabled())
	}
	older := r.reload()
	answered(t, u, r.reload())
	answered(t, u, older)
	if len(r.body.Objects) < 5 || r.refresh.Disabled() || len(r.last.Years) == 0 {
		t.Fatalf("report not shown: %d objects", len(r.body.Objects))
	}

	u.showSection(u.sectionIndex("Lost clients"))
	l := u.lost
	if len(l.rows) != 0 {
		t.Fatal("the lost clients were read on the UI thread")
	}
	answered(t, u, l.reload())
	lost, err := store.LostClients(context.Background())
	if err != nil || len(lost) == 0 || len(l.rows) != len(lost) || l.cur != "EUR" || len(l.patterns.Objects) == 0 {
		t.Fatalf("shown %d lost clients of %d (%v), currency %q, %d pattern parts", len(l.rows), len(lost), err, l.cur, len(l.patterns.Objects))
	}
}

func TestAskForFeedbackAndFollowUpsOffTheUIThread(t *testing.T) {
	u, store := newAsyncUI(t)
	c := mustCreate(t, store, data.Client{Name: "Ana Ruiz", Status: data.StatusActive})
	if _, err := store.AddFollowUp(context.Background(), data.FollowUp{ClientID: c.ID, What: "Call back",
		Due: time.Now().Add(-time.Hour), Channel: "phone"}); err != nil {
		t.Fatal(err)
	}
	settle(t, u)
	u.showSection(u.sectionIndex("Ask for feedback"))
	a := u.askFb
	if a.total != 0 || a.count.Text != "Counting…" {
		t.Fatalf("counted on the UI thread: %d %q", a.total, a.count.Text)
	}
	answered(t, u, a.reload())
	if a.total != 252 || a.count.Text != "252 clients to ask" {
		t.Fatalf("count %d %q", a.total, a.count.Text)
	}
	if _, ok := a.at(150); ok {
		t.Fatal("page 1 read on the UI thread")
	}
	answered(t, u, a.rows.loadPage(1))
	if r, ok := a.at(150); !ok || r.Client.Name == "" {
		t.Fatalf("row 150: %+v %v", r, ok)
	}

	u.showSection(u.sectionIndex("Follow-ups"))
	f := u.followups
	if len(f.rows) != 0 {
		t.Fatal("follow-ups read on the UI thread")
	}
	answered(t, u, f.reload())
	if got := headings(f); !strings.HasPrefix(got, "Overdue (1)") || f.overdue != 1 || !f.banner.Visible() {
		t.Fatalf("groups %q, overdue %d", got, f.overdue)
	}
}

// In the running app the store's notice of an interview save comes back while the user
// types on: it must not put the older text back into the entries being typed, nor
// make the next save trip over its own earlier one.
func TestInterviewSaveComingBackKeepsTyping(t *testing.T) {
	u, store := newAsyncUI(t)
	ctx := context.Background()
	c := mustCreate(t, store, data.Client{Name: "Ana Ruiz", Status: data.StatusActive})
	k, err := store.StartComplaint(ctx, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	settle(t, u)
	u.showInterview(k.ID)
	settle(t, u)
	iv := u.interviews.wizard
	iv.goTo(data.StepListen)
	iv.account.SetText("The report")
	iv.flush() // written; its notice waits in the UI queue
	iv.account.SetText("The report came two weeks late")
	iv.goTo(data.StepRestate)
	iv.draft.SetText("So the report")
	iv.flush()
	iv.draft.SetText("So the report was two weeks late")
	settle(t, u) // the notices come back, the interview is read again and shown
	if iv.account.Text != "The report came two weeks late" || iv.draft.Text != "So the report was two weeks late" {
		t.Fatalf("typing lost: account %q, restatement %q", iv.account.Text, iv.draft.Text)
	}
	iv.flush()
	settle(t, u)
	if iv.seen.conflict != nil {
		t.Fatal("the interview's own earlier save was taken for a change made elsewhere")
	}
	got, _ := store.Complaint(ctx, k.ID)
	rs, _ := store.Rounds(ctx, k.ID)
	if got.Account != "The report came two weeks late" || len(rs) != 1 || rs[0].Text != "So the report was two weeks late" {
		t.Fatalf("stored account %q, rounds %+v", got.Account, rs)
	}
}

// A read made off the UI thread that comes back after a newer save does not take the
// place of what the writer knows is stored: the next save would take its own earlier
// one for a change made elsewhere.
func TestStoredInterviewKeepsTheNewestSave(t *testing.T) {
	s := &interviewScreen{}
	s.setStored(data.Complaint{ID: 7, Version: 3, Account: "newer"})
	s.setStored(data.Complaint{ID: 7, Version: 2, Account: "older read"})
	if got := s.getStored(); got.Account != "newer" {
		t.Fatalf("stored %q", got.Account)
	}
	s.setStored(data.Complaint{ID: 8, Version: 0, Account: "another interview"})
	if got := s.getStored(); got.ID != 8 {
		t.Fatalf("opening another interview kept %d", got.ID)
	}
}

// Opening an interview reads it (and where the user left it, the client's language, the
// letterhead, the root causes) off the UI thread: the wizard shows nothing of it until
// the answer is handed back, and of two opens in quick succession the newer one is shown.
func TestOpeningAnInterviewReadsOffTheUIThread(t *testing.T) {
	u, store := newAsyncUI(t)
	ctx := context.Background()
	ana := mustCreate(t, store, data.Client{Name: "Ana Ruiz", Status: data.StatusActive})
	ben := mustCreate(t, store, data.Client{Name: "Ben Okafor", Status: data.StatusActive})
	k1, err := store.StartComplaint(ctx, ana.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := store.StartComplaint(ctx, ben.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	settle(t, u)
	u.showInterview(k1.ID)
	iv := u.interviews.wizard
	if iv.f.Complaint.ID != 0 || u.interviews.wizardShown() {
		t.Fatalf("complaint %d shown before its read came back", iv.f.Complaint.ID)
	}
	u.showInterview(k2.ID)
	settle(t, u)
	if iv.f.Complaint.ID != k2.ID || !u.interviews.wizardShown() || !strings.Contains(iv.heading.Text, "Ben Okafor") {
		t.Fatalf("shown: complaint %d, heading %q, wizard shown %v", iv.f.Complaint.ID, iv.heading.Text, u.interviews.wizardShown())
	}
}

// Putting a past promise right in the letter editor reads the letter's source again off
// the UI thread; once it is back, the letter says the promise was kept and the check,
// run on the promises as they are now, no longer flags it.
func TestPromiseDoneInALetterReadsOffTheUIThread(t *testing.T) {
	u, store := newAsyncUI(t)
	ctx := context.Background()
	c, k := interviewedComplaint(t, store)
	now := time.Now()
	day := now.AddDate(0, 0, -3)
	due := time.Date(day.Year(), day.Month(), day.Day(), 11, 0, 0, 0, time.Local)
	call := letters.Commitment{What: "Call you to agree the new plan", Due: due, Channel: "Phone"}
	if _, err := store.AddCommitment(ctx, data.Commitment{ComplaintID: k.ID, What: call.What, Due: due, Channel: call.Channel}); err != nil {
		t.Fatal(err)
	}
	settle(t, u)
	u.openLetterEditor(letters.Apology, c.ID, k.ID)
	if u.seen.letter != nil {
		t.Fatal("the editor opened before the store was read, on the UI thread")
	}
	settle(t, u)
	e := u.seen.letter
	if e == nil {
		t.Fatal("editor did not open")
	}
	overdue := letters.PromiseLine("en", false, call, now)
	if !strings.Contains(e.body.Text, overdue) {
		t.Fatalf("the draft does not say the call is not done yet:\n%s", e.body.Text)
	}
	test.Tap(findButtonN(t, e.warnings, "It was done", 0))
	if !strings.Contains(e.body.Text, overdue) {
		t.Fatalf("the letter changed before the promises were read again:\n%s", e.body.Text)
	}
	settle(t, u)
	kept := call
	kept.Done = now
	if !strings.Contains(e.body.Text, letters.PromiseLine("en", false, kept, now)) || strings.Contains(e.body.Text, overdue) {
		t.Fatalf("the letter does not say the call was kept:\n%s\nstatus: %s", e.body.Text, e.status.Text)
	}
	if strings.Contains(labelsIn(e.warnings), "“"+call.What+"”") {
		t.Fatalf("the kept promise is still flagged:\n%s", labelsIn(e.warnings))
	}
}

// The exit interview is read off the UI thread when its button is pressed; once shown,
// what is typed is saved, and opening it again shows it.
func TestExitInterviewReadsOffTheUIThread(t *testing.T) {
	u, store := newAsyncUI(t)
	ctx := context.Background()
	c, k := interviewedComplaint(t, store)
	settle(t, u)
	u.showInterview(k.ID)
	settle(t, u)
	iv := u.interviews.wizard
	iv.onExitInterview()
	if iv.seen.exit != nil {
		t.Fatal("the exit interview was shown before its read came back")
	}
	settle(t, u)
	e := iv.seen.exit
	if e == nil || len(e.answers) == 0 {
		t.Fatal("the exit interview did not open")
	}
	e.answers[0].SetText("The reports came late twice")
	test.Tap(findButton(t, topOverlay(t, u), "Close")) // writes what is typed, then closes
	settle(t, u)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Close left the exit interview open")
	}
	rec, ok, err := store.ExitInterviewFor(ctx, c.ID, k.ID)
	if err != nil || !ok || len(rec.Answers) != 1 || rec.Answers[0].Answer != "The reports came late twice" {
		t.Fatalf("stored %+v %v %v", rec, ok, err)
	}
	iv.seen.exit = nil
	iv.onExitInterview()
	settle(t, u)
	if iv.seen.exit == nil || iv.seen.exit.answers[0].Text != "The reports came late twice" {
		t.Fatal("opening it again does not show what was typed")
	}
}
