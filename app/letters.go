package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
	"github.com/amends/amends/pdf/fonts"
)

// letterEditor is the window in which a drafted letter is edited, checked and
// saved, printed or emailed. What is typed is kept as a draft as it is typed, so
// closing the window loses nothing; what goes out is recorded in the client's timeline.
type letterEditor struct {
	deps
	win  fyne.Window
	kind letters.Kind
	src  letters.Source

	lang       *widget.Select
	paper      *widget.Select
	subject    *widget.Entry
	salutation *widget.Entry
	body       *multiLineEntry
	closing    *widget.Entry
	signer     *widget.Entry
	warnings   *fyne.Container
	parts      *fyne.Container // the six parts of an apology, ticked or not
	missing    *widget.Label
	status     *widget.Label
	checkPane  *container.Scroll // the check, beside the letter: always in view, scrolled when long
	savePDF    *widget.Button
	open       *widget.Button
	printBtn   *widget.Button
	email      *widget.Button

	// recorded is the letter last recorded from this editor; the same text
	// going out again is not recorded twice.
	recorded *data.Letter
	// fresh is the text as drafted from the template: closing on it keeps no draft.
	fresh letters.Draft
	save  *saver // keeps the draft as it is typed
	today time.Time
	cov   fonts.Coverage
	// checkRound numbers the checks asked for; only the newest is shown.
	checkRound int
	loading    bool
	curLang    string // the language the text is in, to go back to if a switch is cancelled
}

// writeLetter asks which letter to write for a client (and complaint) and opens the editor.
func (d deps) writeLetter(clientID, complaintID int64) {
	choices := make([]string, len(letters.Kinds()))
	for i, k := range letters.Kinds() {
		choices[i] = k.Label()
	}
	kinds := widget.NewRadioGroup(choices, nil)
	kinds.Required = true
	hint := widget.NewLabel("")
	hint.Wrapping = fyne.TextWrapWord
	kinds.OnChanged = func(s string) {
		if k, ok := letters.KindFromLabel(s); ok {
			hint.SetText(k.Hint())
		}
	}
	if complaintID != 0 {
		kinds.SetSelected(letters.Apology.Label())
	} else {
		kinds.SetSelected(letters.Thanks.Label())
	}
	content := container.NewVBox(kinds, hint)
	dlg := dialog.NewCustomConfirm("Write a letter", "Write draft", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		k, _ := letters.KindFromLabel(kinds.Selected)
		d.openLetterEditor(k, clientID, complaintID)
	}, d.win)
	dlg.Resize(fyne.NewSize(460, 330))
	dlg.Show()
}

// draftSaveDelay is how long typing pauses before the draft is written.
const draftSaveDelay = 700 * time.Millisecond

// letterStart is what the letter editor opens with, read off the UI thread.
type letterStart struct {
	in       letters.Input
	src      letters.Source
	kept     data.LetterDraft
	hasDraft bool
	cov      fonts.Coverage
	today    time.Time
	fresh    letters.Draft // the letter as the template writes it
	draftErr error         // why the template could not write it
	// noComplaint says an apology was asked for a client with no complaint yet;
	// what failed, and how, is in failed and err.
	noComplaint bool
	failed      string
	err         error
}

// readLetterStart gathers the letter's facts and the draft kept from last time.
func (d deps) readLetterStart(k letters.Kind, clientID, complaintID int64) (st letterStart) {
	st.today = time.Now()
	if k.NeedsComplaint() && complaintID == 0 {
		ks, err := d.store.ListComplaints(d.ctx, data.ComplaintFilter{ClientID: clientID}, 1)
		if err != nil {
			st.failed, st.err = "Finding the client's complaint", err
			return st
		}
		if len(ks) == 0 {
			st.noComplaint = true
			return st
		}
		complaintID = ks[0].ID
	}
	if st.in, st.src, st.err = documents.Gather(d.ctx, d.store, k, clientID, complaintID, st.today); st.err != nil {
		st.failed = "Drafting the letter"
		return st
	}
	if st.kept, st.hasDraft, st.err = d.store.LetterDraftFor(d.ctx, st.src.Client.ID, st.src.ComplaintID, string(k)); st.err != nil {
		st.failed = "Opening the draft"
		return st
	}
	if st.hasDraft && letters.ValidLanguage(st.kept.Lang) {
		st.in.Lang = st.kept.Lang
	}
	st.fresh, st.draftErr = draftLetter(d.ctx, d.store, k, st.in)
	st.cov, _ = fonts.Sans().Coverage()
	return st
}

// draftLetter writes a letter of kind k from in with the template in Settings.
func draftLetter(ctx context.Context, store *data.DB, k letters.Kind, in letters.Input) (letters.Draft, error) {
	tmpl, err := documents.Template(ctx, store, k, in.Lang)
	if err != nil {
		return letters.Draft{}, err
	}
	return letters.Write(in, tmpl)
}

// draftFailed says on w why a letter of kind k could not be drafted.
func (d deps) draftFailed(k letters.Kind, err error, w fyne.Window) {
	var te *letters.TemplateError
	if errors.As(err, &te) {
		dialog.ShowError(fmt.Errorf("The %s template in Settings cannot be used: %s.\nFix it in Settings ▸ Letter templates, or reset it to the default.", strings.ToLower(k.Label()), te.Error()), w)
		return
	}
	d.showError("Drafting the letter", err)
}

// openLetterEditor opens the editor with the draft kept from last time, or a fresh
// draft from the template, once the store has been read off the UI thread; when no
// draft can be made the reason is shown instead. The channel closes when it is open.
func (d deps) openLetterEditor(k letters.Kind, clientID, complaintID int64) <-chan struct{} {
	var st letterStart
	return d.run.run(func() { st = d.readLetterStart(k, clientID, complaintID) }, func() {
		switch {
		case st.noComplaint:
			dialog.ShowInformation("No complaint yet", "An apology is written from a complaint interview.\n"+
				"Take up the complaint first (Alerts or Interviews), then write the apology from there.", d.win)
		case st.err != nil:
			d.showError(st.failed, st.err)
		case st.draftErr != nil:
			d.draftFailed(k, st.draftErr, d.win)
		default:
			d.seen.letter = d.showLetterEditor(k, st)
		}
	})
}

// showLetterEditor opens the editor window on what was read.
func (d deps) showLetterEditor(k letters.Kind, st letterStart) *letterEditor {
	src, kept, hasDraft, fresh := st.src, st.kept, st.hasDraft, st.fresh
	e := &letterEditor{deps: d, kind: k, src: src, today: st.today, cov: st.cov}
	e.build()
	e.paper.SetSelected(src.Letterhead.Paper)
	e.setLanguage(st.in.Lang)
	e.fresh = fresh
	if hasDraft {
		if kept.Paper == "A4" || kept.Paper == "Letter" {
			e.paper.SetSelected(kept.Paper)
		}
		e.setDraft(letters.Draft{Subject: kept.Subject, Salutation: kept.Salutation, Body: letters.SplitBody(kept.Body),
			Closing: kept.Closing, Signer: kept.Signer})
		e.status.SetText("This is the draft you were writing (" + currentFormats().dateTime(kept.Updated) +
			"). “New draft” writes the letter again from the template.")
	} else {
		e.setDraft(fresh)
	}
	// Only now: setting up the fields above is not typing, and keeps no draft.
	e.save = newSaver(draftSaveDelay, d.run, e.onDraftSaved)
	e.win.SetCloseIntercept(e.onClose)
	e.win.Show()
	return e
}

func (e *letterEditor) build() {
	u := e.deps
	e.win = u.app.NewWindow(fmt.Sprintf("%s letter to %s", e.kind.Label(), e.src.Client.Name))
	e.lang = widget.NewSelect(letters.LanguageLabels(), e.onLanguage)
	e.paper = widget.NewSelect([]string{"A4", "Letter"}, func(string) { e.onEdited() })
	e.subject = widget.NewEntry()
	e.salutation = widget.NewEntry()
	e.body = newMultiLineEntry() // Tab goes on to Closing, as in every other field
	e.body.SetMinRowsVisible(letterRows)
	e.closing = widget.NewEntry()
	e.signer = widget.NewEntry()
	for _, en := range []*widget.Entry{e.subject, e.salutation, &e.body.Entry, e.closing, e.signer} {
		en.OnChanged = func(string) { e.onEdited() }
	}
	e.warnings = container.NewVBox()
	e.parts = container.NewVBox()
	e.missing = widget.NewLabel("")
	e.missing.Importance = widget.WarningImportance
	e.missing.Wrapping = fyne.TextWrapWord
	e.status = widget.NewLabel("")
	e.status.Wrapping = fyne.TextWrapWord
	e.savePDF = widget.NewButtonWithIcon("Save PDF…", theme.DocumentSaveIcon(), e.onSavePDF)
	e.open = widget.NewButtonWithIcon("Open", theme.FileIcon(), e.onOpen)
	e.email = widget.NewButtonWithIcon("Email…", theme.MailSendIcon(), e.onEmail)
	e.printBtn = widget.NewButtonWithIcon("Print…", theme.DocumentPrintIcon(), e.onPrint)
	e.printBtn.Importance = widget.HighImportance
	redraft := widget.NewButtonWithIcon("New draft", theme.ViewRefreshIcon(), e.onRedraft)

	to := widget.NewLabel(strings.Join(e.recipientPreview(), " · "))
	to.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel("A blank line starts a new paragraph. What you type is kept as a draft until the letter goes out.")
	hint.Wrapping, hint.Importance = fyne.TextWrapWord, widget.LowImportance
	// The letter takes the height the other fields leave, so Print and the check stay in view.
	form := newFormRows(4,
		formLabel("To"), to,
		formLabel("Language"), container.NewHBox(e.lang, widget.NewLabel("Paper"), e.paper),
		formLabel("Subject"), e.subject,
		formLabel("Salutation"), e.salutation,
		formLabel("Letter"), container.NewBorder(nil, hint, nil, nil, e.body),
		formLabel("Closing"), e.closing,
		formLabel("Name"), e.signer,
	)
	checkTitle := widget.NewLabelWithStyle("Check", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	side := container.NewVBox(checkTitle, e.warnings, e.missing, e.parts)
	if d := e.src.LetterheadDamage; d != nil {
		dmg := widget.NewLabel(letterheadDamageText(d))
		dmg.Wrapping, dmg.Importance = fyne.TextWrapWord, widget.WarningImportance
		side.Add(dmg)
	}
	// What the last action did reads between the buttons: no empty line above them.
	buttons := container.NewBorder(nil, nil, container.NewVBox(redraft), container.NewVBox(container.NewHBox(e.savePDF, e.open, e.email, e.printBtn)), e.status)
	e.checkPane = container.NewVScroll(side)
	split := container.NewHSplit(container.NewVScroll(form), e.checkPane)
	split.Offset = 0.68
	e.win.SetContent(container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil, split))
	e.win.Resize(e.windowSize(letterWindow))
}

// letterWindow is the size the letter editor asks for, and letterRows the lines of the
// letter it shows at least: on a smaller screen the window takes the screen, and the
// letter what the other fields leave.
var letterWindow = fyne.NewSize(1100, 820)

const letterRows = 6

// recipient is the address the letter goes to, or the reason there is none.
func (e *letterEditor) recipient() ([]string, error) {
	return letters.Recipient(e.src.Client, e.src.Letterhead.Sender())
}

func (e *letterEditor) recipientPreview() []string {
	r, err := e.recipient()
	if errors.Is(err, letters.ErrNoAddress) {
		if em := strings.TrimSpace(e.src.Client.Email); em != "" {
			return []string{e.src.Client.Name, em + " (no postal address: email only)"}
		}
		return []string{e.src.Client.Name + " (no postal address)"}
	}
	if err != nil {
		return []string{err.Error()}
	}
	return r
}

// compose writes a draft from the user's template in the language in.Lang.
func (e *letterEditor) setDraft(d letters.Draft) {
	e.loading = true
	e.subject.SetText(d.Subject)
	e.salutation.SetText(d.Salutation)
	e.body.SetText(d.BodyText())
	e.closing.SetText(d.Closing)
	e.signer.SetText(d.Signer)
	e.loading = false
	e.refreshCheck()
}

// setLanguage shows lang in the language choice without asking to draft again.
func (e *letterEditor) setLanguage(lang string) {
	e.loading = true
	e.lang.SetSelected(letters.LanguageLabel(lang))
	e.loading = false
	e.curLang = lang
}

// draft is the text as edited now.
func (e *letterEditor) draft() letters.Draft {
	return letters.Draft{Subject: strings.TrimSpace(e.subject.Text), Salutation: strings.TrimSpace(e.salutation.Text),
		Body: letters.SplitBody(e.body.Text), Closing: strings.TrimSpace(e.closing.Text), Signer: strings.TrimSpace(e.signer.Text)}
}

func (e *letterEditor) language() string {
	if l, ok := letters.LanguageFromLabel(e.lang.Selected); ok {
		return l
	}
	return "en"
}

// letterCheck is what the check reads, taken on the UI thread, so that the check itself
// (tens of patterns in the letter's language, some milliseconds) runs off it.
type letterCheck struct {
	kind  letters.Kind
	draft letters.Draft
	lang  string
	src   letters.Source
	now   time.Time
	cov   fonts.Coverage
}

func (e *letterEditor) checkInput() letterCheck {
	return letterCheck{kind: e.kind, draft: e.draft(), lang: e.language(), src: e.src, now: e.store.Now(), cov: e.cov}
}

// currentWarnings runs the check on the text as edited.
func (e *letterEditor) currentWarnings() []letters.Warning { return e.checkInput().warnings() }

// warnings runs the check. A missing postal address comes first: without it the letter
// cannot go in a window envelope at all.
func (c letterCheck) warnings() []letters.Warning {
	var out []letters.Warning
	if _, err := letters.Recipient(c.src.Client, c.src.Letterhead.Sender()); errors.Is(err, letters.ErrNoAddress) {
		msg := c.src.Client.Name + " has no postal address, so the letter cannot go in a window envelope. Add the address in the client file, or send the letter by email"
		if strings.TrimSpace(c.src.Client.Email) == "" {
			msg += " (the client file has no email address either)"
		}
		out = append(out, letters.Warning{Code: codeNoAddress, Msg: msg + "."})
	}
	return append(out, letters.Check(c.kind, c.draft, letters.CheckOptions{NotConfirmed: c.src.NotConfirmed,
		Lang: c.lang, We: c.src.Letterhead.We(), Now: c.now, Promises: c.src.Commitments})...)
}

// codeNoAddress is the editor's own warning: the client has no postal address.
const codeNoAddress = "no-address"

// onEdited runs the check again and keeps the draft as typed.
func (e *letterEditor) onEdited() {
	if e.loading || e.save == nil {
		return
	}
	e.refreshCheck()
	e.keepDraft()
}

// keepDraft schedules the text as it is now to be written as the client's draft.
func (e *letterEditor) keepDraft() {
	d := e.draft()
	kept := data.LetterDraft{ClientID: e.src.Client.ID, ComplaintID: e.src.ComplaintID, Kind: string(e.kind),
		Lang: e.language(), Paper: e.paper.Selected, Subject: d.Subject, Salutation: d.Salutation, Body: d.BodyText(),
		Closing: d.Closing, Signer: d.Signer}
	store, ctx := e.store, e.ctx
	e.save.schedule("draft", func() error { return store.SaveLetterDraft(ctx, kept) })
}

// onDraftSaved says when the draft could not be kept; typing goes on and it is tried again.
func (e *letterEditor) onDraftSaved(err error) {
	if err != nil {
		e.status.SetText("Your draft could not be saved (" + err.Error() + "). Keep the window open; it is tried again as you type.")
	}
}

// refreshCheck runs the check off the UI thread and shows the newest result.
func (e *letterEditor) refreshCheck() {
	e.checkRound++
	round, in := e.checkRound, e.checkInput()
	var ws []letters.Warning
	var parts []letters.PartCheck
	var missing string
	e.run.run(func() {
		ws, missing = in.warnings(), in.missingRunes()
		if in.kind == letters.Apology {
			parts = letters.ApologyParts(in.draft)
		}
	}, func() {
		if round == e.checkRound { // an older check, for text since changed, is dropped
			e.showCheck(ws, parts, missing)
		}
	})
}

func (e *letterEditor) showCheck(ws []letters.Warning, parts []letters.PartCheck, missing string) {
	e.warnings.RemoveAll()
	if len(ws) == 0 {
		ok := widget.NewLabel("No problems found.")
		ok.Importance = widget.SuccessImportance
		e.warnings.Add(ok)
	}
	for _, w := range ws {
		l := widget.NewLabel("⚠ " + warningText(w))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.DangerImportance
		e.warnings.Add(l)
		if w.Code == codeNoAddress {
			row := container.NewHBox(widget.NewButton("Open the client file", e.onOpenClient))
			if strings.TrimSpace(e.src.Client.Email) != "" {
				row.Add(widget.NewButton("Email instead…", e.onEmail))
			}
			e.warnings.Add(row)
		}
		if w.Promise > 0 {
			e.warnings.Add(e.promiseButtons(w.Promise - 1))
		}
	}
	e.showParts(parts)
	if missing != "" {
		e.missing.SetText(fmt.Sprintf("The fonts have no %s; these characters will print as a replacement mark. Retype them or check the spelling.", missing))
		e.missing.Show()
	} else {
		e.missing.SetText("")
		e.missing.Hide()
	}
}

// missingRunes lists the characters of the letter the embedded fonts cannot draw: the
// letter's text and the address printed, never Amends' own marks around them.
func (c letterCheck) missingRunes() string {
	if c.cov.Len() == 0 {
		return ""
	}
	seen := map[rune]bool{}
	var out []string
	d := c.draft
	rcpt, _ := letters.Recipient(c.src.Client, c.src.Letterhead.Sender())
	all := strings.Join(append([]string{d.Subject, d.Salutation, d.Closing, d.Signer, strings.Join(rcpt, " ")}, d.Body...), " ")
	for _, r := range all {
		if unicode.IsSpace(r) || unicode.IsControl(r) || seen[r] || c.cov.Has(r) {
			continue
		}
		seen[r] = true
		out = append(out, fmt.Sprintf("%q (U+%04X)", r, r))
	}
	return strings.Join(out, ", ")
}

// onOpenClient shows the client's file in the main window, to add what is missing.
func (e *letterEditor) onOpenClient() {
	if err := e.save.flush(); err != nil {
		e.onDraftSaved(err)
	}
	e.showClient(e.src.Client.ID)
	e.status.SetText("The client file is open in the main window. Once the address is saved, choose “New draft” or close and open the letter again.")
}

// onLanguage writes the letter again in the language chosen, once the user agrees, and
// remembers it for the client's letters.
func (e *letterEditor) onLanguage(string) {
	if e.loading || e.subject == nil {
		return
	}
	lang := e.language()
	dialog.ShowConfirm("Draft again in "+e.lang.Selected+"?", "The letter is written again from the template in that language; your edits are replaced. "+
		e.src.Client.Name+"’s letters will be in "+e.lang.Selected+" from now on.", func(ok bool) {
		if !ok {
			e.setLanguage(e.curLang)
			return
		}
		e.curLang = lang
		e.redraft(true)
	}, e.win)
}

func (e *letterEditor) onRedraft() {
	dialog.ShowConfirm("New draft?", "The letter is written again from the template; your edits are replaced.", func(ok bool) {
		if ok {
			e.redraft(false)
		}
	}, e.win)
}

// redraft writes the letter again from the template in the language chosen, reading the
// store afresh off the UI thread; remember keeps that language for the client's letters.
// The channel closes when the new draft is in the fields.
func (e *letterEditor) redraft(remember bool) <-chan struct{} {
	ctx, store, k, clientID, complaintID, today, lang := e.ctx, e.store, e.kind, e.src.Client.ID, e.src.ComplaintID, e.today, e.language()
	var in letters.Input
	var src letters.Source
	var d letters.Draft
	var langErr, err, draftErr error
	return e.run.run(func() {
		if remember {
			langErr = store.SetClientLetterLang(ctx, clientID, lang)
		}
		if in, src, err = documents.Gather(ctx, store, k, clientID, complaintID, today); err == nil {
			in.Lang = lang
			d, draftErr = draftLetter(ctx, store, k, in)
		}
	}, func() {
		if langErr != nil {
			e.showError("Remembering the letter language", langErr)
		}
		switch {
		case err != nil:
			e.showError("Drafting the letter", err)
		case draftErr != nil:
			e.draftFailed(k, draftErr, e.win)
		default:
			e.src = src
			e.fresh = d
			e.setDraft(d)
			e.keepDraft()
		}
	})
}

// letter is the letter to record and print from the editor's text.
func (e *letterEditor) letter() (data.Letter, error) {
	return letters.Record(e.kind, e.language(), e.paper.Selected, e.today, e.draft(), e.src)
}

// checked runs proceed now, or after the user chose to go on despite the check's
// warnings. A letter for the post without a postal address cannot go on: the user can
// add it or send the letter by email instead.
func (e *letterEditor) checked(action string, post bool, proceed func()) {
	ws := e.currentWarnings()
	var msgs []string
	noAddress, pastPromise := false, false
	for _, w := range ws {
		if w.Code == codeNoAddress {
			noAddress = true
			if !post {
				continue
			}
		}
		pastPromise = pastPromise || w.Code == letters.CodePastPromiseText
		msgs = append(msgs, "• "+warningText(w))
	}
	if len(msgs) == 0 {
		proceed()
		return
	}
	l := widget.NewLabel(strings.Join(msgs, "\n"))
	l.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	back := widget.NewButton("Edit the letter", func() { d.Hide() })
	var buttons []fyne.CanvasObject
	if pastPromise {
		// A letter never promises, as still to come, a time already past.
		l.SetText(l.Text + "\n\nThe letter cannot go out promising a time already past: choose “Set a new date…” or “It was done” in the check, or take the sentence out.")
		back.Importance = widget.HighImportance
		buttons = append(buttons, back)
	} else if post && noAddress {
		buttons = append(buttons, back, widget.NewButton("Open the client file", func() { d.Hide(); e.onOpenClient() }))
		if strings.TrimSpace(e.src.Client.Email) != "" {
			email := widget.NewButton("Email it instead…", func() { d.Hide(); e.onEmail() })
			email.Importance = widget.HighImportance
			buttons = append(buttons, email)
		}
	} else {
		back.Importance = widget.HighImportance
		buttons = append(buttons, back, widget.NewButton(action+" anyway", func() { d.Hide(); proceed() }))
	}
	d = dialog.NewCustomWithoutButtons("The check found something", container.NewVScroll(l), e.win)
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(600, 320))
	d.Show()
}

// render makes the PDF of the letter as edited, laid out for the post.
func (e *letterEditor) render() (data.Letter, []byte, error) {
	l, err := e.letter()
	if err != nil {
		return l, nil, err
	}
	var b bytes.Buffer
	res, err := documents.RenderLetter(&b, l, e.src.Letterhead)
	if err != nil {
		return l, nil, err
	}
	e.noteMissing(res.Missing)
	return l, b.Bytes(), nil
}

func (e *letterEditor) noteMissing(m []rune) {
	if len(m) > 0 {
		e.status.SetText(fmt.Sprintf("Printed with replacement marks for %q: no font has them.", string(m)))
	}
}

// record keeps the letter in the store and the client's timeline unless this
// very text was recorded already; printing again only updates its print time. The draft
// is done with once the letter went out.
func (e *letterEditor) record(l data.Letter, printed bool) error {
	ctx, store := e.ctx, e.store
	var err error
	if r := e.recorded; r != nil && sameText(*r, l) {
		if printed {
			err = store.MarkLetterPrinted(ctx, r.ID)
		}
	} else {
		var saved data.Letter
		if saved, err = store.SaveLetter(ctx, l, printed); err == nil {
			e.recorded = &saved
		}
	}
	if err != nil {
		return err
	}
	e.sent()
	return nil
}

// sent forgets the draft: the letter went out as it stands.
func (e *letterEditor) sent() {
	if err := e.save.flush(); err != nil {
		e.onDraftSaved(err)
	}
	if err := e.store.DeleteLetterDraft(e.ctx, e.src.Client.ID, e.src.ComplaintID, string(e.kind)); err != nil {
		e.showError("Clearing the draft", err)
	}
}

func sameText(a, b data.Letter) bool {
	return a.Kind == b.Kind && a.Paper == b.Paper && a.Lang == b.Lang && a.Subject == b.Subject && a.Salutation == b.Salutation &&
		strings.Join(a.Body, "\x00") == strings.Join(b.Body, "\x00") && a.Closing == b.Closing && a.Signer == b.Signer &&
		strings.Join(a.Recipient, "\x00") == strings.Join(b.Recipient, "\x00")
}

func (e *letterEditor) onSavePDF() { e.checked("Save", true, e.onSavePDFChecked) }

func (e *letterEditor) onSavePDFChecked() {
	l, err := e.letter()
	if err != nil {
		e.fail("Saving the letter", err)
		return
	}
	chooseSaveFile(e.win, "Saving the letter", letters.FileName(l, e.src.Client.Name), func(path string) {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0o600)
		if err == nil {
			err = f.Chmod(0o600) // the chooser made it readable by all; it holds client data
		}
		if err != nil {
			if f != nil {
				f.Close()
			}
			e.fail("Saving the letter", err)
			return
		}
		e.saveTo(f)
	})
}

// saveTo writes the PDF to w and records the letter.
func (e *letterEditor) saveTo(w io.WriteCloser) {
	l, b, err := e.render()
	if err != nil {
		w.Close()
		e.fail("Saving the letter", err)
		return
	}
	_, err = w.Write(b)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		e.fail("Saving the PDF", fmt.Errorf("the file could not be written (is the disk full or the folder read-only?): %w", err))
		return
	}
	if err := e.record(l, false); err != nil {
		e.fail("The PDF was saved, but recording the letter in the timeline", err)
		return
	}
	e.status.SetText("Saved and recorded in the client's timeline.")
}

// tempFile writes b under name where the system's programs can open it.
func (d deps) tempFile(name string, b []byte) (string, error) {
	path, err := d.temp.path(name)
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return "", fmt.Errorf("write %s (is the disk full?): %w", path, err)
	}
	return path, nil
}

// writeTemp writes the PDF where the system viewer can open it.
func (e *letterEditor) writeTemp() (data.Letter, string, error) {
	l, b, err := e.render()
	if err != nil {
		return l, "", err
	}
	path, err := e.tempFile(letters.FileName(l, e.src.Client.Name), b)
	return l, path, err
}

func (e *letterEditor) onOpen() { e.checked("Open", true, e.onOpenChecked) }

// onPrint opens the Print… dialog: printer, copies and paper.
func (e *letterEditor) onPrint() {
	e.checked("Print", true, func() {
		l, err := e.letter()
		if err != nil {
			e.fail("Printing the letter", err)
			return
		}
		var out data.Letter
		e.showPrint(e.win, printJob{
			title: strings.TrimSuffix(letters.FileName(l, e.src.Client.Name), ".pdf"),
			paper: e.paper.Selected,
			render: func(paper string) (string, error) {
				e.paper.SetSelected(paper)
				var path string
				out, path, err = e.writeTemp()
				return path, err
			},
			printed: func(_, reply string) {
				if err := e.record(out, true); err != nil {
					e.fail("The letter was printed, but recording it in the timeline", err)
					return
				}
				e.status.SetText(strings.TrimSpace("Sent to the printer and recorded in the client's timeline. " + reply))
			},
			savePDF: e.onSavePDFChecked,
		})
	})
}

// onOpenChecked opens the viewer without asking about the check again.
func (e *letterEditor) onOpenChecked() {
	l, path, err := e.writeTemp()
	if err != nil {
		e.fail("Opening the letter", err)
		return
	}
	if err := e.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}); err != nil {
		e.fail("Opening the letter in the PDF viewer", fmt.Errorf("no PDF viewer could be started (%w); the PDF is at %s, open and print it from there", err, path))
		return
	}
	if err := e.record(l, true); err != nil {
		e.fail("Recording the letter", err)
		return
	}
	e.status.SetText("Opened in your PDF viewer (print from there) and recorded in the client's timeline.")
}

// onEmail makes the letter into a draft in the user's mail program: an .eml message with
// the letter as PDF attached (the email layout), or a mailto: link without it if no mail
// program opens the message.
func (e *letterEditor) onEmail() { e.checked("Email", false, e.onEmailChecked) }

func (e *letterEditor) onEmailChecked() {
	l, err := letters.RecordEmail(e.kind, e.language(), e.today, e.draft(), e.src)
	if err != nil {
		e.fail("Emailing the letter", err)
		return
	}
	var pdfData bytes.Buffer
	res, err := documents.RenderEmailLetter(&pdfData, l, e.src.Letterhead)
	if err != nil {
		e.fail("Emailing the letter", err)
		return
	}
	e.noteMissing(res.Missing)
	msg, err := documents.EmailOf(l, e.src.Client, pdfData.Bytes(), time.Now())
	if err != nil {
		e.fail("Emailing the letter", err)
		return
	}
	how := "A draft with the letter attached is open in your mail program: check it and press Send."
	viaMailto, err := e.openDraft(msg)
	if err != nil {
		e.fail("Emailing the letter", fmt.Errorf("no mail program could be started (%w); the letter's PDF can be saved with “Save PDF…”", err))
		return
	}
	if viaMailto {
		how = "Your mail program has the text of the letter in a new message; the PDF could not be attached that way: attach it with “Save PDF…” if you want it."
	}
	if err := e.recordEmail(l); err != nil {
		e.fail("The email draft was made, but recording it in the timeline", err)
		return
	}
	e.status.SetText(how + " Recorded in the client's timeline as emailed (draft).")
}

// recordEmail records a letter made into an email draft, once per text.
func (e *letterEditor) recordEmail(l data.Letter) error {
	var err error
	if r := e.recorded; r != nil && !r.Emailed.IsZero() && sameText(*r, l) {
		err = e.store.MarkLetterEmailed(e.ctx, r.ID)
	} else {
		var saved data.Letter
		if saved, err = e.store.SaveEmailedLetter(e.ctx, l); err == nil {
			e.recorded = &saved
		}
	}
	if err != nil {
		return err
	}
	e.sent()
	return nil
}

// onClose closes the window once the text is safe: a letter that went out, or the
// template's draft untouched, closes at once; otherwise the user keeps the draft for
// later or drops it.
func (e *letterEditor) onClose() {
	saveErr := e.save.flush()
	d := e.draft()
	sameDraft := func(a, b letters.Draft) bool { return a.Text() == b.Text() }
	wentOut := e.recorded != nil && sameText(*e.recorded, data.Letter{Kind: e.recorded.Kind, Paper: e.recorded.Paper, Lang: e.recorded.Lang,
		Subject: d.Subject, Salutation: d.Salutation, Body: d.Body, Closing: d.Closing, Signer: d.Signer, Recipient: e.recorded.Recipient})
	if (wentOut || sameDraft(d, e.fresh)) && saveErr == nil {
		if err := e.store.DeleteLetterDraft(e.ctx, e.src.Client.ID, e.src.ComplaintID, string(e.kind)); err != nil {
			e.showError("Clearing the draft", err)
		}
		e.win.Close()
		return
	}
	text := "This letter has not gone out yet. Keep it as a draft? It opens again as you left it the next time you write this letter to " + e.src.Client.Name + "."
	if saveErr != nil {
		text = "The draft could not be saved (" + saveErr.Error() + "). Closing now loses what you typed."
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	var dlg *dialog.CustomDialog
	keep := widget.NewButton("Keep the draft", func() { dlg.Hide(); e.win.Close() })
	keep.Importance = widget.HighImportance
	discard := widget.NewButton("Discard it", func() {
		dlg.Hide()
		if err := e.store.DeleteLetterDraft(e.ctx, e.src.Client.ID, e.src.ComplaintID, string(e.kind)); err != nil {
			e.showError("Discarding the draft", err)
			return
		}
		e.win.Close()
	})
	buttons := []fyne.CanvasObject{widget.NewButton("Go back", func() { dlg.Hide() }), discard}
	if saveErr == nil {
		buttons = append(buttons, keep)
	}
	dlg = dialog.NewCustomWithoutButtons("Close the letter?", l, e.win)
	dlg.SetButtons(buttons)
	dlg.Resize(fyne.NewSize(520, 200))
	dlg.Show()
}

// fail shows the error in the editor's window; the text stays as edited.
func (e *letterEditor) fail(action string, err error) {
	e.status.SetText(action + " failed. Your text is kept.")
	dialog.ShowError(fmt.Errorf("%s", userMessage(action, err)), e.win)
}

// fileWriter opens path for the save path used by tests and the file dialog alike.
func fileWriter(path string) (fyne.URIWriteCloser, error) {
	return storage.Writer(storage.NewFileURI(path))
}

// letterButton is the interview's "Write letter" button: pending edits are
// saved first, so the draft shows what was just typed.
func (s *interviewScreen) letterButton() *widget.Button {
	return widget.NewButtonWithIcon("Write letter…", theme.MailComposeIcon(), func() {
		if err := s.save.flush(); err != nil {
			s.showError("Saving the interview", err)
			return
		}
		if s.f.Complaint.ID == 0 {
			return
		}
		s.writeLetter(s.f.Complaint.ClientID, s.f.Complaint.ID)
	})
}
