package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// listRowStatus is the status label of the client list row that names name, as drawn.
func listRowStatus(t *testing.T, u *UI, name string) string {
	t.Helper()
	u.clients.list.Refresh()
	for _, o := range test.LaidOutObjects(u.clients.list) {
		row, ok := o.(*fyne.Container)
		if !ok || len(row.Objects) != 2 {
			continue
		}
		left, ok := row.Objects[0].(*fyne.Container) // the name, and where a search matched
		right, ok2 := row.Objects[1].(*fyne.Container)
		if !ok || !ok2 || len(left.Objects) != 2 || len(right.Objects) != 2 {
			continue
		}
		if n, ok := labelText(left.Objects[0]); !ok || !strings.HasPrefix(n, name) {
			continue
		}
		if st, ok := right.Objects[0].(*widget.Label); ok {
			return st.Text
		}
	}
	t.Fatalf("no list row for %q", name)
	return ""
}

func statusEntries(t *testing.T, store *data.DB, id int64) int {
	t.Helper()
	es, err := store.Timeline(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range es {
		if e.Kind == data.KindStatus {
			n++
		}
	}
	return n
}

// The fault of the issue: an interview resolved as retained set the client active in
// the store while the list, the header and the form still said At risk, and saving the
// form wrote At risk back.
func TestRetainedInterviewReachesEveryScreenAndIsNotWrittenBack(t *testing.T) {
	u, store := newTestUI(t)
	ctx := context.Background()
	c := mustCreate(t, store, data.Client{Name: "Aoife Byrne", Status: data.StatusActive})
	a, err := store.LogAlert(ctx, data.Alert{ClientID: c.ID, Kind: data.AlertComplaint, Received: store.Now(),
		Severity: data.SeveritySerious, Note: "report late"}, data.AlertOptions{MarkAtRisk: true})
	if err != nil {
		t.Fatal(err)
	}
	k, err := store.StartComplaint(ctx, c.ID, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	u.showClient(c.ID)
	if got := listRowStatus(t, u, "Aoife Byrne"); got != "At risk" || u.client.status.Selected != "At risk" {
		t.Fatalf("before: list %q, form %q", got, u.client.status.Selected)
	}

	// The interview ends: resolved and retained.
	u.showInterview(k.ID)
	iv := u.interviews.wizard
	iv.goTo(data.StepOutcome)
	setOutcome(t, u, iv, data.OutcomeRetained)
	if got, _ := store.Client(ctx, c.ID); got.Status != data.StatusActive {
		t.Fatalf("store says %s after the outcome", got.Status)
	}
	if u.seen.checkIns != nil {
		u.seen.checkIns.d.Hide() // "No thanks"
	}
	statusBefore := statusEntries(t, store, c.ID)

	// Back to the client file, with its button in the interview: no refresh by hand.
	test.Tap(iv.openClient)
	if got := listRowStatus(t, u, "Aoife Byrne"); got != "Active" {
		t.Errorf("the list row says %q", got)
	}
	if got := u.client.statusTag.Text; got != "Active" {
		t.Errorf("the file header says %q", got)
	}
	if got := u.client.status.Selected; got != "Active" {
		t.Errorf("the Details form says %q", got)
	}

	// Notes edited and saved: the status stays as the store has it.
	test.Type(u.client.notes, "prefers calls after 10")
	shortcut(t, u, fyne.KeyS)
	got, _ := store.Client(ctx, c.ID)
	if got.Status != data.StatusActive || got.Notes != "prefers calls after 10" {
		t.Fatalf("after saving the notes: status %s, notes %q", got.Status, got.Notes)
	}
	if n := statusEntries(t, store, c.ID); n != statusBefore {
		t.Fatalf("%d status entries in the timeline, want %d: the save wrote a status back", n, statusBefore)
	}
}

func TestChangeUnderneathKeepsBoth(t *testing.T) {
	u, store := newTestUI(t)
	ctx := context.Background()
	c := mustCreate(t, store, data.Client{Name: "Bernd Vogel", Phone: "+49 30 1234567"})
	u.showClient(c.ID)
	test.Type(u.client.notes, "met at the fair")

	// Someone else (an import, another screen) corrects the phone meanwhile.
	under, _ := store.Client(ctx, c.ID)
	under.Phone = "+49 30 7654321"
	if _, err := store.UpdateClient(ctx, under); err != nil {
		t.Fatal(err)
	}
	if u.client.phone.Text != "+49 30 7654321" || u.client.notes.Text != "met at the fair" {
		t.Fatalf("form shows phone %q notes %q", u.client.phone.Text, u.client.notes.Text)
	}
	if !u.client.onSave() {
		t.Fatal("save failed")
	}
	got, _ := store.Client(ctx, c.ID)
	if got.Phone != "+49 30 7654321" || got.Notes != "met at the fair" {
		t.Fatalf("saved phone %q notes %q: one of the two changes was lost", got.Phone, got.Notes)
	}
}

func TestSameFieldChangedOnBothSidesAsks(t *testing.T) {
	u, store := newTestUI(t)
	ctx := context.Background()
	c := mustCreate(t, store, data.Client{Name: "Chiara Rossi", Phone: "+39 06 1111111"})
	u.showClient(c.ID)
	u.client.phone.SetText("+39 06 2222222")
	test.Type(u.client.notes, "new notes")
	under, _ := store.Client(ctx, c.ID)
	under.Phone = "+39 06 3333333"
	if _, err := store.UpdateClient(ctx, under); err != nil {
		t.Fatal(err)
	}
	if u.client.phone.Text != "+39 06 2222222" {
		t.Fatalf("what the user typed was replaced: %q", u.client.phone.Text)
	}
	if u.client.onSave() {
		t.Fatal("saved over a change made meanwhile without asking")
	}
	cd := u.seen.conflict
	if cd == nil || cd.choices["phone"] == nil {
		t.Fatal("no question about the phone")
	}
	shownText := strings.Join(labelTexts(topOverlay(t, u)), "\n")
	if !strings.Contains(shownText, "“+39 06 2222222”") || !strings.Contains(shownText, "“+39 06 3333333”") {
		t.Fatalf("the dialog does not show both values:\n%s", shownText)
	}
	if got, _ := store.Client(ctx, c.ID); got.Notes != "" || got.Phone != "+39 06 3333333" {
		t.Fatalf("written before the user chose: %+v", got)
	}
	cd.choices["phone"].SetSelected(takeTheirs)
	test.Tap(cd.ok)
	got, _ := store.Client(ctx, c.ID)
	if got.Phone != "+39 06 3333333" || got.Notes != "new notes" || u.client.phone.Text != "+39 06 3333333" {
		t.Fatalf("after choosing theirs: stored %q %q, form %q", got.Phone, got.Notes, u.client.phone.Text)
	}
	if u.client.dirty() {
		t.Fatal("the form still has unsaved changes")
	}
}

// labelTexts lists the texts of the labels in o.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, x := range test.LaidOutObjects(o) {
		if s, ok := labelText(x); ok {
			out = append(out, s)
		}
	}
	return out
}

func TestAskForFeedbackKeepsTheRowsInPlace(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	u := newClockUI(t, now, func(d *data.DB) {
		for _, n := range []string{"Anna", "Bert", "Carla", "Dev", "Emil"} {
			addTestClient(t, d, n)
		}
	})
	u.showSection(u.sectionIndex("Ask for feedback"))
	s := u.askFb
	before := make([]string, s.total)
	for i := range before {
		r, ok := s.at(i)
		if !ok {
			t.Fatalf("row %d not loaded", i)
		}
		before[i] = r.Client.Name
	}
	u.store.Now = func() time.Time { return now.Add(time.Minute) } // the user reads, then asks
	s.list.Resize(fyne.NewSize(800, 400))
	s.list.Refresh()
	row := 1
	test.Tap(visibleButtonInRow(t, s, row, "Asked…"))
	f := s.lastAsked
	if f == nil {
		t.Fatal("no dialog to record the request")
	}
	test.Tap(f.ok)
	if fb, _ := u.store.ClientFeedback(u.ctx, s.selected); len(fb) != 1 {
		t.Fatalf("the request was not recorded for the highlighted client: %d", len(fb))
	}
	for i, name := range before {
		r, ok := s.at(i)
		if !ok || r.Client.Name != name {
			t.Fatalf("row %d shows %q, was %q: the list moved under the pointer", i, r.Client.Name, name)
		}
	}
	if asked, _ := s.at(row); asked.AskedSince.IsZero() || s.ids[row] != s.selected || s.selected != asked.Client.ID {
		t.Fatalf("row %d: asked %v, highlighted client %d", row, asked.AskedSince, s.selected)
	}
	// Shown again later, the list is as it stands then: the asked client has gone.
	u.showSection(u.sectionIndex("Clients"))
	u.showSection(u.sectionIndex("Ask for feedback"))
	if s.total != len(before)-1 {
		t.Fatalf("%d to ask after coming back, want %d", s.total, len(before)-1)
	}
}

// visibleButtonInRow finds the button labelled text in the drawn row i of the list.
func visibleButtonInRow(t *testing.T, s *askFeedbackScreen, i int, text string) *widget.Button {
	t.Helper()
	want, _ := s.at(i)
	for _, o := range test.LaidOutObjects(s.list) {
		r, ok := o.(*askRow)
		if !ok || !strings.HasPrefix(r.name.Text, want.Client.Name+" ") {
			continue
		}
		if r.asked.Text == text {
			return r.asked
		}
	}
	t.Fatalf("no %q button in row %d", text, i)
	return nil
}

func TestSetupBannerGoesWhenTheLetterheadIsSaved(t *testing.T) {
	u, _ := newTestUI(t)
	u.startSetup()
	if len(u.banner.Objects) == 0 {
		t.Fatal("no setup banner")
	}
	lh := u.settings.letterhead
	test.Type(lh.name, "Dana Kim")
	lh.onSave()
	if len(u.banner.Objects) == 0 {
		t.Fatal("the banner went before the letterhead has an address")
	}
	test.Type(lh.address, "12 Harbour Street\nBristol BS1 4RN")
	lh.onSave()
	if len(u.banner.Objects) != 0 {
		t.Fatal("\"Set up your letterhead\" is still shown after the letterhead was saved")
	}
}

// fakeShell is the window around a screen built alone.
type fakeShell struct {
	clients, interviews []int64
	errors              []string
}

func (f *fakeShell) showClient(id int64)           { f.clients = append(f.clients, id) }
func (f *fakeShell) showInterview(id int64)        { f.interviews = append(f.interviews, id) }
func (f *fakeShell) guard(proceed func())          { proceed() }
func (f *fakeShell) showError(a string, err error) { f.errors = append(f.errors, a+": "+err.Error()) }

// A screen is built and tested alone: the store, a runner and a fake shell are all it
// needs, and it follows the store's notices by itself.
func TestScreenBuiltAlone(t *testing.T) {
	u, store := newTestUI(t) // only for a store and a window
	sh := &fakeShell{}
	d := deps{store: store, ctx: context.Background(), run: &runner{}, app: u.app, win: u.win, shell: sh,
		jobs: &jobs{}, print: &printer{}, seen: &seen{}}
	s := newFollowUpsScreen(d)
	t.Cleanup(store.Subscribe(s.changed))
	c := mustCreate(t, store, data.Client{Name: "Eva Lindqvist"})
	if _, err := store.AddFollowUp(context.Background(), data.FollowUp{ClientID: c.ID, What: "Send the revised plan",
		Due: store.Now().Add(-time.Hour), Channel: "email"}); err != nil {
		t.Fatal(err)
	}
	if s.overdue != 1 || !strings.HasPrefix(headings(s), "Overdue (1)") {
		t.Fatalf("the screen did not follow the store: %d overdue, %q", s.overdue, headings(s))
	}
	s.list.Resize(fyne.NewSize(900, 400))
	for _, o := range test.LaidOutObjects(s.list) {
		if v, ok := o.(*followUpRowView); ok && v.item.Visible() {
			v.onOpen()
		}
	}
	if len(sh.clients) != 1 || sh.clients[0] != c.ID || len(sh.errors) != 0 {
		t.Fatalf("asked the shell for clients %v, errors %v", sh.clients, sh.errors)
	}
}
