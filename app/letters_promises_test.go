package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// An apology drafted after a promise's time has passed undone: the editor flags it with
// the two ways to put it right, each writes the new sentence into the letter and the
// store, and the printed letter never promises a time already past.
func TestLetterEditorPastPromise(t *testing.T) {
	u, store := newTestUI(t)
	ctx := context.Background()
	c, k := interviewedComplaint(t, store)
	now := time.Now()
	pastDay := now.AddDate(0, 0, -2)
	past := time.Date(pastDay.Year(), pastDay.Month(), pastDay.Day(), 16, 0, 0, 0, time.Local)
	earlierDay := now.AddDate(0, 0, -3)
	earlier := time.Date(earlierDay.Year(), earlierDay.Month(), earlierDay.Day(), 11, 0, 0, 0, time.Local)
	for _, m := range []data.Commitment{
		{ComplaintID: k.ID, What: "Call you to agree the new plan", Due: earlier, Channel: "Phone"},
		{ComplaintID: k.ID, What: "Email the corrected report", Due: past, Channel: "Email"},
	} {
		if _, err := store.AddCommitment(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	callLine := func(at time.Time, done time.Time) string {
		return letters.PromiseLine("en", false, letters.Commitment{What: "Call you to agree the new plan", Due: earlier, Channel: "Phone", Done: done}, at)
	}
	emailFuture := letters.PromiseLine("en", false, letters.Commitment{What: "Email the corrected report", Due: past, Channel: "Email"}, time.Time{})

	e := openEditor(u, letters.Apology, c.ID, k.ID)
	if e == nil {
		t.Fatal("editor did not open")
	}
	// The draft says plainly that both were not done yet, and never promises them as to come.
	emailOverdue := letters.PromiseLine("en", false, letters.Commitment{What: "Email the corrected report", Due: past, Channel: "Email"}, now)
	if strings.Contains(e.body.Text, emailFuture) || !strings.Contains(e.body.Text, emailOverdue) {
		t.Fatalf("the draft promises a past time:\n%s", e.body.Text)
	}
	if !strings.Contains(e.body.Text, callLine(now, time.Time{})) {
		t.Fatalf("the draft does not say the call is not done yet:\n%s", e.body.Text)
	}
	checkText := labelsIn(e.warnings)
	for _, want := range []string{"“Call you to agree the new plan”", "“Email the corrected report”", "that time has passed"} {
		if !strings.Contains(checkText, want) {
			t.Fatalf("the check does not flag %s:\n%s", want, checkText)
		}
	}

	// "It was done" on the call: its follow-up is marked done and the letter says it was kept.
	test.Tap(findButtonN(t, e.warnings, "It was done", 0))
	if !strings.Contains(e.body.Text, callLine(now, now)) {
		t.Fatalf("the letter does not say the call was kept:\n%s\nstatus: %s", e.body.Text, e.status.Text)
	}
	if strings.Contains(e.body.Text, callLine(now, time.Time{})) {
		t.Fatalf("the old sentence stays:\n%s", e.body.Text)
	}
	cs, err := store.Commitments(ctx, k.ID)
	if err != nil || len(cs) != 2 || cs[0].Done.IsZero() || !cs[1].Done.IsZero() {
		t.Fatalf("after It was done: %+v %v", cs, err)
	}
	if strings.Contains(labelsIn(e.warnings), "“Call you to agree the new plan”") {
		t.Fatalf("the kept promise is still flagged:\n%s", labelsIn(e.warnings))
	}

	// A draft kept from before the day passed, still promising the email as to come, is
	// flagged as such, and cannot be printed or saved as it is.
	e.body.SetText(strings.Replace(e.body.Text, emailOverdue, emailFuture, 1))
	if !strings.Contains(labelsIn(e.warnings), "The letter still promises “Email the corrected report”") {
		t.Fatalf("a past promise written as to come is not flagged:\n%s", labelsIn(e.warnings))
	}
	went := false
	e.checked("Save", true, func() { went = true })
	dlg := e.win.Canvas().Overlays().Top()
	if dlg == nil || went || letterButtonIn(dlg, "Save anyway") != nil {
		t.Fatal("a letter promising a past time as to come can still be saved")
	}
	e.win.Canvas().Overlays().Remove(dlg)

	// "Set a new date…" on the email: a day already past is refused next to the form,
	// with what was typed kept; a day to come is stored and written into the letter.
	test.Tap(findButtonN(t, e.warnings, "Set a new date…", 0))
	form := e.win.Canvas().Overlays().Top()
	var day *dateEntry
	for _, o := range test.LaidOutObjects(form) {
		if d, ok := o.(*dateEntry); ok {
			day = d
		}
	}
	if day == nil {
		t.Fatal("the new-date form has no day")
	}
	day.set(data.DateOf(now.AddDate(0, 0, -1)))
	if err := day.Validate(); err == nil || !strings.Contains(err.Error(), "choose a day still to come") {
		t.Fatalf("a past day is not refused next to the field: %v", err)
	}
	if !findButton(t, form, "Set the new date").Disabled() {
		t.Fatal("a past day can be set")
	}
	next := now.AddDate(0, 0, 3)
	day.set(data.DateOf(next))
	tapButton(t, form, "Set the new date")
	cs, _ = store.Commitments(ctx, k.ID)
	if len(cs) != 2 || data.DateOf(cs[1].Due.Local()) != data.DateOf(next) {
		t.Fatalf("the new date is not stored: %+v", cs)
	}
	newLine := letters.PromiseLine("en", false, letters.Commitment{What: "Email the corrected report", Due: cs[1].Due.Local(), Channel: "Email"}, now)
	if !strings.Contains(e.body.Text, newLine) || strings.Contains(e.body.Text, emailFuture) {
		t.Fatalf("the letter does not promise the new date:\n%s\nwant %q", e.body.Text, newLine)
	}
	if s := labelsIn(e.warnings); strings.Contains(s, "Email the corrected report") {
		t.Fatalf("the email is still flagged:\n%s", s)
	}

	// The printed letter promises only the new date.
	path := filepath.Join(t.TempDir(), "apology.pdf")
	w, err := fileWriter(path)
	if err != nil {
		t.Fatal(err)
	}
	e.saveTo(w)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		b, _ := os.ReadFile(path)
		t.Fatalf("pdftotext: %v (%d bytes)", err, len(b))
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	if strings.Contains(text, strings.Join(strings.Fields(emailFuture), " ")) ||
		!strings.Contains(text, strings.Join(strings.Fields(strings.TrimSuffix(newLine, ".")), " ")) ||
		!strings.Contains(text, "and did so on") {
		t.Fatalf("the printed letter:\n%s", text)
	}
}

// findButtonN is the n-th button labelled text inside o.
func findButtonN(t *testing.T, o fyne.CanvasObject, text string, n int) *widget.Button {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			if n == 0 {
				return b
			}
			n--
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}
