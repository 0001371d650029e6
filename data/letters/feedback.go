package letters

import "strings"

// feedbackWords is the feedback request in one language.
type feedbackWords struct {
	subject, intro, reply, satisfied, recommend, differently, thanks string
}

// feedbackRequests holds the request in every letter language: a client is asked in
// their own language, never in English under a French salutation. Only German goes on
// in lower case after the salutation's comma.
var feedbackRequests = map[string]feedbackWords{
	"en": {"How are we doing?",
		"I would like to know how our work together is going for you: what works well, and what I could do better.",
		"If you have two minutes, just reply to this email:",
		"How satisfied are you overall? (1 = not at all, 5 = very)",
		"How likely are you to recommend me? (0 = not at all, 10 = certainly)",
		"What should I do differently?",
		"Every answer helps, a critical one too. Thank you!"},
	"de": {"Wie zufrieden sind Sie mit unserer Zusammenarbeit?",
		"ich möchte gern wissen, wie Sie unsere Zusammenarbeit erleben – was gut läuft und was ich besser machen kann.",
		"Wenn Sie zwei Minuten haben, antworten Sie einfach auf diese E-Mail:",
		"Wie zufrieden sind Sie insgesamt? (1 = gar nicht, 5 = sehr)",
		"Wie wahrscheinlich ist es, dass Sie mich weiterempfehlen? (0 = gar nicht, 10 = sicher)",
		"Was sollte ich anders machen?",
		"Jede Antwort hilft mir, auch eine kritische. Vielen Dank!"},
	"fr": {"Comment se passe notre collaboration ?",
		"J’aimerais savoir comment vous vivez notre collaboration : ce qui fonctionne bien, et ce que je pourrais mieux faire.",
		"Si vous avez deux minutes, répondez simplement à ce courriel :",
		"Dans l’ensemble, quel est votre degré de satisfaction ? (1 = très faible, 5 = très élevé)",
		"Quelle est la probabilité que vous me recommandiez ? (0 = aucune, 10 = certainement)",
		"Que devrais-je faire autrement ?",
		"Chaque réponse m’aide, une critique aussi. Merci beaucoup !"},
	"es": {"¿Cómo va nuestra colaboración?",
		"Me gustaría saber cómo está viviendo nuestra colaboración: qué funciona bien y qué podría hacer mejor.",
		"Si tiene dos minutos, basta con responder a este correo:",
		"En general, ¿cuál es su grado de satisfacción? (1 = ninguno, 5 = muy alto)",
		"¿Qué probabilidad hay de que me recomiende? (0 = ninguna, 10 = segura)",
		"¿Qué debería hacer de otra manera?",
		"Cada respuesta me ayuda, también una crítica. ¡Muchas gracias!"},
	"it": {"Come sta andando la nostra collaborazione?",
		"Vorrei sapere come sta vivendo la nostra collaborazione: che cosa funziona bene e che cosa potrei fare meglio.",
		"Se ha due minuti, risponda semplicemente a questa e-mail:",
		"Nel complesso, qual è il suo grado di soddisfazione? (1 = nullo, 5 = molto alto)",
		"Quanto è probabile che mi raccomandi? (0 = per niente, 10 = sicuramente)",
		"Che cosa dovrei fare diversamente?",
		"Ogni risposta mi aiuta, anche una critica. Grazie mille!"},
	"nl": {"Hoe bevalt onze samenwerking?",
		"Ik wil graag weten hoe u onze samenwerking ervaart: wat goed gaat en wat ik beter kan doen.",
		"Als u twee minuten hebt, beantwoord dan gewoon deze e-mail:",
		"Hoe tevreden bent u in het algemeen? (1 = helemaal niet, 5 = zeer)",
		"Hoe waarschijnlijk is het dat u mij aanbeveelt? (0 = helemaal niet, 10 = zeker)",
		"Wat zou ik anders moeten doen?",
		"Elk antwoord helpt me, ook een kritisch. Hartelijk dank!"},
}

// FeedbackRequest is the short email that asks a client how the work is going, in lang
// (a letter language; English for any other): a subject and a plain-text body signed by
// the sender. It asks the two questions Amends records (satisfaction 1–5, would
// recommend 0–10) and leaves room for their own words, without pressing for a good score.
func FeedbackRequest(lang string, c Client, s Sender) (subject, body string) {
	lang = normLang(lang)
	w, ok := feedbackRequests[lang]
	if !ok {
		lang, w = "en", feedbackRequests["en"]
	}
	signOff := strings.TrimSpace(s.SignOff)
	if signOff == "" {
		signOff = DefaultSignOff(lang)
	}
	body = salutation(lang, c) + "\n\n" + w.intro + "\n\n" + w.reply + "\n\n" +
		"1. " + w.satisfied + "\n2. " + w.recommend + "\n3. " + w.differently + "\n\n" +
		w.thanks + "\n\n" + signOff
	sign := strings.TrimSpace(s.Name)
	if b := strings.TrimSpace(s.Business); b != "" {
		sign = strings.TrimSpace(sign + "\n" + b)
	}
	if sign != "" {
		body += "\n" + sign
	}
	return w.subject, body
}
