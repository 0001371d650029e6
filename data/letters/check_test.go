package letters

import (
	"strings"
	"testing"
	"time"
)

// sixParts are apologies with all six parts, one sentence each, in the order of
// ApologyPart: regret, explanation, responsibility, repentance, repair, trust.
var sixParts = map[string][6]string{
	"en": {"I am sorry that the report came two weeks late.", "How it came about: nobody owned the delivery date.",
		"I was responsible for the late report.", "It will not happen again, because every deliverable now has a named owner.",
		"To put it right, I will credit 15% of the invoice by Friday.", "I would be grateful for the chance to earn back your trust."},
	"de": {"Es tut mir aufrichtig leid, dass der Bericht zwei Wochen zu spät kam.", "Wie es dazu kam: Niemand war für den Liefertermin zuständig.",
		"Ich war dafür verantwortlich.", "Es wird nicht wieder vorkommen, denn jede Lieferung hat jetzt eine verantwortliche Person.",
		"Als Wiedergutmachung erhalten Sie eine Gutschrift von 15 %.", "Ich wäre dankbar für die Gelegenheit, Ihr Vertrauen zurückzugewinnen."},
	"fr": {"Je regrette sincèrement que le rapport soit arrivé avec deux semaines de retard.", "Comment c’est arrivé : personne n’était chargé de la date de livraison.",
		"J’en porte la responsabilité.", "Cela ne se reproduira pas, car chaque livrable a désormais un responsable.",
		"Pour réparer cela, je vous propose une remise de 15 %.", "J’espère avoir l’occasion de regagner votre confiance."},
	"es": {"Lamento sinceramente que el informe llegara con dos semanas de retraso.", "Cómo ocurrió: nadie se ocupaba de la fecha de entrega.",
		"Fui responsable del retraso.", "No volverá a ocurrir, porque cada entrega tiene ahora un responsable.",
		"Para remediarlo, le ofrezco un descuento.", "Le agradecería la oportunidad de recuperar su confianza."},
	"it": {"Mi scuso sinceramente per il ritardo di due settimane della relazione.", "Com’è successo: nessuno seguiva la data di consegna.",
		"La responsabilità è mia.", "Non succederà più, perché ogni consegna ha ora un responsabile.",
		"Per rimediare, Le offro uno sconto.", "Spero di avere l’occasione di riconquistare la Sua fiducia."},
	"nl": {"Het spijt me oprecht dat het rapport twee weken te laat kwam.", "Hoe het zo kwam: niemand was verantwoordelijk voor de leverdatum.",
		"Ik was hiervoor verantwoordelijk.", "Het zal niet opnieuw gebeuren, want elke levering heeft nu een vaste verantwoordelijke.",
		"Om het goed te maken, bied ik u korting.", "Ik zou het waarderen als u mij de kans geeft uw vertrouwen terug te winnen."},
}

func apologyOf(lang string, leave ...ApologyPart) string {
	var out []string
	for i, s := range sixParts[lang] {
		drop := false
		for _, p := range leave {
			drop = drop || int(p) == i
		}
		if !drop {
			out = append(out, s)
		}
	}
	return strings.Join(out, " ")
}

func codesOf(ws []Warning) string {
	var got []string
	for _, w := range ws {
		got = append(got, w.Code)
	}
	return strings.Join(got, ",")
}

func TestCheck(t *testing.T) {
	good, goodDE := apologyOf("en"), apologyOf("de")
	cases := []struct {
		name  string
		kind  Kind
		body  string
		opt   CheckOptions
		codes []string
		words []string // phrases the warnings must name
	}{
		{"good apology", Apology, good, CheckOptions{}, nil, nil},
		{"good German apology", Apology, goodDE, CheckOptions{}, nil, nil},
		{"no responsibility", Apology, apologyOf("en", PartResponsibility), CheckOptions{}, []string{"no-responsibility"}, nil},
		{"no repair", Apology, apologyOf("en", PartRepair), CheckOptions{}, []string{"no-repair"}, nil},
		{"neither", Apology, apologyOf("en", PartResponsibility, PartRepair), CheckOptions{}, []string{"no-responsibility", "no-repair"}, nil},
		{"sorry you feel", Apology, good + " I'm sorry you feel that way.", CheckOptions{}, []string{"non-apology"}, []string{"sorry you feel"}},
		{"curly apostrophe", Apology, good + " I’m sorry,  but the deadline was tight.", CheckOptions{}, []string{"non-apology"}, []string{"i'm sorry, but"}},
		{"if you were offended", Apology, good + " If you were offended, I apologise.", CheckOptions{}, []string{"non-apology"}, []string{"if you were offended"}},
		{"mistakes were made", Apology, good + "\nMistakes were made.", CheckOptions{}, []string{"non-apology"}, []string{"mistakes were made"}},
		{"sorry if", Apology, good + " Sorry if this caused trouble.", CheckOptions{}, []string{"non-apology"}, []string{"sorry if"}},
		{"regret any inconvenience", Apology, good + " We regret any inconvenience.", CheckOptions{}, []string{"non-apology"}, []string{"regret any inconvenience"}},
		{"German feelings", Apology, goodDE + " Es tut mir leid, dass Sie sich so fühlen.", CheckOptions{}, []string{"non-apology"}, []string{"tut mir leid, dass sie sich"}},
		{"German conditional", Apology, goodDE + " Falls Sie sich gekränkt gefühlt haben, bitte ich um Entschuldigung.", CheckOptions{}, []string{"non-apology"}, []string{"falls sie sich gekränkt gefühlt haben"}},
		{"German passive", Apology, goodDE + " Es wurden Fehler gemacht.", CheckOptions{}, []string{"non-apology"}, []string{"es wurden fehler gemacht"}},
		{"German inconvenience", Apology, goodDE + " Wir bitten, etwaige Unannehmlichkeiten zu entschuldigen.", CheckOptions{}, []string{"non-apology"}, []string{"etwaige unannehmlichkeiten"}},
		{"good French apology", Apology, apologyOf("fr"), CheckOptions{}, nil, nil},
		{"French conditional", Apology, apologyOf("fr") + " Désolé si cela vous a gêné.", CheckOptions{}, []string{"non-apology"}, []string{"désolé si"}},
		{"French passive", Apology, apologyOf("fr", PartResponsibility) + " Des erreurs ont été commises.", CheckOptions{}, []string{"no-responsibility", "non-apology"}, []string{"des erreurs ont été commises"}},
		{"good Spanish apology", Apology, apologyOf("es"), CheckOptions{}, nil, nil},
		{"Spanish inconvenience", Apology, apologyOf("es") + " Lamentamos cualquier molestia.", CheckOptions{}, []string{"non-apology"}, []string{"lamentamos cualquier molestia"}},
		{"good Italian apology", Apology, apologyOf("it"), CheckOptions{}, nil, nil},
		{"Italian but", Apology, apologyOf("it") + " Mi dispiace, ma i tempi erano stretti.", CheckOptions{}, []string{"non-apology"}, []string{"mi dispiace, ma"}},
		{"good Dutch apology", Apology, apologyOf("nl"), CheckOptions{}, nil, nil},
		{"Dutch feelings", Apology, apologyOf("nl") + " Het spijt me dat u zich zo voelt.", CheckOptions{}, []string{"non-apology"}, []string{"spijt me dat u zich zo voelt"}},
		{"French claims agreement", Apology, apologyOf("fr") + " Vous m’avez confirmé mon résumé.", CheckOptions{NotConfirmed: true}, []string{"claims-agreement"}, nil},
		{"placeholder does not count as repair", Apology, apologyOf("en", PartRepair) + " [Say what you will do to put it right.]", CheckOptions{}, []string{"no-repair", "placeholder"}, nil},
		{"claims agreement when not confirmed", Apology, good + " You confirmed that I understood you.", CheckOptions{NotConfirmed: true}, []string{"claims-agreement"}, []string{"you confirmed"}},
		{"agreement fine when confirmed", Apology, good + " You confirmed that I understood you.", CheckOptions{}, nil, nil},
		{"thank-you not checked as apology", Thanks, "Thank you for your feedback. Sorry if it took long.", CheckOptions{}, nil, nil},
		{"placeholder in thank-you", Thanks, "Thanks. [What you changed.]", CheckOptions{}, []string{"placeholder"}, []string{"[What you changed.]"}},
		{"blame in a thank-you", Thanks, "Thank you. Our subcontractor has been replaced.", CheckOptions{}, []string{CodeBlamesPerson}, []string{"our subcontractor"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ws := Check(c.kind, Draft{Subject: "S", Body: SplitBody(c.body), Signer: "Anna"}, c.opt)
			all := ""
			for _, w := range ws {
				all += w.Phrase + " | " + w.Msg + "\n"
				if w.Msg == "" {
					t.Errorf("warning %s has no message", w.Code)
				}
			}
			if got := codesOf(ws); got != strings.Join(c.codes, ",") {
				t.Fatalf("codes = %v, want %v\n%s", got, c.codes, all)
			}
			for _, p := range c.words {
				if !strings.Contains(all, p) {
					t.Errorf("warnings do not name %q:\n%s", p, all)
				}
			}
		})
	}
}

// The six-part checklist: each part left out is named, in every language; regret must be
// specific and come before the explanation.
func TestApologyChecklist(t *testing.T) {
	code := [...]string{"no-regret", "no-explanation", "no-responsibility", "no-repentance", "no-repair", "no-trust"}
	for _, lang := range Languages() {
		full := Draft{Body: []string{apologyOf(lang)}, Signer: "Anna"}
		for _, p := range ApologyParts(full) {
			if !p.OK {
				t.Errorf("%s: complete apology misses %s: %s", lang, p.Part.Label(), p.Note)
			}
		}
		if ws := Check(Apology, full, CheckOptions{}); len(ws) != 0 {
			t.Errorf("%s: complete apology draws %v", lang, codesOf(ws))
		}
		for part := PartRegret; part <= PartTrust; part++ {
			d := Draft{Body: []string{apologyOf(lang, part)}, Signer: "Anna"}
			if got := codesOf(Check(Apology, d, CheckOptions{})); got != code[part] {
				t.Errorf("%s without %s: %q, want %q", lang, part.Label(), got, code[part])
			}
			for _, p := range ApologyParts(d) {
				if p.OK == (p.Part == part) {
					t.Errorf("%s without %s: checklist says %s is %v", lang, part.Label(), p.Part.Label(), p.OK)
				}
			}
		}
		// Regret after the explanation reads as an afterthought.
		s := sixParts[lang]
		late := strings.Join([]string{s[1], s[0], s[2], s[3], s[4], s[5]}, " ")
		if got := codesOf(Check(Apology, Draft{Body: []string{late}, Signer: "A"}, CheckOptions{})); got != "regret-late" {
			t.Errorf("%s regret after the explanation: %q", lang, got)
		}
	}
	bare := map[string]string{"en": "I am sorry.", "de": "Es tut mir leid.", "fr": "Toutes mes excuses.",
		"es": "Lo siento mucho.", "it": "Mi dispiace.", "nl": "Het spijt me."}
	for lang, b := range bare {
		d := Draft{Body: []string{b + " " + apologyOf(lang, PartRegret)}, Signer: "A"}
		if got := codesOf(Check(Apology, d, CheckOptions{})); got != "regret-vague" {
			t.Errorf("%s bare %q: %q", lang, b, got)
		}
	}
}

// Blame and excuse phrases are flagged in every language.
func TestBlamePhrasesInEveryLanguage(t *testing.T) {
	for _, c := range []struct {
		lang, text, code, phrase string
	}{
		{"en", "The report was late because our subcontractor missed the date.", CodeBlamesPerson, "our subcontractor"},
		{"en", "My colleague forgot to send it.", CodeBlamesPerson, "my colleague"},
		{"en", "Nobody owned it once the analyst fell ill.", CodeBlamesPerson, "the analyst"},
		{"en", "Unfortunately, due to the holidays, it was late.", CodeExcuse, "unfortunately, due to"},
		{"en", "This was outside our control.", CodeExcuse, "outside our control"},
		{"en", "You should have told us earlier.", CodeBlamesClient, "you should have"},
		{"de", "Unser Subunternehmer hat den Termin verpasst.", CodeBlamesPerson, "unser subunternehmer"},
		{"de", "Meine Kollegin hat es vergessen.", CodeBlamesPerson, "meine kollegin"},
		{"de", "Leider aufgrund der Feiertage kam es zu spät.", CodeExcuse, "leider aufgrund"},
		{"de", "Das lag außerhalb unserer Kontrolle.", CodeExcuse, "außerhalb unserer kontrolle"},
		{"de", "Sie hätten uns früher Bescheid geben sollen.", CodeBlamesClient, "sie hätten uns früher bescheid geben sollen"},
		{"fr", "Notre sous-traitant a manqué la date.", CodeBlamesPerson, "notre sous-traitant"},
		{"fr", "Mon collègue a oublié l’envoi.", CodeBlamesPerson, "mon collègue"},
		{"fr", "Malheureusement, en raison des congés, il était en retard.", CodeExcuse, "malheureusement, en raison"},
		{"fr", "C’était indépendant de notre volonté.", CodeExcuse, "indépendant de notre volonté"},
		{"fr", "Vous auriez dû nous prévenir.", CodeBlamesClient, "vous auriez dû"},
		{"es", "Nuestro subcontratista no cumplió la fecha.", CodeBlamesPerson, "nuestro subcontratista"},
		{"es", "Mi compañera lo olvidó.", CodeBlamesPerson, "mi compañera"},
		{"es", "Lamentablemente, debido a las vacaciones, llegó tarde.", CodeExcuse, "lamentablemente, debido a"},
		{"es", "Estaba fuera de nuestro control.", CodeExcuse, "fuera de nuestro control"},
		{"es", "Usted debería haber avisado antes.", CodeBlamesClient, "usted debería haber"},
		{"es", "El analista enfermó.", CodeBlamesPerson, "enfermó"},
		{"it", "Il nostro subappaltatore ha mancato la data.", CodeBlamesPerson, "il nostro subappaltatore"},
		{"it", "Il mio collega se n’è dimenticato.", CodeBlamesPerson, "il mio collega"},
		{"it", "Purtroppo, a causa delle ferie, è arrivato tardi.", CodeExcuse, "purtroppo, a causa"},
		{"it", "Era al di fuori del nostro controllo.", CodeExcuse, "al di fuori del nostro controllo"},
		{"it", "Lei avrebbe dovuto avvisarci prima.", CodeBlamesClient, "lei avrebbe dovuto"},
		{"nl", "Onze onderaannemer heeft de datum gemist.", CodeBlamesPerson, "onze onderaannemer"},
		{"nl", "Mijn collega is het vergeten.", CodeBlamesPerson, "mijn collega"},
		{"nl", "Helaas door de feestdagen was het te laat.", CodeExcuse, "helaas door"},
		{"nl", "Dat lag buiten onze macht.", CodeExcuse, "buiten onze macht"},
		{"nl", "U had ons eerder moeten bellen.", CodeBlamesClient, "u had ons eerder moeten"},
	} {
		ws := Blame(c.text)
		found := false
		for _, w := range ws {
			found = found || (w.Code == c.code && w.Phrase == c.phrase && w.Msg != "")
		}
		if !found {
			t.Errorf("%s %q: %+v, want %s %q", c.lang, c.text, ws, c.code, c.phrase)
		}
		// And in a letter of any kind, through the check.
		if !strings.Contains(codesOf(Check(Thanks, Draft{Body: []string{c.text}, Signer: "A"}, CheckOptions{})), c.code) {
			t.Errorf("%s %q not flagged by the check", c.lang, c.text)
		}
	}
	// What an apology should say is not blame.
	for _, lang := range Languages() {
		if ws := Blame(apologyOf(lang)); len(ws) != 0 {
			t.Errorf("%s: a blameless apology flagged: %+v", lang, ws)
		}
	}
}

// A promise whose time has passed is named by the check, never printed as one still to
// come; one kept is written as kept.
func TestPastPromises(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	past := Commitment{What: "email the regional figures", Due: time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC), Channel: "Email"}
	kept := past
	kept.What, kept.Channel, kept.Done = "call you", "Phone", time.Date(2026, 11, 30, 11, 0, 0, 0, time.UTC)
	future := Commitment{What: "send the corrected invoice", Due: time.Date(2026, 12, 3, 16, 0, 0, 0, time.UTC), Channel: "Email"}
	in := Sample(Apology, "en")
	in.Date = now
	in.Complaint.Commitments = []Commitment{past, kept, future}
	d := mustWrite(t, in)
	text := d.Text()
	wantAll(t, text,
		"I promised to email the regional figures by Monday 30 November 2026 at 16:00, and I have not yet done so. [Say by when you will do it now.]",
		"I promised to call you by Monday 30 November 2026 at 16:00, and did so on 30 November 2026.",
		"I will send the corrected invoice by email by Thursday 3 December 2026 at 16:00.")
	wantNone(t, text, "I will email the regional figures by Monday 30 November", "I will call you")
	o := CheckOptions{Lang: "en", Now: now, Promises: in.Complaint.Commitments}
	ws := Check(Apology, d, o)
	var past1 *Warning
	for i := range ws {
		if ws[i].Code == CodePastPromise {
			past1 = &ws[i]
		}
	}
	if past1 == nil || past1.Promise != 1 || !strings.Contains(past1.Msg, "Monday 30 November 2026 at 16:00") {
		t.Fatalf("past promise not named: %v", ws)
	}
	// A draft kept from before still promising it as to come is flagged as such.
	stale := Draft{Body: []string{apologyOf("en"), "I will email the regional figures by Monday 30 November 2026 at 16:00."}, Signer: "A"}
	if got := codesOf(Check(Apology, stale, o)); got != CodePastPromiseText {
		t.Errorf("stale draft: %q", got)
	}
	// In every language the draft says it plainly.
	for _, lang := range Languages() {
		in := Sample(Apology, lang)
		in.Date = now
		in.Complaint.Commitments = []Commitment{past}
		d := mustWrite(t, in)
		if strings.Contains(d.Text(), commitmentLine(lang, false, past)) {
			t.Errorf("%s: the past promise is printed as to come:\n%s", lang, d.Text())
		}
		if !strings.Contains(d.Text(), "[") {
			t.Errorf("%s: no gap for the new date:\n%s", lang, d.Text())
		}
	}
}

func TestCheckNoSigner(t *testing.T) {
	ws := Check(Thanks, Draft{Body: []string{"Thank you."}}, CheckOptions{})
	if len(ws) != 1 || ws[0].Code != "no-signer" {
		t.Fatalf("warnings = %v", ws)
	}
}
