package letters

import (
	"fmt"

	"github.com/amends/amends/data"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// locale is everything a letter's language decides outside its template: how dates,
// times, money and tenure are written, the default salutation and sign-off, quotation
// marks, and the words remedies and commitments are written with.
type locale struct {
	code, label string
	months      [12]string
	weekdays    [7]string
	// date writes a calendar day: "23 November 2026", "23. November 2026", "23 novembre 2026".
	date func(day int, month string, year int) string
	// when adds the weekday and time to a date: "Tuesday 16 December 2026 at 16:00".
	when        func(weekday, date string, hh, mm int, withTime bool) string
	dear        func(name string) string // "Dear Zoë Ørsted,"
	dearAll     string                   // "Dear Sir or Madam,"
	signOff     string
	qOpen       string
	qClose      string
	and         string
	year, years string
	mon, mons   string
	oneYear     string // "one year", "ein Jahr"
	oneMonth    string
	// decimal and thousands separators, and whether the currency comes first.
	dec, thou     string
	currencyFirst bool
	percent       string // "%d%%" or "%d %%"
	remedy        remedyWords
	commit        func(we bool, what, when string) string
	channels      map[string]string // the channels the UI offers, in this language
	channelWords  map[string]string // how a channel is said after the action: "by email"
	channelInWhat map[string][]string
	leadIns       []leadIn
	countries     []string // client countries (lower case, as typed) that get this language
	inverts       bool     // a lead-in ending in a comma is followed by verb-first word order (de, nl)
	// soft are openings ("So", "Also") dropped only when a subject follows them: "So the
	// report was late" is a restatement, "So far nothing came" is not.
	soft           []string
	determiners    map[string]bool
	pronouns       map[string]bool
	nounsCapital   bool // nouns are capitalised (German): the subject ends at the first one
	subordinateEnd []string
}

// remedyWords are the noun phrases remedies are written with; "%s" is the value.
type remedyWords struct {
	discountOf, discount string // "a discount of %s", "a discount"
	refundOf, refund     string
	creditOf, credit     string
	replacement          string // without a description
	service              string // additional service without a description
	worth                string // "worth %s", for a value beside a description
	by                   string // ", by %s" after a remedy with a due date
}

// leadIn is an opening the consultant says before a restatement ("So what I'm hearing
// is"). sub marks openings followed by a subordinate clause ("…, dass der Bericht zu
// spät kam"), whose word order the letter puts back into that of a main clause.
type leadIn struct {
	text string
	sub  bool
}

func enDate(day int, month string, year int) string { return fmt.Sprintf("%d %s %d", day, month, year) }

var locales = map[string]*locale{
	"en": {
		code: "en", label: "English",
		months: [12]string{"January", "February", "March", "April", "May", "June",
			"July", "August", "September", "October", "November", "December"},
		weekdays: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		date:     enDate,
		when: func(wd, date string, hh, mm int, t bool) string {
			if !t {
				return wd + " " + date
			}
			return fmt.Sprintf("%s %s at %02d:%02d", wd, date, hh, mm)
		},
		dear:    func(n string) string { return "Dear " + n + "," },
		dearAll: "Dear Sir or Madam,", signOff: "Kind regards",
		qOpen: "“", qClose: "”", and: " and ",
		year: "year", years: "years", mon: "month", mons: "months", oneYear: "one year", oneMonth: "one month",
		dec: ".", thou: ",", percent: "%d%%",
		remedy: remedyWords{discountOf: "a discount of %s", discount: "a discount", refundOf: "a refund of %s", refund: "a refund",
			creditOf: "a credit of %s", credit: "a credit", replacement: "a replacement, free of charge",
			service: "additional work, free of charge", worth: "worth %s", by: ", by %s"},
		commit: func(we bool, what, when string) string {
			s := "I will "
			if we {
				s = "We will "
			}
			s += what
			if when != "" {
				s += " by " + when
			}
			return s
		},
		channels:     map[string]string{"email": "Email", "phone": "Phone", "video call": "Video call", "in person": "In person", "letter": "Letter"},
		channelWords: map[string]string{"email": "by email", "phone": "by phone", "video call": "in a video call", "in person": "in person", "letter": "by post"},
		channelInWhat: map[string][]string{"email": {"email", "e-mail", "mail"}, "phone": {"call", "phone", "ring"},
			"video call": {"video", "call"}, "in person": {"visit", "meet", "in person", "on site"}, "letter": {"post", "letter", "write"}},
		leadIns: []leadIn{{text: "so what i'm hearing is"}, {text: "what i'm hearing is"}, {text: "so what i am hearing is"},
			{text: "what i am hearing is"}, {text: "so what i hear is"}, {text: "what i hear is"},
			{text: "so what i hear you saying is"}, {text: "what i hear you saying is"},
			{text: "so if i understand you correctly"}, {text: "if i understand you correctly"}, {text: "if i've understood you correctly"},
			{text: "if i have understood you correctly"}, {text: "so you're saying"}, {text: "you're saying"}, {text: "so you are saying"},
			{text: "you are saying"}, {text: "let me check i've understood"}, {text: "let me make sure i understand"}},
		soft:        []string{"so", "okay", "ok", "right"},
		determiners: setOf("the a an your my our their this that these those every each no"),
		pronouns:    setOf("you i we it there they he she nobody nothing none everyone"),
		countries: []string{"united kingdom", "uk", "great britain", "gb", "england", "scotland", "wales", "northern ireland",
			"ireland", "ie", "united states", "usa", "us", "canada", "australia", "new zealand"},
	},
	"de": {
		code: "de", label: "German",
		months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni",
			"Juli", "August", "September", "Oktober", "November", "Dezember"},
		weekdays: [7]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"},
		date:     func(d int, m string, y int) string { return fmt.Sprintf("%d. %s %d", d, m, y) },
		when: func(wd, date string, hh, mm int, t bool) string {
			if !t {
				return wd + ", " + date
			}
			return fmt.Sprintf("%s, %s, %02d:%02d Uhr", wd, date, hh, mm)
		},
		dear: func(n string) string {
			switch {
			case strings.HasPrefix(n, "Frau "):
				return "Sehr geehrte " + n + ","
			case strings.HasPrefix(n, "Herr "):
				return "Sehr geehrter " + n + ","
			}
			return "Guten Tag " + n + ","
		},
		dearAll: "Sehr geehrte Damen und Herren,", signOff: "Mit freundlichen Grüßen",
		qOpen: "„", qClose: "“", and: " und ",
		year: "Jahr", years: "Jahre", mon: "Monat", mons: "Monate", oneYear: "ein Jahr", oneMonth: "ein Monat",
		dec: ",", thou: ".", percent: "%d\u00a0%%",
		remedy: remedyWords{discountOf: "ein Nachlass von %s", discount: "ein Nachlass", refundOf: "eine Rückerstattung von %s",
			refund: "eine Rückerstattung", creditOf: "eine Gutschrift über %s", credit: "eine Gutschrift",
			replacement: "ein kostenloser Ersatz", service: "eine zusätzliche Leistung ohne Berechnung", worth: "im Wert von %s", by: " bis zum %s"},
		commit: func(we bool, what, when string) string {
			subj := "werde ich"
			if we {
				subj = "werden wir"
			}
			if when == "" {
				return upperFirst(strings.Replace(subj, "werde ich", "ich werde", 1)) + " " + what
			}
			return "Bis " + when + " " + subj + " " + what
		},
		channels:     map[string]string{"email": "E-Mail", "phone": "Telefon", "video call": "Videoanruf", "in person": "Persönlich", "letter": "Brief"},
		channelWords: map[string]string{"email": "per E-Mail", "phone": "telefonisch", "video call": "per Videoanruf", "in person": "persönlich", "letter": "per Post"},
		channelInWhat: map[string][]string{"email": {"mail"}, "phone": {"anruf", "telefon", "rufe"},
			"video call": {"video"}, "in person": {"besuch", "persönlich", "vor ort", "treffen"}, "letter": {"post", "brief"}},
		leadIns: []leadIn{{text: "wenn ich sie richtig verstehe"}, {text: "wenn ich sie richtig verstanden habe"},
			{text: "habe ich sie richtig verstanden"}, {text: "ich höre heraus, dass", sub: true}, {text: "ich höre, dass", sub: true},
			{text: "was ich höre, ist, dass", sub: true}, {text: "was ich höre, ist"}, {text: "sie sagen also, dass", sub: true},
			{text: "sie sagen also"}, {text: "verstehe ich sie richtig, dass", sub: true}, {text: "ich verstehe sie so, dass", sub: true},
			{text: "wenn ich das richtig verstehe"}, {text: "also, wenn ich sie richtig verstehe"}},
		countries:      []string{"germany", "deutschland", "de", "d", "austria", "österreich", "oesterreich", "at", "a", "liechtenstein", "li", "fl", "schweiz", "switzerland", "ch"},
		inverts:        true,
		soft:           []string{"also", "gut", "okay"},
		nounsCapital:   true,
		determiners:    setOf("der die das den dem des ein eine einen einem einer eines ihr ihre ihren ihrem ihres mein meine meinen meinem unser unsere unseren unserem kein keine keinen dieser diese dieses diesen jeder jede jedes"),
		pronouns:       setOf("ich du er sie es wir ihr man das dies nichts niemand"),
		subordinateEnd: []string{",", ";", " und ", " aber ", " sodass ", " so dass ", " weil "},
	},
	"fr": {
		code: "fr", label: "French",
		months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin",
			"juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		weekdays: [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
		date: func(d int, m string, y int) string {
			if d == 1 {
				return fmt.Sprintf("1er %s %d", m, y)
			}
			return fmt.Sprintf("%d %s %d", d, m, y)
		},
		when: func(wd, date string, hh, mm int, t bool) string {
			if !t {
				return "le " + wd + " " + date
			}
			return fmt.Sprintf("le %s %s à %d h %02d", wd, date, hh, mm)
		},
		dear:    func(n string) string { return "Bonjour " + n + "," },
		dearAll: "Madame, Monsieur,", signOff: "Bien cordialement",
		qOpen: "« ", qClose: " »", and: " et ",
		year: "an", years: "ans", mon: "mois", mons: "mois", oneYear: "un an", oneMonth: "un mois",
		dec: ",", thou: "\u202f", percent: "%d\u00a0%%",
		remedy: remedyWords{discountOf: "une remise de %s", discount: "une remise", refundOf: "un remboursement de %s", refund: "un remboursement",
			creditOf: "un avoir de %s", credit: "un avoir", replacement: "un remplacement sans frais",
			service: "une prestation supplémentaire offerte", worth: "d’une valeur de %s", by: ", d’ici le %s"},
		commit: func(we bool, what, when string) string {
			s := "Je m’engage à "
			if we {
				s = "Nous nous engageons à "
			}
			s += what
			if when != "" {
				s += " d’ici " + when
			}
			return s
		},
		channels:     map[string]string{"email": "E-mail", "phone": "Téléphone", "video call": "Visioconférence", "in person": "En personne", "letter": "Courrier"},
		channelWords: map[string]string{"email": "par e-mail", "phone": "par téléphone", "video call": "en visioconférence", "in person": "en personne", "letter": "par courrier"},
		channelInWhat: map[string][]string{"email": {"mail", "courriel"}, "phone": {"appel", "téléphon"},
			"video call": {"visio"}, "in person": {"rencontr", "visite", "sur place"}, "letter": {"courrier", "lettre", "poste"}},
		leadIns: []leadIn{{text: "si je vous comprends bien"}, {text: "si je vous ai bien compris"}, {text: "si je comprends bien"},
			{text: "ce que j’entends, c’est que"}, {text: "ce que j'entends, c'est que"}, {text: "ce que je comprends, c’est que"},
			{text: "ce que je comprends, c'est que"}, {text: "vous dites donc que"}, {text: "vous me dites que"}, {text: "donc, si je résume"},
			{text: "si je résume"}, {text: "en résumé"}},
		countries:   []string{"france", "fr", "f", "belgique", "belgium", "be", "luxembourg", "lu", "monaco", "mc"},
		soft:        []string{"donc", "alors", "bon"},
		determiners: setOf("le la les l un une des votre vos notre nos ce cette ces aucun aucune"),
		pronouns:    setOf("vous je nous il elle ils elles on personne rien"),
	},
	"es": {
		code: "es", label: "Spanish",
		months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio",
			"julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		weekdays: [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
		date:     func(d int, m string, y int) string { return fmt.Sprintf("%d de %s de %d", d, m, y) },
		when: func(wd, date string, hh, mm int, t bool) string {
			if !t {
				return "el " + wd + " " + date
			}
			return fmt.Sprintf("el %s %s a las %02d:%02d", wd, date, hh, mm)
		},
		dear: func(n string) string {
			switch {
			case strings.HasPrefix(n, "Sra. "):
				return "Estimada " + n + ":"
			case strings.HasPrefix(n, "Sr. "):
				return "Estimado " + n + ":"
			}
			return "Estimado/a " + n + ":"
		},
		dearAll: "Estimados señores:", signOff: "Atentamente",
		qOpen: "«", qClose: "»", and: " y ",
		year: "año", years: "años", mon: "mes", mons: "meses", oneYear: "un año", oneMonth: "un mes",
		dec: ",", thou: ".", percent: "%d\u00a0%%",
		remedy: remedyWords{discountOf: "un descuento del %s", discount: "un descuento", refundOf: "un reembolso de %s", refund: "un reembolso",
			creditOf: "un abono de %s", credit: "un abono", replacement: "una sustitución sin coste",
			service: "un servicio adicional sin coste", worth: "por valor de %s", by: ", antes del %s"},
		commit: func(we bool, what, when string) string {
			s := "Me comprometo a "
			if we {
				s = "Nos comprometemos a "
			}
			s += what
			if when != "" {
				s += " antes de" + strings.TrimPrefix(when, "e") // "el martes" → "del martes"
			}
			return s
		},
		channels:     map[string]string{"email": "Correo electrónico", "phone": "Teléfono", "video call": "Videollamada", "in person": "En persona", "letter": "Carta"},
		channelWords: map[string]string{"email": "por correo electrónico", "phone": "por teléfono", "video call": "por videollamada", "in person": "en persona", "letter": "por correo postal"},
		channelInWhat: map[string][]string{"email": {"correo", "email", "e-mail"}, "phone": {"llamar", "llamada", "teléfon"},
			"video call": {"videollamada"}, "in person": {"visita", "reunir", "en persona"}, "letter": {"carta", "correo postal"}},
		leadIns: []leadIn{{text: "si le entiendo bien"}, {text: "si le he entendido bien"}, {text: "si lo entiendo bien"},
			{text: "si he entendido bien"}, {text: "lo que le oigo decir es que"}, {text: "lo que entiendo es que"},
			{text: "entonces, lo que me dice es que"}, {text: "lo que me dice es que"}, {text: "me está diciendo que"}, {text: "usted dice que"},
			{text: "en resumen"}},
		countries:   []string{"spain", "españa", "espana", "es", "e", "mexico", "méxico", "mx", "argentina", "ar", "colombia", "co", "chile", "cl", "peru", "perú", "pe"},
		soft:        []string{"entonces", "bueno", "vale"},
		determiners: setOf("el la los las un una unos unas su sus nuestro nuestra este esta ese esa ningún ninguna"),
		pronouns:    setOf("usted ustedes yo nosotros ella él nadie nada"),
	},
	"it": {
		code: "it", label: "Italian",
		months: [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
			"luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		weekdays: [7]string{"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"},
		date: func(d int, m string, y int) string {
			if d == 1 {
				return fmt.Sprintf("1º %s %d", m, y)
			}
			return fmt.Sprintf("%d %s %d", d, m, y)
		},
		when: func(wd, date string, hh, mm int, t bool) string {
			if !t {
				return wd + " " + date
			}
			return fmt.Sprintf("%s %s alle %02d:%02d", wd, date, hh, mm)
		},
		dear:    func(n string) string { return "Gentile " + n + "," },
		dearAll: "Gentili Signore e Signori,", signOff: "Cordiali saluti",
		qOpen: "«", qClose: "»", and: " e ",
		year: "anno", years: "anni", mon: "mese", mons: "mesi", oneYear: "un anno", oneMonth: "un mese",
		dec: ",", thou: ".", percent: "%d%%",
		remedy: remedyWords{discountOf: "uno sconto del %s", discount: "uno sconto", refundOf: "un rimborso di %s", refund: "un rimborso",
			creditOf: "una nota di credito di %s", credit: "una nota di credito", replacement: "una sostituzione senza costi",
			service: "un servizio aggiuntivo senza costi", worth: "del valore di %s", by: ", entro il %s"},
		commit: func(we bool, what, when string) string {
			s := "Mi impegno a "
			if we {
				s = "Ci impegniamo a "
			}
			s += what
			if when != "" {
				s += " entro " + when
			}
			return s
		},
		channels:     map[string]string{"email": "E-mail", "phone": "Telefono", "video call": "Videochiamata", "in person": "Di persona", "letter": "Lettera"},
		channelWords: map[string]string{"email": "via e-mail", "phone": "per telefono", "video call": "in videochiamata", "in person": "di persona", "letter": "per posta"},
		channelInWhat: map[string][]string{"email": {"mail"}, "phone": {"chiamar", "telefon"},
			"video call": {"video"}, "in person": {"visita", "incontr", "di persona"}, "letter": {"lettera", "posta"}},
		leadIns: []leadIn{{text: "se ho capito bene"}, {text: "se la capisco bene"}, {text: "se ho ben capito"},
			{text: "quello che sento è che"}, {text: "quello che capisco è che"}, {text: "mi sta dicendo che"}, {text: "lei dice che"},
			{text: "quindi, se ho capito bene"}, {text: "riassumendo"}, {text: "in sintesi"}},
		countries:   []string{"italy", "italia", "it", "i", "san marino", "sm"},
		soft:        []string{"quindi", "allora", "dunque"},
		determiners: setOf("il lo la i gli le l un uno una sua suo suoi nostro nostra questo questa nessun nessuno nessuna"),
		pronouns:    setOf("lei io noi lui loro nessuno niente"),
	},
	"nl": {
		code: "nl", label: "Dutch",
		months: [12]string{"januari", "februari", "maart", "april", "mei", "juni",
			"juli", "augustus", "september", "oktober", "november", "december"},
		weekdays: [7]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"},
		date:     enDate,
		when: func(wd, date string, hh, mm int, t bool) string {
			if !t {
				return wd + " " + date
			}
			return fmt.Sprintf("%s %s om %02d:%02d uur", wd, date, hh, mm)
		},
		dear: func(n string) string {
			if strings.HasPrefix(n, "mevrouw ") || strings.HasPrefix(n, "heer ") {
				return "Geachte " + n + ","
			}
			return "Beste " + n + ","
		},
		dearAll: "Geachte heer, mevrouw,", signOff: "Met vriendelijke groet",
		qOpen: "‘", qClose: "’", and: " en ",
		year: "jaar", years: "jaar", mon: "maand", mons: "maanden", oneYear: "een jaar", oneMonth: "een maand",
		dec: ",", thou: ".", currencyFirst: true, percent: "%d%%",
		remedy: remedyWords{discountOf: "een korting van %s", discount: "een korting", refundOf: "een terugbetaling van %s", refund: "een terugbetaling",
			creditOf: "een creditnota van %s", credit: "een creditnota", replacement: "een kosteloze vervanging",
			service: "extra werk zonder kosten", worth: "ter waarde van %s", by: ", uiterlijk %s"},
		commit: func(we bool, what, when string) string {
			subj := "zal ik"
			if we {
				subj = "zullen wij"
			}
			if when == "" {
				return upperFirst(strings.Replace(strings.Replace(subj, "zal ik", "ik zal", 1), "zullen wij", "wij zullen", 1)) + " " + what
			}
			return "Uiterlijk " + when + " " + subj + " " + what
		},
		channels:     map[string]string{"email": "E-mail", "phone": "Telefoon", "video call": "Videogesprek", "in person": "Persoonlijk", "letter": "Brief"},
		channelWords: map[string]string{"email": "per e-mail", "phone": "telefonisch", "video call": "via een videogesprek", "in person": "persoonlijk", "letter": "per post"},
		channelInWhat: map[string][]string{"email": {"mail"}, "phone": {"bel", "telefon"},
			"video call": {"video"}, "in person": {"bezoek", "langs", "persoonlijk", "afspreken"}, "letter": {"post", "brief"}},
		leadIns: []leadIn{{text: "als ik u goed begrijp"}, {text: "als ik je goed begrijp"}, {text: "als ik het goed begrijp"},
			{text: "als ik u goed heb begrepen"}, {text: "wat ik hoor is dat", sub: true}, {text: "wat ik hoor, is dat", sub: true},
			{text: "u zegt dus dat", sub: true}, {text: "u zegt dat", sub: true}, {text: "begrijp ik goed dat", sub: true},
			{text: "ik begrijp dat", sub: true}, {text: "samengevat"}},
		countries:      []string{"netherlands", "the netherlands", "nederland", "nl", "holland", "belgië", "belgie", "vlaanderen", "flanders"},
		inverts:        true,
		soft:           []string{"dus", "oké", "goed"},
		determiners:    setOf("de het een uw je jouw mijn ons onze hun haar zijn dit dat deze die geen elk elke ieder iedere"),
		pronouns:       setOf("ik jij je u hij zij ze het wij we jullie men er dat dit niets niemand"),
		subordinateEnd: []string{",", ";", " en ", " maar ", " zodat ", " omdat "},
	},
}

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// Languages are the letter languages with a default template for every kind (the
// store's list: it checks what it records).
func Languages() []string { return data.LetterLanguages() }

// loc is the locale of lang, English for anything unknown.
func loc(lang string) *locale {
	if l, ok := locales[normLang(lang)]; ok {
		return l
	}
	return locales["en"]
}

// LanguageLabel is a language as the user reads it.
func LanguageLabel(lang string) string {
	if l, ok := locales[lang]; ok {
		return l.label
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

// LanguageLabels lists the languages as the user reads them, in the order of Languages.
func LanguageLabels() []string {
	var out []string
	for _, l := range Languages() {
		out = append(out, LanguageLabel(l))
	}
	return out
}

// LanguageFor picks the letter language from the client's country: German for
// Germany, Austria, Liechtenstein and Switzerland, French for France, Belgium and
// Luxembourg, and so on; English for everyone else. The editor lets the user switch,
// and the choice is then remembered for the client.
func LanguageFor(country string) string {
	c := strings.ToLower(strings.TrimSpace(country))
	for _, lang := range Languages() {
		for _, k := range locales[lang].countries {
			if k == c {
				return lang
			}
		}
	}
	return "en"
}

// ValidLanguage reports whether lang is one of Languages.
func ValidLanguage(lang string) bool {
	_, ok := locales[lang]
	return ok
}

func normLang(lang string) string {
	l := strings.ToLower(strings.TrimSpace(lang))
	if len(l) > 2 {
		l = l[:2]
	}
	if _, ok := locales[l]; ok {
		return l
	}
	return "en"
}

// FormatDate writes a calendar day the way a letter in lang does: "23 November
// 2026", "23. November 2026", "23 de noviembre de 2026". The zero time gives "".
func FormatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	l := loc(lang)
	return l.date(t.Day(), l.months[t.Month()-1], t.Year())
}

// formatUSDate is the American order: "December 1, 2026".
func formatUSDate(t time.Time) string {
	return fmt.Sprintf("%s %d, %d", locales["en"].months[t.Month()-1], t.Day(), t.Year())
}

// formatWhen writes a day and time: "Tuesday 16 December 2026 at 16:00",
// "Dienstag, 16. Dezember 2026, 16:00 Uhr". Midnight means no time was given.
func formatWhen(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	l := loc(lang)
	return l.when(l.weekdays[t.Weekday()], FormatDate(lang, t), t.Hour(), t.Minute(), t.Hour() != 0 || t.Minute() != 0)
}

// DateLine is the letter's date line and whether it is set flush right, after the
// convention of the recipient's country and the letter's language: British, Irish and
// American letters (and English ones generally) write the date alone at the left
// ("1 December 2026", in the US "December 1, 2026"); German ones follow DIN 5008
// ("Berlin, 1. Dezember 2026", flush right on A4); French, Spanish and Italian ones put
// place and date at the right ("Paris, le 1er décembre 2026"); Dutch ones at the left.
func DateLine(lang, country, place string, date time.Time, paper string) (string, bool) {
	if date.IsZero() {
		return "", false
	}
	place = strings.TrimSpace(place)
	withPlace := func(s string) string {
		if place == "" {
			return s
		}
		return place + ", " + s
	}
	switch normLang(lang) {
	case "de":
		return withPlace(FormatDate("de", date)), paper != "Letter"
	case "fr":
		return withPlace("le " + FormatDate("fr", date)), true
	case "es", "it":
		return withPlace(FormatDate(lang, date)), true
	case "nl":
		return withPlace(FormatDate("nl", date)), false
	}
	switch strings.ToLower(strings.TrimSpace(country)) {
	case "united states", "usa", "us", "u.s.", "u.s.a.":
		return formatUSDate(date), false
	}
	if country == "" && paper == "Letter" {
		return formatUSDate(date), false
	}
	return FormatDate("en", date), false
}

// FormatMoney writes an amount in cents with the language's separators:
// "3,600.00 EUR", "3.600,00 EUR", "3 600,00 EUR", "EUR 3.600,00".
func FormatMoney(lang string, cents int64, currency string) string {
	l := loc(lang)
	neg := cents < 0
	if neg {
		cents = -cents
	}
	whole := fmt.Sprint(cents / 100)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(l.thou)
		}
		b.WriteRune(r)
	}
	s := fmt.Sprintf("%s%s%02d", b.String(), l.dec, cents%100)
	switch {
	case currency == "":
	case l.currencyFirst:
		s = currency + "\u00a0" + s
	default:
		s += "\u00a0" + currency
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
	l := loc(lang)
	unit := func(n int, one, sing, plural string) string {
		if n == 1 {
			return one
		}
		return fmt.Sprintf("%d %s", n, plural)
	}
	years, mons := unit(y, l.oneYear, l.year, l.years), unit(m, l.oneMonth, l.mon, l.mons)
	switch {
	case y > 0 && m > 0:
		return years + l.and + mons
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
	l := loc(lang)
	if name == "" {
		return l.dearAll
	}
	return l.dear(name)
}

// salutation is the client's preferred form of address with the punctuation letters
// put after it, or the default. A form of address in another language than the
// letter's ("Dear Ms Bonnet" in a French letter) is replaced by the letter's own
// greeting with the name it addresses, so the letter never opens in one language and
// goes on in another.
func salutation(lang string, c Client) string {
	s := strings.TrimSpace(c.Salutation)
	if s == "" {
		return DefaultSalutation(lang, c.Name)
	}
	lang = normLang(lang)
	if other, rest := greetingLanguage(s); other != "" && other != lang {
		return DefaultSalutation(lang, translateTitle(lang, rest))
	}
	end := ","
	if lang == "es" {
		end = ":"
	}
	if r, _ := utf8.DecodeLastRuneInString(s); !unicode.IsPunct(r) {
		s += end
	}
	return s
}

// greetings are the openings of forms of address by language, longest first where they
// share a beginning.
var greetings = []struct{ lang, word string }{
	{"en", "Dear "}, {"en", "Hello "}, {"en", "Hi "},
	{"de", "Sehr geehrte Frau "}, {"de", "Sehr geehrter Herr "}, {"de", "Sehr geehrte "}, {"de", "Sehr geehrter "},
	{"de", "Liebe "}, {"de", "Lieber "}, {"de", "Guten Tag "}, {"de", "Hallo "},
	{"fr", "Chère Madame "}, {"fr", "Cher Monsieur "}, {"fr", "Chère "}, {"fr", "Cher "}, {"fr", "Bonjour "}, {"fr", "Madame "}, {"fr", "Monsieur "},
	{"es", "Estimada señora "}, {"es", "Estimado señor "}, {"es", "Estimada "}, {"es", "Estimado "}, {"es", "Estimado/a "}, {"es", "Querida "}, {"es", "Querido "},
	{"it", "Gentile signora "}, {"it", "Gentile signor "}, {"it", "Gentilissima "}, {"it", "Gentilissimo "}, {"it", "Gentile "}, {"it", "Cara "}, {"it", "Caro "},
	{"nl", "Geachte mevrouw "}, {"nl", "Geachte heer "}, {"nl", "Geachte "}, {"nl", "Beste "},
	// Languages letters are not written in: their clients get letters in English (or as
	// chosen), whose greeting then carries the name across.
	{"pl", "Szanowna Pani "}, {"pl", "Szanowny Panie "}, {"pl", "Szanowni Państwo"},
	{"el", "Αγαπητή κυρία "}, {"el", "Αγαπητέ κύριε "}, {"el", "Αγαπητή "}, {"el", "Αγαπητέ "},
	{"ru", "Уважаемая госпожа "}, {"ru", "Уважаемый господин "}, {"ru", "Уважаемая "}, {"ru", "Уважаемый "},
	{"da", "Kære "}, {"sv", "Bästa "}, {"sv", "Hej "}, {"tr", "Sayın "}, {"pt", "Prezada Sra. "}, {"pt", "Prezado Sr. "}, {"pt", "Prezado "},
}

// greetingLanguage tells the language of a typed form of address and the name after its
// greeting ("Chère Madame Bonnet" → "fr", "Bonnet" with the title kept as "Madame Bonnet").
func greetingLanguage(s string) (lang, rest string) {
	s = strings.TrimRight(strings.TrimSpace(s), ",:;!")
	best := ""
	for _, g := range greetings {
		if len(g.word) > len(best) && len(s) > len(g.word) && strings.EqualFold(s[:len(g.word)], g.word) {
			best, lang = g.word, g.lang
		}
	}
	if best == "" {
		return "", ""
	}
	rest = strings.TrimSpace(s[len(best):])
	if rest == "" {
		return lang, "" // "Szanowni Państwo": no name, the letter's own greeting to all
	}
	// The title the greeting carried ("Madame", "Frau") goes with the name.
	switch strings.ToLower(best) {
	case "chère madame ", "sehr geehrte frau ", "estimada señora ", "gentile signora ", "geachte mevrouw ", "madame ",
		"szanowna pani ", "αγαπητή κυρία ", "уважаемая госпожа ", "prezada sra. ":
		rest = "Ms " + rest
	case "cher monsieur ", "sehr geehrter herr ", "estimado señor ", "gentile signor ", "geachte heer ", "monsieur ",
		"szanowny panie ", "αγαπητέ κύριε ", "уважаемый господин ", "prezado sr. ":
		rest = "Mr " + rest
	}
	// Turkish puts the title after the name: "Sayın Ayşe Hanım".
	if n, ok := strings.CutSuffix(rest, " Hanım"); ok {
		rest = "Ms " + n
	} else if n, ok := strings.CutSuffix(rest, " Bey"); ok {
		rest = "Mr " + n
	}
	return lang, rest
}

// titles are courtesy titles by language, for carrying a form of address across.
var titles = map[string][2]string{ // Ms, Mr
	"en": {"Ms", "Mr"}, "de": {"Frau", "Herr"}, "fr": {"Madame", "Monsieur"}, "es": {"Sra.", "Sr."},
	"it": {"Sig.ra", "Sig."}, "nl": {"mevrouw", "heer"},
}

// translateTitle writes "Ms Bonnet" with the courtesy title of lang: "Madame Bonnet".
func translateTitle(lang, name string) string {
	for _, t := range titles {
		for i, w := range t {
			if strings.HasPrefix(name, w+" ") {
				return titles[lang][i] + name[len(w):]
			}
		}
	}
	return name
}

// DefaultSignOff is the closing phrase used when the settings have none.
func DefaultSignOff(lang string) string { return loc(lang).signOff }

// onDate writes "on DATE" the language's way: "on 10 November 2026", "am 10. November
// 2026", "le 1er décembre 2026", "el 10 de noviembre de 2026", "l’8 dicembre 2026",
// "op 10 november 2026".
func onDate(lang, date string) string {
	if date == "" {
		return ""
	}
	switch normLang(lang) {
	case "de":
		return "am " + date
	case "fr":
		return "le " + date
	case "es":
		return "el " + date
	case "it":
		if strings.HasPrefix(date, "8 ") || strings.HasPrefix(date, "11 ") {
			return "l’" + date
		}
		return "il " + date
	case "nl":
		return "op " + date
	}
	return "on " + date
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
	l := loc(lang)
	return l.qOpen + s + l.qClose
}

// sentence trims s and ends it with a full stop unless it ends with punctuation.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if r, _ := utf8.DecodeLastRuneInString(s); !strings.ContainsRune(".!?…\"”“'’»«", r) {
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

// lowerFirst lower-cases the first letter unless the word is an abbreviation ("PDF").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// UpperFirst capitalises the first letter, for a value typed in lower case shown alone.
func UpperFirst(s string) string { return upperFirst(s) }
