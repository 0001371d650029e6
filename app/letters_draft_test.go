package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// What is typed in the letter editor survives closing it: the editor asks, keeps the
// draft, and opens with it the next time; discarding it gives the template's draft again.
func TestLetterDraftKeptAcrossCloseAndReopen(t *testing.T) {
	u, store := newTestUI(t)
	c, k := interviewedComplaint(t, store)
	e := openEditor(u, letters.Apology, c.ID, k.ID)
	fresh := e.body.Text
	e.body.SetText(e.body.Text + "\n\nI will call you on Monday.")
	typeAtEnd(e.win, e.subject, " (second try)")

	e.onClose()
	dlg := e.win.Canvas().Overlays().Top()
	if dlg == nil || letterButtonIn(dlg, "Keep the draft") == nil || letterButtonIn(dlg, "Discard it") == nil {
		t.Fatal("closing with unsent changes did not ask")
	}
	test.Tap(letterButtonIn(dlg, "Keep the draft"))

	again := openEditor(u, letters.Apology, c.ID, k.ID)
	if !strings.HasSuffix(again.body.Text, "I will call you on Monday.") || !strings.HasSuffix(again.subject.Text, "(second try)") {
		t.Fatalf("the draft was not restored:\n%s", again.body.Text)
	}
	if !strings.Contains(again.status.Text, "draft you were writing") {
		t.Errorf("status %q does not say the draft was restored", again.status.Text)
	}

	// Going back keeps the window; discarding drops the draft.
	again.onClose()
	test.Tap(letterButtonIn(again.win.Canvas().Overlays().Top(), "Go back"))
	if _, ok, _ := store.LetterDraftFor(context.Background(), c.ID, k.ID, "apology"); !ok {
		t.Fatal("the draft is gone after “Go back”")
	}
	again.onClose()
	test.Tap(letterButtonIn(again.win.Canvas().Overlays().Top(), "Discard it"))
	if _, ok, _ := store.LetterDraftFor(context.Background(), c.ID, k.ID, "apology"); ok {
		t.Fatal("the draft is still kept after discarding it")
	}
	third := openEditor(u, letters.Apology, c.ID, k.ID)
	if third.body.Text != fresh {
		t.Fatalf("after discarding, the letter is not the template's draft:\n%s", third.body.Text)
	}
	// An untouched template draft closes without asking.
	third.onClose()
	if third.win.Canvas().Overlays().Top() != nil {
		t.Fatal("closing an untouched draft asked")
	}
}

// A draft is written as it is typed, not only when the window closes.
func TestLetterDraftSavedAsTyped(t *testing.T) {
	u, store := newTestUI(t)
	c, k := interviewedComplaint(t, store)
	e := openEditor(u, letters.Apology, c.ID, k.ID)
	if err := e.save.flush(); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := store.LetterDraftFor(context.Background(), c.ID, k.ID, "apology"); ok {
		t.Fatal("opening the editor kept a draft before anything was typed")
	}
	e.body.SetText(e.body.Text + " Typed.")
	if err := e.save.flush(); err != nil {
		t.Fatal(err)
	}
	d, ok, err := store.LetterDraftFor(context.Background(), c.ID, k.ID, "apology")
	if err != nil || !ok || !strings.HasSuffix(d.Body, "Typed.") || d.Lang != "en" || d.Paper != "A4" {
		t.Fatalf("draft in the store: %+v %v %v", d, ok, err)
	}
}

// A client without a postal address: the check says so first, raises no warning about
// Amends' own marks, and a letter for the post offers the email version instead of going
// on to fail.
func TestNoPostalAddressOffersEmail(t *testing.T) {
	u, store := newTestUI(t)
	c, k := interviewedComplaint(t, store)
	c.Address, c.Email = data.Address{}, "zoe@oersted.example"
	if _, err := store.UpdateClient(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	e := openEditor(u, letters.Apology, c.ID, k.ID)
	ws := e.currentWarnings()
	if len(ws) == 0 || ws[0].Code != codeNoAddress || !strings.Contains(ws[0].Msg, "no postal address") {
		t.Fatalf("the first warning is not the missing address: %+v", ws)
	}
	if e.missing.Visible() {
		t.Fatalf("a false warning about missing characters: %q", e.missing.Text)
	}
	e.onSavePDF()
	dlg := e.win.Canvas().Overlays().Top()
	if dlg == nil || letterButtonIn(dlg, "Save anyway") != nil || letterButtonIn(dlg, "Email it instead…") == nil {
		t.Fatal("saving a letter without an address does not offer email instead")
	}
	test.Tap(letterButtonIn(dlg, "Email it instead…"))
	ls, err := store.ClientLetters(context.Background(), c.ID)
	if err != nil || len(ls) != 1 || ls[0].Emailed.IsZero() || ls[0].Recipient[1] != "zoe@oersted.example" {
		t.Fatalf("letters after emailing: %+v %v", ls, err)
	}
	tl, _ := store.Timeline(context.Background(), c.ID)
	found := false
	for _, en := range tl {
		found = found || strings.HasPrefix(en.Summary, "Apology letter emailed (draft): ")
	}
	if !found || !strings.Contains(e.status.Text, "emailed (draft)") {
		t.Fatalf("the timeline does not say the letter was emailed (status %q)", e.status.Text)
	}
}

// The language chosen in the editor is remembered for the client.
func TestLetterLanguageRememberedPerClient(t *testing.T) {
	u, store := newTestUI(t)
	c, k := interviewedComplaint(t, store)
	e := openEditor(u, letters.Apology, c.ID, k.ID)
	e.lang.SetSelected("French")
	test.Tap(letterButtonIn(e.win.Canvas().Overlays().Top(), "Yes"))
	if !strings.HasPrefix(e.salutation.Text, "Bonjour Madame Ørsted") || !strings.Contains(e.body.Text, "J’en porte la responsabilité") {
		t.Fatalf("not drafted in French: %q\n%s", e.salutation.Text, e.body.Text)
	}
	e.onClose()
	if top := e.win.Canvas().Overlays().Top(); top != nil {
		test.Tap(letterButtonIn(top, "Discard it"))
	}
	if l, _ := store.ClientLetterLang(context.Background(), c.ID); l != "fr" {
		t.Fatalf("remembered language %q", l)
	}
	again := openEditor(u, letters.Apology, c.ID, k.ID)
	if again.lang.Selected != "French" || !strings.Contains(again.body.Text, "responsabilité") {
		t.Fatalf("reopened in %s:\n%s", again.lang.Selected, again.body.Text)
	}
	// Switching and then cancelling keeps the language and the text.
	before := again.body.Text
	again.lang.SetSelected("Dutch")
	test.Tap(letterButtonIn(again.win.Canvas().Overlays().Top(), "No"))
	if again.lang.Selected != "French" || again.body.Text != before {
		t.Fatalf("a cancelled switch changed the letter: %s", again.lang.Selected)
	}
}

// The voice and the typeface are set in Settings ▸ Letterhead and saved like the rest of
// it; letters then speak as a firm.
func TestVoiceAndTypefaceInSettings(t *testing.T) {
	u, store := newTestUI(t)
	c, k := interviewedComplaint(t, store)
	u.showSection(u.sectionIndex("Settings"))
	lh := u.settings.letterhead
	if lh.voice.Selected != voiceAlone || lh.font.Selected != fontSans {
		t.Fatalf("defaults shown: %q, %q", lh.voice.Selected, lh.font.Selected)
	}
	lh.voice.SetSelected(voiceFirm)
	lh.font.SetSelected(fontSerif)
	lh.onSave()
	got, err := store.Letterhead(context.Background())
	if err != nil || got.Voice != data.VoiceWe || got.Font != "serif" || got.Name != "Anna Berger" {
		t.Fatalf("letterhead saved: %+v %v", got, err)
	}
	e := openEditor(u, letters.Apology, c.ID, k.ID)
	if !strings.Contains(e.body.Text, "We were responsible for what went wrong") || !strings.Contains(e.subject.Text, "how we will put it right") {
		t.Fatalf("the letter does not speak as a firm:\n%s", e.body.Text)
	}
}

// The restatement's placeholder shows no lead-in that letters would then quote.
func TestRestatementPlaceholderHasNoLeadIn(t *testing.T) {
	u, store := newTestUI(t)
	_, k := interviewedComplaint(t, store)
	u.showInterview(k.ID)
	ph := u.interviews.wizard.draft.PlaceHolder
	example := ph[strings.Index(ph, "e.g. ")+len("e.g. "):]
	if got := letters.StripLeadIn("en", example); got != example {
		t.Fatalf("the placeholder's example %q has a lead-in (%q without it)", example, got)
	}
}

// Quit closes every window, the letter editor's too, once nothing typed is unsaved.
func TestQuitClosesEveryWindow(t *testing.T) {
	u, store := newTestUI(t)
	c, k := interviewedComplaint(t, store)
	before := len(u.app.Driver().AllWindows())
	if e := openEditor(u, letters.Apology, c.ID, k.ID); e == nil {
		t.Fatal("editor did not open")
	}
	if n := len(u.app.Driver().AllWindows()); n != before+1 {
		t.Fatalf("%d windows open, want %d and the letter editor", n, before)
	}
	u.onQuit()
	if n := len(u.app.Driver().AllWindows()); n != 0 {
		t.Fatalf("%d windows still open after Quit", n)
	}
}
