package pdf

import (
	"fmt"
	"strings"
)

// lang holds the few words the layout itself prints.
type lang struct {
	code        string
	pageOf      string // "Page %d of %d"
	letterTo    string // continuation header: "Letter to %s"
	calibration calibrationText
}

var langs = map[string]lang{
	"en": {code: "en", pageOf: "Page %d of %d", letterTo: "Letter to %s", calibration: calibrationEN},
	"de": {code: "de", pageOf: "Seite %d von %d", letterTo: "Brief an %s", calibration: calibrationDE},
	"fr": {code: "fr", pageOf: "Page %d sur %d", letterTo: "Lettre à %s", calibration: calibrationEN},
	"es": {code: "es", pageOf: "Página %d de %d", letterTo: "Carta a %s", calibration: calibrationEN},
	"it": {code: "it", pageOf: "Pagina %d di %d", letterTo: "Lettera a %s", calibration: calibrationEN},
	"nl": {code: "nl", pageOf: "Pagina %d van %d", letterTo: "Brief aan %s", calibration: calibrationEN},
}

// parseLang reads a language code ("de", "de-AT", "fr_FR"); "" is English.
func parseLang(s string) (lang, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return langs["en"], nil
	}
	base, _, _ := strings.Cut(strings.ReplaceAll(s, "_", "-"), "-")
	if l, ok := langs[base]; ok {
		return l, nil
	}
	return lang{}, fmt.Errorf("unsupported language %q (want en, de, fr, es, it or nl)", s)
}
