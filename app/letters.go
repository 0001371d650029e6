package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
	"github.com/amends/amends/pdf/fonts"
)

// letterEditor is the window in which a drafted letter is edited, checked and
// saved, opened or printed. What goes out is recorded in the client's timeline.
type letterEditor struct {
	deps
	win  fyne.Window
	kind letters.Kind
	src  letters.Source

	lang       *widget.Select
	paper      *widget.Select
	subject    *widget.Entry
	salutation *widget.Entry
	body       *widget.Entry
	closing    *widget.Entry
	signer     *widget.Entry
	warnings   *fyne.Container
	missing    *widget.Label
	status     *widget.Label
	savePDF    *widget.Button
	open       *widget.Button
	printBtn   *widget.Button

	// recorded is the letter last recorded from this editor; the same text
	// going out again is not recorded twice.
	recorded *data.Letter
	today    time.Time
	cov      fonts.Coverage
	loading  bool
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

// openLetterEditor drafts a letter and opens the editor; it returns nil when
// the draft could not be made (the reason is shown).
func (d deps) openLetterEditor(k letters.Kind, clientID, complaintID int64) *letterEditor {
	today := time.Now()
	if k.NeedsComplaint() && complaintID == 0 {
		ks, err := d.store.ListComplaints(d.ctx, data.ComplaintFilter{ClientID: clientID}, 1)
		if err != nil {
			d.showError("Finding the client's complaint", err)
			return nil
		}
		if len(ks) == 0 {
			dialog.ShowInformation("No complaint yet", "An apology is written from a complaint interview.\n"+
				"Take up the complaint first (Alerts or Interviews), then write the apology from there.", d.win)
			return nil
		}
		complaintID = ks[0].ID
	}
	in, src, err := documents.Gather(d.ctx, d.store, k, clientID, complaintID, today)
	if err != nil {
		d.showError("Drafting the letter", err)
		return nil
	}
	e := &letterEditor{deps: d, kind: k, src: src, today: today}
	e.cov, _ = fonts.Sans().Coverage()
	e.build()
	e.paper.SetSelected(src.Letterhead.Paper)
	e.loading = true
	e.lang.SetSelected(letters.LanguageLabel(in.Lang))
	e.loading = false
	if !e.redraft(in) {
		e.win.Close()
		return nil
	}
	e.win.Show()
	return e
}

func (e *letterEditor) build() {
	u := e.deps
	e.win = u.app.NewWindow(fmt.Sprintf("%s letter to %s", e.kind.Label(), e.src.Client.Name))
	e.lang = widget.NewSelect(letters.LanguageLabels(), e.onLanguage)
	e.paper = widget.NewSelect([]string{"A4", "Letter"}, nil)
	e.subject = widget.NewEntry()
	e.salutation = widget.NewEntry()
	e.body = widget.NewMultiLineEntry()
	e.body.Wrapping = fyne.TextWrapWord
	e.body.SetMinRowsVisible(16)
	e.closing = widget.NewEntry()
	e.signer = widget.NewEntry()
	for _, en := range []*widget.Entry{e.subject, e.salutation, e.body, e.closing, e.signer} {
		en.OnChanged = func(string) { e.onEdited() }
	}
	e.warnings = container.NewVBox()
	e.missing = widget.NewLabel("")
	e.missing.Importance = widget.WarningImportance
	e.missing.Wrapping = fyne.TextWrapWord
	e.status = widget.NewLabel("")
	e.status.Wrapping = fyne.TextWrapWord
	e.savePDF = widget.NewButtonWithIcon("Save PDF…", theme.DocumentSaveIcon(), e.onSavePDF)
	e.open = widget.NewButtonWithIcon("Open", theme.FileIcon(), e.onOpen)
	e.printBtn = widget.NewButtonWithIcon("Print", theme.DocumentPrintIcon(), e.onPrint)
	e.printBtn.Importance = widget.HighImportance
	redraft := widget.NewButtonWithIcon("New draft", theme.ViewRefreshIcon(), e.onRedraft)

	to := widget.NewLabel(strings.Join(e.recipientPreview(), " · "))
	to.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("To", to),
		widget.NewFormItem("Language", container.NewHBox(e.lang, widget.NewLabel("Paper"), e.paper)),
		widget.NewFormItem("Subject", e.subject),
		widget.NewFormItem("Salutation", e.salutation),
		widget.NewFormItem("Letter", e.body),
		widget.NewFormItem("Closing", e.closing),
		widget.NewFormItem("Name", e.signer),
	)
	form.Items[4].HintText = "A blank line starts a new paragraph"
	checkTitle := widget.NewLabelWithStyle("Check", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	side := container.NewVBox(checkTitle, e.warnings, e.missing)
	if d := e.src.LetterheadDamage; d != nil {
		dmg := widget.NewLabel(letterheadDamageText(d))
		dmg.Wrapping, dmg.Importance = fyne.TextWrapWord, widget.WarningImportance
		side.Add(dmg)
	}
	buttons := container.NewHBox(redraft, layout.NewSpacer(), e.savePDF, e.open, e.printBtn)
	split := container.NewHSplit(container.NewVScroll(form), container.NewVScroll(side))
	split.Offset = 0.68
	e.win.SetContent(container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), e.status, buttons), nil, nil, split))
	e.win.Resize(fyne.NewSize(1080, 720))
}

func (e *letterEditor) recipientPreview() []string {
	r, err := letters.Recipient(e.src.Client, e.src.Letterhead.Sender())
	if err != nil {
		return []string{"⚠ " + err.Error()}
	}
	return r
}

// redraft fills the editor with a fresh draft from the user's template.
func (e *letterEditor) redraft(in letters.Input) bool {
	tmpl, err := documents.Template(e.ctx, e.store, e.kind, in.Lang)
	if err == nil {
		var d letters.Draft
		if d, err = letters.Write(in, tmpl); err == nil {
			e.setDraft(d)
			return true
		}
	}
	var te *letters.TemplateError
	if errors.As(err, &te) {
		dialog.ShowError(fmt.Errorf("The %s template in Settings cannot be used: %s.\nFix it in Settings → Letter templates, or reset it to the default.", strings.ToLower(e.kind.Label()), te.Error()), e.win)
		return false
	}
	e.showError("Drafting the letter", err)
	return false
}

func (e *letterEditor) setDraft(d letters.Draft) {
	e.loading = true
	e.subject.SetText(d.Subject)
	e.salutation.SetText(d.Salutation)
	e.body.SetText(d.BodyText())
	e.closing.SetText(d.Closing)
	e.signer.SetText(d.Signer)
	e.loading = false
	e.onEdited()
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

// currentWarnings runs the check on the text as edited.
func (e *letterEditor) currentWarnings() []letters.Warning {
	return letters.Check(e.kind, e.draft(), letters.CheckOptions{NotConfirmed: e.src.NotConfirmed})
}

func (e *letterEditor) onEdited() {
	if e.loading {
		return
	}
	ws := e.currentWarnings()
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
	}
	if m := e.missingRunes(); m != "" {
		e.missing.SetText(fmt.Sprintf("The fonts have no %s; these characters will print as a replacement mark. Retype them or check the spelling.", m))
		e.missing.Show()
	} else {
		e.missing.SetText("")
		e.missing.Hide()
	}
}

// missingRunes lists the characters of the letter the embedded fonts cannot draw.
func (e *letterEditor) missingRunes() string {
	if e.cov.Len() == 0 {
		return ""
	}
	seen := map[rune]bool{}
	var out []string
	d := e.draft()
	all := strings.Join(append([]string{d.Subject, d.Salutation, d.Closing, d.Signer, strings.Join(e.recipientPreview(), " ")}, d.Body...), " ")
	for _, r := range all {
		if unicode.IsSpace(r) || unicode.IsControl(r) || seen[r] || e.cov.Has(r) {
			continue
		}
		seen[r] = true
		out = append(out, fmt.Sprintf("%q (U+%04X)", r, r))
	}
	return strings.Join(out, ", ")
}

func (e *letterEditor) onLanguage(string) {
	if e.loading || e.subject == nil {
		return
	}
	dialog.ShowConfirm("Draft again in "+e.lang.Selected+"?", "The letter is written again from the template in that language; your edits are replaced.", func(ok bool) {
		if !ok {
			return
		}
		e.onRedraftConfirmed()
	}, e.win)
}

func (e *letterEditor) onRedraft() {
	dialog.ShowConfirm("New draft?", "The letter is written again from the template; your edits are replaced.", func(ok bool) {
		if ok {
			e.onRedraftConfirmed()
		}
	}, e.win)
}

func (e *letterEditor) onRedraftConfirmed() {
	in, src, err := documents.Gather(e.ctx, e.store, e.kind, e.src.Client.ID, e.src.ComplaintID, e.today)
	if err != nil {
		e.showError("Drafting the letter", err)
		return
	}
	e.src = src
	in.Lang = e.language()
	e.redraft(in)
}

// letter is the letter to record and print from the editor's text.
func (e *letterEditor) letter() (data.Letter, error) {
	return letters.Record(e.kind, e.language(), e.paper.Selected, e.today, e.draft(), e.src)
}

// checked runs proceed now, or after the user chose to go on despite the check's warnings.
func (e *letterEditor) checked(action string, proceed func()) {
	ws := e.currentWarnings()
	if len(ws) == 0 {
		proceed()
		return
	}
	var msgs []string
	for _, w := range ws {
		msgs = append(msgs, "• "+warningText(w))
	}
	l := widget.NewLabel(strings.Join(msgs, "\n"))
	l.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	back := widget.NewButton("Edit the letter", func() { d.Hide() })
	back.Importance = widget.HighImportance
	anyway := widget.NewButton(action+" anyway", func() { d.Hide(); proceed() })
	d = dialog.NewCustomWithoutButtons("The check found something", container.NewVScroll(l), e.win)
	d.SetButtons([]fyne.CanvasObject{back, anyway})
	d.Resize(fyne.NewSize(560, 320))
	d.Show()
}

// render makes the PDF of the letter as edited.
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
	if len(res.Missing) > 0 {
		e.status.SetText(fmt.Sprintf("Printed with replacement marks for %q: no font has them.", string(res.Missing)))
	}
	return l, b.Bytes(), nil
}

// record keeps the letter in the store and the client's timeline unless this
// very text was recorded already; printing again only updates its print time.
func (e *letterEditor) record(l data.Letter, printed bool) error {
	ctx, store := e.ctx, e.store
	if r := e.recorded; r != nil && sameText(*r, l) {
		if printed {
			return store.MarkLetterPrinted(ctx, r.ID)
		}
		return nil
	}
	saved, err := store.SaveLetter(ctx, l, printed)
	if err != nil {
		return err
	}
	e.recorded = &saved
	return nil
}

func sameText(a, b data.Letter) bool {
	return a.Kind == b.Kind && a.Paper == b.Paper && a.Lang == b.Lang && a.Subject == b.Subject && a.Salutation == b.Salutation &&
		strings.Join(a.Body, "\x00") == strings.Join(b.Body, "\x00") && a.Closing == b.Closing && a.Signer == b.Signer &&
		strings.Join(a.Recipient, "\x00") == strings.Join(b.Recipient, "\x00")
}

func (e *letterEditor) onSavePDF() {
	e.checked("Save", func() {
		l, err := e.letter()
		if err != nil {
			e.fail("Saving the letter", err)
			return
		}
		chooseSaveFile(e.win, "Saving the letter", letters.FileName(l, e.src.Client.Name), func(path string) {
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0o644)
			if err != nil {
				e.fail("Saving the letter", err)
				return
			}
			e.saveTo(f)
		})
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

// writeTemp writes the PDF where the system viewer can open it.
func (e *letterEditor) writeTemp() (data.Letter, string, error) {
	l, b, err := e.render()
	if err != nil {
		return l, "", err
	}
	dir := filepath.Join(os.TempDir(), "amends-letters")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return l, "", fmt.Errorf("make folder %s: %w", dir, err)
	}
	path := filepath.Join(dir, letters.FileName(l, e.src.Client.Name))
	if err := os.WriteFile(path, b, 0o600); err != nil {
		return l, "", fmt.Errorf("write %s (is the disk full?): %w", path, err)
	}
	return l, path, nil
}

func (e *letterEditor) onOpen() { e.checked("Open", e.onOpenChecked) }

func (e *letterEditor) onPrint() {
	e.checked("Print", func() {
		if !e.print.available() {
			e.status.SetText("No printer command (lp) found: opening the PDF viewer instead.")
			e.onOpenChecked()
			return
		}
		l, path, err := e.writeTemp()
		if err != nil {
			e.fail("Printing the letter", err)
			return
		}
		e.printBtn.Disable()
		e.status.SetText("Sending to the printer…")
		var out []byte
		e.run.run(func() { out, err = e.print.lp(path) }, func() {
			e.printBtn.Enable()
			if err != nil {
				e.fail("Printing the letter", fmt.Errorf("the printer command failed: %s (%w)", strings.TrimSpace(string(out)), err))
				return
			}
			if err := e.record(l, true); err != nil {
				e.fail("The letter was printed, but recording it in the timeline", err)
				return
			}
			e.status.SetText("Sent to the printer and recorded in the client's timeline. " + strings.TrimSpace(string(out)))
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

// printer finds and runs the CUPS lp command; tests replace both functions.
type printer struct {
	lookPath func(string) (string, error)
	run      func(path string) ([]byte, error)
}

// available reports whether there is a printer command (lp).
func (p *printer) available() bool {
	if p.lookPath != nil {
		_, err := p.lookPath("lp")
		return err == nil
	}
	_, err := exec.LookPath("lp")
	return err == nil
}

// lp sends the file at path to the default printer; it may take a while, so it runs
// off the UI thread.
func (p *printer) lp(path string) ([]byte, error) {
	if p.run != nil {
		return p.run(path)
	}
	return exec.Command("lp", "--", path).CombinedOutput()
}
