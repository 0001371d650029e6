package app

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/assets"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// defaultSaveDelay is how long typing may pause before it is written to the file.
const defaultSaveDelay = 400 * time.Millisecond

// interviewScreen is the complaint interview wizard: a step list on the left, one step at a
// time on the right, Back/Next below. Every field is written to the store as it is typed,
// and only what was typed (data.SaveInterviewEdit); a change the store announces shows
// in the fields the user has not touched.
type interviewScreen struct {
	deps
	toList func() // back to the list of interviews
	f      data.InterviewFile
	fields edits // the typed fields against what the store holds, for refreshes
	// stored is the complaint as the store last held it, for the writes made off the UI
	// thread: each write compares what it types with it.
	storedMu sync.Mutex
	stored   data.Complaint
	step     data.Step
	loading  bool // set while widgets are filled, so filling them is not taken for typing
	save     *saver
	cur      string // the currency money is shown in
	lang     string // the language spoken with the client: the letters' language
	we       bool   // the letterhead's voice, for what is read back
	// composed is the restatement last built from the composer's parts: the sentence is
	// built again while it still says exactly that, and left alone once edited.
	composed string
	undo     *data.OutcomeUndo // the outcome just set, while it can be undone
	round    int               // counts opens, so that only the newest one is shown
	live     *liveMode         // the call in live mode, while it is open

	heading   *cutLabel
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
	liveBtn   *widget.Button
	actions   *fyne.Container                 // the action bar: the step's main actions, always in view
	stepActs  map[data.Step]fyne.CanvasObject // each step's actions, shown in the bar
	pages     []fyne.CanvasObject
	frames    []*fyne.Container // each page in the body, shown or hidden
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
	moodStart   *widget.RadioGroup
	// Listen
	account  *widget.Entry
	expected *widget.Entry
	happened *widget.Entry
	feeling  *widget.Entry
	// Restate
	roundsBox   *fyne.Container
	draftBox    *fyne.Container
	what        *widget.Entry // the composer's slots
	impact      *widget.Entry
	feels       *widget.Entry
	emotions    *fyne.Container // words to name the feeling with
	sayLang     *widget.Select  // the language the sentence is built in
	draft       *widget.Entry
	correction  *widget.Entry
	confirmed   *widget.Button
	partly      *widget.Button
	notRight    *widget.Button
	pause       *widget.Button
	endNotConf  *widget.Button
	stillUpset  *widget.Card  // naming the emotion, after "not right" or with an angry client
	callBack    *widget.Label // the call back promised when the interview was paused
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
	ackBlame       *widget.Label // the gentle check for blame and excuses as it is typed
	// Ask
	clientFix *widget.Entry
	// Agree
	remediesBox    *fyne.Container
	commitmentsBox *fyne.Container
	addRemedy      *widget.Button
	addCommitment  *widget.Button
	askCard        *widget.Card  // what the client asked for, first
	askText        *widget.Label // the client's suggestion from Ask
	offerAsk       *widget.Button
	readBack       *widget.Button
	// Prevent
	rootCause     *widget.Select
	editCauses    *widget.Button
	rootCauseText *widget.Entry
	change        *widget.Entry
	told          *widget.Check
	toldOn        *dateEntry
	causeBlame    *widget.Label
	// Outcome
	outcome     *widget.RadioGroup
	outcomeNote *widget.Entry
	hours       *widget.Entry
	alertState  *widget.Label
	summaryHint *widget.Label
	moodEnd     *widget.RadioGroup
	thanked     *widget.Check
	thanksLine  *widget.Label   // the words to thank the client with
	promises    *widget.Label   // promises still open, before the outcome is set
	undoBox     *fyne.Container // "Outcome set … Undo"
	undoBtn     *widget.Button
	exitBtn     *widget.Button
}

func newInterviewScreen(d deps, onClose func()) *interviewScreen {
	s := &interviewScreen{deps: d, toList: onClose,
		lockIcon: theme.NewThemedResource(fyne.NewStaticResource("lock.svg", assets.LockIcon))}
	s.save = newSaver(defaultSaveDelay, d.run, s.onSaved)
	s.heading = newCutLabelWithStyle("", fyne.TextStyle{Bold: true})
	s.heading.SizeName = theme.SizeNameSubHeadingText
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
			// As wide as the longest step's row; "(not confirmed)" may be shortened.
			l := newCutLabel("4. Acknowledge")
			return container.NewBorder(nil, nil, widget.NewIcon(theme.RadioButtonIcon()), nil,
				container.NewStack(minWidth(widget.NewLabel("4. Acknowledge").MinSize().Width), l))
		},
		s.updateStepRow)
	s.steps.OnSelected = func(i widget.ListItemID) { s.onStepSelected(data.Step(i)) }

	s.back = widget.NewButtonWithIcon("Back", theme.NavigateBackIcon(), s.onBack)
	s.next = widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), s.onNext)
	s.next.IconPlacement = widget.ButtonIconTrailingText
	s.next.Importance = widget.HighImportance
	s.closeBtn = widget.NewButtonWithIcon("All interviews", theme.ListIcon(), s.onClose)
	s.liveBtn = widget.NewButtonWithIcon("Live mode", theme.ViewFullScreenIcon(), s.onLive)
	s.stepActs = map[data.Step]fyne.CanvasObject{}

	s.pages = []fyne.CanvasObject{s.buildSetup(), s.buildListen(), s.buildRestate(), s.buildAcknowledge(),
		s.buildAsk(), s.buildAgree(), s.buildPrevent(), s.buildOutcome()}
	s.fields = edits{fields: s.editFields()}
	// Every step's page stays in the body, all but the open one hidden: showing another
	// is not a refresh of every field on it (most of what opening a step took). Each is
	// shown through a container of its own, as a widget's Show refreshes it.
	s.frames = make([]*fyne.Container, len(s.pages))
	frames := make([]fyne.CanvasObject, len(s.pages))
	for i, p := range s.pages {
		s.frames[i] = container.NewStack(p)
		s.frames[i].Hide()
		frames[i] = s.frames[i]
	}
	s.body = container.NewStack(frames...)

	// Two rows: whose complaint it is gets the whole width (beside the buttons the
	// client's name was cut off), then where it stands and what can be printed.
	header := container.NewVBox(
		container.NewBorder(nil, nil, s.closeBtn, s.liveBtn, s.heading),
		container.NewBorder(nil, nil, s.stateTag, container.NewHBox(append(s.summaryButtons(), s.letterButton())...)),
	)
	stepHead := container.NewVBox(s.stepTitle, s.stepHelp, s.banner)
	// The action bar: each step's main actions (the client's answer in Restate) sit
	// above Back and Next, outside the scrolled page, so they are always in view.
	s.actions = container.NewStack()
	footer := container.NewVBox(widget.NewSeparator(), s.actions,
		container.NewBorder(nil, nil, s.back, container.NewHBox(s.savedNote, s.next)))
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
	s.openClient = widget.NewButtonWithIcon("Client file", theme.AccountIcon(), func() { s.showClient(s.f.Client.ID) })
	s.alertLbl = widget.NewLabel("")
	s.alertLbl.Wrapping = fyne.TextWrapWord
	s.date = newDateEntry()
	s.date.OnChanged = func(*time.Time) { s.typed() }
	var hows []string
	for _, h := range data.InterviewHows() {
		hows = append(hows, h.Label())
	}
	s.how = widget.NewRadioGroup(hows, func(string) { s.typed() })
	s.how.Horizontal = true
	s.conductedBy = widget.NewEntry()
	s.conductedBy.PlaceHolder = "Who conducts the interview (your letterhead's name to begin with)"
	s.conductedBy.OnChanged = func(string) { s.typed() }
	s.moodStart = moodRadio(func() { s.typed() })
	s.independent = bigEntry(2, "e.g. I work alone: nobody else can talk to the client")
	s.independent.OnChanged = func(string) { s.typed() }
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
		&widget.FormItem{Text: "Client's mood", Widget: s.moodStart, HintText: "As they come across at the start; noted again at the end"},
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
		e.OnChanged = func(string) { s.typed() }
	}
	return container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("The client's account", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.account,
		hint("When they pause, ask: “Is there anything else?” Most clients have a second point, and it is often the real one."),
		widget.NewForm(
			widget.NewFormItem("Expected", s.expected),
			widget.NewFormItem("Happened", s.happened),
			widget.NewFormItem("How they feel", s.feeling),
		)))
}

func (s *interviewScreen) buildRestate() fyne.CanvasObject {
	s.roundsBox = container.NewVBox()
	// The composer: what happened, its impact, how they feel, built into the sentence.
	s.what = widget.NewEntry()
	s.what.PlaceHolder = "What happened, e.g. the report came two weeks late"
	s.impact = widget.NewEntry()
	s.impact.PlaceHolder = "Its impact on them, e.g. you faced your board without the figures"
	s.feels = widget.NewEntry()
	s.feels.PlaceHolder = "How they feel, e.g. embarrassed in front of your board"
	for _, e := range []*widget.Entry{s.what, s.impact, s.feels} {
		e.OnChanged = func(string) { s.composeChanged() }
	}
	s.emotions = container.New(&wrapLayout{})
	s.sayLang = widget.NewSelect(letters.LanguageLabels(), func(l string) {
		if lang, ok := letters.LanguageFromLabel(l); ok && lang != s.lang {
			s.lang = lang
			s.fillEmotions()
			s.composeChanged()
		}
	})
	// No lead-in in the example: the confirmed text is quoted in letters as it stands.
	s.draft = bigEntry(3, "The complaint as you say it back, e.g. The report came two weeks late and without the regional figures")
	s.draft.OnChanged = func(string) { s.roundChanged() }
	s.correction = bigEntry(2, "If it is not right: the client's correction, in their words")
	s.correction.OnChanged = func(string) { s.roundChanged() }
	s.confirmed = widget.NewButtonWithIcon("Confirmed", theme.ConfirmIcon(), func() { s.onAnswer(data.AnswerConfirmed) })
	s.confirmed.Importance = widget.SuccessImportance
	s.partly = widget.NewButton("Partly right", func() { s.onAnswer(data.AnswerPartly) })
	s.notRight = widget.NewButton("Not right", func() { s.onAnswer(data.AnswerNotRight) })
	s.pause = widget.NewButtonWithIcon("Pause and call back…", theme.MediaPauseIcon(), s.onPause)
	s.endNotConf = widget.NewButtonWithIcon("End as not confirmed…", theme.CancelIcon(), s.onEndNotConfirmed)
	s.endNotConf.Importance = widget.LowImportance
	s.restateHint = hint("")
	s.callBack = widget.NewLabel("")
	s.callBack.Wrapping = fyne.TextWrapWord
	s.callBack.Importance = widget.WarningImportance
	s.callBack.Hide()
	upset := widget.NewLabel("Before you try again, name what you hear, and let it land: “It sounds as if you feel frustrated. " +
		"That makes sense after what happened.” Then say it back once more, in their words. If the client needs time, " +
		"pause and call back: the rounds stay open.")
	upset.Wrapping = fyne.TextWrapWord
	s.stillUpset = widget.NewCard("", "The client is still upset", upset)
	s.stillUpset.Hide()
	composer := widget.NewForm(
		widget.NewFormItem("What happened", s.what),
		widget.NewFormItem("Its impact", s.impact),
		widget.NewFormItem("How they feel", container.NewVBox(s.feels, container.NewHScroll(s.emotions))),
	)
	s.draftBox = container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabelWithStyle("Your restatement", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			container.NewHBox(widget.NewLabel("Say it in"), s.sayLang)),
		composer,
		hint("The sentence below is built from these: what happened, what it did to them, how they feel, and "+
			"“Did I get that right?”. Change it as you like; once you do, it is yours."),
		s.draft,
		widget.NewLabelWithStyle("The client's answer", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.correction,
		s.restateHint,
	)
	s.recordBox = container.NewVBox()
	// What the client said in Listen, in view while the restatement is written from it.
	s.heard = widget.NewLabel("")
	s.heard.Wrapping = fyne.TextWrapWord
	s.heardCard = widget.NewCard("", "What the client told you", s.heard)
	s.heardCard.Hide()
	s.stepActs[data.StepRestate] = container.New(&wrapLayout{}, s.confirmed, s.partly, s.notRight, s.pause, s.endNotConf)
	return container.NewVScroll(container.NewVBox(s.recordBox, s.callBack, s.heardCard, s.stillUpset, s.roundsBox, s.draftBox))
}

func (s *interviewScreen) buildAcknowledge() fyne.CanvasObject {
	s.errorsBox = container.NewVBox()
	s.addError = widget.NewButtonWithIcon("Add an error", theme.ContentAddIcon(), s.onAddError)
	s.responsibility = widget.NewCheck("We accept responsibility for these errors", func(bool) { s.typed() })
	s.regret = bigEntry(3, "e.g. I am sorry that the Köln figures were missing when you needed them.")
	s.regret.OnChanged = func(string) { s.typed(); s.checkAckBlame() }
	s.ackBlame = blameLabel()
	s.stepActs[data.StepAcknowledge] = container.NewHBox(s.addError)
	return container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("Errors we acknowledge", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		hint("One thing we got wrong per line, in plain words, as our own doing: “We did not warn you that the date was slipping”."),
		s.errorsBox,
		widget.NewSeparator(),
		s.responsibility,
		hint("Taking responsibility is what the client needs to hear most: the step is done only with it."),
		widget.NewLabelWithStyle("Words of regret used", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.regret,
		s.ackBlame,
	))
}

func (s *interviewScreen) buildAsk() fyne.CanvasObject {
	s.clientFix = bigEntry(6, "Ask: “What would put this right for you?” and write the answer in their words.")
	s.clientFix.OnChanged = func(string) { s.typed() }
	return container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("The client's suggestion", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.clientFix))
}

func (s *interviewScreen) buildAgree() fyne.CanvasObject {
	s.remediesBox = container.NewVBox()
	s.commitmentsBox = container.NewVBox()
	s.addRemedy = widget.NewButtonWithIcon("Add remedy…", theme.ContentAddIcon(), func() { s.onRemedy(data.Remedy{}) })
	s.addCommitment = widget.NewButtonWithIcon("Add commitment…", theme.ContentAddIcon(), func() { s.onCommitment(data.Commitment{}) })
	s.offerAsk = widget.NewButtonWithIcon("Offer what they asked for…", theme.ConfirmIcon(), s.onOfferAsk)
	s.offerAsk.Importance = widget.HighImportance
	s.readBack = widget.NewButtonWithIcon("Read back…", theme.MediaPlayIcon(), s.onReadBack)
	s.askText = widget.NewLabel("")
	s.askText.Wrapping = fyne.TextWrapWord
	s.askText.TextStyle.Italic = true
	s.askCard = widget.NewCard("", "What the client asked for", s.askText)
	s.stepActs[data.StepAgree] = container.New(&wrapLayout{}, s.offerAsk, s.addRemedy, s.addCommitment, s.readBack)
	return container.NewVScroll(container.NewVBox(
		s.askCard,
		widget.NewLabelWithStyle("Remedies", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		hint("What we give to put it right: their own suggestion first, then a replacement, additional service, discount, refund or credit."),
		s.remediesBox,
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Commitments", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		hint("Dated promises, e.g. “I will email you the revised report on Tuesday at 16:00”. Each one becomes a follow-up. "+
			"Before the client agrees, read them back with “Read back…”."),
		s.commitmentsBox,
	))
}

func (s *interviewScreen) buildPrevent() fyne.CanvasObject {
	s.rootCause = widget.NewSelect(nil, func(string) { s.typed() })
	s.rootCause.PlaceHolder = "Choose a category"
	s.editCauses = widget.NewButtonWithIcon("Edit list…", theme.DocumentCreateIcon(), s.onEditCauses)
	s.rootCauseText = bigEntry(3, "Why it happened, in a few sentences")
	s.change = bigEntry(3, "What changes in our procedures so it does not happen again")
	s.told = widget.NewCheck("The client is told what changed", func(bool) { s.typed() })
	s.toldOn = newDateEntry()
	s.toldOn.OnChanged = func(*time.Time) { s.typed() }
	s.causeBlame = blameLabel()
	for _, e := range []*widget.Entry{s.rootCauseText, s.change} {
		e.OnChanged = func(string) { s.typed(); s.checkCauseBlame() }
	}
	return container.NewVScroll(container.NewVBox(widget.NewForm(
		widget.NewFormItem("Root cause", container.NewBorder(nil, nil, nil, s.editCauses, s.rootCause)),
		&widget.FormItem{Text: "In words", Widget: s.rootCauseText, HintText: "As a fault in our own process: the apology prints it, and names no one"},
		widget.NewFormItem("What changes", s.change),
		widget.NewFormItem("Client told", s.told),
		&widget.FormItem{Text: "On", Widget: s.toldOn, HintText: "When they were told; a day still to come becomes a follow-up at 10:00"},
	), s.causeBlame))
}

func (s *interviewScreen) buildOutcome() fyne.CanvasObject {
	var outs []string
	for _, o := range data.Outcomes() {
		outs = append(outs, o.Label())
	}
	s.outcome = widget.NewRadioGroup(outs, func(string) { s.onOutcome() })
	s.outcome.Required = true
	s.outcomeNote = bigEntry(2, "e.g. Accepted the discount and renewed for a year")
	s.outcomeNote.OnChanged = func(string) { s.typed() }
	s.hours = validatedEntry(func(v string) error { _, err := parseHours(v); return err }, "e.g. 2.5")
	s.hours.OnChanged = func(string) { s.typed() }
	s.alertState = widget.NewLabel("")
	s.alertState.Wrapping = fyne.TextWrapWord
	s.summaryHint = hint("")
	s.moodEnd = moodRadio(func() { s.typed() })
	s.thanked = widget.NewCheck("I thanked the client for raising it", func(bool) { s.typed() })
	s.thanksLine = widget.NewLabel("")
	s.thanksLine.Wrapping = fyne.TextWrapWord
	s.thanksLine.TextStyle.Italic = true
	s.promises = widget.NewLabel("")
	s.promises.Wrapping = fyne.TextWrapWord
	s.promises.Importance = widget.WarningImportance
	s.promises.Hide()
	s.undoBtn = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), s.onUndoOutcome)
	s.undoBox = container.NewBorder(nil, nil, nil, s.undoBtn, widget.NewLabel(""))
	s.undoBox.Hide()
	s.exitBtn = widget.NewButtonWithIcon("Exit interview…", theme.AccountIcon(), s.onExitInterview)
	s.stepActs[data.StepOutcome] = container.NewHBox(s.exitBtn)
	thanks := widget.NewCard("", "Before you close: thank them", container.NewVBox(s.thanksLine, s.thanked))
	return container.NewVScroll(container.NewVBox(thanks, widget.NewForm(
		&widget.FormItem{Text: "Client's mood", Widget: s.moodEnd, HintText: "As they come across now, at the end"},
		widget.NewFormItem("Outcome", s.outcome),
		widget.NewFormItem("Note", s.outcomeNote),
		&widget.FormItem{Text: "Hours spent", Widget: s.hours, HintText: "Your time on this complaint, for deciding which clients to keep"},
		widget.NewFormItem("Red alert", s.alertState),
	), s.undoBox, s.promises, s.summaryHint))
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

// open loads complaint id into the wizard, at the first step that still needs work, and
// then calls opened (on the UI thread) with what went wrong, if anything. What opening
// needs from the store (the interview, where the user left it, the client's language,
// the letterhead's voice, the root causes) is read off the UI thread; a newer open wins.
func (s *interviewScreen) open(id int64, opened func(error)) {
	s.flush()
	s.round++
	round := s.round
	var o interviewOpening
	s.run.run(func() { o = readInterviewOpening(s.ctx, s.store, id) }, func() {
		if round != s.round {
			return // another interview was opened meanwhile
		}
		if o.err != nil {
			opened(o.err)
			return
		}
		s.f = o.f
		s.setStored(o.f.Complaint)
		s.cur = o.cur
		s.undo = nil
		s.lang, s.we = o.lang, o.we
		s.fill(o.causes, o.causesErr)
		if o.lastErr != nil {
			s.showError("Finding where you left the interview", o.lastErr)
		}
		s.goTo(s.resumeStep(o.last))
		s.savedNote.SetText("")
		opened(nil)
	})
}

// interviewOpening is what opening an interview reads from the store.
type interviewOpening struct {
	f                       data.InterviewFile
	last                    string // settingLastStep
	cur                     string // the currency money is shown in
	lang                    string
	we                      bool
	causes                  []string
	err, lastErr, causesErr error
}

func readInterviewOpening(ctx context.Context, store *data.DB, id int64) interviewOpening {
	var o interviewOpening
	if o.f, o.err = store.InterviewFile(ctx, id); o.err != nil {
		return o
	}
	o.last, o.lastErr = store.Setting(ctx, settingLastStep, "")
	o.cur, _ = store.Currency(ctx) // on an error, the default currency, as deps.currency
	o.lang = conversationLang(ctx, store, o.f.Client)
	o.we = writesAsWe(ctx, store)
	o.causes, o.causesErr = store.RootCauses(ctx)
	return o
}

// settingLastStep remembers the interview and step last worked on, to continue there.
const settingLastStep = "interview_last_step"

// resumeStep is where the user left this interview (last, as settingLastStep holds it),
// or else the first step that needs work.
func (s *interviewScreen) resumeStep(last string) data.Step {
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

// changed brings the open interview up to date when the store says it changed (a
// follow-up of a commitment done, a client renamed, the outcome set elsewhere); its own
// saves come back here too and change nothing on screen.
func (s *interviewScreen) changed(n data.Notice) {
	id := s.f.Complaint.ID
	if id == 0 || !(n.Complaint(id) || n.Touches(s.f.Client.ID) || n.Setting(data.SettingRootCauses)) {
		return
	}
	var f data.InterviewFile
	var causes []string
	var err, cerr error
	s.run.run(func() {
		f, err = s.store.InterviewFile(s.ctx, id)
		causes, cerr = s.store.RootCauses(s.ctx)
	}, func() {
		if s.f.Complaint.ID != id {
			return // another interview was opened meanwhile
		}
		if err != nil {
			s.showError("Loading the interview", err)
			return
		}
		if cerr != nil {
			s.showError("Loading the root-cause list", cerr)
		}
		s.show(f, causes)
	})
}

// reload reads the complaint again after a change made through one of the wizard's
// buttons, and shows it at once.
func (s *interviewScreen) reload() {
	if s.f.Complaint.ID == 0 {
		return
	}
	f, err := s.store.InterviewFile(s.ctx, s.f.Complaint.ID)
	if err != nil {
		s.showError("Loading the interview", err)
		return
	}
	s.show(f, nil)
}

// show puts f, as the store holds it now, on screen without losing what is typed: the
// lists made of stored items are rebuilt only where they changed, and a typed field
// the user has not touched since it was last stored shows the store's value.
func (s *interviewScreen) show(f data.InterviewFile, causes []string) {
	old := s.f
	s.loading = true
	s.fields.refresh(interviewValues(f.Complaint))
	if causes != nil {
		s.setCauses(causes, f.Complaint.RootCause)
	}
	s.loading = false
	s.setStored(f.Complaint)
	// Keep what is typed but not yet written: the widgets hold the truth for those fields.
	f.Complaint = complaintFrom(f.Complaint, s.fields.values())
	s.f = f
	s.fillClient()
	if sameErrorIDs(old.Errors, s.f.Errors) {
		for i, e := range s.errorEntries {
			s.f.Errors[i].Text = e.Text // as typed, perhaps not yet written
		}
	}
	s.fillChangedLists(old)
	s.refreshState()
	if s.live != nil {
		s.live.refresh() // a remedy, promise or pause added over the call shows on its card
	}
}

// setStored takes k as what the store holds, unless a newer save is known already: a
// read made off the UI thread can come back after the writer saved again.
func (s *interviewScreen) setStored(k data.Complaint) {
	s.storedMu.Lock()
	defer s.storedMu.Unlock()
	if k.ID != s.stored.ID || k.Version >= s.stored.Version {
		s.stored = k
	}
}

func (s *interviewScreen) getStored() data.Complaint {
	s.storedMu.Lock()
	defer s.storedMu.Unlock()
	return s.stored
}

// editFields are the fields typed in the wizard, named as the store names them
// (data.SaveInterviewEdit), in the canonical text interviewValues gives.
func (s *interviewScreen) editFields() []editField {
	text := entryField
	date := func(key, label string, e *dateEntry) editField {
		return editField{key: key, label: label, get: e.canonical, set: e.setCanonical}
	}
	check := func(key, label string, c *widget.Check) editField {
		return editField{key: key, label: label, get: func() string { return strconv.FormatBool(c.Checked) },
			set: func(v string) { c.SetChecked(v == "true") }}
	}
	mood := func(key, label string, r *widget.RadioGroup) editField {
		return editField{key: key, label: label, get: func() string {
			m, _ := data.MoodFromLabel(r.Selected)
			return strconv.Itoa(int(m))
		}, set: func(v string) {
			n, _ := strconv.Atoi(v)
			if m := data.Mood(n); m == data.MoodUnknown {
				r.SetSelected("")
			} else {
				r.SetSelected(m.Label())
			}
		}}
	}
	return []editField{
		date("interview_on", "Date", s.date),
		{key: "interview_how", label: "How", get: func() string {
			h, _ := data.InterviewHowFromLabel(s.how.Selected)
			return string(h)
		}, set: func(v string) {
			if v == "" {
				s.how.SetSelected("")
				return
			}
			s.how.SetSelected(data.InterviewHow(v).Label())
		}},
		text("conducted_by", "Conducted by", s.conductedBy), text("independent_note", "Why not independent", s.independent),
		text("account", "The client's account", s.account), text("expected", "Expected", s.expected),
		text("happened", "Happened", s.happened), text("feeling", "How they feel", s.feeling),
		check("responsibility", "We accept responsibility", s.responsibility), text("regret", "Words of regret", s.regret),
		text("client_fix", "The client's suggestion", s.clientFix),
		{key: "root_cause", label: "Root cause", get: func() string { return s.rootCause.Selected }, set: func(v string) {
			if v != "" && !contains(s.rootCause.Options, v) {
				s.rootCause.Options = append(s.rootCause.Options, v)
			}
			s.rootCause.Selected = ""
			s.rootCause.SetSelected(v)
		}},
		text("root_cause_text", "Root cause in words", s.rootCauseText), text("procedure_change", "What changes", s.change),
		check("client_told", "Client told", s.told), date("client_told_on", "Told on", s.toldOn),
		text("outcome_note", "Outcome note", s.outcomeNote),
		mood("mood_start", "Client's mood at the start", s.moodStart), mood("mood_end", "Client's mood at the end", s.moodEnd),
		check("thanked", "Thanked the client", s.thanked),
		{key: "hours", label: "Hours spent", get: func() string {
			if h, err := parseHours(s.hours.Text); err == nil {
				return formatHours(h)
			}
			return s.hours.Text
		}, set: s.hours.SetText},
	}
}

// interviewValues is a complaint's typed fields as the wizard shows them, by key.
func interviewValues(k data.Complaint) map[string]string {
	return map[string]string{"interview_on": k.InterviewOn.String(), "interview_how": string(k.How),
		"conducted_by": k.ConductedBy, "independent_note": k.IndependentNote, "account": k.Account,
		"expected": k.Expected, "happened": k.Happened, "feeling": k.Feeling,
		"responsibility": strconv.FormatBool(k.Responsibility), "regret": k.Regret, "client_fix": k.ClientFix,
		"root_cause": k.RootCause, "root_cause_text": k.RootCauseText, "procedure_change": k.ProcedureChange,
		"client_told": strconv.FormatBool(k.ClientTold), "client_told_on": k.ClientToldOn.String(),
		"outcome_note": k.OutcomeNote, "hours": formatHours(k.Hours),
		"mood_start": strconv.Itoa(int(k.MoodStart)), "mood_end": strconv.Itoa(int(k.MoodEnd)), "thanked": strconv.FormatBool(k.Thanked)}
}

// complaintFrom reads typed values into a copy of on. A date or hours that cannot be
// read (yet: the field says what is wrong) keeps on's value, so the rest is still saved.
func complaintFrom(on data.Complaint, v map[string]string) data.Complaint {
	k := on
	if d, err := data.ParseDate(v["interview_on"]); err == nil {
		k.InterviewOn = d
	}
	if d, err := data.ParseDate(v["client_told_on"]); err == nil {
		k.ClientToldOn = d
	}
	if h, err := parseHours(v["hours"]); err == nil {
		k.Hours = h
	}
	k.How = data.InterviewHow(v["interview_how"])
	k.ConductedBy, k.IndependentNote = v["conducted_by"], v["independent_note"]
	k.Account, k.Expected, k.Happened, k.Feeling = v["account"], v["expected"], v["happened"], v["feeling"]
	k.Responsibility = v["responsibility"] == "true"
	k.Regret, k.ClientFix = v["regret"], v["client_fix"]
	k.RootCause, k.RootCauseText, k.ProcedureChange = v["root_cause"], v["root_cause_text"], v["procedure_change"]
	k.ClientTold = v["client_told"] == "true"
	k.OutcomeNote = v["outcome_note"]
	if n, err := strconv.Atoi(v["mood_start"]); err == nil {
		k.MoodStart = data.Mood(n)
	}
	if n, err := strconv.Atoi(v["mood_end"]); err == nil {
		k.MoodEnd = data.Mood(n)
	}
	k.Thanked = v["thanked"] == "true"
	return k
}

// fill shows the interview just opened, with the root-cause list read with it.
func (s *interviewScreen) fill(causes []string, err error) {
	s.loading = true
	defer func() { s.loading = false }()
	k := s.f.Complaint
	s.fillClient()
	if err != nil {
		s.showError("Loading the root-cause list", err)
	}
	s.setCauses(causes, k.RootCause)
	s.fields.load(interviewValues(k))
	s.outcome.SetSelected(k.Outcome.Label())
	s.fillEmotions()
	s.fillLists()
	s.checkAckBlame()
	s.checkCauseBlame()
	s.refreshState()
}

// fillClient shows whose complaint it is.
func (s *interviewScreen) fillClient() {
	k := s.f.Complaint
	s.heading.SetText(fmt.Sprintf("Complaint %d · %s", k.ID, s.f.Client.Name))
	client := s.f.Client.Name
	if s.f.Client.Company != "" {
		client += " · " + s.f.Client.Company
	}
	s.clientLbl.SetText(client + " (" + s.f.Client.Status.Label() + ")")
}

// setCauses offers the root-cause categories, and keeps the one the interview has.
func (s *interviewScreen) setCauses(causes []string, current string) {
	if current != "" && !contains(causes, current) {
		causes = append(causes, current)
	}
	sel := s.rootCause.Selected
	s.rootCause.Options = causes
	s.rootCause.Selected = ""
	if sel == "" {
		sel = current
	}
	s.rootCause.SetSelected(sel)
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

// fillChangedLists rebuilds the lists made of stored items that differ from old: an
// acknowledged error or restatement being typed keeps its entry (and its cursor) when
// only its own save comes back.
func (s *interviewScreen) fillChangedLists(old data.InterviewFile) {
	was := s.loading
	s.loading = true
	defer func() { s.loading = was }()
	changed := false
	if !sameRounds(old.Rounds, s.f.Rounds) || old.Complaint.RestateState != s.f.Complaint.RestateState {
		s.fillRestate()
		changed = true
	}
	if !sameErrorIDs(old.Errors, s.f.Errors) {
		s.fillErrors()
		changed = true
	}
	if !reflect.DeepEqual(old.Remedies, s.f.Remedies) {
		s.fillRemedies()
		changed = true
	}
	if !reflect.DeepEqual(old.Commitments, s.f.Commitments) {
		s.fillCommitments()
		changed = true
	}
	if changed {
		for _, p := range s.pages {
			p.Refresh()
		}
	}
}

// sameRounds reports whether two lists hold the same answered rounds. The round waiting
// for its answer is left out: it is typed here, and its save coming back must not put
// older text into the entry being typed.
func sameRounds(a, b []data.Round) bool {
	answered := func(rs []data.Round) []data.Round {
		if n := len(rs); n > 0 && !rs[n-1].Answered() {
			return rs[:n-1]
		}
		return rs
	}
	a, b = answered(a), answered(b)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Answer != b[i].Answer || a[i].Text != b[i].Text {
			return false
		}
	}
	return true
}

// sameErrorIDs reports whether two lists hold the same acknowledged errors, in order.
func sameErrorIDs(a, b []data.AckError) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID {
			return false
		}
	}
	return true
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
		var parts data.RoundParts
		switch {
		case waiting != nil && !waiting.Answered():
			s.draft.SetText(waiting.Text)
			s.correction.SetText(waiting.Correction)
			parts = waiting.Parts
		case waiting != nil:
			// After "partly/not right": start the next round from the last one, to revise it.
			s.draft.SetText(waiting.Text)
			s.correction.SetText("")
			parts = waiting.Parts
		default:
			// The first round starts from what was heard in Listen.
			parts = data.RoundParts{What: s.happened.Text, Feeling: s.feeling.Text}
			s.draft.SetText(letters.Restatement(s.lang, parts))
			s.correction.SetText("")
		}
		s.setParts(parts)
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
		ans := widget.NewLabelWithStyle(fmt.Sprintf("%s — %s", answerLabel(r.Answer), longTime(r.AnsweredAt)),
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
	return currentFormats().day(t) + " at " + t.Local().Format("15:04")
}

// roundChanged saves the restatement being written, its parts (and a correction typed early).
func (s *interviewScreen) roundChanged() {
	if s.loading || s.f.Complaint.RestateState != data.RestateOpen {
		return
	}
	id, dr := s.f.Complaint.ID, s.roundDraft()
	store, ctx := s.store, s.ctx
	s.save.schedule("round", func() error {
		_, err := store.DraftRound(ctx, id, dr)
		return err
	})
	s.savedNote.SetText("Saving…")
	s.refreshButtons()
}

func (s *interviewScreen) onAnswer(a data.Answer) {
	if strings.TrimSpace(s.draft.Text) == "" {
		s.showError("Recording the answer", &data.FieldError{Field: "restatement", Msg: "write what you heard before the client answers"})
		return
	}
	if a != data.AnswerConfirmed && strings.TrimSpace(s.correction.Text) == "" {
		s.showError("Recording the answer", &data.FieldError{Field: "the client's answer", Msg: "write down the client's correction in their words"})
		s.win.Canvas().Focus(s.correction)
		return
	}
	// Write what is pending, make sure the round holds exactly what is on screen, then answer it.
	s.flush()
	r, err := s.store.DraftRound(s.ctx, s.f.Complaint.ID, s.roundDraft())
	if err == nil {
		// A remark typed with "Confirmed" is kept with the round too: it is what the client said.
		_, err = s.store.AnswerRound(s.ctx, r.ID, a, s.correction.Text)
	}
	if err != nil {
		s.showError("Recording the client's answer", err)
		return
	}
	s.reload()
	if a == data.AnswerConfirmed {
		s.savedNote.SetText("Confirmed")
	} else {
		s.win.Canvas().Focus(s.draft)
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
		}, s.win)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
}

func (s *interviewScreen) endNotConfirmed(reason string) {
	s.flush()
	if err := s.store.EndNotConfirmed(s.ctx, s.f.Complaint.ID, reason); err != nil {
		s.showError("Ending the restate step", err)
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
			s.checkAckBlame()
			store, ctx := s.store, s.ctx
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
	if _, err := s.store.AddAckError(s.ctx, s.f.Complaint.ID, ""); err != nil {
		s.showError("Adding an error", err)
		return
	}
	s.reload()
	if n := len(s.errorEntries); n > 0 {
		s.win.Canvas().Focus(s.errorEntries[n-1])
	}
}

func (s *interviewScreen) onRemoveError(id int64) {
	s.flush()
	if err := s.store.RemoveAckError(s.ctx, id); err != nil {
		s.showError("Removing the error", err)
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
		switch {
		case r.Value == 0:
		case r.Kind.Percent():
			text += " · " + r.ValueText(s.cur)
		default: // money as every other screen writes it, after Settings
			text += " · " + currentFormats().money(r.Value, s.cur)
		}
		if r.Description != "" {
			text += " · " + r.Description
		}
		if !r.Due.IsZero() {
			text += " · due " + currentFormats().date(r.Due)
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
		text := currentFormats().weekdayDateTime(c.Due) + " · " + c.What
		if c.Channel != "" {
			text += " · by " + strings.ToLower(c.Channel)
		}
		state := widget.NewLabel("follow-up due")
		switch {
		case !c.Done.IsZero():
			state.SetText("done " + currentFormats().day(c.Done))
			state.Importance = widget.SuccessImportance
		case c.Due.Before(s.store.Now()):
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
	f := newRemedyForm(r, s.cur)
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
			s.showError("Saving the remedy", err)
			// Show the form again with what was typed, so nothing is lost.
			d.Show()
		}
	}, s.win)
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
		_, err = s.store.AddRemedy(s.ctx, r)
	} else {
		err = s.store.UpdateRemedy(s.ctx, r)
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
		if err := s.store.RemoveRemedy(s.ctx, r.ID); err != nil {
			s.showError("Removing the remedy", err)
			return
		}
		s.reload()
	}, s.win)
}

func (s *interviewScreen) onCommitment(c data.Commitment) {
	s.flush()
	f := newCommitmentForm(c, s.store.Now())
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
			s.showError("Saving the commitment", err)
			d.Show()
		}
	}, s.win)
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
		_, err = s.store.AddCommitment(s.ctx, c)
	} else {
		err = s.store.UpdateCommitment(s.ctx, c)
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
		if err := s.store.RemoveCommitment(s.ctx, c.ID); err != nil {
			s.showError("Removing the commitment", err)
			return
		}
		s.reload()
	}, s.win)
}

// --- the prevent step ---

func (s *interviewScreen) onEditCauses() {
	causes, err := s.store.RootCauses(s.ctx)
	if err != nil {
		s.showError("Loading the root-cause list", err)
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
		if err := s.store.SetRootCauses(s.ctx, strings.Split(e.Text, "\n")); err != nil {
			s.showError("Saving the root-cause list", err)
			return
		}
		causes, err := s.store.RootCauses(s.ctx)
		if err != nil {
			s.showError("Loading the root-cause list", err)
			return
		}
		s.setCauses(causes, s.rootCause.Selected)
	}, s.win)
	d.Resize(fyne.NewSize(460, 420))
	d.Show()
}

// --- the outcome step ---

// --- typing and saving ---

// collect reads the typed interview fields into a copy of the complaint.
func (s *interviewScreen) collect() data.Complaint {
	return complaintFrom(s.f.Complaint, s.fields.values())
}

// typed is called on every edit of an interview field: it queues the save of what
// is typed. The write compares it with what the store held last (stored), so only the
// fields typed are written and a change made meanwhile elsewhere is kept or asked about.
func (s *interviewScreen) typed() {
	if s.loading || s.f.Complaint.ID == 0 {
		return
	}
	vals := s.fields.values()
	s.f.Complaint = complaintFrom(s.f.Complaint, vals)
	store, ctx := s.store, s.ctx
	s.save.schedule("interview", func() error {
		base := s.getStored()
		saved, err := store.SaveInterviewEdit(ctx, base, complaintFrom(base, vals))
		if err == nil {
			s.setStored(saved)
		}
		return err
	})
	s.savedNote.SetText("Saving…")
	s.refreshState()
}

// flush writes everything typed now (before leaving, closing, or a button's own write).
func (s *interviewScreen) flush() {
	if s.save != nil {
		s.save.flush()
	}
}

// onSaved reports how the last write went, next to Next. A field typed here and changed
// elsewhere meanwhile is asked about.
func (s *interviewScreen) onSaved(err error) {
	var conflict *data.Conflict[data.Complaint]
	if errors.As(err, &conflict) {
		s.save.drop("interview") // written again once the user has chosen
		s.savedNote.SetText("Not saved yet: choose which value to keep")
		theirs := interviewValues(conflict.Current)
		s.seen.conflict = s.askConflict("this interview", s.fields.conflicts(conflict.Fields, theirs, plainText),
			func(mine map[string]bool) {
				s.setStored(conflict.Current)
				s.loading = true
				s.fields.resolve(mine, theirs)
				s.loading = false
				s.typed()
				s.flush()
			})
		return
	}
	if err != nil {
		s.savedNote.SetText("Not saved")
		s.savedNote.Importance = widget.DangerImportance
		s.savedNote.Refresh()
		s.showError("Saving the interview", err)
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
	s.refreshRecovery()
	s.refreshSteps()
	s.refreshButtons()
}

func (s *interviewScreen) refreshSteps() {
	s.steps.Refresh()
}

func (s *interviewScreen) updateStepRow(i widget.ListItemID, o fyne.CanvasObject) {
	st := data.Step(i)
	row := o.(*fyne.Container)
	icon, label := row.Objects[1].(*widget.Icon), row.Objects[0].(*fyne.Container).Objects[1].(*cutLabel)
	text := fmt.Sprintf("%d. %s", i+1, stepLabel(st))
	imp, res := widget.MediumImportance, theme.RadioButtonIcon()
	switch {
	case st == data.StepRestate && s.f.Complaint.RestateState == data.RestateNotConfirmed:
		res, imp = theme.WarningIcon(), widget.WarningImportance
		text += " (not confirmed)"
	case s.f.Done(st):
		res, imp = theme.ConfirmIcon(), widget.SuccessImportance
	case s.locked(st):
		res, imp = s.lockIcon, widget.LowImportance // waits for the client to confirm, or the step to be ended
	}
	if icon.Resource != res { // setting it again colours the picture again
		icon.SetResource(res)
	}
	setCutLabel(label, text, imp)
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
	// Outcome ends with Finish, which offers the letter; Next waits for the restatement.
	if s.step == data.StepOutcome {
		s.next.SetText("Finish")
		s.next.SetIcon(theme.ConfirmIcon())
	} else {
		s.next.SetText("Next")
		s.next.SetIcon(theme.NavigateNextIcon())
	}
	if s.step != data.StepOutcome && s.locked(s.step+1) {
		s.next.Disable()
	} else {
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
	if s.f.Complaint.RestateState == data.RestateOpen {
		s.pause.Enable()
		s.endNotConf.Enable()
	} else {
		s.pause.Disable()
		s.endNotConf.Disable()
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
	data.StepRestate:     "Say back what happened, what it did to them and how they feel, and ask “Did I get that right?”. Every round is kept.",
	data.StepAcknowledge: "Own what went wrong, in plain words, as our own doing. Take responsibility; blame no one.",
	data.StepAsk:         "Ask the client how they would like it fixed.",
	data.StepAgree:       "Start from what the client asked for, agree the remedy and dated commitments, and read them back.",
	data.StepPrevent:     "Find why it happened and what changes so it never happens again.",
	data.StepOutcome:     "Thank the client, note how they are now, and how the complaint ended. Setting the outcome resolves the red alert; Finish offers the letter.",
}

func (s *interviewScreen) goTo(st data.Step) {
	s.flush()
	page := s.frames[st]
	if s.step != st || !page.Visible() {
		// Losing this only means opening at another step next time: not worth a dialog.
		// Written off the UI thread: a committed write waits for the disk.
		store, ctx, at := s.store, s.ctx, fmt.Sprintf("%d %d", s.f.Complaint.ID, st)
		s.run.run(func() { _ = store.SetSetting(ctx, settingLastStep, at) }, func() {})
	}
	s.step = st
	for _, f := range s.frames {
		if f != page {
			f.Hide()
		}
	}
	page.Show()
	s.win.Canvas().Refresh(page) // paint it: a container's Show does not ask for that
	s.showActions()
	s.stepTitle.SetText(fmt.Sprintf("Step %d of %d: %s", int(st)+1, len(data.InterviewSteps()), stepLabel(st)))
	s.stepHelp.SetText(stepHelp[st])
	s.steps.Select(widget.ListItemID(st))
	s.refreshButtons()
	switch st {
	case data.StepListen:
		s.win.Canvas().Focus(s.account)
	case data.StepRestate:
		s.showHeard()
		if s.f.Complaint.RestateState == data.RestateOpen {
			s.win.Canvas().Focus(s.draft)
		}
	case data.StepAsk:
		s.win.Canvas().Focus(s.clientFix)
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
	if s.step == data.StepOutcome {
		s.onFinish()
		return
	}
	if !s.locked(s.step + 1) {
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
	s.toList()
}
