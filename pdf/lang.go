package pdf

import (
	"fmt"
	"strings"
	"time"
)

// lang holds the few words the layout itself prints.
type lang struct {
	code        string
	pageOf      string // "Page %d of %d"
	letterTo    string // continuation header: "Letter to %s"
	months      [12]string
	dayDot      bool // "23. November"
	calibration calibrationText
}

func parseLang(s string) (lang, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "" || s == "en" || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en_"):
		return lang{
			code:     "en",
			pageOf:   "Page %d of %d",
			letterTo: "Letter to %s",
			months: [12]string{"January", "February", "March", "April", "May", "June",
				"July", "August", "September", "October", "November", "December"},
			calibration: calibrationEN,
		}, nil
	case s == "de" || strings.HasPrefix(s, "de-") || strings.HasPrefix(s, "de_"):
		return lang{
			code:     "de",
			pageOf:   "Seite %d von %d",
			letterTo: "Brief an %s",
			months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni",
				"Juli", "August", "September", "Oktober", "November", "Dezember"},
			dayDot:      true,
			calibration: calibrationDE,
		}, nil
	}
	return lang{}, fmt.Errorf("unsupported language %q (want en or de)", s)
}

// date formats d for the paper's convention: British and German letters
// write the day first, American ones "November 23, 2026".
func (l lang) date(d time.Time, p Paper) string {
	m := l.months[d.Month()-1]
	switch {
	case l.dayDot:
		return fmt.Sprintf("%d. %s %d", d.Day(), m, d.Year())
	case p == USLetter:
		return fmt.Sprintf("%s %d, %d", m, d.Day(), d.Year())
	default:
		return fmt.Sprintf("%d %s %d", d.Day(), m, d.Year())
	}
}

// dateLine is the place-and-date line: "Berlin, 23. November 2026". US
// block format writes the date alone.
func (l lang) dateLine(place string, d time.Time, p Paper) string {
	if d.IsZero() {
		return place
	}
	s := l.date(d, p)
	if place != "" && (p != USLetter || l.code == "de") {
		s = place + ", " + s
	}
	return s
}
