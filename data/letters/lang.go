package letters

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Languages are the letter languages with a default template for every kind.
func Languages() []string {
	return []string{"en", "de"}
}

// LanguageLabel is a language as the user reads it.
func LanguageLabel(lang string) string {
	switch lang {
	case "de":
		return "German"
	case "en":
		return "English"
	}
	return lang
}

// LanguageFromLabel is the inverse of LanguageLabel.
func LanguageFromLabel(l string) (string, bool) {
	for _, lang := range Languages() {
		if LanguageLabel(lang) == l {
			return lang, true
		}
	}
	return "", false
}

// germanCountries are the countries (as typed in client files) whose clients get
// German letters. Everyone else gets English; the editor lets the user switch.
var germanCountries = map[string]bool{
	"germany": true, "deutschland": true, "de": true, "d": true,
	"austria": true, "österreich": true, "oesterreich": true, "at": true, "a": true,
	"liechtenstein": true, "li": true, "fl": true,
}

// LanguageFor picks the letter language from the client's country: German for
// Germany, Austria and Liechtenstein, English for everyone else.
func LanguageFor(country string) string {
	if germanCountries[strings.ToLower(strings.TrimSpace(country))] {
		return "de"
	}
	return "en"
}

func normLang(lang string) string {
	if strings.HasPrefix(strings.ToLower(lang), "de") {
		return "de"
	}
	return "en"
}

var monthsEN = [12]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}
var monthsDE = [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni",
	"Juli", "August", "September", "Oktober", "November", "Dezember"}
var weekdaysEN = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
var weekdaysDE = [7]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}

// FormatDate writes a calendar day the way a letter in lang does: "23 November
// 2026", "23. November 2026". The zero time gives "".
func FormatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if normLang(lang) == "de" {
		return fmt.Sprintf("%d. %s %d", t.Day(), monthsDE[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthsEN[t.Month()-1], t.Year())
}

// formatWhen writes a day and time: "Tuesday 16 December 2026 at 16:00",
// "Dienstag, 16. Dezember 2026, 16:00 Uhr". Midnight means no time was given.
func formatWhen(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	day := FormatDate(lang, t)
	noTime := t.Hour() == 0 && t.Minute() == 0
	if normLang(lang) == "de" {
		s := weekdaysDE[t.Weekday()] + ", " + day
		if !noTime {
			s += fmt.Sprintf(", %02d:%02d Uhr", t.Hour(), t.Minute())
		}
		return s
	}
	s := weekdaysEN[t.Weekday()] + " " + day
	if !noTime {
		s += fmt.Sprintf(" at %02d:%02d", t.Hour(), t.Minute())
	}
	return s
}

// tenure writes how long a client has been with us, or "" when unknown or
// shorter than a month: "3 years and 2 months", "3 Jahre und 2 Monate".
func tenure(lang string, since, until time.Time) string {
	if since.IsZero() || until.IsZero() || until.Before(since) {
		return ""
	}
	months := (until.Year()-since.Year())*12 + int(until.Month()) - int(since.Month())
	if until.Day() < since.Day() {
		months--
	}
	y, m := months/12, months%12
	de := normLang(lang) == "de"
	unit := func(n int, one, many string) string {
		if n == 1 {
			if de {
				return "ein" + one
			}
			return "one " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	var years, mons string
	if de {
		years, mons = unit(y, "Jahr", "Jahre"), unit(m, "en Monat", "Monate")
		if y == 1 {
			years = "ein Jahr"
		}
		if m == 1 {
			mons = "ein Monat"
		}
	} else {
		years, mons = unit(y, "year", "years"), unit(m, "month", "months")
	}
	and := " and "
	if de {
		and = " und "
	}
	switch {
	case y > 0 && m > 0:
		return years + and + mons
	case y > 0:
		return years
	case m > 0:
		return mons
	}
	return ""
}

// DefaultSalutation is used when the client file has no preferred form of address.
func DefaultSalutation(lang, name string) string {
	name = strings.TrimSpace(name)
	if normLang(lang) == "de" {
		if name == "" {
			return "Sehr geehrte Damen und Herren,"
		}
		return "Guten Tag " + name + ","
	}
	if name == "" {
		return "Dear Sir or Madam,"
	}
	return "Dear " + name + ","
}

// salutation is the client's preferred form of address with the comma letters
// put after it, or the default.
func salutation(lang string, c Client) string {
	s := strings.TrimSpace(c.Salutation)
	if s == "" {
		return DefaultSalutation(lang, c.Name)
	}
	if r, _ := utf8.DecodeLastRuneInString(s); !unicode.IsPunct(r) {
		s += ","
	}
	return s
}

// DefaultSignOff is the closing phrase used when the settings have none.
func DefaultSignOff(lang string) string {
	if normLang(lang) == "de" {
		return "Mit freundlichen Grüßen"
	}
	return "Kind regards"
}

// quote puts s in the language's quotation marks, unless it already has them.
func quote(lang, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	first, _ := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("\"“„'‘‚«»", first) {
		return s
	}
	if normLang(lang) == "de" {
		return "„" + s + "“"
	}
	return "“" + s + "”"
}

// sentence trims s and ends it with a full stop unless it ends with punctuation.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if r, _ := utf8.DecodeLastRuneInString(s); !strings.ContainsRune(".!?…\"”“'’»«)", r) {
		s += "."
	}
	return s
}

// upperFirst capitalises the first letter.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// restatePrefixes are the openings of a restatement ("So what I'm hearing is
// that …"); the letter quotes what follows them.
var restatePrefixes = []string{
	"so what i'm hearing is that ", "so what i’m hearing is that ", "so what i am hearing is that ",
	"what i'm hearing is that ", "what i’m hearing is that ", "what i am hearing is that ",
	"so what i'm hearing is ", "so what i’m hearing is ", "so what i am hearing is ",
	"what i'm hearing is ", "what i’m hearing is ",
}

// recordClause turns the confirmed restatement into words that follow "you
// told me that": the restatement opening is dropped. Without a known opening,
// and in German (whose word order changes after "dass"), the record is quoted
// as it stands.
func recordClause(lang, record string) string {
	record = strings.TrimSpace(record)
	if normLang(lang) == "de" {
		return quote(lang, sentence(record))
	}
	for _, p := range restatePrefixes {
		// Compare rune by rune: lower-casing can change byte lengths.
		n, i := utf8.RuneCountInString(p), 0
		for j := 0; j < n && i < len(record); j++ {
			_, size := utf8.DecodeRuneInString(record[i:])
			i += size
		}
		if strings.EqualFold(record[:i], p) {
			return sentence(strings.TrimSpace(record[i:]))
		}
	}
	return quote(lang, sentence(record))
}
