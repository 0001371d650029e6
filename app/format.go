package app

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/amends/amends/data"
)

// One way of writing dates and one of writing money, everywhere on screen: in lists, in
// headings and in the fields where they are typed. They follow the language and region
// of the computer, or the choice in Settings. Like the theme, the choice belongs to this
// computer and lives in the app's preferences, where every screen and field reads it.
const (
	prefDateStyle  = "format.dates" // a dateStyle id; "" follows the computer
	prefMoneyStyle = "format.money" // a moneyStyle id; "" follows the computer
	// prefLocale is the computer's locale as found at start (looking it up can start a
	// program on macOS, so it is done once, by New).
	prefLocale = "format.locale"
)

// dateStyle is one way of writing a day.
type dateStyle struct {
	id      string
	layout  string // Go layout of a day
	order   string // how three typed numbers are read: "dmy", "mdy" or "ymd"
	pattern string // shown in an empty field, so that it cannot pass for a date
}

var dateStyles = []dateStyle{
	{id: "d mon yyyy", layout: "2 Jan 2006", order: "dmy", pattern: "DD Mon YYYY"},
	{id: "mon d, yyyy", layout: "Jan 2, 2006", order: "mdy", pattern: "Mon DD, YYYY"},
	{id: "dd.mm.yyyy", layout: "02.01.2006", order: "dmy", pattern: "DD.MM.YYYY"},
	{id: "dd/mm/yyyy", layout: "02/01/2006", order: "dmy", pattern: "DD/MM/YYYY"},
	{id: "mm/dd/yyyy", layout: "01/02/2006", order: "mdy", pattern: "MM/DD/YYYY"},
	{id: "yyyy-mm-dd", layout: "2006-01-02", order: "ymd", pattern: "YYYY-MM-DD"},
}

// moneyStyle is one way of writing an amount: the thousands separator and the decimal mark.
type moneyStyle struct {
	id             string
	group, decimal string
}

var moneyStyles = []moneyStyle{
	{id: "1,234.56", group: ",", decimal: "."},
	{id: "1.234,56", group: ".", decimal: ","},
	{id: "1 234,56", group: "\u00a0", decimal: ","}, // a no-break space: an amount never breaks
	{id: "1'234.56", group: "'", decimal: "."},
}

// formats is how dates and money are written now.
type formats struct {
	dates   dateStyle
	amounts moneyStyle
}

// currentFormats reads the choice of the running app (the system's by default).
func currentFormats() formats {
	p := fyne.CurrentApp().Preferences()
	return formatsFor(p.String(prefDateStyle), p.String(prefMoneyStyle), p.String(prefLocale))
}

// formatsFor resolves a choice of styles ("" for the locale's) for a locale like "de-DE".
func formatsFor(dateID, moneyID, locale string) formats {
	defDate, defMoney := localeStyles(locale)
	f := formats{dates: dateStyleByID(defDate), amounts: moneyStyleByID(defMoney)}
	for _, s := range dateStyles {
		if s.id == dateID {
			f.dates = s
		}
	}
	for _, s := range moneyStyles {
		if s.id == moneyID {
			f.amounts = s
		}
	}
	return f
}

func dateStyleByID(id string) dateStyle {
	for _, s := range dateStyles {
		if s.id == id {
			return s
		}
	}
	return dateStyles[0]
}

func moneyStyleByID(id string) moneyStyle {
	for _, s := range moneyStyles {
		if s.id == id {
			return s
		}
	}
	return moneyStyles[0]
}

// localeStyles gives the usual date and money styles of a locale ("en-US", "de_CH.UTF-8").
func localeStyles(locale string) (date, money string) {
	l := strings.ToLower(strings.NewReplacer("_", "-", ".", "-").Replace(locale))
	parts := strings.Split(l, "-")
	lang, region := parts[0], ""
	for _, p := range parts[1:] {
		if len(p) == 2 {
			region = p
			break
		}
	}
	switch {
	case region == "us":
		date = "mon d, yyyy"
	case region == "ch" || region == "li":
		date = "dd.mm.yyyy"
	case lang == "en" || lang == "ga" || lang == "cy" || lang == "" || lang == "c" || lang == "posix":
		date = "d mon yyyy" // also where no locale is set: a month's name is never misread
	case lang == "sv" || lang == "lt" || lang == "hu" || lang == "ja" || lang == "zh" || lang == "ko" || region == "ca":
		date = "yyyy-mm-dd"
	case lang == "fr" || lang == "es" || lang == "it" || lang == "pt" || lang == "el" || lang == "ca" || lang == "ga":
		date = "dd/mm/yyyy"
	default: // German, Dutch, the Nordic and Slavic languages, Turkish…
		date = "dd.mm.yyyy"
	}
	switch {
	case region == "ch" || region == "li":
		money = "1'234.56"
	case lang == "fr" || lang == "sv" || lang == "fi" || lang == "nb" || lang == "no" || lang == "nn" ||
		lang == "pl" || lang == "cs" || lang == "sk" || lang == "ru" || lang == "uk" || lang == "hu" || lang == "lt" || lang == "lv" || lang == "et":
		money = "1 234,56"
	case lang == "de" || lang == "nl" || lang == "da" || lang == "it" || lang == "es" || lang == "pt" ||
		lang == "el" || lang == "tr" || lang == "id" || lang == "sl" || lang == "hr" || lang == "ro":
		money = "1.234,56"
	default:
		money = "1,234.56"
	}
	return date, money
}

// date writes a day, or "" for none.
func (f formats) date(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(f.dates.layout)
}

// day writes the day of t in the local time zone, or "" for none.
func (f formats) day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format(f.dates.layout)
}

// dateTime writes the local day and time of t: "24 Nov 2026 14:05".
func (f formats) dateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format(f.dates.layout + " 15:04")
}

// weekdayDateTime writes the local day and time of t with the weekday: "Tue 24 Nov 2026 14:05".
func (f formats) weekdayDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("Mon " + f.dates.layout + " 15:04")
}

// weekdayDate writes the local day of t with the weekday: "Tue 24 Nov 2026".
func (f formats) weekdayDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("Mon " + f.dates.layout)
}

// amount writes minor units as the amount alone: "18,000.00".
func (f formats) amount(cents int64) string {
	return data.FormatAmount(cents, f.amounts.group, f.amounts.decimal)
}

// money writes an amount with its currency: "18,000.00 EUR".
func (f formats) money(cents int64, currency string) string {
	if currency == "" {
		return f.amount(cents)
	}
	return f.amount(cents) + " " + currency
}

// example is a date written in this style, for messages.
func (f formats) example() string { return f.date(data.NewDate(2026, 12, 31)) }

// errDate is what a field says about text that is not a day.
func (f formats) errDate() error {
	return errors.New("type a date like " + f.example() + ", or pick one from the calendar")
}

// months are the month names parseDate reads, English and German, by their first three letters.
var months = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "mär": 3, "apr": 4, "may": 5, "mai": 5,
	"jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12}

// parseDate reads a day as people type it: in this style, as YYYY-MM-DD, as three
// numbers in this style's order with any of . / - or spaces between them (a two-digit
// year is this century), or with the month's name ("31 Dec 2026", "Dec 31, 2026",
// "31. Dezember 2026"). Empty is no date.
func (f formats) parseDate(s string) (data.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return data.Date{}, nil
	}
	if t, err := time.Parse(f.dates.layout, s); err == nil {
		return data.DateOf(t), nil
	}
	var nums []int
	yearFirst := false // the first number has four digits
	var month time.Month
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if n, err := strconv.Atoi(w); err == nil {
			if len(w) > 4 {
				return data.Date{}, f.errDate()
			}
			yearFirst = yearFirst || len(nums) == 0 && len(w) == 4
			nums = append(nums, n)
			continue
		}
		r := []rune(strings.ToLower(w))
		if len(r) < 3 || month != 0 {
			return data.Date{}, f.errDate()
		}
		m, ok := months[string(r[:3])]
		if !ok {
			return data.Date{}, f.errDate()
		}
		month = m
	}
	var y, m, d int
	switch {
	case month != 0 && len(nums) == 2: // a day and a year around the month's name
		d, y = nums[0], nums[1]
		if nums[0] > 31 {
			y, d = nums[0], nums[1]
		}
		m = int(month)
	case month == 0 && len(nums) == 3:
		order := f.dates.order
		if yearFirst || nums[0] > 31 {
			order = "ymd"
		} else if order == "ymd" {
			order = "dmy" // three numbers not starting with a year: the day comes first
		}
		switch order {
		case "dmy":
			d, m, y = nums[0], nums[1], nums[2]
		case "mdy":
			m, d, y = nums[0], nums[1], nums[2]
		default:
			y, m, d = nums[0], nums[1], nums[2]
		}
	default:
		return data.Date{}, f.errDate()
	}
	if y < 100 {
		y += 2000
	}
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return data.Date{}, f.errDate()
	}
	day := data.NewDate(y, time.Month(m), d)
	if day.Day() != d { // 31 April
		return data.Date{}, f.errDate()
	}
	return day, nil
}

// systemChoice is the first option of the format rows: the computer's own way.
const systemChoice = "As this computer: "

// formatFormItems are the Settings rows that pick how dates and money are written; a
// choice applies at once to every screen.
func (u *UI) formatFormItems() []*widget.FormItem {
	p := u.app.Preferences()
	loc := p.String(prefLocale)
	sys := formatsFor("", "", loc)
	dates := []string{systemChoice + sys.example()}
	for _, s := range dateStyles {
		dates = append(dates, formatsFor(s.id, "", loc).example())
	}
	amounts := []string{systemChoice + sys.amount(123456)}
	for _, s := range moneyStyles {
		amounts = append(amounts, formatsFor("", s.id, loc).amount(123456))
	}
	pick := func(options []string, key string, ids []string) *widget.Select {
		sel := widget.NewSelect(options, nil)
		sel.SetSelectedIndex(0)
		for i, id := range ids {
			if id == p.String(key) {
				sel.SetSelectedIndex(i + 1)
			}
		}
		sel.OnChanged = func(string) {
			id := ""
			if i := sel.SelectedIndex(); i > 0 {
				id = ids[i-1]
			}
			if id != p.String(key) {
				p.SetString(key, id)
				u.formatsChanged()
			}
		}
		return sel
	}
	var dateIDs, moneyIDs []string
	for _, s := range dateStyles {
		dateIDs = append(dateIDs, s.id)
	}
	for _, s := range moneyStyles {
		moneyIDs = append(moneyIDs, s.id)
	}
	return []*widget.FormItem{
		{Text: "Dates", Widget: pick(dates, prefDateStyle, dateIDs), HintText: "How dates are shown and typed, on this computer"},
		{Text: "Money", Widget: pick(amounts, prefMoneyStyle, moneyIDs), HintText: "How amounts are shown and typed, on this computer"},
	}
}

// formatsChanged shows every screen again in the formats just chosen.
func (u *UI) formatsChanged() {
	all := data.Notice{{Kind: data.ChangedAll}}
	for i, s := range u.sections {
		if s.view == nil || s.changed == nil || s.title == "Settings" {
			continue
		}
		if i == u.current {
			s.changed(all)
		} else {
			s.missed = true
		}
	}
	u.client.reformat()
}

// noteLocale keeps the computer's locale where every field can read it (currentFormats).
func noteLocale(p fyne.Preferences) {
	if loc := string(lang.SystemLocale()); p.String(prefLocale) != loc {
		p.SetString(prefLocale, loc)
	}
}
