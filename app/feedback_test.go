package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/amends/amends/data"
)

func TestFeedbackAnswerLowScoreOffersAlert(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	var c data.Client
	u := newClockUI(t, now, func(d *data.DB) { c = addTestClient(t, d, "Søren Ørsted") })
	u.client.open(c.ID)
	var p *feedbackPart
	for _, part := range u.client.parts {
		if f, ok := part.(*feedbackPart); ok {
			p = f
		}
	}
	test.Tap(p.answer)
	f := p.lastForm
	f.satisfaction.SetSelected("2")
	f.recommend.SetSelected("5")
	test.Type(f.comment, "Reports are always late")
	overlays := len(u.win.Canvas().Overlays().List())
	test.Tap(f.ok)
	fb, _ := u.store.ClientFeedback(u.ctx, c.ID)
	if len(fb) != 1 || fb[0].Satisfaction != 2 || fb[0].Recommend != 5 || fb[0].Comment != "Reports are always late" {
		t.Fatalf("saved %+v", fb)
	}
	if len(p.items) != 1 {
		t.Fatal("list not refreshed")
	}
	// The form closed and the "raise a red alert?" question took its place.
	if n := len(u.win.Canvas().Overlays().List()); n != overlays {
		t.Fatalf("%d overlays, want %d (the alert question)", n, overlays)
	}
	// The ask list no longer includes them.
	u.showSection(u.sectionIndex("Ask for feedback"))
	if u.askFb.total != 0 {
		t.Fatalf("%d to ask", u.askFb.total)
	}
}
