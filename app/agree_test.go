package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// Agree puts the client first: what they asked for in Ask is the first thing on the
// step, "Offer what they asked for" opens the remedy on their words with no kind chosen
// (nor in "Add remedy…"), and "Read back…" lists every remedy and commitment to say
// aloud; "The client agrees" marks the remedies accepted.
func TestAgreeShowsTheClientsAskFirst(t *testing.T) {
	u, store := newTestUI(t)
	ctx := context.Background()
	_, k := interviewedComplaint(t, store)

	k.ClientFix = "A corrected report and a discount on the next workshop"
	if err := store.SaveInterview(ctx, k); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddCommitment(ctx, data.Commitment{ComplaintID: k.ID, What: "Email the corrected report",
		Due: time.Now().AddDate(0, 0, 2).Truncate(time.Hour), Channel: "Email"}); err != nil {
		t.Fatal(err)
	}
	u.showInterview(k.ID)
	iv := u.interviews.wizard
	iv.goTo(data.StepAgree)
	if iv.step != data.StepAgree {
		t.Fatalf("at %v", iv.step)
	}
	scroll, ok := iv.pages[data.StepAgree].(*container.Scroll)
	if !ok {
		t.Fatalf("Agree is a %T", iv.pages[data.StepAgree])
	}
	if first := scroll.Content.(*fyne.Container).Objects[0]; first != fyne.CanvasObject(iv.askCard) ||
		iv.askText.Text != "“A corrected report and a discount on the next workshop”" || iv.offerAsk.Disabled() {
		t.Fatalf("the ask is not first: %T %q", first, iv.askText.Text)
	}

	// "Add remedy…" preselects no kind either.
	test.Tap(iv.addRemedy)
	if s := remedyKindIn(t, topOverlay(t, u)); s.Selected != "" {
		t.Fatalf("Add remedy preselects %q", s.Selected)
	}
	u.win.Canvas().Overlays().Remove(topOverlay(t, u))

	test.Tap(iv.offerAsk)
	dlg := topOverlay(t, u)
	kind := remedyKindIn(t, dlg)
	if kind.Selected != "" {
		t.Fatalf("Offer what they asked for preselects %q", kind.Selected)
	}
	desc := findEntry(t, dlg, "What exactly the client gets")
	if desc.Text != "A corrected report and a discount on the next workshop" {
		t.Fatalf("the remedy does not start from their words: %q", desc.Text)
	}
	kind.SetSelected(data.RemedyAdditionalService.Label())
	test.Tap(visibleButton(t, dlg, "Save"))
	rems, _ := store.Remedies(ctx, k.ID)
	if len(rems) != 2 || rems[1].Kind != data.RemedyAdditionalService || rems[1].Accepted {
		t.Fatalf("remedies: %+v", rems)
	}

	test.Tap(iv.readBack)
	rb := labelsIn(topOverlay(t, u))
	for _, want := range []string{"let me read it all back", "15%", "A corrected report and a discount on the next workshop", "email the corrected report"} {
		if !strings.Contains(strings.ToLower(rb), strings.ToLower(want)) {
			t.Fatalf("read back lacks %q:\n%s", want, rb)
		}
	}
	tapButton(t, topOverlay(t, u), "The client agrees")
	rems, _ = store.Remedies(ctx, k.ID)
	if !rems[1].Accepted {
		t.Fatal("the client's agreement did not accept the remedy")
	}
}

func remedyKindIn(t *testing.T, o fyne.CanvasObject) *widget.Select {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if s, ok := x.(*widget.Select); ok {
			return s
		}
	}
	t.Fatal("no remedy kind")
	return nil
}

// Agree lists an agreed amount in the money format chosen in Settings, as every other
// screen writes it (it was always 250.00).
func TestAgreeWritesMoneyAsSettingsSay(t *testing.T) {
	u, store := newTestUI(t)
	_, k := interviewedComplaint(t, store)
	if _, err := store.AddRemedy(context.Background(), data.Remedy{ComplaintID: k.ID, Kind: data.RemedyRefund, Value: 125050}); err != nil {
		t.Fatal(err)
	}
	chooseGermanFormats(u)
	u.showInterview(k.ID)
	iv := u.interviews.wizard
	iv.goTo(data.StepAgree)
	var texts []string
	for _, o := range test.LaidOutObjects(iv.remediesBox) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	all := strings.Join(texts, " | ")
	if !strings.Contains(all, "1.250,50") || strings.Contains(all, "1,250.50") {
		t.Errorf("Agree lists the refund as %q, want 1.250,50", all)
	}
}
