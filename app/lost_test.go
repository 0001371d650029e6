package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/amends/amends/data"
)

func keepCut(u *UI) *keepCutPart {
	for _, p := range u.client.parts {
		if k, ok := p.(*keepCutPart); ok {
			return k
		}
	}
	return nil
}

func TestMarkClientLost(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	var c data.Client
	u := newClockUI(t, now, func(d *data.DB) { c = addTestClient(t, d, "Łukasz Nowak") })
	u.client.open(c.ID)
	k := keepCut(u)
	if k == nil {
		t.Fatal("no Keep or cut tab")
	}
	if k.verdict.Text != "Recommendation: Recover" {
		t.Errorf("verdict %q", k.verdict.Text)
	}
	test.Tap(k.lost)
	l := k.lastLost
	if l == nil {
		t.Fatal("no lost dialog")
	}
	// 1 May 2021 to 23 Nov 2026, the day written as every date is.
	if want := "Client since " + currentFormats().date(data.NewDate(2021, 5, 1)) + ": 5 years 6 months"; l.tenure.Text != want {
		t.Errorf("tenure %q", l.tenure.Text)
	}
	if !l.ok.Disabled() {
		t.Fatal("can mark lost without a reason")
	}
	l.reason.SetSelected("missed deadline")
	test.Type(l.story, "The audit report came three weeks late.")
	if !l.exitBy.Disabled() {
		t.Fatal("exit interviewer asked without an exit interview")
	}
	test.Tap(l.exit)
	test.Type(l.exitBy, "Maria")
	test.Tap(l.mailing) // off: not on the mailing list
	test.Tap(l.ok)

	got, _ := u.store.Client(u.ctx, c.ID)
	if got.Status != data.StatusLost {
		t.Fatalf("status %s", got.Status)
	}
	ls, _ := u.store.Losses(u.ctx, c.ID)
	if len(ls) != 1 || ls[0].Reason != "missed deadline" || ls[0].Story != "The audit report came three weeks late." ||
		!ls[0].ExitInterview || ls[0].ExitBy != "Maria" || ls[0].KeepMailing || ls[0].IncomeLost != 2_400_000 {
		t.Fatalf("loss %+v", ls)
	}
	if u.client.statusTag.Text != "Lost" {
		t.Errorf("client file still shows %q", u.client.statusTag.Text)
	}
	if !k.lost.Disabled() || !k.letGo.Disabled() {
		t.Error("a lost client can be marked lost again")
	}
	// The Lost clients folder lists them with reason and tenure; won back takes them out.
	u.showSection(u.sectionIndex("Lost clients"))
	s := u.lost
	if len(s.rows) != 1 || s.rows[0].Loss.Reason != "missed deadline" || tenureText(s.rows[0]) != "5 years 6 months" {
		t.Fatalf("lost folder %+v", s.rows)
	}
	s.onSelect(0)
	// The win-back letter is one click from the folder (the client needs a postal address).
	withAddr, _ := u.store.Client(u.ctx, c.ID)
	withAddr.Address = data.Address{Lines: "ul. Długa 5", Postcode: "00-238", City: "Warszawa", Country: "Poland"}
	if _, err := u.store.UpdateClient(u.ctx, withAddr); err != nil {
		t.Fatal(err)
	}
	test.Tap(s.winBack)
	if !hasWindow(u, "Win-back letter to Łukasz Nowak") {
		t.Fatal("no win-back letter editor opened from the Lost clients folder")
	}
	s.markWonBack(c.ID, data.NewDate(2026, 11, 23))
	if len(s.rows) != 0 {
		t.Fatal("won-back client still in the folder")
	}
	if got, _ := u.store.Client(u.ctx, c.ID); got.Status != data.StatusWonBack {
		t.Fatalf("status after won back %s", got.Status)
	}
}

func TestStatusLostInFormAsksWhy(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	var c data.Client
	u := newClockUI(t, now, func(d *data.DB) { c = addTestClient(t, d, "Ana García") })
	for u.win.Canvas().Overlays().Top() != nil {
		u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
	}
	u.client.open(c.ID)
	u.client.status.SetSelected(data.StatusLost.Label())
	if !u.client.onSave() {
		t.Fatal("save failed")
	}
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog asking why the client was lost")
	}
	// Until the reason is recorded the folder says so.
	u.showSection(u.sectionIndex("Lost clients"))
	if len(u.lost.rows) != 1 || u.lost.rows[0].Loss.ID != 0 || u.lost.rows[0].Loss.Reason != "not recorded" {
		t.Fatalf("folder %+v", u.lost.rows)
	}
}

func TestLetGoNeedsConfirmation(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	var c data.Client
	u := newClockUI(t, now, func(d *data.DB) { c = addTestClient(t, d, "Bjørn Hansen") })
	u.client.open(c.ID)
	k := keepCut(u)
	test.Tap(k.letGo)
	if got, _ := u.store.Client(u.ctx, c.ID); got.Status != data.StatusActive {
		t.Fatalf("let go without confirmation: %s", got.Status)
	}
	// Confirming lets them go and then offers the closing letter.
	tapButton(t, u.win.Canvas().Overlays().Top(), "Let go")
	if got, _ := u.store.Client(u.ctx, c.ID); got.Status != data.StatusLetGo {
		t.Fatalf("status after confirming: %s", got.Status)
	}
	top := u.win.Canvas().Overlays().Top()
	if top == nil || findButton(t, top, "Yes") == nil {
		t.Fatal("no offer of a closing letter after letting go")
	}
}

// hasWindow reports whether a window with this title is open.
func hasWindow(u *UI, title string) bool {
	for _, w := range u.app.Driver().AllWindows() {
		if w.Title() == title {
			return true
		}
	}
	return false
}
