package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/assets"
	"github.com/amends/amends/data"
)

// defaultSaveDelay is how long typing may pause before it is written to the file.
const defaultSaveDelay = 400 * time.Millisecond

// interviewScreen is the complaint interview wizard: a step list on the left, one step at a
// time on the right, Back/Next below. Every field is written to the store as it is typed.
type interviewScreen struct {
	u        *UI
	f        data.InterviewFile
	step     data.Step
	loading  bool // set while widgets are filled, so filling them is not taken for typing
	save     *saver
	currency string

	heading   *widget.Label
	stateTag  *widget.Label
	savedNote *widget.Label
	steps     *widget.List
	stepTitle *widget.Label
	stepHelp  *widget.Label
	banner    *widget.Label // "not confirmed" warning on the steps after Restate
	body      *fyne.Container
	back      *widget.Button
	next      *widget.Button
	closeBtn  *widget.Button
	pages     []fyne.CanvasObject
	view      fyne.CanvasObject

	// Set-up
	clientLbl   *widget.Label
	alertLbl    *widget.Label
	lockIcon    fyne.Resource // on steps that wait for the restatement
	date        *dateEntry
	how         *widget.RadioGroup
	conductedBy *widget.Entry
	leavingBox  *fyne.Container
	independent *widget.Entry
	openClient  *widget.Button
	// Listen
	account  *widget.Entry
	expected *widget.Entry
	happened *widget.Entry
	feeling  *widget.Entry
	// Restate
	roundsBox   *fyne.Container
	draftBox    *fyne.Container
	draft       *widget.Entry
	correction  *widget.Entry
	confirmed   *widget.Button
	partly      *widget.Button
	notRight    *widget.Button
	endNotConf  *widget.Button
	recordBox   *fyne.Container
	heard       *widget.Label // the Listen notes, shown in Restate while it is open
	heardCard   *widget.Card
	restateHint *widget.Label
	// Acknowledge
	errorsBox      *fyne.Container
	errorEntries   []*widget.Entry
	addError       *widget.Button
	responsibility *widget.Check
	regret         *widget.Entry
	// Ask
	clientFix *widget.Entry
	// Agree
	remediesBox    *fyne.Container
	commitmentsBox *fyne.Container
	addRemedy      *widget.Button
	addCommitment  *widget.Button
	// Prevent
	rootCause     *widget.Select
	editCauses    *widget.Button
	rootCauseText *widget.Entry
	change        *widget.Entry
	told          *widget.Check
	toldOn        *dateEntry
	// Outcome
	outcome     *widget.RadioGroup
	outcomeNote *widget.Entry
	hours       *widget.Entry
	alertState  *widget.Label
	summaryHint *widget.Label
}

func newInterviewScreen(u *UI) *interviewScreen {
	s := &interviewScreen{u: u, lockIcon: theme.NewThemedResource(fyne.NewStaticResource("lock.svg", assets.LockIcon))}
	s.save = newSaver(defaultSaveDelay, s.onSaved)
	s.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.heading.SizeName = theme.SizeNameSubHeadingText
	s.heading.Truncation = fyne.TextTruncateEllipsis
	s.stateTag = widget.NewLabel("")
	s.savedNote = widget.NewLabel("")
	s.savedNote.Importance = widget.LowImportance
	s.stepTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.stepTitle.SizeName = theme.SizeNameSubHeadingText
	s.stepHelp = widget.NewLabel("")
	s.stepHelp.Wrapping = fyne.TextWrapWord
	s.banner = widget.NewLabel("")
	s.banner.Wrapping = fyne.TextWrapWord
	s.banner.Importance = widget.WarningImportance
	s.banner.Hide()

	s.steps = widget.NewList(func() int { return len(data.InterviewSteps()) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.RadioButtonIcon()), widget.NewLabel("Acknowledge"))
		},
		s.updateStepRow)
	s.steps.OnSelected = func(i widget.ListItemID) { s.onStepSelected(data.Step(i)) }

	s.back = widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), s.onBack)
	s.next = widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), s.onNext)
	s.next.IconPlacement = widget.ButtonIconTrailingText
	s.next.Importance = widget.HighImportance
	s.closeBtn = widget.NewButtonWithIcon("All interviews", theme.ListIcon(), s.onClose)

	s.pages = []fyne.CanvasObject{s.buildSetup(), s.buildListen(), s.buildRestate(), s.buildAcknowledge(),
		s.buildAsk(), s.buildAgree(), s.buildPrevent(), s.buildOutcome()}
	s.body = container.NewStack()

	// Two rows: whose complaint it is gets the whole width (beside the buttons the
	// client's name was cut off), then where it stands and what can be printed.
	header := container.NewVBox(
		container.NewBorder(nil, nil, s.closeBtn, nil, s.heading),
		container.NewBorder(nil, nil, s.stateTag, container.NewHBox(append(s.summaryButtons(), u.letterButton(s))...)),
	)
	stepHead := container.NewVBox(s.stepTitle, s.stepHelp, s.banner)
	footer := container.NewBorder(nil, nil, s.back, container.NewHBox(s.savedNote, s.next))
	right := container.NewBorder(stepHead, footer, nil, nil, s.body)
	split := container.NewHSplit(s.steps, right)
	split.Offset = 0.21
	s.view = container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, split)
	return s
}

// --- building the steps ---

func bigEntry(rows int, placeholder string) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	e.PlaceHolder = placeholder
	return e
}

func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}

func (s *interviewScreen) buildSetup() fyne.CanvasObject {
	s.clientLbl = widget.NewLabel("")
	s.openClient = widget.NewButtonWithIcon("Client file", theme.AccountIcon(), func() { s.u.showClientFile(s.f.Client.ID) })
	s.alertLbl = widget.NewLabel("")
	s.alertLbl.Wrapping = fyne.TextWrapWord
	s.date = newDateEntry()
	s.date.OnChanged = func(*time.Time) { s.changed() }
	var hows []string
	for _, h := range data.InterviewHows() {
		hows = append(hows, h.Label())
	}
	s.how = widget.NewRadioGroup(hows, func(string) { s.changed() })
	s.how.Horizontal = true
	s.conductedBy = widget.NewEntry()
	s.conductedBy.PlaceHolder = "Who conducts the interview"
	s.conductedBy.OnChanged = func(string) { s.changed() }
	s.independent = bigEntry(2, "e.g. I work alone: nobody else can talk to the client")
	s.independent.OnChanged = func(string) { s.changed() }
	warn := widget.NewLabel("This client is lost or leaving. They speak more freely to someone who had no direct " +
		"contact with them: ask a colleague or partner to conduct the interview. If that is not possible, note why.")
	warn.Wrapping = fyne.TextWrapWord
	warn.Importance = widget.WarningImportance
	s.leavingBox = container.NewVBox(warn, widget.NewForm(widget.NewFormItem("Why not independent", s.independent)))
	form := widget.NewForm(
		widget.NewFormItem("Client", container.NewBorder(nil, nil, nil, s.openClient, s.clientLbl)),
		widget.NewFormItem("Red alert", s.alertLbl),
		widget.NewFormItem("Date", s.date),
		widget.NewFormItem("How", s.how),
		widget.NewFormItem("Conducted by", s.conductedBy),
	)
	return container.NewVScroll(container.NewVBox(form, s.leavingBox))
}

func (s *interviewScreen) buildListen() fyne.CanvasObject {
	s.account = bigEntry(10, "Type what the client says, in their own words. Nothing else is needed while they talk.")
	s.expected = bigEntry(3, "What they expected")
	s.happened = bigEntry(3, "What happened instead")
	s.feeling = widget.NewEntry()
	s.feeling.PlaceHolder = "e.g. let down, angry, embarrassed in front of their board"
	for _, e := range []*widget.Entry{s.account, s.expected, s.happened, s.feeling} {
		e.OnChanged = func(string) { s.changed() }
	}
	return container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("The client's account", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.account,
		widget.NewForm(
			widget.NewFormItem("Expected", s.expected),
			widget.NewFormItem("Happened", s.happened),
			widget.NewFormItem("How they feel", s.feeling),
		)))
}

func (s *interviewScreen) buildRestate() fyne.CanvasObject {
	s.roundsBox = container.NewVBox()
	s.draft = bigEntry(4, "So what I'm hearing is …")
	s.draft.OnChanged = func(string) { s.roundChanged() }
	s.correction = bigEntry(2, "If it is not right: the client's correction, in their words")
	s.correction.OnChanged = func(string) { s.roundChanged() }
	s.confirmed = widget.NewButtonWithIcon("Confirmed", theme.ConfirmIcon(), func() { s.onAnswer(data.AnswerConfirmed) })
	s.confirmed.Importance = widget.SuccessImportance
	s.partly = widget.NewButton("Partly right", func() { s.onAnswer(data.AnswerPartly) })
	s.notRight = widget.NewButton("Not right", func() { s.onAnswer(data.AnswerNotRight) })
	s.endNotConf = widget.NewButtonWithIcon("End as not confirmed…", theme.CancelIcon(), s.onEndNotConfirmed)
	s.endNotConf.Importance = widget.LowImportance
	s.restateHint = hint("")
	s.draftBox = container.NewVBox(
		widget.NewLabelWithStyle("Your restatement", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.draft,
		widget.NewLabelWithStyle("The client's answer", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.correction,
		container.NewHBox(s.confirmed, s.partly, s.notRight, widget.NewSeparator(), s.endNotConf),
		s.restateHint,
	)
	s.recordBox = container.NewVBox()
	// What the client said in Listen, in view while the restatement is written from it.
	s.heard = widget.NewLabel("")
	s.heard.Wrapping = fyne.TextWrapWord
	s.heardCard = widget.NewCard("", "What the client told you", s.heard)
	s.heardCard.Hide()
	return container.NewVScroll(container.NewVBox(s.recordBox, s.heardCard, s.roundsBox, s.draftBox))
}

func (s *interviewScreen) buildAcknowledge() fyne.CanvasObject {
	s.errorsBox = container.NewVBox()
	s.addError = widget.NewButtonWithIcon("Add an error", theme.ContentAddIcon(), s.onAddError)
	s.responsibility = widget.NewCheck("We accept responsibility", func(bool) { s.changed() })
	s.regret = bigEntry(3, "e.g. I am sorry we let you down on the Köln figures.")
	s.regret.OnChanged = func(string) { s.changed() }
	return container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("Errors we acknowledge", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		hint("One thing we got wrong per line, in plain words."),
		s.errorsBox, container.NewHBox(s.addError),
		widget.NewSeparator(),
		s.responsibility,
		widget.NewLabelWithStyle("Words of regret used", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.regret,
	))
}

func (s *interviewScreen) buildAsk() fyne.CanvasObject {
	s.clientFix = bigEntry(6, "Ask: \"What would put this right for you?\" and write the answer in their words.")
	s.clientFix.OnChanged = func(string) { s.changed() }
	return container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("The client's suggestion", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.clientFix))
}

func (s *interviewScreen) buildAgree() fyne.CanvasObject {
	s.remediesBox = container.NewVBox()
	s.commitmentsBox = container.NewVBox()
	s.addRemedy = widget.NewButtonWithIcon("Add remedy…", theme.ContentAddIcon(), func() { s.onRemedy(data.Remedy{}) })
	s.addCommitment = widget.NewButtonWithIcon("Add commitment…", theme.ContentAddIcon(), func() { s.onCommitment(data.Commitment{}) })
	return container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("Remedies", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		hint("What we give to put it right: replacement, additional service, discount, refund, credit."),
		s.remediesBox, container.NewHBox(s.addRemedy),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Commitments", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		hint("Dated promises, e.g. \"I will email you the revised report on Tuesday at 16:00\". Each one becomes a follow-up."),
		s.commitmentsBox, container.NewHBox(s.addCommitment),
	))
}

func (s *interviewScreen) buildPrevent() fyne.CanvasObject {
	s.rootCause = widget.NewSelect(nil, func(string) { s.changed() })
	s.rootCause.PlaceHolder = "Choose a category"
	s.editCauses = widget.NewButtonWithIcon("Edit list…", theme.DocumentCreateIcon(), s.onEditCauses)
	s.rootCauseText = bigEntry(3, "Why it happened, in a few sentences")
	s.change = bigEntry(3, "What changes in our procedures so it does not happen again")
	s.told = widget.NewCheck("The client is told what changed", func(bool) { s.changed() })
	s.toldOn = newDateEntry()
	s.toldOn.OnChanged = func(*time.Time) { s.changed() }
	for _, e := range []*widget.Entry{s.rootCauseText, s.change} {
		e.OnChanged = func(string) { s.changed() }
	}
	return container.NewVScroll(widget.NewForm(
		widget.NewFormItem("Root cause", container.NewBorder(nil, nil, nil, s.editCauses, s.rootCause)),
		widget.NewFormItem("In words", s.rootCauseText),
		widget.NewFormItem("What changes", s.change),
		widget.NewFormItem("Client told", s.told),
		&widget.FormItem{Text: "On", Widget: s.toldOn, HintText: "When they were (or will be) told"},
	))
}

func (s *interviewScreen) buildOutcome() fyne.CanvasObject {
	var outs []string
	for _, o := range data.Outcomes() {
		outs = append(outs, o.Label())
	}
	s.outcome = widget.NewRadioGroup(outs, func(string) { s.onOutcome() })
	s.outcome.Required = true
	s.outcomeNote = bigEntry(2, "e.g. Accepted the discount and renewed for a year")
	s.outcomeNote.OnChanged = func(string) { s.changed() }
	s.hours = validatedEntry(func(v string) error { _, err := parseHours(v); return err }, "e.g. 2.5")
	s.hours.OnChanged = func(string) { s.changed() }
	s.alertState = widget.NewLabel("")
	s.alertState.Wrapping = fyne.TextWrapWord
	s.summaryHint = hint("")
	return container.NewVScroll(container.NewVBox(widget.NewForm(
		widget.NewFormItem("Outcome", s.outcome),
		widget.NewFormItem("Note", s.outcomeNote),
		&widget.FormItem{Text: "Hours spent", Widget: s.hours, HintText: "Your time on this complaint, for deciding which clients to keep"},
		widget.NewFormItem("Red alert", s.alertState),
	), s.summaryHint))
}

// parseHours reads "2.5", "2,5" or "" (none).
func parseHours(v string) (float64, error) {
	v = strings.TrimSpace(strings.ReplaceAll(v, ",", "."))
	if v == "" {
		return 0, nil
	}
	h, err := strconv.ParseFloat(v, 64)
	if err != nil || h < 0 || h > 10000 {
		return 0, errors.New("enter the hours spent, e.g. 2.5")
	}
	return h, nil
}

func formatHours(h float64) string {
	if h == 0 {
		return ""
	}
	return strconv.FormatFloat(h, 'f', -1, 64)
}

// --- loading ---

// open loads complaint id into the wizard, at the first step that still needs work.
func (s *interviewScreen) open(id int64) error {
	s.flush()
	f, err := s.u.store.InterviewFile(s.u.ctx, id)
	if err != nil {
		return err
	}
	s.f = f
	s.currency = s.u.currency()
	s.fill()
	s.goTo(s.resumeStep())
	s.savedNote.SetText("")
	return nil
}

// settingLastStep remembers the interview and step last worked on, to continue there.
const settingLastStep = "interview_last_step"

// resumeStep is where the user left this interview, or else the first step that needs work.
func (s *interviewScreen) resumeStep() data.Step {
	last, _ := s.u.store.Setting(s.u.ctx, settingLastStep, "")
	var id int64
	var st int
	if n, _ := fmt.Sscanf(last, "%d %d", &id, &st); n == 2 && id == s.f.Complaint.ID &&
		st >= 0 && st < len(data.InterviewSteps()) && !s.locked(data.Step(st)) {
		return data.Step(st)
	}
	for _, st := range data.InterviewSteps() {
		if !s.f.Done(st) {
			return st
		}
	}
	return data.StepOutcome
}

// reload reads the complaint again (after a change made through a button) and refreshes.
func (s *interviewScreen) reload() {
	if s.f.Complaint.ID == 0 {
		return
	}
	f, err := s.u.store.InterviewFile(s.u.ctx, s.f.Complaint.ID)
	if err != nil {
		s.u.showError("Loading the interview", err)
		return
	}
	// Keep what is typed but not yet written: the widgets hold the truth for those fields.
	typed := s.collect()
	f.Complaint = mergeTyped(f.Complaint, typed)
	s.f = f
	s.fillLists()
	s.refreshState()
}

// mergeTyped takes the typed interview fields from typed and everything else from stored.
func mergeTyped(stored, typed data.Complaint) data.Complaint {
	out := typed
	out.Outcome, out.OutcomeAt = stored.Outcome, stored.OutcomeAt
	out.RestateState, out.RestateReason, out.RestateEnded, out.Record = stored.RestateState, stored.RestateReason, stored.RestateEnded, stored.Record
	out.Updated = stored.Updated
	return out
}

func (s *interviewScreen) fill() {
	s.loading = true
	defer func() { s.loading = false }()
	k := s.f.Complaint
	s.heading.SetText(fmt.Sprintf("Complaint %d · %s", k.ID, s.f.Client.Name))
	client := s.f.Client.Name
	if s.f.Client.Company != "" {
		client += " · " + s.f.Client.Company
	}
	s.clientLbl.SetText(client + " (" + s.f.Client.Status.Label() + ")")
	s.date.set(k.InterviewOn)
	s.how.SetSelected(k.How.Label())
	if k.How == "" {
		s.how.SetSelected("")
	}
	s.conductedBy.SetText(k.ConductedBy)
	s.independent.SetText(k.IndependentNote)
	s.account.SetText(k.Account)
	s.expected.SetText(k.Expected)
	s.happened.SetText(k.Happened)
	s.feeling.SetText(k.Feeling)
	s.responsibility.SetChecked(k.Responsibility)
	s.regret.SetText(k.Regret)
	s.clientFix.SetText(k.ClientFix)
	causes, err := s.u.store.RootCauses(s.u.ctx)
	if err != nil {
		s.u.showError("Loading the root-cause list", err)
	}
	if k.RootCause != "" && !contains(causes, k.RootCause) {
		causes = append(causes, k.RootCause)
	}
	s.rootCause.Options = causes
	s.rootCause.Selected = ""
	s.rootCause.SetSelected(k.RootCause)
	s.rootCauseText.SetText(k.RootCauseText)
	s.change.SetText(k.ProcedureChange)
	s.told.SetChecked(k.ClientTold)
	s.toldOn.set(k.ClientToldOn)
	s.outcome.SetSelected(k.Outcome.Label())
	s.outcomeNote.SetText(k.OutcomeNote)
	s.hours.SetText(formatHours(k.Hours))
	s.fillLists()
	s.refreshState()
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// fillLists rebuilds the parts made of stored items: rounds, errors, remedies, commitments.
func (s *interviewScreen) fillLists() {
	was := s.loading
	s.loading = true
	defer func() { s.loading = was }()
	s.fillRestate()
	s.fillErrors()
	s.fillRemedies()
	s.fillCommitments()
	// The boxes changed size: lay their pages out again, or the parts overlap.
	for _, p := range s.pages {
		p.Refresh()
	}
}

// --- the restate step ---

func (s *interviewScreen) fillRestate() {
	k := s.f.Complaint
	s.roundsBox.RemoveAll()
	for _, r := range s.f.Rounds {
		if !r.Answered() && k.RestateState == data.RestateOpen {
			continue // being written in the entry below
		}
		s.roundsBox.Add(roundCard(r))
	}
	s.recordBox.RemoveAll()
	switch k.RestateState {
	case data.RestateConfirmed:
		r, _ := s.f.ConfirmedRound()
		text := widget.NewLabel(r.Text)
		text.Wrapping = fyne.TextWrapWord
		text.TextStyle.Italic = true
		s.recordBox.Add(widget.NewCard("Complaint of record",
			fmt.Sprintf("Round %d, confirmed by the client on %s", r.Number, longTime(r.AnsweredAt)), text))
		s.draftBox.Hide()
		s.heardCard.Hide()
	case data.RestateNotConfirmed:
		l := widget.NewLabel(fmt.Sprintf("The restate step was ended on %s as NOT CONFIRMED.\nReason: %s\n"+
			"There is no agreed understanding of the complaint: later steps and letters must not claim one.",
			longTime(k.RestateEnded), k.RestateReason))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		s.recordBox.Add(l)
		s.draftBox.Hide()
		s.heardCard.Hide()
	default:
		s.draftBox.Show()
		var waiting *data.Round
		if n := len(s.f.Rounds); n > 0 {
			waiting = &s.f.Rounds[n-1]
		}
		switch {
		case waiting != nil && !waiting.Answered():
			s.draft.SetText(waiting.Text)
			s.correction.SetText(waiting.Correction)
		case waiting != nil:
			// After "partly/not right": start the next round from the last one, to revise it.
			s.draft.SetText(waiting.Text)
			s.correction.SetText("")
		default:
			s.draft.SetText("")
			s.correction.SetText("")
		}
		round := len(s.f.Rounds) + 1
		if waiting != nil && !waiting.Answered() {
			round = waiting.Number
		}
		s.restateHint.SetText(fmt.Sprintf("Round %d. Read your restatement to the client and record their answer. "+
			"Partly right or not right needs their correction and opens a new round.", round))
	}
	s.recordBox.Refresh()
	s.roundsBox.Refresh()
}

// showHeard puts the client's account from Listen above the restatement while the
// restate step is open: the restatement is said back from what was heard.
func (s *interviewScreen) showHeard() {
	var parts []string
	if a := strings.TrimSpace(s.account.Text); a != "" {
		parts = append(parts, a)
	}
	for _, f := range []struct{ label, text string }{
		{"Expected", s.expected.Text}, {"Happened", s.happened.Text}, {"How they feel", s.feeling.Text}} {
		if t := strings.TrimSpace(f.text); t != "" {
			parts = append(parts, f.label+": "+t)
		}
	}
	if len(parts) == 0 || s.f.Complaint.RestateState != data.RestateOpen {
		s.heardCard.Hide()
		return
	}
	s.heard.SetText(strings.Join(parts, "\n"))
	s.heardCard.Show()
}

func roundCard(r data.Round) fyne.CanvasObject {
	said := widget.NewLabel(r.Text)
	said.Wrapping = fyne.TextWrapWord
	parts := []fyne.CanvasObject{said}
	if r.Answered() {
		ans := widget.NewLabelWithStyle(fmt.Sprintf("%s — %s", r.Answer.Label(), longTime(r.AnsweredAt)),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		ans.Importance = widget.WarningImportance
		if r.Answer == data.AnswerConfirmed {
			ans.Importance = widget.SuccessImportance
		}
		parts = append(parts, ans)
		if r.Correction != "" {
			c := widget.NewLabel("Client: “" + r.Correction + "”")
			c.Wrapping = fyne.TextWrapWord
			parts = append(parts, c)
		}
	} else {
		parts = append(parts, widget.NewLabel("No answer was recorded."))
	}
	return widget.NewCard(fmt.Sprintf("Round %d", r.Number), "Said "+longTime(r.AskedAt), container.NewVBox(parts...))
}

func longTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Local().Format("2 Jan 2006 at 15:04")
}

// roundChanged saves the restatement being written (and a correction typed early).
func (s *interviewScreen) roundChanged() {
	if s.loading || s.f.Complaint.RestateState != data.RestateOpen {
		return
	}
	id, text, corr := s.f.Complaint.ID, s.draft.Text, s.correction.Text
	store, ctx := s.u.store, s.u.ctx
	s.save.schedule("round", func() error {
		_, err := store.DraftRound(ctx, id, text, corr)
		return err
	})
	s.savedNote.SetText("Saving…")
	s.refreshButtons()
}

func (s *interviewScreen) onAnswer(a data.Answer) {
	if strings.TrimSpace(s.draft.Text) == "" {
		s.u.showError("Recording the answer", &data.FieldError{Field: "restatement", Msg: "write what you heard before the client answers"})
		return
	}
	if a != data.AnswerConfirmed && strings.TrimSpace(s.correction.Text) == "" {
		s.u.showError("Recording the answer", &data.FieldError{Field: "the client's answer", Msg: "write down the client's correction in their words"})
		s.u.win.Canvas().Focus(s.correction)
		return
	}
	// Write what is pending, make sure the round holds exactly what is on screen, then answer it.
	s.flush()
	r, err := s.u.store.DraftRound(s.u.ctx, s.f.Complaint.ID, s.draft.Text, s.correction.Text)
	if err == nil {
		// A remark typed with "Confirmed" is kept with the round too: it is what the client said.
		_, err = s.u.store.AnswerRound(s.u.ctx, r.ID, a, s.correction.Text)
	}
	if err != nil {
		s.u.showError("Recording the client's answer", err)
		return
	}
	s.reload()
	s.u.refreshBadges()
	if a == data.AnswerConfirmed {
		s.savedNote.SetText("Confirmed")
	} else {
		s.u.win.Canvas().Focus(s.draft)
	}
}

func (s *interviewScreen) onEndNotConfirmed() {
	reason := widget.NewMultiLineEntry()
	reason.Wrapping = fyne.TextWrapWord
	reason.SetMinRowsVisible(3)
	reason.PlaceHolder = "e.g. The client would not agree to any summary and ended the call"
	reason.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("say why the client did not confirm")
		}
		return nil
	}
	item := widget.NewFormItem("Reason", reason)
	item.HintText = "The interview will show that there is no agreed understanding of the complaint. This cannot be undone."
	d := dialog.NewForm("End the restate step as not confirmed", "End as not confirmed", "Cancel",
		[]*widget.FormItem{item}, func(ok bool) {
			if ok {
				s.endNotConfirmed(reason.Text)
			}
		}, s.u.win)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
}

func (s *interviewScreen) endNotConfirmed(reason string) {
	s.flush()
	if err := s.u.store.EndNotConfirmed(s.u.ctx, s.f.Complaint.ID, reason); err != nil {
		s.u.showError("Ending the restate step", err)
		return
	}
	s.reload()
}

// --- the acknowledge step ---

func (s *interviewScreen) fillErrors() {
	s.errorsBox.RemoveAll()
	s.errorEntries = nil
	for i, e := range s.f.Errors {
		id := e.ID
		entry := widget.NewEntry()
		entry.PlaceHolder = "e.g. The report was two weeks late"
		entry.SetText(e.Text)
		idx := i
		entry.OnChanged = func(v string) {
			if s.loading {
				return
			}
			s.f.Errors[idx].Text = v
			store, ctx := s.u.store, s.u.ctx
			s.save.schedule(fmt.Sprintf("error:%d", id), func() error { return store.SetAckError(ctx, id, v) })
			s.savedNote.SetText("Saving…")
			s.refreshSteps()
		}
		entry.OnSubmitted = func(string) { s.onAddError() } // Enter starts the next error
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.onRemoveError(id) })
		s.errorEntries = append(s.errorEntries, entry)
		s.errorsBox.Add(container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("%d.", i+1)), remove, entry))
	}
	s.errorsBox.Refresh()
}

func (s *interviewScreen) onAddError() {
	s.flush()
	if _, err := s.u.store.AddAckError(s.u.ctx, s.f.Complaint.ID, ""); err != nil {
		s.u.showError("Adding an error", err)
		return
	}
	s.reload()
	if n := len(s.errorEntries); n > 0 {
		s.u.win.Canvas().Focus(s.errorEntries[n-1])
	}
}

func (s *interviewScreen) onRemoveError(id int64) {
	s.flush()
	if err := s.u.store.RemoveAckError(s.u.ctx, id); err != nil {
		s.u.showError("Removing the error", err)
		return
	}
	s.reload()
}

// --- the agree step ---

func (s *interviewScreen) fillRemedies() {
	s.remediesBox.RemoveAll()
	if len(s.f.Remedies) == 0 {
		s.remediesBox.Add(hint("No remedy agreed yet."))
	}
	for _, r := range s.f.Remedies {
		r := r
		text := r.Kind.Label()
		if v := r.ValueText(s.currency); v != "" {
			text += " · " + v
		}
		if r.Description != "" {
			text += " · " + r.Description
		}
		if !r.Due.IsZero() {
			text += " · due " + r.Due.Format("2 Jan 2006")
		}
		acc := widget.NewLabel("not accepted")
		acc.Importance = widget.WarningImportance
		if r.Accepted {
			acc.SetText("accepted")
			acc.Importance = widget.SuccessImportance
		}
		lbl := widget.NewLabel(text)
		lbl.Truncation = fyne.TextTruncateEllipsis
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { s.onRemedy(r) })
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.onRemoveRemedy(r) })
		s.remediesBox.Add(container.NewBorder(nil, nil, nil, container.NewHBox(acc, edit, del), lbl))
	}
	s.remediesBox.Refresh()
}

func (s *interviewScreen) fillCommitments() {
	s.commitmentsBox.RemoveAll()
	if len(s.f.Commitments) == 0 {
		s.commitmentsBox.Add(hint("No commitment made yet."))
	}
	for _, c := range s.f.Commitments {
		c := c
		text := c.Due.Local().Format("Mon 2 Jan 2006, 15:04") + " · " + c.What
		if c.Channel != "" {
			text += " · by " + strings.ToLower(c.Channel)
		}
		state := widget.NewLabel("follow-up due")
		switch {
		case !c.Done.IsZero():
			state.SetText("done " + c.Done.Local().Format("2 Jan"))
			state.Importance = widget.SuccessImportance
		case c.Due.Before(s.u.store.Now()):
			state.SetText("overdue")
			state.Importance = widget.DangerImportance
		}
		lbl := widget.NewLabel(text)
		lbl.Truncation = fyne.TextTruncateEllipsis
		edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { s.onCommitment(c) })
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.onRemoveCommitment(c) })
		s.commitmentsBox.Add(container.NewBorder(nil, nil, nil, container.NewHBox(state, edit, del), lbl))
	}
	s.commitmentsBox.Refresh()
}

// onRemedy adds (r.ID == 0) or edits a remedy in a dialog.
func (s *interviewScreen) onRemedy(r data.Remedy) {
	s.flush()
	f := newRemedyForm(r, s.currency)
	title := "Add a remedy"
	if r.ID != 0 {
		title = "Edit the remedy"
	}
	var d dialog.Dialog
	d = dialog.NewForm(title, "Save", "Cancel", f.items(), func(ok bool) {
		if !ok {
			return
		}
		if err := s.saveRemedy(f); err != nil {
			s.u.showError("Saving the remedy", err)
			// Show the form again with what was typed, so nothing is lost.
			d.Show()
		}
	}, s.u.win)
	d.Resize(fyne.NewSize(560, 420))
	d.Show()
}

// saveRemedy stores what the remedy form holds.
func (s *interviewScreen) saveRemedy(f *remedyForm) error {
	r, err := f.remedy()
	if err != nil {
		return err
	}
	r.ComplaintID = s.f.Complaint.ID
	if r.ID == 0 {
		_, err = s.u.store.AddRemedy(s.u.ctx, r)
	} else {
		err = s.u.store.UpdateRemedy(s.u.ctx, r)
	}
	if err != nil {
		return err
	}
	s.reload()
	return nil
}

func (s *interviewScreen) onRemoveRemedy(r data.Remedy) {
	dialog.ShowConfirm("Remove remedy", "Remove "+r.Kind.Label()+"?", func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.store.RemoveRemedy(s.u.ctx, r.ID); err != nil {
			s.u.showError("Removing the remedy", err)
			return
		}
		s.reload()
	}, s.u.win)
}

func (s *interviewScreen) onCommitment(c data.Commitment) {
	s.flush()
	f := newCommitmentForm(c, s.u.store.Now())
	title := "Add a commitment"
	if c.ID != 0 {
		title = "Edit the commitment"
	}
	var d dialog.Dialog
	d = dialog.NewForm(title, "Save", "Cancel", f.items(), func(ok bool) {
		if !ok {
			return
		}
		if err := s.saveCommitment(f); err != nil {
			s.u.showError("Saving the commitment", err)
			d.Show()
		}
	}, s.u.win)
	d.Resize(fyne.NewSize(560, 380))
	d.Show()
}

func (s *interviewScreen) saveCommitment(f *commitmentForm) error {
	c, err := f.commitment()
	if err != nil {
		return err
	}
	c.ComplaintID = s.f.Complaint.ID
	if c.ID == 0 {
		_, err = s.u.store.AddCommitment(s.u.ctx, c)
	} else {
		err = s.u.store.UpdateCommitment(s.u.ctx, c)
	}
	if err != nil {
		return err
	}
	s.reload()
	return nil
}

func (s *interviewScreen) onRemoveCommitment(c data.Commitment) {
	dialog.ShowConfirm("Remove commitment", "Remove “"+c.What+"” and its follow-up?", func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.store.RemoveCommitment(s.u.ctx, c.ID); err != nil {
			s.u.showError("Removing the commitment", err)
			return
		}
		s.reload()
	}, s.u.win)
}

// --- the prevent step ---

func (s *interviewScreen) onEditCauses() {
	causes, err := s.u.store.RootCauses(s.u.ctx)
	if err != nil {
		s.u.showError("Loading the root-cause list", err)
		return
	}
	e := widget.NewMultiLineEntry()
	e.SetText(strings.Join(causes, "\n"))
	e.SetMinRowsVisible(9)
	item := widget.NewFormItem("Categories", e)
	item.HintText = "One category a line. Interviews keep the category they were given."
	d := dialog.NewForm("Root-cause categories", "Save", "Cancel", []*widget.FormItem{item}, func(ok bool) {
		if !ok {
			return
		}
		if err := s.u.store.SetRootCauses(s.u.ctx, strings.Split(e.Text, "\n")); err != nil {
			s.u.showError("Saving the root-cause list", err)
			return
		}
		causes, _ := s.u.store.RootCauses(s.u.ctx)
		if cur := s.rootCause.Selected; cur != "" && !contains(causes, cur) {
			causes = append(causes, cur)
		}
		s.rootCause.Options = causes
		s.rootCause.Refresh()
	}, s.u.win)
	d.Resize(fyne.NewSize(460, 420))
	d.Show()
}

// --- the outcome step ---

func (s *interviewScreen) onOutcome() {
	if s.loading || s.f.Complaint.ID == 0 {
		return
	}
	o, ok := data.OutcomeFromLabel(s.outcome.Selected)
	if !ok {
		return
	}
	s.flush()
	before, client, id := s.f.Complaint.Outcome, s.f.Client, s.f.Complaint.ID
	if err := s.u.store.SetOutcome(s.u.ctx, s.f.Complaint.ID, o, s.outcomeNote.Text); err != nil {
		s.u.showError("Setting the outcome", err)
		return
	}
	s.reload()
	s.u.refreshBadges()
	s.u.refreshAlertViews()
	s.u.afterOutcome(client, id, before, o, s.f.Complaint.RootCause)
}

// --- typing and saving ---

// collect reads the typed interview fields into a copy of the complaint.
func (s *interviewScreen) collect() data.Complaint {
	k := s.f.Complaint
	k.InterviewOn = s.date.value()
	k.How, _ = data.InterviewHowFromLabel(s.how.Selected)
	k.ConductedBy = s.conductedBy.Text
	k.IndependentNote = s.independent.Text
	k.Account, k.Expected, k.Happened, k.Feeling = s.account.Text, s.expected.Text, s.happened.Text, s.feeling.Text
	k.Responsibility = s.responsibility.Checked
	k.Regret = s.regret.Text
	k.ClientFix = s.clientFix.Text
	k.RootCause = s.rootCause.Selected
	k.RootCauseText, k.ProcedureChange = s.rootCauseText.Text, s.change.Text
	k.ClientTold = s.told.Checked
	k.ClientToldOn = s.toldOn.value()
	k.OutcomeNote = s.outcomeNote.Text
	if h, err := parseHours(s.hours.Text); err == nil {
		k.Hours = h
	}
	return k
}

// changed is called on every edit of an interview field: it queues the save.
func (s *interviewScreen) changed() {
	if s.loading || s.f.Complaint.ID == 0 {
		return
	}
	k := s.collect()
	s.f.Complaint = k
	store, ctx := s.u.store, s.u.ctx
	s.save.schedule("interview", func() error { return store.SaveInterview(ctx, k) })
	s.savedNote.SetText("Saving…")
	s.refreshState()
}

// flush writes everything typed now (before leaving, closing, or a button's own write).
func (s *interviewScreen) flush() {
	if s.save != nil {
		s.save.flush()
	}
}

// onSaved reports how the last write went, next to Next.
func (s *interviewScreen) onSaved(err error) {
	if err != nil {
		s.savedNote.SetText("Not saved")
		s.savedNote.Importance = widget.DangerImportance
		s.savedNote.Refresh()
		s.u.showError("Saving the interview", err)
		return
	}
	if !s.save.idle() {
		return
	}
	s.savedNote.Importance = widget.LowImportance
	s.savedNote.SetText("Saved " + time.Now().Format("15:04:05"))
}

// --- navigation ---

func (s *interviewScreen) refreshState() {
	k := s.f.Complaint
	tag := k.RestateState.Label() + " · " + k.Outcome.Label()
	s.stateTag.SetText(tag)
	switch k.RestateState {
	case data.RestateNotConfirmed:
		s.stateTag.Importance = widget.WarningImportance
	case data.RestateConfirmed:
		s.stateTag.Importance = widget.SuccessImportance
	default:
		s.stateTag.Importance = widget.MediumImportance
	}
	s.stateTag.Refresh()
	if s.f.LeavingClient() {
		s.leavingBox.Show()
	} else {
		s.leavingBox.Hide()
	}
	if s.f.Alert != nil {
		a := *s.f.Alert
		text := fmt.Sprintf("%s, received %s", a.Summary(), longTime(a.Received))
		if a.Note != "" {
			text += ": “" + a.Note + "”" // what was logged in the moment, to start from
		}
		s.alertLbl.SetText(text)
		if a.Open() {
			s.alertState.SetText("Open since " + longTime(a.Received) + ". Setting an outcome resolves it.")
		} else {
			s.alertState.SetText(fmt.Sprintf("Resolved %s (after %s): %s", longTime(a.ResolvedAt), ageText(a.TimeToResolution()), a.Resolution))
		}
	} else {
		s.alertLbl.SetText("None: started without an alert")
		s.alertState.SetText("None")
	}
	s.summaryHint.SetText("Print the one-page summary for the client to sign with \"Save summary PDF…\" or \"Open summary\" at the top. " +
		restateNote(k))
	s.refreshSteps()
	s.refreshButtons()
}

func (s *interviewScreen) refreshSteps() {
	s.steps.Refresh()
}

func (s *interviewScreen) updateStepRow(i widget.ListItemID, o fyne.CanvasObject) {
	st := data.Step(i)
	row := o.(*fyne.Container)
	icon, label := row.Objects[0].(*widget.Icon), row.Objects[1].(*widget.Label)
	text := fmt.Sprintf("%d. %s", i+1, st.Label())
	label.Importance = widget.MediumImportance
	switch {
	case st == data.StepRestate && s.f.Complaint.RestateState == data.RestateNotConfirmed:
		icon.SetResource(theme.WarningIcon())
		text += " (not confirmed)"
		label.Importance = widget.WarningImportance
	case s.f.Done(st):
		icon.SetResource(theme.ConfirmIcon())
		label.Importance = widget.SuccessImportance
	case s.locked(st):
		icon.SetResource(s.lockIcon) // waits for the client to confirm, or the step to be ended
		label.Importance = widget.LowImportance
	default:
		icon.SetResource(theme.RadioButtonIcon())
	}
	label.SetText(text)
}

// locked reports whether a step waits for the restatement to be confirmed or ended.
func (s *interviewScreen) locked(st data.Step) bool {
	return st > data.StepRestate && s.f.Complaint.RestateState == data.RestateOpen
}

func (s *interviewScreen) refreshButtons() {
	if s.step == data.StepSetup {
		s.back.Disable()
	} else {
		s.back.Enable()
	}
	switch {
	case s.step == data.StepOutcome, s.locked(s.step + 1):
		s.next.Disable()
	default:
		s.next.Enable()
	}
	answering := strings.TrimSpace(s.draft.Text) != ""
	for _, b := range []*widget.Button{s.confirmed, s.partly, s.notRight} {
		if answering {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if s.step > data.StepRestate && s.f.Complaint.RestateState == data.RestateNotConfirmed {
		s.banner.SetText("Not confirmed: the client did not confirm the restatement (" +
			strings.TrimRight(strings.TrimSpace(s.f.Complaint.RestateReason), ".") +
			"). Record what was said without claiming an agreed understanding.")
		s.banner.Show()
	} else {
		s.banner.Hide()
	}
}

var stepHelp = map[data.Step]string{
	data.StepSetup:       "When, how and by whom the interview is held.",
	data.StepListen:      "Hear the client out. Type while they talk; nothing here is required.",
	data.StepRestate:     "Say back what you heard until the client confirms it. Every round is kept.",
	data.StepAcknowledge: "Own what went wrong, in plain words.",
	data.StepAsk:         "Ask the client how they would like it fixed.",
	data.StepAgree:       "Agree the remedy and make dated commitments.",
	data.StepPrevent:     "Find why it happened and what changes so it never happens again.",
	data.StepOutcome:     "How the complaint ended. Setting it resolves the red alert.",
}

func (s *interviewScreen) goTo(st data.Step) {
	s.flush()
	if s.step != st || s.body.Objects == nil {
		// Losing this only means opening at another step next time: not worth a dialog.
		_ = s.u.store.SetSetting(s.u.ctx, settingLastStep, fmt.Sprintf("%d %d", s.f.Complaint.ID, st))
	}
	s.step = st
	s.body.Objects = []fyne.CanvasObject{s.pages[st]}
	s.body.Refresh()
	s.stepTitle.SetText(fmt.Sprintf("Step %d of %d: %s", int(st)+1, len(data.InterviewSteps()), st.Label()))
	s.stepHelp.SetText(stepHelp[st])
	s.steps.Select(widget.ListItemID(st))
	s.refreshButtons()
	switch st {
	case data.StepListen:
		s.u.win.Canvas().Focus(s.account)
	case data.StepRestate:
		s.showHeard()
		if s.f.Complaint.RestateState == data.RestateOpen {
			s.u.win.Canvas().Focus(s.draft)
		}
	case data.StepAsk:
		s.u.win.Canvas().Focus(s.clientFix)
	}
}

func (s *interviewScreen) onStepSelected(st data.Step) {
	if st == s.step {
		return
	}
	if s.locked(st) {
		s.steps.Select(widget.ListItemID(s.step))
		s.savedNote.SetText("Restate first: confirm it or end it as not confirmed")
		return
	}
	s.goTo(st)
}

func (s *interviewScreen) onNext() {
	if s.step < data.StepOutcome && !s.locked(s.step+1) {
		s.goTo(s.step + 1)
	}
}

func (s *interviewScreen) onBack() {
	if s.step > data.StepSetup {
		s.goTo(s.step - 1)
	}
}

func (s *interviewScreen) onClose() {
	s.flush()
	s.f = data.InterviewFile{}
	s.u.interviews.showList()
}
