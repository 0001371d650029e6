package letters

import (
	"fmt"
	"strings"
	"time"

	"github.com/amends/amends/data"
)

// talk is what a language says outside letters proper: the restatement said back to the
// client and its closing question, the words of the live conversation (openers, what not
// to say, the nudges), and how a promise already due is written in a letter.
type talk struct {
	// restate builds "So what I'm hearing is that …, and that …. You feel …. Did I get
	// that right?" from the parts; each part may be empty.
	restate func(what, impact, feeling string) string
	// checks are the closing questions of a restatement; the first is the one said.
	checks []string
	// kept writes a promise done: "I promised to %s by %s, and did so on %s."
	kept func(we bool, what, when, done string) string
	// overdue writes a promise not kept in time, with a gap for the new date.
	overdue func(we bool, what, when string) string
	// impactJoin joins what happened and its impact when a letter quotes the parts.
	impactJoin string
	script     Script
}

// Script is what to say, and not to say, in the conversation with an unhappy client, in
// one language.
type Script struct {
	Openers      []string // suggested first words, to be edited
	DontSay      []string // phrases that make it worse
	AnythingElse string   // the nudge while listening
	Ask          string   // asking for the client's own fix
	ReadBack     string   // before the client agrees to the remedy; in no voice, as what follows is in the letterhead's "I" or "we"
	Thanks       string   // thanking the client for raising it
	NameEmotion  string   // "It sounds as if you feel %s." for naming what the client feels
	Emotions     []string // words for what a client may feel
}

func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// bare trims a part typed into the composer of its end punctuation.
func bare(s string) string { return strings.TrimRight(strings.TrimSpace(s), ".;,!?:") }

var talks = map[string]*talk{
	"en": {
		restate: func(what, impact, feeling string) string {
			s := "So what I'm hearing is"
			if what != "" {
				s += " that " + lowerFirst(what)
			}
			if impact != "" {
				s += ", and that " + lowerFirst(impact)
			}
			s += "."
			if feeling != "" {
				s += " You feel " + lowerFirst(feeling) + "."
			}
			return s
		},
		checks: []string{"Did I get that right?", "Have I got that right?", "Is that right?"},
		kept: func(we bool, what, when, done string) string {
			return fmt.Sprintf("%s promised to %s by %s, and did so %s.", pick(we, "I", "We"), what, when, done)
		},
		overdue: func(we bool, what, when string) string {
			return fmt.Sprintf("%s promised to %s by %s, and %s not yet done so. [Say by when you will do it now.]",
				pick(we, "I", "We"), what, when, pick(we, "I have", "we have"))
		},
		impactJoin: ", and ",
		script: Script{
			Openers: []string{
				"Thank you for taking the time to tell me about this. I want to understand exactly what happened, so I will mostly listen and take notes.",
				"Thank you for raising this with me. Please tell me what happened, from the beginning.",
			},
			DontSay: []string{"Calm down.", "That's our policy.", "You should have …", "Unfortunately, due to …",
				"It was outside our control.", "My colleague / our subcontractor …", "As I already said …"},
			AnythingElse: "Is there anything else?",
			Ask:          "What would put this right for you?",
			ReadBack:     "Before you decide, let me read it all back to you:",
			Thanks:       "Thank you for telling me. Raising it was not your job, and it helps me do better.",
			NameEmotion:  "It sounds as if you feel %s. That makes sense after what happened.",
			Emotions:     []string{"let down", "frustrated", "angry", "embarrassed", "ignored", "worried", "not taken seriously"},
		},
	},
	"de": {
		restate: func(what, impact, feeling string) string {
			s := "Wenn ich Sie richtig verstehe:"
			if what != "" {
				s += " " + upperFirst(what)
			}
			if impact != "" {
				s += ", und " + impact
			}
			s += "."
			if feeling != "" {
				s += " Sie fühlen sich " + feeling + "."
			}
			return s
		},
		checks: []string{"Habe ich das richtig verstanden?", "Stimmt das so?", "Ist das richtig?"},
		kept: func(we bool, what, when, done string) string {
			return fmt.Sprintf("%s bis %s Folgendes zugesagt: %s. Das ist %s geschehen.", pick(we, "Ich hatte", "Wir hatten"), when, what, done)
		},
		overdue: func(we bool, what, when string) string {
			return fmt.Sprintf("%s bis %s Folgendes zugesagt: %s. Das ist noch nicht geschehen. [Schreiben Sie, bis wann Sie es jetzt tun.]",
				pick(we, "Ich hatte", "Wir hatten"), when, what)
		},
		impactJoin: ", und ",
		script: Script{
			Openers: []string{
				"Danke, dass Sie sich die Zeit nehmen, mir das zu schildern. Ich möchte genau verstehen, was passiert ist; ich höre vor allem zu und schreibe mit.",
				"Gut, dass Sie es ansprechen. Erzählen Sie mir bitte von Anfang an, was passiert ist.",
			},
			DontSay: []string{"Beruhigen Sie sich.", "Das sind unsere Richtlinien.", "Sie hätten … sollen.", "Leider aufgrund von …",
				"Das lag außerhalb unserer Kontrolle.", "Mein Kollege / unser Subunternehmer …", "Wie ich schon sagte …"},
			AnythingElse: "Gibt es sonst noch etwas?",
			Ask:          "Was würde es für Sie wieder in Ordnung bringen?",
			ReadBack:     "Bevor Sie sich entscheiden, lese ich Ihnen alles noch einmal vor:",
			Thanks:       "Danke, dass Sie es mir gesagt haben. Das war nicht Ihre Aufgabe, und es hilft mir, besser zu werden.",
			NameEmotion:  "Ich höre heraus, dass Sie %s sind. Das ist nach allem verständlich.",
			Emotions:     []string{"enttäuscht", "frustriert", "verärgert", "bloßgestellt", "übergangen", "besorgt"},
		},
	},
	"fr": {
		restate: func(what, impact, feeling string) string {
			s := "Si je vous comprends bien,"
			if what != "" {
				s += " " + lowerFirst(what)
			}
			if impact != "" {
				s += ", et " + lowerFirst(impact)
			}
			s += "."
			if feeling != "" {
				s += " Vous vous sentez " + lowerFirst(feeling) + "."
			}
			return s
		},
		checks: []string{"Ai-je bien compris ?", "Est-ce bien cela ?", "Est-ce que c’est bien ça ?"},
		kept: func(we bool, what, when, done string) string {
			return fmt.Sprintf("%s promis ceci d’ici %s : %s. C’est chose faite depuis %s.", pick(we, "J’avais", "Nous avions"), when, what, done)
		},
		overdue: func(we bool, what, when string) string {
			return fmt.Sprintf("%s promis ceci d’ici %s : %s. Ce n’est pas encore fait. [Indiquez d’ici quand vous le ferez.]",
				pick(we, "J’avais", "Nous avions"), when, what)
		},
		impactJoin: ", et ",
		script: Script{
			Openers: []string{
				"Merci de prendre le temps de m’en parler. Je veux comprendre exactement ce qui s’est passé : je vais surtout écouter et prendre des notes.",
				"Merci de m’en parler. Racontez-moi, depuis le début, ce qui s’est passé.",
			},
			DontSay: []string{"Calmez-vous.", "C’est notre politique.", "Vous auriez dû …", "Malheureusement, en raison de …",
				"C’était indépendant de notre volonté.", "Mon collègue / notre sous-traitant …", "Comme je l’ai déjà dit …"},
			AnythingElse: "Y a-t-il autre chose ?",
			Ask:          "Qu’est-ce qui arrangerait les choses pour vous ?",
			ReadBack:     "Avant que vous décidiez, je vous relis tout :",
			Thanks:       "Merci de me l’avoir dit. Ce n’était pas à vous de le faire, et cela m’aide à faire mieux.",
			NameEmotion:  "J’entends que vous vous sentez %s. C’est compréhensible après ce qui s’est passé.",
			Emotions:     []string{"déçu", "frustré", "en colère", "gêné", "ignoré", "inquiet"},
		},
	},
	"es": {
		restate: func(what, impact, feeling string) string {
			s := "Si le entiendo bien,"
			if what != "" {
				s += " " + lowerFirst(what)
			}
			if impact != "" {
				s += ", y " + lowerFirst(impact)
			}
			s += "."
			if feeling != "" {
				s += " Se siente " + lowerFirst(feeling) + "."
			}
			return s
		},
		checks: []string{"¿Lo he entendido bien?", "¿Es así?", "¿Es correcto?"},
		kept: func(we bool, what, when, done string) string {
			return fmt.Sprintf("%s a %s antes de%s, y lo %s %s.", pick(we, "Me había comprometido", "Nos habíamos comprometido"),
				what, strings.TrimPrefix(when, "e"), pick(we, "hice", "hicimos"), done)
		},
		overdue: func(we bool, what, when string) string {
			return fmt.Sprintf("%s a %s antes de%s, y todavía no lo %s hecho. [Diga para cuándo lo hará.]",
				pick(we, "Me había comprometido", "Nos habíamos comprometido"), what, strings.TrimPrefix(when, "e"), pick(we, "he", "hemos"))
		},
		impactJoin: ", y ",
		script: Script{
			Openers: []string{
				"Gracias por dedicar tiempo a contármelo. Quiero entender exactamente qué pasó, así que sobre todo escucharé y tomaré notas.",
				"Me alegra que me lo plantee. Cuénteme, desde el principio, qué pasó.",
			},
			DontSay: []string{"Cálmese.", "Es nuestra política.", "Usted debería haber …", "Lamentablemente, debido a …",
				"Estaba fuera de nuestro control.", "Mi compañero / nuestro subcontratista …", "Como ya le dije …"},
			AnythingElse: "¿Hay algo más?",
			Ask:          "¿Qué lo arreglaría para usted?",
			ReadBack:     "Antes de que decida, le leo todo de nuevo:",
			Thanks:       "Gracias por decírmelo. No era su obligación, y me ayuda a hacerlo mejor.",
			NameEmotion:  "Entiendo que se siente %s. Es comprensible después de lo ocurrido.",
			Emotions:     []string{"decepcionado", "frustrado", "enfadado", "avergonzado", "ignorado", "preocupado"},
		},
	},
	"it": {
		restate: func(what, impact, feeling string) string {
			s := "Se ho capito bene,"
			if what != "" {
				s += " " + lowerFirst(what)
			}
			if impact != "" {
				s += ", e " + lowerFirst(impact)
			}
			s += "."
			if feeling != "" {
				s += " Si sente " + lowerFirst(feeling) + "."
			}
			return s
		},
		checks: []string{"Ho capito bene?", "È così?", "È corretto?"},
		kept: func(we bool, what, when, done string) string {
			return fmt.Sprintf("%s promesso di %s entro %s, e l’%s fatto %s.", pick(we, "Avevo", "Avevamo"), what, when, pick(we, "ho", "abbiamo"), done)
		},
		overdue: func(we bool, what, when string) string {
			return fmt.Sprintf("%s promesso di %s entro %s, e non l’%s ancora fatto. [Scriva entro quando lo farà.]",
				pick(we, "Avevo", "Avevamo"), what, when, pick(we, "ho", "abbiamo"))
		},
		impactJoin: ", e ",
		script: Script{
			Openers: []string{
				"Grazie per il tempo che dedica a raccontarmelo. Voglio capire esattamente che cosa è successo: soprattutto ascolterò e prenderò appunti.",
				"Grazie di parlarmene. Mi racconti dall’inizio che cosa è successo.",
			},
			DontSay: []string{"Si calmi.", "È la nostra politica.", "Lei avrebbe dovuto …", "Purtroppo, a causa di …",
				"Era al di fuori del nostro controllo.", "Il mio collega / il nostro subappaltatore …", "Come ho già detto …"},
			AnythingElse: "C’è altro?",
			Ask:          "Che cosa rimetterebbe le cose a posto per Lei?",
			ReadBack:     "Prima che decida, Le rileggo tutto:",
			Thanks:       "Grazie per avermelo detto. Non era compito Suo, e mi aiuta a fare meglio.",
			NameEmotion:  "Sento che si sente %s. È comprensibile, dopo quello che è successo.",
			Emotions:     []string{"deluso", "frustrato", "arrabbiato", "in imbarazzo", "ignorato", "preoccupato"},
		},
	},
	"nl": {
		restate: func(what, impact, feeling string) string {
			s := "Als ik u goed begrijp:"
			if what != "" {
				s += " " + lowerFirst(what)
			}
			if impact != "" {
				s += ", en " + lowerFirst(impact)
			}
			s += "."
			if feeling != "" {
				s += " U voelt zich " + lowerFirst(feeling) + "."
			}
			return s
		},
		checks: []string{"Heb ik het goed begrepen?", "Klopt dat?", "Is dat juist?"},
		kept: func(we bool, what, when, done string) string {
			return fmt.Sprintf("%s uiterlijk %s het volgende beloofd: %s. Dat is %s gebeurd.", pick(we, "Ik had", "Wij hadden"), when, what, done)
		},
		overdue: func(we bool, what, when string) string {
			return fmt.Sprintf("%s uiterlijk %s het volgende beloofd: %s. Dat is nog niet gebeurd. [Schrijf wanneer u het nu doet.]",
				pick(we, "Ik had", "Wij hadden"), when, what)
		},
		impactJoin: ", en ",
		script: Script{
			Openers: []string{
				"Dank u dat u de tijd neemt om mij dit te vertellen. Ik wil precies begrijpen wat er is gebeurd, dus ik luister vooral en maak aantekeningen.",
				"Goed dat u het aankaart. Vertel me alstublieft vanaf het begin wat er is gebeurd.",
			},
			DontSay: []string{"Rustig aan.", "Dat is ons beleid.", "U had … moeten.", "Helaas door …",
				"Dat lag buiten onze macht.", "Mijn collega / onze onderaannemer …", "Zoals ik al zei …"},
			AnythingElse: "Is er nog iets anders?",
			Ask:          "Wat zou het voor u goedmaken?",
			ReadBack:     "Voordat u beslist, lees ik alles nog even voor:",
			Thanks:       "Dank u dat u het mij hebt verteld. Dat was niet uw taak, en het helpt mij het beter te doen.",
			NameEmotion:  "Ik hoor dat u zich %s voelt. Dat is begrijpelijk na wat er is gebeurd.",
			Emotions:     []string{"teleurgesteld", "gefrustreerd", "boos", "in verlegenheid gebracht", "genegeerd", "bezorgd"},
		},
	},
}

func pick(we bool, alone, firm string) string {
	if we {
		return firm
	}
	return alone
}

func talkOf(lang string) *talk { return talks[normLang(lang)] }

// Restatement builds what the consultant says back from the composer's parts, in lang:
// "So what I'm hearing is that the report came two weeks late, and that you faced your
// board without the figures. You feel embarrassed in front of your board. Did I get that
// right?" It is a first version for the consultant to edit. With no part filled in it
// is "".
func Restatement(lang string, p data.RoundParts) string {
	what, impact, feeling := bare(p.What), bare(p.Impact), bare(p.Feeling)
	if what == "" && impact == "" && feeling == "" {
		return ""
	}
	t := talkOf(lang)
	return join(t.restate(what, impact, feeling), t.checks[0])
}

// CheckQuestion is the question that ends a restatement: "Did I get that right?".
func CheckQuestion(lang string) string { return talkOf(lang).checks[0] }

// ScriptFor is what to say in the conversation, in lang.
func ScriptFor(lang string) Script { return talkOf(lang).script }

// stripCheck removes a closing question ("Did I get that right?", in any letter
// language) from the end of a restatement.
func stripCheck(s string) string {
	s = strings.TrimSpace(s)
	for {
		cut := false
		for _, code := range Languages() {
			for _, q := range talks[code].checks {
				if n := len(s) - len(q); n >= 0 && strings.EqualFold(normalise(s[n:]), normalise(q)) {
					s, cut = strings.TrimSpace(s[:n]), true
				}
			}
		}
		if !cut {
			return s
		}
	}
}

// ReadBack is every remedy and promise of a complaint as sentences to say aloud before the
// client agrees, in lang and the sender's voice: the same words the apology prints, made
// by the same code, without drafting the rest of the letter (the blame check over the
// explanation alone took milliseconds, on each card the live mode shows).
func ReadBack(lang string, we bool, k Complaint, now time.Time) []string {
	var cv complaintView
	agreed(&cv, normLang(lang), we, k, now)
	return append(append([]string(nil), cv.RemedyLines...), cv.CommitmentLines...)
}
