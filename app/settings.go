package app

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// settingsScreen holds the consultant's own preferences, stored in the database so they
// travel with the data file. A save writes only the settings the user changed, so a
// root-cause list edited in an interview meanwhile is kept.
type settingsScreen struct {
	deps
	currency *widget.SelectEntry
	causes   *widget.Entry   // root-cause categories, one a line
	targets  []*widget.Entry // the speed clock's targets, in working days, by data.Stages()
	fields   edits
	form     *widget.Form
	status   *widget.Label
	view     fyne.CanvasObject

	letterhead *letterheadSettings
}

func commonCurrencies() []string {
	return []string{"EUR", "USD", "GBP", "CHF", "CAD", "AUD", "DKK", "NOK", "SEK", "PLN", "JPY", "SGD"}
}

func (u *UI) settingsView() fyne.CanvasObject {
	u.settings = newSettingsScreen(u.deps, append([]*widget.FormItem{u.themeFormItem()}, append(u.formatFormItems(), u.trayFormItem())...)...)
	return u.settings.view
}

// newSettingsScreen builds the screen; computer are the rows of this computer's own
// preferences (the theme, the tray), shown after the currency.
func newSettingsScreen(d deps, computer ...*widget.FormItem) *settingsScreen {
	s := &settingsScreen{deps: d, status: widget.NewLabel("")}
	s.currency = widget.NewSelectEntry(commonCurrencies())
	s.currency.Validator = validCurrency
	s.causes = widget.NewMultiLineEntry()
	s.causes.SetMinRowsVisible(6)
	s.causes.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("keep at least one category")
		}
		return nil
	}
	targets := container.NewHBox()
	for _, st := range data.Stages() {
		e := widget.NewEntry()
		e.Validator = func(v string) error { _, err := data.ParseTargetDays(v); return err }
		s.targets = append(s.targets, e)
		targets.Add(widget.NewLabel(st.Label()))
		targets.Add(container.NewGridWrap(fyne.NewSize(64, e.MinSize().Height), e))
	}
	s.form = &widget.Form{
		Items: append(append([]*widget.FormItem{
			{Text: "Currency", Widget: s.currency, HintText: "Three-letter code shown with money, e.g. EUR"}},
			computer...),
			&widget.FormItem{Text: "Root causes", Widget: s.causes,
				HintText: "Why complaints happen (interview step Prevent), one a line"},
			&widget.FormItem{Text: "Speed targets", Widget: container.NewHScroll(targets),
				HintText: "Working days from a red alert to each stage (Red alerts, Reports)"}),
		SubmitText: "Save settings",
		OnSubmit:   s.onSave,
	}
	s.fields = edits{fields: []editField{
		{key: data.SettingCurrency, label: "Currency", get: func() string { return strings.TrimSpace(s.currency.Text) }, set: s.currency.SetText},
		{key: data.SettingRootCauses, label: "Root causes", get: func() string {
			if v, err := data.RootCausesSetting(strings.Split(s.causes.Text, "\n")); err == nil {
				return v // blank and repeated lines are not a change
			}
			return s.causes.Text
		}, set: s.causes.SetText},
	}}
	for i, st := range data.Stages() {
		e := s.targets[i]
		s.fields.fields = append(s.fields.fields, editField{key: data.TargetSetting(st), label: "Target: " + st.Label(),
			get: func() string { return strings.TrimSpace(e.Text) }, set: e.SetText})
	}
	if vals, err := s.read(); err != nil {
		s.showError("Loading settings", err)
	} else {
		s.fields.load(vals)
	}
	title := widget.NewLabelWithStyle("Settings", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = "subHeadingText"
	s.letterhead = newLetterheadSettings(d)
	// What Save did reads at the foot of the screen, always in view; hidden until then,
	// it leaves no empty strip.
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Hide()
	s.view = container.NewBorder(title, s.status, nil, nil, container.NewVScroll(container.NewVBox(s.form, s.letterhead.view)))
	return s
}

// say shows what saving did.
func (s *settingsScreen) say(text string) {
	s.status.SetText(text)
	s.status.Show()
}

func validCurrency(v string) error {
	v = strings.TrimSpace(v)
	if len(v) != 3 || strings.ToUpper(v) != v || strings.IndexFunc(v, func(r rune) bool { return r < 'A' || r > 'Z' }) >= 0 {
		return errors.New("use a three-letter code such as EUR, USD or GBP")
	}
	return nil
}

// read is the settings the form shows, as the store holds them, by key.
func (s *settingsScreen) read() (map[string]string, error) {
	cur, err := s.store.Currency(s.ctx)
	if err != nil {
		return nil, err
	}
	causes, err := s.store.RootCauses(s.ctx)
	if err != nil {
		return nil, err
	}
	vals := map[string]string{data.SettingCurrency: cur, data.SettingRootCauses: strings.Join(causes, "\n")}
	t, err := s.store.Targets(s.ctx)
	if err != nil {
		return nil, err
	}
	for _, st := range data.Stages() {
		vals[data.TargetSetting(st)] = strconv.Itoa(t[st])
	}
	return vals, nil
}

// changed shows settings saved elsewhere (the root-cause list from an interview) in the
// fields the user has not touched, and tells the letterhead form.
func (s *settingsScreen) changed(n data.Notice) {
	if n.Setting(data.SettingCurrency) || n.Setting(data.SettingRootCauses) || targetChanged(n) {
		var vals map[string]string
		var err error
		s.run.run(func() { vals, err = s.read() }, func() {
			if err != nil {
				s.showError("Loading settings", err)
				return
			}
			s.fields.refresh(vals)
		})
	}
	s.letterhead.changed(n)
}

// onSave writes the settings the user changed; one changed elsewhere too is asked about.
func (s *settingsScreen) onSave() {
	for i, e := range s.targets {
		if err := e.Validate(); err != nil {
			s.say("Not saved: the target for " + strings.ToLower(data.Stages()[i].Label()) + ": " + err.Error() + ".")
			s.win.Canvas().Focus(e)
			return
		}
	}
	edited := s.fields.values()
	err := s.store.SaveSettingsEdit(s.ctx, s.fields.base, edited)
	var conflict *data.Conflict[map[string]string]
	if errors.As(err, &conflict) {
		s.say("Not saved yet: choose which value to keep.")
		s.askConflict("the settings", s.fields.conflicts(conflict.Fields, conflict.Current, plainText), func(mine map[string]bool) {
			s.fields.resolve(mine, conflict.Current)
			s.onSave()
		})
		return
	}
	if err != nil {
		s.showError("Saving settings", err)
		return
	}
	s.fields.load(edited) // as stored: blank and repeated lines gone
	s.say("Saved.")
}
