package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// interviewedComplaint stores a client with a complaint taken through the interview.
func interviewedComplaint(t *testing.T, store *data.DB) (data.Client, data.Complaint) {
	t.Helper()
	ctx := context.Background()
	c := mustCreate(t, store, data.Client{Name: "Zoë Ørsted", Status: data.StatusActive, Salutation: "Dear Ms Ørsted",
		Address: data.Address{Lines: "Nørregade 1", Postcode: "1165", City: "København", Country: "Denmark"}})
	k, err := store.StartComplaint(ctx, c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := store.OpenRound(ctx, k.ID, "So what I'm hearing is that the report came two weeks late.")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AnswerRound(ctx, r.ID, data.AnswerConfirmed, ""); err != nil {
		t.Fatal(err)
	}
	k.Responsibility, k.Regret, k.ProcedureChange = true, "I am sorry that the report came two weeks late.", "Every deliverable has a named owner."
	k.RootCauseText = "No one owned the delivery date."
	if err := store.SaveInterview(ctx, k); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddAckError(ctx, k.ID, "The report was two weeks late."); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddRemedy(ctx, data.Remedy{ComplaintID: k.ID, Kind: data.RemedyDiscountPercent, Value: 15,
		Description: "off the report invoice", Due: data.NewDate(2026, 12, 1), Accepted: true}); err != nil {
		t.Fatal(err)
	}
	if err := store.SaveLetterhead(ctx, data.Letterhead{Name: "Anna Berger", Address: "Lindenallee 2\n80331 München",
		Phone: "+49 89 123456", Paper: "A4"}); err != nil {
		t.Fatal(err)
	}
	return c, k
}

// findButton finds a button by its text in an object tree (dialogs are overlays).
func letterButtonIn(o fyne.CanvasObject, text string) *widget.Button {
	switch w := o.(type) {
	case *widget.Button:
		if w.Text == text {
			return w
		}
	case *fyne.Container:
		for _, c := range w.Objects {
			if b := letterButtonIn(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(w)
		for _, c := range r.Objects() {
			if b := letterButtonIn(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

func TestWriteApologyFromInterview(t *testing.T) {
	u, store := newTestUI(t)
	ctx := context.Background()
	c, k := interviewedComplaint(t, store)

	// The interview has a "Write letter…" button that asks which letter to write.
	u.showInterview(k.ID)
	btn := letterButtonIn(u.interviews.wizard.view, "Write letter…")
	if btn == nil {
		t.Fatal("the interview screen has no Write letter button")
	}
	test.Tap(btn)
	top := u.win.Canvas().Overlays().Top()
	if top == nil || letterButtonIn(top, "Write draft") == nil {
		t.Fatal("Write letter did not ask which letter to write")
	}
	u.win.Canvas().Overlays().Remove(top)

	e := openEditor(u, letters.Apology, c.ID, k.ID)
	if e == nil {
		t.Fatal("editor did not open")
	}
	if !strings.Contains(e.body.Text, "I was responsible for what went wrong") ||
		!strings.Contains(e.body.Text, "you confirmed that I had understood: “The report came two weeks late.”") ||
		e.salutation.Text != "Dear Ms Ørsted," || e.signer.Text != "Anna Berger" {
		t.Fatalf("draft:\n%s", e.body.Text)
	}
	if n := len(e.warnings.Objects); n != 1 || e.warnings.Objects[0].(*widget.Label).Text != "No problems found." {
		t.Fatalf("warnings on a good draft: %d", n)
	}

	// A non-apology phrase typed into the letter is flagged at once.
	e.body.SetText(e.body.Text + "\n\nMistakes were made.")
	if !warned(e, "mistakes were made") {
		t.Fatal("the check did not flag “mistakes were made”")
	}
	// Going ahead asks first; one click goes on anyway.
	went := false
	e.checked("Save", true, func() { went = true })
	dlg := e.win.Canvas().Overlays().Top()
	if dlg == nil || went {
		t.Fatal("no warning before saving")
	}
	test.Tap(letterButtonIn(dlg, "Save anyway"))
	if !went {
		t.Fatal("“Save anyway” did not go on")
	}

	// Edit: drop the phrase, change the subject.
	e.body.SetText(strings.TrimSuffix(e.body.Text, "\n\nMistakes were made."))
	typeAtEnd(e.win, e.subject, " – revised")
	if warned(e, "mistakes were made") {
		t.Fatal("warning stays after the phrase was removed")
	}

	path := filepath.Join(t.TempDir(), "apology.pdf")
	w, err := fileWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	e.saveTo(w)
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("no PDF written: %v", err)
	}
	ls, err := store.ClientLetters(ctx, c.ID)
	if err != nil || len(ls) != 1 {
		t.Fatalf("letters recorded: %v %v", ls, err)
	}
	l := ls[0]
	if !strings.HasSuffix(l.Subject, "– revised") || l.ComplaintID != k.ID || l.Kind != "apology" || !l.Printed.IsZero() {
		t.Fatalf("recorded letter %+v", l)
	}
	if strings.Join(l.Body, "\n\n") != strings.TrimSpace(e.body.Text) {
		t.Fatalf("recorded body differs from the edited text")
	}
	tl, _ := store.Timeline(ctx, c.ID)
	found := false
	for _, en := range tl {
		if en.Ref == "letter:"+strconv.FormatInt(l.ID, 10) && en.Kind == data.KindLetter && strings.Contains(en.Body, "I was responsible") {
			found = true
		}
	}
	if !found {
		t.Fatal("the letter is not in the client's timeline")
	}

	// Saving the same text again records nothing new; printing marks it printed. Print…
	// asks which printer (the default chosen), how many copies and which paper.
	w, _ = fileWriter(path)
	e.saveTo(w)
	var lpArgs []string
	*u.print = printer{lookPath: func(string) (string, error) { return "/usr/bin/lp", nil },
		command: fakeCUPS(&lpArgs, nil)}
	e.onPrint()
	pd := u.seen.print
	if pd == nil || pd.printers == nil || strings.Join(pd.printers.Options, ",") != "Home,Office" || pd.printers.Selected != "Office" {
		t.Fatalf("the Print dialog does not offer the printers with the default chosen: %+v", pd)
	}
	pd.copies.SetText("0")
	test.Tap(pd.printBtn)
	if lpArgs != nil || !strings.Contains(pd.status.Text, "1 to 99") {
		t.Fatalf("0 copies were sent to the printer: %q, %q", lpArgs, pd.status.Text)
	}
	pd.copies.SetText("2")
	test.Tap(pd.printBtn)
	joined := strings.Join(lpArgs, " ")
	if !strings.HasPrefix(joined, "-d Office -n 2 -o media=A4 -t ") || !strings.HasSuffix(joined, ".pdf") {
		t.Fatalf("lp got %q", joined)
	}
	ls, _ = store.ClientLetters(ctx, c.ID)
	if len(ls) != 1 || ls[0].Printed.IsZero() {
		t.Fatalf("after printing: %+v", ls)
	}

	// A printer failure is shown with what to do instead, and the text is kept.
	u.print.command = fakeCUPS(&lpArgs, errors.New("exit status 1"))
	before := e.body.Text
	typeAtEnd(e.win, e.closing, ",") // changed text: a new letter would be recorded on success
	e.onPrint()
	test.Tap(u.seen.print.printBtn)
	if f := u.seen.print.failed; f == nil || letterButtonIn(e.win.Canvas().Overlays().Top(), "Save PDF instead") == nil || letterButtonIn(e.win.Canvas().Overlays().Top(), "Open in viewer") == nil {
		t.Fatal("a failed print does not offer to save the PDF or open it in the viewer")
	}
	if !strings.Contains(labelsIn(e.win.Canvas().Overlays().Top()), "lp: No default destination.") || e.body.Text != before {
		t.Fatalf("the failure is not shown: %q", labelsIn(e.win.Canvas().Overlays().Top()))
	}
	if ls, _ = store.ClientLetters(ctx, c.ID); len(ls) != 1 {
		t.Fatalf("a failed print was recorded: %d letters", len(ls))
	}

	// The client file lists the letter.
	u.client.open(c.ID)
	if len(partOf[*lettersPart](t, u).items) != 1 || partOf[*lettersPart](t, u).items[0].ID != l.ID {
		t.Fatalf("Letters tab shows %d letters", len(partOf[*lettersPart](t, u).items))
	}
}

// fakeCUPS answers lpstat with two printers (Office the default) and lp with a request
// id, or with fail and CUPS's message; the arguments lp got go to lpArgs.
func fakeCUPS(lpArgs *[]string, fail error) func(string, ...string) ([]byte, error) {
	return func(name string, args ...string) ([]byte, error) {
		switch {
		case name == "lpstat" && args[0] == "-e":
			return []byte("Home\nOffice\n"), nil
		case name == "lpstat":
			return []byte("system default destination: Office\n"), nil
		case fail != nil:
			return []byte("lp: No default destination."), fail
		}
		*lpArgs = args
		return []byte("request id is Office-7 (1 file(s))"), nil
	}
}

// labelsIn joins the text of the labels in an object tree.
func labelsIn(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *cutLabel:
			b.WriteString(w.Whole() + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	if o != nil {
		walk(o)
	}
	return b.String()
}

// typeAtEnd types text at the end of an entry, as a user who clicked after the text would.
func typeAtEnd(w fyne.Window, e *widget.Entry, text string) {
	w.Canvas().Focus(e)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(e, text)
}

func warned(e *letterEditor, phrase string) bool {
	for _, o := range e.warnings.Objects {
		if l, ok := o.(*widget.Label); ok && strings.Contains(strings.ToLower(l.Text), phrase) {
			return true
		}
	}
	return false
}

func TestSaveFailureIsShownAndTextKept(t *testing.T) {
	u, store := newTestUI(t)
	c, k := interviewedComplaint(t, store)
	e := openEditor(u, letters.Apology, c.ID, k.ID)
	e.body.SetText("I was responsible for it. To put it right I offer a refund.")
	e.saveTo(failingWriter{})
	if !strings.Contains(e.status.Text, "failed") || e.body.Text != "I was responsible for it. To put it right I offer a refund." {
		t.Fatalf("status %q body %q", e.status.Text, e.body.Text)
	}
	if ls, _ := store.ClientLetters(context.Background(), c.ID); len(ls) != 0 {
		t.Fatal("a letter that was not saved was recorded")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }
func (failingWriter) Close() error              { return nil }

func TestApologyNeedsAComplaint(t *testing.T) {
	u, store := newTestUI(t)
	c := mustCreate(t, store, data.Client{Name: "A", Status: data.StatusActive})
	if e := openEditor(u, letters.Apology, c.ID, 0); e != nil {
		t.Fatal("apology editor opened without a complaint")
	}
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("nothing told the user why")
	}
}

func TestTemplateSettingsNameTheLine(t *testing.T) {
	u, store := newTestUI(t)
	u.showSection(u.sectionIndex("Settings"))
	ts := u.settings.letterhead.templates
	ts.text.SetText("{{define \"body\"}}\nHello\n{{.Client.Name}\n{{end}}")
	if !ts.problem.Visible() || !strings.HasPrefix(ts.problem.Text, "line 3 ") {
		t.Fatalf("problem = %q", ts.problem.Text)
	}
	ts.onSave()
	if v, _ := store.Setting(context.Background(), letters.TemplateSetting(letters.Apology, "en"), ""); v != "" {
		t.Fatal("a broken template was saved")
	}
	ts.text.SetText("{{define \"subject\"}}Sorry{{end}}{{define \"body\"}}I was responsible, {{.Client.Name}}.{{end}}")
	ts.onSave()
	if v, _ := store.Setting(context.Background(), letters.TemplateSetting(letters.Apology, "en"), ""); !strings.Contains(v, "I was responsible") {
		t.Fatalf("template not saved: %q", v)
	}
	c, k := interviewedComplaint(t, store)
	e := openEditor(u, letters.Apology, c.ID, k.ID)
	if e.body.Text != "I was responsible, Zoë Ørsted." {
		t.Fatalf("the user's template was not used: %q", e.body.Text)
	}
	if !warned(e, "offers no repair") {
		t.Fatal("no repair not flagged")
	}
}

func TestLetterheadSettingsRejectBadImage(t *testing.T) {
	u, store := newTestUI(t)
	u.showSection(u.sectionIndex("Settings"))
	lh := u.settings.letterhead
	lh.useImage(nopCloser{strings.NewReader("not an image")}, func(b []byte) { lh.logo = b })
	if lh.logo != nil || u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("a bad image was taken without a message")
	}
	test.Type(lh.name, "Anna Berger")
	lh.place.SetText("Berlin")
	lh.offsetY.SetText("1.5")
	lh.onSave()
	got, _ := store.Letterhead(context.Background())
	if got.Name != "Anna Berger" || got.Place != "Berlin" || got.OffsetY != 1.5 {
		t.Fatalf("letterhead saved as %+v", got)
	}
}

// A damaged logo does not empty the letterhead form: the rest is shown and the status
// names what to set again.
func TestLetterheadSettingsNameDamagedField(t *testing.T) {
	u, _ := newTestUIWith(t, Info{Version: "test"}, func(store *data.DB) {
		ctx := context.Background()
		if err := store.SaveLetterhead(ctx, data.Letterhead{Name: "Anna Berger", Paper: "Letter"}); err != nil {
			t.Fatal(err)
		}
		if err := store.SetSetting(ctx, "letterhead.logo", "not base64!"); err != nil {
			t.Fatal(err)
		}
	})
	u.showSection(u.sectionIndex("Settings"))
	lh := u.settings.letterhead
	if lh.name.Text != "Anna Berger" || lh.paper.Selected != "Letter" || lh.logo != nil {
		t.Fatalf("form shows name %q paper %q logo %d bytes", lh.name.Text, lh.paper.Selected, len(lh.logo))
	}
	if !strings.Contains(lh.status.Text, "letterhead's logo could not be read") {
		t.Fatalf("status %q does not name the logo", lh.status.Text)
	}
}

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

// openEditor opens the letter editor as a click does and returns it, or nil if none
// opened.
func openEditor(u *UI, k letters.Kind, clientID, complaintID int64) *letterEditor {
	u.seen.letter = nil
	<-u.openLetterEditor(k, clientID, complaintID)
	return u.seen.letter
}

// A template in Settings that cannot be used is named in the main window, with where
// to fix it, and no editor opens on a letter that could not be drafted.
func TestBrokenTemplateIsNamedAndOpensNoEditor(t *testing.T) {
	u, store := newTestUI(t)
	c, k := interviewedComplaint(t, store)
	if err := store.SetSetting(context.Background(), letters.TemplateSetting(letters.Apology, "en"), "Dear {{.Client.Nme}}"); err != nil {
		t.Fatal(err)
	}
	if e := openEditor(u, letters.Apology, c.ID, k.ID); e != nil {
		t.Fatal("an editor opened on a letter the template could not write")
	}
	if got := overlayText(t, u); !strings.Contains(got, "apology template in Settings cannot be used") ||
		!strings.Contains(got, "Settings ▸ Letter templates") {
		t.Fatalf("the main window says:\n%s", got)
	}
}
