package app

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
)

// liveMode is the call itself: full screen, large type, one card per step, and the
// client's answers recorded by keyboard. It records through the wizard behind it: each
// field typed here is typed into the wizard's own field, so it is saved as typed, by the
// same code, and the wizard shows it when the call ends.
type liveMode struct {
	s     *interviewScreen
	win   fyne.Window
	cards []liveCard
	at    int
	title *widget.Label
	keys  *widget.Label
	note  *widget.Label // what the last key did, or what is missing
	back  *liveButton
	next  *liveButton

	// the cards' fields, each mirroring a field of the wizard
	opener           *liveEntry
	moodStart        []*liveButton
	moodEnd          []*liveButton
	account, feeling *liveEntry
	what, impact     *liveEntry
	feels, draft     *liveEntry
	correction       *liveEntry
	rounds           *widget.Label
	newError, regret *liveEntry
	errorsList       *widget.Label
	responsible      *liveCheck
	fix              *liveEntry
	ask              *widget.Label
	offer            *liveButton // offers what they asked for; off until they said it
	readBack         *widget.Label
	thanked          *liveCheck
	openersSaved     string                   // the openers as stored, to save only a change
	scrolls          []*container.Scroll      // each card's scroll, laid out again as its text changes
	big              *container.ThemeOverride // the large type, put on again after a dialog
	restore          fyne.Window
	restoreShell     shell
}

// liveCard is one step of the call.
type liveCard struct {
	title string
	keys  string // the keys this card answers to
	view  fyne.CanvasObject
	focus fyne.Focusable // where typing goes when the card is shown
	key   func(n int) bool
}

// liveEntry is an entry that hands the live mode's keys to it before editing text: a
// focused field would otherwise swallow them.
type liveEntry struct {
	widget.Entry
	live *liveMode
}

func (l *liveMode) entry(multi bool, rows int, placeholder string, mirror *widget.Entry) *liveEntry {
	e := &liveEntry{live: l}
	e.ExtendBaseWidget(e)
	e.MultiLine = multi
	if multi {
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(rows)
	}
	e.PlaceHolder = placeholder
	if mirror != nil {
		e.SetText(mirror.Text)
		e.OnChanged = func(v string) {
			if mirror.Text != v {
				mirror.SetText(v) // the wizard's field saves it
			}
		}
	}
	return e
}

// TypedShortcut gives the live mode's keys to it first.
func (e *liveEntry) TypedShortcut(s fyne.Shortcut) {
	if e.live.shortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// escaped ends the call on Esc and reports whether it did: a focused widget gets the
// key, not the window, so each of the live mode's widgets asks first.
// While a dialog is open over the call, Esc is the dialog's: it never ends the call.
func (l *liveMode) escaped(k *fyne.KeyEvent) bool {
	if k.Name != fyne.KeyEscape {
		return false
	}
	if l.win.Canvas().Overlays().Top() == nil {
		l.close()
	}
	return true
}

// TypedKey ends the call on Esc.
func (e *liveEntry) TypedKey(k *fyne.KeyEvent) {
	if !e.live.escaped(k) {
		e.Entry.TypedKey(k)
	}
}

// liveButton and liveCheck end the call on Esc when they have the focus, as the window
// does when nothing has it.
type liveButton struct {
	widget.Button
	live *liveMode
}

func (l *liveMode) button(text string, icon fyne.Resource, tapped func()) *liveButton {
	b := &liveButton{live: l}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *liveButton) TypedKey(k *fyne.KeyEvent) {
	if !b.live.escaped(k) {
		b.Button.TypedKey(k)
	}
}

type liveCheck struct {
	widget.Check
	live *liveMode
}

func (l *liveMode) check(text string, changed func(bool)) *liveCheck {
	c := &liveCheck{live: l}
	c.Text, c.OnChanged = text, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *liveCheck) TypedKey(k *fyne.KeyEvent) {
	if !c.live.escaped(k) {
		c.Check.TypedKey(k)
	}
}

// bigTheme sets everything half as large again, for reading during a call.
type bigTheme struct{ fyne.Theme }

func (t bigTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText, theme.SizeNameSubHeadingText, theme.SizeNameHeadingText, theme.SizeNameCaptionText,
		theme.SizeNameInlineIcon, theme.SizeNamePadding, theme.SizeNameInnerPadding:
		return t.Theme.Size(n) * 1.5
	}
	return t.Theme.Size(n)
}

func (t bigTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, v)
}

// onLive opens the live mode on the interview in the wizard.
func (s *interviewScreen) onLive() {
	if s.f.Complaint.ID == 0 {
		return
	}
	s.flush()
	if s.live != nil {
		s.live.win.RequestFocus()
		return
	}
	s.live = newLiveMode(s)
	s.live.win.Show()
	s.live.show(0)
}

func newLiveMode(s *interviewScreen) *liveMode {
	l := &liveMode{s: s}
	l.win = s.app.NewWindow("Live: " + s.f.Client.Name)
	// While the call runs, the wizard's dialogs and errors open over the call.
	l.restore, l.restoreShell = s.win, s.shell
	s.win = l.win
	s.shell = liveShell{shell: s.shell, win: l.win}

	l.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.title.SizeName = theme.SizeNameHeadingText
	l.keys = widget.NewLabel("")
	l.keys.Wrapping = fyne.TextWrapWord
	l.keys.Importance = widget.LowImportance
	l.note = widget.NewLabel("")
	l.note.Wrapping = fyne.TextWrapWord
	l.note.Importance = widget.WarningImportance
	l.back = l.button("Back", theme.NavigateBackIcon(), func() { l.show(l.at - 1) })
	l.next = l.button("Next", theme.NavigateNextIcon(), func() { l.show(l.at + 1) })
	l.next.IconPlacement = widget.ButtonIconTrailingText
	l.next.Importance = widget.HighImportance
	end := l.button("End the call", theme.CancelIcon(), l.close)

	l.cards = []liveCard{l.startCard(), l.listenCard(), l.restateCard(), l.ownCard(), l.askCard(), l.agreeCard(), l.closeCard()}
	stack := container.NewStack()
	for _, c := range l.cards {
		c.view.Hide()
		sc := container.NewVScroll(container.NewPadded(c.view))
		l.scrolls = append(l.scrolls, sc)
		stack.Add(sc)
	}
	bar := container.NewBorder(nil, nil, l.back, container.NewHBox(end, l.next), l.note)
	// The keys every card answers to stand beside the title, so the card's own keys
	// take one line below it, and the card keeps the room.
	general := widget.NewLabel("Alt+Right / Alt+Left: cards · Esc: end the call")
	general.Importance = widget.LowImportance
	content := container.NewBorder(container.NewVBox(container.NewBorder(nil, nil, nil, general, l.title), widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), l.keys, bar), nil, nil, stack)
	l.big = container.NewThemeOverride(container.NewPadded(content), bigTheme{s.app.Settings().Theme()})
	l.win.SetContent(l.big)
	for _, sc := range liveShortcuts() {
		sc := sc
		l.win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { l.shortcut(sc) })
	}
	l.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) { l.escaped(k) })
	l.win.SetCloseIntercept(l.close)
	l.win.SetFullScreen(true)
	// Out of full screen it keeps to the screen it is on: at a fixed 1024x700 its title
	// bar pushed Back and Next off a 1024x700 screen.
	l.win.Resize(s.windowSize(fyne.NewSize(1024, 700)))
	return l
}

// liveShell opens errors over the call.
type liveShell struct {
	shell
	win fyne.Window
}

func (l liveShell) showError(action string, err error) { errorDialog(l.win, action, err) }

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func alt(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}

// liveShortcuts are the keys of the live mode: Alt+Right and Alt+Left (or Ctrl+Page Down and
// Ctrl+Page Up) go from card to card, Ctrl+1 … Ctrl+5 record the answer the card asks
// for, Ctrl+W ends the call.
func liveShortcuts() []*desktop.CustomShortcut {
	out := []*desktop.CustomShortcut{alt(fyne.KeyRight), alt(fyne.KeyLeft), ctrl(fyne.KeyPageDown), ctrl(fyne.KeyPageUp), ctrl(fyne.KeyW)}
	for _, k := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5} {
		out = append(out, ctrl(k))
	}
	return out
}

// shortcut does what a key of the live mode asks, and reports whether it was one.
func (l *liveMode) shortcut(sc fyne.Shortcut) bool {
	c, ok := sc.(*desktop.CustomShortcut)
	if !ok {
		return false
	}
	switch {
	case c.Modifier == fyne.KeyModifierAlt && c.KeyName == fyne.KeyRight, c.Modifier == fyne.KeyModifierShortcutDefault && c.KeyName == fyne.KeyPageDown:
		l.show(l.at + 1)
	case c.Modifier == fyne.KeyModifierAlt && c.KeyName == fyne.KeyLeft, c.Modifier == fyne.KeyModifierShortcutDefault && c.KeyName == fyne.KeyPageUp:
		l.show(l.at - 1)
	case c.Modifier == fyne.KeyModifierShortcutDefault && c.KeyName == fyne.KeyW:
		l.close()
	case c.Modifier == fyne.KeyModifierShortcutDefault && c.KeyName >= fyne.Key1 && c.KeyName <= fyne.Key5:
		n := int(c.KeyName[0] - '0')
		if k := l.cards[l.at].key; k != nil {
			return k(n)
		}
		return false
	default:
		return false
	}
	return true
}

// show turns to card i, with the typing going to its first field.
func (l *liveMode) show(i int) {
	if i < 0 || i >= len(l.cards) {
		return
	}
	if i != l.at && l.at == 0 {
		l.saveOpeners()
	}
	l.cards[l.at].view.Hide()
	l.at = i
	c := l.cards[i]
	c.view.Show()
	l.title.SetText(fmt.Sprintf("%d of %d · %s", i+1, len(l.cards), c.title))
	l.keys.SetText(c.keys)
	l.note.SetText("")
	l.refresh()
	if i == 0 {
		l.back.Disable()
	} else {
		l.back.Enable()
	}
	if i == len(l.cards)-1 {
		l.next.Disable()
	} else {
		l.next.Enable()
	}
	if c.focus != nil {
		l.win.Canvas().Focus(c.focus)
	}
}

// refresh shows what the wizard holds now on the cards that show stored things.
func (l *liveMode) refresh() {
	s := l.s
	f := s.f
	var rs []string
	for _, r := range f.Rounds {
		if r.Answered() {
			rs = append(rs, fmt.Sprintf("Round %d: %s", r.Number, answerLabel(r.Answer)))
		}
	}
	switch f.Complaint.RestateState {
	case data.RestateConfirmed:
		rs = append(rs, "Confirmed by the client. Go on: Alt+Right.")
	case data.RestateNotConfirmed:
		rs = append(rs, "Ended as not confirmed.")
	}
	if cb, ok := f.PendingCallBack(); ok {
		rs = append(rs, "Call back promised by "+longTime(cb.Due)+".")
	}
	l.rounds.SetText(strings.Join(rs, "\n"))
	var es []string
	for _, e := range f.AckErrorTexts() {
		es = append(es, "• "+e)
	}
	l.errorsList.SetText(strings.Join(es, "\n"))
	l.responsible.SetChecked(s.responsibility.Checked)
	if fix := strings.TrimSpace(s.clientFix.Text); fix != "" {
		l.ask.SetText("They asked for: “" + fix + "”")
		l.offer.Enable()
	} else {
		l.ask.SetText("They have not said what would put it right: go back one card and ask.")
		l.offer.Disable()
	}
	if lines := s.readBackLines(); len(lines) > 0 {
		l.readBack.SetText(letters.ScriptFor(s.lang).ReadBack + "\n" + strings.Join(lines, "\n"))
	} else {
		l.readBack.SetText("Nothing agreed yet: add a remedy or a commitment (the buttons above), then read it back.")
	}
	l.thanked.SetChecked(s.thanked.Checked)
	defer l.relayout()
	for _, m := range []struct {
		bs []*liveButton
		r  *widget.RadioGroup
	}{{l.moodStart, s.moodStart}, {l.moodEnd, s.moodEnd}} {
		for i, b := range m.bs {
			b.Importance = widget.MediumImportance
			if m.r.Selected == data.Moods()[i].Label() {
				b.Importance = widget.HighImportance
			}
			b.Refresh()
		}
	}
}

// relayout lays the card shown out again for text that grew or shrank, in the large
// type: a dialog over the call (a remedy, a commitment) leaves the buttons it was opened
// from in the normal size otherwise.
func (l *liveMode) relayout() {
	if l.big == nil || l.at >= len(l.scrolls) {
		return
	}
	l.big.Refresh()
	l.scrolls[l.at].Refresh()
}

// pull shows the restatement the wizard holds after an answer: the next round starts
// from the last one.
func (l *liveMode) pull() {
	for _, p := range []struct {
		e *liveEntry
		w *widget.Entry
	}{{l.what, l.s.what}, {l.impact, l.s.impact}, {l.feels, l.s.feels}, {l.draft, l.s.draft}, {l.correction, l.s.correction}} {
		if p.e.Text != p.w.Text {
			p.e.SetText(p.w.Text)
		}
	}
	l.refresh()
}

func (l *liveMode) moods(r *widget.RadioGroup) []*liveButton {
	var out []*liveButton
	for i, m := range data.Moods() {
		m := m
		out = append(out, l.button(fmt.Sprintf("%d %s", i+1, m.Label()), nil, func() { l.setMood(r, m) }))
	}
	return out
}

func (l *liveMode) setMood(r *widget.RadioGroup, m data.Mood) {
	r.SetSelected(m.Label()) // the wizard saves it
	l.note.SetText("Mood noted: " + m.Label())
	l.refresh()
}

func large(text string) *widget.Label {
	t := widget.NewLabel(text)
	t.Wrapping = fyne.TextWrapWord
	t.SizeName = theme.SizeNameSubHeadingText
	return t
}

func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// settingOpeners is where the openers are kept, per language.
func settingOpeners(lang string) string { return "live.openers." + lang }

func (l *liveMode) startCard() liveCard {
	s := l.s
	script := letters.ScriptFor(s.lang)
	stored, err := s.store.Setting(s.ctx, settingOpeners(s.lang), "")
	if err != nil {
		s.showError("Reading your openers", err)
	}
	l.openersSaved = stored
	if strings.TrimSpace(stored) == "" {
		stored = strings.Join(script.Openers, "\n\n")
	}
	l.opener = l.entry(true, 7, "What you say first", nil)
	l.opener.SetText(stored)
	l.moodStart = l.moods(s.moodStart)
	dont := make([]string, len(script.DontSay))
	for i, d := range script.DontSay {
		dont[i] = "✗ " + d
	}
	dontLbl := widget.NewLabel(strings.Join(dont, "\n"))
	dontLbl.Importance = widget.DangerImportance
	moods := container.NewHBox()
	for _, b := range l.moodStart {
		moods.Add(b)
	}
	// The openers beside the don't-say list: both in view at 1024×700, in large type.
	openers := container.NewVBox(bold("Open with (yours to change, in "+letters.LanguageLabel(s.lang)+")"), l.opener)
	view := container.NewVBox(
		bold("How does "+s.f.Client.Name+" come across?"), moods,
		container.NewBorder(nil, nil, nil, container.NewVBox(bold("Don't say"), dontLbl), openers),
	)
	return liveCard{title: "Before you start", keys: "Ctrl+1 calm … Ctrl+5 furious", view: view, focus: l.opener,
		key: func(n int) bool { l.setMood(s.moodStart, data.Moods()[n-1]); return true }}
}

// saveOpeners keeps the openers as edited, through the settings' own save (only a change
// is written).
func (l *liveMode) saveOpeners() {
	text := strings.TrimSpace(l.opener.Text)
	def := strings.Join(letters.ScriptFor(l.s.lang).Openers, "\n\n")
	if text == def && l.openersSaved == "" || text == strings.TrimSpace(l.openersSaved) {
		return
	}
	key := settingOpeners(l.s.lang)
	if err := l.s.store.SaveSettingsEdit(l.s.ctx, map[string]string{key: l.openersSaved}, map[string]string{key: text}); err != nil {
		l.s.showError("Saving your openers", err)
		return
	}
	l.openersSaved = text
}

func (l *liveMode) listenCard() liveCard {
	s := l.s
	l.account = l.entry(true, 5, "Type what the client says, in their own words", s.account)
	l.feeling = l.entry(false, 0, "How they feel, in a word or two", s.feeling)
	nudge := large("When they stop: “" + letters.ScriptFor(s.lang).AnythingElse + "” Ask again until there is nothing else.")
	nudge.Importance = widget.HighImportance
	view := container.NewVBox(bold("Listen: let them finish"), l.account, nudge, bold("Name the feeling you hear"), l.feeling)
	return liveCard{title: "Listen", keys: "Type as they talk", view: view, focus: l.account}
}

func (l *liveMode) restateCard() liveCard {
	s := l.s
	l.what = l.entry(false, 0, "What happened", s.what)
	l.impact = l.entry(false, 0, "Its impact on them", s.impact)
	l.feels = l.entry(false, 0, "How they feel", s.feels)
	l.draft = l.entry(true, 2, "What you say back", s.draft)
	l.correction = l.entry(false, 0, "If it is not right: their correction, in their words", s.correction)
	// The wizard builds the sentence from the parts: show it here as it changes.
	for _, e := range []*liveEntry{l.what, l.impact, l.feels} {
		e := e
		prev := e.OnChanged
		e.OnChanged = func(v string) {
			prev(v)
			if l.draft.Text != s.draft.Text {
				l.draft.SetText(s.draft.Text)
			}
		}
	}
	l.rounds = widget.NewLabel("")
	l.rounds.Wrapping = fyne.TextWrapWord
	view := container.NewVBox(
		widget.NewForm(widget.NewFormItem("What happened", l.what), widget.NewFormItem("Its impact", l.impact),
			widget.NewFormItem("They feel", l.feels)),
		bold("Say it back, then ask: “"+letters.CheckQuestion(s.lang)+"”"), l.draft,
		bold("Their answer"), l.correction, l.rounds,
	)
	return liveCard{title: "Say it back", keys: "Ctrl+1 Confirmed · Ctrl+2 Partly right · Ctrl+3 Not right · Ctrl+4 Pause and call back",
		view: view, focus: l.what, key: l.answer}
}

// answer records the client's answer to the restatement, by key.
func (l *liveMode) answer(n int) bool {
	s := l.s
	if s.f.Complaint.RestateState != data.RestateOpen {
		l.note.SetText("The restatement is " + strings.ToLower(s.f.Complaint.RestateState.Label()) + ": go on with Alt+Right.")
		return true
	}
	a := map[int]data.Answer{1: data.AnswerConfirmed, 2: data.AnswerPartly, 3: data.AnswerNotRight}[n]
	switch {
	case n == 4:
		s.onPause()
		return true
	case a == "":
		return false
	case strings.TrimSpace(l.draft.Text) == "":
		l.note.SetText("Say it back first: write what you heard.")
		l.win.Canvas().Focus(l.what)
		return true
	case a != data.AnswerConfirmed && strings.TrimSpace(l.correction.Text) == "":
		l.note.SetText("Write their correction first, in their words, then press the key again.")
		l.win.Canvas().Focus(l.correction)
		return true
	}
	s.onAnswer(a)
	l.pull()
	if a == data.AnswerConfirmed {
		l.note.SetText("Confirmed. Go on with Alt+Right.")
	} else {
		l.note.SetText(answerLabel(a) + ": say it again, with their correction.")
		l.win.Canvas().Focus(l.draft)
	}
	return true
}

func (l *liveMode) ownCard() liveCard {
	s := l.s
	l.newError = l.entry(false, 0, "One thing we got wrong, then Enter", nil)
	l.newError.OnSubmitted = func(v string) { l.addError(v) }
	l.regret = l.entry(true, 2, "Your words of regret, naming what went wrong", s.regret)
	l.errorsList = widget.NewLabel("")
	l.errorsList.Wrapping = fyne.TextWrapWord
	l.responsible = l.check("We accept responsibility", func(v bool) {
		if s.responsibility.Checked != v {
			s.responsibility.SetChecked(v)
		}
	})
	view := container.NewVBox(bold("What we got wrong, as our own doing"), l.errorsList, l.newError, l.responsible,
		bold("Regret"), l.regret)
	return liveCard{title: "Own it", keys: "Enter adds the error · Ctrl+1 we accept responsibility", view: view, focus: l.newError,
		key: func(n int) bool {
			if n != 1 {
				return false
			}
			l.responsible.SetChecked(!l.responsible.Checked)
			return true
		}}
}

func (l *liveMode) addError(text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	s := l.s
	s.flush()
	if _, err := s.store.AddAckError(s.ctx, s.f.Complaint.ID, text); err != nil {
		s.showError("Adding the error", err)
		return
	}
	s.reload()
	l.newError.SetText("")
	l.refresh()
	l.win.Canvas().Focus(l.newError)
}

func (l *liveMode) askCard() liveCard {
	s := l.s
	l.fix = l.entry(true, 4, "What they ask for, in their words", s.clientFix)
	view := container.NewVBox(large("Ask: “"+letters.ScriptFor(s.lang).Ask+"”"), l.fix)
	return liveCard{title: "Ask", keys: "Type their answer", view: view, focus: l.fix}
}

func (l *liveMode) agreeCard() liveCard {
	s := l.s
	l.ask = large("")
	l.readBack = large("")
	add := l.button("Add remedy…", theme.ContentAddIcon(), func() { s.onRemedy(data.Remedy{}) })
	l.offer = l.button("Offer what they asked for…", theme.ConfirmIcon(), s.onOfferAsk)
	offer := l.offer
	commit := l.button("Add commitment…", theme.ContentAddIcon(), func() { s.onCommitment(data.Commitment{}) })
	view := container.NewVBox(l.ask, container.NewHBox(offer, add, commit), bold("Read back"), l.readBack)
	return liveCard{title: "Agree", keys: "Ctrl+1 the client agrees", view: view, key: func(n int) bool {
		if n != 1 {
			return false
		}
		if len(s.f.Remedies) == 0 && len(s.f.Commitments) == 0 {
			l.note.SetText("Nothing agreed yet: add a remedy or a commitment first.")
			return true
		}
		s.onClientAgrees()
		l.note.SetText("The client agrees.")
		l.refresh()
		return true
	}}
}

func (l *liveMode) closeCard() liveCard {
	s := l.s
	l.thanked = l.check("I thanked them", func(v bool) {
		if s.thanked.Checked != v {
			s.thanked.SetChecked(v)
		}
	})
	l.moodEnd = l.moods(s.moodEnd)
	moods := container.NewHBox()
	for _, b := range l.moodEnd {
		moods.Add(b)
	}
	view := container.NewVBox(large("Thank them: “"+letters.ScriptFor(s.lang).Thanks+"”"), l.thanked,
		bold("How do they come across now?"), moods,
		widget.NewLabel("End the call with Esc: the interview goes on in the window behind, with Prevent and the outcome."))
	return liveCard{title: "Thank and close", keys: "Ctrl+1 calm … Ctrl+5 furious · Space ticks the box", view: view,
		focus: l.thanked, key: func(n int) bool { l.setMood(s.moodEnd, data.Moods()[n-1]); return true }}
}

// close ends the live mode: the wizard, saved as typed, shows the interview again.
func (l *liveMode) close() {
	if l.s.live != l {
		return
	}
	l.saveOpeners()
	s := l.s
	s.flush()
	s.win, s.shell = l.restore, l.restoreShell
	s.live = nil
	l.win.Close()
	s.reload()
}
