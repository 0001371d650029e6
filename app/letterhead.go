package app

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
	"github.com/amends/amends/data/letters"
	"github.com/amends/amends/pdf"
)

// letterheadSettings edits the consultant's letterhead, letter defaults and
// envelope offsets, and prints the calibration page.
type letterheadSettings struct {
	deps
	fields            edits // against the letterhead as loaded: a save writes what was changed
	name, business    *widget.Entry
	address           *widget.Entry
	phone, email, web *widget.Entry
	paper             *widget.Select
	signOffEN         *widget.Entry
	signOffDE         *widget.Entry
	place             *widget.Entry
	voice             *widget.RadioGroup
	font              *widget.Select
	offsetX, offsetY  *widget.Entry
	logo, signature   []byte
	logoLbl, sigLbl   *widget.Label
	form              *widget.Form
	status            *widget.Label
	templates         *templateSettings
	view              fyne.CanvasObject
}

func newLetterheadSettings(d deps) *letterheadSettings {
	s := &letterheadSettings{deps: d, status: widget.NewLabel("")}
	s.status.Wrapping = fyne.TextWrapWord
	s.name, s.business, s.phone, s.email, s.web = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.address = widget.NewMultiLineEntry()
	s.address.SetMinRowsVisible(3)
	s.phone.Validator = data.ValidatePhone
	s.email.Validator = data.ValidateEmail
	s.paper = widget.NewSelect([]string{"A4", "Letter"}, nil)
	s.signOffEN, s.signOffDE, s.place = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.signOffEN.PlaceHolder = letters.DefaultSignOff("en")
	s.signOffDE.PlaceHolder = letters.DefaultSignOff("de")
	s.offsetX, s.offsetY = widget.NewEntry(), widget.NewEntry()
	s.offsetX.Validator, s.offsetY.Validator = validOffset, validOffset
	s.voice = widget.NewRadioGroup([]string{voiceAlone, voiceFirm}, nil)
	s.voice.Required = true
	s.font = widget.NewSelect([]string{fontSans, fontSerif}, nil)
	s.logoLbl, s.sigLbl = widget.NewLabel(""), widget.NewLabel("")
	imageRow := func(lbl *widget.Label, set func([]byte)) fyne.CanvasObject {
		choose := widget.NewButtonWithIcon("Choose…", theme.FolderOpenIcon(), func() { s.onChooseImage(lbl, set) })
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { set(nil); s.showImages() })
		return container.NewBorder(nil, nil, nil, container.NewHBox(choose, remove), lbl)
	}
	calib := widget.NewButtonWithIcon("Print calibration page", theme.DocumentPrintIcon(), s.onCalibration)
	s.form = &widget.Form{
		Items: []*widget.FormItem{
			{Text: "Your name", Widget: s.name, HintText: "Printed at the top and under the signature"},
			{Text: "Business", Widget: s.business},
			{Text: "Postal address", Widget: s.address, HintText: "One line each; also the return address in the window"},
			{Text: "Phone", Widget: s.phone},
			{Text: "Email", Widget: s.email},
			{Text: "Website", Widget: s.web},
			{Text: "Logo", Widget: imageRow(s.logoLbl, func(b []byte) { s.logo = b }), HintText: "PNG or JPEG, printed top right"},
			{Text: "Signature", Widget: imageRow(s.sigLbl, func(b []byte) { s.signature = b }), HintText: "PNG or JPEG; without one, room to sign by hand"},
			{Text: "Paper", Widget: s.paper, HintText: "A4 (DIN 5008 B windows) or US Letter (#10 windows)"},
			{Text: "Sign-off (English)", Widget: s.signOffEN},
			{Text: "Sign-off (German)", Widget: s.signOffDE},
			{Text: "Place in the date line", Widget: s.place, HintText: "e.g. Berlin, for “Berlin, 23. November 2026” (not in English letters)"},
			{Text: "Letters say", Widget: s.voice, HintText: "Every letter keeps to it"},
			{Text: "Typeface", Widget: s.font, HintText: "Like Arial or like Times; embedded in every PDF"},
			{Text: "Address offset right (mm)", Widget: s.offsetX, HintText: "Moves the address if it misses your envelope window"},
			{Text: "Address offset down (mm)", Widget: s.offsetY, HintText: "Check with the calibration page"},
			{Text: "", Widget: calib},
		},
		SubmitText: "Save letterhead",
		OnSubmit:   s.onSave,
	}
	s.fields = edits{fields: s.editFields()}
	s.load()
	title := widget.NewLabelWithStyle("Letterhead", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	s.templates = newTemplateSettings(d)
	s.view = container.NewVBox(widget.NewSeparator(), title, s.form, s.status, s.templates.view)
	return s
}

func validOffset(v string) error {
	v = strings.TrimSpace(strings.ReplaceAll(v, ",", "."))
	if v == "" {
		return nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < -data.MaxOffset || f > data.MaxOffset {
		return fmt.Errorf("enter millimetres between -%.0f and %.0f, e.g. 1.5", data.MaxOffset, data.MaxOffset)
	}
	return nil
}

func parseOffset(v string) float64 {
	f, _ := strconv.ParseFloat(strings.TrimSpace(strings.ReplaceAll(v, ",", ".")), 64)
	return f
}

// load shows the letterhead as stored.
func (s *letterheadSettings) load() {
	lh, err := s.store.Letterhead(s.ctx)
	s.loaded(lh, err, s.fields.load)
}

// changed shows a letterhead saved elsewhere (sample data, another window) in the
// fields the user has not touched.
func (s *letterheadSettings) changed(n data.Notice) {
	if !n.Has(data.ChangedLetterhead) {
		return
	}
	var lh data.Letterhead
	var err error
	s.run.run(func() { lh, err = s.store.Letterhead(s.ctx) }, func() { s.loaded(lh, err, s.fields.refresh) })
}

// loaded puts lh into the fields through put (load or refresh), saying which of its
// settings could not be read.
func (s *letterheadSettings) loaded(lh data.Letterhead, err error, put func(map[string]string)) {
	var dmg *data.LetterheadDamage
	if errors.As(err, &dmg) {
		// The rest loaded: show it, and say here which fields to set again.
		s.status.SetText(letterheadDamageText(dmg))
	} else if err != nil {
		s.showError("Loading the letterhead", err)
		return
	}
	put(letterheadValues(lh))
	s.showImages()
}

// editFields are the letterhead's fields, named as data.SaveLetterheadEdit names them.
func (s *letterheadSettings) editFields() []editField {
	text := func(key, label string, e *widget.Entry) editField {
		return editField{key: key, label: label, get: func() string { return e.Text }, set: e.SetText}
	}
	offset := func(key, label string, e *widget.Entry) editField {
		return editField{key: key, label: label, set: e.SetText, get: func() string {
			if validOffset(e.Text) != nil {
				return e.Text
			}
			return strconv.FormatFloat(parseOffset(e.Text), 'f', -1, 64)
		}}
	}
	image := func(key, label string, b *[]byte) editField {
		return editField{key: key, label: label, get: func() string { return base64.StdEncoding.EncodeToString(*b) },
			set: func(v string) {
				*b = imageBytes(v)
				s.showImages()
			}}
	}
	return []editField{
		text("name", "Your name", s.name), text("business", "Business", s.business),
		text("address", "Postal address", s.address), text("phone", "Phone", s.phone), text("email", "Email", s.email),
		text("website", "Website", s.web), image("logo", "Logo", &s.logo), image("signature", "Signature", &s.signature),
		{key: "paper", label: "Paper", get: func() string { return s.paper.Selected }, set: s.paper.SetSelected},
		text("signoff.en", "Sign-off (English)", s.signOffEN), text("signoff.de", "Sign-off (German)", s.signOffDE),
		text("place", "Place in the date line", s.place),
		{key: "voice", label: "Letters say", get: func() string { return voiceValue(s.voice.Selected) }, set: func(v string) { s.voice.SetSelected(voiceLabel(v)) }},
		{key: "font", label: "Typeface", get: func() string { return fontValue(s.font.Selected) }, set: func(v string) { s.font.SetSelected(fontLabel(v)) }},
		offset("offset_x", "Address offset right (mm)", s.offsetX), offset("offset_y", "Address offset down (mm)", s.offsetY),
	}
}

// letterheadValues is a letterhead as the form's fields show it, by key.
func letterheadValues(l data.Letterhead) map[string]string {
	return map[string]string{"name": l.Name, "business": l.Business, "address": l.Address, "phone": l.Phone,
		"email": l.Email, "website": l.Website, "logo": base64.StdEncoding.EncodeToString(l.Logo),
		"signature": base64.StdEncoding.EncodeToString(l.Signature), "paper": l.Paper,
		"signoff.en": l.SignOffEN, "signoff.de": l.SignOffDE, "place": l.Place, "voice": voiceValue(voiceLabel(l.Voice)), "font": fontValue(fontLabel(l.Font)),
		"offset_x": strconv.FormatFloat(l.OffsetX, 'f', -1, 64), "offset_y": strconv.FormatFloat(l.OffsetY, 'f', -1, 64)}
}

// The voice and typeface as Settings shows them.
const (
	voiceAlone = "“I” (I work alone)"
	voiceFirm  = "“we” (a small firm)"
	fontSans   = "Sans serif (Liberation Sans)"
	fontSerif  = "Serif (Liberation Serif)"
)

// voiceLabel shows a stored voice; "" is the default, "I".
func voiceLabel(v string) string {
	if v == data.VoiceWe {
		return voiceFirm
	}
	return voiceAlone
}

// voiceValue stores the voice shown; "I" is stored as "" (the default), so a form loaded
// with no voice set and left alone writes nothing.
func voiceValue(label string) string {
	if label == voiceFirm {
		return data.VoiceWe
	}
	return ""
}

func fontLabel(v string) string {
	if v == "serif" {
		return fontSerif
	}
	return fontSans
}

func fontValue(label string) string {
	if label == fontSerif {
		return "serif"
	}
	return ""
}

// imageBytes is an image field's value as bytes; nil for none.
func imageBytes(v string) []byte {
	if v == "" {
		return nil
	}
	b, _ := base64.StdEncoding.DecodeString(v) // encoded by the form from bytes it holds
	return b
}

// letterheadFrom reads the form's values back into a letterhead.
func letterheadFrom(v map[string]string) data.Letterhead {
	logo, sig := imageBytes(v["logo"]), imageBytes(v["signature"])
	return data.Letterhead{Name: v["name"], Business: v["business"], Address: v["address"], Phone: v["phone"],
		Email: v["email"], Website: v["website"], Logo: logo, Signature: sig, Paper: v["paper"],
		SignOffEN: v["signoff.en"], SignOffDE: v["signoff.de"], Place: v["place"], Voice: v["voice"], Font: v["font"],
		OffsetX: parseOffset(v["offset_x"]), OffsetY: parseOffset(v["offset_y"])}
}

// letterheadDamageText tells the user which letterhead settings could not be read.
func letterheadDamageText(d *data.LetterheadDamage) string {
	msg := d.Error()
	return "⚠ " + strings.ToUpper(msg[:1]) + msg[1:] + ". " + damageAdvice(d)
}

func (s *letterheadSettings) showImages() {
	s.logoLbl.SetText(imageText(s.logo))
	s.sigLbl.SetText(imageText(s.signature))
}

// imageText says what image a logo or signature field holds.
func imageText(b []byte) string {
	if len(b) == 0 {
		return "None"
	}
	return fmt.Sprintf("Image of %d KB", (len(b)+1023)/1024)
}

func (s *letterheadSettings) collect() data.Letterhead { return letterheadFrom(s.fields.values()) }

// onSave writes what the user changed; a field changed meanwhile elsewhere too is asked about.
func (s *letterheadSettings) onSave() {
	err := s.store.SaveLetterheadEdit(s.ctx, letterheadFrom(s.fields.base), s.collect())
	var conflict *data.Conflict[data.Letterhead]
	if errors.As(err, &conflict) {
		theirs := letterheadValues(conflict.Current)
		show := func(key, v string) string {
			if key == "logo" || key == "signature" {
				return imageText(imageBytes(v))
			}
			return v
		}
		s.status.SetText("Not saved yet: choose which value to keep.")
		s.askConflict("the letterhead", s.fields.conflicts(conflict.Fields, theirs, show), func(mine map[string]bool) {
			s.fields.resolve(mine, theirs)
			s.onSave()
		})
		return
	}
	if err != nil {
		s.status.SetText("")
		s.showError("Saving the letterhead", err)
		return
	}
	s.fields.base = s.fields.values()
	s.status.SetText("Letterhead saved.")
}

// onChooseImage reads a PNG or JPEG and keeps it if it decodes.
func (s *letterheadSettings) onChooseImage(lbl *widget.Label, set func([]byte)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.showError("Opening the image", err)
			return
		}
		if r == nil {
			return
		}
		s.useImage(r, set)
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}))
	d.Show()
}

func (s *letterheadSettings) useImage(r io.ReadCloser, set func([]byte)) {
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, data.MaxImageBytes+1))
	if err != nil {
		s.showError("Reading the image", err)
		return
	}
	if err := data.ValidateImage(b); err != nil {
		dialog.ShowError(errors.New("This image cannot be used: "+err.Error()), s.win)
		return
	}
	set(b)
	s.showImages()
	s.status.SetText("Image chosen; press “Save letterhead” to keep it.")
}

// onCalibration writes the calibration page with the offsets as typed and opens it.
func (s *letterheadSettings) onCalibration() {
	paper, err := pdf.ParsePaper(s.paper.Selected)
	if err != nil {
		s.showError("Printing the calibration page", err)
		return
	}
	for _, e := range []*widget.Entry{s.offsetX, s.offsetY} {
		if err := validOffset(e.Text); err != nil {
			s.showError("Printing the calibration page", &data.FieldError{Field: "address offset", Msg: err.Error()})
			return
		}
	}
	lang := "en"
	if strings.HasPrefix(strings.ToLower(os.Getenv("LANG")), "de") {
		lang = "de"
	}
	var b bytes.Buffer
	if err := pdf.Calibration(&b, paper, pdf.Offset{X: parseOffset(s.offsetX.Text), Y: parseOffset(s.offsetY.Text)}, lang); err != nil {
		s.showError("Printing the calibration page", err)
		return
	}
	path, err := s.temp.path("Envelope calibration " + paper.String() + ".pdf")
	if err != nil {
		s.showError("Printing the calibration page", err)
		return
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		s.showError("Printing the calibration page", err)
		return
	}
	if err := s.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}); err != nil {
		s.showError("Opening the calibration page", err)
		return
	}
	s.status.SetText("Calibration page opened in your PDF viewer: print it at 100 % and hold it against an envelope.")
}
