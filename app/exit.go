package app

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// exitDialog is the exit interview with a client who is leaving: the practice's
// opening, its questions with the client's answers, notes, who held it (ideally someone
// with no direct contact with them) and a follow-up. It is saved as it is typed.
type exitDialog struct {
	deps
	client      data.Client
	complaintID int64
	heldOn      *dateEntry
	heldBy      *widget.Entry
	independent *widget.Check
	questions   []string
	answers     []*widget.Entry
	notes       *widget.Entry
	followUp    *dateEntry
	status      *widget.Label
	save        *saver
	loading     bool
	d           *dialog.CustomDialog

	mu sync.Mutex // guards id: the first save gives it, off the UI thread
	id int64
}

func (s *interviewScreen) onExitInterview() {
	s.flush()
	c, complaintID := s.f.Client, s.f.Complaint.ID
	var rec data.ExitInterview
	var ok bool
	var err error
	s.run.run(func() { rec, ok, err = s.store.ExitInterviewFor(s.ctx, c.ID, complaintID) }, func() {
		if err != nil {
			s.showError("Opening the exit interview", err)
			return
		}
		s.seen.exit = s.openExitInterview(c, complaintID, rec, ok)
	})
}

// openExitInterview shows the client's exit interview (of this complaint, or a new one):
// rec as the store holds it, when ok.
func (d deps) openExitInterview(c data.Client, complaintID int64, rec data.ExitInterview, ok bool) *exitDialog {
	e := &exitDialog{deps: d, client: c, complaintID: complaintID, id: rec.ID}
	e.save = newSaver(defaultSaveDelay, d.run, e.onSaved)
	e.heldOn = newDateEntry()
	e.heldBy = widget.NewEntry()
	e.heldBy.PlaceHolder = "Who holds it"
	e.independent = widget.NewCheck("Had no direct contact with the client (they speak more freely to them)", nil)
	e.notes = bigEntry(3, "Anything else they said, and what you make of it")
	e.followUp = newDateEntry()
	e.status = widget.NewLabel("")
	e.status.Importance = widget.LowImportance
	answers := map[string]string{}
	for _, a := range rec.Answers {
		answers[a.Question] = a.Answer
	}
	e.questions = data.ExitQuestions()
	for _, a := range rec.Answers { // questions asked before that the list no longer has
		if _, asked := answers[a.Question]; asked && !contains(e.questions, a.Question) {
			e.questions = append(e.questions, a.Question)
		}
	}
	opening := widget.NewLabel("“" + data.ExitOpening + "”")
	opening.Wrapping = fyne.TextWrapWord
	opening.TextStyle.Italic = true
	box := container.NewVBox(widget.NewCard("", "Open with", opening),
		widget.NewForm(widget.NewFormItem("Held on", e.heldOn), widget.NewFormItem("Held by", e.heldBy),
			widget.NewFormItem("", e.independent)))
	for _, q := range e.questions {
		a := bigEntry(2, "Their answer, in their words")
		a.SetText(answers[q])
		e.answers = append(e.answers, a)
		box.Add(widget.NewLabelWithStyle(q, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		box.Add(a)
	}
	box.Add(widget.NewForm(widget.NewFormItem("Notes", e.notes),
		&widget.FormItem{Text: "Follow up on", Widget: e.followUp, HintText: "A call at 10:00 that day, to say what changed since"}))

	e.loading = true
	if ok {
		e.heldOn.set(rec.HeldOn)
		e.heldBy.SetText(rec.HeldBy)
		e.independent.SetChecked(rec.Independent)
		e.notes.SetText(rec.Notes)
		if !rec.FollowUpDue.IsZero() {
			e.followUp.set(data.DateOf(rec.FollowUpDue.Local()))
		}
		e.status.SetText("Saved as you type.")
	} else {
		e.heldOn.set(data.DateOf(d.store.Now().Local()))
		e.status.SetText("Saved as you type, from the first word.")
	}
	e.loading = false
	for _, en := range append([]*widget.Entry{e.heldBy, e.notes}, e.answers...) {
		en.OnChanged = func(string) { e.typed() }
	}
	e.heldOn.OnChanged = func(*time.Time) { e.typed() }
	e.followUp.OnChanged = func(*time.Time) { e.typed() }
	e.independent.OnChanged = func(bool) { e.typed() }

	closeBtn := widget.NewButton("Close", func() {
		if err := e.save.flush(); err != nil {
			e.onSaved(err)
			return
		}
		e.d.Hide()
	})
	closeBtn.Importance = widget.HighImportance
	e.d = dialog.NewCustomWithoutButtons("Exit interview: "+c.Name, container.NewBorder(nil, e.status, nil, nil, container.NewVScroll(box)), d.win)
	e.d.SetButtons([]fyne.CanvasObject{closeBtn})
	e.d.Resize(dialogSize(d.win, fyne.NewSize(760, 640)))
	e.d.Show()
	return e
}

// record is the exit interview as typed.
func (e *exitDialog) record() data.ExitInterview {
	r := data.ExitInterview{ClientID: e.client.ID, ComplaintID: e.complaintID, HeldBy: e.heldBy.Text,
		Independent: e.independent.Checked, Notes: e.notes.Text}
	if e.heldOn.Validate() == nil {
		r.HeldOn = e.heldOn.value()
	}
	if e.followUp.Validate() == nil && !e.followUp.value().IsZero() {
		day := e.followUp.value()
		r.FollowUpDue = data.CheckInTime(time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, time.Local))
	}
	for i, q := range e.questions {
		if a := e.answers[i].Text; a != "" {
			r.Answers = append(r.Answers, data.ExitAnswer{Question: q, Answer: a})
		}
	}
	return r
}

// typed queues the save of what is typed; the first one makes the record.
func (e *exitDialog) typed() {
	if e.loading {
		return
	}
	r := e.record()
	store, ctx := e.store, e.ctx
	e.save.schedule("exit", func() error {
		e.mu.Lock()
		defer e.mu.Unlock()
		r.ID = e.id
		saved, err := store.SaveExitInterview(ctx, r)
		if err == nil {
			e.id = saved.ID
		}
		return err
	})
	e.status.SetText("Saving…")
}

func (e *exitDialog) onSaved(err error) {
	if err != nil {
		e.status.SetText("Not saved")
		e.showError("Saving the exit interview", err)
		return
	}
	if e.save.idle() {
		e.status.SetText("Saved " + time.Now().Format("15:04:05"))
	}
}
