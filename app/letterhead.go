package app

import (
	"bytes"
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
	u                 *UI
	name, business    *widget.Entry
	address           *widget.Entry
	phone, email, web *widget.Entry
	paper             *widget.Select
	signOffEN         *widget.Entry
	signOffDE         *widget.Entry
	place             *widget.Entry
	offsetX, offsetY  *widget.Entry
	logo, signature   []byte
	logoLbl, sigLbl   *widget.Label
	form              *widget.Form
	status            *widget.Label
	templates         *templateSettings
	view              fyne.CanvasObject
}

func newLetterheadSettings(u *UI) *letterheadSettings {
	s := &letterheadSettings{u: u, status: widget.NewLabel("")}
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
			{Text: "Postal address", Widget: s.address, HintText: "One line per line; also the return address in the envelope window"},
			{Text: "Phone", Widget: s.phone},
			{Text: "Email", Widget: s.email},
			{Text: "Website", Widget: s.web},
			{Text: "Logo", Widget: imageRow(s.logoLbl, func(b []byte) { s.logo = b }), HintText: "PNG or JPEG, printed top right"},
			{Text: "Signature", Widget: imageRow(s.sigLbl, func(b []byte) { s.signature = b }), HintText: "PNG or JPEG scan; without one, room is left to sign by hand"},
			{Text: "Paper", Widget: s.paper, HintText: "A4 (DIN 5008 B window envelopes) or US Letter (#10 window envelopes)"},
			{Text: "Sign-off (English)", Widget: s.signOffEN},
			{Text: "Sign-off (German)", Widget: s.signOffDE},
			{Text: "Place in the date line", Widget: s.place, HintText: "e.g. Berlin → “Berlin, 23. November 2026”"},
			{Text: "Address offset right (mm)", Widget: s.offsetX, HintText: "Moves the address if it misses your envelope window"},
			{Text: "Address offset down (mm)", Widget: s.offsetY, HintText: "Check with the calibration page"},
			{Text: "", Widget: calib},
		},
		SubmitText: "Save letterhead",
		OnSubmit:   s.onSave,
	}
	s.load()
	title := widget.NewLabelWithStyle("Letterhead", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	s.templates = newTemplateSettings(u)
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

func (s *letterheadSettings) load() {
	lh, err := s.u.store.Letterhead(s.u.ctx)
	var dmg *data.LetterheadDamage
	if errors.As(err, &dmg) {
		// The rest loaded: show it, and say here which fields to set again.
		s.status.SetText(letterheadDamageText(dmg))
	} else if err != nil {
		s.u.showError("Loading the letterhead", err)
	}
	s.name.SetText(lh.Name)
	s.business.SetText(lh.Business)
	s.address.SetText(lh.Address)
	s.phone.SetText(lh.Phone)
	s.email.SetText(lh.Email)
	s.web.SetText(lh.Website)
	s.paper.SetSelected(lh.Paper)
	s.signOffEN.SetText(lh.SignOffEN)
	s.signOffDE.SetText(lh.SignOffDE)
	s.place.SetText(lh.Place)
	s.offsetX.SetText(strconv.FormatFloat(lh.OffsetX, 'f', -1, 64))
	s.offsetY.SetText(strconv.FormatFloat(lh.OffsetY, 'f', -1, 64))
	s.logo, s.signature = lh.Logo, lh.Signature
	s.showImages()
}

// letterheadDamageText tells the user which letterhead settings could not be read.
func letterheadDamageText(d *data.LetterheadDamage) string {
	msg := d.Error()
	return "⚠ " + strings.ToUpper(msg[:1]) + msg[1:] + ". " + damageAdvice(d)
}

func (s *letterheadSettings) showImages() {
	desc := func(b []byte) string {
		if len(b) == 0 {
			return "None"
		}
		return fmt.Sprintf("Image of %d KB", (len(b)+1023)/1024)
	}
	s.logoLbl.SetText(desc(s.logo))
	s.sigLbl.SetText(desc(s.signature))
}

func (s *letterheadSettings) collect() data.Letterhead {
	return data.Letterhead{Name: s.name.Text, Business: s.business.Text, Address: s.address.Text, Phone: s.phone.Text,
		Email: s.email.Text, Website: s.web.Text, Logo: s.logo, Signature: s.signature, Paper: s.paper.Selected,
		SignOffEN: s.signOffEN.Text, SignOffDE: s.signOffDE.Text, Place: s.place.Text,
		OffsetX: parseOffset(s.offsetX.Text), OffsetY: parseOffset(s.offsetY.Text)}
}

func (s *letterheadSettings) onSave() {
	if err := s.u.store.SaveLetterhead(s.u.ctx, s.collect()); err != nil {
		s.status.SetText("")
		s.u.showError("Saving the letterhead", err)
		return
	}
	s.status.SetText("Letterhead saved.")
}

// onChooseImage reads a PNG or JPEG and keeps it if it decodes.
func (s *letterheadSettings) onChooseImage(lbl *widget.Label, set func([]byte)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.u.showError("Opening the image", err)
			return
		}
		if r == nil {
			return
		}
		s.useImage(r, set)
	}, s.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}))
	d.Show()
}

func (s *letterheadSettings) useImage(r io.ReadCloser, set func([]byte)) {
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, data.MaxImageBytes+1))
	if err != nil {
		s.u.showError("Reading the image", err)
		return
	}
	if err := data.ValidateImage(b); err != nil {
		dialog.ShowError(errors.New("This image cannot be used: "+err.Error()), s.u.win)
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
		s.u.showError("Printing the calibration page", err)
		return
	}
	for _, e := range []*widget.Entry{s.offsetX, s.offsetY} {
		if err := validOffset(e.Text); err != nil {
			s.u.showError("Printing the calibration page", &data.FieldError{Field: "address offset", Msg: err.Error()})
			return
		}
	}
	lang := "en"
	if strings.HasPrefix(strings.ToLower(os.Getenv("LANG")), "de") {
		lang = "de"
	}
	var b bytes.Buffer
	if err := pdf.Calibration(&b, paper, pdf.Offset{X: parseOffset(s.offsetX.Text), Y: parseOffset(s.offsetY.Text)}, lang); err != nil {
		s.u.showError("Printing the calibration page", err)
		return
	}
	dir := filepath.Join(os.TempDir(), "amends-letters")
	path := filepath.Join(dir, "Envelope calibration "+paper.String()+".pdf")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		s.u.showError("Printing the calibration page", err)
		return
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		s.u.showError("Printing the calibration page", err)
		return
	}
	if err := s.u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}); err != nil {
		s.u.showError("Opening the calibration page", err)
		return
	}
	s.status.SetText("Calibration page opened in your PDF viewer: print it at 100 % and hold it against an envelope.")
}
