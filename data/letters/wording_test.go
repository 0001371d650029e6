package letters

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestStripLeadIn(t *testing.T) {
	for _, c := range []struct{ lang, in, want string }{
		{"en", "So what I'm hearing is that the report came late.", "The report came late."},
		{"en", "So what I’m hearing is: the report came late.", "The report came late."},
		{"en", "what i'm hearing is the report came late", "The report came late"},
		{"en", "What I hear you saying is that nobody told you.", "Nobody told you."},
		{"en", "If I understand you correctly, the figures were missing.", "The figures were missing."},
		{"en", "You're saying that the invoice was wrong.", "The invoice was wrong."},
		{"en", "You are saying the invoice was wrong.", "The invoice was wrong."},
		{"en", "So you're saying: the invoice was wrong.", "The invoice was wrong."},
		{"en", "The report came late.", "The report came late."},
		{"en", "Soap was missing.", "Soap was missing."},
		{"en", "So the report was late.", "The report was late."},
		{"en", "So, you waited two weeks.", "You waited two weeks."},
		{"en", "So far nothing has arrived.", "So far nothing has arrived."},
		{"en", "Okay, so what I'm hearing is that the report was late.", "The report was late."},
		{"de", "Also, wenn ich Sie richtig verstehe, kam der Bericht zu spät.", "Der Bericht kam zu spät."},
		{"de", "Wenn ich Sie richtig verstehe: So what I'm hearing is the figures were missing.", "The figures were missing."},
		{"en", "So what I'm hearing is", ""},
		{"de", "Wenn ich Sie richtig verstehe, kam der Bericht zu spät.", "Der Bericht kam zu spät."},
		{"de", "Wenn ich Sie richtig verstehe, haben Sie zwei Wochen gewartet.", "Sie haben zwei Wochen gewartet."},
		{"de", "Ich höre heraus, dass der Bericht zu spät gekommen ist.", "Der Bericht ist zu spät gekommen."},
		{"de", "Sie sagen also, dass die Zahlen fehlten, und das hat Sie geärgert.", "Die Zahlen fehlten, und das hat Sie geärgert."},
		{"de", "Habe ich Sie richtig verstanden: Der Bericht kam zu spät.", "Der Bericht kam zu spät."},
		{"de", "Der Bericht kam zu spät.", "Der Bericht kam zu spät."},
		{"fr", "Si je vous comprends bien, le rapport est arrivé en retard.", "Le rapport est arrivé en retard."},
		{"fr", "Ce que j’entends, c’est que personne ne vous a prévenue.", "Personne ne vous a prévenue."},
		{"es", "Si le entiendo bien, el informe llegó tarde.", "El informe llegó tarde."},
		{"es", "Lo que le oigo decir es que nadie le avisó.", "Nadie le avisó."},
		{"it", "Se ho capito bene, la relazione è arrivata tardi.", "La relazione è arrivata tardi."},
		{"it", "Quello che sento è che nessuno L’ha avvisata.", "Nessuno L’ha avvisata."},
		{"nl", "Als ik u goed begrijp, kwam het rapport te laat.", "Het rapport kwam te laat."},
		{"nl", "Als ik u goed begrijp, kwam het herziene rapport te laat.", "Het herziene rapport kwam te laat."},
		{"nl", "Wat ik hoor is dat het rapport te laat kwam.", "Het rapport kwam te laat."},
		{"nl", "U zegt dus dat het rapport te laat is gekomen.", "Het rapport is te laat gekomen."},
	} {
		if got := StripLeadIn(c.lang, c.in); got != c.want {
			t.Errorf("StripLeadIn(%s, %q) = %q, want %q", c.lang, c.in, got, c.want)
		}
	}
}

func TestRemedySentences(t *testing.T) {
	day := time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		lang string
		r    Remedy
		want string
	}{
		{"en", Remedy{Kind: "discount_amount", Amount: 45000, Currency: "EUR", Description: "December reporting fee waived"},
			"A discount of 450.00\u00a0EUR (December reporting fee waived)."},
		{"en", Remedy{Kind: "discount_amount", Amount: 45000, Currency: "EUR"}, "A discount of 450.00\u00a0EUR."},
		{"en", Remedy{Kind: "discount_percent", Percent: 15, Description: "off the report invoice"}, "A discount of 15% off the report invoice."},
		{"en", Remedy{Kind: "discount_percent", Percent: 15}, "A discount of 15%."},
		{"en", Remedy{Kind: "discount_percent", Description: "on the next workshop"}, "A discount on the next workshop."},
		{"en", Remedy{Kind: "refund", Amount: 120000, Currency: "GBP", Due: day}, "A refund of 1,200.00\u00a0GBP, by 8 December 2026."},
		{"en", Remedy{Kind: "refund", Description: "the workshop fee"}, "A refund (the workshop fee)."},
		{"en", Remedy{Kind: "credit", Amount: 360000, Currency: "EUR", Description: "four workshop days credited"},
			"A credit of 3,600.00\u00a0EUR (four workshop days credited)."},
		{"en", Remedy{Kind: "credit"}, "A credit."},
		{"en", Remedy{Kind: "replacement", Description: "The last deliverable reworked in full"}, "The last deliverable reworked in full."},
		{"en", Remedy{Kind: "replacement"}, "A replacement, free of charge."},
		{"en", Remedy{Kind: "additional_service", Description: "Two days on site", Amount: 200000, Currency: "EUR"},
			"Two days on site (worth 2,000.00\u00a0EUR)."},
		{"en", Remedy{Kind: "additional_service"}, "Additional work, free of charge."},
		{"en", Remedy{Kind: "other", Description: "A fixed weekly call with the project lead."}, "A fixed weekly call with the project lead."},
		{"en", Remedy{Kind: "discount_amount", Value: "450.00 EUR", Description: "December fee"}, "A discount of 450.00 EUR (December fee)."},
		{"de", Remedy{Kind: "discount_amount", Amount: 45000, Currency: "EUR", Description: "Dezembergebühr erlassen"},
			"Ein Nachlass von 450,00\u00a0EUR (Dezembergebühr erlassen)."},
		{"de", Remedy{Kind: "credit", Amount: 360000, Currency: "EUR", Due: day}, "Eine Gutschrift über 3.600,00\u00a0EUR bis zum 8. Dezember 2026."},
		{"fr", Remedy{Kind: "refund", Amount: 360000, Currency: "EUR"}, "Un remboursement de 3\u202f600,00\u00a0EUR."},
		{"es", Remedy{Kind: "discount_percent", Percent: 10, Description: "sobre la próxima factura"}, "Un descuento del 10\u00a0% sobre la próxima factura."},
		{"it", Remedy{Kind: "replacement"}, "Una sostituzione senza costi."},
		{"nl", Remedy{Kind: "credit", Amount: 360000, Currency: "EUR"}, "Een creditnota van EUR\u00a03.600,00."},
	} {
		in := Sample(Apology, c.lang)
		in.Complaint.Remedies = []Remedy{c.r}
		v := newView(in)
		if len(v.Complaint.RemedyLines) != 1 || v.Complaint.RemedyLines[0] != c.want {
			t.Errorf("%s %+v:\n got %q\nwant %q", c.lang, c.r, v.Complaint.RemedyLines, c.want)
		}
	}
}

func TestCommitmentSentences(t *testing.T) {
	at := time.Date(2026, 12, 8, 16, 0, 0, 0, time.UTC)
	day := time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		lang string
		we   bool
		m    Commitment
		want string
	}{
		{"en", false, Commitment{What: "Email the revised report", Due: at, Channel: "Email"},
			"I will email the revised report by Tuesday 8 December 2026 at 16:00."},
		{"en", true, Commitment{What: "Send the revised report", Due: at, Channel: "Email"},
			"We will send the revised report by email by Tuesday 8 December 2026 at 16:00."},
		{"en", false, Commitment{What: "call to go through the figures.", Due: day, Channel: "Phone"},
			"I will call to go through the figures by Tuesday 8 December 2026."},
		{"en", false, Commitment{What: "Agree the new schedule", Channel: "In person"}, "I will agree the new schedule in person."},
		{"en", false, Commitment{What: "PDF of the minutes to the board", Due: day}, "I will PDF of the minutes to the board by Tuesday 8 December 2026."},
		{"de", false, Commitment{What: "den überarbeiteten Bericht schicken", Due: at, Channel: "Email"},
			"Bis Dienstag, 8. Dezember 2026, 16:00 Uhr werde ich den überarbeiteten Bericht per E-Mail schicken."},
		{"de", true, Commitment{What: "den Bericht mailen", Due: at, Channel: "Email"},
			"Bis Dienstag, 8. Dezember 2026, 16:00 Uhr werden wir den Bericht mailen."},
		{"fr", false, Commitment{What: "envoyer le rapport révisé", Due: at, Channel: "Email"},
			"Je m’engage à envoyer le rapport révisé par e-mail d’ici le mardi 8 décembre 2026 à 16 h 00."},
		{"es", true, Commitment{What: "enviar el informe revisado", Due: at, Channel: "Phone"},
			"Nos comprometemos a enviar el informe revisado por teléfono antes del martes 8 de diciembre de 2026 a las 16:00."},
		{"it", false, Commitment{What: "inviare la relazione rivista via e-mail", Due: at, Channel: "Email"},
			"Mi impegno a inviare la relazione rivista via e-mail entro martedì 8 dicembre 2026 alle 16:00."},
		{"nl", false, Commitment{What: "het herziene rapport mailen", Due: at, Channel: "Email"},
			"Uiterlijk dinsdag 8 december 2026 om 16:00 uur zal ik het herziene rapport mailen."},
	} {
		if got := commitmentLine(c.lang, c.we, c.m); got != c.want {
			t.Errorf("%s %+v:\n got %q\nwant %q", c.lang, c.m, got, c.want)
		}
	}
}

// wordsOnly is the sample with the client's and the consultant's own words taken out,
// so that what is left of a draft is the template's text.
func wordsOnly(k Kind, lang string, we bool) Input {
	in := Sample(k, lang)
	in.We = we
	if c := in.Complaint; c != nil {
		c.Errors, c.Regret, c.Record = nil, "", "x"
	}
	return in
}

func TestVoiceIsKept(t *testing.T) {
	solo := map[string]*regexp.Regexp{
		"en": regexp.MustCompile(`\b(I|me|my|myself)\b`),
		"de": regexp.MustCompile(`\b(ich|mir|mich|mein|meine|meiner|meinen)\b`),
	}
	firm := map[string]*regexp.Regexp{
		// "we" and "our" for the client and the consultant together are allowed:
		// "when we spoke", "what we agreed", "our work together".
		"en": regexp.MustCompile(`\b(us|ourselves|we were|we are|we want|we offer|we will|we have (decided|changed|taken)|we learned|our door|our decision|our side)\b`),
		"de": regexp.MustCompile(`\b(uns|unsere Tür|wir waren|bieten wir|ändern wir|wir möchten|wir wünschen|haben wir zusammengefasst)\b`),
	}
	for _, lang := range []string{"en", "de"} {
		for _, k := range Kinds() {
			alone := mustWrite(t, wordsOnly(k, lang, false)).Text()
			asFirm := mustWrite(t, wordsOnly(k, lang, true)).Text()
			if m := firm[lang].FindString(alone); m != "" {
				t.Errorf("%s %s written alone says %q:\n%s", lang, k, m, alone)
			}
			if m := solo[lang].FindString(asFirm); m != "" {
				t.Errorf("%s %s written as a firm says %q:\n%s", lang, k, m, asFirm)
			}
		}
	}
}

// englishWords are words of English that are not also words of the other five languages.
var englishWords = regexp.MustCompile(`(?i)\b(the|and|you|your|with|thank|thanks|please|sorry|regards|would|will|have|what|when|this|that|for|dear|kind|january|february|march|june|july|october|december|monday|tuesday|wednesday|thursday|friday)\b`)

// gaps are traces of a value that was missing when the draft was written.
var gaps = regexp.MustCompile(`<no value>|%!|  |\( *\)| [,.;:]|\.\.|„“|“”|«\s*»`)

var greetingOf = map[string]*regexp.Regexp{
	"en": regexp.MustCompile(`^Dear `), "de": regexp.MustCompile(`^(Sehr geehrte|Guten Tag) `),
	"fr": regexp.MustCompile(`^(Chère|Cher|Bonjour|Madame) `), "es": regexp.MustCompile(`^Estimad(o|a|o/a) `),
	"it": regexp.MustCompile(`^Gentile `), "nl": regexp.MustCompile(`^(Geachte|Beste) `),
}

func TestEveryKindInEveryLanguage(t *testing.T) {
	for _, lang := range Languages() {
		for _, k := range Kinds() {
			for _, we := range []bool{false, true} {
				for _, pref := range []string{"", "Dear Ms Ørsted", "Sehr geehrte Frau Ørsted", "Chère Madame Ørsted"} {
					in := Sample(k, lang)
					in.We = we
					if pref != "" {
						in.Client.Salutation = pref
					}
					d := mustWrite(t, in)
					text := d.Text()
					name := string(k) + "." + lang
					if m := gaps.FindString(text); m != "" {
						t.Errorf("%s (we=%v): a gap %q:\n%s", name, we, m, text)
					}
					if k != Closing && strings.Contains(text, "[") {
						t.Errorf("%s (we=%v): a placeholder although every value is given:\n%s", name, we, text)
					}
					if lang != "en" {
						if m := englishWords.FindString(text); m != "" {
							t.Errorf("%s (we=%v): English %q in the letter:\n%s", name, we, m, text)
						}
					}
					if !greetingOf[lang].MatchString(d.Salutation) {
						t.Errorf("%s (we=%v, preferred %q): salutation %q is not in the letter's language", name, we, pref, d.Salutation)
					}
					if d.Closing != DefaultSignOff(lang) || d.Subject == "" || len(d.Body) < 3 {
						t.Errorf("%s (we=%v): incomplete draft %+v", name, we, d)
					}
					if k == Apology {
						for _, w := range Check(k, d, CheckOptions{}) {
							t.Errorf("%s (we=%v): the check warns about the default letter: %s", name, we, w.Msg)
						}
					}
				}
			}
		}
	}
}

func TestDateLine(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		lang, country, place, paper, want string
		right                             bool
	}{
		{"en", "United Kingdom", "Bristol", "A4", "1 December 2026", false},
		{"en", "Ireland", "Cork", "A4", "1 December 2026", false},
		{"en", "United States", "Boston", "Letter", "December 1, 2026", false},
		{"en", "Germany", "Berlin", "A4", "1 December 2026", false},
		{"de", "Germany", "Berlin", "A4", "Berlin, 1. Dezember 2026", true},
		{"de", "Germany", "", "A4", "1. Dezember 2026", true},
		{"de", "Germany", "Berlin", "Letter", "Berlin, 1. Dezember 2026", false},
		{"fr", "France", "Paris", "A4", "Paris, le 1er décembre 2026", true},
		{"es", "España", "Madrid", "A4", "Madrid, 1 de diciembre de 2026", true},
		{"it", "Italia", "Milano", "A4", "Milano, 1º dicembre 2026", true},
		{"nl", "Nederland", "Utrecht", "A4", "Utrecht, 1 december 2026", false},
	} {
		got, right := DateLine(c.lang, c.country, c.place, day, c.paper)
		if got != c.want || right != c.right {
			t.Errorf("DateLine(%s, %s, %s, %s) = %q, right %v; want %q, %v", c.lang, c.country, c.place, c.paper, got, right, c.want, c.right)
		}
	}
}
