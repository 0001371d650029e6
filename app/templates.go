package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/app/documents"
	"github.com/amends/amends/data/letters"
)

// templateSettings edits the letter templates: one per kind and language,
// stored in the settings; empty means the default shipped with Amends.
type templateSettings struct {
	deps
	kind    *widget.Select
	lang    *widget.Select
	text    *widget.Entry
	problem *widget.Label
	status  *widget.Label
	save    *widget.Button
	reset   *widget.Button
	preview *widget.Button
	view    fyne.CanvasObject
}

func newTemplateSettings(d deps) *templateSettings {
	s := &templateSettings{deps: d}
	var kinds []string
	for _, k := range letters.Kinds() {
		kinds = append(kinds, k.Label())
	}
	s.kind = widget.NewSelect(kinds, func(string) { s.load() })
	s.lang = widget.NewSelect(letters.LanguageLabels(), func(string) { s.load() })
	s.text = widget.NewMultiLineEntry()
	s.text.TextStyle.Monospace = true
	s.text.SetMinRowsVisible(14)
	s.text.OnChanged = func(string) { s.onTyped() }
	s.problem = widget.NewLabel("")
	s.problem.Importance = widget.DangerImportance
	s.problem.Wrapping = fyne.TextWrapWord
	s.status = widget.NewLabel("")
	s.save = widget.NewButtonWithIcon("Save template", theme.DocumentSaveIcon(), s.onSave)
	s.reset = widget.NewButtonWithIcon("Reset to default", theme.HistoryIcon(), s.onReset)
	s.preview = widget.NewButtonWithIcon("Preview", theme.VisibilityIcon(), s.onPreview)
	help := widget.NewLabel(letters.FieldHelp)
	help.Wrapping = fyne.TextWrapWord
	help.SizeName = theme.SizeNameCaptionText
	title := widget.NewLabelWithStyle("Letter templates", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	s.view = container.NewVBox(widget.NewSeparator(), title,
		container.NewHBox(widget.NewLabel("Letter"), s.kind, widget.NewLabel("Language"), s.lang),
		s.text, s.problem, container.NewHBox(s.save, s.reset, s.preview, s.status), help)
	s.kind.SetSelected(letters.Apology.Label())
	s.lang.SetSelected(letters.LanguageLabel("en"))
	return s
}

func (s *templateSettings) selected() (letters.Kind, string) {
	k, _ := letters.KindFromLabel(s.kind.Selected)
	l, ok := letters.LanguageFromLabel(s.lang.Selected)
	if !ok {
		l = "en"
	}
	return k, l
}

func (s *templateSettings) load() {
	if s.kind.Selected == "" || s.lang.Selected == "" {
		return
	}
	k, l := s.selected()
	t, err := documents.Template(s.ctx, s.store, k, l)
	if err != nil {
		s.showError("Loading the template", err)
		return
	}
	s.text.SetText(t)
	s.status.SetText("")
}

// onTyped shows at once whether the template can be used, naming the line.
func (s *templateSettings) onTyped() {
	k, l := s.selected()
	if err := letters.Parse(string(k)+"."+l, s.text.Text); err != nil {
		s.problem.SetText(err.Error())
		s.problem.Show()
		return
	}
	s.problem.SetText("")
	s.problem.Hide()
}

// check drafts the sample letter with the typed template.
func (s *templateSettings) check() (letters.Draft, error) {
	k, l := s.selected()
	return letters.Write(letters.Sample(k, l), s.text.Text)
}

func (s *templateSettings) onSave() {
	if _, err := s.check(); err != nil {
		s.problem.SetText(err.Error())
		s.problem.Show()
		dialog.ShowError(errors.New("The template was not saved: "+err.Error()), s.win)
		return
	}
	k, l := s.selected()
	text := s.text.Text
	if def, _ := letters.DefaultTemplate(k, l); text == def {
		text = "" // unchanged: keep following the shipped default
	}
	if err := s.store.SetSetting(s.ctx, letters.TemplateSetting(k, l), text); err != nil {
		s.showError("Saving the template", err)
		return
	}
	s.status.SetText("Saved.")
}

func (s *templateSettings) onReset() {
	k, l := s.selected()
	dialog.ShowConfirm("Reset to default?", "The "+strings.ToLower(k.Label())+" template in "+letters.LanguageLabel(l)+
		" goes back to the one Amends ships; your changes to it are removed.", func(ok bool) {
		if !ok {
			return
		}
		if err := s.store.SetSetting(s.ctx, letters.TemplateSetting(k, l), ""); err != nil {
			s.showError("Resetting the template", err)
			return
		}
		s.load()
		s.status.SetText("Reset to default.")
	}, s.win)
}

func (s *templateSettings) onPreview() {
	d, err := s.check()
	if err != nil {
		s.problem.SetText(err.Error())
		s.problem.Show()
		dialog.ShowError(errors.New("The template cannot be used: "+err.Error()), s.win)
		return
	}
	k, _ := s.selected()
	text := d.Text()
	for _, w := range letters.Check(k, d, letters.CheckOptions{}) {
		text += "\n\n⚠ " + warningText(w)
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustom("Preview with sample data", "Close", container.NewVScroll(l), s.win)
	dlg.Resize(fyne.NewSize(640, 560))
	dlg.Show()
}
