package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// What keeps the client, in the wizard: the restatement composed from its parts, the
// gentle check for blame, the client's own fix first in Agree and the promises read
// back, pausing to call back, the thanks, and an outcome that asks first and can be
// undone.

// moodRadio offers the client's mood, calm to furious.
func moodRadio(changed func()) *widget.RadioGroup {
	var labels []string
	for _, m := range data.Moods() {
		labels = append(labels, m.Label())
	}
	r := widget.NewRadioGroup(labels, func(string) { changed() })
	r.Horizontal = true
	return r
}

// blameLabel is where the gentle check for blame and excuses speaks, under what it reads.
func blameLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	l.Hide()
	return l
}

// showBlame says what in texts blames a person, hides behind an excuse or blames the
// client, or hides the label when nothing does.
func showBlame(l *widget.Label, texts ...string) {
	ws := letters.Blame(strings.Join(texts, "\n"))
	if len(ws) == 0 {
		l.SetText("")
		l.Hide()
		return
	}
	msgs := make([]string, len(ws))
	for i, w := range ws {
		msgs[i] = "• " + w.Msg
	}
	l.SetText("A gentle check, before it reaches the letter:\n" + strings.Join(msgs, "\n"))
	l.Show()
}

func (s *interviewScreen) checkAckBlame() {
	texts := []string{s.regret.Text}
	for _, e := range s.errorEntries {
		texts = append(texts, e.Text)
	}
	showBlame(s.ackBlame, texts...)
}

func (s *interviewScreen) checkCauseBlame() {
	showBlame(s.causeBlame, s.rootCauseText.Text, s.change.Text)
}

// --- the restatement composer ---

func (s *interviewScreen) parts() data.RoundParts {
	return data.RoundParts{What: s.what.Text, Impact: s.impact.Text, Feeling: s.feels.Text}
}

// setParts shows a round's parts in the composer; the sentence keeps following them while
// it says what they make.
func (s *interviewScreen) setParts(p data.RoundParts) {
	was := s.loading
	s.loading = true
	s.what.SetText(p.What)
	s.impact.SetText(p.Impact)
	s.feels.SetText(p.Feeling)
	s.loading = was
	s.composed = ""
	if c := letters.Restatement(s.lang, p); c != "" && c == s.draft.Text {
		s.composed = c
	}
}

// roundDraft is the round as it is on screen.
func (s *interviewScreen) roundDraft() data.RoundDraft {
	return data.RoundDraft{Text: s.draft.Text, Correction: s.correction.Text, Parts: s.parts()}
}

// composeChanged builds the sentence again from the parts, unless the consultant has
// made it their own since; the parts are saved with the round either way.
func (s *interviewScreen) composeChanged() {
	if s.loading || s.f.Complaint.RestateState != data.RestateOpen {
		return
	}
	sentence := letters.Restatement(s.lang, s.parts())
	if strings.TrimSpace(s.draft.Text) == "" || s.draft.Text == s.composed {
		s.composed = sentence
		s.draft.SetText(sentence) // saves the round
		return
	}
	s.roundChanged()
}

// fillEmotions offers words to name the feeling with, in the language spoken.
func (s *interviewScreen) fillEmotions() {
	s.emotions.RemoveAll()
	for _, e := range letters.ScriptFor(s.lang).Emotions {
		e := e
		b := widget.NewButton(e, func() { s.feels.SetText(e) })
		b.Importance = widget.LowImportance
		s.emotions.Add(b)
	}
	s.emotions.Refresh()
	was := s.loading
	s.loading = true
	s.sayLang.SetSelected(letters.LanguageLabel(s.lang))
	s.loading = was
}

// conversationLang is the language spoken with client c: the one their letters are in.
func conversationLang(ctx context.Context, store *data.DB, c data.Client) string {
	lang, err := store.ClientLetterLang(ctx, c.ID)
	if err != nil || lang == "" {
		return letters.LanguageFor(c.Address.Country)
	}
	return lang
}

// writesAsWe is the letterhead's voice.
func writesAsWe(ctx context.Context, store *data.DB) bool {
	lh, err := store.Letterhead(ctx)
	return err == nil && lh.We()
}

// stillUpset reports whether the client is still angry: the last answer was "not right",
// two answers were not "confirmed", or they came in angry.
func stillUpset(f data.InterviewFile) bool {
	if f.Complaint.RestateState != data.RestateOpen {
		return false
	}
	wrong := 0
	last := data.AnswerNone
	for _, r := range f.Rounds {
		if r.Answered() {
			last = r.Answer
			if r.Answer != data.AnswerConfirmed {
				wrong++
			}
		}
	}
	return last == data.AnswerNotRight || wrong >= 2 || f.Complaint.MoodStart >= data.MoodAngry
}

// refreshRecovery shows what keeps the client as the interview stands.
func (s *interviewScreen) refreshRecovery() {
	k := s.f.Complaint
	if fix := strings.TrimSpace(k.ClientFix); fix != "" {
		s.askText.SetText("“" + fix + "”")
		s.offerAsk.Enable()
	} else {
		s.askText.SetText("Not asked yet. In step 5, ask: “What would put this right for you?”")
		s.offerAsk.Disable()
	}
	if cb, ok := s.f.PendingCallBack(); ok && k.RestateState == data.RestateOpen {
		s.callBack.SetText(fmt.Sprintf("Paused: you promised to call back by %s. The rounds stay open; "+
			"go on when you call, or end as not confirmed.", longTime(cb.Due)))
		s.callBack.Show()
	} else {
		s.callBack.Hide()
	}
	if stillUpset(s.f) {
		s.stillUpset.Show()
	} else {
		s.stillUpset.Hide()
	}
	s.thanksLine.SetText("“" + letters.ScriptFor(s.lang).Thanks + "”")
	if s.f.LeavingClient() || k.Outcome == data.OutcomeLost {
		s.exitBtn.Show()
	} else {
		s.exitBtn.Hide()
	}
	if open := s.f.OpenPromises(); len(open) > 0 && k.Outcome == data.OutcomeOpen {
		s.promises.SetText(promisesText(open, s.store.Now()))
		s.promises.Show()
	} else {
		s.promises.Hide()
	}
	if s.undo != nil && s.undo.ComplaintID == k.ID && k.Outcome == s.undo.Outcome {
		s.undoBox.Objects[0].(*widget.Label).SetText(fmt.Sprintf("Outcome set to “%s” at %s.", k.Outcome.Label(),
			k.OutcomeAt.Local().Format("15:04")))
		s.undoBox.Show()
	} else {
		s.undoBox.Hide()
	}
}

// promisesText lists promises still open, the overdue ones said so.
func promisesText(open []data.FollowUp, now time.Time) string {
	lines := []string{plural(len(open), "promise is", "promises are") + " still open:"}
	for _, p := range open {
		l := "• " + strings.TrimRight(strings.TrimSpace(p.What), ".;,") + ", by " + longTime(p.Due)
		if p.Due.Before(now) {
			l += " (overdue)"
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

// showActions puts the step's main actions in the action bar.
func (s *interviewScreen) showActions() {
	if a, ok := s.stepActs[s.step]; ok {
		s.actions.Objects = []fyne.CanvasObject{a}
	} else {
		s.actions.Objects = nil
	}
	s.actions.Refresh()
}

// --- pause and call back ---

// onPause asks when to call back, and records the promise; the rounds stay open.
func (s *interviewScreen) onPause() {
	s.flush()
	next := data.NextWorkingDay(s.store.Now().Local().AddDate(0, 0, 1))
	day := newDateEntry()
	day.set(data.DateOf(next))
	clock := widget.NewEntry()
	clock.SetText("10:00")
	clock.Validator = func(v string) error { _, err := parseClock(v); return err }
	note := widget.NewEntry()
	note.PlaceHolder = "e.g. after they have spoken to their finance team"
	items := []*widget.FormItem{widget.NewFormItem("Day", day), widget.NewFormItem("Time", clock),
		{Text: "Why", Widget: note, HintText: "Optional: what the client is waiting for"}}
	d := dialog.NewForm("Pause and call back", "Promise the call back", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		due, err := dayAndClock(day, clock)
		if err == nil {
			_, err = s.store.PauseInterview(s.ctx, s.f.Complaint.ID, due, note.Text)
		}
		if err != nil {
			s.showError("Promising the call back", err)
			return
		}
		s.reload()
		s.savedNote.SetText("Call back promised")
	}, s.win)
	d.Resize(fyne.NewSize(520, 320))
	d.Show()
}

// dayAndClock reads a day and a time of day, local time.
func dayAndClock(day *dateEntry, clock *widget.Entry) (time.Time, error) {
	if err := day.Validate(); err != nil {
		return time.Time{}, &data.FieldError{Field: "day", Msg: err.Error()}
	}
	d := day.value()
	if d.IsZero() {
		return time.Time{}, &data.FieldError{Field: "day", Msg: "choose the day"}
	}
	c, err := parseClock(clock.Text)
	if err != nil {
		return time.Time{}, &data.FieldError{Field: "time", Msg: err.Error()}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), c.Hour(), c.Minute(), 0, 0, time.Local), nil
}

// --- agree: the client's own fix first, and the promises read back ---

// onOfferAsk opens the remedy form on what the client asked for, in their words; the
// consultant chooses the kind.
func (s *interviewScreen) onOfferAsk() {
	s.onRemedy(data.Remedy{Description: strings.TrimSpace(s.f.Complaint.ClientFix)})
}

// readBackLines are every remedy and commitment as said to the client, in their language.
func (s *interviewScreen) readBackLines() []string {
	return letters.ReadBack(s.lang, s.we, *letters.FromInterview(s.f, s.cur), s.store.Now())
}

// onReadBack shows every remedy and commitment as sentences to say aloud before the
// client agrees; "The client agrees" marks the remedies accepted.
func (s *interviewScreen) onReadBack() {
	s.flush()
	lines := s.readBackLines()
	if len(lines) == 0 {
		dialog.ShowInformation("Nothing to read back yet", "Add a remedy or a commitment first: what you will do, and by when.", s.win)
		return
	}
	box := container.NewVBox(hint(letters.ScriptFor(s.lang).ReadBack))
	for _, l := range lines {
		lbl := widget.NewLabel(l)
		lbl.Wrapping = fyne.TextWrapWord
		lbl.SizeName = theme.SizeNameSubHeadingText
		box.Add(lbl)
	}
	var d *dialog.CustomDialog
	agree := widget.NewButtonWithIcon("The client agrees", theme.ConfirmIcon(), func() {
		d.Hide()
		s.onClientAgrees()
	})
	agree.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("Read back before the client agrees", container.NewVScroll(box), s.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Close", func() { d.Hide() }), agree})
	d.Resize(dialogSize(s.win, fyne.NewSize(720, 480)))
	d.Show()
}

// onClientAgrees marks every remedy accepted.
func (s *interviewScreen) onClientAgrees() {
	for _, r := range s.f.Remedies {
		if r.Accepted {
			continue
		}
		r.Accepted = true
		if err := s.store.UpdateRemedy(s.ctx, r); err != nil {
			s.showError("Recording that the client agreed", err)
			break
		}
	}
	s.reload()
	s.savedNote.SetText("The client agreed")
}

// --- the outcome: asked first, undone on request ---

// onOutcome asks before an outcome is set: it resolves the alert, moves the client's
// status, and closes the complaint with any promise still open.
func (s *interviewScreen) onOutcome() {
	if s.loading || s.f.Complaint.ID == 0 {
		return
	}
	o, ok := data.OutcomeFromLabel(s.outcome.Selected)
	if !ok || o == s.f.Complaint.Outcome {
		return
	}
	s.flush()
	msg := widget.NewLabel(outcomeQuestion(s.f, o, s.store.Now()))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Set the outcome?", "Set the outcome", "Cancel", container.NewVScroll(msg), func(ok bool) {
		if !ok {
			s.showOutcome(s.f.Complaint.Outcome)
			return
		}
		s.setOutcome(o)
	}, s.win)
	d.Resize(dialogSize(s.win, fyne.NewSize(560, 340)))
	d.Show()
}

// outcomeQuestion says what setting o will do, and warns about promises still open.
func outcomeQuestion(f data.InterviewFile, o data.Outcome, now time.Time) string {
	parts := []string{fmt.Sprintf("Set the outcome of this complaint to “%s”?", o.Label())}
	if o != data.OutcomeOpen {
		if f.Alert != nil && f.Alert.Open() {
			parts = append(parts, "This resolves the red alert ("+f.Alert.Summary()+").")
		}
		switch {
		case o == data.OutcomeLost:
			parts = append(parts, f.Client.Name+" will be marked as lost.")
		case o == data.OutcomeLetGo:
			parts = append(parts, f.Client.Name+" will be marked as let go.")
		case f.Client.Status == data.StatusAtRisk:
			parts = append(parts, f.Client.Name+" will be active again.")
		}
	}
	if open := f.OpenPromises(); len(open) > 0 && o != data.OutcomeOpen {
		p := promisesText(open, now)
		if o == data.OutcomeRetained {
			p += "\nA client kept only stays kept if these are done: a promise broken now does more harm than the first failure."
		}
		parts = append(parts, p)
	}
	parts = append(parts, "You can undo it.")
	return strings.Join(parts, "\n\n")
}

// showOutcome selects o without taking it for a choice.
func (s *interviewScreen) showOutcome(o data.Outcome) {
	s.loading = true
	s.outcome.SetSelected(o.Label())
	s.loading = false
}

func (s *interviewScreen) setOutcome(o data.Outcome) {
	before, client, id := s.f.Complaint.Outcome, s.f.Client, s.f.Complaint.ID
	u, err := s.store.SetOutcome(s.ctx, id, o, s.outcomeNote.Text)
	if err != nil {
		s.showOutcome(before)
		s.showError("Setting the outcome", err)
		return
	}
	s.undo = &u
	s.reload()
	s.afterOutcome(client, id, before, o, s.f.Complaint.RootCause)
}

// onUndoOutcome puts the complaint, its alert and the client's status back as they were.
func (s *interviewScreen) onUndoOutcome() {
	if s.undo == nil {
		return
	}
	u := *s.undo
	s.undo = nil
	if o := s.seen.checkIns; o != nil {
		o.d.Hide() // the check-ins offered for the outcome no longer apply
	}
	if l := s.seen.lost; l != nil && l.d != nil {
		l.d.Hide()
	}
	err := s.store.UndoOutcome(s.ctx, u)
	if errors.Is(err, data.ErrOutcomeMoved) {
		dialog.ShowInformation("Nothing undone", "The outcome was changed again since it was set. Choose the outcome you want above.", s.win)
	} else if err != nil {
		s.showError("Undoing the outcome", err)
	}
	s.reload()
	s.showOutcome(s.f.Complaint.Outcome)
	if err == nil {
		s.savedNote.SetText("Outcome undone")
	}
}

// --- finishing ---

// finishLetter is the letter that closes the interview: the apology, or the closing
// letter for a client let go.
func finishLetter(o data.Outcome) letters.Kind {
	if o == data.OutcomeLetGo {
		return letters.Closing
	}
	return letters.Apology
}

// onFinish closes the interview and offers the letter that goes with it.
func (s *interviewScreen) onFinish() {
	s.flush()
	k := s.f.Complaint
	kind := finishLetter(k.Outcome)
	var text string
	if k.Outcome == data.OutcomeOpen {
		text = "The outcome is still open: set it above once you know how it ended, or finish for now and come back. "
	} else {
		text = fmt.Sprintf("The interview is complete: %s. ", k.Outcome.Label())
	}
	if kind == letters.Closing {
		text += "Write the closing letter now, while the conversation is fresh?"
	} else {
		text += "Write the apology now, while the conversation is fresh? It is drafted from everything recorded here."
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	write := widget.NewButtonWithIcon("Write the "+strings.ToLower(kind.Label())+" letter…", theme.DocumentCreateIcon(), func() {
		d.Hide()
		s.openLetterEditor(kind, s.f.Client.ID, s.f.Complaint.ID)
	})
	write.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("Finish the interview", msg, s.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Stay here", func() { d.Hide() }),
		widget.NewButton("All interviews", func() { d.Hide(); s.onClose() }), write})
	d.Resize(dialogSize(s.win, fyne.NewSize(560, 240)))
	d.Show()
}
