package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// settingsScreen holds the consultant's own preferences, stored in the database so they
// travel with the data file.
type settingsScreen struct {
	u        *UI
	currency *widget.SelectEntry
	causes   *widget.Entry // root-cause categories, one a line
	form     *widget.Form
	status   *widget.Label
	view     fyne.CanvasObject

	letterhead *letterheadSettings
}

var commonCurrencies = []string{"EUR", "USD", "GBP", "CHF", "CAD", "AUD", "DKK", "NOK", "SEK", "PLN", "JPY", "SGD"}

func newSettingsScreen(u *UI) *settingsScreen {
	s := &settingsScreen{u: u, status: widget.NewLabel("")}
	s.currency = widget.NewSelectEntry(commonCurrencies)
	s.currency.Validator = validCurrency
	s.causes = widget.NewMultiLineEntry()
	s.causes.SetMinRowsVisible(6)
	s.causes.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("keep at least one category")
		}
		return nil
	}
	s.form = &widget.Form{
		Items: []*widget.FormItem{
			{Text: "Currency", Widget: s.currency, HintText: "Three-letter code shown with money, e.g. EUR"},
			u.themeFormItem(),
			{Text: "Root causes", Widget: s.causes,
				HintText: "Categories for why a complaint happened (interview step Prevent), one a line. Interviews keep the one they were given."},
		},
		SubmitText: "Save settings",
		OnSubmit:   s.onSave,
	}
	s.load()
	title := widget.NewLabelWithStyle("Settings", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = "subHeadingText"
	s.letterhead = newLetterheadSettings(u)
	s.view = container.NewBorder(title, s.status, nil, nil, container.NewVScroll(container.NewVBox(s.form, s.letterhead.view)))
	return s
}

func validCurrency(v string) error {
	v = strings.TrimSpace(v)
	if len(v) != 3 || strings.ToUpper(v) != v || strings.IndexFunc(v, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
		return errors.New("use a three-letter code such as EUR, USD or GBP")
	}
	return nil
}

func (s *settingsScreen) load() {
	cur, err := s.u.store.Currency(s.u.ctx)
	if err != nil {
		s.u.showError("Loading settings", err)
	}
	s.currency.SetText(cur)
	causes, err := s.u.store.RootCauses(s.u.ctx)
	if err != nil {
		s.u.showError("Loading settings", err)
	}
	s.causes.SetText(strings.Join(causes, "\n"))
}

func (s *settingsScreen) onSave() {
	if err := s.u.store.SetSetting(s.u.ctx, data.SettingCurrency, strings.TrimSpace(s.currency.Text)); err != nil {
		s.u.showError("Saving settings", err)
		return
	}
	if err := s.u.store.SetRootCauses(s.u.ctx, strings.Split(s.causes.Text, "\n")); err != nil {
		s.u.showError("Saving the root-cause categories", err)
		return
	}
	if causes, err := s.u.store.RootCauses(s.u.ctx); err == nil {
		s.causes.SetText(strings.Join(causes, "\n")) // as stored: blank and repeated lines gone
	}
	s.u.client.refreshCurrency()
	s.status.SetText("Saved.")
}
