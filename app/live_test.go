package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// livePress presses a key with modifiers in the live window, as GLFW hands it on: to
// the focused widget when it takes shortcuts, else to the window's own (which call
// l.shortcut: the test canvas cannot be handed a shortcut).
func livePress(l *liveMode, sc fyne.Shortcut) {
	if f, ok := l.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	l.shortcut(sc)
}

// liveKey presses a key without modifiers: to the focused widget, else to the window.
// Space also types its character, as GLFW sends both.
func liveKey(l *liveMode, k fyne.KeyName) {
	if f := l.win.Canvas().Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: k})
		if k == fyne.KeySpace {
			f.TypedRune(' ')
		}
		return
	}
	if h := l.win.Canvas().OnTypedKey(); h != nil {
		h(&fyne.KeyEvent{Name: k})
	}
}

// liveType types text where the focus is.
func liveType(t *testing.T, l *liveMode, text string) {
	t.Helper()
	f, ok := l.win.Canvas().Focused().(*liveEntry)
	if !ok {
		t.Fatalf("typing %q with no field focused on card %d (%T)", text, l.at, l.win.Canvas().Focused())
	}
	for _, r := range text {
		f.TypedRune(r)
	}
}

// liveTab moves the focus on, as Tab does.
func liveTab(l *liveMode) { l.win.Canvas().FocusNext() }

func nextCard(l *liveMode) { livePress(l, alt(fyne.KeyRight)) }

// The live mode drives a whole interview by keyboard: the moods, what the client says,
// the restatement from its parts and the client's answers, the error and responsibility,
// the ask, a remedy offered from what they asked for and their agreement, the thanks, and
// Esc ends the call with everything saved as typed.
func TestLiveModeDrivesAWholeInterviewByKeyboard(t *testing.T) {
	u, store := newTestUI(t)
	ctx := context.Background()
	c := mustCreate(t, store, data.Client{Name: "Jörg Müller", Status: data.StatusActive})
	k, err := store.StartComplaint(ctx, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	u.showInterview(k.ID)
	iv := u.interviews.wizard
	test.Tap(iv.liveBtn)
	l := iv.live
	if l == nil || !strings.HasPrefix(l.title.Text, "1 of 7") {
		t.Fatal("live mode did not open on its first card")
	}

	// Before you start: the mood by key; the openers are where typing goes.
	livePress(l, ctrl(fyne.Key3))
	if _, ok := l.win.Canvas().Focused().(*liveEntry); !ok {
		t.Fatal("the openers are not focused")
	}
	nextCard(l)

	// Listen: type as they talk, Tab to the feeling.
	liveType(t, l, "The report came two weeks late and the Köln figures were missing.")
	liveTab(l)
	liveType(t, l, "embarrassed in front of the board")
	nextCard(l)
	if !strings.Contains(l.title.Text, "Say it back") {
		t.Fatalf("card %q after Listen", l.title.Text)
	}

	// Say it back: the parts build the sentence; a correction is needed for "partly".
	liveType(t, l, "the report came late")
	liveTab(l)
	liveType(t, l, "you had nothing to show your board")
	liveTab(l)
	liveType(t, l, "embarrassed")
	if !strings.Contains(l.draft.Text, "the report came late") || !strings.Contains(l.draft.Text, "Did I get that right?") {
		t.Fatalf("the sentence is not built from the parts: %q", l.draft.Text)
	}
	livePress(l, ctrl(fyne.Key2))
	if rs, _ := store.Rounds(ctx, k.ID); len(rs) == 1 && rs[0].Answered() {
		t.Fatal("partly right recorded without the client's correction")
	}
	if l.win.Canvas().Focused() != fyne.Focusable(l.correction) {
		t.Fatal("the focus did not go to the correction")
	}
	liveType(t, l, "Late, and the Köln figures were missing.")
	livePress(l, ctrl(fyne.Key2))
	rs, _ := store.Rounds(ctx, k.ID)
	if len(rs) != 1 || rs[0].Answer != data.AnswerPartly || rs[0].Correction != "Late, and the Köln figures were missing." {
		t.Fatalf("round 1: %+v", rs)
	}
	// Round 2 starts from round 1's parts; add what was missing and confirm.
	l.win.Canvas().Focus(l.what)
	liveType(t, l, ", without the Köln figures")
	livePress(l, ctrl(fyne.Key1))
	rs, _ = store.Rounds(ctx, k.ID)
	if len(rs) != 2 || rs[1].Answer != data.AnswerConfirmed || rs[1].Parts.What != "the report came late, without the Köln figures" ||
		rs[1].Parts.Impact != "you had nothing to show your board" || rs[1].Parts.Feeling != "embarrassed" {
		t.Fatalf("round 2: %+v", rs)
	}
	livePress(l, ctrl(fyne.Key3)) // the answer is in: a second key records nothing
	if rs, _ = store.Rounds(ctx, k.ID); len(rs) != 2 {
		t.Fatalf("a key after confirmation made %d rounds", len(rs))
	}
	nextCard(l)

	// Own it: the error with Enter, responsibility by key, Tab on to the regret.
	liveType(t, l, "The report was two weeks late")
	liveKey(l, fyne.KeyReturn)
	livePress(l, ctrl(fyne.Key1))
	l.win.Canvas().Focus(l.regret)
	liveType(t, l, "I am sorry that the report came two weeks late.")
	nextCard(l)

	// Ask: their answer, in their words. Before it, Agree cannot offer what they asked for.
	nextCard(l)
	if !l.offer.Disabled() {
		t.Fatal("Offer what they asked for is on before they asked for anything")
	}
	livePress(l, alt(fyne.KeyLeft))
	liveType(t, l, "Send the figures and take something off the invoice")
	nextCard(l)
	if l.offer.Disabled() {
		t.Fatal("Offer what they asked for is off after they asked")
	}

	// Agree: their ask first; the client cannot agree to nothing; Tab to "Offer what they
	// asked for" and Space opens the remedy on their words, with no kind chosen.
	if !strings.Contains(l.ask.Text, "Send the figures and take something off the invoice") {
		t.Fatalf("Agree does not show their ask: %q", l.ask.Text)
	}
	livePress(l, ctrl(fyne.Key1))
	if !strings.Contains(l.note.Text, "Nothing agreed yet") {
		t.Fatalf("agreed to nothing: %q", l.note.Text)
	}
	for i := 0; i < 20; i++ {
		if b, ok := l.win.Canvas().Focused().(*liveButton); ok && strings.HasPrefix(b.Text, "Offer what they asked for") {
			break
		}
		liveTab(l)
	}
	liveKey(l, fyne.KeySpace)
	dlg := l.win.Canvas().Overlays().Top()
	if dlg == nil {
		t.Fatal("Space on the offer opened nothing over the call")
	}
	var kind *widget.Select
	for _, x := range test.LaidOutObjects(dlg) {
		if s, ok := x.(*widget.Select); ok {
			kind = s
		}
	}
	if kind == nil || kind.Selected != "" {
		t.Fatalf("the remedy kind is preselected: %v", kind)
	}
	liveKey(l, fyne.KeyEscape) // Esc with the dialog open is the dialog's, not the end of the call
	if iv.live != l || l.win.Canvas().Overlays().Top() != dlg {
		t.Fatal("Esc over a dialog ended the call")
	}
	kind.SetSelected(data.RemedyDiscountPercent.Label())
	test.Type(findEntry(t, dlg, "e.g. 15 (percent)"), "10")
	test.Tap(visibleButton(t, dlg, "Save"))
	if !strings.Contains(l.readBack.Text, "10") {
		t.Fatalf("the remedy is not read back: %q", l.readBack.Text)
	}
	l.win.Canvas().Unfocus()
	livePress(l, ctrl(fyne.Key1))
	rems, _ := store.Remedies(ctx, k.ID)
	if len(rems) != 1 || !rems[0].Accepted || rems[0].Description != "Send the figures and take something off the invoice" {
		t.Fatalf("remedies: %+v", rems)
	}
	nextCard(l)

	// Thank and close: Space ticks the thanks, the mood at the end by key, Esc ends.
	liveKey(l, fyne.KeySpace)
	livePress(l, ctrl(fyne.Key1))
	liveKey(l, fyne.KeyEscape)
	if iv.live != nil {
		t.Fatal("Esc did not end the call")
	}

	got, err := store.Complaint(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.MoodStart != data.MoodUpset || got.MoodEnd != data.MoodCalm || !got.Thanked || !got.Responsibility ||
		got.Account != "The report came two weeks late and the Köln figures were missing." || got.Feeling != "embarrassed in front of the board" ||
		got.Regret != "I am sorry that the report came two weeks late." || got.ClientFix != "Send the figures and take something off the invoice" ||
		got.RestateState != data.RestateConfirmed {
		t.Fatalf("stored: %+v", got)
	}
	if es, _ := store.AckErrors(ctx, k.ID); len(es) != 1 || es[0].Text != "The report was two weeks late" {
		t.Fatalf("errors: %+v", es)
	}
	// The wizard behind shows it all.
	if iv.account.Text != got.Account || !iv.responsibility.Checked || !iv.thanked.Checked {
		t.Fatal("the wizard does not show what the call recorded")
	}
}
